#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GSL
import Model
import Testing
import _TestSupport

/// docs/model.md §8 data models (docs/data-models.md): the generalized field averages against an
/// independent route — nested adaptive QAGP over the two conditionally Gaussian fields for each
/// v, an adaptive integral over v against the Gamma density, and the regression of k on the fields
/// solved from docs/model.md §8's covariances as a plain 2×2 system.
struct DataAveragesTests {
    struct Point: CustomTestStringConvertible, Sendable {
        var activation: Activation
        var inputs: InputModel
        var readout: Readout
        var sigma: Double
        var testDescription: String {
            "\(activation) s=\(inputs.noise) ρ=\(inputs.kurtosis) r=\(readout.overlap) S=\(readout.scale) b=\(readout.bias) σ=\(sigma)"
        }
    }

    /// Noise alone costs one 2-D integral per quantity; kurtosis an outer integral as well, so it
    /// gets two points (relu through homogeneity, with and without noise). The quadrature path with
    /// a teacher scale (erf or a bias, with kurtosis) is checked against a Gauss–Hermite product
    /// rule in docs/checks/data_models.py (check 5), where the nested adaptive reference is too slow.
    static let points: [Point] = {
        var out: [Point] = []
        for g in Activation.allCases {
            out.append(Point(activation: g, inputs: InputModel(noise: 0.5), readout: Readout(overlap: 0.6, scale: 1.3), sigma: 0.3))
            out.append(Point(activation: g, inputs: InputModel(noise: 1), readout: Readout(overlap: -0.4, scale: 0.7, bias: 0.3), sigma: 0))
        }
        out.append(Point(activation: .relu, inputs: InputModel(noise: 1), readout: Readout(overlap: 0.999, scale: 2), sigma: 0))
        out.append(Point(activation: .relu, inputs: InputModel(kurtosis: 1), readout: Readout(overlap: 0.7, scale: 0.9), sigma: 0.4))
        out.append(Point(activation: .relu, inputs: InputModel(noise: 0.5, kurtosis: 3), readout: Readout(overlap: -0.3, scale: 1.4), sigma: 0))
        return out
    }()

    /// The five generalized averages by the independent route.
    static func reference(_ p: Point) throws -> FieldAverages {
        let g = p.activation, s2 = p.inputs.noise * p.inputs.noise, r = p.readout.overlap
        let ref = AdaptiveGaussianReference()
        func conditional(_ v: Double) throws -> [Double] {
            let tau = v.squareRoot(), sigmaU = (v + s2).squareRoot()
            // Covariances of (h*, u, k) given v (docs/model.md §8 scaled by v): Var h* = v, Var u = v + s²,
            // Cov(h*, u) = r·v, Cov(k, h*) = v, Cov(k, u) = r(v + s²).
            let rTilde = r * v / (tau * sigmaU)
            let standardized = Readout(overlap: rTilde, scale: p.readout.scale * sigmaU, bias: p.readout.bias)
            // E[k | h*₀, ũ] = a·h*₀ + b·ũ: solve [[1, r̃], [r̃, 1]]·(a, b) = (Cov(k, h*₀), Cov(k, ũ)).
            let c1 = v / tau, c2 = r * (v + s2) / sigmaU
            let det = 1 - rTilde * rTilde
            let a = (c1 - rTilde * c2) / det, b = (c2 - rTilde * c1) / det
            func pre(_ u: Double) -> Double { p.readout.scale * sigmaU * u + p.readout.bias }
            func delta(_ t: Double, _ u: Double) -> Double { (g.value(tau * t) - g.value(pre(u))) * g.derivative(pre(u)) }
            let eK = try ref.expectation(g, standardized) { t, u in delta(t, u) * (a * t + b * u) }
            let eU = try ref.expectation(g, standardized) { t, u in delta(t, u) * sigmaU * u }
            let eD = try ref.expectation(g, standardized) { t, u in delta(t, u) }
            let eC = try ref.expectation(g, standardized) { t, u in
                let d = delta(t, u), gp = g.derivative(pre(u))
                return (v + s2) * (d * d + p.sigma * p.sigma * gp * gp)
            }
            let eG = try ref.expectation(g, standardized) { t, u in
                let e = g.value(tau * t) - g.value(pre(u))
                return 0.5 * e * e
            }
            return [eK, eU, eD, eC, eG]
        }
        let values: [Double]
        if p.inputs.kurtosis == 0 {
            values = try conditional(1)
        } else {
            let k = 3 / p.inputs.kurtosis, theta = p.inputs.kurtosis / 3
            let outer = Quadrature(absoluteTolerance: 1e-11, relativeTolerance: 1e-10)
            values = try (0..<5).map { index in
                // Breaks where the Gamma density changes scale, so the adaptive rule sees each regime.
                try outer.integrate(from: 0, to: theta * 60, breaks: [theta / 4, theta, 4 * theta, 15 * theta]) { v in
                    guard v > 0 else { return 0 }
                    let density = exp((k - 1) * log(v / theta) - v / theta - lgamma(k)) / theta
                    return density * ((try? conditional(v)[index]) ?? .nan)
                }
            }
        }
        return FieldAverages(deltaTeacher: values[0], deltaStudent: values[1], delta: values[2], deltaSquared: values[3],
                             generalizationError: values[4])
    }

    /// 1e-8 as for the Gaussian closed forms (docs/model.md §7): the v rule's own error is below 1e-12
    /// (next test) and the product rule's below 1e-9 (its inner panels shrink with the teacher scale), so
    /// 1e-8 leaves an order of magnitude.
    @Test(arguments: points)
    func generalizedAveragesMatchIndependentIntegration(_ p: Point) throws {
        let averager = GaussianAverager(activation: p.activation, teacherNoise: p.sigma, inputs: p.inputs)
        let got = averager.averages(p.readout)
        let want = try Self.reference(p)
        GaussianAveragesTests.expectClose(got, want, tolerance: 1e-8, p.testDescription)
    }

    /// The scale-mixture rule integrates E[v^p] = Γ(k + p)/(Γ(k))·θ^p to 1e-11 (the fractional
    /// powers are the non-polynomial integrands the theory meets) over ρ from 0.01 to 30.
    @Test(arguments: [0.01, 0.2, 1, 3, 6, 30])
    func scaleMixtureRuleMoments(_ rho: Double) throws {
        let rule = try ScaleMixtureRule(kurtosis: rho)
        let inputs = InputModel(kurtosis: rho)
        for p in [0, 0.5, 1, 1.5, 2, 3] {
            let got = zip(rule.nodes, rule.weights).reduce(0) { $0 + $1.1 * pow($1.0, p) }
            let want = inputs.scaleMoment(p)
            #expect(abs(got - want) <= 1e-11 * max(1, want), "ρ=\(rho) E[v^\(p)]: \(got) vs \(want)")
        }
        #expect(inputs.scaleMoment(2) - 1 == rho / 3 || abs(inputs.scaleMoment(2) - 1 - rho / 3) < 1e-12, "Var v = ρ/3")
    }

    /// With both keys at 0 the averager is the Gaussian one, bit for bit; at s = 0 the data path
    /// with ρ → 0 tends to it continuously (ρ = 1e-4: Var v = 3e-5).
    @Test func gaussianLimit() {
        let readout = Readout(overlap: 0.4, scale: 1.1)
        let plain = GaussianAverager(activation: .relu, teacherNoise: 0.2)
        let explicit = GaussianAverager(activation: .relu, teacherNoise: 0.2, inputs: InputModel(noise: 0, kurtosis: 0))
        #expect(plain.averages(readout) == explicit.averages(readout))
        let near = GaussianAverager(activation: .relu, teacherNoise: 0.2, inputs: InputModel(kurtosis: 1e-4)).averages(readout)
        GaussianAveragesTests.expectClose(near, plain.averages(readout), tolerance: 1e-4, "ρ = 1e-4")
    }
}
