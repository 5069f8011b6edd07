/// `GaussianAverager` for the data models of docs/model.md §8 (derivations: docs/data-models.md).
///
/// Conditional on the per-sample scale v (v ≡ 1 without kurtosis), the teacher field is
/// h* = τ·h*₀ with τ = √v, the student's raw field u = h/√Q has standard deviation σ_u = √(v + s²),
/// Corr(u, h*) = r̃ = r·τ/σ_u, and the teacher direction of the noisy input k = w*·x̃/√N has
/// Var k = σ_u², Cov(k, h*) = v, Cov(k, u) = r·σ_u². So given v the fields are jointly Gaussian and
/// the Gaussian averages at overlap r̃ give everything; the flows' expectations then follow by
/// linear regression of k on (h*₀, ũ) and one average over v (`ScaleMixtureRule`).
extension GaussianAverager {
    func dataAverages(_ readout: Readout) -> FieldAverages {
        var total = FieldAverages(deltaTeacher: 0, deltaStudent: 0, delta: 0, deltaSquared: 0, generalizationError: 0)
        for (v, weight) in zip(scaleRule.nodes, scaleRule.weights) {
            let f = conditionalDataAverages(readout, scale: v)
            total.deltaTeacher += weight * f.deltaTeacher
            total.deltaStudent += weight * f.deltaStudent
            total.delta += weight * f.delta
            total.deltaSquared += weight * f.deltaSquared
            total.generalizationError += weight * f.generalizationError
        }
        return total
    }

    /// The flows' five expectations given the per-sample scale v.
    func conditionalDataAverages(_ readout: Readout, scale v: Double) -> FieldAverages {
        let s2 = inputs.noise * inputs.noise
        let r = min(1, max(-1, readout.overlap))
        let tau = v.squareRoot(), sigmaU2 = v + s2, sigmaU = sigmaU2.squareRoot()
        let rTilde = r * tau / sigmaU
        let f = standardizedAverages(Readout(overlap: rTilde, scale: readout.scale * sigmaU, bias: readout.bias), teacherScale: tau)
        // k = a·h*₀ + b·ũ + (independent of h*₀, ũ, ξ): E[δk] = a·E[δh*₀] + b·E[δũ], with
        // 1 − r̃² = (v(1 − r²) + s²)/σ_u², so a = τ(1 − r²)σ_u²/(v(1 − r²) + s²) and b = r·s²·σ_u/(…).
        // Without input noise k = h* = τh*₀ exactly (and the denominator may vanish at |r| = 1).
        let a: Double, b: Double
        if s2 == 0 {
            a = tau; b = 0
        } else {
            let denominator = v * (1 - r * r) + s2
            a = tau * (1 - r * r) * sigmaU2 / denominator
            b = r * s2 * sigmaU / denominator
        }
        return FieldAverages(
            deltaTeacher: a * f.deltaTeacher + b * f.deltaStudent,
            deltaStudent: sigmaU * f.deltaStudent,
            delta: f.delta,
            deltaSquared: sigmaU2 * f.deltaSquared,  // |x̃|²/N → v + s²
            generalizationError: f.generalizationError)
    }

    /// Gaussian averages for a teacher field τ·h*₀ and a standardized student field ũ with
    /// Corr(ũ, h*₀) = `readout.overlap`, a = scale·ũ + bias; `deltaTeacher` is E[δ·h*₀].
    /// τ = 1: the closed forms (β = 0) or the quadrature. τ ≠ 1, β = 0, relu or linear: the
    /// homogeneity g(τz) = τg(z), g'(τz) = g'(z) reduces them to τ = 1 with scale/τ and σ/τ
    /// (δ = τ·δ₀). Otherwise the quadrature with the teacher scale.
    func standardizedAverages(_ readout: Readout, teacherScale tau: Double) -> FieldAverages {
        if readout.bias == 0 && tau == 1 {
            return ClosedFormAverages.averages(activation, readout, teacherNoise: teacherNoise)
        }
        if readout.bias == 0 && (activation == .relu || activation == .linear) {
            let f = ClosedFormAverages.averages(
                activation, Readout(overlap: readout.overlap, scale: readout.scale / tau), teacherNoise: teacherNoise / tau)
            return FieldAverages(deltaTeacher: tau * f.deltaTeacher, deltaStudent: tau * f.deltaStudent, delta: tau * f.delta,
                                 deltaSquared: tau * tau * f.deltaSquared, generalizationError: tau * tau * f.generalizationError)
        }
        return quadrature.averages(activation, readout, teacherNoise: teacherNoise, teacherScale: tau)
    }
}

extension ScaleMixtureRule {
    /// v ≡ 1: no kurtosis.
    static let unit = ScaleMixtureRule(nodes: [1], weights: [1])
    init(nodes: [Double], weights: [Double]) { self.nodes = nodes; self.weights = weights }
}
