import Model

/// The N → ∞ drift of a two-layer network's order parameters (docs/model.md §9): sgd, and wn per
/// unit — which is also bn with population statistics (`population`) and, with the per-unit gamma
/// decay of docs/model.md §5 added, bn `pn`. One instance per thread (the moments may own a
/// quadrature workspace).
public final class CommitteeFlow {
    public let setup: CommitteeSetup
    public let variant: TheoryVariant
    let moments: any CommitteeMoments

    public init(setup: CommitteeSetup, variant: TheoryVariant) {
        self.setup = setup; self.variant = variant
        moments = CommitteeMomentsFactory.make(setup.unit.activation)
    }

    /// Why this setup and variant have no committee theory, or nil.
    public static func refusal(setup: CommitteeSetup, variant: TheoryVariant) -> String? {
        let u = setup.unit
        switch (u.method, variant) {
        case (.sgd, .exact), (.wn, .exact): break
        case (.bn, .exact):
            return "an exact finite-M theory of bn for a two-layer network would average over the joint batch law of all K fields; the simulation is the reference there (use theory.bn_variants: [population] or [pn])"
        case (.bn, .population): break
        case (.bn, .pn):
            if u.activation == .erf { return "the per-unit gamma decay ζ of pn is derived for relu and linear" }
        case (.bn, .loss):
            return "the expected-loss identity of bn-loss is a single-unit result; use population or pn"
        case (.sgd, _), (.wn, _):
            return "only bn has the pn, loss and population variants"
        }
        if u.learnBeta || u.initial.beta != 0 {
            return "the two-layer averages (I2, I3, I4) assume zero-mean pre-activations, so with a learned or non-zero β (training.learn_beta, training.init.beta) the simulation is the reference"
        }
        if !u.inputs.isGaussian { return "the two-layer theory has Gaussian inputs only; with docs/model.md §8's input noise or kurtosis the simulation is the reference" }
        return nil
    }

    /// d/dα of the packed state (`CommitteeState.packed`), or nil where the flow is undefined.
    public func drift(_ s: CommitteeState) -> [Double]? {
        let K = s.studentUnits, KStar = s.teacherUnits
        guard s.smallestSelfOverlap > 0 else { return nil }
        let u = setup.unit
        let method = u.method
        let normalized = method != .sgd
        let fields = CommitteeFields(s, method: method)
        let M = Double(u.batchSize)
        let eta = u.learningRate / M, lambda = u.weightDecay
        let vStar = setup.teacherSecondLayer

        // The output's terms: +v*_m·g(h*_m) and −v_j·g(a_j).
        let terms: [(Int, Double)] = (0..<KStar).map { (fields.teacher($0), vStar[$0]) } + (0..<K).map { (fields.student($0), -s.v[$0]) }
        // D[k][b] = E[g'(a_k)·b·e] for b = h*_m (b = m) and b = h_l (b = K* + l); e the noise-free residual.
        var D = [[Double]](repeating: [Double](repeating: 0, count: KStar + K), count: K)
        for k in 0..<K {
            for b in 0..<(KStar + K) {
                let field = b < KStar ? fields.teacher(b) : fields.raw(b - KStar)
                var sum = 0.0
                for (c, w) in terms { sum += w * moments.i3(fields.sub3(fields.student(k), field, c)) }
                D[k][b] = sum
            }
        }
        // E4[k][l] = E[g'(a_k)·g'(a_l)·(e + σξ)²].
        let sigma2 = u.teacherNoise * u.teacherNoise
        var E4 = [[Double]](repeating: [Double](repeating: 0, count: K), count: K)
        for k in 0..<K {
            for l in k..<K {
                let ak = fields.student(k), al = fields.student(l)
                var sum = 0.0
                for x in terms.indices {
                    for y in x..<terms.count {
                        let (c, wc) = terms[x], (d, wd) = terms[y]
                        sum += (x == y ? 1 : 2) * wc * wd * moments.i4(fields.sub4(ak, al, c, d))
                    }
                }
                if sigma2 > 0 { sum += sigma2 * moments.j2(fields.c(ak, ak), fields.c(ak, al), fields.c(al, al)) }
                E4[k][l] = sum; E4[l][k] = sum
            }
        }

        var d = CommitteeState(studentUnits: K, teacherUnits: KStar)
        for k in 0..<K {
            d.v[k] = 0; d.gamma[k] = 0; d.beta[k] = 0
            let qkk = s.Q(k, k)
            // Per-unit gain of the w step: 1 for sgd, γ_k/√Q_kk for wn/bn, whose step is also projected
            // orthogonally to w_k (the b − (b·ŵ)u terms).
            let gk = fields.slope[k]
            for m in 0..<KStar {
                let drive = normalized ? D[k][m] - s.R(k, m) / qkk * D[k][KStar + k] : D[k][m]
                d.setR(k, m, eta * gk * s.v[k] * drive - eta * lambda * s.R(k, m))
            }
            for l in k..<K {
                let gl = fields.slope[l]
                var first = gk * s.v[k] * D[k][KStar + l] + gl * s.v[l] * D[l][KStar + k]
                if normalized {
                    first -= gk * s.v[k] * s.Q(k, l) / qkk * D[k][KStar + k] + gl * s.v[l] * s.Q(k, l) / s.Q(l, l) * D[l][KStar + l]
                }
                d.setQ(k, l, eta * first + eta * eta * gk * gl * s.v[k] * s.v[l] * E4[k][l] - 2 * eta * lambda * s.Q(k, l))
            }
            if normalized {
                let etaGamma = u.gammaLearningRate / M
                var force = 2 * u.gammaDecay * s.gamma[k]
                if variant == .pn, s.gamma[k] != 0 { force += 2 * zeta(k, s, fields) * s.gamma[k] }  // 2ζγ → 0 at γ = 0 (ζ ~ 1/|γ|)
                d.gamma[k] = etaGamma * (s.v[k] * D[k][KStar + k] / qkk.squareRoot() - force)
            }
            if setup.learnSecondLayer {
                var drive = 0.0
                let ak = fields.student(k)
                for (c, w) in terms { drive += w * moments.i2(fields.c(ak, ak), fields.c(ak, c), fields.c(c, c)) }
                d.v[k] = setup.secondLayerLearningRate / M * drive
            }
        }
        let out = d.packed
        return out.allSatisfy(\.isFinite) ? out : nil
    }

    /// ζ_k of unit k (docs/model.md §9, pn): the single-unit expansion of docs/model.md §5 with
    /// ℓ''_k = v_k²·g'(a_k)² − e·v_k·g''(a_k), e the whole network's residual; the batch statistics
    /// of different units are treated as independent (no cross terms).
    func zeta(_ k: Int, _ s: CommitteeState, _ fields: CommitteeFields) -> Double {
        let m = Double(setup.unit.batchSize), vk = s.v[k]
        switch setup.unit.activation {
        case .linear:
            return 2 / (8 * m) * vk * vk + 1 / (2 * m) * vk * vk
        case .relu:
            // E[e·δ(a_k)] = p_{a_k}(0)·E[e | a_k = 0], E[relu(z) | a_k = 0] = √(Var(z | a_k = 0)/2π).
            let ak = fields.student(k), var_k = fields.c(ak, ak)
            func conditionalRelu(_ z: Int) -> Double {
                (max(0, fields.c(z, z) - fields.c(z, ak) * fields.c(z, ak) / var_k) / (2 * .pi)).squareRoot()
            }
            var residual = 0.0
            for mm in 0..<s.teacherUnits { residual += setup.teacherSecondLayer[mm] * conditionalRelu(fields.teacher(mm)) }
            for j in 0..<s.studentUnits where j != k { residual -= s.v[j] * conditionalRelu(fields.student(j)) }
            let dirac = residual / (2 * .pi * var_k).squareRoot()
            return 2 / (8 * m) * vk * vk * 0.5 + 1 / (2 * m) * (vk * vk * 0.5 - vk * dirac)
        case .erf:
            return .nan  // refused by `refusal`
        }
    }
}
