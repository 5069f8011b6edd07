import Model

/// The statistical rule every theory-vs-simulation test uses (SPEC §7): the seed mean agrees
/// with the theory within k standard errors plus an O(1/N) allowance, c/N·(1 + |theory|).
///
/// Why an allowance: the ODEs are the N → ∞ limit; at finite N the mean of every order parameter
/// carries corrections of relative order 1/N (e.g. the teacher field variance is |w*|²/N = 1
/// exactly but the student's finite-N step adds |Δw|² cross terms of relative size M/N).
public struct AgreementRule: Sendable {
    public var standardErrors: Double
    public var allowancePerN: Double

    public init(standardErrors: Double = 4, allowancePerN: Double = 5) {
        self.standardErrors = standardErrors; self.allowancePerN = allowancePerN
    }

    public func tolerance(theory: Double, standardError: Double, N: Int) -> Double {
        standardErrors * standardError + allowancePerN / Double(N) * (1 + abs(theory))
    }

    /// Nil when they agree, else a sentence saying by how much they do not.
    public func disagreement(_ name: String, alpha: Double, theory: Double, mean: Double, standardError: Double, N: Int) -> String? {
        let tol = tolerance(theory: theory, standardError: standardError, N: N)
        let gap = abs(mean - theory)
        if gap <= tol, mean.isFinite { return nil }
        return "\(name) at α = \(alpha): theory \(theory), simulation \(mean) ± \(standardError) (gap \(gap) > tolerance \(tol))"
    }
}

/// Mean and standard error of a sample.
public func meanAndStandardError(_ xs: [Double]) -> (mean: Double, standardError: Double) {
    let n = Double(xs.count)
    let mean = xs.reduce(0, +) / n
    let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, xs.count > 1 ? (ss / (n - 1) / n).squareRoot() : .nan)
}
