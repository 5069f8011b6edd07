import Config
import Model
import Output
import Simulation
import Theory

/// Two-layer runs (docs/model.md §9): the same jobs as the single-unit model — one per theory
/// variant, one per replica — routed to the committee engines; nothing else changes for K = K* = 1.
extension ExperimentRunner {
    static func committeeSetup(_ c: ExperimentConfig) -> CommitteeSetup {
        let i = c.training.initial
        return CommitteeSetup(
            unit: c.trainingSetup(), studentUnits: c.model.studentUnits, teacherUnits: c.model.teacherUnits,
            teacherSecondLayer: c.model.teacherSecondLayer, learnSecondLayer: c.training.secondLayer.learn,
            secondLayerLearningRateScale: c.training.secondLayer.learningRateScale, secondLayerInitial: c.training.secondLayer.initial,
            initialQ: i.QMatrix.isEmpty ? nil : i.QMatrix, initialR: i.RMatrix.isEmpty ? nil : i.RMatrix)
    }

    static func checkCommitteeTheory(_ c: ExperimentConfig) throws(TheoryError) {
        let setup = committeeSetup(c)
        for variant in variants(for: c) {
            if let reason = CommitteeFlow.refusal(setup: setup, variant: variant) {
                throw .unavailable(method: c.training.method, variant: variant,
                                   reason: reason + " (two-layer network; set theory.enabled: false to run the simulation alone)")
            }
        }
    }

    /// The job's output for a two-layer run, nil for a single-unit one.
    func computeCommittee(_ job: Job) -> JobOutput? {
        let i: Int = switch job { case .theory(let run, _), .replica(let run, _): run }
        let c = loaded.runs[i].config
        guard CommitteeShape(c).isCommittee else { return nil }
        let setup = Self.committeeSetup(c), grid = Self.grid(for: c)
        switch job {
        case .theory(_, let variant):
            // `replicas`: one trajectory per seed from that replica's measured start.
            let starts: [CommitteeState] = switch c.theory.initial {
            case .config: [setup.configuredInitialState]
            case .replicas: (0..<c.simulation.replicas).map { index in
                CommitteeSimulation.initialState(setup: setup, seed: Self.replicaSeed(c, runID: loaded.runs[i].id, index: index),
                                                 engine: c.simulation.engine)
            }
            }
            do throws(TheoryError) {
                let runs = try starts.map { start throws(TheoryError) in
                    try CommitteeTheoryRun.integrate(setup: setup, variant: variant, initial: start, grid: grid, tolerances: Self.tolerances(for: c))
                }
                return .committeeTheory(.success(runs))
            } catch {
                return .committeeTheory(.failure(error))
            }
        case .replica(_, let index):
            let seed = Self.replicaSeed(c, runID: loaded.runs[i].id, index: index)
            // Checked before any work (`checkDataAvailable`), so reading again cannot fail here.
            if let data = try? dataSets.data(for: c) {
                return .committeeReplica(CommitteeSimulation.replica(setup: setup, data: data, grid: grid, seed: seed,
                                                                     testSamples: c.simulation.testSamples))
            }
            return .committeeReplica(CommitteeSimulation.replica(setup: setup, grid: grid, seed: seed, testSamples: c.simulation.testSamples,
                                                                 engine: c.simulation.engine))
        }
    }

    /// Summary observables (`Observables.committeeSummary`) in theory.csv/simulation.csv, matrices
    /// in `RunResult.committee`. A theory of several trajectories ends at the earliest divergence.
    func assembleCommittee(_ i: Int, _ jobs: [Job], _ outputs: [JobOutput]) -> Result<RunResult, TheoryError> {
        let spec = loaded.runs[i], c = spec.config
        let setup = Self.committeeSetup(c)
        let moments = CommitteeMomentsFactory.make(setup.unit.activation)
        var result = RunResult(spec: spec, setup: c.trainingSetup(), grid: Self.grid(for: c), theory: [], simulation: nil)
        var committee = CommitteeResult(theory: [], simulation: [])
        var replicas: [ReplicaRecord] = [], replicaPoints: [[Observables]] = []
        for (job, output) in zip(jobs, outputs) {
            switch (job, output) {
            case (.theory(_, let variant), .committeeTheory(let outcome)):
                let trajectories: [CommitteeTrajectory]
                switch outcome {
                case .success(let t): trajectories = t
                case .failure(let error): return .failure(error)
                }
                let curves = trajectories.map { t in t.states.map { Observables.committeeSummary($0, setup: setup, moments: moments) } }
                let outcome = trajectories.map(\.outcome).min { ($0.divergenceAlpha ?? .infinity) < ($1.divergenceAlpha ?? .infinity) } ?? .completed
                let failed = trajectories.first { if case .notComputed = $0.outcome { true } else { false } }?.outcome
                result.theory.append(TheoryResult(variant: variant, outcome: failed ?? outcome, points: Observables.mean(curves)))
                committee.theory.append(CommitteeResult.TheoryRuns(
                    variant: variant, seeds: c.theory.initial == .replicas ? Array(trajectories.indices) : nil, trajectories: trajectories))
            case (.replica, .committeeReplica(let record)):
                committee.simulation.append(record.trajectory)
                // The single-unit record carries the outcome and test errors; its states are the summaries' Q, R.
                let points = record.trajectory.states.enumerated().map { k, s in
                    Observables.committeeSummary(s, setup: setup, moments: moments,
                                                 testError: k < record.testError.count ? record.testError[k] : .nan)
                }
                replicaPoints.append(points)
                var summary = ReplicaRecord(
                    seed: record.seed,
                    trajectory: Trajectory(states: points.map { OrderParameters(Q: $0.Q, R: $0.R, gamma: $0.gamma, beta: $0.beta) },
                                           outcome: record.trajectory.outcome),
                    testError: record.testError, testErrorStandardError: record.testErrorStandardError)
                summary.trainingLoss = record.trainingLoss
                summary.trainingClassError = record.trainingClassError; summary.testClassError = record.testClassError
                replicas.append(summary)
            default:
                preconditionFailure("job and output kinds always match")
            }
        }
        if c.simulation.enabled { result.simulation = SimulationResult(replicas: replicas, replicaPoints: replicaPoints) }
        result.committee = committee
        return .success(result)
    }
}
