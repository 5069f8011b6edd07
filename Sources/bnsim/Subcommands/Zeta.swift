import ArgumentParser
import Config
import Experiment
import Foundation
import Model
import Output

extension BNSimCommand {
    struct Zeta: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Is BN = PN + gamma decay? Measure E_B[L_BN] − L_PN against the bn-pn prediction ζγ² (relu, β = 0).",
            discussion: """
                Writes zeta.csv (per M, r, γ: the penalty by quadrature over real batches, by sampled batches with its \
                standard error, the bn-pn prediction ζγ² and its relative error), zeta_power.csv (fitted power of M) and \
                zeta_gamma.csv (fit a·γ + b·γ²) to results/<name>/ or --output; where the quadrature cannot be computed, \
                zeta_not_computed.csv says why (and a warning on stderr). The config supplies name, simulation.seed and \
                the data model (model.input_noise, model.input_kurtosis; with kurtosis only the sampled batches measure the penalty); \
                model.activation must be relu.
                """
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var execution: ExecutionOptions

        @Option(help: "Batch sizes M (≥ 2), comma-separated.")
        var batchSizes: CommaList<Int> = CommaList([2, 4, 8, 16, 32, 64])

        @Option(help: "Normalized overlaps r in (−1, 1), comma-separated (write --overlaps=-0.5,0.5 for negative values).")
        var overlaps: CommaList<Double> = CommaList([0, 0.5, 0.9])

        @Option(help: "Scales γ in [1e-50, 1e50] (so that the γ⁴ sums of the γ fit stay finite), comma-separated.")
        var gammas: CommaList<Double> = CommaList([0.5, 1, 2])

        @Flag(help: "Do not draw the figures (by default `bnsim plot` runs afterwards when gnuplot is on PATH).")
        var noPlot = false

        @Option(help: "Sampled batches per state for the brute-force check (0: skip it).")
        var batches: Int = 200_000

        func validate() throws {
            guard batchSizes.values.allSatisfy({ $0 >= 2 }) else { throw ValidationError("--batch-sizes must all be ≥ 2.") }
            guard overlaps.values.allSatisfy({ $0 > -1 && $0 < 1 }) else { throw ValidationError("--overlaps must lie in (−1, 1).") }
            guard gammas.values.allSatisfy({ (1e-50...1e50).contains($0) }) else {
                throw ValidationError("--gammas must lie in [1e-50, 1e50], so that the γ⁴ sums of the γ fit stay finite.")
            }
            guard batches >= 0 else { throw ValidationError("--batches must be ≥ 0.") }
        }

        func run() throws {
            let loaded = ExecutionOptions.loadSingleUnit(options, command: "zeta", usesAlphaGrid: false)
            guard loaded.base.model.activation == .relu else {
                fail("\(options.config): model.activation is \(loaded.base.model.activation.rawValue); the zeta study needs relu (its exact penalty rests on relu's homogeneity)")
            }
            // Each worker holds two arrays of M doubles for the sampled batches.
            let largestM = batchSizes.values.max() ?? 0
            let estimate = MemoryEstimate(perWorker: batches > 0 ? 16 * Double(largestM) : 0,
                                          workers: max(1, min(execution.threads, batchSizes.values.count * overlaps.values.count * gammas.values.count)),
                                          results: 0, largestN: 0, largestM: largestM,
                                          perWorkerContents: "the sampled batches of M = \(largestM)")
            do { try estimate.check(file: loaded.path) } catch { fail("\(error)") }
            let directory = execution.directory(for: loaded)
            let model = loaded.base.model
            let study = ZetaStudy(batchSizes: batchSizes.values, overlaps: overlaps.values, gammas: gammas.values, sampledBatches: batches,
                                  seed: UInt64(loaded.base.simulation.seed),
                                  inputs: InputModel(noise: model.inputNoise, kurtosis: model.inputKurtosis))
            do {
                let rows = try study.run(threads: execution.threads, quiet: execution.quiet)
                let (points, power, gamma) = try ZetaStudy.finiteTables(rows)
                var files = AtomicFileSet()
                files.add("zeta.csv", points.text)
                files.add("zeta_power.csv", power.text)
                files.add("zeta_gamma.csv", gamma.text)
                if let missing = ZetaStudy.notComputedTable(rows) {
                    files.add("zeta_not_computed.csv", missing.text)
                    // One line per distinct reason, with how many states it concerns.
                    var reasons: [String: Int] = [:]
                    for row in rows { if let why = row.quadratureNotComputed { reasons[why, default: 0] += 1 } }
                    for (why, count) in reasons.sorted(by: { $0.key < $1.key }) {
                        FileHandle.standardError.write(Data("bnsim: warning: penalty_quadrature not computed at \(count) of \(rows.count) states: \(why)\n".utf8))
                    }
                }
                try files.write(into: directory)
                print(points.text, terminator: "")
                print("wrote \(files.files.map { directory.appendingPathComponent($0.name).path }.joined(separator: ", "))")
            } catch { fail("\(error)") }
            if !noPlot { Plot.afterRun(directory, quiet: execution.quiet, written: "the zeta tables were written") }
        }
    }
}

/// A comma-separated list option, e.g. `--gammas 0.5,1,2` (negative values: `--overlaps=-0.5,0`).
struct CommaList<Element: LosslessStringConvertible & Sendable>: ExpressibleByArgument, Sendable {
    var values: [Element]
    init(_ values: [Element]) { self.values = values }
    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Element(String($0.trimmingCharacters(in: .whitespaces))) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        values = parts.map { $0! }
    }
    var defaultValueDescription: String { values.map(\.description).joined(separator: ",") }
}
