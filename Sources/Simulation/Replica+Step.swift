import Model

/// Where the update takes each sample's additive label noise σ·ξ from, one value per sample in
/// sample order. Training draws it from the replica's stream (`DrawnLabelNoise`); tests give it.
protocol LabelNoiseSource {
    mutating func next() -> Double
    /// The label y of the next sample given the teacher's g(h*): g(h*) + `next()` unless a data
    /// set gives the labels (docs/model.md §12).
    mutating func label(teacherValue: Double) -> Double
}

extension LabelNoiseSource {
    @inline(__always)
    mutating func label(teacherValue: Double) -> Double { teacherValue + next() }
}

/// σ·ξ with ξ drawn from the replica's stream when the update reaches the sample (no draw at
/// all when σ = 0): the stream is consumed exactly as it always was.
struct DrawnLabelNoise: LabelNoiseSource {
    var rng: NormalStream
    let sigma: Double
    @inline(__always)
    mutating func next() -> Double { sigma > 0 ? sigma * rng.normal() : 0 }
}

extension Replica {
    /// One online step on M fresh samples (docs/model.md §3): draw the batch and its fields, then apply
    /// the update for that batch (label noise drawn from the same stream, sample by sample).
    /// docs/model.md §8's noisy or heavy-tailed inputs take a path of their own (`Replica+InputModels`);
    /// the update is the same code for both.
    @inline(__always)
    func step() {
        var rng = self.rng  // a local copy: no exclusivity checks on the class property in the loop
        if gaussianInputs { drawBatch(&rng) } else { drawBatchWithInputModel(&rng) }
        var noise = DrawnLabelNoise(rng: rng, sigma: setup.teacherNoise)
        applyUpdate(labelNoise: &noise)
        self.rng = noise.rng
    }

    /// `steps` online steps (docs/model.md §3), exactly those `SimulationRun` takes; stops early if a
    /// step blows up (see `hasBlownUp`).
    public func train(steps: Int) {
        for _ in 0..<steps {
            step()
            if blewUp { return }
        }
    }

    /// Whether a step has blown up (non-finite |w|² or an absurdly large field).
    public var hasBlownUp: Bool { blewUp }

    /// 1. The M inputs of a fresh batch into `batch`, the draws fused with both dot products:
    /// teacher fields h*_i = w*·x_i/√N and student fields h_i = w·x_i/√N (`Kernel.drawGaussian`).
    @inline(__always)
    func drawBatch(_ rng: inout NormalStream) {
        let invSqrtN = 1 / Double(N).squareRoot()
        let wStar = UnsafePointer(teacher.baseAddress!), w = UnsafePointer(student.baseAddress!)
        for i in 0..<M {
            let (dT, dS) = Kernel.drawGaussian(into: batch + i * padded, count: N, teacher: wStar, student: w,
                                               stream: &rng, bits: bits)
            teacherFields[i] = dT * invSqrtN
            studentFields[i] = dS * invSqrtN
        }
    }

    /// 2–4. The update for the batch in `batch`, whose fields are in `teacherFields` and
    /// `studentFields`: labels y_i = g(h*_i) + `noise.next()` (taken in sample order), the
    /// back-propagated errors, then w (fused with |w|²), γ and β.
    @inline(__always)
    func applyUpdate<Noise: LabelNoiseSource>(labelNoise noise: inout Noise) {
        let n = Double(N), invSqrtN = 1 / n.squareRoot()
        let g = setup.activation
        let eta = setup.learningRate
        // The raw field of the first sample, for the blow-up check (bn overwrites the buffer with n).
        let h0 = studentFields[0]

        // 2. Back-propagated errors c_i, so that Δw = Σ_i c_i·x_i + (wCoefficient − 1)·w.
        let Mf = Double(M)
        var wCoefficient = 1 - eta * setup.weightDecay / n
        var gammaGradient = 0.0, betaGradient = 0.0  // −∂L/∂γ, −∂L/∂β
        var wGradientVanishes = false
        switch setup.method {
        case .sgd:
            for i in 0..<M {
                let h = studentFields[i]
                let y = noise.label(teacherValue: g.value(teacherFields[i]))
                let delta = (y - g.value(h)) * g.derivative(h)
                errors[i] = eta * delta * invSqrtN / Mf
            }
        case .wn:
            let norm = studentNormSquared.squareRoot()  // |w| = √(N·Q)
            let sqrtQ = norm * invSqrtN
            var projection = 0.0
            for i in 0..<M {
                let u = studentFields[i] / sqrtQ
                let a = gamma * u + beta
                let y = noise.label(teacherValue: g.value(teacherFields[i]))
                let delta = (y - g.value(a)) * g.derivative(a)
                gammaGradient += delta * u
                betaGradient += delta
                let c = eta * gamma * delta / (Mf * norm)  // ∂u/∂w = (x − u·ŵ)/|w|
                errors[i] = c
                projection += c * u
            }
            wCoefficient -= projection / norm
        case .bn:
            // Batch statistics of h and the standard BN backward pass through μ_B and σ_B.
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
                let y = noise.label(teacherValue: g.value(teacherFields[i]))
                let delta = (y - g.value(a)) * g.derivative(a)
                errors[i] = delta
                studentFields[i] = nI  // reuse the buffer for the standardized fields
                meanDelta += delta; meanDeltaN += delta * nI
            }
            meanDelta /= Mf; meanDeltaN /= Mf
            gammaGradient = meanDeltaN * Mf
            betaGradient = meanDelta * Mf
            // docs/model.md §2: at M = 2 the standardized batch is n = ±1 whatever w is, so ŷ and L do not
            // depend on w and ∇_w L = 0 identically. In floating point the c_i below would come
            // out ~1e-17 (rounding in δ_i − mean δ − n_i·mean(δn)) instead of 0 and w would
            // random-walk, so the gradient part of the w update is skipped: an exact identity, not
            // an approximation. Weight decay still applies; γ and β still learn.
            if M == 2 { wGradientVanishes = true; break }
            for i in 0..<M {
                // c_i = (γ/σ_B)(δ_i − mean δ − n_i·mean(δn)) in units of h; Δw = η/(M√N)·Σ c_i x_i.
                let c = gamma / sd * (errors[i] - meanDelta - studentFields[i] * meanDeltaN)
                errors[i] = eta * c * invSqrtN / Mf
            }
        }

        // 3. w ← wCoefficient·w + Σ_i c_i·x_i, and |w|² of the new w in the same pass where the
        // next step needs it (wn; measurements compute Q afresh).
        let w = student.baseAddress!
        let needsNorm = setup.method == .wn
        let norm2 = wGradientVanishes
            ? Kernel.scale(w, by: wCoefficient, padded: padded)
            : Kernel.update(w, scale: wCoefficient, inputs: batch, stride: padded, coefficients: errors.baseAddress!,
                            rows: M, padded: padded, measuringNorm: needsNorm)
        if needsNorm { studentNormSquared = norm2 }

        // 4. γ and β (docs/model.md §3: γ ← γ − (η_γ/N)(∂L/∂γ + 2κγ)).
        if setup.method.isNormalized {
            gamma += setup.gammaLearningRate / n * (gammaGradient / Mf - 2 * setup.gammaDecay * gamma)
            if setup.learnBeta { beta += setup.betaLearningRate / n * betaGradient / Mf }
        }

        // A field beyond 100× the divergence scale means the run has blown up (or is NaN); so
        // does a non-finite coefficient of the w update (w finite before, so finite after, unless
        // one of them is not) or, for wn, a non-finite |w|².
        let fieldLimit = 100 * setup.divergenceQ
        var finite = wCoefficient.isFinite && (!needsNorm || norm2.isFinite)
        for i in 0..<M { finite = finite && errors[i].isFinite }
        if !(h0 * h0 < fieldLimit) || !finite { blewUp = true }
    }
}
