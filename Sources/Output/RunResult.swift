import Config
import Model

/// One theory trajectory of a run and its observables.
public struct TheoryResult: Sendable {
    public var variant: TheoryVariant
    public var outcome: Outcome
    public var points: [Observables]

    public init(variant: TheoryVariant, outcome: Outcome, points: [Observables]) {
        self.variant = variant; self.outcome = outcome; self.points = points
    }
}

/// The simulation of a run: each replica's record and observables, and their seed average.
public struct SimulationResult: Sendable {
    public var replicas: [ReplicaRecord]
    /// Observables per replica per reached grid point.
    public var replicaPoints: [[Observables]]
    public var aggregate: SeedAggregate

    public init(replicas: [ReplicaRecord], replicaPoints: [[Observables]]) {
        self.replicas = replicas; self.replicaPoints = replicaPoints
        aggregate = SeedAggregate(replicas: replicaPoints, outcomes: replicas.map(\.trajectory.outcome))
    }
}

/// Everything one run (one sweep point) produced.
public struct RunResult: Sendable {
    public var spec: RunSpec
    public var setup: TrainingSetup
    public var grid: AlphaGrid
    public var theory: [TheoryResult]
    public var simulation: SimulationResult?
    /// The full order parameters of a two-layer run (docs/model.md §9); nil for the single-unit model.
    public var committee: CommitteeResult? = nil

    public init(spec: RunSpec, setup: TrainingSetup, grid: AlphaGrid, theory: [TheoryResult], simulation: SimulationResult?) {
        self.spec = spec; self.setup = setup; self.grid = grid; self.theory = theory; self.simulation = simulation
    }
}
