import Foundation
import Testing
import _TestSupport

/// Bad input gets one clear error naming the file and the key path, a non-zero exit, and no
/// output at all.
struct BadConfigTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var yaml: String
        var mustMention: [String]
        var testDescription: String { mustMention.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(yaml: "training:\n  batch_sise: 4\n", mustMention: ["training.batch_sise", "2:3", "batch_size"]),
        Case(yaml: "modle: {N: 10}\n", mustMention: ["modle", "1:1"]),
        Case(yaml: "model:\n  N: many\n", mustMention: ["model.N", "2:6"]),
        Case(yaml: "training:\n  learning_rate: fast\n", mustMention: ["training.learning_rate"]),
        Case(yaml: "training:\n  learning_rate: 0\n", mustMention: ["training.learning_rate"]),
        Case(yaml: "training:\n  learning_rate: -0.5\n", mustMention: ["training.learning_rate"]),
        Case(yaml: "model:\n  N: 0\n", mustMention: ["model.N"]),
        Case(yaml: "training:\n  batch_size: 0\n", mustMention: ["training.batch_size"]),
        Case(yaml: "training:\n  alpha_max: 0\n", mustMention: ["training.alpha_max"]),
        Case(yaml: "model:\n  teacher_noise: -1\n", mustMention: ["model.teacher_noise"]),
        Case(yaml: "training:\n  method: bn\n  batch_size: 1\n", mustMention: ["training.batch_size"]),
        Case(yaml: "model:\n  activation: tanh\n", mustMention: ["model.activation"]),
        Case(yaml: "training: [1, 2]\n", mustMention: ["training"]),
        Case(yaml: "model: {N: 10\n", mustMention: ["config.yaml"]),
        Case(yaml: "sweep:\n  training.learning_rate: [0.5, -1]\n", mustMention: ["training.learning_rate"]),
    ]

    @Test(arguments: cases)
    func rejectedWithClearErrorAndNothingWritten(_ c: Case) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("config.yaml")
        try c.yaml.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["run", config.path, "--output", out.path, "--quiet"], in: dir)
        #expect(result.status != 0)
        let message = result.stderr
        #expect(message.contains("config.yaml"), "error does not name the file: \(message)")
        for word in c.mustMention { #expect(message.contains(word), "error lacks '\(word)': \(message)") }
        #expect(message.split(separator: "\n").count == 1, "expected one line: \(message)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "output directory was created")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results").path))
    }

    @Test func missingFileAndDirectoryAreRejected() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let missing = try BNSimBinary.run(["run", dir.appendingPathComponent("nope.yaml").path, "--quiet"], in: dir)
        #expect(missing.status != 0 && missing.stderr.contains("nope.yaml"))
        let directory = try BNSimBinary.run(["run", dir.path, "--quiet"], in: dir)
        #expect(directory.status != 0 && directory.stderr.contains(dir.lastPathComponent))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results").path))
    }

    @Test func badOverrideIsRejected() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("config.yaml")
        try "version: 1\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try BNSimBinary.run(["run", config.path, "--quiet", "--set", "training.learning_rat=2"], in: dir)
        #expect(result.status != 0 && result.stderr.contains("training.learning_rat"))
        let threads = try BNSimBinary.run(["run", config.path, "--threads", "0"], in: dir)
        #expect(threads.status != 0 && threads.stderr.contains("--threads"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results").path))
    }
}
