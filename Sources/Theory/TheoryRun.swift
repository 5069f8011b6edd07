import GSL
import Model

/// Error control of the theory's ODE integration.
public struct ODETolerances: Sendable, Hashable {
    public var relative: Double
    public var absolute: Double
    public var stepper: ODEStepper

    public init(relative: Double = 1e-8, absolute: Double = 1e-10, stepper: ODEStepper = .rk8pd) {
        self.relative = relative; self.absolute = absolute; self.stepper = stepper
    }
}

public enum TheoryError: Error, CustomStringConvertible, Equatable {
    /// The method has no theory of that variant (e.g. pn for sgd).
    case unavailable(method: Method, variant: TheoryVariant, reason: String)
    case integration(GSLError)
    /// A trajectory that ended as `Outcome.notComputed`, where a caller needs a value.
    case notComputed(reason: String)

    public var description: String {
        switch self {
        case .unavailable(let method, let variant, let reason):
            "no \(variant.rawValue) theory for method \(method.rawValue): \(reason)"
        case .integration(let error):
            "theory integration failed: \(error)"
        case .notComputed(let reason):
            "theory not computed: \(reason)"
        }
    }
}

/// Integrates the order-parameter ODEs of one run with GSL's odeiv2 and samples them on the grid.
public enum TheoryRun {
    /// The flow of a method and theory variant.
    public static func flow(for setup: TrainingSetup, variant: TheoryVariant) throws(TheoryError) -> any OrderParameterFlow {
        switch (setup.method, variant) {
        case (.sgd, .exact): return SGDFlow(setup: setup)
        case (.wn, .exact): return WNFlow(setup: setup)
        case (.sgd, .pn), (.sgd, .loss), (.wn, .pn), (.wn, .loss), (.sgd, .population), (.wn, .population):
            throw .unavailable(method: setup.method, variant: variant, reason: "only bn has the pn, loss and population variants")
        case (.bn, .population):
            // BN at inference: the population-normalized unit, no batch noise (docs/model.md §5 pn without ζ).
            return setup.inputs.noise == 0 ? WNFlow(setup: setup) : PNFlow(setup: setup)
        case (.bn, _):
            let refuse = { (reason: String) in TheoryError.unavailable(method: .bn, variant: variant, reason: reason + "; set theory.enabled: false to run the bn simulation alone") }
            if let reason = BatchAverager.check(activation: setup.activation, batchSize: setup.batchSize) { throw refuse(reason) }
            if let reason = BatchAverager.check(learnBeta: setup.learnBeta, initialBeta: setup.initial.beta) { throw refuse(reason) }
            if variant == .loss, let reason = BatchAverager.check(inputs: setup.inputs) { throw refuse(reason) }
            if variant == .exact, setup.inputs.kurtosis > 0,
               let reason = ScaleMixtureBatchTable.check(activation: setup.activation, batchSize: setup.batchSize, inputs: setup.inputs) { throw refuse(reason) }
            do {
                switch variant {
                case .exact: return try BNExactFlow(setup: setup)
                case .pn: return try BNPNFlow(setup: setup)
                case .loss:
                    if setup.activation != .relu { throw refuse("bn-loss rests on the homogeneity of relu") }
                    return try BNLossFlow(setup: setup)
                case .population:
                    preconditionFailure("handled above")
                }
            } catch let error as GSLError {
                throw .integration(error)
            } catch let error as TheoryError {
                throw error
            } catch {
                preconditionFailure("unexpected error \(error)")
            }
        }
    }

    /// The trajectory on `grid`. A state that turns non-finite, Q ≤ 0 or Q above the divergence
    /// threshold ends the run as `diverged` at the α the integrator had reached. A GSL failure (in
    /// building the quadrature rules or in the integrator) ends it as `notComputed`, without states.
    /// Throws only `unavailable`: a variant the theory does not have.
    public static func integrate(
        setup: TrainingSetup, variant: TheoryVariant = .exact, grid: AlphaGrid, tolerances: ODETolerances = ODETolerances()
    ) throws(TheoryError) -> Trajectory {
        let flow: any OrderParameterFlow
        do {
            flow = try self.flow(for: setup, variant: variant)
        } catch .integration(let error) {
            return Trajectory(states: [], outcome: .notComputed(reason: "\(error)"))
        }
        let limit = setup.divergenceQ
        func usable(_ p: OrderParameters) -> Bool { p.isFinite && p.Q > 0 && p.Q <= limit }

        let initial = setup.initial.orderParameters
        let solver: ODESolver
        do {
            solver = try ODESolver(
                dimension: 4, initialState: pack(initial), stepper: tolerances.stepper,
                relativeTolerance: tolerances.relative, absoluteTolerance: tolerances.absolute
            ) { _, y, dydt in
                let p = unpack(y)
                guard usable(p), let d = flow.drift(p), d.isFinite else { return false }
                dydt[0] = d.Q; dydt[1] = d.R; dydt[2] = d.gamma; dydt[3] = d.beta
                return true
            }
        } catch {
            return Trajectory(states: [], outcome: .notComputed(reason: "\(error)"))
        }
        var states: [OrderParameters] = []
        states.reserveCapacity(grid.count)
        for alpha in grid.alphas {
            let advance: ODESolver.Advance
            do { advance = try solver.advance(to: alpha) } catch { return Trajectory(states: [], outcome: .notComputed(reason: "\(error)")) }
            switch advance {
            case .rejected(let t):
                return Trajectory(states: states, outcome: .diverged(atAlpha: t))
            case .reached:
                let p = solver.state.withUnsafeBufferPointer { unpack($0) }
                guard usable(p) else { return Trajectory(states: states, outcome: .diverged(atAlpha: alpha)) }
                states.append(p)
            }
        }
        return Trajectory(states: states, outcome: .completed)
    }

    static func pack(_ p: OrderParameters) -> [Double] { [p.Q, p.R, p.gamma, p.beta] }
    static func unpack(_ y: UnsafeBufferPointer<Double>) -> OrderParameters {
        OrderParameters(Q: y[0], R: y[1], gamma: y[2], beta: y[3])
    }
}
