internal import CGSL

/// A dense real matrix stored row by row, for the small linear algebra of the convex program.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major: element (i, j) is `values[i * columns + j]`.
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "\(rows)×\(columns) matrix needs \(rows * columns) values")
        self.rows = rows; self.columns = columns; self.values = values
    }

    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: 0, count: rows * columns))
    }

    public subscript(i: Int, j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    public func row(_ i: Int) -> ArraySlice<Double> { values[(i * columns)..<((i + 1) * columns)] }

    public var transposed: DenseMatrix {
        var t = DenseMatrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }

    /// self · other by GSL's BLAS (dgemm).
    public func multiplied(by other: DenseMatrix) throws(GSLError) -> DenseMatrix {
        precondition(columns == other.rows, "inner dimensions differ: \(rows)×\(columns) · \(other.rows)×\(other.columns)")
        GSLRuntime.prepare()
        var c = DenseMatrix(rows: rows, columns: other.columns)
        guard rows > 0, other.columns > 0 else { return c }
        if columns == 0 { return c }
        let status = bnsim_dgemm(values, other.values, &c.values, rows, columns, other.columns)
        try GSLError.check(status, "a \(rows)×\(columns) by \(other.rows)×\(other.columns) matrix product")
        return c
    }
}

/// The thin singular value decomposition A = U·diag(s)·Vᵀ (GSL's one-sided Golub–Reinsch,
/// `gsl_linalg_SV_decomp`), singular values in decreasing order.
public struct SingularValueDecomposition: Sendable {
    /// rows × q with q = min(rows, columns); orthonormal columns.
    public let u: DenseMatrix
    public let singularValues: [Double]
    /// columns × q; orthonormal columns.
    public let v: DenseMatrix

    public init(_ a: DenseMatrix) throws(GSLError) {
        GSLRuntime.prepare()
        // GSL wants at least as many rows as columns; a wide matrix is decomposed through its transpose.
        let tall = a.rows >= a.columns ? a : a.transposed
        var left = tall.values
        var right = [Double](repeating: 0, count: tall.columns * tall.columns)
        var s = [Double](repeating: 0, count: tall.columns)
        if tall.columns > 0 {
            let status = bnsim_svd(&left, tall.rows, tall.columns, &right, &s)
            try GSLError.check(status, "the SVD of a \(a.rows)×\(a.columns) matrix")
        }
        let l = DenseMatrix(rows: tall.rows, columns: tall.columns, values: left)
        let r = DenseMatrix(rows: tall.columns, columns: tall.columns, values: right)
        if a.rows >= a.columns { u = l; v = r } else { u = r; v = l }
        singularValues = s
    }
}
