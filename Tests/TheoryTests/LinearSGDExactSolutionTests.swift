import Foundation
import Model
import Testing
import Theory

/// docs/model.md §7: for the linear activation, sgd's ODE system is linear and triangular, with the exact
/// solution derived in docs/linear-sgd-exact.md. The GSL integration must reproduce it.
struct LinearSGDExactSolutionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var eta: Double, M: Int, lambda: Double, sigma: Double, Q0: Double, r0: Double
        var testDescription: String { "η=\(eta) M=\(M) λ=\(lambda) σ=\(sigma) Q0=\(Q0) r0=\(r0)" }
    }

    static let cases = [
        Case(eta: 0.5, M: 1, lambda: 0, sigma: 0, Q0: 1, r0: 0),
        Case(eta: 1.5, M: 1, lambda: 0.1, sigma: 0.5, Q0: 2, r0: -0.5),
        Case(eta: 3.0, M: 4, lambda: 0.3, sigma: 1, Q0: 0.3, r0: 0.9),
        Case(eta: 0.2, M: 2, lambda: 0, sigma: 2, Q0: 4, r0: 0.2),
    ]

    /// R(α) = R∞ + (R₀ − R∞)e^{−aα}; Q(α) = Q∞ + (Q₀ − Q∞ − K)e^{−bα} + K·e^{−aα}.
    static func exact(_ c: Case, alpha: Double) -> (Q: Double, R: Double) {
        let e = c.eta / Double(c.M)
        let a = e * (1 + c.lambda), Rinf = 1 / (1 + c.lambda)
        let b = 2 * e * (1 + c.lambda) - e * e, cc = 2 * e - 2 * e * e, d = e * e * (1 + c.sigma * c.sigma)
        let R0 = c.r0 * c.Q0.squareRoot()
        let K = cc * (R0 - Rinf) / (b - a)
        let Qinf = (cc * Rinf + d) / b
        return (Qinf + (c.Q0 - Qinf - K) * exp(-b * alpha) + K * exp(-a * alpha), Rinf + (R0 - Rinf) * exp(-a * alpha))
    }

    @Test(arguments: cases)
    func odeMatchesExactSolution(_ c: Case) throws {
        let setup = TrainingSetup(inputDimension: 1000, activation: .linear, teacherNoise: c.sigma, method: .sgd,
                                  learningRate: c.eta, batchSize: c.M, weightDecay: c.lambda, alphaMax: 20,
                                  initial: InitialState(Q: c.Q0, r: c.r0))
        let grid = AlphaGrid(alphaMin: 0.01, alphaMax: 20, points: 40, spacing: .log, inputDimension: 1000, batchSize: c.M)
        let trajectory = try TheoryRun.integrate(setup: setup, grid: grid, tolerances: ODETolerances(relative: 1e-10, absolute: 1e-12))
        #expect(trajectory.outcome == .completed)
        for (alpha, p) in zip(grid.alphas, trajectory.states) {
            let (Q, R) = Self.exact(c, alpha: alpha)
            #expect(abs(p.Q - Q) <= 1e-8 * max(1, abs(Q)), "Q at α=\(alpha): \(p.Q) vs exact \(Q)")
            #expect(abs(p.R - R) <= 1e-8 * max(1, abs(R)), "R at α=\(alpha): \(p.R) vs exact \(R)")
        }
    }

    /// Above the stability edge η/M > 2(1+λ) the exact Q grows like e^{−bα} with b < 0: the
    /// integrator must end the run as diverged, not return NaN or huge rows.
    @Test func unstableLearningRateDiverges() throws {
        let setup = TrainingSetup(inputDimension: 1000, activation: .linear, method: .sgd, learningRate: 2.5, alphaMax: 200, divergenceQ: 1e6)
        let grid = AlphaGrid(alphaMin: 0.1, alphaMax: 200, points: 30, spacing: .log, inputDimension: 1000, batchSize: 1)
        let trajectory = try TheoryRun.integrate(setup: setup, grid: grid)
        guard case .diverged(let alpha) = trajectory.outcome else {
            Issue.record("expected divergence, got \(trajectory.outcome)"); return
        }
        // b = 2η − η² = −1.25: Q ≈ Q∞ + C·e^{1.25α} crosses 1e6 near α = ln(1e6)/1.25 ≈ 11.
        #expect(alpha > 5 && alpha < 20)
        #expect(trajectory.states.allSatisfy { $0.isFinite && $0.Q <= 1e6 })
    }
}
