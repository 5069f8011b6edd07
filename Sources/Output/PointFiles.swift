/// What one run (one sweep point) contributes to a results directory, stored as a folder
/// `points/<run_id>/` so that an interrupted sweep keeps every finished point: its rows of each
/// table (as a complete CSV with the header of the whole sweep), its entry of the manifest's
/// `runs:` list and its lines of the printed summary.
public struct PointFiles: Sendable, Equatable {
    public var theory: String?
    public var simulation: String?
    public var comparison: String?
    public var manifestEntry: String
    public var summary: String
    /// overlaps.csv's rows: two-layer runs only (docs/model.md §9).
    public var overlaps: String? = nil

    public init(theory: String?, simulation: String?, comparison: String?, manifestEntry: String, summary: String, overlaps: String? = nil) {
        self.theory = theory; self.simulation = simulation; self.comparison = comparison
        self.manifestEntry = manifestEntry; self.summary = summary; self.overlaps = overlaps
    }

    /// The point of one finished run; `sweepKeys` are the config's sweep axes, so every point of a
    /// sweep has the same columns.
    public init(_ result: RunResult, sweepKeys: [String]) {
        let single = [result]
        self.init(theory: result.theory.isEmpty ? nil : ResultTables.theory(single, sweepKeys: sweepKeys).text,
                  simulation: result.simulation == nil ? nil : ResultTables.simulation(single, sweepKeys: sweepKeys).text,
                  comparison: result.theory.isEmpty || result.simulation == nil
                      ? nil : ResultTables.comparison(single, sweepKeys: sweepKeys).text,
                  manifestEntry: Manifest.runEntry(result),
                  summary: Summary.text(single),
                  overlaps: result.committee == nil ? nil : ResultTables.overlaps(single).text)
    }

    /// File names inside a point's folder.
    public enum Name {
        public static let theory = "theory.csv"
        public static let simulation = "simulation.csv"
        public static let comparison = "comparison.csv"
        public static let manifestEntry = "manifest-entry.yaml"
        public static let summary = "summary.txt"
        public static let overlaps = "overlaps.csv"
        /// Every file a point may have besides its checksums.
        public static let all = [theory, simulation, comparison, overlaps, manifestEntry, summary]
    }

    /// The tables a point must have, read from its manifest entry (`Manifest.runEntry`): theory.csv
    /// when it reports a theory variant, simulation.csv when it reports a simulation, and
    /// comparison.csv when both.
    static func requiredTables(manifestEntry: String) -> [String] {
        let lines = manifestEntry.split(separator: "\n").map { $0.drop { $0 == " " } }
        let theory = lines.contains { $0.hasPrefix("theory_") }
        let simulation = lines.contains { $0.hasPrefix("simulation:") }
        return (theory ? [Name.theory] : []) + (simulation ? [Name.simulation] : []) + (theory && simulation ? [Name.comparison] : [])
    }

    var files: [(name: String, contents: String)] {
        var out: [(String, String)] = []
        if let theory { out.append((Name.theory, theory)) }
        if let simulation { out.append((Name.simulation, simulation)) }
        if let comparison { out.append((Name.comparison, comparison)) }
        if let overlaps { out.append((Name.overlaps, overlaps)) }
        out.append((Name.manifestEntry, manifestEntry))
        out.append((Name.summary, summary))
        // Last: a point folder with its checksums is complete (PointStore.verifiedRead).
        out.append((PointChecksums.fileName, PointChecksums(files: out).text))
        return out
    }
}
