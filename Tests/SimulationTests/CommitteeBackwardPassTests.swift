import Model
import Simulation
import Testing

/// docs/model.md §9's update is plain gradient descent on the batch loss L = (1/M)·Σ_i ½(y_i − ŷ_i)²
/// of the whole network, per unit as §3: Δw_k = −η·∇_{w_k}L, Δγ_k = −(η_γ/N)·∂L/∂γ_k,
/// Δβ_k = −(η_β/N)·∂L/∂β_k with η_β = beta_lr_scale·η, Δv_k = −(η_v/N)·∂L/∂v_k. Checked against
/// central finite differences of L computed here from the weights (BN through each unit's own
/// batch mean and variance, wn through |w_k|), at N = 6, K = K* = 2, M = 5, on one given batch.
struct CommitteeBackwardPassTests {
    static let N = 6, M = 5, K = 2

    struct Parameters { var w: [[Double]]; var gamma: [Double]; var beta: [Double]; var v: [Double] }

    static func loss(_ p: Parameters, method: Method, g: Activation, inputs: [[Double]], labels: [Double]) -> Double {
        let n = Double(N)
        var yHat = [Double](repeating: 0, count: M)
        for k in 0..<K {
            let h = inputs.map { x in zip(p.w[k], x).reduce(0) { $0 + $1.0 * $1.1 } / n.squareRoot() }
            let s: [Double]
            switch method {
            case .sgd: s = h
            case .wn:
                let sqrtQ = (p.w[k].reduce(0) { $0 + $1 * $1 } / n).squareRoot()
                s = h.map { $0 / sqrtQ }
            case .bn:
                let mean = h.reduce(0, +) / Double(M)
                let sd = (h.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(M)).squareRoot()
                s = h.map { ($0 - mean) / sd }
            }
            for i in 0..<M {
                let a = method == .sgd ? s[i] : p.gamma[k] * s[i] + p.beta[k]
                yHat[i] += p.v[k] * g.value(a)
            }
        }
        return zip(labels, yHat).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(M)
    }

    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        let diff = zip(a, b).map { abs($0 - $1) }.max()!, size = b.map(abs).max()!
        return diff / max(size, 1e-300)
    }

    /// The relative errors of the w, γ, β and v steps against −rate·(finite-difference gradient),
    /// and of the β step against the gradient at η (beta_lr_scale ignored), which must fail.
    static func errors(method: Method, activation g: Activation) -> (w: Double, gamma: Double, beta: Double, v: Double, wrongBeta: Double) {
        let eta = 0.1, betaScale = 0.7, gammaScale = 1.3, vScale = 0.9, n = Double(N)
        let unit = TrainingSetup(inputDimension: N, activation: g, method: method, learningRate: eta, batchSize: M,
                                 gammaLearningRateScale: gammaScale, betaLearningRateScale: betaScale, learnBeta: true,
                                 initial: InitialState(Q: 1, r: 0, gamma: 1.1, beta: 0.3))
        let setup = CommitteeSetup(unit: unit, studentUnits: K, teacherUnits: 2, learnSecondLayer: true, secondLayerLearningRateScale: vScale,
                                   secondLayerInitial: 0.8, initialQ: [[1.2, 0.3], [0.3, 0.9]], initialR: [[0.4, 0.1], [0.2, -0.3]])
        let replica = CommitteeReplica(setup: setup, seed: 17)
        var stream = RandomStream(seed: 99)
        let inputs = (0..<M).map { _ in (0..<N).map { _ in stream.normal() } }
        let labels = (0..<M).map { _ in stream.normal() }
        let before = Parameters(w: replica.studentWeights, gamma: replica.gamma, beta: replica.beta, v: replica.v)
        replica.step(onBatch: inputs, labels: labels)
        let after = Parameters(w: replica.studentWeights, gamma: replica.gamma, beta: replica.beta, v: replica.v)

        let epsilon = 1e-6
        func derivative(_ change: (inout Parameters, Double) -> Void) -> Double {
            var plus = before, minus = before
            change(&plus, epsilon); change(&minus, -epsilon)
            return (loss(plus, method: method, g: g, inputs: inputs, labels: labels)
                    - loss(minus, method: method, g: g, inputs: inputs, labels: labels)) / (2 * epsilon)
        }
        var wStep: [Double] = [], wWant: [Double] = []
        var gammaStep: [Double] = [], gammaWant: [Double] = [], betaStep: [Double] = [], betaWant: [Double] = []
        var vStep: [Double] = [], vWant: [Double] = []
        for k in 0..<K {
            for j in 0..<N {
                wStep.append(after.w[k][j] - before.w[k][j])
                wWant.append(-eta * derivative { $0.w[k][j] += $1 })
            }
            gammaStep.append(after.gamma[k] - before.gamma[k]); gammaWant.append(-gammaScale * eta / n * derivative { $0.gamma[k] += $1 })
            betaStep.append(after.beta[k] - before.beta[k]); betaWant.append(-betaScale * eta / n * derivative { $0.beta[k] += $1 })
            vStep.append(after.v[k] - before.v[k]); vWant.append(-vScale * eta / n * derivative { $0.v[k] += $1 })
        }
        if method == .sgd {  // no γ, β: they neither enter the loss nor move
            return (relativeError(wStep, wWant), gammaStep.map(abs).max()!, betaStep.map(abs).max()!, relativeError(vStep, vWant), .infinity)
        }
        return (relativeError(wStep, wWant), relativeError(gammaStep, gammaWant), relativeError(betaStep, betaWant),
                relativeError(vStep, vWant), relativeError(betaStep, betaWant.map { $0 / betaScale }))
    }

    @Test(arguments: Method.allCases, [Activation.erf, .relu, .linear])
    func updateIsTheBatchLossGradientStep(method: Method, activation: Activation) {
        let e = Self.errors(method: method, activation: activation)
        let tolerance = 1e-6
        #expect(e.w < tolerance && e.gamma < tolerance && e.beta < tolerance && e.v < tolerance,
                "\(method) \(activation): relative errors w \(e.w), γ \(e.gamma), β \(e.beta), v \(e.v)")
        // The check has power: β stepped at η instead of η_β = 0.7·η would be caught.
        #expect(e.wrongBeta > 0.1, "\(method) \(activation): \(e.wrongBeta)")
    }
}
