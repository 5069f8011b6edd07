import Model

extension ReducedCommitteeReplica {
    /// One online step on M fresh samples (docs/model.md §9, §10): per sample the D frame
    /// coordinates of the input — a_i along the teacher and b_i along the student's frame, N(0, 1),
    /// with docs/model.md §8's scale v_i (kurtosis) and input noise s as for the single unit:
    /// teacher fields h*_i = √v_i·a_i, the student's input along the teacher ã_i = √v_i·a_i + s·a′_i
    /// and along its frame b̃_i = √(v_i + s²)·b_i; h_i = R·ã_i + L·b̃_i; labels Σ_m v*_m·g(h*_m) + σξ;
    /// then `update`. Gaussian inputs draw a_i, b_i only, in that order.
    public func step() {
        var rng = self.rng
        let inputs = unit.inputs, s = inputs.noise, rho = inputs.kurtosis
        for i in 0..<M {
            let v = rho > 0 ? rng.gamma(shape: inputs.scaleShape, scale: inputs.scaleScale) : 1
            let scale = rho > 0 ? v.squareRoot() : 1, variance = v + s * s
            for m in 0..<KStar { teacherFields[m * M + i] = scale * rng.normal() }
            for j in 0..<K { frameCoordinates[j * M + i] = rng.normal() }
            if !inputs.isGaussian { for j in 0..<K { frameCoordinates[j * M + i] *= variance.squareRoot() } }
            for m in 0..<KStar { teacherCoordinates[m * M + i] = s > 0 ? teacherFields[m * M + i] + s * rng.normal() : teacherFields[m * M + i] }
            outOfFrameVariance[i] = variance
        }
        computeStudentFields()
        let g = unit.activation, vStar = setup.teacherSecondLayer, sigma = unit.teacherNoise
        for i in 0..<M {
            var y = 0.0
            for m in 0..<KStar { y += vStar[m] * g.value(teacherFields[m * M + i]) }
            labels[i] = y + (sigma > 0 ? sigma * rng.normal() : 0)
        }
        update(&rng)
        self.rng = rng
    }

    /// h_ki = Σ_m R_km·ã_mi + Σ_j L_kj·b̃_ji.
    @inline(__always)
    func computeStudentFields() {
        for k in 0..<K {
            for i in 0..<M {
                var h = 0.0
                for m in 0..<KStar { h += R[k * KStar + m] * teacherCoordinates[m * M + i] }
                for j in 0...k { h += L[k * K + j] * frameCoordinates[j * M + i] }
                studentFields[k * M + i] = h
            }
        }
    }

    /// The full engine's update (`CommitteeReplica.update`) term for term, with the coefficients
    /// in the units of w_k' = A_k·w_k + N^{−1/2}·Σ_i c_ki·x_i, then the new frame coordinates:
    /// R' = A·R + C·a/N, the in-frame student block A·L + C·b/N, and the out-of-frame block Γ/N with
    /// Γ·Γᵀ = C·G⊥·Cᵀ, G⊥ ~ Wishart_M(N − D, I) independent of the fields (docs/reduced-engine.md §5).
    func update(_ rng: inout RandomStream, outOfFrame given: [[Double]]? = nil) {
        let n = Double(N), Mf = Double(M)
        let g = unit.activation, eta = unit.learningRate, method = unit.method
        var gamma = self.gamma, v = self.v
        let beta = self.beta
        for k in 0..<K {
            let fields = studentFields + k * M, standardized = activations + k * M
            switch method {
            case .sgd:
                for i in 0..<M { standardized[i] = fields[i] }
            case .wn:
                sqrtQ[k] = normSquared(k).squareRoot()
                for i in 0..<M { standardized[i] = fields[i] / sqrtQ[k] }
            case .bn:
                var mean = 0.0
                for i in 0..<M { mean += fields[i] }
                mean /= Mf
                var variance = 0.0
                for i in 0..<M { let d = fields[i] - mean; variance += d * d }
                batchSD[k] = (variance / Mf).squareRoot()
                for i in 0..<M { standardized[i] = (fields[i] - mean) / batchSD[k] }
            }
        }
        for i in 0..<M { residuals[i] = labels[i] }
        for k in 0..<K {
            for i in 0..<M {
                let a = method == .sgd ? activations[k * M + i] : gamma[k] * activations[k * M + i] + beta[k]
                residuals[i] -= v[k] * g.value(a)
            }
        }
        let decay = 1 - eta * unit.weightDecay / n
        var finite = true
        for k in 0..<K {
            var vGradient = 0.0, gammaGradient = 0.0, betaGradient = 0.0  // −M·∂L/∂(·)
            var meanDelta = 0.0, meanDeltaN = 0.0, projection = 0.0
            var scale = decay
            let standardized = activations + k * M, c = coefficients + k * M
            for i in 0..<M {
                let s = standardized[i]
                let a = method == .sgd ? s : gamma[k] * s + beta[k]
                let delta = residuals[i] * v[k] * g.derivative(a)
                vGradient += residuals[i] * g.value(a)
                gammaGradient += delta * s
                betaGradient += delta
                switch method {
                case .sgd:
                    c[i] = eta * delta / Mf
                case .wn:
                    c[i] = eta * gamma[k] * delta / (Mf * sqrtQ[k])  // ∂u/∂w = (x − u·ŵ)/|w|
                    projection += c[i] * s
                case .bn:
                    c[i] = delta
                    meanDelta += delta; meanDeltaN += delta * s
                }
            }
            switch method {
            case .sgd: break
            case .wn: scale -= projection / (n * sqrtQ[k])  // the step is orthogonal to w_k
            case .bn:
                meanDelta /= Mf; meanDeltaN /= Mf
                let factor = gamma[k] / batchSD[k]
                for i in 0..<M {
                    // docs/model.md §2: at M = 2 the standardized batch is ±1 and ∇_w L = 0 exactly.
                    c[i] = M == 2 ? 0 : eta * factor * (c[i] - meanDelta - standardized[i] * meanDeltaN) / Mf
                }
            }
            scales[k] = scale
            if method.isNormalized {
                gamma[k] += unit.gammaLearningRate / n * (gammaGradient / Mf - 2 * unit.gammaDecay * gamma[k])
                if unit.learnBeta { self.beta[k] += unit.betaLearningRate / n * betaGradient / Mf }
            }
            if setup.learnSecondLayer { v[k] += setup.secondLayerLearningRate / n * vGradient / Mf }
            finite = finite && scale.isFinite
            for i in 0..<M where !c[i].isFinite { finite = false }
        }
        if method.isNormalized { self.gamma = gamma }
        if setup.learnSecondLayer { self.v = v }
        if let given { moveFrame(outOfFrame: given) } else { moveFrame(&rng) }
        // The full engine's blow-up rule, per unit: the first sample's field beyond 100× the
        // divergence scale, or a non-finite |w_k|² or A_k.
        let fieldLimit = 100 * unit.divergenceQ
        for k in 0..<K {
            let h0 = studentFields[k * M]
            if !(h0 * h0 < fieldLimit) || !normSquared(k).isFinite { blewUp = true }
        }
        if !finite { blewUp = true }
    }

    /// R ← A·R + C·ã/N and L ← the LQ factor of [A·L + C·b/N | Γ/N], Γ = L_C·B with C = L_C·O_C
    /// (LQ, L_C of K × min(K, M)) and B the Bartlett factor of Wishart_{min(K,M)}(N − D, I): for
    /// orthonormal rows O_C, O_C·G⊥·O_Cᵀ ~ Wishart_{min(K,M)}(N − D, I), so Γ·Γᵀ has C·G⊥·Cᵀ's law.
    @inline(__always)
    private func moveFrame(_ rng: inout RandomStream) {
        let r = min(K, M), nu = outOfSpanDegreesOfFreedom, s = min(r, nu)
        let width = K + s
        moveInFrame(block: block, width: width)
        drawOutOfFrame(&rng, width: width)
        LowerTriangularFactor.lq(block, rows: K, columns: width, scratch: householder, into: L)
    }

    /// R ← A·R + C·a/N, and A·L + C·b/N into the first K columns of `block` (K × width).
    @inline(__always)
    private func moveInFrame(block: UnsafeMutablePointer<Double>, width: Int) {
        let invN = 1 / Double(N)
        for k in 0..<K {
            let a = scales[k], c = coefficients + k * M
            for m in 0..<KStar {
                var x = 0.0
                for i in 0..<M { x += c[i] * teacherCoordinates[m * M + i] }
                R[k * KStar + m] = a * R[k * KStar + m] + x * invN
            }
            for j in 0..<K {
                var x = 0.0
                for i in 0..<M { x += c[i] * frameCoordinates[j * M + i] }
                block[k * width + j] = (j <= k ? a * L[k * K + j] : 0) + x * invN
            }
        }
    }

    /// For the pathwise tests: the out-of-frame block from the batch's given out-of-frame parts
    /// x_i^⊥ (M vectors of any length p), Γ = C·X⊥, in place of its Wishart law.
    private func moveFrame(outOfFrame given: [[Double]]) {
        let p = given.first?.count ?? 0, width = K + p, invN = 1 / Double(N)
        let wide = UnsafeMutablePointer<Double>.allocate(capacity: K * width), scratch = UnsafeMutablePointer<Double>.allocate(capacity: width)
        defer { wide.deallocate(); scratch.deallocate() }
        moveInFrame(block: wide, width: width)
        for k in 0..<K {
            for j in 0..<p {
                var x = 0.0
                for i in 0..<M { x += coefficients[k * M + i] * given[i][j] }
                wide[k * width + K + j] = x * invN
            }
        }
        LowerTriangularFactor.lq(wide, rows: K, columns: width, scratch: scratch, into: L)
    }

    /// Γ/N = L_C·B/N into `block`'s columns K..<width (see `moveFrame`).
    @inline(__always)
    private func drawOutOfFrame(_ rng: inout RandomStream, width: Int) {
        let invN = 1 / Double(N)
        let r = min(K, M), nu = outOfSpanDegreesOfFreedom, s = min(r, nu)
        if s > 0 {
            coefficientCopy.update(from: coefficients, count: K * M)
            // x̃_i^⊥ has i.i.d. components of variance v_i + s²: G⊥ = diag(τ)·W·diag(τ), W ~ Wishart(I).
            if !unit.inputs.isGaussian {
                for k in 0..<K { for i in 0..<M { coefficientCopy[k * M + i] *= outOfFrameVariance[i].squareRoot() } }
            }
            LowerTriangularFactor.lq(coefficientCopy, rows: K, columns: M, scratch: householder, into: coefficientFactor)  // K × r
            LowerTriangularFactor.bartlett(into: bartlett, dimension: r, degreesOfFreedom: nu, &rng)  // r × s
            for k in 0..<K {
                for j in 0..<s {
                    var x = 0.0
                    var l = j
                    while l <= k && l < r { x += coefficientFactor[k * r + l] * bartlett[l * s + j]; l += 1 }
                    block[k * width + K + j] = x * invN
                }
            }
        }
    }
}

/// The reduced two-layer chain run like `CommitteeSimulation.replica`.
public enum ReducedCommitteeSimulation {
    public static func initialState(setup: CommitteeSetup, seed: UInt64) -> CommitteeState {
        ReducedCommitteeReplica(setup: setup, seed: seed).state
    }

    /// Trains one replica over the grid with the divergence rule of docs/model.md §3 per unit; the
    /// same record as the full engine's.
    public static func replica(setup: CommitteeSetup, grid: AlphaGrid, seed: UInt64, testSamples: Int) -> CommitteeReplicaRecord {
        let replica = ReducedCommitteeReplica(setup: setup, seed: seed)
        var testStream = RandomStream(seed: SplitMix64.mix(seed ^ 0x7465_7374))  // "test"
        var states: [CommitteeState] = [], tests: [Double] = [], testSEs: [Double] = []
        let alphaPerStep = Double(setup.unit.batchSize) / Double(setup.unit.inputDimension)
        func record(_ outcome: Outcome) -> CommitteeReplicaRecord {
            CommitteeReplicaRecord(seed: seed, trajectory: CommitteeTrajectory(states: states, outcome: outcome),
                                   testError: tests, testErrorStandardError: testSEs)
        }
        var t = 0
        for (target, alpha) in zip(grid.steps, grid.alphas) {
            while t < target {
                replica.step()
                t += 1
                if replica.blewUp { return record(.diverged(atAlpha: Double(t) * alphaPerStep)) }
            }
            let s = replica.state
            guard s.isUsable(divergenceQ: setup.unit.divergenceQ) else { return record(.diverged(atAlpha: alpha)) }
            states.append(s)
            if testSamples > 0 {
                let (mean, se) = replica.testError(samples: testSamples, stream: &testStream)
                tests.append(mean); testSEs.append(se)
            }
        }
        return record(.completed)
    }
}
