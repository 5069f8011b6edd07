import Foundation
import Testing
import _TestSupport

/// Every learning-rate search is bounded: a range whose ratio overflows (1e-300 … 1e30) and a
/// bracket tolerance below Double resolution end, under a watchdog, with finite limits.
struct LearningRateSearchBoundsTests {
    static let config = """
        version: 1
        name: lr-bounds
        model: {N: 200, activation: relu}
        training: {method: sgd, batch_size: 4, alpha_max: 5}
        lr_search: {grid_points: 4, converged_eg: 0.01, simulation: false}
        """

    @Test(arguments: [
        ["lr_search.eta_min=1e-300", "lr_search.eta_max=1e30", "lr_search.bracket_rel_tol=0.05"],
        ["lr_search.eta_min=1", "lr_search.eta_max=1e300", "lr_search.bracket_rel_tol=1e-300"],
    ])
    func extremeRangesEnd(_ overrides: [String]) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.config.write(toFile: dir.appendingPathComponent("c.yaml").path, atomically: true, encoding: .utf8)
        let outcome = try BNSimProcess.run(["lr-max", "c.yaml", "--output", "out", "--quiet"] + overrides.flatMap { ["--set", $0] },
                                           in: dir, timeout: 120)
        #expect(!outcome.timedOut && outcome.status == 0, "\(outcome)")
        let csv = try String(contentsOf: dir.appendingPathComponent("out/lr_max.csv"), encoding: .utf8)
        let theory = csv.split(separator: "\n").first { $0.contains(",theory,") }.map(String.init) ?? ""
        #expect(theory.contains(",found,"), "the divergence limit of sgd is in range: \(csv)")
        #expect(!csv.lowercased().contains("inf") && !csv.lowercased().contains("nan"), "\(csv)")
    }
}
