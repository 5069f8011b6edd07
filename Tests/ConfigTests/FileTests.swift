import Foundation
import Testing
import Config

/// Reading the file and its YAML syntax: every failure is a `ConfigError` naming the file, never a crash.
@Suite struct FileTests {
    @Test func loadsAFileFromDisk() throws {
        let file = ConfigFile("name: from-disk\n")
        let loaded = try file.load()
        #expect(loaded.path == file.path)
        #expect(loaded.base.name == "from-disk")
    }

    @Test func missingFile() {
        let file = ConfigFile("")
        let missing = file.directory.appendingPathComponent("nope.yaml").path
        #expect(throws: ConfigError.fileNotFound(path: missing)) { try ConfigLoader.load(path: missing) }
        #expect(ConfigError.fileNotFound(path: "nope.yaml").description == "nope.yaml: config file not found.")
    }

    @Test func directoryIsNotAConfig() {
        let file = ConfigFile("")
        let directory = file.directory.path
        #expect(throws: ConfigError.isDirectory(path: directory)) { try ConfigLoader.load(path: directory) }
    }

    @Test(arguments: [
        [0x00, 0xFF, 0xFE, 0x13, 0x37, 0x80, 0x81, 0xC3],  // not UTF-8
        [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00],  // an ELF header: UTF-8, but control characters
        Array("a: \u{1}\u{2}\u{3}\n".utf8),
    ] as [[UInt8]])
    func binaryJunkIsMalformedYAML(bytes: [UInt8]) {
        let file = ConfigFile(bytes: bytes)
        guard case .malformedYAML(let name, _, let problem) = file.error() else {
            Issue.record("expected malformedYAML, got \(String(describing: file.error()))")
            return
        }
        #expect(name == file.path)
        #expect(!problem.isEmpty)
    }

    @Test func malformedYAMLNamesTheLine() {
        let error = loadError("name: x\ntraining: [1, 2\nmodel: {}\n")
        guard case .malformedYAML(let file, let location, _) = error else {
            Issue.record("expected malformedYAML, got \(String(describing: error))")
            return
        }
        #expect(file == "config.yaml")
        #expect(location != nil)
        #expect(error!.description.hasPrefix("config.yaml: malformed YAML at line "))
    }

    @Test func duplicateKeyIsMalformed() {
        let error = loadError("training:\n  learning_rate: 0.1\n  learning_rate: 0.2\n")
        #expect(error == .malformedYAML(file: "config.yaml", location: .line(2, column: 3), problem: "duplicate key learning_rate"))
    }

    @Test(arguments: [
        ("- a\n- b\n", "a list"),
        ("just a string\n", "\"just a string\""),
        ("42\n", "\"42\""),
    ])
    func topLevelMustBeAMapping(yaml: String, found: String) {
        #expect(loadError(yaml) == .notAMapping(file: "config.yaml", found: found))
    }

    @Test func partialFileIsMergedOntoDefaults() throws {
        let loaded = try load("""
            name: partial
            model:
              N: 500
            training:
              method: wn
              learning_rate: 0.25
              init:
                r: 0.5
            theory:
              bn_variants: [exact]
            """)
        var expected = ExperimentConfig.defaults
        expected.name = "partial"
        expected.model.inputDimension = 500
        expected.training.method = .wn
        expected.training.learningRate = 0.25
        expected.training.initial.r = 0.5
        expected.theory.bnVariants = [.exact]
        #expect(loaded.base == expected)
    }
}
