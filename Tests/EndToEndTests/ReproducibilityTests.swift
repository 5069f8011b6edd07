import Foundation
import Testing
import _TestSupport

/// Reproducibility: the same config gives the same bytes — every file, points
/// included — with 1, 2 or 4 workers and split into shards; and the manifest alone is enough to
/// reproduce a run: its effective config, run again, gives the same tables.
struct ReproducibilityTests {
    /// sgd, wn and bn (theory variants exact and pn), one diverging run, label noise.
    static let config = """
        version: 1
        name: repro-e2e
        model: {N: 150, activation: relu, teacher_noise: 0.3}
        training: {method: sgd, learning_rate: 0.5, batch_size: 4, alpha_max: 3}
        theory: {bn_variants: [exact, pn]}
        simulation: {seeds: 3, seed: 17, test_samples: 100}
        output: {alpha_points: 6, alpha_min: 0.1}
        sweep:
          training.method: [sgd, wn, bn]
          training.learning_rate: [0.5, 20.0]
        """
    static let tables = ["theory.csv", "simulation.csv", "comparison.csv"]

    let dir: URL

    init() throws {
        dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("repro.yaml").path, atomically: true, encoding: .utf8)
    }

    func run(_ arguments: [String]) throws -> BNSimProcess.Outcome {
        let outcome = try BNSimProcess.run(arguments + (arguments[0] == "run" ? ["--quiet", "--no-plot"] : ["--no-plot"]), in: dir, timeout: 300)
        #expect(outcome.status == 0, "\(arguments): \(outcome)")
        return outcome
    }

    func tree(_ name: String) throws -> [String: Data] { try DirectoryTree.files(dir.appendingPathComponent(name)) }

    @Test func oneTwoAndFourWorkersAndShardsWriteTheSameBytes() throws {
        for threads in [1, 2, 4] { _ = try run(["run", "repro.yaml", "--output", "threads\(threads)", "--threads", "\(threads)"]) }
        let reference = try tree("threads1")
        #expect(reference.keys.filter { $0.hasPrefix("points/run-") && $0.hasSuffix("manifest-entry.yaml") }.count == 6)
        for file in Self.tables + ["manifest.yaml"] { #expect(reference[file] != nil, "no \(file)") }
        #expect(try tree("threads2") == reference)
        #expect(try tree("threads4") == reference)
        // Two shards on different worker counts, merged.
        _ = try run(["run", "repro.yaml", "--output", "shard0", "--shard", "0/2", "--threads", "1"])
        _ = try run(["run", "repro.yaml", "--output", "shard1", "--shard", "1/2", "--threads", "4"])
        _ = try run(["merge", "shard0", "shard1", "--output", "merged"])
        #expect(try tree("merged") == reference)
        // And again, the same bytes.
        _ = try run(["run", "repro.yaml", "--output", "again", "--threads", "2"])
        #expect(try tree("again") == reference)
    }

    /// The manifest names the bnsim version and build, the config file and overrides, each run's
    /// replica seeds, and the effective config; running that effective config reproduces the tables.
    @Test func theManifestIsEnoughToReproduceTheRun() throws {
        _ = try run(["run", "repro.yaml", "--output", "original", "--set", "simulation.seed=23", "--set", "model.teacher_noise=0.2"])
        let manifest = try String(contentsOf: dir.appendingPathComponent("original/manifest.yaml"), encoding: .utf8)
        for line in ["bnsim_version: ", "build:", "  configuration: release", "  swift_compiler: ", "  platform: ", "  simulation_flags: ",
                     "config_file: \"repro.yaml\"", "overrides: [\"simulation.seed=23\", \"model.teacher_noise=0.2\"]",
                     "    replica_seeds: [", "effective_config: |"] {
            #expect(manifest.contains("\n" + line), "manifest lacks \(line)")
        }
        #expect(manifest.components(separatedBy: "replica_seeds: [").count - 1 == 6)
        // The flags the manifest reports are the ones Package.swift gives the simulation kernels.
        let package = try String(contentsOf: ConfigMutator.repositoryRoot(from: #filePath).appendingPathComponent("Package.swift"), encoding: .utf8)
        let flags = manifest.split(separator: "\n").first { $0.hasPrefix("  simulation_flags: ") }.map { String($0.dropFirst(20)) } ?? ""
        for flag in flags.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ") {
            #expect(package.contains("\"\(flag)\""), "the manifest reports \(flag), which Package.swift does not set")
        }
        // Replay: the effective config as a file of its own, with no overrides.
        guard let start = manifest.range(of: "\neffective_config: |\n") else { Issue.record("no effective config"); return }
        let effective = manifest[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : String($0) }.joined(separator: "\n")
        try effective.write(toFile: dir.appendingPathComponent("replay.yaml").path, atomically: true, encoding: .utf8)
        _ = try run(["run", "replay.yaml", "--output", "replayed"])
        let original = try tree("original"), replayed = try tree("replayed")
        for table in Self.tables { #expect(replayed[table] == original[table] && original[table] != nil, "\(table) differs") }
    }
}
