import Config
import Foundation
import Output

/// What `bnsim run` did: the files it wrote and the summary it prints.
public struct RunReport: Sendable {
    public var files: [String]
    public var summary: String
    public var results: [RunResult]
}

/// `bnsim run` without the command-line shell: run everything, then write all files at once.
public enum RunCommand {
    public static let theoryFile = "theory.csv"
    public static let simulationFile = "simulation.csv"
    public static let manifestFile = "manifest.yaml"
    public static let comparisonFile = "comparison.csv"

    public static func execute(loaded: LoadedConfig, overrides: [String], directory: URL, threads: Int, quiet: Bool) throws -> RunReport {
        let results = try ExperimentRunner(loaded: loaded, threads: threads).run(quiet: quiet)
        var files = AtomicFileSet()
        if results.contains(where: { !$0.theory.isEmpty }) {
            files.add(theoryFile, ResultTables.theory(results).text)
        }
        if results.contains(where: { $0.simulation != nil }) {
            files.add(simulationFile, ResultTables.simulation(results).text)
        }
        if results.contains(where: { !$0.theory.isEmpty && $0.simulation != nil }) {
            files.add(comparisonFile, ResultTables.comparison(results).text)
        }
        files.add(manifestFile, Manifest.text(configPath: loaded.path, overrides: overrides, effectiveYAML: loaded.effectiveYAML(), results: results))
        try files.write(into: directory)
        return RunReport(files: files.files.map(\.name), summary: Summary.text(results), results: results)
    }
}
