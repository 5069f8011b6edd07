import Testing
import Config

/// `--set key.path=value`, applied to the user's tree before any check.
@Suite struct OverrideTests {
    @Test func setsAValueTheFileHas() throws {
        let loaded = try load("training:\n  learning_rate: 0.25\n", ["training.learning_rate=0.75"])
        #expect(loaded.base.training.learningRate == 0.75)
    }

    @Test func setsANestedValueAndKeepsItsSiblings() throws {
        let loaded = try load("training:\n  init: {Q: 3, r: 0.5}\n", ["training.init.Q=2"])
        #expect(loaded.base.training.initial == .init(Q: 2, r: 0.5, gamma: 1, beta: 0))
    }

    @Test func createsAKeyTheFileLacks() throws {
        let loaded = try load("name: x\n", ["training.method=wn", "model.activation=erf", "training.init.gamma=2"])
        #expect(loaded.base.training.method == .wn)
        #expect(loaded.base.model.activation == .erf)
        #expect(loaded.base.training.initial.gamma == 2)
    }

    /// As in Hydra, a mapping value replaces what the file had there; keys it leaves out fall
    /// back to their defaults (so `--set sweep={}` clears a sweep).
    @Test func aMappingValueReplacesTheFilesSection() throws {
        let loaded = try load("training:\n  batch_size: 4\n  weight_decay: 0.5\n", ["training={method: wn, learning_rate: 0.1}"])
        #expect(loaded.base.training.batchSize == 1)
        #expect(loaded.base.training.weightDecay == 0)
        #expect(loaded.base.training.method == .wn)
        #expect(loaded.base.training.learningRate == 0.1)
        let cleared = try load("sweep:\n  training.learning_rate: [0.5, 1]\n", ["sweep={}"])
        #expect(cleared.runs.count == 1)
    }

    @Test func theLaterOverrideWins() throws {
        #expect(try load("", ["name=a", "name=b"]).base.name == "b")
    }

    @Test func parsesListsAndFixesTheFileBeforeValidation() throws {
        let loaded = try load("training: {learning_rate: -1}\n",
                              ["training.learning_rate=1", "theory.bn_variants=[exact, pn]", "output.alphas=[1, 2, 4]"])
        #expect(loaded.base.theory.bnVariants == [.exact, .pn])
        #expect(loaded.base.output.alphas == [1, 2, 4])
    }

    @Test func onlyTheFirstEqualsSignSplits() {
        guard case .invalidValue(_, "name", "a=b", .override, _) = loadError("", ["name=a=b"]) else {
            Issue.record("expected name = a=b to be rejected as a directory name")
            return
        }
    }

    @Test func rejectsAnUnknownKey() {
        #expect(loadError("", ["training.lerning_rate=3"]) == .unknownKey(
            file: "config.yaml", keyPath: "training.lerning_rate", location: .override,
            knownKeys: ["alpha_max", "batch_size", "beta_lr_scale", "divergence_Q", "gamma_decay", "gamma_lr_scale",
                        "init", "learn_beta", "learning_rate", "method", "protocol", "samples_per_dimension", "second_layer", "weight_decay"],
            suggestion: "learning_rate"
        ))
        guard case .unknownKey(_, "foo", .override, _, nil) = loadError("", ["foo.bar=1"]) else {
            Issue.record("expected unknown key foo")
            return
        }
    }

    @Test func wrongTypesFromOverridesSaySo() {
        #expect(loadError("", ["training.learning_rate=fast"]) == .wrongType(
            file: "config.yaml", keyPath: "training.learning_rate", location: .override, expected: "a number", found: "\"fast\""
        ))
        #expect(loadError("", ["training.learning_rate=fast"])?.description
            == "config.yaml: training.learning_rate (from --set): expected a number, got \"fast\".")
    }

    @Test(arguments: [
        ("training.learning_rate", "expected key.path=value"),
        ("=3", "the key path before '=' is empty"),
        ("  =3", "the key path before '=' is empty"),
        ("training..learning_rate=3", "the key path 'training..learning_rate' has an empty component"),
        ("name.first=3", "name is a value, not a section with keys"),
    ])
    func rejectsMalformedOverrides(override: String, reason: String) {
        #expect(loadError("", [override]) == .badOverride(file: "config.yaml", override: override, reason: reason))
    }

    @Test func rejectsAValueThatIsNotYAML() {
        guard case .badOverride(_, _, let reason) = loadError("", ["output.alphas=[1, 2"]) else {
            Issue.record("expected badOverride")
            return
        }
        #expect(reason.hasPrefix("the value is not valid YAML"))
    }

    @Test func setsSweepEntries() throws {
        let loaded = try load("", ["sweep.training.learning_rate=[0.1, 0.2]", "sweep.model.N={linspace: [100, 300, 3]}"])
        #expect(loaded.runs.count == 6)
        #expect(loaded.base.sweep.axes.map(\.keyPath) == ["model.N", "training.learning_rate"])
    }

    @Test(arguments: ["sweep.foo=[1]", "sweep.name=[a, b]", "sweep.version=[1]", "sweep.sweep.x=[1]",
                      "sweep.theory.bn_variants=[[exact]]", "sweep.training=[1]"])
    func rejectsSweepEntriesThatAreNotSweepableKeyPaths(override: String) {
        guard case .badOverride(_, let text, _) = loadError("", [override]) else {
            Issue.record("expected badOverride for \(override)")
            return
        }
        #expect(text == override)
    }
}
