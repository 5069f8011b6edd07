import Foundation

/// The rows of convex.csv (`bnsim convex`, docs/model.md §11) as its figures read them: every
/// cell already checked against `PlotSchema.convex`, so numbers parse and words are from the
/// vocabulary. Instances are grouped by (N, teacher, noise, λ): the curves of one learning curve.
struct PlotConvexRows {
    struct Group: Equatable {
        let inputDimension: Int
        let teacher: String
        let noise: Double
        let lambda: Double
    }

    struct Row {
        let group: Int
        let samples: Int
        let alpha: Double
        let instance: Int
        let sampled: Bool
        let patterns: Double
        let generalPositionPatterns: Double
        let neurons: Int
        let seconds: Double
        let egOptimum: Double?
        /// Per width of `widths`: the relative gap (nil where P_cvx = 0) and GD's ε_g, as read
        /// (`gapCells` keeps the cell verbatim for the data file).
        let gaps: [Double?]
        let gapCells: [String]
        let egGD: [Double?]
    }

    let widths: [Int]
    let groups: [Group]
    let rows: [Row]

    init(table: PlotTable) throws(PlotError) {
        func index(_ name: String) throws(PlotError) -> Int { try table.column(name) }
        let n = try index("N"), p = try index("P"), alpha = try index("alpha"), lambda = try index("lambda"), teacher = try index("teacher")
        let noise = try index("noise"), instance = try index("instance"), mode = try index("patterns_mode"), patterns = try index("patterns")
        let general = try index("patterns_general_position"), mStar = try index("m_star"), seconds = try index("solve_seconds")
        let egOptimum = try index("eg_optimum")
        // A width needs both of its columns; widths in the order bnsim convex writes them.
        var widths = table.widths("gap_m")
        for m in table.widths("eg_gd_m") where !widths.contains(m) { widths.append(m) }
        let gapColumns = try widths.map { (m: Int) throws(PlotError) -> Int in try index("gap_m\(m)") }
        let egColumns = try widths.map { (m: Int) throws(PlotError) -> Int in try index("eg_gd_m\(m)") }
        func number(_ cell: String) -> Double? { cell.isEmpty ? nil : Double(cell) }

        var groups: [Group] = [], rows: [Row] = []
        for cells in table.rows {
            let group = Group(inputDimension: Int(cells[n]) ?? 0, teacher: cells[teacher], noise: Double(cells[noise]) ?? 0,
                              lambda: Double(cells[lambda]) ?? 0)
            if !groups.contains(group) { groups.append(group) }
            rows.append(Row(group: groups.firstIndex(of: group)!, samples: Int(cells[p]) ?? 0, alpha: Double(cells[alpha]) ?? 0,
                            instance: Int(cells[instance]) ?? 0, sampled: cells[mode] == "sampled",
                            patterns: Double(cells[patterns]) ?? 0, generalPositionPatterns: Double(cells[general]) ?? 0,
                            neurons: Int(cells[mStar]) ?? 0, seconds: Double(cells[seconds]) ?? 0, egOptimum: number(cells[egOptimum]),
                            gaps: gapColumns.map { number(cells[$0]) }, gapCells: gapColumns.map { cells[$0] },
                            egGD: egColumns.map { number(cells[$0]) }))
        }
        self.widths = widths
        self.groups = groups
        self.rows = rows
    }

    /// A group as a key or panel title shows it: only what differs between groups (everything
    /// when there is one group, for the title).
    func label(_ k: Int) -> String {
        let g = groups[k], all = groups.count == 1
        var parts: [String] = []
        if all || Set(groups.map(\.inputDimension)).count > 1 { parts.append("N = \(g.inputDimension)") }
        if all || Set(groups.map(\.teacher)).count > 1 { parts.append("\(g.teacher) teacher") }
        if all || Set(groups.map(\.noise)).count > 1 { parts.append("σ = \(GnuplotScript.label(g.noise))") }
        if all || Set(groups.map(\.lambda)).count > 1 { parts.append("λ = \(GnuplotScript.label(g.lambda))") }
        return parts.joined(separator: ", ")
    }

    /// Mean and standard error (0 for a single value; NaN for none).
    static func meanAndError(_ values: [Double]) -> (mean: Double, error: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        return (mean, (variance / Double(values.count)).squareRoot())
    }

    /// A computed number in a data file: shortest round-trip form, `NaN` where there is none.
    static func cell(_ x: Double) -> String { x.isFinite ? GnuplotScript.number(x) : "NaN" }
}
