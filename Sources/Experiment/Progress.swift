import Foundation

/// A one-line progress report on stderr (completed/total and what is counted, elapsed, ETA), redrawn in place.
/// Silent when stderr is not a terminal or when asked to be quiet; never called in a hot loop.
public final class Progress: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private let start = Date()
    private let enabled: Bool
    private let label: String
    private let unit: String
    private let lock = NSLock()

    /// `unit` names what is counted, e.g. "jobs (theory runs and simulation replicas)".
    public init(total: Int, label: String, unit: String, quiet: Bool) {
        self.total = total
        self.label = label
        self.unit = unit
        enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    func advance() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let line = String(format: "\r%@ %d/%d %@  elapsed %.0fs  ETA %.0fs ", label, done, total, unit, elapsed, eta)
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
