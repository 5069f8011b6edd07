#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An output file failed to be written; earlier results are untouched.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes a set of files so that each appears whole or not at all: every file goes to a
/// temporary sibling first (written, flushed to disk with `fsync`, closed — any failure, such as
/// a full disk or a read-only directory, is an `OutputError` with the system's reason), and only
/// when all are written are they renamed into place (rename is atomic within a directory) and
/// the directory itself is flushed. A failure removes the temporaries and leaves the files that
/// were there before untouched.
///
/// Every write happens inside `WriteGate`, so an interrupted bnsim (SIGINT, SIGTERM) never stops
/// half-way through one.
public struct AtomicFileSet {
    public private(set) var files: [(name: String, contents: String)] = []

    public init() {}

    public mutating func add(_ name: String, _ contents: String) { files.append((name, contents)) }

    /// The temporary name of `name` while it is written: hidden, and marked by the process.
    public static func temporaryName(_ name: String) -> String {
        ".\(name).\(String(UInt32(truncatingIfNeeded: getpid()), radix: 16)).tmp"
    }

    public func write(into directory: URL) throws(OutputError) {
        try WriteGate.around { () throws(OutputError) in
            try FileSystem.createDirectory(directory.path)
            var staged: [(temporary: String, final: String)] = []
            do throws(OutputError) {
                for file in files {
                    let final = directory.appendingPathComponent(file.name).path
                    let temporary = directory.appendingPathComponent(Self.temporaryName(file.name)).path
                    staged.append((temporary, final))
                    try FileSystem.writeFile(temporary, Data(file.contents.utf8), reportedAs: final)
                }
                for (temporary, final) in staged where rename(temporary, final) != 0 {
                    throw OutputError(path: final, reason: FileSystem.lastError())
                }
            } catch {
                for (temporary, _) in staged { unlink(temporary) }
                throw error
            }
            FileSystem.synchronizeDirectory(directory.path)
        }
    }

    /// Removes temporaries of `names` that a killed bnsim left in `directory` (call only while
    /// holding the directory's lock, when no other bnsim can be writing them).
    public static func removeTemporaries(of names: [String], in directory: URL) {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] where entry.hasSuffix(".tmp") {
            if names.contains(where: { entry.hasPrefix(".\($0).") }) { unlink(directory.appendingPathComponent(entry).path) }
        }
    }

    /// Removes temporaries of `names` in `directory` whose process no longer runs (left by a bnsim
    /// killed with SIGKILL, or by the gnuplot it was running): needs no lock, since the temporaries
    /// of a live process are left alone.
    public static func removeAbandonedTemporaries(of names: [String], in directory: URL) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where entry.hasSuffix(".tmp") {
            for name in names where entry.hasPrefix(".\(name).") {
                // The rest of the entry must be exactly the process id `temporaryName` puts there.
                guard let pid = UInt32(entry.dropFirst(name.count + 2).dropLast(4), radix: 16), pid > 0,
                      kill(pid_t(bitPattern: pid), 0) != 0 && errno == ESRCH else { continue }
                unlink(directory.appendingPathComponent(entry).path)
            }
        }
    }
}

/// File-system calls with the system's own reasons in their errors ("No space left on device",
/// "Read-only file system", "Permission denied"), where Foundation gives generic sentences.
enum FileSystem {
    /// A file-size limit (`ulimit -f`) would otherwise kill bnsim with SIGXFSZ in mid-write;
    /// ignored, the write fails with EFBIG and is reported like a full disk.
    private static let fileSizeSignalIgnored: Void = { _ = signal(SIGXFSZ, SIG_IGN) }()

    static func lastError() -> String { String(cString: strerror(errno)) }

    /// `mkdir -p`, naming the component that could not be made and why.
    static func createDirectory(_ path: String) throws(OutputError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw OutputError(path: path, reason: "it exists and is not a directory")
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try createDirectory(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw OutputError(path: path, reason: "cannot create the directory (\(lastError()))")
        }
    }

    /// Writes `data` to a new file at `path` and flushes it to disk; errors name `reportedAs`.
    static func writeFile(_ path: String, _ data: Data, reportedAs name: String) throws(OutputError) {
        _ = fileSizeSignalIgnored
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: name, reason: lastError()) }
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = lastError()
                    return
                }
                offset += written
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = lastError() }
        if close(fd) != 0 && failure == nil { failure = lastError() }
        if let failure {
            unlink(path)
            throw OutputError(path: name, reason: failure)
        }
    }

    /// Makes the renames in `path` durable (best effort: some file systems refuse it).
    static func synchronizeDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

/// Serializes the changes bnsim makes to results directories with its exit on SIGINT or SIGTERM:
/// every write (a file set, a point folder) holds the gate while it runs, and the signal handler
/// closes the gate — waiting for the write in progress to finish, then never letting another
/// start — before it exits. So an interrupted bnsim leaves no temporary files and no half-made
/// point, whatever the moment of the signal.
///
/// A thread that leaves the gate after it was closed never runs on: it parks until the handler
/// exits the process. Otherwise the write the signal interrupted (e.g. a figure whose gnuplot the
/// terminal's Ctrl-C also stopped) could go on to report its failure and exit 0 first.
public enum WriteGate {
    private static let lock = NSRecursiveLock()
    private static let state = NSLock()
    nonisolated(unsafe) private static var closing = false
    nonisolated(unsafe) private static var children: Set<pid_t> = []
    /// How deep the holder is in nested `around`s; changed only while holding `lock`.
    nonisolated(unsafe) private static var depth = 0

    /// Runs `body` while holding the gate (re-entrant: a point's files are a file set within it).
    public static func around<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        depth += 1
        defer {
            depth -= 1
            let outermost = depth == 0
            lock.unlock()
            if outermost && isClosing { while true { pause() } }
        }
        return try body()
    }

    /// Waits for the write in progress, if any, and keeps every later write from starting. For
    /// a process about to exit: there is no reopening. A child registered with `whileRunning`
    /// (a drawing gnuplot, which writes only temporaries) is stopped rather than waited for.
    public static func close() {
        let running: Set<pid_t> = state.withLock { closing = true; return children }
        for pid in running { kill(pid, SIGTERM) }
        lock.lock()
    }

    /// Registers child process `pid` for the duration of `body` (inside `around`), so that
    /// `close` stops it; a child started after the gate closed is stopped at once.
    public static func whileRunning<T, E: Error>(child pid: pid_t, _ body: () throws(E) -> T) throws(E) -> T {
        let closed: Bool = state.withLock { children.insert(pid); return closing }
        if closed { kill(pid, SIGTERM) }
        defer { _ = state.withLock { children.remove(pid) } }
        return try body()
    }

    private static var isClosing: Bool { state.withLock { closing } }
}
