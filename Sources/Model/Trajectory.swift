/// How a run ended.
public enum Outcome: Sendable, Hashable {
    case completed
    /// The state became non-finite or Q exceeded the divergence threshold at this α.
    case diverged(atAlpha: Double)
    /// The theory could not be evaluated (a quadrature rule or GSL failed): nothing about the
    /// dynamics is known, so there are no states — never reported as a divergence.
    case notComputed(reason: String)

    /// The label written to CSV files.
    public var label: String {
        switch self {
        case .completed: "completed"
        case .diverged: "diverged"
        case .notComputed: "not_computed"
        }
    }

    public var divergenceAlpha: Double? {
        switch self {
        case .completed, .notComputed: nil
        case .diverged(let alpha): alpha
        }
    }
}

/// The state at the grid points a run reached, and how it ended. `states[k]` belongs to
/// `grid.alphas[k]`; a diverged run has fewer states than grid points, never a NaN one.
public struct Trajectory: Sendable {
    public var states: [OrderParameters]
    public var outcome: Outcome

    public init(states: [OrderParameters], outcome: Outcome) {
        self.states = states; self.outcome = outcome
    }
}
