#if canImport(Glibc)
import Glibc
#endif
import Model
import Testing
import Theory

/// docs/model.md §9: the two-layer equations reduce to the single-unit ones at K = K* = 1,
/// v = v* = 1, and Saad & Solla's symmetric plateau of the erf soft committee machine is a fixed
/// point with the closed-form height (K/π)·(π/6 − K·arcsin(1/(2K))).
struct CommitteeFlowTests {
    static func single(_ g: Activation, _ method: Method, noise: Double = 0.3, decay: Double = 0.02) -> TrainingSetup {
        TrainingSetup(activation: g, teacherNoise: noise, method: method, learningRate: 0.7, batchSize: 3,
                      weightDecay: decay, gammaDecay: 0.05)
    }

    @Test(arguments: Activation.allCases, [Method.sgd, .wn])
    func oneUnitIsTheSingleUnitTheory(_ g: Activation, _ method: Method) throws {
        let unit = Self.single(g, method)
        let setup = CommitteeSetup(unit: unit, studentUnits: 1, teacherUnits: 1)
        let p = OrderParameters(Q: 1.7, R: 0.6, gamma: 1.4, beta: 0)
        var s = CommitteeState(studentUnits: 1, teacherUnits: 1)
        s.setQ(0, 0, p.Q); s.setR(0, 0, p.R); s.gamma[0] = p.gamma
        let d = try #require(CommitteeFlow(setup: setup, variant: .exact).drift(s))
        let flow: any OrderParameterFlow = method == .sgd ? SGDFlow(setup: unit) : WNFlow(setup: unit)
        let reference = try #require(flow.drift(p))
        // Packed order: Q, R, v, γ, β.
        #expect(abs(d[0] - reference.Q) <= 1e-9 * max(1, abs(reference.Q)), "dQ \(d[0]) vs \(reference.Q)")
        #expect(abs(d[1] - reference.R) <= 1e-9 * max(1, abs(reference.R)), "dR \(d[1]) vs \(reference.R)")
        #expect(abs(d[3] - reference.gamma) <= 1e-9 * max(1, abs(reference.gamma)), "dγ \(d[3]) vs \(reference.gamma)")
        #expect(d[2] == 0 && d[4] == 0)
        // ε_g too.
        let fields = CommitteeFields(s, method: method)
        let eg = fields.generalizationError(s, teacherSecondLayer: [1], moments: CommitteeMomentsFactory.make(g))
        let averager = GaussianAverager(setup: unit)
        let reference_eg = averager.generalizationError(unit.inferenceReadout(p))
        #expect(abs(eg - reference_eg) <= 1e-10, "ε_g \(eg) vs \(reference_eg)")
    }

    /// bn pn for one unit is the single-unit pn: the per-unit ζ reduces to docs/model.md §5's.
    @Test(arguments: [Activation.relu, .linear])
    func oneUnitPNIsTheSingleUnitPN(_ g: Activation) throws {
        let unit = TrainingSetup(activation: g, method: .bn, learningRate: 0.7, batchSize: 6)
        let setup = CommitteeSetup(unit: unit, studentUnits: 1, teacherUnits: 1)
        var s = CommitteeState(studentUnits: 1, teacherUnits: 1)
        s.setQ(0, 0, 1.7); s.setR(0, 0, 0.6); s.gamma[0] = 1.4
        let d = try #require(CommitteeFlow(setup: setup, variant: .pn).drift(s))
        let reference = try #require(try BNPNFlow(setup: unit).drift(OrderParameters(Q: 1.7, R: 0.6, gamma: 1.4, beta: 0)))
        #expect(abs(d[3] - reference.gamma) <= 1e-9, "dγ \(d[3]) vs \(reference.gamma)")
        #expect(abs(d[0] - reference.Q) <= 1e-9 && abs(d[1] - reference.R) <= 1e-9)
    }

    static func symmetricPlateau(_ K: Int) -> CommitteeState {
        var s = CommitteeState(studentUnits: K, teacherUnits: K)
        let q = 1 / Double(2 * K - 1), r = 1 / (Double(K) * Double(2 * K - 1)).squareRoot()
        for k in 0..<K {
            for l in 0..<K { s.setQ(k, l, q) }
            for m in 0..<K { s.setR(k, m, r) }
        }
        return s
    }

    @Test(arguments: [2, 3])
    func erfPlateauIsAFixedPointWithTheClosedFormHeight(_ K: Int) throws {
        let unit = TrainingSetup(activation: .erf, method: .sgd, learningRate: 1e-6, batchSize: 1)
        let setup = CommitteeSetup(unit: unit, studentUnits: K, teacherUnits: K)
        let s = Self.symmetricPlateau(K)
        let d = try #require(CommitteeFlow(setup: setup, variant: .exact).drift(s))
        // The O(η) part vanishes: what is left is the η² diffusion, ~1e-12 here.
        #expect(d.allSatisfy { abs($0) <= 1e-10 }, "drift \(d)")
        let eg = CommitteeFields(s, method: .sgd).generalizationError(s, teacherSecondLayer: Array(repeating: 1, count: K), moments: ErfMoments())
        let height = Double(K) / .pi * (.pi / 6 - Double(K) * asin(1 / Double(2 * K)))
        #expect(abs(eg - height) <= 1e-14, "ε_g \(eg) vs \(height)")
    }
}
