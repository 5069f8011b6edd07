import Model

/// One realization of the exact reduced chain for two-layer networks (docs/model.md §9, §10;
/// docs/reduced-engine.md §5). The K student and K* teacher vectors span at most D = K + K*
/// dimensions; the state is their coordinates in an orthonormal frame that starts with the
/// teacher's directions: R (K×K*) along the teacher and the lower-triangular L (K×K) in the rest,
/// so Q = R·Rᵀ + L·Lᵀ, plus v_k, γ_k, β_k. A step draws the batch's D coordinates per sample, computes
/// the full engine's coefficients (`CommitteeReplica.update`) from those fields, adds the part of
/// the step outside the frame as a Wishart draw of min(K, M) dimensions, and re-triangularizes by
/// an LQ decomposition. Cost O(M·D·K + min(K, M)²·K + K³) per step, whatever N is.
///
/// Random numbers: one `RandomStream` from the replica's seed; the engines share the law, not the numbers.
public final class ReducedCommitteeReplica {
    public let setup: CommitteeSetup
    let unit: TrainingSetup
    let N: Int, M: Int, K: Int, KStar: Int
    /// N − K − K*: the dimension of the complement of the frame. Settable only by tests
    /// (`@_spi(Testing)`), which inject wrong values to show that the distribution tests have power.
    let outOfSpanDegreesOfFreedom: Int
    var rng: RandomStream
    /// R_km = w_k·w*_m/N, row-major K×K*.
    let R: UnsafeMutablePointer<Double>
    /// Row k: the coordinates of (w_k − Σ_m R_km·w*_m)/√N in an orthonormal frame of the teacher's
    /// complement; lower-triangular, row-major K×K, diagonal ≥ 0.
    let L: UnsafeMutablePointer<Double>
    public internal(set) var v: [Double]
    public internal(set) var gamma: [Double]
    public internal(set) var beta: [Double]
    var blewUp = false
    /// Per sample i: teacher fields h*_mi = a_mi ([m·M + i]) and the student part's frame
    /// coordinates b_ji ([j·M + i]); student fields, standardized fields and coefficients [k·M + i];
    /// labels and residuals [i].
    let teacherFields, frameCoordinates, studentFields, activations, coefficients, labels, residuals: UnsafeMutablePointer<Double>
    /// The student's input x̃ along the teacher directions (K*×M; = `teacherFields` for Gaussian
    /// inputs) and each sample's out-of-frame variance per component, v_i + s² (docs/model.md §8).
    let teacherCoordinates, outOfFrameVariance: UnsafeMutablePointer<Double>
    /// Per unit: BN's batch standard deviation, √Q_kk, the factor A_k of w_k.
    let batchSD, sqrtQ, scales: UnsafeMutablePointer<Double>
    /// Scratch of `moveFrame`: [A·L + C·b/N | Γ/N] (K × (K + min(K, M))), a copy of C, C's LQ factor,
    /// the Bartlett factor and the Householder vector.
    let block, coefficientCopy, coefficientFactor, bartlett, householder: UnsafeMutablePointer<Double>

    public convenience init(setup: CommitteeSetup, seed: UInt64) {
        self.init(setup: setup, seed: seed,
                  degreesOfFreedom: setup.unit.inputDimension - setup.studentUnits - setup.teacherUnits)
    }

    /// For tests only: a chain with a wrong out-of-span dimension (0 drops the out-of-span part).
    @_spi(Testing)
    public convenience init(setup: CommitteeSetup, seed: UInt64, outOfSpanDegreesOfFreedom: Int) {
        self.init(setup: setup, seed: seed, degreesOfFreedom: outOfSpanDegreesOfFreedom)
    }

    private init(setup: CommitteeSetup, seed: UInt64, degreesOfFreedom: Int) {
        let problem = SimulationEngine.reducedProblem(for: setup.unit, studentUnits: setup.studentUnits, teacherUnits: setup.teacherUnits)
        precondition(problem == nil, problem ?? "")
        self.setup = setup
        unit = setup.unit
        N = unit.inputDimension; M = unit.batchSize; K = setup.studentUnits; KStar = setup.teacherUnits
        outOfSpanDegreesOfFreedom = max(0, degreesOfFreedom)
        rng = RandomStream(seed: seed)
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
            p.initialize(repeating: 0, count: max(1, count))
            return p
        }
        let r = min(K, M)
        R = buffer(K * KStar); L = buffer(K * K)
        teacherFields = buffer(KStar * M); teacherCoordinates = buffer(KStar * M); outOfFrameVariance = buffer(M)
        frameCoordinates = buffer(K * M); studentFields = buffer(K * M)
        activations = buffer(K * M); coefficients = buffer(K * M); labels = buffer(M); residuals = buffer(M)
        batchSD = buffer(K); sqrtQ = buffer(K); scales = buffer(K)
        block = buffer(K * (K + r)); coefficientCopy = buffer(K * M); coefficientFactor = buffer(K * r); bartlett = buffer(r * r)
        householder = buffer(max(M, K + r))
        v = Array(repeating: setup.secondLayerInitial, count: K)
        gamma = Array(repeating: unit.initial.gamma, count: K)
        beta = Array(repeating: unit.initial.beta, count: K)
        initializeState()
    }

    deinit {
        for p in [R, L, teacherFields, teacherCoordinates, outOfFrameVariance, frameCoordinates, studentFields, activations, coefficients, labels, residuals,
                  batchSD, sqrtQ, scales, block, coefficientCopy, coefficientFactor, bartlett, householder] { p.deallocate() }
    }

    /// The law of `CommitteeReplica`'s start (docs/model.md §9), in frame coordinates. The teacher
    /// is orthonormal, so the frame starts with w*_m/√N exactly.
    /// - Q (and R) given: w_k = Σ_m R_km·w*_m + Σ_l C_kl·z_l with C the Cholesky factor of Q − R·Rᵀ
    ///   and z_l orthonormal, orthogonal to the teacher: R and L = C exactly.
    /// - Q alone: w_k = Σ_l C_kl·z_l with z the Gram–Schmidt of K Gaussian vectors, independent of
    ///   the teacher: those vectors' coordinates are K* normals each along the teacher and a K×K
    ///   Bartlett factor (Wishart_K(N − K*)) in its complement.
    /// - default: w_k = √Q₀·(r₀·w*_k + √(1 − r₀²)·z_k) with z_k ~ N(0, I_N): the same coordinates,
    ///   not orthonormalized.
    private func initializeState() {
        let complement = N - KStar
        if let Q = setup.initialQ {
            var rest = Q
            if let given = setup.initialR { for k in 0..<K { for l in 0..<K { rest[k][l] -= (0..<KStar).reduce(0) { $0 + given[k][$1] * given[l][$1] } } } }
            for k in 0..<K { rest[k][k] += 1e-14 * max(1, Q[k][k]) }  // as the full engine: Q − RRᵀ may be only semidefinite
            let C = SymmetricMatrix.cholesky(rest) ?? rest.map { $0.map { _ in 0 } }
            if let given = setup.initialR {
                for k in 0..<K {
                    for m in 0..<KStar { R[k * KStar + m] = given[k][m] }
                    for l in 0...k { L[k * K + l] = C[k][l] }
                }
                return
            }
            // Gaussian G = [along the teacher | Bartlett], its Gram–Schmidt Z = T⁻¹·G (G = T·Z).
            let D = KStar + K
            var gaussian = [Double](repeating: 0, count: K * D)
            for k in 0..<K { for m in 0..<KStar { gaussian[k * D + m] = rng.normal() } }
            let complementPart = LowerTriangularFactor.bartlett(dimension: K, degreesOfFreedom: complement, &rng)
            for k in 0..<K { for l in 0...k { gaussian[k * D + KStar + l] = complementPart[k * K + l] } }
            let T = LowerTriangularFactor.lq(gaussian, rows: K, columns: D)
            var Z = gaussian
            for k in 0..<K {
                for j in 0..<D {
                    var x = Z[k * D + j]
                    for l in 0..<k { x -= T[k * K + l] * Z[l * D + j] }
                    Z[k * D + j] = x / T[k * K + k]
                }
            }
            var student = [Double](repeating: 0, count: K * K)  // C·Z's part in the teacher's complement
            for k in 0..<K {
                for j in 0..<D {
                    var x = 0.0
                    for l in 0...k { x += C[k][l] * Z[l * D + j] }
                    if j < KStar { R[k * KStar + j] = x } else { student[k * K + j - KStar] = x }
                }
            }
            let triangular = LowerTriangularFactor.lq(student, rows: K, columns: K)
            for j in 0..<(K * K) { L[j] = triangular[j] }
        } else {
            let sqrtQ0 = unit.initial.Q.squareRoot(), r0 = unit.initial.r, c = max(0, 1 - r0 * r0).squareRoot()
            let perCoordinate = sqrtQ0 * c / Double(N).squareRoot()
            for k in 0..<K {
                for m in 0..<KStar { R[k * KStar + m] = (k == m ? sqrtQ0 * r0 : 0) + perCoordinate * rng.normal() }
            }
            let complementPart = LowerTriangularFactor.bartlett(dimension: K, degreesOfFreedom: complement, &rng)
            for k in 0..<K { for l in 0...k { L[k * K + l] = perCoordinate * complementPart[k * K + l] } }
        }
    }

    /// Q_kk = |R_k|² + |L_k|².
    func normSquared(_ k: Int) -> Double {
        var q = 0.0
        for m in 0..<KStar { q += R[k * KStar + m] * R[k * KStar + m] }
        for j in 0...k { q += L[k * K + j] * L[k * K + j] }
        return q
    }

    /// The order parameters: Q = R·Rᵀ + L·Lᵀ, R, v, γ, β.
    public var state: CommitteeState {
        var s = CommitteeState(studentUnits: K, teacherUnits: KStar)
        for k in 0..<K {
            for l in k..<K {
                var q = 0.0
                for m in 0..<KStar { q += R[k * KStar + m] * R[l * KStar + m] }
                for j in 0...k { q += L[k * K + j] * L[l * K + j] }
                s.setQ(k, l, q)
            }
            for m in 0..<KStar { s.setR(k, m, R[k * KStar + m]) }
        }
        s.v = v; s.gamma = gamma; s.beta = beta
        return s
    }

    public var hasBlownUp: Bool { blewUp }
}
