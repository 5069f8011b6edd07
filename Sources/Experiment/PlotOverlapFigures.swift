import Foundation

/// `overlaps` (one run) or `overlaps-<run id>` (each run): the matrices of overlaps.csv against α
/// for one two-layer run (docs/model.md §9) — R_km, Q_kl (k ≤ l) and each student unit's
/// specialization max_m |R_km|/√Q_kk in three panels, the theory's first trajectory as lines and
/// the simulation's first seed as points. Directories with more than twelve two-layer runs get
/// none (one figure per run would bury the others; draw a subset of the runs instead).
struct PlotOverlapFigures {
    static let data = "overlaps.dat"
    static let maximumRuns = GnuplotScript.maximumCurves
    static let panels: [(matrix: String, label: String)] = [("R", "R_{km} = w_k·w^*_m / N"), ("Q", "Q_{kl} = w_k·w_l / N"),
                                                            ("specialization", "specialization max_m |R_{km}| / √Q_{kk}")]
    let data: String
    let scripts: [GnuplotScript]

    /// One curve: an entry of a matrix of one source of one run.
    private struct Series {
        let run: String
        let theory: Bool
        let matrix: String
        let i: Int, j: Int
        var lines: [String] = []
    }

    init?(table: PlotTable, labels: PlotLabels?, runs: [PlotRun]) throws(PlotError) {
        let run = try table.column("run_id"), engine = try table.column("engine"), variant = try table.column("variant"), seed = try table.column("seed")
        let alpha = try table.column("alpha"), matrix = try table.column("matrix"), i = try table.column("i"), j = try table.column("j")
        let value = try table.column("value")
        var order: [String] = []
        var source: [String: (theory: String?, simulation: String?)] = [:]
        for row in table.rows where !order.contains(row[run]) { order.append(row[run]) }
        guard !order.isEmpty, order.count <= Self.maximumRuns else { return nil }
        // The first theory trajectory (variant and seed) and the first simulation seed of each run.
        for row in table.rows {
            let who = row[variant] + "/" + row[seed]
            if row[engine] == "theory", source[row[run]]?.theory == nil { source[row[run], default: (nil, nil)].theory = who }
            if row[engine] == "simulation", source[row[run]]?.simulation == nil { source[row[run], default: (nil, nil)].simulation = who }
        }
        var series: [Series] = [], index: [String: Int] = [:]
        for row in table.rows where Self.panels.contains(where: { $0.matrix == row[matrix] }) {
            let theory = row[engine] == "theory", who = row[variant] + "/" + row[seed]
            guard who == (theory ? source[row[run]]?.theory : source[row[run]]?.simulation) else { continue }
            // Integer cells (PlotSchema.overlaps); a specialization row's j is the teacher unit, which changes with α.
            let a = Int(row[i]) ?? 0, b = row[matrix] == "specialization" ? 0 : Int(row[j]) ?? 0
            let key = [row[run], row[engine], row[matrix], String(a), String(b)].joined(separator: "/")
            if index[key] == nil { index[key] = series.count; series.append(Series(run: row[run], theory: theory, matrix: row[matrix], i: a, j: b)) }
            series[index[key]!].lines.append(row[alpha] + "\t" + row[value])
        }
        guard !series.isEmpty else { return nil }
        var text = "# overlaps.csv by run, source and matrix entry, written by `bnsim plot`: one block per entry (alpha, value)\n"
        for (k, s) in series.enumerated() {
            text += (k > 0 ? "\n\n" : "") + "# index \(k): \(s.run) \(s.theory ? "theory" : "simulation") \(s.matrix) \(s.i) \(s.j)\n" + s.lines.joined(separator: "\n") + "\n"
        }
        data = text
        scripts = order.map { id in
            let title = runs.first { $0.id == id }.flatMap { r in labels?.label(r) } ?? id
            return Self.script(name: order.count == 1 ? "overlaps" : "overlaps-\(id)", title: title, run: id, series: series)
        }
    }

    private static func script(name: String, title: String, run: String, series: [Series]) -> GnuplotScript {
        let q = GnuplotScript.quote, file = q(data)
        let own = series.indices.filter { series[$0].run == run }
        let hasTheory = own.contains { series[$0].theory }, hasSimulation = own.contains { !series[$0].theory }
        let sources = (hasTheory ? ["theory's first trajectory (lines)"] : []) + (hasSimulation ? ["simulation's first seed (points)"] : [])
        var body = ["set multiplot layout 1,3 title \(q("Overlaps of " + title + ": " + sources.joined(separator: ", "))) noenhanced",
                    "set logscale x", "set autoscale xfix", "set xlabel \(q("α = samples / N"))", "set key below Left reverse samplen 2 font \(q(",10"))"]
        for panel in panels {
            body += ["set ylabel \(q(panel.label))"]
            // One colour per matrix entry, the same for theory and simulation.
            var entries: [String] = []
            var elements: [String] = []
            for k in own where series[k].matrix == panel.matrix {
                let s = series[k], entry = panel.matrix == "specialization" ? "k=\(s.i)" : "\(s.i)\(s.j)"
                if !entries.contains(entry) { entries.append(entry) }
                let lt = (entries.firstIndex(of: entry)! % GnuplotScript.maximumCurves) + 1
                let label = panel.matrix == "specialization" ? "unit \(s.i)" : "\(panel.matrix)_{\(s.i)\(s.j)}"
                elements.append(s.theory ? "\(file) index \(k) using 1:2 with lines lt \(lt) dt 1 title \(q(label))"
                                         : "\(file) index \(k) using 1:2 with points lt \(lt) pt 7 ps 0.6 " + (hasTheory ? "notitle" : "title \(q(label))"))
            }
            body += GnuplotScript.plot(elements)
        }
        body.append("unset multiplot")
        return GnuplotScript(name: name, about: "Overlap matrices R, Q and the specialization of one two-layer run against α.",
                             width: 1800, height: 680, body: body)
    }
}
