/// The config's choices for training on data sets and finite training sets (docs/model.md §12).

/// `data.source`: fresh Gaussian inputs (docs/model.md §1) or the rows of a data file.
public enum DataSource: String, CaseIterable, Sendable, Codable { case gaussian, file }

/// `data.task`: the configured teacher labels the inputs, or two classes of the file's labels become ±1.
public enum DataTask: String, CaseIterable, Sendable, Codable { case teacher, binary }

/// `data.format`: `auto` reads the format from the file name.
public enum DataFormatChoice: String, CaseIterable, Sendable, Codable { case auto, idx, csv, npy }

/// `training.protocol`: fresh samples at every step (online), or epochs over P = α_P·N samples drawn once.
public enum TrainingProtocol: String, CaseIterable, Sendable, Codable { case online, offline }

/// Where a run's training samples come from, as far as theory and the reduced chain care.
public enum SampleOrigin: Sendable, Hashable {
    /// Fresh samples of docs/model.md §1 and §8 at every step.
    case fresh
    /// Rows of a data file (online or offline).
    case dataFile
    /// A finite Gaussian training set reused over epochs.
    case finiteGaussianSet
}
