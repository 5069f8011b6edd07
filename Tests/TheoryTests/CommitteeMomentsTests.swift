#if canImport(Glibc)
import Glibc
#endif
import Model
import Testing
import _TestSupport

/// docs/model.md §9: relu's I4 (Stein reduction plus Plackett's one-dimensional orthant integral)
/// against an independent nested quadrature, its four-variate orthant against known values, and
/// the closed forms I2, I3, J2 of every activation against the same Stein machinery.
struct CommitteeMomentsTests {
    /// Positive definite 4×4 covariances with unequal variances, negative and strong correlations.
    static let covariances: [[Double]] = [
        [1, 0.3, 0.2, -0.1, 0.3, 1.2, 0.4, 0.5, 0.2, 0.4, 0.9, 0.3, -0.1, 0.5, 0.3, 1.5],
        [2, -0.8, 0.6, 0.9, -0.8, 1, -0.2, 0.1, 0.6, -0.2, 0.7, 0.5, 0.9, 0.1, 0.5, 1.1],
        [0.5, 0.45, 0.1, 0.2, 0.45, 0.5, 0.15, 0.2, 0.1, 0.15, 1, 0.95, 0.2, 0.2, 0.95, 1],
        [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0.6, 0, 0, 0.6, 1],
    ]

    @Test(arguments: 0..<4) func reluI4AgreesWithNestedQuadrature(_ index: Int) throws {
        let c = Self.covariances[index]
        let value = ReluMoments().i4(c)
        let reference = try ReluFourPointReference().i4(c)
        #expect(abs(value - reference) <= 1e-9, "I4 = \(value), reference \(reference), difference \(abs(value - reference))")
    }

    @Test func orthantOfEquicorrelatedHalfIsOneFifth() {
        // P(z > 0) = 1/(n + 1) for n equicorrelated normals at ρ = 1/2.
        var c = [Double](repeating: 0.5, count: 16)
        for i in 0..<4 { c[5 * i] = 1 }
        #expect(abs(ReluMoments().orthant4(c) - 0.2) <= 1e-12)
        // Two independent pairs: the product of bivariate orthants.
        let pairs: [Double] = [1, 0.3, 0, 0, 0.3, 1, 0, 0, 0, 0, 1, -0.7, 0, 0, -0.7, 1]
        func p2(_ r: Double) -> Double { 0.25 + asin(r) / (2 * .pi) }
        #expect(abs(ReluMoments().orthant4(pairs) - p2(0.3) * p2(-0.7)) <= 1e-12)
        // A perfectly correlated pair (the endpoint singularity of the path): the trivariate orthant.
        let tied: [Double] = [1, 1, 0.4, 0.2, 1, 1, 0.4, 0.2, 0.4, 0.4, 1, 0.3, 0.2, 0.2, 0.3, 1]
        let p3 = 0.125 + (asin(0.4) + asin(0.2) + asin(0.3)) / (4 * .pi)
        #expect(abs(ReluMoments().orthant4(tied) - p3) <= 1e-9)
    }

    /// relu's I4 with a repeated field (a unit's g'(a_k)² in E[δ_k²]): the singular covariance
    /// has the value of the three-variable expectation it reduces to, Θ(z₁)² = Θ(z₁).
    @Test func reluI4WithRepeatedFieldReduces() {
        let relu = ReluMoments()
        let c3: [Double] = [1, 0.2, -0.3, 0.2, 1.5, 0.6, -0.3, 0.6, 0.8]
        var c4 = [Double](repeating: 0, count: 16)
        let map = [0, 0, 1, 2]
        for a in 0..<4 { for b in 0..<4 { c4[4 * a + b] = c3[3 * map[a] + map[b]] } }
        let reduced = relu.expectationOfThetaMonomial(covariance: c3, powers: [0, 1, 1])
        #expect(abs(relu.i4(c4) - reduced) <= 1e-12, "\(relu.i4(c4)) vs \(reduced)")
        // And a field shared by g' and g: Θ(z₁)·relu(z₁) = relu(z₁).
        let map2 = [0, 1, 0, 2]
        for a in 0..<4 { for b in 0..<4 { c4[4 * a + b] = c3[3 * map2[a] + map2[b]] } }
        let reduced2 = relu.expectationOfThetaMonomial(covariance: c3, powers: [1, 0, 1])
        #expect(abs(relu.i4(c4) - reduced2) <= 1e-12, "\(relu.i4(c4)) vs \(reduced2)")
    }

    /// The closed forms of i2, i3 and j2 for relu against the Stein machinery (i3 through the
    /// regression z₂ = a·z₁ + b·z₃ + independent noise).
    @Test func reluClosedFormsMatchSteinReduction() {
        let relu = ReluMoments()
        let c2: [Double] = [1.3, -0.5, -0.5, 1.7]
        #expect(abs(relu.i2(1.3, -0.5, 1.7) - relu.expectationOfThetaMonomial(covariance: c2, powers: [1, 1])) <= 1e-14)
        #expect(abs(relu.j2(1.3, -0.5, 1.7) - relu.expectationOfThetaMonomial(covariance: c2, powers: [0, 0])) <= 1e-14)
        let c: [Double] = [1.3, 0.4, -0.5, 0.4, 0.9, 0.2, -0.5, 0.2, 1.7]
        let det = c[0] * c[8] - c[2] * c[2]
        let a = (c[8] * c[1] - c[2] * c[5]) / det, b = (c[0] * c[5] - c[2] * c[1]) / det
        let c13: [Double] = [c[0], c[2], c[2], c[8]]
        let reference = a * relu.expectationOfThetaMonomial(covariance: c13, powers: [1, 1])
            + b * relu.expectationOfThetaMonomial(covariance: c13, powers: [0, 2])
        #expect(abs(relu.i3(c) - reference) <= 1e-14, "\(relu.i3(c)) vs \(reference)")
    }
}
