/// The states of a two-layer run at the grid points it reached, and how it ended (docs/model.md §9).
public struct CommitteeTrajectory: Sendable {
    public var states: [CommitteeState]
    public var outcome: Outcome

    public init(states: [CommitteeState], outcome: Outcome) {
        self.states = states; self.outcome = outcome
    }
}

extension CommitteeState {
    /// Finite, every Q_kk in (0, limit]: the divergence rule of docs/model.md §3 per unit.
    public func isUsable(divergenceQ limit: Double) -> Bool {
        isFinite && smallestSelfOverlap > 0 && largestSelfOverlap <= limit
    }
}
