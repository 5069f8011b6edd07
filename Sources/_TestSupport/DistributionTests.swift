import Foundation
import GSL

/// Classical tests that two samples (or a sample and a law) have the same distribution, with
/// two-sided p-values, for the checks that the reduced chain and the full simulation agree in law.
public enum DistributionTests {
    /// Two-sample Kolmogorov–Smirnov: D = sup|F_x − F_y| and its asymptotic p-value
    /// (Kolmogorov's law at λ = (√n_e + 0.12 + 0.11/√n_e)·D, n_e = n_x·n_y/(n_x + n_y); Stephens 1970).
    public static func kolmogorovSmirnov(_ x: [Double], _ y: [Double]) -> (D: Double, p: Double) {
        let a = x.sorted(), b = y.sorted()
        var i = 0, j = 0, D = 0.0
        while i < a.count && j < b.count {
            let v = min(a[i], b[j])
            while i < a.count && a[i] == v { i += 1 }
            while j < b.count && b[j] == v { j += 1 }
            D = max(D, abs(Double(i) / Double(a.count) - Double(j) / Double(b.count)))
        }
        let ne = Double(a.count) * Double(b.count) / Double(a.count + b.count)
        return (D, kolmogorovTail((ne.squareRoot() + 0.12 + 0.11 / ne.squareRoot()) * D))
    }

    /// One-sample Kolmogorov–Smirnov against the continuous CDF `cdf`.
    public static func kolmogorovSmirnov(_ x: [Double], cdf: (Double) -> Double) -> (D: Double, p: Double) {
        let a = x.sorted(), n = Double(a.count)
        var D = 0.0
        for (k, v) in a.enumerated() {
            let F = cdf(v)
            D = max(D, Double(k + 1) / n - F, F - Double(k) / n)
        }
        return (D, kolmogorovTail((n.squareRoot() + 0.12 + 0.11 / n.squareRoot()) * D))
    }

    /// P(K > λ) for Kolmogorov's distribution: 2·Σ_{k≥1} (−1)^{k−1}·e^{−2k²λ²}.
    public static func kolmogorovTail(_ lambda: Double) -> Double {
        guard lambda > 0.2 else { return 1 }
        var sum = 0.0, sign = 1.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += sign * term
            if term < 1e-300 { break }
            sign = -sign
        }
        return min(1, max(0, 2 * sum))
    }

    /// Two-sided p of the z-test for equal means (Welch's standard error).
    public static func meanZTest(_ x: [Double], _ y: [Double]) -> Double {
        let (mx, vx) = moments(x), (my, vy) = moments(y)
        return twoSided((mx - my) / (vx.variance / Double(x.count) + vy.variance / Double(y.count)).squareRoot())
    }

    /// Two-sided p of the z-test for equal variances, with the sample variance's standard error
    /// √((μ₄ − σ⁴(n − 3)/(n − 1))/n) from the sample's own fourth moment (needs a finite μ₄).
    public static func varianceZTest(_ x: [Double], _ y: [Double]) -> Double {
        func varianceAndError(_ s: [Double]) -> (Double, Double) {
            let (_, m) = moments(s)
            let n = Double(s.count)
            return (m.variance, max(0, (m.fourth - m.variance * m.variance * (n - 3) / (n - 1)) / n))
        }
        let (vx, ex) = varianceAndError(x), (vy, ey) = varianceAndError(y)
        return twoSided((vx - vy) / (ex + ey).squareRoot())
    }

    /// P(|Z| > |z|) for a standard normal Z (1 for a 0/0 statistic: two constant samples agree).
    public static func twoSided(_ z: Double) -> Double {
        z.isNaN ? 1 : erfc(abs(z) / 2.squareRoot())
    }

    static func moments(_ x: [Double]) -> (mean: Double, (variance: Double, fourth: Double)) {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        var s2 = 0.0, s4 = 0.0
        for v in x { let d = (v - mean) * (v - mean); s2 += d; s4 += d * d }
        return (mean, (s2 / (n - 1), s4 / n))
    }

    /// P(X ≤ x) for X ~ χ²_k.
    public static func chiSquaredCDF(_ x: Double, degreesOfFreedom k: Double) -> Double {
        TailQuantiles.chiSquaredLower(x, degreesOfFreedom: k)
    }
}
