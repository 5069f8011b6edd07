public import GSL

/// A two-layer BN-ReLU network of width m in the original coordinates (docs/model.md §11):
///   f(x) = Σ_j w_j relu(γ_j (x·u_j − μ_j)/‖P X u_j‖ + b_j/√P),
/// with the BN statistics μ_j, ‖P X u_j‖ those of the P training inputs (full batch).
public struct BNNetwork: Sendable {
    /// m × N.
    public var directions: DenseMatrix
    public var gammas: [Double]
    public var shifts: [Double]
    public var outputs: [Double]

    public var width: Int { gammas.count }

    public init(directions: DenseMatrix, gammas: [Double], shifts: [Double], outputs: [Double]) {
        self.directions = directions; self.gammas = gammas; self.shifts = shifts; self.outputs = outputs
    }

    /// Each whitened neuron c gives q = c/√‖c‖, w = sign·√‖c‖, γ = ‖q_{1:r}‖, b = q_{r+1} and
    /// u = V Σ⁻¹ q_{1:r}, the direction in the row space of P·X (the minimum-norm choice).
    public static func recovered(from neurons: [WhitenedNeuron], data: WhitenedData) -> BNNetwork {
        let r = data.rank, n = data.rightVectors.rows
        var directions = DenseMatrix(rows: neurons.count, columns: n)
        var gammas: [Double] = [], shifts: [Double] = [], outputs: [Double] = []
        for (j, neuron) in neurons.enumerated() {
            let scale = Vec.norm(neuron.weights).squareRoot()
            let q = neuron.weights.map { $0 / scale }
            gammas.append(Vec.norm(Array(q.prefix(r))))
            shifts.append(q[r])
            outputs.append(neuron.sign * scale)
            for i in 0..<n {
                var s = 0.0
                for l in 0..<r { s += data.rightVectors[i, l] * q[l] / data.singularValues[l] }
                directions[j, i] = s
            }
        }
        return BNNetwork(directions: directions, gammas: gammas, shifts: shifts, outputs: outputs)
    }

    /// The BN statistics (mean, norm of the centred fields) of each neuron on the training inputs.
    public func statistics(training x: DenseMatrix) throws(GSLError) -> (means: [Double], norms: [Double]) {
        let fields = try x.multiplied(by: directions.transposed)  // P × m
        let p = Double(x.rows)
        var means = [Double](repeating: 0, count: width), norms = means
        for j in 0..<width {
            for i in 0..<x.rows { means[j] += fields[i, j] }
            means[j] /= p
            for i in 0..<x.rows { norms[j] += (fields[i, j] - means[j]) * (fields[i, j] - means[j]) }
            norms[j] = norms[j].squareRoot()
        }
        return (means, norms)
    }

    /// f at `inputs`, with the BN statistics of the training inputs.
    public func predict(_ inputs: DenseMatrix, training x: DenseMatrix) throws(GSLError) -> [Double] {
        let (means, norms) = try statistics(training: x)
        let fields = try inputs.multiplied(by: directions.transposed)
        let shiftScale = 1 / Double(x.rows).squareRoot()
        return (0..<inputs.rows).map { i in
            var f = 0.0
            for j in 0..<width {
                // A neuron with γ = 0 (or u = 0) outputs the constant relu(b/√P).
                let normalized = norms[j] > 0 ? (fields[i, j] - means[j]) / norms[j] : 0
                f += outputs[j] * Vec.relu(gammas[j] * normalized + shifts[j] * shiftScale)
            }
            return f
        }
    }

    /// J = ½‖f(X) − y‖² + (λ/2) Σ_j (γ_j² + b_j² + w_j²).
    public func objective(training x: DenseMatrix, labels y: [Double], lambda: Double) throws(GSLError) -> Double {
        let f = try predict(x, training: x)
        var loss = 0.0
        for i in y.indices { loss += (f[i] - y[i]) * (f[i] - y[i]) }
        var penalty = 0.0
        for j in 0..<width { penalty += gammas[j] * gammas[j] + shifts[j] * shifts[j] + outputs[j] * outputs[j] }
        return 0.5 * loss + 0.5 * lambda * penalty
    }

    /// ε_g = ½ mean (f(x) − y*(x))² over a test set.
    public func testError(_ instance: TeacherStudentInstance) throws(GSLError) -> Double {
        let f = try predict(instance.testInputs, training: instance.inputs)
        guard !f.isEmpty else { return .nan }
        var sum = 0.0
        for i in f.indices { sum += (f[i] - instance.testTargets[i]) * (f[i] - instance.testTargets[i]) }
        return 0.5 * sum / Double(f.count)
    }
}
