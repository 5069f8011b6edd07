public import GSL
public import Model

/// One finite training set of the teacher–student scenario (docs/model.md §11): P inputs
/// x ~ N(0, I_N) with noisy teacher labels, drawn once, and a fresh noise-free test set.
public struct TeacherStudentInstance: Sendable {
    public let inputDimension: Int
    /// P × N.
    public let inputs: DenseMatrix
    /// Teacher outputs plus σ·ξ.
    public let labels: [Double]
    /// n_test × N.
    public let testInputs: DenseMatrix
    /// Noise-free teacher outputs on the test inputs.
    public let testTargets: [Double]

    public var sampleCount: Int { inputs.rows }

    public init(inputDimension: Int, inputs: DenseMatrix, labels: [Double], testInputs: DenseMatrix, testTargets: [Double]) {
        self.inputDimension = inputDimension; self.inputs = inputs; self.labels = labels
        self.testInputs = testInputs; self.testTargets = testTargets
    }

    /// Draws teacher, training set and test set from `seed` alone.
    public static func draw(inputDimension n: Int, samples p: Int, teacher: TeacherNetwork, noise: Double,
                            testSamples: Int, seed: UInt64) -> TeacherStudentInstance {
        var rng = GaussianSource(seed: seed)
        let hiddenCount = teacher == .relu ? 1 : 2
        let signs: [Double] = teacher == .relu ? [1] : [1, -1]
        // Teacher vectors rescaled to |w|² = N exactly.
        let weights: [[Double]] = (0..<hiddenCount).map { _ in
            let w = rng.normals(n)
            let scale = Double(n).squareRoot() / Vec.norm(w)
            return w.map { $0 * scale }
        }
        func teacherOutput(_ x: ArraySlice<Double>) -> Double {
            var y = 0.0
            for (a, w) in zip(signs, weights) {
                var field = 0.0
                for (xi, wi) in zip(x, w) { field += xi * wi }
                y += a * Vec.relu(field / Double(n).squareRoot())
            }
            return y
        }
        let x = DenseMatrix(rows: p, columns: n, values: rng.normals(p * n))
        let labels = (0..<p).map { teacherOutput(x.row($0)) + noise * rng.normal() }
        let test = DenseMatrix(rows: testSamples, columns: n, values: rng.normals(testSamples * n))
        let targets = (0..<testSamples).map { teacherOutput(test.row($0)) }
        return TeacherStudentInstance(inputDimension: n, inputs: x, labels: labels, testInputs: test, testTargets: targets)
    }
}
