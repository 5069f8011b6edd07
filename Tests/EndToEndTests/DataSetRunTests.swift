import Foundation
import Testing
import _TestSupport

/// Training on a data file end to end (docs/model.md §12): a small CSV the test writes, the new
/// columns in simulation.csv, the same bytes with 1 and 3 workers; a missing or malformed file and
/// the settings that do not apply to real data are refused before any output.
struct DataSetRunTests {
    let dir: URL

    init() throws {
        dir = try BNSimBinary.temporaryDirectory()
        // Two classes (labels 2 and 7) separated along the first of N = 6 features, label in column 1.
        var stream = UInt64(12345), lines = ["label,a,b,c,d,e,f"]
        func uniform() -> Double { stream = stream &* 6364136223846793005 &+ 1442695040888963407; return Double(stream >> 11) / 9007199254740992 }
        for k in 0..<300 {
            let label = k % 2 == 0 ? 2 : 7
            let features = (0..<6).map { j in (j == 0 ? (label == 2 ? 3.0 : -3.0) : 0) + 2 * (uniform() - 0.5) }
            lines.append(([String(label)] + features.map { String($0) }).joined(separator: ","))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir.appendingPathComponent("clouds.csv").path, atomically: true, encoding: .utf8)
    }

    func config(_ extra: String = "", path: String = "clouds.csv") -> String {
        """
        version: 1
        name: data-e2e
        model: {N: 6, activation: erf}
        training: {method: bn, learning_rate: 0.5, batch_size: 8, alpha_max: 100, learn_beta: true}
        theory: {enabled: false}
        simulation: {seeds: 3, test_samples: 0}
        output: {alphas: [1, 100]}
        data: {source: file, path: \(path), label_column: 1, task: binary, classes: [2, 7]}
        \(extra)
        """
    }

    func run(_ text: String, output: String, threads: Int = 1, set: [String] = []) throws -> BNSimBinary.Result {
        try text.write(toFile: dir.appendingPathComponent("c.yaml").path, atomically: true, encoding: .utf8)
        return try BNSimBinary.run(["run", "c.yaml", "--output", output, "--threads", String(threads), "--quiet", "--no-plot"]
                                   + set.flatMap { ["--set", $0] }, in: dir)
    }

    @Test func trainsOnTheFileWithTheNewColumnsAndTheSameBytesForAnyWorkers() throws {
        #expect(try run(config(), output: "one").status == 0)
        #expect(try run(config(), output: "three", threads: 3).status == 0)
        let one = try Data(contentsOf: dir.appendingPathComponent("one/simulation.csv"))
        #expect(one == (try Data(contentsOf: dir.appendingPathComponent("three/simulation.csv"))))
        let rows = try BNSimBinary.csvRows(dir.appendingPathComponent("one/simulation.csv"))
        let last = try #require(rows.first { $0["seed"] == "all" && $0["alpha"] == "100.0" })
        let error = try #require(Double(last["test_class_error"] ?? ""))
        #expect(error <= 0.05, "held-out classification error \(error)")
        #expect(Double(last["train_loss"] ?? "") != nil)
    }

    /// A two-layer student (K = 2, learned second layer) on the same file, online and offline: the
    /// same columns, held-out class error ≤ 5 % at α = 400, the same bytes (simulation.csv and overlaps.csv)
    /// with 1 and 3 workers.
    @Test(arguments: ["online", "offline"])
    func trainsATwoLayerNetworkOnTheFile(_ trainingProtocol: String) throws {
        let text = config().replacingOccurrences(of: "model: {N: 6, activation: erf}", with: "model: {N: 6, activation: erf, student_units: 2}")
            .replacingOccurrences(of: "learn_beta: true}", with: "learn_beta: true, protocol: \(trainingProtocol), second_layer: {learn: true, init: 0.5}}")
            .replacingOccurrences(of: "alpha_max: 100", with: "alpha_max: 400").replacingOccurrences(of: "alphas: [1, 100]", with: "alphas: [1, 400]")
        let one = try run(text, output: "k2-one-\(trainingProtocol)")
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try run(text, output: "k2-three-\(trainingProtocol)", threads: 3).status == 0)
        for file in ["simulation.csv", "overlaps.csv"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("k2-one-\(trainingProtocol)/\(file)"))
            #expect(a == (try Data(contentsOf: dir.appendingPathComponent("k2-three-\(trainingProtocol)/\(file)"))), "\(file)")
        }
        let rows = try BNSimBinary.csvRows(dir.appendingPathComponent("k2-one-\(trainingProtocol)/simulation.csv"))
        let last = try #require(rows.first { $0["seed"] == "all" && $0["alpha"] == "400.0" })
        let error = try #require(Double(last["test_class_error"] ?? ""))
        #expect(error <= 0.05, "held-out classification error \(error)")
        let first = try #require(rows.first { $0["seed"] == "all" })
        #expect(try #require(Double(last["train_loss"] ?? "")) < (try #require(Double(first["train_loss"] ?? ""))))
    }

    /// `data.task: teacher` with a two-layer teacher (K* = 2) labelling the file's rows: the held-out
    /// loss falls as the K = 2 student learns, and there are no class-error values.
    @Test func aTwoLayerTeacherLabelsTheFile() throws {
        let text = config().replacingOccurrences(of: "model: {N: 6, activation: erf}", with: "model: {N: 6, activation: erf, student_units: 2, teacher_units: 2}")
            .replacingOccurrences(of: "task: binary, classes: [2, 7]", with: "task: teacher")
            .replacingOccurrences(of: "method: bn, learning_rate: 0.5", with: "method: sgd, learning_rate: 1")
            .replacingOccurrences(of: "alpha_max: 100", with: "alpha_max: 400").replacingOccurrences(of: "alphas: [1, 100]", with: "alphas: [1, 400]")
        let result = try run(text, output: "k2-teacher")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try BNSimBinary.csvRows(dir.appendingPathComponent("k2-teacher/simulation.csv")).filter { $0["seed"] == "all" }
        #expect(rows.count == 2)
        let first = try #require(Double(rows.first?["eg_test"] ?? "")), last = try #require(Double(rows.last?["eg_test"] ?? ""))
        #expect(last < 0.5 * first, "held-out loss \(first) → \(last)")
        #expect(rows.allSatisfy { Double($0["train_loss"] ?? "") != nil && $0["test_class_error"] == "" })
    }

    @Test(arguments: [
        ("", "absent.csv", "bnsim: error: absent.csv: no such file"),
        ("", "bad.csv", "bnsim: error: bad.csv: line 3, field 2: 'x' is not a number"),
        ("", "short.csv", "bnsim: error: short.csv: has 2 values per sample, but model.N is 6; set model.N: 2"),
    ])
    func badFilesAreRefusedBeforeAnyOutput(_ extra: String, _ path: String, _ message: String) throws {
        try "a,b\n1,2\n1,x\n".write(toFile: dir.appendingPathComponent("bad.csv").path, atomically: true, encoding: .utf8)
        try "l,a,b\n2,1,2\n7,1,3\n2,0,1\n7,5,5\n2,1,1\n".write(toFile: dir.appendingPathComponent("short.csv").path, atomically: true, encoding: .utf8)
        let result = try run(config(extra, path: path), output: "out")
        #expect(result.status != 0)
        #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == message)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test(arguments: [
        ("simulation.engine=reduced", "simulation.engine", "does not apply to real data"),
        ("theory.enabled=true", "theory.enabled", "must be false when data.source is file"),
        ("model.activation=relu", "model.activation", "must be linear or erf when data.task is binary"),
    ])
    func settingsThatDoNotApplyToRealDataAreRefused(_ setting: String, _ key: String, _ phrase: String) throws {
        let result = try run(config(), output: "out", set: [setting])
        #expect(result.status != 0)
        #expect(result.stderr.contains(key) && result.stderr.contains(phrase), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }
}
