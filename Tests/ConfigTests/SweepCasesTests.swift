import Config
import Testing

/// `sweep.cases`: entries that set several keys together, one more axis of the product (the
/// slowest); every run records every key any case sets.
@Suite struct SweepCasesTests {
    static let yaml = """
        training: {method: sgd, learning_rate: 0.5, batch_size: 4}
        sweep:
          model.N: [100, 200]
          cases:
            - {training.method: sgd, training.learning_rate: 2.0}
            - {training.method: wn, training.gamma_decay: 0.01}
            - {training.method: bn, training.batch_size: 16, training.learning_rate: 8}
        """

    private func swept(_ run: RunSpec) -> String {
        run.sweptValues.map { "\($0.keyPath)=\($0.value)" }.joined(separator: " ")
    }

    @Test func casesAreTheSlowestAxisAndFillTheBaseValues() throws {
        let loaded = try load(Self.yaml)
        #expect(loaded.base.sweep.runCount == 6)
        #expect(loaded.base.sweep.sweptKeyPaths == ["training.learning_rate", "training.method", "training.gamma_decay",
                                                    "training.batch_size", "model.N"])
        #expect(loaded.runs.map(swept) == [
            "training.learning_rate=2.0 training.method=sgd training.gamma_decay=0.0 training.batch_size=4 model.N=100",
            "training.learning_rate=2.0 training.method=sgd training.gamma_decay=0.0 training.batch_size=4 model.N=200",
            "training.learning_rate=0.5 training.method=wn training.gamma_decay=0.01 training.batch_size=4 model.N=100",
            "training.learning_rate=0.5 training.method=wn training.gamma_decay=0.01 training.batch_size=4 model.N=200",
            "training.learning_rate=8.0 training.method=bn training.gamma_decay=0.0 training.batch_size=16 model.N=100",
            "training.learning_rate=8.0 training.method=bn training.gamma_decay=0.0 training.batch_size=16 model.N=200",
        ])
        let bn = loaded.runs[5].config.training
        #expect(bn.method == .bn && bn.batchSize == 16 && bn.learningRate == 8 && bn.gammaDecay == 0)
        #expect(loaded.runs[2].config.training.gammaDecay == 0.01)
        #expect(Set(loaded.runs.map(\.id)).count == 6)
    }

    @Test func dumpConfigRoundTripsTheCases() throws {
        let loaded = try load(Self.yaml)
        let again = try load(loaded.effectiveYAML())
        #expect(again.base == loaded.base)
        #expect(again.runs == loaded.runs)
    }

    @Test func casesGivingTheSameRunRunOnceWithAWarning() throws {
        // Case 1 sets gamma_decay to the file's own 0.0 and leaves the learning rate at the file's
        // 0.5, which case 0 sets: both are the run learning_rate=0.5, gamma_decay=0.0.
        let loaded = try load("""
            training: {method: wn, learning_rate: 0.5}
            sweep:
              model.N: [100, 200]
              cases:
                - {training.learning_rate: 0.5}
                - {training.gamma_decay: 0.0}
                - {training.learning_rate: 2.0}
            """)
        #expect(loaded.runs.map(swept) == [
            "training.learning_rate=0.5 training.gamma_decay=0.0 model.N=100",
            "training.learning_rate=0.5 training.gamma_decay=0.0 model.N=200",
            "training.learning_rate=2.0 training.gamma_decay=0.0 model.N=100",
            "training.learning_rate=2.0 training.gamma_decay=0.0 model.N=200",
        ])
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.contains("sweep.cases[1] gives the same runs as sweep.cases[0]") == true, "\(loaded.warnings)")
        #expect(try load(Self.yaml).warnings.isEmpty)
    }

    /// The α grid takes at least one step (α = M/N): a run asked to stop before half of it is
    /// warned that it ends there, once per distinct step (printed by run, lr-max, jitter and slurm).
    @Test func anAlphaMaxBelowHalfAStepIsWarnedAbout() throws {
        let loaded = try load("""
            model: {N: 10}
            training: {method: bn, batch_size: 64, alpha_max: 2}
            sweep: {training.learning_rate: [0.5, 1.0], training.batch_size: [64, 16]}
            """)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.alphaGridWarnings.count == 1)
        #expect(loaded.alphaGridWarnings.first?.hasSuffix(
            "training.alpha_max = 2.0 is less than half of one step's α = M/N = 6.4 (M = 64, N = 10): the run takes one step and ends at α = 6.4") == true,
            "\(loaded.alphaGridWarnings)")
        #expect(try load(Self.yaml).alphaGridWarnings.isEmpty)
    }

    @Test func casesCanBeGivenWithSet() throws {
        let loaded = try load("training: {method: wn}\n", ["sweep.cases=[{training.gamma_decay: 0.0}, {training.gamma_decay: 0.1}]"])
        #expect(loaded.runs.map(\.config.training.gammaDecay) == [0, 0.1])
    }

    @Test(arguments: [
        ("sweep: {cases: [{training.methd: wn}]}", "sweep.cases[0].training.methd", "did you mean training.method"),
        ("sweep: {cases: [{training.method: wm}]}", nil, "wm"),
        ("sweep: {cases: [{training.learning_rate: fast}]}", nil, "training.learning_rate"),
        ("sweep: {cases: wn}", "sweep.cases", "a list of mappings"),
        ("sweep: {cases: [{}]}", "sweep.cases", "case 1 sets no key"),
        ("sweep: {training.method: [sgd, wn], cases: [{training.method: bn}]}", "sweep.cases", "also has as an axis"),
        ("sweep: {cases: [{training.method: wn}, {training.method: wn}]}", "sweep.cases", "repeats an earlier case"),
        ("sweep: {cases: [{name: x}]}", nil, "cannot be swept"),
    ] as [(String, String?, String)])
    func badCasesAreRejectedBeforeAnyRun(yaml: String, keyPath: String?, fragment: String) {
        let error = loadError(yaml)
        #expect(error != nil)
        #expect(error?.description.contains(fragment) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.contains("\n") == false)
        if let keyPath { #expect(error?.description.contains(keyPath) == true || error?.keyPath == keyPath, "\(error?.description ?? "")") }
    }

    @Test func anImpossibleValueInACaseNamesTheCase() {
        let error = loadError("""
            sweep:
              cases:
                - {training.method: wn}
                - {training.method: sgd, training.learning_rate: -1}
            """)
        #expect(error?.keyPath == "sweep.cases[1].training.learning_rate")
        #expect(error?.description.contains("-1") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("line 4") == true, "\(error?.description ?? "")")
    }
}
