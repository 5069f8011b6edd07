#if canImport(Glibc)
import Glibc
#endif
import Model
import Testing
import Theory

/// docs/model.md §9: Saad & Solla's erf soft committee machine, K = K* = 2 and 3, from the start of
/// docs/checks/committee_erf.py. The plateau found by `Plateau` sits at the symmetric fixed point:
/// its height approaches the closed form (K/π)(π/6 − K·arcsin(1/(2K))) as η → 0 (the η² term lifts
/// it at finite η), and the curve leaves it.
struct CommitteePlateauTests {
    static func plateau(K: Int, eta: Double, alphaMax: Double) throws -> Plateau? {
        let unit = TrainingSetup(inputDimension: 100_000, activation: .erf, method: .sgd, learningRate: eta, batchSize: 1, alphaMax: alphaMax)
        let setup = CommitteeSetup(unit: unit, studentUnits: K, teacherUnits: K)
        let grid = AlphaGrid(alphaMin: 1, alphaMax: alphaMax, points: 200, spacing: .log, inputDimension: 100_000, batchSize: 1)
        let t = try CommitteeTheoryRun.integrate(setup: setup, variant: .exact, initial: CommitteeTrajectoryTests.initial(K, K, v0: 1), grid: grid)
        let eg = t.states.map { CommitteeFields($0, method: .sgd).generalizationError($0, teacherSecondLayer: setup.teacherSecondLayer, moments: ErfMoments()) }
        return Plateau(alphas: Array(grid.alphas.prefix(eg.count)), eg: eg)
    }

    @Test(arguments: [(2, 0.5), (2, 1.0), (3, 0.5), (3, 1.0), (2, 0.05), (3, 0.05)])
    func plateauOfTheSoftCommitteeMachine(_ K: Int, _ eta: Double) throws {
        let p = try #require(try Self.plateau(K: K, eta: eta, alphaMax: 400 / eta))
        let closed = Double(K) / .pi * (.pi / 6 - Double(K) * asin(1 / Double(2 * K)))
        print("PLATEAU K=\(K) eta=\(eta) height \(p.height) at α \(p.alpha) exit \(p.exitAlpha ?? -1) closed form \(closed)")
        #expect(p.exitAlpha != nil)
        // The plateau lies above the η → 0 height, and tends to it.
        #expect(p.height >= closed * 0.99)
        if eta <= 0.05 { #expect(abs(p.height - closed) <= 0.1 * closed) }
    }
}
