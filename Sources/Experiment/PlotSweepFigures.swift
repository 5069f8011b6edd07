import Foundation

/// `eg_vs_eta`: for sweeps over the learning rate, ε_g at the end of training (α_max) against η,
/// one theory line per (method, M, theory variant) and the simulation's seed means ± s.e. as
/// points. Runs that diverged before α_max have no point: their lines simply end.
struct PlotEtaFigure {
    static let data = "eg_vs_eta.dat"
    let data: String
    let script: GnuplotScript

    init?(curves: PlotCurves, labels: PlotLabels) {
        struct Series { var name: String; var colour: Int; var dash: Int; var points: [(eta: Double, line: String)] = [] }
        var colours: [String] = []
        func colour(_ key: String) -> Int {
            if let k = colours.firstIndex(of: key) { return k }
            colours.append(key)
            return colours.count - 1
        }
        func collect(_ list: [PlotCurve], columns: [Int], variantName: Bool) -> [Series] {
            var series: [Series] = [], index: [String: Int] = [:]
            for c in list {
                let key = labels.label(c.run, excluding: ["learning_rate"])
                let name = key + (variantName && c.run.method == "bn" ? " (\(c.variant ?? ""))" : "")
                if index[name] == nil {
                    index[name] = series.count
                    series.append(Series(name: name, colour: colour(key), dash: c.variant == "pn" ? 2 : c.variant == "loss" ? 4 : 1))
                }
                guard c.completed, let last = c.lines.last else { continue }
                let cells = last.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                series[index[name]!].points.append((c.run.learningRate, ([c.run.keys["learning_rate"] ?? ""] + columns.map { cells[$0] }).joined(separator: "\t")))
            }
            return series.map { s in var s = s; s.points.sort { $0.eta < $1.eta }; return s }
        }
        let theory = collect(curves.theory, columns: [0, 6], variantName: true)
        let simulation = collect(curves.simulation, columns: [0, 11, 12], variantName: false)
        let etas = Set(curves.runs.map(\.learningRate))
        guard etas.count > 1, etas.allSatisfy({ $0 > 0 }) else { return nil }
        // Only a sweep in which η varies with everything else fixed makes a curve against η (not,
        // e.g., η tied to M by sweep.cases).
        guard (theory + simulation).contains(where: { $0.points.count > 1 }) else { return nil }

        var text = "# ε_g at the last α of every run that completed, against η, written by `bnsim plot`\n"
        text += "# theory blocks: eta\talpha\teg; simulation blocks: eta\talpha\teg\teg_se; last block: eta of runs that diverged\n"
        var elements: [String] = [], block = 0
        let alphas = Set((theory + simulation).flatMap { $0.points.map { $0.line.split(separator: "\t")[1] } })
        // Every value drawn, for ranges with the end points inside the frame.
        var xs: [Double] = [], ys: [Double] = []
        for s in theory + simulation {
            for p in s.points {
                let cells = p.line.split(separator: "\t").compactMap { Double($0) }
                xs.append(p.eta)
                ys.append(cells[2])
                if cells.count > 3 { ys += [cells[2] - cells[3], cells[2] + cells[3]] }
            }
        }
        let diverged = Set((curves.theory + curves.simulation).filter { !$0.completed }.map(\.run.learningRate)).sorted()
        xs += diverged
        guard let xRange = GnuplotScript.logRange(xs), let yRange = GnuplotScript.logRange(ys, factor: 1.6) else { return nil }
        for (index, (s, isTheory)) in (theory.map({ ($0, true) }) + simulation.map({ ($0, false) })).enumerated() where !s.points.isEmpty {
            text += (block > 0 ? "\n\n" : "") + "# index \(block): \(isTheory ? "theory" : "simulation") \(s.name)\n"
            text += s.points.map(\.line).joined(separator: "\n") + "\n"
            let lt = s.colour % GnuplotScript.maximumCurves + 1
            if isTheory {
                elements.append("\(GnuplotScript.quote(Self.data)) index \(block) using 1:3 with linespoints lt \(lt) \(GnuplotScript.style(index)) " + GnuplotScript.title(s.name))
            } else {
                let partner = theory.firstIndex { $0.colour == s.colour && !$0.points.isEmpty }
                elements.append("\(GnuplotScript.quote(Self.data)) index \(block) using 1:3:($3-$4 > 0 ? $3-$4 : $3):($3+$4) with yerrorbars lt \(lt) pt \(GnuplotScript.pointTypes[(partner ?? index) % GnuplotScript.pointTypes.count]) ps 1.2 "
                                + (partner != nil ? "notitle" : GnuplotScript.title(s.name + " (simulation)")))
            }
            block += 1
        }
        guard block > 0 else { return nil }
        if !theory.allSatisfy({ $0.points.isEmpty }) && !simulation.allSatisfy({ $0.points.isEmpty }) {
            elements += ["NaN with lines lc rgb \(GnuplotScript.quote("black")) lw 2 title \(GnuplotScript.quote("theory (N → ∞)"))",
                         "NaN with points lc rgb \(GnuplotScript.quote("black")) pt 7 title \(GnuplotScript.quote("simulation: seed mean ± s.e."))"]
        }
        if !diverged.isEmpty {
            // Runs that diverged have no ε_g: a × on the top edge at their η says so.
            text += "\n\n# index \(block): η of runs that diverged before the last α (drawn at the top)\n"
            text += diverged.map { GnuplotScript.number($0) }.joined(separator: "\n") + "\n"
            elements.append("\(GnuplotScript.quote(Self.data)) index \(block) using 1:(\(GnuplotScript.number(yRange.high / 1.25))) with points lc rgb \(GnuplotScript.quote("black")) \(GnuplotScript.divergedPoint) "
                            + GnuplotScript.title("diverged (some run at this η)"))
        }
        data = text
        let at = alphas.count == 1 ? "α = \(PlotLabels.short(String(alphas.first!)))" : "the last α"
        let decades = log10(yRange.high / yRange.low)
        script = GnuplotScript(name: "eg_vs_eta", about: "ε_g at the end of training against the learning rate η.", body: [
            "set logscale xy",
            "set xrange [\(GnuplotScript.number(xRange.low)):\(GnuplotScript.number(xRange.high))]",
            "set yrange [\(GnuplotScript.number(yRange.low)):\(GnuplotScript.number(yRange.high))]",
        ] + GnuplotScript.tics("x", at: xs) + [
            decades > 2.5 ? "set format y \(GnuplotScript.quote("10^{%L}"))" : "set format y \(GnuplotScript.quote("%g"))",
        ] + [GnuplotScript.logTics("y", low: yRange.low, high: yRange.high)].compactMap { $0 } + [
            "set xlabel \(GnuplotScript.quote("learning rate η"))", "set ylabel \(GnuplotScript.quote("ε_g at \(at)"))",
            "set title \(GnuplotScript.quote("Generalization error at \(at) against η")) noenhanced",
            "set key outside right top Left reverse samplen 3",
        ] + GnuplotScript.plot(elements))
    }
}

/// `lr_max_vs_M`: from lr_max.csv, the edges of the learning-rate window (η_low, η_high), the
/// divergence limit η_div and the local linear-stability bound (on η for sgd, on η_eff for the
/// normalized methods) against the batch size M, one panel per method on one shared y-range,
/// theory as lines and simulation as open points. Where the window is open above, the largest η
/// tried (all converged) is marked by a triangle instead of η_high.
struct PlotLrMaxFigure {
    static let data = "lr_max.dat"
    let data: String
    let script: GnuplotScript

    /// Column, key text, whether it is drawn only for windows open above, whether it is the local bound on η_eff.
    static let quantities: [(column: String, title: String, openAboveOnly: Bool, localParameter: String?)] = [
        ("eta_low", "η_{low}: lower edge of the window", false, nil),
        ("eta_high", "η_{high}: upper edge of the window", false, nil),
        ("eta_div", "η_{div}: divergence limit", false, nil),
        ("eta_largest_converged", "largest η tried, window open above", true, nil),
        ("local_bound", "local stability bound on η", false, "eta"),
        ("local_bound", "local stability bound on η_{eff} (not η)", false, "eta_eff"),
    ]

    init?(table: PlotTable) throws(PlotError) {
        let runID = try table.column("run_id"), engine = try table.column("engine"), status = try table.column("window_status")
        let batch = try table.column("batch_size"), localParameter = try table.column("local_parameter")
        let columns = try Self.quantities.map { (q) throws(PlotError) -> Int in try table.column(q.column) }
        var runs: [PlotRun] = [], seen: Set<String> = []
        for row in table.rows where !seen.contains(row[runID]) {
            seen.insert(row[runID])
            var keys: [String: String] = [:]
            for c in PlotLabels.keyColumns + table.sweptColumns { if let k = table.header.firstIndex(of: c) { keys[c] = row[k] } }
            runs.append(PlotRun(id: row[runID], keys: keys))
        }
        let labels = PlotLabels(runs: runs, swept: table.sweptColumns)
        func panel(_ run: PlotRun) -> String { labels.label(run, excluding: ["learning_rate", "batch_size"]) }
        var panels: [String] = []
        for run in runs where !panels.contains(panel(run)) { panels.append(panel(run)) }
        let byID = Dictionary(uniqueKeysWithValues: runs.map { ($0.id, $0) })
        func drawn(_ row: [String], _ q: Int) -> Bool {
            let quantity = Self.quantities[q]
            return !row[columns[q]].isEmpty && (!quantity.openAboveOnly || row[status] == "unbounded_above")
                && (quantity.localParameter == nil || row[localParameter] == quantity.localParameter)
        }
        let values = table.rows.flatMap { row in columns.indices.filter { drawn(row, $0) }.compactMap { Double(row[columns[$0]]) } }
        // One y-range for all panels, with room for the markers at its ends.
        guard let yRange = GnuplotScript.logRange(values, factor: 1.6) else { return nil }

        var text = "# lr_max.csv by panel, quantity and engine, written by `bnsim plot`: one block per series\n# batch_size\teta\n"
        let ms = Set(table.rows.compactMap { Double($0[batch]) }).sorted()
        var block = 0, body = ["set logscale xy 2", "set logscale y 10", "set format y \(GnuplotScript.quote("%g"))", "set xlabel \(GnuplotScript.quote("batch size M"))",
                                "set ylabel \(GnuplotScript.quote("learning rate η"))", "unset key",
                                "set xrange [\(GnuplotScript.number((ms.first ?? 1) / 1.5)):\(GnuplotScript.number((ms.last ?? 1) * 1.5))]",
                                "set yrange [\(GnuplotScript.number(yRange.low)):\(GnuplotScript.number(yRange.high))]"]
            + GnuplotScript.tics("x", at: ms)
        let cells = panels.count + 1, cols = min(cells, 4), rows = (cells + cols - 1) / cols
        body.insert("set multiplot layout \(rows),\(cols) title \(GnuplotScript.quote("Learning-rate limits against batch size: theory lines, simulation open points")) noenhanced", at: 0)
        var used = Set<Int>()
        for name in panels {
            var elements: [String] = []
            for q in Self.quantities.indices {
                for e in ["theory", "simulation"] {
                    let points = table.rows.filter { row in row[engine] == e && panel(byID[row[runID]]!) == name && drawn(row, q) }
                        .sorted { (Double($0[batch]) ?? 0) < (Double($1[batch]) ?? 0) }
                    guard !points.isEmpty else { continue }
                    used.insert(q)
                    text += (block > 0 ? "\n\n" : "") + "# index \(block): \(name) \(Self.quantities[q].column)\(Self.quantities[q].localParameter.map { " on \($0)" } ?? "") \(e)\n"
                    text += points.map { "\($0[batch])\t\($0[columns[q]])" }.joined(separator: "\n") + "\n"
                    let style = e == "theory" ? "linespoints lt \(q + 1) pt \(Self.point(q, filled: true))"
                                              : "points lt \(q + 1) pt \(Self.point(q, filled: false)) ps 1.8"
                    elements.append("\(GnuplotScript.quote(Self.data)) index \(block) using 1:2 with \(style) notitle")
                    block += 1
                }
            }
            body += ["set title \(GnuplotScript.quote(name)) noenhanced"] + GnuplotScript.plot(elements.isEmpty ? ["NaN notitle"] : elements)
        }
        guard block > 0 else { return nil }
        var key: [String] = Self.quantities.indices.filter { used.contains($0) }.map { q in
            "NaN with linespoints lt \(q + 1) pt \(Self.point(q, filled: true)) title \(GnuplotScript.quote(Self.quantities[q].title))"
        }
        key += ["NaN with lines lc rgb \(GnuplotScript.quote("black")) lw 2 title \(GnuplotScript.quote("theory"))", "NaN with points lc rgb \(GnuplotScript.quote("black")) pt 6 ps 1.8 title \(GnuplotScript.quote("simulation"))"]
        body += ["unset title", "unset border", "unset tics", "unset xlabel", "unset ylabel", "unset logscale", "unset grid",
                 "set xrange [0:1]", "set yrange [0:1]", "set key center center Left reverse samplen 3"]
        body += GnuplotScript.plot(key) + ["unset multiplot"]
        data = text
        script = GnuplotScript(name: "lr_max_vs_M", about: "Learning-rate window edges, divergence limit and local stability bound against batch size, per method.",
                               width: 400 * cols, height: 420 * rows + 60, body: body)
    }

    /// Quantity q's point shape: filled for theory, the same shape open for simulation.
    static func point(_ q: Int, filled: Bool) -> Int {
        let shapes = [(7, 6), (5, 4), (13, 12), (9, 8), (11, 10), (3, 1)]
        return filled ? shapes[q].0 : shapes[q].1
    }
}
