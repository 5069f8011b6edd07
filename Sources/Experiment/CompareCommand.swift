import Foundation
import Model
import Output

/// What `bnsim compare` did.
public struct CompareCommandReport: Sendable {
    /// The comparison.csv written.
    public var file: URL
    /// The verdict lines (`CompareReport.text`).
    public var summary: String
}

/// `bnsim compare` without the command-line shell: rebuilds `comparison.csv` of a results
/// directory from its `theory.csv` and `simulation.csv` — the bytes `bnsim run` writes
/// (`ResultTables.comparison`) — and reports the verdict.
public enum CompareCommand {
    public static func execute(directory: URL) throws -> CompareCommandReport {
        // A results directory that a bnsim run or merge is writing is left alone: they hold its lock.
        let store = PointStore(results: directory)
        let lock = FileManager.default.fileExists(atPath: store.directory.path) ? try store.lock() : nil
        defer { lock?.release() }
        let theory = try CompareCSV(contentsOf: directory.appendingPathComponent(CombinedResults.theoryFile))
        let simulation = try CompareCSV(contentsOf: directory.appendingPathComponent(CombinedResults.simulationFile))
        let table = try comparison(theory: theory, simulation: simulation)
        guard !table.rows.isEmpty else { throw CompareError.nothingToCompare(directory: directory.path) }
        let text = table.text
        let parsed = try CompareCSV(text: text, path: CombinedResults.comparisonFile)
        let summary = try CompareReport(comparison: parsed, simulation: simulation).text + FiniteSizeStudy(comparison: parsed).text
        // The summary tables carry the verdicts, so they are rebuilt with comparison.csv.
        var files = AtomicFileSet()
        files.add(CombinedResults.comparisonFile, text)
        let summaries = try RunSummaryTables.tables(theory: theory, simulation: simulation, comparison: parsed)
        if let summary = summaries.summary { files.add(RunSummaryTables.summaryFile, summary) }
        if let mean = summaries.simulationMean { files.add(RunSummaryTables.simulationMeanFile, mean) }
        try files.write(into: directory)
        return CompareCommandReport(file: directory.appendingPathComponent(CombinedResults.comparisonFile), summary: summary)
    }

    /// The comparison table of a theory and a simulation table: for every theory row (run,
    /// variant, α) with a seed-averaged simulation row of the same run and α, one row per
    /// compared observable, in theory.csv's order — as `ResultTables.comparison` builds it from
    /// the runs. Cells are copied; z is recomputed from the cells, which hold the exact doubles.
    public static func comparison(theory: CompareCSV, simulation: CompareCSV) throws(CompareError) -> CSVTable {
        let variant = try theory.column("variant")
        let theoryAlpha = try theory.column("alpha"), theoryRun = try theory.column("run_id")
        let observables = ResultTables.comparedObservables
        let theoryColumns = try observables.map { o throws(CompareError) in try theory.column(o.rawValue) }
        let simulationRun = try simulation.column("run_id"), seed = try simulation.column("seed")
        let simulationAlpha = try simulation.column("alpha")
        let meanColumns = try observables.map { o throws(CompareError) in try simulation.column(o.rawValue) }
        let seColumns = try observables.map { o throws(CompareError) in try simulation.column(o.rawValue + "_se") }

        // The seed-averaged row of each (run, α).
        var averaged: [[String]: Int] = [:]
        for (k, row) in simulation.rows.enumerated() where row[seed] == "all" {
            averaged[[row[simulationRun], row[simulationAlpha]]] = k
        }
        var table = CSVTable(header: Array(theory.header[..<variant])
            + ["variant", "alpha", "observable", "theory", "simulation", "simulation_se", "z"])
        for (k, row) in theory.rows.enumerated() {
            guard let s = averaged[[row[theoryRun], row[theoryAlpha]]] else { continue }
            let simulated = simulation.rows[s]
            for (i, o) in observables.enumerated() {
                let th = try theory.number(k, theoryColumns[i])
                let mean = try simulation.number(s, meanColumns[i]), se = try simulation.number(s, seColumns[i])
                let z = se > 0 ? (mean - th) / se : Double.nan
                table.append(Array(row[..<variant]) + [row[variant], row[theoryAlpha], o.rawValue,
                                                       row[theoryColumns[i]], simulated[meanColumns[i]], simulated[seColumns[i]], csvNumber(z)])
            }
        }
        return table
    }
}
