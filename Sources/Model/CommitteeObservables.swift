extension Observables {
    /// The per-run columns of theory.csv and simulation.csv for a two-layer network (docs/model.md §9),
    /// averaged over the student units: Q = mean_k Q_kk, R = mean_{k,m} R_km, r = R/√Q,
    /// γ and β their unit means, η_eff = mean_k η·γ_k/Q_kk (η for sgd), and the network's ε_g.
    /// The full matrices go to overlaps.csv.
    public static func committeeSummary(_ s: CommitteeState, setup: CommitteeSetup, moments: any CommitteeMoments,
                                        testError: Double = .nan) -> Observables {
        let K = Double(s.studentUnits)
        let q = (0..<s.studentUnits).reduce(0) { $0 + s.Q($1, $1) } / K
        let rMean = s.R.reduce(0, +) / Double(s.R.count)
        let eta = setup.unit.learningRate
        let etaEff = setup.unit.method == .sgd ? eta : (0..<s.studentUnits).reduce(0) { $0 + eta * s.gamma[$1] / s.Q($1, $1) } / K
        let eg = CommitteeFields(s, method: setup.unit.method)
            .generalizationError(s, teacherSecondLayer: setup.teacherSecondLayer, moments: moments)
        return Observables(Q: q, R: rMean, r: rMean / q.squareRoot(), gamma: s.gamma.reduce(0, +) / K,
                           beta: s.beta.reduce(0, +) / K, etaEff: etaEff, eg: eg, egTest: testError)
    }

    /// The field-wise mean of equally long lists (the `replicas` theory's curve: the mean of one
    /// trajectory per seed).
    public static func mean(_ lists: [[Observables]]) -> [Observables] {
        let reached = lists.map(\.count).min() ?? 0
        let n = Double(lists.count)
        return (0..<reached).map { k in build { o in lists.reduce(0) { $0 + $1[k][o] } / n } }
    }
}
