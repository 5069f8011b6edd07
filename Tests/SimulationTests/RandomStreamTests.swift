import Foundation
import Simulation
import Testing

/// The hand-written normal generator (ziggurat on xoshiro256++) must be a standard normal:
/// first four moments and the Kolmogorov–Smirnov distance within their sampling error on 10⁶
/// draws, and different seeds must give uncorrelated streams.
struct RandomStreamTests {
    static let n = 1_000_000

    @Test(arguments: [UInt64(1), 42, 0xDEADBEEF])
    func momentsAreStandardNormal(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0
        for _ in 0..<Self.n {
            let x = rng.normal()
            let x2 = x * x
            s1 += x; s2 += x2; s3 += x2 * x; s4 += x2 * x2
        }
        let n = Double(Self.n)
        // Sampling s.e. of the raw moments of N(0,1): √(Var xᵏ / n) with Var x = 1, Var x² = 2,
        // Var x³ = 15, Var x⁴ = 96. Allow 5 s.e.
        #expect(abs(s1 / n) < 5 * (1 / n).squareRoot())
        #expect(abs(s2 / n - 1) < 5 * (2 / n).squareRoot())
        #expect(abs(s3 / n) < 5 * (15 / n).squareRoot())
        #expect(abs(s4 / n - 3) < 5 * (96 / n).squareRoot())
    }

    @Test func kolmogorovSmirnovDistanceIsSmall() {
        var rng = RandomStream(seed: 7)
        var xs = (0..<Self.n).map { _ in rng.normal() }
        xs.sort()
        let n = Double(Self.n)
        var d = 0.0
        for (i, x) in xs.enumerated() {
            let cdf = 0.5 * erfc(-x / 2.0.squareRoot())
            d = max(d, abs(cdf - Double(i) / n), abs(Double(i + 1) / n - cdf))
        }
        // P(√n·D > 1.95) ≈ 0.001 for the Kolmogorov distribution.
        #expect(d * n.squareRoot() < 1.95, "KS √n·D = \(d * n.squareRoot())")
    }

    @Test func tailsHaveTheRightMass() {
        var rng = RandomStream(seed: 11)
        var beyond3 = 0, beyondR = 0
        for _ in 0..<Self.n {
            let x = abs(rng.normal())
            if x > 3 { beyond3 += 1 }
            if x > 3.442619855899 { beyondR += 1 }  // the ziggurat's tail strip
        }
        // P(|x| > 3) = 0.0026998, P(|x| > R) = 0.000576; binomial s.e. √(np).
        #expect(abs(Double(beyond3) - 2699.8) < 5 * 2699.8.squareRoot())
        #expect(abs(Double(beyondR) - 576.0) < 5 * 576.0.squareRoot())
    }

    @Test func differentSeedsAreUncorrelated() {
        var a = RandomStream(seed: 1), b = RandomStream(seed: 2)
        var sab = 0.0
        for _ in 0..<Self.n { sab += a.normal() * b.normal() }
        #expect(abs(sab / Double(Self.n)) < 5 / Double(Self.n).squareRoot())
    }

    @Test func sameSeedSameStream() {
        var a = RandomStream(seed: 99), b = RandomStream(seed: 99)
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
    }
}
