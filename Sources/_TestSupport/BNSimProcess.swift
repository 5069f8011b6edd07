#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A running `bnsim` for end-to-end tests that need more than `BNSimBinary.run`: signals sent
/// mid-run, a watchdog against hangs, how the process ended (exit status or signal), its peak
/// memory, and a command prefix (`bash -c 'ulimit …'`, `setpriv …`).
///
/// The child is started with `posix_spawn` and reaped with `wait4`, which reports the child's own
/// resource usage (Foundation's `Process` reaps its children itself and keeps that from us).
public final class BNSimProcess: @unchecked Sendable {
    /// How the process ended.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// The exit status, or nil when a signal ended it.
        public let status: Int32?
        /// The signal that ended it, or nil.
        public let signal: Int32?
        public let stdout: String
        public let stderr: String
        /// Peak resident memory of bnsim, bytes: the high-water mark of its own address space
        /// (`VmHWM` in /proc, read while it runs), else `ru_maxrss`. Not `ru_maxrss` alone: Linux
        /// carries a vfork parent's peak into the child's across exec, so a test process that once
        /// held a large data set would make every later child look as large.
        public let peakMemory: Int
        /// Whether the watchdog had to kill it.
        public let timedOut: Bool

        public var description: String {
            let end = status.map { "exit \($0)" } ?? "signal \(signal ?? -1)"
            return "\(end)\(timedOut ? " (timed out)" : ""), stderr: \(stderr.debugDescription)"
        }
    }

    public let pid: pid_t
    private let stdoutFile: URL
    private let stderrFile: URL
    private var watchdog: DispatchWorkItem?
    private let timedOutFlag = Flag()

    /// Starts `bnsim arguments…` (after `prefix`, e.g. `["/usr/bin/setpriv", "--reuid=65534", …]`)
    /// in `directory`, with the environment of the test minus `SLURM_*`. A watchdog kills it with
    /// SIGKILL after `timeout` seconds: a hang then fails the test instead of blocking it.
    public init(_ arguments: [String], in directory: URL, prefix: [String] = [], timeout: Double = 600,
                environment extra: [String: String] = [:]) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bnsim-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        stdoutFile = scratch.appendingPathComponent("stdout")
        stderrFile = scratch.appendingPathComponent("stderr")
        // `sh` changes to the directory and execs the command, so the pid is bnsim's own.
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path] + prefix + [BNSimBinary.url.path] + arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }
        environment.merge(extra) { _, new in new }
        let envp = environment.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The child starts with default signal handling whatever the test process ignores.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGPIPE, SIGXFSZ] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = envp.map { strdup($0) } + [nil]
        defer { for p in cArgs + cEnv { free(p) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, &cEnv)
        guard status == 0 else {
            throw NSError(domain: "BNSimProcess", code: Int(status), userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(argv[0]): \(String(cString: strerror(status)))"])
        }
        self.pid = pid
        let flag = timedOutFlag
        let item = DispatchWorkItem { flag.set(); kill(pid, SIGKILL) }
        watchdog = item
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
    }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) { kill(pid, signal) }

    /// Whether the process is still running (without reaping it).
    public var isRunning: Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == 0
    }

    /// Waits for the end and collects the outcome.
    public func wait() -> Outcome {
        var highWater = 0
        while isRunning {
            highWater = max(highWater, Self.highWaterBytes(of: pid) ?? 0)
            usleep(5_000)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        watchdog?.cancel()
        let out = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: stdoutFile.deletingLastPathComponent())
        // The wait status: low 7 bits the terminating signal (0: exited), next 8 the exit status.
        let signal = status & 0x7F
        return Outcome(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
                       stdout: out, stderr: err, peakMemory: highWater > 0 ? highWater : Int(usage.ru_maxrss) * 1024,
                       timedOut: timedOutFlag.isSet)
    }

    /// `VmHWM` of a running process (Linux), bytes; nil where /proc does not say.
    static func highWaterBytes(of pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
    }

    /// Runs to the end: `BNSimProcess(…).wait()`.
    public static func run(_ arguments: [String], in directory: URL, prefix: [String] = [], timeout: Double = 600,
                           environment: [String: String] = [:]) throws -> Outcome {
        try BNSimProcess(arguments, in: directory, prefix: prefix, timeout: timeout, environment: environment).wait()
    }

    /// Polls `condition` every 10 ms while the process runs; true when it held before the process ended.
    public func wait(until condition: () -> Bool) -> Bool {
        while isRunning {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    final class Flag: @unchecked Sendable {
        private var value = false
        private let lock = NSLock()
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }
}

/// Files of a directory tree, for byte-for-byte comparisons and for checking what a command left.
public enum DirectoryTree {
    /// Every regular file below `root`, by relative path, with its bytes (hidden files included).
    public static func files(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.resolvingSymlinksInPath().path.dropFirst(root.resolvingSymlinksInPath().path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Every entry below `root` (files and folders), by relative path.
    public static func entries(_ root: URL) -> [String] {
        let base = root.resolvingSymlinksInPath().path
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            found.append(String(url.resolvingSymlinksInPath().path.dropFirst(base.count + 1)))
        }
        return found.sorted()
    }
}
