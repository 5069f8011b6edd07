import Config
import Model

/// The tidy long-form tables: one row per (run, variant or seed, α). Column meanings are in
/// results/README.md; the names are public interface.
public enum ResultTables {
    /// Key paths that already have a fixed column.
    static let fixedColumnKeys: [String: String] = [
        "model.N": "N", "model.activation": "activation", "model.teacher_noise": "teacher_noise",
        "training.method": "method", "training.learning_rate": "learning_rate", "training.batch_size": "batch_size",
        "training.weight_decay": "weight_decay", "training.gamma_decay": "gamma_decay",
    ]

    /// Swept key paths without a fixed column get one of their own, named by the key path. With
    /// `sweepKeys` (the config's sweep axes, `Sweep.axes.map(\.keyPath)`) the columns do not depend
    /// on which runs `results` holds, so a table of any subset of a sweep (one point, one shard)
    /// has the header of the whole; without it they come from the runs' swept values.
    static func extraSweepColumns(_ results: [RunResult], sweepKeys: [String]? = nil) -> [String] {
        if let sweepKeys { return sweepKeys.filter { fixedColumnKeys[$0] == nil } }
        var keys: [String] = []
        for r in results {
            for v in r.spec.sweptValues where fixedColumnKeys[v.keyPath] == nil && !keys.contains(v.keyPath) {
                keys.append(v.keyPath)
            }
        }
        return keys
    }

    static let keyColumns = ["run_id"]
    static let setupColumns = ["method", "activation", "N", "learning_rate", "batch_size", "teacher_noise", "weight_decay", "gamma_decay"]

    static func keyCells(_ r: RunResult, extra: [String]) -> [String] {
        let s = r.setup
        let extraCells = extra.map { key in r.spec.sweptValues.first { $0.keyPath == key }?.value ?? "" }
        return [r.spec.id] + extraCells + [
            s.method.rawValue, s.activation.rawValue, String(s.inputDimension), csvNumber(s.learningRate),
            String(s.batchSize), csvNumber(s.teacherNoise), csvNumber(s.weightDecay), csvNumber(s.gammaDecay),
        ]
    }

    static func outcomeCells(_ outcome: Outcome) -> [String] {
        [outcome.label, outcome.divergenceAlpha.map(csvNumber) ?? ""]
    }

    public static func theory(_ results: [RunResult], sweepKeys: [String]? = nil) -> CSVTable {
        let extra = extraSweepColumns(results, sweepKeys: sweepKeys)
        var table = CSVTable(header: keyColumns + extra + setupColumns + ["variant", "alpha"]
            + Observable.theory.map(\.rawValue) + ["status", "diverged_at"])
        for r in results {
            let key = keyCells(r, extra: extra)
            for t in r.theory {
                for (alpha, p) in zip(r.grid.alphas, t.points) {
                    table.append(key + [t.variant.rawValue, csvNumber(alpha)] + Observable.theory.map { csvNumber(p[$0]) } + outcomeCells(t.outcome))
                }
            }
        }
        return table
    }

    public static func simulation(_ results: [RunResult], sweepKeys: [String]? = nil) -> CSVTable {
        let extra = extraSweepColumns(results, sweepKeys: sweepKeys)
        let observableColumns = Observable.allCases.flatMap { [$0.rawValue, $0.rawValue + "_se"] }
        let finite = hasFiniteSetColumns(results)
        var table = CSVTable(header: keyColumns + extra + setupColumns + ["seed", "n_seeds", "alpha"]
            + observableColumns + ["status", "diverged_at", "n_diverged"] + (finite ? finiteSetColumns : []))
        for r in results {
            guard let sim = r.simulation else { continue }
            let key = keyCells(r, extra: extra)
            let agg = sim.aggregate
            for (k, (alpha, point)) in zip(r.grid.alphas, agg.points).enumerated() {
                let cells = Observable.allCases.flatMap { [csvNumber(point.mean[$0]), csvNumber(point.standardError[$0])] }
                table.append(key + ["all", String(point.seeds), csvNumber(alpha)] + cells + outcomeCells(agg.outcome) + [String(agg.divergedReplicas)]
                             + (finite ? finiteSetAggregateCells(sim.replicas, point: k) : []))
            }
            for (index, (record, points)) in zip(sim.replicas, sim.replicaPoints).enumerated() {
                for (k, (alpha, p)) in zip(r.grid.alphas, points).enumerated() {
                    let testSE = k < record.testErrorStandardError.count ? record.testErrorStandardError[k] : .nan
                    let cells = Observable.allCases.flatMap { o -> [String] in
                        [csvNumber(p[o]), o == .egTest ? csvNumber(testSE) : ""]
                    }
                    let diverged = record.trajectory.outcome == .completed ? "0" : "1"
                    table.append(key + [String(index), "1", csvNumber(alpha)] + cells + outcomeCells(record.trajectory.outcome) + [diverged]
                                 + (finite ? finiteSetReplicaCells(record, point: k) : []))
                }
            }
        }
        return table
    }

    /// Observables compared between theory and simulation.
    public static let comparedObservables: [Observable] = [.Q, .R, .r, .gamma, .etaEff, .eg]

    /// `comparison.csv`: for every run with theory and simulation, every theory variant, α point
    /// reached by both, and observable: the theory value, the seed mean ± standard error, and the
    /// z-score (simulation − theory)/s.e. (empty when the standard error is 0, e.g. sgd's γ).
    public static func comparison(_ results: [RunResult], sweepKeys: [String]? = nil) -> CSVTable {
        let extra = extraSweepColumns(results, sweepKeys: sweepKeys)
        var table = CSVTable(header: keyColumns + extra + setupColumns
            + ["variant", "alpha", "observable", "theory", "simulation", "simulation_se", "z"])
        for r in results {
            guard let sim = r.simulation else { continue }
            let key = keyCells(r, extra: extra)
            for t in r.theory {
                for (k, (theory, simulated)) in zip(t.points, sim.aggregate.points).enumerated() {
                    for o in comparedObservables {
                        let se = simulated.standardError[o]
                        let z = se > 0 ? (simulated.mean[o] - theory[o]) / se : Double.nan
                        table.append(key + [t.variant.rawValue, csvNumber(r.grid.alphas[k]), o.rawValue,
                                            csvNumber(theory[o]), csvNumber(simulated.mean[o]), csvNumber(se), csvNumber(z)])
                    }
                }
            }
        }
        return table
    }
}
