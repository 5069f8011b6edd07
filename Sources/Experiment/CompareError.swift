/// Why `bnsim compare` cannot regenerate a directory's comparison; each description is one line.
public enum CompareError: Error, CustomStringConvertible, Sendable {
    case missingFile(path: String)
    case unreadableFile(path: String, reason: String)
    case malformedCSV(path: String, line: Int, reason: String)
    case missingColumn(path: String, column: String)
    case nothingToCompare(directory: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            "\(path) does not exist (is the directory the output of bnsim run, with theory and simulation?)"
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .malformedCSV(let path, let line, let reason):
            "\(path):\(line): malformed CSV: \(reason)"
        case .missingColumn(let path, let column):
            "\(path) has no column \(column) (not a bnsim table, or made by another bnsim version?)"
        case .nothingToCompare(let directory):
            "\(directory) has no run with both theory rows and seed-averaged simulation rows (seed = all) at a common α"
        }
    }
}
