import Foundation
internal import Yams

/// `points/sweep.yaml`: which config a points folder belongs to. A rerun compares its own
/// record's `configHash` with the stored one to decide whether the stored points can be reused,
/// and `bnsim merge` rebuilds the manifest's header and run order from it. It holds nothing that
/// depends on threads, shards or time.
public struct SweepRecord: Sendable, Equatable {
    public var bnsimVersion: String
    /// `numericsVersion` of the bnsim that computed the points; 0 for a record written before it existed.
    public var numericsVersion: Int
    /// 16 hex digits: FNV-1a 64 of the bnsim version and the effective config (with its sweep).
    public var configHash: String
    /// The config file as given on the command line, and the `--set` overrides.
    public var configPath: String
    public var overrides: [String]
    /// The config's `name` (default results directory `results/<name>/`).
    public var name: String
    /// Every run of the sweep, in run order: the order of the rows of the combined files.
    public var runIDs: [String]
    /// Per run (aligned with `runIDs`), 16 hex digits of FNV-1a 64 over what that point's files
    /// depend on: the bnsim and numerics versions, the sweep's key paths (the tables' columns) and
    /// the run's own config. A point whose hash is the same in a changed sweep is reused (an
    /// extended sweep); empty in records written before it existed.
    public var pointHashes: [String]
    public var effectiveYAML: String

    public init(bnsimVersion: String = Output.bnsimVersion, numericsVersion: Int = Output.numericsVersion, configHash: String, configPath: String, overrides: [String],
                name: String, runIDs: [String], pointHashes: [String] = [], effectiveYAML: String) {
        self.bnsimVersion = bnsimVersion; self.numericsVersion = numericsVersion; self.configHash = configHash; self.configPath = configPath
        self.overrides = overrides; self.name = name; self.runIDs = runIDs; self.pointHashes = pointHashes; self.effectiveYAML = effectiveYAML
    }

    /// The point hash of run `id`, nil when the record has none for it.
    public func pointHash(_ id: String) -> String? {
        guard pointHashes.count == runIDs.count, let k = runIDs.firstIndex(of: id) else { return nil }
        return pointHashes[k]
    }

    public var text: String {
        var out = "# bnsim sweep record: the config the points in this folder belong to (results/README.md)\n"
        out += "bnsim_version: \(Manifest.quoted(bnsimVersion))\n"
        out += "numerics_version: \(numericsVersion)\n"
        out += "config_hash: \(Manifest.quoted(configHash))\n"
        out += "config_file: \(Manifest.quoted(configPath))\n"
        out += "overrides: [\(overrides.map(Manifest.quoted).joined(separator: ", "))]\n"
        out += "name: \(Manifest.quoted(name))\n"
        out += "runs: [\(runIDs.joined(separator: ", "))]\n"
        if !pointHashes.isEmpty { out += "point_hashes: [\(pointHashes.map(Manifest.quoted).joined(separator: ", "))]\n" }
        // An explicit indentation indicator, so the block reads back exactly whatever its first line.
        out += "effective_config: |2\n"
        out += Manifest.indentedBlock(effectiveYAML)
        return out
    }

    private struct Stored: Decodable {
        var bnsim_version: String
        var numerics_version: Int?
        var config_hash: String
        var config_file: String
        var overrides: [String]
        var name: String
        var runs: [String]
        var point_hashes: [String]?
        var effective_config: String
    }

    /// Reads a record written by `text`; nil when the text is not one.
    public init?(parsing text: String) {
        guard let stored = try? YAMLDecoder().decode(Stored.self, from: text) else { return nil }
        self.init(bnsimVersion: stored.bnsim_version, numericsVersion: stored.numerics_version ?? 0, configHash: stored.config_hash, configPath: stored.config_file,
                  overrides: stored.overrides, name: stored.name, runIDs: stored.runs, pointHashes: stored.point_hashes ?? [],
                  effectiveYAML: stored.effective_config)
    }
}
