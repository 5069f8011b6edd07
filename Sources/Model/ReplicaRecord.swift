/// What one replica recorded: the measured order parameters at the grid points it reached,
/// the empirical test error there, and how it ended.
public struct ReplicaRecord: Sendable {
    public var seed: UInt64
    public var trajectory: Trajectory
    /// Empirical test error at each recorded point (NaN-free; empty when test_samples = 0).
    public var testError: [Double]
    /// Its standard error over the test samples.
    public var testErrorStandardError: [Double]
    /// Training on a finite set (docs/model.md §12): the loss over the training set at each recorded
    /// point, and for a binary task the classification errors on the training and held-out sets
    /// (empty otherwise).
    public var trainingLoss: [Double] = []
    public var trainingClassError: [Double] = []
    public var testClassError: [Double] = []
    /// On the training set, at each recorded point: the teacher's field's standard deviation and the
    /// correlation of the student's field with it (`DataReplica.trainingFields`).
    public var teacherFieldSD: [Double] = []
    public var fieldOverlap: [Double] = []

    public init(seed: UInt64, trajectory: Trajectory, testError: [Double], testErrorStandardError: [Double]) {
        self.seed = seed; self.trajectory = trajectory; self.testError = testError; self.testErrorStandardError = testErrorStandardError
    }
}

