import Config
import Foundation
import Output
import Simulation
import Theory

/// What `bnsim run` did: the points it computed and reused, the combined files it wrote and the
/// summary it prints.
public struct RunReport: Sendable {
    /// The combined files written, by name; empty while the directory lacks points of other shards.
    public var files: [String]
    /// The summary lines of this shard's runs (all runs when unsharded), in run order, then the
    /// theory-vs-simulation verdicts (`CompareReport`) when the combined files were written.
    public var summary: String
    /// Runs of this shard computed now, and those found finished in the directory.
    public var computed: Int
    public var reused: Int
    /// Runs in this shard and in the whole sweep.
    public var shardRuns: Int
    public var totalRuns: Int
    public var points: URL
}

/// `bnsim run` without the command-line shell. Each run's rows are stored as a point
/// (`DIR/points/<run_id>/`) as soon as it finishes; when the directory holds every point of the
/// sweep, the combined files are built from the points and written at once. A rerun of the same
/// config reuses the finished points (resume); another config is refused unless `force`.
public enum RunCommand {
    public static let theoryFile = CombinedResults.theoryFile
    public static let simulationFile = CombinedResults.simulationFile
    public static let manifestFile = CombinedResults.manifestFile
    public static let comparisonFile = CombinedResults.comparisonFile

    /// 16 hex digits of FNV-1a 64 over the bnsim version and the effective config (sweep
    /// included): equal exactly when two invocations compute the same runs the same way. Not a
    /// cryptographic hash — it detects changes, it does not guard against forgery.
    public static func configHash(_ loaded: LoadedConfig) -> String {
        let hex = String(ReplicaSeed.fnv1a("bnsim \(bnsimVersion)\n" + loaded.effectiveYAML()), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Refuses a config whose requested theory bnsim does not have, before any work
    /// (`dump-config` shows the same refusal as a warning).
    public static func checkTheoryAvailable(_ loaded: LoadedConfig) throws {
        do {
            try ExperimentRunner(loaded: loaded, threads: 1).checkTheoryAvailable()
        } catch {
            throw RunRefusal(file: loaded.path, reason: error.description)
        }
    }

    /// The record of `loaded`'s sweep.
    public static func record(_ loaded: LoadedConfig, overrides: [String]) -> SweepRecord {
        SweepRecord(configHash: configHash(loaded), configPath: loaded.path, overrides: overrides, name: loaded.base.name,
                    runIDs: loaded.runs.map(\.id), pointHashes: loaded.runs.indices.map { pointHash(loaded, $0) },
                    effectiveYAML: loaded.effectiveYAML())
    }

    /// 16 hex digits of FNV-1a 64 over everything point `index`'s files depend on: the bnsim and
    /// numerics versions, the sweep's key paths (its tables' columns) and the run's own config.
    /// Equal in two sweeps exactly when that point would be computed to the same bytes.
    static func pointHash(_ loaded: LoadedConfig, _ index: Int) -> String {
        let text = "bnsim \(bnsimVersion)\nnumerics \(numericsVersion)\ncolumns \(loaded.base.sweep.sweptKeyPaths.joined(separator: ","))\n"
            + loaded.runYAML(index)
        let hex = String(ReplicaSeed.fnv1a(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func execute(loaded: LoadedConfig, overrides: [String], directory: URL, threads: Int, quiet: Bool,
                               shard: Shard = .whole, force: Bool = false,
                               notice: (String) -> Void = RunCommand.printNotice) throws -> RunReport {
        let runner = ExperimentRunner(loaded: loaded, threads: threads)
        let mine = loaded.runs.indices.filter(shard.contains)
        // Refusals that need no output come before the directory is touched.
        try checkTheoryAvailable(loaded)
        try runner.checkDataAvailable()
        try StudyDirectory.check(directory, for: .run, effectiveYAML: loaded.effectiveYAML(), force: force)
        try MemoryEstimate(loaded: loaded, indices: mine, threads: threads).check(file: loaded.path)
        let store = PointStore(results: directory)
        let lock = try store.lock()
        defer { lock.release() }
        let record = record(loaded, overrides: overrides)
        try prepare(store, for: record, force: force, results: directory)

        var finished = store.pointIDs()
        // A point is reused only when its files still match its checksums.
        for index in mine where finished.contains(loaded.runs[index].id) {
            let id = loaded.runs[index].id
            if let damage = store.damage(of: id) {
                notice("point \(id) is damaged (\(damage.what)); recomputing")
                finished.remove(id)
            }
        }
        let todo = mine.filter { !finished.contains(loaded.runs[$0].id) }
        let failures = Failures()
        let sweepKeys = loaded.base.sweep.sweptKeyPaths
        // A point that cannot be stored stops the sweep: later points could not be stored either.
        try runner.run(indices: todo, quiet: quiet, stop: { failures.first != nil }) { index, result in
            do {
                try store.write(PointFiles(try result.get(), sweepKeys: sweepKeys), id: loaded.runs[index].id)
            } catch {
                failures.add(error, at: index)
            }
        }
        if let error = failures.first { throw error }

        var written: [String] = []
        var verdicts = ""
        if let combined = try CombinedResults.files(record: record, store: store, build: .current) {
            let files = try RunSummaryTables.adding(to: combined)
            try files.write(into: directory)
            written = files.files.map(\.name)
            verdicts = try CompareReport.text(of: files)
        }
        return RunReport(files: written, summary: CombinedResults.summary(of: mine.map { loaded.runs[$0].id }, in: store) + verdicts,
                         computed: todo.count, reused: mine.count - todo.count, shardRuns: mine.count,
                         totalRuns: loaded.runs.count, points: store.directory)
    }

    /// A line on stderr, as bnsim's warnings are.
    public static func printNotice(_ line: String) {
        FileHandle.standardError.write(Data("bnsim: \(line)\n".utf8))
    }

    /// Makes `store` hold only points of `record`'s config, and records it: keeps points of the
    /// same config; when the config changed, keeps the points whose own config is unchanged if
    /// every stored point is one of them (an extended sweep, e.g. one more learning rate) and
    /// refuses otherwise unless `force`, which discards every point (and the combined files and
    /// figures of `results`, which they made).
    static func prepare(_ store: PointStore, for record: SweepRecord, force: Bool, results: URL,
                        notice: (String) -> Void = RunCommand.printNotice) throws {
        store.removeTemporaries()
        AtomicFileSet.removeTemporaries(of: CombinedResults.fileNames, in: results)
        func discardOutputs() {
            for name in CombinedResults.fileNames { try? FileManager.default.removeItem(at: results.appendingPathComponent(name)) }
            PlotCommand.removeFigures(in: results)
        }
        if force {
            if store.hasContents {
                try store.discardAll()
                discardOutputs()
            }
        } else if let stored = try readRecord(store) {
            guard stored.numericsVersion == record.numericsVersion else {
                throw SweepError.numericsChanged(directory: results.path, stored: stored.numericsVersion, current: record.numericsVersion)
            }
            if stored.configHash != record.configHash {
                let difference = stored.bnsimVersion != record.bnsimVersion
                    ? "made by bnsim \(stored.bnsimVersion), this is \(record.bnsimVersion)"
                    : ConfigDifference.describe(old: stored.effectiveYAML, new: record.effectiveYAML) ?? "its config hash differs"
                let present = store.pointIDs()
                let unchanged = present.filter { id in stored.pointHash(id).map { $0 == record.pointHash(id) } ?? false }
                guard unchanged.count == present.count else {
                    throw SweepError.configChanged(directory: results.path, storedFile: stored.configPath,
                                                   storedOverrides: stored.overrides, difference: difference)
                }
                // Every stored point is a point of the new sweep, computed from the same config.
                discardOutputs()
                notice("the sweep changed (\(difference)); its \(present.count) stored points are unchanged in it and are reused")
            }
        } else if store.hasContents {
            throw SweepError.pointsWithoutRecord(directory: results.path)
        }
        try store.write(record)
    }

    static func readRecord(_ store: PointStore) throws(SweepError) -> SweepRecord? {
        do { return try store.readRecord() } catch { throw .unreadableRecord(path: error.path) }
    }

    /// A config that loads but cannot run (a theory variant that does not exist for it).
    struct RunRefusal: Error, CustomStringConvertible {
        let file: String
        let reason: String
        var description: String { "\(file): \(reason)" }
    }

    /// Errors from worker threads; the first in run order is reported.
    final class Failures: @unchecked Sendable {
        private var errors: [(index: Int, error: any Error)] = []
        private let lock = NSLock()
        func add(_ error: any Error, at index: Int) { lock.lock(); errors.append((index, error)); lock.unlock() }
        var first: (any Error)? {
            lock.lock(); defer { lock.unlock() }
            return errors.min { $0.index < $1.index }?.error
        }
    }
}
