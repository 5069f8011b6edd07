import Foundation
import Output

/// What `bnsim merge` did.
public struct MergeReport: Sendable {
    public var files: [String]
    public var summary: String
    public var points: Int
    public var directory: URL
}

/// `bnsim merge` without the command-line shell: gathers the points of the shard directories of
/// one sweep into one results directory and writes the combined files there — the same bytes,
/// points folder included, that one `bnsim run` of the sweep would have written.
public enum MergeCommand {
    /// The shards' common record (the first directory's config file and overrides).
    public static func record(of directories: [URL]) throws -> SweepRecord {
        var first: (URL, SweepRecord)?
        for directory in directories {
            guard let record = try RunCommand.readRecord(PointStore(results: directory)) else {
                throw SweepError.noPoints(directory: directory.path)
            }
            if let (firstDirectory, firstRecord) = first {
                guard record.numericsVersion == firstRecord.numericsVersion else {
                    throw SweepError.differentNumerics(first: firstDirectory.path, firstVersion: firstRecord.numericsVersion,
                                                       other: directory.path, otherVersion: record.numericsVersion)
                }
                guard record.configHash == firstRecord.configHash else {
                    throw SweepError.differentConfigs(first: firstDirectory.path, other: directory.path)
                }
            } else {
                first = (directory, record)
            }
        }
        guard let first else { throw SweepError.missingPoints(missing: [], total: 0) }
        return first.1
    }

    /// Merges `directories` into `output` (which may be one of them).
    public static func execute(directories: [URL], output: URL, force: Bool = false) throws -> MergeReport {
        let record = try record(of: directories)
        try StudyDirectory.check(output, for: .run, effectiveYAML: record.effectiveYAML, force: force, command: "merge")
        // Where each run's point is; a run found twice must have the same bytes both times.
        var sources: [String: PointStore] = [:]
        var sourceDirectory: [String: URL] = [:]
        let wanted = Set(record.runIDs)
        for directory in directories {
            let store = PointStore(results: directory)
            for id in store.pointIDs().sorted() where wanted.contains(id) {
                if let damage = store.damage(of: id) { throw SweepError.damagedPoint(damage, directory: directory.path) }
                if let earlier = sources[id] {
                    guard earlier.read(id) == store.read(id) else {
                        throw SweepError.conflictingPoints(id: id, first: sourceDirectory[id]!.path, other: directory.path)
                    }
                } else {
                    sources[id] = store; sourceDirectory[id] = directory
                }
            }
        }
        let missing = record.runIDs.filter { sources[$0] == nil }
        guard missing.isEmpty else { throw SweepError.missingPoints(missing: missing, total: record.runIDs.count) }

        let target = PointStore(results: output)
        let lock = try target.lock()
        defer { lock.release() }
        // --force discards another config's points only: the output may be one of the shards.
        let stored: SweepRecord? = (try? target.readRecord()) ?? nil
        let sameConfig = stored?.configHash == record.configHash
        // The output cannot be one of the shards here (their versions were checked equal), so
        // --force may discard its points.
        let otherNumerics = stored.map { $0.numericsVersion != record.numericsVersion } ?? false
        if otherNumerics && !force {
            throw SweepError.outputOfOtherNumerics(directory: output.path, stored: stored!.numericsVersion, shards: record.numericsVersion)
        }
        try RunCommand.prepare(target, for: record, force: force && (!sameConfig || otherNumerics), results: output)
        let present = target.pointIDs()
        for id in record.runIDs {
            let source = sources[id]!
            if source.directory.standardizedFileURL == target.directory.standardizedFileURL { continue }
            if present.contains(id), target.damage(of: id) == nil, target.read(id) == source.read(id) { continue }
            try target.copy(id, from: source)
        }
        guard let combined = try CombinedResults.files(record: record, store: target, build: .current) else {
            preconditionFailure("every point was just copied into \(target.directory.path)")
        }
        let files = try RunSummaryTables.adding(to: combined)
        try files.write(into: output)
        return MergeReport(files: files.files.map(\.name),
                           summary: CombinedResults.summary(of: record.runIDs, in: target) + (try CompareReport.text(of: files)),
                           points: record.runIDs.count, directory: output)
    }
}
