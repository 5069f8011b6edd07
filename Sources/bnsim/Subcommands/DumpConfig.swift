import ArgumentParser
import Config
import Experiment
import Foundation

extension BNSimCommand {
    struct DumpConfig: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dump-config",
            abstract: "Print every config key with its default, or the effective config of a file after overrides."
        )

        @Argument(help: "A config file: print its effective config (the same as --effective FILE).")
        var config: String?

        @Option(help: "Print the effective config of this file (defaults merged, overrides applied, validated).")
        var effective: String?

        @Option(name: .customLong("set"), help: ArgumentHelp("Override a key (with --effective), e.g. --set model.N=500.", valueName: "key.path=value"))
        var overrides: [String] = []

        func validate() throws {
            if config != nil && effective != nil && config != effective {
                throw ValidationError("give the config once: either as an argument or as --effective FILE.")
            }
            if config == nil && effective == nil && !overrides.isEmpty { throw ValidationError("--set needs a config file.") }
        }

        func run() throws {
            guard let path = config ?? effective else {
                print(ConfigLoader.defaultsYAML(), terminator: "")
                return
            }
            do {
                let loaded = try ConfigLoader.load(path: path, overrides: overrides)
                // A config may be meant for zeta or jitter, which need no theory: say what run
                // would refuse, as a warning (data files are not read here).
                do { try RunCommand.checkTheoryAvailable(loaded) } catch {
                    FileHandle.standardError.write(Data("bnsim: warning: bnsim run would refuse this config: \(error)\n".utf8))
                }
                print(loaded.effectiveYAML(), terminator: "")
            } catch { fail(error.description) }
        }
    }
}
