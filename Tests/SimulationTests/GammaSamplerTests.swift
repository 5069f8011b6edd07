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

/// The χ²_k variates of the reduced chain (docs/model.md §10: 2·Gamma(k/2, 1), k = N − 2) follow
/// the χ² law: one-sample Kolmogorov–Smirnov against GSL's χ² CDF, 10⁵ draws per k, from k = 1
/// (the k < 1 boost branch) to k = 10⁶ − 2; each p must exceed 10⁻⁴ (false alarm ≤ 6·10⁻⁴ in all).
struct ChiSquaredSamplerTests {
    @Test(arguments: [1, 2, 3, 48, 198, 999_998])
    func chiSquaredMatchesItsLaw(_ k: Int) {
        var rng = RandomStream(seed: 7 + UInt64(k))
        let xs = (0..<100_000).map { _ in 2 * rng.gamma(shape: 0.5 * Double(k), scale: 1) }
        let (D, p) = DistributionTests.kolmogorovSmirnov(xs) { DistributionTests.chiSquaredCDF($0, degreesOfFreedom: Double(k)) }
        #expect(p > 1e-4, "χ²_\(k): KS D = \(D), p = \(p)")
    }

    /// The test has power: χ²_{k+2} draws are told apart from χ²_k (the error the reduced chain's
    /// distribution tests inject) at the k of a small N.
    @Test func wrongDegreesOfFreedomAreRejected() {
        var rng = RandomStream(seed: 5)
        let xs = (0..<100_000).map { _ in 2 * rng.gamma(shape: 0.5 * 50, scale: 1) }
        let (_, p) = DistributionTests.kolmogorovSmirnov(xs) { DistributionTests.chiSquaredCDF($0, degreesOfFreedom: 48) }
        #expect(p < 1e-10)
    }
}
