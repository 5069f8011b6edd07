import Model

extension Replica {
    /// One online step on M fresh samples (SPEC §3): draw the batch, compute the fields, the
    /// back-propagated errors, then update w (fused with |w|²), γ and β.
    @inline(__always)
    func step() {
        let n = Double(N), invSqrtN = 1 / n.squareRoot()
        let g = setup.activation
        let sigma = setup.teacherNoise
        let eta = setup.learningRate
        let xs = batch.baseAddress!, wStar = teacher.baseAddress!, w = student.baseAddress!
        var rng = self.rng  // a local copy: no exclusivity checks on the class property in the loop
        defer { self.rng = rng }

        // 1. Batch and fields, the draws fused with both dot products.
        for i in 0..<M {
            let x = xs + i * N
            var dT = 0.0, dS = 0.0
            for j in 0..<N {
                let z = rng.normal()
                x[j] = z
                dT += wStar[j] * z
                dS += w[j] * z
            }
            teacherFields[i] = dT * invSqrtN
            studentFields[i] = dS * invSqrtN
        }

        // 2. Back-propagated errors c_i, so that Δw = Σ_i c_i·x_i + (wCoefficient − 1)·w.
        let Mf = Double(M)
        var wCoefficient = 1 - eta * setup.weightDecay / n
        var gammaGradient = 0.0, betaGradient = 0.0  // −∂L/∂γ, −∂L/∂β
        switch setup.method {
        case .sgd:
            for i in 0..<M {
                let h = studentFields[i]
                let y = g.value(teacherFields[i]) + (sigma > 0 ? sigma * rng.normal() : 0)
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
                let y = g.value(teacherFields[i]) + (sigma > 0 ? sigma * rng.normal() : 0)
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
                let y = g.value(teacherFields[i]) + (sigma > 0 ? sigma * rng.normal() : 0)
                let delta = (y - g.value(a)) * g.derivative(a)
                errors[i] = delta
                studentFields[i] = nI  // reuse the buffer for the standardized fields
                meanDelta += delta; meanDeltaN += delta * nI
            }
            meanDelta /= Mf; meanDeltaN /= Mf
            gammaGradient = meanDeltaN * Mf
            betaGradient = meanDelta * Mf
            for i in 0..<M {
                // c_i = (γ/σ_B)(δ_i − mean δ − n_i·mean(δn)) in units of h; Δw = η/(M√N)·Σ c_i x_i.
                let c = gamma / sd * (errors[i] - meanDelta - studentFields[i] * meanDeltaN)
                errors[i] = eta * c * invSqrtN / Mf
            }
        }

        // 3. w ← wCoefficient·w + Σ_i c_i·x_i, and |w|² of the new w in the same pass.
        var norm2 = 0.0
        let c = errors.baseAddress!
        switch M {
        case 1:
            let c0 = c[0]
            for j in 0..<N {
                let v = wCoefficient * w[j] + c0 * xs[j]
                w[j] = v; norm2 += v * v
            }
        default:
            for j in 0..<N {
                var v = wCoefficient * w[j]
                for i in 0..<M { v += c[i] * xs[i * N + j] }
                w[j] = v; norm2 += v * v
            }
        }
        studentNormSquared = norm2

        // 4. γ and β (SPEC §3: γ ← γ − (η_γ/N)(∂L/∂γ + 2κγ)).
        if setup.method.isNormalized {
            gamma += setup.gammaLearningRate / n * (gammaGradient / Mf - 2 * setup.gammaDecay * gamma)
            if setup.learnBeta { beta += setup.betaLearningRate / n * betaGradient / Mf }
        }

        // A field beyond 100× the divergence scale means the run has blown up (or is NaN).
        let fieldLimit = 100 * setup.divergenceQ
        let h0 = studentFields[0]
        if !(h0 * h0 < fieldLimit) || !(norm2.isFinite) { blewUp = true }
    }
}
