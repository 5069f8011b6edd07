internal import CGSL

/// The explicit Runge–Kutta steppers of GSL's odeiv2 that bnsim offers.
public enum ODEStepper: String, CaseIterable, Sendable {
    /// Prince–Dormand 8(9): the default, efficient at tight tolerances.
    case rk8pd
    /// Runge–Kutta–Fehlberg 4(5).
    case rkf45
    /// Cash–Karp 4(5).
    case rkck

    fileprivate var gslType: UnsafePointer<gsl_odeiv2_step_type> {
        switch self {
        case .rk8pd: bnsim_step_rk8pd()
        case .rkf45: bnsim_step_rkf45()
        case .rkck: bnsim_step_rkck()
        }
    }
}

/// The right-hand side of dy/dt = f(t, y). It writes f into `derivative` and returns `false`
/// when the state is unusable (non-finite or beyond a divergence threshold); the solver then
/// stops and reports the time it had reached.
public typealias ODERightHandSide = (_ t: Double, _ y: UnsafeBufferPointer<Double>, _ derivative: UnsafeMutableBufferPointer<Double>) -> Bool

/// Adaptive integration of an ODE system with GSL's odeiv2 driver (error control on
/// `absoluteTolerance + relativeTolerance·|y|`).
///
/// One solver owns one GSL driver; it is not thread-safe, so give each run its own.
public final class ODESolver {
    public enum Advance: Equatable, Sendable {
        /// The state reached the requested time.
        case reached
        /// The right-hand side rejected the state: the last accepted time is returned.
        case rejected(atTime: Double)
    }

    private final class Box {
        let rhs: ODERightHandSide
        let dimension: Int
        init(rhs: @escaping ODERightHandSide, dimension: Int) { self.rhs = rhs; self.dimension = dimension }
    }

    public let dimension: Int
    public private(set) var time: Double
    public private(set) var state: [Double]

    private let box: Box
    private let boxPointer: UnsafeMutableRawPointer
    private var system: UnsafeMutablePointer<gsl_odeiv2_system>
    private var driver: UnsafeMutablePointer<gsl_odeiv2_driver>

    public init(
        dimension: Int,
        initialState: [Double],
        startTime: Double = 0,
        stepper: ODEStepper = .rk8pd,
        relativeTolerance: Double,
        absoluteTolerance: Double,
        initialStep: Double = 1e-3,
        rhs: @escaping ODERightHandSide
    ) throws(GSLError) {
        precondition(initialState.count == dimension, "state has \(initialState.count) components, expected \(dimension)")
        GSLRuntime.prepare()
        self.dimension = dimension
        self.time = startTime
        self.state = initialState
        self.box = Box(rhs: rhs, dimension: dimension)
        self.boxPointer = Unmanaged.passUnretained(box).toOpaque()
        system = .allocate(capacity: 1)
        system.initialize(to: gsl_odeiv2_system(
            function: { t, y, dydt, params in
                let box = Unmanaged<Box>.fromOpaque(params!).takeUnretainedValue()
                let ok = box.rhs(
                    t,
                    UnsafeBufferPointer(start: y, count: box.dimension),
                    UnsafeMutableBufferPointer(start: dydt, count: box.dimension))
                return ok ? Int32(GSL_SUCCESS) : GSLError.badFunctionStatus
            },
            jacobian: nil,
            dimension: dimension,
            params: boxPointer))
        // GSL refuses impossible tolerances (negative, or both zero) by returning NULL, with the
        // error handler off: that is a status like any other, not a reason to trap.
        guard let driver = gsl_odeiv2_driver_alloc_y_new(system, stepper.gslType, initialStep, absoluteTolerance, relativeTolerance) else {
            system.deinitialize(count: 1)
            system.deallocate()
            throw GSLError(status: Int32(GSL_EINVAL), context: "setting up odeiv2 with absolute tolerance \(absoluteTolerance), relative tolerance \(relativeTolerance) and initial step \(initialStep)")
        }
        self.driver = driver
    }

    deinit {
        gsl_odeiv2_driver_free(driver)
        system.deinitialize(count: 1)
        system.deallocate()
    }

    /// Integrates from the current time to `target`. A rejected state is not an error:
    /// it is how a diverging trajectory ends. Other GSL failures throw.
    public func advance(to target: Double) throws(GSLError) -> Advance {
        var t = time
        let status = state.withUnsafeMutableBufferPointer { y in
            gsl_odeiv2_driver_apply(driver, &t, target, y.baseAddress)
        }
        time = t
        if status == GSLError.badFunctionStatus { return .rejected(atTime: t) }
        try GSLError.check(status, "odeiv2 driver advancing from t = \(t) to \(target)")
        return .reached
    }
}
