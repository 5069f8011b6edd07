import Foundation

/// A CSV table as bnsim writes it (`CSVTable`): a header line and rows of cells, a cell quoted
/// when it holds a comma, quote or newline. Read back for `bnsim compare` and the comparison report.
public struct CompareCSV: Sendable {
    public let path: String
    public let header: [String]
    /// The rows, each with as many cells as the header.
    public let rows: [[String]]

    /// Parses `text`; `path` names the file in errors.
    public init(text: String, path: String) throws(CompareError) {
        var records: [[String]] = []
        var record: [String] = []
        var cell = ""
        var quoted = false, wasQuoted = false
        var line = 1, recordLine = 1
        var lines: [Int] = []
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    cell.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard cell.isEmpty, !wasQuoted else {
                    throw .malformedCSV(path: path, line: line, reason: "a quote inside an unquoted cell")
                }
                quoted = true; wasQuoted = true
            case ",":
                record.append(cell); cell = ""; wasQuoted = false
            case "\n", "\r\n":
                record.append(cell); cell = ""; wasQuoted = false
                records.append(record); lines.append(recordLine)
                record = []; line += 1; recordLine = line
            default:
                guard !wasQuoted else { throw .malformedCSV(path: path, line: line, reason: "text after a closing quote") }
                cell.append(c)
            }
        }
        if quoted { throw .malformedCSV(path: path, line: recordLine, reason: "a quoted cell is never closed") }
        if !cell.isEmpty || !record.isEmpty || wasQuoted {
            throw .malformedCSV(path: path, line: recordLine, reason: "the last line is cut off (no newline at the end)")
        }
        guard let header = records.first, header != [""] else {
            throw .malformedCSV(path: path, line: 1, reason: "the file is empty (no header line)")
        }
        for (record, line) in zip(records, lines).dropFirst() where record.count != header.count {
            throw .malformedCSV(path: path, line: line, reason: "\(record.count) cells, the header has \(header.count)")
        }
        self.path = path
        self.header = header
        self.rows = Array(records.dropFirst())
    }

    /// Reads and parses the file at `url`.
    public init(contentsOf url: URL) throws(CompareError) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missingFile(path: url.path) }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        try self.init(text: text, path: url.path)
    }

    /// The index of a column.
    public func column(_ name: String) throws(CompareError) -> Int {
        guard let index = header.firstIndex(of: name) else { throw .missingColumn(path: path, column: name) }
        return index
    }

    /// The number in a cell: NaN for an empty cell (a missing value), an error for anything else
    /// that is not a number. `row` counts data rows from 0.
    public func number(_ row: Int, _ column: Int) throws(CompareError) -> Double {
        let cell = rows[row][column]
        if cell.isEmpty { return .nan }
        guard let x = Double(cell) else {
            throw .malformedCSV(path: path, line: lineNumber(row), reason: "\(header[column]) = \"\(cell)\" is not a number")
        }
        return x
    }

    /// The line of a data row, for messages (exact unless an earlier cell holds a newline).
    public func lineNumber(_ row: Int) -> Int { row + 2 }
}
