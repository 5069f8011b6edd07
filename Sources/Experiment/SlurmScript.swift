/// `bnsim slurm`: an sbatch script that runs a sweep as a SLURM job array, one shard per task,
/// each into its own directory `OUTPUT/shard-<i>-of-<n>`, and names the `bnsim merge` to run after.
///
/// The shard count and thread count are written into the script rather than read from
/// `SLURM_ARRAY_TASK_COUNT` and `SLURM_CPUS_PER_TASK`, so that resubmitting one failed task
/// (`sbatch --array=3 job.sh`, where SLURM's count would be 1) still runs shard 3 of n — and, as
/// every run resumes, only its missing points.
public struct SlurmScript: Sendable {
    public var binary: String
    public var configPath: String
    public var overrides: [String]
    public var name: String
    public var output: String
    public var tasks: Int
    public var cpusPerTask: Int
    public var time: String?
    public var partition: String?
    public var points: Int

    public init(binary: String, configPath: String, overrides: [String], name: String, output: String, tasks: Int,
                cpusPerTask: Int, time: String?, partition: String?, points: Int) {
        self.binary = binary; self.configPath = configPath; self.overrides = overrides; self.name = name
        self.output = output; self.tasks = tasks; self.cpusPerTask = cpusPerTask; self.time = time
        self.partition = partition; self.points = points
    }

    public var text: String {
        let q = Self.shellQuoted
        let bnsim = q(binary)
        let settings = overrides.map { " --set \(q($0))" }.joined()
        var out = "#!/bin/bash\n"
        out += "#SBATCH --job-name=\(Self.jobName(name))\n"
        out += "#SBATCH --array=0-\(tasks - 1)\n"
        out += "#SBATCH --ntasks=1\n"
        out += "#SBATCH --cpus-per-task=\(cpusPerTask)\n"
        if let time { out += "#SBATCH --time=\(time)\n" }
        if let partition { out += "#SBATCH --partition=\(partition)\n" }
        out += "#\n"
        out += "# bnsim sweep \(name): \(points) points in \(tasks) shards (task i runs the points at positions ≡ i mod \(tasks)).\n"
        out += "# Submit with `sbatch THIS_FILE`. A task that is killed resumes where it stopped when resubmitted\n"
        out += "# alone: `sbatch --array=I THIS_FILE`. When every task has finished, combine the shards with\n"
        out += "#   \(bnsim) merge \(q(output))/shard-{0..\(tasks - 1)}-of-\(tasks) --output \(q(output))\n"
        out += "# which writes the same files as `bnsim run` of the whole sweep on one machine.\n"
        out += "set -euo pipefail\n"
        out += "exec \(bnsim) run \(q(configPath))\(settings) --shard \"${SLURM_ARRAY_TASK_ID}/\(tasks)\" \\\n"
        out += "    --threads \(cpusPerTask) --output \(q(output))/shard-\"${SLURM_ARRAY_TASK_ID}\"-of-\(tasks) --quiet\n"
        return out
    }

    /// A word safe in a shell script: itself when it has only safe characters, else single-quoted.
    static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+./:=,@%")
        if !word.isEmpty && word.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `bnsim-<name>` with characters SLURM job names handle badly replaced.
    static func jobName(_ name: String) -> String {
        "bnsim-" + String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }
}
