import Model

extension ReducedCommitteeReplica {
    /// The empirical test error over `samples` fresh inputs (docs/model.md §4, §9): given the state
    /// a fresh input's D frame coordinates are N(0, I_D), so its fields h* = a and h = R·a + L·b have
    /// exactly the full engine's test-set law; noise-free target, inference statistics (BN: μ_P = 0,
    /// σ_P = √Q_kk). Mean and its standard error over the samples, as `CommitteeReplica.testError`.
    public func testError(samples: Int, stream: inout RandomStream) -> (mean: Double, standardError: Double) {
        let g = unit.activation, vStar = setup.teacherSecondLayer
        let sqrtQ = (0..<K).map { normSquared($0).squareRoot() }
        var a = [Double](repeating: 0, count: KStar), b = [Double](repeating: 0, count: K)
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            for m in 0..<KStar { a[m] = stream.normal() }
            for j in 0..<K { b[j] = stream.normal() }
            var e = 0.0
            for m in 0..<KStar { e += vStar[m] * g.value(a[m]) }
            for k in 0..<K {
                var h = 0.0
                for m in 0..<KStar { h += R[k * KStar + m] * a[m] }
                for j in 0...k { h += L[k * K + j] * b[j] }
                let pre = unit.method == .sgd ? h : gamma[k] * h / sqrtQ[k] + beta[k]
                e -= v[k] * g.value(pre)
            }
            let loss = 0.5 * e * e
            sum += loss; sumSquares += loss * loss
        }
        let s = Double(samples), mean = sum / s
        return (mean, samples > 1 ? (max(0, sumSquares / s - mean * mean) / (s - 1)).squareRoot() : .nan)
    }
}
