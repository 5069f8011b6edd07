import Model
import Simulation
import Testing
import Theory

/// docs/model.md §9, §7: the two-layer simulation at N = 1000 against the theory started from each
/// replica's measured initial overlaps (`theory.initial: replicas`). The comparison is paired: per
/// seed the difference simulation − theory, whose seed mean must be within the AgreementRule of 0
/// (k standard errors of the differences, t-corrected for the seed count, plus the 5/N allowance),
/// for every entry of Q, R, v, γ and for ε_g.
struct CommitteeTheoryVersusSimulationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var activation: Activation, method: Method, variant: TheoryVariant
        var K: Int, KStar: Int, M: Int, eta: Double, alphaMax: Double
        var learn: Bool = false, sigma: Double = 0
        /// η of the theory relative to the simulation's: 1, or off to check that the test can fail.
        var theoryEtaFactor: Double = 1
        var testDescription: String { name }
    }

    static let seeds = 8
    static let N = 1000

    /// Every tested quantity of a state, named.
    static func quantities(_ s: CommitteeState, _ setup: CommitteeSetup) -> [(String, Double)] {
        var out: [(String, Double)] = []
        for k in 0..<s.studentUnits {
            for l in k..<s.studentUnits { out.append(("Q[\(k),\(l)]", s.Q(k, l))) }
            for m in 0..<s.teacherUnits { out.append(("R[\(k),\(m)]", s.R(k, m))) }
            out.append(("v[\(k)]", s.v[k])); out.append(("gamma[\(k)]", s.gamma[k]))
        }
        let eg = CommitteeFields(s, method: setup.unit.method)
            .generalizationError(s, teacherSecondLayer: setup.teacherSecondLayer, moments: CommitteeMomentsFactory.make(setup.unit.activation))
        out.append(("eg", eg))
        return out
    }

    /// Failures of the paired rule (empty when all agree).
    static func compare(_ c: Case) throws -> [String] {
        let unit = TrainingSetup(inputDimension: N, activation: c.activation, teacherNoise: c.sigma, method: c.method,
                                 learningRate: c.eta, batchSize: c.M, alphaMax: c.alphaMax)
        let setup = CommitteeSetup(unit: unit, studentUnits: c.K, teacherUnits: c.KStar, learnSecondLayer: c.learn,
                                   secondLayerInitial: c.learn ? 0.5 : 1)
        let grid = AlphaGrid(alphaMin: c.alphaMax / 40, alphaMax: c.alphaMax, points: 5, spacing: .log, inputDimension: N, batchSize: c.M)
        var theorySetup = setup
        theorySetup.unit.learningRate *= c.theoryEtaFactor
        var differences: [[[Double]]] = []  // [seed][α][quantity]
        var theoryValues: [[Double]] = []
        var names: [String] = []
        for seed in 0..<seeds {
            let s = UInt64(1000 + seed)
            let record = CommitteeSimulation.replica(setup: setup, grid: grid, seed: s, testSamples: 0)
            let theory = try CommitteeTheoryRun.integrate(setup: theorySetup, variant: c.variant,
                                                          initial: CommitteeSimulation.initialState(setup: setup, seed: s), grid: grid)
            guard record.trajectory.outcome == .completed, theory.outcome == .completed else { return ["seed \(seed) did not complete"] }
            let rows = zip(record.trajectory.states, theory.states).map { sim, th in
                zip(quantities(sim, setup), quantities(th, setup)).map { $0.1 - $1.1 }
            }
            differences.append(rows)
            if seed == 0 {
                theoryValues = theory.states.map { quantities($0, setup).map(\.1) }
                names = quantities(theory.states[0], setup).map(\.0)
            }
        }
        var failures: [String] = []
        let n = Double(seeds)
        for (a, alpha) in grid.alphas.enumerated() {
            for (q, name) in names.enumerated() {
                let d = differences.map { $0[a][q] }
                let mean = d.reduce(0, +) / n
                let se = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1) / n).squareRoot()
                let theory = theoryValues[a][q]
                if let message = AgreementRule().disagreement(name, alpha: alpha, theory: theory, mean: theory + mean,
                                                              standardError: se, N: N, seeds: seeds) {
                    failures.append(message)
                }
            }
        }
        return failures
    }

    @Test(arguments: [
        Case(name: "erf sgd K = K* = 2", activation: .erf, method: .sgd, variant: .exact, K: 2, KStar: 2, M: 1, eta: 1, alphaMax: 20),
        Case(name: "erf sgd K = 4, K* = 2, learned v, noise", activation: .erf, method: .sgd, variant: .exact, K: 4, KStar: 2, M: 1,
             eta: 0.5, alphaMax: 10, learn: true, sigma: 0.2),
        Case(name: "relu sgd K = K* = 2", activation: .relu, method: .sgd, variant: .exact, K: 2, KStar: 2, M: 1, eta: 0.5, alphaMax: 5),
        Case(name: "erf wn K = K* = 2", activation: .erf, method: .wn, variant: .exact, K: 2, KStar: 2, M: 1, eta: 1, alphaMax: 20),
        Case(name: "relu wn K = 4, K* = 4", activation: .relu, method: .wn, variant: .exact, K: 4, KStar: 4, M: 1, eta: 0.5, alphaMax: 3),
    ])
    func theoryAgreesWithSimulation(_ c: Case) throws {
        let failures = try Self.compare(c)
        #expect(failures.isEmpty, "\(failures.count) disagreements, first: \(failures.prefix(3).joined(separator: "; "))")
    }

    /// The paired rule has power: a theory with η off by 25% fails it.
    @Test func aWrongTheoryIsCaught() throws {
        let c = Case(name: "erf sgd K = K* = 2, theory η × 1.25", activation: .erf, method: .sgd, variant: .exact, K: 2, KStar: 2,
                     M: 1, eta: 1, alphaMax: 20, theoryEtaFactor: 1.25)
        #expect(try !Self.compare(c).isEmpty)
    }

    /// bn per unit: population statistics (no batch noise) and pn (plus the per-unit gamma decay)
    /// are approximations at finite M; at M = 32 the batch noise is small.
    @Test(arguments: [
        Case(name: "relu bn population K = K* = 2, M = 32", activation: .relu, method: .bn, variant: .population, K: 2, KStar: 2,
             M: 32, eta: 0.5, alphaMax: 5),
        Case(name: "relu bn pn K = K* = 2, M = 32", activation: .relu, method: .bn, variant: .pn, K: 2, KStar: 2,
             M: 32, eta: 0.5, alphaMax: 5),
        Case(name: "linear bn pn K = 4, K* = 4, M = 16", activation: .linear, method: .bn, variant: .pn, K: 4, KStar: 4,
             M: 16, eta: 0.5, alphaMax: 5),
    ])
    func bnApproximationsAgreeAtLargeBatches(_ c: Case) throws {
        let failures = try Self.compare(c)
        #expect(failures.isEmpty, "\(failures.count) disagreements, first: \(failures.prefix(3).joined(separator: "; "))")
    }
}
