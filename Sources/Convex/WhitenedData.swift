public import GSL

/// The centred training inputs P·X = U Σ Vᵀ and the whitened basis Ũ = [U, 1/√P]
/// (docs/convex-bn-relu.md §2): a BN neuron's training pre-activations are exactly Ũ q with
/// q = (γ s, b), |s| = 1, so the training problem sees only Ũ.
public struct WhitenedData: Sendable {
    /// P × k, orthonormal columns; the last column is 1/√P.
    public let basis: DenseMatrix
    /// r = k − 1 = rank of the centred inputs.
    public let rank: Int
    /// The r non-zero singular values of P·X, decreasing.
    public let singularValues: [Double]
    /// N × r: right singular vectors (for mapping q back to u = V Σ⁻¹ q).
    public let rightVectors: DenseMatrix
    /// The training-set mean of the inputs (length N).
    public let inputMean: [Double]

    public var sampleCount: Int { basis.rows }
    public var width: Int { basis.columns }

    public init(inputs x: DenseMatrix) throws(GSLError) {
        let p = x.rows, n = x.columns
        var mean = [Double](repeating: 0, count: n)
        for i in 0..<p { for j in 0..<n { mean[j] += x[i, j] } }
        mean = mean.map { $0 / Double(p) }
        var centred = x
        for i in 0..<p { for j in 0..<n { centred[i, j] -= mean[j] } }
        let svd = try SingularValueDecomposition(centred)
        // Rank: the centring removes one direction, so r ≤ min(N, P − 1); drop numerically zero values.
        let largest = svd.singularValues.first ?? 0
        let cutoff = largest * 1e-10 * Double(max(p, n))
        let r = svd.singularValues.prefix { $0 > cutoff }.count
        var basis = DenseMatrix(rows: p, columns: r + 1)
        for i in 0..<p {
            for j in 0..<r { basis[i, j] = svd.u[i, j] }
            basis[i, r] = 1 / Double(p).squareRoot()
        }
        var right = DenseMatrix(rows: n, columns: r)
        for i in 0..<n { for j in 0..<r { right[i, j] = svd.v[i, j] } }
        self.basis = basis; self.rank = r; self.singularValues = Array(svd.singularValues.prefix(r))
        self.rightVectors = right; self.inputMean = mean
    }

    /// Ũᵀ z.
    func transposeTimes(_ z: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: width)
        for i in 0..<sampleCount where z[i] != 0 {
            let zi = z[i]
            for j in 0..<width { out[j] += basis[i, j] * zi }
        }
        return out
    }

    /// Ũ c.
    func times(_ c: [Double]) -> [Double] {
        (0..<sampleCount).map { i in
            var s = 0.0
            for j in 0..<width { s += basis[i, j] * c[j] }
            return s
        }
    }
}
