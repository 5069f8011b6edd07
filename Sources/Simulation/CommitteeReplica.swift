import Model

/// One realization of a two-layer network (docs/model.md §9): K* orthonormal teacher units with
/// second layer v*, a student of K units (w_k, γ_k, β_k, v_k), and the stream that draws every
/// sample. The single-unit `Replica` is untouched; this is the K > 1 engine. Weight rows are
/// padded and aligned like `Replica`'s, so the kernels of `Kernel` apply row by row: per sample
/// the K + K* fields are a (K + K*)×N matrix–vector product and the update is K axpys.
public final class CommitteeReplica {
    public let setup: CommitteeSetup
    let unit: TrainingSetup
    let N: Int, M: Int, K: Int, KStar: Int
    let padded: Int
    var rng: NormalStream
    /// docs/model.md §8's per-sample scales √v, a stream of their own as in `Replica` (never drawn
    /// from without kurtosis).
    var scales: RandomStream
    /// The noise ν of docs/model.md §8's x̃ = √v·z + s·ν, one row (measurements reuse it).
    let noiseRow: UnsafeMutablePointer<Double>
    /// Teacher rows (|w*_m|² = N, w*_m·w*_n = 0), row m at m·padded.
    let teacher: UnsafeMutablePointer<Double>
    /// Student rows, row k at k·padded.
    let student: UnsafeMutablePointer<Double>
    /// The M inputs of the current batch, row i at i·padded.
    let batch: UnsafeMutablePointer<Double>
    let bits: UnsafeMutablePointer<SIMD8<UInt64>>
    /// Fields, pre-activations and update coefficients, indexed [k·M + i] (teacher: [m·M + i]).
    var teacherFields: [Double], studentFields: [Double], activations: [Double], coefficients: [Double]
    var labels: [Double]
    public internal(set) var v: [Double]
    public internal(set) var gamma: [Double]
    public internal(set) var beta: [Double]
    /// |w_k|², kept current by the update (wn's step needs it).
    var normSquared: [Double]
    var blewUp = false

    public init(setup: CommitteeSetup, seed: UInt64) {
        self.setup = setup
        unit = setup.unit
        N = unit.inputDimension; M = unit.batchSize; K = setup.studentUnits; KStar = setup.teacherUnits
        padded = Kernel.paddedLength(N)
        rng = NormalStream(seed: seed)
        scales = RandomStream(seed: SplitMix64.mix(seed ^ 0x7363_616C_6573))  // "scales"
        noiseRow = Kernel.allocate(padded)
        teacher = Kernel.allocate(KStar * padded)
        student = Kernel.allocate(K * padded)
        batch = Kernel.allocate(M * padded)
        let words = max(1, 2 * padded / NormalStream.blockSize)
        bits = UnsafeMutableRawPointer.allocate(byteCount: words * 64, alignment: 64).bindMemory(to: SIMD8<UInt64>.self, capacity: words)
        teacherFields = Array(repeating: 0, count: KStar * M)
        studentFields = Array(repeating: 0, count: K * M)
        activations = Array(repeating: 0, count: K * M)
        coefficients = Array(repeating: 0, count: K * M)
        labels = Array(repeating: 0, count: M)
        v = Array(repeating: setup.secondLayerInitial, count: K)
        gamma = Array(repeating: unit.initial.gamma, count: K)
        beta = Array(repeating: unit.initial.beta, count: K)
        normSquared = Array(repeating: 0, count: K)
        initializeWeights()
    }

    deinit { teacher.deallocate(); student.deallocate(); batch.deallocate(); bits.deallocate(); noiseRow.deallocate() }

    func row(_ base: UnsafeMutablePointer<Double>, _ r: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: base + r * padded, count: N)
    }

    /// Gram–Schmidt of `rows` rows at `base` against `against` rows at `other` and each other,
    /// each scaled to |·|² = N.
    func orthonormalize(_ base: UnsafeMutablePointer<Double>, rows: Int, against other: UnsafeMutablePointer<Double>?, count: Int) {
        let n = Double(N)
        for r in 0..<rows {
            let x = row(base, r)
            for s in 0..<count { let o = row(other!, s); let p = dot(x, o) / n; for j in 0..<N { x[j] -= p * o[j] } }
            for s in 0..<r { let o = row(base, s); let p = dot(x, o) / n; for j in 0..<N { x[j] -= p * o[j] } }
            let scale = (n / dot(x, x)).squareRoot()
            for j in 0..<N { x[j] *= scale }
        }
    }

    /// docs/model.md §9's start: explicit (Q, R) exactly, with w_k = Σ_m R_km·w*_m + Σ_l L_kl·z_l,
    /// z_l orthonormal and orthogonal to the teacher, L·Lᵀ = Q − R·Rᵀ; Q alone exactly, with random
    /// O(1/√N) overlaps R; or, by default, Gaussian w_k = √Q₀·(r₀·w*_k + √(1 − r₀²)·z_k) with z_k
    /// i.i.d. N(0, 1) — |w_k|²/N ≈ Q₀ and all overlaps O(1/√N) apart from r₀.
    private func initializeWeights() {
        for m in 0..<KStar { rng.fill(row(teacher, m)) }
        orthonormalize(teacher, rows: KStar, against: nil, count: 0)
        let z = Kernel.allocate(K * padded)
        defer { z.deallocate() }
        for k in 0..<K { rng.fill(UnsafeMutableBufferPointer(start: z + k * padded, count: N)) }
        if let Q = setup.initialQ {
            let R = setup.initialR
            var rest = Q
            if let R { for k in 0..<K { for l in 0..<K { rest[k][l] -= (0..<KStar).reduce(0) { $0 + R[k][$1] * R[l][$1] } } } }
            for k in 0..<K { rest[k][k] += 1e-14 * max(1, Q[k][k]) }  // Q − RRᵀ may be only semidefinite
            let L = SymmetricMatrix.cholesky(rest) ?? rest.map { $0.map { _ in 0 } }
            orthonormalize(z, rows: K, against: R == nil ? nil : teacher, count: R == nil ? 0 : KStar)
            for k in 0..<K {
                let w = row(student, k)
                for j in 0..<N {
                    var x = 0.0
                    if let R { for m in 0..<KStar { x += R[k][m] * teacher[m * padded + j] } }
                    for l in 0...k { x += L[k][l] * z[l * padded + j] }
                    w[j] = x
                }
            }
        } else {
            let q0 = unit.initial.Q.squareRoot(), r0 = unit.initial.r, c = (1 - r0 * r0).squareRoot()
            for k in 0..<K {
                let w = row(student, k)
                for j in 0..<N { w[j] = q0 * ((k < KStar ? r0 * teacher[k * padded + j] : 0) + c * z[k * padded + j]) }
            }
        }
        for k in 0..<K { normSquared[k] = dot(row(student, k), row(student, k)) }
    }

    /// The order parameters measured on the current weights.
    public var state: CommitteeState {
        let n = Double(N)
        var s = CommitteeState(studentUnits: K, teacherUnits: KStar)
        for k in 0..<K {
            for l in k..<K { s.setQ(k, l, dot(row(student, k), row(student, l)) / n) }
            for m in 0..<KStar { s.setR(k, m, dot(row(student, k), row(teacher, m)) / n) }
        }
        s.v = v; s.gamma = gamma; s.beta = beta
        return s
    }

    public var hasBlownUp: Bool { blewUp }
}
