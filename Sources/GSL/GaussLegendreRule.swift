internal import CGSL

/// An n-point Gauss–Legendre rule from GSL's `glfixed` tables: ∫_a^b f ≈ Σ w_i·f(x_i).
/// Exact for polynomials of degree < 2n; used where many integrands share one set of nodes.
public struct GaussLegendreRule: Sendable, Hashable {
    /// Nodes on [−1, 1].
    public let nodes: [Double]
    /// Weights on [−1, 1].
    public let weights: [Double]

    public init(order n: Int) {
        precondition(n >= 1)
        GSLRuntime.prepare()
        let table = gsl_integration_glfixed_table_alloc(n)!
        defer { gsl_integration_glfixed_table_free(table) }
        var nodes = [Double](repeating: 0, count: n), weights = nodes
        for i in 0..<n {
            var x = 0.0, w = 0.0
            _ = gsl_integration_glfixed_point(-1, 1, i, &x, &w, table)
            nodes[i] = x; weights[i] = w
        }
        self.nodes = nodes; self.weights = weights
    }

    /// Nodes and weights mapped to [a, b].
    public func mapped(from a: Double, to b: Double) -> (nodes: [Double], weights: [Double]) {
        let half = (b - a) / 2, mid = (a + b) / 2
        return (nodes.map { mid + half * $0 }, weights.map { half * $0 })
    }
}
