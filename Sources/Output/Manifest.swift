import Config
import Model

/// The version written into every manifest.
public let bnsimVersion = "0.1.0"

/// `manifest.yaml`: what is needed to reproduce a results directory — the bnsim version and
/// build (`BuildInfo`), the config file and the effective config after overrides, every run with its swept values and
/// replica seeds, and how each engine's run ended. No timestamps, thread counts or shard numbers,
/// so the file is byte-identical for identical inputs however the work was split.
///
/// The file is the header, one entry per run (`runEntry`, also stored with each point, see
/// `PointStore`) and the effective config, in that order.
public enum Manifest {
    public static func text(configPath: String, overrides: [String], effectiveYAML: String, results: [RunResult], build: BuildInfo) -> String {
        text(configPath: configPath, overrides: overrides, effectiveYAML: effectiveYAML, runEntries: results.map(runEntry), build: build)
    }

    /// The manifest from its parts; `runEntries` in run order.
    public static func text(configPath: String, overrides: [String], effectiveYAML: String, runEntries: [String], build: BuildInfo) -> String {
        var out = "# bnsim results manifest\n"
        out += "bnsim_version: \(bnsimVersion)\n"
        out += build.yaml
        out += "config_file: \(quoted(configPath))\n"
        out += "overrides: [\(overrides.map(quoted).joined(separator: ", "))]\n"
        out += "runs:\n"
        out += runEntries.joined()
        out += "effective_config: |\n"
        out += indentedBlock(effectiveYAML)
        return out
    }

    /// One run's item of the `runs:` list, lines indented by two spaces, ending in a newline.
    public static func runEntry(_ r: RunResult) -> String {
        var out = "  - id: \(r.spec.id)\n"
        out += "    swept: {\(r.spec.sweptValues.map { "\($0.keyPath): \(quoted($0.value))" }.joined(separator: ", "))}\n"
        out += "    alpha_points: \(r.grid.count)\n"
        for t in r.theory {
            out += "    theory_\(t.variant.rawValue): \(outcome(t.outcome))\n"
        }
        if let sim = r.simulation {
            out += "    simulation: \(outcome(sim.aggregate.outcome))\n"
            // Written only for the reduced chain, so manifests of the full engine read as before.
            if r.spec.config.simulation.engine != .full { out += "    simulation_engine: \(r.spec.config.simulation.engine.rawValue)\n" }
            out += "    replica_seeds: [\(sim.replicas.map { String($0.seed) }.joined(separator: ", "))]\n"
        }
        return out
    }

    /// A study's run item (lr-max): its id, swept values and `key: value` lines (values quoted).
    public static func studyEntry(id: String, swept: [SweptValue], lines: [(key: String, value: String)]) -> String {
        var out = "  - id: \(id)\n"
        out += "    swept: {\(swept.map { "\($0.keyPath): \(quoted($0.value))" }.joined(separator: ", "))}\n"
        for (key, value) in lines { out += "    \(key): \(quoted(value))\n" }
        return out
    }

    /// A YAML literal block's body: every non-empty line indented by two spaces.
    static func indentedBlock(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            out += "  \(line)\n"
        }
        return out
    }

    static func outcome(_ o: Outcome) -> String {
        switch o {
        case .completed: "completed"
        case .diverged(let alpha): "diverged at alpha \(alpha)"
        case .notComputed(let reason): quoted("not computed: \(reason)")
        }
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
