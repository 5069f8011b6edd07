import Model

extension CommitteeReplica {
    /// The fields of the last batch, [k·M + i] (teacher: [m·M + i]), as the update saw them: h*
    /// from the clean input, h from what the student sees (docs/model.md §8). For tests.
    public var lastBatchFields: (teacher: [Double], student: [Double]) { (teacherFields, studentFields) }

    /// One update on a given batch (for tests of the update rule): `inputs` are the M inputs x_i
    /// (N each) and `labels` their y_i. The fields are computed as `step()` computes them and the
    /// update is the very code `step()` runs; the random streams are neither used nor advanced.
    public func step(onBatch inputs: [[Double]], labels given: [Double]) {
        precondition(inputs.count == M && given.count == M, "step(onBatch:) needs M = \(M) inputs and labels")
        let invSqrtN = 1 / Double(N).squareRoot()
        for (i, input) in inputs.enumerated() {
            precondition(input.count == N, "input \(i) has \(input.count) components, N = \(N)")
            let x = batch + i * padded
            for j in 0..<padded { x[j] = j < N ? input[j] : 0 }
            for m in 0..<KStar { teacherFields[m * M + i] = Kernel.dot(x, teacher + m * padded, padded: padded) * invSqrtN }
            for k in 0..<K { studentFields[k * M + i] = Kernel.dot(x, student + k * padded, padded: padded) * invSqrtN }
        }
        labels = given
        update()
    }

    /// For the pathwise tests of the reduced chain: one step on a given batch whose labels are the
    /// teacher's Σ_m v*_m·g(h*_m) plus `labelNoise[i]`.
    public func step(onBatch inputs: [[Double]], labelNoise: [Double]) {
        precondition(labelNoise.count == M, "step(onBatch:labelNoise:) needs M = \(M) noise values")
        let g = unit.activation, teacherRows = teacherWeights, invSqrtN = 1 / Double(N).squareRoot()
        let labels = inputs.enumerated().map { i, x in
            var y = labelNoise[i]
            for (m, w) in teacherRows.enumerated() {
                y += setup.teacherSecondLayer[m] * g.value(zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } * invSqrtN)
            }
            return y
        }
        step(onBatch: inputs, labels: labels)
    }

    /// Copies of the student rows w_k and teacher rows w*_m (for tests).
    public var studentWeights: [[Double]] { (0..<K).map { Array(row(student, $0)) } }
    public var teacherWeights: [[Double]] { (0..<KStar).map { Array(row(teacher, $0)) } }
    public var weightRows: (teacher: [[Double]], student: [[Double]]) { (teacherWeights, studentWeights) }
}
