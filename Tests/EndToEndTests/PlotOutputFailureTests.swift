import Foundation
import Testing
import _TestSupport

/// Figures are atomic and checked: gnuplot writes to temporary siblings and exits 0 even when it
/// cannot write (a full disk; here a file-size limit, `ulimit -f`, which fails writes with EFBIG
/// as a full disk does with ENOSPC and needs no privilege). bnsim checks each figure (a PNG to its
/// end chunk, an SVG to `</svg>`) before renaming it into place, so a figure it could not write
/// is one error line `cannot write FILE: …`, exit status 1, no temporary, and the figure that was
/// there before stays byte for byte.
struct PlotOutputFailureTests {
    /// 8 KiB: room for lr_max.dat and the script, not for the figure.
    static let limited = ["/bin/bash", "-c", "ulimit -f 8 && exec \"$@\"", "bash"]

    func plot(_ dir: URL, prefix: [String] = []) throws -> BNSimProcess.Outcome {
        try BNSimProcess.run(["plot", dir.path], in: dir, prefix: prefix, timeout: 120)
    }

    func figures(_ dir: URL) throws -> [String: Data] {
        try DirectoryTree.files(dir).filter { $0.key.hasSuffix(".png") || $0.key.hasSuffix(".svg") }
    }

    @Test func aFigureThatCannotBeWrittenIsAnErrorAndLeavesTheOldOne() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try PlotCommandTests.lrMax.write(to: dir.appendingPathComponent("lr_max.csv"), atomically: true, encoding: .utf8)
        // Without a figure before: none after.
        let first = try plot(dir, prefix: Self.limited)
        OutputFailureTests.expectOneLineError(first, naming: dir.appendingPathComponent("lr_max_vs_M.png").path,
                                              reasons: ["before its end chunk", "File too large"])
        let left = try figures(dir)
        #expect(left.isEmpty, "\(left.keys)")
        #expect(!DirectoryTree.entries(dir).contains { $0.contains(".tmp") }, "\(DirectoryTree.entries(dir))")
        #expect(!first.stdout.contains("plotted"), "\(first.stdout)")
        // With figures before: the same figures after, byte for byte.
        let drawn = try plot(dir)
        #expect(drawn.status == 0, "\(drawn)")
        let before = try figures(dir)
        #expect(before.count == 2)
        // Redrawn under the limit: a figure written in place would be cut short.
        let again = try plot(dir, prefix: Self.limited)
        OutputFailureTests.expectOneLineError(again, naming: dir.appendingPathComponent("lr_max_vs_M.png").path,
                                              reasons: ["before its end chunk", "File too large"])
        #expect(try figures(dir) == before)
        #expect(!DirectoryTree.entries(dir).contains { $0.contains(".tmp") }, "\(DirectoryTree.entries(dir))")
    }
}
