import Model

extension Replica {
    /// Empirical test error ½(g(h*) − ŷ)² on fresh noise-free samples, with ŷ the inference
    /// output (population statistics for bn: σ_P = √Q, μ_P = 0; docs/model.md §2, §4). Drawn from a
    /// separate stream so that measuring never changes the training trajectory.
    /// Returns the mean and its standard error over the samples.
    func testError(samples: Int, stream: inout NormalStream) -> (mean: Double, standardError: Double) {
        guard samples > 0 else { return (.nan, .nan) }
        let n = Double(N), invSqrtN = 1 / n.squareRoot()
        let g = setup.activation
        let sqrtQ = (dot(student, student) / n).squareRoot()
        let wStar = UnsafePointer(teacher.baseAddress!), w = UnsafePointer(student.baseAddress!)
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            let (dT, dS) = Kernel.drawGaussian(into: probe, count: N, teacher: wStar, student: w, stream: &stream, bits: bits)
            let h = dS * invSqrtN
            let prediction: Double
            switch setup.method {
            case .sgd: prediction = g.value(h)
            case .wn, .bn: prediction = g.value(gamma * h / sqrtQ + beta)
            }
            let diff = g.value(dT * invSqrtN) - prediction
            let e = 0.5 * diff * diff
            sum += e; sumSquares += e * e
        }
        let count = Double(samples)
        let mean = sum / count
        let variance = samples > 1 ? max(0, (sumSquares - count * mean * mean) / (count - 1)) : 0
        return (mean, (variance / count).squareRoot())
    }
}
