/// The quantities both engines report at every α (docs/model.md §4), named as in the CSV columns.
public enum Observable: String, CaseIterable, Sendable {
    case Q, R, r, gamma, beta
    case etaEff = "eta_eff"
    case eg
    /// Simulation only: the empirical test error on fresh samples.
    case egTest = "eg_test"

    /// The observables a theory trajectory has (everything but the empirical test error).
    public static let theory: [Observable] = [.Q, .R, .r, .gamma, .beta, .etaEff, .eg]
}

/// One value per observable at one α.
public struct Observables: Sendable, Hashable {
    public var Q, R, r, gamma, beta, etaEff, eg: Double
    /// NaN when not measured (theory, or test_samples = 0); never written as NaN.
    public var egTest: Double

    public subscript(_ o: Observable) -> Double {
        switch o {
        case .Q: Q
        case .R: R
        case .r: r
        case .gamma: gamma
        case .beta: beta
        case .etaEff: etaEff
        case .eg: eg
        case .egTest: egTest
        }
    }

    /// The observables of a state: r, η_eff and ε_g are functions of the order parameters,
    /// the same for theory and simulation (ε_g through the shared `GaussianAverager`).
    public init(_ p: OrderParameters, setup: TrainingSetup, averager: GaussianAverager, testError: Double = .nan) {
        Q = p.Q; R = p.R; r = p.r; gamma = p.gamma; beta = p.beta
        etaEff = setup.effectiveLearningRate(p)
        eg = averager.generalizationError(setup.inferenceReadout(p))
        egTest = testError
    }

    init(Q: Double, R: Double, r: Double, gamma: Double, beta: Double, etaEff: Double, eg: Double, egTest: Double) {
        self.Q = Q; self.R = R; self.r = r; self.gamma = gamma; self.beta = beta
        self.etaEff = etaEff; self.eg = eg; self.egTest = egTest
    }

    static func build(_ f: (Observable) -> Double) -> Observables {
        Observables(Q: f(.Q), R: f(.R), r: f(.r), gamma: f(.gamma), beta: f(.beta), etaEff: f(.etaEff), eg: f(.eg), egTest: f(.egTest))
    }
}

/// Mean and standard error over seeds at one α.
public struct SeedAverage: Sendable {
    public var mean: Observables
    public var standardError: Observables
    public var seeds: Int
}

/// The seed average of a simulation: at each grid point reached by every replica, the mean and
/// the standard error (sample standard deviation/√seeds) of each observable.
public struct SeedAggregate: Sendable {
    public var points: [SeedAverage]
    /// `completed` if every replica completed, else diverged at the earliest replica's α.
    public var outcome: Outcome
    public var divergedReplicas: Int

    public init(replicas: [[Observables]], outcomes: [Outcome]) {
        let reached = replicas.map(\.count).min() ?? 0
        let n = Double(replicas.count)
        points = (0..<reached).map { k in
            let mean = Observables.build { o in replicas.reduce(0) { $0 + $1[k][o] } / n }
            let se = Observables.build { o in
                guard replicas.count > 1 else { return .nan }
                let m = mean[o]
                let ss = replicas.reduce(0) { $0 + ($1[k][o] - m) * ($1[k][o] - m) }
                return (ss / (n - 1) / n).squareRoot()
            }
            return SeedAverage(mean: mean, standardError: se, seeds: replicas.count)
        }
        let divergences = outcomes.compactMap(\.divergenceAlpha)
        divergedReplicas = divergences.count
        outcome = divergences.min().map { .diverged(atAlpha: $0) } ?? .completed
    }
}
