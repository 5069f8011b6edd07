internal import CGSL

/// Roots of a system f(x) = 0 by GSL's hybrid Powell method (`gsl_multiroot_fsolver_hybrids`,
/// finite-difference Jacobian), for the fixed points of the order-parameter ODEs.
public enum RootFinder {
    /// A root near `start`, or nil when the solver does not converge within `maxIterations`.
    /// `f` writes f(x) and returns false where f is undefined (the solver then backs off).
    public static func solve(
        start: [Double], residualTolerance: Double = 1e-12, maxIterations: Int = 500,
        _ f: @escaping ([Double]) -> [Double]?
    ) throws(GSLError) -> [Double]? {
        GSLRuntime.prepare()
        let n = start.count
        // Already at a root (e.g. a fixed point known in closed form): the hybrid method's
        // finite-difference Jacobian there can be singular, so do not ask it.
        if let f0 = f(start), f0.allSatisfy({ abs($0) < residualTolerance }) { return start }
        final class Box { let f: ([Double]) -> [Double]?; let n: Int; init(_ f: @escaping ([Double]) -> [Double]?, _ n: Int) { self.f = f; self.n = n } }
        let box = Box(f, n)
        var function = gsl_multiroot_function(
            f: { x, params, out in
                let box = Unmanaged<Box>.fromOpaque(params!).takeUnretainedValue()
                let input = (0..<box.n).map { gsl_vector_get(x, $0) }
                guard let values = box.f(input), values.allSatisfy(\.isFinite) else { return Int32(GSL_EBADFUNC) }
                for (i, v) in values.enumerated() { gsl_vector_set(out, i, v) }
                return Int32(GSL_SUCCESS)
            },
            n: n,
            params: Unmanaged.passUnretained(box).toOpaque())
        guard let solver = gsl_multiroot_fsolver_alloc(bnsim_multiroot_hybrids(), n) else {
            throw GSLError(status: Int32(GSL_ENOMEM), context: "allocating a root finder")
        }
        defer { gsl_multiroot_fsolver_free(solver) }
        let x = gsl_vector_alloc(n)!
        defer { gsl_vector_free(x) }
        for (i, v) in start.enumerated() { gsl_vector_set(x, i, v) }
        let status = withExtendedLifetime(box) { gsl_multiroot_fsolver_set(solver, &function, x) }
        if status != Int32(GSL_SUCCESS) { return nil }
        func current() -> [Double] { (0..<n).map { gsl_vector_get(solver.pointee.x, $0) } }
        func converged(_ tolerance: Double) -> Bool { gsl_multiroot_test_residual(solver.pointee.f, tolerance) == Int32(GSL_SUCCESS) }
        if converged(residualTolerance) { return current() }
        for _ in 0..<maxIterations {
            let step = withExtendedLifetime(box) { gsl_multiroot_fsolver_iterate(solver) }
            if converged(residualTolerance) { return current() }
            // "No progress" near a root means round-off has the last word: accept a residual
            // 1000× the requested one, otherwise there is no root here.
            if step != Int32(GSL_SUCCESS) { return converged(1000 * residualTolerance) ? current() : nil }
        }
        return nil
    }
}
