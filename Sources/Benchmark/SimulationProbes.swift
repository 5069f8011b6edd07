import Config
import Experiment
import Model
import Simulation
import Theory

/// The in-process measurements: simulation step rates (per-thread CPU time), theory trajectory
/// times (per-thread CPU time) and the wall time of a small sweep on one and on all cores.
enum Probes {
    /// A replica trained by the benchmark: relu teacher and student from a random direction,
    /// η = 0.5 (stable for every method), no noise. Training continues across repetitions.
    static func replica(method: Method, inputDimension: Int, batchSize: Int) -> Replica {
        let setup = TrainingSetup(inputDimension: inputDimension, activation: .relu, method: method,
                                  learningRate: 0.5, batchSize: batchSize)
        let replica = Replica(setup: setup, seed: 20_240_601)
        // Warm-up (caches, branch predictors): 2000 steps, fewer where a step is expensive (N = 10⁶).
        replica.train(steps: max(1, min(2_000, 20_000_000 / inputDimension) / batchSize))
        return replica
    }

    /// The same replica on the exact reduced chain (docs/model.md §10).
    static func reducedReplica(method: Method, inputDimension: Int, batchSize: Int) -> ReducedReplica {
        let setup = TrainingSetup(inputDimension: inputDimension, activation: .relu, method: method,
                                  learningRate: 0.5, batchSize: batchSize)
        let replica = ReducedReplica(setup: setup, seed: 20_240_601)
        replica.train(steps: 2_000)
        return replica
    }

    /// Steps per second of `steps` steps of the reduced chain.
    static func stepRate(_ replica: ReducedReplica, steps: Int) throws(BenchmarkError) -> Double {
        let seconds = Clock.threadCPUTime { replica.train(steps: steps) }
        guard !replica.hasBlownUp else { throw .setup("the benchmark's reduced replica blew up") }
        return Double(steps) / seconds
    }

    /// A two-layer replica (docs/model.md §9): relu, sgd, K = K* units, N = 1000, M = 1, η = 0.1 (at η = 0.5 the output of
    /// eight units blows up).
    static func committeeReplica(units K: Int, inputDimension: Int = 1000, activation: Activation = .relu,
                                 learningRate: Double = 0.1) -> CommitteeReplica {
        let unit = TrainingSetup(inputDimension: inputDimension, activation: activation, method: .sgd, learningRate: learningRate, batchSize: 1)
        let replica = CommitteeReplica(setup: CommitteeSetup(unit: unit, studentUnits: K, teacherUnits: K), seed: 20_240_601)
        for _ in 0..<2_000 { replica.step() }
        return replica
    }

    /// `committeeReplica`'s network on the reduced chain (docs/model.md §10), at `inputDimension`.
    static func reducedCommitteeReplica(units K: Int, inputDimension: Int) -> ReducedCommitteeReplica {
        let unit = TrainingSetup(inputDimension: inputDimension, activation: .relu, method: .sgd, learningRate: 0.1, batchSize: 1)
        let replica = ReducedCommitteeReplica(setup: CommitteeSetup(unit: unit, studentUnits: K, teacherUnits: K), seed: 20_240_601)
        for _ in 0..<2_000 { replica.step() }
        return replica
    }

    /// Steps per second of `steps` steps of the reduced two-layer chain.
    static func stepRate(_ replica: ReducedCommitteeReplica, steps: Int) throws(BenchmarkError) -> Double {
        let seconds = Clock.threadCPUTime { for _ in 0..<steps { replica.step() } }
        guard !replica.hasBlownUp else { throw .setup("the benchmark's reduced two-layer replica blew up") }
        return Double(steps) / seconds
    }

    /// Steps per second of `steps` steps of a two-layer replica.
    static func stepRate(_ replica: CommitteeReplica, steps: Int) throws(BenchmarkError) -> Double {
        let seconds = Clock.threadCPUTime { for _ in 0..<steps { replica.step() } }
        guard !replica.hasBlownUp else { throw .setup("the benchmark two-layer replica blew up") }
        return Double(steps) / seconds
    }

    /// Steps per second of `steps` online steps.
    static func stepRate(_ replica: Replica, steps: Int) throws(BenchmarkError) -> Double {
        let seconds = Clock.threadCPUTime { replica.train(steps: steps) }
        guard !replica.hasBlownUp else { throw .setup("the benchmark replica blew up") }
        return Double(steps) / seconds
    }

    /// The α grid of the theory timings: 60 log-spaced points from 0.1 to 100.
    static func theoryGrid(batchSize: Int) -> AlphaGrid {
        AlphaGrid(alphaMin: 0.1, alphaMax: 100, points: 60, spacing: .log, inputDimension: 1000, batchSize: batchSize)
    }

    /// Seconds of CPU time per whole theory trajectory, averaged over `count` integrations.
    static func trajectorySeconds(method: Method, variant: TheoryVariant = .exact, batchSize: Int = 1,
                                  count: Int) throws(BenchmarkError) -> Double {
        let setup = TrainingSetup(activation: .relu, method: method, learningRate: 0.5, batchSize: batchSize, alphaMax: 100)
        let grid = theoryGrid(batchSize: batchSize)
        var failure: String?
        let seconds = Clock.threadCPUTime {
            for _ in 0..<count {
                do throws(TheoryError) {
                    let trajectory = try TheoryRun.integrate(setup: setup, variant: variant, grid: grid)
                    if trajectory.states.count != grid.count { failure = "only \(trajectory.states.count) of \(grid.count) points completed" }
                } catch {
                    failure = error.description
                }
            }
        }
        if let failure { throw .setup("theory trajectory failed: \(failure)") }
        return seconds / Double(count)
    }

    /// The sweep of the scaling measurement: 4 runs (sgd and wn at two learning rates) × 8 seeds,
    /// N = 1000, α up to 40, simulation only — 32 independent jobs of ~40k steps each.
    static let sweepYAML = """
        version: 1
        name: bench-sweep
        model: {N: 1000, activation: relu}
        training: {method: sgd, learning_rate: 0.5, alpha_max: 40}
        theory: {enabled: false}
        simulation: {enabled: true, seeds: 8, seed: 1, test_samples: 200}
        output: {alpha_points: 20, alpha_min: 0.5}
        sweep:
          training.method: [sgd, wn]
          training.learning_rate: [0.5, 1.0]
        """

    static func sweep(scale: Double) throws(BenchmarkError) -> LoadedConfig {
        let alphaMax = max(1, (40 * scale).rounded())
        do {
            return try ConfigLoader.load(yaml: sweepYAML, file: "bench-sweep.yaml", overrides: ["training.alpha_max=\(alphaMax)"])
        } catch {
            throw .setup("the benchmark sweep config is invalid: \(error)")
        }
    }

    /// Wall seconds of the whole sweep on `threads` worker threads.
    static func sweepSeconds(_ loaded: LoadedConfig, threads: Int) throws(BenchmarkError) -> Double {
        let start = Clock.wallSeconds()
        do {
            _ = try ExperimentRunner(loaded: loaded, threads: threads).run(quiet: true)
        } catch {
            throw .setup("the benchmark sweep failed: \(error)")
        }
        return Clock.wallSeconds() - start
    }
}
