import Foundation
import Model
import Simulation
import Testing
import Theory
import _TestSupport

/// docs/model.md §7: seed-averaged simulations at N = 1000 agree with the ODEs.
struct TheoryVersusSimulationTests {
    static let N = 1000
    static let seeds = 16
    static let alphas = [0.5, 1, 2, 5, 10]
    static let observables: [Observable] = [.Q, .R, .gamma, .eg]

    struct Case: CustomTestStringConvertible, Sendable {
        var method: Method
        var learningRate: Double
        var noise: Double
        var batchSize: Int = 1
        var testDescription: String { "\(method) η=\(learningRate) σ=\(noise) M=\(batchSize)" }
    }

    static let cases: [Case] = [Method.sgd, .wn].flatMap { m in
        [0.5, 1.5].flatMap { eta in [0.0, 0.5].map { Case(method: m, learningRate: eta, noise: $0) } }
    } + [Case(method: .sgd, learningRate: 2.0, noise: 0.5, batchSize: 4), Case(method: .wn, learningRate: 2.0, noise: 0.5, batchSize: 4)]

    static func setup(_ c: Case) -> TrainingSetup {
        TrainingSetup(inputDimension: N, activation: .relu, teacherNoise: c.noise, method: c.method,
                      learningRate: c.learningRate, batchSize: c.batchSize, alphaMax: 10)
    }

    @Test(arguments: cases)
    func seedMeanAgreesWithODE(_ c: Case) throws {
        let setup = Self.setup(c)
        let grid = AlphaGrid(requested: Self.alphas, inputDimension: Self.N, batchSize: c.batchSize)
        // docs/model.md §5: for sgd and wn only η/M matters, so a batch of M at η is compared with the
        // theory of M = 1 at η/M — the linear-scaling rule, tested on the real batched training.
        var theorySetup = setup
        theorySetup.batchSize = 1
        theorySetup.learningRate = c.learningRate / Double(c.batchSize)
        let theory = try TheoryRun.integrate(setup: theorySetup, grid: grid)
        #expect(theory.outcome == .completed)
        let averager = GaussianAverager(activation: setup.activation, teacherNoise: setup.teacherNoise)
        let replicas = (0..<Self.seeds).map { k in
            SimulationRun.replica(setup: setup, grid: grid, seed: UInt64(1000 + k), testSamples: 0)
        }
        let rule = AgreementRule()
        for (k, alpha) in grid.alphas.enumerated() {
            let th = Observables(theory.states[k], setup: theorySetup, averager: averager)
            for o in Self.observables {
                let values = replicas.map { Observables($0.trajectory.states[k], setup: setup, averager: averager)[o] }
                let (mean, se) = meanAndStandardError(values)
                if let problem = rule.disagreement(o.rawValue, alpha: alpha, theory: th[o], mean: mean, standardError: se, N: Self.N, seeds: Self.seeds) {
                    Issue.record("\(c.testDescription): \(problem)")
                }
            }
        }
    }
}

/// The rule must have power: a simulation at η = 0.5 is rejected against the theory at η = 0.6,
/// and the test-error estimate is rejected against a wrong ε_g.
struct AgreementRulePowerTests {
    @Test(arguments: [Method.sgd, .wn])
    func wrongLearningRateIsRejected(_ method: Method) throws {
        let N = 1000
        let setup = TrainingSetup(inputDimension: N, method: method, learningRate: 0.5, alphaMax: 5)
        var wrong = setup
        wrong.learningRate = 0.6
        let grid = AlphaGrid(requested: [1, 2, 5], inputDimension: N, batchSize: 1)
        let theory = try TheoryRun.integrate(setup: wrong, grid: grid)
        let averager = GaussianAverager(activation: .relu, teacherNoise: 0)
        let replicas = (0..<16).map { SimulationRun.replica(setup: setup, grid: grid, seed: UInt64(77 + $0), testSamples: 0) }
        var rejections = 0
        for k in grid.alphas.indices {
            for o in [Observable.Q, .R, .eg] {
                let (mean, se) = meanAndStandardError(replicas.map { Observables($0.trajectory.states[k], setup: setup, averager: averager)[o] })
                let th = Observables(theory.states[k], setup: wrong, averager: averager)[o]
                if AgreementRule().disagreement(o.rawValue, alpha: grid.alphas[k], theory: th, mean: mean, standardError: se, N: N, seeds: replicas.count) != nil {
                    rejections += 1
                }
            }
        }
        #expect(rejections >= 3, "a 20% error in η was rejected at only \(rejections) of 9 points")
    }
}

/// docs/model.md §4: the empirical test error on fresh samples checks the ε_g formula. Across many
/// independent (replica, α) points the z-scores (eg_test − ε_g)/se must look standard normal.
struct TestErrorTests {
    @Test(arguments: [(Method.sgd, Activation.relu), (.wn, .relu), (.sgd, .erf), (.wn, .linear)])
    func testErrorMatchesFormula(_ method: Method, _ activation: Activation) {
        let N = 500
        let setup = TrainingSetup(inputDimension: N, activation: activation, teacherNoise: 0.3, method: method, learningRate: 0.8, alphaMax: 4)
        let grid = AlphaGrid(alphaMin: 0.2, alphaMax: 4, points: 10, spacing: .log, inputDimension: N, batchSize: 1)
        let averager = GaussianAverager(activation: activation, teacherNoise: 0.3)
        var z: [Double] = []
        for seed in 0..<8 {
            let record = SimulationRun.replica(setup: setup, grid: grid, seed: UInt64(seed), testSamples: 4000)
            for (k, p) in record.trajectory.states.enumerated() {
                let eg = Observables(p, setup: setup, averager: averager).eg
                z.append((record.testError[k] - eg) / record.testErrorStandardError[k])
            }
        }
        let (meanZ, _) = meanAndStandardError(z)
        let varZ = z.reduce(0) { $0 + ($1 - meanZ) * ($1 - meanZ) } / Double(z.count - 1)
        #expect(z.count == 80)
        // Mean of 80 standard normals: s.e. 0.11, allow 4 s.e.; variance: s.e. ≈ √(2/79) ≈ 0.16,
        // allow generous 0.6 because heavy-tailed squared errors make the s.e. estimate noisy.
        #expect(abs(meanZ) < 0.45, "mean z = \(meanZ)")
        #expect(abs(varZ - 1) < 0.6, "var z = \(varZ)")
        #expect(z.allSatisfy { abs($0) < 5 }, "max |z| = \(z.map(abs).max() ?? 0)")
    }
}
