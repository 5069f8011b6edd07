import Model

/// The drift dX/dα of the order parameters X = (Q, R, γ, β) in the N → ∞ limit (docs/model.md §5).
/// Returns nil for a state where the flow is undefined (Q ≤ 0).
public protocol OrderParameterFlow: Sendable {
    func drift(_ state: OrderParameters) -> OrderParameters?
}

/// docs/model.md §5, sgd: a = h = √Q·u, so E[δ·h] = √Q·E[δ·u]. With the data models of docs/model.md §8 the same
/// equations hold with the averager's generalized expectations (E[δ·k] for the R drift and
/// E[δ²·|x̃|²/N] for the Q diffusion; docs/data-models.md).
public struct SGDFlow: OrderParameterFlow {
    public let setup: TrainingSetup
    public let averager: GaussianAverager

    public init(setup: TrainingSetup) {
        self.setup = setup
        averager = GaussianAverager(setup: setup)
    }

    public func drift(_ p: OrderParameters) -> OrderParameters? {
        guard p.Q > 0 else { return nil }
        let eta = setup.learningRate / Double(setup.batchSize)  // η/M: the linear-scaling rule
        let lambda = setup.weightDecay
        let avg = averager.averages(Readout(overlap: p.r, scale: p.Q.squareRoot()))
        return OrderParameters(
            Q: 2 * eta * p.Q.squareRoot() * avg.deltaStudent + eta * eta * avg.deltaSquared - 2 * eta * lambda * p.Q,
            R: eta * avg.deltaTeacher - eta * lambda * p.R,
            gamma: 0,
            beta: 0)
    }
}

/// docs/model.md §5, wn: the w step is orthogonal to w, so Q grows only through the η² term. docs/model.md §8:
/// E[δ·(k − r·u)], E[δ²·|x̃|²/N] and E[δ·u] with u = h/√Q (docs/data-models.md).
public struct WNFlow: OrderParameterFlow {
    public let setup: TrainingSetup
    public let averager: GaussianAverager

    public init(setup: TrainingSetup) {
        self.setup = setup
        averager = GaussianAverager(setup: setup)
    }

    public func drift(_ p: OrderParameters) -> OrderParameters? {
        guard p.Q > 0 else { return nil }
        let M = Double(setup.batchSize)
        let eta = setup.learningRate / M, etaGamma = setup.gammaLearningRate / M, etaBeta = setup.betaLearningRate / M
        let lambda = setup.weightDecay
        let r = p.r
        let avg = averager.averages(Readout(overlap: r, scale: p.gamma, bias: p.beta))
        return OrderParameters(
            Q: eta * eta * p.gamma * p.gamma * avg.deltaSquared / p.Q - 2 * eta * lambda * p.Q,
            R: eta * p.gamma / p.Q.squareRoot() * (avg.deltaTeacher - r * avg.deltaStudent) - eta * lambda * p.R,
            gamma: etaGamma * (avg.deltaStudent - 2 * setup.gammaDecay * p.gamma),
            beta: setup.learnBeta ? etaBeta * avg.delta : 0)
    }
}

/// Population normalization with input noise (docs/model.md §8; docs/data-models.md): the unit
/// g(γ·h/σ_P + β) with σ_P = √(Q(1 + s²)), i.e. wn with γ/c in place of γ (c = √(1 + s²)) in the
/// output and in the w step, and ∂a/∂γ = u/c. It is BN at inference and the base of bn-pn and
/// bn-loss; without input noise σ_P = √Q and it is `WNFlow` exactly.
struct PNFlow: OrderParameterFlow {
    let setup: TrainingSetup
    let averager: GaussianAverager
    let c: Double

    init(setup: TrainingSetup) {
        self.setup = setup
        averager = GaussianAverager(setup: setup)
        c = setup.inputs.studentVarianceFactor.squareRoot()
    }

    func drift(_ p: OrderParameters) -> OrderParameters? {
        guard p.Q > 0 else { return nil }
        let M = Double(setup.batchSize)
        let eta = setup.learningRate / M, etaGamma = setup.gammaLearningRate / M, etaBeta = setup.betaLearningRate / M
        let lambda = setup.weightDecay
        let r = p.r, g = p.gamma / c
        let avg = averager.averages(Readout(overlap: r, scale: g, bias: p.beta))
        return OrderParameters(
            Q: eta * eta * g * g * avg.deltaSquared / p.Q - 2 * eta * lambda * p.Q,
            R: eta * g / p.Q.squareRoot() * (avg.deltaTeacher - r * avg.deltaStudent) - eta * lambda * p.R,
            gamma: etaGamma * (avg.deltaStudent / c - 2 * setup.gammaDecay * p.gamma),
            beta: setup.learnBeta ? etaBeta * avg.delta : 0)
    }
}
