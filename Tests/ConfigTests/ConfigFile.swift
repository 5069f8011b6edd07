import Foundation
import Config

/// A config file written to its own temporary directory for one test, removed afterwards.
final class ConfigFile {
    let directory: URL
    let path: String

    init(_ text: String, name: String = "config.yaml") {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("bnsim-config-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(name).path
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Raw bytes, for files that are not text.
    convenience init(bytes: [UInt8], name: String = "config.yaml") {
        self.init("", name: name)
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func load(_ overrides: [String] = []) throws(ConfigError) -> LoadedConfig {
        try ConfigLoader.load(path: path, overrides: overrides)
    }

    /// The error loading gives, or nil if the file loads.
    func error(_ overrides: [String] = []) -> ConfigError? {
        do {
            _ = try load(overrides)
            return nil
        } catch {
            return error
        }
    }
}

/// Loads in-memory YAML under the file name `config.yaml`, so messages can be compared exactly.
func load(_ yaml: String, _ overrides: [String] = []) throws(ConfigError) -> LoadedConfig {
    try ConfigLoader.load(yaml: yaml, file: "config.yaml", overrides: overrides)
}

func loadError(_ yaml: String, _ overrides: [String] = []) -> ConfigError? {
    do {
        _ = try load(yaml, overrides)
        return nil
    } catch {
        return error
    }
}

extension ConfigError {
    /// The dotted key path the error names, for table-driven tests.
    var keyPath: String? {
        switch self {
        case .unknownKey(_, let keyPath, _, _, _), .wrongType(_, let keyPath, _, _, _),
             .invalidValue(_, let keyPath, _, _, _), .badSweep(_, let keyPath, _, _):
            keyPath
        case .fileNotFound, .isDirectory, .unreadable, .tooLarge, .malformedYAML, .notAMapping, .badOverride:
            nil
        }
    }

    var location: ConfigLocation? {
        switch self {
        case .unknownKey(_, _, let location, _, _), .wrongType(_, _, let location, _, _),
             .invalidValue(_, _, _, let location, _), .badSweep(_, _, let location, _):
            location
        case .malformedYAML(_, let location, _):
            location
        case .fileNotFound, .isDirectory, .unreadable, .tooLarge, .notAMapping, .badOverride:
            nil
        }
    }
}
