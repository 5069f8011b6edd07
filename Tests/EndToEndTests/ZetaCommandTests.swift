import Foundation
import Testing
import _TestSupport

/// `bnsim zeta`: the penalty by quadrature over real batches agrees with brute-force
/// sampled batches; it is exactly linear in γ, while bn-pn's ζγ² is mostly quadratic.
struct ZetaCommandTests {
    @Test func quadratureAgreesWithSampledBatchesAndIsLinearInGamma() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try "name: z\n".write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["zeta", config.path, "--output", out.path, "--quiet", "--batches", "40000",
                                          "--batch-sizes", "2,3,4,8", "--overlaps=-0.5,0.3,0.95", "--gammas", "0.5,1.5"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try BNSimBinary.csvRows(out.appendingPathComponent("zeta.csv"))
        #expect(rows.count == 4 * 3 * 2)
        for row in rows {
            let z = Double(row["z_sampled"]!)!
            #expect(abs(z) < 4.5, "M=\(row["M"]!) r=\(row["r"]!) γ=\(row["gamma"]!): quadrature vs sampled z = \(z)")
            #expect(abs(Double(row["E_relu_n_squared"]!)! - 0.5) < 1e-9)
        }
        for row in try BNSimBinary.csvRows(out.appendingPathComponent("zeta_gamma.csv")) where row["source"] == "quadrature" {
            #expect(Double(row["quadratic_share_at_gamma_1"]!)! < 1e-9)
        }
        let bad = try BNSimBinary.run(["zeta", config.path, "--output", out.path, "--batch-sizes", "1"])
        #expect(bad.status != 0 && bad.stderr.contains("--batch-sizes"))
    }
}
