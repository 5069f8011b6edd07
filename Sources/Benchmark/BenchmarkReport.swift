import Foundation
import Output

extension BenchmarkSuite.Report {
    /// The table `bnsim bench` prints: one row per measurement, median and range over the
    /// repetitions, and the target where the performance goals set one.
    public func table(repetitions: Int) -> String {
        var lines = ["bnsim bench on \(machine): median [min–max] of \(repetitions) interleaved repetitions"]
        lines += notes.map { "  \($0)" }
        let header = ["measurement", "median", "min–max", "unit", "target"]
        var cells: [[String]] = [header]
        for s in series {
            if let skipped = s.skipped {
                cells.append([s.label, "—", skipped, s.unit, s.target?.text ?? ""])
                continue
            }
            let met = s.meetsTarget.map { $0 ? "met" : "NOT met" } ?? ""
            cells.append([s.label, BenchmarkSeries.format(s.median),
                          "\(BenchmarkSeries.format(s.minimum))–\(BenchmarkSeries.format(s.maximum))", s.unit,
                          s.target.map { "\($0.text) \(met)" } ?? ""])
        }
        let widths = header.indices.map { c in cells.map { $0[c].count }.max()! }
        for (i, row) in cells.enumerated() {
            lines.append(row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 || c >= 3 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces())
            if i == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// results/bench/bench.csv: one row per measurement; every sample, so that any summary can
    /// be recomputed. No cell holds a comma (notes have theirs replaced), so any CSV reader works.
    public var csv: CSVTable {
        var table = CSVTable(header: ["measurement", "label", "unit", "median", "min", "max", "repetitions", "target", "meets_target",
                                      "samples", "note", "machine"])
        for s in series {
            table.append([s.key, s.label, s.unit, csvNumber(s.median), csvNumber(s.minimum), csvNumber(s.maximum), "\(s.samples.count)",
                          s.target?.text ?? "", s.meetsTarget.map { $0 ? "true" : "false" } ?? "",
                          s.samples.map(csvNumber).joined(separator: " "), (s.skipped ?? "").replacingOccurrences(of: ",", with: ";"), machine])
        }
        return table
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
