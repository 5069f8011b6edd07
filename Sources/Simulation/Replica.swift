import Model

/// One realization of docs/model.md §1–3: a teacher w*, a student (w, γ, β) and the random stream that
/// draws every sample. The state is a value owned by one thread; buffers are allocated once,
/// padded to whole blocks of 16 and 64-byte aligned for the SIMD kernels (`Kernel`).
public final class Replica {
    public let setup: TrainingSetup
    public let N: Int
    public let M: Int
    /// N rounded up to a multiple of 16: the length the kernels run over (zeros beyond N).
    let padded: Int
    var rng: NormalStream
    /// The per-sample input scales √v of docs/model.md §8's kurtosis (`Replica+InputModels`), a stream of
    /// its own so that the normal stream is laid out the same with or without it; never drawn
    /// from with Gaussian inputs.
    var scales: RandomStream
    /// Both data-model keys at 0 (docs/model.md §1's inputs): the Gaussian kernel path, as always.
    let gaussianInputs: Bool
    /// Teacher, |w*|² = N exactly (up to rounding).
    let teacher: UnsafeMutableBufferPointer<Double>
    /// Student, scaled parametrization: |w|² = N·Q.
    let student: UnsafeMutableBufferPointer<Double>
    /// The M inputs of the current batch, row i at `i·padded`.
    let batch: UnsafeMutablePointer<Double>
    /// Per-sample scratch: teacher fields, student fields, back-propagated errors.
    let teacherFields: UnsafeMutableBufferPointer<Double>
    let studentFields: UnsafeMutableBufferPointer<Double>
    let errors: UnsafeMutableBufferPointer<Double>
    /// Scratch for the random bits of one input (`Kernel.drawGaussian`).
    let bits: UnsafeMutablePointer<SIMD8<UInt64>>
    /// One input row for measurements (`testError`), so they never touch the batch.
    let probe: UnsafeMutablePointer<Double>
    public internal(set) var gamma: Double
    public internal(set) var beta: Double
    /// |w|², kept current by the step kernels for wn, whose step needs it (only wn reads it).
    var studentNormSquared: Double
    /// Set by a step whose fields are non-finite or absurdly large.
    var blewUp = false

    public init(setup: TrainingSetup, seed: UInt64) {
        self.setup = setup
        N = setup.inputDimension
        M = setup.batchSize
        padded = Kernel.paddedLength(N)
        rng = NormalStream(seed: seed)
        scales = RandomStream(seed: SplitMix64.mix(seed ^ 0x7363_616C_6573))  // "scales"
        gaussianInputs = setup.inputs.isGaussian
        teacher = UnsafeMutableBufferPointer(start: Kernel.allocate(padded), count: N)
        student = UnsafeMutableBufferPointer(start: Kernel.allocate(padded), count: N)
        batch = Kernel.allocate(M * padded)
        probe = Kernel.allocate(padded)
        bits = UnsafeMutableRawPointer.allocate(byteCount: max(1, 2 * padded / NormalStream.blockSize) * 64, alignment: 64)
            .bindMemory(to: SIMD8<UInt64>.self, capacity: max(1, 2 * padded / NormalStream.blockSize))
        teacherFields = .allocate(capacity: M)
        studentFields = .allocate(capacity: M)
        errors = .allocate(capacity: M)
        gamma = setup.initial.gamma
        beta = setup.initial.beta
        studentNormSquared = 0
        initializeWeights()
    }

    deinit {
        teacher.deallocate(); student.deallocate(); batch.deallocate(); probe.deallocate(); bits.deallocate()
        teacherFields.deallocate(); studentFields.deallocate(); errors.deallocate()
    }

    /// w* uniform on the sphere |w*|² = N; w = √Q₀·(r₀·w* + √(1−r₀²)·v) with v a random
    /// direction orthogonal to w*, |v|² = N, so that Q = Q₀ and R = r₀√Q₀ exactly (docs/model.md §3).
    private func initializeWeights() {
        let n = Double(N)
        rng.fill(teacher)
        let teacherScale = (n / dot(teacher, teacher)).squareRoot()
        for j in 0..<N { teacher[j] *= teacherScale }

        rng.fill(student)
        if N > 1 {
            let projection = dot(student, teacher) / n
            for j in 0..<N { student[j] -= projection * teacher[j] }
        }
        let vNorm2 = dot(student, student)
        let r0 = setup.initial.r
        let orthogonal = vNorm2 > 0 ? (1 - r0 * r0).squareRoot() * (n / vNorm2).squareRoot() : 0
        let sqrtQ0 = setup.initial.Q.squareRoot()
        for j in 0..<N { student[j] = sqrtQ0 * (r0 * teacher[j] + orthogonal * student[j]) }
        studentNormSquared = dot(student, student)
    }

    /// The order parameters measured on the current weights (docs/model.md §4).
    public var orderParameters: OrderParameters {
        let n = Double(N)
        return OrderParameters(Q: dot(student, student) / n, R: dot(student, teacher) / n, gamma: gamma, beta: beta)
    }

    /// A copy of the student weights (for tests).
    public var studentWeights: [Double] { Array(student) }
}

@inline(__always)
func dot(_ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    let n = a.count, pa = a.baseAddress!, pb = b.baseAddress!
    var j = 0
    while j + 4 <= n {
        s0 += pa[j] * pb[j]; s1 += pa[j + 1] * pb[j + 1]; s2 += pa[j + 2] * pb[j + 2]; s3 += pa[j + 3] * pb[j + 3]
        j += 4
    }
    while j < n { s0 += pa[j] * pb[j]; j += 1 }
    return (s0 + s1) + (s2 + s3)
}
