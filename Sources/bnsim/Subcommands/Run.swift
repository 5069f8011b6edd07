import ArgumentParser
import Config
import Experiment
import Foundation
import Output

extension BNSimCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Integrate the theory and run the simulation of every point of a config; write tidy CSVs.",
            discussion: """
                Writes theory.csv, simulation.csv, comparison.csv (when both engines ran) and manifest.yaml to \
                results/<name>/ (or --output), and each finished sweep point to points/<run_id>/ as soon as it is done. \
                Rerun into the same directory to resume a killed sweep: finished points are kept; a different config is \
                refused unless --force. With --shard i/n (or inside a SLURM job array) only every n-th point is run, into \
                results/<name>/shard-<i>-of-<n>/ by default; `bnsim merge` combines the shards. Column meanings: results/README.md.
                """
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var execution: ExecutionOptions

        @Option(help: ArgumentHelp(
            "Run only shard i of n (0 ≤ i < n): the points at positions ≡ i mod n. Default: inside a SLURM job array, shard (ID − MIN)/STEP of COUNT from SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT (refusing a one-task or list array); else the whole sweep.",
            valueName: "i/n"))
        var shard: String?

        @Flag(help: "Discard the points already in the output directory (even of another config) and compute every point afresh.")
        var force = false

        @Flag(help: "Do not draw the figures (by default `bnsim plot` runs after the run when gnuplot is on PATH).")
        var noPlot = false

        func validate() throws {
            if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) } }
        }

        func run() throws {
            let loaded = ExecutionOptions.load(options)
            let selected: Shard
            do {
                selected = try shard.map { try Shard(parsing: $0) } ?? Shard.fromSLURM(ProcessInfo.processInfo.environment) ?? .whole
            } catch { fail("\(error)") }
            var directory = execution.directory(for: loaded)
            if execution.output == nil && !selected.isWhole { directory.appendPathComponent(selected.folderName) }
            let ids = loaded.runs.indices.filter(selected.contains).map { loaded.runs[$0].id }
            let points = PointStore(results: directory)
            Interruption.install {
                let kept = points.pointIDs().intersection(ids).count
                return "\(kept) of \(ids.count) points finished and kept in \(points.directory.path), the rest discarded; "
                    + "rerun the same command to resume"
            }
            let report: RunReport
            do {
                report = try RunCommand.execute(loaded: loaded, overrides: options.overrides, directory: directory,
                                                threads: execution.threads, quiet: execution.quiet, shard: selected, force: force)
            } catch { fail("\(error)") }
            // After the tables are written only the figures are left: say so, not "points discarded".
            let tables = "\(ids.count == 1 ? "the point" : "all \(ids.count) points") and the combined tables were written"
            if !report.files.isEmpty { Interruption.install { [directory] in Plot.interrupted(after: tables, in: directory) } }
            print(report.summary, terminator: "")
            if !selected.isWhole {
                print("shard \(selected): \(report.shardRuns) of \(report.totalRuns) points (\(report.computed) computed, \(report.reused) reused) in \(report.points.path)")
            } else if report.reused > 0 {
                print("resumed: \(report.reused) of \(report.totalRuns) points reused from \(report.points.path), \(report.computed) computed")
            }
            if report.files.isEmpty {
                print("the other shards' points are not here: when every shard has finished, run bnsim merge on their directories")
            } else {
                print("wrote \(report.files.map { directory.appendingPathComponent($0).path }.joined(separator: ", "))")
                if !noPlot { Plot.afterRun(directory, quiet: execution.quiet, written: tables) }
            }
        }
    }
}
