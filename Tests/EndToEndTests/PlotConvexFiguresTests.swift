import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import _TestSupport

/// `bnsim plot` on the output of `bnsim convex` (convex.csv, docs/model.md §11): eg_vs_alpha,
/// gap_vs_width and solve_time_vs_P are drawn when their data exist, every string of their scripts
/// is single-quoted, and a convex.csv whose width columns are damaged is refused in one line.
struct PlotConvexFiguresTests {
    static let figures = ["eg_vs_alpha", "gap_vs_width", "solve_time_vs_P"]

    /// A convex.csv with one P and one width; instance 1 has a negative gap (round-off) and
    /// instance 2 has P_cvx = 0 (empty gap).
    static let singleP = """
        N,P,alpha,lambda,teacher,noise,instance,seed,rank,patterns_mode,patterns,patterns_general_position,P_cvx,J_recovered,m_star,lower_bound,certified_gap,eg_optimum,solve_seconds,J_gd_m2,gap_m2,eg_gd_m2
        4,8,2.0,0.1,two-layer,0.1,0,11,4,enumerated,197,197,0.3,0.3,2,0.3,1e-14,0.11,0.314,0.31,0.033,0.12
        4,8,2.0,0.1,two-layer,0.1,1,12,4,enumerated,197,197,0.24,0.24,3,0.24,1e-13,0.1,0.991,0.24,-2.2e-16,0.1
        4,8,2.0,0.1,two-layer,0.1,2,13,4,enumerated,197,197,0.0,0.0,0,0.0,,0.2,0.001,0.0,,0.2

        """

    /// Each figure's data, script and images, sorted.
    static func files(of figures: [String]) -> [String] {
        var names: [String] = []
        for f in figures { for ending in [".dat", ".gp", ".png", ".svg"] { names.append(f + ending) } }
        return names.sorted()
    }

    func figureFiles(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasSuffix(".csv") && !$0.hasSuffix(".yaml") }.sorted()
    }

    func expectSingleQuoted(_ name: String, in dir: URL) throws {
        let text = try String(contentsOf: dir.appendingPathComponent(name + ".gp"), encoding: .utf8)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(!line.contains("\"") && !line.contains("`"), "\(name): \(line)")
        }
    }

    @Test func aConvexRunIsDrawnAndRedrawnToTheSameSources() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let config = dir.appendingPathComponent("c.yaml")
        try """
            name: cvx-plot
            model: {N: 3, teacher_noise: 0.1}
            simulation: {test_samples: 200}
            convex: {alphas: [2, 3], instances: 2, teacher: two-layer, widths: [1, 4], restarts: 1, steps: 200}
            """.write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let convex = try BNSimBinary.run(["convex", config.path, "--output", out.path, "--quiet"])
        #expect(convex.status == 0, "\(convex.stderr)")
        let plot = try BNSimBinary.run(["plot", out.path])
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(plot.stdout.contains("eg_vs_alpha.png, gap_vs_width.png, solve_time_vs_P.png"), "\(plot.stdout)")
        let made = try figureFiles(out)
        #expect(made == Self.files(of: Self.figures))
        for name in Self.figures {
            let svg = try Data(contentsOf: out.appendingPathComponent(name + ".svg"))
            #expect(XMLParser(data: svg).parse(), "\(name).svg is not well-formed XML")
            try expectSingleQuoted(name, in: out)
        }
        // Means over the two instances at each α: two rows per block, instances = 2.
        let eg = try String(contentsOf: out.appendingPathComponent("eg_vs_alpha.dat"), encoding: .utf8)
        let rows = eg.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t") }
        #expect(rows.count == 2 && rows.allSatisfy { $0.count == 8 && $0[1] == "2" }, "\(eg)")
        let sources = ["eg_vs_alpha.dat", "gap_vs_width.gp", "solve_time_vs_P.dat"]
        let first = try sources.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        let again = try BNSimBinary.run(["plot", out.path])
        #expect(again.status == 0, "\(again.stderr)")
        let second = try sources.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        #expect(second == first)
    }

    /// One P: no solve_time_vs_P. The gaps stay verbatim in the data; the script clamps them at
    /// 1e-16 and says so; an empty gap (P_cvx = 0) is NaN and that instance has no curve.
    @Test func oneWidthAndOnePDrawTheGapButNotTheScaling() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        try Self.singleP.write(to: dir.appendingPathComponent("convex.csv"), atomically: true, encoding: .utf8)
        let plot = try BNSimBinary.run(["plot", dir.path])
        #expect(plot.status == 0, "\(plot.stderr)")
        let made = try figureFiles(dir)
        #expect(made == Self.files(of: ["eg_vs_alpha", "gap_vs_width"]))
        let data = try String(contentsOf: dir.appendingPathComponent("gap_vs_width.dat"), encoding: .utf8)
        #expect(data.contains("\n2\t0.033\n") && data.contains("\n2\t-2.2e-16\n"), "\(data)")
        #expect(!data.contains("instance 2"), "an instance without a gap gets a curve: \(data)")
        let script = try String(contentsOf: dir.appendingPathComponent("gap_vs_width.gp"), encoding: .utf8)
        #expect(script.contains("using 1:($2 > 1e-16 ? $2 : 1e-16)"))
        #expect(script.contains("'gaps ≤ 1e-16 (round-off, ≤ 0) drawn at 1e-16'"))
        #expect(script.contains("set logscale xy"))
        // m* of instances 0 and 1 marked.
        #expect(data.contains("m_star of P = 8 (α = 2), instance 0\n2\n") && data.contains("m_star of P = 8 (α = 2), instance 1\n3\n"), "\(data)")
        let eg = try String(contentsOf: dir.appendingPathComponent("eg_vs_alpha.dat"), encoding: .utf8)
        #expect(eg.contains("\n2.0\t3\t"), "\(eg)")
    }

    /// A width's columns must both be there and be named plainly; a hostile or damaged column
    /// name is never a width, so the other column of the pair is missing: one line, no figure.
    @Test func damagedWidthColumnsAreRefusedInOneLine() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let marker = dir.appendingPathComponent("owned")
        let path = dir.appendingPathComponent("convex.csv").path
        let cases: [(header: String, error: String)] = [
            ("gap_m2\"; system(\"touch \(marker.path)\") #", "has no column gap_m2"),
            ("gap_m02", "has no column gap_m2"),
            ("gap_m2.0", "has no column gap_m2"),
            ("gap_m-2", "has no column gap_m2"),
            ("gap_m0", "has no column gap_m2"),
        ]
        for c in cases {
            let text = Self.singleP.replacingOccurrences(of: ",gap_m2,", with: ",\(c.header),")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let plot = try BNSimBinary.run(["plot", dir.path])
            #expect(plot.status == 1, "\(c.header): \(plot.stdout)")
            #expect(plot.stderr == "bnsim: error: \(path) \(c.error); was it written by this version of bnsim?\n", "\(c.header): \(plot.stderr)")
            let left = try figureFiles(dir)
            #expect(left.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: marker.path))
        }
        // A cell of a width column that is not a number.
        let bad = Self.singleP.replacingOccurrences(of: ",0.033,", with: ",0.033'; system('touch \(marker.path)') #,")
        try bad.write(toFile: path, atomically: true, encoding: .utf8)
        let plot = try BNSimBinary.run(["plot", dir.path])
        #expect(plot.status == 1)
        #expect(plot.stderr.hasPrefix("bnsim: error: \(path), line 2, column gap_m2: "), "\(plot.stderr)")
        let left = try figureFiles(dir)
        #expect(left.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }
}
