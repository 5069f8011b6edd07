import Config
import Model
import Simulation
import Theory

/// The learning-rate limits of a two-layer network (docs/model.md §6 and §9): the same classes as
/// for one unit, with the network's ε_g (`Observables.committeeSummary`) at training.alpha_max,
/// the committee ODEs for the theory and the committee engine for the simulation.
extension LearningRateSearch {
    /// The theory variant the search integrates: sgd and wn `exact`, bn the first of
    /// theory.bn_variants. Nil with the reason when that variant has no two-layer theory.
    public static func committeeVariant(_ config: ExperimentConfig) -> (variant: TheoryVariant?, refusal: String?) {
        let variant = ExperimentRunner.variants(for: config)[0]
        let setup = ExperimentRunner.committeeSetup(config)
        if let reason = CommitteeFlow.refusal(setup: setup, variant: variant) {
            return (nil, "\(config.training.method.rawValue) theory variant \(variant.rawValue): \(reason)")
        }
        return (variant, nil)
    }

    static func committeeSetup(_ config: ExperimentConfig, eta: Double) -> CommitteeSetup {
        var setup = ExperimentRunner.committeeSetup(config)
        setup.unit.learningRate = eta
        return setup
    }

    static func classify(_ trajectory: CommitteeTrajectory, setup: CommitteeSetup, threshold: Double) -> Classified {
        guard trajectory.outcome == .completed, let last = trajectory.states.last else { return Classified(runClass: .diverged, finalEtaEff: nil) }
        let o = Observables.committeeSummary(last, setup: setup, moments: CommitteeMomentsFactory.make(setup.unit.activation))
        return o.eg <= threshold ? Classified(runClass: .converged, finalEtaEff: o.etaEff, finalEg: o.eg)
            : Classified(runClass: .stalled, finalEtaEff: nil, finalEg: o.eg.isFinite ? o.eg : nil)
    }

    /// The committee theory at η, started as `bnsim run` starts it (theory.initial): from the
    /// configured overlaps (R = 0 by default, a plateau it never leaves), or from each replica's
    /// measured start — then, as in theory.csv, the curve is the trajectories' mean and ends at
    /// the earliest divergence.
    public static func committeeTheory(_ config: ExperimentConfig, runID: String, variant: TheoryVariant, eta: Double) throws -> Classified {
        let setup = committeeSetup(config, eta: eta)
        let grid = AlphaGrid(requested: [setup.unit.alphaMax], inputDimension: setup.unit.inputDimension, batchSize: setup.unit.batchSize)
        let starts: [CommitteeState] = switch config.theory.initial {
        case .config: [setup.configuredInitialState]
        case .replicas: (0..<config.simulation.replicas).map { k in
            CommitteeSimulation.initialState(setup: setup, seed: ExperimentRunner.replicaSeed(config, runID: runID, index: k))
        }
        }
        let moments = CommitteeMomentsFactory.make(setup.unit.activation)
        var finals: [Observables] = []
        for start in starts {
            let trajectory = try CommitteeTheoryRun.integrate(setup: setup, variant: variant, initial: start, grid: grid,
                                                              tolerances: ExperimentRunner.tolerances(for: config))
            if case .notComputed(let reason) = trajectory.outcome { throw TheoryError.notComputed(reason: reason) }
            guard trajectory.outcome == .completed, let last = trajectory.states.last else { return Classified(runClass: .diverged, finalEtaEff: nil) }
            finals.append(Observables.committeeSummary(last, setup: setup, moments: moments))
        }
        let mean = Observables.mean(finals.map { [$0] })[0]
        return mean.eg <= config.learningRateSearch.convergedEg ? Classified(runClass: .converged, finalEtaEff: mean.etaEff, finalEg: mean.eg)
            : Classified(runClass: .stalled, finalEtaEff: nil, finalEg: mean.eg.isFinite ? mean.eg : nil)
    }

    /// The committee simulation at η: the majority class of the run's replica seeds, as for one unit.
    public static func committeeSimulation(_ config: ExperimentConfig, runID: String, eta: Double) -> Classified {
        let setup = committeeSetup(config, eta: eta)
        let grid = AlphaGrid(requested: [setup.unit.alphaMax], inputDimension: setup.unit.inputDimension, batchSize: setup.unit.batchSize)
        let classes = (0..<config.simulation.replicas).map { k in
            let record = CommitteeSimulation.replica(setup: setup, grid: grid, seed: ExperimentRunner.replicaSeed(config, runID: runID, index: k), testSamples: 0)
            return classify(record.trajectory, setup: setup, threshold: config.learningRateSearch.convergedEg)
        }
        return majority(classes)
    }
}
