import Model

public enum SimulationRun {
    /// Trains one replica from its seed over the grid (docs/model.md §3), recording at every grid α.
    /// A step that blows up or a measured state that is non-finite or beyond the divergence
    /// threshold ends the record as `diverged` at that α. `engine` chooses the N-dimensional
    /// simulation or the exact reduced chain of docs/model.md §10 (same records, same rules).
    public static func replica(setup: TrainingSetup, grid: AlphaGrid, seed: UInt64, testSamples: Int,
                               engine: SimulationEngine = .full) -> ReplicaRecord {
        if engine == .reduced { return reducedReplica(setup: setup, grid: grid, seed: seed, testSamples: testSamples) }
        let replica = Replica(setup: setup, seed: seed)
        var testStream = NormalStream(seed: SplitMix64.mix(seed ^ 0x7465_7374))  // "test"
        var testScales = RandomStream(seed: SplitMix64.mix(seed ^ 0x7465_7374_7363))  // "testsc": docs/model.md §8's v
        var states: [OrderParameters] = [], tests: [Double] = [], testSEs: [Double] = []
        states.reserveCapacity(grid.count)
        let alphaPerStep = Double(setup.batchSize) / Double(setup.inputDimension)
        var t = 0
        for (target, alpha) in zip(grid.steps, grid.alphas) {
            while t < target {
                replica.step()
                t += 1
                if replica.blewUp {
                    return ReplicaRecord(seed: seed, trajectory: Trajectory(states: states, outcome: .diverged(atAlpha: Double(t) * alphaPerStep)),
                                         testError: tests, testErrorStandardError: testSEs)
                }
            }
            let p = replica.orderParameters
            guard p.isFinite, p.Q > 0, p.Q <= setup.divergenceQ else {
                return ReplicaRecord(seed: seed, trajectory: Trajectory(states: states, outcome: .diverged(atAlpha: alpha)),
                                     testError: tests, testErrorStandardError: testSEs)
            }
            states.append(p)
            if testSamples > 0 {
                let (mean, se) = replica.gaussianInputs
                    ? replica.testError(samples: testSamples, stream: &testStream)
                    : replica.testErrorWithInputModel(samples: testSamples, stream: &testStream, scales: &testScales)
                tests.append(mean); testSEs.append(se)
            }
        }
        return ReplicaRecord(seed: seed, trajectory: Trajectory(states: states, outcome: .completed),
                             testError: tests, testErrorStandardError: testSEs)
    }

    /// `replica` on the reduced chain: the same grid, divergence rule and record.
    static func reducedReplica(setup: TrainingSetup, grid: AlphaGrid, seed: UInt64, testSamples: Int) -> ReplicaRecord {
        let replica = ReducedReplica(setup: setup, seed: seed)
        var testStream = RandomStream(seed: SplitMix64.mix(seed ^ 0x7465_7374))  // "test"
        var states: [OrderParameters] = [], tests: [Double] = [], testSEs: [Double] = []
        states.reserveCapacity(grid.count)
        let alphaPerStep = Double(setup.batchSize) / Double(setup.inputDimension)
        var t = 0
        for (target, alpha) in zip(grid.steps, grid.alphas) {
            while t < target {
                replica.step()
                t += 1
                if replica.hasBlownUp {
                    return ReplicaRecord(seed: seed, trajectory: Trajectory(states: states, outcome: .diverged(atAlpha: Double(t) * alphaPerStep)),
                                         testError: tests, testErrorStandardError: testSEs)
                }
            }
            let p = replica.orderParameters
            guard p.isFinite, p.Q > 0, p.Q <= setup.divergenceQ else {
                return ReplicaRecord(seed: seed, trajectory: Trajectory(states: states, outcome: .diverged(atAlpha: alpha)),
                                     testError: tests, testErrorStandardError: testSEs)
            }
            states.append(p)
            if testSamples > 0 {
                let (mean, se) = replica.testError(samples: testSamples, stream: &testStream)
                tests.append(mean); testSEs.append(se)
            }
        }
        return ReplicaRecord(seed: seed, trajectory: Trajectory(states: states, outcome: .completed),
                             testError: tests, testErrorStandardError: testSEs)
    }
}
