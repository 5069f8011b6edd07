import Model

/// docs/model.md §8's data models in the simulation, as a path of their own: with both keys at 0
/// (`InputModel.isGaussian`) `step()` and `testError` never come here, so the Gaussian kernel and
/// the order of its draws are exactly as they were (outputs byte-identical).
///
/// Per sample: v ~ Gamma(3/ρ, ρ/3) from the replica's `scales` stream (v = 1 and no draw without
/// kurtosis), z ~ N(0, I_N) and, with noise, ν ~ N(0, I_N), both from the normal stream in that
/// order (⌈N/16⌉ blocks each, as every input). The teacher labels the clean x = √v·z
/// (h* = w*·x/√N); the student sees x̃ = x + s·ν (h = w·x̃/√N), and the update moves w along x̃,
/// so the batch holds x̃ for `applyUpdate`, which is the Gaussian path's update unchanged.
extension Replica {
    /// 1. The M inputs x̃_i of a fresh batch into `batch`, with h*_i and h_i. The fields come from
    /// the kernel's dot products of z and ν, h* = √v·(w*·z)/√N and h = (√v·(w·z) + s·(w·ν))/√N:
    /// w·x̃ by linearity, up to rounding. `probe` holds ν meanwhile (measurements never run
    /// inside a step).
    func drawBatchWithInputModel(_ rng: inout NormalStream) {
        let invSqrtN = 1 / Double(N).squareRoot()
        let s = setup.inputs.noise
        let wStar = UnsafePointer(teacher.baseAddress!), w = UnsafePointer(student.baseAddress!)
        for i in 0..<M {
            let x = batch + i * padded
            let scale = nextInputScale(&scales)
            let (dT, dS) = Kernel.drawGaussian(into: x, count: N, teacher: wStar, student: w, stream: &rng, bits: bits)
            var studentDot = scale * dS
            if s > 0 {
                let (_, dNoise) = Kernel.drawGaussian(into: probe, count: N, teacher: wStar, student: w, stream: &rng, bits: bits)
                studentDot += s * dNoise
                Kernel.combine(x, scale: scale, noise: UnsafePointer(probe), noiseScale: s, padded: padded)
            } else if scale != 1 {
                Kernel.combine(x, scale: scale, noise: UnsafePointer(probe), noiseScale: 0, padded: padded)
            }
            teacherFields[i] = scale * dT * invSqrtN
            studentFields[i] = studentDot * invSqrtN
        }
    }

    /// √v for the next sample (`InputModel.nextScale`).
    @inline(__always)
    func nextInputScale(_ stream: inout RandomStream) -> Double { setup.inputs.nextScale(&stream) }

    /// `testError` for docs/model.md §8 inputs: fresh samples drawn as in training (v from `scales`, z and
    /// ν from `stream`), the clean target g(h*) and the prediction from what the student sees,
    /// h = w·x̃/√N — wn's g(γh/√Q + β) (|w| normalizes), bn's inference g(γh/σ_P + β) with the
    /// population scale σ_P = √(Q(1 + s²)) (docs/model.md §8).
    func testErrorWithInputModel(samples: Int, stream: inout NormalStream,
                                 scales: inout RandomStream) -> (mean: Double, standardError: Double) {
        guard samples > 0 else { return (.nan, .nan) }
        let n = Double(N), invSqrtN = 1 / n.squareRoot()
        let g = setup.activation
        let s = setup.inputs.noise
        let sqrtQ = (dot(student, student) / n).squareRoot()
        let sigmaP = sqrtQ * setup.inputs.studentVarianceFactor.squareRoot()
        let wStar = UnsafePointer(teacher.baseAddress!), w = UnsafePointer(student.baseAddress!)
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            let scale = nextInputScale(&scales)
            let (dT, dS) = Kernel.drawGaussian(into: probe, count: N, teacher: wStar, student: w, stream: &stream, bits: bits)
            var studentDot = scale * dS
            if s > 0 {
                let (_, dNoise) = Kernel.drawGaussian(into: probe, count: N, teacher: wStar, student: w, stream: &stream, bits: bits)
                studentDot += s * dNoise
            }
            let h = studentDot * invSqrtN
            let prediction: Double
            switch setup.method {
            case .sgd: prediction = g.value(h)
            case .wn: prediction = g.value(gamma * h / sqrtQ + beta)
            case .bn: prediction = g.value(gamma * h / sigmaP + beta)
            }
            let diff = g.value(scale * dT * invSqrtN) - prediction
            let e = 0.5 * diff * diff
            sum += e; sumSquares += e * e
        }
        let count = Double(samples)
        let mean = sum / count
        let variance = samples > 1 ? max(0, (sumSquares - count * mean * mean) / (count - 1)) : 0
        return (mean, (variance / count).squareRoot())
    }
}

extension InputModel {
    /// √v for the next sample: 1 without kurtosis (no draw), else the square root of a
    /// Gamma(3/ρ, ρ/3) variate (mean 1, variance ρ/3; docs/model.md §8). Both engines draw it so.
    @inline(__always)
    func nextScale(_ stream: inout RandomStream) -> Double {
        kurtosis > 0 ? stream.gamma(shape: scaleShape, scale: scaleScale).squareRoot() : 1
    }
}

extension Kernel {
    /// x ← scale·x + noiseScale·ν over the padded row (noiseScale = 0: the noise row is not read):
    /// docs/model.md §8's x̃ = √v·z + s·ν, in both engines.
    static func combine(_ x: UnsafeMutablePointer<Double>, scale: Double, noise: UnsafePointer<Double>,
                        noiseScale: Double, padded: Int) {
        let a = Kernel.Values(repeating: scale), b = Kernel.Values(repeating: noiseScale)
        var j = 0
        if noiseScale == 0 {
            while j < padded { Kernel.store(a * Kernel.load(x, j), x, j); j &+= 8 }
        } else {
            while j < padded { Kernel.store((a * Kernel.load(x, j)).addingProduct(b, Kernel.load(noise, j)), x, j); j &+= 8 }
        }
    }
}
