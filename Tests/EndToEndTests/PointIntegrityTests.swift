import Foundation
import Testing
import _TestSupport

/// End-to-end: a stored point is reused or merged only when its files match its `checksums`; a
/// truncated, deleted or unverifiable point is recomputed on resume and refused by merge.
struct PointIntegrityTests {
    /// 4 points (2 learning rates × 2 initial overlaps), theory and simulation.
    static let config = """
        version: 1
        name: integrity-e2e
        model: {N: 100, activation: relu}
        training: {method: sgd, learning_rate: 0.5, alpha_max: 2}
        simulation: {seeds: 2, seed: 5, test_samples: 100}
        output: {alpha_points: 4, alpha_min: 0.5}
        sweep:
          training.learning_rate: [0.5, 0.8]
          training.init.r: [0.0, 0.3]
        """
    static let combinedFiles = ["theory.csv", "simulation.csv", "comparison.csv", "manifest.yaml"]

    let dir: URL
    let configPath: String

    init() throws {
        dir = try BNSimBinary.temporaryDirectory()
        configPath = dir.appendingPathComponent("integrity.yaml").path
        try Self.config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func bnsim(_ arguments: [String]) throws -> BNSimBinary.Result { try BNSimBinary.run(arguments, in: dir) }

    @discardableResult
    func run(_ name: String, _ extra: [String] = []) throws -> BNSimBinary.Result {
        try bnsim(["run", configPath, "--output", path(name), "--quiet", "--no-plot"] + extra)
    }

    func pointIDs(_ name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(name) + "/points").filter { $0.hasPrefix("run-") }.sorted()
    }

    func combined(_ name: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for file in Self.combinedFiles { out[file] = try Data(contentsOf: URL(fileURLWithPath: path(name) + "/" + file)) }
        return out
    }

    /// Cuts `file` of a point to its first half.
    func truncate(_ file: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: file))
    }

    @Test func casesGivingTheSameRunWriteItsRowsOnce() throws {
        let duplicated = configPath + ".cases.yaml"
        try (Self.config + "\n  cases:\n    - {model.activation: relu}\n    - {training.gamma_decay: 0.0}\n")
            .write(toFile: duplicated, atomically: true, encoding: .utf8)
        let result = try bnsim(["run", duplicated, "--output", path("cases"), "--quiet", "--no-plot"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: \(duplicated): sweep.cases[1] gives the same runs as sweep.cases[0]"), "\(result.stderr)")
        #expect(try pointIDs("cases").count == 4)
        let lines = try String(contentsOfFile: path("cases/theory.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + 4 * 4, "4 runs of 4 α, each once")
        #expect(Set(lines).count == lines.count)
    }

    /// Points computed by code with other numerics (another `numerics_version` in the record) are
    /// not mixed with new ones: a resume refuses, naming both versions, unless --force.
    @Test func aResumeRefusesPointsOfOtherNumericsUnlessForced() throws {
        #expect(try run("out").status == 0)
        let record = path("out/points/sweep.yaml")
        let text = try String(contentsOfFile: record, encoding: .utf8)
        #expect(text.contains("\nnumerics_version: 1\n"), "\(text)")
        try text.replacingOccurrences(of: "\nnumerics_version: 1\n", with: "\nnumerics_version: 7\n")
            .write(toFile: record, atomically: true, encoding: .utf8)
        let refused = try run("out")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("numerics version 7, this bnsim computes numerics version 1") && refused.stderr.contains("--force"),
                "\(refused.stderr)")
        let forced = try run("out", ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: record, encoding: .utf8).contains("\nnumerics_version: 1\n"))
    }

    /// merge names both shards' numerics versions, and does not mix points of other numerics
    /// already in its output with the shards'.
    @Test func mergeRefusesShardsOrAnOutputOfOtherNumerics() throws {
        #expect(try run("shard0", ["--shard", "0/2"]).status == 0)
        #expect(try run("shard1", ["--shard", "1/2"]).status == 0)
        func setNumerics(_ name: String, _ version: Int) throws {
            let record = path("\(name)/points/sweep.yaml")
            let text = try String(contentsOfFile: record, encoding: .utf8)
            try text.replacingOccurrences(of: "\nnumerics_version: 1\n", with: "\nnumerics_version: \(version)\n")
                .write(toFile: record, atomically: true, encoding: .utf8)
        }
        try setNumerics("shard1", 7)
        let mixed = try bnsim(["merge", path("shard0"), path("shard1"), "--output", path("merged"), "--no-plot"])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("\(path("shard1")) holds points of numerics version 7, \(path("shard0")) of numerics version 1"), "\(mixed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("merged")))

        try setNumerics("shard0", 7)
        #expect(try run("old", ["--shard", "0/2"]).status == 0)
        let into = try bnsim(["merge", path("shard0"), path("shard1"), "--output", path("old"), "--no-plot"])
        #expect(into.status == 1)
        #expect(into.stderr.contains("computed with numerics version 1, the shards with numerics version 7") && into.stderr.contains("--force"),
                "\(into.stderr)")
        let forced = try bnsim(["merge", path("shard0"), path("shard1"), "--output", path("old"), "--no-plot", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: path("old/points/sweep.yaml"), encoding: .utf8).contains("\nnumerics_version: 7\n"))
    }

    @Test func everyPointCarriesChecksumsOfItsFiles() throws {
        #expect(try run("out").status == 0)
        for id in try pointIDs("out") {
            let text = try String(contentsOfFile: path("out/points/\(id)/checksums"), encoding: .utf8)
            for file in ["theory.csv", "simulation.csv", "comparison.csv", "manifest-entry.yaml", "summary.txt"] {
                #expect(text.contains("\n\(file) "), "\(id): \(file) not in checksums:\n\(text)")
            }
        }
    }

    @Test func resumeRecomputesATruncatedDeletedOrUnverifiedPoint() throws {
        #expect(try run("reference").status == 0)
        #expect(try run("damaged").status == 0)
        let ids = try pointIDs("damaged")
        try truncate(path("damaged/points/\(ids[0])/simulation.csv"))
        try FileManager.default.removeItem(atPath: path("damaged/points/\(ids[1])/theory.csv"))
        try FileManager.default.removeItem(atPath: path("damaged/points/\(ids[2])/checksums"))
        let resumed = try run("damaged")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("point \(ids[0]) is damaged (simulation.csv: "), "\(resumed.stderr)")
        #expect(resumed.stderr.contains("point \(ids[1]) is damaged (theory.csv: missing); recomputing"), "\(resumed.stderr)")
        #expect(resumed.stderr.contains("point \(ids[2]) is damaged (it has no checksums file"), "\(resumed.stderr)")
        #expect(resumed.stdout.contains("1 of 4 points reused"), "\(resumed.stdout)")
        #expect(try combined("damaged") == combined("reference"))
    }

    /// The checksums vouch only for the files they list; the run's manifest entry says which
    /// tables it must have, so a table deleted together with its checksum line is still noticed.
    @Test func aTableDeletedWithItsChecksumLineIsNoticed() throws {
        #expect(try run("reference").status == 0)
        #expect(try run("damaged").status == 0)
        let id = try pointIDs("damaged")[0]
        try FileManager.default.removeItem(atPath: path("damaged/points/\(id)/theory.csv"))
        let checksums = path("damaged/points/\(id)/checksums")
        let kept = try String(contentsOfFile: checksums, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("theory.csv ") }
        try (kept.joined(separator: "\n") + "\n").write(toFile: checksums, atomically: true, encoding: .utf8)

        let merged = try bnsim(["merge", path("damaged"), "--output", path("merged"), "--no-plot"])
        #expect(merged.status != 0)
        #expect(merged.stderr.contains("point \(id)") && merged.stderr.contains("theory.csv: missing, though the run's manifest entry reports"),
                "\(merged.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("merged")))

        let resumed = try run("damaged")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("point \(id) is damaged (theory.csv: missing"), "\(resumed.stderr)")
        #expect(try combined("damaged") == combined("reference"))
    }

    @Test func mergeRefusesADamagedPointNamingItAndTheFile() throws {
        #expect(try run("shard0", ["--shard", "0/2"]).status == 0)
        #expect(try run("shard1", ["--shard", "1/2"]).status == 0)
        let id = try pointIDs("shard1")[0]
        try truncate(path("shard1/points/\(id)/simulation.csv"))
        let merged = try bnsim(["merge", path("shard0"), path("shard1"), "--output", path("merged"), "--no-plot"])
        #expect(merged.status != 0)
        #expect(merged.stderr.contains("point \(id)") && merged.stderr.contains("simulation.csv: "), "\(merged.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("merged")))

        try FileManager.default.removeItem(atPath: path("shard1/points/\(id)/checksums"))
        let unverified = try bnsim(["merge", path("shard0"), path("shard1"), "--output", path("merged"), "--no-plot"])
        #expect(unverified.status != 0)
        #expect(unverified.stderr.contains("point \(id)") && unverified.stderr.contains("no checksums file"), "\(unverified.stderr)")
    }
}
