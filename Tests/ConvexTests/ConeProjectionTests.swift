import Convex
import Foundation
import Testing

private func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

/// The cone projections behind the solver's prox and the certificate: Moreau's decomposition
/// z = Π_K z + Π_{K°} z with Π_K z ∈ K, Π_{K°} z ∈ K° and the two orthogonal, and NNLS's KKT conditions.
struct ConeProjectionTests {
    @Test func projectionsSatisfyMoreauAndNNLSIsKKTOptimal() throws {
        let program = try ConvexFixtures.program(ConvexFixtures.instance(n: 4, p: 12))
        var checked = 0
        for index in stride(from: 0, to: program.patterns.patterns.count, by: 7) {
            let cone = program.cone(index)
            let z = (0..<program.data.width).map { Foundation.sin(Double(13 * index + 7 * $0 + 1)) }
            let inside = cone.project(z)
            let polar = zip(z, inside).map { $0 - $1 }
            // Π_K z ∈ K.
            #expect(cone.constraintRows.allSatisfy { dot($0, inside) >= -1e-12 })
            // Π_{K°} z ∈ K° = {v : v·c ≤ 0 for c ∈ K}, which holds iff v is a non-negative combination of −rows:
            // checked through orthogonality and the NNLS KKT residual.
            #expect(abs(dot(inside, polar)) < 1e-12)
            let nnls = NonNegativeLeastSquares(columns: cone.constraintRows.map { $0.map { -$0 } }, target: z)
            let (x, residual) = nnls.solve()
            #expect(nnls.kktResidual(x, residual) < 1e-10)
            checked += 1
        }
        #expect(checked > 50)
    }
}
