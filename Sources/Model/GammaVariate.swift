#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of uniform and standard normal variates, enough to draw Gamma variates.
public protocol NormalVariateSource {
    /// Uniform on (0, 1), never 0.
    mutating func uniformOpen() -> Double
    /// Standard normal.
    mutating func normal() -> Double
}

extension NormalVariateSource {
    /// A Gamma(shape k, scale θ) variate by Marsaglia & Tsang (2000): for k ≥ 1, d = k − ⅓,
    /// c = 1/√(9d), v = (1 + c·x)³ with x standard normal, accepted by the squeeze
    /// u < 1 − 0.0331x⁴ or by log u < x²/2 + d(1 − v + log v); for k < 1, Gamma(k + 1)·U^{1/k}
    /// (their boost). Exact in distribution (a rejection method, no approximation).
    ///
    /// docs/model.md §8's per-sample input scale v ~ Gamma(3/ρ, ρ/3) is drawn with it by the simulation
    /// (`Replica`, for model.input_kurtosis), by `bnsim zeta`'s sampled batches and by bn-exact's
    /// kurtosis table — one sampler, each caller with its own stream.
    @inlinable
    public mutating func gamma(shape k: Double, scale theta: Double) -> Double {
        precondition(k > 0 && theta > 0, "Gamma needs shape and scale > 0")
        if k < 1 { return theta * gamma(shape: k + 1, scale: 1) * pow(uniformOpen(), 1 / k) }
        let d = k - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat { x = normal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = uniformOpen()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return theta * d * v }
        }
    }
}
