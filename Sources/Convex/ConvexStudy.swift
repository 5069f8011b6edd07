import Foundation
public import GSL
public import Model

/// Everything `bnsim convex` computes for one training set (one row of convex.csv).
public struct ConvexInstanceSettings: Sendable {
    public var inputDimension: Int
    public var samples: Int
    public var alpha: Double
    public var lambda: Double
    public var teacher: TeacherNetwork
    public var noise: Double
    public var testSamples: Int
    public var maximumPatterns: Int
    public var widths: [Int]
    public var restarts: Int
    public var steps: Int
    public var learningRate: Double
    public var seed: UInt64

    public init(inputDimension: Int, samples: Int, alpha: Double, lambda: Double, teacher: TeacherNetwork, noise: Double,
                testSamples: Int, maximumPatterns: Int, widths: [Int], restarts: Int, steps: Int, learningRate: Double, seed: UInt64) {
        self.inputDimension = inputDimension; self.samples = samples; self.alpha = alpha; self.lambda = lambda
        self.teacher = teacher; self.noise = noise; self.testSamples = testSamples; self.maximumPatterns = maximumPatterns
        self.widths = widths; self.restarts = restarts; self.steps = steps; self.learningRate = learningRate; self.seed = seed
    }
}

public struct ConvexInstanceResult: Sendable {
    public enum PatternMode: String, CaseIterable, Sendable { case closedForm = "closed-form", enumerated, sampled }

    public struct WidthResult: Sendable {
        public let width: Int
        /// The lowest J over the restarts, and that restart's test error.
        public let bestObjective: Double
        public let testError: Double
        /// The best restart's certified lower bound on P_cvx from its own fit (NaN when not certifiable).
        public let lowerBound: Double
    }

    public let settings: ConvexInstanceSettings
    public let patternMode: PatternMode
    /// Patterns in the program (enumerated or distinct sampled); for the closed form 2^P − 1.
    public let patternCount: Double
    /// 2 Σ_{i<k} C(P−1, i) − 1.
    public let generalPositionCount: Double
    public let rank: Int
    public let convexObjective: Double
    public let recoveredObjective: Double
    public let neurons: Int
    /// Certified: LB ≤ min J ≤ P_cvx; NaN for a sampled program (no certificate).
    public let lowerBound: Double
    public let solveSeconds: Double
    public let testError: Double
    public let widths: [WidthResult]
    /// Kept for --dump-instance.
    public let program: ConvexProgram?

    public var certifiedGap: Double { (convexObjective - lowerBound) / convexObjective }
}

public enum ConvexStudy {
    /// Builds the instance, solves the convex program (or the closed form), recovers and checks the
    /// network, trains GD at every width, and certifies.
    public static func run(_ s: ConvexInstanceSettings, threads: Int) throws(GSLError) -> ConvexInstanceResult {
        let instance = TeacherStudentInstance.draw(inputDimension: s.inputDimension, samples: s.samples, teacher: s.teacher,
                                                   noise: s.noise, testSamples: s.testSamples, seed: GaussianSource.seed(s.seed, 1))
        let data = try WhitenedData(inputs: instance.inputs)
        let clock = ContinuousClock.now
        let mode: ConvexInstanceResult.PatternMode
        var program: ConvexProgram?
        let neurons: [WhitenedNeuron]
        let objective: Double
        let lowerBound: Double
        let expected = ArrangementPatterns.generalPositionCount(samples: data.sampleCount, width: data.width)
        var patternCount = expected
        if data.width == data.sampleCount {
            mode = .closedForm
            neurons = ClosedForm.neurons(data: data, labels: instance.labels, lambda: s.lambda)
            objective = ClosedForm.objective(labels: instance.labels, lambda: s.lambda)
            let fit = ConvexProgram(data: data, labels: instance.labels, lambda: s.lambda,
                                    patterns: ArrangementPatterns(patterns: [], isExhaustive: true, candidates: 0))
                .fit(neurons.map { ConvexBlock(pattern: 0, sign: $0.sign, weights: $0.weights) })
            lowerBound = DualCertificate.squareBasis(labels: instance.labels, lambda: s.lambda, fit: fit).lowerBound
        } else {
            let patterns = ArrangementPatterns.make(for: data, maximum: s.maximumPatterns, seed: GaussianSource.seed(s.seed, 2))
            mode = patterns.isExhaustive ? .enumerated : .sampled
            patternCount = Double(patterns.patterns.count)
            let p = ConvexProgram(data: data, labels: instance.labels, lambda: s.lambda, patterns: patterns)
            let solution = ConvexSolver().solve(p)
            neurons = ConvexProgram.Neurons.of(solution.blocks)
            objective = solution.objective
            lowerBound = patterns.isExhaustive ? DualCertificate(program: p, fit: solution.fit).lowerBound : .nan
            program = p
        }
        let solveSeconds = seconds(since: clock)
        let merged = ConvexProgram.Neurons.merged(neurons)
        let network = BNNetwork.recovered(from: merged, data: data)
        let recovered = try network.objective(training: instance.inputs, labels: instance.labels, lambda: s.lambda)
        let testError = try network.testError(instance)
        let widths = try trainWidths(s, instance: instance, certifier: program.flatMap { $0.patterns.isExhaustive ? $0 : nil },
                                     squareBasis: mode == .closedForm, threads: threads)
        return ConvexInstanceResult(
            settings: s, patternMode: mode, patternCount: patternCount, generalPositionCount: expected, rank: data.rank,
            convexObjective: objective, recoveredObjective: recovered, neurons: merged.count, lowerBound: lowerBound,
            solveSeconds: solveSeconds, testError: testError, widths: widths, program: program)
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// GD restarts at every width (in parallel; each restart's seed depends only on width and index).
    private static func trainWidths(_ s: ConvexInstanceSettings, instance: TeacherStudentInstance, certifier: ConvexProgram?,
                                    squareBasis: Bool, threads: Int) throws(GSLError) -> [ConvexInstanceResult.WidthResult] {
        let jobs = s.widths.flatMap { w in (0..<s.restarts).map { (w, $0) } }
        let results = ParallelResults<BNNetwork>(count: jobs.count)
        let queue = DispatchQueue(label: "bnsim.convex.gd")
        let chunks = max(1, min(threads, jobs.count))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for job in stride(from: chunk, to: jobs.count, by: chunks) {
                let (width, restart) = jobs[job]
                let training = BNTraining(width: width, steps: s.steps, learningRate: s.learningRate, lambda: s.lambda)
                let network = training.train(instance, seed: GaussianSource.seed(s.seed, 3, UInt64(width), UInt64(restart)))
                queue.sync { results.values[job] = network }
            }
        }
        var out: [ConvexInstanceResult.WidthResult] = []
        for width in s.widths {
            var best: (Double, BNNetwork)?
            for (job, (w, _)) in jobs.enumerated() where w == width {
                let network = results.values[job]!
                let j = try network.objective(training: instance.inputs, labels: instance.labels, lambda: s.lambda)
                if best == nil || j < best!.0 || !best!.0.isFinite { best = (j, network) }
            }
            guard let (objective, network) = best else { continue }
            let fit = try network.predict(instance.inputs, training: instance.inputs)
            let bound: Double = if squareBasis {
                DualCertificate.squareBasis(labels: instance.labels, lambda: s.lambda, fit: fit).lowerBound
            } else if let certifier {
                DualCertificate(program: certifier, fit: fit).lowerBound
            } else { .nan }
            out.append(.init(width: width, bestObjective: objective, testError: try network.testError(instance), lowerBound: bound))
        }
        return out
    }
}

/// Results written by concurrent workers under a serial queue.
final class ParallelResults<T>: @unchecked Sendable {
    var values: [T?]
    init(count: Int) { values = [T?](repeating: nil, count: count) }
}

extension ConvexStudy {
    /// An instance's seed: depends on the base seed, N, P and the instance index only.
    public static func instanceSeed(base: UInt64, inputDimension: Int, samples: Int, index: Int) -> UInt64 {
        GaussianSource.seed(base, UInt64(inputDimension), UInt64(samples), UInt64(index))
    }
}
