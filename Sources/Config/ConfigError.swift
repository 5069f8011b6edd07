/// Where a config value came from, for error messages.
public enum ConfigLocation: Equatable, Sendable, CustomStringConvertible {
    /// A line and column (both from 1) of the user's file.
    case line(Int, column: Int)
    /// A `--set key.path=value` override.
    case override
    /// Not in the file: the value is the default.
    case defaultValue
    /// A config built in code, which has no source text.
    case unlocated

    public var description: String {
        switch self {
        case .line(let line, let column): "at line \(line):\(column)"
        case .override: "(from --set)"
        case .defaultValue: "(default value)"
        case .unlocated: "(in code)"
        }
    }
}

/// Everything that can be wrong with a config, found before any work starts.
///
/// Each description is one sentence that names the file, and where it applies the key path, the
/// line and column of the user's file (or `(from --set)`), and what was expected, so that the user
/// can fix the file without reading bnsim's source.
public enum ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)
    /// More bytes than any config needs (a device such as /dev/zero, a data file given by mistake).
    case tooLarge(path: String, limit: Int)
    /// Not YAML at all; `location` is where the parser gave up, when it says.
    case malformedYAML(file: String, location: ConfigLocation?, problem: String)
    /// The document is a scalar or a list, but a config is a mapping of keys.
    case notAMapping(file: String, found: String)
    case unknownKey(file: String, keyPath: String, location: ConfigLocation, knownKeys: [String], suggestion: String?)
    case wrongType(file: String, keyPath: String, location: ConfigLocation, expected: String, found: String)
    case invalidValue(file: String, keyPath: String, value: String, location: ConfigLocation, requirement: String)
    /// A `--set` argument that is not `key.path=value` or whose value is not YAML.
    case badOverride(file: String, override: String, reason: String)
    case badSweep(file: String, keyPath: String, location: ConfigLocation, reason: String)

    /// One line whatever the user wrote: a value or key with a newline or another control
    /// character (a block scalar, junk bytes) is shown escaped, as `\n`, `\t`, `\u{1B}`.
    public var description: String {
        var line = ""
        for scalar in sentence.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            default:
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" {
                    line += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    line.unicodeScalars.append(scalar)
                }
            }
        }
        return line
    }

    private var sentence: String {
        switch self {
        case .fileNotFound(let path):
            "\(path): config file not found."
        case .isDirectory(let path):
            "\(path): is a directory, expected a YAML config file."
        case .unreadable(let path, let reason):
            "\(path): cannot read the config file (\(reason))."
        case .tooLarge(let path, let limit):
            "\(path): the file is larger than \(limit / 1_000_000) MB, too large for a config file."
        case .malformedYAML(let file, let location, let problem):
            "\(file): malformed YAML\(location.map { " \($0)" } ?? ""): \(problem)."
        case .notAMapping(let file, let found):
            "\(file): expected a mapping of keys (version, name, model, training, …) at the top level, got \(found)."
        case .unknownKey(let file, let keyPath, let location, let knownKeys, let suggestion):
            "\(file): unknown key \(keyPath) \(location)\(suggestion.map { ", did you mean \($0)?" } ?? "")"
                + " (known keys\(Self.parentPhrase(of: keyPath)): \(knownKeys.joined(separator: ", ")))."
        case .wrongType(let file, let keyPath, let location, let expected, let found):
            "\(file): \(keyPath) \(location): expected \(expected), got \(found)."
        case .invalidValue(let file, let keyPath, let value, let location, let requirement):
            "\(file): \(keyPath) = \(value) \(location): \(requirement)."
        case .badOverride(let file, let override, let reason):
            "\(file): bad override --set '\(override)': \(reason)."
        case .badSweep(let file, let keyPath, let location, let reason):
            "\(file): \(keyPath) \(location): \(reason)."
        }
    }

    /// " in training" for `training.batch_sise`, " at the top level" for `nmae`.
    private static func parentPhrase(of keyPath: String) -> String {
        if keyPath.hasPrefix("sweep.") { return " in sweep" }
        guard let dot = keyPath.lastIndex(of: ".") else { return " at the top level" }
        return " in \(keyPath[..<dot])"
    }
}
