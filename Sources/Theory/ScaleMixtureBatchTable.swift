#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// bn-exact's batch expectations with docs/model.md §8's heavy-tailed inputs (relu, β = 0, no input
/// noise; derivation and measured accuracy: docs/data-models.md, "bn-exact and kurtosis").
///
/// Every sample of a batch has its own scale v_i ~ Gamma(3/ρ, ρ/3): u_i = √v_i·u0_i and
/// h*_i = √v_i·(r·u0_i + √(1 − r²)·ξ_i). The batch decomposition of the Gaussian case fails, but
/// given (u0, v) the teacher fields are independent Gaussians, and relu's homogeneity makes every
/// drift a polynomial in γ (γ > 0) whose coefficients depend on (r, M, ρ) only:
///   T_γ = A(r) − γ/2,  T_R = γ(1 − r²)·B(r)  (Stein's lemma on ξ),
///   T_Q = γ²·(Q₀(r) − 2γ·Q₁(r) + γ²·Q₂ + σ²·Q_σ),  T_β = D(r) − γ·E[relu(n₁)].
/// The coefficients are batch averages of closed forms in (u0, v), estimated once per (M, ρ) by a
/// seeded Monte Carlo over `batches` real batches — the same batches at every node (common random
/// numbers, so the Monte Carlo error is a smooth function of r) — on nodes uniform in θ = arccos r,
/// where √(1 − r²) = sin θ is smooth, and interpolated by natural cubic splines in θ. So the
/// right-hand side is deterministic and smooth; its error is the table's Monte Carlo error,
/// reported per node in `standardErrors` and tested against the Gaussian quadrature as ρ → 0.
///
/// The generator is the table's own (SplitMix64, Box–Muller, Marsaglia–Tsang): the theory does not
/// depend on the simulation, and sharing no stream with it keeps the comparison independent.
public struct ScaleMixtureBatchTable: Sendable {
    /// The coefficients of the drift polynomials at one overlap.
    public struct Coefficients: Sendable, Hashable {
        /// A = E[relu(h*₁)relu(n₁)], B = E[(v₁/s_u)·P₁₁·Θ(n₁)·Θ(h*₁)], D = E[Θ(n₁)relu(h*₁)].
        public var A: Double, B: Double, D: Double
        /// Q₀ = E[(v₁/s²)(Pδ̂)₁²] at γ = 0, Q₁ its cross term with P·relu(n), Q₂ = E[(v₁/s²)(P relu(n))₁²],
        /// Q_σ = E[(v₁/s²)Σ_j P₁ⱼ²Θ(n_j)] (teacher noise), meanRelu = E[relu(n₁)].
        public var Q0: Double, Q1: Double, Q2: Double, Qsigma: Double, meanRelu: Double
    }

    public let batchSize: Int
    public let kurtosis: Double
    public let batches: Int
    /// The overlaps r_k = cos θ_k of the nodes (θ_k uniform on [0, π], so r_1 = 1 … r_K = −1).
    public let nodes: [Double]
    /// The Monte Carlo standard errors of the coefficients at the nodes.
    public let standardErrors: [Coefficients]
    let values: [Coefficients]
    let A: CubicSplineInAngle, B: CubicSplineInAngle, D: CubicSplineInAngle
    let Q0: CubicSplineInAngle, Q1: CubicSplineInAngle

    public static let defaultBatches = 200_000
    public static let defaultNodes = 33

    /// Refuses what the table does not cover, with the reason.
    public static func check(activation: Activation, batchSize M: Int, inputs: InputModel) -> String? {
        if activation != .relu { return "bn-exact with model.input_kurtosis > 0 rests on the homogeneity of relu (activation: relu)" }
        if inputs.noise > 0 { return "bn-exact with both model.input_noise and model.input_kurtosis > 0 is not implemented" }
        if M < 6 { return "with model.input_kurtosis > 0 bn-exact tabulates E[c²] by Monte Carlo, whose variance (E[1/s_u⁴]) is infinite for M ≤ 5; use M ≥ 6" }
        return nil
    }

    /// ρ = 0 gives the Gaussian batch (v ≡ 1), for checks against the quadrature.
    public init(batchSize M: Int, kurtosis rho: Double, batches: Int = defaultBatches, nodeCount K: Int = defaultNodes, seed: UInt64 = 0x6B75_7274) {
        precondition(M >= 4 && rho >= 0 && batches >= 2 && K >= 4)
        batchSize = M; kurtosis = rho; self.batches = batches
        let thetas = (0..<K).map { Double.pi * Double($0) / Double(K - 1) }
        nodes = thetas.map { cos($0) }
        let rhos = thetas.map { sin($0) }
        var generator = TableGenerator(seed: seed ^ (UInt64(M) &* 0x9E37_79B9_7F4A_7C15))
        // Sums and sums of squares: per node A, B, D, Q0, Q1; per batch Q2, Qσ, meanRelu.
        var sum = [Double](repeating: 0, count: 5 * K), sumSq = [Double](repeating: 0, count: 5 * K)
        var sum0 = [Double](repeating: 0, count: 3), sumSq0 = [Double](repeating: 0, count: 3)
        let m = Double(M), invM = 1 / m
        var u0 = [Double](repeating: 0, count: M), v = u0, tau = u0, n = u0, x = u0, Px = u0, PTn = u0, g = u0, cvec = u0
        var mvec = u0, evec = u0
        var active: [Int] = []
        active.reserveCapacity(M)
        for _ in 0..<batches {
            for i in 0..<M { u0[i] = generator.normal() }
            for i in 0..<M { v[i] = rho > 0 ? generator.gamma(shape: 3 / rho, scale: rho / 3) : 1 }
            var mean = 0.0
            for i in 0..<M { tau[i] = v[i].squareRoot(); mean += tau[i] * u0[i] }
            mean *= invM
            var s2 = 0.0
            for i in 0..<M { let d = tau[i] * u0[i] - mean; n[i] = d; s2 += d * d }
            s2 *= invM
            let s = s2.squareRoot()
            for i in 0..<M { n[i] /= s }
            active.removeAll(keepingCapacity: true)
            for i in 0..<M where n[i] > 0 { active.append(i) }
            // P·relu(n), with P y = y − ȳ − n·(n·y)/M (P = I − 11ᵀ/M − nnᵀ/M).
            for i in 0..<M { x[i] = max(n[i], 0) }
            project(x, n, into: &PTn, invM: invM)
            var q2 = 0.0, meanRelu = 0.0
            for i in 0..<M { q2 += v[i] / s2 * PTn[i] * PTn[i]; meanRelu += x[i]; g[i] = v[i] / s2 * PTn[i] }
            q2 *= invM; meanRelu *= invM
            // g = P(w∘P relu(n)) (P symmetric) and c_j = Σ_i w_i P_ij², w_i = v_i/s²: the r-independent parts.
            let wPTn = g
            project(wPTn, n, into: &g, invM: invM)
            var qs = 0.0
            for j in 0..<M {
                var c = 0.0
                for i in 0..<M {
                    let p = (i == j ? 1 : 0) - invM - n[i] * n[j] * invM
                    c += v[i] / s2 * p * p
                }
                cvec[j] = c
                if n[j] > 0 { qs += c }
            }
            qs *= invM
            sum0[0] += q2; sumSq0[0] += q2 * q2
            sum0[1] += qs; sumSq0[1] += qs * qs
            sum0[2] += meanRelu; sumSq0[2] += meanRelu * meanRelu

            for k in 0..<K {
                let r = nodes[k], rr = rhos[k]
                var a = 0.0, b = 0.0, d = 0.0, q1 = 0.0, variance = 0.0
                for i in 0..<M { x[i] = 0 }
                for j in active {
                    let mu = r * u0[j]
                    let m0: Double, e0: Double, pz: Double
                    if rr > 1e-300 {
                        let z = mu / rr
                        pz = 0.5 * erfc(-z * 0.7071067811865476)
                        let pdf = 0.3989422804014327 * exp(-0.5 * z * z)
                        m0 = mu * pz + rr * pdf
                        e0 = (mu * mu + rr * rr) * pz + mu * rr * pdf
                    } else {
                        pz = mu > 0 ? 1 : 0; m0 = max(mu, 0); e0 = m0 * m0
                    }
                    let mj = tau[j] * m0, ej = v[j] * e0
                    mvec[j] = mj; evec[j] = ej
                    x[j] = mj
                    a += mj * n[j]
                    b += v[j] / s * (1 - (1 + n[j] * n[j]) * invM) * pz
                    d += mj
                    q1 += mj * g[j]
                    variance += cvec[j] * (ej - mj * mj)
                }
                project(x, n, into: &Px, invM: invM)
                var q0 = variance
                for i in 0..<M { q0 += v[i] / s2 * Px[i] * Px[i] }
                a *= invM; b *= invM; d *= invM; q0 *= invM; q1 *= invM
                sum[5 * k] += a; sumSq[5 * k] += a * a
                sum[5 * k + 1] += b; sumSq[5 * k + 1] += b * b
                sum[5 * k + 2] += d; sumSq[5 * k + 2] += d * d
                sum[5 * k + 3] += q0; sumSq[5 * k + 3] += q0 * q0
                sum[5 * k + 4] += q1; sumSq[5 * k + 4] += q1 * q1
            }
        }
        let count = Double(batches)
        func meanAndError(_ s: Double, _ ss: Double) -> (Double, Double) {
            let mean = s / count
            return (mean, (max(0, ss / count - mean * mean) / (count - 1)).squareRoot())
        }
        let (q2, q2e) = meanAndError(sum0[0], sumSq0[0])
        let (qs, qse) = meanAndError(sum0[1], sumSq0[1])
        let (mr, mre) = meanAndError(sum0[2], sumSq0[2])
        var values: [Coefficients] = [], errors: [Coefficients] = []
        for k in 0..<K {
            let e = (0..<5).map { meanAndError(sum[5 * k + $0], sumSq[5 * k + $0]) }
            values.append(Coefficients(A: e[0].0, B: e[1].0, D: e[2].0, Q0: e[3].0, Q1: e[4].0, Q2: q2, Qsigma: qs, meanRelu: mr))
            errors.append(Coefficients(A: e[0].1, B: e[1].1, D: e[2].1, Q0: e[3].1, Q1: e[4].1, Q2: q2e, Qsigma: qse, meanRelu: mre))
        }
        self.values = values
        standardErrors = errors
        A = CubicSplineInAngle(values.map(\.A)); B = CubicSplineInAngle(values.map(\.B)); D = CubicSplineInAngle(values.map(\.D))
        Q0 = CubicSplineInAngle(values.map(\.Q0)); Q1 = CubicSplineInAngle(values.map(\.Q1))
    }

    /// The coefficients at overlap r (clamped to [−1, 1]) by the splines.
    public func coefficients(overlap r: Double) -> Coefficients {
        let theta = acos(min(1, max(-1, r)))
        let c = values[0]
        return Coefficients(A: A(theta), B: B(theta), D: D(theta), Q0: Q0(theta), Q1: Q1(theta),
                            Q2: c.Q2, Qsigma: c.Qsigma, meanRelu: c.meanRelu)
    }

    /// The bn-exact expectations (docs/model.md §5) at (r, γ), β = 0. For γ < 0, relu(γn) = |γ|·relu(−n) and
    /// −u has overlap −r: T_γ, T_R change sign at (−r, |γ|), T_Q and T_β keep it. γ = 0: g'(0) = 0,
    /// no sample is active. The bn-loss fields (A and its slope) are A(r) and dA/dr.
    public func averages(overlap r: Double, gamma: Double, teacherNoise sigma: Double) -> BatchAverages {
        if gamma == 0 { return BatchAverages(deltaNormalized: 0, delta: 0, backpropTeacher: 0, backpropSquared: 0, batchOverlap: 0, batchOverlapSlope: 0) }
        let sign = gamma > 0 ? 1.0 : -1.0, g = abs(gamma)
        let r = min(1, max(-1, r))
        let c = coefficients(overlap: sign * r)
        let theta = acos(sign * r), sinTheta = sin(theta)
        let slope = sinTheta > 0 ? -A.derivative(theta) / sinTheta : .nan
        return BatchAverages(
            deltaNormalized: sign * (c.A - g / 2),
            delta: c.D - g * c.meanRelu,
            backpropTeacher: sign * g * (1 - r * r) * c.B,
            backpropSquared: g * g * (c.Q0 - 2 * g * c.Q1 + g * g * c.Q2 + sigma * sigma * c.Qsigma),
            batchOverlap: c.A,
            batchOverlapSlope: slope)
    }
}

/// P y = y − ȳ − n·(n·y)/M.
@inline(__always) private func project(_ y: [Double], _ n: [Double], into out: inout [Double], invM: Double) {
    var mean = 0.0, dot = 0.0
    for i in y.indices { mean += y[i]; dot += n[i] * y[i] }
    mean *= invM; dot *= invM
    for i in y.indices { out[i] = y[i] - mean - n[i] * dot }
}

/// A natural cubic spline through values at θ_k = π·k/(K − 1).
struct CubicSplineInAngle: Sendable {
    let y: [Double], second: [Double], h: Double

    init(_ y: [Double]) {
        let K = y.count
        self.y = y
        h = Double.pi / Double(K - 1)
        // Natural spline: y''_0 = y''_{K−1} = 0; tridiagonal (1, 4, 1)·y'' = 6Δ²y/h² (Thomas algorithm).
        var c = [Double](repeating: 0, count: K), d = [Double](repeating: 0, count: K), m = [Double](repeating: 0, count: K)
        for k in 1..<(K - 1) {
            let rhs = 6 * (y[k + 1] - 2 * y[k] + y[k - 1]) / (h * h)
            let denominator = 4 - (k > 1 ? c[k - 1] : 0)
            c[k] = 1 / denominator
            d[k] = (rhs - (k > 1 ? d[k - 1] : 0)) / denominator
        }
        for k in stride(from: K - 2, through: 1, by: -1) { m[k] = d[k] - c[k] * m[k + 1] }
        second = m
    }

    private func locate(_ theta: Double) -> (Int, Double) {
        let k = min(y.count - 2, max(0, Int(theta / h)))
        return (k, theta - Double(k) * h)
    }

    func callAsFunction(_ theta: Double) -> Double {
        let (k, t) = locate(theta)
        let a = (h - t) / h, b = t / h
        return a * y[k] + b * y[k + 1] + ((a * a * a - a) * second[k] + (b * b * b - b) * second[k + 1]) * h * h / 6
    }

    func derivative(_ theta: Double) -> Double {
        let (k, t) = locate(theta)
        let a = (h - t) / h, b = t / h
        return (y[k + 1] - y[k]) / h + (-(3 * a * a - 1) * second[k] + (3 * b * b - 1) * second[k + 1]) * h / 6
    }
}

/// SplitMix64 uniforms and Box–Muller normals; Gamma variates from `NormalVariateSource.gamma`.
struct TableGenerator: NormalVariateSource {
    var bits: SplitMix64
    var spare: Double?

    init(seed: UInt64) { bits = SplitMix64(state: seed) }

    mutating func next() -> UInt64 { bits.next() }

    /// Uniform on (0, 1).
    mutating func uniformOpen() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }

    mutating func normal() -> Double {
        if let s = spare { spare = nil; return s }
        let radius = (-2 * log(uniformOpen())).squareRoot(), angle = 2 * Double.pi * uniformOpen()
        spare = radius * sin(angle)
        return radius * cos(angle)
    }
}
