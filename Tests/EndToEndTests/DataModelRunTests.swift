import Foundation
import Testing
import _TestSupport

/// docs/model.md §8 through the binary: the data-model keys at 0 change no byte of the
/// simulation; noisy and kurtotic inputs run in the simulation for every method; bn with
/// kurtosis gets bn-loss's refusal, with its way out, or runs bn-exact, bn-pn and the simulation.
struct DataModelRunTests {
    static let base = """
        version: 1
        name: data-model-e2e
        model: {N: 120, activation: relu, teacher_noise: 0.3MODEL}
        training: {method: sgd, learning_rate: 1.0, batch_size: 4, alpha_max: 2}
        theory: {enabled: false}
        simulation: {enabled: true, seeds: 3, test_samples: 100}
        output: {alpha_points: 5, alpha_spacing: log, alpha_min: 0.2}
        sweep:
          training.method: [sgd, wn, bn]

        """

    static func run(_ yaml: String, in dir: URL, _ name: String) throws -> (BNSimBinary.Result, URL) {
        let config = dir.appendingPathComponent("\(name).yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent(name)
        return (try BNSimBinary.run(["run", config.path, "--output", out.path, "--quiet"]), out)
    }

    @Test func keysAtZeroGiveTheSameBytes() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let (plain, plainOut) = try Self.run(Self.base.replacingOccurrences(of: "MODEL", with: ""), in: dir, "plain")
        let (zero, zeroOut) = try Self.run(Self.base.replacingOccurrences(of: "MODEL", with: ", input_noise: 0.0, input_kurtosis: 0"),
                                           in: dir, "zero")
        #expect(plain.status == 0 && zero.status == 0, "\(plain.stderr)\(zero.stderr)")
        let a = try Data(contentsOf: plainOut.appendingPathComponent("simulation.csv"))
        let b = try Data(contentsOf: zeroOut.appendingPathComponent("simulation.csv"))
        #expect(!a.isEmpty && a == b, "simulation.csv differs with model.input_noise/input_kurtosis written as 0")
    }

    @Test func noisyAndKurtoticInputsRunForEveryMethod() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let (result, out) = try Self.run(Self.base.replacingOccurrences(of: "MODEL", with: ", input_noise: 0.5, input_kurtosis: 3"),
                                         in: dir, "model")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try BNSimBinary.csvRows(out.appendingPathComponent("simulation.csv"))
        #expect(!rows.isEmpty)
        for row in rows {
            for key in ["Q", "R", "eg", "eg_test"] { #expect(row[key].flatMap(Double.init)?.isFinite == true, "\(key) = \(row[key] ?? "missing")") }
        }
    }

    @Test func bnWithKurtosisGetsBNLossRefusalOrRunsExactAndPN() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let bn = Self.base.replacingOccurrences(of: "MODEL", with: ", input_kurtosis: 1")
            .replacingOccurrences(of: "training.method: [sgd, wn, bn]", with: "training.batch_size: [8]")
            .replacingOccurrences(of: "method: sgd", with: "method: bn")
        let (refused, refusedOut) = try Self.run(bn.replacingOccurrences(of: "theory: {enabled: false}", with: "theory: {enabled: true}"),
                                                 in: dir, "refused")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("input_kurtosis") && refused.stderr.contains("bn_variants: [exact, pn]")
                && refused.stderr.contains("theory.enabled: false"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: refusedOut.appendingPathComponent("simulation.csv").path))
        let (pn, pnOut) = try Self.run(bn.replacingOccurrences(of: "theory: {enabled: false}", with: "theory: {enabled: true, bn_variants: [exact, pn]}"),
                                       in: dir, "pn")
        #expect(pn.status == 0, "\(pn.stderr)")
        #expect(FileManager.default.fileExists(atPath: pnOut.appendingPathComponent("simulation.csv").path))
        #expect(FileManager.default.fileExists(atPath: pnOut.appendingPathComponent("theory.csv").path))
    }
}
