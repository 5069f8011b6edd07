#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// The gamma-decay strength ζ of Luo et al. (2019), docs/model.md §5 bn-pn (derivation:
/// docs/bn-gamma-decay.md). Modelling the batch statistics as independent Gaussians,
/// μ_B ~ N(μ_P, σ_P²/M) and σ_B ~ N(σ_P, (ρ+2)σ_P²/(4M)), the second-order expansion of the
/// expected loss gives E_B[L] ≈ L_PN + ζγ² with
///     ζ = (ρ+2)/(8M)·E[ℓ''(a)·u²] + 1/(2M)·E[ℓ''(a)],  ℓ'' = g'(a)² − (y − g(a))·g''(a).
/// For relu the kink makes g'' a Dirac mass at a = 0, which contributes to E[ℓ''] (not to
/// E[ℓ''u²], since u = 0 there): at β = 0, E[ℓ''u²] = ½ and E[ℓ''] = ½ − √(1−r²)/(2π|γ|).
public enum GammaDecay {
    /// ζ at overlap r and scale γ for batch size M and excess kurtosis ρ of the field.
    public static func zeta(_ g: Activation, overlap r: Double, gamma: Double, batchSize M: Int, kurtosis rho: Double = 0) -> Double {
        let m = Double(M)
        switch g {
        case .relu:
            let kink = (max(0, 1 - r * r)).squareRoot() / (2 * .pi * abs(gamma))
            return (rho + 2) / (8 * m) * 0.5 + 1 / (2 * m) * (0.5 - kink)
        case .linear:
            return (rho + 2) / (8 * m) + 1 / (2 * m)
        case .erf:
            preconditionFailure("refused by BNPNFlow: the bn theory supports relu and linear")
        }
    }

    /// ζ for the data models of docs/model.md §8 (docs/data-models.md). The paper's expansion is over the
    /// population-standardized field ũ = h/σ_P, σ_P = √(Q(1 + s²)), whose excess kurtosis is
    /// ρ_h = ρ/(1 + s²)² (`InputModel.studentFieldKurtosis`); E[ℓ''ũ²] = E[g'(a)²ũ²] is ½ for relu
    /// (and 1 for linear) whatever the law of ũ, by symmetry. Only relu's Dirac term sees the data:
    /// E[y·δ(γũ)] = (1/|γ|)·p_ũ(0)·E[relu(h*)|ũ = 0], which given v is
    /// √(v(v(1 − r²) + s²)(1 + s²))/(2π(v + s²)), averaged over v with `rule`.
    public static func zeta(_ g: Activation, overlap r: Double, gamma: Double, batchSize M: Int,
                            inputs: InputModel, rule: ScaleMixtureRule) -> Double {
        let m = Double(M), rhoH = inputs.studentFieldKurtosis
        let s2 = inputs.noise * inputs.noise
        switch g {
        case .relu:
            let r2 = min(1, r * r)
            var dirac = 0.0
            for (v, w) in zip(rule.nodes, rule.weights) {
                dirac += w * (v * (v * (1 - r2) + s2) * (1 + s2)).squareRoot() / (v + s2)
            }
            let kink = dirac / (2 * .pi * abs(gamma))
            return (rhoH + 2) / (8 * m) * 0.5 + 1 / (2 * m) * (0.5 - kink)
        case .linear:
            return (rhoH + 2) / (8 * m) + 1 / (2 * m)
        case .erf:
            preconditionFailure("refused by BNPNFlow: the bn theory supports relu and linear")
        }
    }

    public static func force(_ g: Activation, overlap r: Double, gamma: Double, batchSize M: Int,
                             inputs: InputModel, rule: ScaleMixtureRule) -> Double {
        gamma == 0 ? 0 : 2 * zeta(g, overlap: r, gamma: gamma, batchSize: M, inputs: inputs, rule: rule) * gamma
    }

    /// The force 2ζγ of the penalty on γ, finite at γ → 0 (where ζ ~ 1/|γ|).
    public static func force(_ g: Activation, overlap r: Double, gamma: Double, batchSize M: Int, kurtosis rho: Double = 0) -> Double {
        gamma == 0 ? 0 : 2 * zeta(g, overlap: r, gamma: gamma, batchSize: M, kurtosis: rho) * gamma
    }
}
