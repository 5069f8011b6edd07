import Model

/// A replica trained on a finite set of samples instead of fresh Gaussian inputs (docs/model.md §12):
/// the rows of a data file, or P = α_P·N Gaussian inputs drawn once per replica. The teacher,
/// student and update are `Replica`'s; only where the batch comes from differs.
///
/// The rows and their order come from `SetSampler` (online with replacement, or offline epochs of
/// shuffles), the same for the two-layer engine (`CommitteeDataReplica`).
public final class DataReplica {
    public let replica: Replica
    public let data: SampleData
    var sampling: SetSampler

    public init(setup: TrainingSetup, data: SampleData, seed: UInt64) {
        replica = Replica(setup: setup, seed: seed)
        self.data = data
        sampling = SetSampler(data: data, inputDimension: setup.inputDimension, batchSize: setup.batchSize,
                              teacherNoise: setup.teacherNoise, seed: seed)
    }

    /// The training set: the data file's training split, or this replica's Gaussian inputs.
    public var train: SampleSet { sampling.train }
    /// σ·ξ per training sample, fixed once (offline with label noise); empty otherwise.
    public var fixedNoise: [Double] { sampling.fixedNoise }

    /// One step on M rows of the set.
    public func step() {
        sampling.nextBatch()
        let N = replica.N
        let invSqrtN = 1 / Double(N).squareRoot()
        sampling.train.inputs.withUnsafeBufferPointer { inputs in
            for (i, r) in sampling.rows.enumerated() {
                let x = replica.batch + i * replica.padded
                var dT = 0.0, dS = 0.0
                for j in 0..<N {
                    let v = inputs[r * N + j]
                    x[j] = v; dT += replica.teacher[j] * v; dS += replica.student[j] * v
                }
                replica.teacherFields[i] = dT * invSqrtN
                replica.studentFields[i] = dS * invSqrtN
            }
        }
        var labels = sampling.labels(drawingFrom: replica.rng, sigma: replica.setup.teacherNoise)
        replica.applyUpdate(labelNoise: &labels)
        replica.rng = labels.drawn.rng
    }

    public var hasBlownUp: Bool { replica.blewUp }

    /// The fields on the training set (docs/model.md §12): the teacher's field h* = w*·x/√N has
    /// standard deviation `teacherSD` (1 in the Gaussian model; on real data it depends on how w*
    /// lies in the inputs' covariance, and it is the output scale γ must reach), and the student's
    /// field h correlates with it by `overlap` (r in the Gaussian model).
    public func trainingFields() -> (teacherSD: Double, overlap: Double) {
        let N = replica.N, P = train.count
        var sT = 0.0, sS = 0.0, sTT = 0.0, sSS = 0.0, sTS = 0.0
        train.inputs.withUnsafeBufferPointer { x in
            for i in 0..<P {
                var t = 0.0, h = 0.0
                for j in 0..<N { t += replica.teacher[j] * x[i * N + j]; h += replica.student[j] * x[i * N + j] }
                sT += t; sS += h; sTT += t * t; sSS += h * h; sTS += t * h
            }
        }
        let n = Double(P), scale = 1 / Double(N)
        let varT = max(0, sTT / n - (sT / n) * (sT / n)), varS = max(0, sSS / n - (sS / n) * (sS / n))
        let cov = sTS / n - (sT / n) * (sS / n)
        return ((varT * scale).squareRoot(), varT > 0 && varS > 0 ? cov / (varT * varS).squareRoot() : .nan)
    }

    /// The quality of the current student on `set` (`setScore`): the mean loss ½(y − ŷ)² with its
    /// standard error, and for ±1 labels the fraction with sign(ŷ) ≠ y. The target is the set's label, or the
    /// teacher's g(h*) (plus the sample's fixed label noise when `withTrainingNoise`).
    /// bn predicts with population statistics: the mean and spread of h over the training set.
    public func measure(on set: SampleSet, withTrainingNoise: Bool = false) -> (loss: Double, standardError: Double, classError: Double) {
        let N = replica.N, invSqrtN = 1 / Double(N).squareRoot()
        let g = replica.setup.activation
        let fields = { (s: SampleSet) -> (teacher: [Double], student: [Double]) in
            var t = [Double](repeating: 0, count: s.count), h = t
            s.inputs.withUnsafeBufferPointer { x in
                for i in 0..<s.count {
                    var dT = 0.0, dS = 0.0
                    for j in 0..<N { dT += self.replica.teacher[j] * x[i * N + j]; dS += self.replica.student[j] * x[i * N + j] }
                    t[i] = dT * invSqrtN; h[i] = dS * invSqrtN
                }
            }
            return (t, h)
        }
        let (teacherFields, studentFields) = fields(set)
        let gamma = replica.gamma, beta = replica.beta
        let readout: (Double) -> Double
        switch replica.setup.method {
        case .sgd: readout = { $0 }
        case .wn:
            let sqrtQ = replica.orderParameters.Q.squareRoot()
            readout = { gamma * $0 / sqrtQ + beta }
        case .bn:
            let h = set === train ? studentFields : fields(train).student
            let mean = h.reduce(0, +) / Double(h.count)
            let sd = (h.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(h.count)).squareRoot()
            readout = { gamma * ($0 - mean) / sd + beta }
        }
        let predictions = studentFields.map { g.value(readout($0)) }
        let targets = (0..<set.count).map { i in
            var target = set.labels?[i] ?? g.value(teacherFields[i])
            if withTrainingNoise && set.labels == nil && !fixedNoise.isEmpty { target += fixedNoise[i] }
            return target
        }
        return setScore(predictions: predictions, targets: targets, labels: set.labels)
    }
}

/// The labels of one batch of set rows, in sample order: the set's ±1 labels, or the teacher's
/// g(h*) plus the row's fixed noise (offline) or noise drawn now (online).
struct SetLabels: LabelNoiseSource {
    let rows: [Int]
    let targets: [Double]?
    public let fixedNoise: [Double]
    var drawn: DrawnLabelNoise
    var index = 0

    mutating func next() -> Double {
        defer { index += 1 }
        return fixedNoise.isEmpty ? drawn.next() : fixedNoise[rows[index]]
    }

    mutating func label(teacherValue: Double) -> Double {
        if let targets { defer { index += 1 }; return targets[rows[index]] }
        return teacherValue + next()
    }
}
