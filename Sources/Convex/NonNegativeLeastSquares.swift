/// Lawson–Hanson active-set NNLS, min ‖A x − b‖ over x ≥ 0, for the small cone projections of the
/// convex program (A is k × n with k ≤ ~10). The result is KKT-checked by `kktResidual`.
public struct NonNegativeLeastSquares: Sendable {
    /// Columns of A (each of length k).
    public let columns: [[Double]]
    public let target: [Double]

    public init(columns: [[Double]], target: [Double]) { self.columns = columns; self.target = target }

    /// The solution x and the residual b − A x.
    public func solve() -> (x: [Double], residual: [Double]) {
        let n = columns.count, k = target.count
        var x = [Double](repeating: 0, count: n)
        var passive = [Bool](repeating: false, count: n)
        var excluded = [Bool](repeating: false, count: n)
        var residual = target
        let scale = max(1, Vec.norm(target)) * max(1, columns.map(Vec.norm).max() ?? 1)
        let tolerance = 1e-13 * scale
        var outer = 0
        while outer < 3 * n + 10 {
            outer += 1
            // The most positive gradient component among the zero variables enters.
            var entering = -1, best = tolerance
            for j in 0..<n where !passive[j] && !excluded[j] {
                let w = Vec.dot(columns[j], residual)
                if w > best { best = w; entering = j }
            }
            guard entering >= 0 else { break }
            passive[entering] = true
            var inner = 0
            while inner < 3 * n + 10 {
                inner += 1
                let indices = (0..<n).filter { passive[$0] }
                guard let s = Self.leastSquares(indices.map { columns[$0] }, target, rows: k) else {
                    // Dependent passive columns: the entering one adds nothing; leave it out.
                    passive[entering] = false
                    excluded[entering] = true
                    break
                }
                if s.allSatisfy({ $0 > 0 }) {
                    for j in 0..<n { x[j] = 0 }
                    for (i, j) in indices.enumerated() { x[j] = s[i] }
                    break
                }
                // Step from x towards s until the first passive variable reaches zero.
                var step = 1.0
                for (i, j) in indices.enumerated() where s[i] <= 0 {
                    step = min(step, x[j] / (x[j] - s[i]))
                }
                for (i, j) in indices.enumerated() {
                    x[j] += step * (s[i] - x[j])
                    if x[j] <= 1e-15 * scale { x[j] = 0; passive[j] = false }
                }
            }
            residual = target
            for j in 0..<n where x[j] != 0 { for r in 0..<k { residual[r] -= columns[j][r] * x[j] } }
        }
        return (x, residual)
    }

    /// max over j of the KKT violation: x_j < 0, w_j > 0 at x_j = 0, |w_j| at x_j > 0 (w = Aᵀ r).
    public func kktResidual(_ x: [Double], _ residual: [Double]) -> Double {
        var worst = 0.0
        for j in columns.indices {
            let w = Vec.dot(columns[j], residual)
            worst = max(worst, x[j] < 0 ? -x[j] : 0, x[j] == 0 ? w : abs(w))
        }
        return worst
    }

    /// Least squares over the given columns by Householder QR; nil if they are (numerically) dependent.
    static func leastSquares(_ cols: [[Double]], _ b: [Double], rows k: Int) -> [Double]? {
        let m = cols.count
        guard m <= k else { return nil }
        // a: k × m column-major copy.
        var a = cols
        var rhs = b
        for j in 0..<m {
            var norm = 0.0
            for i in j..<k { norm += a[j][i] * a[j][i] }
            norm = norm.squareRoot()
            let columnScale = Vec.norm(cols[j])
            guard norm > 1e-11 * max(columnScale, 1e-300) else { return nil }
            let alpha = a[j][j] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: k)
            for i in j..<k { v[i] = a[j][i] }
            v[j] -= alpha
            let vv = Vec.dot(v, v)
            guard vv > 0 else { continue }
            for c in j..<m {
                var d = 0.0
                for i in j..<k { d += v[i] * a[c][i] }
                let f = 2 * d / vv
                for i in j..<k { a[c][i] -= f * v[i] }
            }
            var d = 0.0
            for i in j..<k { d += v[i] * rhs[i] }
            let f = 2 * d / vv
            for i in j..<k { rhs[i] -= f * v[i] }
        }
        var s = [Double](repeating: 0, count: m)
        for j in stride(from: m - 1, through: 0, by: -1) {
            var t = rhs[j]
            for c in (j + 1)..<max(j + 1, m) { t -= a[c][j] * s[c] }
            s[j] = t / a[j][j]
        }
        return s
    }
}

/// The polyhedral cone K_D = {c : (2D − I) Ũ c ≥ 0} of one pattern: c ∈ K_D iff relu(Ũc) = D Ũ c.
public struct PatternCone: Sendable {
    /// The rows (2D − I)_ii Ũ_i, one per sample.
    public let constraintRows: [[Double]]

    init(pattern: ActivationPattern, data: WhitenedData) {
        constraintRows = (0..<data.sampleCount).map { i in
            let sign = pattern.contains(i) ? 1.0 : -1.0
            return data.basis.row(i).map { sign * $0 }
        }
    }

    /// Π_K(z) = z − Π_{K°}(z); the polar cone K° is generated by the −rows, so Π_{K°} is an NNLS.
    public func project(_ z: [Double]) -> [Double] {
        // Only violated rows can enter; if none is violated z is already in K.
        guard constraintRows.contains(where: { Vec.dot($0, z) < 0 }) else { return z }
        let polar = NonNegativeLeastSquares(columns: constraintRows.map { $0.map { -$0 } }, target: z)
        let (_, residual) = polar.solve()
        return residual  // z − A μ = z − Π_{K°}(z)
    }

    /// prox of t‖c‖ + ι_K at z: shrink the projection onto K radially.
    func proximal(_ z: [Double], threshold t: Double) -> [Double] {
        let projected = project(z)
        let norm = Vec.norm(projected)
        guard norm > t else { return [Double](repeating: 0, count: z.count) }
        let factor = 1 - t / norm
        return projected.map { $0 * factor }
    }
}
