import Foundation

/// An output file failed to be written; earlier results are untouched.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes a set of files so that each appears whole or not at all: every file goes to a
/// temporary sibling first, and only when all are written are they renamed into place
/// (rename is atomic within a directory). A failure removes the temporaries.
public struct AtomicFileSet {
    public private(set) var files: [(name: String, contents: String)] = []

    public init() {}

    public mutating func add(_ name: String, _ contents: String) { files.append((name, contents)) }

    public func write(into directory: URL) throws(OutputError) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory.path, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        var staged: [(temporary: URL, final: URL)] = []
        let token = String(UInt32(truncatingIfNeeded: ProcessInfo.processInfo.processIdentifier), radix: 16)
        do {
            for file in files {
                let final = directory.appendingPathComponent(file.name)
                let temporary = directory.appendingPathComponent(".\(file.name).\(token).tmp")
                staged.append((temporary, final))
                guard fm.createFile(atPath: temporary.path, contents: Data(file.contents.utf8)) else {
                    throw OutputError(path: final.path, reason: "the file system refused the write (read-only or full?)")
                }
            }
            for (temporary, final) in staged {
                if rename(temporary.path, final.path) != 0 {
                    throw OutputError(path: final.path, reason: String(cString: strerror(errno)))
                }
            }
        } catch {
            for (temporary, _) in staged { try? fm.removeItem(at: temporary) }
            throw error as! OutputError
        }
    }
}
