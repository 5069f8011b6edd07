import Model
import Simulation
import Testing
import _TestSupport

/// docs/model.md §8's data models in the two-layer engine (§9): the sampled fields have the model's
/// moments, and at K = K* = 1, v = v* = 1 the two-layer engine runs the single-unit model in
/// distribution (its start and draws are laid out differently, so not path by path).
struct CommitteeDataModelTests {
    /// Per unit: E[h_k²]/Q_kk = 1 + s², E[h_k⁴]/Q_kk² = (3 + ρ/(1 + s²)²)(1 + s²)², the clean
    /// teacher's E[h*²] = 1 and E[h*⁴] = 3 + ρ, and E[h_k·h*_m] = R_km (the noise is independent,
    /// E[v] = 1). 20 000 batches of 8 at a negligible learning rate; 5 standard errors.
    @Test(arguments: [InputModel(noise: 1), InputModel(kurtosis: 3), InputModel(noise: 0.5, kurtosis: 1)])
    func fieldsHaveTheModelsMoments(_ inputs: InputModel) {
        let unit = TrainingSetup(inputDimension: 200, activation: .relu, inputs: inputs, method: .sgd,
                                 learningRate: 1e-9, batchSize: 8, alphaMax: 1)
        let setup = CommitteeSetup(unit: unit, studentUnits: 2, teacherUnits: 2, initialQ: [[1, 0.2], [0.2, 0.8]],
                                   initialR: [[0.6, 0.1], [0, 0.5]])
        let replica = CommitteeReplica(setup: setup, seed: 4242)
        let s0 = replica.state, M = 8
        var u2: [[Double]] = [[], []], u4: [[Double]] = [[], []], t2: [Double] = [], t4: [Double] = [], cross: [Double] = []
        for _ in 0..<20_000 {
            replica.step()
            let (teacher, student) = replica.lastBatchFields
            for k in 0..<2 {
                for i in 0..<M { let u = student[k * M + i] * student[k * M + i] / s0.Q(k, k); u2[k].append(u); u4[k].append(u * u) }
            }
            for i in 0..<M {
                let t = teacher[i] * teacher[i]; t2.append(t); t4.append(t * t)
                cross.append(student[i] * teacher[i])  // h_0·h*_0
            }
        }
        let c2 = inputs.studentVarianceFactor
        func check(_ name: String, _ xs: [Double], _ want: Double) {
            let (m, se) = meanAndStandardError(xs)
            #expect(abs(m - want) < 5 * se, "\(inputs): \(name) = \(m) ± \(se), want \(want)")
        }
        for k in 0..<2 {
            check("E[h\(k)²]/Q", u2[k], c2)
            check("E[h\(k)⁴]/Q²", u4[k], (3 + inputs.studentFieldKurtosis) * c2 * c2)
        }
        check("E[h*²]", t2, 1)
        check("E[h*⁴]", t4, 3 + inputs.kurtosis)
        check("E[h·h*]", cross, s0.R(0, 0))
    }

    struct Outcome { var R: [Double] = [], Q: [Double] = [], eg: [Double] = [] }

    static func unit(_ method: Method, _ inputs: InputModel) -> TrainingSetup {
        TrainingSetup(inputDimension: 200, activation: .relu, inputs: inputs, method: method, learningRate: 0.5,
                      batchSize: 8, alphaMax: 10, initial: InitialState(Q: 1, r: 0.2))
    }

    /// The last recorded R, Q and test error of `seeds` replicas of either engine.
    static func outcome(_ method: Method, _ inputs: InputModel, twoLayer: Bool, seeds: Int = 40) -> Outcome {
        let setup = unit(method, inputs)
        let grid = AlphaGrid(requested: [10], inputDimension: 200, batchSize: 8)
        var o = Outcome()
        for seed in 0..<seeds {
            let s = UInt64(500 + seed)
            if twoLayer {
                let r = CommitteeSimulation.replica(setup: CommitteeSetup(unit: setup, studentUnits: 1, teacherUnits: 1, initialQ: [[1]], initialR: [[0.2]]), grid: grid, seed: s, testSamples: 400)
                let last = r.trajectory.states.last!
                o.R.append(last.R(0, 0)); o.Q.append(last.Q(0, 0)); o.eg.append(r.testError.last!)
            } else {
                let r = SimulationRun.replica(setup: setup, grid: grid, seed: s, testSamples: 400)
                let last = r.trajectory.states.last!
                o.R.append(last.R); o.Q.append(last.Q); o.eg.append(r.testError.last!)
            }
        }
        return o
    }

    /// The quantities whose seed means differ by more than 4 standard errors of the difference (the
    /// same law at the same N, so no finite-size allowance).
    static func disagreements(_ a: Outcome, _ b: Outcome) -> [String] {
        zip(["R", "Q", "eg"], [(a.R, b.R), (a.Q, b.Q), (a.eg, b.eg)]).compactMap { name, pair in
            let (ma, sa) = meanAndStandardError(pair.0), (mb, sb) = meanAndStandardError(pair.1)
            return abs(ma - mb) <= 4 * (sa * sa + sb * sb).squareRoot() ? nil : "\(name): \(ma) ± \(sa) vs \(mb) ± \(sb)"
        }
    }

    /// K = K* = 1 with v = v* = 1 is the single-unit model: with input noise and kurtosis the two
    /// engines agree in distribution on R, Q and the test error at α = 10 from the same start Q = 1,
    /// R = 0.2 (N = 200, M = 8, 40 seeds).
    @Test(arguments: [Method.sgd, .bn])
    func oneUnitAgreesWithTheSingleUnitEngine(_ method: Method) {
        let inputs = InputModel(noise: 0.5, kurtosis: 1)
        let failures = Self.disagreements(Self.outcome(method, inputs, twoLayer: true), Self.outcome(method, inputs, twoLayer: false))
        #expect(failures.isEmpty, "\(method): \(failures)")
    }

    /// The comparison has power: the two-layer engine without the data model disagrees.
    @Test func theComparisonCatchesGaussianInputs() {
        let failures = Self.disagreements(Self.outcome(.bn, .gaussian, twoLayer: true), Self.outcome(.bn, InputModel(noise: 0.5, kurtosis: 1), twoLayer: false))
        #expect(!failures.isEmpty)
    }
}
