import Output

/// Why `bnsim run` or `bnsim merge` refuses a results directory; one sentence each.
public enum SweepError: Error, CustomStringConvertible, Sendable {
    /// The directory holds points of another config (or another bnsim version).
    case configChanged(directory: String, storedFile: String, storedOverrides: [String], difference: String)
    /// The directory holds points computed by code with other numerics (`numericsVersion`).
    case numericsChanged(directory: String, stored: Int, current: Int)
    /// The directory holds points but no record of their config.
    case pointsWithoutRecord(directory: String)
    /// The record of a points folder cannot be read.
    case unreadableRecord(path: String)
    /// A directory given to merge is not a results directory with points.
    case noPoints(directory: String)
    /// Two directories given to merge were made by different configs.
    case differentConfigs(first: String, other: String)
    /// Two directories given to merge hold points of different numerics versions.
    case differentNumerics(first: String, firstVersion: Int, other: String, otherVersion: Int)
    /// merge's output holds points computed with other numerics than the shards'.
    case outputOfOtherNumerics(directory: String, stored: Int, shards: Int)
    /// The directories given to merge lack some runs.
    case missingPoints(missing: [String], total: Int)
    /// The same run has different contents in two directories.
    case conflictingPoints(id: String, first: String, other: String)
    /// A point given to merge does not match its checksums (or has none).
    case damagedPoint(PointDamage, directory: String)

    /// "numerics version 3", or what a record without one was made by.
    static func numerics(_ version: Int) -> String {
        version == 0 ? "a bnsim that did not record its numerics version" : "numerics version \(version)"
    }

    public var description: String {
        switch self {
        case .configChanged(let directory, let file, let overrides, let difference):
            let made = ([file] + overrides.map { "--set \($0)" }).joined(separator: " ")
            return "\(directory) holds points of a different config (made from \(made); \(difference)); "
                + "rerun with --force to discard them, or choose another --output "
                + "(a sweep that only adds points, every stored point's own config unchanged, reuses them without --force)"
        case .numericsChanged(let directory, let stored, let current):
            let made = stored == 0 ? "a bnsim that did not record its numerics version" : "numerics version \(stored)"
            return "\(directory) holds points computed with \(made), this bnsim computes numerics version \(current): "
                + "its numbers would differ; rerun with --force to recompute every point, or choose another --output"
        case .pointsWithoutRecord(let directory):
            return "\(directory)/\(PointStore.folderName) holds points but no \(PointStore.recordName) saying which config made them; "
                + "rerun with --force to discard them, or choose another --output"
        case .unreadableRecord(let path):
            return "\(path) is not a bnsim sweep record; rerun with --force to discard the points beside it, or choose another --output"
        case .noPoints(let directory):
            return "\(directory) has no \(PointStore.folderName)/\(PointStore.recordName): not a directory written by bnsim run"
        case .differentNumerics(let first, let firstVersion, let other, let otherVersion):
            return "\(other) holds points of \(Self.numerics(otherVersion)), \(first) of \(Self.numerics(firstVersion)): "
                + "their numbers come from different code; rerun the shards not of numerics version \(numericsVersion) "
                + "with this bnsim (bnsim run --force) and merge again"
        case .outputOfOtherNumerics(let directory, let stored, let shards):
            return "\(directory) holds points computed with \(Self.numerics(stored)), the shards with \(Self.numerics(shards)): "
                + "merging would mix them; rerun with --force to discard the output's points, or choose another --output"
        case .differentConfigs(let first, let other):
            return "\(other) was made by a different config than \(first); merge only the shards of one sweep"
        case .missingPoints(let missing, let total):
            let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
            return "\(missing.count) of \(total) points are in none of the directories (\(shown)); "
                + "a shard has not finished: rerun it (it resumes) and merge again"
        case .conflictingPoints(let id, let first, let other):
            return "point \(id) differs between \(first) and \(other); they cannot both come from the same bnsim and config"
        case .damagedPoint(let damage, let directory):
            return "\(damage); refusing to merge it: rerun the shard in \(directory) (it recomputes damaged points) or copy the point again"
        }
    }
}
