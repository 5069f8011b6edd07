import Config
import Foundation
import Model
import Output
import Simulation
import Theory

/// `bnsim jitter`: the batch-to-batch jitter of BN's decision boundary, measured on the real
/// batches of a training run and compared with its prediction from the distribution of the
/// batch statistics (`BatchJitter`, docs/bn-boundary-jitter.md).
///
/// At every step of every replica, before the update, the boundary's offset from population
/// normalization's is δ = (μ_B − b·σ_B)/σ_P + b (b = β/γ, σ_P = √Q of that step). The study
/// pools the residuals e = δ − E[δ | state] over all steps (independent: every step draws fresh
/// samples) and reports their mean, their root mean square against the predicted √E[Var δ],
/// their excess kurtosis, and the fraction of samples that BN and population normalization
/// switch differently.
public enum JitterStudy {
    public struct Row: Sendable {
        public var runID: String
        /// The run's swept key paths and values (sweep order).
        public var swept: [SweptValue]
        public var setup: TrainingSetup
        public var seeds: Int
        public var steps: Int
        public var residualMean: Double, residualMeanSE: Double
        public var predictedMean: Double
        public var sd: Double, sdSE: Double, predictedSD: Double
        public var excessKurtosis: Double, excessKurtosisSE: Double
        public var flipRate: Double, flipRateSE: Double
        /// Only where β = 0 at every step (the closed form is for β = 0).
        public var predictedFlipRate: Double?
    }

    /// Sums over the steps of one replica, combined in replica order (so the result does not
    /// depend on the thread count).
    struct Sums: Sendable {
        var steps = 0
        var e = 0.0, e2 = 0.0, e4 = 0.0, predictedVariance = 0.0, predictedMean = 0.0
        var flips = 0.0, flips2 = 0.0
        var betaAlwaysZero = true

        static func + (a: Sums, b: Sums) -> Sums {
            Sums(steps: a.steps + b.steps, e: a.e + b.e, e2: a.e2 + b.e2, e4: a.e4 + b.e4,
                 predictedVariance: a.predictedVariance + b.predictedVariance, predictedMean: a.predictedMean + b.predictedMean,
                 flips: a.flips + b.flips, flips2: a.flips2 + b.flips2, betaAlwaysZero: a.betaAlwaysZero && b.betaAlwaysZero)
        }
    }

    /// Trains one replica for `steps` steps (or until it blows up), observing every batch.
    static func measure(setup: TrainingSetup, seed: UInt64, steps: Int) -> Sums {
        let replica = Replica(setup: setup, seed: seed)
        let M = setup.batchSize, m = Double(M)
        var sums = Sums()
        for _ in 0..<steps {
            replica.step { batch in
                let h = batch.studentFields
                let mean = h.reduce(0, +) / m
                let sdB = (h.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / m).squareRoot()
                let sdP = batch.Q.squareRoot()
                let b = batch.beta == 0 ? 0 : batch.beta / batch.gamma
                let delta = (mean - b * sdB) / sdP + b
                let expected = BatchJitter.thresholdMean(batchSize: M, betaOverGamma: b)
                let e = delta - expected
                var flipped = 0
                for x in h where ((batch.gamma * (x - mean) / sdB + batch.beta) > 0) != ((batch.gamma * x / sdP + batch.beta) > 0) {
                    flipped += 1
                }
                let f = Double(flipped) / m
                guard e.isFinite else { return }
                sums.steps += 1
                sums.e += e; sums.e2 += e * e; sums.e4 += e * e * e * e
                sums.predictedMean += expected
                sums.predictedVariance += BatchJitter.thresholdVariance(batchSize: M, betaOverGamma: b)
                sums.flips += f; sums.flips2 += f * f
                if batch.beta != 0 { sums.betaAlwaysZero = false }
            }
            if replica.hasBlownUp { break }
        }
        return sums
    }

    /// One row per run of the config (each must be bn), over `simulation.seeds` replicas trained
    /// to `training.alpha_max`, with the replica seeds `bnsim run` uses.
    public static func run(_ loaded: LoadedConfig, threads: Int, quiet: Bool) -> [Row] {
        let runs = loaded.runs
        var jobs: [(run: Int, replica: Int)] = []
        for (k, run) in runs.enumerated() { for j in 0..<run.config.simulation.replicas { jobs.append((k, j)) } }
        let work = jobs
        let progress = Progress(total: jobs.count, label: "bnsim jitter:", unit: "replicas", quiet: quiet)
        let sums = ParallelJobs.map(count: jobs.count, threads: threads) { k -> Sums in
            defer { progress.advance() }
            let run = runs[work[k].run]
            let setup = run.config.trainingSetup()
            // Config validation keeps α_max within AlphaGrid.maximumSteps.
            let steps = AlphaGrid.stepCount(alpha: setup.alphaMax, inputDimension: setup.inputDimension, batchSize: setup.batchSize)
                ?? AlphaGrid.maximumSteps
            let seed = ReplicaSeed.derive(baseSeed: UInt64(run.config.simulation.seed), runID: run.id, replica: work[k].replica)
            return measure(setup: setup, seed: seed, steps: steps)
        }
        return runs.enumerated().map { k, run in
            let total = zip(jobs, sums).filter { $0.0.run == k }.map(\.1).reduce(Sums(), +)
            return row(run: run, sums: total)
        }
    }

    static func row(run: RunSpec, sums s: Sums) -> Row {
        let setup = run.config.trainingSetup()
        let t = Double(s.steps)
        let mean = s.e / t, meanSquare = s.e2 / t, fourth = s.e4 / t
        let sd = meanSquare.squareRoot()
        // Delta method: Var(mean e²) = (E e⁴ − (E e²)²)/T and sd = √(mean e²).
        let sdSE = ((fourth - meanSquare * meanSquare) / t).squareRoot() / (2 * sd)
        let flip = s.flips / t
        let flipSE = (max(0, s.flips2 / t - flip * flip) / (t - 1)).squareRoot()
        return Row(runID: run.id, swept: run.sweptValues, setup: setup, seeds: run.config.simulation.replicas, steps: s.steps,
                   residualMean: mean, residualMeanSE: (max(0, meanSquare - mean * mean) / (t - 1)).squareRoot(),
                   predictedMean: s.predictedMean / t,
                   sd: sd, sdSE: sdSE, predictedSD: (s.predictedVariance / t).squareRoot(),
                   // The standard error of the excess kurtosis of T Gaussian draws, √(24/T).
                   excessKurtosis: fourth / (meanSquare * meanSquare) - 3, excessKurtosisSE: (24 / t).squareRoot(),
                   flipRate: flip, flipRateSE: flipSE,
                   predictedFlipRate: s.betaAlwaysZero ? BatchJitter.flipProbability(batchSize: setup.batchSize) : nil)
    }

    public static let file = "jitter.csv"

    /// jitter.csv (columns in results/README.md): the run id, one column per swept key path
    /// (but the batch size, which is M), then the measurements.
    public static func table(_ rows: [Row]) -> CSVTable {
        // The batch size has its own column, M.
        let sweptKeys = (rows.first?.swept.map(\.keyPath) ?? []).filter { $0 != "training.batch_size" }
        var table = CSVTable(header: ["run_id"] + sweptKeys + ["M", "N", "learning_rate", "seeds", "steps",
                                      "threshold_mean", "threshold_mean_se", "threshold_mean_predicted",
                                      "threshold_sd", "threshold_sd_se", "threshold_sd_predicted", "z_sd",
                                      "threshold_excess_kurtosis", "threshold_excess_kurtosis_se",
                                      "flip_rate", "flip_rate_se", "flip_rate_predicted", "z_flip"])
        for r in rows {
            let predictedFlip = r.predictedFlipRate
            let key: [String] = [r.runID] + r.swept.filter { $0.keyPath != "training.batch_size" }.map(\.value)
            let cells: [String] = [String(r.setup.batchSize), String(r.setup.inputDimension), csvNumber(r.setup.learningRate),
                          String(r.seeds), String(r.steps),
                          csvNumber(r.residualMean + r.predictedMean), csvNumber(r.residualMeanSE), csvNumber(r.predictedMean),
                          csvNumber(r.sd), csvNumber(r.sdSE), csvNumber(r.predictedSD), csvNumber((r.sd - r.predictedSD) / r.sdSE),
                          csvNumber(r.excessKurtosis), csvNumber(r.excessKurtosisSE),
                          csvNumber(r.flipRate), csvNumber(r.flipRateSE), predictedFlip.map(csvNumber) ?? "",
                          predictedFlip.map { csvNumber((r.flipRate - $0) / r.flipRateSE) } ?? ""]
            table.append(key + cells)
        }
        return table
    }
}
