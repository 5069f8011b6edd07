import Testing
import Config

/// Unknown keys (found by walking the tree) and wrong types (from the decoder's coding path).
@Suite struct KeyAndTypeTests {
    @Test func unknownNestedKeyMessage() {
        let error = loadError("version: 1\ntraining:\n  batch_sise: 2\n")
        #expect(error?.description == "config.yaml: unknown key training.batch_sise at line 3:3, did you mean batch_size? "
            + "(known keys in training: alpha_max, batch_size, beta_lr_scale, divergence_Q, gamma_decay, gamma_lr_scale, "
            + "init, learn_beta, learning_rate, method, protocol, samples_per_dimension, second_layer, weight_decay).")
    }

    @Test(arguments: [
        ("nmae: x\n", "nmae", 1, 1, "name"),
        ("name: x\nmodle:\n  N: 3\n", "modle", 2, 1, "model"),
        ("model: {N: 10, actvation: relu}\n", "model.actvation", 1, 16, "activation"),
        ("training:\n  init:\n    q: 2\n", "training.init.q", 3, 5, "Q"),
        ("training:\n  zzzzzzzz: 1\n", "training.zzzzzzzz", 2, 3, nil),
        ("output:\n    alpha_pionts: 3\n", "output.alpha_pionts", 2, 5, "alpha_points"),
        // An empty key (found by the full config fuzz: `? ` followed by a comment) is named as "".
        ("? # a comment\nname: x\n", "\"\"", 1, 2, nil),
        ("training:\n  \"\": 1\n", "training.\"\"", 2, 3, nil),
    ] as [(String, String, Int, Int, String?)])
    func unknownKeys(yaml: String, keyPath: String, line: Int, column: Int, suggestion: String?) {
        guard case .unknownKey(let file, let path, let location, let known, let suggested) = loadError(yaml) else {
            Issue.record("expected unknownKey for \(yaml)")
            return
        }
        #expect(file == "config.yaml")
        #expect(path == keyPath)
        #expect(location == .line(line, column: column))
        #expect(suggested == suggestion)
        #expect(known == known.sorted() && !known.isEmpty)
    }

    @Test func wrongTypeMessage() {
        #expect(loadError("name: x\ntraining:\n  method: sgd\n  learning_rate: fast\n")?.description
            == "config.yaml: training.learning_rate at line 4:18: expected a number, got \"fast\".")
    }

    @Test(arguments: [
        // An Int, a Double, an enum, a Bool, list elements, lists and sections.
        ("model:\n  N: 1.5\n", "model.N", 2, 6, "an integer", "\"1.5\""),
        ("model:\n  N: many\n", "model.N", 2, 6, "an integer", "\"many\""),
        ("version: '1'\n", "version", 1, 10, "an integer", "the quoted string \"1\""),
        ("training:\n  learning_rate: fast\n", "training.learning_rate", 2, 18, "a number", "\"fast\""),
        ("training:\n  learning_rate:\n", "training.learning_rate", 2, 17, "a number", "nothing (null)"),
        ("training:\n  alpha_max: [1, 2]\n", "training.alpha_max", 2, 14, "a number", "a list"),
        ("model:\n  activation: tanh\n", "model.activation", 2, 15, "one of relu, linear, erf", "\"tanh\""),
        ("training: {method: adam}\n", "training.method", 1, 20, "one of sgd, wn, bn", "\"adam\""),
        ("theory: {stepper: euler}\n", "theory.stepper", 1, 19, "one of rk8pd, rkf45, rkck", "\"euler\""),
        ("training:\n  learn_beta: maybe\n", "training.learn_beta", 2, 15, "true or false", "\"maybe\""),
        ("simulation: {enabled: 1}\n", "simulation.enabled", 1, 23, "true or false", "\"1\""),
        ("theory:\n  bn_variants: [exact, bogus]\n", "theory.bn_variants[1]", 2, 24, "one of exact, pn, loss, population", "\"bogus\""),
        ("theory:\n  bn_variants: exact\n", "theory.bn_variants", 2, 16, "a list of values from exact, pn, loss, population", "\"exact\""),
        ("output: {alphas: [1, x]}\n", "output.alphas[1]", 1, 22, "a number", "\"x\""),
        ("name: [a, b]\n", "name", 1, 7, "a string", "a list"),
    ] as [(String, String, Int, Int, String, String)])
    func wrongTypes(yaml: String, keyPath: String, line: Int, column: Int, expected: String, found: String) {
        #expect(loadError(yaml) == .wrongType(file: "config.yaml", keyPath: keyPath, location: .line(line, column: column),
                                              expected: expected, found: found))
    }

    @Test func sectionGivenAsAScalar() {
        guard case .wrongType(_, let keyPath, let location, let expected, let found) = loadError("training: 5\n") else {
            Issue.record("expected wrongType")
            return
        }
        #expect(keyPath == "training" && location == .line(1, column: 11) && found == "\"5\"")
        #expect(expected.hasPrefix("a mapping with keys method, learning_rate"))
    }
}
