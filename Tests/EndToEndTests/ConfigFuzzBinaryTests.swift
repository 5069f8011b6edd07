import Foundation
import Testing
import _TestSupport

/// Config fuzzing through the binary: `bnsim run` on mutated shipped configs
/// (`ConfigMutator`, the same mutations as the in-process `ConfigFuzzTests`). Every case must
/// either run — exit 0, the result files written, no NaN or infinity in any table — or fail with
/// exit status 1 and one line `bnsim: error: <file>: …` on stderr — the config, or a data file it names
/// (`data.path`, `data.labels_path`) — writing nothing at all; never
/// crash, trap or hang (a watchdog kills a case after 120 s and fails it).
///
/// So that each case is cheap, the runs are shrunk with `--set` (N = 24, α ≤ 0.5, 2 seeds, no
/// sweep); the sweep mutations themselves are covered in process. CI runs
/// `BNSIM_FUZZ_BINARY_COUNT` cases (default 150, about 10 s); `make fuzz` runs 10 000.
struct ConfigFuzzBinaryTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["BNSIM_FUZZ_BINARY_COUNT"].flatMap(Int.init) ?? 150
    /// Another stream of cases than the in-process test's.
    static let seed = (environment["BNSIM_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x00B5_51CE) ^ 0xB1_4A27
    static let bases = ConfigMutator.shippedConfigs(repositoryRoot: ConfigMutator.repositoryRoot(from: #filePath))
    static let budget = [
        "model.N=24", "training.alpha_max=0.5", "output.alpha_min=0.05", "output.alpha_points=3", "output.alphas=[]",
        "simulation.seeds=2", "simulation.test_samples=8", "sweep={}",
    ].flatMap { ["--set", $0] }

    @Test func everyMutationRunsOrFailsWithOneLineAndNoFiles() throws {
        #expect(Self.bases.count >= 8)
        let root = try BNSimBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var ran = 0, failed = 0, problems = 0
        let start = Date()
        for number in 0..<Self.count {
            let fuzz = ConfigMutator.fuzzCase(number, seed: Self.seed, bases: Self.bases)
            let dir = root.appendingPathComponent("case\(number)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let config: String
            var text = ""
            switch fuzz.input {
            case .bytes(let bytes):
                try Data(bytes).write(to: dir.appendingPathComponent("config.yaml"))
                config = "config.yaml"
                text = String(decoding: bytes, as: UTF8.self)
            case .path(let special):
                config = try Self.prepare(special, in: dir)
            }
            let before = Set(DirectoryTree.entries(dir))
            let outcome = try BNSimProcess.run(["run", config, "--output", "out", "--quiet", "--no-plot", "--threads", "1"] + Self.budget,
                                               in: dir, timeout: 120)
            let problem: String?
            if outcome.status == 0 {
                ran += 1
                problem = Self.problemWithSuccess(outcome, out: dir.appendingPathComponent("out"))
            } else {
                failed += 1
                problem = Self.problemWithFailure(outcome, config: config, text: text, written: Set(DirectoryTree.entries(dir)).subtracting(before))
            }
            if let problem {
                problems += 1
                Issue.record("\(fuzz.label) (seed \(Self.seed)): \(problem)")
                if problems >= 10 { break }
            } else {
                try? FileManager.default.removeItem(at: dir)
            }
        }
        print("config fuzz through the binary: \(Self.count) cases in \(String(format: "%.1f", Date().timeIntervalSince(start))) s: \(ran) ran, \(failed) refused")
        #expect(ran > Self.count / 20 && failed > Self.count / 2, "the mutations should give both outcomes: \(ran) ran, \(failed) refused")
    }

    static func prepare(_ special: ConfigMutator.Case.Special, in dir: URL) throws -> String {
        switch special {
        case .directory:
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("a-directory.yaml"), withIntermediateDirectories: true)
            return "a-directory.yaml"
        case .missingFile: return "missing.yaml"
        case .devNull: return "/dev/null"
        case .devZero: return "/dev/zero"
        case .emptyFile:
            try Data().write(to: dir.appendingPathComponent("empty.yaml"))
            return "empty.yaml"
        }
    }

    /// A run that succeeded wrote its tables and manifest, and no cell is NaN or infinite.
    static func problemWithSuccess(_ outcome: BNSimProcess.Outcome, out: URL) -> String? {
        guard outcome.stderr.isEmpty else { return "succeeded with stderr \(outcome.stderr.debugDescription)" }
        let files = (try? DirectoryTree.files(out)) ?? [:]
        guard files["manifest.yaml"] != nil else { return "succeeded without manifest.yaml: \(files.keys.sorted())" }
        for (name, data) in files where name.hasSuffix(".csv") {
            let cells = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "," || $0 == "\n" })
            if let bad = cells.first(where: { ["nan", "-nan", "inf", "-inf", "+inf"].contains($0.lowercased()) }) {
                return "\(name) has a cell \(bad)"
            }
        }
        return nil
    }

    /// A refused run exited 1 (not a signal, not a trap) with one line naming the config, and
    /// wrote nothing.
    /// `text` is the config's content: a data file's error names that file, as the config spells it.
    static func problemWithFailure(_ outcome: BNSimProcess.Outcome, config: String, text: String, written: Set<String>) -> String? {
        if outcome.timedOut { return "hung (killed after 120 s)" }
        guard let status = outcome.status else { return "ended by signal \(outcome.signal ?? -1) (a crash or trap): \(outcome.stderr)" }
        guard status == 1 else { return "exit status \(status), expected 1: \(outcome.stderr)" }
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 2, lines[1].isEmpty else { return "not one line: \(outcome.stderr.debugDescription)" }
        let named = outcome.stderr.dropFirst("bnsim: error: ".count).components(separatedBy: ": ").first ?? ""
        let namesADataFile = outcome.stderr.hasPrefix("bnsim: error: ") && !named.isEmpty
            && (text.contains("path: \(named)") || text.contains("path: \"\(named)"))
        guard outcome.stderr.hasPrefix("bnsim: error: \(config)") || namesADataFile else {
            return "does not start with the file: \(outcome.stderr)"
        }
        guard written.isEmpty else { return "wrote \(written.sorted()) before failing: \(outcome.stderr)" }
        guard outcome.stdout.isEmpty else { return "printed \(outcome.stdout.debugDescription) before failing" }
        return nil
    }
}
