import Foundation
import Testing
import _TestSupport

/// `bnsim plot` on the committed results regenerates the committed figure data and
/// scripts byte for byte (the images themselves are not compared), and writes valid PNG/SVG.
struct CommittedFiguresTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["paper/c1-gamma-decay", "paper/c2-blowup", "paper/c3-eta-eff", "paper/c4-noisy-teacher", "paper/bn-jitter",
                      "paper/data-dependence/noise", "paper/data-dependence/kurtosis", "paper/data-dependence/check",
                      "lr-max", "lr-max-reduced", "lr-sweep", "paper/convex-curve", "paper/convex-gap", "paper/convex-scaling",
                      "paper/convex-learning-curve/convex"])
    func plotRegeneratesCommittedData(_ name: String) throws {
        let committed = Self.repository.appendingPathComponent("results/\(name)")
        let dir = try BNSimBinary.temporaryDirectory()
        let fm = FileManager.default
        // Only the CSVs: everything the figures need comes from them.
        for file in try fm.contentsOfDirectory(atPath: committed.path) where file.hasSuffix(".csv") {
            try fm.copyItem(at: committed.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let result = try BNSimBinary.run(["plot", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try fm.contentsOfDirectory(atPath: committed.path).filter { $0.hasSuffix(".dat") || $0.hasSuffix(".gp") }
        #expect(data.count >= 2)
        for file in data {
            let made = try Data(contentsOf: dir.appendingPathComponent(file))
            let kept = try Data(contentsOf: committed.appendingPathComponent(file))
            #expect(made == kept, "\(name)/\(file) differs from the committed one")
        }
        for file in try fm.contentsOfDirectory(atPath: committed.path) where file.hasSuffix(".png") {
            let png = try Data(contentsOf: dir.appendingPathComponent(file))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(file) is not a PNG")
            let svg = try String(contentsOf: dir.appendingPathComponent(file.replacingOccurrences(of: ".png", with: ".svg")), encoding: .utf8)
            #expect(svg.contains("<svg"))
        }
    }

    /// every committed paper run passes the tests' agreement rule for sgd, wn and
    /// bn-exact, and bn-pn's deviation is reported (`bnsim compare` on the committed CSVs).
    @Test(arguments: ["c1-gamma-decay", "c2-blowup", "c3-eta-eff", "c4-noisy-teacher", "data-dependence/noise", "data-dependence/check"])
    func committedPaperRunsPassTheAgreementRule(_ name: String) throws {
        let committed = Self.repository.appendingPathComponent("results/paper/\(name)")
        let dir = try BNSimBinary.temporaryDirectory()
        for file in ["theory.csv", "simulation.csv"] {
            try FileManager.default.copyItem(at: committed.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let result = try BNSimBinary.run(["compare", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let verdicts = result.stdout.split(separator: "\n").filter { $0.contains("-exact:") }
        #expect(!verdicts.isEmpty)
        for line in verdicts { #expect(line.contains(": PASS"), "\(name): \(line)") }
        let theory = try String(contentsOf: committed.appendingPathComponent("theory.csv"), encoding: .utf8)
        if theory.contains(",pn,") {
            #expect(result.stdout.contains("bn-pn: approximation, reported not tested"), "\(name) reports bn-pn's deviation")
        }
    }
}
