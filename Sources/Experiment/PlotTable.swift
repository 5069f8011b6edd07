import Foundation

/// Why `bnsim plot` could not draw a results directory; each description is one sentence.
public enum PlotError: Error, CustomStringConvertible, Sendable {
    case nothingToPlot(directory: String)
    case unreadable(path: String, reason: String)
    case missingColumn(path: String, column: String)
    case gnuplotMissing
    case gnuplotFailed(script: String, message: String)

    public var description: String {
        switch self {
        case .nothingToPlot(let directory):
            "\(directory) holds no theory.csv, simulation.csv, lr_max.csv, jitter.csv or zeta.csv with rows: nothing to plot (give a directory written by bnsim run, lr-max, jitter or zeta)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .missingColumn(let path, let column): "\(path) has no column \(column); was it written by this version of bnsim?"
        case .gnuplotMissing: "gnuplot is not on PATH (install it with `apt-get install gnuplot-nox`, or run ./dev setup)"
        case .gnuplotFailed(let script, let message): "gnuplot failed on \(script): \(message)"
        }
    }
}

/// One CSV file of a results directory, read as text cells: bnsim's CSVs have no quoting
/// (results/README.md), and the plots copy numbers verbatim so their data files are exact.
struct PlotTable {
    let path: String
    let header: [String]
    let rows: [[String]]

    /// Nil when the file does not exist.
    static func read(_ url: URL) throws(PlotError) -> PlotTable? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return PlotTable(path: url.path, header: [], rows: []) }
        return PlotTable(path: url.path, header: header, rows: lines.dropFirst().filter { $0.count == header.count })
    }

    /// The position of a column, or an error naming the file.
    func column(_ name: String) throws(PlotError) -> Int {
        guard let index = header.firstIndex(of: name) else { throw .missingColumn(path: path, column: name) }
        return index
    }

    /// The swept-key columns: those between `run_id` and `method` (results/README.md).
    var sweptColumns: [String] {
        guard let method = header.firstIndex(of: "method"), header.first == "run_id" else { return [] }
        return Array(header[1..<method])
    }
}
