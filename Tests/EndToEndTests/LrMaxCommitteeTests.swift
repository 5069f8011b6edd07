import Foundation
import Testing
import _TestSupport

/// `bnsim lr-max` on two-layer networks (docs/model.md §6, §9): the committee ODEs and the
/// committee engine search the same classes; bn's `exact`, which has no two-layer theory, is
/// refused with one line before any work.
struct LrMaxCommitteeTests {
    /// relu, K = K* = 2, sgd: theory and simulation (N = 300, 5 seeds) find a divergence edge and
    /// agree on it within the agreement rule (brackets plus 10 %); wn, which never diverges in range,
    /// says so in both engines; no local bound for a two-layer network.
    @Test func sgdDivergenceEdgeOfTwoUnitsAgreesWithTheTheory() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try """
            name: lr-committee
            model: {N: 300, student_units: 2, teacher_units: 2}
            training: {batch_size: 8, alpha_max: 5}
            simulation: {seeds: 5, seed: 3}
            lr_search: {eta_min: 1, eta_max: 100, grid_points: 7, bracket_rel_tol: 0.03, converged_eg: 0.01}
            sweep: {training.method: [sgd, wn]}
            """.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["lr-max", config.path, "--output", out.path, "--quiet", "--no-plot"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try BNSimBinary.csvRows(out.appendingPathComponent("lr_max.csv"))
        let sgd = table.filter { $0["method"] == "sgd" }, wn = table.filter { $0["method"] == "wn" }
        #expect(sgd.count == 2 && wn.count == 2)
        let th = try #require(sgd.first { $0["engine"] == "theory" }), sim = try #require(sgd.first { $0["engine"] == "simulation" })
        #expect(th["divergence_status"] == "found" && sim["divergence_status"] == "found", "\(th) \(sim)")
        let a = try #require(Double(th["eta_div"] ?? "")), b = try #require(Double(sim["eta_div"] ?? ""))
        let da = Double(th["eta_div_bracket"]!)!, db = Double(sim["eta_div_bracket"]!)!
        #expect((a - da) * 0.9 <= (b + db) * 1.1 && (b - db) * 0.9 <= (a + da) * 1.1, "eta_div: theory \(a) ± \(da), simulation \(b) ± \(db)")
        #expect(th["agreement"] == "agree", "\(th)")
        #expect(th["local_status"] == "" && th["local_bound"] == "")
        for row in wn { #expect(row["divergence_status"] == "none_in_range", "\(row)") }
    }

    @Test func bnExactIsRefusedInOneLine() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try "name: two\nmodel: {N: 100, student_units: 2}\ntraining: {method: bn, batch_size: 8}\n".write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["lr-max", config.path, "--output", out.path, "--quiet"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no two-layer theory") && result.stderr.contains("exact"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
