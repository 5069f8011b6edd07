import Foundation
import Model
import Simulation

/// `bnsim bench`: the simulation kernels, the C and numpy reference loops, the theory and the
/// sweep scaling, measured in one run — interleaved (every repetition measures everything once,
/// in the same order) and repeated, so that a slow phase of a shared machine hits all of them
/// alike; ratios are taken within each repetition and summarized like the rest.
public struct BenchmarkSuite {
    public struct Options: Sendable {
        public var repetitions = 5
        /// Scales every step count and the sweep (1: the real benchmark; tests use ~0.05).
        public var scale = 1.0
        /// Where `sgd_reference.c` and `sgd_numpy.py` are.
        public var sources = URL(fileURLWithPath: "benchmarks")
        /// Worker threads of the sweep's parallel run (its serial run uses one).
        public var threads = ProcessInfo.processInfo.activeProcessorCount
        /// Skip the bn-exact trajectory (seconds per repetition).
        public var skipBNExact = false
        public init() {}
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    /// The result: rows in table order, plus what the machine and the references were.
    public struct Report: Sendable {
        public var series: [BenchmarkSeries]
        public var machine: String
        public var notes: [String]
    }

    /// Runs the benchmark; `progress` gets a line per repetition (for stderr).
    public func run(progress: (String) -> Void = { _ in }) throws(BenchmarkError) -> Report {
        let scale = options.scale
        func steps(_ n: Double) -> Int { max(10, Int(n * scale)) }
        var notes: [String] = ["bnsim kernels: \(KernelBuild.flags.isEmpty ? "debug build" : KernelBuild.flags)"]
        let loadBefore = Self.loadAverage()

        // The references, compiled or located once.
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bnsim-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var references: [ReferenceLoop.Kind: Result<ReferenceLoop, BenchmarkError>] = [:]
        references[.c] = Result { () throws(BenchmarkError) in try ReferenceLoop.c(sources: options.sources, workDirectory: work) }
        references[.numpy] = Result { () throws(BenchmarkError) in try ReferenceLoop.numpy(sources: options.sources) }
        for kind in [ReferenceLoop.Kind.c, .numpy] {
            switch references[kind]! {
            case .success(let loop): notes.append("\(kind.rawValue) reference: \(loop.version)")
            case .failure(let error): notes.append("\(kind.rawValue) reference skipped: \(error)")
            }
        }

        // What one repetition measures, in order. Each probe appends one sample to its series.
        var rows: [String: BenchmarkSeries] = [:]
        var order: [String] = []
        var probes: [(key: String, measure: () throws(BenchmarkError) -> Double)] = []
        func add(_ series: BenchmarkSeries, skipped: String? = nil, _ measure: @escaping () throws(BenchmarkError) -> Double) {
            var series = series
            series.skipped = skipped
            rows[series.key] = series
            order.append(series.key)
            if skipped == nil { probes.append((series.key, measure)) }
        }
        func derived(_ series: BenchmarkSeries) {
            rows[series.key] = series
            order.append(series.key)
        }

        let sgdSteps = [1000: steps(200_000), 5000: steps(40_000)]
        let numpySteps = [1000: steps(20_000), 5000: steps(4_000)]
        for N in [1000, 5000] {
            let replica = Probes.replica(method: .sgd, inputDimension: N, batchSize: 1)
            add(BenchmarkSeries(key: "sgd_rate.bnsim.N\(N)", label: "sgd N = \(N) M = 1: bnsim", unit: "steps/s")) { () throws(BenchmarkError) in
                try Probes.stepRate(replica, steps: sgdSteps[N]!)
            }
            for kind in [ReferenceLoop.Kind.c, .numpy] {
                let reference = references[kind]!
                let skipped: String? = if case .failure(let error) = reference { "skipped: \(error)" } else { nil }
                let count = kind == .c ? sgdSteps[N]! : numpySteps[N]!
                add(BenchmarkSeries(key: "sgd_rate.\(kind == .c ? "c" : "numpy").N\(N)", label: "sgd N = \(N) M = 1: \(kind.rawValue) reference",
                                    unit: "steps/s"), skipped: skipped) { () throws(BenchmarkError) in
                    try reference.get().stepsPerSecond(inputDimension: N, steps: count)
                }
            }
            derived(BenchmarkSeries(key: "ratio.bnsim_over_c.N\(N)", label: "bnsim / C: sgd N = \(N)", unit: "×",
                                    target: N == 1000 ? .atLeast(0.9) : nil))
            derived(BenchmarkSeries(key: "ratio.bnsim_over_numpy.N\(N)", label: "bnsim / numpy: sgd N = \(N)", unit: "×",
                                    target: N == 1000 ? .atLeast(12) : nil))
        }
        for M in [4, 16] {
            let replica = Probes.replica(method: .bn, inputDimension: 1000, batchSize: M)
            let count = steps(200_000) / M
            add(BenchmarkSeries(key: "bn_rate.bnsim.N1000.M\(M)", label: "bn N = 1000 M = \(M): bnsim", unit: "samples/s")) { () throws(BenchmarkError) in
                try Probes.stepRate(replica, steps: count) * Double(M)
            }
            derived(BenchmarkSeries(key: "ratio.bn_over_sgd_cost.M\(M)", label: "bn M = \(M) cost per sample / sgd's", unit: "×",
                                    target: M == 16 ? .atMost(1.5) : nil))
        }
        // The exact reduced chain against the full simulation (docs/model.md §10): its cost must not
        // grow with N. Full steps at N = 10⁶ take milliseconds, so only a few are timed.
        let engineSizes = [1_000, 100_000, 1_000_000]
        for N in engineSizes {
            let chain = Probes.reducedReplica(method: .sgd, inputDimension: N, batchSize: 1)
            add(BenchmarkSeries(key: "reduced_rate.sgd.N\(N)", label: "sgd N = \(N) M = 1: reduced engine", unit: "steps/s")) { () throws(BenchmarkError) in
                try Probes.stepRate(chain, steps: steps(2_000_000))
            }
            if N != 1_000 {
                let replica = Probes.replica(method: .sgd, inputDimension: N, batchSize: 1)
                add(BenchmarkSeries(key: "sgd_rate.bnsim.N\(N)", label: "sgd N = \(N) M = 1: bnsim (full engine)", unit: "steps/s")) { () throws(BenchmarkError) in
                    try Probes.stepRate(replica, steps: steps(200_000_000.0 / Double(N)))
                }
            }
            derived(BenchmarkSeries(key: "ratio.reduced_over_full.N\(N)", label: "reduced / full engine: sgd N = \(N)", unit: "×",
                                    target: N == 1_000 ? .atLeast(20) : nil))
        }
        let reducedBN = Probes.reducedReplica(method: .bn, inputDimension: 1000, batchSize: 16)
        add(BenchmarkSeries(key: "reduced_rate.bn.N1000.M16", label: "bn N = 1000 M = 16: reduced engine", unit: "samples/s")) { () throws(BenchmarkError) in
            try Probes.stepRate(reducedBN, steps: steps(2_000_000) / 16) * 16
        }
        derived(BenchmarkSeries(key: "ratio.reduced_over_full.bn.N1000.M16", label: "reduced / full engine: bn N = 1000 M = 16", unit: "×",
                                target: .atLeast(20)))
        derived(BenchmarkSeries(key: "ratio.reduced_cost.N1000000_over_N1000", label: "reduced engine: cost per step at N = 10⁶ / at N = 10³",
                                unit: "×", target: .atMost(1.5)))

        // Two-layer networks (docs/model.md §9): sgd relu, K = K* units, N = 1000, M = 1, against the
        // C reference generalized to K units (benchmarks/sgd_reference.c with K, relu, η = 0.1).
        let cReference = references[.c]!
        let cSkipped: String? = if case .failure(let error) = cReference { "skipped: \(error)" } else { nil }
        for K in [2, 4, 8] {
            let replica = Probes.committeeReplica(units: K)
            let count = steps(200_000) / K
            add(BenchmarkSeries(key: "committee_rate.K\(K)", label: "two-layer sgd K = K* = \(K) N = 1000: bnsim", unit: "samples/s")) { () throws(BenchmarkError) in
                try Probes.stepRate(replica, steps: count)
            }
            add(BenchmarkSeries(key: "committee_rate.c.K\(K)", label: "two-layer sgd K = K* = \(K) N = 1000: C reference", unit: "samples/s"),
                skipped: cSkipped) { () throws(BenchmarkError) in
                try cReference.get().stepsPerSecond(inputDimension: 1000, steps: count, extra: ["0.1", "1", "\(K)", "relu"])
            }
            derived(BenchmarkSeries(key: "ratio.committee_cost.K\(K)", label: "two-layer K = \(K) cost per sample / single unit's", unit: "×",
                                    target: .atMost(Double(K))))
            derived(BenchmarkSeries(key: "ratio.committee_bnsim_over_c.K\(K)", label: "bnsim / C: two-layer K = \(K) N = 1000", unit: "×"))
        }
        // sgoldt/nn2pp's convention for its C++ simulation of the soft committee machine: erf
        // (g(z) = erf(z/√2)), N = 500, K = K* = 2, one sample per step, η = 0.5.
        let nn2pp = Probes.committeeReplica(units: 2, inputDimension: 500, activation: .erf, learningRate: 0.5)
        add(BenchmarkSeries(key: "committee_rate.nn2pp", label: "two-layer sgd erf K = K* = 2 N = 500 (nn2pp's): bnsim", unit: "steps/s")) { () throws(BenchmarkError) in
            try Probes.stepRate(nn2pp, steps: steps(200_000))
        }
        add(BenchmarkSeries(key: "committee_rate.c.nn2pp", label: "two-layer sgd erf K = K* = 2 N = 500 (nn2pp's): C reference", unit: "steps/s"),
            skipped: cSkipped) { () throws(BenchmarkError) in
            try cReference.get().stepsPerSecond(inputDimension: 500, steps: steps(200_000), extra: ["0.5", "1", "2", "erf"])
        }
        derived(BenchmarkSeries(key: "ratio.committee_bnsim_over_c.nn2pp", label: "bnsim / C: two-layer erf K = 2 N = 500", unit: "×",
                                target: .atLeast(0.9)))
        // The reduced two-layer chain (docs/model.md §10) on the same network: its cost must not grow with N.
        for K in [2, 4] {
            for N in [1_000, 100_000] {
                let chain = Probes.reducedCommitteeReplica(units: K, inputDimension: N)
                add(BenchmarkSeries(key: "reduced_committee_rate.K\(K).N\(N)", label: "two-layer sgd K = K* = \(K) N = \(N): reduced engine",
                                    unit: "steps/s")) { () throws(BenchmarkError) in
                    try Probes.stepRate(chain, steps: steps(400_000) / K)
                }
            }
            derived(BenchmarkSeries(key: "ratio.reduced_over_full.committee.K\(K)", label: "reduced / full engine: two-layer K = \(K) N = 1000",
                                    unit: "×", target: .atLeast(5)))
        }
        let trajectories = max(1, Int(20 * scale))
        for method in [Method.sgd, .wn] {
            add(BenchmarkSeries(key: "theory_ms.\(method.rawValue)", label: "theory: \(method.rawValue) relu trajectory (60 α to 100)",
                                unit: "ms/trajectory", target: .atMost(1))) { () throws(BenchmarkError) in
                1000 * (try Probes.trajectorySeconds(method: method, count: trajectories))
            }
        }
        add(BenchmarkSeries(key: "theory_s.bn_exact.M8", label: "theory: bn-exact relu M = 8 trajectory (60 α to 100)",
                            unit: "s/trajectory", target: .atMost(2)),
            skipped: options.skipBNExact ? "skipped (--quick)" : nil) { () throws(BenchmarkError) in
            try Probes.trajectorySeconds(method: .bn, batchSize: 8, count: 1)
        }
        let sweep = try Probes.sweep(scale: scale)
        let threads = max(1, options.threads)
        add(BenchmarkSeries(key: "sweep_s.serial", label: "sweep of 32 jobs: 1 worker", unit: "s wall")) { () throws(BenchmarkError) in
            try Probes.sweepSeconds(sweep, threads: 1)
        }
        add(BenchmarkSeries(key: "sweep_s.parallel", label: "sweep of 32 jobs: \(threads) workers", unit: "s wall"),
            skipped: threads > 1 ? nil : "skipped: one core") { () throws(BenchmarkError) in
            try Probes.sweepSeconds(sweep, threads: threads)
        }
        derived(BenchmarkSeries(key: "ratio.sweep_speedup", label: "sweep speedup: \(threads) workers / 1", unit: "×",
                                target: threads >= 2 ? .atLeast(1.8) : nil))

        // The interleaved repetitions.
        for repetition in 1...max(1, options.repetitions) {
            progress("bench: repetition \(repetition) of \(options.repetitions)")
            for (key, measure) in probes {
                do {
                    rows[key]!.samples.append(try measure())
                } catch {
                    rows[key]!.skipped = "skipped: \(error)"
                    rows[key]!.samples = []
                }
            }
        }
        // Ratios, repetition by repetition.
        func ratio(_ key: String, _ numerator: String, _ denominator: String, invert: Bool = false) {
            let a = rows[numerator]!.samples, b = rows[denominator]!.samples
            guard !a.isEmpty, a.count == b.count else {
                rows[key]!.skipped = rows[numerator]!.skipped ?? rows[denominator]!.skipped ?? "skipped: no samples"
                return
            }
            rows[key]!.samples = zip(a, b).map { invert ? $1 / $0 : $0 / $1 }
        }
        for N in [1000, 5000] {
            ratio("ratio.bnsim_over_c.N\(N)", "sgd_rate.bnsim.N\(N)", "sgd_rate.c.N\(N)")
            ratio("ratio.bnsim_over_numpy.N\(N)", "sgd_rate.bnsim.N\(N)", "sgd_rate.numpy.N\(N)")
        }
        for M in [4, 16] {
            // cost per sample ∝ 1/rate: (1/bn rate)/(1/sgd rate) = sgd rate / bn rate.
            ratio("ratio.bn_over_sgd_cost.M\(M)", "bn_rate.bnsim.N1000.M\(M)", "sgd_rate.bnsim.N1000", invert: true)
        }
        for K in [2, 4, 8] {
            ratio("ratio.committee_cost.K\(K)", "committee_rate.K\(K)", "sgd_rate.bnsim.N1000", invert: true)
            ratio("ratio.committee_bnsim_over_c.K\(K)", "committee_rate.K\(K)", "committee_rate.c.K\(K)")
        }
        ratio("ratio.committee_bnsim_over_c.nn2pp", "committee_rate.nn2pp", "committee_rate.c.nn2pp")
        for K in [2, 4] { ratio("ratio.reduced_over_full.committee.K\(K)", "reduced_committee_rate.K\(K).N1000", "committee_rate.K\(K)") }
        ratio("ratio.sweep_speedup", "sweep_s.serial", "sweep_s.parallel")
        for N in engineSizes { ratio("ratio.reduced_over_full.N\(N)", "reduced_rate.sgd.N\(N)", "sgd_rate.bnsim.N\(N)") }
        ratio("ratio.reduced_over_full.bn.N1000.M16", "reduced_rate.bn.N1000.M16", "bn_rate.bnsim.N1000.M16")
        ratio("ratio.reduced_cost.N1000000_over_N1000", "reduced_rate.sgd.N1000", "reduced_rate.sgd.N1000000")

        // Wall-time scaling needs idle cores: say how busy the machine was.
        if let before = loadBefore, let after = Self.loadAverage() {
            notes.append("load average (1 min) \(before) before, \(after) after: other processes compete for the \(ProcessInfo.processInfo.activeProcessorCount) cores in the sweep timing")
        }
        return Report(series: order.map { rows[$0]! }, machine: Self.machine(), notes: notes)
    }

    /// The 1-minute load average (Linux), as printed in /proc/loadavg.
    static func loadAverage() -> String? {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init)
    }

    /// The CPU model and core count.
    static func machine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var model = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let name = line.split(separator: ":", maxSplits: 1).last {
            model = name.trimmingCharacters(in: .whitespaces)
        }
        return "\(model) (\(cores) core\(cores == 1 ? "" : "s"))"
    }
}
