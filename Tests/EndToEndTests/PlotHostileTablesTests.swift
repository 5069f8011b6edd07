import Foundation
import Testing
import _TestSupport

/// Plotting a results directory never runs anything its tables say: a hostile cell (quotes,
/// backquotes, `system(`, `;`, `@`, `../`, control characters, a very long cell) in any table
/// `bnsim plot` reads is either refused with one line naming the file, line and column, or —
/// in a column the figures never read — drawn around; no command runs (a marker file is never
/// made) and a refused directory gets no figure. Damaged tables (cut short, a wrong number of
/// cells, text where a number belongs) are refused the same way.
struct PlotHostileTablesTests {
    static let results = CommittedFiguresTests.repository.appendingPathComponent("results")

    /// The first rows of committed tables, one per table `bnsim plot` reads (with swept
    /// key-path columns where the table has them).
    static let excerpts: [(file: String, source: String, rows: Int)] = [
        ("theory.csv", "paper/data-dependence/noise/theory.csv", 6),
        ("simulation.csv", "paper/data-dependence/noise/simulation.csv", 6),
        ("lr_max.csv", "lr-max/lr_max.csv", 4),
        ("jitter.csv", "paper/bn-jitter/jitter.csv", 6),
        ("zeta.csv", "paper/c1-gamma-decay/zeta.csv", 12),
        ("plateau.csv", "generated/plateau.csv", 4),
        ("overlaps.csv", "generated/overlaps.csv", 60),
        ("convex.csv", "paper/convex-gap/convex.csv", 4),
    ]

    /// Tables a table's figures need beside it (the plateau figure draws plateau.csv's curves from simulation.csv).
    static let companions: [String: [(file: String, source: String, rows: Int)]] = [
        "plateau.csv": [("simulation.csv", "generated/simulation.csv", 1000), ("theory.csv", "generated/theory.csv", 1000)],
    ]

    /// The two-layer tables (plateau.csv, overlaps.csv) of a tiny committee run made for the test:
    /// results/ holds no committed two-layer run with every table.
    static func generated() throws -> URL {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("two.yaml")
        try """
            name: hostile-two
            model: {N: 50, activation: erf, student_units: 2, teacher_units: 2}
            training: {method: sgd, learning_rate: 1, alpha_max: 4}
            simulation: {seeds: 2, test_samples: 0}
            output: {alpha_points: 5}
            """.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["run", config.path, "--output", out.path, "--quiet", "--no-plot"])
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
        return out
    }

    /// The columns each table's figures read (all others are never looked at).
    static let readColumns: [String: Set<String>] = [
        "theory.csv": ["run_id", "model.input_noise", "method", "activation", "N", "learning_rate", "batch_size", "teacher_noise",
                       "weight_decay", "gamma_decay", "variant", "alpha", "Q", "R", "r", "gamma", "eta_eff", "eg", "status"],
        "simulation.csv": ["run_id", "model.input_noise", "method", "activation", "N", "learning_rate", "batch_size", "teacher_noise",
                           "weight_decay", "gamma_decay", "seed", "alpha", "Q", "Q_se", "R", "R_se", "r", "r_se", "gamma", "gamma_se",
                           "eta_eff", "eta_eff_se", "eg", "eg_se", "status"],
        "lr_max.csv": ["run_id", "method", "activation", "N", "batch_size", "teacher_noise", "weight_decay", "gamma_decay", "engine",
                       "window_status", "eta_low", "eta_high", "eta_div", "eta_largest_converged", "local_status", "local_parameter", "local_bound"],
        "jitter.csv": ["run_id", "training.init.beta", "M", "threshold_sd", "threshold_sd_se", "threshold_sd_predicted",
                       "flip_rate", "flip_rate_se", "flip_rate_predicted"],
        "zeta.csv": ["M", "r", "gamma", "penalty_quadrature", "penalty_sampled", "penalty_sampled_se", "penalty_pn"],
        "plateau.csv": ["run_id", "method", "activation", "N", "batch_size", "teacher_noise", "weight_decay", "gamma_decay",
                        "engine", "variant", "seed", "status", "plateau_alpha", "height", "exit_alpha"],
        "overlaps.csv": ["run_id", "engine", "variant", "seed", "alpha", "matrix", "i", "j", "value"],
        "convex.csv": Set(["N", "P", "alpha", "lambda", "teacher", "noise", "instance", "patterns_mode", "patterns",
                           "patterns_general_position", "m_star", "eg_optimum", "solve_seconds"]
                          + [1, 2, 4, 8, 16, 32].flatMap { ["gap_m\($0)", "eg_gd_m\($0)"] }),
    ]

    let dir: URL
    let marker: URL

    init() throws {
        dir = try BNSimBinary.temporaryDirectory()
        marker = dir.appendingPathComponent("owned")
    }

    /// Cells that would run `touch MARKER` if they reached a gnuplot command unescaped.
    var payloads: [String] {
        let touch = "system(\"touch \(marker.path)\")"
        return [
            "wn\" ; \(touch) #", "wn' ; \(touch) #", "`touch \(marker.path)`", "x\"; print `touch \(marker.path)` #",
            "1; \(touch)", "@touch", "../../../tmp/evil", "bn\r\(touch)", "\\\"; \(touch) #\\",
            String(repeating: "a", count: 5000) + "\"; \(touch)",
        ]
    }

    func excerpt(_ source: String, rows: Int) throws -> [[String]] {
        let url = source.hasPrefix("generated/")
            ? try Self.generated().appendingPathComponent(String(source.dropFirst("generated/".count))) : Self.results.appendingPathComponent(source)
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").prefix(rows + 1).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func write(_ table: [[String]], as file: String, into directory: URL) throws {
        try Data((table.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent(file))
    }

    func plot(_ directory: URL) throws -> BNSimBinary.Result { try BNSimBinary.run(["plot", directory.path], in: directory) }

    func expectRefused(_ result: BNSimBinary.Result, _ path: String, _ what: String, in directory: URL) throws {
        #expect(result.status == 1, "\(what): \(result.stdout)")
        #expect(result.stderr.hasPrefix("bnsim: error: \(path), line "), "\(what): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(what): \(result.stderr)")
        #expect(result.stderr.utf8.count < 400, "\(what): the error repeats the long cell")
        let made = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasSuffix(".csv") }
        #expect(made.isEmpty, "\(what): a refused directory got \(made)")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "\(what): a cell ran a command")
    }

    /// The excerpts plot; no script line outside a comment holds a double quote or backquote (every
    /// string is single-quoted).
    @Test func cleanExcerptsPlotWithSingleQuotedScripts() throws {
        for e in Self.excerpts { try write(try excerpt(e.source, rows: e.rows), as: e.file, into: dir) }
        let result = try plot(dir)
        #expect(result.status == 0, "\(result.stderr)")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".gp") }
        #expect(scripts.count >= 5, "\(scripts)")
        for name in scripts {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                #expect(!line.contains("\"") && !line.contains("`"), "\(name): \(line)")
            }
        }
    }

    /// The two-layer figures (plateau, overlaps) from the tables of a real run: drawn, every
    /// string single-quoted.
    @Test func committeeTablesPlotWithSingleQuotedScripts() throws {
        let source = try Self.generated()
        for file in ["theory.csv", "simulation.csv", "plateau.csv", "overlaps.csv"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let result = try plot(dir)
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["plateau", "overlaps"] {
            let text = try String(contentsOf: dir.appendingPathComponent(name + ".gp"), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                #expect(!line.contains("\"") && !line.contains("`"), "\(name): \(line)")
            }
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name + ".svg").path))
        }
    }

    /// Every payload in every column the figures read, and in the header of a swept column: refused.
    @Test(arguments: excerpts.map(\.file))
    func hostileCellsInReadColumnsAreRefused(_ file: String) throws {
        let e = Self.excerpts.first { $0.file == file }!
        let table = try excerpt(e.source, rows: e.rows)
        let path = dir.appendingPathComponent(file).path
        for (c, column) in table[0].enumerated() where Self.readColumns[file]!.contains(column) {
            for payload in payloads {
                var hostile = table
                hostile[1 + c % (table.count - 1)][c] = payload
                try write(hostile, as: file, into: dir)
                try expectRefused(try plot(dir), path, "\(file) \(column) = \(payload.prefix(40))", in: dir)
            }
        }
        if let swept = table[0].dropFirst().first(where: { $0.contains(".") }), let c = table[0].firstIndex(of: swept) {
            for payload in payloads {
                var hostile = table
                hostile[0][c] = payload
                try write(hostile, as: file, into: dir)
                try expectRefused(try plot(dir), path, "\(file) header \(swept) = \(payload.prefix(40))", in: dir)
            }
        }
    }

    /// Every column the figures never read holds a payload at once: the figures are drawn, nothing runs.
    @Test(arguments: excerpts.map(\.file))
    func hostileCellsInUnreadColumnsAreDrawnAround(_ file: String) throws {
        let e = Self.excerpts.first { $0.file == file }!
        var table = try excerpt(e.source, rows: e.rows)
        let unread = table[0].indices.filter { !Self.readColumns[file]!.contains(table[0][$0]) }
        // overlaps.csv: its figure reads every column.
        #expect(!unread.isEmpty || file == "overlaps.csv")
        if unread.isEmpty { return }
        for c in Self.companions[file] ?? [] { try write(try excerpt(c.source, rows: c.rows), as: c.file, into: dir) }
        for (k, c) in unread.enumerated() {
            for row in 1..<table.count { table[row][c] = payloads[(k + row) % payloads.count].replacingOccurrences(of: ",", with: ";") }
        }
        try write(table, as: file, into: dir)
        let result = try plot(dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "a cell ran a command")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            #expect(!name.contains("evil") && !name.hasPrefix(".") && !name.contains("\r"), "\(name)")
        }
    }

    /// A newline inside a cell, a cut-short file, a missing or extra cell, a word where a number
    /// belongs, an empty file: refused, naming the file and line.
    @Test func damagedTablesAreRefused() throws {
        let table = try excerpt("lr-max/lr_max.csv", rows: 4)
        let text = table.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let path = dir.appendingPathComponent("lr_max.csv").path
        let lines = text.split(separator: "\n").map(String.init)
        let damaged: [(String, String)] = [
            ("cut mid-number", String(text.dropLast(4))),
            ("a missing cell", ([lines[0], lines[1], String(lines[2].prefix { $0 != "," }) + String(lines[2].drop { $0 != "," }.dropFirst().drop { $0 != "," })] + lines[3...]).joined(separator: "\n") + "\n"),
            ("an extra cell", ([lines[0], lines[1] + ",7"] + lines[2...]).joined(separator: "\n") + "\n"),
            ("a newline in a cell", text.replacingOccurrences(of: ",sgd,", with: ",sg\nd,")),
            ("a word for a number", text.replacingOccurrences(of: ",bounded,", with: ",bounded,x", options: [], range: text.range(of: ",bounded,"))),
            ("an empty line", ([lines[0], ""] + lines[1...]).joined(separator: "\n") + "\n"),
            ("not a finite number", text.replacingOccurrences(of: ",found,", with: ",found,inf")),
            ("an empty file", ""),
        ]
        for (what, contents) in damaged {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
            let result = try plot(dir)
            #expect(result.status == 1, "\(what)")
            let prefix = what == "an empty file" ? "bnsim: error: \(path), line 1: the file is empty" : "bnsim: error: \(path), line "
            #expect(result.stderr.hasPrefix(prefix) && result.stderr.split(separator: "\n").count == 1, "\(what): \(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["lr_max.csv"], "\(what)")
        }
    }
}
