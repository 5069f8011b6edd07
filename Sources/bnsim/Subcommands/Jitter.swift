import ArgumentParser
import Config
import Experiment
import Foundation
import Output

extension BNSimCommand {
    struct Jitter: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The batch-to-batch jitter of BN's decision boundary: measured on real batches vs its prediction.",
            discussion: """
                Trains every run of the config (each must be training.method bn) for simulation.seeds replicas to \
                training.alpha_max, the replica seeds being those of bnsim run, and at every step measures where the batch-\
                normalized unit switches on, relative to population normalization, in units of the population scale √Q. \
                Writes jitter.csv (per run: the boundary offset's mean, standard deviation and excess kurtosis, the fraction \
                of samples switched differently, each with its standard error and prediction) to results/<name>/ or --output, \
                and draws jitter_vs_M.png/.svg when gnuplot is available.
                """
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var execution: ExecutionOptions

        func run() throws {
            let loaded = ExecutionOptions.loadSingleUnit(options, command: "jitter")
            for run in loaded.runs where run.config.training.method != .bn {
                let which = run.sweptValues.isEmpty ? "" : " (run \(run.id): \(run.sweptValues.map { "\($0.keyPath)=\($0.value)" }.joined(separator: " ")))"
                fail("\(options.config): training.method is \(run.config.training.method.rawValue)\(which); the jitter study needs bn")
            }
            // Before any work and any output: a config that cannot fit is refused with the estimate.
            do { try MemoryEstimate.replicas(of: loaded, threads: execution.threads).check(file: loaded.path) } catch { fail("\(error)") }
            let directory = execution.directory(for: loaded)
            let rows = JitterStudy.run(loaded, threads: execution.threads, quiet: execution.quiet)
            let table = JitterStudy.table(rows)
            do {
                var files = AtomicFileSet()
                files.add(JitterStudy.file, table.text)
                try files.write(into: directory)
            } catch { fail("\(error)") }
            print(table.text, terminator: "")
            print("wrote \(directory.appendingPathComponent(JitterStudy.file).path)")
            BNSimCommand.Plot.afterRun(directory, quiet: execution.quiet, written: "\(JitterStudy.file) was written")
        }
    }
}
