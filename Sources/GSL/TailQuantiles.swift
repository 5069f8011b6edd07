internal import CGSL

/// Tail probabilities and quantiles of the normal, Student-t and χ² laws (GSL's `gsl_cdf`), for the
/// agreement rule's seed-count correction and the tests of the samplers.
public enum TailQuantiles {
    /// P(|Z| > k) for a standard normal Z.
    public static func normalTwoSided(_ k: Double) -> Double {
        GSLRuntime.prepare()
        return 2 * gsl_cdf_ugaussian_Q(k)
    }

    /// The k with P(|T| > k) = p for Student's t with ν degrees of freedom (ν > 0, 0 < p < 1).
    public static func studentTwoSided(probability p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0 && p > 0 && p < 1)
        GSLRuntime.prepare()
        return gsl_cdf_tdist_Qinv(p / 2, nu)
    }

    /// P(X ≤ x) for X ~ χ² with k degrees of freedom.
    public static func chiSquaredLower(_ x: Double, degreesOfFreedom k: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_chisq_P(x, k)
    }
}
