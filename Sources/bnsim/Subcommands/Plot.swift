import ArgumentParser
import Experiment
import Foundation

extension BNSimCommand {
    struct Plot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the figures of a results directory with gnuplot (PNG and SVG).",
            discussion: """
                Reads theory.csv, simulation.csv, lr_max.csv, jitter.csv, zeta.csv and convex.csv of DIR (whichever are there) and writes, next to them, \
                eg, order_parameters and eta_eff (against α), eg_vs_eta (sweeps over the learning rate) and lr_max_vs_M \
                (lr_max.csv), jitter_vs_M (jitter.csv), zeta_vs_M and zeta_vs_state (zeta.csv), eg_vs_alpha (ε_g of the global optimum \
                and of GD at each width against α, mean ± s.e. over the instances), gap_vs_width (GD's relative gap against the width, \
                log-log, gaps ≤ 1e-16 drawn at 1e-16, m* marked) and solve_time_vs_P (solve time and pattern count against P, when there \
                are several P) (convex.csv) as .png and .svg, with the gnuplot data (.dat) and scripts (.gp) that drew them. More than \
                twelve runs are split into figures per method and batch size (eg-sgd-M4, …). Needs gnuplot on PATH.
                """
        )

        @Argument(help: "A results directory written by bnsim run, merge, lr-max, zeta, jitter or convex.")
        var directory: String

        func validate() throws { try validateDirectoryArgument(directory, "the results directory") }

        func run() throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { fail("\(directory) does not exist") }
            guard isDirectory.boolValue else { fail("\(directory) is not a directory") }
            let url = URL(fileURLWithPath: directory), progress = PlotProgress()
            Interruption.install { "\(progress.drawnSoFar); rerun `bnsim plot \(url.path)` to draw them all" }
            let report: PlotReport
            do { report = try PlotCommand.execute(directory: url, progress: progress) } catch { fail("\(error)") }
            print("plotted \(report.figures.map { "\($0).png" }.joined(separator: ", ")) (and .svg) in \(report.directory.path)")
        }
    }
}

extension BNSimCommand.Plot {
    /// The figures drawn at the end of `bnsim run`: never an error. Without gnuplot, or when it
    /// fails, one line `plots skipped: …` goes to stderr and the run still exits 0. The figures'
    /// names go to stderr too, so that the run's stdout stays its summary. A signal while they are
    /// drawn says `written` (e.g. "the point and the combined tables were written").
    static func afterRun(_ directory: URL, quiet: Bool, written: String) {
        guard PlotCommand.gnuplot() != nil else {
            FileHandle.standardError.write(Data("plots skipped: gnuplot is not on PATH (apt-get install gnuplot-nox; then bnsim plot \(directory.path))\n".utf8))
            return
        }
        let progress = PlotProgress()
        Interruption.install { interrupted(after: written, in: directory, progress: progress) }
        do {
            let report = try PlotCommand.execute(directory: directory, progress: progress)
            if !quiet { FileHandle.standardError.write(Data("plotted \(report.figures.count) figures (.png, .svg) in \(directory.path)\n".utf8)) }
        } catch {
            FileHandle.standardError.write(Data("plots skipped: \(error)\n".utf8))
        }
    }

    /// What a command interrupted once its tables are written leaves: `written` says which, then
    /// the figures drawn so far.
    static func interrupted(after written: String, in directory: URL, progress: PlotProgress = PlotProgress()) -> String {
        "\(written); \(progress.drawnSoFar): run `bnsim plot \(directory.path)`"
    }
}
