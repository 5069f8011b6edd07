import Model

/// A two-layer replica (docs/model.md §9) trained on a finite set of samples (docs/model.md §12):
/// the rows of a data file, or P = α_P·N Gaussian inputs drawn once per replica, sampled by
/// `SetSampler` exactly as for the single unit. The teacher, student and update are
/// `CommitteeReplica`'s; only where the batch and its labels come from differs.
public final class CommitteeDataReplica {
    public let replica: CommitteeReplica
    public let data: SampleData
    var sampling: SetSampler

    public init(setup: CommitteeSetup, data: SampleData, seed: UInt64) {
        replica = CommitteeReplica(setup: setup, seed: seed)
        self.data = data
        let unit = setup.unit
        sampling = SetSampler(data: data, inputDimension: unit.inputDimension, batchSize: unit.batchSize,
                              teacherNoise: unit.teacherNoise, seed: seed)
    }

    /// The training set: the data file's training split, or this replica's Gaussian inputs.
    public var train: SampleSet { sampling.train }
    /// σ·ξ per training sample, fixed once (offline with label noise); empty otherwise.
    public var fixedNoise: [Double] { sampling.fixedNoise }

    /// One step on M rows of the set: labels are the set's ±1, or the two-layer teacher's
    /// Σ_m v*_m·g(h*_m) on the real inputs plus the row's fixed noise (offline) or noise drawn now.
    public func step() {
        sampling.nextBatch()
        replica.load(rows: sampling.rows, of: sampling.train)
        var labels = sampling.labels(drawingFrom: replica.rng, sigma: replica.unit.teacherNoise)
        replica.setLabels(&labels)
        replica.rng = labels.drawn.rng
        replica.update()
    }

    public var hasBlownUp: Bool { replica.blewUp }

    /// The quality of the current network on `set` (`setScore`): the target is the set's label, or the
    /// teacher's output (plus the sample's fixed label noise when `withTrainingNoise`). bn predicts
    /// with each unit's population statistics: the mean and spread of h_k over the training set.
    public func measure(on set: SampleSet, withTrainingNoise: Bool = false) -> (loss: Double, standardError: Double, classError: Double) {
        let r = replica, K = r.K, KStar = r.KStar, g = r.unit.activation
        let (teacherFields, studentFields) = r.fields(of: set)
        let trainFields = r.unit.method == .bn && set !== train ? r.fields(of: train).student : studentFields
        let P = Double(set === train ? set.count : train.count)
        var readout: [(Double) -> Double] = []
        for k in 0..<K {
            let gamma = r.gamma[k], beta = r.beta[k]
            switch r.unit.method {
            case .sgd: readout.append { $0 }
            case .wn:
                let sqrtQ = (r.normSquared[k] / Double(r.N)).squareRoot()
                readout.append { gamma * $0 / sqrtQ + beta }
            case .bn:
                let h = trainFields[k]
                let mean = h.reduce(0, +) / P
                let sd = (h.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / P).squareRoot()
                readout.append { gamma * ($0 - mean) / sd + beta }
            }
        }
        var predictions = [Double](repeating: 0, count: set.count), targets = predictions
        for i in 0..<set.count {
            for k in 0..<K { predictions[i] += r.v[k] * g.value(readout[k](studentFields[k][i])) }
            if let labels = set.labels {
                targets[i] = labels[i]
            } else {
                for m in 0..<KStar { targets[i] += r.setup.teacherSecondLayer[m] * g.value(teacherFields[m][i]) }
                if withTrainingNoise && !fixedNoise.isEmpty { targets[i] += fixedNoise[i] }
            }
        }
        return setScore(predictions: predictions, targets: targets, labels: set.labels)
    }
}

extension CommitteeReplica {
    /// The batch from rows of `set` (zero-padded) and its K* + K fields.
    func load(rows: [Int], of set: SampleSet) {
        let invSqrtN = 1 / Double(N).squareRoot()
        set.inputs.withUnsafeBufferPointer { inputs in
            for (i, r) in rows.enumerated() {
                let x = batch + i * padded
                for j in 0..<padded { x[j] = j < N ? inputs[r * N + j] : 0 }
                for m in 0..<KStar { teacherFields[m * M + i] = Kernel.dot(x, teacher + m * padded, padded: padded) * invSqrtN }
                for k in 0..<K { studentFields[k * M + i] = Kernel.dot(x, student + k * padded, padded: padded) * invSqrtN }
            }
        }
    }

    /// Every row's fields: teacher[m][i] = w*_m·x_i/√N and student[k][i] = w_k·x_i/√N.
    func fields(of set: SampleSet) -> (teacher: [[Double]], student: [[Double]]) {
        let invSqrtN = 1 / Double(N).squareRoot()
        var t = [[Double]](repeating: [Double](repeating: 0, count: set.count), count: KStar)
        var h = [[Double]](repeating: [Double](repeating: 0, count: set.count), count: K)
        set.inputs.withUnsafeBufferPointer { inputs in
            for i in 0..<set.count {
                for j in 0..<padded { noiseRow[j] = j < N ? inputs[i * N + j] : 0 }  // scratch row, padded
                for m in 0..<KStar { t[m][i] = Kernel.dot(noiseRow, teacher + m * padded, padded: padded) * invSqrtN }
                for k in 0..<K { h[k][i] = Kernel.dot(noiseRow, student + k * padded, padded: padded) * invSqrtN }
            }
        }
        return (t, h)
    }
}

extension CommitteeSimulation {
    /// `replica` on a finite set of samples (`CommitteeDataReplica`, docs/model.md §12): the same grid,
    /// divergence rule and order parameters; the test error on the held-out split of a data file, or
    /// for a Gaussian training set on `testSamples` fresh Gaussian inputs; the training loss and (±1
    /// labels) the classification errors, as `SimulationRun` records them for one unit.
    public static func replica(setup: CommitteeSetup, data: SampleData, grid: AlphaGrid, seed: UInt64, testSamples: Int) -> CommitteeReplicaRecord {
        let runner = CommitteeDataReplica(setup: setup, data: data, seed: seed)
        var testStream = NormalStream(seed: SplitMix64.mix(seed ^ 0x7465_7374))  // "test"
        var testScales = RandomStream(seed: SplitMix64.mix(seed ^ 0x7465_7374_7363))  // "testsc"
        var record = CommitteeReplicaRecord(seed: seed, trajectory: CommitteeTrajectory(states: [], outcome: .completed),
                                            testError: [], testErrorStandardError: [])
        var states: [CommitteeState] = []
        let alphaPerStep = Double(setup.unit.batchSize) / Double(setup.unit.inputDimension)
        func finish(_ outcome: Outcome) -> CommitteeReplicaRecord {
            record.trajectory = CommitteeTrajectory(states: states, outcome: outcome)
            return record
        }
        var t = 0
        for (target, alpha) in zip(grid.steps, grid.alphas) {
            while t < target {
                runner.step()
                t += 1
                if runner.hasBlownUp { return finish(.diverged(atAlpha: Double(t) * alphaPerStep)) }
            }
            let s = runner.replica.state
            guard s.isUsable(divergenceQ: setup.unit.divergenceQ) else { return finish(.diverged(atAlpha: alpha)) }
            states.append(s)
            let training = runner.measure(on: runner.train, withTrainingNoise: true)
            record.trainingLoss.append(training.loss)
            if let test = data.test {
                let held = runner.measure(on: test)
                record.testError.append(held.loss); record.testErrorStandardError.append(held.standardError)
                if data.isBinary { record.trainingClassError.append(training.classError); record.testClassError.append(held.classError) }
            } else if testSamples > 0 {
                let (mean, se) = runner.replica.testError(samples: testSamples, stream: &testStream, scales: &testScales)
                record.testError.append(mean); record.testErrorStandardError.append(se)
            }
        }
        return finish(.completed)
    }
}
