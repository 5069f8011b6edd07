import GSL
import Model

/// An independent reference for Gaussian averages: nested adaptive GSL QAGP over the two
/// standard normals z₁ = u and z₂ with h* = r·z₁ + √(1−r²)·z₂, one integrand at a time, with
/// the kinks of g as break points. Slow and simple, on purpose: it shares nothing with the
/// closed forms or with the product Gauss–Legendre rule of `QuadratureAverages`.
public final class AdaptiveGaussianReference {
    // Tight enough to check 1e-8 with two orders to spare, loose enough that GSL never reports
    // round-off on integrands that vanish.
    let outer = Quadrature(absoluteTolerance: 1e-12, relativeTolerance: 1e-10)
    let inner = Quadrature(absoluteTolerance: 1e-13, relativeTolerance: 1e-11)
    static let L = 12.0

    public init() {}

    static func phi(_ z: Double) -> Double { 0.3989422804014327 * Foundation_exp(-0.5 * z * z) }

    /// E[f(h*, u)] with break points where h* or the readout a = s·u + b hits a kink of g.
    public func expectation(_ g: Activation, _ readout: Readout, _ f: (_ teacher: Double, _ u: Double) -> Double) throws -> Double {
        let r = readout.overlap, s = readout.scale, b = readout.bias
        let rho = (1 - r * r).squareRoot()
        // The student's kink is a kink of the outer integrand; the teacher's moves with z₁ and
        // is a break point of the inner one (the inner result is smooth in z₁).
        let outerBreaks = s == 0 ? [] : g.kinks.map { ($0 - b) / s }
        var innerFailure: GSLError?
        let result = try outer.integrate(from: -Self.L, to: Self.L, breaks: outerBreaks) { z1 in
            let innerBreaks = rho == 0 ? [] : g.kinks.map { ($0 - r * z1) / rho }
            do throws(GSLError) {
                let value = try self.inner.integrate(from: -Self.L, to: Self.L, breaks: innerBreaks) { z2 in
                    Self.phi(z2) * f(r * z1 + rho * z2, z1)
                }
                return Self.phi(z1) * value
            } catch {
                innerFailure = error
                return 0
            }
        }
        if let innerFailure { throw innerFailure }
        return result
    }

    /// E[f(Z₁, Z₂)] for standard normals with correlation ρ, with break points where Z₁ = k₁
    /// or Z₂ = k₂ (Z₂ = z₁ is the outer variable, Z₁ = ρz₁ + √(1−ρ²)z₂ the inner one).
    public func pairExpectation(correlation rho: Double, firstKink k1: Double, secondKink k2: Double,
                                _ f: (Double, Double) -> Double) throws -> Double {
        let c = (1 - rho * rho).squareRoot()
        var innerFailure: GSLError?
        let result = try outer.integrate(from: -Self.L, to: Self.L, breaks: [k2]) { z1 in
            do throws(GSLError) {
                return Self.phi(z1) * (try self.inner.integrate(from: -Self.L, to: Self.L, breaks: [(k1 - rho * z1) / c]) { z2 in
                    Self.phi(z2) * f(rho * z1 + c * z2, z1)
                })
            } catch {
                innerFailure = error
                return 0
            }
        }
        if let innerFailure { throw innerFailure }
        return result
    }

    /// All five `FieldAverages`, each by its own nested integral.
    public func averages(_ g: Activation, _ readout: Readout, teacherNoise sigma: Double) throws -> FieldAverages {
        let s = readout.scale, b = readout.bias
        func delta(_ t: Double, _ u: Double) -> Double { (g.value(t) - g.value(s * u + b)) * g.derivative(s * u + b) }
        return FieldAverages(
            deltaTeacher: try expectation(g, readout) { t, u in delta(t, u) * t },
            deltaStudent: try expectation(g, readout) { t, u in delta(t, u) * u },
            delta: try expectation(g, readout) { t, u in delta(t, u) },
            deltaSquared: try expectation(g, readout) { t, u in
                let d = delta(t, u), gp = g.derivative(s * u + b)
                return d * d + sigma * sigma * gp * gp
            },
            generalizationError: try expectation(g, readout) { t, u in
                let e = g.value(t) - g.value(s * u + b)
                return 0.5 * e * e
            })
    }
}
