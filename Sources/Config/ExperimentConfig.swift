public import Model

/// Everything one `bnsim` config file says, in the order the YAML file lists it.
///
/// The YAML keys are snake_case (`learning_rate`) while the Swift names are spelled out
/// (`learningRate`); `CodingKeys` hold the YAML spelling, and their order is
/// the order in which `dump-config` prints the keys. Every value has a default
/// (`ExperimentConfig.defaults`, the one place defaults live); a user file states only what differs.
public struct ExperimentConfig: Codable, Equatable, Sendable {
    /// The config format version; this bnsim reads version 1 only.
    public var version: Int
    /// Names the results directory `results/<name>/`, so it must be a safe directory name.
    public var name: String
    public var model: ModelSection
    public var training: TrainingSection
    public var theory: TheorySection
    public var simulation: SimulationSection
    public var output: OutputSection
    /// The values to sweep over; empty for a single run.
    public var sweep: Sweep
    /// How `bnsim lr-max` searches for the learning-rate limits (docs/model.md §6).
    public var learningRateSearch: LearningRateSearchSection
    /// `bnsim convex`'s finite training sets and solvers (docs/model.md §11).
    public var convex: ConvexSection
    /// Where the simulation's inputs come from: fresh Gaussians or a data file (docs/model.md §12).
    public var data: DataSection

    public init(
        version: Int, name: String, model: ModelSection, training: TrainingSection, theory: TheorySection,
        simulation: SimulationSection, output: OutputSection, sweep: Sweep,
        learningRateSearch: LearningRateSearchSection = .standard, convex: ConvexSection = .standard,
        data: DataSection = .standard
    ) {
        self.version = version; self.name = name; self.model = model; self.training = training
        self.theory = theory; self.simulation = simulation; self.output = output; self.sweep = sweep
        self.learningRateSearch = learningRateSearch
        self.convex = convex
        self.data = data
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, name, model, training, theory, simulation, output
        case learningRateSearch = "lr_search"
        case convex
        case data
        case sweep
    }

    /// Teacher and student shape and data (docs/model.md §1).
    public struct ModelSection: Codable, Equatable, Sendable {
        /// N, the input dimension.
        public var inputDimension: Int
        /// g, shared by teacher and student.
        public var activation: Activation
        /// σ, the standard deviation of the Gaussian label noise.
        public var teacherNoise: Double
        /// s, the input noise of docs/model.md §8: the student sees x + s·ν, the teacher labels the clean x.
        public var inputNoise: Double
        /// ρ, the excess kurtosis of every field (docs/model.md §8): x = √v·z, v ~ Gamma(3/ρ, ρ/3).
        public var inputKurtosis: Double
        /// K*, the teacher's hidden units (docs/model.md §9).
        public var teacherUnits: Int
        /// K, the student's hidden units (docs/model.md §9).
        public var studentUnits: Int
        /// v*, the teacher's second-layer weights; empty means all 1.
        public var teacherSecondLayer: [Double]

        public init(inputDimension: Int, activation: Activation, teacherNoise: Double, inputNoise: Double = 0, inputKurtosis: Double = 0,
                    teacherUnits: Int = 1, studentUnits: Int = 1, teacherSecondLayer: [Double] = []) {
            self.inputDimension = inputDimension; self.activation = activation; self.teacherNoise = teacherNoise
            self.inputNoise = inputNoise; self.inputKurtosis = inputKurtosis
            self.teacherUnits = teacherUnits; self.studentUnits = studentUnits; self.teacherSecondLayer = teacherSecondLayer
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case inputDimension = "N"
            case activation
            case teacherNoise = "teacher_noise"
            case inputNoise = "input_noise"
            case inputKurtosis = "input_kurtosis"
            case teacherUnits = "teacher_units"
            case studentUnits = "student_units"
            case teacherSecondLayer = "teacher_second_layer"
        }
    }

    /// The training rule and its hyperparameters (docs/model.md §2–3).
    public struct TrainingSection: Codable, Equatable, Sendable {
        public var method: Method
        /// η, the learning rate on w.
        public var learningRate: Double
        /// M, samples per step.
        public var batchSize: Int
        /// λ in w ← (1 − ηλ/N)·w − η∇L.
        public var weightDecay: Double
        /// κ, the explicit penalty κγ².
        public var gammaDecay: Double
        /// η_γ/η.
        public var gammaLearningRateScale: Double
        /// η_β/η.
        public var betaLearningRateScale: Double
        /// Whether β is trained (otherwise it stays at its initial value).
        public var learnBeta: Bool
        /// Training length in α = t·M/N.
        public var alphaMax: Double
        /// A run whose Q exceeds this (or stops being finite) ends as diverged.
        public var divergenceQ: Double
        /// The initial state Q₀, r₀, γ₀, β₀ (YAML key `init`).
        public var initial: InitialSection
        /// The student's second layer v (docs/model.md §9).
        public var secondLayer: SecondLayerSection
        /// Fresh samples at every step, or epochs over a fixed training set (docs/model.md §12).
        public var trainingProtocol: TrainingProtocol
        /// α_P: an offline Gaussian training set has P = round(α_P·N) samples; with a data file,
        /// P = round(α_P·N) of its training split (0: all of it).
        public var samplesPerDimension: Double

        public init(
            method: Method, learningRate: Double, batchSize: Int, weightDecay: Double, gammaDecay: Double,
            gammaLearningRateScale: Double, betaLearningRateScale: Double, learnBeta: Bool, alphaMax: Double,
            divergenceQ: Double, initial: InitialSection, secondLayer: SecondLayerSection = .standard,
            trainingProtocol: TrainingProtocol = .online, samplesPerDimension: Double = 0
        ) {
            self.trainingProtocol = trainingProtocol; self.samplesPerDimension = samplesPerDimension
            self.method = method; self.learningRate = learningRate; self.batchSize = batchSize
            self.weightDecay = weightDecay; self.gammaDecay = gammaDecay
            self.gammaLearningRateScale = gammaLearningRateScale; self.betaLearningRateScale = betaLearningRateScale
            self.learnBeta = learnBeta; self.alphaMax = alphaMax; self.divergenceQ = divergenceQ; self.initial = initial
            self.secondLayer = secondLayer
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case method
            case learningRate = "learning_rate"
            case batchSize = "batch_size"
            case weightDecay = "weight_decay"
            case gammaDecay = "gamma_decay"
            case gammaLearningRateScale = "gamma_lr_scale"
            case betaLearningRateScale = "beta_lr_scale"
            case learnBeta = "learn_beta"
            case alphaMax = "alpha_max"
            case divergenceQ = "divergence_Q"
            case initial = "init"
            case secondLayer = "second_layer"
            case trainingProtocol = "protocol"
            case samplesPerDimension = "samples_per_dimension"
        }
    }

    /// The student's second-layer weights v_k (docs/model.md §9): fixed (a soft committee machine)
    /// or learned at η_v = `learningRateScale`·η.
    public struct SecondLayerSection: Codable, Equatable, Sendable {
        public var learn: Bool
        public var learningRateScale: Double
        /// v_k at α = 0, the same for every unit (YAML key `init`).
        public var initial: Double

        public init(learn: Bool, learningRateScale: Double, initial: Double) {
            self.learn = learn; self.learningRateScale = learningRateScale; self.initial = initial
        }

        public static let standard = SecondLayerSection(learn: false, learningRateScale: 1, initial: 1)

        enum CodingKeys: String, CodingKey, CaseIterable {
            case learn
            case learningRateScale = "learning_rate_scale"
            case initial = "init"
        }
    }

    /// The initial state (docs/model.md §3); r is the normalized overlap R₀/√Q₀.
    public struct InitialSection: Codable, Equatable, Sendable {
        public var Q: Double
        public var r: Double
        public var gamma: Double
        public var beta: Double
        /// Explicit committee overlaps Q_kl (K×K) and R_km (K×K*) at α = 0 (docs/model.md §9); empty
        /// means Gaussian weights with |w_k|²/N ≈ Q₀ and random O(1/√N) overlaps.
        public var QMatrix: [[Double]]
        public var RMatrix: [[Double]]

        public init(Q: Double, r: Double, gamma: Double, beta: Double, QMatrix: [[Double]] = [], RMatrix: [[Double]] = []) {
            self.Q = Q; self.r = r; self.gamma = gamma; self.beta = beta; self.QMatrix = QMatrix; self.RMatrix = RMatrix
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case Q, r, gamma, beta
            case QMatrix = "Q_matrix"
            case RMatrix = "R_matrix"
        }
    }

    /// The N → ∞ ODE integration (docs/model.md §5).
    public struct TheorySection: Codable, Equatable, Sendable {
        public var enabled: Bool
        /// odeiv2's relative error bound per step.
        public var relativeTolerance: Double
        /// odeiv2's absolute error bound per step.
        public var absoluteTolerance: Double
        public var stepper: StepperName
        /// Which bn theories to integrate; ignored by sgd and wn, which have one theory each.
        public var bnVariants: [TheoryVariant]
        /// Where a committee theory starts (docs/model.md §9); the single-unit theory ignores it.
        public var initial: TheoryInitial

        public init(enabled: Bool, relativeTolerance: Double, absoluteTolerance: Double, stepper: StepperName, bnVariants: [TheoryVariant],
                    initial: TheoryInitial = .replicas) {
            self.enabled = enabled; self.relativeTolerance = relativeTolerance; self.absoluteTolerance = absoluteTolerance
            self.stepper = stepper; self.bnVariants = bnVariants; self.initial = initial
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case enabled
            case relativeTolerance = "rel_tol"
            case absoluteTolerance = "abs_tol"
            case stepper
            case bnVariants = "bn_variants"
            case initial
        }
    }

    /// The finite-N Monte Carlo runs.
    public struct SimulationSection: Codable, Equatable, Sendable {
        public var enabled: Bool
        /// Independent replicas per run (YAML key `seeds`).
        public var replicas: Int
        /// The base seed; replica seeds are derived from it, the run id and the replica index.
        public var seed: Int
        /// Fresh samples per recorded α for the empirical test error.
        public var testSamples: Int
        /// The N-dimensional simulation or the exact reduced chain (docs/model.md §10).
        public var engine: SimulationEngine

        public init(enabled: Bool, replicas: Int, seed: Int, testSamples: Int, engine: SimulationEngine = .full) {
            self.enabled = enabled; self.replicas = replicas; self.seed = seed; self.testSamples = testSamples
            self.engine = engine
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case enabled
            case replicas = "seeds"
            case seed
            case testSamples = "test_samples"
            case engine
        }
    }

    /// Where along α the state is recorded (snapped to whole steps by `AlphaGrid`).
    public struct OutputSection: Codable, Equatable, Sendable {
        public var alphaPoints: Int
        public var alphaSpacing: AlphaSpacing
        public var alphaMin: Double
        /// An explicit α list; when non-empty it replaces the generated grid.
        public var alphas: [Double]

        public init(alphaPoints: Int, alphaSpacing: AlphaSpacing, alphaMin: Double, alphas: [Double]) {
            self.alphaPoints = alphaPoints; self.alphaSpacing = alphaSpacing; self.alphaMin = alphaMin; self.alphas = alphas
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case alphaPoints = "alpha_points"
            case alphaSpacing = "alpha_spacing"
            case alphaMin = "alpha_min"
            case alphas
        }
    }

    /// The learning-rate limits of docs/model.md §6: a run at η *converges* when it ends (at
    /// training.alpha_max) with every order parameter finite and ε_g ≤ `converged_eg`.
    public struct LearningRateSearchSection: Codable, Equatable, Sendable {
        /// The searched range of η (and, for wn and bn, of η_eff for the local bound).
        public var etaMin: Double
        public var etaMax: Double
        /// Log-spaced η values scanned before the edges are bisected.
        public var gridPoints: Int
        /// Bisection stops when an edge's bracket [lo, hi] has hi/lo − 1 below this.
        public var bracketRelativeTolerance: Double
        /// The ε_g threshold of "converged".
        public var convergedEg: Double
        /// Also search by simulation (majority of simulation.seeds), not only by theory.
        public var simulation: Bool

        public init(etaMin: Double, etaMax: Double, gridPoints: Int, bracketRelativeTolerance: Double, convergedEg: Double, simulation: Bool) {
            self.etaMin = etaMin; self.etaMax = etaMax; self.gridPoints = gridPoints
            self.bracketRelativeTolerance = bracketRelativeTolerance; self.convergedEg = convergedEg; self.simulation = simulation
        }


        enum CodingKeys: String, CodingKey, CaseIterable {
            case etaMin = "eta_min"
            case etaMax = "eta_max"
            case gridPoints = "grid_points"
            case bracketRelativeTolerance = "bracket_rel_tol"
            case convergedEg = "converged_eg"
            case simulation
        }
    }
}

/// Where the committee theory starts (docs/model.md §9). The symmetric state R = 0 is a fixed
/// point of the N → ∞ flow, so the theory needs the small overlaps a finite-N start has.
public enum TheoryInitial: String, Codable, CaseIterable, Sendable {
    /// From `training.init` (the matrices when given, else Q = Q₀·I and R = 0 — the plateau, never left).
    case config
    /// One trajectory per simulation seed, from that replica's measured initial overlaps; the
    /// theory's curve is their mean.
    case replicas
}

/// The GSL odeiv2 step type used to integrate the theory.
public enum StepperName: String, Codable, CaseIterable, Sendable {
    /// Embedded Runge–Kutta Prince–Dormand (8, 9): the default, for tight tolerances.
    case rk8pd
    /// Embedded Runge–Kutta–Fehlberg (4, 5).
    case rkf45
    /// Embedded Runge–Kutta Cash–Karp (4, 5).
    case rkck
}

extension ExperimentConfig {
    /// The physics of one run, in the vocabulary theory and simulation share.
    public func trainingSetup() -> TrainingSetup {
        TrainingSetup(
            inputDimension: model.inputDimension,
            activation: model.activation,
            teacherNoise: model.teacherNoise,
            inputs: InputModel(noise: model.inputNoise, kurtosis: model.inputKurtosis),
            method: training.method,
            learningRate: training.learningRate,
            batchSize: training.batchSize,
            weightDecay: training.weightDecay,
            gammaDecay: training.gammaDecay,
            gammaLearningRateScale: training.gammaLearningRateScale,
            betaLearningRateScale: training.betaLearningRateScale,
            learnBeta: training.learnBeta,
            alphaMax: training.alphaMax,
            initial: InitialState(
                Q: training.initial.Q, r: training.initial.r,
                gamma: training.initial.gamma, beta: training.initial.beta
            ),
            divergenceQ: training.divergenceQ,
            samples: data.source == .file ? .dataFile : training.trainingProtocol == .offline ? .finiteGaussianSet : .fresh
        )
    }
}
