import GSL
import Model

/// docs/model.md §5 bn-exact: the N → ∞ equations at finite M, with the batch expectations of
/// `BatchAverager`. β is not learned (the bn theory supports β = 0).
public struct BNExactFlow: OrderParameterFlow {
    public let setup: TrainingSetup
    let batch: BatchAverager
    /// docs/model.md §8 kurtosis: the tabulated batch expectations (`ScaleMixtureBatchTable`); nil without it.
    let scaleMixture: ScaleMixtureBatchTable?

    public init(setup: TrainingSetup) throws(GSLError) {
        self.setup = setup
        batch = try BatchAverager(batchSize: setup.batchSize, activation: setup.activation, teacherNoise: setup.teacherNoise)
        scaleMixture = setup.inputs.kurtosis > 0 ? ScaleMixtureBatchTable(batchSize: setup.batchSize, kurtosis: setup.inputs.kurtosis) : nil
    }

    public func drift(_ p: OrderParameters) -> OrderParameters? {
        guard p.Q > 0 else { return nil }
        if let table = scaleMixture { return scaleMixtureDrift(p, table: table) }
        if setup.inputs.noise > 0 { return noisyDrift(p) }
        return drift(p, averages: batch.averages(overlap: p.r, gamma: p.gamma, beta: p.beta))
    }

    /// docs/model.md §5's bn-exact equations from the batch averages T: Q by the diffusion T_Q and weight
    /// decay, R by T_R projected on the teacher (times `teacherProjection`/`fieldScale`, which only
    /// input noise changes), γ by T_γ and the gamma decay; β is fixed.
    func drift(_ p: OrderParameters, averages T: BatchAverages, teacherProjection a: Double = 1, fieldScale c: Double = 1) -> OrderParameters {
        let M = Double(setup.batchSize), eta = setup.learningRate, lambda = setup.weightDecay
        return OrderParameters(
            Q: eta * eta / (M * M * p.Q) * T.backpropSquared - 2 * eta * lambda / M * p.Q,
            R: eta * a / (M * p.Q.squareRoot() * c) * T.backpropTeacher - eta * lambda / M * p.R,
            gamma: setup.gammaLearningRate / M * (T.deltaNormalized - 2 * setup.gammaDecay * p.gamma),
            beta: 0)
    }

    /// docs/model.md §8 kurtosis (docs/data-models.md): the docs/model.md §5 equations with T_R = E[c₁h*₁] and the
    /// diffusion E[c₁²·|x₁|²/N] = E[c₁²v₁] (|x|²/N → v), from the table. The step is still ⊥ w.
    func scaleMixtureDrift(_ p: OrderParameters, table: ScaleMixtureBatchTable) -> OrderParameters {
        drift(p, averages: table.averages(overlap: p.r, gamma: p.gamma, teacherNoise: setup.teacherNoise))
    }

    /// docs/model.md §8 input noise (docs/data-models.md): the batch standardizes h = w·x̃/√N, whose
    /// standardized field has overlap r̃ = r/c with h* (c = √(1 + s²)), so the batch averages are
    /// those at r̃. The step Σc_i·x̃_i is still ⊥ w, |x̃|²/N = c² cancels the 1/c² of σ_B, and the
    /// R drift projects on k = w*·x̃/√N = a·h* + b·ũ + noise, where Σ_i c_i·ũ_i = 0 leaves
    /// E[c₁k₁] = a·T_R(r̃) with a = c²(1 − r²)/(c² − r²).
    func noisyDrift(_ p: OrderParameters) -> OrderParameters {
        let c2 = setup.inputs.studentVarianceFactor, c = c2.squareRoot()
        let r = min(1, max(-1, p.r))
        let a = c2 * (1 - r * r) / (c2 - r * r)
        return drift(p, averages: batch.averages(overlap: r / c, gamma: p.gamma, beta: p.beta), teacherProjection: a, fieldScale: c)
    }
}

/// docs/model.md §5 bn-pn: the wn equations plus the gamma decay ζγ² that the batch noise induces,
/// ζ evaluated at the current state (`GammaDecay`). With docs/model.md §8's input noise the base is
/// population normalization (`PNFlow`, σ_P = √(Q(1 + s²))), which wn equals without it; with
/// kurtosis ζ carries the field's excess kurtosis (docs/data-models.md).
public struct BNPNFlow: OrderParameterFlow {
    public let setup: TrainingSetup
    let base: any OrderParameterFlow
    let scaleRule: ScaleMixtureRule

    public init(setup: TrainingSetup) throws(GSLError) {
        self.setup = setup
        base = setup.inputs.noise == 0 ? WNFlow(setup: setup) : PNFlow(setup: setup)
        scaleRule = try ScaleMixtureRule(kurtosis: setup.inputs.kurtosis)
    }

    public func drift(_ p: OrderParameters) -> OrderParameters? {
        guard var d = base.drift(p) else { return nil }
        let M = setup.batchSize
        let force = setup.inputs.isGaussian
            ? GammaDecay.force(setup.activation, overlap: p.r, gamma: p.gamma, batchSize: M)
            : GammaDecay.force(setup.activation, overlap: p.r, gamma: p.gamma, batchSize: M, inputs: setup.inputs, rule: scaleRule)
        d.gamma -= setup.gammaLearningRate / Double(M) * force
        return d
    }
}

/// docs/model.md §5 bn-loss: gradient flow on the exact expected BN loss E_B[L_BN] = L_PN + γ·D_M(r)
/// (relu, β = 0; docs/bn-loss-identity.md), with the wn diffusion of Q. Its drifts come from the
/// batch overlap A_M(r) = E[relu(h*₁)relu(n₁)] and its slope — not from the bn-exact drift
/// integrals, so that the identity between the two is a test, not an assumption.
public struct BNLossFlow: OrderParameterFlow {
    public let setup: TrainingSetup
    let batch: BatchAverager
    let wn: any OrderParameterFlow

    public init(setup: TrainingSetup) throws(GSLError) {
        self.setup = setup
        batch = try BatchAverager(batchSize: setup.batchSize, activation: setup.activation, teacherNoise: setup.teacherNoise)
        // docs/model.md §8 input noise: population normalization with σ_P = √(Q(1 + s²)) (`PNFlow`).
        wn = setup.inputs.noise == 0 ? WNFlow(setup: setup) : PNFlow(setup: setup)
    }

    /// ∂E_B[L_BN]/∂γ and ∂E_B[L_BN]/∂r for relu at β = 0. For γ < 0, relu(γn) = |γ|·relu(−n) and
    /// −n has the law of n, so the overlap is A_M(−r).
    public func lossGradient(overlap r: Double, gamma: Double) -> (dGamma: Double, dOverlap: Double) {
        if gamma == 0 { return (0, 0) }  // g'(0) = 0: no sample is active
        let sign = gamma > 0 ? 1.0 : -1.0
        let T = batch.averages(overlap: sign * r, gamma: 1, beta: 0)
        return (-sign * T.batchOverlap + gamma / 2, -abs(gamma) * sign * T.batchOverlapSlope)
    }

    public func drift(_ p: OrderParameters) -> OrderParameters? {
        guard var d = wn.drift(p) else { return nil }
        let M = Double(setup.batchSize), eta = setup.learningRate
        let r = p.r
        if setup.inputs.noise > 0 {
            // docs/model.md §8: the loss is that of the overlap r̃ = r/c, and dR/dα = −(η/(M√Q·c))(1 − r²)·∂𝓛/∂r̃
            // (bn-exact's a·(1 − r̃²) = 1 − r²; docs/data-models.md).
            let c = setup.inputs.studentVarianceFactor.squareRoot()
            let (dGamma, dOverlap) = lossGradient(overlap: r / c, gamma: p.gamma)
            d.R = -eta / (M * p.Q.squareRoot() * c) * (1 - r * r) * dOverlap - eta * setup.weightDecay / M * p.R
            d.gamma = -setup.gammaLearningRate / M * (dGamma + 2 * setup.gammaDecay * p.gamma)
            return d
        }
        let (dGamma, dOverlap) = lossGradient(overlap: r, gamma: p.gamma)
        // Scale-invariant loss: dR/dα = −(η/(M√Q))(1 − r²)·∂𝓛/∂r (docs/bn-loss-identity.md).
        d.R = -eta / (M * p.Q.squareRoot()) * (1 - r * r) * dOverlap - eta * setup.weightDecay / M * p.R
        d.gamma = -setup.gammaLearningRate / M * (dGamma + 2 * setup.gammaDecay * p.gamma)
        return d
    }
}
