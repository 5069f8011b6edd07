/// Whether theory and simulation find the same learning-rate limits (lr_max.csv's `agreement`).
///
/// The rule: they *agree* when both find a window or neither does, every edge (eta_low, eta_high,
/// eta_div) found by one engine is found by the other, and for each such edge the intervals
/// [value − bracket, value + bracket], each widened by `relativeTolerance` (the finite-N allowance),
/// overlap. An edge one engine lacks because its window (or its convergence, for eta_div) runs
/// to an end of the searched range counts as that end (eta_min or eta_max). Otherwise they
/// *disagree*; without a simulation the verdict is *n/a*.
public enum LrMaxAgreement {
    /// Relative widening of each engine's interval: theory is N → ∞, the simulation finite N.
    public static let relativeTolerance = 0.10

    public enum Verdict: String, Sendable { case agree, disagree, notApplicable = "n/a" }

    /// The verdict and, when they disagree, what differs (e.g. "eta_high: theory 15.3, simulation 35.4").
    public static func compare(theory: LearningRateSearch.Limits, simulation: LearningRateSearch.Limits?,
                               etaMin: Double, etaMax: Double) -> (verdict: Verdict, differences: [String]) {
        guard let simulation else { return (.notApplicable, []) }
        var differences: [String] = []
        if (theory.windowStatus == "empty") != (simulation.windowStatus == "empty") {
            differences.append("window: theory \(theory.windowStatus), simulation \(simulation.windowStatus)")
        }
        func edges(_ l: LearningRateSearch.Limits) -> [(String, Double?, Double?)] {
            let low = l.lower ?? (l.windowStatus.hasPrefix("open_below") ? etaMin : nil)
            let high = l.upper ?? (l.windowStatus.hasSuffix("unbounded_above") ? etaMax : nil)
            let div = l.divergence ?? (l.divergenceStatus == "below_range" ? etaMin : nil)
            // A divergence found by one engine near the top vs none in range for the other.
            let divOrTop = div ?? (l.divergenceStatus == "none_in_range" ? etaMax : nil)
            return [("eta_low", low, l.lowerBracket), ("eta_high", high, l.upperBracket), ("eta_div", divOrTop, l.divergenceBracket)]
        }
        for ((name, a, da), (_, b, db)) in zip(edges(theory), edges(simulation)) {
            switch (a, b) {
            case (nil, nil): continue
            case let (a?, b?):
                let t = relativeTolerance
                let overlap = (a - (da ?? 0)) * (1 - t) <= (b + (db ?? 0)) * (1 + t) && (b - (db ?? 0)) * (1 - t) <= (a + (da ?? 0)) * (1 + t)
                if !overlap { differences.append("\(name): theory \(LrMaxReport.number(a)), simulation \(LrMaxReport.number(b))") }
            case let (a?, nil): differences.append("\(name): theory \(LrMaxReport.number(a)), simulation none")
            case let (nil, b?): differences.append("\(name): theory none, simulation \(LrMaxReport.number(b))")
            }
        }
        return (differences.isEmpty ? .agree : .disagree, differences)
    }
}

extension LrMaxCommand.Point {
    /// Theory against simulation over this point's searched range.
    public var agreement: (verdict: LrMaxAgreement.Verdict, differences: [String]) {
        let range = spec.config.learningRateSearch
        return LrMaxAgreement.compare(theory: theory, simulation: simulation, etaMin: range.etaMin, etaMax: range.etaMax)
    }
}
