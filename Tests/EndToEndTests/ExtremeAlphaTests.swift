import Foundation
import Testing
import _TestSupport

/// α values whose step count α·N/M does not fit an Int (or whose grid ratio overflows) get the
/// one-line config error with the key path and exit 1 — from every command that converts the α
/// grid to steps — never a trap.
struct ExtremeAlphaTests {
    static let config = """
        version: 1
        name: extreme-alpha
        model: {N: 200, activation: relu}
        training: {method: bn, learning_rate: 0.5, batch_size: 4, alpha_max: 2}
        theory: {bn_variants: [exact]}
        simulation: {seeds: 1, seed: 3, test_samples: 50}
        output: {alpha_points: 4, alpha_min: 0.1}
        lr_search: {eta_min: 0.5, eta_max: 2, grid_points: 3, bracket_rel_tol: 0.5, simulation: false}
        """

    struct Case: Sendable, CustomTestStringConvertible {
        let command: String
        let overrides: [String]
        var testDescription: String { "\(command) \(overrides.joined(separator: " "))" }
    }

    static let cases: [Case] = ["run", "jitter", "lr-max"].flatMap { command in [
        Case(command: command, overrides: ["training.alpha_max=1e17"]),
        Case(command: command, overrides: ["training.alpha_max=1e300", "output.alphas=[1e300]"]),
    ] }

    @Test(arguments: cases)
    func refusedWithTheKeyPath(_ c: Case) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("c.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run([c.command, "c.yaml", "--output", "out", "--quiet"] + c.overrides.flatMap { ["--set", $0] },
                                           in: dir, timeout: 120)
        #expect(outcome.signal == nil && outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("training.alpha_max") && outcome.stderr.contains("steps"), "\(outcome)")
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    /// α_min = 5e-324 overflows α_max/α_min; the grid is then spaced in log α and the run works.
    @Test func smallestAlphaMinRuns() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("c.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["run", "c.yaml", "--output", "out", "--quiet", "--no-plot", "--set", "output.alpha_min=5e-324"],
                                           in: dir, timeout: 120)
        #expect(outcome.status == 0, "\(outcome)")
        let theory = try String(contentsOf: dir.appendingPathComponent("out/theory.csv"), encoding: .utf8)
        #expect(!theory.lowercased().contains("nan") && !theory.lowercased().contains("inf"))
    }
}
