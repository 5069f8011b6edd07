import Foundation

/// The text of one gnuplot script: it draws the same figure as `NAME.png` (pngcairo, or libgd's
/// png where cairo is missing) and `NAME.svg`, from the `.dat` files beside it.
///
/// Scripts never hold text from a table unescaped: every string in them — labels, titles, file
/// names — is a literal made by `quote`, and figure names pass `fileName`.
struct GnuplotScript {
    let name: String
    let about: String
    var width = 1280
    var height = 760
    var body: [String]

    init(name: String, about: String, width: Int = 1280, height: Int = 760, body: [String]) {
        self.name = Self.fileName(name)
        self.about = about
        self.width = width
        self.height = height
        self.body = body
    }

    /// Twelve colours distinguishable in print and by most colour-blind readers (Tol's muted
    /// scheme extended); curve k of a figure uses linetype k + 1.
    static let palette = ["#332288", "#CC6677", "#117733", "#DDCC77", "#88CCEE", "#882255",
                          "#44AA99", "#999933", "#AA4499", "#6699CC", "#661100", "#888888"]
    static let maximumCurves = palette.count
    /// A dash pattern and a point shape per curve as well as a colour, so that twelve curves stay
    /// apart in grey print and for colour-blind readers (× is kept for "diverged here").
    static let dashTypes = ["1", "2", "3", "4", "5", "(8,4,2,4,2,4)", "(16,6)", "(4,8)", "(12,4,4,4)", "(2,3)", "(20,4,2,4)", "(6,3,1,3,1,3)"]
    static let pointTypes = [7, 4, 9, 12, 6, 5, 11, 8, 13, 10, 1, 3]
    static let divergedPoint = "pt 2 ps 2.5 lw 3"

    /// The dash pattern and point shape of curve `k` of a figure.
    static func style(_ k: Int) -> String { "dt \(dashTypes[k % dashTypes.count]) pt \(pointTypes[k % pointTypes.count])" }

    var text: String {
        let q = Self.quote
        var lines = ["# \(about)", "# Written by `bnsim plot`; run `gnuplot \(name).gp` in this directory to redraw \(name).png and \(name).svg."]
        for (k, colour) in Self.palette.enumerated() { lines.append("set linetype \(k + 1) lc rgb \(q(colour)) lw 2 \(Self.style(k)) ps 0.8") }
        lines += [
            "# bnsim plot sets these to temporary names, checks what gnuplot wrote there and renames it into place.",
            "if (!exists(\(q(Self.pngOutput)))) \(Self.pngOutput) = \(q(name + ".png"))",
            "if (!exists(\(q(Self.svgOutput)))) \(Self.svgOutput) = \(q(name + ".svg"))",
            "font = \(q("DejaVu Sans,13"))",
            "do for [format in \(q("png svg"))] {",
            "    if (format eq \(q("svg"))) {",
            "        set terminal svg size \(width),\(height) font font enhanced background rgb \(q("white"))",
            "    } else { if (strstrt(GPVAL_TERMINALS, \(q("pngcairo"))) > 0) {",
            "        set terminal pngcairo size \(width),\(height) font font enhanced background rgb \(q("white"))",
            "    } else {",
            "        set terminal png size \(width),\(height) font font enhanced background rgb \(q("white"))",
            "    } }",
            "    set output (format eq \(q("png")) ? \(Self.pngOutput) : \(Self.svgOutput))",
            "    reset",
            "    set encoding utf8",
            "    set datafile separator tab",
            "    set grid lc rgb \(q("#dddddd"))",
        ]
        lines += body.map { "    " + $0 }
        lines += ["    set output", "}", ""]
        return lines.joined(separator: "\n")
    }

    /// The variables that name the files a script writes.
    static let pngOutput = "png_output", svgOutput = "svg_output"

    /// The one way text enters a script: a single-quoted gnuplot string, inside which gnuplot
    /// substitutes no backquoted command, no `@` macro and no backslash escape. A quote is
    /// doubled (gnuplot's escape for it); control characters, which could end the command line,
    /// become `?`; at most 200 characters.
    static func quote(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars.prefix(200) {
            if s == "'" { scalars.append(contentsOf: "''".unicodeScalars) }
            else if s.properties.generalCategory == .control || s == "\u{2028}" || s == "\u{2029}" { scalars.append("?") }
            else { scalars.append(s) }
        }
        return "'" + String(scalars) + "'"
    }

    /// A figure's file name: letters, digits, `_`, `-` and `.` only (anything else becomes `_`),
    /// not hidden, at most 100 characters — a name made from table cells stays in its directory.
    static func fileName(_ name: String) -> String {
        let safe = String(String.UnicodeScalarView(name.unicodeScalars.prefix(100).map { s in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "-" || s == ".") ? s : "_"
        }))
        return safe.hasPrefix(".") || safe.isEmpty ? "_" + safe : safe
    }

    /// A legend title for gnuplot: quoted, and not parsed as enhanced text (so "_" stays "_").
    static func title(_ text: String) -> String { "title \(quote(text)) noenhanced" }

    /// `plot a, \ b, \ c` over several lines.
    static func plot(_ elements: [String]) -> [String] {
        guard !elements.isEmpty else { return [] }
        return ["plot " + elements[0] + (elements.count > 1 ? ", \\" : "")]
            + elements.dropFirst().enumerated().map { k, e in "     " + e + (k + 2 < elements.count ? ", \\" : "") }
    }

    /// A number as gnuplot reads it.
    static func number(_ x: Double) -> String { x.description }

    /// A number as a label shows it: at most `digits` significant digits, like `%g` (0.1235, 1e-05, 16).
    static func label(_ x: Double, digits: Int = 4) -> String { String(format: "%.\(digits)g", x) }

    /// A log-axis range around `values` with a margin of `factor` on both sides, so that end
    /// points sit inside the frame.
    static func logRange(_ values: [Double], factor: Double = 1.3) -> (low: Double, high: Double)? {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let low = positive.min(), let high = positive.max() else { return nil }
        return (low / factor, high * factor)
    }

    /// Labelled ticks for a log axis over [low, high] that spans too little for gnuplot's own
    /// (at powers of ten: one label or none below about a decade): the first of the 1–2–5,
    /// 1…9 and 1, 1.5, 2, 2.5, 3, 4, …, 9 × 10^k sets with three values inside it, else about six
    /// of the 1.0, 1.1, …, 9.9 × 10^k values (at least two, as the axis spans a factor ≥ 1.3);
    /// nil for a wider axis.
    static func logTics(_ axis: String, low: Double, high: Double) -> String? {
        guard low > 0, high > low, high.isFinite, Foundation.log10(high / low) < 1.5 else { return nil }
        func inside(_ mantissas: [Double]) -> [Double] {
            var values: [Double] = []
            var decade = Foundation.pow(10, Foundation.floor(Foundation.log10(low)))
            while decade <= high {
                values += mantissas.map { $0 * decade }.filter { $0 >= low && $0 <= high }
                decade *= 10
            }
            return values
        }
        let sets: [[Double]] = [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9]]
        var values = sets.lazy.map(inside).first { $0.count >= 3 } ?? []
        if values.isEmpty {
            let fine = inside((10..<100).map { Double($0) / 10 })
            let stride = max(1, fine.count / 6)
            values = fine.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        }
        values = values.map { Double(label($0)) ?? $0 }  // 0.3, not 3 × 0.1 = 0.30000000000000004
        guard values.count >= 2 else { return nil }
        return "set \(axis)tics (" + values.map { "\(quote(label($0))) \(number($0))" }.joined(separator: ", ") + ")"
    }

    /// `set xtics`/`set ytics` at the given values when they are few (a log axis spanning less
    /// than a decade has one or no labelled tick of its own), else readable `%g` labels.
    static func tics(_ axis: String, at values: [Double]) -> [String] {
        let distinct = Set(values.filter { $0 > 0 }).sorted()
        guard !distinct.isEmpty, distinct.count <= 10 else { return ["set format \(axis) \(quote("%g"))"] }
        return ["set \(axis)tics (" + distinct.map { "\(quote(label($0))) \(number($0))" }.joined(separator: ", ") + ")"]
    }
}
