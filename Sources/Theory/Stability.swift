import GSL
import Model

/// The local learning-rate limit of docs/model.md §6: where the fixed point of the order-parameter ODEs
/// loses stability, from the eigenvalues of the Jacobian there (GSL's root finder for the fixed
/// point, GSL's nonsymmetric eigensolver for the spectrum; docs/relu-sgd-stability.md).
///
/// - sgd: variables (R, Q), parameter η.
/// - wn, bn: Q grows without bound (no weight decay), so the fixed point lives in the normalized
///   variables (r, γ), and the rate r moves at is η_eff = η·γ/Q: the parameter is η_eff (η still
///   sets γ's own rate). With Q ↦ η·γ/η_eff the full drift gives dr/dα = dR/√Q − r·dQ/(2Q).
public enum Stability {
    public enum Parameter: String, Sendable { case eta, etaEff = "eta_eff" }

    public struct Bound: Sendable {
        public enum Status: String, Sendable {
            /// The fixed point loses stability inside the searched range.
            case bounded
            /// sgd only: the stable fixed point is no longer found inside the searched range, neither by
            /// continuation nor from where the ODE at that η settles (it ceases to
            /// exist, e.g. Q* → ∞ with teacher noise): the value is the edge where it was last found
            /// stable. Where Q* grows without bound towards the edge (erf) the true edge can lie a
            /// little above it.
            case vanishes
            /// Stable everywhere searched: no limit up to the top of the range.
            case stableThroughout = "stable_throughout"
            /// Unstable already at the bottom of the range.
            case unstableThroughout = "unstable_throughout"
            /// The root finder found no fixed point.
            case noFixedPoint = "no_fixed_point"
        }
        public var status: Status
        public var parameter: Parameter
        /// The limit (geometric middle of the final bracket) when bounded.
        public var value: Double?
        /// Width of the final bracket.
        public var bracket: Double?
    }

    public static func parameter(for method: Method) -> Parameter {
        method == .sgd ? .eta : .etaEff
    }

    /// The reduced drift as a function of the variables, at parameter p.
    static func reducedDrift(_ flow: any OrderParameterFlow, setup: TrainingSetup, p: Double) -> ([Double]) -> [Double]? {
        switch setup.method {
        case .sgd:
            return { x in
                guard x[1] > 0, let d = flow.drift(OrderParameters(Q: x[1], R: x[0], gamma: 1, beta: 0)) else { return nil }
                return [d.R, d.Q]
            }
        case .wn, .bn:
            return { x in
                let r = x[0], gamma = x[1]
                guard gamma > 0, abs(r) <= 1 else { return nil }
                let Q = setup.learningRate * gamma / p
                guard let d = flow.drift(OrderParameters(Q: Q, R: r * Q.squareRoot(), gamma: gamma, beta: 0)) else { return nil }
                return [d.R / Q.squareRoot() - r * d.Q / (2 * Q), d.gamma]
            }
        }
    }

    /// Whether a state is inside the domain of the flow (|r| ≤ 1): finite differences must not
    /// leave it, because the Gaussian averages are not smooth across r = ±1.
    static func inDomain(_ x: [Double], method: Method, activation: Activation) -> Bool {
        if activation == .linear { return x[1] > 0 }  // polynomial averages: no boundary at |r| = 1
        switch method {
        case .sgd: return x[1] > 0 && abs(x[0]) <= x[1].squareRoot()
        case .wn, .bn: return abs(x[0]) <= 1 && x[1] > 0
        }
    }

    /// Jacobian by central differences, one-sided where the other side leaves the domain.
    static func jacobian(_ f: ([Double]) -> [Double]?, at x: [Double], method: Method, activation: Activation) -> [[Double]]? {
        let n = x.count
        guard let f0 = f(x) else { return nil }
        var columns: [[Double]] = []
        for j in 0..<n {
            let h = 1e-7 * max(1, abs(x[j]))
            var plus = x, minus = x
            plus[j] += h; minus[j] -= h
            let up = inDomain(plus, method: method, activation: activation) ? f(plus) : nil
            let down = inDomain(minus, method: method, activation: activation) ? f(minus) : nil
            switch (up, down) {
            case let (u?, d?): columns.append((0..<n).map { (u[$0] - d[$0]) / (2 * h) })
            case let (u?, nil): columns.append((0..<n).map { (u[$0] - f0[$0]) / h })
            case let (nil, d?): columns.append((0..<n).map { (f0[$0] - d[$0]) / h })
            case (nil, nil): return nil
            }
        }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }

    /// The fixed point near `guess` and the largest real part of the Jacobian's eigenvalues there.
    public static func growthRate(setup: TrainingSetup, variant: TheoryVariant, parameter p: Double, guess: [Double]) throws -> (fixedPoint: [Double], rate: Double)? {
        var s = setup
        if setup.method == .sgd { s.learningRate = p }
        let flow = try TheoryRun.flow(for: s, variant: variant)
        let f = reducedDrift(flow, setup: s, p: p)
        // Keep the root finder inside the domain by clamping r: the fixed point may sit on r = 1.
        let linear = s.activation == .linear
        let clamped: ([Double]) -> [Double]? = { x in
            if linear { return f(x) }
            var y = x
            if s.method == .sgd { y[1] = max(y[1], 1e-12); y[0] = max(-y[1].squareRoot(), min(y[1].squareRoot(), y[0])) } else { y[0] = max(-1, min(1, y[0])) }
            return f(y)
        }
        guard var root = try RootFinder.solve(start: guess, residualTolerance: 1e-13, clamped) else { return nil }
        if !linear {
            if s.method == .sgd { root[0] = min(root[0], root[1].squareRoot()) } else { root[0] = min(1, max(-1, root[0])) }
        }
        guard let J = jacobian(f, at: root, method: s.method, activation: s.activation) else { return nil }
        let rate = try Eigenvalues.of(J).map(\.re).max() ?? .nan
        return (root, rate)
    }

    /// The longest run `settledState` integrates, in α.
    static let settlingAlpha = 1000.0

    /// Where the ODE itself settles at parameter p: its state after a long run from the config's
    /// initial state, in the variables of `reducedDrift`, or nil when the run diverges. With teacher
    /// noise or weight decay the fixed point is interior (r < 1), away from the default guess on
    /// r = 1, where the clamped drift is flat and the root finder stalls.
    /// sgd runs at η = p; wn and bn at the setup's η (p = η_eff is not an input of the ODE).
    public static func settledState(setup: TrainingSetup, variant: TheoryVariant, parameter p: Double) throws -> [Double]? {
        var s = setup
        if s.method == .sgd { s.learningRate = p }
        // Relaxation takes α ~ M/η; run many times that, at least to training.alpha_max.
        let alphaEnd = min(settlingAlpha, max(s.alphaMax, 200 * Double(s.batchSize) / s.learningRate))
        let grid = AlphaGrid(requested: [alphaEnd], inputDimension: s.inputDimension, batchSize: s.batchSize)
        let trajectory = try TheoryRun.integrate(setup: s, variant: variant, grid: grid)
        guard trajectory.outcome == .completed, let last = trajectory.states.last else { return nil }
        switch s.method {
        case .sgd: return [last.R, last.Q]
        case .wn, .bn: return [last.R / last.Q.squareRoot(), last.gamma]
        }
    }

    /// The most points `localBound` scans, however wide its range.
    static let maximumScanPoints = 600

    /// Scans p over a log grid of [low, high], continuing the fixed point from point to point,
    /// and bisects the first stable → unstable change to a relative bracket `relativeTolerance`.
    /// Each point first tries the continued root (at first the noiseless fixed point on r = 1),
    /// then the state the ODE settles in (`settledState`), so interior fixed points are found too.
    public static func localBound(setup: TrainingSetup, variant: TheoryVariant = .exact, low: Double, high: Double,
                                  points: Int = 24, relativeTolerance: Double = 1e-4) throws -> Bound {
        let parameter = parameter(for: setup.method)
        var guess: [Double] = setup.method == .sgd ? [1, 1] : [0.999, 1]
        var previous: (p: Double, guess: [Double])?
        var anyFixedPoint = false
        var settledAtSetupRate: [Double]??  // wn, bn: one run at the setup's η serves every p
        func settled(_ p: Double) throws -> [Double]? {
            if setup.method == .sgd { return try settledState(setup: setup, variant: variant, parameter: p) }
            if let known = settledAtSetupRate { return known }
            let state = try settledState(setup: setup, variant: variant, parameter: p)
            settledAtSetupRate = .some(state)
            return state
        }
        func fixedPoint(_ p: Double, near guess: [Double]) throws -> (fixedPoint: [Double], rate: Double)? {
            if let found = try growthRate(setup: setup, variant: variant, parameter: p, guess: guess) { return found }
            guard let start = try settled(p), start != guess else { return nil }
            return try growthRate(setup: setup, variant: variant, parameter: p, guess: start)
        }
        // wn, bn: below η/divergence_Q (γ ≈ 1) the state counts as diverged (see below). The scan
        // keeps at least 4 points a decade, so continuation carries the fixed point across a wide
        // range (capped at `maximumScanPoints`).
        let start = setup.method == .sgd ? low : max(low, min(high / 2, setup.learningRate / setup.divergenceQ))
        let decades = (Foundation_log(high) - Foundation_log(start)) / Foundation_log(10)
        let scanPoints = min(maximumScanPoints, max(points, Int((decades * 4).rounded(.up)) + 1))
        for p in LogSearch.grid(from: start, to: high, points: scanPoints) {
            // wn, bn: Q = η·γ/p. Below p = η·γ/divergence_Q the state would count as diverged, and
            // the r-drift there is a difference of terms ~1/p apart, so its Jacobian's sign is
            // rounding noise (a search from 1e-300 found wn "unstable" at every p). Skip those p.
            if setup.method != .sgd && setup.learningRate * guess[1] / p > setup.divergenceQ { continue }
            let found = try fixedPoint(p, near: guess)
            if let (root, rate) = found {
                anyFixedPoint = true
                guess = root
                if rate < 0 {
                    previous = (p, root)
                    continue
                }
            }
            guard let (pStable, stableGuess) = previous else {
                if found != nil { return Bound(status: .unstableThroughout, parameter: parameter, value: nil, bracket: nil) }
                continue  // no fixed point yet: keep looking
            }
            // "Gone" is trusted only for sgd, where the ODE at η = p itself failed to settle on a root too;
            // wn and bn's settled state is from one η, so a miss there may be the root finder's alone.
            if found == nil && setup.method != .sgd { continue }
            // Stable at pStable, unstable or gone at p: bisect on "a stable fixed point exists".
            var g = stableGuess
            let (lo, hi) = try LogSearch.bisect(pStable, p, relativeTolerance: relativeTolerance) { mid in
                guard let (root, rate) = try fixedPoint(mid, near: g), rate < 0 else { return false }
                g = root
                return true
            }
            return Bound(status: found == nil ? .vanishes : .bounded, parameter: parameter, value: LogSearch.middle(lo, hi), bracket: hi - lo)
        }
        return Bound(status: anyFixedPoint ? .stableThroughout : .noFixedPoint, parameter: parameter, value: nil, bracket: nil)
    }
}
