import Config
import Experiment
import Foundation
import Output
import Testing

/// Pins `numericsVersion` to the numbers: a short seeded sweep's theory and simulation tables
/// must hash to `numericsFingerprint`. If this test fails because you changed the numbers on
/// purpose, bump `numericsVersion` and update `numericsFingerprint` (Sources/Output/NumericsVersion.swift),
/// so that a resume refuses the points of the old code instead of mixing them with new ones.
struct NumericsVersionTests {
    static let yaml = """
        version: 1
        name: numerics-fingerprint
        model: {N: 50, activation: relu, teacher_noise: 0.1}
        training: {method: sgd, learning_rate: 0.5, batch_size: 4, alpha_max: 1}
        simulation: {seeds: 2, seed: 3, test_samples: 50}
        output: {alpha_points: 3, alpha_min: 0.25}
        theory: {bn_variants: [exact, pn]}
        sweep:
          training.method: [sgd, bn]
        """

    @Test func aShortSeededSweepHasTheRecordedFingerprint() throws {
        let loaded = try ConfigLoader.load(yaml: Self.yaml, file: "numerics.yaml")
        let results = try ExperimentRunner(loaded: loaded, threads: 2).run(quiet: true)
        var text = ""
        for result in results {
            let point = PointFiles(result, sweepKeys: loaded.base.sweep.sweptKeyPaths)
            text += (point.theory ?? "") + (point.simulation ?? "")
        }
        #expect(text.split(separator: "\n").count > 20, "the tables have rows")
        let fingerprint = PointChecksums.hex(PointChecksums.hash(Data(text.utf8)))
        #expect(fingerprint == numericsFingerprint,
                "the numbers changed: if on purpose, bump numericsVersion (now \(numericsVersion)) and set numericsFingerprint = \"\(fingerprint)\"")
    }
}
