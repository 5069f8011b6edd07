import ArgumentParser
import Benchmark
import Foundation
import Output

extension BNSimCommand {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure bnsim's simulation and theory speed against a C and a numpy reference loop.",
            discussion: """
                Interleaved repetitions of: the sgd step rate (N = 1000, 5000; M = 1) of bnsim, of benchmarks/sgd_reference.c \
                (compiled with $CC or cc -O3 -march=native) and of benchmarks/sgd_numpy.py, with their ratios; the bn rate per \
                sample (M = 4, 16); the exact reduced engine against the full one (sgd N = 10³, 10⁵, 10⁶; bn M = 16); whole theory trajectories (sgd, wn, bn-exact); a sweep on one worker and on all. Kernels are \
                timed by per-thread CPU time, references by their own. A missing compiler or numpy skips its rows. Prints a \
                table and writes bench.csv to results/bench/ or --output. `make bench` installs the references' tools first.
                """
        )

        @Option(help: "Repetitions of every measurement (median and range are reported).")
        var repetitions: Int = 5

        @Option(help: "Directory for bench.csv.")
        var output: String = "results/bench"

        @Option(help: "Directory with sgd_reference.c and sgd_numpy.py.")
        var references: String = "benchmarks"

        @Option(name: .customLong("threads"), help: ArgumentHelp("Worker threads of the parallel sweep (default: all cores).", valueName: "n"))
        var requestedThreads: Int?

        /// As requested, else one per core.
        var threads: Int { requestedThreads ?? ProcessInfo.processInfo.activeProcessorCount }

        @Flag(help: "A fast smoke run (short loops, no bn-exact); its numbers are not the benchmark.")
        var quick = false

        @Flag(help: "No progress lines on stderr.")
        var quiet = false

        func validate() throws {
            guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions).") }
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads).") }
            try validateOutputDirectory(output)
        }

        func run() throws {
            var options = BenchmarkSuite.Options()
            options.repetitions = repetitions
            options.sources = URL(fileURLWithPath: references)
            options.threads = threads
            if quick { options.scale = 0.05; options.skipBNExact = true }
            let report: BenchmarkSuite.Report
            do {
                report = try BenchmarkSuite(options: options).run { line in
                    if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
                }
            } catch { fail("\(error)") }
            print(report.table(repetitions: repetitions), terminator: "")
            var files = AtomicFileSet()
            files.add("bench.csv", report.csv.text)
            let directory = URL(fileURLWithPath: output)
            do { try files.write(into: directory) } catch { fail("\(error)") }
            print("wrote \(directory.appendingPathComponent("bench.csv").path)")
        }
    }
}
