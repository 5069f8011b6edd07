import Config
import GSL
import Model
import Output
import Simulation
import Theory

/// Runs every point of a loaded config: its theory variants and its simulation replicas, spread
/// over worker threads, and assembles the results in run order.
public struct ExperimentRunner: Sendable {
    public let loaded: LoadedConfig
    public let threads: Int

    public init(loaded: LoadedConfig, threads: Int) {
        self.loaded = loaded; self.threads = max(1, threads)
    }

    /// One unit of work: a theory trajectory or one simulation replica of one run.
    enum Job: Sendable {
        case theory(run: Int, variant: TheoryVariant)
        case replica(run: Int, index: Int)
    }

    enum JobOutput: Sendable {
        case theory(Result<Trajectory, TheoryError>)
        case replica(ReplicaRecord)
    }

    /// The α grid of a run, shared by its theory and simulation.
    public static func grid(for config: ExperimentConfig) -> AlphaGrid {
        let N = config.model.inputDimension, M = config.training.batchSize
        if !config.output.alphas.isEmpty {
            return AlphaGrid(requested: config.output.alphas, inputDimension: N, batchSize: M)
        }
        return AlphaGrid(alphaMin: config.output.alphaMin, alphaMax: config.training.alphaMax,
                         points: config.output.alphaPoints, spacing: config.output.alphaSpacing,
                         inputDimension: N, batchSize: M)
    }

    public static func tolerances(for config: ExperimentConfig) -> ODETolerances {
        let stepper: ODEStepper = switch config.theory.stepper {
        case .rk8pd: .rk8pd
        case .rkf45: .rkf45
        case .rkck: .rkck
        }
        return ODETolerances(relative: config.theory.relativeTolerance, absolute: config.theory.absoluteTolerance, stepper: stepper)
    }

    public static func variants(for config: ExperimentConfig) -> [TheoryVariant] {
        switch config.training.method {
        case .sgd, .wn: [.exact]
        case .bn: config.theory.bnVariants
        }
    }

    /// The seed of replica `index` of a run (written to the manifest).
    public static func replicaSeed(_ config: ExperimentConfig, runID: String, index: Int) -> UInt64 {
        ReplicaSeed.derive(baseSeed: UInt64(config.simulation.seed), runID: runID, replica: index)
    }

    /// Refuses, before any work starts, a run whose theory variant does not exist.
    public func checkTheoryAvailable() throws(TheoryError) {
        for spec in loaded.runs where spec.config.theory.enabled {
            for variant in Self.variants(for: spec.config) {
                _ = try TheoryRun.flow(for: spec.config.trainingSetup(), variant: variant)
            }
        }
    }

    public func run(quiet: Bool = false) throws(TheoryError) -> [RunResult] {
        try checkTheoryAvailable()
        let runs = loaded.runs
        var jobs: [Job] = []
        for (i, spec) in runs.enumerated() {
            let c = spec.config
            if c.theory.enabled { jobs += Self.variants(for: c).map { .theory(run: i, variant: $0) } }
            if c.simulation.enabled { jobs += (0..<c.simulation.replicas).map { .replica(run: i, index: $0) } }
        }
        let progress = Progress(total: jobs.count, label: "bnsim \(loaded.base.name):", quiet: quiet)
        let jobList = jobs
        let outputs = ParallelJobs.map(count: jobs.count, threads: threads) { k -> JobOutput in
            defer { progress.advance() }
            switch jobList[k] {
            case .theory(let i, let variant):
                let c = runs[i].config
                do throws(TheoryError) {
                    return .theory(.success(try TheoryRun.integrate(
                        setup: c.trainingSetup(), variant: variant, grid: Self.grid(for: c), tolerances: Self.tolerances(for: c))))
                } catch {
                    return .theory(.failure(error))
                }
            case .replica(let i, let index):
                let c = runs[i].config
                let seed = Self.replicaSeed(c, runID: runs[i].id, index: index)
                return .replica(SimulationRun.replica(setup: c.trainingSetup(), grid: Self.grid(for: c), seed: seed, testSamples: c.simulation.testSamples))
            }
        }

        var results: [RunResult] = runs.map { spec in
            RunResult(spec: spec, setup: spec.config.trainingSetup(), grid: Self.grid(for: spec.config), theory: [], simulation: nil)
        }
        var replicas: [[ReplicaRecord]] = Array(repeating: [], count: runs.count)
        for (job, output) in zip(jobs, outputs) {
            switch (job, output) {
            case (.theory(let i, let variant), .theory(let result)):
                let trajectory = try result.get()
                let setup = results[i].setup
                let averager = GaussianAverager(activation: setup.activation, teacherNoise: setup.teacherNoise)
                let points = trajectory.states.map { Observables($0, setup: setup, averager: averager) }
                results[i].theory.append(TheoryResult(variant: variant, outcome: trajectory.outcome, points: points))
            case (.replica(let i, _), .replica(let record)):
                replicas[i].append(record)
            default:
                preconditionFailure("job and output kinds always match")
            }
        }
        for i in results.indices where runs[i].config.simulation.enabled {
            let setup = results[i].setup
            let averager = GaussianAverager(activation: setup.activation, teacherNoise: setup.teacherNoise)
            let points = replicas[i].map { record in
                record.trajectory.states.enumerated().map { k, p in
                    Observables(p, setup: setup, averager: averager, testError: k < record.testError.count ? record.testError[k] : .nan)
                }
            }
            results[i].simulation = SimulationResult(replicas: replicas[i], replicaPoints: points)
        }
        return results
    }
}
