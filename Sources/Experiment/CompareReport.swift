import Foundation
import Model
import Output

/// The short verdict on `comparison.csv` printed by `bnsim run` and `bnsim compare`: per run and
/// theory variant, the largest |z| and where, and whether the simulation agrees with the theory
/// by `AgreementRule` — the rule the theory-vs-simulation tests use — on Q, R, γ and ε_g. bn's
/// pn and loss variants are approximations: reported (largest |z| and relative deviation), not
/// tested.
public struct CompareReport: Sendable {
    /// One row of comparison.csv.
    public struct Entry: Sendable {
        public var runID: String
        public var method: Method
        public var inputDimension: Int
        public var batchSize: Int
        public var variant: TheoryVariant
        public var alpha: Double
        public var observable: Observable
        public var theory, simulation, standardError, z: Double
        /// Seeds averaged at this point (simulation.csv's n_seeds); the rule's multiplier depends on it.
        public var seeds: Int
    }

    /// The verdict on one (run, variant).
    public struct Verdict: Sendable {
        public enum Outcome: Sendable {
            /// Every tested point agrees.
            case pass(tested: Int)
            /// `failed` of `tested` points disagree; `worst` is the one furthest outside its tolerance.
            case fail(failed: Int, tested: Int, worst: Entry, tolerance: Double)
            /// No point has a standard error (a single seed).
            case untested
            /// Too few seeds for a verdict (`AgreementRule.minimumSeeds`): the fewest at any point.
            case notJudged(seeds: Int)
            /// bn's pn and loss: approximations, reported not tested.
            case approximation(largestRelativeDeviation: (value: Double, at: Entry)?)
        }
        public var runID: String
        public var method: Method
        public var variant: TheoryVariant
        public var largestZ: (value: Double, at: Entry)?
        public var outcome: Outcome
        /// The fewest seeds at any tested point.
        public var seeds: Int
    }

    public let verdicts: [Verdict]

    public init(entries: [Entry]) {
        var order: [String] = []
        var groups: [String: [Entry]] = [:]
        for e in entries where AgreementRule.testedObservables.contains(e.observable) {
            let key = e.runID + " " + e.variant.rawValue
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(e)
        }
        verdicts = order.map { Self.verdict(groups[$0]!) }
    }

    static func verdict(_ entries: [Entry]) -> Verdict {
        let first = entries[0]
        let largestZ = entries.filter { $0.z.isFinite }.max { abs($0.z) < abs($1.z) }.map { (abs($0.z), $0) }
        let outcome: Verdict.Outcome
        switch first.variant {
        case .pn, .loss, .population:
            let deviations = entries.compactMap { e -> (Double, Entry)? in
                let d = abs(e.simulation - e.theory) / abs(e.theory)
                return d.isFinite ? (d, e) : nil
            }
            outcome = .approximation(largestRelativeDeviation: deviations.max { $0.0 < $1.0 })
        case .exact:
            // A point without a standard error (one seed) cannot be tested.
            let tested = entries.filter { !$0.standardError.isNaN && $0.seeds >= 2 }
            let fewestSeeds = tested.map(\.seeds).min() ?? 0
            var failed = 0
            var worst: (ratio: Double, entry: Entry, tolerance: Double)?
            for e in tested {
                let rule = AgreementRule.forObservable(e.observable, method: e.method, batchSize: e.batchSize)
                if rule.agrees(theory: e.theory, mean: e.simulation, standardError: e.standardError, N: e.inputDimension, seeds: e.seeds) { continue }
                failed += 1
                let tolerance = rule.tolerance(theory: e.theory, standardError: e.standardError, N: e.inputDimension, seeds: e.seeds)
                let ratio = e.simulation.isFinite ? abs(e.simulation - e.theory) / tolerance : .infinity
                if worst == nil || ratio > worst!.ratio { worst = (ratio, e, tolerance) }
            }
            if tested.isEmpty {
                outcome = .untested
            } else if fewestSeeds < AgreementRule.minimumSeeds {
                outcome = .notJudged(seeds: fewestSeeds)
            } else if let worst {
                outcome = .fail(failed: failed, tested: tested.count, worst: worst.entry, tolerance: worst.tolerance)
            } else {
                outcome = .pass(tested: tested.count)
            }
        }
        let seeds = entries.filter { !$0.standardError.isNaN }.map(\.seeds).min() ?? 1
        return Verdict(runID: first.runID, method: first.method, variant: first.variant, largestZ: largestZ, outcome: outcome, seeds: seeds)
    }

    /// The printed lines; empty when there is nothing to compare.
    public var text: String {
        guard !verdicts.isEmpty else { return "" }
        var lines = ["theory vs simulation (comparison.csv; Q, R, γ, ε_g; PASS: |simulation − theory| ≤ k·s.e. + 5/N·(1 + |theory|), "
            + "k = the Student-t quantile of the 4σ tail for the seed count (8.47 at 8 seeds, 5.48 at 16; 4 for infinitely many), "
            + "bn Q at M < 6: 2k + 2% of |Q − 1|; no verdict below \(AgreementRule.minimumSeeds) seeds):"]
        for v in verdicts {
            let z = v.largestZ.map { "max |z| = \(Self.fmt($0.value)) (\(Self.place($0.at)))" } ?? "no z (no standard error)"
            let label = "  \(v.runID)  \(v.method.rawValue)-\(v.variant.rawValue): "
            switch v.outcome {
            case .pass(let tested):
                lines.append(label + "PASS  (\(tested) points, k = \(Self.multiplierText(v)))  " + z)
            case .fail(let failed, let tested, let worst, let tolerance):
                lines.append(label + "FAIL  (\(failed) of \(tested) points outside; worst \(Self.place(worst)): theory \(Self.fmt(worst.theory)), "
                    + "simulation \(Self.fmt(worst.simulation)) ± \(Self.fmt(worst.standardError)), gap \(Self.fmt(abs(worst.simulation - worst.theory))) "
                    + "> tolerance \(Self.fmt(tolerance)), k = \(Self.multiplierText(v)))  " + z)
            case .untested:
                lines.append(label + "not tested (one seed: no standard error)")
            case .notJudged(let seeds):
                lines.append(label + "not judged: \(seeds) seeds, fewer than \(AgreementRule.minimumSeeds) give standard errors too uncertain for a verdict (k would be "
                    + "\(Self.fmt(AgreementRule().multiplier(seeds: max(seeds, 2))))); rerun with more seeds  " + z)
            case .approximation(let deviation):
                let relative = deviation.map { "max relative deviation \(Self.percent($0.value)) (\(Self.place($0.at)))" } ?? "no relative deviation"
                lines.append(label + "approximation, reported not tested  " + z + ", " + relative)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rule's multiplier at the verdict's (fewest) seed count, e.g. "5.48 for 16 seeds".
    static func multiplierText(_ v: Verdict) -> String {
        "\(Self.fmt(AgreementRule().multiplier(seeds: v.seeds))) for \(v.seeds) seeds"
    }

    static func place(_ e: Entry) -> String {
        let name = switch e.observable {
        case .gamma: "γ"
        case .eg: "ε_g"
        case .Q, .R, .r, .beta, .etaEff, .egTest: e.observable.rawValue
        }
        return "\(name) at α=\(fmt(e.alpha))"
    }

    static func percent(_ x: Double) -> String { String(format: "%.3g%%", 100 * x) }

    static func fmt(_ x: Double) -> String {
        guard x.isFinite else { return x.description }
        let magnitude = abs(x)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) { return String(format: "%.3e", x) }
        return String(format: "%.4g", x)
    }
}

extension CompareReport {
    /// The report on a comparison table (the text of comparison.csv), with the seed counts of the
    /// seed-average rows (`seed = all`) of the simulation table it was built from.
    public init(comparison table: CompareCSV, simulation: CompareCSV) throws(CompareError) {
        let seedColumns = try ["run_id", "seed", "alpha", "n_seeds"].map { name throws(CompareError) in try simulation.column(name) }
        var seedCounts: [String: Int] = [:]
        for (k, row) in simulation.rows.enumerated() where row[seedColumns[1]] == "all" {
            guard let n = Int(row[seedColumns[3]]), n >= 0 else {
                throw .malformedCSV(path: simulation.path, line: simulation.lineNumber(k), reason: "n_seeds = \"\(row[seedColumns[3]])\" is not a seed count")
            }
            seedCounts[row[seedColumns[0]] + "\u{1}" + row[seedColumns[2]]] = n
        }
        let columns = try ["run_id", "method", "N", "batch_size", "variant", "alpha", "observable", "theory", "simulation", "simulation_se", "z"]
            .map { name throws(CompareError) in try table.column(name) }
        var entries: [Entry] = []
        for (k, row) in table.rows.enumerated() {
            func bad(_ name: String, _ cell: String) -> CompareError {
                .malformedCSV(path: table.path, line: table.lineNumber(k), reason: "\(name) = \"\(cell)\" is not a valid value")
            }
            guard let method = Method(rawValue: row[columns[1]]) else { throw bad("method", row[columns[1]]) }
            guard let n = Int(row[columns[2]]) else { throw bad("N", row[columns[2]]) }
            guard let m = Int(row[columns[3]]) else { throw bad("batch_size", row[columns[3]]) }
            guard let variant = TheoryVariant(rawValue: row[columns[4]]) else { throw bad("variant", row[columns[4]]) }
            guard let observable = Observable(rawValue: row[columns[6]]) else { throw bad("observable", row[columns[6]]) }
            guard let seeds = seedCounts[row[columns[0]] + "\u{1}" + row[columns[5]]] else {
                throw .malformedCSV(path: table.path, line: table.lineNumber(k),
                                    reason: "run \(row[columns[0]]) at α = \(row[columns[5]]) has no seed-average row in \(simulation.path)")
            }
            entries.append(Entry(runID: row[columns[0]], method: method, inputDimension: n, batchSize: m, variant: variant,
                                 alpha: try table.number(k, columns[5]), observable: observable,
                                 theory: try table.number(k, columns[7]), simulation: try table.number(k, columns[8]),
                                 standardError: try table.number(k, columns[9]), z: try table.number(k, columns[10]), seeds: seeds))
        }
        self.init(entries: entries)
    }
}

extension CompareReport {
    /// The verdict lines on the comparison.csv among the combined files `bnsim run` or
    /// `bnsim merge` writes; empty when there is none.
    static func text(of files: AtomicFileSet) throws(CompareError) -> String {
        guard let comparison = files.files.first(where: { $0.name == CombinedResults.comparisonFile }),
              let simulation = files.files.first(where: { $0.name == CombinedResults.simulationFile }) else { return "" }
        let table = try CompareCSV(text: comparison.contents, path: comparison.name)
        let simulationTable = try CompareCSV(text: simulation.contents, path: simulation.name)
        return try CompareReport(comparison: table, simulation: simulationTable).text + FiniteSizeStudy(comparison: table).text
    }
}
