import Model
import Testing
import Theory

/// The local bound of sgd with teacher noise or weight decay, whose fixed point lies inside the
/// domain (r < 1), away from the noiseless one on r = 1. The fixed point and its growth rate are
/// checked independently of Stability: the drift vanishes there, the ODE converges to it, and the
/// Jacobian's eigenvalues by central differences of the drift (closed form for 2 × 2) match.
struct InteriorFixedPointTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let activation: Activation, sigma: Double, lambda: Double
        var testDescription: String { "\(activation.rawValue), σ = \(sigma), λ = \(lambda)" }
        var setup: TrainingSetup { TrainingSetup(activation: activation, teacherNoise: sigma, method: .sgd, learningRate: 1, batchSize: 1, weightDecay: lambda) }
    }

    static let cases = [Case(activation: .relu, sigma: 0.5, lambda: 0), Case(activation: .erf, sigma: 0.5, lambda: 0),
                        Case(activation: .relu, sigma: 0, lambda: 0.05)]

    /// The drift (dR, dQ) at (R, Q), straight from the flow.
    static func drift(_ setup: TrainingSetup, _ x: [Double]) throws -> [Double] {
        let d = try #require(try TheoryRun.flow(for: setup, variant: .exact).drift(OrderParameters(Q: x[1], R: x[0], gamma: 1, beta: 0)))
        return [d.R, d.Q]
    }

    @Test(arguments: cases)
    func fixedPointAndGrowthRateAtEtaOne(_ c: Case) throws {
        let setup = c.setup
        let start = try #require(try Stability.settledState(setup: setup, variant: .exact, parameter: 1))
        let (x, rate) = try #require(try Stability.growthRate(setup: setup, variant: .exact, parameter: 1, guess: start))
        #expect(x[0] < x[1].squareRoot() - 1e-3, "interior: R < √Q, got \(x)")
        if c.activation == .relu && c.sigma == 0.5 {
            #expect(abs(x[0] - 0.976) < 1e-3 && abs(x[1] - 1.226) < 1e-3, "\(x)")
        }
        // The drift vanishes there.
        #expect(try Self.drift(setup, x).allSatisfy { abs($0) < 1e-9 })
        // The ODE from the default initial state converges to it.
        let grid = AlphaGrid(requested: [3000], inputDimension: setup.inputDimension, batchSize: setup.batchSize)
        let end = try #require(try TheoryRun.integrate(setup: setup, grid: grid).states.last)
        #expect(abs(end.R - x[0]) < 1e-6 && abs(end.Q - x[1]) < 1e-6, "ODE ends at (\(end.R), \(end.Q)), fixed point \(x)")
        // Jacobian by central differences; eigenvalues of a 2 × 2 matrix from trace and determinant.
        let h = 1e-5
        var J = [[0.0, 0.0], [0.0, 0.0]]
        for j in 0..<2 {
            var plus = x, minus = x
            plus[j] += h; minus[j] -= h
            let up = try Self.drift(setup, plus), down = try Self.drift(setup, minus)
            for i in 0..<2 { J[i][j] = (up[i] - down[i]) / (2 * h) }
        }
        let trace = J[0][0] + J[1][1], det = J[0][0] * J[1][1] - J[0][1] * J[1][0]
        let discriminant = trace * trace / 4 - det
        let largest = discriminant >= 0 ? trace / 2 + discriminant.squareRoot() : trace / 2
        #expect(rate < 0 && abs(rate - largest) < 1e-5, "Stability: \(rate), finite differences: \(largest)")
    }

    /// The bound is found (not no_fixed_point), and below it a stable interior fixed point exists.
    @Test(arguments: cases)
    func localBoundFindsTheInteriorFixedPoint(_ c: Case) throws {
        let bound = try Stability.localBound(setup: c.setup, low: 0.1, high: 10, relativeTolerance: 1e-4)
        #expect(bound.status == .bounded || bound.status == .vanishes, "\(bound)")
        let value = try #require(bound.value)
        #expect(value > 1 && value < 10, "\(bound)")
        // Continue the fixed point from η = 1 to below the edge (where Q* may grow fast, hence 2 %
        // below): it exists and is stable there; just above the edge it is unstable or not found.
        let below = value * 0.98, above = value * (1 + 1e-3)
        var x = try #require(try Stability.settledState(setup: c.setup, variant: .exact, parameter: 1))
        var rate = 0.0
        for p in LogSearch.grid(from: 1, to: below, points: 40) {
            (x, rate) = try #require(try Stability.growthRate(setup: c.setup, variant: .exact, parameter: p, guess: x), "lost at η = \(p)")
        }
        #expect(rate < 0, "\(bound): unstable below the edge")
        // erf: Q* grows without bound towards the edge and the rate goes to 0, so where the root
        // finder stops finding it is the edge only to within that; relu's fixed point ends sharply.
        if c.activation == .relu, let (_, rateAbove) = try Stability.growthRate(setup: c.setup, variant: .exact, parameter: above, guess: x) {
            #expect(rateAbove >= 0, "\(bound): still stable above the edge")
        }
    }
}
