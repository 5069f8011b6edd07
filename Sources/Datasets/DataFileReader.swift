import Foundation

/// Reads a data file (docs/model.md §12) into a `DataMatrix`: IDX, CSV or NPY, each possibly gzip'd.
/// Every failure is a `DataFileError` naming the file as given and what is wrong.
public enum DataFileReader {
    /// The matrix in `path` (`format` nil: from the file name). `display` is the name errors use.
    public static func read(path: String, format: DataFileFormat? = nil, display: String? = nil) throws(DataFileError) -> DataMatrix {
        let name = display ?? path
        func fail(_ problem: String) -> DataFileError { DataFileError(file: name, problem: problem) }
        guard let format = format ?? DataFileFormat(fileName: path) else {
            throw fail("cannot tell the format from the name; set data.format to idx, csv or npy")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw fail("no such file") }
        guard !isDirectory.boolValue else { throw fail("is a directory, not a data file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot be read (permissions?)") }
        var bytes = [UInt8](data)
        if GzipInflate.isGzip(bytes) {
            switch GzipInflate.inflate(bytes) {
            case .success(let inflated): bytes = inflated
            case .failure(let problem): throw fail(problem.reason)
            }
        }
        do {
            switch format {
            case .idx: return try IDXFormat.parse(bytes)
            case .csv: return try CSVFormat.parse(bytes)
            case .npy: return try NPYFormat.parse(bytes)
            }
        } catch {
            throw fail(error.reason)
        }
    }
}

/// What a format parser finds wrong, before the file name is attached.
struct FormatProblem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
