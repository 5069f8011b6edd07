import Foundation
import Model
import Simulation
import Testing

/// The training update is docs/model.md §3's gradient step on the batch loss
/// L(w, γ, β) = (1/M)·Σ_i ½(y_i − ŷ_i)², checked against central finite differences of a plain,
/// independently written L (for bn through μ_B and the biased σ_B):
///   Δw = −(η·λ/N)·w − η·∇_w L,  Δγ = −(η_γ/N)·(∂L/∂γ + 2κγ),  Δβ = −(η_β/N)·∂L/∂β.
///
/// Finite differences: step ε = 1e-6 on each parameter (all are O(1)); truncation error
/// O(ε²·L''') ~ 1e-12 and rounding error ~ u·L/ε ~ 1e-10 in absolute terms.
/// Tolerance: the largest component error, relative to the largest component of the expected
/// update (∞-norm), at most 1e-6; γ and β each to 1e-6 relative. Observed: at most 7e-9 for w,
/// 2e-8 for γ (where ∂L/∂γ is small), 3e-10 for β; the power checks miss by 1e-3 to 1. For relu the batch is chosen so
/// that every pre-activation is at least 1e-3 from the kink, and the harness also checks that no
/// finite-difference evaluation changes which samples are active.
/// Power: the same harness must reject a gradient that is subtly wrong (γ → 1.01γ in ŷ) or the
/// classic BN mistake of not differentiating through μ_B and σ_B.
struct BNBackwardPassTests {
    static let epsilon = 1e-6
    static let tolerance = 1e-6
    static let kinkMargin = 1e-3
    static let activations: [Activation] = [.relu, .linear, .erf]

    // MARK: bn

    @Test(arguments: activations, [2, 3, 4, 8])
    func bnUpdateIsTheBatchLossGradientStep(activation: Activation, M: Int) throws {
        let check = try UpdateCheck(method: .bn, activation: activation, M: M)
        if M == 2 {
            // docs/model.md §2: n = ±1 at M = 2, so ∇_w L = 0 identically: the kernel leaves w bit for bit
            // unchanged, and the finite-difference gradient is rounding noise (~1e-10, against
            // O(0.1) components at M ≥ 3).
            #expect(check.deltaW.allSatisfy { $0 == 0 })
            let fdScale = check.expectedDeltaW.map(abs).max()!
            #expect(fdScale < 1e-8, "FD ∇_w L at M = 2: \(fdScale)")
        } else {
            let error = Self.relativeError(check.deltaW, check.expectedDeltaW)
            #expect(error < Self.tolerance, "Δw vs −η∇_w L: relative error \(error)")
        }
        let gammaError = abs(check.deltaGamma - check.expectedDeltaGamma) / abs(check.expectedDeltaGamma)
        let betaError = abs(check.deltaBeta - check.expectedDeltaBeta) / abs(check.expectedDeltaBeta)
        #expect(gammaError < Self.tolerance, "Δγ \(check.deltaGamma) vs \(check.expectedDeltaGamma)")
        #expect(betaError < Self.tolerance, "Δβ \(check.deltaBeta) vs \(check.expectedDeltaBeta)")
        #expect(check.deltaGamma != 0 && check.deltaBeta != 0)
    }

    // MARK: sgd and wn (the harness on the other methods)

    @Test(arguments: activations, [1, 2, 3, 4, 8])
    func sgdUpdateIsTheBatchLossGradientStep(activation: Activation, M: Int) throws {
        let check = try UpdateCheck(method: .sgd, activation: activation, M: M)
        let error = Self.relativeError(check.deltaW, check.expectedDeltaW)
        #expect(error < Self.tolerance, "Δw vs −η∇_w L: relative error \(error)")
        #expect(check.deltaGamma == 0 && check.deltaBeta == 0)  // sgd has no γ, β
    }

    @Test(arguments: activations, [1, 2, 3, 4, 8])
    func wnUpdateIsTheBatchLossGradientStep(activation: Activation, M: Int) throws {
        let check = try UpdateCheck(method: .wn, activation: activation, M: M)
        let error = Self.relativeError(check.deltaW, check.expectedDeltaW)
        let gammaError = abs(check.deltaGamma - check.expectedDeltaGamma) / abs(check.expectedDeltaGamma)
        let betaError = abs(check.deltaBeta - check.expectedDeltaBeta) / abs(check.expectedDeltaBeta)
        #expect(error < Self.tolerance, "Δw vs −η∇_w L: relative error \(error)")
        #expect(gammaError < Self.tolerance, "Δγ \(check.deltaGamma) vs \(check.expectedDeltaGamma)")
        #expect(betaError < Self.tolerance, "Δβ \(check.deltaBeta) vs \(check.expectedDeltaBeta)")
    }

    /// Weight decay λ and the γ penalty κ enter as docs/model.md §3 writes them (every method).
    @Test(arguments: Method.allCases)
    func decaysEnterAsSpecified(method: Method) throws {
        let check = try UpdateCheck(method: method, activation: .relu, M: 4, weightDecay: 0.3, gammaDecay: 0.2)
        let error = Self.relativeError(check.deltaW, check.expectedDeltaW)
        #expect(error < Self.tolerance, "Δw vs −(ηλ/N)w − η∇_w L: relative error \(error)")
        if method.isNormalized {
            let gammaError = abs(check.deltaGamma - check.expectedDeltaGamma) / abs(check.expectedDeltaGamma)
            #expect(gammaError < Self.tolerance, "Δγ \(check.deltaGamma) vs \(check.expectedDeltaGamma)")
        }
    }

    // MARK: power of the harness

    /// A loss whose scale is off by 1% (γ → 1.01γ in ŷ; h → 1.01h for sgd) must fail the
    /// tolerance, and by far.
    @Test(arguments: Method.allCases, [Activation.relu, .linear])
    func harnessRejectsASlightlyWrongGradient(method: Method, activation: Activation) throws {
        let check = try UpdateCheck(method: method, activation: activation, M: 4, perturbedScale: 1.01)
        let error = Self.relativeError(check.deltaW, check.expectedDeltaW)
        #expect(error > 100 * Self.tolerance, "perturbed loss still matched: relative error \(error)")
    }

    /// Treating μ_B and σ_B as constants (no gradient through the batch statistics) must fail.
    @Test(arguments: Self.activations, [3, 4, 8])
    func harnessRejectsBNWithoutGradientThroughBatchStatistics(activation: Activation, M: Int) throws {
        let check = try UpdateCheck(method: .bn, activation: activation, M: M, freezeBatchStatistics: true)
        let error = Self.relativeError(check.deltaW, check.expectedDeltaW)
        #expect(error > 100 * Self.tolerance, "frozen-statistics loss still matched: relative error \(error)")
    }

    // MARK: the testing entry point is what training runs

    /// `step(onBatch:labelNoise:)` on the batch and noise that `train(steps: 1)` draws gives the
    /// same state bit for bit. Relies on the stream layout of `Replica` (see `NormalStream`): one
    /// fill of N normals each for the initial w* and w, then one per input, then σ·ξ_i per sample
    /// during the update.
    @Test(arguments: Method.allCases, [2, 4])
    func stepOnBatchIsTheTrainingStep(method: Method, M: Int) {
        let setup = Self.setup(method: method, activation: .relu, M: M)
        let seed: UInt64 = 99
        let trained = Replica(setup: setup, seed: seed), given = Replica(setup: setup, seed: seed)
        var stream = NormalStream(seed: seed)
        func draw() -> [Double] {
            var v = [Double](repeating: 0, count: setup.inputDimension)
            v.withUnsafeMutableBufferPointer { stream.fill($0) }
            return v
        }
        _ = draw(); _ = draw()
        let inputs = (0..<M).map { _ in draw() }
        let noise = (0..<M).map { _ in setup.teacherNoise * stream.normal() }
        trained.train(steps: 1)
        given.step(onBatch: inputs, labelNoise: noise)
        #expect(trained.studentWeights.map(\.bitPattern) == given.studentWeights.map(\.bitPattern))
        #expect(trained.gamma.bitPattern == given.gamma.bitPattern)
        #expect(trained.beta.bitPattern == given.beta.bitPattern)
    }

    // MARK: M = 2 in real training

    /// docs/model.md §2/§7: at M = 2 bn training leaves w exactly unchanged (λ = 0), while γ and β learn.
    @Test(arguments: activations)
    func bnAtBatchSizeTwoNeverMovesW(activation: Activation) {
        let setup = TrainingSetup(inputDimension: 50, activation: activation, teacherNoise: 0.1, method: .bn,
                                  learningRate: 0.5, batchSize: 2, learnBeta: true,
                                  initial: InitialState(Q: 1.3, r: 0.4, gamma: 1.4, beta: 0.3))
        let replica = Replica(setup: setup, seed: 2024)
        let w0 = replica.studentWeights, gamma0 = replica.gamma, beta0 = replica.beta
        replica.train(steps: 1000)
        #expect(!replica.hasBlownUp)
        #expect(replica.studentWeights.map(\.bitPattern) == w0.map(\.bitPattern))
        #expect(replica.gamma != gamma0)
        #expect(replica.beta != beta0)
    }

    /// With λ > 0 at M = 2 only the decay acts: w_j is multiplied by (1 − ηλ/N) each step, exactly.
    @Test func bnAtBatchSizeTwoOnlyDecaysW() {
        let setup = TrainingSetup(inputDimension: 50, activation: .relu, teacherNoise: 0, method: .bn,
                                  learningRate: 0.5, batchSize: 2, weightDecay: 0.2, learnBeta: true,
                                  initial: InitialState(Q: 1.3, r: 0.4, gamma: 1.4, beta: 0.3))
        let replica = Replica(setup: setup, seed: 7)
        var expected = replica.studentWeights
        let factor = 1 - setup.learningRate * setup.weightDecay / Double(setup.inputDimension)
        replica.train(steps: 1000)
        for _ in 0..<1000 { for j in expected.indices { expected[j] = factor * expected[j] } }
        #expect(replica.studentWeights.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    // MARK: harness

    /// max_j |actual_j − expected_j| / max_j |expected_j|.
    static func relativeError(_ actual: [Double], _ expected: [Double]) -> Double {
        let scale = expected.map(abs).max()!
        return zip(actual, expected).map { abs($0 - $1) }.max()! / scale
    }

    static func setup(method: Method, activation: Activation, M: Int, weightDecay: Double = 0,
                      gammaDecay: Double = 0) -> TrainingSetup {
        TrainingSetup(inputDimension: 20, activation: activation, teacherNoise: 0.2, method: method,
                      learningRate: 0.5, batchSize: M, weightDecay: weightDecay, gammaDecay: gammaDecay,
                      gammaLearningRateScale: 0.7, betaLearningRateScale: 1.3, learnBeta: true,
                      initial: InitialState(Q: 1.3, r: 0.4, gamma: 1.4, beta: 0.3))
    }

    /// One update on a fixed batch through `step(onBatch:labelNoise:)`, and the update docs/model.md §3
    /// predicts from finite differences of `ReferenceLoss`.
    struct UpdateCheck {
        var deltaW: [Double] = [], expectedDeltaW: [Double] = []
        var deltaGamma = 0.0, expectedDeltaGamma = 0.0
        var deltaBeta = 0.0, expectedDeltaBeta = 0.0

        init(method: Method, activation: Activation, M: Int, weightDecay: Double = 0, gammaDecay: Double = 0,
             perturbedScale: Double = 1, freezeBatchStatistics: Bool = false) throws {
            let setup = BNBackwardPassTests.setup(method: method, activation: activation, M: M,
                                                  weightDecay: weightDecay, gammaDecay: gammaDecay)
            let replica = Replica(setup: setup, seed: 11)
            let w = replica.studentWeights, gamma = replica.gamma, beta = replica.beta
            #expect(gamma != 1 && beta != 0)
            let N = setup.inputDimension, n = Double(N)

            // A fixed batch with every pre-activation clear of the relu kink and some sample active.
            var stream = RandomStream(seed: 1_000 + UInt64(M))
            var loss: ReferenceLoss?
            var noise: [Double] = []
            for _ in 0..<1000 {
                let inputs = (0..<M).map { _ in (0..<N).map { _ in stream.normal() } }
                noise = (0..<M).map { _ in setup.teacherNoise * stream.normal() }
                let candidate = ReferenceLoss(method: method, activation: activation, inputs: inputs,
                                              teacher: replica.teacherWeights, labelNoise: noise)
                let a = candidate.preactivations(w: w, gamma: gamma, beta: beta)
                if activation != .relu || (a.allSatisfy { abs($0) > BNBackwardPassTests.kinkMargin } && a.contains { $0 > 0 }) {
                    loss = candidate
                    break
                }
            }
            var reference = try #require(loss)
            reference.scaleFactor = perturbedScale
            if freezeBatchStatistics { reference.frozenStatistics = reference.batchStatistics(w: w) }

            replica.step(onBatch: reference.inputs, labelNoise: noise)
            deltaW = zip(replica.studentWeights, w).map { $0 - $1 }
            deltaGamma = replica.gamma - gamma
            deltaBeta = replica.beta - beta

            // Central differences of the reference loss; the active set must not change.
            let eps = BNBackwardPassTests.epsilon
            let pattern0 = reference.activePattern(w: w, gamma: gamma, beta: beta)
            var kinkCrossed = false
            func difference(_ plus: (w: [Double], g: Double, b: Double), _ minus: (w: [Double], g: Double, b: Double)) -> Double {
                for p in [plus, minus] where reference.activePattern(w: p.w, gamma: p.g, beta: p.b) != pattern0 { kinkCrossed = true }
                return (reference.loss(w: plus.w, gamma: plus.g, beta: plus.b)
                    - reference.loss(w: minus.w, gamma: minus.g, beta: minus.b)) / (2 * eps)
            }
            var gradW = [Double](repeating: 0, count: N)
            for j in 0..<N {
                var wPlus = w, wMinus = w
                wPlus[j] += eps; wMinus[j] -= eps
                gradW[j] = difference((wPlus, gamma, beta), (wMinus, gamma, beta))
            }
            let gradGamma = difference((w, gamma + eps, beta), (w, gamma - eps, beta))
            let gradBeta = difference((w, gamma, beta + eps), (w, gamma, beta - eps))
            #expect(!kinkCrossed, "a finite-difference evaluation crossed the relu kink")

            let eta = setup.learningRate
            expectedDeltaW = (0..<N).map { -eta * setup.weightDecay / n * w[$0] - eta * gradW[$0] }
            expectedDeltaGamma = -setup.gammaLearningRate / n * (gradGamma + 2 * setup.gammaDecay * gamma)
            expectedDeltaBeta = -setup.betaLearningRate / n * gradBeta
        }
    }

    /// L(w, γ, β) = (1/M)·Σ_i ½(y_i − ŷ_i)², written out plainly and independently of the kernel:
    /// y_i = g(h*_i) + noise_i, h = w·x/√N, ŷ = g(h) (sgd), g(γh/√Q + β) (wn),
    /// g(γ(h − μ_B)/σ_B + β) (bn, biased σ_B).
    struct ReferenceLoss {
        let method: Method
        let activation: Activation
        let inputs: [[Double]]
        let labels: [Double]
        /// Power checks only: multiplies γ (wn, bn) or h (sgd) inside ŷ.
        var scaleFactor = 1.0
        /// Power check only: bn with μ_B, σ_B held at these values instead of recomputed from w.
        var frozenStatistics: (mean: Double, sd: Double)?

        init(method: Method, activation: Activation, inputs: [[Double]], teacher: [Double], labelNoise: [Double]) {
            self.method = method; self.activation = activation; self.inputs = inputs
            let sqrtN = Double(teacher.count).squareRoot()
            labels = zip(inputs, labelNoise).map { x, noise in
                var hStar = 0.0
                for j in x.indices { hStar += teacher[j] * x[j] }
                return activation.value(hStar / sqrtN) + noise
            }
        }

        func fields(w: [Double]) -> [Double] {
            let sqrtN = Double(w.count).squareRoot()
            return inputs.map { x in
                var h = 0.0
                for j in x.indices { h += w[j] * x[j] }
                return h / sqrtN
            }
        }

        func batchStatistics(w: [Double]) -> (mean: Double, sd: Double) {
            let h = fields(w: w), m = Double(h.count)
            let mean = h.reduce(0, +) / m
            let variance = h.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / m
            return (mean, variance.squareRoot())
        }

        func preactivations(w: [Double], gamma: Double, beta: Double) -> [Double] {
            let h = fields(w: w)
            switch method {
            case .sgd:
                return h.map { scaleFactor * $0 }
            case .wn:
                let sqrtQ = (w.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot()
                return h.map { scaleFactor * gamma * $0 / sqrtQ + beta }
            case .bn:
                let (mean, sd) = frozenStatistics ?? batchStatistics(w: w)
                return h.map { scaleFactor * gamma * ($0 - mean) / sd + beta }
            }
        }

        func loss(w: [Double], gamma: Double, beta: Double) -> Double {
            let a = preactivations(w: w, gamma: gamma, beta: beta)
            var sum = 0.0
            for (y, ai) in zip(labels, a) {
                let r = y - activation.value(ai)
                sum += 0.5 * r * r
            }
            return sum / Double(a.count)
        }

        func activePattern(w: [Double], gamma: Double, beta: Double) -> [Bool] {
            preactivations(w: w, gamma: gamma, beta: beta).map { $0 > 0 }
        }
    }
}
