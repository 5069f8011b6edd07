import Foundation
import Model
import Simulation
import Testing

/// The SIMD kernels of a training step (`Kernel.drawGaussian`, `Kernel.update`) against a plain
/// scalar loop on the same random numbers: `train(steps: 1)` must give, to rounding error, the
/// step docs/model.md §3 defines, computed here component by component from the inputs and label noise
/// that the stream layout (`NormalStream`) says the replica drew. N runs over sizes that are and
/// are not multiples of the 16-wide blocks; M = 1 takes the kernels' special case.
struct StepKernelTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var method: Method, M: Int, N: Int, activation: Activation = .relu, weightDecay = 0.0
        var testDescription: String { "\(method) M=\(M) N=\(N) \(activation) λ=\(weightDecay)" }
    }

    static let cases: [Case] = [1, 17, 1000].flatMap { N in
        [Case(method: .sgd, M: 1, N: N), Case(method: .sgd, M: 3, N: N, weightDecay: 0.3),
         Case(method: .wn, M: 1, N: N, weightDecay: 0.3), Case(method: .wn, M: 4, N: N),
         Case(method: .bn, M: 3, N: N), Case(method: .bn, M: 16, N: N, weightDecay: 0.3)]
    } + [Activation.linear, .erf].flatMap { g in
        [Case(method: .sgd, M: 1, N: 40, activation: g), Case(method: .wn, M: 2, N: 40, activation: g),
         Case(method: .bn, M: 5, N: 40, activation: g, weightDecay: 0.3)]
    } + [Case(method: .bn, M: 2, N: 33, weightDecay: 0.3)]

    static let teacherNoise = 0.3

    @Test(arguments: cases)
    func trainingStepMatchesScalarLoop(_ c: Case) {
        let setup = TrainingSetup(inputDimension: c.N, activation: c.activation, teacherNoise: Self.teacherNoise,
                                  method: c.method, learningRate: 0.7, batchSize: c.M, weightDecay: c.weightDecay,
                                  gammaDecay: 0.1, gammaLearningRateScale: 0.8, betaLearningRateScale: 1.2, learnBeta: true,
                                  initial: InitialState(Q: 1.2, r: 0.3, gamma: 1.1, beta: 0.2))
        let seed: UInt64 = 17
        let replica = Replica(setup: setup, seed: seed)
        let teacher = replica.teacherWeights, w = replica.studentWeights
        // The stream layout: w* and w (one fill of N each), then the M inputs, then σ·ξ_i.
        var stream = NormalStream(seed: seed)
        func draw() -> [Double] {
            var v = [Double](repeating: 0, count: c.N)
            v.withUnsafeMutableBufferPointer { stream.fill($0) }
            return v
        }
        _ = draw(); _ = draw()
        let inputs = (0..<c.M).map { _ in draw() }
        let noise = (0..<c.M).map { _ in Self.teacherNoise * stream.normal() }

        replica.train(steps: 1)
        let expected = Self.scalarStep(setup, teacher: teacher, w: w, gamma: 1.1, beta: 0.2, inputs: inputs, labelNoise: noise)

        let scale = max(1e-300, expected.w.map(abs).max()!)
        let wError = zip(replica.studentWeights, expected.w).map { abs($0 - $1) }.max()! / scale
        #expect(wError < 1e-12, "max |Δw| / max |w| = \(wError)")
        #expect(abs(replica.gamma - expected.gamma) < 1e-13 * (1 + abs(expected.gamma)))
        #expect(abs(replica.beta - expected.beta) < 1e-13 * (1 + abs(expected.beta)))
        #expect(!replica.hasBlownUp)
    }

    /// One step of docs/model.md §3, written out with plain loops over components and samples.
    static func scalarStep(_ s: TrainingSetup, teacher: [Double], w: [Double], gamma: Double, beta: Double,
                           inputs: [[Double]], labelNoise: [Double]) -> (w: [Double], gamma: Double, beta: Double) {
        let N = Double(s.inputDimension), M = Double(s.batchSize), g = s.activation, eta = s.learningRate
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        let hStar = inputs.map { dot(teacher, $0) / N.squareRoot() }
        let h = inputs.map { dot(w, $0) / N.squareRoot() }
        let y = zip(hStar, labelNoise).map { g.value($0) + $1 }
        let norm = dot(w, w).squareRoot()

        var newW = w.map { (1 - eta * s.weightDecay / N) * $0 }
        var dGamma = 0.0, dBeta = 0.0  // −∂L/∂γ, −∂L/∂β
        switch s.method {
        case .sgd:
            for i in inputs.indices {
                let delta = (y[i] - g.value(h[i])) * g.derivative(h[i])
                for j in w.indices { newW[j] += eta / M * delta * inputs[i][j] / N.squareRoot() }
            }
        case .wn:
            for i in inputs.indices {
                let u = h[i] * N.squareRoot() / norm, a = gamma * u + beta
                let delta = (y[i] - g.value(a)) * g.derivative(a)
                dGamma += delta * u; dBeta += delta
                // ∂u/∂w = x/|w| − u·w/|w|²
                for j in w.indices { newW[j] += eta / M * delta * gamma * (inputs[i][j] / norm - u * w[j] / (norm * norm)) }
            }
        case .bn:
            let mean = h.reduce(0, +) / M
            let sd = (h.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / M).squareRoot()
            let n = h.map { ($0 - mean) / sd }
            let delta = n.indices.map { i in (y[i] - g.value(gamma * n[i] + beta)) * g.derivative(gamma * n[i] + beta) }
            let meanDelta = delta.reduce(0, +) / M, meanDeltaN = zip(delta, n).reduce(0) { $0 + $1.0 * $1.1 } / M
            dGamma = meanDeltaN * M; dBeta = meanDelta * M
            if s.batchSize > 2 {  // docs/model.md §2: at M = 2 the gradient with respect to w vanishes
                for i in inputs.indices {
                    let back = gamma / sd * (delta[i] - meanDelta - n[i] * meanDeltaN)
                    for j in w.indices { newW[j] += eta / M * back * inputs[i][j] / N.squareRoot() }
                }
            }
        }
        var newGamma = gamma, newBeta = beta
        if s.method.isNormalized {
            newGamma += s.gammaLearningRate / N * (dGamma / M - 2 * s.gammaDecay * gamma)
            if s.learnBeta { newBeta += s.betaLearningRate / N * dBeta / M }
        }
        return (newW, newGamma, newBeta)
    }
}
