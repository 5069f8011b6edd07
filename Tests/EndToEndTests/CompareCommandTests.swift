import Foundation
import Testing
import _TestSupport

/// End-to-end: `bnsim compare` rebuilds comparison.csv byte for byte and prints the verdicts that
/// `bnsim run` prints; it fails with one line on a directory it cannot compare.
struct CompareCommandTests {
    static let config = """
        version: 1
        name: e2e-compare
        model: {N: 200, activation: relu, teacher_noise: 0.2}
        training: {method: sgd, learning_rate: 0.5, alpha_max: 5}
        simulation: {seeds: 6, seed: 11, test_samples: 0}
        output: {alpha_points: 6, alpha_min: 0.2}
        sweep:
          training.method: [sgd, wn]
        """

    /// A finished run of `config` in a fresh directory, and what `bnsim run` printed.
    func finishedRun(seeds: Int = 6) throws -> (out: URL, stdout: String) {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("config.yaml")
        try Self.config.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["run", config.path, "--output", out.path, "--quiet", "--threads", "2",
                                          "--set", "simulation.seeds=\(seeds)"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return (out, result.stdout)
    }

    /// The verdict line of the sgd run.
    func sgdVerdict(_ stdout: String) -> String? {
        stdout.split(separator: "\n").first { $0.contains("sgd-exact:") }.map(String.init)
    }

    @Test func compareRecreatesComparisonByteForByteAndPrintsTheRunVerdicts() throws {
        let (out, runOutput) = try finishedRun()
        let file = out.appendingPathComponent("comparison.csv")
        let written = try Data(contentsOf: file)
        try FileManager.default.removeItem(at: file)
        let result = try BNSimBinary.run(["compare", out.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try Data(contentsOf: file) == written)
        // No temporary left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).allSatisfy { !$0.hasSuffix(".tmp") })
        // The sgd run agrees with its theory, and compare prints what run printed.
        let verdict = try #require(sgdVerdict(result.stdout))
        #expect(verdict.contains("PASS") && verdict.contains("max |z| = "), "\(verdict)")
        #expect(result.stdout.contains("wn-exact: PASS"))
        let verdicts = result.stdout.split(separator: "\n").filter { $0.contains("-exact: ") }
        #expect(verdicts.count == 2 && verdicts.allSatisfy { runOutput.contains($0) })
    }

    /// With 6 seeds the rule's multiplier is the t quantile of the 4σ tail for 5 degrees of
    /// freedom, and the verdict says so; below 6 seeds there is no verdict, only the reason.
    @Test func theVerdictStatesItsSeedCountAndRefusesTooFewSeeds() throws {
        let (_, six) = try finishedRun()
        #expect(try #require(sgdVerdict(six)).contains("PASS  (24 points, k = 12.28 for 6 seeds)"), "\(six)")
        let (_, three) = try finishedRun(seeds: 3)
        let verdict = try #require(sgdVerdict(three))
        #expect(verdict.contains("not judged: 3 seeds, fewer than 6 give standard errors too uncertain for a verdict (k would be 125.6)"), "\(verdict)")
        let verdicts = three.split(separator: "\n").filter { $0.contains("-exact: ") }
        #expect(verdicts.count == 2 && verdicts.allSatisfy { $0.contains("not judged") && !$0.contains("PASS") && !$0.contains("FAIL") })
    }

    /// summary.csv: one theory row per variant and one simulation row per run, at the last α, with
    /// the verdict; simulation_mean.csv: the seed-average rows without `seed`. `compare` rebuilds
    /// both byte for byte.
    @Test func summaryTablesHoldOneRowPerRunAndEngineAndAreRebuiltByCompare() throws {
        let (out, _) = try finishedRun()
        let summaryURL = out.appendingPathComponent("summary.csv"), meanURL = out.appendingPathComponent("simulation_mean.csv")
        let summary = try String(contentsOf: summaryURL, encoding: .utf8)
        let rows = summary.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let engine = try #require(header.firstIndex(of: "engine")), verdict = try #require(header.firstIndex(of: "verdict"))
        let alpha = try #require(header.firstIndex(of: "alpha")), seeds = try #require(header.firstIndex(of: "n_seeds"))
        #expect(rows.count == 5)
        #expect(rows.dropFirst().map { $0[engine] } == ["theory", "simulation", "theory", "simulation"])
        #expect(rows.dropFirst().allSatisfy { $0[alpha] == "5.0" })
        #expect(rows.dropFirst().map { $0[verdict] } == ["PASS", "", "PASS", ""])
        #expect(rows.dropFirst().map { $0[seeds] } == ["", "6", "", "6"])
        let mean = try String(contentsOf: meanURL, encoding: .utf8).split(separator: "\n")
        #expect(!mean[0].split(separator: ",").contains("seed") && mean[0].contains("n_seeds"))
        let simulation = try String(contentsOf: out.appendingPathComponent("simulation.csv"), encoding: .utf8)
        #expect(mean.count - 1 == simulation.split(separator: "\n").filter { $0.contains(",all,") }.count)
        let (summaryBytes, meanBytes) = (try Data(contentsOf: summaryURL), try Data(contentsOf: meanURL))
        try FileManager.default.removeItem(at: summaryURL)
        try FileManager.default.removeItem(at: meanURL)
        #expect(try BNSimBinary.run(["compare", out.path]).status == 0)
        #expect(try Data(contentsOf: summaryURL) == summaryBytes && Data(contentsOf: meanURL) == meanBytes)
    }

    @Test func doctoredTheoryFails() throws {
        let (out, _) = try finishedRun()
        // Scale the sgd run's Q at one α by 1.5 in theory.csv.
        let theoryURL = out.appendingPathComponent("theory.csv")
        var lines = try String(contentsOf: theoryURL, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let q = try #require(header.firstIndex(of: "Q"))
        let k = try #require(lines.indices.last { lines[$0].contains(",sgd,") })
        var cells = lines[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[q] = String(1.5 * (try #require(Double(cells[q]))))
        lines[k] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: theoryURL, atomically: true, encoding: .utf8)

        let result = try BNSimBinary.run(["compare", out.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let verdict = try #require(sgdVerdict(result.stdout))
        #expect(verdict.contains("FAIL") && verdict.contains("worst Q at α="), "\(verdict)")
        #expect(result.stdout.contains("wn-exact: PASS"))
    }

    @Test func directoryWithoutTablesIsRefusedWithOneLine() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let result = try BNSimBinary.run(["compare", dir.path])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "bnsim: error: \(dir.path)/theory.csv does not exist (is the directory the output of bnsim run, with theory and simulation?)\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("comparison.csv").path))
    }

    @Test func malformedCSVIsRefusedWithItsLine() throws {
        let (out, _) = try finishedRun()
        let simulationURL = out.appendingPathComponent("simulation.csv")
        let text = try String(contentsOf: simulationURL, encoding: .utf8)
        try (text + "run-x,1,2\n").write(to: simulationURL, atomically: true, encoding: .utf8)
        let lineCount = text.split(separator: "\n").count + 1
        let result = try BNSimBinary.run(["compare", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("bnsim: error: \(simulationURL.path):\(lineCount): malformed CSV: 3 cells, the header has "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
