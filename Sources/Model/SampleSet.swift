/// A finite set of inputs, standardized (docs/model.md §12), with optional labels: the rows a
/// simulation trains on instead of fresh Gaussian samples. Shared read-only by every replica.
public final class SampleSet: Sendable {
    public let count: Int
    public let dimension: Int
    /// Row-major, `count × dimension`.
    public let inputs: [Double]
    /// ±1 per row (`data.task: binary`); nil when the replica's teacher labels the rows.
    public let labels: [Double]?

    public init(count: Int, dimension: Int, inputs: [Double], labels: [Double]?) {
        precondition(inputs.count == count * dimension && (labels == nil || labels!.count == count))
        self.count = count; self.dimension = dimension; self.inputs = inputs; self.labels = labels
    }
}

/// Where a simulation's samples come from (docs/model.md §12).
///
/// - `online` (with `SampleSet`): every step draws M rows uniformly with replacement from the
///   training set (online learning on the empirical distribution); test error on the held-out set.
/// - `offline` (with `SampleSet`, or nil: P Gaussian inputs drawn once per replica): epochs over the
///   fixed set, each a fresh seeded shuffle cut into mini-batches of M (M = P: full-batch GD).
public struct SampleData: Sendable {
    public let trainingProtocol: TrainingProtocol
    /// The data set's training split; nil for Gaussian inputs (drawn by the replica).
    public let train: SampleSet?
    /// The held-out split (nil: fresh Gaussian test samples, as without data).
    public let test: SampleSet?
    /// P for offline Gaussian data (a data set's P is `train.count`).
    public let gaussianCount: Int

    public init(trainingProtocol: TrainingProtocol, train: SampleSet?, test: SampleSet?, gaussianCount: Int = 0) {
        self.trainingProtocol = trainingProtocol; self.train = train; self.test = test; self.gaussianCount = gaussianCount
    }

    /// Samples in the training set.
    public var trainingCount: Int { train?.count ?? gaussianCount }
    /// Whether labels are ±1 classes (classification error is reported) rather than the teacher's.
    public var isBinary: Bool { train?.labels != nil }
}
