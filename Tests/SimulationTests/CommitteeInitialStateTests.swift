import Model
import Simulation
import Testing

/// docs/model.md §9's starts: explicit (Q, R) are realized exactly at finite N, the teacher is
/// orthonormal (T = I), Q alone is exact with O(1/√N) overlaps R, and the default start has
/// |w_k|²/N ≈ Q₀ with O(1/√N) overlaps.
struct CommitteeInitialStateTests {
    static let unit = TrainingSetup(inputDimension: 400, activation: .relu, method: .sgd, learningRate: 0.5, batchSize: 1)

    @Test func explicitMatricesAreRealizedExactly() {
        let Q: [[Double]] = [[1, 0.2, -0.1], [0.2, 0.8, 0], [-0.1, 0, 1.5]]
        let R: [[Double]] = [[0.5, 0.1], [0, 0.6], [0.3, -0.2]]
        let setup = CommitteeSetup(unit: Self.unit, studentUnits: 3, teacherUnits: 2, initialQ: Q, initialR: R)
        let s = CommitteeSimulation.initialState(setup: setup, seed: 7)
        for k in 0..<3 {
            for l in 0..<3 { #expect(abs(s.Q(k, l) - Q[k][l]) <= 1e-10, "Q[\(k),\(l)] = \(s.Q(k, l))") }
            for m in 0..<2 { #expect(abs(s.R(k, m) - R[k][m]) <= 1e-10, "R[\(k),\(m)] = \(s.R(k, m))") }
        }
    }

    @Test func defaultStartHasSmallRandomOverlaps() {
        let setup = CommitteeSetup(unit: Self.unit, studentUnits: 4, teacherUnits: 3)
        let s = CommitteeSimulation.initialState(setup: setup, seed: 3)
        for k in 0..<4 {
            #expect(abs(s.Q(k, k) - 1) <= 6 * (2.0 / 400).squareRoot(), "Q[\(k),\(k)] = \(s.Q(k, k))")
            for m in 0..<3 { #expect(abs(s.R(k, m)) <= 6 / 20.0 && s.R(k, m) != 0) }
        }
        let Qonly = CommitteeSetup(unit: Self.unit, studentUnits: 2, teacherUnits: 2, initialQ: [[1, 0.3], [0.3, 1]])
        let t = CommitteeSimulation.initialState(setup: Qonly, seed: 3)
        #expect(abs(t.Q(0, 1) - 0.3) <= 1e-10 && abs(t.Q(1, 1) - 1) <= 1e-10)
        #expect(t.R.allSatisfy { $0 != 0 && abs($0) <= 0.3 })
    }
}
