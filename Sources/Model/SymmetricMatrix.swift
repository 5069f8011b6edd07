/// Small dense symmetric matrices as nested arrays (the overlap matrices of docs/model.md §9).
public enum SymmetricMatrix {
    /// Symmetric to a relative 1e-12 (what a YAML file or a computed Gram matrix can promise).
    public static func isSymmetric(_ a: [[Double]]) -> Bool {
        for i in a.indices {
            for j in 0..<i where abs(a[i][j] - a[j][i]) > 1e-12 * max(1, abs(a[i][j]), abs(a[j][i])) { return false }
        }
        return true
    }

    /// The lower Cholesky factor L (A = L·Lᵀ), or nil when A is not positive definite.
    public static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i][i] = s.squareRoot()
                } else {
                    l[i][j] = s / l[j][j]
                }
            }
        }
        return l
    }

    /// A ⪰ 0 up to rounding: A + ε·scale·I is positive definite with ε = 1e-10.
    public static func isPositiveSemidefinite(_ a: [[Double]]) -> Bool {
        let scale = max(1, a.indices.map { abs(a[$0][$0]) }.max() ?? 1)
        var shifted = a
        for i in a.indices { shifted[i][i] += 1e-10 * scale }
        return cholesky(shifted) != nil
    }
}
