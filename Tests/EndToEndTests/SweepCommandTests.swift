import Foundation
import Testing
import _TestSupport

/// End-to-end: sweeps stored point by point — thread counts, shards and `bnsim merge`, resume,
/// refusing a changed config, SLURM's environment and `bnsim slurm`.
struct SweepCommandTests {
    /// 8 points (2 methods × 2 learning rates × 2 initial overlaps), one of them diverging.
    static let sweepConfig = """
        version: 1
        name: sweep-e2e
        model: {N: 200, activation: relu, teacher_noise: 0.2}
        training: {method: sgd, learning_rate: 0.5, alpha_max: 4}
        simulation: {seeds: 3, seed: 11, test_samples: 200}
        output: {alpha_points: 6, alpha_min: 0.2}
        sweep:
          training.method: [sgd, wn]
          training.learning_rate: [0.5, 6.0]
          training.init.r: [0.0, 0.3]
        """
    static let combinedFiles = ["theory.csv", "simulation.csv", "comparison.csv", "manifest.yaml"]

    let dir: URL
    let config: String

    init() throws {
        dir = try BNSimBinary.temporaryDirectory()
        config = dir.appendingPathComponent("sweep.yaml").path
        try Self.sweepConfig.write(toFile: config, atomically: true, encoding: .utf8)
    }

    typealias Result = BNSimBinary.Result

    /// Runs bnsim in the test's directory with extra environment variables (and without any
    /// SLURM_* variables of the test's own environment).
    func bnsim(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        try BNSimBinary.run(arguments, in: dir, environment: extra)
    }

    /// `bnsim run` of the sweep config into `name`, expecting success.
    @discardableResult
    func run(_ name: String, _ extra: [String] = []) throws -> Result {
        let result = try bnsim(["run", config, "--output", path(name), "--quiet", "--no-plot"] + extra)
        #expect(result.status == 0, "bnsim run \(extra): \(result.stderr)")
        return result
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Every regular file below `name`, by relative path (the points folder included).
    func tree(_ name: String) throws -> [String: Data] {
        let root = dir.appendingPathComponent(name)
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(root.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    func pointIDs(_ name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(name) + "/points").filter { $0.hasPrefix("run-") }.sorted()
    }

    @Test func oneAndTwoWorkersWriteIdenticalFilesAndPoints() throws {
        try run("one", ["--threads", "1"])
        try run("two", ["--threads", "2"])
        let one = try tree("one"), two = try tree("two")
        for file in Self.combinedFiles { #expect(one[file] != nil, "no \(file)") }
        #expect(try pointIDs("one").count == 8)
        #expect(one == two)
    }

    @Test func shardsMergedEqualTheUnshardedRunByteForByte() throws {
        let whole = try run("whole", ["--threads", "2"])
        var shardPoints: [[String]] = []
        for i in 0..<3 {
            let shard = try run("shard\(i)", ["--shard", "\(i)/3", "--threads", "2"])
            #expect(shard.stdout.contains("shard \(i)/3: \(i < 2 ? 3 : 2) of 8 points"), "\(shard.stdout)")
            // A shard holds only its points: no combined files.
            for file in Self.combinedFiles { #expect(!FileManager.default.fileExists(atPath: path("shard\(i)/\(file)"))) }
            shardPoints.append(try pointIDs("shard\(i)"))
        }
        // The shards are disjoint and cover the sweep.
        #expect(Set(shardPoints.joined()).count == 8 && shardPoints.map(\.count).reduce(0, +) == 8)
        let merge = try bnsim(["merge", path("shard0"), path("shard1"), path("shard2"), "--output", path("merged"), "--no-plot"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("merged 8 points from 3 directories"))
        #expect(try tree("merged") == tree("whole"))
        // Merge prints the summary of the whole sweep, as the single run does.
        let summary = whole.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).joined(separator: "\n")
        // 3 lines per run, then the theory-vs-simulation verdicts: a heading and one line per run.
        #expect(summary.split(separator: "\n").count == 8 * 3 + 1 + 8 && merge.stdout.hasPrefix(summary + "\nmerged 8 points"))
        // Merging into one of the shards works too, and a shard given twice is harmless.
        let inPlace = try bnsim(["merge", path("shard0"), path("shard1"), path("shard2"), path("shard1"), "--output", path("shard0"), "--no-plot"])
        #expect(inPlace.status == 0, "\(inPlace.stderr)")
        #expect(try tree("shard0") == tree("whole"))
    }

    @Test func mergeRefusesMissingShardsAndOtherConfigs() throws {
        try run("shard0", ["--shard", "0/2"])
        try run("shard1", ["--shard", "1/2"])
        try run("other1", ["--shard", "1/2", "--set", "simulation.seeds=2"])
        let missing = try bnsim(["merge", path("shard0"), "--output", path("merged")])
        #expect(missing.status != 0)
        #expect(missing.stderr.hasPrefix("bnsim: error: 4 of 8 points are in none of the directories"), "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let mixed = try bnsim(["merge", path("shard0"), path("other1"), "--output", path("merged")])
        #expect(mixed.status != 0)
        #expect(mixed.stderr.contains("was made by a different config"), "\(mixed.stderr)")
        let notShard = try bnsim(["merge", dir.path, "--output", path("merged")])
        #expect(notShard.status != 0 && notShard.stderr.contains("not a directory written by bnsim run"))
        #expect(!FileManager.default.fileExists(atPath: path("merged/theory.csv")))
    }

    @Test func aKilledSweepResumesComputingOnlyTheMissingPoints() throws {
        try run("reference")
        try run("resumed")
        // A kill leaves finished points and no combined files (or stale ones); points are folders
        // renamed into place, so a kill never leaves half a point.
        let ids = try pointIDs("resumed")
        for id in ids.prefix(3) { try FileManager.default.removeItem(atPath: path("resumed/points/\(id)")) }
        for file in Self.combinedFiles { try FileManager.default.removeItem(atPath: path("resumed/\(file)")) }
        let again = try run("resumed", ["--threads", "2"])
        #expect(again.stdout.contains("resumed: 5 of 8 points reused"), "\(again.stdout)")
        #expect(again.stdout.contains("3 computed"))
        #expect(try tree("resumed") == tree("reference"))
        // Nothing missing: everything is reused and the files are rewritten unchanged.
        let complete = try run("resumed")
        #expect(complete.stdout.contains("resumed: 8 of 8 points reused"))
        #expect(try tree("resumed") == tree("reference"))
    }

    @Test func aShardResumesToo() throws {
        try run("reference", ["--shard", "1/3"])
        try run("shard", ["--shard", "1/3"])
        try FileManager.default.removeItem(atPath: path("shard/points/\(try pointIDs("shard")[0])"))
        let again = try run("shard", ["--shard", "1/3"])
        #expect(again.stdout.contains("shard 1/3: 3 of 8 points (1 computed, 2 reused)"), "\(again.stdout)")
        #expect(try tree("shard") == tree("reference"))
    }

    @Test func aChangedConfigIsRefusedUnlessForced() throws {
        try run("out")
        let before = try tree("out")
        let changed = try bnsim(["run", config, "--output", path("out"), "--quiet", "--set", "model.N=100"])
        #expect(changed.status == 1)
        #expect(changed.stdout.isEmpty)
        #expect(changed.stderr.split(separator: "\n").count == 1)
        #expect(changed.stderr.hasPrefix("bnsim: error: \(path("out")) holds points of a different config"), "\(changed.stderr)")
        #expect(changed.stderr.contains("model.N 200 → 100") && changed.stderr.contains("--force"))
        #expect(try tree("out") == before, "a refused run must not touch the directory")
        // A changed sweep is a changed config as well.
        let sweep = try bnsim(["run", config, "--output", path("out"), "--quiet", "--set", "sweep.training.method=[wn]"])
        #expect(sweep.status == 1 && sweep.stderr.contains("sweep.training.method [sgd, wn] → [wn]"), "\(sweep.stderr)")
        // --force discards the old points: the result equals a fresh run of the new config.
        try run("out", ["--set", "model.N=100", "--force"])
        try run("fresh", ["--set", "model.N=100"])
        #expect(try tree("out") == tree("fresh"))
    }

    /// Extending a finished sweep by values of an existing axis reuses every stored point (run ids
    /// and seeds depend only on a point's own values) and computes only the new ones; the
    /// directory is then byte for byte a fresh run of the extended config.
    @Test func anExtendedSweepReusesItsPointsAndEqualsAFreshRun() throws {
        try run("out")
        let extended = try run("out", ["--set", "sweep.training.learning_rate=[0.5, 6.0, 2.0]"])
        #expect(extended.stderr.contains("its 8 stored points are unchanged in it and are reused"), "\(extended.stderr)")
        #expect(extended.stdout.contains("resumed: 8 of 12 points reused"), "\(extended.stdout)")
        try run("fresh", ["--set", "sweep.training.learning_rate=[0.5, 6.0, 2.0]"])
        #expect(try tree("out") == tree("fresh"))
        // Narrowing it again would drop stored points: refused, as any changed config.
        let narrowed = try bnsim(["run", config, "--output", path("out"), "--quiet", "--set", "sweep.training.learning_rate=[0.5]"])
        #expect(narrowed.status == 1 && narrowed.stderr.contains("holds points of a different config"), "\(narrowed.stderr)")
    }

    /// `--force` discards the old config's figures with its points (a new config may draw other
    /// figure names, e.g. per batch size), and leaves files bnsim did not write.
    @Test func forceRemovesTheOldConfigsFiguresButNotTheUsersFiles() throws {
        try run("out")
        let out = dir.appendingPathComponent("out")
        func file(_ name: String) -> URL { out.appendingPathComponent(name) }
        let header = "# ε_g against α\n# Written by `bnsim plot`; run `gnuplot eg-sgd-M4.gp` in this directory to redraw eg-sgd-M4.png and eg-sgd-M4.svg.\n"
        try header.write(to: file("eg-sgd-M4.gp"), atomically: true, encoding: .utf8)
        try Data([0x89, 0x50, 0x4e, 0x47]).write(to: file("eg-sgd-M4.png"))
        try "<svg></svg>\n".write(to: file("eg-sgd-M4.svg"), atomically: true, encoding: .utf8)
        try "1\t2\n".write(to: file("theory.dat"), atomically: true, encoding: .utf8)
        try Data([1, 2, 3]).write(to: file("notes.png"))
        try "plot sin(x)\n".write(to: file("mine.gp"), atomically: true, encoding: .utf8)
        try run("out", ["--set", "model.N=100", "--force"])
        for stale in ["eg-sgd-M4.gp", "eg-sgd-M4.png", "eg-sgd-M4.svg", "theory.dat"] {
            #expect(!FileManager.default.fileExists(atPath: file(stale).path), "\(stale) of the old config survived --force")
        }
        for users in ["notes.png", "mine.gp"] {
            #expect(FileManager.default.fileExists(atPath: file(users).path), "--force removed \(users), which bnsim did not write")
        }
    }

    @Test func slurmArrayVariablesSelectTheShard() throws {
        try run("explicit", ["--shard", "2/3"])
        let fromZero = try bnsim(["run", config, "--output", path("zero-based"), "--quiet"],
                                 environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"])
        #expect(fromZero.status == 0, "\(fromZero.stderr)")
        #expect(fromZero.stdout.contains("shard 2/3:"))
        #expect(try tree("zero-based") == tree("explicit"))
        // An array numbered from 1 (--array=1-3): the shard counts from SLURM_ARRAY_TASK_MIN.
        let fromOne = try bnsim(["run", config, "--output", path("one-based"), "--quiet"],
                                environment: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1"])
        #expect(fromOne.status == 0, "\(fromOne.stderr)")
        #expect(try tree("one-based") == tree("explicit"))
        // --shard wins over the environment; without --output a shard goes to results/<name>/shard-<i>-of-<n>.
        let flag = try bnsim(["run", config, "--quiet", "--shard", "2/3"], environment: ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "3"])
        #expect(flag.status == 0)
        #expect(try tree("results/sweep-e2e/shard-2-of-3") == tree("explicit"))
        let bad = try bnsim(["run", config, "--quiet"], environment: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "3"])
        #expect(bad.status == 1 && bad.stderr.contains("shard index 3 is not in 0…2"), "\(bad.stderr)")
        // One task resubmitted alone (sbatch --array=3): SLURM says COUNT 1, which is not the sweep's shard count.
        let resubmitted = try bnsim(["run", config, "--output", path("resubmitted"), "--quiet"],
                                    environment: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "1",
                                                  "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "3"])
        #expect(resubmitted.status == 1 && resubmitted.stderr.contains("--shard 3/n"), "\(resubmitted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("resubmitted")))
    }

    @Test func badShardsAreRefused() throws {
        for shard in ["3/3", "1", "a/2", "0/0", "-1/2"] {
            let result = try bnsim(["run", config, "--shard", shard, "--output", path("bad")])
            #expect(result.status != 0, "--shard \(shard)")
            #expect(result.stderr.contains("shard"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: path("bad")))
    }

    @Test func slurmPrintsAJobArrayScript() throws {
        let result = try bnsim(["slurm", "sweep.yaml", "--set", "simulation.seeds=2", "--tasks", "3", "--cpus-per-task", "4",
                                "--time", "00:30:00", "--partition", "debug", "--output", "out dir"])
        #expect(result.status == 0, "\(result.stderr)")
        let script = result.stdout
        let out = dir.appendingPathComponent("out dir").path
        #expect(script.hasPrefix("#!/bin/bash\n"))
        for line in ["#SBATCH --array=0-2", "#SBATCH --cpus-per-task=4", "#SBATCH --time=00:30:00", "#SBATCH --partition=debug"] {
            #expect(script.contains(line + "\n"), "missing \(line)")
        }
        // Tasks start where `bnsim slurm` ran and name the config as it was given, so the merged
        // manifest's config_file is the one a local run from there records.
        #expect(script.contains("\ncd \(dir.standardizedFileURL.path)\n") || script.contains("\ncd '\(dir.standardizedFileURL.path)'\n"), "\(script)")
        #expect(script.contains("\(BNSimBinary.url.resolvingSymlinksInPath().path) run sweep.yaml --set simulation.seeds=2 --shard \"${SLURM_ARRAY_TASK_ID}/3\""),
                "\(script)")
        #expect(script.contains("--threads 4 --output '\(out)'/shard-\"${SLURM_ARRAY_TASK_ID}\"-of-3 --quiet"))
        #expect(script.contains("merge '\(out)'/shard-{0..2}-of-3 --output '\(out)'"))
        // The script is valid bash.
        let scriptPath = dir.appendingPathComponent("job.sh")
        try script.write(to: scriptPath, atomically: true, encoding: .utf8)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/bash")
        check.arguments = ["-n", scriptPath.path]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
        // One task per point by default.
        let defaults = try bnsim(["slurm", config])
        #expect(defaults.stdout.contains("#SBATCH --array=0-7\n"))
        #expect(defaults.stderr.isEmpty)
        // A dependent merge job, and what the compute nodes need, are in the comments.
        #expect(script.contains("#   sbatch --dependency=afterok:$jid --job-name=bnsim-sweep-e2e-merge --wrap \"$(printf '%q ' "))
        #expect(script.contains("Swift runtime libraries") && script.contains("libgsl") && script.contains("BNSIM_PORTABLE=1"))
    }

    @Test func slurmChecksTheTimeLimitAndWarnsAboutIdleTasks() throws {
        for good in ["30", "30:00", "02:00:00", "1-12", "1-12:30", "1-12:30:00"] {
            #expect(try bnsim(["slurm", config, "--time", good]).status == 0, "--time \(good)")
        }
        for bad in ["2h", "1:2:3:4", "5-", "1-2-3", "abc"] {
            let result = try bnsim(["slurm", config, "--time", bad])
            #expect(result.status != 0 && result.stdout.isEmpty && result.stderr.contains("--time must be a SLURM time limit"), "--time \(bad)")
        }
        let idle = try bnsim(["slurm", config, "--tasks", "12"])
        #expect(idle.status == 0 && idle.stderr == "bnsim: warning: --tasks 12 exceeds the sweep's 8 points: 4 tasks would have nothing to do; --tasks 8 is enough\n")
    }

    @Test func helpListsTheSweepCommandsAndFlags() throws {
        let help = try bnsim(["--help"])
        for word in ["merge", "slurm"] { #expect(help.stdout.contains(word)) }
        let runHelp = try bnsim(["run", "--help"])
        for flag in ["--shard", "--force", "SLURM_ARRAY_TASK_ID"] { #expect(runHelp.stdout.contains(flag)) }
        let slurmHelp = try bnsim(["slurm", "--help"])
        for flag in ["--tasks", "--cpus-per-task", "--time", "--partition", "--output", "--set"] { #expect(slurmHelp.stdout.contains(flag)) }
    }
}
