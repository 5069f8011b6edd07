import ArgumentParser
import Config
import Experiment
import Foundation

extension BNSimCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Integrate the theory and run the simulation of every point of a config; write tidy CSVs.",
            discussion: "Writes theory.csv, simulation.csv and manifest.yaml to results/<name>/ (or --output). Column meanings: results/README.md."
        )

        @OptionGroup var options: ConfigOptions

        @Option(help: "Directory for the results (default: results/<name>/).")
        var output: String?

        @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(help: "No progress line on stderr.")
        var quiet = false

        func validate() throws {
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads).") }
        }

        func run() throws {
            let loaded: LoadedConfig
            do { loaded = try ConfigLoader.load(path: options.config, overrides: options.overrides) } catch { fail(error.description) }
            let directory = URL(fileURLWithPath: output ?? "results/\(loaded.base.name)")
            let report: RunReport
            do {
                report = try RunCommand.execute(loaded: loaded, overrides: options.overrides, directory: directory, threads: threads, quiet: quiet)
            } catch { fail("\(error)") }
            print(report.summary, terminator: "")
            print("wrote \(report.files.map { directory.appendingPathComponent($0).path }.joined(separator: ", "))")
        }
    }
}
