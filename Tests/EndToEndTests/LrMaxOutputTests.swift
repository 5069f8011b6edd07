import Foundation
import Testing
import _TestSupport

/// What `bnsim lr-max` prints and writes: a readable table that names the maximum learning rate
/// and the settings, lr_max.csv with best_eg and agreement, manifest.yaml, the figure, and theory
/// only under simulation.enabled: false.
struct LrMaxOutputTests {
    static let config = """
        name: lr-out
        model: {N: 200}
        training: {batch_size: 4, alpha_max: 10}
        simulation: {seeds: 3, seed: 4}
        lr_search: {grid_points: 6}
        sweep: {training.method: [sgd, wn]}
        """

    static func run(_ extra: [String]) throws -> (dir: URL, stdout: String, rows: [[String: String]]) {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("c.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["lr-max", "c.yaml", "--output", "out", "--quiet"] + extra, in: dir, timeout: 300)
        #expect(outcome.status == 0, "\(outcome)")
        return (dir, outcome.stdout, try BNSimBinary.csvRows(dir.appendingPathComponent("out/lr_max.csv")))
    }

    @Test func tableCsvManifestAndFigure() throws {
        let (dir, stdout, rows) = try Self.run([])
        // The settings used and which number is the maximum learning rate.
        #expect(stdout.contains("ε_g ≤ 0.01") && stdout.contains("[0.1, 100]"), "\(stdout)")
        #expect(stdout.contains("The maximum learning rate is eta_high"), "\(stdout)")
        // One aligned row per method and engine, numbers to ~4 significant digits (no 16-digit CSV).
        let lines = stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("method") })
        let table = Array(lines[header...(header + 4)])
        #expect(table.dropFirst().map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
            == ["sgd 4 theory", "sgd 4 simulation", "wn 4 theory", "wn 4 simulation"])
        let column = try #require(table[0].range(of: "agreement")).lowerBound.utf16Offset(in: table[0])
        for line in table.dropFirst() { #expect(line.utf16.count > column, "not aligned: \(line)") }
        #expect(stdout.range(of: #"\d\.\d{9,}"#, options: .regularExpression) == nil, "full-precision numbers: \(stdout)")
        #expect(stdout.contains("agreement: theory and simulation agree when"), "\(stdout)")

        #expect(rows.count == 4)
        for row in rows {
            for key in ["best_eg", "eta_best_eg", "agreement"] { #expect(row[key] != nil, "missing column \(key)") }
            #expect(["agree", "disagree"].contains(row["agreement"]!))
            if row["window_status"] == "empty" {
                // An empty window says how close it came.
                #expect(Double(row["best_eg"]!)! > 0.01)
            }
        }
        let manifest = try String(contentsOf: dir.appendingPathComponent("out/manifest.yaml"), encoding: .utf8)
        #expect(manifest.contains("config_file: \"c.yaml\"") && manifest.contains("agreement:") && manifest.contains("effective_config:"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/lr_max_vs_M.png").path))
        }
    }

    @Test func simulationDisabledMeansTheoryOnly() throws {
        let (dir, stdout, rows) = try Self.run(["--set", "simulation.enabled=false", "--no-plot"])
        #expect(rows.count == 2 && rows.allSatisfy { $0["engine"] == "theory" && $0["agreement"] == "n/a" }, "\(rows)")
        #expect(!stdout.contains("simulation  "), "\(stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/lr_max_vs_M.png").path))
    }
}
