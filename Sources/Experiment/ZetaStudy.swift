#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GSL
import Model
import Output
import Simulation
import Theory

/// `bnsim zeta`: is BN = PN + gamma decay? (docs/model.md §5.) For relu at β = 0 it measures the
/// implicit penalty E_B[L_BN] − L_PN at states (r, γ) and batch sizes M three ways — quadrature
/// over real batches, brute force over sampled batches, and the bn-pn prediction ζγ² — and fits
/// how it scales with M and with γ.
public struct ZetaStudy: Sendable {
    public var batchSizes: [Int]
    public var overlaps: [Double]
    public var gammas: [Double]
    public var sampledBatches: Int
    public var seed: UInt64
    /// docs/model.md §8 data model of the batches (config keys model.input_noise, model.input_kurtosis).
    /// With input noise the standardized student field has overlap r/√(1 + s²) with h*, so the
    /// quadrature is the Gaussian one there; with kurtosis the batch decomposition fails
    /// (docs/data-models.md) and only the sampled batches measure the penalty.
    public var inputs: InputModel

    public init(batchSizes: [Int], overlaps: [Double], gammas: [Double], sampledBatches: Int, seed: UInt64, inputs: InputModel = .gaussian) {
        self.batchSizes = batchSizes; self.overlaps = overlaps; self.gammas = gammas
        self.sampledBatches = sampledBatches; self.seed = seed; self.inputs = inputs
    }

    public struct Row: Sendable {
        public var M: Int, r: Double, gamma: Double
        public var quadrature: Double
        /// Why `quadrature` (and `normalizedSquare`) could not be computed; nil when they were.
        public var quadratureNotComputed: String?
        public var sampled: Double, sampledSE: Double
        public var zeta: Double
        public var normalizedSquare: Double
        public var prediction: Double { zeta * gamma * gamma }
    }

    /// Brute force: per batch, the mean over its samples of ½(relu(h*) − γrelu(n))² − ½(relu(h*) − γrelu(u)),
    /// the two losses on the same samples (common random numbers).
    static func sampledPenalty(M: Int, r: Double, gamma: Double, batches: Int, seed: UInt64, inputs: InputModel = .gaussian) -> (Double, Double) {
        if !inputs.isGaussian { return sampledPenalty(M: M, r: r, gamma: gamma, batches: batches, seed: seed, dataModel: inputs) }
        var rng = RandomStream(seed: seed)
        let rho = (1 - r * r).squareRoot()
        var u = [Double](repeating: 0, count: M), h = u
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<batches {
            var mean = 0.0
            for i in 0..<M {
                u[i] = rng.normal(); h[i] = r * u[i] + rho * rng.normal(); mean += u[i]
            }
            mean /= Double(M)
            var variance = 0.0
            for i in 0..<M { variance += (u[i] - mean) * (u[i] - mean) }
            let sd = (variance / Double(M)).squareRoot()
            var x = 0.0
            for i in 0..<M {
                let teacher = max(h[i], 0), n = (u[i] - mean) / sd
                let bn = teacher - gamma * max(n, 0), pn = teacher - gamma * max(u[i], 0)
                x += 0.5 * (bn * bn - pn * pn)
            }
            x /= Double(M)
            sum += x; sumSquares += x * x
        }
        let b = Double(batches), m = sum / b
        return (m, batches > 1 ? ((sumSquares / b - m * m) / (b - 1)).squareRoot() : .nan)
    }

    /// The brute force for docs/model.md §8 batches: per sample v ~ Gamma(3/ρ, ρ/3) and input noise; h* = √v·t,
    /// the student's field √v·(r·t + √(1−r²)·z) + s·ν, and PN standardizes it by σ_P = √(1 + s²).
    static func sampledPenalty(M: Int, r: Double, gamma: Double, batches: Int, seed: UInt64, dataModel inputs: InputModel) -> (Double, Double) {
        var rng = RandomStream(seed: seed)
        let rho = (1 - r * r).squareRoot(), s = inputs.noise, kurtosis = inputs.kurtosis
        let sigmaP = inputs.studentVarianceFactor.squareRoot()
        var u = [Double](repeating: 0, count: M), h = u
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<batches {
            var mean = 0.0
            for i in 0..<M {
                let scale = kurtosis > 0 ? rng.gamma(shape: 3 / kurtosis, scale: kurtosis / 3).squareRoot() : 1
                let t = rng.normal()
                h[i] = scale * t
                u[i] = scale * (r * t + rho * rng.normal()) + (s > 0 ? s * rng.normal() : 0)
                mean += u[i]
            }
            mean /= Double(M)
            var variance = 0.0
            for i in 0..<M { variance += (u[i] - mean) * (u[i] - mean) }
            let sd = (variance / Double(M)).squareRoot()
            var x = 0.0
            for i in 0..<M {
                let teacher = max(h[i], 0), n = (u[i] - mean) / sd
                let bn = teacher - gamma * max(n, 0), pn = teacher - gamma * max(u[i] / sigmaP, 0)
                x += 0.5 * (bn * bn - pn * pn)
            }
            x /= Double(M)
            sum += x; sumSquares += x * x
        }
        let b = Double(batches), m = sum / b
        return (m, batches > 1 ? ((sumSquares / b - m * m) / (b - 1)).squareRoot() : .nan)
    }

    /// The largest M whose penalty_quadrature is reported: M·penalty settles to 1e-5 relative up
    /// to here (0.1077717 at r = ½, γ = 1), then drifts by ≈ 6e-12·M (6e-5 at M = 10⁷, wrong sign
    /// at 10¹¹) as the two O(1) averages it subtracts lose their last digits.
    public static let largestQuadratureBatch = 1_000_000

    public func run(threads: Int, quiet: Bool) throws -> [Row] {
        var points: [(Int, Double, Double)] = []
        for M in batchSizes { for r in overlaps { for g in gammas { points.append((M, r, g)) } } }
        let study = self, states = points
        let progress = Progress(total: points.count, label: "bnsim zeta:", unit: "states (M, r, γ)", quiet: quiet)
        let rows = ParallelJobs.map(count: points.count, threads: threads) { k -> Result<Row, GSLError> in
            defer { progress.advance() }
            let (M, r, gamma) = states[k]
            do throws(GSLError) {
                let inputs = study.inputs
                let c = inputs.studentVarianceFactor.squareRoot()
                // Kurtosis: no quadrature (empty columns, with the reason); noise: the Gaussian quadrature at r/c.
                var exact: BatchPenalty.Value?, notComputed: String?
                if M > Self.largestQuadratureBatch {
                    notComputed = "at M > \(Self.largestQuadratureBatch) the O(1/M) penalty is a difference of O(1) averages below their rounding (relative error ≈ 6e-12·M, measured); penalty_pn is its large-M form"
                } else if inputs.kurtosis > 0 {
                    notComputed = "with model.input_kurtosis > 0 the per-sample scales break the Gaussian batch decomposition the quadrature rests on (docs/data-models.md); only the sampled batches measure the penalty"
                } else {
                    do {
                        exact = try BatchPenalty.exact(batchSize: M, overlap: inputs.noise > 0 ? r / c : r, gamma: gamma)
                        if let value = exact, !(value.penalty.isFinite && value.normalizedSquare.isFinite) {
                            exact = nil
                            notComputed = "the batch quadrature returned a non-finite value"
                        }
                    } catch {
                        notComputed = "\(error)"
                    }
                }
                let pointSeed = SplitMix64.mix(study.seed ^ UInt64(k) &* 0x9E37_79B9)
                let (sampled, se) = study.sampledBatches > 0
                    ? Self.sampledPenalty(M: M, r: r, gamma: gamma, batches: study.sampledBatches, seed: pointSeed, inputs: inputs) : (.nan, .nan)
                let zeta = inputs.isGaussian
                    ? GammaDecay.zeta(.relu, overlap: r, gamma: gamma, batchSize: M)
                    : GammaDecay.zeta(.relu, overlap: r, gamma: gamma, batchSize: M, inputs: inputs, rule: try ScaleMixtureRule(kurtosis: inputs.kurtosis))
                return .success(Row(M: M, r: r, gamma: gamma, quadrature: exact?.penalty ?? .nan, quadratureNotComputed: notComputed, sampled: sampled, sampledSE: se,
                                    zeta: zeta, normalizedSquare: exact?.normalizedSquare ?? .nan))
            } catch {
                return .failure(error)
            }
        }
        return try rows.map { try $0.get() }
    }

    /// Least-squares slope of log|y| on log M over the batch sizes ≥ 4 (where y keeps one sign).
    public static func powerOfM(_ rows: [Row], value: (Row) -> Double) -> Double {
        // Rows without a value (not computed) are left out, not allowed to blank the whole fit.
        let pts = rows.filter { $0.M >= 4 && value($0).isFinite }.map { (log(Double($0.M)), log(abs(value($0)))) }
        let n = Double(pts.count)
        let mx = pts.map(\.0).reduce(0, +) / n, my = pts.map(\.1).reduce(0, +) / n
        let sxy = pts.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }, sxx = pts.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        return sxy / sxx
    }

    /// Least-squares fit y(γ) = a·γ + b·γ²: (a, b).
    public static func gammaFit(_ rows: [Row], value: (Row) -> Double) -> (linear: Double, quadratic: Double) {
        var s11 = 0.0, s12 = 0.0, s22 = 0.0, t1 = 0.0, t2 = 0.0
        for row in rows where value(row).isFinite {
            let g = row.gamma, y = value(row)
            s11 += g * g; s12 += g * g * g; s22 += g * g * g * g; t1 += g * y; t2 += g * g * y
        }
        let det = s11 * s22 - s12 * s12
        return ((t1 * s22 - t2 * s12) / det, (s11 * t2 - s12 * t1) / det)
    }

    /// `zeta_not_computed.csv`: the states whose penalty_quadrature is empty, and why; nil when every
    /// state has one (then the file is not written).
    public static func notComputedTable(_ rows: [Row]) -> CSVTable? {
        let missing = rows.filter { $0.quadratureNotComputed != nil }
        guard !missing.isEmpty else { return nil }
        var table = CSVTable(header: ["M", "r", "gamma", "column", "reason"])
        for row in missing {
            table.append([String(row.M), csvNumber(row.r), csvNumber(row.gamma), "penalty_quadrature", row.quadratureNotComputed!])
        }
        return table
    }

    /// A result that overflowed: nothing is written.
    public struct Overflow: Error, CustomStringConvertible {
        public let file: String, column: String, row: String
        public var description: String {
            "\(file): \(column) is infinite at \(row); the inputs overflow (γ and γ⁴ must stay finite: --gammas within [1e-50, 1e50])"
        }
    }

    /// The tables, or `Overflow` when a cell is infinite.
    public static func finiteTables(_ rows: [Row]) throws(Overflow) -> (points: CSVTable, power: CSVTable, gamma: CSVTable) {
        let t = tables(rows)
        for (file, table) in [("zeta.csv", t.points), ("zeta_power.csv", t.power), ("zeta_gamma.csv", t.gamma)] {
            if let (row, column) = table.firstInfiniteCell {
                let key = zip(table.header, row).prefix(3).map { "\($0) = \($1)" }.joined(separator: ", ")
                throw Overflow(file: file, column: column, row: key)
            }
        }
        return t
    }

    public static func tables(_ rows: [Row]) -> (points: CSVTable, power: CSVTable, gamma: CSVTable) {
        var points = CSVTable(header: ["M", "r", "gamma", "penalty_quadrature", "penalty_sampled", "penalty_sampled_se", "z_sampled",
                                       "penalty_pn", "zeta_pn", "rel_error_pn", "D_M", "E_relu_n_squared"])
        for row in rows {
            let z = row.sampledSE > 0 ? (row.sampled - row.quadrature) / row.sampledSE : .nan
            points.append([String(row.M), csvNumber(row.r), csvNumber(row.gamma), csvNumber(row.quadrature), csvNumber(row.sampled),
                           csvNumber(row.sampledSE), csvNumber(z), csvNumber(row.prediction), csvNumber(row.zeta),
                           csvNumber((row.prediction - row.quadrature) / abs(row.quadrature)), csvNumber(row.quadrature / row.gamma),
                           csvNumber(row.normalizedSquare)])
        }
        var power = CSVTable(header: ["r", "gamma", "source", "power_of_M"])
        var gammaTable = CSVTable(header: ["M", "r", "source", "linear_coefficient", "quadratic_coefficient", "quadratic_share_at_gamma_1"])
        let overlaps = Array(Set(rows.map(\.r))).sorted(), gammas = Array(Set(rows.map(\.gamma))).sorted()
        let sizes = Array(Set(rows.map(\.M))).sorted()
        for r in overlaps {
            for g in gammas {
                let sel = rows.filter { $0.r == r && $0.gamma == g }
                power.append([csvNumber(r), csvNumber(g), "quadrature", csvNumber(powerOfM(sel) { $0.quadrature })])
                power.append([csvNumber(r), csvNumber(g), "pn", csvNumber(powerOfM(sel) { $0.prediction })])
            }
            for M in sizes where gammas.count >= 2 {
                let sel = rows.filter { $0.r == r && $0.M == M }
                for (source, f) in [("quadrature", { (x: Row) in x.quadrature }), ("pn", { (x: Row) in x.prediction })] {
                    let (a, b) = gammaFit(sel, value: f)
                    gammaTable.append([String(M), csvNumber(r), source, csvNumber(a), csvNumber(b), csvNumber(abs(b) / (abs(a) + abs(b)))])
                }
            }
        }
        return (points, power, gammaTable)
    }
}
