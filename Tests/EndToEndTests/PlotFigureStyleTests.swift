import Foundation
import Testing
import _TestSupport

/// Figures that read: end points inside the frame with readable ticks (eg_vs_eta), legend numbers
/// with at most 4 significant digits, a × where a run diverged, a distinct dash pattern and point
/// shape for every curve of a plot, lr_max_vs_M panels on one y-range with the local bound.
struct PlotFigureStyleTests {
    /// The committed CSVs of `name`, plotted in a fresh directory; its scripts by name.
    func plotted(_ name: String) throws -> (dir: URL, scripts: [String: String]) {
        let committed = CommittedFiguresTests.repository.appendingPathComponent("results/\(name)")
        let dir = try BNSimBinary.temporaryDirectory()
        for file in try FileManager.default.contentsOfDirectory(atPath: committed.path) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(at: committed.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let result = try BNSimBinary.run(["plot", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        var scripts: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".gp") {
            scripts[file] = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
        }
        return (dir, scripts)
    }

    /// The plot commands of a script, each as its list of elements.
    func plots(_ script: String) -> [[String]] {
        var plots: [[String]] = [], current: [String]?
        for line in script.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("plot ") { current = [String(line.dropFirst(5))] } else if current != nil { current!.append(line) }
            if current != nil && !line.hasSuffix("\\") { plots.append(current!); current = nil }
        }
        return plots
    }

    @Test(arguments: ["lr-sweep", "paper/c1-gamma-decay", "paper/c2-blowup", "paper/c4-noisy-teacher", "paper/data-dependence/kurtosis"])
    func everyCurveOfAPlotHasItsOwnDashAndPoint(_ name: String) throws {
        let (_, scripts) = try plotted(name)
        #expect(!scripts.isEmpty)
        for (file, text) in scripts {
            for plot in plots(text) {
                let styles = plot.filter { $0.contains("with linespoints") }.compactMap { e -> String? in
                    guard let dt = e.range(of: "dt "), let pi = e.range(of: " pi ") else { return nil }
                    return String(e[dt.lowerBound..<pi.lowerBound])
                }
                #expect(Set(styles).count == styles.count, "\(name)/\(file): \(styles)")
            }
            // Legend numbers: at most 4 significant digits (no 0.31622776601683794).
            for title in text.components(separatedBy: "title '").dropFirst().map({ $0.prefix { $0 != "'" } }) {
                let numbers = title.split { !($0.isNumber || $0 == ".") }.map { $0.prefix { $0 != "e" } }
                for n in numbers {
                    let significant = n.filter(\.isNumber).drop { $0 == "0" }
                    #expect(significant.count <= 4, "\(name)/\(file): \(title)")
                }
            }
        }
    }

    @Test func egVsEtaKeepsEndPointsInsideWithATickPerEta() throws {
        let (_, scripts) = try plotted("lr-sweep")
        let text = try #require(scripts["eg_vs_eta.gp"])
        #expect(text.contains("set xrange [0.1923076923076923:83.2]"), "padded by 1.3 around η = 0.25 … 64")
        #expect(text.contains("set xtics ('0.25' 0.25, '0.5' 0.5, '1' 1.0, '2' 2.0, '4' 4.0, '8' 8.0, '16' 16.0, '32' 32.0, '64' 64.0)"))
        #expect(!text.contains("autoscale xfix"))
        #expect(text.contains("title 'diverged"), "runs that diverged are marked")
    }

    /// ε_g within less than a decade: gnuplot's own log ticks (at powers of ten) would label one
    /// value or none, so the script names at least two inside the range.
    /// (α_max = 3 with η = 0.5, 0.51 has a single 1…9 × 10^k value, 0.2, inside its range.)
    @Test(arguments: [(1.0, "[0.5, 0.6, 0.7]"), (3.0, "[0.5, 0.51]")])
    func egVsEtaLabelsANarrowLogAxis(_ alphaMax: Double, _ rates: String) throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("narrow.yaml")
        try """
            name: narrow
            model: {N: 100}
            training: {method: sgd, alpha_max: \(alphaMax)}
            simulation: {enabled: false}
            output: {alpha_points: 3}
            sweep: {training.learning_rate: \(rates)}
            """.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try BNSimBinary.run(["run", config.path, "--output", out.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: out.appendingPathComponent("eg_vs_eta.gp"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let range = try #require(lines.first { $0.hasPrefix("set yrange [") })
        let ends = range.dropFirst("set yrange [".count).dropLast().split(separator: ":").compactMap { Double($0) }
        #expect(ends.count == 2 && log10(ends[1] / ends[0]) < 1, "\(range)")
        let tics = try #require(lines.first { $0.hasPrefix("set ytics (") }, "\(text)")
        let values = tics.split(separator: ",").compactMap { Double($0.split(separator: " ").last!.filter { $0 != ")" }) }
        #expect(values.filter { $0 >= ends[0] && $0 <= ends[1] }.count >= 2, "\(tics) within \(range)")
    }

    @Test func aDivergedRunIsMarkedWhereItStopped() throws {
        let (_, scripts) = try plotted("paper/c2-blowup")
        let text = try #require(scripts["eg.gp"])
        #expect(text.contains("every ::") && text.contains("pt 2 ps 2.5"), "no × at the last α of the diverged run")
        #expect(text.contains("title 'diverged here (last α reached)'"))
    }

    @Test func lrMaxPanelsShareOneRangeAndShowTheLocalBound() throws {
        let (dir, scripts) = try plotted("lr-max")
        let text = try #require(scripts["lr_max_vs_M.gp"])
        // One range for the data panels (the other is the key's empty panel).
        #expect(text.components(separatedBy: "set yrange [").count - 1 == 2, "\(text)")
        #expect(text.contains("local stability bound on η"))
        let data = try String(contentsOf: dir.appendingPathComponent("lr_max.dat"), encoding: .utf8)
        #expect(data.contains("sgd local_bound on eta theory\n4\t7.998767950911829\n"), "\(data)")
        // A panel with nothing to draw (bn's window empty at every M) is drawn empty, not an error.
        let only = try BNSimBinary.temporaryDirectory()
        let lines = try String(contentsOf: dir.appendingPathComponent("lr_max.csv"), encoding: .utf8).split(separator: "\n")
        try (lines.prefix(7).joined(separator: "\n") + "\n").write(to: only.appendingPathComponent("lr_max.csv"), atomically: true, encoding: .utf8)
        let result = try BNSimBinary.run(["plot", only.path])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
