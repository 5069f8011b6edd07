#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import _TestSupport

/// Atomic, checked output: a write that fails — a full disk, a file-size limit,
/// a read-only directory, an output path through a file — gives one clear line naming the file
/// and the system's reason, exit status 1, no temporary file, and leaves what was there before
/// byte for byte; the next run completes the work.
///
/// Tests may run as root, which ignores permissions: a read-only directory is then a read-only
/// bind mount, or bnsim runs as `nobody` (setpriv); a full disk is a small tmpfs where root may
/// mount one. Where a mechanism is unavailable another that needs no privilege stands in (a
/// file-size limit, `ulimit -f`, makes writes fail with EFBIG as a full disk does with ENOSPC),
/// so no test is skipped.
struct OutputFailureTests {
    static let config = """
        version: 1
        name: output-e2e
        model: {N: 100, activation: relu}
        training: {method: sgd, learning_rate: 0.5, alpha_max: 2}
        simulation: {seeds: 4, seed: 3, test_samples: 100}
        output: {alpha_points: 20, alpha_min: 0.05}
        sweep:
          training.method: [sgd, wn]
          training.learning_rate: [0.5, 1.0]
        """

    let dir: URL

    init() throws {
        dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("sweep.yaml").path, atomically: true, encoding: .utf8)
    }

    func run(_ output: String, prefix: [String] = [], _ extra: [String] = []) throws -> BNSimProcess.Outcome {
        try BNSimProcess.run(["run", "sweep.yaml", "--output", output, "--quiet", "--no-plot", "--threads", "2"] + extra,
                             in: dir, prefix: prefix, timeout: 300)
    }

    func tree(_ name: String) throws -> [String: Data] { try DirectoryTree.files(dir.appendingPathComponent(name)) }

    static func expectOneLineError(_ outcome: BNSimProcess.Outcome, naming path: String, reasons: [String]) {
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.hasPrefix("bnsim: error: cannot write \(path)"), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(reasons.contains { outcome.stderr.contains($0) }, "expected one of \(reasons): \(outcome.stderr)")
    }

    /// A file-size limit below the combined tables but above every point's files: all points are
    /// stored, writing the combined files fails; the rerun (no limit) reuses every point and
    /// writes what an uninterrupted run writes.
    @Test func aFailedWriteOfTheCombinedFilesKeepsThePointsAndTheRerunCompletes() throws {
        let reference = try run("reference")
        #expect(reference.status == 0, "\(reference)")
        let sizes = try tree("reference")
        let largestPointFile = sizes.filter { $0.key.hasPrefix("points/") }.map(\.value.count).max() ?? 0
        let simulationSize = sizes["simulation.csv"]?.count ?? 0
        #expect(largestPointFile < simulationSize / 2, "the limit needs room between \(largestPointFile) and \(simulationSize)")
        let limit = (largestPointFile / 1024 + 1) * 1024   // bytes, a whole number of bash's 1024-byte blocks
        let limited = try run("out", prefix: ["/bin/bash", "-c", "ulimit -f \(limit / 1024) && exec \"$@\"", "bash"])
        Self.expectOneLineError(limited, naming: dir.appendingPathComponent("out").path, reasons: ["File too large"])
        let left = DirectoryTree.entries(dir.appendingPathComponent("out"))
        #expect(!left.contains { $0.contains(".tmp") }, "temporaries left: \(left)")
        #expect(left.filter { $0.hasPrefix("points/run-") && !$0.dropFirst(7).contains("/") }.count == 4, "\(left)")
        let rerun = try run("out")
        #expect(rerun.status == 0 && rerun.stdout.contains("resumed: 4 of 4 points reused"), "\(rerun)")
        #expect(try tree("out") == tree("reference"))
    }

    /// A point that cannot be stored (a file-size limit above the sweep record, below the point's
    /// tables) stops the sweep with one line naming the point's file; nothing half-written stays.
    @Test func aPointThatCannotBeStoredStopsTheSweepWithAClearError() throws {
        let reference = try run("reference")
        #expect(reference.status == 0, "\(reference)")
        let sizes = try tree("reference")
        let record = sizes["points/sweep.yaml"]?.count ?? 0
        let smallestTable = sizes.filter { $0.key.hasPrefix("points/run-") && $0.key.hasSuffix(".csv") }.map(\.value.count).min() ?? 0
        let limit = record / 1024 + 1   // KB
        #expect(limit * 1024 < smallestTable, "the limit needs room between \(record) and \(smallestTable)")
        let limited = try run("out", prefix: ["/bin/bash", "-c", "ulimit -f \(limit) && exec \"$@\"", "bash"])
        Self.expectOneLineError(limited, naming: dir.appendingPathComponent("out/points/run-").path, reasons: ["File too large"])
        #expect(limited.stderr.contains(".csv: File too large") && !limited.stderr.contains(".tmp"), "\(limited.stderr)")
        let left = DirectoryTree.entries(dir.appendingPathComponent("out"))
        #expect(left == ["points", "points/.lock", "points/sweep.yaml"], "\(left)")
        let rerun = try run("out")
        #expect(rerun.status == 0, "\(rerun)")
        #expect(try tree("out") == tree("reference"))
    }

    /// A full disk while a complete results directory is rewritten: the error names the file
    /// and the reason, and every earlier file is unchanged.
    @Test func aFullDiskGivesAClearErrorAndKeepsEarlierResults() throws {
        let mount = dir.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        let mounted = Self.shell("mount -t tmpfs -o size=2m tmpfs '\(mount.path)'")
        defer { if mounted { _ = Self.shell("umount '\(mount.path)'") } }
        let first = try run("small-disk/out")
        #expect(first.status == 0, "\(first)")
        let before = try tree("small-disk/out")
        let failed: BNSimProcess.Outcome
        if mounted {
            // Fill the disk, then rerun: the first file written (the sweep record) finds no space.
            _ = Self.shell("dd if=/dev/zero of='\(mount.path)/filler' bs=4k 2>/dev/null; sync")
            failed = try run("small-disk/out")
            Self.expectOneLineError(failed, naming: mount.appendingPathComponent("out").path, reasons: ["No space left on device"])
            try FileManager.default.removeItem(at: mount.appendingPathComponent("filler"))
        } else {
            // No tmpfs (not root, or no CAP_SYS_ADMIN): a 1 KB file-size limit fails the same writes.
            failed = try run("small-disk/out", prefix: ["/bin/bash", "-c", "ulimit -f 1 && exec \"$@\"", "bash"])
            Self.expectOneLineError(failed, naming: mount.appendingPathComponent("out").path, reasons: ["File too large"])
        }
        #expect(try tree("small-disk/out") == before, "earlier results changed")
        let again = try run("small-disk/out")
        #expect(again.status == 0, "\(again)")
        #expect(try tree("small-disk/out") == before)
    }

    /// A read-only results directory: a rerun cannot even take its lock, says so in one line
    /// and changes nothing.
    @Test func aReadOnlyDirectoryGivesAClearErrorAndKeepsEarlierResults() throws {
        let first = try run("out")
        #expect(first.status == 0, "\(first)")
        let out = dir.appendingPathComponent("out")
        let before = try tree("out")
        var prefix: [String] = []
        var undo: () -> Void = {}
        var reasons = ["Permission denied", "Read-only file system"]
        if geteuid() == 0 {
            // Root ignores permissions: a read-only bind mount of the directory, or else run as nobody.
            if Self.shell("mount --bind '\(out.path)' '\(out.path)' && mount -o remount,ro,bind '\(out.path)'") {
                undo = { _ = Self.shell("umount '\(out.path)'") }
                reasons = ["Read-only file system"]
            } else {
                _ = Self.shell("umount '\(out.path)' 2>/dev/null")
                #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "as root, the test needs mount or setpriv")
                prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
                reasons = ["Permission denied"]
            }
        } else {
            #expect(Self.shell("chmod -R a-w '\(out.path)'"))
            undo = { _ = Self.shell("chmod -R u+w '\(out.path)'") }
        }
        let failed = try run("out", prefix: prefix)
        undo()
        Self.expectOneLineError(failed, naming: out.path, reasons: reasons)
        #expect(try tree("out") == before, "earlier results changed")
    }

    /// An output path whose parent is a regular file cannot be created: one line, nothing written.
    @Test func anOutputPathThroughAFileIsRefused() throws {
        let file = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let failed = try run("a-file/out")
        #expect(failed.status == 1, "\(failed)")
        #expect(failed.stderr == "bnsim: error: cannot write \(file.path): it exists and is not a directory\n", "\(failed.stderr)")
        #expect(try Data(contentsOf: file) == Data("x".utf8))
    }

    /// `bnsim compare` takes the directory's lock, so it never rewrites comparison.csv under a
    /// running bnsim; it says so and exits 1.
    @Test func compareWaitsForNoOneAndRefusesALockedDirectory() throws {
        let first = try run("out")
        #expect(first.status == 0, "\(first)")
        let out = dir.appendingPathComponent("out")
        let before = try tree("out")
        // Hold the lock as a running bnsim would (flock on points/.lock). O_CLOEXEC: a bnsim that a
        // test running in parallel spawns meanwhile must not inherit the lock and keep it held.
        let fd = open(out.appendingPathComponent("points/.lock").path, O_RDWR | O_CLOEXEC)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        let compare = try BNSimProcess.run(["compare", out.path], in: dir)
        close(fd)
        #expect(compare.status == 1, "\(compare)")
        #expect(compare.stderr.contains("another bnsim process is writing to this folder"), "\(compare.stderr)")
        #expect(try tree("out") == before)
        let unlocked = try BNSimProcess.run(["compare", out.path], in: dir)
        #expect(unlocked.status == 0, "\(unlocked)")
        #expect(try tree("out") == before, "compare rebuilds comparison.csv byte for byte")
    }

    /// Runs a shell command; true when it succeeded.
    static func shell(_ command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
