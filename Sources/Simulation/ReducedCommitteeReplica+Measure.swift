import Model

extension ReducedCommitteeReplica {
    /// The empirical test error over `samples` fresh inputs (docs/model.md §4, §9): given the state
    /// a fresh input's D frame coordinates are N(0, I_D), so its fields h* = a and h = R·a + L·b have
    /// exactly the full engine's test-set law (with docs/model.md §8's data model drawn as in `step`);
    /// noise-free target, inference statistics (BN: μ_P = 0, σ_P = √(Q_kk·(1 + s²))). Mean and its
    /// standard error over the samples, as `CommitteeReplica.testError`.
    public func testError(samples: Int, stream: inout RandomStream) -> (mean: Double, standardError: Double) {
        let g = unit.activation, vStar = setup.teacherSecondLayer, inputs = unit.inputs
        let noise = inputs.noise, rho = inputs.kurtosis
        let sqrtQ = (0..<K).map { normSquared($0).squareRoot() }
        let sigmaP = sqrtQ.map { unit.method == .bn ? $0 * inputs.studentVarianceFactor.squareRoot() : $0 }
        var a = [Double](repeating: 0, count: KStar), aTilde = a, b = [Double](repeating: 0, count: K)
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            let scaleSquared = rho > 0 ? stream.gamma(shape: inputs.scaleShape, scale: inputs.scaleScale) : 1
            let scale = rho > 0 ? scaleSquared.squareRoot() : 1, across = (scaleSquared + noise * noise).squareRoot()
            for m in 0..<KStar { a[m] = scale * stream.normal() }
            for j in 0..<K { b[j] = inputs.isGaussian ? stream.normal() : across * stream.normal() }
            for m in 0..<KStar { aTilde[m] = noise > 0 ? a[m] + noise * stream.normal() : a[m] }
            var e = 0.0
            for m in 0..<KStar { e += vStar[m] * g.value(a[m]) }
            for k in 0..<K {
                var h = 0.0
                for m in 0..<KStar { h += R[k * KStar + m] * aTilde[m] }
                for j in 0...k { h += L[k * K + j] * b[j] }
                let pre = unit.method == .sgd ? h : gamma[k] * h / sigmaP[k] + beta[k]
                e -= v[k] * g.value(pre)
            }
            let loss = 0.5 * e * e
            sum += loss; sumSquares += loss * loss
        }
        let s = Double(samples), mean = sum / s
        return (mean, samples > 1 ? (max(0, sumSquares / s - mean * mean) / (s - 1)).squareRoot() : .nan)
    }
}
