import Model
import Testing
import Theory

/// docs/model.md §9 against an independent implementation of the published equations:
/// docs/checks/committee_erf.py reimplements Saad & Solla (1995) and Goldt et al. (2019) for
/// g = erf(x/√2), M = 1, and integrates them with scipy's DOP853 (rtol 1e-11). Its ε_g at
/// α = 1, 10, 50, 100, 200, 400 are pasted below. The cases cross the plateau (α ≈ 10–200),
/// where ε_g is most sensitive to any error in the drift.
struct CommitteeTrajectoryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String, K: Int, KStar: Int, eta: Double, learn: Bool, v0: Double, sigma: Double, eg: [Double]
        var testDescription: String { name }
    }

    static let alphas: [Double] = [1, 10, 50, 100, 200, 400]
    static let cases: [Case] = [
        Case(name: "Saad & Solla K = K* = 2, η = 0.5", K: 2, KStar: 2, eta: 0.5, learn: false, v0: 1, sigma: 0,
             eg: [2.997323454975e-01, 1.869630548635e-02, 1.550001392301e-02, 1.491203686809e-02, 1.124989487571e-02, 4.717248113711e-06]),
        Case(name: "Saad & Solla K = K* = 3, η = 1", K: 3, KStar: 3, eta: 1, learn: false, v0: 1, sigma: 0,
             eg: [3.605058374988e-01, 6.824689257979e-02, 6.628217992847e-02, 6.591657616855e-02, 2.195828335230e-02, 1.661991544388e-09]),
        Case(name: "Goldt et al. K = K* = 2, learned v, η = 0.5", K: 2, KStar: 2, eta: 0.5, learn: true, v0: 0.5, sigma: 0,
             eg: [3.199587587794e-01, 3.806077107950e-02, 1.452203482731e-02, 1.406225338301e-02, 1.283752176793e-02, 9.246778650801e-06]),
        Case(name: "over-realizable K = 3 > K* = 2, learned v, σ = 0.1", K: 3, KStar: 2, eta: 0.5, learn: true, v0: 0.5, sigma: 0.1,
             eg: [3.146329654797e-01, 2.839906535791e-02, 1.510598808565e-02, 1.436816272799e-02, 1.389609717962e-02, 4.104874635657e-03]),
    ]

    /// The start of docs/checks/committee_erf.py: Q = 0.5·I + 0.01 off the diagonal, R_km = 1e-3·(1 + (3k + 2m) mod 5).
    static func initial(_ K: Int, _ KStar: Int, v0: Double) -> CommitteeState {
        var s = CommitteeState(studentUnits: K, teacherUnits: KStar)
        for k in 0..<K {
            for l in 0..<K { s.setQ(k, l, k == l ? 0.5 : 0.01) }
            for m in 0..<KStar { s.setR(k, m, 1e-3 * Double(1 + (3 * k + 2 * m) % 5)) }
            s.v[k] = v0
        }
        return s
    }

    @Test(arguments: cases) func erfTrajectoryMatchesThePublishedEquations(_ c: Case) throws {
        let unit = TrainingSetup(inputDimension: 1000, activation: .erf, teacherNoise: c.sigma, method: .sgd,
                                 learningRate: c.eta, batchSize: 1, alphaMax: 400)
        let setup = CommitteeSetup(unit: unit, studentUnits: c.K, teacherUnits: c.KStar, learnSecondLayer: c.learn, secondLayerInitial: c.v0)
        let grid = AlphaGrid(requested: Self.alphas, inputDimension: 1000, batchSize: 1)
        let trajectory = try CommitteeTheoryRun.integrate(setup: setup, variant: .exact, initial: Self.initial(c.K, c.KStar, v0: c.v0),
                                                          grid: grid, tolerances: ODETolerances(relative: 1e-10, absolute: 1e-12))
        #expect(trajectory.outcome == .completed)
        let moments = ErfMoments()
        for (state, expected) in zip(trajectory.states, c.eg) {
            let eg = CommitteeFields(state, method: .sgd).generalizationError(state, teacherSecondLayer: setup.teacherSecondLayer, moments: moments)
            // Relative 1e-6, or 1e-10 absolute once ε_g has collapsed after the plateau.
            #expect(abs(eg - expected) <= 1e-6 * expected + 1e-10, "ε_g \(eg) vs published equations \(expected)")
        }
    }
}
