import ArgumentParser
import Foundation

@main
struct BNSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bnsim",
        abstract: "Statistical mechanics of learning with batch normalization: ODE theory and Monte Carlo simulation of a ReLU teacher–student unit.",
        discussion: "Start with `bnsim run configs/default.yaml`. Config keys: configs/README.md. Output columns: results/README.md.",
        version: "0.1.0",
        subcommands: [Run.self, Zeta.self, DumpConfig.self],
        defaultSubcommand: nil
    )
}

/// Options every command that reads a config file shares.
struct ConfigOptions: ParsableArguments {
    @Argument(help: "The YAML config file.")
    var config: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a config key before validation, e.g. --set training.learning_rate=0.8 (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []
}

/// Prints a one-line error to stderr and exits non-zero; nothing else is written.
func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("bnsim: error: \(message)\n".utf8))
    exit(code)
}
