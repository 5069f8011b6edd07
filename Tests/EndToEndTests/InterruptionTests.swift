#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import _TestSupport

/// Interruption and resume: SIGINT and SIGTERM during a sweep stop it cleanly —
/// finished points kept, the partial point discarded, no temporary file, no combined files, exit
/// 130 or 143 with one line saying so — and SIGKILL leaves no corrupted file. In every case a
/// rerun resumes from the kept points and the final directory is byte for byte that of an
/// uninterrupted run.
struct InterruptionTests {
    /// 12 points of about equal cost (a few tenths of a second each), so that the signal, sent as
    /// soon as the first point is stored, always finds most of the sweep still to do.
    static let config = """
        version: 1
        name: interrupt-e2e
        model: {N: 3000, activation: relu, teacher_noise: 0.3}
        training: {method: sgd, learning_rate: 0.5, batch_size: 2, alpha_max: 6}
        simulation: {seeds: 4, seed: 5, test_samples: 300}
        output: {alpha_points: 8, alpha_min: 0.1}
        sweep:
          training.method: [sgd, wn]
          training.learning_rate: [0.25, 0.5, 0.75, 1.0, 1.25, 1.5]
        """
    static let points = 12
    static let combined = ["theory.csv", "simulation.csv", "comparison.csv", "manifest.yaml"]

    /// One uninterrupted run of the config, shared by the tests (computed once).
    static let reference: Result<[String: Data], any Error> = Result {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = try write(in: dir)
        let outcome = try BNSimProcess.run(["run", config, "--output", "reference", "--quiet", "--no-plot", "--threads", "2"], in: dir)
        guard outcome.status == 0 else { throw Failure("reference run: \(outcome)") }
        return try DirectoryTree.files(dir.appendingPathComponent("reference"))
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Writes the config into `dir` and returns its path relative to `dir`, where bnsim runs: the
    /// manifest records the path as given, so every directory must give the same one.
    static func write(in dir: URL) throws -> String {
        try config.write(toFile: dir.appendingPathComponent("sweep.yaml").path, atomically: true, encoding: .utf8)
        return "sweep.yaml"
    }

    static func finishedPoints(_ out: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("points").path)) ?? [])
            .filter { $0.hasPrefix("run-") }
    }

    /// Starts the sweep, waits for its first stored point and sends `signal`; returns the outcome.
    static func interrupt(with signal: Int32, dir: URL, out: URL, config: String) throws -> BNSimProcess.Outcome {
        let process = try BNSimProcess(["run", config, "--output", out.path, "--quiet", "--no-plot", "--threads", "2"], in: dir)
        let started = process.wait { !finishedPoints(out).isEmpty }
        #expect(started, "the sweep ended before a point was stored")
        process.send(signal)
        return process.wait()
    }

    /// Each stored point is whole: its manifest entry, its summary and its tables with every row
    /// as long as the header.
    static func expectWholePoints(_ out: URL) throws {
        for id in finishedPoints(out) {
            let folder = out.appendingPathComponent("points/\(id)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(Set(names) == ["theory.csv", "simulation.csv", "comparison.csv", "manifest-entry.yaml", "summary.txt", "checksums"], "\(id): \(names)")
            for table in ["theory.csv", "simulation.csv", "comparison.csv"] {
                let lines = try String(contentsOf: folder.appendingPathComponent(table), encoding: .utf8).split(separator: "\n")
                let width = lines.first?.split(separator: ",", omittingEmptySubsequences: false).count ?? 0
                #expect(lines.count > 1 && lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == width },
                        "\(id)/\(table) is not whole")
            }
        }
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func aSignalStopsCleanlyAndTheRerunResumesToIdenticalFiles(signal: Int32, status: Int32, name: String) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = try Self.write(in: dir)
        let out = dir.appendingPathComponent("out")
        let outcome = try Self.interrupt(with: signal, dir: dir, out: out, config: config)
        #expect(outcome.status == status, "\(outcome)")
        let kept = Self.finishedPoints(out).count
        #expect(kept >= 1 && kept < Self.points)
        #expect(outcome.stderr == "bnsim: interrupted by \(name): \(kept) of \(Self.points) points finished and kept in \(out.path)/points, "
                + "the rest discarded; rerun the same command to resume\n", "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        // No temporary file or folder, no combined files: only whole points and their record.
        let entries = DirectoryTree.entries(out)
        #expect(!entries.contains { $0.contains(".tmp") }, "\(entries)")
        for file in Self.combined { #expect(!entries.contains(file)) }
        try Self.expectWholePoints(out)

        let rerun = try BNSimProcess.run(["run", config, "--output", out.path, "--quiet", "--no-plot", "--threads", "2"], in: dir)
        #expect(rerun.status == 0, "\(rerun)")
        #expect(rerun.stdout.contains("resumed: \(kept) of \(Self.points) points reused"), "\(rerun.stdout)")
        #expect(try DirectoryTree.files(out) == Self.reference.get())
    }

    @Test func killMinus9LeavesNoCorruptedFileAndTheRerunResumesToIdenticalFiles() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = try Self.write(in: dir)
        let out = dir.appendingPathComponent("out")
        let outcome = try Self.interrupt(with: SIGKILL, dir: dir, out: out, config: config)
        #expect(outcome.signal == SIGKILL, "\(outcome)")
        let kept = Self.finishedPoints(out).count
        #expect(kept >= 1 && kept < Self.points)
        // What SIGKILL can leave besides whole points is only under temporary names.
        let entries = DirectoryTree.entries(out)
        for file in Self.combined { #expect(!entries.contains(file)) }
        for entry in entries where !entry.hasPrefix("points/run-") {
            #expect(["points", "points/.lock", "points/sweep.yaml"].contains(entry) || entry.hasPrefix("points/.tmp-")
                    || (entry.hasPrefix("points/.") && entry.hasSuffix(".tmp")), "unexpected \(entry)")
        }
        try Self.expectWholePoints(out)

        let rerun = try BNSimProcess.run(["run", config, "--output", out.path, "--quiet", "--no-plot", "--threads", "2"], in: dir)
        #expect(rerun.status == 0, "\(rerun)")
        #expect(rerun.stdout.contains("resumed: \(kept) of \(Self.points) points reused"), "\(rerun.stdout)")
        #expect(try DirectoryTree.files(out) == Self.reference.get(), "temporaries left by the kill must be gone after the rerun")
    }

    /// A signal while the figures are drawn (every table already written) says what was kept —
    /// not "points discarded" — and how to draw the figures, and exits 130 even though the
    /// interrupted drawing fails (the signal stops gnuplot; the failure must not win the race to
    /// exit 0). gnuplot is a stand-in that marks when it starts and then sleeps.
    @Test func aSignalWhileDrawingSaysTheTablesWereWritten() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let gnuplot = try FakeGnuplot(in: dir, wholeFigures: 0)
        defer { gnuplot.stop() }
        try Self.writeSmallConfig(in: dir)
        let process = try BNSimProcess(["run", "c.yaml", "--output", "out", "--quiet", "--threads", "1"], in: dir, timeout: 60,
                                       environment: gnuplot.environment)
        #expect(process.wait { gnuplot.hasStarted }, "gnuplot never started")
        process.send(SIGINT)
        let outcome = process.wait()
        #expect(outcome.status == 130, "\(outcome)")
        #expect(outcome.stderr.contains("the point and the combined tables were written; figures not drawn: run `bnsim plot ")
                    && outcome.stderr.contains("/out`") && !outcome.stderr.contains("discarded"),
                "\(outcome.stderr)")
        for file in Self.combined { #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/" + file).path), "\(file)") }
        #expect(gnuplot.isGone(), "gnuplot (pid \(gnuplot.pid ?? -1)) still runs")
        // The stopped gnuplot's temporaries are gone.
        let entries = DirectoryTree.entries(dir.appendingPathComponent("out"))
        #expect(!entries.contains { $0.contains(".tmp") }, "\(entries)")
    }

    /// `bnsim plot DIR` stopped by a signal while gnuplot draws its second figure: gnuplot is
    /// stopped and gone, the partial figure it had written under its temporary name is removed, the
    /// first figure stays, and the line says so; exit 130 or 143.
    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func aSignalWhilePlottingStopsGnuplotAndKeepsTheFiguresDrawn(signal: Int32, status: Int32, name: String) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let out = try Self.smallResults(in: dir)
        let gnuplot = try FakeGnuplot(in: dir, wholeFigures: 1)
        defer { gnuplot.stop() }
        let process = try BNSimProcess(["plot", out.path], in: dir, timeout: 60, environment: gnuplot.environment)
        #expect(process.wait { gnuplot.hasStarted }, "gnuplot never started")
        // What is to be cleaned up is there: the partial figure under its temporary name.
        #expect(DirectoryTree.entries(out).contains { $0.hasSuffix(".tmp") }, "the stand-in wrote no partial figure")
        process.send(signal)
        let outcome = process.wait()
        #expect(outcome.status == status, "\(outcome)")
        let first = try #require(gnuplot.drawn.first)
        let figures = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".gp") }.count
        #expect(outcome.stderr == "bnsim: interrupted by \(name): 1 of \(figures) figures drawn, the others not; "
                + "rerun `bnsim plot \(out.path)` to draw them all\n", "\(outcome.stderr)")
        #expect(gnuplot.isGone(), "gnuplot (pid \(gnuplot.pid ?? -1)) still runs")
        let entries = DirectoryTree.entries(out)
        #expect(!entries.contains { $0.hasSuffix(".tmp") }, "\(entries)")
        #expect(entries.filter { $0.hasSuffix(".png") || $0.hasSuffix(".svg") } == [first + ".png", first + ".svg"], "\(entries)")
    }

    /// SIGKILL cannot be caught: the gnuplot of a killed `bnsim plot` runs on and its partial
    /// figure stays under a temporary name. The next `bnsim plot` removes it.
    @Test func theNextPlotRemovesWhatAKilledPlotLeft() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let out = try Self.smallResults(in: dir)
        let gnuplot = try FakeGnuplot(in: dir, wholeFigures: 0)
        defer { gnuplot.stop() }
        let process = try BNSimProcess(["plot", out.path], in: dir, timeout: 60, environment: gnuplot.environment)
        #expect(process.wait { gnuplot.hasStarted }, "gnuplot never started")
        process.send(SIGKILL)
        #expect(process.wait().signal == SIGKILL)
        gnuplot.stop()
        #expect(DirectoryTree.entries(out).contains { $0.hasSuffix(".tmp") }, "the killed plot left no temporary")

        let whole = try FakeGnuplot(in: dir.appendingPathComponent("whole"), wholeFigures: 1000)
        let rerun = try BNSimProcess.run(["plot", out.path], in: dir, timeout: 60, environment: whole.environment)
        #expect(rerun.status == 0, "\(rerun)")
        let entries = DirectoryTree.entries(out)
        #expect(!entries.contains { $0.hasSuffix(".tmp") }, "\(entries)")
    }

    static func writeSmallConfig(in dir: URL) throws {
        try "version: 1\nname: plot-interrupt\nmodel: {N: 100}\ntraining: {alpha_max: 1}\nsimulation: {seeds: 2, test_samples: 50}\noutput: {alpha_points: 3, alpha_min: 0.25}\n"
            .write(toFile: dir.appendingPathComponent("c.yaml").path, atomically: true, encoding: .utf8)
    }

    /// The tables of a one-point run, without figures: `dir/out`.
    static func smallResults(in dir: URL) throws -> URL {
        try writeSmallConfig(in: dir)
        let run = try BNSimProcess.run(["run", "c.yaml", "--output", "out", "--quiet", "--no-plot", "--threads", "1"], in: dir, timeout: 60)
        guard run.status == 0 else { throw Failure("run: \(run)") }
        return dir.appendingPathComponent("out")
    }
}

/// A stand-in for gnuplot, first on PATH. bnsim runs `gnuplot -e "png_output = '…'; svg_output =
/// '…'" NAME.gp` in the results directory; the first `wholeFigures` calls write a whole figure to
/// those names (a PNG signature and end chunk, an empty SVG) and note NAME; a later call writes the
/// start of a PNG, notes its pid, marks that it has started and sleeps.
struct FakeGnuplot {
    let bin: URL, started: URL, pidFile: URL, drawnFile: URL

    init(in dir: URL, wholeFigures: Int) throws {
        bin = dir.appendingPathComponent("bin")
        started = dir.appendingPathComponent("gnuplot-started")
        pidFile = dir.appendingPathComponent("gnuplot.pid")
        drawnFile = dir.appendingPathComponent("gnuplot-drawn")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            png=$(printf '%s\\n' "$2" | sed -n "s/^png_output = '\\([^']*\\)'.*/\\1/p")
            svg=$(printf '%s\\n' "$2" | sed -n "s/.*svg_output = '\\([^']*\\)'.*/\\1/p")
            if [ "$(cat '\(drawnFile.path)' 2>/dev/null | wc -l)" -lt \(wholeFigures) ]; then
                printf '\\211PNG\\015\\012\\032\\012\\000\\000\\000\\000IEND\\256B`\\202' > "$png"
                printf '<svg></svg>\\n' > "$svg"
                echo "${3%.gp}" >> '\(drawnFile.path)'
                exit 0
            fi
            printf '\\211PNG\\015\\012\\032\\012' > "$png"
            echo $$ > '\(pidFile.path)'
            touch '\(started.path)'
            exec sleep 120

            """
        // Written by a child shell: a file this multithreaded process had open for writing could
        // leak into a test's concurrently spawned child and make exec fail (ETXTBSY).
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf '%s' \"$1\" > \"$0\" && chmod 755 \"$0\"", bin.appendingPathComponent("gnuplot").path, script]
        try writer.run()
        writer.waitUntilExit()
        guard writer.terminationStatus == 0 else { throw InterruptionTests.Failure("cannot write the stand-in gnuplot") }
    }

    var environment: [String: String] { ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")] }
    var hasStarted: Bool { FileManager.default.fileExists(atPath: started.path) }
    var pid: pid_t? { (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) } }
    /// The figures drawn whole, in order.
    var drawn: [String] { ((try? String(contentsOf: drawnFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }

    /// Whether the sleeping stand-in has ended, within 10 s (bnsim reaps what it stops before it exits).
    func isGone() -> Bool {
        guard let pid else { return true }
        for _ in 0..<1000 {
            if kill(pid, 0) != 0 { return true }
            usleep(10_000)
        }
        return false
    }

    /// Ends the sleeping stand-in if it still runs (no one else stops it after a SIGKILL of
    /// bnsim, or before the fix this test checks); only its own `sleep`, should the pid be reused.
    func stop() {
        guard let pid, pid > 0, let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
              command == "sleep\u{0}120\u{0}" else { return }
        kill(pid, SIGKILL)
    }
}
