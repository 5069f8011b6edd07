import ArgumentParser
import Config
import Experiment
import Foundation

extension BNSimCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Integrate the theory and run the simulation of every point of a config; write tidy CSVs.",
            discussion: "Writes theory.csv, simulation.csv, comparison.csv (when both engines ran) and manifest.yaml to results/<name>/ (or --output). Column meanings: results/README.md."
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var execution: ExecutionOptions

        func run() throws {
            let loaded = ExecutionOptions.load(options)
            let directory = execution.directory(for: loaded)
            let report: RunReport
            do {
                report = try RunCommand.execute(loaded: loaded, overrides: options.overrides, directory: directory,
                                                threads: execution.threads, quiet: execution.quiet)
            } catch { fail("\(error)") }
            print(report.summary, terminator: "")
            print("wrote \(report.files.map { directory.appendingPathComponent($0).path }.joined(separator: ", "))")
        }
    }
}
