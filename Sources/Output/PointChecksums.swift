import Foundation

/// `points/<run_id>/checksums`: the line count and FNV-1a 64 hash of every other file of a point,
/// written as the point's last file, so that a point whose files were truncated, deleted or
/// changed after it was written (a disk that filled, a shard copied incompletely) is recognized
/// instead of being combined into the results. FNV-1a detects accidental damage; it is no guard
/// against deliberate forgery.
public struct PointChecksums: Sendable, Equatable {
    public static let fileName = "checksums"

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var lines: Int
        public var hash: UInt64
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The checksums of `files` (name and contents).
    public init(files: [(name: String, contents: String)]) {
        entries = files.map { Entry(name: $0.name, lines: Self.lineCount(Data($0.contents.utf8)), hash: Self.hash(Data($0.contents.utf8))) }
    }

    public var text: String {
        var out = "# bnsim point checksums: lines and FNV-1a 64 of every file of this point (results/README.md)\n"
        for entry in entries { out += "\(entry.name) \(entry.lines) \(Self.hex(entry.hash))\n" }
        return out
    }

    /// Reads a text written by `text`; nil when it is not one.
    public init?(parsing text: String) {
        var entries: [Entry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let lines = Int(fields[1]), fields[2].count == 16, let hash = UInt64(fields[2], radix: 16) else { return nil }
            entries.append(Entry(name: String(fields[0]), lines: lines, hash: hash))
        }
        guard !entries.isEmpty else { return nil }
        self.entries = entries
    }

    /// FNV-1a, 64 bits, over the bytes.
    public static func hash(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func lineCount(_ data: Data) -> Int { data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }

    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Why the files in `folder` do not match these checksums (file name, reason); nil when they do.
    /// Every file listed must be there with its line count and hash, and every point file that is
    /// there must be listed (a table the point did not have must not join the results).
    func damage(in folder: URL, knownNames: [String]) -> (file: String, reason: String)? {
        for entry in entries {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(entry.name).path) else {
                return (entry.name, "missing")
            }
            let lines = Self.lineCount(data)
            if lines != entry.lines { return (entry.name, "\(lines) lines, \(entry.lines) expected") }
            if Self.hash(data) != entry.hash { return (entry.name, "checksum mismatch") }
        }
        let listed = Set(entries.map(\.name))
        for name in knownNames where !listed.contains(name)
            && FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            return (name, "not listed in \(Self.fileName)")
        }
        return nil
    }
}

/// A stored point whose files do not match its checksums, or that has none.
public struct PointDamage: Error, CustomStringConvertible, Sendable {
    public let id: String
    /// The file at fault; nil when the point has no (readable) checksums file.
    public let file: String?
    public let reason: String
    public let folder: String

    /// "simulation.csv: checksum mismatch".
    public var what: String { file.map { "\($0): \(reason)" } ?? reason }
    public var description: String { "point \(id) in \(folder) is damaged (\(what))" }
}
