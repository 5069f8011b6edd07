import Foundation
import Testing
import _TestSupport

/// `bnsim lr-max` (docs/model.md §6) on small configurations.
struct LrMaxCommandTests {
    /// sgd: theory and simulation (N = 400, 5 seeds) find the same window and divergence limit
    /// within their brackets plus a 6% finite-N allowance; the local bound is the analytic 2M;
    /// wn's window is unbounded above and it never diverges in range.
    @Test func limitsOfSGDAndWN() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try """
            name: lr
            model: {N: 400}
            training: {batch_size: 2, alpha_max: 15}
            simulation: {seeds: 5, seed: 4}
            lr_search: {eta_min: 0.2, eta_max: 40, grid_points: 10, bracket_rel_tol: 0.03, converged_eg: 0.01}
            sweep: {training.method: [sgd, wn]}
            """.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["lr-max", config.path, "--output", out.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try BNSimBinary.csvRows(out.appendingPathComponent("lr_max.csv"))
        let sgd = table.filter { $0["method"] == "sgd" }, wn = table.filter { $0["method"] == "wn" }
        #expect(sgd.count == 2 && wn.count == 2)
        let th = try #require(sgd.first { $0["engine"] == "theory" }), sim = try #require(sgd.first { $0["engine"] == "simulation" })
        #expect(th["window_status"] == "bounded" && sim["window_status"] == "bounded")
        for (edge, bracket) in [("eta_low", "eta_low_bracket"), ("eta_high", "eta_high_bracket"), ("eta_div", "eta_div_bracket")] {
            let a = Double(th[edge]!)!, b = Double(sim[edge]!)!
            let allowance = Double(th[bracket]!)! + Double(sim[bracket]!)! + 0.06 * a
            #expect(abs(a - b) <= allowance, "\(edge): theory \(a), simulation \(b), allowance \(allowance)")
        }
        let local = Double(th["local_bound"]!)!
        #expect(th["local_parameter"] == "eta" && abs(local / 4 - 1) < 5e-3, "sgd local bound \(local), analytic 2M = 4")
        // The basin ends before the local limit, and the blow-up comes after it.
        #expect(Double(th["eta_high"]!)! < local && local < Double(th["eta_div"]!)!)
        for row in wn {
            #expect(row["window_status"] == "unbounded_above" && row["divergence_status"] == "none_in_range")
            #expect(Double(row["eta_eff_end"]!)! < Double(row["eta_largest_converged"]!)!)  // Q's growth caps η_eff
        }
    }

    @Test func bnBelowFourIsRefusedBeforeWork() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try "training: {method: bn, batch_size: 3}\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try BNSimBinary.run(["lr-max", config.path, "--output", dir.appendingPathComponent("out").path])
        #expect(result.status != 0 && result.stderr.contains("M = 3"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }
}
