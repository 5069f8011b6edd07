import Foundation
import Testing
import _TestSupport

/// Issue 5: `bnsim plot` on the committed results regenerates the committed figure data and
/// scripts byte for byte (the images themselves are not compared), and writes valid PNG/SVG.
struct CommittedFiguresTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["paper/c1-gamma-decay", "paper/c2-blowup", "paper/c3-eta-eff", "paper/c4-noisy-teacher", "paper/bn-jitter",
                      "lr-max", "lr-sweep"])
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
}
