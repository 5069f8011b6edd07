import Foundation
import Model
@_spi(Testing) import Simulation
import Testing

/// docs/model.md §10, pathwise: on the same batch the reduced chain's update of (R, S, γ, β) is the
/// full engine's. The batch's inputs x_i are given to the full replica; the chain gets their
/// coordinates in the frame e₁ = w*/√N, e₂ = (w − R·w*)/(√N·S) and the Gram matrix of their
/// out-of-plane parts (the quantity whose law the chain draws as |c|²·χ²_{N−2}). Five consecutive
/// steps per case, the chain re-synchronized to the full replica's state before each; R, S, Q, γ and
/// β must agree to 1e-12 (relative to their size). Every method, weight decay, gamma decay, learned
/// β, erf, bn at M = 2 (w frozen), and w ∥ w* (S = 0 at the start).
struct ReducedChainPathwiseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var method: Method, M: Int, activation: Activation = .relu, weightDecay = 0.0, r0 = 0.3
        var testDescription: String { "\(method) M=\(M) \(activation) λ=\(weightDecay) r₀=\(r0)" }
    }

    static let cases: [Case] = [
        Case(method: .sgd, M: 1), Case(method: .sgd, M: 3, weightDecay: 0.4), Case(method: .sgd, M: 2, activation: .erf),
        Case(method: .wn, M: 1, weightDecay: 0.4), Case(method: .wn, M: 4, activation: .erf),
        Case(method: .bn, M: 2, weightDecay: 0.4), Case(method: .bn, M: 5), Case(method: .bn, M: 16, weightDecay: 0.4),
        Case(method: .sgd, M: 4, r0: 1), Case(method: .wn, M: 4, r0: 1), Case(method: .bn, M: 8, r0: -1),
    ]

    @Test(arguments: cases)
    func reducedUpdateEqualsFullUpdate(_ c: Case) {
        let N = 50
        let setup = TrainingSetup(inputDimension: N, activation: c.activation, teacherNoise: 0.3, method: c.method,
                                  learningRate: 0.9, batchSize: c.M, weightDecay: c.weightDecay, gammaDecay: 0.1,
                                  gammaLearningRateScale: 0.8, betaLearningRateScale: 1.2, learnBeta: true,
                                  initial: InitialState(Q: 1.3, r: c.r0, gamma: 1.1, beta: 0.2))
        let full = Replica(setup: setup, seed: 11)
        let chain = ReducedReplica(setup: setup, seed: 11)
        var rng = RandomStream(seed: 12)
        let wStar = full.teacherWeights
        let n = Double(N)
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        for step in 0..<5 {
            let w = full.studentWeights
            let R = dot(w, wStar) / n
            var across = zip(w, wStar).map { $0 - R * $1 }
            var S = dot(across, across).squareRoot() / n.squareRoot()
            if S < 1e-12 {  // w ∥ w*: any unit direction orthogonal to w* spans the plane
                S = 0
                across = (0..<N).map { _ in rng.normal() }
                let p = dot(across, wStar) / n
                across = zip(across, wStar).map { $0 - p * $1 }
            }
            let e1 = wStar.map { $0 / n.squareRoot() }
            let norm = dot(across, across).squareRoot()
            let e2 = across.map { $0 / norm }
            chain.setState(R: R, S: S, gamma: full.gamma, beta: full.beta)

            let inputs = (0..<c.M).map { _ in (0..<N).map { _ in rng.normal() } }
            let noise = (0..<c.M).map { _ in 0.3 * rng.normal() }
            let a = inputs.map { dot($0, e1) }, b = inputs.map { dot($0, e2) }
            let perp = inputs.indices.map { i in (0..<N).map { inputs[i][$0] - a[i] * e1[$0] - b[i] * e2[$0] } }
            let gram = perp.map { p in perp.map { dot(p, $0) } }

            full.step(onBatch: inputs, labelNoise: noise)
            chain.step(teacherCoordinates: a, studentCoordinates: b, outOfPlaneGram: gram, labelNoise: noise)

            let w1 = full.studentWeights
            let R1 = dot(w1, wStar) / n
            let rest = zip(w1, wStar).map { $0 - R1 * $1 }
            let S1 = dot(rest, rest).squareRoot() / n.squareRoot()
            let p = chain.orderParameters
            func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-12 * max(1, abs(y)) }
            #expect(close(p.R, R1), "step \(step): R \(p.R) vs full \(R1)")
            #expect(close(chain.S, S1), "step \(step): S \(chain.S) vs full \(S1)")
            #expect(close(p.Q, dot(w1, w1) / n), "step \(step): Q \(p.Q) vs full \(dot(w1, w1) / n)")
            #expect(close(p.gamma, full.gamma) && close(p.beta, full.beta), "step \(step): γ, β")
            if c.method == .bn && c.M == 2 { #expect(close(p.R, R * (1 - 0.9 * c.weightDecay / n))) }  // w frozen up to decay
        }
    }
}
