#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GSL
import Model

/// An independent reference for relu's I4 = E[Θ(z₁)Θ(z₂)·relu(z₃)·relu(z₄)] (docs/model.md §9):
/// nested adaptive GSL quadrature, sharing nothing with `ReluMoments` (no Stein reduction, no
/// Plackett path). (z₃, z₄) = L·(ξ₁, ξ₂) by Cholesky; given them (z₁, z₂) is Gaussian and
/// P(z₁ > 0, z₂ > 0 | ξ) = ∫ φ(t)·Φ(…) dt over t > −m₁/s₁. Three nested QAGP levels: slow, for tests.
public final class ReluFourPointReference {
    let outer = Quadrature(absoluteTolerance: 1e-12, relativeTolerance: 1e-10)
    let middle = Quadrature(absoluteTolerance: 1e-13, relativeTolerance: 1e-11)
    let inner = Quadrature(absoluteTolerance: 1e-14, relativeTolerance: 1e-12)
    static let L = 12.0

    public init() {}

    static func phi(_ z: Double) -> Double { 0.3989422804014327 * exp(-0.5 * z * z) }
    static func Phi(_ z: Double) -> Double { 0.5 * erfc(-z * 0.7071067811865476) }

    /// `c` is a positive definite 4×4 covariance, row-major.
    public func i4(_ c: [Double]) throws -> Double {
        let l11 = c[10].squareRoot(), l21 = c[11] / l11, l22 = (c[15] - l21 * l21).squareRoot()
        // Regression of (z₁, z₂) on (ξ₁, ξ₂): z_a = b_a1 ξ₁ + b_a2 ξ₂ + residual.
        func coefficients(_ a: Int) -> (Double, Double) {
            let b1 = c[4 * a + 2] / l11
            let b2 = (c[4 * a + 3] - b1 * l21) / l22
            return (b1, b2)
        }
        let (b11, b12) = coefficients(0), (b21, b22) = coefficients(1)
        let v1 = c[0] - b11 * b11 - b12 * b12, v2 = c[5] - b21 * b21 - b22 * b22
        let cov12 = c[1] - b11 * b21 - b12 * b22
        let s1 = v1.squareRoot(), s2 = v2.squareRoot(), rho = cov12 / (s1 * s2), rc = (1 - rho * rho).squareRoot()
        var failure: Error?
        let result = try outer.integrate(from: 0, to: Self.L) { x1 in
            let z3 = l11 * x1
            let low = -l21 * x1 / l22
            do {
                return Self.phi(x1) * (try self.middle.integrate(from: max(low, -Self.L), to: Self.L) { x2 in
                    let z4 = l21 * x1 + l22 * x2
                    let m1 = b11 * x1 + b12 * x2, m2 = b21 * x1 + b22 * x2
                    do {
                        let p = try self.inner.integrate(from: max(-m1 / s1, -Self.L), to: Self.L) { t in
                            Self.phi(t) * Self.Phi((m2 + s2 * rho * t) / (s2 * rc))
                        }
                        return Self.phi(x2) * z3 * z4 * p
                    } catch { failure = error; return 0 }
                })
            } catch { failure = error; return 0 }
        }
        if let failure { throw failure }
        return result
    }
}
