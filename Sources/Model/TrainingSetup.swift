/// The initial state of a run (docs/model.md §3): w with Q₀ = |w|²/N and normalized overlap r₀ with w*.
public struct InitialState: Sendable, Hashable {
    public var Q: Double
    public var r: Double
    public var gamma: Double
    public var beta: Double

    public init(Q: Double = 1, r: Double = 0, gamma: Double = 1, beta: Double = 0) {
        self.Q = Q; self.r = r; self.gamma = gamma; self.beta = beta
    }

    public var orderParameters: OrderParameters {
        OrderParameters(Q: Q, R: r * Q.squareRoot(), gamma: gamma, beta: beta)
    }
}

/// Everything that defines one training run's physics, shared by theory and simulation.
/// Learning rates follow docs/model.md §3: η on w, η_γ = `gammaLearningRateScale`·η on γ,
/// η_β = `betaLearningRateScale`·η on β.
public struct TrainingSetup: Sendable, Hashable {
    public var inputDimension: Int
    public var activation: Activation
    public var teacherNoise: Double
    /// The data model of docs/model.md §8 (Gaussian by default).
    public var inputs: InputModel
    public var method: Method
    public var learningRate: Double
    public var batchSize: Int
    public var weightDecay: Double
    public var gammaDecay: Double
    public var gammaLearningRateScale: Double
    public var betaLearningRateScale: Double
    public var learnBeta: Bool
    public var alphaMax: Double
    public var initial: InitialState
    /// A run whose Q exceeds this (or whose state stops being finite) has diverged.
    public var divergenceQ: Double
    /// Fresh samples, or a data file / finite training set (docs/model.md §12).
    public var samples: SampleOrigin

    public init(
        inputDimension: Int = 1000, activation: Activation = .relu, teacherNoise: Double = 0, inputs: InputModel = .gaussian,
        method: Method = .sgd, learningRate: Double = 0.5, batchSize: Int = 1,
        weightDecay: Double = 0, gammaDecay: Double = 0, gammaLearningRateScale: Double = 1,
        betaLearningRateScale: Double = 1, learnBeta: Bool = false, alphaMax: Double = 20,
        initial: InitialState = InitialState(), divergenceQ: Double = 1e8, samples: SampleOrigin = .fresh
    ) {
        self.inputDimension = inputDimension; self.activation = activation; self.teacherNoise = teacherNoise
        self.inputs = inputs; self.method = method; self.learningRate = learningRate; self.batchSize = batchSize
        self.weightDecay = weightDecay; self.gammaDecay = gammaDecay
        self.gammaLearningRateScale = gammaLearningRateScale; self.betaLearningRateScale = betaLearningRateScale
        self.learnBeta = learnBeta; self.alphaMax = alphaMax; self.initial = initial; self.divergenceQ = divergenceQ
        self.samples = samples
    }

    public var gammaLearningRate: Double { gammaLearningRateScale * learningRate }
    public var betaLearningRate: Double { betaLearningRateScale * learningRate }

    /// The readout a = scale·u + bias that the student uses at inference (docs/model.md §2, §4): √Q·u for
    /// sgd, γ·u + β for wn and bn (bn with population statistics μ_P = 0, σ_P = √Q).
    /// With input noise (docs/model.md §8) u = h/√Q has variance 1 + s² and BN's σ_P = √(Q(1 + s²)), so bn
    /// reads γ/√(1 + s²)·u + β; wn keeps γ·u + β (it normalizes by |w|, not by the data).
    public func inferenceReadout(_ p: OrderParameters) -> Readout {
        switch method {
        case .sgd: Readout(overlap: p.r, scale: p.Q.squareRoot(), bias: 0)
        case .wn: Readout(overlap: p.r, scale: p.gamma, bias: p.beta)
        case .bn:
            inputs.noise == 0
                ? Readout(overlap: p.r, scale: p.gamma, bias: p.beta)
                : Readout(overlap: p.r, scale: p.gamma / inputs.studentVarianceFactor.squareRoot(), bias: p.beta)
        }
    }

    /// η_eff = η·γ/Q for wn and bn, η for sgd (docs/model.md §4).
    public func effectiveLearningRate(_ p: OrderParameters) -> Double {
        switch method {
        case .sgd: learningRate
        case .wn, .bn: learningRate * p.gamma / p.Q
        }
    }
}
