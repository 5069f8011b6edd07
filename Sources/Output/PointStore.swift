#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The `points/` folder of a results directory: the sweep record (`sweep.yaml`) and one folder per
/// finished run. A point's folder is written under a hidden temporary name and renamed into place
/// (atomic within a file system), so a killed run leaves whole points or none; a rerun of the same
/// config reuses them. One process writes a store at a time (`lock()`).
public struct PointStore: Sendable {
    public static let folderName = "points"
    public static let recordName = "sweep.yaml"
    static let lockName = ".lock"
    static let temporaryPrefix = ".tmp-"

    /// The `points/` folder itself.
    public let directory: URL

    /// The store of the results directory `results`.
    public init(results: URL) { directory = results.appendingPathComponent(Self.folderName) }

    var recordURL: URL { directory.appendingPathComponent(Self.recordName) }

    func pointURL(_ id: String) -> URL { directory.appendingPathComponent(id) }

    /// Holds `points/.lock` with `flock` until released or the process ends (also when killed), so
    /// two bnsim processes never write the same store.
    public final class Lock: @unchecked Sendable {
        private var descriptor: Int32
        init(descriptor: Int32) { self.descriptor = descriptor }
        public func release() {
            if descriptor >= 0 { close(descriptor); descriptor = -1 }
        }
        deinit { release() }
    }

    public func lock() throws(OutputError) -> Lock {
        try createDirectory()
        let path = directory.appendingPathComponent(Self.lockName).path
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)  // CLOEXEC: a spawned gnuplot must not inherit the lock
        guard fd >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw OutputError(path: directory.path, reason: "another bnsim process is writing to this folder")
        }
        return Lock(descriptor: fd)
    }

    func createDirectory() throws(OutputError) {
        try FileSystem.createDirectory(directory.path)
    }

    /// Whether the folder holds a record or any point.
    public var hasContents: Bool {
        FileManager.default.fileExists(atPath: recordURL.path) || !pointIDs().isEmpty
    }

    /// The stored record; nil when there is none. Throws when a record exists but cannot be read.
    public func readRecord() throws(OutputError) -> SweepRecord? {
        guard FileManager.default.fileExists(atPath: recordURL.path) else { return nil }
        guard let text = try? String(contentsOf: recordURL, encoding: .utf8), let record = SweepRecord(parsing: text) else {
            throw OutputError(path: recordURL.path, reason: "not a bnsim sweep record")
        }
        return record
    }

    public func write(_ record: SweepRecord) throws(OutputError) {
        var files = AtomicFileSet()
        files.add(Self.recordName, record.text)
        try files.write(into: directory)
    }

    /// The ids of the finished points present (folders with a manifest entry), in no order.
    public func pointIDs() -> Set<String> {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return [] }
        return Set(names.filter { name in
            !name.hasPrefix(".") && fm.fileExists(atPath: pointURL(name).appendingPathComponent(PointFiles.Name.manifestEntry).path)
        })
    }

    /// Writes a point's folder atomically, replacing an older one of the same id.
    public func write(_ point: PointFiles, id: String) throws(OutputError) {
        try WriteGate.around { () throws(OutputError) in
            let temporary = directory.appendingPathComponent(Self.temporaryPrefix + id)
            try? FileManager.default.removeItem(at: temporary)
            var files = AtomicFileSet()
            for file in point.files { files.add(file.name, file.contents) }
            do throws(OutputError) {
                try files.write(into: temporary)
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                // Name the file where the user will look for it, not its temporary folder.
                let name = error.path.hasPrefix(temporary.path + "/") ? String(error.path.dropFirst(temporary.path.count + 1)) : nil
                throw OutputError(path: name.map { pointURL(id).appendingPathComponent($0).path } ?? pointURL(id).path, reason: error.reason)
            }
            try install(temporary, as: id)
        }
    }

    /// Copies (hard-links where possible) the point `id` of `source` into this store, atomically.
    public func copy(_ id: String, from source: PointStore) throws(OutputError) {
        try WriteGate.around { () throws(OutputError) in try copyUngated(id, from: source) }
    }

    private func copyUngated(_ id: String, from source: PointStore) throws(OutputError) {
        let fm = FileManager.default
        let from = source.pointURL(id)
        let temporary = directory.appendingPathComponent(Self.temporaryPrefix + id)
        try? fm.removeItem(at: temporary)
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
            for name in try fm.contentsOfDirectory(atPath: from.path) where !name.hasPrefix(".") {
                let a = from.appendingPathComponent(name), b = temporary.appendingPathComponent(name)
                // Point files are never changed in place (only replaced by a rename), so a hard
                // link is as good as a copy.
                if link(a.path, b.path) != 0 { try fm.copyItem(at: a, to: b) }
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw OutputError(path: pointURL(id).path, reason: "cannot copy \(from.path) (\(error.localizedDescription))")
        }
        try install(temporary, as: id)
    }

    private func install(_ temporary: URL, as id: String) throws(OutputError) {
        let final = pointURL(id)
        try? FileManager.default.removeItem(at: final)
        if rename(temporary.path, final.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: final.path, reason: reason)
        }
        FileSystem.synchronizeDirectory(directory.path)
    }

    /// A point's files; nil when it is not there.
    public func read(_ id: String) -> PointFiles? {
        let url = pointURL(id)
        func file(_ name: String) -> String? { try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) }
        guard let entry = file(PointFiles.Name.manifestEntry), let summary = file(PointFiles.Name.summary) else { return nil }
        return PointFiles(theory: file(PointFiles.Name.theory), simulation: file(PointFiles.Name.simulation),
                          comparison: file(PointFiles.Name.comparison), manifestEntry: entry, summary: summary,
                          overlaps: file(PointFiles.Name.overlaps))
    }

    /// Why the point `id` cannot be trusted — a file missing, truncated or changed since its
    /// `checksums` were written, or no checksums at all (a point of an older bnsim, or one whose
    /// copy stopped early) — or nil when every file matches.
    public func damage(of id: String) -> PointDamage? {
        let folder = pointURL(id)
        func damaged(_ file: String?, _ reason: String) -> PointDamage {
            PointDamage(id: id, file: file, reason: reason, folder: directory.path)
        }
        guard let text = try? String(contentsOf: folder.appendingPathComponent(PointChecksums.fileName), encoding: .utf8) else {
            return damaged(nil, "it has no \(PointChecksums.fileName) file, so its files cannot be verified")
        }
        guard let checksums = PointChecksums(parsing: text) else { return damaged(PointChecksums.fileName, "unreadable") }
        for required in [PointFiles.Name.manifestEntry, PointFiles.Name.summary] where !checksums.entries.contains(where: { $0.name == required }) {
            return damaged(PointChecksums.fileName, "\(required) is not listed")
        }
        if let damage = checksums.damage(in: folder, knownNames: PointFiles.Name.all) { return damaged(damage.file, damage.reason) }
        // The checksums vouch only for the files they list: the tables a run must have follow from
        // its (verified) manifest entry, so a table deleted together with its checksum line is
        // still noticed.
        guard let entry = try? String(contentsOf: folder.appendingPathComponent(PointFiles.Name.manifestEntry), encoding: .utf8) else {
            return damaged(PointFiles.Name.manifestEntry, "unreadable")
        }
        let listed = Set(checksums.entries.map(\.name))
        for table in PointFiles.requiredTables(manifestEntry: entry) where !listed.contains(table) {
            return damaged(table, "missing, though the run's manifest entry reports its results")
        }
        return nil
    }

    /// The point's files after checking them against its checksums.
    public func verifiedRead(_ id: String) throws(PointDamage) -> PointFiles {
        if let damage = damage(of: id) { throw damage }
        guard let point = read(id) else {
            throw PointDamage(id: id, file: nil, reason: "its files cannot be read", folder: directory.path)
        }
        return point
    }

    /// Removes what a killed process may have left half-written — point folders under their
    /// temporary names and a temporary sweep record (call while holding the lock).
    public func removeTemporaries() {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(Self.temporaryPrefix) {
            try? fm.removeItem(at: directory.appendingPathComponent(name))
        }
        AtomicFileSet.removeTemporaries(of: [Self.recordName], in: directory)
    }

    /// Removes the record and every point (call while holding the lock; the lock file stays).
    public func discardAll() throws(OutputError) {
        try WriteGate.around { () throws(OutputError) in try discardAllUngated() }
    }

    private func discardAllUngated() throws(OutputError) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] where name != Self.lockName {
            do {
                try fm.removeItem(at: directory.appendingPathComponent(name))
            } catch {
                throw OutputError(path: directory.appendingPathComponent(name).path, reason: "cannot remove it (\(error.localizedDescription))")
            }
        }
    }
}
