#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The batch-to-batch jitter of BN's decision boundary (Balestriero & Baraniuk 2022), predicted
/// from the distribution of the batch statistics for Gaussian fields (docs/model.md §1–2;
/// docs/bn-boundary-jitter.md).
///
/// A batch's student fields are h_i ~ N(0, σ_P²) i.i.d. with σ_P = √Q. BN's unit is on where
/// γ(h − μ_B)/σ_B + β > 0: its threshold in units of the population scale is
/// τ = (μ_B − b·σ_B)/σ_P with b = β/γ, where population normalization (BN at inference) has
/// τ_P = −b. By Cochran's theorem μ_B/σ_P ~ N(0, 1/M) and M·σ_B²/σ_P² ~ χ²_{M−1}, independent, so
///   E[τ − τ_P] = −b·(c_M − 1),   Var[τ − τ_P] = 1/M + b²·(1 − 1/M − c_M²),
/// with c_M = E[σ_B/σ_P] = √(2/M)·Γ(M/2)/Γ((M−1)/2). At β = 0 the jitter is exactly N(0, 1/M).
public enum BatchJitter {
    /// c_M = E[σ_B/σ_P], σ_B the biased batch standard deviation of M ≥ 2 Gaussian fields.
    public static func meanScale(batchSize M: Int) -> Double {
        precondition(M >= 2, "batch statistics need M ≥ 2")
        let m = Double(M)
        return (2 / m).squareRoot() * exp(lgamma(m / 2) - lgamma((m - 1) / 2))
    }

    /// E[τ − τ_P] for b = β/γ.
    public static func thresholdMean(batchSize M: Int, betaOverGamma b: Double) -> Double {
        b == 0 ? 0 : -b * (meanScale(batchSize: M) - 1)
    }

    /// Var[τ − τ_P] for b = β/γ.
    public static func thresholdVariance(batchSize M: Int, betaOverGamma b: Double) -> Double {
        let m = Double(M)
        guard b != 0 else { return 1 / m }
        let c = meanScale(batchSize: M)
        return 1 / m + b * b * (1 - 1 / m - c * c)
    }

    /// At β = 0: the probability that BN and population normalization switch a sample of the
    /// batch differently — h_i and h_i − μ_B of opposite signs. Their correlation is √(1 − 1/M),
    /// so the probability is arccos(√(1 − 1/M))/π = arcsin(1/√M)/π ≈ 1/(π√M): a dropout-like
    /// rate that batch size alone sets.
    public static func flipProbability(batchSize M: Int) -> Double {
        precondition(M >= 2, "batch statistics need M ≥ 2")
        return asin(1 / Double(M).squareRoot()) / Double.pi
    }
}
