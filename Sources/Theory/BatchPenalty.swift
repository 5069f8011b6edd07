import GSL
import Model

/// The implicit regularization of BN measured exactly (docs/model.md §5, claim C1): the expected loss
/// over real batches minus the population-normalized loss, E_B[L_BN] − L_PN, for relu at β = 0,
/// by quadrature over the batch decomposition (docs/bn-loss-identity.md). Any M ≥ 2.
public enum BatchPenalty {
    public struct Value: Sendable {
        /// E_B[L_BN] − L_PN.
        public var penalty: Double
        /// A_M(r) = E[relu(h*₁)·relu(n₁)].
        public var batchOverlap: Double
        /// E[relu(n₁)²], ½ exactly for real batches (Σn_i² = M) — computed, not assumed.
        public var normalizedSquare: Double
    }

    /// For γ > 0: E_B[L_BN] = ½E[relu(h*)²] − γ·A_M(r) + ½γ²·E[relu(n₁)²] and
    /// L_PN = ½E[relu(h*)²] − γ·J(r) + ¼γ² (the teacher noise adds σ²/2 to both).
    public static func exact(batchSize M: Int, overlap r: Double, gamma: Double) throws(GSLError) -> Value {
        precondition(gamma > 0, "the penalty is tabulated for γ > 0")
        let rule = try BatchQuadrature(batchSize: M)
        let teacher = ConditionalTeacher(activation: .relu)
        let m = Double(M)
        let v = r * r / m + 1 - r * r
        let sqrtM = m.squareRoot(), sqrtM1 = (m - 1).squareRoot()
        var overlap = 0.0, square = 0.0
        for (t, wt) in rule.lineNodes(kink: 0) {
            let n1 = sqrtM1 * t
            guard n1 > 0 else { continue }
            square += wt * n1 * n1
            let (Ws, ws) = rule.scale[0]
            for (W, wW) in zip(Ws, ws) {
                overlap += wt * wW * n1 * teacher.mean(r * W / sqrtM * n1, v)
            }
        }
        let pn = -gamma * ClosedFormAverages.reluJ(r) + gamma * gamma / 4
        let bn = -gamma * overlap + gamma * gamma / 2 * square
        return Value(penalty: bn - pn, batchOverlap: overlap, normalizedSquare: square)
    }
}
