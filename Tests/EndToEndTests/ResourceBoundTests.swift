import Foundation
import Testing
import _TestSupport

/// Resource bounds: a simulation worker holds one replica — O(N·M) bytes, the
/// batch — whatever α, the seeds or the sweep; a config that would need more memory than the
/// machine has is refused before any work, with the estimate.
struct ResourceBoundTests {
    /// `Replica.memoryBytes`: (M + 4) rows of N + 64 doubles, plus 3M (the bound `bnsim run`
    /// checks; written out here so that the test fails if the estimate drifts from the truth).
    static func replicaBytes(N: Int, M: Int) -> Double { 8 * ((Double(M) + 4) * (Double(N) + 64) + 3 * Double(M)) }
    static let baseline = 64.0e6

    static func config(N: Int, alphaMax: Double) -> String {
        """
        version: 1
        name: memory-e2e
        model: {N: \(N), activation: relu}
        training: {method: sgd, learning_rate: 0.5, batch_size: 64, alpha_max: \(alphaMax)}
        simulation: {seeds: 2, seed: 9, test_samples: 0}
        output: {alpha_points: 2, alpha_min: \(alphaMax / 4)}
        """
    }

    /// The peak resident memory of a run with 2 workers at N = 10⁵, M = 64 and at N = 2·10⁵: it
    /// lies between the two workers' batches (2 × 8·M·N bytes, which every step fills) and the
    /// estimate `bnsim run` checks, and doubling N adds what two replicas' buffers grow by.
    @Test func peakMemoryIsTwoReplicasOfNTimesMAndWithinTheEstimate() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        var peaks: [Int: Int] = [:]
        // The same number of steps (⌈αN/M⌉ = 32) at both sizes.
        for (N, alphaMax) in [(100_000, 0.02048), (200_000, 0.01024)] {
            try Self.config(N: N, alphaMax: alphaMax).write(toFile: dir.appendingPathComponent("m\(N).yaml").path, atomically: true, encoding: .utf8)
            let outcome = try BNSimProcess.run(["run", "m\(N).yaml", "--output", "out\(N)", "--quiet", "--no-plot", "--threads", "2"], in: dir)
            #expect(outcome.status == 0, "\(outcome)")
            let batches = 2 * 8 * 64 * Double(N)
            let estimate = Self.baseline + 2 * Self.replicaBytes(N: N, M: 64)
            let peak = Double(outcome.peakMemory)
            print("peak memory at N = \(N), M = 64, 2 workers: \(Int(peak / 1e6)) MB (batches \(Int(batches / 1e6)) MB, estimate \(Int(estimate / 1e6)) MB)")
            #expect(peak > batches, "peak \(peak) below the batches' \(batches): not measured?")
            #expect(peak < estimate, "peak \(peak) above the estimate \(estimate)")
            peaks[N] = outcome.peakMemory
        }
        let growth = Double(peaks[200_000]! - peaks[100_000]!)
        let expected = 2 * (Self.replicaBytes(N: 200_000, M: 64) - Self.replicaBytes(N: 100_000, M: 64))
        #expect(abs(growth - expected) < 0.2 * expected, "doubling N added \(growth) bytes, two replicas grow by \(expected)")
    }

    @Test(arguments: ["run", "lr-max"])
    func aConfigTooLargeForTheMachineIsRefusedUpFrontWithTheEstimate(command: String) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try "version: 1\nmodel: {N: 10000000}\ntraining: {batch_size: 1000000}\n"
            .write(toFile: dir.appendingPathComponent("huge.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run([command, "huge.yaml", "--output", "out", "--quiet", "--threads", "2"], in: dir, timeout: 60)
        #expect(outcome.status == 1, "\(outcome)")
        // 8·(10⁶ + 4)·(10⁷ + 64) bytes per worker: 80 TB, × 2 workers.
        #expect(outcome.stderr.hasPrefix("bnsim: error: huge.yaml: this run needs an estimated 160 TB of memory (80 TB per worker × 2 workers"),
                "\(outcome.stderr)")
        #expect(outcome.stderr.contains("more than the") && outcome.stderr.contains("available"))
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(DirectoryTree.entries(dir) == ["huge.yaml"], "files were written: \(DirectoryTree.entries(dir))")
    }

    /// `bnsim jitter` trains replicas as `run` does: a config that cannot fit is refused before
    /// any work and any output, with the estimate (it used to abort allocating the batch).
    @Test func jitterRefusesAConfigTooLargeUpFrontWithTheEstimate() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try "version: 1\nmodel: {N: 10000000}\ntraining: {method: bn, batch_size: 1000000}\n"
            .write(toFile: dir.appendingPathComponent("huge.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["jitter", "huge.yaml", "--output", "out", "--quiet", "--threads", "2"], in: dir, timeout: 60)
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.hasPrefix("bnsim: error: huge.yaml: this run needs an estimated 160 TB of memory (80 TB per worker × 2 workers"),
                "\(outcome.stderr)")
        #expect(DirectoryTree.entries(dir) == ["huge.yaml"], "files were written: \(DirectoryTree.entries(dir))")
    }

    /// `bnsim zeta` holds two arrays of M doubles per worker for its sampled batches.
    @Test func zetaRefusesBatchesTooLargeUpFrontWithTheEstimate() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try "version: 1\n".write(toFile: dir.appendingPathComponent("z.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["zeta", "z.yaml", "--batch-sizes", "10000000000000", "--overlaps", "0", "--gammas", "1",
                                            "--output", "out", "--quiet", "--threads", "2"], in: dir, timeout: 60)
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.hasPrefix("bnsim: error: z.yaml: this run needs an estimated 160 TB of memory (160 TB per worker × 1 worker for the sampled batches"),
                "\(outcome.stderr)")
        #expect(DirectoryTree.entries(dir) == ["z.yaml"], "files were written: \(DirectoryTree.entries(dir))")
    }

    /// Under `ulimit -v` (RLIMIT_AS) the address space, not the machine's memory, is what bnsim
    /// has: a run whose replica (800 MB at N = 10⁵, M = 1000) cannot fit in 600 MB is refused
    /// before creating its output directory (it used to abort mid-run after creating it); with
    /// room to spare the same run completes.
    @Test func anAddressSpaceLimitIsHonoured() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try """
            version: 1
            model: {N: 100000}
            training: {method: sgd, batch_size: 1000, alpha_max: 0.02}
            simulation: {seeds: 1, test_samples: 0}
            theory: {enabled: false}
            output: {alpha_points: 2, alpha_min: 0.01}
            """.write(toFile: dir.appendingPathComponent("big.yaml").path, atomically: true, encoding: .utf8)
        func run(limitKB: Int, output: String) throws -> BNSimProcess.Outcome {
            try BNSimProcess.run(["run", "big.yaml", "--output", output, "--quiet", "--no-plot", "--threads", "1"], in: dir,
                                 prefix: ["/bin/sh", "-c", "ulimit -v \(limitKB); exec \"$@\"", "sh"], timeout: 120)
        }
        let refused = try run(limitKB: 600_000, output: "small")
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.hasPrefix("bnsim: error: big.yaml: this run needs an estimated"), "\(refused.stderr)")
        #expect(refused.stderr.contains("address-space limit (ulimit -v) of 614 MB"), "\(refused.stderr)")
        #expect(DirectoryTree.entries(dir) == ["big.yaml"], "files were written: \(DirectoryTree.entries(dir))")
        let roomy = try run(limitKB: 4_000_000, output: "roomy")
        #expect(roomy.status == 0, "\(roomy)")
    }

    /// A worker's replica is sized by what it holds beyond the batch: a two-layer network's K + K*
    /// weight rows (and K more while it draws its start), and an offline Gaussian training set's own P × N inputs. The peak of a run with
    /// 2 workers lies above those buffers and within the estimate (which used to count one unit's
    /// batch only, 13 and 0.8 MB here).
    static let shapes: [(shape: String, held: Double)] = [
        ("model: {N: 100000, student_units: 100}\ntraining: {method: sgd, learning_rate: 0.5, batch_size: 8, alpha_max: 0.0008}\noutput: {alpha_points: 2, alpha_min: 0.0004}",
         2.0 * 8 * 201 * 100_000),
        ("model: {N: 2000}\ntraining: {method: sgd, learning_rate: 0.5, batch_size: 8, alpha_max: 0.008, protocol: offline, samples_per_dimension: 4}\noutput: {alpha_points: 2, alpha_min: 0.004}",
         2.0 * 8 * 8000 * 2000),
    ]

    @Test(arguments: Self.shapes)
    func twoLayerAndOfflineReplicasAreWithinTheirEstimate(shape: String, held: Double) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = "version: 1\nname: memory-shape\n\(shape)\ntheory: {enabled: false}\nsimulation: {seeds: 2, test_samples: 0}\n"
        try config.write(toFile: dir.appendingPathComponent("shape.yaml").path, atomically: true, encoding: .utf8)
        // The estimate, read from the refusal under a limit it cannot meet.
        let refused = try BNSimProcess.run(["run", "shape.yaml", "--output", "refused", "--quiet", "--no-plot", "--threads", "2"], in: dir,
                                           prefix: ["/bin/sh", "-c", "ulimit -v 100000; exec \"$@\"", "sh"], timeout: 60)
        #expect(refused.status == 1, "\(refused)")
        let estimateText = try #require(refused.stderr.firstMatch(of: /needs an estimated ([0-9.]+) (MB|GB)/), "\(refused.stderr)")
        let estimate = Double(estimateText.1)! * (estimateText.2 == "GB" ? 1e9 : 1e6)
        #expect(DirectoryTree.entries(dir) == ["shape.yaml"], "files were written: \(DirectoryTree.entries(dir))")
        let outcome = try BNSimProcess.run(["run", "shape.yaml", "--output", "out", "--quiet", "--no-plot", "--threads", "2"], in: dir, timeout: 300)
        #expect(outcome.status == 0, "\(outcome)")
        let peak = Double(outcome.peakMemory)
        print("peak memory \(Int(peak / 1e6)) MB, held buffers \(Int(held / 1e6)) MB, estimate \(Int(estimate / 1e6)) MB: \(shape)")
        #expect(peak > held, "peak \(peak) below the buffers' \(held): not measured?")
        #expect(peak < estimate, "peak \(peak) above the estimate \(estimate)")
    }

    /// Where one worker would fit, the message says to use fewer threads.
    @Test func fewerThreadsAreSuggestedWhenOneWorkerWouldFit() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        // M such that one replica (8·(M + 4)·(N + 64) bytes) is a third of the memory bnsim may use.
        var memory = Double(ProcessInfo.processInfo.physicalMemory)
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
           let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) { memory = min(memory, limit) }
        let M = Int(memory / 3 / 8 / 1_000_064) - 4
        try "version: 1\nmodel: {N: 1000000}\ntraining: {batch_size: \(M)}\nsimulation: {seeds: 8}\n"
            .write(toFile: dir.appendingPathComponent("big.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["run", "big.yaml", "--output", "out", "--quiet", "--threads", "8"], in: dir, timeout: 60)
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("× 8 workers") && outcome.stderr.contains("run with fewer --threads"), "\(outcome.stderr)")
        #expect(DirectoryTree.entries(dir) == ["big.yaml"])
    }
}
