/// A data file that cannot be read, phrased as the project's one-line error: the file as the
/// config names it, then what is wrong (`data.idx: truncated: …`).
public struct DataFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public let file: String
    public let problem: String

    public init(file: String, problem: String) {
        self.file = file; self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
