#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Config
import Foundation
import Simulation

/// How much memory a `bnsim run` will need, estimated before any work from the config alone
/// (resource bounds), and the check that refuses a run that cannot fit.
///
/// - Each worker thread holds one simulation replica at a time: `Replica.memoryBytes`, O(N·M).
/// - The results of the runs in progress (at most one per worker, plus one being stored):
///   every replica's state at every α (~200 bytes per replica and α).
/// - Building the combined CSV files reads every point's rows and joins them (~3 copies of the
///   output, ~200–300 bytes per row).
/// - The process itself (runtime, libraries, thread stacks): `baseline`.
/// The theory's memory is small (a few hundred KB for bn-exact's quadrature) and is in the baseline.
public struct MemoryEstimate: Sendable, Equatable {
    /// Bytes per worker: the largest replica of any run of the config.
    public let perWorker: Double
    public let workers: Int
    /// Bytes of results held at once: the runs in progress and the combined files.
    public let results: Double
    /// The inputs of the largest replica, for the message.
    public let largestN: Int
    public let largestM: Int
    /// What a worker holds, for the message (default: the simulation's batch of M inputs of N).
    public var perWorkerContents: String { contents ?? "the simulation's batch of M = \(largestM) inputs of N = \(largestN)" }
    private var contents: String?

    public static let baseline = 64.0e6

    public var total: Double { Self.baseline + perWorker * Double(workers) + results }

    /// The estimate for running the runs at `indices` of `loaded` on `threads` threads.
    public init(loaded: LoadedConfig, indices: [Int], threads: Int) {
        var perWorker = 0.0, jobs = 0
        var largest = (N: 0, M: 0)
        var contents: String?
        var perRunInFlight = 0.0, output = 0.0
        for i in indices {
            let c = loaded.runs[i].config
            let alphas = Double(ExperimentRunner.grid(for: c).count)
            let variants = c.theory.enabled ? Double(ExperimentRunner.variants(for: c).count) : 0
            let replicas = c.simulation.enabled ? Double(c.simulation.replicas) : 0
            jobs += Int(variants) + Int(replicas)
            if c.simulation.enabled && c.simulation.engine == .full {  // a reduced replica holds O(M) numbers
                let replica = Self.replica(c)
                if replica.bytes > perWorker {
                    perWorker = replica.bytes; largest = (c.model.inputDimension, c.training.batchSize); contents = replica.contents
                }
            }
            perRunInFlight = max(perRunInFlight, 200 * (replicas + variants) * alphas)
            let rows = 200 * variants * alphas + 300 * (replicas > 0 ? replicas + 1 : 0) * alphas
                + (replicas > 0 ? 150 * 6 * variants * alphas : 0)
            output += 3 * rows
        }
        let workers = max(1, min(threads, jobs))
        self.perWorker = perWorker
        self.workers = workers
        self.results = perRunInFlight * Double(min(workers + 1, max(1, indices.count))) + output
        self.largestN = largest.N
        self.largestM = largest.M
        self.contents = contents
    }

    /// What one full-engine replica of `c` holds: the batch and the weight rows — K + K* of them for
    /// a two-layer network — and, on a finite Gaussian training set (offline), its own P × N inputs.
    static func replica(_ c: ExperimentConfig) -> (bytes: Double, contents: String?) {
        let N = c.model.inputDimension, M = c.training.batchSize
        let shape = CommitteeShape(c)
        var bytes = shape.isCommittee
            ? CommitteeReplica.memoryBytes(inputDimension: N, batchSize: M, studentUnits: shape.studentUnits, teacherUnits: shape.teacherUnits)
            : Replica.memoryBytes(inputDimension: N, batchSize: M)
        var contents: String? = shape.isCommittee
            ? "the simulation's batch of M = \(M) inputs of N = \(N) and \(shape.studentUnits) + \(shape.teacherUnits) weight vectors" : nil
        if c.usesFiniteSamples {
            let ownsInputs = c.data.source != .file
            let P = ownsInputs ? Int((c.training.samplesPerDimension * Double(N)).rounded()) : 0
            bytes += Replica.trainingSetBytes(samples: P, inputDimension: N, ownsInputs: ownsInputs,
                                              units: shape.studentUnits + shape.teacherUnits)
            if ownsInputs { contents = "the simulation's batch of M = \(M) inputs and its own training set of P = \(P) inputs of N = \(N)" }
        }
        return (bytes, contents)
    }

    public init(perWorker: Double, workers: Int, results: Double, largestN: Int, largestM: Int, perWorkerContents: String? = nil) {
        self.perWorker = perWorker; self.workers = workers; self.results = results
        self.largestN = largestN; self.largestM = largestM; self.contents = perWorkerContents
    }

    /// `bnsim jitter`: each worker trains one replica at a time and keeps only running sums.
    public static func replicas(of loaded: LoadedConfig, threads: Int) -> MemoryEstimate {
        var perWorker = 0.0, largest = (N: 0, M: 0), jobs = 0
        for run in loaded.runs {
            let c = run.config
            jobs += c.simulation.replicas
            let bytes = Replica.memoryBytes(inputDimension: c.model.inputDimension, batchSize: c.training.batchSize)
            if bytes > perWorker { perWorker = bytes; largest = (c.model.inputDimension, c.training.batchSize) }
        }
        return MemoryEstimate(perWorker: perWorker, workers: max(1, min(threads, jobs)), results: 1000 * Double(loaded.runs.count),
                              largestN: largest.N, largestM: largest.M)
    }

    /// Refuses the run when the estimate exceeds `limit` (default: what this process may use with
    /// its workers, `MemoryLimit.ofThisMachine`).
    public func check(file: String, limit: MemoryLimit? = nil) throws(ResourceError) {
        let limit = limit ?? .ofThisMachine(threads: workers)
        guard total > limit.bytes else { return }
        throw .notEnoughMemory(file: file, estimate: self, limit: limit)
    }

    /// "1.5 GB", "80 MB": decimal units, three significant digits.
    public static func format(_ bytes: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes, unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return String(format: value >= 100 || unit == 0 ? "%.0f %@" : "%.3g %@", value, units[unit])
    }
}

/// The memory a run may use: the physical memory, or a smaller container (cgroup) limit, or
/// what an address-space limit (`ulimit -v`, RLIMIT_AS) leaves — whichever is least.
public struct MemoryLimit: Sendable, Equatable {
    public let bytes: Double
    /// "physical memory", "cgroup limit /sys/fs/cgroup/memory.max".
    public let source: String

    public init(bytes: Double, source: String) { self.bytes = bytes; self.source = source }

    /// The limit for a process about to start `threads` worker threads.
    public static func ofThisMachine(threads: Int) -> MemoryLimit {
        let pages = Double(sysconf(Int32(_SC_PHYS_PAGES))), pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        var limit = MemoryLimit(bytes: pages > 0 && pageSize > 0 ? pages * pageSize : .infinity, source: "physical memory")
        // SLURM and containers confine a job to a cgroup; its limit is what the job really has.
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let bytes = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes > 0, bytes < limit.bytes
            else { continue }
            limit = MemoryLimit(bytes: bytes, source: "memory limit of this job's cgroup, \(path)")
        }
        // Under `ulimit -v` an allocation beyond the limit kills bnsim mid-run (malloc fails and
        // Swift traps), so the check must count address space, not resident memory: what the
        // process has mapped without using it (libraries, reservations) and what each new thread
        // reserves (glibc's 64 MiB malloc arena and an 8 MiB stack) are not in the estimate.
        var rl = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &rl) == 0, rl.rlim_cur != rlim_t.max {  // RLIM_INFINITY
            let reserved = addressSpaceReservedUnused() + Double(threads + 1) * perThreadReservation
            let bytes = Double(rl.rlim_cur) - reserved
            if bytes < limit.bytes {
                let f = MemoryEstimate.format
                limit = MemoryLimit(bytes: max(0, bytes), source: "address-space limit (ulimit -v) of \(f(Double(rl.rlim_cur))), "
                                    + "less \(f(reserved)) that bnsim and its threads reserve without using it")
            }
        }
        return limit
    }

    /// A thread's address-space reservation: glibc's per-thread malloc arena (64 MiB) and stack (8 MiB).
    static let perThreadReservation = 72.0 * 1024 * 1024

    /// Mapped but not resident bytes of this process (VmSize − VmRSS, /proc/self/status); 0 when unknown.
    static func addressSpaceReservedUnused() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        func kilobytes(_ key: String) -> Double? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
            return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Double($0) }
        }
        guard let size = kilobytes("VmSize"), let resident = kilobytes("VmRSS") else { return 0 }
        return max(0, size - resident) * 1024
    }
}

/// A run refused before any work because the machine cannot hold it.
public enum ResourceError: Error, CustomStringConvertible, Sendable {
    case notEnoughMemory(file: String, estimate: MemoryEstimate, limit: MemoryLimit)

    public var description: String {
        switch self {
        case .notEnoughMemory(let file, let e, let limit):
            let f = MemoryEstimate.format
            var parts: [String] = []
            if e.perWorker > 0 {
                parts.append("\(f(e.perWorker)) per worker × \(e.workers) worker\(e.workers == 1 ? "" : "s") for \(e.perWorkerContents)")
            }
            parts.append("\(f(e.results)) for the results")
            parts.append("\(f(MemoryEstimate.baseline)) for bnsim itself")
            var hint = e.perWorkerContents.contains("training set")
                ? "lower model.N, training.samples_per_dimension, training.batch_size, simulation.seeds or the sweep"
                : "lower model.N, training.batch_size, simulation.seeds or the sweep"
            if e.workers > 1, e.total - e.perWorker * Double(e.workers - 1) <= limit.bytes {
                hint = "run with fewer --threads, or " + hint
            }
            return "\(file): this run needs an estimated \(f(e.total)) of memory (\(parts.joined(separator: ", "))), "
                + "more than the \(f(limit.bytes)) available (\(limit.source)); \(hint)"
        }
    }
}
