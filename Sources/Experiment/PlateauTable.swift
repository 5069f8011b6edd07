import Model
import Output

/// `plateau.csv` (results/README.md): the plateau of every ε_g(α) curve of the two-layer runs
/// (docs/model.md §9) by `Model.Plateau`'s criterion — per run, each theory variant, the
/// simulation's seed mean and each seed. Built from the combined tables, like summary.csv, so
/// `run` and `merge` write the same bytes for the same points; a run is two-layer when it has
/// rows in overlaps.csv. Single-unit runs get no rows, and no file when no run is two-layer.
public enum PlateauTable {
    public static let file = CombinedResults.plateauFile
    public static let header = ["engine", "variant", "seed", "status", "plateau_alpha", "height", "exit_alpha"]

    /// `status`: the curve leaves its plateau, stays on it to its last α, is too short (fewer
    /// than three positive points) to have one, or diverged — then its finite part is no
    /// learning curve to read a plateau from, and the cells stay empty.
    public enum Status: String, Sendable, CaseIterable {
        case left, notLeft = "not_left", noPlateau = "no_plateau", diverged
    }

    /// The table, or nil when no run of `overlaps` has a curve. `prefix` is the run description
    /// (summary.csv's columns before `engine`).
    static func text(prefix: [String], theory: CompareCSV?, simulation: CompareCSV?, overlaps: CompareCSV) throws(CompareError) -> String? {
        let overlapRun = try overlaps.column("run_id")
        let committee = Set(overlaps.rows.map { $0[overlapRun] })
        var table = CSVTable(header: prefix + header)
        // Curves in file order: (run, engine, variant, seed) → its first row and its points.
        var order: [String] = [], curves: [String: (row: [String], cells: [String], alphas: [Double], eg: [Double], diverged: Bool)] = [:]
        func collect(_ csv: CompareCSV, engine: String, key: (CompareCSV, [String]) throws(CompareError) -> (variant: String, seed: String)) throws(CompareError) {
            let run = try csv.column("run_id"), alpha = try csv.column("alpha"), eg = try csv.column("eg"), status = try csv.column("status")
            for (k, row) in csv.rows.enumerated() where committee.contains(row[run]) {
                let (variant, seed) = try key(csv, row)
                let id = [row[run], engine, variant, seed].joined(separator: "\u{1}")
                guard let a = Double(row[alpha]), let e = Double(row[eg]) else {
                    throw .malformedCSV(path: csv.path, line: k + 2, reason: "alpha \(row[alpha]) or eg \(row[eg]) is not a number")
                }
                if curves[id] == nil {
                    order.append(id)
                    curves[id] = (Array(row[..<prefix.count]), [engine, variant, seed], [], [], false)
                }
                curves[id]!.alphas.append(a); curves[id]!.eg.append(e)
                if row[status] != "completed" { curves[id]!.diverged = true }
            }
        }
        if let theory { try collect(theory, engine: "theory") { csv, row throws(CompareError) in (row[try csv.column("variant")], "") } }
        if let simulation { try collect(simulation, engine: "simulation") { csv, row throws(CompareError) in ("", row[try csv.column("seed")]) } }
        guard !order.isEmpty else { return nil }
        // Per run: theory variants, then the seed mean, then the seeds.
        let runs = order.reduce(into: [String]()) { runs, id in
            let run = String(id.prefix { $0 != "\u{1}" })
            if !runs.contains(run) { runs.append(run) }
        }
        for run in runs {
            let own = order.filter { $0.hasPrefix(run + "\u{1}") }
            let sorted = own.filter { curves[$0]!.cells[0] == "theory" }
                + own.filter { curves[$0]!.cells[0] == "simulation" && curves[$0]!.cells[2] == "all" }
                + own.filter { curves[$0]!.cells[0] == "simulation" && curves[$0]!.cells[2] != "all" }
            for id in sorted {
                let c = curves[id]!
                table.append(c.row + c.cells + (c.diverged ? [Status.diverged.rawValue, "", "", ""] : cells(Plateau(alphas: c.alphas, eg: c.eg))))
            }
        }
        return table.text
    }

    /// status, plateau_alpha, height, exit_alpha of one curve.
    static func cells(_ plateau: Plateau?) -> [String] {
        guard let p = plateau else { return [Status.noPlateau.rawValue, "", "", ""] }
        return [(p.exitAlpha == nil ? Status.notLeft : Status.left).rawValue, csvNumber(p.alpha), csvNumber(p.height), p.exitAlpha.map(csvNumber) ?? ""]
    }
}
