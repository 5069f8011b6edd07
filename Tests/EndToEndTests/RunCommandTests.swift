import Foundation
import Testing
import _TestSupport

/// End-to-end: the built `bnsim` binary on small configs.
struct RunCommandTests {
    static let smallConfig = """
        version: 1
        name: e2e
        model: {N: 200, activation: relu, teacher_noise: 0.2}
        training: {method: sgd, learning_rate: 0.5, alpha_max: 5}
        simulation: {seeds: 3, seed: 5, test_samples: 200}
        output: {alpha_points: 8, alpha_min: 0.2}
        sweep:
          training.method: [sgd, wn]
          training.learning_rate: [0.5, 6.0]
        """

    func write(_ text: String, in dir: URL, name: String = "config.yaml") throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func read(_ dir: URL, _ file: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func runWritesTidyCSVsAndManifest() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = try write(Self.smallConfig, in: dir)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["run", config, "--output", out.path, "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let theory = try read(out, "theory.csv"), simulation = try read(out, "simulation.csv")
        let manifest = try read(out, "manifest.yaml")
        #expect(theory.hasPrefix("run_id,method,activation,N,learning_rate,batch_size,teacher_noise,weight_decay,gamma_decay,variant,alpha,Q,R,r,gamma,beta,eta_eff,eg,status,diverged_at\n"))
        #expect(simulation.hasPrefix("run_id,method,activation,N,learning_rate,batch_size,teacher_noise,weight_decay,gamma_decay,seed,n_seeds,alpha,Q,Q_se,R,R_se,r,r_se,gamma,gamma_se,beta,beta_se,eta_eff,eta_eff_se,eg,eg_se,eg_test,eg_test_se,status,diverged_at,n_diverged\n"))
        #expect(manifest.contains("bnsim_version:") && manifest.contains("replica_seeds:") && manifest.contains("effective_config:"))
        // Never a NaN or infinite cell.
        for text in [theory, simulation] {
            #expect(!text.contains("nan") && !text.contains("inf"))
        }
        // sgd at η = 6 is far beyond its divergence limit (η ≈ 2.25 for relu, docs/relu-sgd-stability.md):
        // recorded as diverged in both engines, with the α; wn at the same η completes.
        let sgdLarge = theory.split(separator: "\n").filter { $0.contains(",sgd,") && $0.contains(",6.0,") }
        #expect(!sgdLarge.isEmpty && sgdLarge.allSatisfy { $0.contains(",diverged,") })
        let wnLarge = theory.split(separator: "\n").filter { $0.contains(",wn,") && $0.contains(",6.0,") }
        #expect(!wnLarge.isEmpty && wnLarge.allSatisfy { $0.hasSuffix(",completed,") })
        #expect(result.stdout.contains("DIVERGED at α="))
        // Seed-averaged and per-seed rows.
        #expect(simulation.contains(",all,3,") && simulation.contains(",2,1,"))
    }

    @Test func outputIsByteIdenticalAcrossRunsAndThreadCounts() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = try write(Self.smallConfig, in: dir)
        var outputs: [[String]] = []
        for (k, threads) in ["1", "2", "2"].enumerated() {
            let out = dir.appendingPathComponent("out\(k)")
            let result = try BNSimBinary.run(["run", config, "--output", out.path, "--threads", threads, "--quiet"])
            #expect(result.status == 0)
            outputs.append(try ["theory.csv", "simulation.csv", "manifest.yaml"].map { try read(out, $0) })
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[1] == outputs[2])
    }

    @Test func overridesAreAppliedBeforeValidation() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = try write(Self.smallConfig, in: dir)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["run", config, "--output", out.path, "--quiet",
                                          "--set", "sweep={}", "--set", "training.method=wn", "--set", "simulation.enabled=false"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let theory = try read(out, "theory.csv")
        #expect(theory.contains(",wn,") && !theory.contains(",sgd,"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("simulation.csv").path))
    }

    @Test func resultsGoToResultsNameByDefault() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = try write(Self.smallConfig, in: dir)
        let result = try BNSimBinary.run(["run", config, "--quiet", "--set", "simulation.enabled=false"], in: dir)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("results/e2e/theory.csv").path))
    }

    @Test func helpListsTheCommands() throws {
        let result = try BNSimBinary.run(["--help"])
        #expect(result.status == 0)
        for word in ["run", "dump-config"] { #expect(result.stdout.contains(word)) }
        let runHelp = try BNSimBinary.run(["run", "--help"])
        for flag in ["--set", "--output", "--threads", "--quiet"] { #expect(runHelp.stdout.contains(flag)) }
        // The thread default is stated once, as "all cores", not also as this machine's count.
        #expect(runHelp.stdout.contains("Worker threads (default: all cores)") && !runHelp.stdout.contains("(default: \(ProcessInfo.processInfo.activeProcessorCount))"))
        let benchHelp = try BNSimBinary.run(["bench", "--help"])
        #expect(benchHelp.stdout.contains("(default: all") && !benchHelp.stdout.contains("(default: \(ProcessInfo.processInfo.activeProcessorCount))"), "\(benchHelp.stdout)")
        // plot's help names every kind of directory it draws.
        let plotHelp = try BNSimBinary.run(["plot", "--help"])
        for command in ["run", "lr-max", "zeta", "jitter"] { #expect(plotHelp.stdout.contains(command), "plot --help lacks \(command)") }
    }

    @Test func plotOfAMissingDirectorySaysItDoesNotExist() throws {
        let missing = try BNSimBinary.temporaryDirectory().appendingPathComponent("nonexistent").path
        let result = try BNSimBinary.run(["plot", missing])
        #expect(result.status == 1)
        #expect(result.stderr == "bnsim: error: \(missing) does not exist\n")
    }

    /// `dump-config FILE` is `dump-config --effective FILE`, like every command that takes a config.
    @Test func dumpConfigTakesTheConfigAsAnArgument() throws {
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("configs/default.yaml").path
        let positional = try BNSimBinary.run(["dump-config", config, "--set", "model.N=50"])
        let option = try BNSimBinary.run(["dump-config", "--effective", config, "--set", "model.N=50"])
        #expect(positional.status == 0 && positional.stdout == option.stdout && positional.stdout.contains("N: 50"))
    }

    /// A config bnsim run would refuse for its theory (a zeta or jitter config may be meant) is
    /// printed, with a warning that says what run would refuse; an accepted one gets none.
    @Test func dumpConfigWarnsWhatRunWouldRefuse() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let refused = try write("name: k\nmodel: {student_units: 2, teacher_units: 2}\ntraining: {method: bn, batch_size: 4}\n", in: dir, name: "k.yaml")
        let dumped = try BNSimBinary.run(["dump-config", refused])
        #expect(dumped.status == 0 && dumped.stdout.contains("student_units: 2"), "\(dumped.stderr)")
        #expect(dumped.stderr.contains("bnsim: warning: bnsim run would refuse this config: \(refused): no exact theory for method bn"), "\(dumped.stderr)")
        let run = try BNSimBinary.run(["run", refused, "--output", dir.appendingPathComponent("out").path])
        #expect(run.status == 1 && run.stderr.contains("no exact theory for method bn"), "\(run.stderr)")
        let fine = try BNSimBinary.run(["dump-config", refused, "--set", "theory.bn_variants=[population]"])
        #expect(fine.status == 0 && fine.stderr.isEmpty, "\(fine.stderr)")
    }

    @Test func dumpConfigPrintsLoadableDefaults() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let defaults = try BNSimBinary.run(["dump-config"])
        #expect(defaults.status == 0)
        for key in ["version:", "N:", "activation:", "teacher_noise:", "learning_rate:", "batch_size:", "weight_decay:",
                    "gamma_decay:", "gamma_lr_scale:", "learn_beta:", "alpha_max:", "rel_tol:", "seeds:", "test_samples:",
                    "alpha_points:", "alpha_spacing:"] {
            #expect(defaults.stdout.contains(key), "dump-config lacks \(key)")
        }
        let path = try write(defaults.stdout, in: dir, name: "dumped.yaml")
        let effective = try BNSimBinary.run(["dump-config", "--effective", path])
        #expect(effective.status == 0)
        // The dumped defaults load back to the defaults: their effective config is an empty file's
        // (which leaves out the keys added later while they hold their defaults: ConfigYAML.omittedAtDefault).
        let empty = try write("", in: dir, name: "empty.yaml")
        let emptyEffective = try BNSimBinary.run(["dump-config", "--effective", empty])
        #expect(emptyEffective.status == 0 && effective.stdout == emptyEffective.stdout)
        for key in ["  engine: full\n", "\nconvex:\n", "  student_units: 1\n"] {
            #expect(defaults.stdout.contains(key), "dump-config lists every key: \(key)")
        }
    }
}
