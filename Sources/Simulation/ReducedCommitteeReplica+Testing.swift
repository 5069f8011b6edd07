import Model

extension ReducedCommitteeReplica {
    /// For the pathwise tests: sets the frame coordinates (R K×K*, L K×K lower-triangular) and the
    /// per-unit parameters.
    @_spi(Testing)
    public func setState(R given: [[Double]], L triangular: [[Double]], v: [Double], gamma: [Double], beta: [Double]) {
        for k in 0..<K {
            for m in 0..<KStar { R[k * KStar + m] = given[k][m] }
            for j in 0..<K { L[k * K + j] = j <= k ? triangular[k][j] : 0 }
        }
        self.v = v; self.gamma = gamma; self.beta = beta
    }

    /// For the pathwise tests: one step on a given batch in frame coordinates — per sample i the
    /// teacher coordinates a_i (K*), the student-frame coordinates b_i (K), the out-of-frame part
    /// x_i^⊥ (any representation that keeps its inner products) and the label noise — using
    /// Γ = C·X⊥ instead of its Wishart law. The rest is the code `step()` runs.
    @_spi(Testing)
    public func step(teacherCoordinates a: [[Double]], frameCoordinates b: [[Double]], outOfFrame: [[Double]], labelNoise: [Double]) {
        precondition(a.count == M && b.count == M && outOfFrame.count == M && labelNoise.count == M)
        let g = unit.activation
        for i in 0..<M {
            for m in 0..<KStar { teacherFields[m * M + i] = a[i][m]; teacherCoordinates[m * M + i] = a[i][m] }
            for j in 0..<K { frameCoordinates[j * M + i] = b[i][j] }
            var y = labelNoise[i]
            for m in 0..<KStar { y += setup.teacherSecondLayer[m] * g.value(a[i][m]) }
            labels[i] = y
        }
        computeStudentFields()
        var unused = rng
        update(&unused, outOfFrame: outOfFrame)
    }
}
