import Datasets
import Foundation
import Model
import Simulation
import Testing

/// Training on finite sets (docs/model.md §12): the closed form of full-batch GD with weight decay,
/// classification on a separable set, and the data-set recipe (standardization, classes, split).
struct FiniteSetTrainingTests {
    /// Linear g, sgd, λ > 0, M = P: GD's fixed point solves (λ/N)·w = (1/(P√N))·Σ_i (y_i − w·x_i/√N)·x_i,
    /// i.e. w = √N·(XᵀX + λP·I)⁻¹·Xᵀy — the ridge solution with y_i = w*·x_i/√N + σξ_i.
    @Test func fullBatchGradientDescentConvergesToTheRidgeSolution() {
        let N = 20, P = 40, lambda = 0.5
        let setup = TrainingSetup(inputDimension: N, activation: .linear, teacherNoise: 0.3, method: .sgd, learningRate: 2,
                                  batchSize: P, weightDecay: lambda, alphaMax: 2000, samples: .finiteGaussianSet)
        let data = SampleData(trainingProtocol: .offline, train: nil, test: nil, gaussianCount: P)
        let runner = DataReplica(setup: setup, data: data, seed: 7)
        let X = runner.train.inputs, wStar = runner.replica.teacherWeights
        let y = (0..<P).map { i in (0..<N).reduce(0.0) { $0 + wStar[$1] * X[i * N + $1] } / Double(N).squareRoot() + runner.fixedNoise[i] }
        #expect(runner.fixedNoise.count == P)
        var A = [[Double]](repeating: [Double](repeating: 0, count: N + 1), count: N)
        for a in 0..<N {
            for b in 0..<N { A[a][b] = (0..<P).reduce(0.0) { $0 + X[$1 * N + a] * X[$1 * N + b] } + (a == b ? lambda * Double(P) : 0) }
            A[a][N] = Double(N).squareRoot() * (0..<P).reduce(0.0) { $0 + X[$1 * N + a] * y[$1] }
        }
        let ridge = Self.solve(A)
        for _ in 0..<1000 { runner.step() }
        let w = runner.replica.studentWeights
        let gap = zip(w, ridge).map { abs($0 - $1) }.max()!
        let size = ridge.map(abs).max()!
        #expect(gap < 1e-9 * size, "GD ends \(gap) from the ridge solution (|w|∞ = \(size))")
        #expect(!runner.hasBlownUp)
    }

    /// Gaussian elimination with partial pivoting on an augmented N × (N+1) system.
    static func solve(_ system: [[Double]]) -> [Double] {
        var A = system
        let n = A.count
        for k in 0..<n {
            let p = (k..<n).max { abs(A[$0][k]) < abs(A[$1][k]) }!
            A.swapAt(k, p)
            for i in (k + 1)..<n {
                let f = A[i][k] / A[k][k]
                for j in k...n { A[i][j] -= f * A[k][j] }
            }
        }
        var x = [Double](repeating: 0, count: n)
        for i in (0..<n).reversed() {
            x[i] = (A[i][n] - ((i + 1)..<n).reduce(0.0) { $0 + A[i][$1] * x[$1] }) / A[i][i]
        }
        return x
    }

    /// Two Gaussian clouds at ±4 along a direction, with labels 3 and 5 and a third class 9 dropped.
    static func clouds(N: Int, perClass: Int) -> (DataMatrix, [Double]) {
        var stream = RandomStream(seed: 11)
        var values: [Double] = [], labels: [Double] = []
        for k in 0..<(3 * perClass) {
            let label = [3.0, 5, 9][k % 3]
            let shift = label == 3 ? 4.0 : -4.0
            for j in 0..<N { values.append(stream.normal() + (j == 0 ? shift : 0) + 10) }  // + 10: standardization removes it
            labels.append(label)
        }
        return (DataMatrix(rows: 3 * perClass, columns: N, values: values), labels)
    }

    @Test func recipeStandardizesSelectsClassesAndSplits() throws {
        let N = 8
        var (m, labels) = Self.clouds(N: N, perClass: 50)
        for i in 0..<m.rows { m.values[i * N + 7] = 4 }  // a constant feature
        let recipe = DataSetRecipe(task: .binary, classes: [3, 5], standardize: true, testFraction: 0.2, maxSamples: 0, seed: 1)
        let (train, test) = try DataSetBuilder.build(inputs: m, labels: labels, recipe: recipe, inputDimension: N, name: "d.csv")
        #expect(train.count == 80 && test.count == 20)
        #expect(Set(train.labels!) == [1, -1] && train.labels!.filter { $0 == 1 }.count + test.labels!.filter { $0 == 1 }.count == 50)
        for j in 0..<N {
            let mean = (0..<train.count).reduce(0.0) { $0 + train.inputs[$1 * N + j] } / Double(train.count)
            #expect(abs(mean) < 1e-12)
        }
        #expect((0..<train.count).allSatisfy { train.inputs[$0 * N + 7] == 0 })
        let normSquared = train.inputs.reduce(0) { $0 + $1 * $1 } / Double(train.count * N)
        #expect(abs(normSquared - 1) < 1e-12, "mean |x|²/N = \(normSquared)")
    }

    @Test func recipeErrors() {
        let (m, labels) = Self.clouds(N: 4, perClass: 5)
        func problem(_ recipe: DataSetRecipe, labels: [Double]?, N: Int = 4) -> String? {
            do { _ = try DataSetBuilder.build(inputs: m, labels: labels, recipe: recipe, inputDimension: N, name: "d.npy"); return nil }
            catch { return error.description }
        }
        let binary = DataSetRecipe(task: .binary, classes: [3, 5], standardize: true, testFraction: 0.2, maxSamples: 0, seed: 1)
        #expect(problem(binary, labels: labels, N: 5) == "d.npy: has 4 values per sample, but model.N is 5; set model.N: 4")
        #expect(problem(binary, labels: nil) == "d.npy: data.task binary needs labels (data.labels_path or data.label_column)")
        #expect(problem(binary, labels: Array(labels.prefix(3))) == "d.npy: has 15 samples but 3 labels")
        var absent = binary; absent.classes = [3, 4]
        #expect(problem(absent, labels: labels) == "d.npy: the labels do not hold both classes 3 and 4 of data.classes")
        var tiny = binary; tiny.maxSamples = 2
        #expect(problem(tiny, labels: labels)?.hasPrefix("d.npy: 2 usable samples leave too few") == true)
    }

    /// Online training with replacement on a separable two-class set: every method learns the
    /// classes (held-out classification error ≤ 5 %), and the training loss falls.
    @Test(arguments: [Method.sgd, .wn, .bn])
    func onlineTrainingOnASeparableSetClassifies(_ method: Method) throws {
        let N = 16
        let (m, labels) = Self.clouds(N: N, perClass: 200)
        let recipe = DataSetRecipe(task: .binary, classes: [3, 5], standardize: true, testFraction: 0.25, maxSamples: 0, seed: 2)
        let (train, test) = try DataSetBuilder.build(inputs: m, labels: labels, recipe: recipe, inputDimension: N, name: "d")
        let setup = TrainingSetup(inputDimension: N, activation: .erf, method: method, learningRate: 0.5, batchSize: 8,
                                  learnBeta: true, alphaMax: 200, samples: .dataFile)
        let data = SampleData(trainingProtocol: .online, train: train, test: test)
        let record = SimulationRun.replica(setup: setup, data: data, grid: AlphaGrid(requested: [0.5, 200], inputDimension: N, batchSize: 8),
                                           seed: 3, testSamples: 0)
        #expect(record.trajectory.outcome == .completed)
        #expect(record.testClassError.count == 2 && record.trainingLoss.count == 2)
        #expect(record.testClassError[1] <= 0.05, "\(method): held-out classification error \(record.testClassError[1])")
        #expect(record.trainingLoss[1] < record.trainingLoss[0])
    }

    /// The training set's fields (results/README.md `teacher_field_sd`, `field_overlap`): on an
    /// anisotropic set (feature j scaled by 3 for j < 4, else 1/2) the teacher's field has the
    /// standard deviation computed here from w* and the rows, not 1; on a large Gaussian set it is
    /// 1 and the fields' correlation is r. The replica records both at every point.
    @Test func trainingFieldsMeasureTheTeacherScaleAndTheOverlapOnTheSet() throws {
        let N = 40, P = 4000
        var stream = RandomStream(seed: 5)
        let values = (0..<(P * N)).map { k in stream.normal() * (k % N < 4 ? 3 : 0.5) }
        let set = SampleSet(count: P, dimension: N, inputs: values, labels: nil)
        let setup = TrainingSetup(inputDimension: N, activation: .relu, method: .bn, learningRate: 0.5, batchSize: 8,
                                  alphaMax: 2, samples: .dataFile)
        let runner = DataReplica(setup: setup, data: SampleData(trainingProtocol: .online, train: set, test: nil), seed: 9)
        let w = runner.replica.teacherWeights
        let t = (0..<P).map { i in (0..<N).reduce(0.0) { $0 + w[$1] * values[i * N + $1] } / Double(N).squareRoot() }
        let mean = t.reduce(0, +) / Double(P)
        let sd = (t.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(P)).squareRoot()
        let fields = runner.trainingFields()
        #expect(abs(fields.teacherSD - sd) < 1e-12 * sd, "teacher field s.d. \(fields.teacherSD), direct \(sd)")
        #expect(abs(sd - 1) > 0.1, "the anisotropic set should give a teacher scale away from 1: \(sd)")
        #expect(abs(fields.overlap) <= 1)

        let gaussian = TrainingSetup(inputDimension: N, activation: .relu, method: .sgd, learningRate: 0.5, batchSize: 8,
                                     alphaMax: 20, samples: .finiteGaussianSet)
        let record = SimulationRun.replica(setup: gaussian, data: SampleData(trainingProtocol: .offline, train: nil, test: nil, gaussianCount: P),
                                           grid: AlphaGrid(requested: [1, 20], inputDimension: N, batchSize: 8), seed: 4, testSamples: 0)
        #expect(record.teacherFieldSD.count == 2 && record.fieldOverlap.count == 2)
        #expect(abs(record.teacherFieldSD[1] - 1) < 0.1, "Gaussian set: teacher field s.d. \(record.teacherFieldSD[1])")
        let r = try #require(record.trajectory.states.last).r
        #expect(abs(record.fieldOverlap[1] - r) < 0.05, "Gaussian set: field overlap \(record.fieldOverlap[1]) against r = \(r)")
    }
}
