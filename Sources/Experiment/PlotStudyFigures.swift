import Foundation

/// `jitter_vs_M`: from jitter.csv, the spread of BN's decision boundary (in units of the
/// population scale) and the fraction of samples BN switches differently from population
/// normalization, against M: predictions as lines, measurements as points ± s.e.
struct PlotJitterFigure {
    static let data = "jitter.dat"
    let data: String
    let script: GnuplotScript

    init?(table: PlotTable) throws(PlotError) {
        let names = ["M", "threshold_sd", "threshold_sd_se", "threshold_sd_predicted", "flip_rate", "flip_rate_se", "flip_rate_predicted"]
        let columns = try names.map { (name: String) throws(PlotError) -> Int in try table.column(name) }
        // One series per value of the swept keys other than the batch size.
        let groupColumns = try table.sweptColumns.filter { $0 != "training.batch_size" }.map { (c: String) throws(PlotError) -> Int in try table.column(c) }
        func group(_ row: [String]) -> String {
            groupColumns.map { "\(PlotLabels.shortKey(table.header[$0]))=\(PlotLabels.short(row[$0]))" }.joined(separator: " ")
        }
        var groups: [String] = []
        for row in table.rows where !groups.contains(group(row)) { groups.append(group(row)) }
        guard !groups.isEmpty else { return nil }
        var text = "# jitter.csv by series, sorted by M, written by `bnsim plot`\n# \(names.joined(separator: "\t"))\n"
        for (k, name) in groups.enumerated() {
            let rows = table.rows.filter { group($0) == name }.sorted { (Int($0[columns[0]]) ?? 0) < (Int($1[columns[0]]) ?? 0) }
            text += (k > 0 ? "\n\n" : "") + "# index \(k): \(name.isEmpty ? "all runs" : name)\n"
            text += rows.map { row in columns.map { row[$0].isEmpty ? "NaN" : row[$0] }.joined(separator: "\t") }.joined(separator: "\n") + "\n"
        }
        data = text
        let ms = table.rows.compactMap { Double($0[columns[0]]) }
        let range = "set xrange [\(GnuplotScript.number((ms.min() ?? 2) / 1.4)):\(GnuplotScript.number((ms.max() ?? 2) * 1.4))]"
        let file = GnuplotScript.quote(Self.data)
        var body = [
            "set multiplot layout 1,2 title \(GnuplotScript.quote("BN's decision boundary from batch to batch: prediction (lines) vs real batches (points ± s.e.)")) noenhanced",
            "set logscale xy 2", "set logscale y 10", range, "set format y \(GnuplotScript.quote("%g"))", "set xlabel \(GnuplotScript.quote("batch size M"))",
            "set key top right Left reverse samplen 3",
            "set title \(GnuplotScript.quote("boundary offset from population normalization")) noenhanced",
            "set ylabel \(GnuplotScript.quote("s.d. of the offset, in units of √Q"))",
        ]
        func series(predicted: Int, measured: Int, error: Int, what: String) -> [String] {
            groups.enumerated().flatMap { k, name -> [String] in
                let lt = k % GnuplotScript.maximumCurves + 1, label = name.isEmpty ? "" : name + ": "
                // A series without a prediction (the switched fraction at β ≠ 0) gets no line.
                let predictedColumn = columns[predicted - 1]
                let hasPrediction = table.rows.contains { group($0) == name && !$0[predictedColumn].isEmpty }
                return (hasPrediction ? ["\(file) index \(k) using 1:\(predicted) with lines lt \(lt) " + GnuplotScript.title(label + "predicted" + what)] : [])
                    + ["\(file) index \(k) using 1:\(measured):\(error) with yerrorbars lt \(lt) pt 7 ps 1.2 " + GnuplotScript.title(label + "measured")]
            }
        }
        body += GnuplotScript.plot(series(predicted: 4, measured: 2, error: 3, what: ""))
        body += ["set title \(GnuplotScript.quote("samples switched differently from population normalization")) noenhanced",
                 "set ylabel \(GnuplotScript.quote("fraction of the batch"))"]
        body += GnuplotScript.plot(series(predicted: 7, measured: 5, error: 6, what: ": arcsin(1/√M)/π"))
        body.append("unset multiplot")
        script = GnuplotScript(name: "jitter_vs_M", about: "BN's decision-boundary jitter and switched fraction against batch size.",
                               width: 1400, height: 560, body: body)
    }
}

/// The figures of zeta.csv (`bnsim zeta`): BN's implicit penalty E_B[L_BN] − L_PN, exact (by
/// quadrature over real batches, lines), measured (sampled batches, points ± s.e.) and the
/// paper's ζγ² (dashed). `zeta_vs_M`: M × penalty at γ = 1 against M, one colour per overlap r
/// (flat lines mean a 1/M penalty). `zeta_vs_state`: the penalty against r at γ = 1 and against
/// γ at the largest r, one colour per M.
struct PlotZetaFigures {
    static let data = "zeta.dat"
    let data: String
    let scripts: [GnuplotScript]

    init?(table: PlotTable) throws(PlotError) {
        let names = ["M", "r", "gamma", "penalty_quadrature", "penalty_sampled", "penalty_sampled_se", "penalty_pn"]
        let columns = try names.map { (name: String) throws(PlotError) -> Int in try table.column(name) }
        func value(_ row: [String], _ k: Int) -> Double { Double(row[columns[k]]) ?? .nan }
        let sizes = Set(table.rows.map { value($0, 0) }).sorted(), overlaps = Set(table.rows.map { value($0, 1) }).sorted()
        let gammas = Set(table.rows.map { value($0, 2) }).sorted()
        guard let gammaOne = gammas.min(by: { abs($0 - 1) < abs($1 - 1) }), let rMax = overlaps.last, !sizes.isEmpty else { return nil }

        var text = "# zeta.csv in blocks, written by `bnsim plot`\n# \(names.joined(separator: "\t"))\n"
        var block = 0
        func addBlock(_ title: String, _ rows: [[String]]) -> Int {
            text += (block > 0 ? "\n\n" : "") + "# index \(block): \(title)\n"
            text += rows.map { row in columns.map { row[$0].isEmpty ? "NaN" : row[$0] }.joined(separator: "\t") }.joined(separator: "\n") + "\n"
            block += 1
            return block - 1
        }
        let g1 = GnuplotScript.number(gammaOne), rLabel = PlotLabels.short(GnuplotScript.number(rMax))
        let file = GnuplotScript.quote(Self.data)
        // Against M at γ ≈ 1, per r.
        var byM: [String] = []
        for (k, r) in overlaps.enumerated() {
            let rows = table.rows.filter { value($0, 1) == r && value($0, 2) == gammaOne }.sorted { value($0, 0) < value($1, 0) }
            guard !rows.isEmpty else { continue }
            let i = addBlock("against M: r = \(r), γ = \(g1)", rows), lt = k % GnuplotScript.maximumCurves + 1
            let name = "r = \(PlotLabels.short(GnuplotScript.number(r)))"
            byM += ["\(file) index \(i) using 1:($1*$4) with lines lt \(lt) title \(GnuplotScript.quote(name))",
                    "\(file) index \(i) using 1:($1*$5):($1*$6) with yerrorbars lt \(lt) pt 7 notitle",
                    "\(file) index \(i) using 1:($1*$7) with lines lt \(lt) dt 2 notitle"]
        }
        // Against r at γ ≈ 1 and against γ at the largest r, per M.
        var byR: [String] = [], byGamma: [String] = []
        for (k, M) in sizes.enumerated() {
            let lt = k % GnuplotScript.maximumCurves + 1, name = "M = \(PlotLabels.short(GnuplotScript.number(M)))"
            let rows = table.rows.filter { value($0, 0) == M && value($0, 2) == gammaOne }.sorted { value($0, 1) < value($1, 1) }
            if !rows.isEmpty {
                let i = addBlock("against r: M = \(M), γ = \(g1)", rows)
                byR += ["\(file) index \(i) using 2:4 with lines lt \(lt) title \(GnuplotScript.quote(name))",
                        "\(file) index \(i) using 2:5:6 with yerrorbars lt \(lt) pt 7 notitle",
                        "\(file) index \(i) using 2:7 with lines lt \(lt) dt 2 notitle"]
            }
            let rowsG = table.rows.filter { value($0, 0) == M && value($0, 1) == rMax }.sorted { value($0, 2) < value($1, 2) }
            if !rowsG.isEmpty {
                let i = addBlock("against γ: M = \(M), r = \(rMax)", rowsG)
                byGamma += ["\(file) index \(i) using 3:4 with lines lt \(lt) title \(GnuplotScript.quote(name))",
                            "\(file) index \(i) using 3:5:6 with yerrorbars lt \(lt) pt 7 notitle",
                            "\(file) index \(i) using 3:7 with lines lt \(lt) dt 2 notitle"]
            }
        }
        guard block > 0 else { return nil }
        data = text
        let legend = ["NaN with lines lc rgb \(GnuplotScript.quote("black")) title \(GnuplotScript.quote("exact (quadrature over real batches)"))",
                      "NaN with points lc rgb \(GnuplotScript.quote("black")) pt 7 title \(GnuplotScript.quote("measured (sampled batches ± s.e.)"))",
                      "NaN with lines lc rgb \(GnuplotScript.quote("black")) dt 2 title \(GnuplotScript.quote("paper: ζγ² (bn-pn)"))"]
        var first = ["set logscale x 2", "set xrange [\(GnuplotScript.number(sizes.first! / 1.4)):\(GnuplotScript.number(sizes.last! * 1.4))]",
                     "set xlabel \(GnuplotScript.quote("batch size M"))", "set ylabel \(GnuplotScript.quote("M × (E_B[L_{BN}] − L_{PN}) at γ = \(PlotLabels.short(g1))"))",
                     "set title \(GnuplotScript.quote("BN's implicit penalty times M against M (flat: ∝ 1/M)")) noenhanced",
                     "set key outside right top Left reverse samplen 3", "set xzeroaxis lt -1 lw 1"]
        first += GnuplotScript.plot(byM + legend)
        var second = ["set multiplot layout 1,2 title \(GnuplotScript.quote("BN's implicit penalty E_B[L_{BN}] − L_{PN} against the state: exact (lines), sampled (points), paper's ζγ² (dashed)"))",
                      "set xzeroaxis lt -1 lw 1", "set key top left Left reverse samplen 3",
                      "set xlabel \(GnuplotScript.quote("normalized overlap r"))", "set ylabel \(GnuplotScript.quote("penalty at γ = \(PlotLabels.short(g1))"))",
                      "set title \(GnuplotScript.quote("against r")) noenhanced"]
        second += GnuplotScript.plot(byR.isEmpty ? ["NaN notitle"] : byR)
        second += ["set xlabel \(GnuplotScript.quote("γ"))", "set ylabel \(GnuplotScript.quote("penalty at r = \(rLabel)"))", "set title \(GnuplotScript.quote("against γ (exact: linear in γ)")) noenhanced"]
        second += GnuplotScript.plot(byGamma.isEmpty ? ["NaN notitle"] : byGamma)
        second.append("unset multiplot")
        scripts = [
            GnuplotScript(name: "zeta_vs_M", about: "BN's implicit penalty (times M) against batch size, exact vs sampled vs bn-pn.", body: first),
            GnuplotScript(name: "zeta_vs_state", about: "BN's implicit penalty against the overlap r and the scale γ.",
                          width: 1500, height: 620, body: second),
        ]
    }
}
