import Model

/// A replica's finite training set and the order its rows are drawn in (docs/model.md §12), for
/// both engines (`DataReplica`, `CommitteeDataReplica`):
///
/// - online (data files only): each step takes M rows uniformly with replacement;
/// - offline: epochs over the set, each a fresh shuffle, read M rows at a time (a batch that
///   reaches the end of an epoch continues in the next one's shuffle); M = P is full-batch GD.
///
/// The sampling stream is the replica's own (seeded from its seed), so replicas differ in their
/// batches, and share the data set.
struct SetSampler {
    let trainingProtocol: TrainingProtocol
    /// The training set: the data file's training split, or this replica's Gaussian inputs.
    let train: SampleSet
    /// σ·ξ per training sample, fixed once (offline with label noise); empty otherwise.
    let fixedNoise: [Double]
    var sampler: RandomStream
    var order: [Int]
    var position = 0
    /// The rows of the current batch, in sample order.
    var rows: [Int]

    init(data: SampleData, inputDimension N: Int, batchSize M: Int, teacherNoise sigma: Double, seed: UInt64) {
        trainingProtocol = data.trainingProtocol
        sampler = RandomStream(seed: SplitMix64.mix(seed ^ 0x7361_6D70_6C65))  // "sample"
        if let set = data.train {
            train = set
        } else {
            var inputs = RandomStream(seed: SplitMix64.mix(seed ^ 0x7472_6169_6E73_6574))  // "trainset"
            let count = data.gaussianCount
            train = SampleSet(count: count, dimension: N, inputs: (0..<(count * N)).map { _ in inputs.normal() }, labels: nil)
        }
        var noise = sampler
        fixedNoise = data.trainingProtocol == .offline && sigma > 0 && train.labels == nil
            ? (0..<train.count).map { _ in sigma * noise.normal() } : []
        sampler = noise
        order = Array(0..<train.count)
        rows = Array(repeating: 0, count: M)
        if data.trainingProtocol == .offline { shuffle() }
    }

    private mutating func shuffle() {
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(sampler.next() % UInt64(i + 1))) }
        position = 0
    }

    /// The next batch's M rows into `rows`.
    mutating func nextBatch() {
        for i in 0..<rows.count {
            switch trainingProtocol {
            case .online:
                rows[i] = Int(sampler.next() % UInt64(train.count))
            case .offline:
                if position == order.count { shuffle() }
                rows[i] = order[position]; position += 1
            }
        }
    }

    /// The labels of the current batch, with label noise drawn from `rng` where it is not fixed.
    func labels(drawingFrom rng: NormalStream, sigma: Double) -> SetLabels {
        SetLabels(rows: rows, targets: train.labels, fixedNoise: fixedNoise,
                  drawn: DrawnLabelNoise(rng: rng, sigma: fixedNoise.isEmpty ? sigma : 0))
    }
}

/// The loss ½(y − ŷ)² of predictions against targets, its standard error, and for ±1 labels the
/// fraction with sign(ŷ) ≠ y (NaN without labels): docs/model.md §12's measurements, both engines.
func setScore(predictions: [Double], targets: [Double], labels: [Double]?) -> (loss: Double, standardError: Double, classError: Double) {
    var sum = 0.0, sumSquares = 0.0, wrong = 0
    for i in predictions.indices {
        let e = 0.5 * (targets[i] - predictions[i]) * (targets[i] - predictions[i])
        sum += e; sumSquares += e * e
        if let y = labels?[i], (predictions[i] > 0 ? 1.0 : -1.0) != y { wrong += 1 }
    }
    let count = Double(predictions.count), mean = sum / count
    let variance = predictions.count > 1 ? max(0, (sumSquares - count * mean * mean) / (count - 1)) : 0
    return (mean, (variance / count).squareRoot(), labels == nil ? .nan : Double(wrong) / count)
}
