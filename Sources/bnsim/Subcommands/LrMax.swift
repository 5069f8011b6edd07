import ArgumentParser
import Config
import Experiment
import Foundation
import Output

extension BNSimCommand {
    struct LrMax: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lr-max",
            abstract: "Learning-rate limits of every sweep point: the convergence window, the divergence limit and the local bound (docs/model.md §6).",
            discussion: """
                training.learning_rate is the searched variable; the lr_search section sets the range, the grid, the \
                bracket tolerance and the ε_g threshold (configs/README.md; the defaults are those of configs/lr-max.yaml). \
                Prints a table (the maximum learning rate is eta_high, the window's upper edge) and writes lr_max.csv \
                (columns: results/README.md), manifest.yaml and, when gnuplot is on PATH, the figure. \
                simulation.enabled: false searches by theory only. A directory holding another config's lr-max results is refused unless --force.
                """
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var execution: ExecutionOptions

        @Flag(help: "Do not draw the figure (by default `bnsim plot` runs afterwards when gnuplot is on PATH).")
        var noPlot = false

        @Flag(help: "Replace lr-max results of another config in the output directory.")
        var force = false

        func run() throws {
            let loaded = ExecutionOptions.load(options)
            let directory = execution.directory(for: loaded)
            Interruption.install { "nothing was written" }
            let written = "\(LrMaxCommand.file) and manifest.yaml were written"
            do {
                try StudyDirectory.check(directory, for: .lrMax, effectiveYAML: loaded.effectiveYAML(), force: force)
                try MemoryEstimate(loaded: loaded, indices: Array(loaded.runs.indices), threads: execution.threads).check(file: loaded.path)
                let points = try LrMaxCommand.run(loaded: loaded, threads: execution.threads, quiet: execution.quiet)
                let table = LrMaxCommand.table(points, sweepKeys: loaded.base.sweep.sweptKeyPaths)
                var files = AtomicFileSet()
                files.add(LrMaxCommand.file, table.text)
                files.add("manifest.yaml", LrMaxCommand.manifest(points, loaded: loaded, overrides: options.overrides))
                // In the same gated step as the write: a signal during it must not say "nothing was written".
                try WriteGate.around { () throws(OutputError) in
                    try files.write(into: directory)
                    Interruption.install { Plot.interrupted(after: written, in: directory) }
                }
                print(LrMaxReport.text(points, base: loaded.base, sweepKeys: loaded.base.sweep.sweptKeyPaths), terminator: "")
                print("wrote \(files.files.map { directory.appendingPathComponent($0.name).path }.joined(separator: ", "))")
            } catch { fail("\(error)") }
            if !noPlot { Plot.afterRun(directory, quiet: execution.quiet, written: written) }
        }
    }
}
