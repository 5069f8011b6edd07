/// The one place where config defaults live.
///
/// A user file is merged onto these values key by key, `bnsim dump-config` prints them, and
/// `configs/README.md` documents them; keep the three in step.
extension ExperimentConfig {
    public static let defaults = ExperimentConfig(
        version: 1,
        name: "bnsim",
        model: ModelSection(
            inputDimension: 1000,
            activation: .relu,
            teacherNoise: 0,
            inputNoise: 0,
            inputKurtosis: 0,
            teacherUnits: 1,
            studentUnits: 1,
            teacherSecondLayer: []
        ),
        training: TrainingSection(
            method: .sgd,
            learningRate: 0.5,
            batchSize: 1,
            weightDecay: 0,
            gammaDecay: 0,
            gammaLearningRateScale: 1,
            betaLearningRateScale: 1,
            learnBeta: false,
            alphaMax: 20,
            divergenceQ: 1e8,
            initial: InitialSection(Q: 1, r: 0, gamma: 1, beta: 0, QMatrix: [], RMatrix: []),
            secondLayer: SecondLayerSection(learn: false, learningRateScale: 1, initial: 1)
        ),
        theory: TheorySection(
            enabled: true,
            relativeTolerance: 1e-8,
            absoluteTolerance: 1e-10,
            stepper: .rk8pd,
            bnVariants: [.exact, .pn, .loss],
            initial: .replicas
        ),
        simulation: SimulationSection(
            enabled: true,
            replicas: 8,
            seed: 1,
            testSamples: 10_000,
            engine: .full
        ),
        output: OutputSection(
            alphaPoints: 60,
            alphaSpacing: .log,
            alphaMin: 0.1,
            alphas: []
        ),
        sweep: Sweep(),
        learningRateSearch: .standard,
        convex: .standard,
        data: .standard
    )
}

extension ExperimentConfig.LearningRateSearchSection {
    /// `bnsim lr-max`'s defaults: the documented analysis of configs/lr-max.yaml (ε_g ≤ 0.01 counts as
    /// converged, η from 0.1 to 100), under which every method of that analysis has a window.
    public static let standard = ExperimentConfig.LearningRateSearchSection(
        etaMin: 0.1, etaMax: 100, gridPoints: 13, bracketRelativeTolerance: 0.03, convergedEg: 1e-2, simulation: true)
}
