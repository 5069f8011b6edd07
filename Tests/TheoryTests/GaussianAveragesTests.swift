import Model
import Testing
import _TestSupport

/// docs/model.md §7: every closed-form Gaussian expectation (and ε_g) agrees with independent numerical
/// integration to 1e-8, for every activation, over a grid of (Q, R, γ) with R < 0 and γ ≠ 1.
struct GaussianAveragesTests {
    struct Point: CustomTestStringConvertible, Sendable {
        var activation: Activation
        var readout: Readout
        var noise: Double
        var testDescription: String { "\(activation) r=\(readout.overlap) s=\(readout.scale) b=\(readout.bias) σ=\(noise)" }
    }

    /// Readouts of both kinds: sgd (s = √Q, r = R/√Q) and wn (s = γ) over a (Q, R, γ) grid.
    static func points(biases: [Double]) -> [Point] {
        var out: [Point] = []
        let states: [(Q: Double, R: Double, gamma: Double)] = [
            (1, 0, 1), (0.5, -0.3, 2.5), (2, 1.2, 0.4), (1.5, -1.0, -0.7), (0.8, 0.85, 1.3), (3, 0.2, -2),
        ]
        for g in Activation.allCases {
            for (k, st) in states.enumerated() {
                let r = st.R / st.Q.squareRoot()
                let noise = k.isMultiple(of: 2) ? 0 : 0.5
                for b in biases {
                    if b == 0 { out.append(Point(activation: g, readout: Readout(overlap: r, scale: st.Q.squareRoot()), noise: noise)) }
                    out.append(Point(activation: g, readout: Readout(overlap: r, scale: st.gamma, bias: b), noise: noise))
                }
            }
        }
        return out
    }

    static func expectClose(_ a: FieldAverages, _ b: FieldAverages, tolerance: Double, _ label: String) {
        let pairs: [(String, Double, Double)] = [
            ("E[δh*]", a.deltaTeacher, b.deltaTeacher), ("E[δu]", a.deltaStudent, b.deltaStudent),
            ("E[δ]", a.delta, b.delta), ("E[δ²]", a.deltaSquared, b.deltaSquared), ("ε_g", a.generalizationError, b.generalizationError),
        ]
        for (name, x, y) in pairs {
            #expect(abs(x - y) <= tolerance, "\(label) \(name): \(x) vs reference \(y), difference \(abs(x - y))")
        }
    }

    @Test(arguments: points(biases: [0]))
    func closedFormsMatchAdaptiveQuadrature(_ p: Point) throws {
        let closed = ClosedFormAverages.averages(p.activation, p.readout, teacherNoise: p.noise)
        let reference = try AdaptiveGaussianReference().averages(p.activation, p.readout, teacherNoise: p.noise)
        Self.expectClose(closed, reference, tolerance: 1e-8, p.testDescription)
    }

    /// With a bias (learned β) bnsim uses a product Gauss–Legendre rule; same bar.
    @Test(arguments: points(biases: [0.3, -0.8]).filter { $0.readout.bias != 0 })
    func productRuleMatchesAdaptiveQuadrature(_ p: Point) throws {
        let rule = QuadratureAverages().averages(p.activation, p.readout, teacherNoise: p.noise)
        let reference = try AdaptiveGaussianReference().averages(p.activation, p.readout, teacherNoise: p.noise)
        Self.expectClose(rule, reference, tolerance: 1e-8, p.testDescription)
    }

    /// At zero bias the product rule and the closed forms are two routes to the same numbers.
    @Test(arguments: points(biases: [0]))
    func productRuleMatchesClosedFormsAtZeroBias(_ p: Point) {
        let rule = QuadratureAverages().averages(p.activation, p.readout, teacherNoise: p.noise)
        let closed = ClosedFormAverages.averages(p.activation, p.readout, teacherNoise: p.noise)
        Self.expectClose(rule, closed, tolerance: 1e-9, p.testDescription)
    }

    /// The reference itself must be right: E[h*²] = 1, E[u·h*] = r, E[relu(h*)] = 1/√(2π).
    @Test func referenceReproducesElementaryMoments() throws {
        let ref = AdaptiveGaussianReference()
        let readout = Readout(overlap: -0.6, scale: 1.7, bias: 0.2)
        #expect(abs(try ref.expectation(.relu, readout) { t, _ in t * t } - 1) < 1e-12)
        #expect(abs(try ref.expectation(.relu, readout) { t, u in t * u } + 0.6) < 1e-12)
        #expect(abs(try ref.expectation(.relu, readout) { t, _ in max(t, 0) } - 0.3989422804014327) < 1e-12)
    }
}
