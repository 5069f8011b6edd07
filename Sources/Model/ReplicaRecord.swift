/// What one replica recorded: the measured order parameters at the grid points it reached,
/// the empirical test error there, and how it ended.
public struct ReplicaRecord: Sendable {
    public var seed: UInt64
    public var trajectory: Trajectory
    /// Empirical test error at each recorded point (NaN-free; empty when test_samples = 0).
    public var testError: [Double]
    /// Its standard error over the test samples.
    public var testErrorStandardError: [Double]

    public init(seed: UInt64, trajectory: Trajectory, testError: [Double], testErrorStandardError: [Double]) {
        self.seed = seed; self.trajectory = trajectory; self.testError = testError; self.testErrorStandardError = testErrorStandardError
    }
}

