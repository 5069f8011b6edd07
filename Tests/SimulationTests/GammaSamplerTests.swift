import Simulation
import Testing
import _TestSupport

/// The one Gamma sampler (`RandomStream.gamma`, Marsaglia & Tsang), used for docs/model.md §8's input
/// scales by the simulation and `bnsim zeta`: the first three moments of Gamma(k, θ) — mean kθ,
/// variance kθ², third central moment 2kθ³ — on both branches (k < 1 boosts from k + 1), within
/// 5 standard errors of 4·10⁵ draws; and the data model's own parameters (k = 3/ρ, θ = ρ/3).
struct GammaSamplerTests {
    @Test(arguments: [(0.3, 2.0), (0.5, 6.0), (1.0, 1.0), (3.0, 1.0 / 3), (30.0, 0.1)])
    func momentsMatch(_ parameters: (Double, Double)) {
        let (k, theta) = parameters
        var rng = RandomStream(seed: 99)
        let xs = (0..<400_000).map { _ in rng.gamma(shape: k, scale: theta) }
        #expect(xs.allSatisfy { $0 >= 0 && $0.isFinite })
        let (mean, seMean) = meanAndStandardError(xs)
        #expect(abs(mean - k * theta) < 5 * seMean, "k = \(k): mean \(mean) ± \(seMean), want \(k * theta)")
        let want = k * theta
        let (m2, se2) = meanAndStandardError(xs.map { ($0 - want) * ($0 - want) })
        #expect(abs(m2 - k * theta * theta) < 5 * se2, "k = \(k): variance \(m2) ± \(se2), want \(k * theta * theta)")
        let (m3, se3) = meanAndStandardError(xs.map { ($0 - want) * ($0 - want) * ($0 - want) })
        #expect(abs(m3 - 2 * k * theta * theta * theta) < 5 * se3, "k = \(k): third moment \(m3) ± \(se3)")
    }
}
