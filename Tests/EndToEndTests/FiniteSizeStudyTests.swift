import Foundation
import Testing
import _TestSupport

/// a sweep over model.N makes the report show the deviation from theory per N and its
/// fitted power of N; runs that differ in anything else are kept apart.
struct FiniteSizeStudyTests {
    @Test func sweepOverNPrintsTheStudy() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try """
            name: fs
            training: {alpha_max: 2}
            simulation: {seeds: 4, test_samples: 0}
            output: {alphas: [0.5, 1, 2]}
            sweep: {model.N: [100, 400], training.method: [sgd, wn]}
            """.write(to: config, atomically: true, encoding: .utf8)
        let result = try BNSimBinary.run(["run", config.path, "--output", dir.appendingPathComponent("out").path, "--quiet", "--no-plot"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("finite-size study") })
        #expect(lines.filter { $0.hasPrefix("  method=sgd") || $0.hasPrefix("  method=wn") }.count == 2)
        #expect(lines.filter { $0.contains("N =    100") }.count == 2 && lines.filter { $0.contains("N =    400") }.count == 2)
        #expect(lines.filter { $0.contains("fitted D ∝ N^") }.count == 2)
        // The same section from `bnsim compare`.
        let compare = try BNSimBinary.run(["compare", dir.appendingPathComponent("out").path])
        #expect(compare.status == 0 && compare.stdout.contains("finite-size study"))
    }
}
