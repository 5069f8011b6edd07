import Foundation

extension PlotCommand {
    /// Removes the figures `bnsim plot` drew in `directory`: every `NAME.gp` whose header says it
    /// was written by `bnsim plot`, with its `NAME.png` and `NAME.svg`, and the α figures' data
    /// files. Used when `run --force` discards the points the figures were drawn from, so no
    /// figure of the old config survives beside the new results (the new config may draw figures
    /// under other names, e.g. `eg-sgd-M4`). A user's own files are left alone.
    public static func removeFigures(in directory: URL) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        for script in names where script.hasSuffix(".gp") {
            let url = directory.appendingPathComponent(script)
            guard let head = try? FileHandle(forReadingFrom: url).read(upToCount: 512),
                  let text = String(data: head, encoding: .utf8),
                  text.split(separator: "\n").prefix(3).contains(where: { $0.hasPrefix("# Written by `bnsim plot`") }) else { continue }
            let stem = String(script.dropLast(3))
            for ending in [".gp", ".png", ".svg"] { try? fm.removeItem(at: directory.appendingPathComponent(stem + ending)) }
        }
        for data in [PlotAlphaFigures.theoryData, PlotAlphaFigures.simulationData, PlotEtaFigure.data] {
            try? fm.removeItem(at: directory.appendingPathComponent(data))
        }
    }
}
