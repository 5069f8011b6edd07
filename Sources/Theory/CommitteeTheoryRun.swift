import GSL
import Model

/// Integrates a two-layer network's order parameters (docs/model.md §9) with GSL's odeiv2 and
/// samples them on the grid, with the single-unit rules for divergence and failures.
public enum CommitteeTheoryRun {
    public static func integrate(
        setup: CommitteeSetup, variant: TheoryVariant, initial: CommitteeState, grid: AlphaGrid,
        tolerances: ODETolerances = ODETolerances()
    ) throws(TheoryError) -> CommitteeTrajectory {
        if let reason = CommitteeFlow.refusal(setup: setup, variant: variant) {
            throw .unavailable(method: setup.unit.method, variant: variant, reason: reason)
        }
        let flow = CommitteeFlow(setup: setup, variant: variant)
        let K = setup.studentUnits, KStar = setup.teacherUnits, limit = setup.unit.divergenceQ
        let solver: ODESolver
        do {
            solver = try ODESolver(
                dimension: CommitteeState.packedCount(K, KStar), initialState: initial.packed, stepper: tolerances.stepper,
                relativeTolerance: tolerances.relative, absoluteTolerance: tolerances.absolute
            ) { _, y, dydt in
                let s = CommitteeState(packed: y, studentUnits: K, teacherUnits: KStar)
                guard s.isUsable(divergenceQ: limit), let d = flow.drift(s) else { return false }
                for i in d.indices { dydt[i] = d[i] }
                return true
            }
        } catch {
            return CommitteeTrajectory(states: [], outcome: .notComputed(reason: "\(error)"))
        }
        var states: [CommitteeState] = []
        for alpha in grid.alphas {
            let advance: ODESolver.Advance
            do { advance = try solver.advance(to: alpha) } catch {
                return CommitteeTrajectory(states: [], outcome: .notComputed(reason: "\(error)"))
            }
            switch advance {
            case .rejected(let t):
                return CommitteeTrajectory(states: states, outcome: .diverged(atAlpha: t))
            case .reached:
                let s = solver.state.withUnsafeBufferPointer { CommitteeState(packed: $0, studentUnits: K, teacherUnits: KStar) }
                guard s.isUsable(divergenceQ: limit) else { return CommitteeTrajectory(states: states, outcome: .diverged(atAlpha: alpha)) }
                states.append(s)
            }
        }
        return CommitteeTrajectory(states: states, outcome: .completed)
    }
}
