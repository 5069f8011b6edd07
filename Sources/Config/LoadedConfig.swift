/// A config file read, checked and expanded into runs: what the rest of bnsim works from.
public struct LoadedConfig: Sendable {
    /// The path as the user gave it, which every error message names.
    public let path: String
    /// The config after `--set` overrides, with its sweep not applied.
    public let base: ExperimentConfig
    /// One run per sweep point (exactly one without a sweep), each validated.
    public let runs: [RunSpec]

    /// The config that will actually run, as YAML (`dump-config`); loading it again gives the
    /// same `base` and `runs`.
    public func effectiveYAML() -> String {
        ConfigYAML.effectiveText(of: base)
    }
}
