import Config
import Foundation
import Theory

/// What `bnsim lr-max` prints: the settings used, one aligned row per sweep point and engine with
/// ~4 significant digits, which number is the maximum learning rate, and every disagreement
/// between theory and simulation. lr_max.csv holds the same numbers at full precision.
public enum LrMaxReport {
    /// ~4 significant digits, as the table shows them.
    public static func number(_ x: Double) -> String { String(format: "%.4g", x) }

    public static func text(_ points: [LrMaxCommand.Point], base: ExperimentConfig, sweepKeys: [String]) -> String {
        let search = base.learningRateSearch
        var out = "bnsim lr-max: a run at η converges when it reaches α = \(number(base.training.alphaMax)) with finite order parameters "
            + "and ε_g ≤ \(number(search.convergedEg)); η searched in [\(number(search.etaMin)), \(number(search.etaMax))] "
            + "on \(search.gridPoints) log-spaced points, edges bisected to \(number(100 * search.bracketRelativeTolerance)) %.\n"
        out += "The maximum learning rate is eta_high, the upper edge of the convergence window "
            + "(\"> \(number(search.etaMax))\": converged up to the top of the range; \"-\": no window, see best_eg).\n"
        out += "eta_div: the blow-up limit; local: the fixed point's stability limit (η for sgd, η_eff for wn and bn).\n\n"

        let extra = LrMaxCommand.extraKeys(sweepKeys)
        var rows: [[String]] = [extra.map { $0.split(separator: ".").last.map(String.init) ?? $0 }
            + ["method", "M", "engine", "window", "eta_low", "eta_high (max)", "eta_div", "local", "best_eg", "at_eta", "agreement"]]
        var disagreements: [String] = []
        for p in points {
            let s = p.spec.config.trainingSetup()
            let range = p.spec.config.learningRateSearch
            let (verdict, differences) = p.agreement
            let key = extra.map { k in p.spec.sweptValues.first { $0.keyPath == k }?.value ?? "" } + [s.method.rawValue, String(s.batchSize)]
            if verdict == .disagree {
                disagreements.append("  \(s.method.rawValue), M = \(s.batchSize) (\(p.spec.id)): " + differences.joined(separator: "; "))
            }
            for (engine, limits) in [("theory", p.theory), ("simulation", p.simulation)] {
                guard let l = limits else { continue }
                let low = l.lower.map(number) ?? (l.windowStatus.hasPrefix("open_below") ? "< \(number(range.etaMin))" : "-")
                let high = l.upper.map(number) ?? (l.windowStatus.hasSuffix("unbounded_above") ? "> \(number(range.etaMax))" : "-")
                let div = l.divergence.map(number) ?? (l.divergenceStatus == "below_range" ? "< \(number(range.etaMin))" : "-")
                let local: String
                if engine != "theory" {
                    local = ""
                } else if let b = p.local {
                    local = b.value.map { v in "\(number(v)) (\(b.parameter.rawValue)\(b.status == .vanishes ? ", vanishes" : ""))" } ?? b.status.rawValue
                } else {
                    local = "- (two-layer)"
                }
                rows.append(key + [engine, l.windowStatus, low, high, div, local, l.bestEg.map(number) ?? "-", l.bestEgEta.map(number) ?? "-",
                                   verdict.rawValue])
            }
        }
        let widths = (0..<rows[0].count).map { j in rows.map { $0[j].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { j, cell in cell.padding(toLength: widths[j], withPad: " ", startingAt: 0) }
            out += cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        out += "\nagreement: theory and simulation agree when both find a window or neither does, and every edge one finds the other "
            + "finds too, with brackets (± bracket width) that overlap after widening each by \(number(100 * LrMaxAgreement.relativeTolerance)) %.\n"
        if !disagreements.isEmpty {
            out += "theory and simulation disagree:\n" + disagreements.joined(separator: "\n") + "\n"
        }
        return out
    }
}
