import Model
import Simulation
import Testing

/// `Replica.step(observing:)`, which `bnsim jitter` measures with, takes exactly the steps of
/// `train(steps:)` and shows the batch as the update sees it.
struct ReplicaObservationTests {
    @Test(arguments: [Method.sgd, .wn, .bn])
    func observedStepsAreTrainingSteps(_ method: Method) {
        let setup = TrainingSetup(inputDimension: 64, activation: .relu, teacherNoise: 0.3, method: method,
                                  learningRate: 1.5, batchSize: 5, gammaDecay: 0.01)
        let trained = Replica(setup: setup, seed: 99), observed = Replica(setup: setup, seed: 99)
        trained.train(steps: 40)
        var seen = 0
        for _ in 0..<40 {
            let before = observed.orderParameters
            observed.step { batch in
                seen += 1
                #expect(batch.studentFields.count == 5)
                #expect(abs(batch.Q - before.Q) <= 1e-12 * before.Q)
                #expect(batch.gamma == before.gamma && batch.beta == before.beta)
            }
        }
        #expect(seen == 40)
        #expect(trained.studentWeights == observed.studentWeights)
        #expect(trained.gamma == observed.gamma)
    }
}
