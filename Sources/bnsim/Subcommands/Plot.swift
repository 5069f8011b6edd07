import ArgumentParser
import Experiment
import Foundation

extension BNSimCommand {
    struct Plot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the figures of a results directory with gnuplot (PNG and SVG).",
            discussion: """
                Reads theory.csv, simulation.csv and lr_max.csv of DIR (whichever are there) and writes, next to them, \
                eg, order_parameters and eta_eff (against α), eg_vs_eta (sweeps over the learning rate) and lr_max_vs_M \
                (lr_max.csv) as .png and .svg, with the gnuplot data (.dat) and scripts (.gp) that drew them. More than \
                twelve runs are split into figures per method and batch size (eg-sgd-M4, …). Needs gnuplot on PATH.
                """
        )

        @Argument(help: "A results directory written by bnsim run or bnsim lr-max.")
        var directory: String

        func run() throws {
            let report: PlotReport
            do { report = try PlotCommand.execute(directory: URL(fileURLWithPath: directory)) } catch { fail("\(error)") }
            print("plotted \(report.figures.map { "\($0).png" }.joined(separator: ", ")) (and .svg) in \(report.directory.path)")
        }
    }
}
