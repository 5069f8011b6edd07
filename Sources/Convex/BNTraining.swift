import Foundation
import GSL

/// Full-batch Adam on the non-convex BN network objective J(u, γ, b, w) of docs/model.md §11,
/// weight decay on (γ, b, w) (u is scale-free); the step size decays geometrically from
/// `learningRate` to `learningRate·finalRateFactor`.
public struct BNTraining: Sendable {
    public var width: Int
    public var steps: Int
    public var learningRate: Double
    public var finalRateFactor = 3e-3
    public var lambda: Double

    public init(width: Int, steps: Int, learningRate: Double, lambda: Double) {
        self.width = width; self.steps = steps; self.learningRate = learningRate; self.lambda = lambda
    }

    /// One restart from the seeded initialization u ~ N(0, I_N), γ = 1, b = 0, w ~ N(0, 1).
    public func train(_ instance: TeacherStudentInstance, seed: UInt64) -> BNNetwork {
        let p = instance.sampleCount, n = instance.inputDimension, m = width
        let x = instance.inputs, y = instance.labels
        // Centred inputs: P·X·u is all BN sees of u on the training set.
        var mean = [Double](repeating: 0, count: n)
        for i in 0..<p { for l in 0..<n { mean[l] += x[i, l] / Double(p) } }
        var xc = x.values
        for i in 0..<p { for l in 0..<n { xc[i * n + l] -= mean[l] } }

        var rng = GaussianSource(seed: seed)
        // Parameters, flat: u (m·N), then γ, b, w (m each).
        let count = m * n + 3 * m
        var theta = rng.normals(m * n) + [Double](repeating: 1, count: m) + [Double](repeating: 0, count: m) + rng.normals(m)
        var first = [Double](repeating: 0, count: count), second = first, grad = first
        let (beta1, beta2, epsilon) = (0.9, 0.999, 1e-10)
        let shiftScale = 1 / Double(p).squareRoot()
        var z = [Double](repeating: 0, count: p * m), a = z, f = [Double](repeating: 0, count: p)
        var norms = [Double](repeating: 0, count: m)
        let decay = steps > 1 ? Foundation.pow(finalRateFactor, 1 / Double(steps - 1)) : 1
        var rate = learningRate
        var power1 = 1.0, power2 = 1.0
        for _ in 0..<steps {
            // Forward.
            for i in 0..<p { f[i] = 0 }
            for j in 0..<m {
                var s = 0.0
                for i in 0..<p {
                    var h = 0.0
                    for l in 0..<n { h += xc[i * n + l] * theta[j * n + l] }
                    z[i * m + j] = h
                    s += h * h
                }
                let norm = max(s.squareRoot(), 1e-300)
                norms[j] = norm
                let gamma = theta[m * n + j], b = theta[m * n + m + j], w = theta[m * n + 2 * m + j]
                for i in 0..<p {
                    z[i * m + j] /= norm
                    let pre = gamma * z[i * m + j] + b * shiftScale
                    a[i * m + j] = pre
                    if pre > 0 { f[i] += w * pre }
                }
            }
            // Backward.
            for k in 0..<count { grad[k] = 0 }
            for j in 0..<m {
                let gamma = theta[m * n + j], b = theta[m * n + m + j], w = theta[m * n + 2 * m + j]
                var dw = 0.0, dgamma = 0.0, db = 0.0, zdz = 0.0
                var dz = [Double](repeating: 0, count: p)
                for i in 0..<p where a[i * m + j] > 0 {
                    let r = f[i] - y[i]
                    dw += a[i * m + j] * r
                    let da = w * r
                    dgamma += da * z[i * m + j]
                    db += da
                    dz[i] = gamma * da
                    zdz += z[i * m + j] * dz[i]
                }
                grad[m * n + j] = dgamma + lambda * gamma
                grad[m * n + m + j] = db * shiftScale + lambda * b
                grad[m * n + 2 * m + j] = dw + lambda * w
                // d/dh of h/‖h‖ on centred fields; Xcᵀ already annihilates constants.
                for i in 0..<p {
                    let dh = (dz[i] - z[i * m + j] * zdz) / norms[j]
                    guard dh != 0 else { continue }
                    for l in 0..<n { grad[j * n + l] += xc[i * n + l] * dh }
                }
            }
            // Adam.
            power1 *= beta1; power2 *= beta2
            let correction = (1 - power2).squareRoot() / (1 - power1)
            for k in 0..<count {
                first[k] = beta1 * first[k] + (1 - beta1) * grad[k]
                second[k] = beta2 * second[k] + (1 - beta2) * grad[k] * grad[k]
                theta[k] -= rate * correction * first[k] / (second[k].squareRoot() + epsilon)
            }
            rate *= decay
        }
        return BNNetwork(directions: DenseMatrix(rows: m, columns: n, values: Array(theta[0..<(m * n)])),
                         gammas: Array(theta[(m * n)..<(m * n + m)]),
                         shifts: Array(theta[(m * n + m)..<(m * n + 2 * m)]),
                         outputs: Array(theta[(m * n + 2 * m)..<count]))
    }
}
