import ArgumentParser
import Config
import Foundation

@main
struct BNSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bnsim",
        abstract: "Statistical mechanics of learning with batch normalization: ODE theory and Monte Carlo simulation of a ReLU teacher–student unit.",
        discussion: "Start with `bnsim run configs/default.yaml`. Config keys: configs/README.md. Output columns: results/README.md.",
        version: "0.1.0",
        subcommands: [Run.self, LrMax.self, Zeta.self, Jitter.self, Convex.self, DumpConfig.self, Merge.self, Slurm.self, Compare.self, Plot.self, Bench.self],
        defaultSubcommand: nil
    )
}

/// Options every command that reads a config file shares.
struct ConfigOptions: ParsableArguments {
    @Argument(help: "The YAML config file.")
    var config: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a config key before validation, e.g. --set simulation.seed=2 (repeatable; configs/README.md lists the keys).", valueName: "key.path=value"))
    var overrides: [String] = []
}

/// Where results go and how the work runs: shared by every command that computes.
struct ExecutionOptions: ParsableArguments {
    @Option(help: "Directory for the results (default: results/<name>/).")
    var output: String?

    @Option(name: .customLong("threads"), help: ArgumentHelp("Worker threads (default: all cores). Results do not depend on it.", valueName: "n"))
    var requestedThreads: Int?

    /// The worker threads: as requested, else one per core.
    var threads: Int { requestedThreads ?? ProcessInfo.processInfo.activeProcessorCount }

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads).") }
        try validateOutputDirectory(output)
    }

    /// The results directory of a loaded config.
    func directory(for loaded: LoadedConfig) -> URL {
        URL(fileURLWithPath: output ?? "results/\(loaded.base.name)")
    }

    /// Loads the config or exits with its one-line error.
    /// `usesAlphaGrid`: the command trains to training.alpha_max (not zeta, convex), so a grid
    /// shorter than one step is worth a warning.
    static func load(_ options: ConfigOptions, usesAlphaGrid: Bool = true) -> LoadedConfig {
        let loaded: LoadedConfig
        do { loaded = try ConfigLoader.load(path: options.config, overrides: options.overrides) } catch { fail(error.description) }
        for warning in loaded.warnings + (usesAlphaGrid ? loaded.alphaGridWarnings : []) {
            FileHandle.standardError.write(Data("bnsim: warning: \(warning)\n".utf8))
        }
        return loaded
    }

    /// Loads the config for a command that studies the single-unit model only, refusing two-layer
    /// runs (docs/model.md §9) rather than silently running one unit.
    static func loadSingleUnit(_ options: ConfigOptions, command: String, usesAlphaGrid: Bool = true) -> LoadedConfig {
        let loaded = load(options, usesAlphaGrid: usesAlphaGrid)
        if let run = loaded.runs.first(where: { CommitteeShape($0.config).isCommittee }) {
            fail("\(loaded.path): bnsim \(command) studies the single-unit model, but run \(run.id) is a two-layer network "
                 + "(model.student_units, model.teacher_units, a second layer or training.init matrices; docs/model.md §9); use bnsim run")
        }
        return loaded
    }
}

/// An empty --output would resolve to the current directory and write results among the user's
/// files: every command that takes --output refuses it.
func validateOutputDirectory(_ output: String?) throws {
    if let output, output.allSatisfy(\.isWhitespace) {
        throw ValidationError("--output must name a directory, got an empty path.")
    }
}

/// An empty directory argument would resolve to the current directory and read (or rewrite) the
/// user's own files as results: refused, as an empty --output is.
func validateDirectoryArgument(_ directory: String, _ what: String) throws {
    if directory.allSatisfy(\.isWhitespace) {
        throw ValidationError("\(what) is an empty path, which would mean the current directory; name a directory.")
    }
}

/// Prints a one-line error to stderr and exits non-zero; nothing else is written.
func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("bnsim: error: \(message)\n".utf8))
    exit(code)
}
