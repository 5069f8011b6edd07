import Foundation
import GSL
import Testing
import Theory

/// The jitter of BN's decision boundary (docs/bn-boundary-jitter.md) against independent
/// numerical integration with adaptive GSL quadrature: over the χ²_{M−1} density of M·σ_B²/σ_P²
/// for the scale terms, over one Gaussian for the switched probability.
struct BatchJitterTests {
    let quadrature = Quadrature(absoluteTolerance: 1e-14, relativeTolerance: 1e-12)

    /// E[f(X)] for X ~ χ²_k, by quadrature of the density (the log-density avoids overflow).
    func chiSquareExpectation(degrees k: Int, _ f: (Double) -> Double) throws -> Double {
        let half = Double(k) / 2
        let logNorm = -half * log(2) - lgamma(half)
        return try quadrature.integrate(from: 0, to: 40 + 20 * Double(k)) { x in
            x <= 0 ? 0 : f(x) * exp(logNorm + (half - 1) * log(x) - x / 2)
        }
    }

    @Test(arguments: [2, 3, 4, 8, 16, 64, 256])
    func meanBatchScaleAgreesWithIntegration(_ M: Int) throws {
        let m = Double(M)
        let integrated = try chiSquareExpectation(degrees: M - 1) { ($0 / m).squareRoot() }
        #expect(abs(BatchJitter.meanScale(batchSize: M) - integrated) < 1e-9)
    }

    @Test(arguments: [(4, 0.5), (8, 1.0), (16, -2.0), (64, 3.0)])
    func thresholdMomentsAgreeWithIntegration(_ M: Int, _ b: Double) throws {
        let m = Double(M)
        // δ = μ_B/σ_P − b·s + b with s = σ_B/σ_P independent of μ_B/σ_P ~ N(0, 1/M).
        let mean = try chiSquareExpectation(degrees: M - 1) { b - b * ($0 / m).squareRoot() }
        let spread = try chiSquareExpectation(degrees: M - 1) { x in
            let d = b - b * (x / m).squareRoot() - mean
            return d * d
        }
        #expect(abs(BatchJitter.thresholdMean(batchSize: M, betaOverGamma: b) - mean) < 1e-9)
        #expect(abs(BatchJitter.thresholdVariance(batchSize: M, betaOverGamma: b) - (1 / m + spread)) < 1e-9)
        #expect(BatchJitter.thresholdVariance(batchSize: M, betaOverGamma: 0) == 1 / m)
    }

    @Test(arguments: [2, 4, 5, 16, 128])
    func switchedProbabilityAgreesWithIntegration(_ M: Int) throws {
        // P(h and h − μ_B of opposite signs) = 2·∫_0^∞ φ(a)·Φ(−ρa/√(1−ρ²)) da, ρ = √(1 − 1/M).
        let rho = (1 - 1 / Double(M)).squareRoot(), k = rho / (1 - rho * rho).squareRoot()
        let integral = try quadrature.integrate(from: 0, to: 40) { a in
            exp(-a * a / 2) / (2 * Double.pi).squareRoot() * 0.5 * erfc(k * a / 2.0.squareRoot())
        }
        #expect(abs(BatchJitter.flipProbability(batchSize: M) - 2 * integral) < 1e-10)
    }
}
