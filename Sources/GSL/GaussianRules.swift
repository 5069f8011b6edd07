internal import CGSL

/// A fixed-order Gauss rule for a classical weight function, from GSL's `gsl_integration_fixed`:
/// ∫ w(x)·f(x) dx ≈ Σ weights_i·f(nodes_i), exact for polynomials f of degree < 2n.
public struct WeightedGaussRule: Sendable, Hashable {
    public enum Weight: Sendable, Hashable {
        /// w(x) = (b − x)^α·(x − a)^β on [a, b] (Gauss–Jacobi).
        case jacobi(alpha: Double, beta: Double, from: Double, to: Double)
        /// w(x) = x^α·e^{−x} on [0, ∞) (generalized Gauss–Laguerre).
        case laguerre(alpha: Double)
    }

    public let nodes: [Double]
    public let weights: [Double]

    public init(_ weight: Weight, order n: Int) throws(GSLError) {
        precondition(n >= 1)
        GSLRuntime.prepare()
        let workspace: UnsafeMutablePointer<gsl_integration_fixed_workspace>?
        switch weight {
        case .jacobi(let alpha, let beta, let a, let b):
            workspace = gsl_integration_fixed_alloc(bnsim_fixed_jacobi(), n, a, b, alpha, beta)
        case .laguerre(let alpha):
            workspace = gsl_integration_fixed_alloc(bnsim_fixed_laguerre(), n, 0, 1, alpha, 0)
        }
        guard let workspace else { throw GSLError(status: Int32(GSL_EINVAL), context: "fixed Gauss rule \(weight) of order \(n)") }
        defer { gsl_integration_fixed_free(workspace) }
        nodes = Array(UnsafeBufferPointer(start: gsl_integration_fixed_nodes(workspace), count: n))
        weights = Array(UnsafeBufferPointer(start: gsl_integration_fixed_weights(workspace), count: n))
        // GSL reports success but returns NaN when its normalization 2^{α+β+1}Γ(α+1)Γ(β+1) overflows
        // (Jacobi with α ≳ 150): a rule that cannot be used is an error here, not NaN downstream.
        guard nodes.allSatisfy(\.isFinite), weights.allSatisfy(\.isFinite) else {
            throw GSLError(status: Int32(GSL_EOVRFLW), context: "fixed Gauss rule \(weight) of order \(n) (non-finite nodes or weights)")
        }
    }
}
