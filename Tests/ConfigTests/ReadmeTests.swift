import Foundation
import Testing
import Config

/// configs/README.md documents every key with its default; these tests keep it in step with the code.
@Suite struct ReadmeTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("configs/README.md"), encoding: .utf8)) ?? ""
    }()

    /// Rows of the key table: key path → default, as written between backquotes.
    static var documentedDefaults: [String: String] {
        var rows: [String: String] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            rows[cells[0].trimmingCharacters(in: ["`"])] = cells[2].trimmingCharacters(in: ["`"])
        }
        return rows
    }

    @Test func everyKeyIsDocumentedWithItsDefault() {
        let documented = Self.documentedDefaults
        #expect(!documented.isEmpty, "configs/README.md not found or has no key table")
        for keyPath in ExperimentConfig.keyPaths {
            #expect(documented[keyPath] == ExperimentConfig.defaults.text(atKeyPath: keyPath), "README row for \(keyPath)")
        }
        #expect(Set(documented.keys) == Set(ExperimentConfig.keyPaths + ["sweep"]))
    }

    @Test func sweepExampleRunsAsDescribed() throws {
        let loaded = try load("""
            sweep:
              training.learning_rate: [0.5, 1.0, 2.0]
              model.N: {logspace: [100, 10000, 3]}
              training.gamma_decay: {linspace: [0, 0.1, 5]}
            """)
        #expect(loaded.runs.count == 45)
        #expect(loaded.runs.prefix(3).map { $0.sweptValues.map(\.value) }
            == [["100", "0.0", "0.5"], ["100", "0.0", "1.0"], ["100", "0.0", "2.0"]])
        #expect(loaded.base.sweep.axes[1].values.map(\.text) == ["0.0", "0.025", "0.05", "0.075", "0.1"])
    }
}
