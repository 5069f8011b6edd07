/// Comma-separated numbers, one sample per line, every line with the same number of fields.
/// Blank lines are skipped; a first line with no number in it is a header and is skipped too.
enum CSVFormat {
    static func parse(_ bytes: [UInt8]) throws(FormatProblem) -> DataMatrix {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw FormatProblem("is not UTF-8 text") }
        var values: [Double] = []
        var columns = 0, rows = 0
        for (lineIndex, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine  // "\r\n" is one Character, a newline
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = fields.map { Double($0) }
            if rows == 0 && columns == 0 && numbers.allSatisfy({ $0 == nil }) {
                columns = fields.count  // a header line
                continue
            }
            if columns == 0 { columns = fields.count }
            guard fields.count == columns else {
                throw FormatProblem("line \(lineIndex + 1) has \(fields.count) fields, expected \(columns) like the lines before")
            }
            for (k, number) in numbers.enumerated() {
                guard let x = number else {
                    throw FormatProblem("line \(lineIndex + 1), field \(k + 1): '\(fields[k])' is not a number")
                }
                values.append(x)
            }
            rows += 1
        }
        guard rows > 0 else { throw FormatProblem("holds no samples") }
        return DataMatrix(rows: rows, columns: columns, values: values)
    }
}

import Foundation
