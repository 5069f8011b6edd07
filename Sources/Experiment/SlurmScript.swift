import Simulation

/// `bnsim slurm`: an sbatch script that runs a sweep as a SLURM job array, one shard per task,
/// each into its own directory `OUTPUT/shard-<i>-of-<n>`, and names the `bnsim merge` to run after.
///
/// The shard count and thread count are written into the script rather than read from
/// `SLURM_ARRAY_TASK_COUNT` and `SLURM_CPUS_PER_TASK`, so that resubmitting one failed task
/// (`sbatch --array=3 job.sh`, where SLURM's count would be 1) still runs shard 3 of n — and, as
/// every run resumes, only its missing points.
///
/// The script runs this very binary on the compute nodes, so its comments say what a node needs
/// (the Swift runtime, GSL, a CPU that runs the kernels' build flags) and how to get a portable
/// build, and give the commands that submit the merge as a job that starts when every task succeeded.
public struct SlurmScript: Sendable {
    public var binary: String
    /// The directory `bnsim slurm` ran in (absolute): every task starts there, so the config path
    /// can stay as the user gave it and the merged manifest's `config_file` is the one a local
    /// `bnsim run` from that directory records.
    public var workingDirectory: String
    public var configPath: String
    public var overrides: [String]
    public var name: String
    public var output: String
    public var tasks: Int
    public var cpusPerTask: Int
    public var time: String?
    public var partition: String?
    public var points: Int

    public init(binary: String, workingDirectory: String, configPath: String, overrides: [String], name: String, output: String, tasks: Int,
                cpusPerTask: Int, time: String?, partition: String?, points: Int) {
        self.binary = binary; self.workingDirectory = workingDirectory; self.configPath = configPath; self.overrides = overrides; self.name = name
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
        out += "# which writes the same files as `bnsim run` of the whole sweep on one machine. To have SLURM run the\n"
        out += "# merge as soon as every task has succeeded, submit from bash with\n"
        out += "#   jid=$(sbatch --parsable THIS_FILE)\n"
        out += "#   sbatch --dependency=afterok:$jid --job-name=\(Self.jobName(name))-merge --wrap \"$(printf '%q ' \(bnsim) merge \(q(output))/shard-{0..\(tasks - 1)}-of-\(tasks) --output \(q(output)))\"\n"
        out += "#\n"
        out += "# Every compute node runs the binary above in place, so each needs: its Swift runtime libraries\n"
        out += "# (`ldd \(bnsim)` lists them; nodes without Swift need the toolchain's usr/lib/swift/linux on\n"
        out += "# LD_LIBRARY_PATH), GSL's shared library (Debian: libgsl27), and a CPU that runs this build: \(Self.cpuNote)\n"
        out += "set -euo pipefail\n"
        out += "cd \(q(workingDirectory))\n"
        out += "exec \(bnsim) run \(q(configPath))\(settings) --shard \"${SLURM_ARRAY_TASK_ID}/\(tasks)\" \\\n"
        out += "    --threads \(cpusPerTask) --output \(q(output))/shard-\"${SLURM_ARRAY_TASK_ID}\"-of-\(tasks) --quiet\n"
        return out
    }

    /// What the kernels' build flags ask of the CPU, and how to build for any node.
    static var cpuNote: String {
        KernelBuild.portable
            ? "this is a portable build (\(KernelBuild.flags.isEmpty ? "debug" : KernelBuild.flags)): any x86-64 with AVX2 and FMA, or any arm64."
            : "its kernels were compiled for the build machine's CPU\n# (\(KernelBuild.flags)). If the nodes' CPUs differ, rebuild portably first —\n"
                + "# `BNSIM_PORTABLE=1 ./dev setup` (any x86-64 with AVX2 and FMA; the same numbers, about 0.65× the speed)."
    }

    /// Whether `value` is a time limit SLURM accepts: minutes, minutes:seconds,
    /// hours:minutes:seconds, days-hours, days-hours:minutes or days-hours:minutes:seconds.
    public static func isTimeLimit(_ value: String) -> Bool {
        let number = "[0-9]+"
        let forms = ["\(number)", "\(number):\(number)", "\(number):\(number):\(number)",
                     "\(number)-\(number)", "\(number)-\(number):\(number)", "\(number)-\(number):\(number):\(number)"]
        return forms.contains { value.wholeMatch(of: try! Regex($0)) != nil }
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
