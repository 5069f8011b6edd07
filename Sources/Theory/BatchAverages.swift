#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GSL
import Model

/// The expectations over real batches that drive the bn-exact equations (docs/model.md §5), for the
/// standardized student field u with Corr(u, h*) = r, and a = γ·n + β.
public struct BatchAverages: Sendable, Hashable {
    /// T_γ = E[δ₁·n₁]: the γ drift.
    public var deltaNormalized: Double
    /// T_β = E[δ₁]: the β drift.
    public var delta: Double
    /// T_R = E[c₁·h*₁] = γ(1 − r²)·E[(1/s_u)(1 − (1 + n₁²)/M)·g'(h*₁)·g'(a₁)] (Stein's lemma).
    public var backpropTeacher: Double
    /// T_Q = E[c₁²]: the Q diffusion.
    public var backpropSquared: Double
    /// A_M(r) = E[g(h*₁)·g(n₁)] and its r-derivative: the batch overlap of bn-loss.
    public var batchOverlap: Double
    public var batchOverlapSlope: Double
}

/// Computes `BatchAverages` by `BatchQuadrature` (docs/bn-batch-decomposition.md).
public struct BatchAverager: Sendable {
    public let batchSize: Int
    public let activation: Activation
    public let teacherNoise: Double
    public var directions: BatchDirectionRule { rule.directions }
    let rule: BatchQuadrature
    /// The nodes for a student kink at n = 0 (β = 0, the case the bn theory supports), built
    /// once instead of at every right-hand-side call.
    let lineAtZero: [(t: Double, weight: Double)]
    let pairAtZero: [(n1: Double, n2: Double, weight: Double)]
    let teacher: ConditionalTeacher

    /// Refuses what the theory cannot do, with the reason (docs/model.md §2).
    public static func check(activation: Activation, batchSize M: Int) -> String? {
        if M < 4 {
            return M == 2
                ? "at M = 2 the standardized batch is n = ±1 and the gradient with respect to w vanishes identically, so there is no dynamics of Q and R to describe"
                : "at M = 3 the mean squared step of w is infinite (E[1/s_u²] = M/(M−3)), so the N → ∞ equation for Q does not exist"
        }
        if activation == .erf { return "E[erf(h*/√2)²] over the batch-conditioned teacher field has no closed form; bn theory supports relu and linear" }
        return nil
    }

    /// The bias the bn theory supports: β = 0 (not learned). A bias moves the student's kink off
    /// the origin of the direction plane, where the angular rule loses its spectral convergence.
    public static func check(learnBeta: Bool, initialBeta: Double) -> String? {
        learnBeta || initialBeta != 0 ? "the bn theory supports β = 0 only (learn_beta: false, init.beta: 0)" : nil
    }

    /// The data models the batch decomposition covers (docs/model.md §8): input noise keeps the batch
    /// Gaussian (only the overlap changes), but kurtosis gives every sample its own scale v_i, so
    /// ū, s_u and the direction n are no longer independent and the decomposition fails. bn-exact
    /// covers kurtosis by `ScaleMixtureBatchTable` instead; bn-loss does not.
    public static func check(inputs: InputModel) -> String? {
        inputs.kurtosis > 0
            ? "with model.input_kurtosis > 0 the M per-sample scales v_i break the Gaussian batch decomposition (ū, s_u, n independent) that bn-loss rests on; use theory.bn_variants: [exact, pn], or compare with the simulation alone"
            : nil
    }

    /// With the direction rule bn-exact uses at this M (`BatchDirectionRule.standard`), or another one
    /// (the tests compare the two at the switch-over).
    public init(batchSize: Int, activation: Activation, teacherNoise: Double, directions: BatchDirectionRule? = nil) throws(GSLError) {
        try self.init(batchSize: batchSize, activation: activation, teacherNoise: teacherNoise, orders: .standard, directions: directions)
    }

    init(batchSize: Int, activation: Activation, teacherNoise: Double, orders: BatchQuadrature.Orders, directions: BatchDirectionRule?) throws(GSLError) {
        precondition(Self.check(activation: activation, batchSize: batchSize) == nil)
        self.batchSize = batchSize; self.activation = activation; self.teacherNoise = teacherNoise
        rule = try BatchQuadrature(batchSize: batchSize, orders: orders, directions: directions)
        lineAtZero = rule.lineNodes(kink: activation.kinks.isEmpty ? 2 : 0)
        pairAtZero = rule.pairNodes(kink: activation.kinks.isEmpty ? .infinity : 0)
        teacher = ConditionalTeacher(activation: activation)
    }

    /// A more accurate twin (all orders doubled), for accuracy checks.
    public func refined() throws(GSLError) -> BatchAverager {
        try BatchAverager(batchSize: batchSize, activation: activation, teacherNoise: teacherNoise, orders: .doubled, directions: rule.directions)
    }

    public func averages(overlap r: Double, gamma: Double, beta: Double) -> BatchAverages {
        let g = activation
        let M = Double(batchSize), sqrtM = M.squareRoot()
        let r = min(1, max(-1, r))
        let rho2 = max(0, 1 - r * r)
        let sigma2 = teacherNoise * teacherNoise
        // Where the student's kink a = γn + β = 0 lies in n (g'(a) is a step there for relu).
        let kinkN = gamma == 0 ? (beta > 0 ? -Double.infinity : .infinity) : -beta / gamma
        let sqrtM1 = (M - 1).squareRoot()

        // Single-sample terms: h*₁ | (n₁, s) ~ N(r·s·n₁, r²/M + 1 − r²).
        let v1 = r * r / M + rho2
        var Tg = 0.0, Tb = 0.0, TR = 0.0, S1 = 0.0, S2 = 0.0, A = 0.0, dA = 0.0
        let atZero = g.kinks.isEmpty || kinkN == 0
        let line = atZero ? lineAtZero : rule.lineNodes(kink: kinkN / sqrtM1)
        for (t, wt) in line {
            let n1 = sqrtM1 * t
            let a1 = gamma * n1 + beta
            let ga = g.value(a1), gpa = g.derivative(a1), gn = g.value(n1)
            for k in 0...2 {
                let (Ws, ws) = rule.scale[k]
                for (W, wW) in zip(Ws, ws) {
                    let s = W / sqrtM
                    let mu = r * s * n1
                    let w = wt * wW
                    switch k {
                    case 0:
                        let m1 = teacher.mean(mu, v1)
                        Tg += w * gpa * (m1 - ga) * n1
                        Tb += w * gpa * (m1 - ga)
                        A += w * m1 * gn
                        dA += w * gn * (teacher.slope(mu, v1) * s * n1 - teacher.varianceDerivative(mu, v1) * 2 * r * (M - 1) / M)
                    case 1:
                        // 1/s = √M/W; the rule already carries 1/W.
                        if gpa != 0 { TR += w * sqrtM * (1 - (1 + n1 * n1) / M) * teacher.slope(mu, v1) * gpa }
                    default:
                        // 1/s² = M/W²; the rule already carries 1/W².
                        if gpa != 0 {
                            let e2 = teacher.secondMoment(mu, v1) - 2 * ga * teacher.mean(mu, v1) + ga * ga + sigma2
                            S1 += w * M * gpa * gpa * e2
                            S2 += w * M * gpa * gpa * e2 * n1 * n1
                        }
                    }
                }
            }
        }
        TR *= gamma * rho2

        // Pair term E[δ₁δ₂(1 + n₁n₂)/s²]: given the direction and the scale, the two teacher fields
        // are jointly Gaussian — means r·s·n_i, variance r²/M + 1 − r², covariance r²/M through the
        // shared batch mean — so E[(g(h*₁) − g(a₁))(g(h*₂) − g(a₂))] is a bivariate closed form.
        var pair = 0.0
        let (Ws, ws) = rule.scale[2]
        let directions = atZero ? pairAtZero : rule.pairNodes(kink: kinkN)
        let cov = min(r * r / M, v1 * (1 - 1e-12))
        let corr = cov / v1, sd = v1.squareRoot()
        let orthant = BivariateNormal.Orthant(correlation: corr)
        for (n1, n2, wd) in directions {
            let a1 = gamma * n1 + beta, a2 = gamma * n2 + beta
            let gp = g.derivative(a1) * g.derivative(a2)
            if gp == 0 { continue }
            let ga1 = g.value(a1), ga2 = g.value(a2)
            let angular = wd * gp * (1 + n1 * n2) * M
            for (W, wW) in zip(Ws, ws) {
                let s = W / sqrtM
                let mu1 = r * s * n1, mu2 = r * s * n2
                let product: Double
                switch g {
                case .relu: product = v1 * orthant.positivePartProduct(-mu1 / sd, -mu2 / sd)
                case .linear: product = cov + mu1 * mu2
                case .erf: preconditionFailure("refused by BatchAverager.check")
                }
                let joint = product - ga2 * teacher.mean(mu1, v1) - ga1 * teacher.mean(mu2, v1) + ga1 * ga2
                pair += angular * wW * joint
            }
        }
        let TQ = gamma * gamma / M * ((M - 1) * S1 - S2 - (M - 1) * pair)
        return BatchAverages(deltaNormalized: Tg, delta: Tb, backpropTeacher: TR, backpropSquared: TQ,
                             batchOverlap: A, batchOverlapSlope: dA)
    }
}
