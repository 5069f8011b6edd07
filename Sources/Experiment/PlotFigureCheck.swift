import Foundation

/// What gnuplot wrote, checked before it replaces a figure: gnuplot exits 0 when it cannot write
/// (a full disk, a file-size limit) and leaves a figure cut short, so a figure counts as written
/// only when it is whole — a PNG from its signature to its IEND chunk, an SVG up to `</svg>`.
enum PlotFigureCheck {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The IEND chunk: zero length, type, CRC.
    static let pngEnd: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    /// Nil when `data` is a whole figure of `format` ("png" or "svg"), else what is wrong.
    static func problem(_ data: Data, format: String) -> String? {
        if data.isEmpty { return "gnuplot wrote an empty file" }
        switch format {
        case "png":
            guard data.starts(with: pngSignature) else { return "gnuplot wrote \(data.count) bytes that are not a PNG" }
            guard data.count >= pngSignature.count + pngEnd.count, data.suffix(pngEnd.count).elementsEqual(pngEnd) else {
                return "the PNG gnuplot wrote stops after \(data.count) bytes, before its end chunk"
            }
        default:
            let tail = String(decoding: data.suffix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard tail.hasSuffix("</svg>") else { return "the SVG gnuplot wrote stops after \(data.count) bytes, before </svg>" }
        }
        return nil
    }
}
