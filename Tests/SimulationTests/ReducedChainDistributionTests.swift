import Foundation
import Model
@_spi(Testing) import Simulation
import Testing
import _TestSupport

/// docs/model.md §10 in distribution: the reduced chain and the N-dimensional simulation, run
/// independently (1000 replicas each) at N = 50 and 200, give the same law of Q, R and γ at
/// α = 1, 3 and 10 — two-sample Kolmogorov–Smirnov tests and z-tests of means and variances — for
/// sgd, wn and bn at M = 4 and 16, with teacher noise, weight decay, gamma decay, learned β, input
/// noise, kurtosis, erf, w ∥ w* and the empirical test error. bn at M = 4 has heavy-tailed steps
/// (infinite variance of Q's increments; no finite fourth moment of any c_i-driven quantity), so
/// there Q is compared by KS only and R, γ by KS and means.
///
/// False-alarm rate: Bonferroni over every p-value of the test, family-wise 10⁻³ — the test
/// fails if any p < 10⁻³/(number of p-values). Power: the same tests reject a deliberately wrong
/// chain (χ²_N instead of χ²_{N−2} for the out-of-plane part) in the cases listed in `powerCases`.
struct ReducedChainDistributionTests {
    struct Case: Sendable, CustomStringConvertible {
        var label: String
        var setup: TrainingSetup
        var testSamples = 0
        var description: String { "\(label) N=\(setup.inputDimension)" }
    }

    static let replicas = 2000
    static let alphas = [1.0, 3.0, 10.0]
    static let familyFalseAlarm = 1e-3

    static func setup(_ method: Method, N: Int, M: Int, eta: Double, _ adjust: (inout TrainingSetup) -> Void = { _ in }) -> TrainingSetup {
        var s = TrainingSetup(inputDimension: N, method: method, learningRate: eta, batchSize: M, alphaMax: alphas.last!)
        adjust(&s)
        return s
    }

    static let cases: [Case] = [50, 200].flatMap { N in [
        Case(label: "sgd M=1 η=1.5", setup: setup(.sgd, N: N, M: 1, eta: 1.5)),
        Case(label: "sgd M=4 η=2 σ=0.5", setup: setup(.sgd, N: N, M: 4, eta: 2) { $0.teacherNoise = 0.5 }),
        Case(label: "wn M=1 η=1 λ=0.1 κ=0.05 β learned", setup: setup(.wn, N: N, M: 1, eta: 1) {
            $0.weightDecay = 0.1; $0.gammaDecay = 0.05; $0.learnBeta = true }),
        Case(label: "bn M=4 η=0.5", setup: setup(.bn, N: N, M: 4, eta: 0.5)),
        Case(label: "bn M=16 η=2 σ=0.3 β learned", setup: setup(.bn, N: N, M: 16, eta: 2) { $0.teacherNoise = 0.3; $0.learnBeta = true }),
    ] } + [
        Case(label: "sgd M=2 input noise s=0.7, eg_test", setup: setup(.sgd, N: 50, M: 2, eta: 1) { $0.inputs = InputModel(noise: 0.7) },
             testSamples: 200),
        Case(label: "bn M=8 kurtosis ρ=2, input noise s=0.5, eg_test", setup: setup(.bn, N: 50, M: 8, eta: 1) {
            $0.inputs = InputModel(noise: 0.5, kurtosis: 2) }, testSamples: 200),
        // γ₀ ≠ 1 and label noise: at γ = 1, β = 0 a student along w* is a fixed point that only
        // rounding moves, which no test of the law can use.
        Case(label: "wn M=4 erf r₀=1 (w ∥ w*) γ₀=1.5 σ=0.2, eg_test", setup: setup(.wn, N: 50, M: 4, eta: 1.5) {
            $0.activation = .erf; $0.teacherNoise = 0.2; $0.initial = InitialState(Q: 0.8, r: 1, gamma: 1.5) }, testSamples: 200),
        Case(label: "bn M=6 η=1 r₀=−1", setup: setup(.bn, N: 50, M: 6, eta: 1) { $0.initial = InitialState(Q: 1.5, r: -1) }),
    ]

    /// The wrong chain's power is shown where its error, +2 degrees of freedom out of N, is largest.
    static let powerCases: [Int] = [0, 2, 4]

    /// Per replica, per α: Q, R, γ and the empirical test error (NaN when not measured).
    typealias Sample = [[Double]]

    static func fullSample(_ c: Case) -> [Sample] {
        let grid = AlphaGrid(requested: alphas, inputDimension: c.setup.inputDimension, batchSize: c.setup.batchSize)
        return (0..<replicas).map { k in
            record(SimulationRun.replica(setup: c.setup, grid: grid, seed: UInt64(1_000_000 + k), testSamples: c.testSamples))
        }
    }

    static func reducedSample(_ c: Case, wrongDegrees: Bool = false) -> [Sample] {
        let grid = AlphaGrid(requested: alphas, inputDimension: c.setup.inputDimension, batchSize: c.setup.batchSize)
        if !wrongDegrees {
            return (0..<replicas).map { k in
                record(SimulationRun.replica(setup: c.setup, grid: grid, seed: UInt64(2_000_000 + k), testSamples: c.testSamples,
                                             engine: .reduced))
            }
        }
        return (0..<replicas).map { k in
            let chain = ReducedReplica(setup: c.setup, seed: UInt64(3_000_000 + k), outOfPlaneDegreesOfFreedom: c.setup.inputDimension)
            var t = 0
            return grid.steps.map { target in
                chain.train(steps: target - t)
                t = target
                let p = chain.orderParameters
                return [p.Q, p.R, p.gamma, .nan]
            }
        }
    }

    static func record(_ r: ReplicaRecord) -> Sample {
        r.trajectory.states.enumerated().map { k, p in [p.Q, p.R, p.gamma, k < r.testError.count ? r.testError[k] : .nan] }
    }

    struct PValue { var what: String; var p: Double }

    /// Every comparison of two samples of one case.
    static func compare(_ c: Case, _ x: [Sample], _ y: [Sample]) -> [PValue] {
        let heavy = c.setup.method == .bn && c.setup.batchSize < 6
        var out: [PValue] = []
        #expect(x.allSatisfy { $0.count == alphas.count } && y.allSatisfy { $0.count == alphas.count }, "\(c): a replica diverged")
        for (k, alpha) in alphas.enumerated() {
            for (j, name) in ["Q", "R", "γ", "eg_test"].enumerated() {
                let a = x.map { $0[k][j] }, b = y.map { $0[k][j] }
                if name == "γ" && !c.setup.method.isNormalized { continue }
                if name == "eg_test" && c.testSamples == 0 { continue }
                let tag = "\(c) α=\(alpha) \(name)"
                out.append(PValue(what: "\(tag) KS", p: DistributionTests.kolmogorovSmirnov(a, b).p))
                if heavy && name == "Q" { continue }
                out.append(PValue(what: "\(tag) mean", p: DistributionTests.meanZTest(a, b)))
                if heavy { continue }
                out.append(PValue(what: "\(tag) variance", p: DistributionTests.varianceZTest(a, b)))
            }
        }
        return out
    }

    @Test func reducedChainHasTheFullSimulationsLaw() {
        var all: [PValue] = []
        var wrong: [(Case, [PValue])] = []
        for (index, c) in Self.cases.enumerated() {
            let full = Self.fullSample(c)
            all += Self.compare(c, full, Self.reducedSample(c))
            if Self.powerCases.contains(index) {
                wrong.append((c, Self.compare(c, full, Self.reducedSample(c, wrongDegrees: true))))
            }
        }
        let threshold = Self.familyFalseAlarm / Double(all.count)
        let sorted = all.sorted { $0.p < $1.p }
        // The table, for the record (smallest p first).
        print("reduced vs full: \(all.count) p-values, Bonferroni threshold \(threshold); smallest:")
        for v in sorted.prefix(8) { print(String(format: "  p = %.3e  %@", v.p, v.what)) }
        let uniformity = DistributionTests.kolmogorovSmirnov(all.map(\.p)) { min(1, max(0, $0)) }
        print(String(format: "  KS of all p-values against U(0, 1): p = %.3f (informative only: the p-values are dependent)", uniformity.p))
        for v in all { #expect(v.p >= threshold, "\(v.what): p = \(v.p) below \(threshold)") }
        for (c, values) in wrong {
            let smallest = values.min { $0.p < $1.p }!
            print(String(format: "  wrong chain (χ²_N): %@: smallest p = %.3e (%@)", c.description, smallest.p, smallest.what))
            #expect(smallest.p < threshold, "the wrong chain passes in \(c): the tests have no power there")
        }
    }

    /// Divergence (docs/model.md §3) in law: relu sgd at N = 50, M = 1, η = 3.3 blows up in about half
    /// the replicas by α = 10. The fraction diverged (two-proportion z-test) and the law of the α at
    /// which they diverge (two-sample KS) agree between the engines, 2000 replicas each; false
    /// alarm 2·10⁻³ (each p ≥ 10⁻³).
    @Test func divergenceHasTheFullSimulationsLaw() {
        let setup = Self.setup(.sgd, N: 50, M: 1, eta: 3.3)
        let grid = AlphaGrid(requested: [1, 10], inputDimension: 50, batchSize: 1)
        func divergenceAlphas(_ engine: SimulationEngine, base: UInt64) -> [Double] {
            (0..<Self.replicas).compactMap { k in
                SimulationRun.replica(setup: setup, grid: grid, seed: base + UInt64(k), testSamples: 0, engine: engine).trajectory.outcome.divergenceAlpha
            }
        }
        let full = divergenceAlphas(.full, base: 4_000_000), reduced = divergenceAlphas(.reduced, base: 5_000_000)
        let n = Double(Self.replicas), pFull = Double(full.count) / n, pReduced = Double(reduced.count) / n
        #expect(pFull > 0.2 && pFull < 0.8, "the case should diverge in about half the replicas: \(pFull)")
        let pooled = (pFull + pReduced) / 2
        let z = (pFull - pReduced) / (2 * pooled * (1 - pooled) / n).squareRoot()
        let fraction = DistributionTests.twoSided(z), when = DistributionTests.kolmogorovSmirnov(full, reduced).p
        print(String(format: "divergence at η = 3.3: full %.3f, reduced %.3f (p = %.3f); α of divergence KS p = %.3f", pFull, pReduced, fraction, when))
        #expect(fraction >= 1e-3 && when >= 1e-3)
    }
}
