import Foundation
import Model

/// The short human-readable report printed after a run: per run, how each engine ended and the
/// generalization error at the last α both reached.
public enum Summary {
    public static func text(_ results: [RunResult]) -> String {
        var lines: [String] = []
        for r in results {
            let s = r.setup
            var head = "\(r.spec.id)  \(s.method.rawValue) \(s.activation.rawValue) η=\(s.learningRate) M=\(s.batchSize) σ=\(s.teacherNoise)"
            if !r.spec.sweptValues.isEmpty {
                head += "  [" + r.spec.sweptValues.map { "\($0.keyPath)=\($0.value)" }.joined(separator: " ") + "]"
            }
            lines.append(head)
            for t in r.theory {
                let last = t.points.last
                let alpha = t.points.isEmpty ? 0 : r.grid.alphas[t.points.count - 1]
                lines.append("  theory \(t.variant.rawValue): \(describe(t.outcome))" + (last.map { "  \(pointLabel(t.outcome)) α=\(fmt(alpha)): ε_g=\(fmt($0.eg)) Q=\(fmt($0.Q)) r=\(fmt($0.r))" } ?? ""))
            }
            if let sim = r.simulation {
                let agg = sim.aggregate
                let k = agg.points.count - 1
                var line = "  simulation (\(sim.replicas.count) seeds, N=\(s.inputDimension)): \(describe(agg.outcome))"
                if agg.divergedReplicas > 0 { line += " (\(agg.divergedReplicas) of \(sim.replicas.count) seeds)" }
                if k >= 0 {
                    let p = agg.points[k]
                    line += "  \(pointLabel(agg.outcome)) α=\(fmt(r.grid.alphas[k])): ε_g=\(fmt(p.mean.eg))±\(fmt(p.standardError.eg))"
                    if !p.mean.egTest.isNaN { line += " (test \(fmt(p.mean.egTest))±\(fmt(p.standardError.egTest)))" }
                    line += " Q=\(fmt(p.mean.Q)) r=\(fmt(p.mean.r))"
                }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "at" the end of a completed run, "last finite point" of a diverged one.
    static func pointLabel(_ o: Outcome) -> String {
        switch o {
        case .completed: "at"
        case .diverged: "last finite point"
        case .notComputed: "no point"
        }
    }

    static func describe(_ o: Outcome) -> String {
        switch o {
        case .completed: "completed"
        case .diverged(let alpha): "DIVERGED at α=\(fmt(alpha))"
        case .notComputed(let reason): "NOT COMPUTED: \(reason)"
        }
    }

    static func fmt(_ x: Double) -> String {
        guard x.isFinite else { return x.description }
        let magnitude = abs(x)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) { return String(format: "%.3e", x) }
        return String(format: "%.4g", x)
    }
}
