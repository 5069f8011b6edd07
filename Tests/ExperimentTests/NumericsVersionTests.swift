import Config
import Experiment
import Foundation
import Output
import Testing

/// Pins `numericsVersion` to the numbers: a short seeded sweep's theory, simulation and overlap
/// tables — every method, activation, engine, data model, a two-layer network and a finite
/// training set — must hash to `numericsFingerprint`. If this test fails because you changed the numbers on
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
          cases:
            - {training.method: sgd}
            - {training.method: bn}
            - {training.method: wn, model.activation: erf}
            - {training.method: sgd, model.activation: linear, training.weight_decay: 0.1}
            - {training.method: bn, simulation.engine: reduced}
            - {training.method: wn, model.input_noise: 0.3}
            - {training.method: sgd, model.input_kurtosis: 1}
            - {training.method: sgd, model.activation: erf, model.student_units: 2, model.teacher_units: 2}
            - {training.method: bn, model.student_units: 2, theory.enabled: false}
        """

    /// Finite training sets (not sweepable with the rest: the protocol is not a sweep key).
    static let offlineYAML = """
        version: 1
        name: numerics-fingerprint-offline
        model: {N: 20, activation: relu}
        training: {method: bn, protocol: offline, samples_per_dimension: 2, learning_rate: 0.5, batch_size: 8, alpha_max: 4}
        theory: {enabled: false}
        simulation: {seeds: 2, seed: 3, test_samples: 50}
        output: {alpha_points: 3, alpha_min: 1}
        """

    @Test func aShortSeededSweepHasTheRecordedFingerprint() throws {
        var text = ""
        for (yaml, runs) in [(Self.yaml, 9), (Self.offlineYAML, 1)] {
            let loaded = try ConfigLoader.load(yaml: yaml, file: "numerics.yaml")
            let results = try ExperimentRunner(loaded: loaded, threads: 2).run(quiet: true)
            #expect(results.count == runs)
            for result in results {
                let point = PointFiles(result, sweepKeys: loaded.base.sweep.sweptKeyPaths)
                #expect(point.simulation != nil, "\(result.spec.id) has a simulation")
                text += (point.theory ?? "") + (point.simulation ?? "") + (point.overlaps ?? "")
            }
        }
        #expect(text.split(separator: "\n").count > 100, "the tables have rows")
        let fingerprint = PointChecksums.hex(PointChecksums.hash(Data(text.utf8)))
        #expect(fingerprint == numericsFingerprint,
                "the numbers changed: if on purpose, bump numericsVersion (now \(numericsVersion)) and set numericsFingerprint = \"\(fingerprint)\"")
    }
}
