import Foundation
import GSL

/// One activation pattern D = diag(1[Ũg ≥ 0]) over the P training samples, as a bit set.
public struct ActivationPattern: Hashable, Sendable {
    var words: [UInt64]

    init(samples: Int) { words = [UInt64](repeating: 0, count: (samples + 63) / 64) }

    func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    mutating func remove(_ i: Int) { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// "0"/"1" per sample, for instance files.
    public func text(samples: Int) -> String { String((0..<samples).map { contains($0) ? "1" : "0" }) }
}

/// The hyperplane-arrangement patterns of the rows of Ũ (docs/convex-bn-relu.md §4): exact
/// enumeration up to `maximum` patterns, Gaussian-gate sampling beyond.
public struct ArrangementPatterns: Sendable {
    public let patterns: [ActivationPattern]
    /// True when every pattern of the arrangement is present; a sampled set makes the program an upper bound.
    public let isExhaustive: Bool
    /// Gates drawn (sampling) or candidate sign vectors examined (enumeration).
    public let candidates: Int

    /// 2 Σ_{i<k} C(P−1, i) − 1: the number of non-empty patterns of P points in general position in
    /// R^k (the all-zero pattern excluded), for the central arrangement of Ũ's rows.
    public static func generalPositionCount(samples p: Int, width k: Int) -> Double {
        var sum = 0.0, binomial = 1.0
        for i in 0..<min(k, p) {
            if i > 0 { binomial = binomial * Double(p - i) / Double(i) }  // C(P−1, i), exact below 2^53
            sum += binomial
        }
        return 2 * sum - 1
    }

    /// Exact when the general-position count is at most `maximum`, otherwise `maximum` sampled gates.
    public static func make(for data: WhitenedData, maximum: Int, seed: UInt64) -> ArrangementPatterns {
        let expected = generalPositionCount(samples: data.sampleCount, width: data.width)
        return expected <= Double(maximum) ? enumerate(data) : sample(data, gates: maximum, seed: seed)
    }

    /// Every cell of the central arrangement has an extreme ray, the null line g_S of some k − 1
    /// rows S: near ±g_S the other rows keep their sign and the rows of S take all 2^(k−1) signs.
    /// Cost C(P, k−1)·2^k candidates.
    public static func enumerate(_ data: WhitenedData) -> ArrangementPatterns {
        let p = data.sampleCount, k = data.width
        var found = Set<ActivationPattern>()
        var candidates = 0
        var subset = Array(0..<(k - 1))
        func nextSubset() -> Bool {
            var i = k - 2
            while i >= 0 && subset[i] == p - (k - 1) + i { i -= 1 }
            guard i >= 0 else { return false }
            subset[i] += 1
            for j in (i + 1)..<(k - 1) where j > i { subset[j] = subset[j - 1] + 1 }
            return true
        }
        repeat {
            guard let g = nullVector(rows: subset.map { Array(data.basis.row($0)) }, width: k) else { continue }
            let fields = data.times(g)
            for direction in [1.0, -1.0] {
                var base = ActivationPattern(samples: p)
                for i in 0..<p where direction * fields[i] > 0 { base.insert(i) }
                for s in subset { base.remove(s) }
                for signs in 0..<(1 << (k - 1)) {
                    var pattern = base
                    for (bit, row) in subset.enumerated() where signs & (1 << bit) != 0 { pattern.insert(row) }
                    candidates += 1
                    if !pattern.isEmpty { found.insert(pattern) }
                }
            }
        } while k > 1 && nextSubset()
        return ArrangementPatterns(patterns: sorted(found), isExhaustive: true, candidates: candidates)
    }

    /// scnn's method: the distinct patterns of `gates` Gaussian gates g ~ N(0, I_k); misses cells.
    public static func sample(_ data: WhitenedData, gates: Int, seed: UInt64) -> ArrangementPatterns {
        var rng = GaussianSource(seed: seed)
        var found = Set<ActivationPattern>()
        for _ in 0..<gates {
            let fields = data.times(rng.normals(data.width))
            var pattern = ActivationPattern(samples: data.sampleCount)
            for i in fields.indices where fields[i] >= 0 { pattern.insert(i) }
            if !pattern.isEmpty { found.insert(pattern) }
        }
        return ArrangementPatterns(patterns: sorted(found), isExhaustive: false, candidates: gates)
    }

    /// A deterministic order (sets iterate in a per-process random order).
    private static func sorted(_ set: Set<ActivationPattern>) -> [ActivationPattern] {
        set.sorted { a, b in
            for (x, y) in zip(a.words, b.words).reversed() where x != y { return x < y }
            return false
        }
    }

    /// The unit null vector of k − 1 rows in R^k, or nil when they are linearly dependent.
    static func nullVector(rows: [[Double]], width k: Int) -> [Double]? {
        var a = rows
        let m = a.count
        var pivotColumns: [Int] = []
        var row = 0
        let scale = rows.map { $0.map(abs).max() ?? 0 }.max() ?? 0
        for column in 0..<k where row < m {
            let best = (row..<m).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            guard abs(a[best][column]) > 1e-12 * max(scale, 1e-300) else { continue }
            a.swapAt(row, best)
            for r in 0..<m where r != row {
                let factor = a[r][column] / a[row][column]
                if factor != 0 { for c in 0..<k { a[r][c] -= factor * a[row][c] } }
            }
            pivotColumns.append(column)
            row += 1
        }
        guard pivotColumns.count == m else { return nil }
        let free = (0..<k).first { !pivotColumns.contains($0) }!
        var g = [Double](repeating: 0, count: k)
        g[free] = 1
        for (r, column) in pivotColumns.enumerated() { g[column] = -a[r][free] / a[r][column] }
        let norm = Vec.norm(g)
        return g.map { $0 / norm }
    }
}
