import Foundation
import Model
import Simulation
import Testing

// TEMPORARY baseline fingerprint/timing (to be replaced).
struct BNBackwardPassBaselineTmp {
    @Test func fingerprint() {
        var lines: [String] = []
        for method in Method.allCases {
            for m in [1, 2, 3, 4, 8] where !(method == .bn && m == 1) {
                for act in [Activation.relu, .erf] {
                    let setup = TrainingSetup(inputDimension: 97, activation: act, teacherNoise: 0.3, method: method,
                                              learningRate: 0.4, batchSize: m, weightDecay: 0.05, gammaDecay: 0.01,
                                              learnBeta: true, initial: InitialState(Q: 0.8, r: 0.2, gamma: 1.2, beta: 0.1))
                    let grid = AlphaGrid(requested: [1, 5, 20], inputDimension: 97, batchSize: m)
                    let rec = SimulationRun.replica(setup: setup, grid: grid, seed: 12345, testSamples: 10)
                    let s = rec.trajectory.states.map { "\($0.Q.bitPattern),\($0.R.bitPattern),\($0.gamma.bitPattern),\($0.beta.bitPattern)" }.joined(separator: ";")
                    lines.append("FP \(method) M=\(m) \(act) \(s) \(rec.testError.map { $0.bitPattern })")
                }
            }
        }
        print(lines.joined(separator: "\n"))
    }

    @Test func timing() {
        for (method, m) in [(Method.bn, 8), (.bn, 2), (.wn, 4), (.sgd, 1)] {
            let setup = TrainingSetup(inputDimension: 1000, activation: .relu, teacherNoise: 0.1, method: method,
                                      learningRate: 0.5, batchSize: m, learnBeta: true)
            let grid = AlphaGrid(requested: [400], inputDimension: 1000, batchSize: m)
            var best = Double.infinity
            for rep in 0..<5 {
                let t0 = Date()
                _ = SimulationRun.replica(setup: setup, grid: grid, seed: UInt64(rep + 1), testSamples: 0)
                best = min(best, Date().timeIntervalSince(t0))
            }
            print("TIME \(method) M=\(m) best \(String(format: "%.4f", best)) s")
        }
    }
}
