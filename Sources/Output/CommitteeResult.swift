import Model

/// The two-layer part of a run (docs/model.md §9): every theory trajectory (one per seed for
/// `theory.initial: replicas`, one otherwise) and every simulation replica, for overlaps.csv.
public struct CommitteeResult: Sendable {
    public struct TheoryRuns: Sendable {
        public var variant: TheoryVariant
        /// Seed indices of the trajectories, nil for the one trajectory of `theory.initial: config`.
        public var seeds: [Int]?
        public var trajectories: [CommitteeTrajectory]
        public init(variant: TheoryVariant, seeds: [Int]?, trajectories: [CommitteeTrajectory]) {
            self.variant = variant; self.seeds = seeds; self.trajectories = trajectories
        }
    }

    public var theory: [TheoryRuns]
    public var simulation: [CommitteeTrajectory]

    public init(theory: [TheoryRuns], simulation: [CommitteeTrajectory]) {
        self.theory = theory; self.simulation = simulation
    }
}

extension ResultTables {
    /// `overlaps.csv` (results/README.md): the full order parameters of two-layer runs in long
    /// form, one row per (run, engine, variant, seed, α, matrix, i, j). Q is written for i ≤ j;
    /// v, gamma, beta have j = 0; `specialization` has i = student unit, j = the teacher unit it
    /// overlaps most and value max_m |R_km|/√Q_kk.
    public static func overlaps(_ results: [RunResult]) -> CSVTable {
        var table = CSVTable(header: ["run_id", "engine", "variant", "seed", "alpha", "matrix", "i", "j", "value"])
        func rows(_ id: String, _ engine: String, _ variant: String, _ seed: String, _ grid: AlphaGrid, _ t: CommitteeTrajectory) {
            for (alpha, s) in zip(grid.alphas, t.states) {
                let key = [id, engine, variant, seed, csvNumber(alpha)]
                for k in 0..<s.studentUnits {
                    for l in k..<s.studentUnits { table.append(key + ["Q", String(k), String(l), csvNumber(s.Q(k, l))]) }
                }
                for k in 0..<s.studentUnits {
                    for m in 0..<s.teacherUnits { table.append(key + ["R", String(k), String(m), csvNumber(s.R(k, m))]) }
                }
                for (name, values) in [("v", s.v), ("gamma", s.gamma), ("beta", s.beta)] {
                    for k in values.indices { table.append(key + [name, String(k), "0", csvNumber(values[k])]) }
                }
                for k in 0..<s.studentUnits {
                    table.append(key + ["specialization", String(k), String(s.bestTeacherUnit(k)), csvNumber(s.specialization(k))])
                }
            }
        }
        for r in results {
            guard let c = r.committee else { continue }
            for t in c.theory {
                for (index, trajectory) in t.trajectories.enumerated() {
                    rows(r.spec.id, "theory", t.variant.rawValue, t.seeds.map { String($0[index]) } ?? "", r.grid, trajectory)
                }
            }
            for (index, trajectory) in c.simulation.enumerated() {
                rows(r.spec.id, "simulation", "", String(index), r.grid, trajectory)
            }
        }
        return table
    }
}
