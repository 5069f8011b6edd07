import Config
import Convex
import Foundation
import GSL
import Model
import Output

/// A convex config whose sizes cannot be run (checked before any work).
public struct ConvexRefusal: Error, CustomStringConvertible {
    public let description: String
}

/// `bnsim convex` (docs/model.md §11): for every sweep run, α of `convex.alphas` and instance, the
/// global optimum by convex duality, its certificate and full-batch GD at each width → convex.csv.
public enum ConvexCommand {
    public static let csvFile = "convex.csv"
    public static let manifestFile = "manifest.yaml"
    /// The convex program is dense in P: beyond this many samples only the closed form (P ≤ N + 1) runs.
    public static let maximumProgramSamples = 200

    /// Every instance of the config, in sweep-run, α, instance order; refuses impossible sizes.
    public static func settings(_ loaded: LoadedConfig) throws(ConvexRefusal) -> [ConvexInstanceSettings] {
        var out: [ConvexInstanceSettings] = []
        for run in loaded.runs {
            let c = run.config, s = c.convex, n = c.model.inputDimension
            for (index, alpha) in s.alphas.enumerated() {
                let p = Int((alpha * Double(n)).rounded())
                let context = "\(loaded.path): convex.alphas[\(index)] = \(alpha) with model.N = \(n) gives P = round(α·N) = \(p)"
                guard p >= 2 else { throw ConvexRefusal(description: "\(context); at least 2 samples are needed") }
                guard p <= n + 1 || p <= maximumProgramSamples else {
                    throw ConvexRefusal(description: "\(context); the convex program handles P ≤ \(maximumProgramSamples) (or P ≤ N + 1 by the closed form): lower model.N or the α")
                }
                for instance in 0..<s.instances {
                    out.append(ConvexInstanceSettings(
                        inputDimension: n, samples: p, alpha: alpha, lambda: s.lambda, teacher: s.teacher,
                        noise: c.model.teacherNoise, testSamples: c.simulation.testSamples, maximumPatterns: s.maxPatterns,
                        widths: s.widths, restarts: s.restarts, steps: s.steps, learningRate: s.learningRate,
                        seed: ConvexStudy.instanceSeed(base: UInt64(c.simulation.seed), inputDimension: n, samples: p, index: instance)))
                }
            }
        }
        return out
    }

    /// Runs every instance; the CSV table, manifest run entries and (on request) the instance files.
    public static func execute(_ loaded: LoadedConfig, threads: Int, quiet: Bool, dumpInstances: Bool)
        throws -> (table: CSVTable, entries: [String], instances: [(name: String, text: String)]) {
        let all = try settings(loaded)
        let widths = loaded.base.convex.widths
        var table = CSVTable(header: header(widths: widths))
        var entries: [String] = [], instances: [(String, String)] = []
        for (i, s) in all.enumerated() {
            if !quiet { FileHandle.standardError.write(Data("convex: instance \(i + 1)/\(all.count): N = \(s.inputDimension), P = \(s.samples)\n".utf8)) }
            let result = try ConvexStudy.run(s, threads: threads)
            table.append(row(result, index: i))
            entries.append("  - instance: \(i)\n    N: \(s.inputDimension)\n    P: \(s.samples)\n    seed: \(s.seed)\n")
            if dumpInstances, let program = result.program {
                instances.append(("instance-\(i).json", ConvexInstanceFile.json(program, objective: result.convexObjective)))
            }
        }
        return (table, entries, instances)
    }

    static func header(widths: [Int]) -> [String] {
        ["N", "P", "alpha", "lambda", "teacher", "noise", "instance", "seed", "rank", "patterns_mode", "patterns",
         "patterns_general_position", "P_cvx", "J_recovered", "m_star", "lower_bound", "certified_gap", "eg_optimum",
         "solve_seconds"]
            + widths.flatMap { ["J_gd_m\($0)", "gap_m\($0)", "eg_gd_m\($0)"] }
    }

    /// A whole count as an integer (`463`, not `463.0`), while it fits exactly in a Double.
    static func count(_ x: Double) -> String { x < 0x1p53 ? String(Int(x)) : csvNumber(x) }

    static func row(_ r: ConvexInstanceResult, index: Int) -> [String] {
        let s = r.settings
        var cells = [String(s.inputDimension), String(s.samples), csvNumber(s.alpha), csvNumber(s.lambda), s.teacher.rawValue,
                     csvNumber(s.noise), String(index), String(s.seed), String(r.rank), r.patternMode.rawValue,
                     count(r.patternCount), count(r.generalPositionCount), csvNumber(r.convexObjective),
                     csvNumber(r.recoveredObjective), String(r.neurons), csvNumber(r.lowerBound), csvNumber(r.certifiedGap),
                     csvNumber(r.testError), String(format: "%.3f", r.solveSeconds)]
        for w in r.widths {
            cells += [csvNumber(w.bestObjective), csvNumber((w.bestObjective - r.convexObjective) / r.convexObjective),
                      csvNumber(w.testError)]
        }
        return cells
    }
}

/// The instance file of `bnsim convex --dump-instance` (read by scripts/convex-check.py, which
/// solves the same program with cvxpy): Ũ, y, λ and the patterns, and bnsim's optimum.
public enum ConvexInstanceFile {
    public static func json(_ program: ConvexProgram, objective: Double) -> String {
        let data = program.data
        let basis = (0..<data.sampleCount).map { i in "[" + data.basis.row(i).map(\.description).joined(separator: ", ") + "]" }
        let patterns = program.patterns.patterns.map { "\"" + $0.text(samples: data.sampleCount) + "\"" }
        return """
            {
              "lambda": \(program.lambda),
              "objective": \(objective),
              "exhaustive": \(program.patterns.isExhaustive),
              "labels": [\(program.labels.map(\.description).joined(separator: ", "))],
              "basis": [\(basis.joined(separator: ",\n    "))],
              "patterns": [\(patterns.joined(separator: ", "))]
            }

            """
    }
}
