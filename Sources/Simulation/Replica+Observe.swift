import Model

/// What one step saw before it updated anything: the batch's student fields h_i = w·x_i/√N
/// (sample order) and the state they were computed with.
public struct BatchObservation: Sendable {
    public let studentFields: [Double]
    /// Q = |w|²/N, so σ_P = √Q is BN's population scale (docs/model.md §2).
    public let Q: Double
    public let gamma: Double
    public let beta: Double
}

extension Replica {
    /// One online step exactly as `train(steps:)` takes it (same draws, same update), handing the
    /// batch to `observe` between drawing it and updating on it. For studies of the batch
    /// statistics (e.g. `bnsim jitter`); it copies the M fields, so it is not for the hot loop.
    public func step(observing observe: (BatchObservation) -> Void) {
        var rng = self.rng
        if gaussianInputs { drawBatch(&rng) } else { drawBatchWithInputModel(&rng) }
        observe(BatchObservation(studentFields: Array(studentFields), Q: dot(student, student) / Double(N), gamma: gamma, beta: beta))
        var noise = DrawnLabelNoise(rng: rng, sigma: setup.teacherNoise)
        applyUpdate(labelNoise: &noise)
        self.rng = noise.rng
    }
}
