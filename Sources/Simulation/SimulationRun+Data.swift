import Model

extension SimulationRun {
    /// `replica` on a finite set of samples (`DataReplica`, docs/model.md §12): the same grid,
    /// divergence rule and order parameters; the test error is measured on the held-out split of a
    /// data file (all of it), or for a Gaussian training set on `testSamples` fresh Gaussian inputs
    /// as without data; the training loss and (±1 labels) the classification errors are recorded too.
    public static func replica(setup: TrainingSetup, data: SampleData, grid: AlphaGrid, seed: UInt64, testSamples: Int) -> ReplicaRecord {
        let runner = DataReplica(setup: setup, data: data, seed: seed)
        var testStream = NormalStream(seed: SplitMix64.mix(seed ^ 0x7465_7374))  // "test"
        var record = ReplicaRecord(seed: seed, trajectory: Trajectory(states: [], outcome: .completed), testError: [], testErrorStandardError: [])
        var states: [OrderParameters] = []
        let alphaPerStep = Double(setup.batchSize) / Double(setup.inputDimension)
        var t = 0
        func finish(_ outcome: Outcome) -> ReplicaRecord {
            record.trajectory = Trajectory(states: states, outcome: outcome)
            return record
        }
        for (target, alpha) in zip(grid.steps, grid.alphas) {
            while t < target {
                runner.step()
                t += 1
                if runner.hasBlownUp { return finish(.diverged(atAlpha: Double(t) * alphaPerStep)) }
            }
            let p = runner.replica.orderParameters
            guard p.isFinite, p.Q > 0, p.Q <= setup.divergenceQ else { return finish(.diverged(atAlpha: alpha)) }
            states.append(p)
            let training = runner.measure(on: runner.train, withTrainingNoise: true)
            record.trainingLoss.append(training.loss)
            let fields = runner.trainingFields()
            record.teacherFieldSD.append(fields.teacherSD); record.fieldOverlap.append(fields.overlap)
            if let test = data.test {
                let held = runner.measure(on: test)
                record.testError.append(held.loss); record.testErrorStandardError.append(held.standardError)
                if data.isBinary { record.trainingClassError.append(training.classError); record.testClassError.append(held.classError) }
            } else if testSamples > 0 {
                let (mean, se) = runner.replica.testError(samples: testSamples, stream: &testStream)
                record.testError.append(mean); record.testErrorStandardError.append(se)
            }
        }
        return finish(.completed)
    }
}
