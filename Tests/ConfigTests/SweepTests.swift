import Testing
import Config

/// Sweeps: the cartesian product in a fixed order, canonical values and stable run ids.
@Suite struct SweepTests {
    private func swept(_ run: RunSpec) -> [String] {
        run.sweptValues.map { "\($0.keyPath)=\($0.value)" }
    }

    @Test func cartesianProductFirstKeySlowest() throws {
        let loaded = try load("""
            sweep:
              training.learning_rate: [0.1, 0.2]
              model.N: [100, 200, 300]
            """)
        #expect(loaded.runs.map(swept) == [
            ["model.N=100", "training.learning_rate=0.1"], ["model.N=100", "training.learning_rate=0.2"],
            ["model.N=200", "training.learning_rate=0.1"], ["model.N=200", "training.learning_rate=0.2"],
            ["model.N=300", "training.learning_rate=0.1"], ["model.N=300", "training.learning_rate=0.2"],
        ])
        #expect(loaded.runs.map(\.config.model.inputDimension) == [100, 100, 200, 200, 300, 300])
        #expect(loaded.runs.map(\.config.training.learningRate) == [0.1, 0.2, 0.1, 0.2, 0.1, 0.2])
        #expect(loaded.runs.allSatisfy { $0.config.sweep.isEmpty })
        #expect(loaded.base.sweep.runCount == 6)
        #expect(Set(loaded.runs.map(\.id)).count == 6)
    }

    @Test func runsKeepTheRestOfTheConfig() throws {
        let loaded = try load("name: keep\ntraining: {method: wn, batch_size: 3}\nsweep: {model.activation: [relu, erf]}\n")
        for run in loaded.runs {
            #expect(run.config.name == "keep")
            #expect(run.config.training.method == .wn && run.config.training.batchSize == 3)
        }
        #expect(loaded.runs.map(\.config.model.activation) == [.relu, .erf])
    }

    @Test(arguments: [
        ("training.learning_rate: [0.50, 1, 2.0e-3]", ["0.5", "1.0", "0.002"]),
        ("model.N: [100, 2000]", ["100", "2000"]),
        ("training.batch_size: [2, 4]", ["2", "4"]),
        ("model.activation: [linear, erf]", ["linear", "erf"]),
        ("training.learn_beta: [true, false]", ["true", "false"]),
        ("theory.stepper: [rkf45]", ["rkf45"]),
        ("training.learning_rate: {linspace: [0.1, 0.5, 5]}", ["0.1", "0.2", "0.3", "0.4", "0.5"]),
        ("model.teacher_noise: {linspace: [1, 0, 3]}", ["1.0", "0.5", "0.0"]),
        ("training.learning_rate: {logspace: [0.01, 1, 3]}", ["0.01", "0.1", "1.0"]),
        ("training.learning_rate: {logspace: [0.5, 4, 4]}", ["0.5", "1.0", "2.0", "4.0"]),
        ("training.learning_rate: {linspace: [0.3, 7, 1]}", ["0.3"]),
        ("model.N: {logspace: [10, 10000, 4]}", ["10", "100", "1000", "10000"]),
        ("training.batch_size: {linspace: [1, 10, 4]}", ["1", "4", "7", "10"]),
        ("simulation.seed: {linspace: [0, 3, 4]}", ["0", "1", "2", "3"]),
    ])
    func canonicalValues(entry: String, values: [String]) throws {
        let loaded = try load("sweep:\n  \(entry)\n")
        #expect(loaded.runs.map { $0.sweptValues[0].value } == values)
    }

    @Test func intSweepSetsIntegers() throws {
        let loaded = try load("sweep: {training.batch_size: {logspace: [2, 32, 5]}}\n")
        #expect(loaded.runs.map(\.config.training.batchSize) == [2, 4, 8, 16, 32])
    }

    @Test func idsDependOnlyOnTheSweptValues() throws {
        let a = try load("sweep:\n  training.learning_rate: [0.5, 1]\n  model.N: [100]\n")
        let b = try load("name: other\nsweep:\n  model.N: [100]\n  training.learning_rate: [0.50, 1.0]\n")
        let c = try load("", ["sweep.training.learning_rate={linspace: [0.5, 1, 2]}", "sweep.model.N=[100]"])
        #expect(a.runs.map(\.id) == b.runs.map(\.id))
        #expect(a.runs.map(\.id) == c.runs.map(\.id))
        let d = try load("sweep:\n  training.learning_rate: [0.5, 2]\n  model.N: [100]\n")
        #expect(a.runs[0].id == d.runs[0].id)
        #expect(a.runs[1].id != d.runs[1].id)
        let e = try load("sweep:\n  training.learning_rate: [0.5, 1]\n  model.N: [200]\n")
        #expect(Set(a.runs.map(\.id)).isDisjoint(with: e.runs.map(\.id)))
    }

    /// FNV-1a 64 written out as in its specification, to check the id against.
    private func referenceFNV1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in Array(text.utf8) {
            hash = hash ^ UInt64(byte)
            hash = hash.multipliedReportingOverflow(by: 1_099_511_628_211).partialValue
        }
        return hash
    }

    @Test func idFormatIsPinned() throws {
        // FNV-1a 64 of "" is cbf29ce484222325 and of "a" is af63dc4c8601ec8c (published test vectors).
        #expect(referenceFNV1a("") == 0xcbf2_9ce4_8422_2325 && referenceFNV1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(RunSpec.id(for: []) == "run-cbf29ce48422")
        #expect(try load("").runs[0].id == "run-cbf29ce48422")
        let swept = [SweptValue(keyPath: "model.N", value: "100"), SweptValue(keyPath: "training.method", value: "bn")]
        let hex = String(referenceFNV1a("model.N=100;training.method=bn"), radix: 16)
        #expect(RunSpec.id(for: swept) == "run-" + String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12)))
        #expect(RunSpec.id(for: swept) == "run-9e6328d3fafc")
        #expect(try load("sweep: {model.N: [100], training.method: [bn]}\ntraining: {batch_size: 4}\n").runs[0].id
            == RunSpec.id(for: swept))
    }

    @Test func sweptValueProblemNamesTheSweepEntry() {
        #expect(loadError("sweep:\n  training.learning_rate: [0.1, -0.5]\n") == .invalidValue(
            file: "config.yaml", keyPath: "sweep.training.learning_rate", value: "-0.5", location: .line(2, column: 33),
            requirement: "must be > 0 and finite"
        ))
        guard case .invalidValue(_, "sweep.training.init.r", "2.0", .line(2, 20), _)
            = loadError("sweep:\n  training.init.r: {linspace: [0, 2, 3]}\n") else {
            Issue.record("expected the linspace entry to be named")
            return
        }
    }

    @Test func everyPointIsValidated() {
        let error = loadError("sweep:\n  training.method: [sgd, bn]\n")
        #expect(error == .invalidValue(
            file: "config.yaml", keyPath: "training.batch_size", value: "1", location: .defaultValue,
            requirement: "must be ≥ 2 when training.method is bn, since batch statistics need two samples"
                + " (in the sweep run training.method=bn)"
        ))
    }

    @Test func wrongTypeInASweepList() {
        #expect(loadError("sweep:\n  training.learning_rate: [0.1, fast]\n") == .wrongType(
            file: "config.yaml", keyPath: "sweep.training.learning_rate[1]", location: .line(2, column: 33),
            expected: "a number", found: "\"fast\""
        ))
        #expect(loadError("sweep:\n  model.activation: [relu, tanh]\n")?.keyPath == "sweep.model.activation[1]")
        #expect(loadError("sweep:\n  model.N: [10, 20.5]\n")?.keyPath == "sweep.model.N[1]")
    }

    @Test(arguments: [
        ("training.batch_sise: [1, 2]", "did you mean training.batch_size?"),
        ("name: [a, b]", "cannot be swept"),
        ("version: [1]", "cannot be swept"),
        ("output.alphas: [[1, 2]]", "cannot be swept"),
        ("sweep.model.N: [1]", "not a key path"),
        ("training: [1]", "not a key path"),
        ("training.learning_rate: []", "the list of values is empty"),
        ("training.learning_rate: 0.5", "expected a list of values"),
        ("training.learning_rate: {linspace: [1, 2]}", "linspace expects [a, b, n]"),
        ("training.learning_rate: {linspace: [1, 2, 2.5]}", "linspace expects [a, b, n]"),
        ("training.learning_rate: {linspace: [1, 2, 0]}", "count n from 1 to 10000"),
        ("training.learning_rate: {linspace: [1, .inf, 3]}", "finite endpoints"),
        ("training.learning_rate: {logspace: [0, 1, 3]}", "positive endpoints"),
        ("training.learning_rate: {steps: [1, 2, 3]}", "got a mapping with keys steps"),
        ("training.learning_rate: {linspace: [1, 2, 3], logspace: [1, 2, 3]}", "got a mapping with keys"),
        ("model.activation: {linspace: [1, 2, 3]}", "list the values instead"),
        ("training.batch_size: {linspace: [1, 10, 5]}", "gives 3.25, but training.batch_size takes whole numbers only"),
        ("model.N: {logspace: [1, 10, 3]}", "takes whole numbers only"),
        ("training.learning_rate: [0.5, 0.50]", "the value 0.5 appears twice"),
        ("model.N: {linspace: [4, 4, 2]}", "the value 4 appears twice"),
    ])
    func badSweepEntries(entry: String, reason: String) {
        let error = loadError("name: x\nsweep:\n  \(entry)\n")
        guard case .badSweep(let file, let keyPath, let location, let message) = error else {
            Issue.record("expected badSweep for \(entry), got \(String(describing: error))")
            return
        }
        #expect(file == "config.yaml")
        #expect(keyPath == "sweep." + entry.prefix { $0 != ":" })
        #expect(location == .line(3, column: 3 + entry.prefix { $0 != ":" }.count + 2))
        #expect(message.contains(reason), "\(message)")
    }

    @Test func sweepMustBeAMapping() {
        guard case .wrongType(_, "sweep", .line(1, 8), _, "a list") = loadError("sweep: [1, 2]\n") else {
            Issue.record("expected sweep to need a mapping")
            return
        }
    }

    @Test func tooManyRuns() {
        let error = loadError("""
            sweep:
              model.N: {linspace: [1, 100, 100]}
              simulation.seed: {linspace: [1, 100, 100]}
              training.batch_size: {linspace: [1, 100, 100]}
            """)
        guard case .badSweep(_, "sweep", .line(2, 3), let reason) = error else {
            Issue.record("expected too many runs, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("1000000 runs"))
    }

    @Test func sweepsBuiltInCode() throws {
        var config = ExperimentConfig.defaults
        config.sweep = Sweep(axes: [
            try SweepAxis(keyPath: "training.learning_rate", spec: .list([.number(0.1), .integer(1)])),
            try SweepAxis(keyPath: "model.N", spec: .logspace(from: 10, to: 1000, count: 3)),
        ])
        let loaded = try ConfigLoader.resolve(config)
        #expect(loaded.runs.map(swept).first == ["model.N=10", "training.learning_rate=0.1"])
        #expect(loaded.runs.count == 6)
        #expect(throws: ConfigError.self) { try SweepAxis(keyPath: "training.lr", spec: .list([.number(1)])) }
        #expect(throws: ConfigError.self) { try SweepAxis(keyPath: "model.N", spec: .list([.number(1.5)])) }
        #expect(throws: ConfigError.self) { try SweepAxis(keyPath: "model.activation", spec: .list([.text("tanh")])) }
    }
}

extension SweepTests {
    /// As in the rest of the file, an integer key takes integer literals only (`1.0e3` is a number).
    @Test func integerKeysTakeIntegerLiteralsInLists() {
        #expect(loadError("sweep:\n  model.N: [1.0e3]\n") == .wrongType(
            file: "config.yaml", keyPath: "sweep.model.N[0]", location: .line(2, column: 13),
            expected: "an integer", found: "\"1.0e3\""
        ))
    }
}
