import Model

extension ReducedReplica {
    /// Empirical test error ½(g(h*) − ŷ)² on `samples` fresh samples drawn from the state
    /// (docs/model.md §4, §10): given (R, S) the fields of a fresh sample are exactly
    /// h* = √v·a and h = R·ã + S·b̃, as in training (`drawBatch`), with the clean target g(h*) and
    /// the inference output — sgd g(h), wn g(γh/√Q + β), bn g(γh/σ_P + β) with σ_P = √(Q(1 + s²)).
    /// The same law as the full engine's test set; mean and its standard error over the samples.
    public func testError(samples: Int, stream: inout RandomStream) -> (mean: Double, standardError: Double) {
        guard samples > 0 else { return (.nan, .nan) }
        let g = setup.activation
        let inputs = setup.inputs
        let s = inputs.noise, rho = inputs.kurtosis
        let sqrtQ = (R * R + S * S).squareRoot()
        let sigmaP = sqrtQ * inputs.studentVarianceFactor.squareRoot()
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            let v = rho > 0 ? stream.gamma(shape: inputs.scaleShape, scale: inputs.scaleScale) : 1
            let scale = rho > 0 ? v.squareRoot() : 1
            let a = stream.normal(), b = stream.normal()
            let clean = scale * a
            let along = s > 0 ? clean + s * stream.normal() : clean
            let across = inputs.isGaussian ? b : (v + s * s).squareRoot() * b
            let h = R * along + S * across
            let prediction: Double
            switch setup.method {
            case .sgd: prediction = g.value(h)
            case .wn: prediction = g.value(gamma * h / sqrtQ + beta)
            case .bn: prediction = g.value(gamma * h / sigmaP + beta)
            }
            let diff = g.value(clean) - prediction
            let e = 0.5 * diff * diff
            sum += e; sumSquares += e * e
        }
        let count = Double(samples)
        let mean = sum / count
        let variance = samples > 1 ? max(0, (sumSquares - count * mean * mean) / (count - 1)) : 0
        return (mean, (variance / count).squareRoot())
    }
}
