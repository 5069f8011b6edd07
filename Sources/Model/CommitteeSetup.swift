/// The physics of a two-layer run (docs/model.md §9): the single-unit setup of §1–§3 for every
/// hidden unit, plus the unit counts and the second layers. Shared by theory and simulation.
public struct CommitteeSetup: Sendable, Hashable {
    /// Activation, method, η, M, λ, κ, the γ learning rate, N, σ, α_max, Q₀, γ₀ and the divergence
    /// threshold, each applied per hidden unit.
    public var unit: TrainingSetup
    /// K.
    public var studentUnits: Int
    /// K*.
    public var teacherUnits: Int
    /// v*_m, one per teacher unit.
    public var teacherSecondLayer: [Double]
    public var learnSecondLayer: Bool
    /// η_v/η.
    public var secondLayerLearningRateScale: Double
    /// v_k at α = 0.
    public var secondLayerInitial: Double
    /// Explicit Q (K×K) and R (K×K*) at α = 0; nil for Gaussian weights with |w_k|²/N ≈ Q₀.
    public var initialQ: [[Double]]?
    public var initialR: [[Double]]?

    public init(unit: TrainingSetup, studentUnits: Int, teacherUnits: Int, teacherSecondLayer: [Double] = [],
                learnSecondLayer: Bool = false, secondLayerLearningRateScale: Double = 1, secondLayerInitial: Double = 1,
                initialQ: [[Double]]? = nil, initialR: [[Double]]? = nil) {
        self.unit = unit; self.studentUnits = studentUnits; self.teacherUnits = teacherUnits
        self.teacherSecondLayer = teacherSecondLayer.isEmpty ? Array(repeating: 1, count: teacherUnits) : teacherSecondLayer
        self.learnSecondLayer = learnSecondLayer; self.secondLayerLearningRateScale = secondLayerLearningRateScale
        self.secondLayerInitial = secondLayerInitial; self.initialQ = initialQ; self.initialR = initialR
    }

    /// η_v = scale·η.
    public var secondLayerLearningRate: Double { secondLayerLearningRateScale * unit.learningRate }

    /// The state the config describes: the explicit matrices, or Q = Q₀·I and R = r₀√Q₀ on the
    /// diagonal (R = 0 by default — for K* > 1 and symmetric v the plateau's fixed point).
    public var configuredInitialState: CommitteeState {
        let K = studentUnits, KStar = teacherUnits, q0 = unit.initial.Q
        var state = CommitteeState(studentUnits: K, teacherUnits: KStar)
        for k in 0..<K {
            for l in 0..<K { state.setQ(k, l, initialQ?[k][l] ?? (k == l ? q0 : 0)) }
            for m in 0..<KStar { state.setR(k, m, initialR?[k][m] ?? (k == m ? unit.initial.r * q0.squareRoot() : 0)) }
            state.v[k] = secondLayerInitial
            state.gamma[k] = unit.initial.gamma
            state.beta[k] = unit.initial.beta
        }
        return state
    }
}
