#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Output

/// Clean stops on SIGINT (Ctrl-C) and SIGTERM (`kill`, SLURM's time limit): the signal closes
/// `WriteGate` — waiting for a file or point being written to be complete, letting no other
/// start, and stopping a drawing gnuplot, whose temporary figures are removed — prints one line
/// saying what was kept, and exits with 128 + the signal's number (130, 143), as a shell reports
/// a process killed by it. Finished points stay in `points/` (resume picks them up); the work of
/// unfinished points is discarded, since a point is only ever stored whole; figures already drawn
/// stay, the one being drawn is left as it was before; no temporary file is left and no gnuplot
/// runs on. (SIGKILL cannot be caught: what it leaves — at most a temporary file or folder, and a
/// gnuplot that finishes its figure under a temporary name — the next run or plot removes.)
enum Interruption {
    /// Kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let queue = DispatchQueue(label: "bnsim.signals")
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: @Sendable () -> String = { "" }

    /// Says, at the time of a signal from now on, what the interrupted command leaves behind (one
    /// phrase, e.g. "3 of 8 points finished are kept in …"); the first call installs the handlers.
    /// A command calls it again when what it would leave changes, e.g. once its tables are written.
    static func install(kept: @escaping @Sendable () -> String) {
        lock.withLock { Self.kept = kept }
        guard sources.isEmpty else { return }
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            // Ignored as a signal, seen as an event by the dispatch source (the documented pattern).
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                WriteGate.close()
                fflush(nil)  // every C stream: what was printed before the signal reaches the terminal
                // A progress line may be on the terminal: start on a line of our own.
                let newline = isatty(STDERR_FILENO) != 0 ? "\n" : ""
                let kept = lock.withLock { Self.kept }
                let line = "\(newline)bnsim: interrupted by \(name): \(kept())\n"
                line.utf8CString.withUnsafeBufferPointer { _ = write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
