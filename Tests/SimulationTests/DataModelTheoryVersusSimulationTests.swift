import Foundation
import Model
import Simulation
import Testing
import Theory
import _TestSupport

/// docs/model.md §7–8: theory against simulation with noisy and with heavy-tailed inputs, relu,
/// N = 1000, 16 seeds, every grid point to α = 10, by the shared `AgreementRule` (the t
/// multiplier of 16 seeds, 5.48 standard errors, + the stated O(1/N) allowance) — affordable in a test since the
/// SIMD kernel (≈ 2 s for all cases in release on one core).
/// bn is tested through bn-exact, which covers input noise and (by its tabulated batch
/// expectations, docs/data-models.md) kurtosis; bn-pn is only reported.
struct DataModelTheoryVersusSimulationTests {
    static let N = 1000
    static let seeds = 16
    static let alphas = [0.5, 1, 2, 5, 10]

    struct Case: CustomTestStringConvertible, Sendable {
        var method: Method, learningRate: Double, batchSize: Int, inputs: InputModel
        var testDescription: String { "\(method) η=\(learningRate) M=\(batchSize) s=\(inputs.noise) ρ=\(inputs.kurtosis)" }
    }

    static let models = [InputModel(noise: 0.5), InputModel(noise: 1), InputModel(kurtosis: 1), InputModel(kurtosis: 3)]
    static let cases: [Case] =
        models.map { Case(method: .sgd, learningRate: 0.5, batchSize: 1, inputs: $0) }
        + models.map { Case(method: .wn, learningRate: 1, batchSize: 1, inputs: $0) }
        + [InputModel(noise: 0.5), InputModel(noise: 1)].map { Case(method: .bn, learningRate: 2, batchSize: 8, inputs: $0) }
        + [Case(method: .sgd, learningRate: 0.5, batchSize: 4, inputs: InputModel(noise: 0.5, kurtosis: 3)),
           Case(method: .wn, learningRate: 2, batchSize: 4, inputs: InputModel(noise: 1, kurtosis: 1))]

    static func setup(_ c: Case, alphaMax: Double = 10, teacherNoise: Double = 0.2) -> TrainingSetup {
        TrainingSetup(inputDimension: N, activation: .relu, teacherNoise: teacherNoise, inputs: c.inputs, method: c.method,
                      learningRate: c.learningRate, batchSize: c.batchSize, alphaMax: alphaMax)
    }

    /// The largest |simulation mean − theory|/standard error over the grid and the observables,
    /// and the disagreements the rule finds.
    static func compare(_ c: Case, variant: TheoryVariant) throws -> (maxZ: Double, problems: [String]) {
        let setup = Self.setup(c)
        let grid = AlphaGrid(requested: alphas, inputDimension: N, batchSize: c.batchSize)
        let theory = try TheoryRun.integrate(setup: setup, variant: variant, grid: grid)
        #expect(theory.outcome == .completed)
        let averager = GaussianAverager(setup: setup)
        let replicas = (0..<seeds).map { k in
            SimulationRun.replica(setup: setup, grid: grid, seed: UInt64(8000 + 100 * c.batchSize + k), testSamples: 0)
        }
        var worst = 0.0, problems: [String] = []
        for (k, alpha) in grid.alphas.enumerated() {
            let th = Observables(theory.states[k], setup: setup, averager: averager)
            let observables: [Observable] = c.method == .sgd ? [.Q, .R, .eg] : [.Q, .R, .gamma, .eg]
            for o in observables {
                let values = replicas.map { Observables($0.trajectory.states[k], setup: setup, averager: averager)[o] }
                let (mean, se) = meanAndStandardError(values)
                worst = max(worst, abs(mean - th[o]) / se)
                let rule = AgreementRule.forObservable(o, method: c.method, batchSize: c.batchSize)
                if let problem = rule.disagreement(o.rawValue, alpha: alpha, theory: th[o], mean: mean, standardError: se, N: N, seeds: seeds) {
                    problems.append("\(c.testDescription): \(problem)")
                }
            }
        }
        return (worst, problems)
    }

    @Test(arguments: cases)
    func theoryAgreesWithSimulation(_ c: Case) throws {
        let (worst, problems) = try Self.compare(c, variant: .exact)
        for problem in problems { Issue.record("\(problem)") }
        // The inputs must matter: the same run on Gaussian inputs ends elsewhere by more than the
        // agreement allowance (otherwise the test could not tell the data models from no-ops).
        // Kurtosis alone leaves relu's drifts as they are (E[v] = 1) and acts through the Q
        // diffusion only, so its shift is smaller.
        var gaussian = Self.setup(c)
        gaussian.inputs = .gaussian
        let grid = AlphaGrid(requested: Self.alphas, inputDimension: Self.N, batchSize: c.batchSize)
        let plain = try TheoryRun.integrate(setup: gaussian, variant: .exact, grid: grid)
        let modelled = try TheoryRun.integrate(setup: Self.setup(c), variant: .exact, grid: grid)
        let last = grid.count - 1
        let shift = abs(plain.states[last].Q - modelled.states[last].Q) + abs(plain.states[last].R - modelled.states[last].R)
        #expect(shift > 0.02, "\(c.testDescription): the data model changes Q, R at α = 10 by only \(shift)")
        print("\(c.testDescription): max |z| = \(worst), Gaussian-vs-model shift of Q + R at α = 10: \(shift)")
    }

    /// bn with kurtosis by bn-exact (`ScaleMixtureBatchTable`), by the same rule; bn-loss still
    /// refuses it. The Gaussian-vs-model shift is not required here: for bn at ρ = 1 it is about the
    /// allowance (Q + R move by ≈ 0.02 at α = 10).
    @Test(arguments: [1.0, 3.0])
    func bnExactWithKurtosisAgreesWithSimulation(_ rho: Double) throws {
        let c = Case(method: .bn, learningRate: 2, batchSize: 8, inputs: InputModel(kurtosis: rho))
        #expect(throws: TheoryError.self) { try TheoryRun.flow(for: Self.setup(c), variant: .loss) }
        let (worst, problems) = try Self.compare(c, variant: .exact)
        for problem in problems { Issue.record("\(problem)") }
        print("\(c.testDescription) vs bn-exact: max |z| = \(worst)")
    }

    /// bn-pn (which carries ρ in its ζ) is only reported, as it is for Gaussian inputs
    /// (`bnsim compare`). ρ = 0 is the Gaussian reference: bn-pn's own error there.
    @Test(arguments: [0.0, 1.0, 3.0])
    func bnWithKurtosisIsReportedAgainstPN(_ rho: Double) throws {
        let c = Case(method: .bn, learningRate: 2, batchSize: 8, inputs: InputModel(kurtosis: rho))
        let (worst, problems) = try Self.compare(c, variant: .pn)
        #expect(worst.isFinite)
        print("\(c.testDescription) vs bn-pn (reported only): max |z| = \(worst), \(problems.count) disagreements")
    }

    /// The empirical test error on fresh (noisy or heavy-tailed) samples agrees with the ε_g
    /// formula of the state (docs/model.md §4, §8) — the clean target against the prediction from x̃, bn
    /// with σ_P = √(Q(1 + s²)). 20 000 samples per point: the rule is 4 standard errors of that
    /// estimate plus 5/N.
    @Test(arguments: [Case(method: .bn, learningRate: 2, batchSize: 8, inputs: InputModel(noise: 1)),
                      Case(method: .wn, learningRate: 1, batchSize: 1, inputs: InputModel(noise: 0.5, kurtosis: 3)),
                      Case(method: .sgd, learningRate: 0.5, batchSize: 1, inputs: InputModel(kurtosis: 3)),
                      Case(method: .bn, learningRate: 2, batchSize: 8, inputs: InputModel(noise: 0.5, kurtosis: 1))])
    func testErrorMatchesFormula(_ c: Case) {
        let setup = Self.setup(c, alphaMax: 2, teacherNoise: 0)
        let grid = AlphaGrid(requested: [0.5, 2], inputDimension: Self.N, batchSize: c.batchSize)
        let run = SimulationRun.replica(setup: setup, grid: grid, seed: 8800, testSamples: 20_000)
        let averager = GaussianAverager(setup: setup)
        #expect(run.testError.count == grid.count)
        for (state, (mean, se)) in zip(run.trajectory.states, zip(run.testError, run.testErrorStandardError)) {
            let formula = Observables(state, setup: setup, averager: averager).eg
            #expect(abs(mean - formula) <= 4 * se + 5 / Double(Self.N), "\(c.testDescription): eg_test \(mean) ± \(se) vs ε_g \(formula)")
        }
    }

    /// The sampled inputs are docs/model.md §8's: the student field h = w·x̃/√N has variance Q(1 + s²) and
    /// excess kurtosis ρ/(1 + s²)² (`InputModel.studentFieldKurtosis`). 1.6·10⁵ fields from
    /// training steps at a negligible learning rate; 5 standard errors (the kurtosis estimate's
    /// from the sample's own 8th moment).
    @Test(arguments: [InputModel(noise: 1), InputModel(kurtosis: 3), InputModel(noise: 0.5, kurtosis: 1)])
    func studentFieldsHaveTheModelsMoments(_ inputs: InputModel) {
        let setup = TrainingSetup(inputDimension: 200, activation: .relu, inputs: inputs, method: .sgd,
                                  learningRate: 1e-9, batchSize: 8, alphaMax: 1)
        let replica = Replica(setup: setup, seed: 4242)
        var u2: [Double] = [], u4: [Double] = []
        for _ in 0..<20_000 {
            replica.step { batch in
                for h in batch.studentFields { let u = h * h / batch.Q; u2.append(u); u4.append(u * u) }
            }
        }
        let (m2, se2) = meanAndStandardError(u2), (m4, se4) = meanAndStandardError(u4)
        let c2 = inputs.studentVarianceFactor
        #expect(abs(m2 - c2) < 5 * se2, "\(inputs): E[h²]/Q = \(m2) ± \(se2), want \(c2)")
        // E[h⁴]/Q² = (3 + κ)(1 + s²)² with κ the excess kurtosis of h.
        let want4 = (3 + inputs.studentFieldKurtosis) * c2 * c2
        #expect(abs(m4 - want4) < 5 * se4, "\(inputs): E[h⁴]/Q² = \(m4) ± \(se4), want \(want4)")
    }
}
