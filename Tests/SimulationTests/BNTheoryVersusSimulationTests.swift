import Foundation
import Model
import Simulation
import Testing
import Theory
import _TestSupport

/// docs/model.md §7: bn-exact against the real-batch simulation at N = 1000, 16 seeds, α to 10.
struct BNTheoryVersusSimulationTests {
    static let N = 1000
    static let seeds = 16
    static let alphas = [0.5, 1, 2, 5, 10]

    struct Case: CustomTestStringConvertible, Sendable {
        var learningRate: Double, batchSize: Int, noise: Double
        var testDescription: String { "bn η=\(learningRate) M=\(batchSize) σ=\(noise)" }
    }

    static let cases: [Case] = [0.5, 2].flatMap { eta in [4, 8, 16].flatMap { M in [0.0, 0.5].map { Case(learningRate: eta, batchSize: M, noise: $0) } } }

    /// At M = 4, 5 the Q increments have infinite variance (docs/model.md §2): the replica standard error
    /// of Q understates its spread, and its sample mean converges slowly. There Q gets a wider,
    /// stated allowance: 8 standard errors plus 2% of the growth Q − Q₀. Everything else keeps
    /// the 4-s.e. + 5/N rule.
    static func rule(for o: Observable, batchSize M: Int) -> AgreementRule {
        AgreementRule.forObservable(o, method: .bn, batchSize: M)
    }

    @Test(arguments: cases)
    func bnExactAgreesWithSimulation(_ c: Case) throws {
        let setup = TrainingSetup(inputDimension: Self.N, activation: .relu, teacherNoise: c.noise, method: .bn,
                                  learningRate: c.learningRate, batchSize: c.batchSize, alphaMax: 10)
        let grid = AlphaGrid(requested: Self.alphas, inputDimension: Self.N, batchSize: c.batchSize)
        let theory = try TheoryRun.integrate(setup: setup, variant: .exact, grid: grid)
        #expect(theory.outcome == .completed)
        let averager = GaussianAverager(activation: .relu, teacherNoise: c.noise)
        let replicas = (0..<Self.seeds).map { k in
            SimulationRun.replica(setup: setup, grid: grid, seed: UInt64(5000 + 100 * c.batchSize + k), testSamples: 0)
        }
        for (k, alpha) in grid.alphas.enumerated() {
            let th = Observables(theory.states[k], setup: setup, averager: averager)
            for o in [Observable.Q, .R, .gamma, .eg] {
                let values = replicas.map { Observables($0.trajectory.states[k], setup: setup, averager: averager)[o] }
                let (mean, se) = meanAndStandardError(values)
                // For Q at M = 4, 5 the rule has a stated extra allowance for its heavy tail: 2% of the growth.
                let rule = Self.rule(for: o, batchSize: c.batchSize)
                let theoryValue = th[o]
                if let problem = rule.disagreement(o.rawValue, alpha: alpha, theory: theoryValue, mean: mean, standardError: se, N: Self.N, seeds: Self.seeds) {
                    Issue.record("\(c.testDescription): \(problem)")
                }
            }
        }
    }
}
