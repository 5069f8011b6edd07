import Testing
import Config
import Model

/// The validation pass: every rule rejects, naming the key path, the value and the line.
@Suite struct ValidationTests {
    @Test func invalidValueMessage() {
        #expect(loadError("name: x\ntraining:\n  method: sgd\n  learning_rate: -1\n")?.description
            == "config.yaml: training.learning_rate = -1 at line 4:18: must be > 0 and finite.")
    }

    static let rejected: [(yaml: String, keyPath: String)] = [
        ("version: 2", "version"),
        ("version: 0", "version"),
        ("name: ''", "name"),
        ("name: a/b", "name"),
        ("name: ..", "name"),
        ("name: 'two words'", "name"),
        ("name: résumé", "name"),
        ("model: {N: 0}", "model.N"),
        ("model: {N: 10000001}", "model.N"),
        ("model: {teacher_noise: -0.1}", "model.teacher_noise"),
        ("model: {teacher_noise: .inf}", "model.teacher_noise"),
        ("model: {teacher_noise: .nan}", "model.teacher_noise"),
        ("training: {learning_rate: 0}", "training.learning_rate"),
        ("training: {learning_rate: -1}", "training.learning_rate"),
        ("training: {learning_rate: .nan}", "training.learning_rate"),
        ("training: {learning_rate: .inf}", "training.learning_rate"),
        ("training: {batch_size: 0}", "training.batch_size"),
        ("training: {method: bn}", "training.batch_size"),
        ("training: {method: bn, batch_size: 1}", "training.batch_size"),
        ("training: {weight_decay: -0.001}", "training.weight_decay"),
        ("training: {weight_decay: .nan}", "training.weight_decay"),
        ("training: {gamma_decay: -1}", "training.gamma_decay"),
        ("training: {gamma_decay: .inf}", "training.gamma_decay"),
        ("training: {gamma_lr_scale: -1}", "training.gamma_lr_scale"),
        ("training: {beta_lr_scale: -1}", "training.beta_lr_scale"),
        ("training: {beta_lr_scale: .nan}", "training.beta_lr_scale"),
        ("training: {alpha_max: 0}", "training.alpha_max"),
        ("training: {alpha_max: .inf}", "training.alpha_max"),
        ("training: {divergence_Q: 0}", "training.divergence_Q"),
        ("training: {divergence_Q: .nan}", "training.divergence_Q"),
        ("training: {divergence_Q: .inf}", "training.divergence_Q"),
        ("training: {init: {Q: 0}}", "training.init.Q"),
        ("training: {init: {Q: .inf}}", "training.init.Q"),
        ("training: {init: {r: 1.5}}", "training.init.r"),
        ("training: {init: {r: -1.01}}", "training.init.r"),
        ("training: {init: {r: .nan}}", "training.init.r"),
        ("training: {init: {gamma: .inf}}", "training.init.gamma"),
        ("training: {init: {gamma: .nan}}", "training.init.gamma"),
        ("training: {init: {beta: -.inf}}", "training.init.beta"),
        ("theory: {rel_tol: 0}", "theory.rel_tol"),
        ("theory: {rel_tol: 1}", "theory.rel_tol"),
        ("theory: {rel_tol: .nan}", "theory.rel_tol"),
        ("theory: {abs_tol: -1.0e-10}", "theory.abs_tol"),
        ("theory: {abs_tol: .inf}", "theory.abs_tol"),
        ("theory: {bn_variants: []}", "theory.bn_variants"),
        ("theory: {bn_variants: [exact, pn, exact]}", "theory.bn_variants"),
        ("simulation: {seeds: 0}", "simulation.seeds"),
        ("simulation: {seeds: 100001}", "simulation.seeds"),
        ("simulation: {seed: -1}", "simulation.seed"),
        ("simulation: {test_samples: -1}", "simulation.test_samples"),
        ("output: {alpha_points: 0}", "output.alpha_points"),
        ("output: {alpha_min: 0}", "output.alpha_min"),
        ("output: {alpha_min: -1}", "output.alpha_min"),
        ("output: {alpha_min: .nan}", "output.alpha_min"),
        ("output: {alpha_min: 20}", "output.alpha_min"),
        ("output: {alpha_min: 5}\ntraining: {alpha_max: 2}", "output.alpha_min"),
        ("output: {alphas: [0]}", "output.alphas[0]"),
        ("output: {alphas: [1, -1]}", "output.alphas[1]"),
        ("output: {alphas: [1, 2, 21]}", "output.alphas[2]"),
        ("output: {alphas: [.nan]}", "output.alphas[0]"),
        ("output: {alphas: [.inf]}", "output.alphas[0]"),
        ("theory: {enabled: false}\nsimulation: {enabled: false}", "theory.enabled"),
        // The step count α·N/M must fit in an Int with room (at most 2⁵³ steps).
        ("training: {alpha_max: 1.0e17}", "training.alpha_max"),
        ("training: {alpha_max: 1.0e300}\noutput: {alphas: [1.0e300]}", "training.alpha_max"),
        ("training: {alpha_max: 1.0e13, batch_size: 1}\nmodel: {N: 1000}", "training.alpha_max"),
    ]

    @Test(arguments: rejected)
    func rejects(yaml: String, keyPath: String) {
        let error = loadError(yaml + "\n")
        guard case .invalidValue(let file, let path, _, let location, let requirement) = error else {
            Issue.record("expected invalidValue at \(keyPath) for \(yaml), got \(String(describing: error))")
            return
        }
        #expect(file == "config.yaml")
        #expect(path == keyPath)
        #expect(!requirement.isEmpty)
        // Every key of the table is written in the file, except the default batch size of the bn row.
        if yaml != "training: {method: bn}" {
            guard case .line = location else {
                Issue.record("expected a line for \(keyPath), got \(location)")
                return
            }
        }
    }

    @Test func defaultValueThatBreaksARuleSaysSo() {
        #expect(loadError("training: {method: bn}\n") == .invalidValue(
            file: "config.yaml", keyPath: "training.batch_size", value: "1", location: .defaultValue,
            requirement: "must be ≥ 2 when training.method is bn, since batch statistics need two samples"
        ))
    }

    static let accepted: [String] = [
        "training: {method: bn, batch_size: 2}",
        "training: {init: {r: 1}}",
        "training: {init: {r: -1}}",
        "training: {weight_decay: 0, gamma_decay: 0, gamma_lr_scale: 0, beta_lr_scale: 0}",
        "theory: {rel_tol: 1.0e-14, abs_tol: 0, bn_variants: [loss]}",
        "simulation: {seeds: 100000, seed: 0, test_samples: 0}",
        "model: {N: 1, teacher_noise: 0}",
        "model: {N: 10000000}",
        "output: {alpha_min: 50, alphas: [0.5, 20]}",
        "output: {alpha_points: 1}",
        "theory: {enabled: false}",
        "simulation: {enabled: false}",
        "name: my_run-1.2",
        // A ratio α_max/α_min that overflows is spaced in log α; 2⁵³ steps exactly is allowed.
        "output: {alpha_min: 5.0e-324}",
        "training: {alpha_max: 9007199254740.992, batch_size: 1}\nmodel: {N: 1000}",
    ]

    @Test(arguments: accepted)
    func accepts(yaml: String) throws {
        _ = try load(yaml + "\n")
    }

    @Test func inMemoryConfigsAreValidatedToo() throws {
        var config = ExperimentConfig.defaults
        #expect(try ConfigLoader.resolve(config).runs.count == 1)
        config.training.learningRate = -2
        #expect(throws: ConfigError.invalidValue(
            file: "<in-memory config>", keyPath: "training.learning_rate", value: "-2.0", location: .unlocated,
            requirement: "must be > 0 and finite"
        )) { try ConfigLoader.resolve(config) }
    }

    @Test func stepCountBeyondTheLimitSaysWhy() {
        let message = loadError("training: {alpha_max: 1.0e17}\n")?.description ?? ""
        #expect(message.contains("training.alpha_max = 1.0e17"), "\(message)")
        #expect(message.contains("at most 9007199254740992 steps"), "\(message)")
    }

    /// α_min = 5e-324 makes α_max/α_min overflow: the grid must still be finite, increasing and end at α_max.
    @Test func logGridWithAnOverflowingRatioIsFinite() throws {
        let grid = AlphaGrid(alphaMin: .leastNonzeroMagnitude, alphaMax: 20, points: 60, spacing: .log, inputDimension: 1000, batchSize: 1)
        #expect(grid.steps.first == 1)
        #expect(grid.steps.last == 20_000)
        #expect(zip(grid.steps, grid.steps.dropFirst()).allSatisfy { $0 < $1 })
        #expect(AlphaGrid.stepCount(alpha: .infinity, inputDimension: 1000, batchSize: 1) == nil)
        #expect(AlphaGrid.stepCount(alpha: .nan, inputDimension: 1000, batchSize: 1) == nil)
        #expect(AlphaGrid.stepCount(alpha: 1e17, inputDimension: 1000, batchSize: 1) == nil)
        #expect(AlphaGrid.stepCount(alpha: .leastNonzeroMagnitude, inputDimension: 1000, batchSize: 1) == 1)
    }
}

/// An integer literal too large for an Int is a range problem, not a type problem.
@Suite struct IntegerRangeTests {
    @Test(arguments: [
        ("simulation: {seed: 18446744073709551615}", "simulation.seed", "out of range (0 … 9223372036854775807)"),
        ("simulation: {seed: -99999999999999999999}", "simulation.seed", "out of range (0 … 9223372036854775807)"),
        ("model: {N: 99999999999999999999}", "model.N", "out of range (1 … 10000000)"),
        ("lr_search: {grid_points: 99999999999999999999}", "lr_search.grid_points", "out of range (3 … 1000)"),
        ("sweep: {simulation.seed: [1, 18446744073709551615]}", "sweep.simulation.seed[1]", "out of range (0 … 9223372036854775807)"),
    ])
    func outOfRange(yaml: String, keyPath: String, requirement: String) {
        guard case .invalidValue(_, let path, _, _, let said) = loadError(yaml + "\n") else {
            Issue.record("expected invalidValue for \(yaml), got \(String(describing: loadError(yaml + "\n")))")
            return
        }
        #expect(path == keyPath)
        #expect(said == requirement)
    }

    /// Not an integer at all stays a type problem.
    @Test func textIsStillATypeProblem() {
        guard case .wrongType? = loadError("simulation: {seed: '18446744073709551615'}\n") else {
            Issue.record("a quoted string must stay a type mismatch")
            return
        }
    }
}

/// docs/model.md §9's keys: shapes follow K and K*, Q is a positive definite Gram matrix, and
/// R is realizable (Q − R·Rᵀ ⪰ 0); each error is one line naming the key.
@Suite struct CommitteeValidationTests {
    @Test(arguments: [
        ("model: {student_units: 0}\n", "model.student_units", "must be an integer from 1 to 256"),
        ("model: {teacher_units: 2, teacher_second_layer: [1, 2, 3]}\n", "model.teacher_second_layer", "must be empty (all 1) or list"),
        ("model: {student_units: 2}\ntraining: {init: {Q_matrix: [[1, 0]]}}\n", "training.init.Q_matrix", "must be a 2×2 matrix"),
        ("model: {student_units: 2}\ntraining: {init: {Q_matrix: [[1, 0.5], [0.4, 1]]}}\n", "training.init.Q_matrix", "must be symmetric"),
        ("model: {student_units: 2}\ntraining: {init: {Q_matrix: [[1, 2], [2, 1]]}}\n", "training.init.Q_matrix", "must be positive definite"),
        ("model: {student_units: 2}\ntraining: {init: {R_matrix: [[0.1], [0.1]]}}\n", "training.init.R_matrix", "needs training.init.Q_matrix"),
        ("model: {student_units: 2, teacher_units: 2}\ntraining: {init: {Q_matrix: [[1, 0], [0, 1]], R_matrix: [[0.1, 0.2]]}}\n",
         "training.init.R_matrix", "must be a 2×2 matrix"),
        ("model: {student_units: 2, teacher_units: 1}\ntraining: {init: {Q_matrix: [[0.5, 0], [0, 1]], R_matrix: [[0.9], [0.1]]}}\n",
         "training.init.R_matrix", "must satisfy Q − R·Rᵀ ⪰ 0"),
        ("training: {second_layer: {learning_rate_scale: -1}}\n", "training.second_layer.learning_rate_scale", "must be ≥ 0"),
        ("model: {student_units: 2}\ntraining: {protocol: offline, samples_per_dimension: 2}\n",
         "theory.enabled", "must be false when training.protocol is offline"),
    ])
    func refusesWithOneLine(_ yaml: String, _ keyPath: String, _ requirement: String) {
        let message = loadError(yaml)?.description ?? ""
        #expect(message.contains(keyPath) && message.contains(requirement), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test func acceptsARealizableStart() throws {
        let loaded = try load("model: {student_units: 2, teacher_units: 2}\ntraining: {init: {Q_matrix: [[1, 0.1], [0.1, 1]], R_matrix: [[0.5, 0], [0, 0.5]]}}\n")
        #expect(loaded.base.training.initial.RMatrix == [[0.5, 0], [0, 0.5]])
        #expect(CommitteeShape(loaded.base).isCommittee)
        #expect(!CommitteeShape(ExperimentConfig.defaults).isCommittee)
    }

    /// docs/model.md §8's data models, a learned β (the theory refuses them at run time) and §12's data
    /// files and offline sets are simulated for two-layer networks.
    @Test func acceptsWhatTheSimulationCovers() throws {
        let loaded = try load("model: {student_units: 2, input_noise: 0.5, input_kurtosis: 1}\ntheory: {enabled: false}\n")
        #expect(loaded.base.model.inputNoise == 0.5 && loaded.base.model.inputKurtosis == 1)
        let beta = try load("model: {student_units: 2}\ntraining: {method: bn, batch_size: 4, learn_beta: true, init: {beta: 0.2}}\ntheory: {enabled: false}\n")
        #expect(beta.base.training.learnBeta && beta.base.training.initial.beta == 0.2)
        // docs/model.md §12: data files and offline sets train two-layer networks too.
        let offline = try load("model: {student_units: 2}\ntraining: {protocol: offline, samples_per_dimension: 2}\ntheory: {enabled: false}\n")
        #expect(CommitteeShape(offline.base).isCommittee && offline.base.usesFiniteSamples)
        let file = try load("model: {teacher_units: 2}\ndata: {source: file, path: x.csv}\ntheory: {enabled: false}\n")
        #expect(CommitteeShape(file.base).isCommittee && file.base.data.source == .file)
    }
}
