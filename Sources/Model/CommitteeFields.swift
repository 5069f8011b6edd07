/// The joint Gaussian law of a two-layer network's fields at a state (docs/model.md §9), indexed
/// as: pre-activations a_k (0..<K), teacher fields h*_m (K..<K+K*), raw student fields h_k
/// (K+K*..<2K+K*). a_k = h_k for sgd and γ_k·h_k/√Q_kk (+ β_k, which the averages take as 0) for
/// wn and bn at inference (population statistics μ_P = 0, σ_P = √Q_kk).
public struct CommitteeFields: Sendable {
    public let K: Int
    public let KStar: Int
    public let count: Int
    /// Row-major covariance, `count`×`count`.
    public var covariance: [Double]
    /// a_k = slope_k·h_k.
    public let slope: [Double]

    public init(_ s: CommitteeState, method: Method) {
        K = s.studentUnits; KStar = s.teacherUnits; count = 2 * K + KStar
        slope = (0..<K).map { k in method == .sgd ? 1 : s.gamma[k] / s.Q(k, k).squareRoot() }
        var c = [Double](repeating: 0, count: count * count)
        let n = count, K = K, KStar = KStar
        func set(_ i: Int, _ j: Int, _ x: Double) { c[i * n + j] = x; c[j * n + i] = x }
        for k in 0..<K {
            for l in k..<K {
                let q = s.Q(k, l)
                set(k, l, slope[k] * slope[l] * q)
                set(K + KStar + k, K + KStar + l, q)
                set(k, K + KStar + l, slope[k] * q)
                set(l, K + KStar + k, slope[l] * q)
            }
            for m in 0..<KStar {
                set(k, K + m, slope[k] * s.R(k, m))
                set(K + KStar + k, K + m, s.R(k, m))
            }
        }
        for m in 0..<KStar { set(K + m, K + m, 1) }
        covariance = c
    }

    public func student(_ k: Int) -> Int { k }
    public func teacher(_ m: Int) -> Int { K + m }
    public func raw(_ k: Int) -> Int { K + KStar + k }
    @inlinable public func c(_ i: Int, _ j: Int) -> Double { covariance[i * count + j] }

    /// The 3×3 covariance of (z_i, z_j, z_k).
    public func sub3(_ i: Int, _ j: Int, _ k: Int) -> [Double] {
        [c(i, i), c(i, j), c(i, k), c(j, i), c(j, j), c(j, k), c(k, i), c(k, j), c(k, k)]
    }

    /// The 4×4 covariance of (z_i, z_j, z_k, z_l).
    public func sub4(_ i: Int, _ j: Int, _ k: Int, _ l: Int) -> [Double] {
        let idx = [i, j, k, l]
        var out = [Double](repeating: 0, count: 16)
        for a in 0..<4 { for b in 0..<4 { out[4 * a + b] = c(idx[a], idx[b]) } }
        return out
    }

    /// ε_g = ½·E[(Σ_m v*_m g(h*_m) − Σ_k v_k g(a_k))²] (docs/model.md §9).
    public func generalizationError(_ s: CommitteeState, teacherSecondLayer vStar: [Double], moments: any CommitteeMoments) -> Double {
        var sum = 0.0
        // Weights of the output's terms: +v* on teacher fields, −v on student pre-activations.
        let terms: [(Int, Double)] = (0..<KStar).map { (teacher($0), vStar[$0]) } + (0..<K).map { (student($0), -s.v[$0]) }
        for (i, wi) in terms {
            for (j, wj) in terms { sum += wi * wj * moments.i2(c(i, i), c(i, j), c(j, j)) }
        }
        return 0.5 * sum
    }
}
