import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import _TestSupport

/// `bnsim plot DIR` and the plots at the end of `bnsim run`. These tests need gnuplot (`./dev`
/// installs gnuplot-nox); without it they fail, saying so, rather than pass unchecked.
struct PlotCommandTests {
    static let config = """
        version: 1
        name: plots
        model: {N: 100}
        training: {method: sgd, learning_rate: 0.5, batch_size: 4, alpha_max: 3}
        simulation: {seeds: 2, seed: 3, test_samples: 100}
        output: {alpha_points: 6, alpha_min: 0.2}
        sweep:
          training.method: [sgd, bn]
          training.learning_rate: [0.5, 12.0]
        """
    static let lrMax = """
        run_id,method,activation,N,batch_size,teacher_noise,weight_decay,gamma_decay,engine,window_status,eta_low,eta_low_bracket,eta_high,eta_high_bracket,divergence_status,eta_div,eta_div_bracket,eta_largest_converged,eta_eff_end,local_status,local_parameter,local_bound,local_bracket
        run-a,sgd,relu,500,4,0.0,0.0,0.0,theory,bounded,1.1,0.02,7.5,0.1,found,11.0,0.2,7.4,7.4,bounded,eta,8.0,0.02
        run-a,sgd,relu,500,4,0.0,0.0,0.0,simulation,bounded,1.2,0.02,7.4,0.1,found,11.0,0.2,7.3,7.3,,,,
        run-b,sgd,relu,500,8,0.0,0.0,0.0,theory,bounded,2.3,0.04,15.0,0.3,found,22.2,0.4,14.8,14.8,bounded,eta,16.0,0.04
        run-c,wn,relu,500,8,0.0,0.0,0.0,theory,unbounded_above,4.8,0.08,,,none_in_range,,,100.0,7.6,bounded,eta,9.0,0.1

        """
    static let alphaFigures = ["eg", "order_parameters", "eta_eff", "eg_vs_eta"]
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    func requireGnuplot() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let found = path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/gnuplot") }
        try #require(found, "gnuplot is not on PATH: install gnuplot-nox (./dev setup does) — the plot tests need it")
    }

    /// Every figure is a PNG (by its signature) and an SVG that parses as XML.
    func expectFigures(_ names: [String], in dir: URL) throws {
        for name in names {
            let png = try Data(contentsOf: dir.appendingPathComponent("\(name).png"))
            #expect(Array(png.prefix(8)) == Self.pngSignature, "\(name).png is not a PNG")
            let svg = try Data(contentsOf: dir.appendingPathComponent("\(name).svg"))
            #expect(String(decoding: svg, as: UTF8.self).contains("<svg"), "\(name).svg has no <svg")
            #expect(XMLParser(data: svg).parse(), "\(name).svg is not well-formed XML")
        }
    }

    /// The `.dat` and `.gp` files of a directory, by name.
    func sources(_ dir: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".dat") || name.hasSuffix(".gp") {
            files[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return files
    }

    @Test func runPlotsAndPlotRedrawsTheSameSources() throws {
        try requireGnuplot()
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try Self.config.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let run = try BNSimBinary.run(["run", config.path, "--output", out.path, "--quiet", "--threads", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("plots skipped"), "\(run.stderr)")
        // bnsim run drew the figures itself.
        try expectFigures(Self.alphaFigures, in: out)
        let first = try sources(out)
        for name in ["theory.dat", "simulation.dat", "eg_vs_eta.dat", "eg.gp", "order_parameters.gp", "eta_eff.gp", "eg_vs_eta.gp"] {
            #expect(first[name] != nil, "no \(name)")
        }
        // No cell of a data file is NaN or infinite: diverged runs simply end.
        for (name, data) in first where name.hasSuffix(".dat") {
            let text = String(decoding: data, as: UTF8.self).lowercased()
            #expect(!text.contains("nan") && !text.contains("inf"), "\(name) holds a non-finite number")
        }
        let plot = try BNSimBinary.run(["plot", out.path])
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(plot.stdout.hasPrefix("plotted eg.png"), "\(plot.stdout)")
        try expectFigures(Self.alphaFigures, in: out)
        let again = try BNSimBinary.run(["plot", out.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try sources(out) == first)
    }

    @Test func lrMaxFigureFromLrMaxCSVAlone() throws {
        try requireGnuplot()
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.lrMax.write(to: dir.appendingPathComponent("lr_max.csv"), atomically: true, encoding: .utf8)
        let plot = try BNSimBinary.run(["plot", dir.path])
        #expect(plot.status == 0, "\(plot.stderr)")
        try expectFigures(["lr_max_vs_M"], in: dir)
        let data = try String(contentsOf: dir.appendingPathComponent("lr_max.dat"), encoding: .utf8)
        #expect(data.contains("4\t1.1\n8\t2.3\n"), "theory η_low of sgd at M = 4, 8: \(data)")
    }

    @Test func runWithNoPlotDrawsNothing() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try Self.config.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let run = try BNSimBinary.run(["run", config.path, "--output", out.path, "--quiet", "--no-plot", "--set", "sweep.training.learning_rate=[0.5]"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("eg.png").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("eg.gp").path))
    }

    @Test func plotOfADirectoryWithoutCSVsFailsInOneLine() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let result = try BNSimBinary.run(["plot", dir.path])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("bnsim: error: \(dir.path) holds no theory.csv, simulation.csv, lr_max.csv, jitter.csv, zeta.csv or convex.csv"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        let missing = try BNSimBinary.run(["plot", dir.appendingPathComponent("nowhere").path])
        #expect(missing.status != 0 && missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
    }
}
