extension CommitteeReplica {
    /// An upper bound on the bytes one two-layer replica allocates: the M × N batch, K student and
    /// K* teacher rows, K more while `initializeWeights` draws the students' random parts, and a
    /// noise row (N each, padded), the generator's bit buffer and the
    /// per-sample scratch (fields, activations, coefficients: (3K + K* + 1)·M). O((M + K + K*)·N),
    /// independent of α and the seeds. Keep in step with the buffers `init` allocates.
    public static func memoryBytes(inputDimension N: Int, batchSize M: Int, studentUnits K: Int, teacherUnits KStar: Int) -> Double {
        let padded = Double(N) + 64
        let rows = Double(M) + 2 * Double(K) + Double(KStar) + 3
        return 8 * (rows * padded + Double(3 * K + KStar + 1) * Double(M) + 4 * Double(K))
    }
}
