import Foundation
import Testing
import _TestSupport

/// plateau.csv (results/README.md): a two-layer run gets one row per theory variant, seed mean and
/// seed, by Model/Plateau.swift's criterion, and docs/checks/committee_plateau.py — an independent
/// reimplementation in Python — recomputes every row from theory.csv and simulation.csv; a
/// single-unit run gets no file.
struct CommitteePlateauFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func twoLayerRunWritesPlateauRowsThatPythonRecomputes() throws {
        let (result, out) = try CommitteeRunTests.run("""
            name: plateau-e2e
            model: {N: 200, activation: erf, teacher_units: 2, student_units: 2}
            training: {method: sgd, learning_rate: 1, alpha_max: 40}
            simulation: {seeds: 2, test_samples: 0}
            output: {alpha_points: 12, alpha_min: 0.5}
            """, "plateau")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: out.appendingPathComponent("plateau.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first?.hasSuffix(",engine,variant,seed,status,plateau_alpha,height,exit_alpha") == true, "\(lines.first ?? "")")
        // theory exact, the seed mean, seeds 0 and 1 — in that order.
        #expect(lines.count == 5, "\(text)")
        let engines = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).suffix(7).prefix(3).joined(separator: ",") }
        #expect(engines == ["theory,exact,", "simulation,,all", "simulation,,0", "simulation,,1"], "\(engines)")
        for line in lines.dropFirst() {
            let status = line.split(separator: ",", omittingEmptySubsequences: false).suffix(4).first!
            #expect(["left", "not_left", "no_plateau"].contains(status), "\(line)")
        }
        let check = try Self.python([Self.root.appendingPathComponent("docs/checks/committee_plateau.py").path, out.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count == 4, "\(check.stdout)")
    }

    /// A curve that blows up has no plateau to read: status `diverged`, empty cells (Python agrees).
    @Test func divergedCurvesAreMarkedWithoutAPlateau() throws {
        let (result, out) = try CommitteeRunTests.run("""
            name: plateau-diverged
            model: {N: 200, teacher_units: 2, student_units: 2}
            training: {method: sgd, learning_rate: 40, batch_size: 8, alpha_max: 5}
            simulation: {seeds: 2, test_samples: 0}
            output: {alpha_points: 8, alpha_min: 0.2}
            """, "diverged")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try BNSimBinary.csvRows(out.appendingPathComponent("plateau.csv"))
        #expect(rows.count == 4)
        for row in rows {
            #expect(row["status"] == "diverged" && row["plateau_alpha"] == "" && row["height"] == "" && row["exit_alpha"] == "", "\(row)")
        }
        let check = try Self.python([Self.root.appendingPathComponent("docs/checks/committee_plateau.py").path, out.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// Two shards merged give the plateau.csv of one run, byte for byte.
    @Test func mergedShardsWriteTheSamePlateauFile() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try """
            name: plateau-merge
            model: {N: 100, activation: erf, teacher_units: 2, student_units: 2}
            training: {method: sgd, learning_rate: 1, alpha_max: 10}
            simulation: {seeds: 2, test_samples: 0}
            output: {alpha_points: 8, alpha_min: 0.5}
            sweep: {training.method: [sgd, wn]}
            """.write(to: config, atomically: true, encoding: .utf8)
        let whole = dir.appendingPathComponent("whole"), merged = dir.appendingPathComponent("merged")
        let shards = [dir.appendingPathComponent("s1"), dir.appendingPathComponent("s2")]
        #expect(try BNSimBinary.run(["run", config.path, "--output", whole.path, "--quiet", "--no-plot"]).status == 0)
        for (k, shard) in shards.enumerated() {
            #expect(try BNSimBinary.run(["run", config.path, "--shard", "\(k)/2", "--output", shard.path, "--quiet", "--no-plot"]).status == 0)
        }
        let result = try BNSimBinary.run(["merge"] + shards.map(\.path) + ["--output", merged.path, "--no-plot"])
        #expect(result.status == 0, "\(result.stderr)")
        let a = try Data(contentsOf: whole.appendingPathComponent("plateau.csv")), b = try Data(contentsOf: merged.appendingPathComponent("plateau.csv"))
        #expect(a == b)
        #expect(String(decoding: a, as: UTF8.self).split(separator: "\n").count == 1 + 2 * 4)
    }

    @Test func singleUnitRunWritesNoPlateauFile() throws {
        let (result, out) = try CommitteeRunTests.run("""
            name: single-plateau-e2e
            model: {N: 100}
            training: {alpha_max: 1}
            simulation: {seeds: 2, test_samples: 0}
            output: {alpha_points: 3}
            """, "single")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("plateau.csv").path))
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
