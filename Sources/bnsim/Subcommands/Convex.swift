import ArgumentParser
import Config
import Experiment
import Foundation
import Output

extension BNSimCommand {
    struct Convex: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The global optimum of weight-decayed two-layer BN-ReLU networks on finite teacher–student data, by convex duality, against GD.",
            discussion: """
                For every sweep run, α of convex.alphas and instance: P = round(α·model.N) samples, the convex program over \
                hyperplane-arrangement patterns (exact up to convex.max_patterns, sampled beyond: then only an upper bound) or \
                the closed form for P ≤ N + 1, the recovered network, a dual certificate, and full-batch Adam at every width of \
                convex.widths. Writes convex.csv and manifest.yaml to results/<name>/ or --output (docs/model.md §11) and, when gnuplot is on PATH, the figures. \
                A directory holding another config's convex results is refused unless --force.
                """
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var execution: ExecutionOptions

        @Flag(help: ArgumentHelp("Also write each program's instance-<i>.json (Ũ, y, λ, patterns, bnsim's optimum) for scripts/convex-check.py.", visibility: .hidden))
        var dumpInstance = false

        @Flag(help: "Replace convex results of another config in the output directory.")
        var force = false

        @Flag(help: "Do not draw the figures (by default `bnsim plot` runs afterwards when gnuplot is on PATH).")
        var noPlot = false

        func run() throws {
            let loaded = ExecutionOptions.load(options, usesAlphaGrid: false)
            let directory = execution.directory(for: loaded)
            do {
                _ = try ConvexCommand.settings(loaded)
            } catch { fail(error.description) }
            do {
                try StudyDirectory.check(directory, for: .convex, effectiveYAML: loaded.effectiveYAML(), force: force)
            } catch { fail(error.description) }
            do {
                let (table, entries, instances) = try ConvexCommand.execute(loaded, threads: execution.threads, quiet: execution.quiet,
                                                                            dumpInstances: dumpInstance)
                var files = AtomicFileSet()
                files.add(ConvexCommand.csvFile, table.text)
                files.add(ConvexCommand.manifestFile, Manifest.text(configPath: loaded.path, overrides: options.overrides,
                                                                    effectiveYAML: loaded.effectiveYAML(), runEntries: entries,
                                                                    build: .current))
                for file in instances { files.add(file.name, file.text) }
                try files.write(into: directory)
                print(table.text, terminator: "")
                print("wrote \(files.files.map { directory.appendingPathComponent($0.name).path }.joined(separator: ", "))")
            } catch { fail("\(error)") }
            if !noPlot { Plot.afterRun(directory, quiet: execution.quiet, written: "\(ConvexCommand.csvFile) and \(ConvexCommand.manifestFile) were written") }
        }
    }
}
