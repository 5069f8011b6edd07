import Model

/// One leaf of the config tree: its YAML key path, its kind and typed access to its value.
///
/// The decoder knows the types but not how to phrase them for a user; sweeps need to set a leaf
/// named by a string. This table serves both, and a test checks that it lists exactly the leaves
/// that `ExperimentConfig` encodes, so it cannot drift from the `CodingKeys`.
struct ConfigLeaf: Sendable {
    enum Kind: Sendable, Equatable {
        case integer
        case number
        case boolean
        case text
        case choice([String])
        case numberList
        case choiceList([String])
        /// A list of rows of numbers, like [[1, 0], [0, 1]].
        case numberMatrix

        /// What a value of this kind looks like, for "expected …" messages.
        var expectation: String {
            switch self {
            case .integer: "an integer"
            case .number: "a number"
            case .boolean: "true or false"
            case .text: "a string"
            case .choice(let options): "one of \(options.joined(separator: ", "))"
            case .numberList: "a list of numbers, like [0.5, 1, 2]"
            case .choiceList(let options): "a list of values from \(options.joined(separator: ", "))"
            case .numberMatrix: "a list of rows of numbers, like [[1, 0], [0, 1]]"
            }
        }

        /// What one element of a list of this kind looks like.
        var itemExpectation: String {
            switch self {
            case .numberList: ConfigLeaf.Kind.number.expectation
            case .choiceList(let options): ConfigLeaf.Kind.choice(options).expectation
            case .numberMatrix: ConfigLeaf.Kind.numberList.expectation
            case .integer, .number, .boolean, .text, .choice: expectation
            }
        }
    }

    let keyPath: String
    let kind: Kind
    /// The value's canonical text (`Double.description` for numbers), as CSV files and messages show it.
    let text: @Sendable (ExperimentConfig) -> String
    /// Sets a swept value of this leaf's kind; nil for leaves that cannot be swept.
    let assign: (@Sendable (inout ExperimentConfig, SweepScalar) -> Void)?
    /// A list leaf's items as canonical text (how `dump-config` writes them); nil for scalars.
    var items: (@Sendable (ExperimentConfig) -> [String])? = nil

    /// Integer leaves: the values validation accepts, for the message about a literal too large for an Int.
    var integerRange: ClosedRange<Int>? = nil

    /// The rows of a `numberList` (one row) or `numberMatrix` leaf, for writing it as YAML.
    var rows: (@Sendable (ExperimentConfig) -> [[Double]])? = nil

    var isSweepable: Bool { assign != nil }
}

/// The table of every leaf of `ExperimentConfig`, in the order the YAML file lists them.
enum ConfigSchema {
    static let leaves: [ConfigLeaf] = [
        integer("version", \.version, 1...1, sweepable: false),
        text("name", \.name, sweepable: false),
        integer("model.N", \.model.inputDimension, 1...10_000_000),
        choice("model.activation", \.model.activation),
        number("model.teacher_noise", \.model.teacherNoise),
        number("model.input_noise", \.model.inputNoise),
        number("model.input_kurtosis", \.model.inputKurtosis),
        integer("model.teacher_units", \.model.teacherUnits, 1...256),
        integer("model.student_units", \.model.studentUnits, 1...256),
        numberList("model.teacher_second_layer", \.model.teacherSecondLayer),
        choice("training.method", \.training.method),
        number("training.learning_rate", \.training.learningRate),
        integer("training.batch_size", \.training.batchSize, 1...Int.max),
        number("training.weight_decay", \.training.weightDecay),
        number("training.gamma_decay", \.training.gammaDecay),
        number("training.gamma_lr_scale", \.training.gammaLearningRateScale),
        number("training.beta_lr_scale", \.training.betaLearningRateScale),
        boolean("training.learn_beta", \.training.learnBeta),
        number("training.alpha_max", \.training.alphaMax),
        number("training.divergence_Q", \.training.divergenceQ),
        number("training.init.Q", \.training.initial.Q),
        number("training.init.r", \.training.initial.r),
        number("training.init.gamma", \.training.initial.gamma),
        number("training.init.beta", \.training.initial.beta),
        numberMatrix("training.init.Q_matrix", \.training.initial.QMatrix),
        numberMatrix("training.init.R_matrix", \.training.initial.RMatrix),
        boolean("training.second_layer.learn", \.training.secondLayer.learn),
        number("training.second_layer.learning_rate_scale", \.training.secondLayer.learningRateScale),
        number("training.second_layer.init", \.training.secondLayer.initial),
        fixedChoice("training.protocol", \.training.trainingProtocol),
        number("training.samples_per_dimension", \.training.samplesPerDimension),
        boolean("theory.enabled", \.theory.enabled),
        number("theory.rel_tol", \.theory.relativeTolerance),
        number("theory.abs_tol", \.theory.absoluteTolerance),
        choice("theory.stepper", \.theory.stepper),
        ConfigLeaf(
            keyPath: "theory.bn_variants", kind: .choiceList(TheoryVariant.allCases.map(\.rawValue)),
            text: { "[" + $0.theory.bnVariants.map(\.rawValue).joined(separator: ", ") + "]" }, assign: nil,
            items: { $0.theory.bnVariants.map(\.rawValue) }
        ),
        choice("theory.initial", \.theory.initial),
        boolean("simulation.enabled", \.simulation.enabled),
        integer("simulation.seeds", \.simulation.replicas, 1...100_000),
        integer("simulation.seed", \.simulation.seed, 0...Int.max),
        integer("simulation.test_samples", \.simulation.testSamples, 0...Int.max),
        choice("simulation.engine", \.simulation.engine),
        integer("output.alpha_points", \.output.alphaPoints, 1...Int.max),
        choice("output.alpha_spacing", \.output.alphaSpacing),
        number("output.alpha_min", \.output.alphaMin),
        ConfigLeaf(
            keyPath: "output.alphas", kind: .numberList,
            text: { "[" + $0.output.alphas.map(\.description).joined(separator: ", ") + "]" }, assign: nil,
            items: { $0.output.alphas.map(\.description) }
        ),
        number("lr_search.eta_min", \.learningRateSearch.etaMin),
        number("lr_search.eta_max", \.learningRateSearch.etaMax),
        integer("lr_search.grid_points", \.learningRateSearch.gridPoints, 3...1000),
        number("lr_search.bracket_rel_tol", \.learningRateSearch.bracketRelativeTolerance),
        number("lr_search.converged_eg", \.learningRateSearch.convergedEg),
        boolean("lr_search.simulation", \.learningRateSearch.simulation),
        number("convex.lambda", \.convex.lambda),
        list("convex.alphas", \.convex.alphas),
        integer("convex.instances", \.convex.instances, 1...10_000),
        choice("convex.teacher", \.convex.teacher),
        list("convex.widths", \.convex.widths),
        integer("convex.restarts", \.convex.restarts, 1...100_000),
        integer("convex.steps", \.convex.steps, 1...100_000_000),
        number("convex.learning_rate", \.convex.learningRate),
        integer("convex.max_patterns", \.convex.maxPatterns, 1...10_000_000),
    ] + dataLeaves

    private static let byKeyPath: [String: ConfigLeaf] =
        Dictionary(uniqueKeysWithValues: leaves.map { ($0.keyPath, $0) })

    static func leaf(_ keyPath: String) -> ConfigLeaf? { byKeyPath[keyPath] }

    /// The key paths a sweep may name: scalar leaves other than `version` and `name`.
    static var sweepableKeyPaths: [String] { leaves.filter(\.isSweepable).map(\.keyPath) }

    /// Why `keyPath` cannot be swept, or nil if it can.
    static func sweepProblem(for keyPath: String) -> String? {
        if let leaf = leaf(keyPath) {
            if leaf.isSweepable { return nil }
            return "\(keyPath) cannot be swept (sweepable keys are scalar values other than version and name)"
        }
        let suggestion = closestMatch(to: keyPath, among: sweepableKeyPaths).map { "; did you mean \($0)?" } ?? ""
        return "\(keyPath) is not a key path of the config\(suggestion) (sweepable: \(sweepableKeyPaths.joined(separator: ", ")))"
    }

    // MARK: Leaf builders

    /// A list of numbers (not sweepable), written `[a, b, c]`.
    static func list<T: CustomStringConvertible & Sendable>(
        _ keyPath: String, _ property: WritableKeyPath<ExperimentConfig, [T]> & Sendable
    ) -> ConfigLeaf {
        ConfigLeaf(keyPath: keyPath, kind: .numberList,
                   text: { "[" + $0[keyPath: property].map(\.description).joined(separator: ", ") + "]" }, assign: nil,
                   items: { $0[keyPath: property].map(\.description) })
    }

    private static func numberList(_ keyPath: String, _ property: KeyPath<ExperimentConfig, [Double]> & Sendable) -> ConfigLeaf {
        ConfigLeaf(keyPath: keyPath, kind: .numberList,
                   text: { "[" + $0[keyPath: property].map(\.description).joined(separator: ", ") + "]" }, assign: nil,
                   items: { $0[keyPath: property].map(\.description) }, rows: { [$0[keyPath: property]] })
    }

    private static func numberMatrix(_ keyPath: String, _ property: KeyPath<ExperimentConfig, [[Double]]> & Sendable) -> ConfigLeaf {
        ConfigLeaf(keyPath: keyPath, kind: .numberMatrix,
                   text: { "[" + $0[keyPath: property].map { "[" + $0.map(\.description).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]" },
                   assign: nil, rows: { $0[keyPath: property] })
    }

    static func integer(
        _ keyPath: String, _ property: WritableKeyPath<ExperimentConfig, Int> & Sendable, _ range: ClosedRange<Int>, sweepable: Bool = true
    ) -> ConfigLeaf {
        let assign: @Sendable (inout ExperimentConfig, SweepScalar) -> Void = { config, value in
            guard case .integer(let i) = value else { preconditionFailure("\(keyPath) takes integers") }
            config[keyPath: property] = i
        }
        return ConfigLeaf(keyPath: keyPath, kind: .integer, text: { String($0[keyPath: property]) },
                          assign: sweepable ? assign : nil, integerRange: range)
    }

    static func number(
        _ keyPath: String, _ property: WritableKeyPath<ExperimentConfig, Double> & Sendable
    ) -> ConfigLeaf {
        ConfigLeaf(keyPath: keyPath, kind: .number, text: { $0[keyPath: property].description },
                   assign: { config, value in
                       guard case .number(let x) = value else { preconditionFailure("\(keyPath) takes numbers") }
                       config[keyPath: property] = x
                   })
    }

    static func boolean(
        _ keyPath: String, _ property: WritableKeyPath<ExperimentConfig, Bool> & Sendable
    ) -> ConfigLeaf {
        ConfigLeaf(keyPath: keyPath, kind: .boolean, text: { $0[keyPath: property].description },
                   assign: { config, value in
                       guard case .boolean(let b) = value else { preconditionFailure("\(keyPath) takes true or false") }
                       config[keyPath: property] = b
                   })
    }

    static func text(
        _ keyPath: String, _ property: WritableKeyPath<ExperimentConfig, String> & Sendable, sweepable: Bool
    ) -> ConfigLeaf {
        let assign: @Sendable (inout ExperimentConfig, SweepScalar) -> Void = { config, value in
            guard case .text(let s) = value else { preconditionFailure("\(keyPath) takes strings") }
            config[keyPath: property] = s
        }
        return ConfigLeaf(keyPath: keyPath, kind: .text, text: { $0[keyPath: property] }, assign: sweepable ? assign : nil)
    }

    /// A choice that cannot be swept (it decides a run's output columns, which a sweep shares).
    static func fixedChoice<E>(
        _ keyPath: String, _ property: WritableKeyPath<ExperimentConfig, E> & Sendable
    ) -> ConfigLeaf where E: RawRepresentable & CaseIterable & Sendable, E.RawValue == String {
        ConfigLeaf(keyPath: keyPath, kind: .choice(E.allCases.map(\.rawValue)), text: { $0[keyPath: property].rawValue }, assign: nil)
    }

    static func choice<E>(
        _ keyPath: String, _ property: WritableKeyPath<ExperimentConfig, E> & Sendable
    ) -> ConfigLeaf where E: RawRepresentable & CaseIterable & Sendable, E.RawValue == String {
        ConfigLeaf(keyPath: keyPath, kind: .choice(E.allCases.map(\.rawValue)),
                   text: { $0[keyPath: property].rawValue },
                   assign: { config, value in
                       guard case .text(let s) = value, let e = E(rawValue: s) else {
                           preconditionFailure("\(keyPath) takes one of \(E.allCases.map(\.rawValue))")
                       }
                       config[keyPath: property] = e
                   })
    }
}
