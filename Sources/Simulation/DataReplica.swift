import Model

/// A replica trained on a finite set of samples instead of fresh Gaussian inputs (docs/model.md §12):
/// the rows of a data file, or P = α_P·N Gaussian inputs drawn once per replica. The teacher,
/// student and update are `Replica`'s; only where the batch comes from differs.
///
/// - online (data files only): each step takes M rows uniformly with replacement;
/// - offline: epochs over the set, each a fresh shuffle, read M rows at a time (a batch that
///   reaches the end of an epoch continues in the next one's shuffle); M = P is full-batch GD.
///
/// The sampling stream is the replica's own (seeded from its seed), so replicas differ in their
/// batches, teachers and initial students, and share the data set.
public final class DataReplica {
    public let replica: Replica
    public let data: SampleData
    /// The training set: the data file's training split, or this replica's Gaussian inputs.
    public let train: SampleSet
    /// σ·ξ per training sample, fixed once (offline with label noise); empty otherwise.
    public let fixedNoise: [Double]
    var sampler: RandomStream
    var order: [Int]
    var position = 0
    var rows: [Int]

    public init(setup: TrainingSetup, data: SampleData, seed: UInt64) {
        replica = Replica(setup: setup, seed: seed)
        self.data = data
        sampler = RandomStream(seed: SplitMix64.mix(seed ^ 0x7361_6D70_6C65))  // "sample"
        if let set = data.train {
            train = set
        } else {
            var inputs = RandomStream(seed: SplitMix64.mix(seed ^ 0x7472_6169_6E73_6574))  // "trainset"
            let count = data.gaussianCount, N = setup.inputDimension
            train = SampleSet(count: count, dimension: N, inputs: (0..<(count * N)).map { _ in inputs.normal() }, labels: nil)
        }
        let sigma = setup.teacherNoise
        var noise = sampler
        fixedNoise = data.trainingProtocol == .offline && sigma > 0 && train.labels == nil
            ? (0..<train.count).map { _ in sigma * noise.normal() } : []
        sampler = noise
        order = Array(0..<train.count)
        rows = Array(repeating: 0, count: setup.batchSize)
        if data.trainingProtocol == .offline { shuffle() }
    }

    private func shuffle() {
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(sampler.next() % UInt64(i + 1))) }
        position = 0
    }

    /// One step on M rows of the set.
    public func step() {
        let M = replica.M, N = replica.N
        for i in 0..<M {
            switch data.trainingProtocol {
            case .online:
                rows[i] = Int(sampler.next() % UInt64(train.count))
            case .offline:
                if position == order.count { shuffle() }
                rows[i] = order[position]; position += 1
            }
        }
        let invSqrtN = 1 / Double(N).squareRoot()
        train.inputs.withUnsafeBufferPointer { inputs in
            for (i, r) in rows.enumerated() {
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
        var labels = SetLabels(rows: rows, targets: train.labels, fixedNoise: fixedNoise,
                               drawn: DrawnLabelNoise(rng: replica.rng, sigma: fixedNoise.isEmpty ? replica.setup.teacherNoise : 0))
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

    /// The quality of the current student on `set`: the mean loss ½(y − ŷ)² with its standard error,
    /// and for ±1 labels the fraction with sign(ŷ) ≠ y. The target is the set's label, or the
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
        var sum = 0.0, sumSquares = 0.0, wrong = 0
        for i in 0..<set.count {
            let prediction = g.value(readout(studentFields[i]))
            var target = set.labels?[i] ?? g.value(teacherFields[i])
            if withTrainingNoise && set.labels == nil && !fixedNoise.isEmpty { target += fixedNoise[i] }
            let e = 0.5 * (target - prediction) * (target - prediction)
            sum += e; sumSquares += e * e
            if let y = set.labels?[i], (prediction > 0 ? 1.0 : -1.0) != y { wrong += 1 }
        }
        let count = Double(set.count), mean = sum / count
        let variance = set.count > 1 ? max(0, (sumSquares - count * mean * mean) / (count - 1)) : 0
        return (mean, (variance / count).squareRoot(), set.labels == nil ? .nan : Double(wrong) / count)
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
