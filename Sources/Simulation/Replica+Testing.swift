import Model

/// Label noise given explicitly, one value per sample in sample order.
struct GivenLabelNoise: LabelNoiseSource {
    let values: [Double]
    var index = 0
    mutating func next() -> Double {
        defer { index += 1 }
        return values[index]
    }
}

extension Replica {
    /// One step of training on a given batch (for tests of the update rule): `inputs` are the M
    /// input vectors x_i (each of length N) and `labelNoise[i]` the additive noise of sample i,
    /// y_i = g(h*_i) + labelNoise[i], used whatever `setup.teacherNoise` is. The fields are
    /// computed as `step()` computes them and the update is the very code `step()` runs; the
    /// replica's random stream is neither used nor advanced.
    public func step(onBatch inputs: [[Double]], labelNoise: [Double]) {
        precondition(inputs.count == M, "step(onBatch:) needs M = \(M) inputs, got \(inputs.count)")
        precondition(labelNoise.count == M, "step(onBatch:) needs M = \(M) label-noise values, got \(labelNoise.count)")
        let invSqrtN = 1 / Double(N).squareRoot()
        let wStar = UnsafePointer(teacher.baseAddress!), w = UnsafePointer(student.baseAddress!)
        for (i, input) in inputs.enumerated() {
            precondition(input.count == N, "input \(i) has \(input.count) components, N = \(N)")
            let x = batch + i * padded
            for j in 0..<padded { x[j] = j < N ? input[j] : 0 }
            let (dT, dS) = Kernel.dots(x, count: N, teacher: wStar, student: w)
            teacherFields[i] = dT * invSqrtN
            studentFields[i] = dS * invSqrtN
        }
        var noise = GivenLabelNoise(values: labelNoise)
        applyUpdate(labelNoise: &noise)
    }

    /// A copy of the teacher weights w* (for tests).
    public var teacherWeights: [Double] { Array(teacher) }
}
