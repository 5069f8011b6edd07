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
        /// ε_g at training.alpha_max when the run completed (converged or stalled).
        public var finalEg: Double? = nil
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
        /// The lowest final ε_g of any η tried that completed, and that η: how close an empty
        /// window came to the threshold.
        public var bestEg: Double?, bestEgEta: Double?
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
        return eg <= threshold ? Classified(runClass: .converged, finalEtaEff: setup.effectiveLearningRate(last), finalEg: eg)
            : Classified(runClass: .stalled, finalEtaEff: nil, finalEg: eg.isFinite ? eg : nil)
    }

    /// The theory (bn: bn-exact) at η.
    public static func theory(_ config: ExperimentConfig, eta: Double) throws -> Classified {
        let s = setup(config, eta: eta)
        let grid = AlphaGrid(requested: [s.alphaMax], inputDimension: s.inputDimension, batchSize: s.batchSize)
        let trajectory = try TheoryRun.integrate(setup: s, variant: .exact, grid: grid, tolerances: ExperimentRunner.tolerances(for: config))
        // A theory that could not be computed says nothing about stability: an error, not "diverged".
        if case .notComputed(let reason) = trajectory.outcome { throw TheoryError.notComputed(reason: reason) }
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
        return majority(classes)
    }

    /// The class most seeds fall in (ties go to the worse class), with the seed-mean η_eff of the
    /// converged seeds and the seed-mean ε_g of those that completed, when most did.
    static func majority(_ classes: [Classified]) -> Classified {
        let seeds = classes.count
        let count = { (c: RunClass) in classes.filter { $0.runClass == c }.count }
        let runClass: RunClass = 2 * count(.converged) > seeds ? .converged : (count(.diverged) >= count(.stalled) && count(.diverged) > 0 ? .diverged : .stalled)
        let etas = classes.compactMap(\.finalEtaEff), egs = classes.compactMap(\.finalEg)
        // ε_g: the seed mean over the seeds that completed, when most did.
        return Classified(runClass: runClass, finalEtaEff: runClass == .converged && !etas.isEmpty ? etas.reduce(0, +) / Double(etas.count) : nil,
                          finalEg: 2 * egs.count > seeds ? egs.reduce(0, +) / Double(egs.count) : nil)
    }

    // MARK: Search

    /// Scans a log grid of η, then bisects each edge (in log η) to the bracket tolerance.
    /// Bounded for any positive finite range (LogSearch): a bisection that cannot finish throws.
    public static func limits(_ config: ExperimentConfig, classify: (Double) throws -> Classified) throws -> Limits {
        let search = config.learningRateSearch
        let n = search.gridPoints
        let grid = LogSearch.grid(from: search.etaMin, to: search.etaMax, points: n)
        var results = try grid.map { try classify($0) }
        var largest: (eta: Double, etaEff: Double?)?
        var best: (eta: Double, eg: Double)?
        func note(_ eta: Double, _ c: Classified) {
            if c.runClass == .converged, eta > (largest?.eta ?? 0) { largest = (eta, c.finalEtaEff) }
            if let eg = c.finalEg, eg < (best?.eg ?? .infinity) { best = (eta, eg) }
        }
        for (eta, c) in zip(grid, results) { note(eta, c) }

        // Bisect between lo (predicate false) and hi (predicate true), or the reverse.
        func bisect(_ a: Double, _ b: Double, _ predicate: (Classified) -> Bool) throws -> (Double, Double) {
            let hiValue = predicate(try classify(b))
            return try LogSearch.bisect(a, b, relativeTolerance: search.bracketRelativeTolerance) { mid in
                let c = try classify(mid)
                note(mid, c)
                return predicate(c) != hiValue
            }
        }

        var limits = Limits(windowStatus: "empty", divergenceStatus: "none_in_range")
        let converged = { (c: Classified) in c.runClass == .converged }
        if let i0 = results.firstIndex(where: converged) {
            var i1 = i0
            while i1 + 1 < n && converged(results[i1 + 1]) { i1 += 1 }
            let openBelow = i0 == 0, unbounded = i1 == n - 1
            if !openBelow {
                let (lo, hi) = try bisect(grid[i0 - 1], grid[i0], converged)
                limits.lower = LogSearch.middle(lo, hi); limits.lowerBracket = hi - lo
            }
            if !unbounded {
                let (lo, hi) = try bisect(grid[i1], grid[i1 + 1], converged)
                limits.upper = LogSearch.middle(lo, hi); limits.upperBracket = hi - lo
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
                limits.divergence = LogSearch.middle(lo, hi); limits.divergenceBracket = hi - lo
            }
        }
        results.removeAll()
        limits.largestConverged = largest?.eta
        limits.finalEtaEff = largest?.etaEff
        limits.bestEg = best?.eg
        limits.bestEgEta = best?.eta
        return limits
    }
}
