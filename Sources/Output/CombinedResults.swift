import Foundation

/// The combined files of a results directory — `theory.csv`, `simulation.csv`, `comparison.csv`,
/// `manifest.yaml` — built from its points: each table is the common header and every point's
/// rows in run order; the manifest is the record's header, every point's entry and the effective
/// config. Whether the points were computed in one process, resumed, or sharded and merged, the
/// same points give the same bytes.
public enum CombinedResults {
    public static let theoryFile = "theory.csv"
    public static let simulationFile = "simulation.csv"
    public static let comparisonFile = "comparison.csv"
    public static let manifestFile = "manifest.yaml"
    /// One row per run and engine (Experiment's `RunSummaryTables`, which needs the verdicts).
    public static let summaryFile = "summary.csv"
    /// simulation.csv's seed-average rows without the `seed` column (`RunSummaryTables`).
    public static let simulationMeanFile = "simulation_mean.csv"
    /// The full order parameters of two-layer runs (docs/model.md §9); written only when a run has them.
    public static let overlapsFile = "overlaps.csv"
    /// The plateau of every ε_g curve of the two-layer runs (Experiment's `PlateauTable`).
    public static let plateauFile = "plateau.csv"
    public static let fileNames = [theoryFile, simulationFile, comparisonFile, manifestFile, summaryFile, simulationMeanFile, overlapsFile, plateauFile]

    /// The files, or nil while a run of `record` has no point in `store`. A table is written when
    /// any point has rows for it (e.g. no `simulation.csv` when the simulation is disabled).
    /// `build` is the bnsim writing the files, recorded in the manifest.
    /// Every point is verified against its checksums first: a damaged one throws `PointDamage`.
    public static func files(record: SweepRecord, store: PointStore, build: BuildInfo) throws -> AtomicFileSet? {
        let present = store.pointIDs()
        guard record.runIDs.allSatisfy(present.contains) else { return nil }
        var points: [(id: String, files: PointFiles)] = []
        for id in record.runIDs { points.append((id, try store.verifiedRead(id))) }
        var files = AtomicFileSet()
        let tables: [(String, KeyPath<PointFiles, String?>)] = [
            (theoryFile, \.theory), (simulationFile, \.simulation), (comparisonFile, \.comparison), (overlapsFile, \.overlaps),
        ]
        for (name, table) in tables {
            if let text = try concatenated(name, points.compactMap { p in p.files[keyPath: table].map { (p.id, $0) } }, in: store) {
                files.add(name, text)
            }
        }
        files.add(manifestFile, Manifest.text(configPath: record.configPath, overrides: record.overrides,
                                              effectiveYAML: record.effectiveYAML, runEntries: points.map(\.files.manifestEntry), build: build))
        return files
    }

    /// The printed summary of the runs `ids`, in that order (skipping any without a point).
    public static func summary(of ids: [String], in store: PointStore) -> String {
        ids.compactMap { store.read($0)?.summary }.joined()
    }

    /// One header and every table's rows; nil for no tables. Refuses tables whose headers differ.
    static func concatenated(_ name: String, _ tables: [(id: String, text: String)], in store: PointStore) throws(OutputError) -> String? {
        guard let first = tables.first else { return nil }
        let header = headerLine(first.text)
        var out = header
        for (id, text) in tables {
            guard headerLine(text) == header else {
                throw OutputError(path: store.pointURL(id).appendingPathComponent(name).path,
                                  reason: "its columns differ from those of \(first.id) (points made by different bnsim versions?)")
            }
            out += text.dropFirst(header.count)
        }
        return out
    }

    /// The first line of a table, with its newline.
    static func headerLine(_ text: String) -> String {
        guard let end = text.firstIndex(of: "\n") else { return text }
        return String(text[...end])
    }
}
