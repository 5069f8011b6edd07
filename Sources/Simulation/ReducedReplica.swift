#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// One realization of the exact reduced-order chain (docs/model.md §10, docs/reduced-engine.md):
/// the state (R, S, γ, β) with S = |w − R·w*|/√N, so Q = R² + S². A step draws the batch's
/// coordinates in the plane of w* and w — a_i, b_i ~ N(0, 1), plus the §8 input scale and noise —
/// computes the very coefficients the full engine computes from those fields, and replaces the
/// N − 2 out-of-plane coordinates by one χ²_{N−2} variate. Cost O(M) per step, whatever N is.
///
/// Random numbers: one `RandomStream` from the replica's seed (the full engine's seed layout);
/// the two engines have the same law, not the same numbers.
public final class ReducedReplica {
    public let setup: TrainingSetup
    public let N: Int
    public let M: Int
    /// Degrees of freedom of the out-of-plane part of the batch: N − 2. Settable only by tests
    /// (`@_spi(Testing)`), which inject a wrong value to show that the distribution tests have power.
    let outOfPlaneDegreesOfFreedom: Int
    var rng: RandomStream
    public private(set) var R: Double
    public private(set) var S: Double
    public private(set) var gamma: Double
    public private(set) var beta: Double
    /// Set by a step that blows up, by the full engine's rule (`Replica.applyUpdate`).
    public private(set) var hasBlownUp = false

    /// Per sample: clean teacher field h*_i, the in-plane coordinates ã_i (along w*) and b̃_i
    /// (along the student's part orthogonal to w*), the student field h_i, the variance v_i + s²
    /// of each out-of-plane coordinate, and the coefficient c_i of the step.
    let teacherFields, alongTeacher, alongStudent, studentFields, outOfPlaneVariance, coefficients: UnsafeMutablePointer<Double>

    public convenience init(setup: TrainingSetup, seed: UInt64) {
        self.init(setup: setup, seed: seed, degreesOfFreedom: setup.inputDimension - 2)
    }

    /// For tests only: a chain with the wrong number of out-of-plane degrees of freedom.
    @_spi(Testing)
    public convenience init(setup: TrainingSetup, seed: UInt64, outOfPlaneDegreesOfFreedom: Int) {
        self.init(setup: setup, seed: seed, degreesOfFreedom: outOfPlaneDegreesOfFreedom)
    }

    private init(setup: TrainingSetup, seed: UInt64, degreesOfFreedom: Int) {
        precondition(SimulationEngine.reducedProblem(for: setup) == nil, SimulationEngine.reducedProblem(for: setup) ?? "")
        self.setup = setup
        N = setup.inputDimension
        M = setup.batchSize
        outOfPlaneDegreesOfFreedom = max(0, degreesOfFreedom)
        rng = RandomStream(seed: seed)
        // docs/model.md §3: |w|² = N·Q₀ and R₀ = r₀·√Q₀ exactly, so the chain starts deterministically.
        let sqrtQ0 = setup.initial.Q.squareRoot(), r0 = setup.initial.r
        R = r0 * sqrtQ0
        S = sqrtQ0 * max(0, 1 - r0 * r0).squareRoot()
        gamma = setup.initial.gamma
        beta = setup.initial.beta
        teacherFields = .allocate(capacity: M); alongTeacher = .allocate(capacity: M); alongStudent = .allocate(capacity: M)
        studentFields = .allocate(capacity: M); outOfPlaneVariance = .allocate(capacity: M); coefficients = .allocate(capacity: M)
    }

    deinit {
        for p in [teacherFields, alongTeacher, alongStudent, studentFields, outOfPlaneVariance, coefficients] { p.deallocate() }
    }

    /// Q = R² + S², R, γ, β (docs/model.md §4).
    public var orderParameters: OrderParameters {
        OrderParameters(Q: R * R + S * S, R: R, gamma: gamma, beta: beta)
    }

    /// `steps` steps; stops early if one blows up.
    public func train(steps: Int) {
        for _ in 0..<steps {
            step()
            if hasBlownUp { return }
        }
    }

    /// One online step on M fresh samples (docs/model.md §3, §10).
    public func step() {
        var rng = self.rng
        drawBatch(&rng)
        let labelNoise = setup.teacherNoise
        let k = outOfPlaneDegreesOfFreedom
        update { labelNoise > 0 ? labelNoise * rng.normal() : 0 } outOfPlaneNormSquared: { $0 * rng.chiSquared(degreesOfFreedom: k) }
        self.rng = rng
    }

    /// 1. The batch's in-plane coordinates and fields (docs/model.md §8 as a scale mixture): per
    /// sample v ~ Gamma(3/ρ, ρ/3) (v = 1 without kurtosis), a, b ~ N(0, 1) and, with input noise,
    /// a′ ~ N(0, 1); h* = √v·a, ã = √v·a + s·a′, b̃ = √(v + s²)·b, h = R·ã + S·b̃.
    @inline(__always)
    func drawBatch(_ rng: inout RandomStream) {
        let inputs = setup.inputs
        let s = inputs.noise, rho = inputs.kurtosis
        for i in 0..<M {
            let v = rho > 0 ? rng.gamma(shape: inputs.scaleShape, scale: inputs.scaleScale) : 1
            let scale = rho > 0 ? v.squareRoot() : 1
            let a = rng.normal(), b = rng.normal()
            let clean = scale * a
            let along = s > 0 ? clean + s * rng.normal() : clean
            let variance = v + s * s
            let across = inputs.isGaussian ? b : variance.squareRoot() * b
            teacherFields[i] = clean
            alongTeacher[i] = along
            alongStudent[i] = across
            outOfPlaneVariance[i] = variance
            studentFields[i] = R * along + S * across
        }
    }

    /// 2–4. The update for the batch in the buffers: the coefficients c_i and A of w' = A·w + N^{−1/2}·Σ c_i·x̃_i from
    /// the fields — term for term the full engine's formulas (`Replica.applyUpdate`), with c_i in
    /// units where x̃_i has unit-variance components — then R, S, γ and β.
    @inline(__always)
    /// `outOfPlaneNormSquared(Σ c_i²(v_i + s²))` is |Σ c_i·x̃_i^⊥|²: that sum times χ²_{N−2}.
    func update(labelNoise: () -> Double, outOfPlaneNormSquared: (Double) -> Double) {
        let n = Double(N), Mf = Double(M)
        let g = setup.activation
        let eta = setup.learningRate
        let h0 = studentFields[0]
        var A = 1 - eta * setup.weightDecay / n
        var gammaGradient = 0.0, betaGradient = 0.0  // −∂L/∂γ·M, −∂L/∂β·M
        switch setup.method {
        case .sgd:
            for i in 0..<M {
                let h = studentFields[i]
                let y = g.value(teacherFields[i]) + labelNoise()
                coefficients[i] = eta * (y - g.value(h)) * g.derivative(h) / Mf
            }
        case .wn:
            let sqrtQ = (R * R + S * S).squareRoot()
            var projection = 0.0
            for i in 0..<M {
                let u = studentFields[i] / sqrtQ
                let a = gamma * u + beta
                let y = g.value(teacherFields[i]) + labelNoise()
                let delta = (y - g.value(a)) * g.derivative(a)
                gammaGradient += delta * u
                betaGradient += delta
                let c = eta * gamma * delta / (Mf * sqrtQ)
                coefficients[i] = c
                projection += c * u
            }
            A -= projection / (n * sqrtQ)  // the step is orthogonal to w
        case .bn:
            var mean = 0.0
            for i in 0..<M { mean += studentFields[i] }
            mean /= Mf
            var variance = 0.0
            for i in 0..<M { let d = studentFields[i] - mean; variance += d * d }
            variance /= Mf
            let sd = variance.squareRoot()
            var meanDelta = 0.0, meanDeltaN = 0.0
            for i in 0..<M {
                let nI = (studentFields[i] - mean) / sd
                let a = gamma * nI + beta
                let y = g.value(teacherFields[i]) + labelNoise()
                let delta = (y - g.value(a)) * g.derivative(a)
                coefficients[i] = delta
                studentFields[i] = nI
                meanDelta += delta; meanDeltaN += delta * nI
            }
            meanDelta /= Mf; meanDeltaN /= Mf
            gammaGradient = meanDeltaN * Mf
            betaGradient = meanDelta * Mf
            for i in 0..<M {
                // docs/model.md §2: at M = 2 n = ±1 and ∇_w L = 0 identically (as in the full engine).
                coefficients[i] = M == 2 ? 0 : eta * gamma / (sd * Mf) * (coefficients[i] - meanDelta - studentFields[i] * meanDeltaN)
            }
        }

        // w'/√N = (A·R + c·ã/N)·e₁ + (A·S + c·b̃/N)·e₂ + N⁻¹·Σ c_i·x̃_i^⊥, |Σ c_i·x̃_i^⊥|² = Σ c_i²(v_i + s²)·χ²_{N−2}.
        var alongR = 0.0, alongS = 0.0, outOfPlane = 0.0
        var finite = A.isFinite
        for i in 0..<M {
            let c = coefficients[i]
            alongR += c * alongTeacher[i]
            alongS += c * alongStudent[i]
            outOfPlane += c * c * outOfPlaneVariance[i]
            finite = finite && c.isFinite
        }
        let inPlane = A * S + alongS / n
        let acrossNormSquared = outOfPlane > 0 ? outOfPlaneNormSquared(outOfPlane) : 0
        R = A * R + alongR / n
        S = (inPlane * inPlane + acrossNormSquared / (n * n)).squareRoot()

        if setup.method.isNormalized {
            gamma += setup.gammaLearningRate / n * (gammaGradient / Mf - 2 * setup.gammaDecay * gamma)
            if setup.learnBeta { beta += setup.betaLearningRate / n * betaGradient / Mf }
        }
        // The full engine's blow-up rule: the first sample's field beyond 100× the divergence
        // scale, or a non-finite coefficient of the update.
        if !(h0 * h0 < 100 * setup.divergenceQ) || !finite { hasBlownUp = true }
    }
}

extension RandomStream {
    /// χ²_k = 2·Gamma(k/2, 1), exact (Marsaglia–Tsang rejection; k = 1 through the k < 1 boost).
    @inline(__always)
    mutating func chiSquared(degreesOfFreedom k: Int) -> Double {
        k > 0 ? 2 * gamma(shape: 0.5 * Double(k), scale: 1) : 0
    }
}

extension ReducedReplica {
    /// For the pathwise tests: sets the state.
    @_spi(Testing)
    public func setState(R: Double, S: Double, gamma: Double, beta: Double) {
        self.R = R; self.S = S; self.gamma = gamma; self.beta = beta
    }

    /// For the pathwise tests (Gaussian inputs): one step on a given batch, in frame coordinates —
    /// a_i = e₁·x_i, b_i = e₂·x_i, the Gram matrix G⊥ of the out-of-plane parts x_i^⊥ and the label
    /// noise of each sample — using |Σ c_i·x_i^⊥|² = cᵀG⊥c instead of its χ² law.
    @_spi(Testing)
    public func step(teacherCoordinates a: [Double], studentCoordinates b: [Double], outOfPlaneGram G: [[Double]], labelNoise: [Double]) {
        precondition(setup.inputs.isGaussian && a.count == M && b.count == M && G.count == M && labelNoise.count == M)
        for i in 0..<M {
            teacherFields[i] = a[i]; alongTeacher[i] = a[i]; alongStudent[i] = b[i]; outOfPlaneVariance[i] = 1
            studentFields[i] = R * a[i] + S * b[i]
        }
        var next = 0
        let c = coefficients
        update { defer { next += 1 }; return labelNoise[next] } outOfPlaneNormSquared: { _ in
            var sum = 0.0
            for i in 0..<M { for j in 0..<M { sum += c[i] * c[j] * G[i][j] } }
            return sum
        }
    }
}
