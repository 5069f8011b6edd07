import Model

extension CommitteeReplica {
    /// For the pathwise tests: one step on a given batch — `inputs` the M vectors x_i (length N),
    /// `labelNoise[i]` added to sample i's label — with the fields computed as `step()` computes
    /// them and the very update `step()` runs; the random stream is neither used nor advanced.
    @_spi(Testing)
    public func step(onBatch inputs: [[Double]], labelNoise: [Double]) {
        precondition(inputs.count == M && labelNoise.count == M && inputs.allSatisfy { $0.count == N })
        let invSqrtN = 1 / Double(N).squareRoot(), g = unit.activation
        for (i, input) in inputs.enumerated() {
            let x = batch + i * padded
            for j in 0..<padded { x[j] = j < N ? input[j] : 0 }
            for m in 0..<KStar { teacherFields[m * M + i] = Kernel.dot(x, teacher + m * padded, padded: padded) * invSqrtN }
            for k in 0..<K { studentFields[k * M + i] = Kernel.dot(x, student + k * padded, padded: padded) * invSqrtN }
            var y = labelNoise[i]
            for m in 0..<KStar { y += setup.teacherSecondLayer[m] * g.value(teacherFields[m * M + i]) }
            labels[i] = y
        }
        update()
    }

    /// Copies of the teacher rows w*_m and the student rows w_k (for tests).
    @_spi(Testing)
    public var weightRows: (teacher: [[Double]], student: [[Double]]) {
        ((0..<KStar).map { Array(row(teacher, $0)) }, (0..<K).map { Array(row(student, $0)) })
    }
}
