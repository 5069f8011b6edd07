import Foundation

/// `plateau` (two-layer runs, docs/model.md §9): ε_g against α on log–log axes — theory lines,
/// simulation seed means ± s.e. — with each curve's plateau from plateau.csv marked in its colour:
/// a thick horizontal segment at the height, from the flattest α to the exit α (to the curve's
/// last α when it never leaves), and a dashed vertical line at the exit α. Per-seed rows and
/// diverged curves of plateau.csv are not drawn. More runs than fit one figure are split into `plateau-1`, `plateau-2`, ….
struct PlotPlateauFigure {
    static let data = "plateau.dat"
    let data: String
    let scripts: [GnuplotScript]

    /// One drawn curve: a theory variant or the seed mean of a run, and its plateau row.
    private struct Marked {
        let run: PlotRun
        let name: String
        let simulation: Bool
        /// α, ε_g, s.e. per point.
        let points: [String]
        let status: String
        let plateauAlpha: Double?, height: Double?, exitAlpha: Double?
    }

    init?(table: PlotTable, curves: PlotCurves, labels: PlotLabels) throws(PlotError) {
        let run = try table.column("run_id"), engine = try table.column("engine"), variant = try table.column("variant")
        let seed = try table.column("seed"), status = try table.column("status")
        let at = try table.column("plateau_alpha"), height = try table.column("height"), exit = try table.column("exit_alpha")
        var marked: [Marked] = []
        // A diverged curve has no plateau (plateau.csv leaves it empty) and would stretch the axis: eg.png shows it.
        for row in table.rows where (row[engine] == "theory" || row[seed] == "all") && row[status] != PlateauTable.Status.diverged.rawValue {
            let isSimulation = row[engine] == "simulation"
            let curve = isSimulation ? curves.simulation.first { $0.run.id == row[run] }
                                     : curves.theory.first { $0.run.id == row[run] && $0.variant == row[variant] }
            // plateau.csv without the table it was computed from: nothing to draw the curve with.
            guard let curve else { continue }
            let points = curve.lines.map { line -> String in
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                return isSimulation ? [cells[0], cells[11], cells[12]].joined(separator: "\t") : [cells[0], cells[6], "0"].joined(separator: "\t")
            }
            let name = labels.label(curve.run) + (isSimulation ? " (simulation)" : curve.run.method == "bn" ? " (\(row[variant]))" : " (theory)")
            marked.append(Marked(run: curve.run, name: name, simulation: isSimulation, points: points, status: row[status],
                                 plateauAlpha: Double(row[at]), height: Double(row[height]), exitAlpha: Double(row[exit])))
        }
        guard !marked.isEmpty else { return nil }

        // plateau.dat: per curve, its points (block 2k) and its plateau segment (block 2k + 1).
        var text = "# plateau.csv's curves and plateaus, written by `bnsim plot`: block 2k is curve k (alpha, eg, eg_se), block 2k+1 its plateau segment\n"
        for (k, m) in marked.enumerated() {
            text += (k > 0 ? "\n\n" : "") + "# index \(2 * k): \(m.name) \(m.run.id)\n" + m.points.joined(separator: "\n") + "\n"
            text += "\n\n# index \(2 * k + 1): plateau (\(m.status))\n"
            if let a = m.plateauAlpha, let h = m.height {
                let end = m.exitAlpha ?? (m.points.last.flatMap { Double($0.prefix { $0 != "\t" }) } ?? a)
                text += "\(GnuplotScript.number(a))\t\(GnuplotScript.number(h))\n\(GnuplotScript.number(end))\t\(GnuplotScript.number(h))\n"
            } else {
                text += "NaN\tNaN\n"
            }
        }
        data = text

        // Figures of at most twelve curves, whole runs together.
        var parts: [[Int]] = [[]]
        var runOrder: [String] = []
        for m in marked where !runOrder.contains(m.run.id) { runOrder.append(m.run.id) }
        for id in runOrder {
            let own = marked.indices.filter { marked[$0].run.id == id }
            if parts[parts.count - 1].count + own.count > GnuplotScript.maximumCurves, !parts[parts.count - 1].isEmpty { parts.append([]) }
            parts[parts.count - 1] += own
        }
        scripts = parts.enumerated().map { p, members in
            Self.script(name: parts.count == 1 ? "plateau" : "plateau-\(p + 1)", marked: marked, members: members)
        }
    }

    private static func script(name: String, marked: [Marked], members: [Int]) -> GnuplotScript {
        let q = GnuplotScript.quote, file = q(data)
        var body = ["set logscale xy", "set autoscale xfix", "set xlabel \(q("α = samples / N"))", "set ylabel \(q("generalization error ε_g"))",
                    "set format y \(q("10^{%L}"))",
                    "set title \(q("ε_g plateaus: flattest point (segment), exit where ε_g halves (dashed)")) noenhanced",
                    "set key outside right top Left reverse samplen 3"]
        var elements: [String] = []
        for (colour, k) in members.enumerated() {
            let m = marked[k], lt = colour + 1
            if let x = m.exitAlpha {
                body.append("set arrow from first \(GnuplotScript.number(x)), graph 0 to first \(GnuplotScript.number(x)), graph 1 nohead lt \(lt) dt 2 lw 1.5")
            }
            if m.simulation {
                // On a log axis a lower bar at or below zero cannot be drawn: it stops at the point.
                elements.append("\(file) index \(2 * k) using 1:2:($2-$3 > 0 ? $2-$3 : $2):($2+$3) with yerrorbars lt \(lt) pt \(GnuplotScript.pointTypes[colour % GnuplotScript.pointTypes.count]) "
                                + GnuplotScript.title(m.name))
            } else {
                elements.append("\(file) index \(2 * k) using 1:2 with lines lt \(lt) \(GnuplotScript.style(colour)) " + GnuplotScript.title(m.name))
            }
            elements.append("\(file) index \(2 * k + 1) using 1:2 with lines lt \(lt) dt 1 lw 6 notitle")
        }
        elements += ["NaN with lines lc rgb \(q("black")) dt 1 lw 6 title \(q("plateau height (flattest α → exit α)"))",
                     "NaN with lines lc rgb \(q("black")) dt 2 lw 1.5 title \(q("exit α (ε_g ≤ height / 2)"))"]
        body += GnuplotScript.plot(elements)
        return GnuplotScript(name: name, about: "ε_g against α (log–log) of the two-layer runs with their plateaus from plateau.csv.", width: 1500, body: body)
    }
}
