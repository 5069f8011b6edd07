import Foundation
import Testing
import _TestSupport

/// `bnsim convex`: the global optimum of small BN-ReLU training problems agrees with an independent
/// solver (cvxpy + Clarabel on the same program, scripts/convex-check.py), is reached by the recovered
/// network, is certified, and GD never beats it.
struct ConvexCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func optimumAgreesWithCvxpyAndIsCertifiedAndUnbeatenByGD() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try """
            name: cvx
            model: {N: 3, teacher_noise: 0.2}
            simulation: {test_samples: 500}
            convex: {alphas: [1, 4, 5], instances: 2, teacher: two-layer, widths: [1, 6], restarts: 2, steps: 1500}
            """.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["convex", config.path, "--output", out.path, "--quiet", "--dump-instance"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try BNSimBinary.csvRows(out.appendingPathComponent("convex.csv"))
        #expect(rows.map { $0["P"]! } == ["3", "3", "12", "12", "15", "15"])
        #expect(rows.map { $0["patterns_mode"]! } == ["closed-form", "closed-form", "enumerated", "enumerated", "enumerated", "enumerated"])
        for row in rows {
            let optimum = Double(row["P_cvx"]!)!
            #expect(row["patterns"] == row["patterns_general_position"])
            #expect(abs(Double(row["J_recovered"]!)! - optimum) <= 1e-8 * optimum)
            #expect(Double(row["lower_bound"]!)! <= optimum * (1 + 1e-12))
            #expect(Double(row["certified_gap"]!)! <= 1e-8)
            for m in [1, 6] { #expect(Double(row["gap_m\(m)"]!)! >= -1e-9, "GD below P_cvx at m = \(m): \(row)") }
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.yaml").path))

        // The independent solver: required, never skipped (./dev test installs cvxpy).
        let probe = try python(["-c", "import cvxpy, clarabel"])
        try #require(probe.status == 0, "cvxpy with Clarabel is not importable by python3 (./dev test installs it): \(probe.stderr)")
        let files = (2..<6).map { out.appendingPathComponent("instance-\($0).json").path }
        let check = try python([Self.root.appendingPathComponent("scripts/convex-check.py").path] + files)
        #expect(check.status == 0, "\(check.stderr)")
        let reports = check.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(reports.count == 4)
        for report in reports {
            let relative = try #require(report["relative"] as? Double)
            #expect(relative <= 1e-6, "bnsim vs cvxpy: \(report)")
        }
    }

    @Test func impossibleSizesAndValuesAreOneLineErrorsBeforeAnyWork() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let cases: [(String, String)] = [
            ("convex: {lambda: -1}", "convex.lambda"),
            ("convex: {widths: [2, 0]}", "convex.widths[1]"),
            ("convex: {teacher: three-layer}", "convex.teacher"),
            ("model: {N: 100}\nconvex: {alphas: [4]}", "convex.alphas[0]"),
            ("model: {N: 10}\nconvex: {alphas: [0.1]}", "convex.alphas[0]"),
        ]
        for (index, (yaml, key)) in cases.enumerated() {
            let config = dir.appendingPathComponent("bad\(index).yaml")
            try "name: bad\n\(yaml)\n".write(to: config, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("out\(index)")
            let result = try BNSimBinary.run(["convex", config.path, "--output", out.path, "--quiet"])
            #expect(result.status != 0)
            #expect(result.stderr.contains(key), "\(yaml): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    private struct Output { let status: Int32; let stdout: String; let stderr: String }

    private func python(_ arguments: [String]) throws -> Output {
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
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                  stderr: String(decoding: errData, as: UTF8.self))
    }
}
