/// A tidy CSV table: a header and rows of already-formatted cells.
public struct CSVTable: Sendable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    /// The first cell that holds an infinity (NaN is written empty, meaning "not measured"):
    /// its row and column name.
    public var firstInfiniteCell: (row: [String], column: String)? {
        for row in rows {
            if let j = row.firstIndex(where: { $0 == "inf" || $0 == "-inf" || $0 == "+inf" }) { return (row, header[j]) }
        }
        return nil
    }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "row has \(row.count) cells, header \(header.count)")
        rows.append(row)
    }

    public var text: String {
        var out = header.map(Self.escape).joined(separator: ",") + "\n"
        for row in rows { out += row.map(Self.escape).joined(separator: ",") + "\n" }
        return out
    }

    static func escape(_ cell: String) -> String {
        cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }
}

/// A number as it appears in every bnsim CSV: Swift's shortest round-trip representation
/// (deterministic, locale-free, exact when read back); empty for a missing (NaN) value.
public func csvNumber(_ x: Double) -> String { x.isNaN ? "" : x.description }
