import Config
import Foundation
import Model
import Output
import Theory

/// `bnsim lr-max` without the command-line shell: the limits of every sweep point, theory and
/// (optionally) simulation, and the local bound from the Jacobian at the fixed point.
public enum LrMaxCommand {
    public static let file = "lr_max.csv"

    public struct Point: Sendable {
        public var spec: RunSpec
        public var theory: LearningRateSearch.Limits
        public var simulation: LearningRateSearch.Limits?
        /// Nil for a two-layer network.
        public var local: Stability.Bound?
    }

    public static func run(loaded: LoadedConfig, threads: Int, quiet: Bool) throws -> [Point] {
        if loaded.runs.contains(where: { $0.config.usesFiniteSamples }) {
            throw RunCommand.RunRefusal(file: loaded.path, reason: "bnsim lr-max searches with fresh Gaussian samples and the theory; "
                + "data.source: file and training.protocol: offline are for bnsim run (docs/model.md §12)")
        }
        // Refuse up front what has no theory (e.g. bn at M < 4, bn `exact` for two layers), before any work.
        for spec in loaded.runs {
            if CommitteeShape(spec.config).isCommittee {
                if let reason = LearningRateSearch.committeeVariant(spec.config).refusal {
                    throw RunCommand.RunRefusal(file: loaded.path, reason: "bnsim lr-max has no two-layer theory for run \(spec.id): \(reason)")
                }
            } else {
                _ = try TheoryRun.flow(for: spec.config.trainingSetup(), variant: .exact)
            }
        }
        let runs = loaded.runs
        let progress = Progress(total: runs.count, label: "bnsim lr-max:", unit: "sweep points", quiet: quiet)
        let results = ParallelJobs.map(count: runs.count, threads: threads) { k -> Result<Point, Error> in
            defer { progress.advance() }
            let spec = runs[k], c = spec.config
            do {
                if CommitteeShape(c).isCommittee { return .success(try committeePoint(spec)) }
                let theory = try LearningRateSearch.limits(c) { try LearningRateSearch.theory(c, eta: $0) }
                // simulation.enabled: false means theory only, as in bnsim run.
                let simulation = c.learningRateSearch.simulation && c.simulation.enabled
                    ? try LearningRateSearch.limits(c) { LearningRateSearch.simulation(c, runID: spec.id, eta: $0) } : nil
                let local = try Stability.localBound(setup: c.trainingSetup(), low: c.learningRateSearch.etaMin,
                                                     high: c.learningRateSearch.etaMax, relativeTolerance: c.learningRateSearch.bracketRelativeTolerance / 10)
                return .success(Point(spec: spec, theory: theory, simulation: simulation, local: local))
            } catch {
                return .failure(error)
            }
        }
        return try results.map { try $0.get() }
    }

    /// A two-layer point (docs/model.md §9): the committee ODEs and engine; no local bound (the
    /// Jacobian analysis is of the single unit's fixed point).
    static func committeePoint(_ spec: RunSpec) throws -> Point {
        let c = spec.config
        guard let variant = LearningRateSearch.committeeVariant(c).variant else { preconditionFailure("refused before any work") }
        let theory = try LearningRateSearch.limits(c) { try LearningRateSearch.committeeTheory(c, runID: spec.id, variant: variant, eta: $0) }
        let simulation = c.learningRateSearch.simulation && c.simulation.enabled
            ? try LearningRateSearch.limits(c) { LearningRateSearch.committeeSimulation(c, runID: spec.id, eta: $0) } : nil
        return Point(spec: spec, theory: theory, simulation: simulation, local: nil)
    }

    /// Swept keys other than the fixed columns (and the searched learning rate): columns of their own.
    static func extraKeys(_ sweepKeys: [String]) -> [String] {
        sweepKeys.filter { !["training.method", "model.activation", "model.N", "training.batch_size", "model.teacher_noise",
                             "training.weight_decay", "training.gamma_decay", "training.learning_rate"].contains($0) }
    }

    public static func table(_ points: [Point], sweepKeys: [String]) -> CSVTable {
        let fixed = ["method", "activation", "N", "batch_size", "teacher_noise", "weight_decay", "gamma_decay"]
        let extra = extraKeys(sweepKeys)
        var table = CSVTable(header: ["run_id"] + extra + fixed + [
            "engine", "window_status", "eta_low", "eta_low_bracket", "eta_high", "eta_high_bracket",
            "divergence_status", "eta_div", "eta_div_bracket", "eta_largest_converged", "eta_eff_end",
            "local_status", "local_parameter", "local_bound", "local_bracket",
            "best_eg", "eta_best_eg", "agreement",
        ])
        func cell(_ x: Double?) -> String { x.map(csvNumber) ?? "" }
        for p in points {
            let s = p.spec.config.trainingSetup()
            let key = [p.spec.id] + extra.map { k in p.spec.sweptValues.first { $0.keyPath == k }?.value ?? "" } + [
                s.method.rawValue, s.activation.rawValue, String(s.inputDimension), String(s.batchSize),
                csvNumber(s.teacherNoise), csvNumber(s.weightDecay), csvNumber(s.gammaDecay),
            ]
            let agreement = p.agreement.verdict.rawValue
            for (engine, limits) in [("theory", p.theory), ("simulation", p.simulation)] {
                guard let l = limits else { continue }
                let bound = engine == "theory" ? p.local : nil
                let local = bound.map { b in [b.status.rawValue, b.parameter.rawValue, cell(b.value), cell(b.bracket)] } ?? ["", "", "", ""]
                table.append(key + [engine, l.windowStatus, cell(l.lower), cell(l.lowerBracket), cell(l.upper), cell(l.upperBracket),
                                    l.divergenceStatus, cell(l.divergence), cell(l.divergenceBracket), cell(l.largestConverged), cell(l.finalEtaEff)]
                             + local + [cell(l.bestEg), cell(l.bestEgEta), agreement])
            }
        }
        return table
    }

    /// manifest.yaml: the version and build, the config and overrides, each point's outcome per engine.
    public static func manifest(_ points: [Point], loaded: LoadedConfig, overrides: [String]) -> String {
        let entries = points.map { p in
            var lines: [(key: String, value: String)] = []
            for (engine, limits) in [("theory", p.theory), ("simulation", p.simulation)] {
                guard let l = limits else { continue }
                lines.append((engine, "window \(l.windowStatus), divergence \(l.divergenceStatus)"))
            }
            lines.append(("local", p.local?.status.rawValue ?? "not computed (two-layer network)"))
            lines.append(("agreement", p.agreement.verdict.rawValue))
            return Manifest.studyEntry(id: p.spec.id, swept: p.spec.sweptValues, lines: lines)
        }
        return Manifest.text(configPath: loaded.path, overrides: overrides, effectiveYAML: loaded.effectiveYAML(), runEntries: entries,
                             build: .current)
    }
}
