import Foundation

/// A sweep point as the plots see it: its id and the key columns of its first row.
struct PlotRun {
    let id: String
    let keys: [String: String]

    var method: String { keys["method"] ?? "" }
    var batchSize: String { keys["batch_size"] ?? "" }
    var learningRate: Double { Double(keys["learning_rate"] ?? "") ?? .nan }
}

/// Names runs in legends by method, η and M, plus every other key column that differs between
/// the runs of the directory (so that two curves never share a name).
struct PlotLabels {
    static let keyColumns = ["method", "learning_rate", "batch_size", "activation", "N", "teacher_noise", "weight_decay", "gamma_decay"]
    static let symbols = ["learning_rate": "η", "batch_size": "M", "teacher_noise": "σ", "weight_decay": "λ", "gamma_decay": "κ"]

    let varying: [String]
    /// Significant digits of each column's numbers in labels: 4, or more where 4 would give two
    /// different values the same label.
    let digits: [String: Int]

    init(runs: [PlotRun], swept: [String]) {
        let always: Set = ["method", "learning_rate", "batch_size"]
        varying = (Self.keyColumns + swept).filter { column in
            always.contains(column) || Set(runs.map { $0.keys[column] ?? "" }).count > 1
        }
        var digits: [String: Int] = [:]
        for column in varying {
            let values = Set(runs.map { $0.keys[column] ?? "" })
            var d = 4
            while d < 17 && Set(values.map { Self.short($0, digits: d) }).count < values.count { d += 1 }
            digits[column] = d
        }
        self.digits = digits
    }

    /// "sgd η=0.5 M=1", without the columns in `excluding` (e.g. η for a curve over η).
    func label(_ run: PlotRun, excluding: Set<String> = []) -> String {
        varying.filter { !excluding.contains($0) }.map { column -> String in
            let value = Self.short(run.keys[column] ?? "", digits: digits[column] ?? 4)
            switch column {
            case "method", "activation": return value
            default: return "\(Self.symbols[column] ?? column)=\(value)"
            }
        }.joined(separator: " ")
    }

    /// A swept key path as a legend shows it: the symbol of its column, else its last component.
    static func shortKey(_ keyPath: String) -> String {
        let column = keyPath.split(separator: ".").last.map(String.init) ?? keyPath
        return symbols[column] ?? (keyPath == "training.init.beta" ? "β₀" : keyPath == "training.init.gamma" ? "γ₀" : column)
    }

    /// A number cell as a label shows it: "3.0" → "3", 0.31622776601683794 → "0.3162" (at most
    /// `digits` significant digits); words stay as they are.
    static func short(_ value: String, digits: Int = 4) -> String {
        guard PlotCellKind.isNumber(value), let x = Double(value) else { return value }
        return GnuplotScript.label(x, digits: digits)
    }
}

/// The rows of one curve, in file order, as tab-separated lines of the data file.
struct PlotCurve {
    let run: PlotRun
    let variant: String?        // theory variant; nil for the simulation's seed means
    var lines: [String] = []
    var completed = true        // false when the run diverged (its rows simply stop)
    var firstValues: [Double] = []
    var allValues: [[Double]] = []
}

/// The curves of theory.csv (one per run and variant) and simulation.csv (one per run: the
/// `seed = all` rows), each with the columns its data file holds.
struct PlotCurves {
    static let theoryColumns = ["alpha", "Q", "R", "r", "gamma", "eta_eff", "eg"]
    static let simulationColumns = ["alpha", "Q", "Q_se", "R", "R_se", "r", "r_se", "gamma", "gamma_se", "eta_eff", "eta_eff_se", "eg", "eg_se"]

    var runs: [PlotRun] = []
    var theory: [PlotCurve] = []
    var simulation: [PlotCurve] = []
    var swept: [String] = []

    init(theory theoryTable: PlotTable?, simulation simulationTable: PlotTable?) throws(PlotError) {
        var index: [String: Int] = [:]
        func run(of row: [String], in table: PlotTable) throws(PlotError) -> PlotRun {
            let id = row[try table.column("run_id")]
            if let k = index[id] { return runs[k] }
            var keys: [String: String] = [:]
            for column in PlotLabels.keyColumns + table.sweptColumns {
                if let c = table.header.firstIndex(of: column) { keys[column] = row[c] }
            }
            index[id] = runs.count
            runs.append(PlotRun(id: id, keys: keys))
            return runs.last!
        }
        func collect(_ table: PlotTable, columns: [String], variantColumn: String?, keep: ([String]) -> Bool) throws(PlotError) -> [PlotCurve] {
            let positions = try columns.map { (c: String) throws(PlotError) -> Int in try table.column(c) }
            let status = try table.column("status")
            let variant = try variantColumn.map { (c: String) throws(PlotError) -> Int in try table.column(c) }
            var curves: [PlotCurve] = [], byKey: [String: Int] = [:]
            for row in table.rows where keep(row) {
                let owner = try run(of: row, in: table)
                let v = variant.map { row[$0] }
                let key = owner.id + "/" + (v ?? "")
                if byKey[key] == nil { byKey[key] = curves.count; curves.append(PlotCurve(run: owner, variant: v)) }
                let k = byKey[key]!
                // An empty standard error (a single seed) is drawn as no error bar.
                curves[k].lines.append(positions.map { row[$0].isEmpty ? "0" : row[$0] }.joined(separator: "\t"))
                let values = positions.map { Double(row[$0]) ?? 0 }
                if curves[k].firstValues.isEmpty { curves[k].firstValues = values }
                curves[k].allValues.append(values)
                curves[k].completed = row[status] == "completed"
            }
            return curves
        }
        if let t = theoryTable {
            swept = t.sweptColumns
            theory = try collect(t, columns: Self.theoryColumns, variantColumn: "variant") { _ in true }
        }
        if let s = simulationTable {
            if swept.isEmpty { swept = s.sweptColumns }
            let seed = try s.column("seed")
            simulation = try collect(s, columns: Self.simulationColumns, variantColumn: nil) { $0[seed] == "all" }
        }
    }

    var isEmpty: Bool { theory.isEmpty && simulation.isEmpty }
}
