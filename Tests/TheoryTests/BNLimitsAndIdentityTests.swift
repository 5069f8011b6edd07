import Model
import Testing
import Theory

/// docs/model.md §5 bn-loss rests on an identity: bn-exact's drifts are gradient flow on the expected BN
/// loss E_B[L_BN] = L_PN + γ·D_M(r) (relu, β = 0). Checked numerically at many states, plus the
/// large-M limits (docs/bn-large-batch-limit.md).
struct BNLimitsAndIdentityTests {
    static let states: [(M: Int, r: Double, gamma: Double)] = [
        (4, 0.3, 1.2), (5, -0.4, 0.7), (8, 0.9, 1), (16, 0.99, 0.8), (8, 0.5, -0.6), (32, 0.7, 1.1), (6, 0, 2),
    ]

    /// T_γ = A_M − γ/2 = −∂𝓛/∂γ and T_R = γ(1 − r²)A_M'(r) = −(1 − r²)∂𝓛/∂r, to 1e-7.
    @Test(arguments: states)
    func exactDriftsAreGradientFlowOnExpectedLoss(_ s: (M: Int, r: Double, gamma: Double)) throws {
        let setup = TrainingSetup(activation: .relu, method: .bn, learningRate: 1, batchSize: s.M)
        let exact = try BatchAverager(batchSize: s.M, activation: .relu, teacherNoise: 0).averages(overlap: s.r, gamma: s.gamma, beta: 0)
        let loss = try BNLossFlow(setup: setup).lossGradient(overlap: s.r, gamma: s.gamma)
        #expect(abs(exact.deltaNormalized - -loss.dGamma) < 1e-7, "T_γ \(exact.deltaNormalized) vs −∂𝓛/∂γ \(-loss.dGamma)")
        let gradientR = -(1 - s.r * s.r) * loss.dOverlap
        #expect(abs(exact.backpropTeacher - gradientR) < 1e-7, "T_R \(exact.backpropTeacher) vs −(1−r²)∂𝓛/∂r \(gradientR)")
    }

    /// As M → ∞ the drifts tend to wn's (T_γ → E[δu], T_R → γE[δ(h* − ru)]) and T_Q to
    /// γ²(E[δ²] − E[δ]² − E[δu]²), not wn's γ²E[δ²]: BN's backward pass removes the error's
    /// components along 1 and along n. The gap closes like 1/M: from M = 64 to 256 it shrinks
    /// by a factor 4 (accepted: 3 to 5.5), and at M = 256 it is below 3% of the limit.
    @Test(arguments: [(0.5, 1.2, 0.0), (0.9, 0.8, 0.5), (-0.3, 1.0, 0.3)])
    func largeBatchLimits(_ p: (Double, Double, Double)) throws {
        let (r, gamma, sigma) = p
        let wn = GaussianAverager(activation: .relu, teacherNoise: sigma).averages(Readout(overlap: r, scale: gamma))
        let limits = [wn.deltaStudent, gamma * (wn.deltaTeacher - r * wn.deltaStudent),
                      gamma * gamma * (wn.deltaSquared - wn.delta * wn.delta - wn.deltaStudent * wn.deltaStudent)]
        var gaps: [[Double]] = []
        var diffusionAt256 = 0.0
        for M in [64, 256] {
            let t = try BatchAverager(batchSize: M, activation: .relu, teacherNoise: sigma).averages(overlap: r, gamma: gamma, beta: 0)
            gaps.append(zip([t.deltaNormalized, t.backpropTeacher, t.backpropSquared], limits).map { abs($0 - $1) })
            diffusionAt256 = t.backpropSquared
        }
        for k in 0..<3 {
            let ratio = gaps[0][k] / gaps[1][k]
            #expect(ratio > 3 && ratio < 5.5, "term \(k): gap \(gaps[0][k]) at M=64, \(gaps[1][k]) at M=256 (ratio \(ratio))")
            #expect(gaps[1][k] < 0.03 * abs(limits[k]), "term \(k): gap \(gaps[1][k]) vs limit \(limits[k])")
        }
        // …and it is that limit, not wn's γ²E[δ²], that bn-exact approaches: at M = 256 it is
        // several times closer to it.
        let toWN = abs(diffusionAt256 - gamma * gamma * wn.deltaSquared)
        #expect(gaps[1][2] < toWN / 3, "T_Q at M=256 is \(gaps[1][2]) from the bn limit and ~\(toWN) from wn's")
    }
}
