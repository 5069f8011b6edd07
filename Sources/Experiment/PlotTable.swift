import Config
import Foundation

/// Why `bnsim plot` could not draw a results directory; each description is one sentence.
public enum PlotError: Error, CustomStringConvertible, Sendable {
    case nothingToPlot(directory: String)
    case unreadable(path: String, reason: String)
    case missingColumn(path: String, column: String)
    case damaged(path: String, line: Int, reason: String)
    case badCell(path: String, line: Int, column: String, cell: String, expected: String)
    case gnuplotMissing
    case gnuplotFailed(script: String, message: String)

    public var description: String {
        switch self {
        case .nothingToPlot(let directory):
            "\(directory) holds no theory.csv, simulation.csv, lr_max.csv, jitter.csv, zeta.csv or convex.csv with rows: nothing to plot (give a directory written by bnsim run, lr-max, jitter, zeta or convex)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .missingColumn(let path, let column): "\(path) has no column \(column); was it written by this version of bnsim?"
        case .damaged(let path, let line, let reason): "\(path), line \(line): \(reason); the file is damaged — rewrite it with bnsim (e.g. bnsim merge or the command that made it)"
        case .badCell(let path, let line, let column, let cell, let expected):
            "\(path), line \(line), column \(column): \(PlotError.shown(cell)) is not \(expected); refusing to plot a damaged or foreign table"
        case .gnuplotMissing: "gnuplot is not on PATH (install it with `apt-get install gnuplot-nox`, or run ./dev setup)"
        case .gnuplotFailed(let script, let message): "gnuplot failed on \(script): \(message)"
        }
    }

    /// A cell as an error message shows it: quoted, control characters as `?`, at most 40 characters.
    static func shown(_ cell: String) -> String {
        let printable = String(String.UnicodeScalarView(cell.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
        return "\"" + (printable.count > 40 ? printable.prefix(40) + "…" : printable) + "\""
    }
}

/// One CSV file of a results directory, read as text cells and checked against its schema:
/// bnsim's CSVs have no quoting (results/README.md), and the plots copy numbers verbatim so
/// their data files are exact. A row with the wrong number of cells, a cell that does not fit its
/// column (a word outside the vocabulary, text where a number belongs), a swept column that is
/// not a config key path or a file cut short is an error naming the file, line and column.
struct PlotTable {
    let path: String
    let header: [String]
    let rows: [[String]]
    /// The swept key-path columns (those between `run_id` and the schema's `sweptBefore`).
    let sweptColumns: [String]

    /// Nil when the file does not exist.
    static func read(_ url: URL, schema: PlotSchema) throws(PlotError) -> PlotTable? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try parse(text, path: url.path, schema: schema)
    }

    static func parse(_ text: String, path: String, schema: PlotSchema) throws(PlotError) -> PlotTable {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.isEmpty { throw .damaged(path: path, line: 1, reason: "the file is empty") }
        if !text.hasSuffix("\n") { throw .damaged(path: path, line: lines.count, reason: "the last line does not end (the file was cut short)") }
        lines.removeLast()
        let cells = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = cells[0]
        for (k, row) in cells.enumerated().dropFirst() where row.count != header.count {
            throw .damaged(path: path, line: k + 1, reason: "\(row.count) cells where the header has \(header.count)")
        }
        let table = PlotTable(path: path, header: header, rows: Array(cells.dropFirst()), sweptColumns: try sweptKeyColumns(header, path: path, schema: schema))
        try table.check(schema)
        return table
    }

    /// The position of a column, or an error naming the file.
    func column(_ name: String) throws(PlotError) -> Int {
        guard let index = header.firstIndex(of: name) else { throw .missingColumn(path: path, column: name) }
        return index
    }

    private static func sweptKeyColumns(_ header: [String], path: String, schema: PlotSchema) throws(PlotError) -> [String] {
        guard let end = schema.sweptBefore, header.first == "run_id", let last = header.firstIndex(of: end) else { return [] }
        let swept = Array(header[1..<last])
        for name in swept where ExperimentConfig.sweepableValueKind(name) == nil {
            throw .badCell(path: path, line: 1, column: "\(header.firstIndex(of: name)! + 1)", cell: name, expected: "a sweepable config key path")
        }
        return swept
    }

    /// The widths of a column family, in header order without repeats: every m of a column named
    /// `prefix` + m, m a positive whole number written plainly (`gap_m8`, not `gap_m08`).
    func widths(_ prefix: String) -> [Int] {
        var out: [Int] = []
        for name in header where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count)
            guard let m = Int(digits), m > 0, String(m) == digits, !out.contains(m) else { continue }
            out.append(m)
        }
        return out
    }

    /// Every cell of the schema's columns, the swept columns and the width columns fits its kind.
    private func check(_ schema: PlotSchema) throws(PlotError) {
        var kinds: [(Int, String, PlotCellKind)] = []
        for (name, kind) in schema.columns { kinds.append((try column(name), name, kind)) }
        for name in sweptColumns { kinds.append((try column(name), name, .swept(ExperimentConfig.sweepableValueKind(name)!))) }
        for (prefix, kind) in schema.families {
            for m in widths(prefix) {
                for (index, name) in header.enumerated() where name == prefix + String(m) { kinds.append((index, name, kind)) }
            }
        }
        for (k, row) in rows.enumerated() {
            for (c, name, kind) in kinds {
                if let expected = kind.problem(row[c]) {
                    throw .badCell(path: path, line: k + 2, column: name, cell: row[c], expected: expected)
                }
            }
        }
    }
}
