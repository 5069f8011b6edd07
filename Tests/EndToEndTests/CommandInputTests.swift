import Foundation
import Testing
import _TestSupport

/// Command-line inputs that used to be taken silently: an empty --output (which meant the
/// current directory) and zeta scales whose powers overflow (which wrote inf into zeta.csv).
struct CommandInputTests {
    static let config = "version: 1\nname: inputs\nmodel: {N: 50}\ntraining: {method: bn, batch_size: 4, alpha_max: 0.5}\nsimulation: {seeds: 1}\n"

    @Test(arguments: [
        ["run", "c.yaml"], ["lr-max", "c.yaml"], ["zeta", "c.yaml"], ["jitter", "c.yaml"], ["merge", "shard"], ["slurm", "c.yaml"], ["bench"],
    ])
    func emptyOutputIsRefused(_ command: [String]) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("c.yaml").path, atomically: true, encoding: .utf8)
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let outcome = try BNSimProcess.run(command + ["--output", ""], in: dir, timeout: 60)
        #expect(outcome.signal == nil && outcome.status != 0, "\(outcome)")
        #expect(outcome.stderr.contains("--output"), "\(outcome)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == before, "something was written")
    }

    /// An empty results-directory argument means the current directory: compare would rewrite a
    /// comparison.csv there and merge would read the user's folder as a shard.
    @Test(arguments: [["compare", ""], ["merge", ""], ["merge", "shard", ""], ["plot", ""]])
    func emptyDirectoryArgumentIsRefused(_ command: [String]) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("c.yaml").path, atomically: true, encoding: .utf8)
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let outcome = try BNSimProcess.run(command, in: dir, timeout: 60)
        #expect(outcome.signal == nil && outcome.status != 0, "\(outcome)")
        #expect(outcome.stderr.contains("is an empty path, which would mean the current directory"), "\(outcome)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == before, "something was written")
    }

    @Test(arguments: ["1e308", "1e-300", "0.5,inf"])
    func zetaScalesThatOverflowAreRefused(_ gammas: String) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("c.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["zeta", "c.yaml", "--output", "out", "--quiet", "--batches", "0", "--batch-sizes", "4",
                                            "--gammas", gammas], in: dir, timeout: 60)
        #expect(outcome.signal == nil && outcome.status != 0, "\(outcome)")
        #expect(outcome.stderr.contains("--gammas"), "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }
}
