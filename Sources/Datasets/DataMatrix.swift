/// A table of numbers read from a data file: `rows` samples of `columns` values each, row-major.
/// A labels file is a matrix with one column.
public struct DataMatrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "a matrix holds rows × columns values")
        self.rows = rows; self.columns = columns; self.values = values
    }

    public func row(_ i: Int) -> ArraySlice<Double> { values[(i * columns)..<((i + 1) * columns)] }

    /// The matrix without column `index`, and that column (a CSV file's label column).
    public func splittingColumn(_ index: Int) -> (rest: DataMatrix, column: [Double]) {
        var rest: [Double] = [], column: [Double] = []
        rest.reserveCapacity(rows * (columns - 1)); column.reserveCapacity(rows)
        for i in 0..<rows {
            for j in 0..<columns {
                let x = values[i * columns + j]
                if j == index { column.append(x) } else { rest.append(x) }
            }
        }
        return (DataMatrix(rows: rows, columns: columns - 1, values: rest), column)
    }
}
