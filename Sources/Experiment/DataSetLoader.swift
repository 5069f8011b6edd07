import Config
import Datasets
import Foundation
import Model

/// The finite training sets of a config (docs/model.md §12): a data file's training and held-out
/// splits (read, checked and standardized once, shared by every replica and run with the same
/// `data:` section and N), or the size of an offline Gaussian set. `check` reads every file
/// before any work, so a bad file is a one-line error and no output.
public final class DataSetLoader: @unchecked Sendable {
    private var cache: [String: SampleData] = [:]
    private let lock = NSLock()

    /// The samples of `config`, nil for fresh Gaussian samples (online, no data file).
    func data(for config: ExperimentConfig) throws(DataFileError) -> SampleData? {
        guard config.usesFiniteSamples else { return nil }
        let N = config.model.inputDimension, t = config.training
        guard config.data.source == .file else {
            return SampleData(trainingProtocol: .offline, train: nil, test: nil,
                              gaussianCount: Int((t.samplesPerDimension * Double(N)).rounded()))
        }
        let key = "\(config.data)|N=\(N)|seed=\(config.simulation.seed)|P=\(t.samplesPerDimension)|\(t.trainingProtocol)|M=\(t.batchSize)"
        lock.lock(); defer { lock.unlock() }
        if let cached = cache[key] { return cached }
        let loaded = try Self.load(config)
        cache[key] = loaded
        return loaded
    }

    /// Reads and prepares `config`'s data file (uncached; `check` and the tests use it directly).
    public static func load(_ config: ExperimentConfig) throws(DataFileError) -> SampleData {
        let d = config.data, N = config.model.inputDimension, t = config.training
        let format: DataFileFormat? = d.format == .auto ? nil : DataFileFormat(rawValue: d.format.rawValue)
        var inputs = try DataFileReader.read(path: d.path, format: format)
        var labels: [Double]? = nil
        if d.labelColumn > 0 {
            guard d.labelColumn <= inputs.columns else {
                throw DataFileError(file: d.path, problem: "has \(inputs.columns) columns, so data.label_column \(d.labelColumn) does not exist")
            }
            let split = inputs.splittingColumn(d.labelColumn - 1)
            inputs = split.rest; labels = split.column
        } else if !d.labelsPath.isEmpty {
            let labelMatrix = try DataFileReader.read(path: d.labelsPath)
            guard labelMatrix.columns == 1 else {
                throw DataFileError(file: d.labelsPath, problem: "has \(labelMatrix.columns) values per sample; a labels file has one")
            }
            guard labelMatrix.rows == inputs.rows else {
                throw DataFileError(file: d.labelsPath, problem: "has \(labelMatrix.rows) labels, but \(d.path) has \(inputs.rows) samples")
            }
            labels = labelMatrix.values
        }
        let recipe = DataSetRecipe(task: d.task, classes: d.classes, standardize: d.standardize, testFraction: d.testFraction,
                                   maxSamples: d.maxSamples, seed: SplitMix64.mix(UInt64(config.simulation.seed) ^ 0x7370_6C69_74))  // "split"
        var (train, test) = try DataSetBuilder.build(inputs: inputs, labels: labels, recipe: recipe, inputDimension: N, name: d.path)
        if t.samplesPerDimension > 0 {
            let P = Int((t.samplesPerDimension * Double(N)).rounded())
            guard P >= 1, P <= train.count else {
                throw DataFileError(file: d.path, problem: "training split has \(train.count) samples, fewer than P = \(P) of training.samples_per_dimension \(t.samplesPerDimension)")
            }
            train = SampleSet(count: P, dimension: N, inputs: Array(train.inputs.prefix(P * N)), labels: train.labels.map { Array($0.prefix(P)) })
        }
        guard t.batchSize <= train.count || t.trainingProtocol == .online else {
            throw DataFileError(file: d.path, problem: "training split has \(train.count) samples, fewer than training.batch_size \(t.batchSize)")
        }
        return SampleData(trainingProtocol: t.trainingProtocol, train: train, test: test)
    }
}
