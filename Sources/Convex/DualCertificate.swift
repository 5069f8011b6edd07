/// A lower bound on P_cvx from any training fit f (docs/convex-bn-relu.md §5): v = y − f scaled
/// into the dual feasible set {v : ρ(v) ≤ λ} gives LB = v′ᵀy − ½‖v′‖² ≤ P_cvx. It certifies the
/// true optimum only when the program has every pattern.
public struct DualCertificate: Sendable {
    /// ρ(y − f)/λ: 1 at the optimum.
    public let dualNormRatio: Double
    public let lowerBound: Double

    public init(program: ConvexProgram, fit: [Double]) {
        let v = zip(program.labels, fit).map { $0 - $1 }
        self.init(labels: program.labels, lambda: program.lambda, residual: v, dualNorm: program.dualNorm(v))
    }

    init(labels y: [Double], lambda: Double, residual v: [Double], dualNorm rho: Double) {
        let scale = rho > lambda ? lambda / rho : 1
        let scaled = v.map { $0 * scale }
        dualNormRatio = rho / lambda
        lowerBound = Vec.dot(scaled, y) - 0.5 * Vec.dot(scaled, scaled)
    }

    /// For P ≤ N + 1 (Ũ square and orthogonal) every sign vector is a pattern and ρ(v) = max(‖v₊‖, ‖v₋‖).
    public static func squareBasis(labels y: [Double], lambda: Double, fit: [Double]) -> DualCertificate {
        let v = zip(y, fit).map { $0 - $1 }
        let plus = Vec.norm(v.map { max($0, 0) }), minus = Vec.norm(v.map { max(-$0, 0) })
        return DualCertificate(labels: y, lambda: lambda, residual: v, dualNorm: max(plus, minus))
    }
}
