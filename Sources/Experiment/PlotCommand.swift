#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Output

/// What `bnsim plot` wrote.
public struct PlotReport: Sendable {
    public var directory: URL
    /// Figure names without extension; each is there as .png and .svg.
    public var figures: [String]
    /// The .dat and .gp files.
    public var sources: [String]
}

/// How many figures `PlotCommand.execute` has drawn, read by the signal handler's thread to say
/// what an interrupted plot kept. A figure counts once it is in place, inside `WriteGate`, so a
/// handler that has closed the gate reads the figures that stay.
public final class PlotProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var figures = 0, drawn = 0

    public init() {}

    func start(figures: Int) { lock.withLock { self.figures = figures } }
    func drew() { lock.withLock { drawn += 1 } }

    /// "figures not drawn", or "2 of 5 figures drawn, the others not".
    public var drawnSoFar: String {
        lock.withLock { drawn == 0 ? "figures not drawn" : "\(drawn) of \(figures) figures drawn, the others not" }
    }
}

/// `bnsim plot DIR` without the command-line shell: reads the CSVs of a results directory,
/// writes gnuplot data files (`.dat`, tab-separated, numbers copied verbatim from the CSVs) and
/// scripts (`.gp`) next to them — the same bytes for the same CSVs — and runs gnuplot on each
/// script in that directory to draw `NAME.png` and `NAME.svg`.
public enum PlotCommand {
    /// The gnuplot executable on PATH, if any.
    public static func gnuplot() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Writes the data files and scripts, then draws every figure, counting them in `progress`.
    public static func execute(directory: URL, progress: PlotProgress = PlotProgress()) throws -> PlotReport {
        let read = { (name: String, schema: PlotSchema) throws(PlotError) -> PlotTable? in
            try PlotTable.read(directory.appendingPathComponent(name), schema: schema).flatMap { $0.rows.isEmpty ? nil : $0 }
        }
        let theory = try read(RunCommand.theoryFile, .theory), simulation = try read(CombinedResults.simulationFile, .simulation)
        let plateau = try read(PlateauTable.file, .plateau), overlaps = try read(CombinedResults.overlapsFile, .overlaps)
        let lrMax = try read(LrMaxCommand.file, .lrMax), jitter = try read(JitterStudy.file, .jitter), zeta = try read("zeta.csv", .zeta)
        let convex = try read(ConvexCommand.csvFile, .convex)
        var files: [(name: String, contents: String)] = []
        var scripts: [GnuplotScript] = []
        let curves = try PlotCurves(theory: theory, simulation: simulation)
        if !curves.isEmpty {
            let alpha = PlotAlphaFigures(curves: curves)
            files += alpha.dataFiles
            scripts += alpha.scripts
            if let eta = PlotEtaFigure(curves: curves, labels: alpha.labels) {
                files.append((PlotEtaFigure.data, eta.data))
                scripts.append(eta.script)
            }
            if let plateau, let figure = try PlotPlateauFigure(table: plateau, curves: curves, labels: alpha.labels) {
                files.append((PlotPlateauFigure.data, figure.data))
                scripts += figure.scripts
            }
        }
        if let overlaps, let figures = try PlotOverlapFigures(table: overlaps, labels: curves.isEmpty ? nil : PlotLabels(runs: curves.runs, swept: curves.swept),
                                                               runs: curves.runs) {
            files.append((PlotOverlapFigures.data, figures.data))
            scripts += figures.scripts
        }
        if let lrMax, let figure = try PlotLrMaxFigure(table: lrMax) {
            files.append((PlotLrMaxFigure.data, figure.data))
            scripts.append(figure.script)
        }
        if let jitter, let figure = try PlotJitterFigure(table: jitter) {
            files.append((PlotJitterFigure.data, figure.data))
            scripts.append(figure.script)
        }
        if let zeta, let figures = try PlotZetaFigures(table: zeta) {
            files.append((PlotZetaFigures.data, figures.data))
            scripts += figures.scripts
        }
        if let convex, let figures = try PlotConvexFigures(table: convex) {
            files += figures.files
            scripts += figures.scripts
        }
        guard !scripts.isEmpty else { throw PlotError.nothingToPlot(directory: directory.path) }
        guard let gnuplot = gnuplot() else { throw PlotError.gnuplotMissing }
        var set = AtomicFileSet()
        for f in files { set.add(f.name, f.contents) }
        for s in scripts { set.add(s.name + ".gp", s.text) }
        AtomicFileSet.removeAbandonedTemporaries(of: set.files.map(\.name) + scripts.flatMap { [$0.name + ".png", $0.name + ".svg"] },
                                                 in: directory)
        progress.start(figures: scripts.count)
        try set.write(into: directory)
        for s in scripts { try draw(s.name, with: gnuplot, in: directory, progress: progress) }
        return PlotReport(directory: directory, figures: scripts.map(\.name),
                          sources: files.map(\.name) + scripts.map { $0.name + ".gp" })
    }

    /// Draws figure `name` from `name.gp`: gnuplot writes to temporary siblings, each is checked
    /// (`PlotFigureCheck`) and renamed into place; a figure that is not whole is an `OutputError`
    /// naming it, and nothing of it is left. A non-zero exit of gnuplot becomes an error with its
    /// last message (its warnings, e.g. about an empty range, are ignored). All of it happens
    /// inside `WriteGate`, so an interrupted bnsim leaves no temporaries: the signal stops gnuplot
    /// (`WriteGate.whileRunning`) and the temporaries are removed before the process exits.
    static func draw(_ name: String, with gnuplot: URL, in directory: URL, progress: PlotProgress) throws {
        let script = name + ".gp"
        let outputs = ["png", "svg"].map { format in
            (format: format, final: directory.appendingPathComponent("\(name).\(format)").path,
             temporary: directory.appendingPathComponent(AtomicFileSet.temporaryName("\(name).\(format)")).path)
        }
        try WriteGate.around { () throws -> Void in
            defer { for o in outputs { unlink(o.temporary) } }
            let process = Process()
            process.executableURL = gnuplot
            let q = GnuplotScript.quote
            // Names relative to the directory gnuplot runs in: the directory's own path never enters gnuplot.
            let png = AtomicFileSet.temporaryName("\(name).png"), svg = AtomicFileSet.temporaryName("\(name).svg")
            process.arguments = ["-e", "\(GnuplotScript.pngOutput) = \(q(png)); \(GnuplotScript.svgOutput) = \(q(svg))", script]
            process.currentDirectoryURL = directory
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            do { try process.run() } catch { throw PlotError.gnuplotFailed(script: script, message: error.localizedDescription) }
            let data = WriteGate.whileRunning(child: process.processIdentifier) { () -> Data in
                let data = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return data
            }
            if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGXFSZ {
                throw OutputError(path: outputs[0].final, reason: "File too large (gnuplot hit the file-size limit)")
            }
            guard process.terminationStatus == 0 else {
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                throw PlotError.gnuplotFailed(script: script, message: lines.suffix(2).joined(separator: " ").ifEmpty("exit status \(process.terminationStatus)"))
            }
            for o in outputs {
                guard let written = FileManager.default.contents(atPath: o.temporary) else {
                    throw OutputError(path: o.final, reason: "gnuplot wrote no file")
                }
                if let problem = PlotFigureCheck.problem(written, format: o.format) {
                    throw OutputError(path: o.final, reason: "\(problem) (is the disk full?)")
                }
            }
            for o in outputs { try AtomicFileSet.install(o.temporary, as: o.final) }
            progress.drew()
        }
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
