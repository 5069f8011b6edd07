import Foundation
import Model
@_spi(Testing) import Simulation
import Testing

/// docs/model.md §10 for two-layer networks, pathwise: on the same batch the reduced chain's update
/// of (R, L, v, γ) is the full engine's. The batch's inputs go to the full replica; the chain gets
/// their coordinates in the frame of the teacher rows and the Gram–Schmidt of the students' parts
/// orthogonal to them, plus their parts outside the frame (in place of the Wishart draw). Five
/// steps per case, the chain re-synchronized to the full replica before each; every Q_kl, R_km,
/// v_k and γ_k must agree to 1e-10 (relative to their size).
struct ReducedCommitteePathwiseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var method: Method, M: Int, K: Int, KStar: Int, activation: Activation = .relu, weightDecay = 0.0, learnSecondLayer = false
        var testDescription: String { "\(method) M=\(M) K=\(K) K*=\(KStar) \(activation) λ=\(weightDecay) v learned=\(learnSecondLayer)" }
    }

    static let cases: [Case] = [
        Case(method: .sgd, M: 1, K: 2, KStar: 2), Case(method: .sgd, M: 3, K: 2, KStar: 2, weightDecay: 0.4),
        Case(method: .sgd, M: 2, K: 3, KStar: 1, activation: .erf, learnSecondLayer: true),
        Case(method: .wn, M: 4, K: 2, KStar: 2, weightDecay: 0.4), Case(method: .wn, M: 1, K: 3, KStar: 1, activation: .erf),
        Case(method: .bn, M: 5, K: 2, KStar: 2, learnSecondLayer: true), Case(method: .bn, M: 8, K: 3, KStar: 1, activation: .erf, weightDecay: 0.4),
        Case(method: .bn, M: 2, K: 2, KStar: 3, weightDecay: 0.4), Case(method: .sgd, M: 6, K: 4, KStar: 2, activation: .erf),
    ]

    static func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test(arguments: cases)
    func reducedUpdateEqualsFullUpdate(_ c: Case) {
        let N = 40, n = Double(N)
        let unit = TrainingSetup(inputDimension: N, activation: c.activation, teacherNoise: 0.3, method: c.method, learningRate: 0.9,
                                 batchSize: c.M, weightDecay: c.weightDecay, gammaDecay: 0.1, initial: InitialState(Q: 1, r: 0.3, gamma: 1.2))
        let setup = CommitteeSetup(unit: unit, studentUnits: c.K, teacherUnits: c.KStar, teacherSecondLayer: (0..<c.KStar).map { 1 - 0.2 * Double($0) },
                                   learnSecondLayer: c.learnSecondLayer, secondLayerInitial: 0.8)
        let full = CommitteeReplica(setup: setup, seed: 7)
        let chain = ReducedCommitteeReplica(setup: setup, seed: 8)
        var rng = RandomStream(seed: 99)
        for step in 0..<5 {
            // The frame: e_m = w*_m/√N, then the students' parts orthogonal to the teacher, Gram–Schmidt.
            let rows = full.weightRows
            let e = rows.teacher.map { $0.map { $0 / n.squareRoot() } }
            var f: [[Double]] = [], R: [[Double]] = [], L: [[Double]] = []
            for k in 0..<c.K {
                let w = rows.student[k].map { $0 / n.squareRoot() }
                let r = e.map { Self.dot(w, $0) }
                let l = f.map { Self.dot(w, $0) }
                var rest = w
                for (m, em) in e.enumerated() { for j in 0..<N { rest[j] -= r[m] * em[j] } }
                for (j, fj) in f.enumerated() { for i in 0..<N { rest[i] -= l[j] * fj[i] } }
                let norm = Self.dot(rest, rest).squareRoot()
                f.append(rest.map { $0 / norm })
                R.append(r); L.append(l + [norm] + Array(repeating: 0, count: c.K - k - 1))
            }
            chain.setState(R: R, L: L, v: full.v, gamma: full.gamma, beta: full.beta)
            let inputs = (0..<c.M).map { _ in (0..<N).map { _ in rng.normal() } }
            let noise = (0..<c.M).map { _ in 0.3 * rng.normal() }
            let a = inputs.map { x in e.map { Self.dot(x, $0) } }, b = inputs.map { x in f.map { Self.dot(x, $0) } }
            let outside = inputs.enumerated().map { i, x in
                var rest = x
                for (m, em) in e.enumerated() { for j in 0..<N { rest[j] -= a[i][m] * em[j] } }
                for (l, fl) in f.enumerated() { for j in 0..<N { rest[j] -= b[i][l] * fl[j] } }
                return rest
            }
            full.step(onBatch: inputs, labelNoise: noise)
            chain.step(teacherCoordinates: a, frameCoordinates: b, outOfFrame: outside, labelNoise: noise)
            let x = full.state, y = chain.state
            for (name, p, q) in [("Q", x.Q, y.Q), ("R", x.R, y.R), ("v", x.v, y.v), ("γ", x.gamma, y.gamma)] {
                for (u, w) in zip(p, q) {
                    #expect(abs(u - w) <= 1e-10 * max(1, abs(u)), "\(c.testDescription) step \(step): \(name) \(u) vs \(w)")
                }
            }
            #expect(!chain.hasBlownUp && !full.hasBlownUp)
        }
    }
}
