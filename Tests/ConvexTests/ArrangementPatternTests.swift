import Convex
import GSL
import Testing

/// Exact enumeration finds every cell of the arrangement: 2 Σ_{i<k} C(P−1, i) − 1 for data in
/// general position; sampling finds a subset.
struct ArrangementPatternTests {
    @Test(arguments: [(2, 6), (3, 8), (3, 12), (4, 10), (5, 9), (6, 7)])
    func enumerationMatchesTheGeneralPositionCount(n: Int, p: Int) throws {
        let data = try WhitenedData(inputs: ConvexFixtures.instance(n: n, p: p).inputs)
        #expect(data.width == min(n, p - 1) + 1)
        let patterns = ArrangementPatterns.enumerate(data)
        let expected = ArrangementPatterns.generalPositionCount(samples: p, width: data.width)
        #expect(Double(patterns.patterns.count) == expected, "N=\(n) P=\(p)")
        #expect(patterns.isExhaustive)
        // Every enumerated pattern is realized by some gate: here, checked as a set property — the
        // sampled patterns are a subset of the enumerated ones.
        let sampled = ArrangementPatterns.sample(data, gates: 5000, seed: 1)
        #expect(Set(sampled.patterns).isSubset(of: Set(patterns.patterns)))
        #expect(!sampled.isExhaustive)
    }

    @Test func generalPositionCountByHand() {
        // P = 4 points, k = 2: 2(1 + 3) − 1 = 7; k = P: all 2^P − 1 non-empty sign vectors.
        #expect(ArrangementPatterns.generalPositionCount(samples: 4, width: 2) == 7)
        #expect(ArrangementPatterns.generalPositionCount(samples: 10, width: 10) == 1023)
        #expect(ArrangementPatterns.generalPositionCount(samples: 16, width: 5) == 3881)
    }

    @Test func theWhitenedBasisIsOrthonormalWithAConstantColumn() throws {
        let data = try WhitenedData(inputs: ConvexFixtures.instance(n: 4, p: 11).inputs)
        for a in 0..<data.width {
            for b in 0..<data.width {
                let dot = (0..<data.sampleCount).reduce(0.0) { $0 + data.basis[$1, a] * data.basis[$1, b] }
                #expect(abs(dot - (a == b ? 1 : 0)) < 1e-12)
            }
        }
        #expect((0..<11).allSatisfy { abs(data.basis[$0, data.rank] - 1 / 11.0.squareRoot()) < 1e-15 })
    }
}
