#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GSL

/// `FieldAverages` for any bias b, by product Gauss–Legendre quadrature over the two
/// independent standard normals z₁ = u and z₂, with h* = r·z₁ + √(1−r²)·z₂.
///
/// Both integrals run over [−L, L] (L = 9: the Gaussian tail beyond carries < 1e-17) in panels of
/// width at most 1/max(1, |s|) in z₁ (g(s·z₁ + b) varies on the scale 1/|s|) and 1 in z₂, also
/// split at the kinks of g (a = kink for the outer, h* = kink for the inner variable), so each
/// panel's integrand is analytic and smooth on the panel's scale and the rule converges
/// spectrally. All five averages share one set of nodes: one pass computes them together.
/// Accuracy (tested against adaptive QAGP and the closed forms): better than 1e-9.
public struct QuadratureAverages: Sendable {
    public let rule: GaussLegendreRule
    public static let halfWidth = 9.0
    /// More panels than this (|s| > 50) would make one average cost more than it is worth.
    static let maximumPanels = 900

    public init(order: Int = 16) { rule = GaussLegendreRule(order: order) }

    /// Panels on [−L, L] of at most `width`, with the given interior break points as edges.
    func panels(breaks: [Double], width: Double) -> [(Double, Double)] {
        let L = Self.halfWidth
        // Compared as a Double first: a zero or NaN width (an infinite scale) must not reach Int().
        let wanted = (2 * L / width).rounded(.up)
        let count = wanted < Double(Self.maximumPanels) ? max(1, Int(wanted)) : Self.maximumPanels
        var edges = (0...count).map { -L + 2 * L * Double($0) / Double(count) }
        edges += breaks.filter { $0 > -L && $0 < L }
        edges = Array(Set(edges)).sorted()
        return zip(edges, edges.dropFirst()).map { ($0.0, $0.1) }
    }


    /// With `teacherScale` τ the teacher field is τ·h*₀ (h*₀ standard): the averages conditional
    /// on the per-sample scale of docs/model.md §8's kurtosis model. `deltaTeacher` is then E[δ·h*₀].
    /// τ = 1 multiplies and divides by exactly 1: the Gaussian results are bit-for-bit unchanged.
    public func averages(_ g: Activation, _ readout: Readout, teacherNoise sigma: Double, teacherScale tau: Double = 1) -> FieldAverages {
        let r = min(1, max(-1, readout.overlap)), s = readout.scale, b = readout.bias
        let rho = (1 - r * r).squareRoot()
        let invSqrt2Pi = 0.3989422804014327

        // Outer breaks: where a = s·z₁ + b crosses a kink of g.
        let outerBreaks = s == 0 ? [] : g.kinks.map { ($0 - b) / s }
        var A = 0.0, B = 0.0, D = 0.0, C = 0.0, eg = 0.0, gPrime2 = 0.0
        for (lo, hi) in panels(breaks: outerBreaks, width: 1 / max(1, abs(s))) {
            let (zs, ws) = rule.mapped(from: lo, to: hi)
            for (z1, w1) in zip(zs, ws) {
                let weight = w1 * invSqrt2Pi * exp(-0.5 * z1 * z1)
                let a = s * z1 + b
                let ga = g.value(a), gpa = g.derivative(a)
                // Conditional teacher moments given u = z₁: E[g(h*)], E[g(h*)²], E[h*·g(h*)].
                var m1 = 0.0, m2 = 0.0, m3 = 0.0
                if rho < 1e-12 {
                    let t = r * z1
                    let gt = g.value(tau * t)
                    m1 = gt; m2 = gt * gt; m3 = t * gt
                } else {
                    let innerBreaks = g.kinks.map { ($0 / tau - r * z1) / rho }
                    // g(τ·h*₀) varies on the scale 1/(τ·√(1−r²)) in z₂ (width 1 when τ = 1, as before).
                    for (lo2, hi2) in panels(breaks: innerBreaks, width: 1 / max(1, tau * rho)) {
                        let (ys, vs) = rule.mapped(from: lo2, to: hi2)
                        for (z2, w2) in zip(ys, vs) {
                            let weight2 = w2 * invSqrt2Pi * exp(-0.5 * z2 * z2)
                            let t = r * z1 + rho * z2
                            let gt = g.value(tau * t)
                            m1 += weight2 * gt; m2 += weight2 * gt * gt; m3 += weight2 * t * gt
                        }
                    }
                }
                let residual2 = m2 - 2 * ga * m1 + ga * ga   // E[(g(h*) − g(a))² | u]
                A += weight * gpa * (m3 - ga * r * z1)
                B += weight * gpa * z1 * (m1 - ga)
                D += weight * gpa * (m1 - ga)
                C += weight * gpa * gpa * residual2
                eg += weight * residual2
                gPrime2 += weight * gpa * gpa
            }
        }
        return FieldAverages(deltaTeacher: A, deltaStudent: B, delta: D,
                             deltaSquared: C + sigma * sigma * gPrime2, generalizationError: eg / 2)
    }
}

/// The one entry point for Gaussian field averages: closed forms when the bias is exactly zero
/// (the default, β not learned), quadrature otherwise.
///
/// With a non-Gaussian `InputModel` (docs/model.md §8) the readout is read in the raw field u = h/√Q
/// (h = w·x̃/√N, whose variance is v + s² per unit Q), `overlap` is r = R/√Q, and the five
/// numbers generalize to what the flows need (docs/data-models.md):
/// `deltaTeacher` = E[δ·k] with k = w*·x̃/√N the teacher direction of what the student sees,
/// `deltaStudent` = E[δ·u], `delta` = E[δ], `deltaSquared` = E[δ²·|x̃|²/N], and ε_g against the
/// clean g(h*). For Gaussian inputs (k = h*, |x̃|²/N = 1) these are the `FieldAverages` above.
public struct GaussianAverager: Sendable {
    public let activation: Activation
    public let teacherNoise: Double
    public let inputs: InputModel
    let quadrature: QuadratureAverages
    let scaleRule: ScaleMixtureRule

    public init(activation: Activation, teacherNoise: Double, inputs: InputModel = .gaussian, quadratureOrder: Int = 16) {
        self.activation = activation; self.teacherNoise = teacherNoise; self.inputs = inputs
        quadrature = QuadratureAverages(order: quadratureOrder)
        // ρ ≥ 0 finite is checked by the config; the rule's GSL call fails only on invalid input.
        scaleRule = (try? ScaleMixtureRule(kurtosis: inputs.kurtosis)) ?? ScaleMixtureRule.unit
    }

    /// The averager of a run's setup (activation, label noise and input model).
    public init(setup: TrainingSetup) {
        self.init(activation: setup.activation, teacherNoise: setup.teacherNoise, inputs: setup.inputs)
    }

    public func averages(_ readout: Readout) -> FieldAverages {
        guard inputs.isGaussian else { return dataAverages(readout) }
        return readout.bias == 0
            ? ClosedFormAverages.averages(activation, readout, teacherNoise: teacherNoise)
            : quadrature.averages(activation, readout, teacherNoise: teacherNoise)
    }

    /// ε_g of docs/model.md §4, the one function both engines and the tests use.
    public func generalizationError(_ readout: Readout) -> Double {
        averages(readout).generalizationError
    }
}
