import Foundation
import Testing
import _TestSupport

/// `bnsim jitter`: BN's decision-boundary jitter measured on real batches agrees with
/// its prediction from the batch-statistics distribution within 4 standard errors — at β = 0
/// (offset ~ N(0, 1/M), switched fraction arcsin(1/√M)/π) and with β fixed at 1 (σ_B's spread
/// enters). About 10⁴ steps per M give s.e. of ~0.5 % on the s.d.
struct JitterCommandTests {
    static let config = """
        version: 1
        name: jitter-test
        model: {N: 200, activation: relu}
        training: {method: bn, learning_rate: 2.0, batch_size: 4, alpha_max: 50}
        simulation: {seeds: 4, seed: 5, test_samples: 0}
        sweep:
          training.batch_size: [4, 16]
          training.init.beta: [0.0, 1.0]
        """

    @Test func measuredJitterMatchesPrediction() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("jitter.yaml")
        try Self.config.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["jitter", config.path, "--output", out.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try BNSimBinary.csvRows(out.appendingPathComponent("jitter.csv"))
        #expect(rows.count == 4)
        for row in rows {
            let v = { (key: String) -> Double in Double(row[key] ?? "") ?? .nan }
            let where_ = "M=\(row["M"] ?? "?") β₀=\(row["training.init.beta"] ?? "?")"
            #expect(abs(v("z_sd")) < 4, "s.d. of the offset \(where_): \(v("threshold_sd")) vs \(v("threshold_sd_predicted"))")
            #expect(abs(v("threshold_mean") - v("threshold_mean_predicted")) < 4 * v("threshold_mean_se"), "mean offset \(where_)")
            if row["training.init.beta"] == "0.0" {
                #expect(abs(v("z_flip")) < 4, "switched fraction \(where_): \(v("flip_rate")) vs \(v("flip_rate_predicted"))")
                #expect(abs(v("threshold_excess_kurtosis")) < 4 * v("threshold_excess_kurtosis_se"), "kurtosis \(where_)")
                #expect(abs(v("threshold_sd_predicted") - 1 / v("M").squareRoot()) < 1e-12)
            } else {
                #expect(row["flip_rate_predicted"] == "", "no closed form for the switched fraction at β ≠ 0")
            }
        }
        // The figure is drawn after the study.
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("jitter_vs_M.png").path))
    }

    @Test func refusesMethodsOtherThanBN() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("wn.yaml")
        try Self.config.replacingOccurrences(of: "method: bn", with: "method: wn").write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["jitter", config.path, "--output", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("training.method is wn"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
