internal import CGSL

/// Adaptive one-dimensional quadrature with GSL's QAGP (21-point Gauss–Kronrod with
/// user-supplied break points where the integrand has kinks or jumps).
///
/// Owns one GSL workspace; not thread-safe, so give each thread its own.
public final class Quadrature {
    public let absoluteTolerance: Double
    public let relativeTolerance: Double
    public let limit: Int
    private let workspace: UnsafeMutablePointer<gsl_integration_workspace>

    public init(absoluteTolerance: Double = 1e-13, relativeTolerance: Double = 1e-11, limit: Int = 2000) {
        GSLRuntime.prepare()
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.limit = limit
        workspace = gsl_integration_workspace_alloc(limit)
    }

    deinit { gsl_integration_workspace_free(workspace) }

    /// ∫_a^b f(x) dx with the integrand's singular points `breaks` (outside points are dropped).
    public func integrate(from a: Double, to b: Double, breaks: [Double] = [], _ f: (Double) -> Double) throws(GSLError) -> Double {
        try withoutActuallyEscaping(f) { (f) throws(GSLError) -> Double in
            var box = f
            return try withUnsafeMutablePointer(to: &box) { (boxPointer) throws(GSLError) -> Double in
                var function = gsl_function(
                    function: { x, params in
                        params!.assumingMemoryBound(to: ((Double) -> Double).self).pointee(x)
                    },
                    params: UnsafeMutableRawPointer(boxPointer))
                // Interior break points, sorted and without repeats (QAGP rejects empty sub-intervals).
                var points = [a] + Array(Set(breaks.filter { $0 > a && $0 < b })).sorted() + [b]
                var result = 0.0, error = 0.0
                let status = gsl_integration_qagp(
                    &function, &points, points.count, absoluteTolerance, relativeTolerance,
                    limit, workspace, &result, &error)
                try GSLError.check(status, "QAGP quadrature on [\(a), \(b)]")
                return result
            }
        }
    }
}
