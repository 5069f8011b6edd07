import Foundation
import Model
import Output

/// Two tables for readers who want one line per run, built from the combined tables:
///
/// - `summary.csv`: per run, one row per theory variant and one for the simulation's seed mean,
///   at the run's last recorded α — its status, where it diverged, the final observables (with
///   standard errors for the simulation) and, on theory rows, the theory-vs-simulation verdict.
///   Why: the last row of a diverged run in theory.csv holds huge finite numbers (ε_g = 6.7·10⁶),
///   which "take the last row per run" would silently report as a result.
/// - `simulation_mean.csv`: simulation.csv's seed-average rows (`seed = all`) without the `seed`
///   column, so every column loads as a number.
///
/// Built from the table texts, not from the runs, so `run`, `merge` and `compare` write the same
/// bytes for the same points.
public enum RunSummaryTables {
    public static let summaryFile = CombinedResults.summaryFile
    public static let simulationMeanFile = CombinedResults.simulationMeanFile

    /// `files` with summary.csv (and simulation_mean.csv when there is a simulation) added.
    public static func adding(to files: AtomicFileSet) throws(CompareError) -> AtomicFileSet {
        func table(_ name: String) throws(CompareError) -> CompareCSV? {
            guard let file = files.files.first(where: { $0.name == name }) else { return nil }
            return try CompareCSV(text: file.contents, path: name)
        }
        var result = files
        let simulation = try table(CombinedResults.simulationFile)
        let tables = try tables(theory: try table(CombinedResults.theoryFile), simulation: simulation,
                                comparison: try table(CombinedResults.comparisonFile))
        if let summary = tables.summary { result.add(summaryFile, summary) }
        if let mean = tables.simulationMean { result.add(simulationMeanFile, mean) }
        if let overlaps = try table(CombinedResults.overlapsFile), let prefix = tables.prefix,
           let plateau = try PlateauTable.text(prefix: prefix, theory: try table(CombinedResults.theoryFile), simulation: simulation, overlaps: overlaps) {
            result.add(PlateauTable.file, plateau)
        }
        return result
    }

    /// The observables of the summary, each with its standard error column.
    static let observables = ["Q", "R", "r", "gamma", "beta", "eta_eff", "eg", "eg_test"]

    static func tables(theory: CompareCSV?, simulation: CompareCSV?, comparison: CompareCSV?) throws(CompareError)
        -> (summary: String?, simulationMean: String?, prefix: [String]?) {
        // The run's description: every column before theory.csv's `variant` / simulation.csv's `seed`.
        let prefix: [String]
        if let theory {
            prefix = Array(theory.header[..<(try theory.column("variant"))])
        } else if let simulation {
            prefix = Array(simulation.header[..<(try simulation.column("seed"))])
        } else {
            return (nil, nil, nil)
        }
        var summary = CSVTable(header: prefix + ["engine", "variant", "n_seeds", "status", "diverged_at", "n_diverged", "alpha"]
            + observables.flatMap { [$0, $0 + "_se"] } + ["verdict", "max_abs_z"])

        var verdicts: [String: CompareReport.Verdict] = [:]
        if let comparison, let simulation {
            for v in try CompareReport(comparison: comparison, simulation: simulation).verdicts {
                verdicts[v.runID + " " + v.variant.rawValue] = v
            }
        }
        // Last row of each (run, variant) in theory.csv, and of each run's seed mean in simulation.csv.
        var order: [String] = []
        var theoryLast: [String: [Int]] = [:]  // run id → row indices of each variant's last row
        if let theory {
            let run = try theory.column("run_id"), variant = try theory.column("variant")
            var last: [String: Int] = [:], variantOrder: [(run: String, key: String)] = []
            for (k, row) in theory.rows.enumerated() {
                let key = row[run] + " " + row[variant]
                if last[key] == nil { variantOrder.append((row[run], key)) }
                last[key] = k
                if theoryLast[row[run]] == nil { order.append(row[run]); theoryLast[row[run]] = [] }
            }
            for (run, key) in variantOrder { theoryLast[run, default: []].append(last[key]!) }
        }
        var simulationLast: [String: Int] = [:]
        var meanTable: CSVTable?
        if let simulation {
            let run = try simulation.column("run_id"), seed = try simulation.column("seed")
            meanTable = CSVTable(header: simulation.header.enumerated().filter { $0.offset != seed }.map(\.element))
            for (k, row) in simulation.rows.enumerated() where row[seed] == "all" {
                if simulationLast[row[run]] == nil, theoryLast[row[run]] == nil { order.append(row[run]) }
                simulationLast[row[run]] = k
                meanTable!.append(row.enumerated().filter { $0.offset != seed }.map(\.element))
            }
        }

        for id in order {
            for k in theoryLast[id] ?? [] {
                let table = theory!
                let variant = table.rows[k][try table.column("variant")]
                let verdict = verdicts[id + " " + variant]
                summary.append(try row(table, k, prefixCount: prefix.count, engine: "theory", variant: variant, seeds: "",
                                       nDiverged: "", verdict: verdict.map(verdictText) ?? (simulation == nil ? "no simulation" : ""),
                                       largestZ: verdict?.largestZ.map { csvNumber($0.value) } ?? ""))
            }
            if let k = simulationLast[id], let table = simulation {
                summary.append(try row(table, k, prefixCount: prefix.count, engine: "simulation", variant: "",
                                       seeds: table.rows[k][try table.column("n_seeds")],
                                       nDiverged: table.rows[k][try table.column("n_diverged")], verdict: "", largestZ: ""))
            }
        }
        return (summary.text, meanTable?.text, prefix)
    }

    /// One summary row from row `k` of a theory or simulation table; absent columns stay empty.
    static func row(_ table: CompareCSV, _ k: Int, prefixCount: Int, engine: String, variant: String, seeds: String,
                    nDiverged: String, verdict: String, largestZ: String) throws(CompareError) -> [String] {
        let cells = table.rows[k]
        func cell(_ name: String) -> String { table.header.firstIndex(of: name).map { cells[$0] } ?? "" }
        return Array(cells[..<prefixCount]) + [engine, variant, seeds, cell("status"), cell("diverged_at"), nDiverged, cell("alpha")]
            + observables.flatMap { [cell($0), cell($0 + "_se")] } + [verdict, largestZ]
    }

    /// The verdict word of summary.csv: PASS, FAIL, not judged, not tested or approximation.
    static func verdictText(_ v: CompareReport.Verdict) -> String {
        switch v.outcome {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .notJudged: "not judged"
        case .untested: "not tested"
        case .approximation: "approximation"
        }
    }
}
