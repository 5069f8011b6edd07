import Testing
import Theory
import _TestSupport

/// The bivariate closed forms of bn-exact's pair term against nested adaptive quadrature, to
/// 1e-9, over correlations up to 0.999 (where the teacher fields of one batch nearly coincide).
struct BivariateNormalTests {
    static let points: [(Double, Double, Double)] = [
        (0, 0, 0), (0.3, -0.5, 0.2), (-1.2, 0.4, 0.5), (0.7, 0.7, 0.69), (1.5, -0.3, 0.71), (-0.4, -0.41, 0.95),
        (0.2, 0.25, 0.99), (-0.8, 1.1, 0.999), (0.05, 0.05, 0.999), (2.5, 2.0, 0.9),
    ]

    @Test(arguments: points)
    func orthantAndTruncatedProductMatchQuadrature(_ p: (Double, Double, Double)) throws {
        let (a1, a2, rho) = p
        let ref = AdaptiveGaussianReference()
        let orthant = try ref.pairExpectation(correlation: rho, firstKink: a1, secondKink: a2) { z1, z2 in z1 > a1 && z2 > a2 ? 1 : 0 }
        let product = try ref.pairExpectation(correlation: rho, firstKink: a1, secondKink: a2) { z1, z2 in max(z1 - a1, 0) * max(z2 - a2, 0) }
        #expect(abs(BivariateNormal.upperOrthant(a1, a2, correlation: rho) - orthant) < 1e-9)
        #expect(abs(BivariateNormal.positivePartProduct(a1, a2, correlation: rho) - product) < 1e-9)
    }
}
