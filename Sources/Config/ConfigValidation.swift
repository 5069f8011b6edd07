import Model

/// A value that decodes but cannot run, with the rule it breaks.
struct ValueProblem: Equatable {
    let path: [PathComponent]
    let value: String
    let requirement: String
}

/// The validation pass: impossible values, found after decoding and before any work
///. It sees one resolved run at a time, so every sweep point is checked.
///
/// Every floating-point rule is written so that NaN fails it (`x > 0`, not `!(x <= 0)`), and
/// infinities fail an explicit finiteness check.
enum ConfigValidation {
    static func problems(in c: ExperimentConfig) -> [ValueProblem] {
        var found: [ValueProblem] = []
        func require(_ ok: Bool, _ keyPath: String, _ requirement: String) {
            guard !ok, let leaf = ConfigSchema.leaf(keyPath) else { return }
            found.append(ValueProblem(path: .keys(keyPath), value: leaf.text(c), requirement: requirement))
        }
        func atLeastZero(_ x: Double, _ keyPath: String) {
            require(x >= 0 && x.isFinite, keyPath, "must be ≥ 0 and finite")
        }
        func positive(_ x: Double, _ keyPath: String) {
            require(x > 0 && x.isFinite, keyPath, "must be > 0 and finite")
        }

        require(c.version == 1, "version", "must be 1, the only config format this bnsim reads")
        require(isSafeDirectoryName(c.name), "name",
                "must be a directory name of letters, digits, '.', '_' and '-' (not only dots), since results go to results/<name>/")

        require((1...10_000_000).contains(c.model.inputDimension), "model.N", "must be an integer from 1 to 10000000")
        atLeastZero(c.model.teacherNoise, "model.teacher_noise")
        atLeastZero(c.model.inputNoise, "model.input_noise")
        atLeastZero(c.model.inputKurtosis, "model.input_kurtosis")

        let t = c.training
        positive(t.learningRate, "training.learning_rate")
        require(t.batchSize >= 1, "training.batch_size", "must be ≥ 1")
        switch t.method {
        case .bn where t.batchSize >= 1:  // below 1 is reported above
            require(t.batchSize >= 2, "training.batch_size",
                    "must be ≥ 2 when training.method is bn, since batch statistics need two samples")
        case .bn, .sgd, .wn:
            break
        }
        atLeastZero(t.weightDecay, "training.weight_decay")
        atLeastZero(t.gammaDecay, "training.gamma_decay")
        atLeastZero(t.gammaLearningRateScale, "training.gamma_lr_scale")
        atLeastZero(t.betaLearningRateScale, "training.beta_lr_scale")
        positive(t.alphaMax, "training.alpha_max")
        // The step count t = α·N/M is an Int; N and M out of range are reported above.
        if t.alphaMax > 0 && t.alphaMax.isFinite && c.model.inputDimension >= 1 && t.batchSize >= 1 {
            require(AlphaGrid.stepCount(alpha: t.alphaMax, inputDimension: c.model.inputDimension, batchSize: t.batchSize) != nil,
                    "training.alpha_max",
                    "must give at most \(AlphaGrid.maximumSteps) steps t = α·N/M (here \(t.alphaMax * Double(c.model.inputDimension) / Double(t.batchSize)))")
        }
        positive(t.divergenceQ, "training.divergence_Q")
        positive(t.initial.Q, "training.init.Q")
        require(t.initial.r >= -1 && t.initial.r <= 1, "training.init.r", "must be in [-1, 1], since it is a cosine")
        require(t.initial.gamma.isFinite, "training.init.gamma", "must be finite")
        require(t.initial.beta.isFinite, "training.init.beta", "must be finite")

        found += CommitteeValidation.problems(in: c)

        let theory = c.theory
        require(theory.relativeTolerance > 0 && theory.relativeTolerance < 1, "theory.rel_tol", "must be in (0, 1)")
        atLeastZero(theory.absoluteTolerance, "theory.abs_tol")
        require(!theory.bnVariants.isEmpty, "theory.bn_variants", "must name at least one of \(TheoryVariant.allCases.map(\.rawValue).joined(separator: ", "))")
        require(Set(theory.bnVariants).count == theory.bnVariants.count, "theory.bn_variants", "must not list a variant twice")

        let simulation = c.simulation
        require((1...100_000).contains(simulation.replicas), "simulation.seeds", "must be an integer from 1 to 100000")
        require(simulation.seed >= 0, "simulation.seed", "must be ≥ 0")
        require(simulation.testSamples >= 0, "simulation.test_samples", "must be ≥ 0")
        if simulation.engine == .reduced, let reason = SimulationEngine.reducedProblem(
            for: c.trainingSetup(), studentUnits: c.model.studentUnits, teacherUnits: c.model.teacherUnits) {
            require(false, "simulation.engine", "cannot be reduced here: the reduced chain \(reason)")
        }
        require(theory.enabled || simulation.enabled, "theory.enabled",
                "at least one of theory.enabled and simulation.enabled must be true, or there is nothing to run")

        let output = c.output
        require(output.alphaPoints >= 1, "output.alpha_points", "must be ≥ 1")
        // Checked even when output.alphas replaces the grid: a NaN must not pass silently.
        require(output.alphaMin > 0 && output.alphaMin.isFinite, "output.alpha_min", "must be > 0 and finite")
        if output.alphas.isEmpty {
            if output.alphaMin > 0 && output.alphaMin.isFinite && t.alphaMax.isFinite {
                require(output.alphaMin < t.alphaMax, "output.alpha_min",
                        "must be < training.alpha_max = \(t.alphaMax) (it is only used when output.alphas is empty)")
            }
        }
        for (index, alpha) in output.alphas.enumerated() where !(alpha > 0 && alpha.isFinite && alpha <= t.alphaMax) {
            found.append(ValueProblem(
                path: .keys("output.alphas") + [.index(index)], value: alpha.description,
                requirement: "must be > 0, finite and ≤ training.alpha_max = \(t.alphaMax)"
            ))
        }
        let search = c.learningRateSearch
        require(search.etaMin > 0 && search.etaMin.isFinite, "lr_search.eta_min", "must be > 0 and finite")
        require(search.etaMax.isFinite && search.etaMax > search.etaMin, "lr_search.eta_max", "must be finite and > lr_search.eta_min")
        require((3...1000).contains(search.gridPoints), "lr_search.grid_points", "must be an integer from 3 to 1000")
        require(search.bracketRelativeTolerance > 0 && search.bracketRelativeTolerance < 1, "lr_search.bracket_rel_tol", "must lie in (0, 1)")
        require(search.convergedEg > 0 && search.convergedEg.isFinite, "lr_search.converged_eg", "must be > 0 and finite")
        found += convexProblems(in: c)
        found += dataProblems(in: c)
        return found
    }

    /// Letters, digits, `.`, `_`, `-`; not empty, and not `.` or `..`, which would escape `results/`.
    static func isSafeDirectoryName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
        } && !name.allSatisfy { $0 == "." }
    }
}
