import Foundation
import Testing
import _TestSupport

/// `simulation.engine: reduced` end to end (docs/model.md §10): byte-identical output with 1 and 4
/// workers and across merged shards; the manifest names the engine (and a full-engine manifest
/// reads as before the key existed); a diverging run is reported as diverged, as the full engine
/// reports it; a setup the reduction does not cover is refused before any work.
struct ReducedEngineRunTests {
    static let config = """
        version: 1
        name: reduced-e2e
        model: {N: 100000, activation: relu, teacher_noise: 0.3}
        training: {method: sgd, learning_rate: 0.5, batch_size: 4, alpha_max: 0.5}
        theory: {enabled: false}
        simulation: {seeds: 3, seed: 17, test_samples: 100, engine: reduced}
        output: {alpha_points: 4, alpha_min: 0.05}
        sweep:
          training.method: [sgd, wn, bn]
          training.learning_rate: [0.5, 200.0]
        """

    let dir: URL

    init() throws {
        dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("reduced.yaml").path, atomically: true, encoding: .utf8)
    }

    @discardableResult
    func run(_ arguments: [String], expectSuccess: Bool = true) throws -> BNSimProcess.Outcome {
        let outcome = try BNSimProcess.run(arguments + (arguments[0] == "run" ? ["--quiet", "--no-plot"] : ["--no-plot"]), in: dir, timeout: 300)
        if expectSuccess { #expect(outcome.status == 0, "\(arguments): \(outcome)") }
        return outcome
    }

    func tree(_ name: String) throws -> [String: Data] { try DirectoryTree.files(dir.appendingPathComponent(name)) }

    @Test func workersAndShardsWriteTheSameBytesAndTheManifestNamesTheEngine() throws {
        try run(["run", "reduced.yaml", "--output", "threads1", "--threads", "1"])
        try run(["run", "reduced.yaml", "--output", "threads4", "--threads", "4"])
        let reference = try tree("threads1")
        #expect(reference["simulation.csv"] != nil && reference["manifest.yaml"] != nil)
        #expect(try tree("threads4") == reference)
        try run(["run", "reduced.yaml", "--output", "shard0", "--shard", "0/2", "--threads", "2"])
        try run(["run", "reduced.yaml", "--output", "shard1", "--shard", "1/2", "--threads", "1"])
        try run(["merge", "shard0", "shard1", "--output", "merged"])
        #expect(try tree("merged") == reference)

        let manifest = String(decoding: reference["manifest.yaml"]!, as: UTF8.self)
        #expect(manifest.components(separatedBy: "\n    simulation_engine: reduced\n").count - 1 == 6)
        #expect(manifest.contains("\n    engine: reduced\n"), "the effective config names the engine")
        // sgd at η = 200 blows up (wn and bn grow |w| instead): reported as diverged, never as NaN rows.
        #expect(manifest.components(separatedBy: "\n    simulation: diverged at alpha ").count - 1 == 1)
        let csv = String(decoding: reference["simulation.csv"]!, as: UTF8.self)
        #expect(!csv.contains("nan") && !csv.contains("NaN"))
    }

    /// With the default engine neither the manifest's runs nor its effective config mention it.
    @Test func fullEngineManifestDoesNotMentionTheEngine() throws {
        try run(["run", "reduced.yaml", "--output", "full", "--set", "simulation.engine=full", "--set", "model.N=200",
                 "--set", "sweep={}"])
        let manifest = try String(contentsOf: dir.appendingPathComponent("full/manifest.yaml"), encoding: .utf8)
        #expect(!manifest.contains("simulation_engine") && !manifest.contains("\n    engine:"), "\(manifest)")
    }

    /// A reduced replica holds O(M) numbers, so the memory check does not refuse N·M = 10¹¹ (the
    /// full engine's estimate, 800 GB per worker, would); the same run with the full engine is refused.
    @Test func memoryEstimateKnowsTheReducedReplicaIsSmall() throws {
        let huge = ["--set", "model.N=10000000", "--set", "training.batch_size=10000", "--set", "training.alpha_max=0.002",
                    "--set", "output.alphas=[0.001, 0.002]", "--set", "simulation.seeds=2", "--set", "sweep={}"]
        try run(["run", "reduced.yaml", "--output", "huge"] + huge)
        let full = try run(["run", "reduced.yaml", "--output", "huge-full", "--set", "simulation.engine=full"] + huge, expectSuccess: false)
        #expect(full.status == 1 && full.stderr.contains("memory"), "\(full)")
    }

    /// Two-layer networks (docs/model.md §9) on the reduced chain: the same bytes with 1 and 4
    /// workers and across merged shards, overlaps.csv and the empirical test error written, the
    /// theory started from the reduced replicas' measured overlaps; N < K + K* is refused.
    static let twoLayerConfig = """
        version: 1
        name: reduced-two-layer
        model: {N: 100000, activation: erf, teacher_units: 2, student_units: 3, teacher_noise: 0.1}
        training: {method: sgd, learning_rate: 0.5, batch_size: 4, alpha_max: 0.2, second_layer: {learn: true}}
        theory: {enabled: true, bn_variants: [population]}
        simulation: {seeds: 3, seed: 5, test_samples: 100, engine: reduced}
        output: {alpha_points: 3, alpha_min: 0.05}
        sweep:
          training.method: [sgd, wn, bn]
        """

    @Test func twoLayerWorkersAndShardsWriteTheSameBytes() throws {
        try Self.twoLayerConfig.write(toFile: dir.appendingPathComponent("two.yaml").path, atomically: true, encoding: .utf8)
        try run(["run", "two.yaml", "--output", "threads1", "--threads", "1"])
        try run(["run", "two.yaml", "--output", "threads4", "--threads", "4"])
        let reference = try tree("threads1")
        #expect(reference["simulation.csv"] != nil && reference["overlaps.csv"] != nil)
        #expect(try tree("threads4") == reference)
        try run(["run", "two.yaml", "--output", "shard0", "--shard", "0/2", "--threads", "2"])
        try run(["run", "two.yaml", "--output", "shard1", "--shard", "1/2", "--threads", "1"])
        try run(["merge", "shard0", "shard1", "--output", "merged"])
        #expect(try tree("merged") == reference)
        let manifest = String(decoding: reference["manifest.yaml"]!, as: UTF8.self)
        #expect(manifest.components(separatedBy: "\n    simulation_engine: reduced\n").count - 1 == 3)
        let simulation = String(decoding: reference["simulation.csv"]!, as: UTF8.self)
        #expect(!simulation.contains("nan") && !simulation.contains("NaN"))
        let header = simulation.split(separator: "\n")[0]
        #expect(header.contains("eg_test"), "the empirical test error is recorded: \(header)")
        let overlaps = String(decoding: reference["overlaps.csv"]!, as: UTF8.self)
        // Every replica's start (α = 0, measured on the reduced chain) and R of each student/teacher pair.
        #expect(overlaps.contains(",R,2,1,") && overlaps.contains(",v,2,0,"), "\(overlaps.prefix(400))")
    }

    @Test func twoLayerReducedEngineNeedsRoomForItsFrame() throws {
        try Self.twoLayerConfig.write(toFile: dir.appendingPathComponent("two.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try run(["run", "two.yaml", "--output", "refused", "--set", "model.N=4", "--set", "sweep={}"], expectSuccess: false)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(outcome.status != 0 && lines.count == 1 && lines[0].contains("simulation.engine") && lines[0].contains("N ≥ model.student_units + model.teacher_units = 5"),
                "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("refused").path))
        // N = K + K* is the smallest frame that fits; the run goes to the reduced chain (the full
        // engine, with its other random numbers, writes other values).
        let small = ["--set", "model.N=5", "--set", "sweep={}", "--set", "theory.enabled=false"]
        try run(["run", "two.yaml", "--output", "smallest"] + small)
        try run(["run", "two.yaml", "--output", "smallest-full", "--set", "simulation.engine=full"] + small)
        let reduced = try tree("smallest")["simulation.csv"], full = try tree("smallest-full")["simulation.csv"]
        #expect(reduced != nil && full != nil && reduced != full)
    }

    /// N = 1 has no plane of w* and w: refused with one line naming the key, and nothing written.
    @Test func reducedEngineIsRefusedWhereItDoesNotApply() throws {
        let outcome = try run(["run", "reduced.yaml", "--output", "refused", "--set", "model.N=1", "--set", "sweep={}"], expectSuccess: false)
        #expect(outcome.status != 0)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("simulation.engine") && lines[0].contains("N ≥ 2"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("refused").path))
    }
}
