import Foundation

/// The figures against α: ε_g (`eg`), the order parameters Q, R, r, γ (`order_parameters`) and
/// η_eff (`eta_eff`), theory as lines and simulation seed means ± standard error as points.
/// With more than twelve theory curves the runs are split into figures per batch size M when
/// each fits (`eg-M4`, or `eg-bn-M4` for a single method), else per (method, M) — `eg-sgd-M4` … —
/// and further into parts of at most twelve curves.
struct PlotAlphaFigures {
    static let theoryData = "theory.dat"
    static let simulationData = "simulation.dat"

    struct Observable {
        let name: String
        let label: String
        let theoryColumn: Int       // 1-based columns of theory.dat / simulation.dat
        let simulationColumn: Int
        let logCandidate: Bool
    }
    static let eg = Observable(name: "eg", label: "generalization error ε_g", theoryColumn: 7, simulationColumn: 12, logCandidate: true)
    static let Q = Observable(name: "Q", label: "Q = w·w / N", theoryColumn: 2, simulationColumn: 2, logCandidate: true)
    static let R = Observable(name: "R", label: "R = w·w^* / N", theoryColumn: 3, simulationColumn: 4, logCandidate: false)
    static let r = Observable(name: "r", label: "r = R / √Q", theoryColumn: 4, simulationColumn: 6, logCandidate: false)
    static let gamma = Observable(name: "gamma", label: "γ", theoryColumn: 5, simulationColumn: 8, logCandidate: false)
    static let etaEff = Observable(name: "eta_eff", label: "η_{eff} = η γ / Q", theoryColumn: 6, simulationColumn: 10, logCandidate: true)

    let curves: PlotCurves
    let labels: PlotLabels
    /// Block index of every curve in its data file.
    let theoryIndex: [Int]
    let simulationIndex: [Int]

    init(curves: PlotCurves) {
        self.curves = curves
        labels = PlotLabels(runs: curves.runs, swept: curves.swept)
        theoryIndex = Array(curves.theory.indices)
        simulationIndex = Array(curves.simulation.indices)
    }

    /// theory.dat and simulation.dat: one block (gnuplot `index`) per curve.
    var dataFiles: [(name: String, contents: String)] {
        func file(_ curves: [PlotCurve], columns: [String], what: String) -> String {
            var text = "# \(what), written by `bnsim plot`: one block (gnuplot index 0, 1, …) per curve\n# \(columns.joined(separator: "\t"))\n"
            for (k, c) in curves.enumerated() {
                text += (k > 0 ? "\n\n" : "") + "# index \(k): \(labels.label(c.run))\(c.variant.map { " (\($0))" } ?? "") \(c.run.id)\(c.completed ? "" : " diverged")\n"
                text += c.lines.joined(separator: "\n") + "\n"
            }
            return text
        }
        var files: [(String, String)] = []
        if !curves.theory.isEmpty { files.append((Self.theoryData, file(curves.theory, columns: PlotCurves.theoryColumns, what: "theory.csv"))) }
        if !curves.simulation.isEmpty {
            files.append((Self.simulationData, file(curves.simulation, columns: PlotCurves.simulationColumns, what: "simulation.csv, seed means (seed = all)")))
        }
        return files
    }

    /// The runs of each figure and the figure's name suffix.
    var groups: [(suffix: String, runs: [String])] {
        func theoryCount(_ ids: [String]) -> Int { curves.theory.filter { ids.contains($0.run.id) }.count }
        let all = curves.runs.map(\.id)
        func fits(_ ids: [String]) -> Bool { ids.count <= GnuplotScript.maximumCurves && theoryCount(ids) <= GnuplotScript.maximumCurves }
        if fits(all) { return [("", all)] }
        // First choice: one figure per batch size, so that methods can be compared in it (named
        // -M4, or -bn-M4 when it holds one method).
        var sizes: [String] = [], bySize: [String: [PlotRun]] = [:]
        for run in curves.runs {
            if bySize[run.batchSize] == nil { sizes.append(run.batchSize) }
            bySize[run.batchSize, default: []].append(run)
        }
        if sizes.count > 1, sizes.allSatisfy({ fits(bySize[$0]!.map(\.id)) }) {
            return sizes.map { M in
                let runs = bySize[M]!, methods = Set(runs.map(\.method))
                return ((methods.count == 1 ? "-\(runs[0].method)" : "") + "-M\(M)", runs.map(\.id))
            }
        }
        var order: [String] = [], members: [String: [String]] = [:]
        for run in curves.runs {
            let key = "-\(run.method)-M\(run.batchSize)"
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(run.id)
        }
        var groups: [(String, [String])] = []
        for key in order {
            var parts: [[String]] = [[]]
            for id in members[key]! {
                if parts[parts.count - 1].count == GnuplotScript.maximumCurves
                    || theoryCount(parts[parts.count - 1] + [id]) > GnuplotScript.maximumCurves { parts.append([]) }
                parts[parts.count - 1].append(id)
            }
            if parts.count == 1 { groups.append((key, parts[0])) } else {
                for (k, p) in parts.enumerated() { groups.append(("\(key)-\(k + 1)", p)) }
            }
        }
        return groups
    }

    /// Scripts of all groups.
    var scripts: [GnuplotScript] {
        groups.flatMap { group in
            [egScript(group.suffix, group.runs), orderParameterScript(group.suffix, group.runs), etaEffScript(group.suffix, group.runs)]
        }
    }

    // MARK: - Pieces

    /// The figure's curves in key order: each theory curve (run × variant) and each simulation
    /// curve of a run without theory, with its colour (by run) and style index (by curve).
    private func styled(runs: [String]) -> (theory: [(k: Int, colour: Int, style: Int)], simulation: [(k: Int, colour: Int, style: Int, titled: Bool)]) {
        var theory: [(Int, Int, Int)] = [], simulation: [(Int, Int, Int, Bool)] = [], style = 0
        for (colour, id) in runs.enumerated() {
            let own = curves.theory.indices.filter { curves.theory[$0].run.id == id }
            let first = style
            for k in own { theory.append((k, colour + 1, style)); style += 1 }
            if let k = curves.simulation.indices.first(where: { curves.simulation[$0].run.id == id }) {
                // Simulation points take the shape of their run's first theory curve.
                simulation.append((k, colour + 1, own.isEmpty ? style : first, own.isEmpty))
                if own.isEmpty { style += 1 }
            }
        }
        return (theory, simulation)
    }

    private func theoryName(_ c: PlotCurve) -> String {
        labels.label(c.run) + (c.run.method == "bn" ? " (\(c.variant ?? ""))" : "")
    }

    /// The theory lines (with a point every few samples) and simulation points of one observable
    /// for the runs of a group, and a × where a run diverged (at its last α, held inside the
    /// panel); `titled` puts the run names into the key.
    private func elements(_ o: Observable, runs: [String], titled: Bool, range: (Double, Double)?) -> [String] {
        var out: [String] = []
        let (theory, simulation) = styled(runs: runs)
        func clipped(_ column: Int) -> String {
            guard let (low, high) = range else { return "\(column)" }
            return "($\(column) > \(GnuplotScript.number(high)) ? \(GnuplotScript.number(high)) : $\(column) < \(GnuplotScript.number(low)) ? \(GnuplotScript.number(low)) : $\(column))"
        }
        func diverged(_ c: PlotCurve, file: String, index: Int, column: Int, colour: Int) -> [String] {
            guard !c.completed, !c.lines.isEmpty else { return [] }
            let last = c.lines.count - 1
            return ["\(GnuplotScript.quote(file)) index \(index) every ::\(last)::\(last) using 1:\(clipped(column)) with points lt \(colour) \(GnuplotScript.divergedPoint) notitle"]
        }
        for t in theory {
            let c = curves.theory[t.k]
            let interval = max(1, c.lines.count / 8)
            out.append("\(GnuplotScript.quote(Self.theoryData)) index \(theoryIndex[t.k]) using 1:\(o.theoryColumn) with linespoints lt \(t.colour) \(GnuplotScript.style(t.style)) pi -\(interval) "
                       + (titled ? GnuplotScript.title(theoryName(c)) : "notitle"))
            out += diverged(c, file: Self.theoryData, index: theoryIndex[t.k], column: o.theoryColumn, colour: t.colour)
        }
        for s in simulation {
            let c = curves.simulation[s.k]
            let y = o.simulationColumn, se = y + 1
            // On a log axis a lower bar at or below zero cannot be drawn: it stops at the point.
            let low = "($\(y)-$\(se) > 0 ? $\(y)-$\(se) : $\(y))"
            out.append("\(GnuplotScript.quote(Self.simulationData)) index \(simulationIndex[s.k]) using 1:\(y):\(low):($\(y)+$\(se)) with yerrorbars lt \(s.colour) pt \(GnuplotScript.pointTypes[s.style % GnuplotScript.pointTypes.count]) "
                       + (titled && s.titled ? GnuplotScript.title(labels.label(c.run) + " (simulation)") : "notitle"))
            out += diverged(c, file: Self.simulationData, index: simulationIndex[s.k], column: y, colour: s.colour)
        }
        return out
    }

    /// Black key entries explaining lines and points, when both are drawn, and the diverged mark.
    private func legendFooter(runs: [String]) -> [String] {
        let theory = curves.theory.filter { runs.contains($0.run.id) }, simulation = curves.simulation.filter { runs.contains($0.run.id) }
        var footer: [String] = []
        if !theory.isEmpty && !simulation.isEmpty {
            footer += ["NaN with lines lc rgb \(GnuplotScript.quote("black")) lw 2 title \(GnuplotScript.quote("theory (N → ∞)"))",
                       "NaN with points lc rgb \(GnuplotScript.quote("black")) pt 7 title \(GnuplotScript.quote("simulation: seed mean ± s.e."))"]
        }
        if (theory + simulation).contains(where: { !$0.completed }) {
            footer.append("NaN with points lc rgb \(GnuplotScript.quote("black")) \(GnuplotScript.divergedPoint) title \(GnuplotScript.quote("diverged here (last α reached)"))")
        }
        return footer
    }

    /// A log axis for positive observables, and — when a run diverged — the range that fits the
    /// runs that completed (a diverged run leaves through the top or bottom of the panel; its ×
    /// stays on the edge).
    private func yScale(_ o: Observable, runs: [String]) -> (log: Bool, range: (Double, Double)?) {
        let theory = curves.theory.filter { runs.contains($0.run.id) }
        let simulation = curves.simulation.filter { runs.contains($0.run.id) }
        let values = theory.map { ($0, o.theoryColumn - 1) } + simulation.map { ($0, o.simulationColumn - 1) }
        let all = values.flatMap { c, k in c.allValues.map { $0[k] } }
        let log = o.logCandidate && !all.isEmpty && all.allSatisfy { $0 > 0 }
        let completed = values.filter { $0.0.completed }.flatMap { c, k in c.allValues.map { $0[k] } }
        guard values.contains(where: { !$0.0.completed }), let low = completed.min(), let high = completed.max(), high > low else { return (log, nil) }
        let pad = (high - low) / 10
        return (log, log ? (low / 3, high * 3) : (low - pad, high + pad))
    }

    private func yAxis(_ o: Observable, scale: (log: Bool, range: (Double, Double)?)) -> [String] {
        var lines = ["set autoscale y"]
        lines += scale.log ? ["set logscale y", o.name == "eg" ? "set format y \(GnuplotScript.quote("10^{%L}"))" : "set format y \(GnuplotScript.quote("%g"))"]
                           : ["unset logscale y", "set format y \(GnuplotScript.quote("%g"))"]
        if let range = scale.range { lines.append("set yrange [\(GnuplotScript.number(range.0)):\(GnuplotScript.number(range.1))]") }
        return lines
    }

    private func plotLines(_ o: Observable, runs: [String], titled: Bool, footer: [String]) -> [String] {
        let scale = yScale(o, runs: runs)
        return yAxis(o, scale: scale) + GnuplotScript.plot(elements(o, runs: runs, titled: titled, range: scale.range) + footer)
    }

    private func heading(_ what: String, _ suffix: String) -> String {
        let part = suffix.isEmpty ? "" : " (runs \(suffix.dropFirst().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: " M", with: " M=")))"
        return "set title \(GnuplotScript.quote("\(what)\(part)")) noenhanced"
    }

    private func single(_ o: Observable, name: String, what: String, suffix: String, runs: [String]) -> GnuplotScript {
        let body = ["set logscale x", "set autoscale xfix", "set xlabel \(GnuplotScript.quote("α = samples / N"))", "set ylabel \(GnuplotScript.quote(o.label))",
                    heading(what, suffix), "set key outside right top Left reverse samplen 3"]
            + plotLines(o, runs: runs, titled: true, footer: legendFooter(runs: runs))
        return GnuplotScript(name: name + suffix, about: "\(what): theory lines, simulation seed means ± standard error.", body: body)
    }

    func egScript(_ suffix: String, _ runs: [String]) -> GnuplotScript {
        single(Self.eg, name: "eg", what: "Generalization error", suffix: suffix, runs: runs)
    }

    func etaEffScript(_ suffix: String, _ runs: [String]) -> GnuplotScript {
        single(Self.etaEff, name: "eta_eff", what: "Effective learning rate", suffix: suffix, runs: runs)
    }

    /// Q, R, r and γ in a 2 × 2 multiplot with the key in a column of its own.
    func orderParameterScript(_ suffix: String, _ runs: [String]) -> GnuplotScript {
        let panels = [Self.Q, Self.R, Self.r, Self.gamma]
        let origins = [(0.0, 0.48), (0.37, 0.48), (0.0, 0.0), (0.37, 0.0)]
        let part = suffix.isEmpty ? "" : " (runs \(suffix.dropFirst().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: " M", with: " M=")))"
        var body = ["set multiplot title \(GnuplotScript.quote("Order parameters: theory lines, simulation seed means ± s.e.\(part)")) noenhanced",
                    "set logscale x", "set autoscale xfix", "set xlabel \(GnuplotScript.quote("α = samples / N"))"]
        for (o, origin) in zip(panels, origins) {
            body += ["set origin \(origin.0),\(origin.1)", "set size 0.37,0.46", "unset key", "set ylabel \(GnuplotScript.quote(o.label))"]
            body += plotLines(o, runs: runs, titled: false, footer: [])
        }
        // The key: every curve's style, drawn from nothing (NaN) in an empty panel.
        let (theory, simulation) = styled(runs: runs)
        var key: [String] = theory.map { t in
            "NaN with linespoints lt \(t.colour) \(GnuplotScript.style(t.style)) " + GnuplotScript.title(theoryName(curves.theory[t.k]))
        }
        key += simulation.filter(\.titled).map { s in
            "NaN with points lt \(s.colour) pt \(GnuplotScript.pointTypes[s.style % GnuplotScript.pointTypes.count]) "
                + GnuplotScript.title(labels.label(curves.simulation[s.k].run) + " (simulation)")
        }
        body += ["set origin 0.74,0.0", "set size 0.26,0.94", "unset border", "unset tics", "unset xlabel", "unset ylabel",
                 "unset logscale", "unset grid", "set xrange [0:1]", "set yrange [0:1]", "set key center center Left reverse samplen 3"]
        body += GnuplotScript.plot(key + legendFooter(runs: runs))
        body.append("unset multiplot")
        return GnuplotScript(name: "order_parameters" + suffix, about: "Order parameters Q, R, r, γ against α: theory lines, simulation seed means ± standard error.",
                             width: 1500, height: 900, body: body)
    }
}
