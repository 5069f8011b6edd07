import Foundation
import Testing
import _TestSupport

/// run, merge, lr-max and convex each write a manifest.yaml and figures: none of them writes into
/// a directory holding another one's results, and lr-max and convex replace results of another
/// config only with --force (run's own guard is its points record).
struct StudyDirectoryTests {
    static let config = """
        version: 1
        name: kinds
        model: {N: 50}
        training: {method: sgd, alpha_max: 2}
        simulation: {enabled: false}
        output: {alpha_points: 3}
        lr_search: {grid_points: 5, eta_min: 0.5, eta_max: 50}
        convex: {alphas: [1], instances: 1, widths: [2], restarts: 1, steps: 200}
        """

    let dir: URL
    let configPath: String

    init() throws {
        dir = try BNSimBinary.temporaryDirectory()
        configPath = dir.appendingPathComponent("c.yaml").path
        try Self.config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func bnsim(_ command: String, _ output: String, _ extra: [String] = []) throws -> BNSimBinary.Result {
        let arguments = command == "merge" ? [command, path("run")] : [command, configPath, "--quiet"]  // merge has no --quiet
        return try BNSimBinary.run(arguments + ["--output", path(output), "--no-plot"] + extra)
    }

    func manifest(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(name + "/manifest.yaml"))) }

    @Test func noCommandOverwritesAnotherCommandsResults() throws {
        for (command, output) in [("run", "run"), ("lr-max", "lr"), ("convex", "cvx")] {
            let made = try bnsim(command, output)
            #expect(made.status == 0, "\(command): \(made.stderr)")
        }
        let owners = ["run": "run", "lr": "lr-max", "cvx": "convex"]
        for (command, owner) in [("run", "lr"), ("run", "cvx"), ("merge", "lr"), ("lr-max", "run"), ("lr-max", "cvx"), ("convex", "run"), ("convex", "lr")] {
            let before = try manifest(owner)
            let refused = try bnsim(command, owner, ["--force"])
            #expect(refused.status == 1, "\(command) into \(owner): \(refused.stderr)")
            #expect(refused.stderr.contains("holds the results of bnsim \(owners[owner]!)") && refused.stderr.contains("bnsim \(command) would overwrite"),
                    "\(command) into \(owner): \(refused.stderr)")
            #expect(try manifest(owner) == before, "\(command) changed \(owner)'s manifest")
        }
    }

    @Test(arguments: ["lr-max", "convex"])
    func anotherConfigIsReplacedOnlyWithForce(_ command: String) throws {
        #expect(try bnsim(command, "out").status == 0)
        let first = try manifest("out")
        #expect(try bnsim(command, "out").status == 0, "the same config reruns")
        let refused = try bnsim(command, "out", ["--set", "model.N=40"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("results of a different config (model.N 50 → 40)") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try manifest("out") == first)
        // Keys the command does not read are no other config (committed convex manifests were
        // written when lr_search had other defaults).
        let unread = command == "convex" ? "lr_search.eta_min=0.05" : "convex.restarts=3"
        #expect(try bnsim(command, "out", ["--set", unread]).status == 0, "\(unread) is not read by \(command)")
        // --force replaces the results and drops the old config's figures (none are drawn here).
        try "# Written by `bnsim plot`\n".write(toFile: path("out/old.gp"), atomically: true, encoding: .utf8)
        let forced = try bnsim(command, "out", ["--set", "model.N=40", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try manifest("out") != first)
        #expect(!FileManager.default.fileExists(atPath: path("out/old.gp")))
    }

    /// A manifest without the command's table beside it (a run whose tables were not kept) is
    /// not taken over, even with --force.
    @Test(arguments: ["lr-max", "convex"])
    func aManifestOfUnknownResultsIsNotTakenOver(_ command: String) throws {
        try FileManager.default.createDirectory(atPath: path("pruned"), withIntermediateDirectories: true)
        try "# bnsim results manifest\n".write(toFile: path("pruned/manifest.yaml"), atomically: true, encoding: .utf8)
        let refused = try bnsim(command, "pruned", ["--force"])
        #expect(refused.status == 1 && refused.stderr.contains("holds a manifest.yaml without"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: path("pruned/manifest.yaml"), encoding: .utf8) == "# bnsim results manifest\n")
    }
}
