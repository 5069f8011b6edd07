import Foundation
import Testing
import _TestSupport

/// bn theory at batch sizes beyond GSL's Gauss–Jacobi rules (M ≥ 305 used to report "DIVERGED at
/// α=0" while the simulation trained), and a quadrature that cannot be computed says why.
struct LargeBatchTheoryTests {
    @Test func bnTheoryAtM400CompletesThroughTheBinary() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("large.yaml")
        try """
            version: 1
            name: large-batch
            model: {N: 100000, activation: relu, teacher_noise: 0.1}
            training: {method: bn, learning_rate: 50, batch_size: 400, alpha_max: 2}
            theory: {bn_variants: [exact, loss]}
            simulation: {enabled: false}
            output: {alpha_points: 4, alpha_min: 0.2}
            """.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["run", config.path, "--output", out.path, "--quiet", "--no-plot"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("theory exact: completed") && result.stdout.contains("theory loss: completed"), "\(result.stdout)")
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.yaml"), encoding: .utf8)
        #expect(manifest.contains("theory_exact: completed") && manifest.contains("theory_loss: completed"), "\(manifest)")
        let rows = try BNSimBinary.csvRows(out.appendingPathComponent("theory.csv"))
        #expect(rows.count == 8 && rows.allSatisfy { $0["status"] == "completed" && Double($0["Q"]!)!.isFinite })
    }

    /// With kurtosis the penalty has no quadrature: the cells stay empty, and the reason is on
    /// stderr and in zeta_not_computed.csv — never a silent blank. At M = 400 the quadrature exists.
    @Test func zetaSaysWhyThePenaltyQuadratureIsMissing() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("z.yaml")
        try "name: z\nmodel: {input_kurtosis: 1}\n".write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["zeta", config.path, "--output", out.path, "--quiet", "--batches", "200",
                                          "--batch-sizes", "4,8", "--overlaps", "0.5", "--gammas", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("penalty_quadrature not computed at 2 of 2 states: with model.input_kurtosis > 0"), "\(result.stderr)")
        let missing = try BNSimBinary.csvRows(out.appendingPathComponent("zeta_not_computed.csv"))
        #expect(missing.count == 2 && missing.allSatisfy { $0["column"] == "penalty_quadrature" && $0["reason"]!.contains("kurtosis") })

        let gaussian = dir.appendingPathComponent("g.yaml")
        try "name: g\n".write(to: gaussian, atomically: true, encoding: .utf8)
        let large = dir.appendingPathComponent("large")
        let ok = try BNSimBinary.run(["zeta", gaussian.path, "--output", large.path, "--quiet", "--batches", "0",
                                      "--batch-sizes", "400,10000", "--overlaps", "0.5", "--gammas", "1"])
        #expect(ok.status == 0 && !ok.stderr.contains("not computed"), "\(ok.stderr)")
        #expect(!FileManager.default.fileExists(atPath: large.appendingPathComponent("zeta_not_computed.csv").path))
        for row in try BNSimBinary.csvRows(large.appendingPathComponent("zeta.csv")) {
            #expect(Double(row["penalty_quadrature"] ?? "") != nil, "\(row)")
            #expect(abs(Double(row["E_relu_n_squared"]!)! - 0.5) < 1e-9, "\(row)")
        }

        // Above 10⁶ the penalty, O(1/M), is below the quadrature's rounding (at 10¹¹ it came out
        // negative): an empty cell with its reason, not a wrong number.
        let huge = dir.appendingPathComponent("huge")
        let refused = try BNSimBinary.run(["zeta", gaussian.path, "--output", huge.path, "--quiet", "--batches", "0", "--no-plot",
                                           "--batch-sizes", "8,1000,1000000,100000000000", "--overlaps", "0.5", "--gammas", "1"])
        #expect(refused.status == 0 && refused.stderr.contains("penalty_quadrature not computed at 1 of 4 states: at M > 1000000"),
                "\(refused.stderr)")
        let rows = try BNSimBinary.csvRows(huge.appendingPathComponent("zeta.csv"))
        #expect(rows.map { $0["penalty_quadrature"] == "" } == [false, false, false, true], "\(rows)")
        #expect(abs(Double(rows[2]["penalty_quadrature"]!)! * 1e6 / 0.10777 - 1) < 1e-4, "\(rows[2])")
        #expect(Double(rows[3]["penalty_pn"] ?? "") != nil, "\(rows[3])")
        // The empty cell neither blanks the power fit of the others nor stops the figures.
        let power = try BNSimBinary.csvRows(huge.appendingPathComponent("zeta_power.csv")).first { $0["source"] == "quadrature" }
        let slope = try #require(Double(power?["power_of_M"] ?? ""), "\(String(describing: power))")
        #expect(abs(slope + 1) < 0.05, "quadrature power of M \(slope)")
        let plotted = try BNSimBinary.run(["plot", huge.path])
        #expect(plotted.status == 0 && FileManager.default.fileExists(atPath: huge.appendingPathComponent("zeta_vs_M.png").path), "\(plotted.stderr)")
    }
}
