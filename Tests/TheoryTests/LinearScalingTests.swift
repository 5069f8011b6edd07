import Model
import Testing
import Theory

/// docs/model.md §5: for sgd and wn the right-hand sides depend on η and M only through η/M.
struct LinearScalingTests {
    @Test(arguments: [Method.sgd, .wn], [Activation.relu, .erf])
    func batchOfMEqualsSingleSampleAtScaledRate(_ method: Method, _ g: Activation) throws {
        let grid = AlphaGrid(requested: [0.5, 1, 2, 5, 10], inputDimension: 1000, batchSize: 1)
        let batched = TrainingSetup(activation: g, teacherNoise: 0.5, method: method, learningRate: 2, batchSize: 4, weightDecay: 0.1, gammaDecay: 0.05)
        var single = batched
        single.batchSize = 1
        single.learningRate = 0.5
        let a = try TheoryRun.integrate(setup: batched, grid: grid).states
        let b = try TheoryRun.integrate(setup: single, grid: grid).states
        for (p, q) in zip(a, b) {
            #expect(abs(p.Q - q.Q) < 1e-12 && abs(p.R - q.R) < 1e-12 && abs(p.gamma - q.gamma) < 1e-12)
        }
    }

    /// The other direction: at fixed η/M, M does change bn but never sgd/wn; at fixed
    /// η, a larger M must slow learning down (a check that M enters at all).
    @Test func largerBatchAtSameRateLearnsSlower() throws {
        let grid = AlphaGrid(requested: [2], inputDimension: 1000, batchSize: 1)
        let one = TrainingSetup(method: .sgd, learningRate: 0.5, batchSize: 1)
        var four = one
        four.batchSize = 4
        let r1 = try TheoryRun.integrate(setup: one, grid: grid).states[0].r
        let r4 = try TheoryRun.integrate(setup: four, grid: grid).states[0].r
        #expect(r1 > r4 + 0.05)
    }
}
