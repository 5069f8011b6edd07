import Foundation
import Testing
import _TestSupport

/// Numerical edge cases: learning rates far above the stability limit, tiny and
/// huge N, a tiny α_max, M = 2, no and huge label noise, r₀ = ±1, γ₀ = 0, extreme Q₀. Every run of
/// sgd, wn and bn must end as `completed` or `diverged at alpha <α>` — in the theory and in the
/// simulation — with no NaN or infinite cell anywhere, and the command must succeed.
struct NumericalEdgeCaseTests {
    static let base = """
        version: 1
        name: edge-e2e
        model: {N: 200, activation: relu, teacher_noise: 0.0}
        training: {method: sgd, learning_rate: 0.5, batch_size: 4, alpha_max: 3}
        theory: {bn_variants: [exact, pn, loss]}
        simulation: {seeds: 2, seed: 3, test_samples: 50}
        output: {alpha_points: 5, alpha_min: 0.1}
        sweep:
          training.method: [sgd, wn, bn]
        """

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let overrides: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "η = 1000, far above η_max", overrides: ["training.learning_rate=1000"]),
        Case(name: "η = 1e300", overrides: ["training.learning_rate=1e300"]),
        Case(name: "N = 1", overrides: ["model.N=1"]),
        Case(name: "N = 2", overrides: ["model.N=2"]),
        Case(name: "N = 100000", overrides: ["model.N=100000", "training.alpha_max=0.004", "output.alpha_min=0.001", "simulation.seeds=1",
                                              "simulation.test_samples=0", "output.alpha_points=2"]),
        Case(name: "α_max = 1e-9", overrides: ["training.alpha_max=1e-9", "output.alpha_min=1e-10"]),
        Case(name: "M = 2 (bn simulation only)", overrides: ["training.batch_size=2", "theory.enabled=false"]),
        Case(name: "M = 2, sgd and wn", overrides: ["training.batch_size=2", "sweep.training.method=[sgd, wn]"]),
        Case(name: "σ = 0", overrides: ["model.teacher_noise=0"]),
        Case(name: "σ = 1000", overrides: ["model.teacher_noise=1000"]),
        Case(name: "r₀ = 1", overrides: ["training.init.r=1"]),
        Case(name: "r₀ = -1", overrides: ["training.init.r=-1"]),
        Case(name: "γ₀ = 0", overrides: ["training.init.gamma=0"]),
        Case(name: "Q₀ = 1e-12", overrides: ["training.init.Q=1e-12"]),
        Case(name: "Q₀ above divergence_Q", overrides: ["training.init.Q=1e12"]),
    ]

    @Test(arguments: cases)
    func everyRunCompletesOrDivergesWithoutNaN(_ c: Case) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.base.write(toFile: dir.appendingPathComponent("edge.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["run", "edge.yaml", "--output", "out", "--quiet", "--no-plot", "--threads", "2"]
                                           + c.overrides.flatMap { ["--set", $0] }, in: dir, timeout: 300)
        #expect(outcome.status == 0, "\(outcome)")
        let out = dir.appendingPathComponent("out")
        for (name, data) in try DirectoryTree.files(out) where name.hasSuffix(".csv") {
            let cells = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "," || $0 == "\n" })
            #expect(!cells.contains { ["nan", "-nan", "inf", "-inf"].contains($0.lowercased()) }, "\(name) has a non-finite cell")
        }
        let outcomes = try Self.outcomes(out.appendingPathComponent("manifest.yaml"))
        #expect(!outcomes.isEmpty)
        for (run, engine, text) in outcomes {
            let ok = text == "completed" || (text.hasPrefix("diverged at alpha ") && Double(text.dropFirst(18)).map(\.isFinite) == true)
            #expect(ok, "\(run) \(engine): \(text)")
        }
        // Each engine of each run ran: the theory (where enabled) and the simulation.
        let engines = Set(outcomes.map(\.engine))
        #expect(engines.contains("simulation"))
        if !c.overrides.contains("theory.enabled=false") { #expect(engines.contains("theory_exact")) }
    }

    /// Far above the stability limit plain SGD blows up in both engines and is reported so.
    @Test func sgdFarAboveEtaMaxDivergesInTheoryAndSimulation() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.base.write(toFile: dir.appendingPathComponent("edge.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["run", "edge.yaml", "--output", "out", "--quiet", "--no-plot", "--set", "training.learning_rate=40",
                                            "--set", "sweep.training.method=[sgd]"], in: dir, timeout: 300)
        #expect(outcome.status == 0, "\(outcome)")
        let outcomes = try Self.outcomes(dir.appendingPathComponent("out/manifest.yaml"))
        #expect(outcomes.map(\.engine).sorted() == ["simulation", "theory_exact"])
        #expect(outcomes.allSatisfy { $0.outcome.hasPrefix("diverged at alpha ") }, "\(outcomes)")
        #expect(outcome.stdout.contains("theory exact: DIVERGED at α="))
        #expect(outcome.stdout.contains("DIVERGED at α=") && outcome.stdout.contains("(2 of 2 seeds)"))
    }

    /// A run that diverges before the first α of the grid has no rows, only its outcome in the
    /// manifest and the printed summary (results/README.md).
    @Test func aRunDivergingBeforeTheFirstAlphaHasNoRowsButAnOutcome() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.base.write(toFile: dir.appendingPathComponent("edge.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["run", "edge.yaml", "--output", "out", "--quiet", "--no-plot", "--set", "training.init.Q=1e12",
                                            "--set", "sweep.training.method=[sgd]"], in: dir, timeout: 300)
        #expect(outcome.status == 0, "\(outcome)")
        let out = dir.appendingPathComponent("out")
        for table in ["theory.csv", "simulation.csv"] {
            let rows = try BNSimBinary.csvRows(out.appendingPathComponent(table))
            #expect(rows.isEmpty, "\(table) has \(rows.count) rows")
        }
        let outcomes = try Self.outcomes(out.appendingPathComponent("manifest.yaml"))
        #expect(outcomes.count == 2 && outcomes.allSatisfy { $0.outcome.hasPrefix("diverged at alpha ") }, "\(outcomes)")
        #expect(outcomes.contains { $0.engine == "theory_exact" && $0.outcome == "diverged at alpha 0.0" }, "\(outcomes)")
        #expect(outcome.stdout.contains("theory exact: DIVERGED at α=0"), "\(outcome.stdout)")
    }

    /// bn at M = 2 has no theory (docs/model.md §2): asked for one, bnsim refuses before any work, in one line.
    @Test func bnTheoryBelowM4IsRefusedInOneLine() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.base.write(toFile: dir.appendingPathComponent("edge.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["run", "edge.yaml", "--output", "out", "--quiet", "--set", "training.batch_size=2"], in: dir)
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.hasPrefix("bnsim: error: edge.yaml: no exact theory for method bn"), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    /// (run id, engine, outcome) for every engine line of the manifest's runs.
    static func outcomes(_ manifest: URL) throws -> [(run: String, engine: String, outcome: String)] {
        var found: [(String, String, String)] = []
        var run = ""
        for line in try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("effective_config:") { break }
            if text.hasPrefix("- id: ") { run = String(text.dropFirst(6)); continue }
            guard line.hasPrefix("    "), let colon = text.firstIndex(of: ":") else { continue }
            let key = String(text[..<colon])
            if key == "simulation" || key.hasPrefix("theory_") {
                found.append((run, key, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return found
    }
}
