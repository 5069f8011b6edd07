import Foundation
import Model
import Simulation
import Testing

/// The simulation's normal generator (eight xoshiro256+ lanes + vectorized Box–Muller,
/// docs/normal-generator.md) must be a standard normal: first four moments, tail masses and the
/// Kolmogorov–Smirnov distance within their sampling error on ≥ 10⁶ draws; the two normals of a
/// Box–Muller pair, neighbouring draws and streams of different seeds must be uncorrelated; and
/// the transform must match libm's scalar Box–Muller on the same bits to rounding error.
/// Tolerances are 5 standard errors (KS: the 0.1% point of the Kolmogorov distribution).
struct NormalStreamTests {
    static let n = 1_000_000

    static func draws(seed: UInt64, count: Int = n) -> [Double] {
        var stream = NormalStream(seed: seed)
        var xs = [Double](repeating: .nan, count: count)
        xs.withUnsafeMutableBufferPointer { stream.fill($0) }
        return xs
    }

    /// |sample mean of f − expected| within 5 standard errors, with `variance` = Var f(x).
    static func expectMean(_ values: [Double], _ f: (Double) -> Double, expected: Double, variance: Double,
                           _ what: String) {
        let mean = values.reduce(0) { $0 + f($1) } / Double(values.count)
        let se = (variance / Double(values.count)).squareRoot()
        #expect(abs(mean - expected) < 5 * se, "\(what): \(mean) vs \(expected) (5 s.e. = \(5 * se))")
    }

    // MARK: the generator

    /// Lane 0 is xoshiro256+ with SplitMix64-seeded state, lane k that state after k jumps of
    /// 2¹²⁸ (values from Blackman & Vigna's reference C code).
    @Test func lanesAreJumpedXoshiroStreams() {
        var stream = NormalStream(seed: 42)
        let first = stream.nextBits(), second = stream.nextBits()
        #expect(first[0] == 0x15F4_1425_3E36_5229)
        #expect(first[1] == 0xA508_607E_851B_7256)
        #expect(first[3] == 0x87E5_4F03_E912_2261)
        #expect(second[3] == 0x0C4A_7FF8_6CB4_3C9B)
        #expect(Set((0..<8).map { first[$0] }).count == 8)
    }

    @Test(arguments: [UInt64(1), 42, 0xDEAD_BEEF])
    func momentsAreStandardNormal(seed: UInt64) {
        let xs = Self.draws(seed: seed)
        // Var xᵏ of N(0, 1) for k = 1…4: 1, 2, 15, 96.
        Self.expectMean(xs, { $0 }, expected: 0, variance: 1, "mean")
        Self.expectMean(xs, { $0 * $0 }, expected: 1, variance: 2, "E x²")
        Self.expectMean(xs, { $0 * $0 * $0 }, expected: 0, variance: 15, "E x³")
        Self.expectMean(xs, { $0 * $0 * $0 * $0 }, expected: 3, variance: 96, "E x⁴")
    }

    @Test func kolmogorovSmirnovDistanceIsSmall() {
        var xs = Self.draws(seed: 7)
        xs.sort()
        let n = Double(xs.count)
        var d = 0.0
        for (i, x) in xs.enumerated() {
            let cdf = 0.5 * erfc(-x / 2.0.squareRoot())
            d = max(d, abs(cdf - Double(i) / n), abs(Double(i + 1) / n - cdf))
        }
        // P(√n·D > 1.95) ≈ 0.001 for the Kolmogorov distribution.
        #expect(d * n.squareRoot() < 1.95, "KS √n·D = \(d * n.squareRoot())")
    }

    /// Tail masses beyond 3, 4 and 4.5 (binomial counts within 5 s.e.), and no draw beyond the
    /// largest radius 52-bit uniforms allow, √(2·52·ln 2) = 8.49.
    @Test func tailsHaveTheRightMass() {
        let xs = Self.draws(seed: 11, count: 4 * Self.n)
        for (cut, probability) in [(3.0, 2.699_796_063_260_2e-3), (4.0, 6.334_248_366_623_98e-5), (4.5, 6.795_346_249_5e-6)] {
            let count = Double(xs.reduce(0) { $0 + (abs($1) > cut ? 1 : 0) })
            let expected = probability * Double(xs.count)
            #expect(abs(count - expected) < 5 * expected.squareRoot(), "P(|x| > \(cut)): \(count) vs \(expected)")
        }
        #expect(xs.allSatisfy { $0.isFinite && abs($0) <= 8.5 })
    }

    /// Neighbours in the stream (lag 1), the two normals of one Box–Muller pair (lag 8: lane l
    /// of the cosine half and of the sine half), the next block (lag 16); E[z₀²z₁²] = 1 tests the
    /// pair beyond correlation (Var z₀²z₁² = 8 for independent normals).
    @Test func drawsAreUncorrelated() {
        let xs = Self.draws(seed: 3)
        for lag in [1, 8, 16] {
            let products = (0..<(xs.count - lag)).map { xs[$0] * xs[$0 + lag] }
            Self.expectMean(products, { $0 }, expected: 0, variance: 1, "lag-\(lag) correlation")
        }
        let pairs = stride(from: 0, to: xs.count, by: 16).flatMap { b in (0..<8).map { xs[b + $0] * xs[b + $0 + 8] } }
        Self.expectMean(pairs, { $0 * $0 }, expected: 1, variance: 8, "E[z₀²z₁²] of Box–Muller pairs")
    }

    @Test func differentSeedsAreUncorrelated() {
        let a = Self.draws(seed: 1), b = Self.draws(seed: 2)
        Self.expectMean(zip(a, b).map(*), { $0 }, expected: 0, variance: 1, "E[a·b]")
        #expect(a.map(\.bitPattern) == Self.draws(seed: 1).map(\.bitPattern))
    }

    /// `normal()` hands out the 16 normals of a block in order, as `fill` lays them out.
    @Test func scalarDrawsFollowTheBlockLayout() {
        var scalar = NormalStream(seed: 5)
        let one = (0..<40).map { _ in scalar.normal() }
        let filled = Self.draws(seed: 5, count: 48)
        #expect(one.map(\.bitPattern) == filled.prefix(40).map(\.bitPattern))
        // A fill of 20 takes two whole blocks: the next fill starts at the third.
        var stream = NormalStream(seed: 5)
        var twenty = [Double](repeating: 0, count: 20), next = [Double](repeating: 0, count: 16)
        twenty.withUnsafeMutableBufferPointer { stream.fill($0) }
        next.withUnsafeMutableBufferPointer { stream.fill($0) }
        #expect(twenty.map(\.bitPattern) == filled.prefix(20).map(\.bitPattern))
        #expect(next.map(\.bitPattern) == filled[32..<48].map(\.bitPattern))
    }

    // MARK: the transform against libm

    /// The scalar Box–Muller of the textbooks, with libm: R = √(−2 ln u), φ = π/4 + πy/2.
    static func reference(_ a: UInt64, _ b: UInt64) -> (Double, Double) {
        let u = 1 - Double(a >> 12) * 0x1p-52
        let y = Double((b << 2) >> 12) * 0x1p-52 - 0.5
        let radius = (-2 * log(u)).squareRoot(), phi = Double.pi / 4 + Double.pi / 2 * y
        let sign0: Double = b >> 63 == 1 ? -1 : 1, sign1: Double = (b >> 62) & 1 == 1 ? -1 : 1
        return (sign0 * radius * cos(phi), sign1 * radius * sin(phi))
    }

    @Test func transformMatchesLibmBoxMuller() {
        var rng = RandomStream(seed: 2024)
        var worst = 0.0
        var cases: [(UInt64, UInt64)] = [(0, 0), (.max, .max), (0, .max), (.max, 0), (1 << 12, 1 << 61), (.max << 12, 3 << 62)]
        for _ in 0..<200_000 { cases.append((rng.next(), rng.next())) }
        for chunk in stride(from: 0, to: cases.count, by: 8) {
            var a = SIMD8<UInt64>(), b = SIMD8<UInt64>()
            for l in 0..<8 { (a[l], b[l]) = cases[(chunk + l) % cases.count] }
            let (z0, z1) = NormalTransform.normals(a, b)
            for l in 0..<8 {
                let (r0, r1) = Self.reference(a[l], b[l])
                worst = max(worst, abs(z0[l] - r0) / (1 + abs(r0)), abs(z1[l] - r1) / (1 + abs(r1)))
            }
        }
        // Both sides round a few times: 1e-15·(1 + |z|) is a handful of ulps.
        #expect(worst < 1e-15, "max |z − libm| / (1 + |z|) = \(worst)")
        // u = 1 gives exactly 0; the smallest u the largest radius.
        let (zero, _) = NormalTransform.normals(SIMD8(repeating: 0), SIMD8(repeating: 0))
        #expect(zero == .zero)
        let (edge, _) = NormalTransform.normals(SIMD8(repeating: .max), SIMD8(repeating: 0))
        #expect(abs(edge[0] - (2 * 52 * log(2.0)).squareRoot()) < 1e-14)  // y = −½: φ = 0
    }

    @Test func negativeLogMatchesLibm() {
        var rng = RandomStream(seed: 99)
        var worst = 0.0
        for _ in 0..<20_000 {
            var u = SIMD8<Double>()
            for l in 0..<8 { u[l] = 1 - Double(rng.next() >> 12) * 0x1p-52 }
            let got = NormalTransform.negativeLog(u)
            for l in 0..<8 where u[l] < 1 { worst = max(worst, abs(got[l] + log(u[l])) / -log(u[l])) }
        }
        #expect(worst < 5e-16, "relative error of −ln u: \(worst)")
    }
}
