#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The densities of the batch decomposition (docs/bn-batch-decomposition.md §1) in a form that stays
/// accurate at any large M: written around their Gaussian limits, with the Γ-function ratios by
/// Stirling's series instead of differences of lgamma values of size M·log M.
enum LargeBatchDensities {
    /// The half-width L of the window in units of n (and of the radius √(M−1)·ϱ): 10, or 0.8·√(M−1)
    /// where that is smaller, so that the window stays inside the support |n| < √(M−1), where the
    /// densities are analytic. Outside, the densities are below e^{−47} (M ≥ 96).
    static func window(batchSize m: Double) -> Double { min(10, 0.8 * (m - 1).squareRoot()) }
    /// Below, (1 − n²/(M−1))^{(M−4)/2} is too far from its Gaussian limit for a window.
    static let smallestBatch = 96

    /// log Γ(z) − [(z − ½)·log z − z + ½·log 2π]: Stirling's series, to < 1e-20 for z ≥ 50.
    static func stirlingCorrection(_ z: Double) -> Double {
        let w = 1 / (z * z)
        return (1.0 / 12 - w * (1.0 / 360 - w * (1.0 / 1260 - w / 1680))) / z
    }

    /// log(Γ(z + ½)/Γ(z)) = ½·log z + z·log(1 + 1/(2z)) − ½ + corrections.
    static func logGammaRatio(_ z: Double) -> Double {
        0.5 * log(z) + z * log1p(0.5 / z) - 0.5 + stirlingCorrection(z + 0.5) - stirlingCorrection(z)
    }

    /// log of the χ_ν density at W: with W = √ν·(1 + x), it is
    /// −½·log π − corr(ν/2) + (ν − 1)·log(1 + x) − ν·x − ν·x²/2 (→ a normal of variance ½ around √ν).
    static func logChi(_ W: Double, degrees nu: Double) -> Double {
        let x = W / nu.squareRoot() - 1
        return -0.5 * log(Double.pi) - stirlingCorrection(nu / 2) + (nu - 1) * log1p(x) - nu * x * (1 + x / 2)
    }

    /// log of the density of n₁ = √(M−1)·t, t ∝ (1 − t²)^{(M−4)/2}: Γ((M−1)/2)/(√(π(M−1))·Γ((M−2)/2))·(1 − n²/(M−1))^{(M−4)/2} (→ φ(n)).
    static func logLine(_ n: Double, batchSize m: Double) -> Double {
        logGammaRatio(m / 2 - 1) - 0.5 * log(Double.pi * (m - 1)) + (m - 4) / 2 * log1p(-n * n / (m - 1))
    }

    /// log of the density of x = √(M−1)·ϱ, ϱ ∝ ϱ(1 − ϱ²)^{(M−5)/2} on [0, 1]: ((M−3)/(M−1))·x·(1 − x²/(M−1))^{(M−5)/2} (→ x·e^{−x²/2}).
    static func logRadial(_ x: Double, batchSize m: Double) -> Double {
        log((m - 3) / (m - 1) * x) + (m - 5) / 2 * log1p(-x * x / (m - 1))
    }
}
