import Foundation
import Testing
import _TestSupport

/// The two-layer figures of `bnsim plot`: `plateau` marks every theory and seed-mean plateau of
/// plateau.csv (its segment at the height in plateau.dat, a vertical line at each exit α in the
/// script), and `overlaps` draws R, Q and the specialization of the run; single-unit results get
/// neither.
struct PlotCommitteeFiguresTests {
    @Test func plateauAndOverlapFiguresMarkWhatPlateauCsvSays() throws {
        let (result, out) = try CommitteeRunTests.run("""
            name: plateau-figure
            model: {N: 200, activation: erf, teacher_units: 2, student_units: 2}
            training: {method: sgd, learning_rate: 1, alpha_max: 40}
            simulation: {seeds: 2, test_samples: 0}
            output: {alpha_points: 12, alpha_min: 0.5}
            """, "figure")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try BNSimBinary.csvRows(out.appendingPathComponent("plateau.csv")).filter { $0["engine"] == "theory" || $0["seed"] == "all" }
        #expect(rows.count == 2)
        let script = try String(contentsOf: out.appendingPathComponent("plateau.gp"), encoding: .utf8)
        let data = try String(contentsOf: out.appendingPathComponent("plateau.dat"), encoding: .utf8)
        for row in rows {
            let alpha = try #require(Double(row["plateau_alpha"] ?? "")), height = try #require(Double(row["height"] ?? ""))
            #expect(data.contains("\(alpha)\t\(height)\n"), "segment of \(row)")
            if let exit = Double(row["exit_alpha"] ?? "") {
                #expect(script.contains("set arrow from first \(exit), graph 0 to first \(exit), graph 1 nohead"), "exit line of \(row)")
                #expect(data.contains("\(exit)\t\(height)\n"), "segment end of \(row)")
            }
        }
        #expect(script.contains("set logscale xy"))
        let overlaps = try String(contentsOf: out.appendingPathComponent("overlaps.gp"), encoding: .utf8)
        for label in ["R_{km}", "Q_{kl}", "specialization"] { #expect(overlaps.contains(label), "\(label)") }
        for name in ["plateau", "overlaps"] {
            #expect(try Data(contentsOf: out.appendingPathComponent(name + ".png")).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    @Test func singleUnitResultsGetNoTwoLayerFigures() throws {
        let (result, out) = try CommitteeRunTests.run("""
            name: single-figure
            model: {N: 100}
            training: {alpha_max: 1}
            simulation: {seeds: 2, test_samples: 0}
            output: {alpha_points: 3}
            """, "single")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("eg.png").path))
        for name in ["plateau.png", "overlaps.png", "plateau.dat", "overlaps.dat"] {
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
    }
}
