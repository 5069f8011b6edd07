import Foundation
import Model
import Testing
import Config

@Suite struct DefaultsTests {
    @Test func defaultsYAMLLoadsBackAsTheDefaults() throws {
        let loaded = try load(ConfigLoader.defaultsYAML())
        #expect(loaded.base == ExperimentConfig.defaults)
        #expect(loaded.runs.count == 1)
        #expect(loaded.runs[0].config == ExperimentConfig.defaults)
        #expect(loaded.runs[0].sweptValues.isEmpty)
        #expect(loaded.runs[0].id == RunSpec.id(for: []))
    }

    @Test func defaultsHaveTheDocumentedValues() {
        let d = ExperimentConfig.defaults
        #expect(d.version == 1 && d.name == "bnsim")
        #expect(d.model.inputDimension == 1000 && d.model.activation == .relu && d.model.teacherNoise == 0)
        #expect(d.training.method == .sgd && d.training.learningRate == 0.5 && d.training.batchSize == 1)
        #expect(d.training.alphaMax == 20 && d.training.divergenceQ == 1e8 && !d.training.learnBeta)
        #expect(d.training.initial == .init(Q: 1, r: 0, gamma: 1, beta: 0))
        #expect(d.theory.stepper == .rk8pd && d.theory.bnVariants == [.exact, .pn, .loss])
        #expect(d.theory.relativeTolerance == 1e-8 && d.theory.absoluteTolerance == 1e-10)
        #expect(d.simulation.replicas == 8 && d.simulation.seed == 1 && d.simulation.testSamples == 10_000)
        #expect(d.output.alphaPoints == 60 && d.output.alphaSpacing == .log && d.output.alphaMin == 0.1)
        #expect(d.output.alphas.isEmpty && d.sweep.isEmpty)
    }

    /// dump-config prints keys in the order of the reference list, not alphabetically.
    @Test func printedKeysFollowTheSchemaOrder() {
        let lines = ConfigLoader.defaultsYAML().split(separator: "\n").filter { !$0.hasPrefix("#") }
        let topLevel = lines.filter { !$0.hasPrefix(" ") }.map { String($0.prefix { $0 != ":" }) }
        #expect(topLevel == ["version", "name", "model", "training", "theory", "simulation", "output", "lr_search", "convex", "data", "sweep"])
        let start = lines.firstIndex(of: "training:")! + 1
        let training = lines[start...].prefix { $0.hasPrefix("  ") }.filter { !$0.hasPrefix("    ") }
            .map { String($0.dropFirst(2).prefix { $0 != ":" }) }
        #expect(training == ["method", "learning_rate", "batch_size", "weight_decay", "gamma_decay", "gamma_lr_scale",
                             "beta_lr_scale", "learn_beta", "alpha_max", "divergence_Q", "init", "second_layer", "protocol", "samples_per_dimension"])
        #expect(lines.contains("  bn_variants: [exact, pn, loss]"))
        #expect(lines.contains("  rel_tol: 1e-08"))
    }

    /// The schema table (used for messages and sweeps) lists exactly the leaves the config encodes.
    @Test func schemaTableMatchesTheEncodedLeaves() throws {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ExperimentConfig.defaults))
        func leaves(_ value: Any, _ prefix: String) -> [String] {
            guard let object = value as? [String: Any] else { return [prefix] }
            return object.flatMap { leaves($0.value, prefix.isEmpty ? $0.key : "\(prefix).\($0.key)") }
        }
        let encoded = Set(leaves(json, "").filter { $0 != "sweep" })
        #expect(encoded == Set(ExperimentConfig.keyPaths))
        #expect(ExperimentConfig.keyPaths.count == encoded.count)
        // Lists are not sweepable (each list leaf encodes as a JSON array).
        let lists = Set(encoded.filter { path in
            path.split(separator: ".").reduce(json as Any?) { ($0 as? [String: Any])?[String($1)] } is [Any]
        })
        #expect(lists == ["theory.bn_variants", "output.alphas", "convex.alphas", "convex.widths", "model.teacher_second_layer",
                          "training.init.Q_matrix", "training.init.R_matrix", "data.classes"])
        // The keys that decide a sweep's output columns, and file paths, are fixed per config.
        let fixed: Set = ["training.protocol", "data.source", "data.task", "data.path", "data.labels_path"]
        #expect(Set(ExperimentConfig.sweepableKeyPaths) == encoded.subtracting(["version", "name"]).subtracting(lists).subtracting(fixed))
    }

    @Test func valuesByKeyPath() throws {
        let config = try load("model: {N: 64}\ntraining: {learning_rate: 0.50}\ntheory: {bn_variants: [pn, exact]}\n").base
        #expect(config.text(atKeyPath: "model.N") == "64")
        #expect(config.text(atKeyPath: "training.learning_rate") == "0.5")
        #expect(config.text(atKeyPath: "training.init.Q") == "1.0")
        #expect(config.text(atKeyPath: "model.activation") == "relu")
        #expect(config.text(atKeyPath: "training.learn_beta") == "false")
        #expect(config.text(atKeyPath: "theory.bn_variants") == "[pn, exact]")
        #expect(config.text(atKeyPath: "training.lr") == nil)
        #expect(config.text(atKeyPath: "sweep") == nil)
    }

    @Test func codableRoundTripsThroughJSON() throws {
        let config = try load("""
            name: round-trip
            training: {method: bn, batch_size: 8, learn_beta: true}
            theory: {bn_variants: [pn]}
            output: {alphas: [0.5, 2]}
            sweep:
              training.learning_rate: [0.1, 0.2]
              model.N: {logspace: [100, 10000, 3]}
            """).base
        let decoded = try JSONDecoder().decode(ExperimentConfig.self, from: JSONEncoder().encode(config))
        #expect(decoded == config)
    }

    @Test(arguments: [
        "",
        "# nothing but a comment\n",
        "---\n",
        "~\n",
        "training:\n",
        "training: ~\nmodel: null\n",
        "sweep:\n",
    ])
    func emptyFileOrEmptySectionsMeanDefaults(yaml: String) throws {
        #expect(try load(yaml).base == ExperimentConfig.defaults)
    }

    @Test func trainingSetupMapsEveryField() throws {
        let config = try load("""
            model: {N: 321, activation: erf, teacher_noise: 0.3}
            training:
              method: wn
              learning_rate: 0.7
              batch_size: 5
              weight_decay: 0.01
              gamma_decay: 0.02
              gamma_lr_scale: 2.5
              beta_lr_scale: 0.5
              learn_beta: true
              alpha_max: 7
              divergence_Q: 1.0e6
              init: {Q: 2.0, r: 0.25, gamma: 1.5, beta: -0.1}
            """).base
        let setup = config.trainingSetup()
        #expect(setup.inputDimension == 321)
        #expect(setup.activation == .erf)
        #expect(setup.teacherNoise == 0.3)
        #expect(setup.method == .wn)
        #expect(setup.learningRate == 0.7)
        #expect(setup.batchSize == 5)
        #expect(setup.weightDecay == 0.01)
        #expect(setup.gammaDecay == 0.02)
        #expect(setup.gammaLearningRateScale == 2.5)
        #expect(setup.betaLearningRateScale == 0.5)
        #expect(setup.learnBeta)
        #expect(setup.alphaMax == 7)
        #expect(setup.divergenceQ == 1e6)
        #expect(setup.initial == InitialState(Q: 2, r: 0.25, gamma: 1.5, beta: -0.1))
    }
}
