import ArgumentParser
import Config
import Experiment
import Foundation
import Output

extension BNSimCommand {
    struct LrMax: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lr-max",
            abstract: "Learning-rate limits of every sweep point: the convergence window, the divergence limit and the local bound (docs/model.md §6).",
            discussion: """
                training.learning_rate is the searched variable; the lr_search section sets the range, the grid, the \
                bracket tolerance and the ε_g threshold (configs/README.md). Writes lr_max.csv (columns: results/README.md).
                """
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var execution: ExecutionOptions

        func run() throws {
            let loaded = ExecutionOptions.loadSingleUnit(options, command: "lr-max")
            let directory = execution.directory(for: loaded)
            Interruption.install { "nothing was written" }
            do {
                try MemoryEstimate(loaded: loaded, indices: Array(loaded.runs.indices), threads: execution.threads).check(file: loaded.path)
                let points = try LrMaxCommand.run(loaded: loaded, threads: execution.threads, quiet: execution.quiet)
                let table = LrMaxCommand.table(points, sweepKeys: loaded.base.sweep.sweptKeyPaths)
                var files = AtomicFileSet()
                files.add(LrMaxCommand.file, table.text)
                try files.write(into: directory)
                print(table.text, terminator: "")
                print("wrote \(directory.appendingPathComponent(LrMaxCommand.file).path)")
            } catch { fail("\(error)") }
        }
    }
}
