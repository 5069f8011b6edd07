public import Model

extension ExperimentConfig {
    /// Where the simulation's inputs come from (docs/model.md §12): fresh Gaussians (the default,
    /// docs/model.md §1), or the rows of a data file, standardized, labelled by the teacher or as two classes.
    public struct DataSection: Codable, Equatable, Sendable {
        public var source: DataSource
        /// The inputs' file (IDX, CSV or NPY, possibly gzip'd); relative paths from the working directory.
        public var path: String
        public var format: DataFormatChoice
        /// A file of one label per sample (IDX, CSV or NPY by its own name); "" for none.
        public var labelsPath: String
        /// A CSV file's label column, counted from 1; 0: no label column.
        public var labelColumn: Int
        public var task: DataTask
        /// The two classes of `binary`: the first is labelled +1, the second −1.
        public var classes: [Int]
        public var standardize: Bool
        /// The held-out share of the samples, split off by a shuffle seeded by simulation.seed.
        public var testFraction: Double
        /// Use at most this many samples (after the classes are picked); 0: all.
        public var maxSamples: Int

        public init(source: DataSource, path: String, format: DataFormatChoice, labelsPath: String, labelColumn: Int,
                    task: DataTask, classes: [Int], standardize: Bool, testFraction: Double, maxSamples: Int) {
            self.source = source; self.path = path; self.format = format; self.labelsPath = labelsPath
            self.labelColumn = labelColumn; self.task = task; self.classes = classes; self.standardize = standardize
            self.testFraction = testFraction; self.maxSamples = maxSamples
        }

        public static let standard = DataSection(
            source: .gaussian, path: "", format: .auto, labelsPath: "", labelColumn: 0, task: .teacher, classes: [0, 1],
            standardize: true, testFraction: 0.2, maxSamples: 0)

        enum CodingKeys: String, CodingKey, CaseIterable {
            case source, path, format
            case labelsPath = "labels_path"
            case labelColumn = "label_column"
            case task, classes, standardize
            case testFraction = "test_fraction"
            case maxSamples = "max_samples"
        }
    }

    /// Whether the simulation trains on a finite set (a data file, or training.protocol offline).
    public var usesFiniteSamples: Bool { data.source == .file || training.trainingProtocol == .offline }
}

extension ConfigSchema {
    /// The leaves of the `data:` section. Source and task decide a run's output columns, so they
    /// cannot be swept; paths are fixed per config.
    static let dataLeaves: [ConfigLeaf] = [
        fixedChoice("data.source", \.data.source),
        text("data.path", \.data.path, sweepable: false),
        choice("data.format", \.data.format),
        text("data.labels_path", \.data.labelsPath, sweepable: false),
        integer("data.label_column", \.data.labelColumn, 0...1_000_000),
        fixedChoice("data.task", \.data.task),
        list("data.classes", \.data.classes),
        boolean("data.standardize", \.data.standardize),
        number("data.test_fraction", \.data.testFraction),
        integer("data.max_samples", \.data.maxSamples, 0...Int.max),
    ]
}

extension ConfigValidation {
    /// The rules of real data and finite training sets (docs/model.md §12); the files themselves are
    /// read and checked before any work by `bnsim run` (`DataSetLoader`).
    static func dataProblems(in c: ExperimentConfig) -> [ValueProblem] {
        var found: [ValueProblem] = []
        func require(_ ok: Bool, _ keyPath: String, _ requirement: String) {
            guard !ok, let leaf = ConfigSchema.leaf(keyPath) else { return }
            found.append(ValueProblem(path: .keys(keyPath), value: leaf.text(c), requirement: requirement))
        }
        let d = c.data, t = c.training
        let file = d.source == .file, offline = t.trainingProtocol == .offline
        require(t.samplesPerDimension >= 0 && t.samplesPerDimension.isFinite, "training.samples_per_dimension", "must be ≥ 0 and finite")
        require(d.labelColumn >= 0, "data.label_column", "must be ≥ 0 (0: no label column)")
        require(d.maxSamples >= 0, "data.max_samples", "must be ≥ 0 (0: all samples)")
        if file {
            require(!d.path.isEmpty, "data.path", "must name the data file when data.source is file")
            require(d.testFraction > 0 && d.testFraction < 1, "data.test_fraction", "must lie in (0, 1): the held-out share of the samples")
            require(d.labelColumn == 0 || d.labelsPath.isEmpty, "data.label_column", "must be 0 when data.labels_path names a labels file")
            require(c.model.inputNoise == 0, "model.input_noise", "must be 0 when data.source is file (the data are the inputs)")
            require(c.model.inputKurtosis == 0, "model.input_kurtosis", "must be 0 when data.source is file (the data are the inputs)")
        }
        if d.task == .binary {
            require(file, "data.task", "can be binary only when data.source is file (it needs the file's labels)")
            require(d.classes.count == 2 && d.classes[0] != d.classes[1], "data.classes", "must list two different classes, like [0, 1]")
            require(!d.labelsPath.isEmpty || d.labelColumn > 0, "data.task",
                    "can be binary only with labels: set data.labels_path or data.label_column")
            require(c.model.activation != .relu, "model.activation",
                    "must be linear or erf when data.task is binary (the targets are ±1, and relu is never negative)")
        }
        if file || offline {
            let reason = file ? "data.source is file" : "training.protocol is offline"
            require(!c.theory.enabled, "theory.enabled",
                    "must be false when \(reason): the N → ∞ theory describes fresh Gaussian samples (docs/model.md §12)")
        }
        if offline && !file {
            let P = (t.samplesPerDimension * Double(c.model.inputDimension)).rounded()
            require(P >= 1, "training.samples_per_dimension",
                    "must give P = round(α_P·N) ≥ 1 samples when training.protocol is offline with Gaussian inputs")
            if P >= 1 && P <= 1e9 {
                require(Int(P) >= t.batchSize, "training.batch_size", "must be ≤ P = \(Int(P)) (training.samples_per_dimension · model.N)")
                require(Int(P) * c.model.inputDimension <= 100_000_000, "training.samples_per_dimension",
                        "must give P·N ≤ 10⁸ stored input values per replica (here P = \(Int(P)))")
            }
        }
        return found
    }
}
