/// The config addressed by YAML key path, as `sweep` and `--set` address it.
extension ExperimentConfig {
    /// Every leaf key path, in file order: `version`, `name`, `model.N`, …, `output.alphas`
    /// (not `sweep`, whose entries are key paths themselves).
    public static var keyPaths: [String] { ConfigSchema.leaves.map(\.keyPath) }

    /// The key paths a sweep may vary: scalar leaves other than `version` and `name`.
    public static var sweepableKeyPaths: [String] { ConfigSchema.sweepableKeyPaths }

    /// The canonical text of the value at `keyPath` (`Double.description` for numbers, as CSV
    /// columns and run ids show values), or nil if the config has no such leaf.
    public func text(atKeyPath keyPath: String) -> String? {
        ConfigSchema.leaf(keyPath)?.text(self)
    }
}
