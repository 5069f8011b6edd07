import Config
import Model
import Simulation
import Theory

/// docs/model.md §6: the learning-rate limits of one configuration, by theory (ODE runs) and by
/// simulation (majority of seeds). A run at η *converges* when it reaches training.alpha_max with
/// every order parameter finite and ε_g ≤ lr_search.converged_eg; it *diverges* when the order
/// parameters blow up (docs/model.md §3's divergence rule); otherwise it *stalls*.
public enum LearningRateSearch {
    public enum RunClass: Sendable, Equatable { case converged, stalled, diverged }

    /// How a run ended, and its η_eff at the end when it converged.
    public struct Classified: Sendable {
        public var runClass: RunClass
        public var finalEtaEff: Double?
    }

    /// The limits found by one engine.
    public struct Limits: Sendable {
        /// bounded | open_below | unbounded_above | open_below_unbounded_above | empty
        public var windowStatus: String
        public var lower: Double?, lowerBracket: Double?
        public var upper: Double?, upperBracket: Double?
        /// found | none_in_range | below_range
        public var divergenceStatus: String
        public var divergence: Double?, divergenceBracket: Double?
        /// The largest η seen to converge, and the η_eff its run ended at (how Q's growth caps it).
        public var largestConverged: Double?
        public var finalEtaEff: Double?
    }

    // MARK: Classifiers

    static func setup(_ config: ExperimentConfig, eta: Double) -> TrainingSetup {
        var s = config.trainingSetup()
        s.learningRate = eta
        return s
    }

    static func classify(_ trajectory: Trajectory, setup: TrainingSetup, threshold: Double) -> Classified {
        guard trajectory.outcome == .completed, let last = trajectory.states.last else { return Classified(runClass: .diverged, finalEtaEff: nil) }
        let eg = GaussianAverager(setup: setup).generalizationError(setup.inferenceReadout(last))
        return eg <= threshold ? Classified(runClass: .converged, finalEtaEff: setup.effectiveLearningRate(last)) : Classified(runClass: .stalled, finalEtaEff: nil)
    }

    /// The theory (bn: bn-exact) at η.
    public static func theory(_ config: ExperimentConfig, eta: Double) throws -> Classified {
        let s = setup(config, eta: eta)
        let grid = AlphaGrid(requested: [s.alphaMax], inputDimension: s.inputDimension, batchSize: s.batchSize)
        let trajectory = try TheoryRun.integrate(setup: s, variant: .exact, grid: grid, tolerances: ExperimentRunner.tolerances(for: config))
        return classify(trajectory, setup: s, threshold: config.learningRateSearch.convergedEg)
    }

    /// The simulation at η: the class most seeds fall in (ties go to the worse class), with the
    /// seed-mean η_eff of the converged seeds. Seeds are the run's replica seeds.
    public static func simulation(_ config: ExperimentConfig, runID: String, eta: Double) -> Classified {
        let s = setup(config, eta: eta)
        let grid = AlphaGrid(requested: [s.alphaMax], inputDimension: s.inputDimension, batchSize: s.batchSize)
        let seeds = config.simulation.replicas
        let classes = (0..<seeds).map { k in
            let record = SimulationRun.replica(setup: s, grid: grid, seed: ExperimentRunner.replicaSeed(config, runID: runID, index: k), testSamples: 0,
                                               engine: config.simulation.engine)
            return classify(record.trajectory, setup: s, threshold: config.learningRateSearch.convergedEg)
        }
        let count = { (c: RunClass) in classes.filter { $0.runClass == c }.count }
        let runClass: RunClass = 2 * count(.converged) > seeds ? .converged : (count(.diverged) >= count(.stalled) && count(.diverged) > 0 ? .diverged : .stalled)
        let etas = classes.compactMap(\.finalEtaEff)
        return Classified(runClass: runClass, finalEtaEff: runClass == .converged && !etas.isEmpty ? etas.reduce(0, +) / Double(etas.count) : nil)
    }

    // MARK: Search

    /// Scans a log grid of η, then bisects each edge (in log η) to the bracket tolerance.
    public static func limits(_ config: ExperimentConfig, classify: (Double) throws -> Classified) rethrows -> Limits {
        let search = config.learningRateSearch
        let n = search.gridPoints
        let grid = (0..<n).map { search.etaMin * Foundation_pow(search.etaMax / search.etaMin, Double($0) / Double(n - 1)) }
        var results = try grid.map { try classify($0) }
        var largest: (eta: Double, etaEff: Double?)?
        func note(_ eta: Double, _ c: Classified) {
            if c.runClass == .converged, eta > (largest?.eta ?? 0) { largest = (eta, c.finalEtaEff) }
        }
        for (eta, c) in zip(grid, results) { note(eta, c) }

        // Bisect between lo (predicate false) and hi (predicate true), or the reverse.
        func bisect(_ a: Double, _ b: Double, _ predicate: (Classified) -> Bool) throws -> (Double, Double) {
            var lo = a, hi = b
            let hiValue = predicate(try classify(hi))
            while hi / lo - 1 > search.bracketRelativeTolerance {
                let mid = (lo * hi).squareRoot()
                let c = try classify(mid)
                note(mid, c)
                if predicate(c) == hiValue { hi = mid } else { lo = mid }
            }
            return (lo, hi)
        }

        var limits = Limits(windowStatus: "empty", divergenceStatus: "none_in_range")
        let converged = { (c: Classified) in c.runClass == .converged }
        if let i0 = results.firstIndex(where: converged) {
            var i1 = i0
            while i1 + 1 < n && converged(results[i1 + 1]) { i1 += 1 }
            let openBelow = i0 == 0, unbounded = i1 == n - 1
            if !openBelow {
                let (lo, hi) = try bisect(grid[i0 - 1], grid[i0], converged)
                limits.lower = (lo * hi).squareRoot(); limits.lowerBracket = hi - lo
            }
            if !unbounded {
                let (lo, hi) = try bisect(grid[i1], grid[i1 + 1], converged)
                limits.upper = (lo * hi).squareRoot(); limits.upperBracket = hi - lo
            }
            limits.windowStatus = switch (openBelow, unbounded) {
            case (false, false): "bounded"
            case (true, false): "open_below"
            case (false, true): "unbounded_above"
            case (true, true): "open_below_unbounded_above"
            }
        }
        let diverged = { (c: Classified) in c.runClass == .diverged }
        if let d = results.firstIndex(where: diverged) {
            if d == 0 {
                limits.divergenceStatus = "below_range"
            } else {
                let (lo, hi) = try bisect(grid[d - 1], grid[d], diverged)
                limits.divergenceStatus = "found"
                limits.divergence = (lo * hi).squareRoot(); limits.divergenceBracket = hi - lo
            }
        }
        results.removeAll()
        limits.largestConverged = largest?.eta
        limits.finalEtaEff = largest?.etaEff
        return limits
    }
}
