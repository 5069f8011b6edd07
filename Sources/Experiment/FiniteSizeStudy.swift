#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The finite-size study: for runs that differ only in N (a sweep over `model.N`),
/// how far the seed-averaged simulation is from the N → ∞ theory (bn: bn-exact) as N grows, and
/// the fitted power of N.
///
/// Per N: the deviation D(N) = mean over α and over Q, R, γ, ε_g of |simulation − theory|/(1 + |theory|),
/// and the noise level S(N) = the same mean of the seed standard error. D falls like N^−½ while
/// seed noise dominates it and like N^−1 where the O(1/N) finite-size bias does; S always falls
/// like N^−½ at a fixed number of seeds.
public struct FiniteSizeStudy: Sendable {
    public struct Group: Sendable {
        public var label: String
        public var points: [(N: Int, deviation: Double, noise: Double)]
        public var deviationExponent: Double
        public var noiseExponent: Double
    }

    public let groups: [Group]

    static let observables: Set<String> = ["Q", "R", "gamma", "eg"]

    public init(comparison table: CompareCSV) throws(CompareError) {
        let variantColumn = try table.column("variant")
        let nColumn = try table.column("N"), runColumn = try table.column("run_id")
        let observableColumn = try table.column("observable")
        let theoryColumn = try table.column("theory"), simColumn = try table.column("simulation"), seColumn = try table.column("simulation_se")
        // The key: every setup column before `variant`, except run_id and N.
        let keyColumns = (0..<variantColumn).filter { $0 != nColumn && $0 != runColumn }
        var sums: [String: [Int: (dev: Double, noise: Double, count: Int)]] = [:]
        var order: [String] = []
        for (k, row) in table.rows.enumerated() where row[variantColumn] == "exact" && Self.observables.contains(row[observableColumn]) {
            guard let N = Int(row[nColumn]) else { continue }
            let theory = try table.number(k, theoryColumn), sim = try table.number(k, simColumn), se = try table.number(k, seColumn)
            guard theory.isFinite, sim.isFinite else { continue }
            let label = keyColumns.map { "\(table.header[$0])=\(row[$0])" }.joined(separator: " ")
            if sums[label] == nil { order.append(label); sums[label] = [:] }
            var s = sums[label]![N] ?? (0, 0, 0)
            s.dev += abs(sim - theory) / (1 + abs(theory))
            s.noise += (se.isFinite ? se : 0) / (1 + abs(theory))
            s.count += 1
            sums[label]![N] = s
        }
        groups = order.compactMap { label in
            let byN = sums[label]!.sorted { $0.key < $1.key }
            guard byN.count >= 2 else { return nil }
            let points = byN.map { (N: $0.key, deviation: $0.value.dev / Double($0.value.count), noise: $0.value.noise / Double($0.value.count)) }
            return Group(label: label, points: points,
                         deviationExponent: Self.slope(points.map { (Double($0.N), $0.deviation) }),
                         noiseExponent: Self.slope(points.map { (Double($0.N), $0.noise) }))
        }
    }

    /// Least-squares slope of log y on log x.
    static func slope(_ xy: [(Double, Double)]) -> Double {
        let pts = xy.filter { $0.1 > 0 }.map { (log($0.0), log($0.1)) }
        let n = Double(pts.count)
        guard pts.count >= 2 else { return .nan }
        let mx = pts.map(\.0).reduce(0, +) / n, my = pts.map(\.1).reduce(0, +) / n
        let sxy = pts.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }, sxx = pts.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        return sxy / sxx
    }

    /// The printed section; empty when no runs differ only in N.
    public var text: String {
        guard !groups.isEmpty else { return "" }
        var out = "finite-size study (runs differing only in N; D = mean |simulation − theory|/(1 + |theory|) over α and Q, R, γ, ε_g; S = the same mean of the seed s.e.):\n"
        for g in groups {
            out += "  \(g.label)\n"
            for p in g.points {
                out += String(format: "    N = %6d   D = %.3e   S = %.3e   D/S = %.2f\n", p.N, p.deviation, p.noise, p.deviation / p.noise)
            }
            out += String(format: "    fitted D ∝ N^%.2f (seed noise alone: S ∝ N^%.2f)\n", g.deviationExponent, g.noiseExponent)
        }
        return out
    }
}
