import Datasets
import Foundation
import Model
import Simulation
import Testing

/// Two-layer networks (docs/model.md §9) on finite sets (docs/model.md §12): the closed form of
/// full-batch GD with weight decay, and classification of a separable set.
struct CommitteeSetTrainingTests {
    /// Linear g, sgd, fixed second layer v, λ > 0, M = P. ŷ = u·x/√N with u = Σ_k v_k·w_k, and GD's
    /// fixed point solves (λ/N)·w_k = v_k·(1/(P√N))·Σ_i (y_i − u·x_i/√N)·x_i: every w_k is v_k·c for one
    /// vector c, so u = |v|²·c is the ridge solution at λ/|v|², u = √N·(XᵀX + (λ/|v|²)·P·I)⁻¹·Xᵀy, and
    /// w_k = v_k·u/|v|² (the loss is strictly convex in (w_1, …, w_K), so this is where GD goes).
    /// y_i = Σ_m v*_m·w*_m·x_i/√N + σξ_i from a K* = 2 teacher.
    @Test func fullBatchGradientDescentConvergesToTheSplitRidgeSolution() {
        let N = 20, P = 40, K = 2, lambda = 0.5, v = 0.8
        let unit = TrainingSetup(inputDimension: N, activation: .linear, teacherNoise: 0.3, method: .sgd, learningRate: 2,
                                 batchSize: P, weightDecay: lambda, alphaMax: 2000, samples: .finiteGaussianSet)
        let setup = CommitteeSetup(unit: unit, studentUnits: K, teacherUnits: 2, teacherSecondLayer: [1, -0.5], secondLayerInitial: v)
        let data = SampleData(trainingProtocol: .offline, train: nil, test: nil, gaussianCount: P)
        let runner = CommitteeDataReplica(setup: setup, data: data, seed: 7)
        let X = runner.train.inputs, teacher = runner.replica.teacherWeights
        #expect(runner.fixedNoise.count == P)
        let y = (0..<P).map { i in
            zip([1.0, -0.5], teacher).reduce(0.0) { sum, unit in
                sum + unit.0 * (0..<N).reduce(0.0) { $0 + unit.1[$1] * X[i * N + $1] } / Double(N).squareRoot()
            } + runner.fixedNoise[i]
        }
        let vNorm2 = Double(K) * v * v
        var A = [[Double]](repeating: [Double](repeating: 0, count: N + 1), count: N)
        for a in 0..<N {
            for b in 0..<N { A[a][b] = (0..<P).reduce(0.0) { $0 + X[$1 * N + a] * X[$1 * N + b] } + (a == b ? lambda / vNorm2 * Double(P) : 0) }
            A[a][N] = Double(N).squareRoot() * (0..<P).reduce(0.0) { $0 + X[$1 * N + a] * y[$1] }
        }
        let u = FiniteSetTrainingTests.solve(A)
        for _ in 0..<1000 { runner.step() }
        let size = u.map(abs).max()! * v / vNorm2
        for (k, w) in runner.replica.studentWeights.enumerated() {
            let gap = zip(w, u).map { abs($0 - v * $1 / vNorm2) }.max()!
            #expect(gap < 1e-9 * size, "unit \(k): GD ends \(gap) from the split ridge solution (|w|∞ = \(size))")
        }
        #expect(!runner.hasBlownUp)
    }

    /// Online (with replacement) and offline (epochs, M = 8) training of K = 2 units on a separable
    /// two-class set: held-out classification error ≤ 5 %, and the training loss falls.
    @Test(arguments: [Method.sgd, .wn, .bn], [TrainingProtocol.online, .offline])
    func twoUnitsClassifyASeparableSet(_ method: Method, _ trainingProtocol: TrainingProtocol) throws {
        let N = 16
        let (m, labels) = FiniteSetTrainingTests.clouds(N: N, perClass: 200)
        let recipe = DataSetRecipe(task: .binary, classes: [3, 5], standardize: true, testFraction: 0.25, maxSamples: 0, seed: 2)
        let (train, test) = try DataSetBuilder.build(inputs: m, labels: labels, recipe: recipe, inputDimension: N, name: "d")
        let unit = TrainingSetup(inputDimension: N, activation: .erf, method: method, learningRate: 0.5, batchSize: 8,
                                 learnBeta: true, alphaMax: 200, samples: .dataFile)
        let setup = CommitteeSetup(unit: unit, studentUnits: 2, teacherUnits: 1, learnSecondLayer: true, secondLayerInitial: 0.5)
        let data = SampleData(trainingProtocol: trainingProtocol, train: train, test: test)
        let record = CommitteeSimulation.replica(setup: setup, data: data, grid: AlphaGrid(requested: [0.5, 200], inputDimension: N, batchSize: 8),
                                                 seed: 3, testSamples: 0)
        #expect(record.trajectory.outcome == .completed)
        #expect(record.testClassError.count == 2 && record.trainingLoss.count == 2 && record.testError.count == 2)
        #expect(record.testClassError[1] <= 0.05, "\(method) \(trainingProtocol): held-out classification error \(record.testClassError[1])")
        #expect(record.trainingLoss[1] < record.trainingLoss[0])
    }
}
