import ArgumentParser
import Experiment
import Foundation

extension BNSimCommand {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine the shard directories of one sweep into the files one `bnsim run` of the whole sweep writes.",
            discussion: """
                Each DIR is the output of `bnsim run --shard i/n` (any mix of shards; a point found in several must be \
                identical). Checks that all were made by the same config and that together they hold every point, then \
                writes theory.csv, simulation.csv, comparison.csv, manifest.yaml and points/ to --output \
                (default: results/<name>/), byte for byte what a single-machine run writes.
                """
        )

        @Argument(help: "The shard directories.")
        var directories: [String]

        @Option(help: "Directory for the combined results (default: results/<name>/ of the sweep).")
        var output: String?

        @Flag(help: "Discard points of another config already in the output directory.")
        var force = false

        @Flag(help: "Do not draw the figures (by default `bnsim plot` runs after the merge when gnuplot is on PATH, as after a run).")
        var noPlot = false

        func validate() throws {
            if directories.isEmpty { throw ValidationError("give at least one shard directory.") }
            for directory in directories { try validateDirectoryArgument(directory, "a shard directory") }
            try validateOutputDirectory(output)
        }

        func run() throws {
            let inputs = directories.map { URL(fileURLWithPath: $0) }
            Interruption.install { "points copied so far are complete; rerun the same command to finish the merge" }
            let report: MergeReport
            do {
                let target = try output.map { URL(fileURLWithPath: $0) }
                    ?? URL(fileURLWithPath: "results/\(MergeCommand.record(of: inputs).name)")
                report = try MergeCommand.execute(directories: inputs, output: target, force: force)
            } catch { fail("\(error)") }
            let tables = "all \(report.points) points and the combined tables were written"
            Interruption.install { Plot.interrupted(after: tables, in: report.directory) }
            print(report.summary, terminator: "")
            print("merged \(report.points) points from \(directories.count) director\(directories.count == 1 ? "y" : "ies")")
            print("wrote \(report.files.map { report.directory.appendingPathComponent($0).path }.joined(separator: ", "))")
            if !noPlot { Plot.afterRun(report.directory, quiet: true, written: tables) }
        }
    }
}
