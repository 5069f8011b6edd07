import Model

extension Kernel {
    /// A fresh x ~ N(0, I_N) into `x` (padded with zeros), drawn exactly as `drawGaussian` draws it.
    @inline(__always)
    static func drawInput(into x: UnsafeMutablePointer<Double>, count n: Int, stream: inout NormalStream,
                          bits: UnsafeMutablePointer<SIMD8<UInt64>>) {
        let blocks = paddedLength(n) / NormalStream.blockSize
        stream.fillBits(bits, count: 2 * blocks)
        let raw = UnsafeRawPointer(bits)
        for block in 0..<blocks {
            let a = raw.load(fromByteOffset: block &* 128, as: SIMD8<UInt64>.self)
            let b = raw.load(fromByteOffset: block &* 128 &+ 64, as: SIMD8<UInt64>.self)
            let (z0, z1) = NormalTransform.normals(a, b)
            let j = block &* NormalStream.blockSize
            store(z0, x, j); store(z1, x, j &+ 8)
        }
        for k in n..<(blocks &* NormalStream.blockSize) { x[k] = 0 }
    }

    /// w·x of padded vectors, two 8-lane accumulators.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ w: UnsafePointer<Double>, padded: Int) -> Double {
        var s0 = Values.zero, s1 = Values.zero
        var j = 0
        while j < padded {
            s0 = s0.addingProduct(load(w, j), load(x, j)); s1 = s1.addingProduct(load(w, j &+ 8), load(x, j &+ 8))
            j &+= NormalStream.blockSize
        }
        return horizontalSum(s0 + s1)
    }
}

extension CommitteeReplica {
    /// One online step on M fresh samples (docs/model.md §3 per unit, §9): the batch and its K* + K
    /// fields, labels Σ_m v*_m·g(h*_m) + σξ, the per-unit forward pass (BN with each unit's batch
    /// mean and variance), the backward pass (BN's through μ_B and σ_B), then w_k, γ_k, β_k, v_k.
    /// With docs/model.md §8's data models the teacher sees the clean x = √v·z and the student
    /// x̃ = x + s·ν, drawn as `Replica` draws them (v from `scales`, then z and ν from the stream).
    public func step() {
        var rng = self.rng
        let invSqrtN = 1 / Double(N).squareRoot()
        let inputs = unit.inputs
        for i in 0..<M {
            let x = batch + i * padded
            let scale = inputs.nextScale(&scales)
            Kernel.drawInput(into: x, count: N, stream: &rng, bits: bits)
            for m in 0..<KStar { teacherFields[m * M + i] = scale * Kernel.dot(x, teacher + m * padded, padded: padded) * invSqrtN }
            if inputs.noise > 0 {
                Kernel.drawInput(into: noiseRow, count: N, stream: &rng, bits: bits)
                Kernel.combine(x, scale: scale, noise: noiseRow, noiseScale: inputs.noise, padded: padded)
            } else if scale != 1 {
                Kernel.combine(x, scale: scale, noise: noiseRow, noiseScale: 0, padded: padded)
            }
            for k in 0..<K { studentFields[k * M + i] = Kernel.dot(x, student + k * padded, padded: padded) * invSqrtN }
        }
        var noise = DrawnLabelNoise(rng: rng, sigma: unit.teacherNoise)
        setLabels(&noise)
        self.rng = noise.rng
        update()
    }

    /// y_i = Σ_m v*_m·g(h*_m,i) plus `source`'s noise, or the label `source` gives (docs/model.md §12).
    func setLabels<Source: LabelNoiseSource>(_ source: inout Source) {
        let g = unit.activation, vStar = setup.teacherSecondLayer
        for i in 0..<M {
            var y = 0.0
            for m in 0..<KStar { y += vStar[m] * g.value(teacherFields[m * M + i]) }
            labels[i] = source.label(teacherValue: y)
        }
    }

    func update() {
        let n = Double(N), invSqrtN = 1 / n.squareRoot(), Mf = Double(M)
        let g = unit.activation, eta = unit.learningRate
        // Standardized fields (u for wn, n for bn) in `activations` first, then a = γ·(·) + β.
        var batchSD = [Double](repeating: 1, count: K)
        for k in 0..<K {
            switch unit.method {
            case .sgd:
                for i in 0..<M { activations[k * M + i] = studentFields[k * M + i] }
            case .wn:
                let sqrtQ = normSquared[k].squareRoot() * invSqrtN
                for i in 0..<M { activations[k * M + i] = studentFields[k * M + i] / sqrtQ }
            case .bn:
                var mean = 0.0
                for i in 0..<M { mean += studentFields[k * M + i] }
                mean /= Mf
                var variance = 0.0
                for i in 0..<M { let d = studentFields[k * M + i] - mean; variance += d * d }
                batchSD[k] = (variance / Mf).squareRoot()
                for i in 0..<M { activations[k * M + i] = (studentFields[k * M + i] - mean) / batchSD[k] }
            }
        }
        // Residuals e_i = y_i − Σ_k v_k·g(a_ki).
        var residual = labels
        for k in 0..<K {
            for i in 0..<M {
                let a = unit.method == .sgd ? activations[k * M + i] : gamma[k] * activations[k * M + i] + beta[k]
                residual[i] -= v[k] * g.value(a)
            }
        }
        let decay = 1 - eta * unit.weightDecay / n
        for k in 0..<K {
            var vGradient = 0.0, gammaGradient = 0.0, betaGradient = 0.0  // −M·∂L/∂(·)
            var scale = decay
            var meanDelta = 0.0, meanDeltaN = 0.0, projection = 0.0
            let norm = normSquared[k].squareRoot()
            for i in 0..<M {
                let s = activations[k * M + i]
                let a = unit.method == .sgd ? s : gamma[k] * s + beta[k]
                let delta = residual[i] * v[k] * g.derivative(a)
                vGradient += residual[i] * g.value(a)
                gammaGradient += delta * s
                betaGradient += delta
                switch unit.method {
                case .sgd:
                    coefficients[k * M + i] = eta * delta * invSqrtN / Mf
                case .wn:
                    let c = eta * gamma[k] * delta / (Mf * norm)  // ∂u/∂w = (x − u·ŵ)/|w|
                    coefficients[k * M + i] = c
                    projection += c * s
                case .bn:
                    coefficients[k * M + i] = delta
                    meanDelta += delta; meanDeltaN += delta * s
                }
            }
            var gradientVanishes = false
            switch unit.method {
            case .sgd: break
            case .wn: scale -= projection / norm
            case .bn:
                meanDelta /= Mf; meanDeltaN /= Mf
                // docs/model.md §2: at M = 2 the standardized batch is ±1 and ∇_w L = 0 exactly.
                if M == 2 { gradientVanishes = true; break }
                for i in 0..<M {
                    let c = gamma[k] / batchSD[k] * (coefficients[k * M + i] - meanDelta - activations[k * M + i] * meanDeltaN)
                    coefficients[k * M + i] = eta * c * invSqrtN / Mf
                }
            }
            let w = student + k * padded
            normSquared[k] = gradientVanishes
                ? Kernel.scale(w, by: scale, padded: padded)
                : coefficients.withUnsafeBufferPointer { c in
                    Kernel.update(w, scale: scale, inputs: batch, stride: padded, coefficients: c.baseAddress! + k * M,
                                  rows: M, padded: padded, measuringNorm: true)
                }
            if unit.method.isNormalized {
                gamma[k] += unit.gammaLearningRate / n * (gammaGradient / Mf - 2 * unit.gammaDecay * gamma[k])
                if unit.learnBeta { beta[k] += unit.betaLearningRate / n * betaGradient / Mf }
            }
            if setup.learnSecondLayer { v[k] += setup.secondLayerLearningRate / n * vGradient / Mf }
            let fieldLimit = 100 * unit.divergenceQ
            let h0 = studentFields[k * M]
            if !(h0 * h0 < fieldLimit) || !normSquared[k].isFinite || !scale.isFinite { blewUp = true }
        }
    }

    /// The empirical test error over `samples` fresh inputs with inference statistics (BN: μ_P = 0,
    /// σ_P = √Q_kk, or √(Q_kk(1 + s²)) with docs/model.md §8's input noise), and its standard error.
    /// Test inputs are drawn as training inputs (v from `scales`); the target is the clean teacher's.
    public func testError(samples: Int, stream: inout NormalStream, scales: inout RandomStream) -> (mean: Double, standardError: Double) {
        let invSqrtN = 1 / Double(N).squareRoot(), g = unit.activation, inputs = unit.inputs
        let x = Kernel.allocate(padded)
        defer { x.deallocate() }
        let sqrtQ = normSquared.map { $0.squareRoot() * invSqrtN }
        let sigmaP = sqrtQ.map { unit.method == .bn ? $0 * inputs.studentVarianceFactor.squareRoot() : $0 }
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            let scale = inputs.nextScale(&scales)
            Kernel.drawInput(into: x, count: N, stream: &stream, bits: bits)
            var e = 0.0
            for m in 0..<KStar { e += setup.teacherSecondLayer[m] * g.value(scale * Kernel.dot(x, teacher + m * padded, padded: padded) * invSqrtN) }
            if inputs.noise > 0 {
                Kernel.drawInput(into: noiseRow, count: N, stream: &stream, bits: bits)
                Kernel.combine(x, scale: scale, noise: noiseRow, noiseScale: inputs.noise, padded: padded)
            } else if scale != 1 {
                Kernel.combine(x, scale: scale, noise: noiseRow, noiseScale: 0, padded: padded)
            }
            for k in 0..<K {
                let h = Kernel.dot(x, student + k * padded, padded: padded) * invSqrtN
                let a = unit.method == .sgd ? h : gamma[k] * h / sigmaP[k] + beta[k]
                e -= v[k] * g.value(a)
            }
            let loss = 0.5 * e * e
            sum += loss; sumSquares += loss * loss
        }
        let s = Double(samples), mean = sum / s
        return (mean, samples > 1 ? (max(0, sumSquares / s - mean * mean) / (s - 1)).squareRoot() : .nan)
    }
}

/// What one two-layer replica recorded (docs/model.md §9).
public struct CommitteeReplicaRecord: Sendable {
    public var seed: UInt64
    public var trajectory: CommitteeTrajectory
    public var testError: [Double]
    public var testErrorStandardError: [Double]
    /// On a finite set (docs/model.md §12), as `ReplicaRecord`'s: the training loss, and for a binary
    /// task the classification errors on the training and held-out sets (empty otherwise).
    public var trainingLoss: [Double] = []
    public var trainingClassError: [Double] = []
    public var testClassError: [Double] = []
}

public enum CommitteeSimulation {
    /// The measured order parameters at α = 0 of the replica with this seed (the start of the
    /// `replicas` theory, docs/model.md §9): the same weights `replica` starts from.
    /// With `engine: .reduced`, the reduced chain's start (the same law; docs/model.md §10).
    public static func initialState(setup: CommitteeSetup, seed: UInt64, engine: SimulationEngine = .full) -> CommitteeState {
        engine == .reduced ? ReducedCommitteeSimulation.initialState(setup: setup, seed: seed) : CommitteeReplica(setup: setup, seed: seed).state
    }

    /// Trains one replica over the grid with the divergence rule of docs/model.md §3 per unit, on
    /// the N-dimensional engine or the reduced chain (`ReducedCommitteeSimulation`).
    public static func replica(setup: CommitteeSetup, grid: AlphaGrid, seed: UInt64, testSamples: Int,
                               engine: SimulationEngine = .full) -> CommitteeReplicaRecord {
        if engine == .reduced { return ReducedCommitteeSimulation.replica(setup: setup, grid: grid, seed: seed, testSamples: testSamples) }
        let replica = CommitteeReplica(setup: setup, seed: seed)
        var testStream = NormalStream(seed: SplitMix64.mix(seed ^ 0x7465_7374))  // "test"
        var testScales = RandomStream(seed: SplitMix64.mix(seed ^ 0x7465_7374_7363))  // "testsc": docs/model.md §8's v
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
                let (mean, se) = replica.testError(samples: testSamples, stream: &testStream, scales: &testScales)
                tests.append(mean); testSEs.append(se)
            }
        }
        return record(.completed)
    }
}
