import ArgumentParser
import Config
import Experiment
import Foundation

extension BNSimCommand {
    struct Slurm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an sbatch script that runs a config's sweep as a SLURM job array, one shard per task.",
            discussion: """
                Task i runs `bnsim run CONFIG --shard i/n --output OUTPUT/shard-i-of-n`; the script's comments give the \
                `bnsim merge` command that combines the shards afterwards, and how to submit it as a job that waits for \
                every task (--dependency=afterok). Tasks start in the directory `bnsim slurm` ran in; the binary and output paths are absolute. The compute nodes run this very \
                binary: they need its Swift runtime libraries, GSL, and a CPU like the build machine's unless bnsim was \
                built with BNSIM_PORTABLE=1 (the script's comments say which). Example: \
                bnsim slurm configs/default.yaml --tasks 4 --cpus-per-task 8 > job.sh && sbatch job.sh
                """
        )

        @OptionGroup var options: ConfigOptions

        @Option(help: "Array tasks, i.e. shards (default: one per point, at most 1000).")
        var tasks: Int?

        @Option(help: "CPUs per task; each task runs this many worker threads.")
        var cpusPerTask: Int = 1

        @Option(help: "Time limit per task (#SBATCH --time): minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS, e.g. 02:00:00.")
        var time: String?

        @Option(help: "SLURM partition (#SBATCH --partition).")
        var partition: String?

        @Option(help: "Directory for the merged results; shards go to OUTPUT/shard-<i>-of-<n> (default: results/<name>/).")
        var output: String?

        func validate() throws {
            if let tasks, tasks < 1 { throw ValidationError("--tasks must be at least 1, got \(tasks).") }
            guard cpusPerTask >= 1 else { throw ValidationError("--cpus-per-task must be at least 1, got \(cpusPerTask).") }
            if let time, !SlurmScript.isTimeLimit(time) {
                throw ValidationError("--time must be a SLURM time limit (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS), got '\(time)'.")
            }
            try validateOutputDirectory(output)
            for (flag, value) in [("--time", time), ("--partition", partition)] {
                if let value, value.isEmpty || value.contains(where: { $0.isWhitespace }) {
                    throw ValidationError("\(flag) must be one word, got '\(value)'.")
                }
            }
        }

        func run() throws {
            let loaded = ExecutionOptions.load(options)
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            func absolute(_ path: String) -> String { URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL.path }
            if let tasks, tasks > loaded.runs.count {
                FileHandle.standardError.write(Data(("bnsim: warning: --tasks \(tasks) exceeds the sweep's \(loaded.runs.count) points: "
                    + "\(tasks - loaded.runs.count) tasks would have nothing to do; --tasks \(loaded.runs.count) is enough\n").utf8))
            }
            let script = SlurmScript(
                binary: Self.executablePath(), workingDirectory: cwd.standardizedFileURL.path, configPath: options.config, overrides: options.overrides,
                name: loaded.base.name, output: absolute(output ?? "results/\(loaded.base.name)"),
                tasks: tasks ?? min(loaded.runs.count, 1000), cpusPerTask: cpusPerTask, time: time, partition: partition,
                points: loaded.runs.count)
            print(script.text, terminator: "")
        }

        /// The absolute path of this bnsim executable, symlinks resolved.
        static func executablePath() -> String {
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
            let argument = CommandLine.arguments[0]
            return URL(fileURLWithPath: argument).standardizedFileURL.resolvingSymlinksInPath().path
        }
    }
}
