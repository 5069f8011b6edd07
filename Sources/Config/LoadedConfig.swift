/// A config file read, checked and expanded into runs: what the rest of bnsim works from.
public struct LoadedConfig: Sendable {
    /// The path as the user gave it, which every error message names.
    public let path: String
    /// The config after `--set` overrides, with its sweep not applied.
    public let base: ExperimentConfig
    /// One run per sweep point (exactly one without a sweep), each validated.
    public let runs: [RunSpec]
    /// Things about the config worth a line on stderr that do not stop it (cases giving the same run).
    public let warnings: [String]

    public init(path: String, base: ExperimentConfig, runs: [RunSpec], warnings: [String] = []) {
        self.path = path; self.base = base; self.runs = runs; self.warnings = warnings
    }

    /// Runs whose training.alpha_max is less than half a step (α = M/N): the α grid snaps to
    /// whole steps and takes at least one, so they end at α = M/N. One line per distinct step;
    /// printed by the commands that train on the α grid (run, lr-max, jitter, slurm).
    public var alphaGridWarnings: [String] {
        var lines: [String] = []
        for run in runs {
            let t = run.config.training, alphaPerStep = Double(t.batchSize) / Double(run.config.model.inputDimension)
            guard t.alphaMax < alphaPerStep / 2 else { continue }
            let line = "\(path): training.alpha_max = \(t.alphaMax) is less than half of one step's α = M/N = \(alphaPerStep) "
                + "(M = \(t.batchSize), N = \(run.config.model.inputDimension)): the run takes one step and ends at α = \(alphaPerStep)"
            if !lines.contains(line) { lines.append(line) }
        }
        return lines
    }

    /// The config that will actually run, as YAML (`dump-config`); loading it again gives the
    /// same `base` and `runs`.
    public func effectiveYAML() -> String {
        ConfigYAML.effectiveText(of: base)
    }

    /// The config of run `index` alone (its sweep values applied, no sweep) as YAML: what that
    /// run's numbers depend on.
    public func runYAML(_ index: Int) -> String {
        ConfigYAML.text(of: runs[index].config)
    }
}
