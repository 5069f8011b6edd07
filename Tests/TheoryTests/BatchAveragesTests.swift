import Foundation
import Model
import Simulation
import Testing
import Theory
import _TestSupport

/// bn-exact's batch expectations (docs/model.md §5, docs/bn-batch-decomposition.md), three ways.
struct BatchAveragesTests {
    struct State: Sendable, CustomTestStringConvertible {
        var M: Int, r: Double, gamma: Double, beta: Double = 0, sigma: Double = 0, activation: Activation = .relu
        var testDescription: String { "\(activation) M=\(M) r=\(r) γ=\(gamma) β=\(beta) σ=\(sigma)" }
    }

    static let states: [State] = [
        State(M: 4, r: 0.3, gamma: 1.2), State(M: 5, r: -0.4, gamma: 0.7, sigma: 0.5), State(M: 8, r: 0.9, gamma: 1),
        State(M: 16, r: 0.99, gamma: 0.8, sigma: 0.5), State(M: 8, r: 0.5, gamma: -0.6), State(M: 6, r: 0.2, gamma: 1.5, beta: 0.3),
        State(M: 8, r: 0.6, gamma: 0.9, sigma: 0.3, activation: .linear), State(M: 32, r: 0.7, gamma: 1.1),
    ]

    /// Brute-force Monte Carlo over real batches: mean and standard error of each quantity.
    static func monteCarlo(_ s: State, batches: Int, seed: UInt64) -> [(mean: Double, se: Double)] {
        var rng = RandomStream(seed: seed)
        let M = s.M, g = s.activation
        let rho = (1 - s.r * s.r).squareRoot()
        var sums = [Double](repeating: 0, count: 4), squares = sums
        var u = [Double](repeating: 0, count: M), h = u, n = u, d = u
        for _ in 0..<batches {
            for i in 0..<M {
                u[i] = rng.normal()
                h[i] = s.r * u[i] + rho * rng.normal()
            }
            let mean = u.reduce(0, +) / Double(M)
            let sd = (u.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(M)).squareRoot()
            var meanD = 0.0, meanDN = 0.0
            for i in 0..<M {
                n[i] = (u[i] - mean) / sd
                let a = s.gamma * n[i] + s.beta
                d[i] = (g.value(h[i]) + s.sigma * rng.normal() - g.value(a)) * g.derivative(a)
                meanD += d[i] / Double(M); meanDN += d[i] * n[i] / Double(M)
            }
            let c1 = s.gamma / sd * (d[0] - meanD - n[0] * meanDN)
            let x = [d[0] * n[0], d[0], c1 * h[0], c1 * c1]
            for k in 0..<4 { sums[k] += x[k]; squares[k] += x[k] * x[k] }
        }
        let B = Double(batches)
        return (0..<4).map { k in
            let m = sums[k] / B
            return (m, ((squares[k] / B - m * m) / B).squareRoot())
        }
    }

    /// Against brute-force batches: within 4.5 standard errors. T_Q only for M ≥ 8, where c₁² has
    /// a finite variance (it needs E[1/s_u⁴] < ∞, i.e. M ≥ 6) and its standard error means something.
    @Test(arguments: states)
    func quadratureMatchesRealBatches(_ s: State) throws {
        let q = try BatchAverager(batchSize: s.M, activation: s.activation, teacherNoise: s.sigma)
            .averages(overlap: s.r, gamma: s.gamma, beta: s.beta)
        let mc = Self.monteCarlo(s, batches: 400_000, seed: UInt64(s.M * 1000) + UInt64(abs(s.r * 100)))
        let values = [("T_γ", q.deltaNormalized), ("T_β", q.delta), ("T_R", q.backpropTeacher), ("T_Q", q.backpropSquared)]
        for (k, (name, value)) in values.enumerated() {
            if k == 3 && s.M < 8 { continue }
            let (mean, se) = mc[k]
            #expect(abs(value - mean) <= 4.5 * se + 1e-12, "\(s.testDescription) \(name): quadrature \(value), Monte Carlo \(mean) ± \(se)")
        }
    }

    /// Deterministic accuracy: doubling every quadrature order changes nothing beyond 1e-7.
    @Test(arguments: states.filter { $0.beta == 0 })
    func quadratureIsConverged(_ s: State) throws {
        let standard = try BatchAverager(batchSize: s.M, activation: s.activation, teacherNoise: s.sigma)
        let a = standard.averages(overlap: s.r, gamma: s.gamma, beta: s.beta)
        let b = try standard.refined().averages(overlap: s.r, gamma: s.gamma, beta: s.beta)
        let pairs = [("T_γ", a.deltaNormalized, b.deltaNormalized), ("T_β", a.delta, b.delta), ("T_R", a.backpropTeacher, b.backpropTeacher),
                     ("T_Q", a.backpropSquared, b.backpropSquared), ("A_M", a.batchOverlap, b.batchOverlap), ("A_M'", a.batchOverlapSlope, b.batchOverlapSlope)]
        for (name, x, y) in pairs {
            #expect(abs(x - y) <= 1e-7 * max(1, abs(y)), "\(s.testDescription) \(name): \(x) vs refined \(y)")
        }
    }
}
