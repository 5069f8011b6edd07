import Foundation

/// The text of one gnuplot script: it draws the same figure as `NAME.png` (pngcairo, or libgd's
/// png where cairo is missing) and `NAME.svg`, from the `.dat` files beside it.
struct GnuplotScript {
    let name: String
    let about: String
    var width = 1280
    var height = 760
    var body: [String]

    /// Twelve colours distinguishable in print and by most colour-blind readers (Tol's muted
    /// scheme extended); curve k of a figure uses linetype k + 1.
    static let palette = ["#332288", "#CC6677", "#117733", "#DDCC77", "#88CCEE", "#882255",
                          "#44AA99", "#999933", "#AA4499", "#6699CC", "#661100", "#888888"]
    static let maximumCurves = palette.count

    var text: String {
        var lines = ["# \(about)", "# Written by `bnsim plot`; run `gnuplot \(name).gp` in this directory to redraw \(name).png and \(name).svg."]
        for (k, colour) in Self.palette.enumerated() { lines.append("set linetype \(k + 1) lc rgb \"\(colour)\" lw 2 pt 7 ps 0.8") }
        lines += [
            "font = \"DejaVu Sans,13\"",
            "do for [format in \"png svg\"] {",
            "    if (format eq \"svg\") {",
            "        set terminal svg size \(width),\(height) font font enhanced background rgb \"white\"",
            "    } else { if (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {",
            "        set terminal pngcairo size \(width),\(height) font font enhanced background rgb \"white\"",
            "    } else {",
            "        set terminal png size \(width),\(height) font font enhanced background rgb \"white\"",
            "    } }",
            "    set output \"\(name).\".format",
            "    reset",
            "    set encoding utf8",
            "    set datafile separator \"\\t\"",
            "    set grid lc rgb \"#dddddd\"",
        ]
        lines += body.map { "    " + $0 }
        lines += ["    set output", "}", ""]
        return lines.joined(separator: "\n")
    }

    /// A legend title for gnuplot: quoted, and not parsed as enhanced text (so "_" stays "_").
    static func title(_ text: String) -> String {
        "title \"\(text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\" noenhanced"
    }

    /// `plot a, \ b, \ c` over several lines.
    static func plot(_ elements: [String]) -> [String] {
        guard !elements.isEmpty else { return [] }
        return ["plot " + elements[0] + (elements.count > 1 ? ", \\" : "")]
            + elements.dropFirst().enumerated().map { k, e in "     " + e + (k + 2 < elements.count ? ", \\" : "") }
    }

    /// A number as gnuplot reads it.
    static func number(_ x: Double) -> String { x.description }
}
