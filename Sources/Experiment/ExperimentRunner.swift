import Config
import Datasets
import Foundation
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
    /// The data sets of runs that train on finite sets (docs/model.md §12), read once.
    let dataSets = DataSetLoader()

    public init(loaded: LoadedConfig, threads: Int) {
        self.loaded = loaded; self.threads = max(1, threads)
    }

    /// Reads and checks every data file the runs train on, before any work: a missing or malformed
    /// file is a `DataFileError` naming it.
    public func checkDataAvailable() throws(DataFileError) {
        for spec in loaded.runs { _ = try dataSets.data(for: spec.config) }
    }

    /// One unit of work: a theory trajectory or one simulation replica of one run.
    enum Job: Sendable {
        case theory(run: Int, variant: TheoryVariant)
        case replica(run: Int, index: Int)
    }

    enum JobOutput: Sendable {
        case theory(Result<Trajectory, TheoryError>)
        case replica(ReplicaRecord)
        /// Two-layer runs (docs/model.md §9, `ExperimentRunner+Committee`).
        case committeeTheory(Result<[CommitteeTrajectory], TheoryError>)
        case committeeReplica(CommitteeReplicaRecord)
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

    /// Refuses, before any work starts, a run whose theory variant does not exist. A variant that
    /// exists but fails to build (a GSL failure) is not refused: that run's outcome says `not computed`.
    public func checkTheoryAvailable() throws(TheoryError) {
        for spec in loaded.runs where spec.config.theory.enabled {
            if CommitteeShape(spec.config).isCommittee { try Self.checkCommitteeTheory(spec.config); continue }
            for variant in Self.variants(for: spec.config) {
                do {
                    _ = try TheoryRun.flow(for: spec.config.trainingSetup(), variant: variant)
                } catch .integration {
                    continue
                }
            }
        }
    }

    /// Every run, in run order. Throws the first failure in run order (after all jobs are done).
    public func run(quiet: Bool = false) throws(TheoryError) -> [RunResult] {
        let collected = Collected(count: loaded.runs.count)
        try run(indices: Array(loaded.runs.indices), quiet: quiet) { index, result in collected.store(result, at: index) }
        return try collected.values().map { result throws(TheoryError) in try result.get() }
    }

    /// Runs the runs at `indices` (positions in `loaded.runs`): all their jobs share one pool of
    /// worker threads, handed out in the order of `indices`, so the early runs finish first.
    /// `finished` gets each run's result as soon as its last job is done — from a worker thread,
    /// one call at a time — so a caller can store it while the rest computes. A run's result
    /// depends only on the run (seeds are derived from its id), never on which other runs, how
    /// many threads or what order.
    ///
    /// Once `stop()` returns true no further job starts (for a caller that cannot store results,
    /// e.g. on a full disk: the rest of the sweep would be computed for nothing).
    public func run(indices: [Int], quiet: Bool, stop: @escaping @Sendable () -> Bool = { false },
                    finished: @escaping @Sendable (Int, Result<RunResult, TheoryError>) -> Void) throws(TheoryError) {
        try checkTheoryAvailable()
        let runs = loaded.runs
        var jobs: [(run: Int, position: Int, job: Job)] = []
        var jobCounts: [Int] = []
        for (slot, i) in indices.enumerated() {
            let c = runs[i].config
            var runJobs: [Job] = []
            if c.theory.enabled { runJobs += Self.variants(for: c).map { .theory(run: i, variant: $0) } }
            if c.simulation.enabled { runJobs += (0..<c.simulation.replicas).map { .replica(run: i, index: $0) } }
            jobs += runJobs.enumerated().map { (slot, $0, $1) }
            jobCounts.append(runJobs.count)
        }
        let collector = Collector(jobCounts: jobCounts)
        let runner = self, jobList = jobs, indexList = indices
        // A run without jobs (both engines disabled) is finished before anything starts.
        for (slot, count) in jobCounts.enumerated() where count == 0 {
            collector.deliver { finished(indexList[slot], runner.assemble(indexList[slot], [], [])) }
        }
        let progress = Progress(total: jobs.count, label: "bnsim \(loaded.base.name):", unit: "jobs (theory runs and simulation replicas)", quiet: quiet)
        ParallelJobs.forEach(count: jobs.count, threads: threads, stop: stop) { k in
            let (slot, position, job) = jobList[k]
            let output = runner.compute(job)
            progress.advance()
            guard let outputs = collector.store(output, slot: slot, position: position) else { return }
            let i = indexList[slot]
            let result = runner.assemble(i, outputs.enumerated().map { jobList[k - position + $0.offset].job }, outputs)
            collector.deliver { finished(i, result) }
        }
    }

    func compute(_ job: Job) -> JobOutput {
        if let output = computeCommittee(job) { return output }
        switch job {
        case .theory(let i, let variant):
            let c = loaded.runs[i].config
            do throws(TheoryError) {
                return .theory(.success(try TheoryRun.integrate(
                    setup: c.trainingSetup(), variant: variant, grid: Self.grid(for: c), tolerances: Self.tolerances(for: c))))
            } catch {
                return .theory(.failure(error))
            }
        case .replica(let i, let index):
            let c = loaded.runs[i].config
            let seed = Self.replicaSeed(c, runID: loaded.runs[i].id, index: index)
            // Checked before any work (`checkDataAvailable`), so reading again cannot fail here.
            if let data = try? dataSets.data(for: c) {
                return .replica(SimulationRun.replica(setup: c.trainingSetup(), data: data, grid: Self.grid(for: c), seed: seed,
                                                      testSamples: c.simulation.testSamples))
            }
            return .replica(SimulationRun.replica(setup: c.trainingSetup(), grid: Self.grid(for: c), seed: seed,
                                                  testSamples: c.simulation.testSamples, engine: c.simulation.engine))
        }
    }

    /// One run's result from its jobs' outputs (in job order: theory variants, then replicas).
    func assemble(_ i: Int, _ jobs: [Job], _ outputs: [JobOutput]) -> Result<RunResult, TheoryError> {
        let spec = loaded.runs[i]
        if CommitteeShape(spec.config).isCommittee { return assembleCommittee(i, jobs, outputs) }
        var result = RunResult(spec: spec, setup: spec.config.trainingSetup(), grid: Self.grid(for: spec.config), theory: [], simulation: nil)
        var replicas: [ReplicaRecord] = []
        let setup = result.setup
        let averager = GaussianAverager(setup: setup)
        for (job, output) in zip(jobs, outputs) {
            switch (job, output) {
            case (.theory(_, let variant), .theory(let outcome)):
                let trajectory: Trajectory
                switch outcome {
                case .success(let t): trajectory = t
                case .failure(let error): return .failure(error)
                }
                let points = trajectory.states.map { Observables($0, setup: setup, averager: averager) }
                result.theory.append(TheoryResult(variant: variant, outcome: trajectory.outcome, points: points))
            case (.replica, .replica(let record)):
                replicas.append(record)
            default:
                preconditionFailure("job and output kinds always match")
            }
        }
        if spec.config.simulation.enabled {
            let points = replicas.map { record in
                record.trajectory.states.enumerated().map { k, p in
                    Observables(p, setup: setup, averager: averager, testError: k < record.testError.count ? record.testError[k] : .nan)
                }
            }
            result.simulation = SimulationResult(replicas: replicas, replicaPoints: points)
        }
        return .success(result)
    }

    /// Gathers each run's job outputs until its last job is done; then hands them over once and
    /// forgets them, so memory holds only the runs in progress.
    final class Collector: @unchecked Sendable {
        private var outputs: [[JobOutput?]]
        private var remaining: [Int]
        private let lock = NSLock(), deliveryLock = NSLock()

        init(jobCounts: [Int]) {
            outputs = jobCounts.map { Array(repeating: nil, count: $0) }
            remaining = jobCounts
        }

        /// Stores one output; returns the run's outputs in job order when it was the last.
        func store(_ output: JobOutput, slot: Int, position: Int) -> [JobOutput]? {
            lock.lock(); defer { lock.unlock() }
            outputs[slot][position] = output
            remaining[slot] -= 1
            guard remaining[slot] == 0 else { return nil }
            let done = outputs[slot].map { $0! }
            outputs[slot] = []
            return done
        }

        /// Runs `body` while no other delivery runs.
        func deliver(_ body: () -> Void) {
            deliveryLock.lock(); defer { deliveryLock.unlock() }
            body()
        }
    }

    /// Results stored by index from worker threads.
    final class Collected: @unchecked Sendable {
        private var results: [Result<RunResult, TheoryError>?]
        private let lock = NSLock()
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func store(_ result: Result<RunResult, TheoryError>, at index: Int) { lock.lock(); results[index] = result; lock.unlock() }
        func values() -> [Result<RunResult, TheoryError>] { results.map { $0! } }
    }
}
