import Foundation

/// The figures of convex.csv (`bnsim convex`, docs/model.md §11), each drawn only when its data
/// exist: `eg_vs_alpha` (the optimum's and GD's test error against α), `gap_vs_width` (GD's
/// relative gap against the width, log–log) and `solve_time_vs_P` (solve time and pattern count
/// against P, log–log; needs two P in some group).
struct PlotConvexFigures {
    /// Gaps at or below this (round-off, including ≤ 0) are drawn at it: the axis is logarithmic.
    static let gapFloor = 1e-16
    /// solve_seconds has 1 ms resolution: a 0.000 is drawn at half of it.
    static let secondsFloor = 5e-4

    let files: [(name: String, contents: String)]
    let scripts: [GnuplotScript]

    init?(table: PlotTable) throws(PlotError) {
        let rows = try PlotConvexRows(table: table)
        guard !rows.rows.isEmpty else { return nil }
        var files: [(String, String)] = [], scripts: [GnuplotScript] = []
        for figure in [Self.egFigure(rows), Self.gapFigure(rows), Self.timeFigure(rows)] {
            guard let figure else { continue }
            files.append((figure.script.name + ".dat", figure.data))
            scripts.append(figure.script)
        }
        guard !scripts.isEmpty else { return nil }
        self.files = files
        self.scripts = scripts
    }

    private typealias Figure = (data: String, script: GnuplotScript)
    private static let q = GnuplotScript.quote

    /// Panels in a near-square layout: `set multiplot` and each panel's size.
    private static func layout(_ panels: Int, title: String) -> (lines: [String], width: Int, height: Int) {
        guard panels > 1 else { return (["set title \(q(title)) noenhanced"], 1280, 760) }
        let columns = min(panels, 3), rowCount = (panels + columns - 1) / columns
        return (["set multiplot layout \(rowCount),\(columns) title \(q(title)) noenhanced"], 620 * columns, 480 * rowCount + 60)
    }

    /// `set logscale` for an axis whose values span a wide enough positive range, else linear;
    /// with `range`, the end points inside the frame.
    private static func axis(_ name: String, _ values: [Double], logAbove ratio: Double, range: Bool = false) -> [String] {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return [] }
        let n = GnuplotScript.number
        guard low > 0, high / low >= ratio else {
            let margin = high > low ? (high - low) / 20 : max(abs(low) / 5, 0.1)
            return range ? ["set \(name)range [\(n(low - margin)):\(n(high + margin))]"] : []
        }
        return ["set logscale \(name)", "set format \(name) \(q("%g"))"] + (range ? ["set \(name)range [\(n(low / 1.2)):\(n(high * 1.2))]"] : [])
    }

    // MARK: eg_vs_alpha

    /// ε_g against α per group: mean ± s.e. over the instances at each α, for the optimum and GD at every width.
    private static func egFigure(_ rows: PlotConvexRows) -> Figure? {
        let series = ["global optimum (convex program)"] + rows.widths.map { "GD, best of the restarts, m = \($0)" }
        var text = "# ε_g against α from convex.csv, one block per (N, teacher, noise, λ), mean and s.e. over the instances, written by `bnsim plot`\n"
        text += "# alpha\tinstances\teg_optimum\teg_optimum_se" + rows.widths.map { "\teg_gd_m\($0)\teg_gd_m\($0)_se" }.joined() + "\n"
        var alphas: [Double] = [], values: [Double] = []
        for (k, _) in rows.groups.enumerated() {
            let mine = rows.rows.filter { $0.group == k }
            text += (k > 0 ? "\n\n" : "") + "# index \(k): \(rows.label(k))\n"
            for alpha in Set(mine.map(\.alpha)).sorted() {
                let at = mine.filter { $0.alpha == alpha }
                var cells = [PlotConvexRows.cell(alpha), String(at.count)]
                let columns = [at.compactMap(\.egOptimum)] + rows.widths.indices.map { w in at.compactMap { $0.egGD[w] } }
                for c in columns {
                    let (mean, error) = PlotConvexRows.meanAndError(c)
                    cells += [PlotConvexRows.cell(mean), PlotConvexRows.cell(error)]
                    values += c
                }
                alphas.append(alpha)
                text += cells.joined(separator: "\t") + "\n"
            }
        }
        guard !values.isEmpty else { return nil }
        let file = q("eg_vs_alpha.dat")
        let (head, width, height) = layout(rows.groups.count,
                                           title: "test error of the global optimum and of GD's best network, mean ± s.e. over the instances"
                                               + (rows.groups.count == 1 ? " (\(rows.label(0)))" : ""))
        var body = head + axis("x", alphas, logAbove: 10, range: true) + axis("y", values, logAbove: 20) + [
            "set xlabel \(q("α = P/N"))", "set ylabel \(q("test error ε_g"))", "set key top right Left reverse samplen 3",
        ]
        for (k, _) in rows.groups.enumerated() {
            if rows.groups.count > 1 { body.append("set title \(q(rows.label(k))) noenhanced") }
            body += GnuplotScript.plot(series.enumerated().map { s, name in
                "\(file) index \(k) using 1:\(3 + 2 * s):\(4 + 2 * s) with yerrorlines lt \(s % GnuplotScript.maximumCurves + 1) "
                    + (k == 0 ? GnuplotScript.title(name) : "notitle")
            })
        }
        if rows.groups.count > 1 { body.append("unset multiplot") }
        return (text, GnuplotScript(name: "eg_vs_alpha", about: "Test error of the convex program's global optimum and of GD's best network against α (convex.csv).",
                                    width: width, height: height, body: body))
    }

    // MARK: gap_vs_width

    /// GD's relative gap against m: one curve per instance (twelve at most), else the mean per
    /// (group, P); m* of the optimum marked under the curves.
    private static func gapFigure(_ rows: PlotConvexRows) -> Figure? {
        let withGap = rows.rows.filter { $0.gaps.contains { $0 != nil } }
        guard !rows.widths.isEmpty, !withGap.isEmpty else { return nil }
        let order = rows.widths.indices.sorted { rows.widths[$0] < rows.widths[$1] }
        let floor = GnuplotScript.number(gapFloor)
        struct Curve { var name: String; var lines: [String]; var neurons: Int }
        var curves: [Curve] = []
        let perInstance = withGap.count <= GnuplotScript.maximumCurves
        let groupLabel = { (k: Int) in rows.groups.count > 1 ? rows.label(k) + ", " : "" }
        if perInstance {
            for r in withGap {
                curves.append(Curve(name: "\(groupLabel(r.group))P = \(r.samples) (α = \(GnuplotScript.label(r.alpha))), instance \(r.instance)",
                                    lines: order.map { "\(rows.widths[$0])\t\(r.gapCells[$0].isEmpty ? "NaN" : r.gapCells[$0])" },
                                    neurons: r.neurons))
            }
        } else {
            var keys: [(group: Int, samples: Int)] = []
            for r in withGap where !keys.contains(where: { $0 == (r.group, r.samples) }) { keys.append((r.group, r.samples)) }
            for key in keys {
                let mine = withGap.filter { $0.group == key.group && $0.samples == key.samples }
                curves.append(Curve(name: "\(groupLabel(key.group))P = \(key.samples) (α = \(GnuplotScript.label(mine[0].alpha))), mean of \(mine.count)",
                                    lines: order.map { w in
                                        let (mean, error) = PlotConvexRows.meanAndError(mine.compactMap { $0.gaps[w].map { max($0, gapFloor) } })
                                        return "\(rows.widths[w])\t\(PlotConvexRows.cell(mean))\t\(PlotConvexRows.cell(error))"
                                    },
                                    neurons: mine.map(\.neurons).max() ?? 0))
            }
        }
        var text = "# GD's relative gap (J_GD − P_cvx)/P_cvx against the width m from convex.csv, written by `bnsim plot`\n"
        text += perInstance ? "# one block per instance: m\tgap (as in convex.csv; NaN where P_cvx = 0)\n"
            : "# one block per (N, teacher, noise, λ, P): m\tmean gap\ts.e. (gaps below \(floor) counted as \(floor))\n"
        text += "# then one block per curve: m_star of its optimum (the largest of the instances for a mean)\n"
        for (k, c) in curves.enumerated() {
            text += (k > 0 ? "\n\n" : "") + "# index \(k): \(c.name)\n" + c.lines.joined(separator: "\n") + "\n"
        }
        for (k, c) in curves.enumerated() {
            text += "\n\n# index \(curves.count + k): m_star of \(c.name)\n\(c.neurons > 0 ? String(c.neurons) : "NaN")\n"
        }
        let xs = rows.widths.map(Double.init) + curves.map { Double($0.neurons) }.filter { $0 > 0 }
        guard let xRange = GnuplotScript.logRange(xs, factor: 1.5) else { return nil }
        let gaps = withGap.flatMap { $0.gaps.compactMap { $0.map { max($0, gapFloor) } } }
        let high = max((gaps.max() ?? 1) * 10, gapFloor * 1000)
        let file = q("gap_vs_width.dat"), clamp = "($2 > \(floor) ? $2 : \(floor))"
        var elements = curves.enumerated().map { k, c in
            let lt = k % GnuplotScript.maximumCurves + 1
            return perInstance ? "\(file) index \(k) using 1:\(clamp) with linespoints lt \(lt) \(GnuplotScript.title(c.name))"
                : "\(file) index \(k) using 1:2:3 with yerrorlines lt \(lt) \(GnuplotScript.title(c.name))"
        }
        // Each curve's marker a little lower than the last, so equal m* stay visible.
        elements += curves.indices.map { k in
            let y = GnuplotScript.number(gapFloor / 2 / Double(1 << (k % 7)))
            return "\(file) index \(curves.count + k) using 1:(\(y)) with points lt \(k % GnuplotScript.maximumCurves + 1) pt 9 ps 2 notitle"
        }
        elements += ["\(floor) with lines lc rgb \(q("#888888")) dt 2 lw 1 \(GnuplotScript.title("gaps ≤ \(floor) (round-off, ≤ 0) drawn at \(floor)"))",
                     "NaN with points lc rgb \(q("black")) pt 9 ps 2.2 \(GnuplotScript.title("m*: neurons of the global optimum" + (perInstance ? "" : " (largest of the instances)")))"]
        var body = [
            "set title \(q("relative gap of GD (J_GD − P_cvx)/P_cvx" + (rows.groups.count == 1 ? " (\(rows.label(0)))" : ""))) noenhanced",
            "set logscale xy", "set format y \(q("10^{%L}"))",
            "set xrange [\(GnuplotScript.number(xRange.low)):\(GnuplotScript.number(xRange.high))]",
            "set yrange [\(GnuplotScript.number(gapFloor / 1000)):\(GnuplotScript.number(high))]",
            "set xlabel \(q("width m (neurons of the GD network)"))", "set ylabel \(q("relative gap, clamped at \(floor)"))",
            "set key outside right top Left reverse samplen 3",
        ]
        body += GnuplotScript.tics("x", at: xs)
        body += GnuplotScript.plot(elements)
        return (text, GnuplotScript(name: "gap_vs_width", about: "GD's relative gap to the convex optimum against the width, log-log (convex.csv).",
                                    width: 1500, height: 760, body: body))
    }

    // MARK: solve_time_vs_P

    /// solve_seconds and the pattern count against P, one curve per group (per N in a scaling
    /// study); several instances at one P are averaged. Drawn when some group has two P.
    private static func timeFigure(_ rows: PlotConvexRows) -> Figure? {
        guard rows.groups.indices.contains(where: { k in Set(rows.rows.filter { $0.group == k }.map(\.samples)).count > 1 }) else { return nil }
        var text = "# solve time and pattern count against P from convex.csv, one block per (N, teacher, noise, λ), mean over the instances, written by `bnsim plot`\n"
        text += "# P\tinstances\tsolve_seconds\tpatterns\tpatterns_general_position\tsampled (1 when a program used a subset of the patterns)\n"
        var ps: [Double] = [], seconds: [Double] = [], counts: [Double] = []
        for (k, _) in rows.groups.enumerated() {
            let mine = rows.rows.filter { $0.group == k }
            text += (k > 0 ? "\n\n" : "") + "# index \(k): \(rows.label(k))\n"
            for p in Set(mine.map(\.samples)).sorted() {
                let at = mine.filter { $0.samples == p }
                let s = PlotConvexRows.meanAndError(at.map(\.seconds)).mean, c = PlotConvexRows.meanAndError(at.map(\.patterns)).mean
                let g = PlotConvexRows.meanAndError(at.map(\.generalPositionPatterns)).mean
                text += [String(p), String(at.count), PlotConvexRows.cell(s), PlotConvexRows.cell(c), PlotConvexRows.cell(g),
                         at.contains(where: \.sampled) ? "1" : "0"].joined(separator: "\t") + "\n"
                ps.append(Double(p)); seconds.append(max(s, secondsFloor)); counts += [c, g]
            }
        }
        guard let xRange = GnuplotScript.logRange(ps), let tRange = GnuplotScript.logRange(seconds, factor: 2),
              let cRange = GnuplotScript.logRange(counts, factor: 2) else { return nil }
        let file = q("solve_time_vs_P.dat"), floor = GnuplotScript.number(secondsFloor)
        let name = { (k: Int) in rows.groups.count > 1 ? rows.label(k) : "" }
        func title(_ k: Int, _ what: String) -> String {
            let label = [name(k), what].filter { !$0.isEmpty }.joined(separator: ": ")
            return label.isEmpty ? "notitle" : GnuplotScript.title(label)
        }
        var body = [
            "set multiplot layout 1,2 title \(q("cost of the convex program against the number of samples P" + (rows.groups.count == 1 ? " (\(rows.label(0)))" : ""))) noenhanced",
            "set logscale xy", "set format y \(q("%g"))",
            "set xrange [\(GnuplotScript.number(xRange.low)):\(GnuplotScript.number(xRange.high))]",
            "set xlabel \(q("samples P"))", "set key top left Left reverse samplen 3",
        ] + GnuplotScript.tics("x", at: ps) + [
            "set title \(q("solve time (patterns + program + certificate); 0.000 s drawn at \(floor) s")) noenhanced",
            "set yrange [\(GnuplotScript.number(tRange.low)):\(GnuplotScript.number(tRange.high))]",
            "set ylabel \(q("solve time (s)"))",
        ]
        body += GnuplotScript.plot(rows.groups.indices.map { k in
            "\(file) index \(k) using 1:($3 > \(floor) ? $3 : \(floor)) with linespoints lt \(k % GnuplotScript.maximumCurves + 1) \(title(k, ""))"
        })
        body += [
            "set title \(q("patterns: in the program (solid), in general position (dashed)")) noenhanced",
            "set yrange [\(GnuplotScript.number(cRange.low)):\(GnuplotScript.number(cRange.high))]",
            "set ylabel \(q("number of patterns"))", "set format y \(q("10^{%L}"))",
        ]
        var counted: [String] = []
        for k in rows.groups.indices {
            let lt = k % GnuplotScript.maximumCurves + 1
            counted += ["\(file) index \(k) using 1:4 with linespoints lt \(lt) \(title(k, ""))",
                        "\(file) index \(k) using 1:5 with lines lt \(lt) dt 2 notitle",
                        "\(file) index \(k) using 1:($6 > 0 ? $4 : NaN) with points lt \(lt) pt 4 ps 2.2 notitle"]
        }
        if rows.rows.contains(where: \.sampled) { counted.append("NaN with points lc rgb \(q("black")) pt 4 ps 2.2 \(GnuplotScript.title("sampled: a subset of the patterns (P_cvx an upper bound)"))") }
        body += GnuplotScript.plot(counted)
        body.append("unset multiplot")
        return (text, GnuplotScript(name: "solve_time_vs_P", about: "Solve time and pattern count of the convex program against P (convex.csv).",
                                    width: 1500, height: 620, body: body))
    }
}
