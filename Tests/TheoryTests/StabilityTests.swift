import Model
import Testing
import Theory

/// docs/model.md §6 local limits against their analytic values (docs/relu-sgd-stability.md,
/// docs/linear-sgd-exact.md): relu sgd at σ = 0 loses stability at η/M = 2; linear sgd at
/// η/M = 2(1 + λ); wn (relu, σ = 0) at η_eff/(M·γ*) = 2 with γ* = 1.
struct StabilityTests {
    @Test(arguments: [(Activation.relu, 1, 0.0), (.relu, 4, 0.0), (.linear, 1, 0.0), (.linear, 2, 0.3), (.relu, 8, 0.0)])
    func sgdLocalBoundMatchesAnalyticValue(_ g: Activation, _ M: Int, _ lambda: Double) throws {
        let setup = TrainingSetup(activation: g, method: .sgd, learningRate: 1, batchSize: M, weightDecay: lambda)
        let bound = try Stability.localBound(setup: setup, low: 0.1, high: 20 * Double(M))
        let expected = 2 * Double(M) * (g == .linear ? 1 + lambda : 1)
        #expect(bound.status == .bounded)
        let value = try #require(bound.value)
        #expect(abs(value / expected - 1) < 2e-3, "local bound \(value), analytic \(expected)")
    }

    @Test(arguments: [1, 4])
    func wnLocalBoundOnEffectiveRate(_ M: Int) throws {
        let setup = TrainingSetup(activation: .relu, method: .wn, learningRate: 1, batchSize: M)
        let bound = try Stability.localBound(setup: setup, low: 0.05, high: 20 * Double(M))
        #expect(bound.status == .bounded && bound.parameter == .etaEff)
        let value = try #require(bound.value)
        #expect(abs(value / (2 * Double(M)) - 1) < 2e-3, "η_eff bound \(value), analytic \(2 * M)")
    }

    /// The bound does not depend on how wide the searched range is: a range of 330 decades (η_eff
    /// down to 1e-300, where Q = η·γ/η_eff would be 1e300) used to give wn `unstable_throughout`.
    @Test(arguments: [(Method.sgd, 1e-300, 1e30), (.wn, 1e-300, 1e30), (.wn, 1e-100, 1e3), (.wn, 1e-3, 1e100)])
    func localBoundHoldsOverAnyRange(_ method: Method, _ low: Double, _ high: Double) throws {
        let setup = TrainingSetup(activation: .relu, method: method, learningRate: 1, batchSize: 4)
        let bound = try Stability.localBound(setup: setup, low: low, high: high)
        #expect(bound.status == .bounded, "\(method) over [\(low), \(high)]: \(bound.status)")
        let value = try #require(bound.value)
        #expect(abs(value / 8 - 1) < 2e-3, "\(method) over [\(low), \(high)]: bound \(value), analytic 8")
    }
}
