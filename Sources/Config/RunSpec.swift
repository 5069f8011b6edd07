/// One value a run of a sweep sets, as it appears in CSV files.
public struct SweptValue: Sendable, Equatable {
    /// A schema key path such as `training.learning_rate`.
    public let keyPath: String
    /// The canonical text (`SweepScalar.text`): `0.5` for 0.50, `1000` for an integer leaf.
    public let value: String

    public init(keyPath: String, value: String) {
        self.keyPath = keyPath; self.value = value
    }
}

/// One fully resolved run: the base config with one value of every sweep axis applied.
public struct RunSpec: Sendable, Equatable {
    /// `run-` and 12 hex digits; depends only on the swept (key path, value) pairs, so the same
    /// sweep point gets the same id (and results directory, and seeds) in every invocation.
    public let id: String
    /// In sweep-axis order (key paths sorted); empty without a sweep.
    public let sweptValues: [SweptValue]
    /// The config of this run, with an empty `sweep`.
    public let config: ExperimentConfig

    /// `run-` + the first 12 hex digits of FNV-1a 64 over `k=v;k=v` (over "" without a sweep).
    public static func id(for sweptValues: [SweptValue]) -> String {
        let canonical = sweptValues.map { "\($0.keyPath)=\($0.value)" }.joined(separator: ";")
        let hex = String(fnv1a64(canonical), radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return "run-" + padded.prefix(12)
    }
}

/// FNV-1a, 64 bits: tiny, stable across platforms and Swift versions (unlike `Hasher`).
func fnv1a64(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
    }
    return hash
}

extension Sweep {
    /// Every run as one value index per axis, followed by the case index when there are cases;
    /// the cases vary slowest, then the axes, the first slowest.
    func points() -> [[Int]] {
        let product = axes.reduce([[]]) { partial, axis in
            partial.flatMap { prefix in axis.values.indices.map { prefix + [$0] } }
        }
        guard !cases.isEmpty else { return product }
        return cases.indices.flatMap { c in product.map { $0 + [c] } }
    }

    /// The run at `point` of `base`'s sweep. A case's run records every key any case sets, the
    /// keys this case leaves alone with `base`'s values, so that all runs have the same columns.
    func run(at point: [Int], of base: ExperimentConfig) -> RunSpec {
        var config = base
        config.sweep = Sweep()
        var swept: [SweptValue] = []
        if !cases.isEmpty {
            let settings = cases[point[axes.count]]
            for keyPath in caseKeyPaths {
                // Case keys are checked against the schema when decoded, so the leaf exists and is sweepable.
                let leaf = ConfigSchema.leaf(keyPath)!
                if let setting = settings.first(where: { $0.keyPath == keyPath }) {
                    leaf.assign!(&config, setting.value)
                    swept.append(SweptValue(keyPath: keyPath, value: setting.value.text))
                } else {
                    swept.append(SweptValue(keyPath: keyPath, value: leaf.text(base)))
                }
            }
        }
        for (axis, index) in zip(axes, point) {
            let value = axis.values[index]
            // Axes are checked against the schema when made, so the leaf exists and is sweepable.
            ConfigSchema.leaf(axis.keyPath)!.assign!(&config, value)
            swept.append(SweptValue(keyPath: axis.keyPath, value: value.text))
        }
        return RunSpec(id: RunSpec.id(for: swept), sweptValues: swept, config: config)
    }
}
