import Foundation
internal import Yams

/// Reads a config file and turns it into validated runs, or into one clear `ConfigError`.
///
/// The order of the checks is the order in which a user would want to hear about problems:
/// the file itself, its YAML syntax, the `--set` arguments, the format version, unknown keys
/// (against the defaults' tree), types (decoding the user's tree merged onto the defaults), and
/// finally impossible values in every run of the sweep. Nothing runs before all of them pass.
public enum ConfigLoader {
    public static func load(path: String, overrides: [String] = []) throws(ConfigError) -> LoadedConfig {
        let text = try readText(path)
        return try load(yaml: text, file: path, overrides: overrides)
    }

    /// Loads YAML text that is already in memory; `file` is the name messages use.
    public static func load(yaml: String, file: String, overrides: [String] = []) throws(ConfigError) -> LoadedConfig {
        let schema = ConfigYAML.defaultsTree()
        var user = try userTree(yaml, file: file)
        var parsed: [Override] = []
        for text in overrides { parsed.append(try Override(text, file: file, schema: schema)) }
        user = Override.apply(parsed, to: user)

        let source = ConfigSource(file: file, user: user)
        try checkVersion(source)
        try UnknownKeys.check(user, schema: schema, source: source)
        let merged = Node.merged(schema, user)
        let base: ExperimentConfig
        do {
            base = try YAMLDecoder().decode(ExperimentConfig.self, from: merged)
        } catch {
            throw source.configError(decoding: error, merged: merged)
        }
        let (runs, warnings) = try runs(of: base, source: source)
        try checkFinite(base, source: source)
        return LoadedConfig(path: file, base: base, runs: runs, warnings: warnings)
    }

    /// A value every run replaces (a swept key) escapes the validation of the runs; it must still
    /// not be NaN or infinite, which would show up in the effective config and its hash.
    private static func checkFinite(_ base: ExperimentConfig, source: ConfigSource) throws(ConfigError) {
        for leaf in ConfigSchema.leaves where leaf.kind == .number {
            let text = leaf.text(base)
            guard let x = Double(text), !x.isFinite else { continue }
            let path = [PathComponent].keys(leaf.keyPath)
            throw .invalidValue(file: source.file, keyPath: leaf.keyPath, value: source.writtenText(at: path) ?? text,
                                location: source.location(of: path), requirement: "must be a finite number")
        }
    }

    /// Validates and expands a config built in code (errors then carry no line numbers).
    public static func resolve(_ config: ExperimentConfig, name: String = "<in-memory config>") throws(ConfigError) -> LoadedConfig {
        let (runs, warnings) = try runs(of: config, source: ConfigSource(file: name, user: nil))
        return LoadedConfig(path: name, base: config, runs: runs, warnings: warnings)
    }

    /// The defaults as a complete, loadable config file (`bnsim dump-config`).
    public static func defaultsYAML() -> String {
        "# bnsim defaults: every key is optional in a config file (configs/README.md explains each one).\n"
            + ConfigYAML.text(of: .defaults)
    }

    // MARK: Steps

    /// A config file larger than this is refused before it is parsed (16 MB: any real config,
    /// even with a huge explicit list, is far smaller).
    public static let maximumFileSize = 16_000_000

    /// The file's text. Reads at most `maximumFileSize` bytes, so that a device (/dev/zero) or a
    /// huge file given by mistake is refused rather than read into memory; pipes such as a
    /// shell's `<(…)` are read like files.
    private static func readText(_ path: String) throws(ConfigError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
        guard !isDirectory.boolValue else { throw .isDirectory(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = errno == 0 ? "permission denied" : String(cString: strerror(errno)).lowercased()
            throw .unreadable(path: path, reason: reason)
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        guard data.count <= maximumFileSize else { throw .tooLarge(path: path, limit: maximumFileSize) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformedYAML(file: path, location: nil, problem: "the file is not UTF-8 text")
        }
        return text
    }

    /// The user's document as a mapping; an empty file (or one of only comments) means all defaults.
    private static func userTree(_ text: String, file: String) throws(ConfigError) -> Node {
        let document: Node?
        do {
            document = try Yams.compose(yaml: text)
        } catch {
            let problem = YAMLProblem(error)
            throw .malformedYAML(file: file, location: problem.location, problem: problem.text)
        }
        guard let document, !document.isNull else { return Node.emptyMapping }
        guard document.isMapping else { throw .notAMapping(file: file, found: document.foundDescription) }
        return document
    }

    /// A file written for another format version would otherwise fail on its first new key,
    /// with a misleading "unknown key"; say what is really wrong first.
    private static func checkVersion(_ source: ConfigSource) throws(ConfigError) {
        guard let text = source.writtenText(at: [.key("version")]), let version = Int(text), version != 1 else { return }
        throw .invalidValue(file: source.file, keyPath: "version", value: text, location: source.location(of: [.key("version")]),
                            requirement: "must be 1, the only config format this bnsim reads")
    }

    static let maximumRuns = 100_000

    /// Every sweep point as a run, each validated; a problem in a swept value names the sweep entry.
    /// Cases that give the same run (one repeats the file's own value of a key another case sets)
    /// would give one point folder and every row twice: the run is kept once, at its first
    /// position, with a warning naming the cases.
    private static func runs(of base: ExperimentConfig, source: ConfigSource) throws(ConfigError) -> (runs: [RunSpec], warnings: [String]) {
        let sweep = base.sweep
        guard sweep.runCount <= maximumRuns else {
            throw .badSweep(file: source.file, keyPath: "sweep", location: source.location(of: [.key("sweep")]),
                            reason: "the sweep has \(sweep.runCount == .max ? "too many" : String(sweep.runCount)) runs, more than the \(maximumRuns) allowed")
        }
        var runs: [RunSpec] = []
        var firstCase: [String: Int] = [:]
        var duplicateCases: [(earlier: Int, later: Int, run: RunSpec)] = []
        for point in sweep.points() {
            let run = sweep.run(at: point, of: base)
            if let problem = ConfigValidation.problems(in: run.config).first {
                throw error(for: problem, run: run, point: point, sweep: sweep, source: source)
            }
            let caseIndex = sweep.cases.isEmpty ? 0 : point[sweep.axes.count]
            // The id hashes the swept values, from which the run's config is made: the same id is the same config.
            if let earlier = firstCase[run.id] {
                if !duplicateCases.contains(where: { $0.earlier == earlier && $0.later == caseIndex }) {
                    duplicateCases.append((earlier, caseIndex, run))
                }
                continue
            }
            firstCase[run.id] = caseIndex
            runs.append(run)
        }
        let warnings = duplicateCases.map { d in
            let setting = d.run.sweptValues.filter { sweep.caseKeyPaths.contains($0.keyPath) }.map { "\($0.keyPath)=\($0.value)" }
            return "\(source.file): sweep.cases[\(d.later)] gives the same runs as sweep.cases[\(d.earlier)] "
                + "(\(setting.joined(separator: ", ")) with the file's other values); they run once"
        }
        return (runs, warnings)
    }

    private static func error(
        for problem: ValueProblem, run: RunSpec, point: [Int], sweep: Sweep, source: ConfigSource
    ) -> ConfigError {
        if !sweep.cases.isEmpty, case let c = point[sweep.axes.count],
           let k = sweep.cases[c].firstIndex(where: { $0.keyPath == problem.path.keyPath }) {
            let setting = sweep.cases[c][k]
            let path: [PathComponent] = [.key("sweep"), .key(Sweep.casesKey), .index(c), .key(setting.keyPath)]
            return .invalidValue(file: source.file, keyPath: "sweep.cases[\(c)].\(setting.keyPath)", value: setting.value.text,
                                 location: source.location(of: path), requirement: problem.requirement)
        }
        if let axisIndex = sweep.axes.firstIndex(where: { $0.keyPath == problem.path.keyPath }) {
            let axis = sweep.axes[axisIndex]
            var path: [PathComponent] = [.key("sweep"), .key(axis.keyPath)]
            if case .list = axis.spec { path.append(.index(point[axisIndex])) }
            return .invalidValue(file: source.file, keyPath: "sweep.\(axis.keyPath)", value: axis.values[point[axisIndex]].text,
                                 location: source.location(of: path), requirement: problem.requirement)
        }
        let runContext = run.sweptValues.isEmpty ? ""
            : " (in the sweep run " + run.sweptValues.map { "\($0.keyPath)=\($0.value)" }.joined(separator: ", ") + ")"
        return .invalidValue(file: source.file, keyPath: problem.path.dotted,
                             value: source.writtenText(at: problem.path) ?? problem.value,
                             location: source.location(of: problem.path), requirement: problem.requirement + runContext)
    }
}
