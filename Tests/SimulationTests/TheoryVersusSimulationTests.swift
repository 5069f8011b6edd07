import Foundation
import Model
import Simulation
import Testing
import Theory
import _TestSupport

/// SPEC §7 and issue 2: seed-averaged simulations at N = 1000 agree with the ODEs.
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
        let theory = try TheoryRun.integrate(setup: setup, grid: grid)
        #expect(theory.outcome == .completed)
        let averager = GaussianAverager(activation: setup.activation, teacherNoise: setup.teacherNoise)
        let replicas = (0..<Self.seeds).map { k in
            SimulationRun.replica(setup: setup, grid: grid, seed: UInt64(1000 + k), testSamples: 0)
        }
        let rule = AgreementRule()
        for (k, alpha) in grid.alphas.enumerated() {
            let th = Observables(theory.states[k], setup: setup, averager: averager)
            for o in Self.observables {
                let values = replicas.map { Observables($0.trajectory.states[k], setup: setup, averager: averager)[o] }
                let (mean, se) = meanAndStandardError(values)
                if let problem = rule.disagreement(o.rawValue, alpha: alpha, theory: th[o], mean: mean, standardError: se, N: Self.N) {
                    Issue.record("\(c.testDescription): \(problem)")
                }
            }
        }
    }
}
