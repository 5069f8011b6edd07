#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GSL

/// The data models of docs/model.md §8 (derivations: docs/data-models.md). Both default to off, and with
/// both off every engine takes exactly its isotropic-Gaussian code path.
///
/// - `noise` s: the student sees x̃ = x + s·ν (ν ~ N(0, I_N), fresh per sample), the teacher
///   labels the clean x.
/// - `kurtosis` ρ: x = √v·z with a per-sample scale v ~ Gamma(3/ρ, ρ/3) (mean 1, variance ρ/3),
///   shared by teacher and student, so every field is a Gaussian scale mixture of excess kurtosis ρ.
public struct InputModel: Sendable, Hashable {
    public var noise: Double
    public var kurtosis: Double

    public init(noise: Double = 0, kurtosis: Double = 0) {
        self.noise = noise; self.kurtosis = kurtosis
    }

    public static let gaussian = InputModel()

    /// Both keys off: isotropic Gaussian inputs, the model of docs/model.md §1.
    public var isGaussian: Bool { noise == 0 && kurtosis == 0 }

    /// 1 + s²: the variance of the student's field per unit Q (averaged over v), Var h = Q(1 + s²).
    public var studentVarianceFactor: Double { 1 + noise * noise }

    /// Gamma shape 3/ρ and scale ρ/3 of the per-sample scale v (ρ > 0).
    public var scaleShape: Double { 3 / kurtosis }
    public var scaleScale: Double { kurtosis / 3 }

    /// E[v^p] = Γ(k + p)/Γ(k)·θ^p (1 for ρ = 0, where v ≡ 1).
    public func scaleMoment(_ p: Double) -> Double {
        guard kurtosis > 0 else { return 1 }
        let k = scaleShape
        return exp(lgamma(k + p) - lgamma(k)) * pow(scaleScale, p)
    }

    /// The excess kurtosis of the student's field h = w·x̃/√N: the scale mixture's κ₄ = ρ·Q²
    /// over the variance Q(1 + s²) squared — ρ/(1 + s²)². (The teacher field's is ρ.)
    public var studentFieldKurtosis: Double {
        let c2 = studentVarianceFactor
        return kurtosis / (c2 * c2)
    }
}

/// Nodes v_j and weights w_j with Σ_j w_j·f(v_j) ≈ E[f(v)] for v ~ Gamma(3/ρ, ρ/3), for the
/// integrands of the theory, which are smooth in W = √v (every field scales with √v).
///
/// In W the density is 2W^{2k−1}e^{−W²/θ}/(Γ(k)θ^k) (k = 3/ρ, θ = ρ/3). The rule covers the
/// W range that holds all but ~1e-17 of the mass, x = W²/θ ∈ [max(0, k − 13√k − 5), k + 13√k + 45],
/// with 12 Gauss–Legendre panels of order 16; when that range reaches W = 0 and k < 8 the first
/// panel is Gauss–Jacobi with weight W^{2k−1}, so a fractional power at the origin costs no
/// accuracy. Tested (docs/checks/data_models.py, Tests/TheoryTests): moments E[v^p] and a
/// smooth non-polynomial f to ≤ 5e-13 for ρ from 0.01 to 30. ρ = 0 gives the single node v = 1.
public struct ScaleMixtureRule: Sendable, Hashable {
    public let nodes: [Double]
    public let weights: [Double]

    public init(kurtosis rho: Double) throws(GSLError) {
        guard rho > 0 else { nodes = [1]; weights = [1]; return }
        let k = 3 / rho, theta = rho / 3
        let xHigh = k + 13 * k.squareRoot() + 45
        let xLow = k >= 8 ? max(0, k - 13 * k.squareRoot() - 5) : 0
        let lo = (theta * xLow).squareRoot(), hi = (theta * xHigh).squareRoot()
        let logNorm = log(2.0) - lgamma(k) - k * log(theta)
        let legendre = GaussLegendreRule(order: 16)
        let panels = 12
        var W: [Double] = [], w: [Double] = []
        for p in 0..<panels {
            let a = lo + (hi - lo) * Double(p) / Double(panels), b = lo + (hi - lo) * Double(p + 1) / Double(panels)
            if p == 0 && lo == 0 && k < 8 {
                // Jacobi weight (x − a)^{2k−1} on [a, b] = [0, b]: the rule carries W^{2k−1}.
                let jacobi = try WeightedGaussRule(.jacobi(alpha: 0, beta: 2 * k - 1, from: a, to: b), order: 16)
                for (x, wx) in zip(jacobi.nodes, jacobi.weights) {
                    W.append(x); w.append(wx * exp(logNorm - x * x / theta))
                }
            } else {
                let (xs, ws) = legendre.mapped(from: a, to: b)
                for (x, wx) in zip(xs, ws) {
                    W.append(x); w.append(wx * exp(logNorm + (2 * k - 1) * log(x) - x * x / theta))
                }
            }
        }
        nodes = W.map { $0 * $0 }
        weights = w
    }
}
