import Config
import Foundation
import Testing
import _TestSupport

/// Config fuzzing, in process: the shipped configs under thousands of seeded
/// random mutations — deleted and misspelt keys, wrong types, out-of-range and non-finite
/// numbers, huge lists and sweeps, malformed YAML, binary junk, truncation, alias bombs, empty
/// files, a directory or a device instead of a file. Every case must either load (and then
/// round-trip through `dump-config`) or fail with a `ConfigError` whose message is one line
/// naming the file and, for a key's problem, the key path and where it was written. A crash or a
/// trap fails the whole test run.
///
/// The CI run takes `BNSIM_FUZZ_COUNT` cases (default 2 000, about 10 s on one core); the full
/// run is `make fuzz` (100 000 cases here and 10 000 through the binary, `ConfigFuzzBinaryTests`).
/// `BNSIM_FUZZ_SEED` picks another seed; a failure names its case number and mutations, and
/// keeps the mutated file in `$TMPDIR/bnsim-fuzz-failures/` for replay.
struct ConfigFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["BNSIM_FUZZ_COUNT"].flatMap(Int.init) ?? 2000
    static let seed = environment["BNSIM_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x00B5_51CE
    static let bases = ConfigMutator.shippedConfigs(repositoryRoot: ConfigMutator.repositoryRoot(from: #filePath))

    /// What happened to the fuzz cases, for the closing checks that the mutator really did vary.
    struct Tally {
        var loaded = 0
        var errors: [String: Int] = [:]
        var kinds: [ConfigMutator.Kind: Int] = [:]
        var specials: Set<ConfigMutator.Case.Special> = []
        /// The slowest cases, for the printed summary.
        var slowest: [(seconds: Double, label: String)] = []

        mutating func timed(_ seconds: Double, _ label: String) {
            slowest.append((seconds, label))
            slowest.sort { $0.seconds > $1.seconds }
            if slowest.count > 5 { slowest.removeLast() }
        }
    }

    @Test func everyMutationLoadsOrFailsWithOneClearLine() throws {
        #expect(Self.bases.count >= 8, "expected the shipped configs under configs/, found \(Self.bases.map(\.name))")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bnsim-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mutated.yaml")
        let start = Date()
        var tally = Tally()
        var failures = 0
        for number in 0..<Self.count {
            let fuzz = ConfigMutator.fuzzCase(number, seed: Self.seed, bases: Self.bases)
            for kind in fuzz.kinds { tally.kinds[kind, default: 0] += 1 }
            let path: String
            switch fuzz.input {
            case .bytes(let bytes):
                try Data(bytes).write(to: file)
                path = file.path
            case .path(let special):
                tally.specials.insert(special)
                path = try Self.prepare(special, in: directory)
            }
            let caseStart = Date()
            defer { tally.timed(Date().timeIntervalSince(caseStart), fuzz.label) }
            if let problem = Self.check(path: path, tally: &tally) {
                failures += 1
                Issue.record("\(fuzz.label) (seed \(Self.seed)): \(problem)\(Self.keep(fuzz))")
                if failures >= 20 { break }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print("config fuzz: \(Self.count) cases in \(String(format: "%.1f", seconds)) s: \(tally.loaded) loaded, errors \(tally.errors.sorted { $0.key < $1.key }); slowest: \(tally.slowest.map { String(format: "%.2f s ", $0.seconds) + $0.label })")
        // The mutator must have produced every kind of mutation and special path, and both outcomes.
        #expect(Self.count < 2000 || Set(tally.kinds.keys) == Set(ConfigMutator.Kind.allCases), "kinds: \(tally.kinds)")
        #expect(Self.count < 2000 || tally.specials == Set(ConfigMutator.Case.Special.allCases))
        #expect(tally.loaded > Self.count / 20, "too few mutated configs load: \(tally.loaded)")
        #expect(tally.errors.values.reduce(0, +) > Self.count / 2, "too few mutated configs fail: \(tally.errors)")
    }

    /// Saves a failing case's file for replay (`bnsim dump-config --effective FILE`); its path as a phrase.
    static func keep(_ fuzz: ConfigMutator.Case) -> String {
        guard case .bytes(let bytes) = fuzz.input else { return "" }
        let kept = FileManager.default.temporaryDirectory.appendingPathComponent("bnsim-fuzz-failures")
        let file = kept.appendingPathComponent("seed\(Self.seed)-case\(fuzz.number).yaml")
        try? FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        return (try? Data(bytes).write(to: file)) == nil ? "" : " (the file: \(file.path))"
    }

    /// A path for a special case (a directory, a missing file, a device, an empty file).
    static func prepare(_ special: ConfigMutator.Case.Special, in directory: URL) throws -> String {
        switch special {
        case .directory:
            let sub = directory.appendingPathComponent("a-directory.yaml")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            return sub.path
        case .missingFile: return directory.appendingPathComponent("missing.yaml").path
        case .devNull: return "/dev/null"
        case .devZero: return "/dev/zero"
        case .emptyFile:
            let empty = directory.appendingPathComponent("empty.yaml")
            try Data().write(to: empty)
            return empty.path
        }
    }

    /// Loads `path`; nil when the outcome is acceptable, else what is wrong with it.
    static func check(path: String, tally: inout Tally) -> String? {
        let loaded: LoadedConfig
        do {
            loaded = try ConfigLoader.load(path: path)
        } catch {
            tally.errors[Self.caseName(error), default: 0] += 1
            return problem(with: error, path: path)
        }
        tally.loaded += 1
        guard !loaded.runs.isEmpty else { return "loaded with no runs" }
        // What `dump-config --effective` prints loads back to the same config and runs.
        do {
            let again = try ConfigLoader.load(yaml: loaded.effectiveYAML(), file: "effective.yaml")
            guard again.base == loaded.base, again.runs == loaded.runs else { return "the effective config does not load back the same" }
        } catch {
            return "the effective config fails to load: \(error)"
        }
        return nil
    }

    /// What is wrong with an error message, or nil if it is one clear line naming the file and,
    /// for a key, the key path and a location.
    static func problem(with error: ConfigError, path: String) -> String? {
        let message = error.description
        guard !message.contains(where: \.isNewline) else { return "the message is not one line: \(message.debugDescription)" }
        guard message.contains(path) else { return "the message does not name the file \(path): \(message)" }
        for leak in ["DecodingError", "YamlError", "Context(", "codingPath", "Optional(", "Swift.", "Yams."] where message.contains(leak) {
            return "the message shows an internal error (\(leak)): \(message)"
        }
        // A key path with control characters in it is shown escaped: look for its visible parts.
        func names(_ keyPath: String) -> Bool {
            !keyPath.isEmpty && keyPath.unicodeScalars.split { $0.properties.generalCategory == .control }
                .allSatisfy { message.contains(String(String.UnicodeScalarView($0))) }
        }
        switch error {
        case .unknownKey(_, let keyPath, let location, _, _), .wrongType(_, let keyPath, let location, _, _),
             .badSweep(_, let keyPath, let location, _):
            guard names(keyPath) else { return "the message lacks the key path: \(message)" }
            // The key was written in the file, so its line is known.
            guard case .line = location else { return "no line for \(keyPath) (\(location)): \(message)" }
        case .invalidValue(_, let keyPath, _, let location, _):
            guard names(keyPath) else { return "the message lacks the key path: \(message)" }
            // A default can become invalid through another key (alpha_min ≥ a written alpha_max).
            switch location {
            case .line, .defaultValue: break
            case .override, .unlocated: return "no line for \(keyPath) (\(location)): \(message)"
            }
        case .malformedYAML, .notAMapping, .fileNotFound, .isDirectory, .unreadable, .tooLarge, .badOverride:
            break
        }
        return nil
    }

    static func caseName(_ error: ConfigError) -> String {
        Mirror(reflecting: error).children.first?.label ?? "\(error)"
    }
}
