internal import CGSL

/// Eigenvalues of a real, not necessarily symmetric matrix (GSL's `gsl_eigen_nonsymm`,
/// Francis QR), for the stability of ODE fixed points.
public enum Eigenvalues {
    /// The eigenvalues (real, imaginary part) of the n×n matrix given row by row.
    public static func of(_ rows: [[Double]]) throws(GSLError) -> [(re: Double, im: Double)] {
        let n = rows.count
        precondition(rows.allSatisfy { $0.count == n }, "square matrix expected")
        GSLRuntime.prepare()
        var a = rows.flatMap { $0 }
        var re = [Double](repeating: 0, count: n), im = re
        let status = bnsim_eigen_nonsymm(&a, n, &re, &im)
        try GSLError.check(status, "eigenvalues of a \(n)×\(n) matrix")
        return zip(re, im).map { ($0, $1) }
    }
}
