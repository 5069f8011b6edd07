import GSL
import Model
import Testing
import Theory

/// bn-exact at every batch size (docs/bn-batch-decomposition.md, "Large M"): GSL's Gauss–Jacobi
/// rules overflow from M = 305 on (NaN weights, which used to end bn-exact as "diverged at α = 0");
/// from M = `BatchDirectionRule.switchOver` on the direction integrals use a Gaussian window instead.
struct LargeBatchQuadratureTests {
    static func values(_ a: BatchAverages) -> [(String, Double)] {
        [("T_γ", a.deltaNormalized), ("T_β", a.delta), ("T_R", a.backpropTeacher), ("T_Q", a.backpropSquared),
         ("A_M", a.batchOverlap), ("A_M'", a.batchOverlapSlope)]
    }

    static let settings: [(r: Double, gamma: Double, sigma: Double)] = [(0.5, 1, 0), (-0.3, 1.7, 0.5), (0.9, 0.6, 0.5)]

    /// The overflow is a GSL failure, not NaN downstream: the rule throws.
    @Test func gaussJacobiBeyondItsRangeThrows() {
        #expect(throws: GSLError.self) { try WeightedGaussRule(.jacobi(alpha: 150.5, beta: 0, from: 0, to: 1), order: 32) }
        #expect(throws: GSLError.self) { try BatchAverager(batchSize: 305, activation: .relu, teacherNoise: 0, directions: .gaussJacobi) }
    }

    /// Continuity at the switch-over: both rules at the same M agree to 1e-8 relative on every drift.
    @Test(arguments: settings)
    func bothRulesAgreeAtTheSwitchOver(_ s: (r: Double, gamma: Double, sigma: Double)) throws {
        let M = BatchDirectionRule.switchOver
        #expect(BatchDirectionRule.standard(batchSize: M - 1) == .gaussJacobi && BatchDirectionRule.standard(batchSize: M) == .gaussianWindow)
        let jacobi = try BatchAverager(batchSize: M, activation: .relu, teacherNoise: s.sigma, directions: .gaussJacobi)
            .averages(overlap: s.r, gamma: s.gamma, beta: 0)
        let window = try BatchAverager(batchSize: M, activation: .relu, teacherNoise: s.sigma, directions: .gaussianWindow)
            .averages(overlap: s.r, gamma: s.gamma, beta: 0)
        for ((name, a), (_, b)) in zip(Self.values(jacobi), Self.values(window)) {
            #expect(abs(a - b) <= 1e-8 * abs(b), "M=\(M) \(s) \(name): Gauss–Jacobi \(a), window \(b)")
        }
    }

    /// Doubling every order of the window rule changes nothing beyond 1e-9 relative, up to M = 10⁵.
    @Test(arguments: [305, 1000, 10_000, 100_000])
    func windowIsConverged(_ M: Int) throws {
        for s in Self.settings {
            let standard = try BatchAverager(batchSize: M, activation: .relu, teacherNoise: s.sigma)
            #expect(standard.directions == .gaussianWindow)
            let a = standard.averages(overlap: s.r, gamma: s.gamma, beta: 0)
            let b = try standard.refined().averages(overlap: s.r, gamma: s.gamma, beta: 0)
            for ((name, x), (_, y)) in zip(Self.values(a), Self.values(b)) {
                #expect(x.isFinite && abs(x - y) <= 1e-9 * abs(y), "M=\(M) \(s) \(name): \(x) vs refined \(y)")
            }
        }
    }

    /// The large-M limit (docs/bn-large-batch-limit.md): M·(T − T_∞) tends to the analytic 1/M
    /// coefficient (−d(r) for T_γ, −γρ²d'(r) for T_R, c_Q for T_Q), with an O(1/M) remainder: within
    /// 10/M (measured: ≤ 5.5/M, T_Q at r = −0.3; the coefficients are tabulated to 6 digits).
    @Test(arguments: [1000, 10_000])
    func approachesTheLargeBatchLimit(_ M: Int) throws {
        // (r, γ, σ), c_Q, −d(r), −γρ²d'(r) from the table of docs/bn-large-batch-limit.md.
        let table: [(Double, Double, Double, Double, Double, Double)] = [
            (0.5, 1, 0, 0.199366, -0.107771, -0.299489), (-0.3, 1.7, 0.5, 1.576279, 0.076463, -0.089391),
            (0.9, 0.6, 0.5, 0.052555, -0.299799, -0.066020),
        ]
        let tolerance = 10 / Double(M)
        for (r, gamma, sigma, cQ, cGamma, cR) in table {
            let wn = GaussianAverager(activation: .relu, teacherNoise: sigma).averages(Readout(overlap: r, scale: gamma))
            let t = try BatchAverager(batchSize: M, activation: .relu, teacherNoise: sigma).averages(overlap: r, gamma: gamma, beta: 0)
            let m = Double(M)
            let observed = [m * (t.deltaNormalized - wn.deltaStudent), m * (t.backpropTeacher - gamma * (wn.deltaTeacher - r * wn.deltaStudent)),
                            m * (t.backpropSquared - gamma * gamma * (wn.deltaSquared - wn.delta * wn.delta - wn.deltaStudent * wn.deltaStudent))]
            for (name, (x, c)) in zip(["T_γ", "T_R", "T_Q"], zip(observed, [cGamma, cR, cQ])) {
                #expect(abs(x - c) <= tolerance * max(1, abs(c)), "M=\(M) r=\(r) \(name): M·(T − T_∞) = \(x), coefficient \(c)")
            }
        }
    }

    /// Against brute-force real batches at M = 1000 (20 000 batches): within 4.5 standard errors.
    @Test func windowMatchesRealBatchesAtM1000() throws {
        let s = BatchAveragesTests.State(M: 1000, r: -0.3, gamma: 1.7, sigma: 0.5)
        let q = try BatchAverager(batchSize: s.M, activation: .relu, teacherNoise: s.sigma).averages(overlap: s.r, gamma: s.gamma, beta: 0)
        let mc = BatchAveragesTests.monteCarlo(s, batches: 20_000, seed: 1000)
        for (k, (name, value)) in Self.values(q).prefix(4).enumerated() {
            #expect(abs(value - mc[k].mean) <= 4.5 * mc[k].se, "\(name): quadrature \(value), real batches \(mc[k].mean) ± \(mc[k].se)")
        }
    }

    /// bn-exact and bn-loss integrate at M = 305, 1000 and 10⁴ (they ended as "diverged at α = 0"
    /// from M = 305 on) and stay finite.
    @Test(arguments: [305, 1000, 10_000])
    func bnTheoriesCompleteAtLargeBatches(_ M: Int) throws {
        let setup = TrainingSetup(inputDimension: 1_000_000, activation: .relu, method: .bn, learningRate: Double(M) / 8, batchSize: M,
                                  initial: InitialState(Q: 1, r: 0.1, gamma: 1))
        let grid = AlphaGrid(requested: [0.5, 1, 2], inputDimension: setup.inputDimension, batchSize: M)
        for variant in [TheoryVariant.exact, .loss] {
            let trajectory = try TheoryRun.integrate(setup: setup, variant: variant, grid: grid)
            #expect(trajectory.outcome == .completed, "M=\(M) \(variant): \(trajectory.outcome)")
            #expect(trajectory.states.count == grid.count && trajectory.states.allSatisfy(\.isFinite))
            #expect((trajectory.states.last?.r ?? 0) > 0.1, "the student learns")
        }
    }

    /// A theory that cannot be computed (here: the ODE driver refuses its tolerances, a GSL failure)
    /// ends as `not computed: <why>`, with no states — never as a divergence.
    @Test func aGSLFailureIsNotComputedNotDiverged() throws {
        let setup = TrainingSetup(activation: .relu, method: .bn, learningRate: 1, batchSize: 8)
        let grid = AlphaGrid(requested: [1, 2], inputDimension: 1000, batchSize: 8)
        let trajectory = try TheoryRun.integrate(setup: setup, variant: .exact, grid: grid,
                                                 tolerances: ODETolerances(relative: -1, absolute: -1))
        guard case .notComputed(let reason) = trajectory.outcome else {
            Issue.record("expected not computed, got \(trajectory.outcome)"); return
        }
        #expect(reason.contains("GSL error") && reason.contains("tolerance"), "\(reason)")
        #expect(trajectory.states.isEmpty && trajectory.outcome.divergenceAlpha == nil && trajectory.outcome.label == "not_computed")
    }
}
