#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// Moments of g(X) for a Gaussian teacher field X ~ N(μ, v): E[g(X)], E[g(X)²], E[g'(X)], and
/// the derivatives of E[g(X)] in μ and v. Closed forms for relu and linear; bn theory needs them
/// for the teacher field conditional on the batch (docs/bn-batch-decomposition.md).
struct ConditionalTeacher {
    let activation: Activation

    static let invSqrt2Pi = 0.3989422804014327

    @inline(__always) static func Phi(_ x: Double) -> Double { 0.5 * erfc(-x * 0.7071067811865476) }
    @inline(__always) static func phi(_ x: Double) -> Double { invSqrt2Pi * exp(-0.5 * x * x) }

    /// E[g(X)]
    @inline(__always)
    func mean(_ mu: Double, _ v: Double) -> Double {
        switch activation {
        case .relu:
            guard v > 0 else { return max(mu, 0) }
            let sd = v.squareRoot(), z = mu / sd
            return mu * Self.Phi(z) + sd * Self.phi(z)
        case .linear: return mu
        case .erf: return Foundation_erf(mu / (2 * (1 + v)).squareRoot())
        }
    }

    /// E[g(X)²]; erf has no closed form and is not offered by the bn theory.
    @inline(__always)
    func secondMoment(_ mu: Double, _ v: Double) -> Double {
        switch activation {
        case .relu:
            guard v > 0 else { return mu > 0 ? mu * mu : 0 }
            let sd = v.squareRoot(), z = mu / sd
            return (mu * mu + v) * Self.Phi(z) + mu * sd * Self.phi(z)
        case .linear: return mu * mu + v
        case .erf: preconditionFailure("E[erf(X/√2)²] has no closed form; bn theory refuses erf")
        }
    }

    /// E[g'(X)]
    @inline(__always)
    func slope(_ mu: Double, _ v: Double) -> Double {
        switch activation {
        case .relu: return v > 0 ? Self.Phi(mu / v.squareRoot()) : (mu > 0 ? 1 : 0)
        case .linear: return 1
        case .erf: return 0.7978845608028654 / (1 + v).squareRoot() * exp(-mu * mu / (2 * (1 + v)))
        }
    }

    /// ∂E[g(X)]/∂v (∂/∂μ is `slope`, by Stein's lemma).
    @inline(__always)
    func varianceDerivative(_ mu: Double, _ v: Double) -> Double {
        switch activation {
        case .relu: return v > 0 ? Self.phi(mu / v.squareRoot()) / (2 * v.squareRoot()) : 0
        case .linear: return 0
        case .erf: preconditionFailure("not needed for erf")
        }
    }
}
