import Testing
import Config

/// What `effectiveYAML()` prints loads back to the same config and the same runs.
@Suite struct RoundTripTests {
    static let configs: [(yaml: String, overrides: [String])] = [
        ("", []),
        ("name: quickstart\ntraining: {method: wn, learning_rate: 0.25}\n", []),
        ("model: {N: 50, activation: linear, teacher_noise: 0.125}\ntheory: {stepper: rkck, bn_variants: [loss, exact]}\n", []),
        ("output: {alphas: [0.1, 1, 3.5], alpha_spacing: linear}\nsimulation: {enabled: false}\n", []),
        ("training: {init: {Q: 2.5, r: -0.3, gamma: 0.7, beta: 0.2}, learn_beta: true, divergence_Q: 1.0e12}\n", []),
        ("name: '123'\n", []),
        ("name: 'true'\n", []),
        ("theory: {rel_tol: 1.0e-12, abs_tol: 0}\n", []),
        ("", ["training.method=bn", "training.batch_size=16", "sweep.training.learning_rate=[0.5, 1, 2]"]),
        ("sweep:\n  model.activation: [relu, erf]\n  training.learn_beta: [false, true]\n  training.method: [wn]\n", []),
        ("sweep:\n  training.learning_rate: {linspace: [0.1, 0.5, 5]}\n  model.N: {logspace: [100, 10000, 3]}\n", []),
        ("sweep:\n  simulation.seed: {linspace: [1, 4, 4]}\n", []),
    ]

    @Test(arguments: configs)
    func effectiveYAMLLoadsBackToTheSameConfig(yaml: String, overrides: [String]) throws {
        let first = try load(yaml, overrides)
        let printed = first.effectiveYAML()
        let second = try load(printed)
        #expect(second.base == first.base, "printed:\n\(printed)")
        #expect(second.runs == first.runs)
        #expect(second.effectiveYAML() == printed)
    }

    @Test func effectiveYAMLShowsOverridesAndSweep() throws {
        let yaml = try load("", ["training.learning_rate=0.50", "sweep.model.N=[100, 200]"]).effectiveYAML()
        #expect(yaml.contains("  learning_rate: 0.5\n"))
        #expect(yaml.contains("sweep:\n  model.N: [100, 200]\n"))
    }
}
