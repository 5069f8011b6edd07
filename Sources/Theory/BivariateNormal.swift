#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GSL

/// Orthant probabilities and truncated moments of a standard bivariate normal (Z₁, Z₂) with
/// correlation ρ ∈ [0, 1), which bn-exact's pair term needs in closed form (two teacher fields
/// of one batch share the batch mean). GSL has no bivariate normal; these are the classical
/// one-dimensional integral representations (Sheppard 1898; Drezner & Wesolowsky 1990),
/// evaluated with a Gauss–Legendre rule on an interval where the integrand is smooth.
public enum BivariateNormal {
    static let rule = GaussLegendreRule(order: 24)
    static let twoPi = 2 * Double.pi

    @inline(__always) static func Phi(_ x: Double) -> Double { 0.5 * erfc(-x * 0.7071067811865476) }
    @inline(__always) static func phi(_ x: Double) -> Double { 0.3989422804014327 * exp(-0.5 * x * x) }

    /// P(Z₁ > h, Z₂ > k).
    public static func upperOrthant(_ h: Double, _ k: Double, correlation rho: Double) -> Double {
        Orthant(correlation: rho).upper(h, k)
    }

    /// The orthant probabilities of one correlation ρ. For ρ < 0.7 the nodes of the integral in
    /// t depend on ρ alone, so everything but h and k is computed once here rather than at every
    /// (h, k) — bn-exact's pair term evaluates thousands of orthants per right-hand side, all at
    /// one ρ — and the 24 exponentials run eight at a time (`VectorExp`).
    public struct Orthant: Sendable {
        public let rho: Double
        /// asin ρ for ρ < 0.7, acos ρ above.
        let top: Double
        /// Per node t (ρ < 0.7), eight to a vector, padded with zero weights: the Gauss–Legendre
        /// weight × (asin ρ)/(4π), sin t/cos²t and 1/(2cos²t).
        let weights: [SIMD8<Double>], slopes: [SIMD8<Double>], curvatures: [SIMD8<Double>]

        public init(correlation rho: Double) {
            self.rho = rho
            guard rho < 0.7 else {
                top = acos(rho)
                (weights, slopes, curvatures) = ([], [], [])
                return
            }
            top = asin(rho)
            let count = BivariateNormal.rule.nodes.count, vectors = (count + 7) / 8
            var ws = [SIMD8<Double>](repeating: .zero, count: vectors), ss = ws, cs = ws
            for (i, (x, w)) in zip(BivariateNormal.rule.nodes, BivariateNormal.rule.weights).enumerated() {
                let t = top * (x + 1) / 2, st = sin(t), ct2 = 1 - st * st
                ws[i / 8][i % 8] = w * top / 2 / twoPi
                ss[i / 8][i % 8] = st / ct2
                cs[i / 8][i % 8] = 1 / (2 * ct2)
            }
            (weights, slopes, curvatures) = (ws, ss, cs)
        }

        /// P(Z₁ > h, Z₂ > k).
        public func upper(_ h: Double, _ k: Double) -> Double {
            if rho < 0.7 {
                // Φ₂ = Φ̄(h)Φ̄(k) + (1/2π)∫₀^{asin ρ} exp(−(h² − 2hk·sin t + k²)/(2cos²t)) dt.
                let hk = SIMD8(repeating: h * k), square = SIMD8(repeating: -(h * h + k * k))
                var sum = SIMD8<Double>.zero
                for v in weights.indices {
                    let exponent = (hk * slopes[v]).addingProduct(square, curvatures[v])
                    sum = sum.addingProduct(weights[v], VectorExp.exp(exponent))
                }
                return Phi(-h) * Phi(-k) + sum.sum()
            }
            // Near ρ = 1: Φ₂ = Φ̄(max(h, k)) − (1/2π)∫₀^{acos ρ} exp(−(h² − 2hk·cos θ + k²)/(2 sin²θ)) dθ.
            // The integrand rises from 0 near θ ≈ |h − k|: split there so both pieces are smooth.
            let layer = min(top, abs(h - k))
            var sum = 0.0
            for (lo, hi) in [(0.0, layer), (layer, top)] where hi > lo {
                for (x, w) in zip(rule.nodes, rule.weights) {
                    let t = lo + (hi - lo) * (x + 1) / 2, s = sin(t)
                    sum += w * (hi - lo) / 2 * exp(-(h * h - 2 * h * k * cos(t) + k * k) / (2 * s * s))
                }
            }
            return Phi(-max(h, k)) - sum / twoPi
        }

        /// E[(Z₁ − a₁)⁺·(Z₂ − a₂)⁺] (Rosenbaum 1961's truncated moments).
        public func positivePartProduct(_ a1: Double, _ a2: Double) -> Double {
            let s = (1 - rho * rho).squareRoot()
            let L = upper(a1, a2)
            let t1 = Phi(-(a2 - rho * a1) / s), t2 = Phi(-(a1 - rho * a2) / s)
            let p1 = phi(a1), p2 = phi(a2)
            let ez1 = p1 * t1 + rho * p2 * t2      // E[Z₁; Z₁ > a₁, Z₂ > a₂]
            let ez2 = p2 * t2 + rho * p1 * t1      // E[Z₂; …]
            let density = exp(-(a1 * a1 - 2 * rho * a1 * a2 + a2 * a2) / (2 * s * s)) / (twoPi * s)
            let ez1z2 = rho * L + rho * a1 * p1 * t1 + rho * a2 * p2 * t2 + s * s * density
            return ez1z2 - a2 * ez1 - a1 * ez2 + a1 * a2 * L
        }
    }

    /// E[(Z₁ − a₁)⁺·(Z₂ − a₂)⁺] (Rosenbaum 1961's truncated moments).
    public static func positivePartProduct(_ a1: Double, _ a2: Double, correlation rho: Double) -> Double {
        Orthant(correlation: rho).positivePartProduct(a1, a2)
    }
}
