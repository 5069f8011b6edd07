import Foundation
import Testing
import _TestSupport

/// docs/model.md §9 through the binary: a two-layer run writes overlaps.csv with every matrix
/// entry per engine, seed and α; a single-unit run writes none; bn `exact` is refused for K > 1
/// with the reason and the way out.
struct CommitteeRunTests {
    static func run(_ yaml: String, _ name: String) throws -> (BNSimBinary.Result, URL) {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("\(name).yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent(name)
        return (try BNSimBinary.run(["run", config.path, "--output", out.path, "--quiet"]), out)
    }

    @Test func twoLayerRunWritesOverlaps() throws {
        let (result, out) = try Self.run("""
            name: committee-e2e
            model: {N: 200, activation: erf, teacher_units: 2, student_units: 3}
            training: {method: wn, learning_rate: 0.5, alpha_max: 2, second_layer: {learn: true, init: 0.5}}
            simulation: {seeds: 2, test_samples: 50}
            output: {alpha_points: 3}
            """, "committee")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: out.appendingPathComponent("overlaps.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "run_id,engine,variant,seed,alpha,matrix,i,j,value")
        // Per state: 6 Q (i ≤ j), 6 R, 3 each of v, gamma, beta, specialization = 24 rows;
        // 3 α × (2 theory seeds + 2 simulation seeds).
        #expect(lines.count - 1 == 24 * 3 * 4, "\(lines.count - 1) rows")
        #expect(lines.contains { $0.hasPrefix("run-") && $0.contains(",simulation,,1,") && $0.contains(",R,2,1,") })
        #expect(lines.contains { $0.contains(",theory,exact,0,") && $0.contains(",v,2,0,") })
    }

    @Test func singleUnitRunWritesNoOverlaps() throws {
        let (result, out) = try Self.run("""
            name: single-e2e
            model: {N: 100}
            training: {alpha_max: 1}
            simulation: {seeds: 2, test_samples: 0}
            output: {alpha_points: 2}
            """, "single")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("overlaps.csv").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("theory.csv").path))
    }

    @Test func bnExactIsRefusedForTwoLayers() throws {
        let (result, out) = try Self.run("""
            name: bn-exact-e2e
            model: {N: 100, student_units: 2, teacher_units: 2}
            training: {method: bn, batch_size: 8, alpha_max: 1}
            theory: {bn_variants: [exact]}
            """, "bnexact")
        #expect(result.status != 0)
        #expect(result.stderr.contains("the simulation is the reference"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("theory.csv").path))
    }

    /// Settings the two-layer theory does not cover: with theory enabled `bnsim run` refuses with one
    /// line saying the simulation is the reference, and writes nothing; the simulation alone runs.
    @Test(arguments: [
        "model: {N: 100, student_units: 2, input_noise: 0.5}\ntraining: {method: bn, batch_size: 8, alpha_max: 1}",
        "model: {N: 100, student_units: 2, input_kurtosis: 1}\ntraining: {method: bn, batch_size: 8, alpha_max: 1}",
        "model: {N: 100, student_units: 2}\ntraining: {method: bn, batch_size: 8, alpha_max: 1, learn_beta: true}",
        "model: {N: 100, student_units: 2}\ntraining: {method: bn, batch_size: 8, alpha_max: 1, init: {beta: 0.3}}",
    ])
    func settingsOutsideTheTheoryRunTheSimulationAlone(_ modelAndTraining: String) throws {
        let base = "name: outside\n\(modelAndTraining)\nsimulation: {seeds: 2, test_samples: 20}\noutput: {alpha_points: 2}\n"
        let (refused, out) = try Self.run(base + "theory: {bn_variants: [pn]}\n", "outside")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("the simulation is the reference"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("simulation.csv").path))
        let (result, ran) = try Self.run(base + "theory: {enabled: false}\n", "alone")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try BNSimBinary.csvRows(ran.appendingPathComponent("simulation.csv"))
        #expect(!rows.isEmpty && rows.allSatisfy { Double($0["eg_test"] ?? "") ?? .nan > 0 }, "\(rows)")
    }

    /// Commands that study one unit refuse a two-layer config instead of silently running K = 1.
    @Test(arguments: ["zeta", "jitter"])
    func singleUnitCommandsRefuseTwoLayers(_ command: String) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("two.yaml")
        try "name: two\nmodel: {N: 100, student_units: 2}\ntraining: {method: bn, batch_size: 8}\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try BNSimBinary.run([command, config.path, "--output", dir.appendingPathComponent("out").path, "--quiet"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is a two-layer network"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
