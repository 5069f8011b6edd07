import Foundation
import Model

/// A deterministic, seeded mutator of config files for fuzz tests.
///
/// It works on the text of a shipped config: its values and keys are found by a small scanner
/// (a key is a token followed by `:`, a value any other scalar token, in block and flow style
/// alike), and each case applies one to three mutations drawn from `Kind`. Some cases are not
/// mutated text at all but a path that is not a config file (a directory, a missing file, a
/// device). The same seed gives the same cases on every machine, so a failure can be replayed
/// from the seed and case number the test prints.
public struct ConfigMutator {
    /// What one mutation does.
    public enum Kind: String, CaseIterable, Sendable {
        case deleteLine, deleteKeyBlock, misspellKey, unknownKey, wrongType, outOfRange, nonFinite, nullValue
        case hugeList, sweepExplosion, malformedYAML, binaryJunk, truncate, indentation, duplicateLine
        case controlCharacters, aliasBomb, deepNesting, longText, swapValues, wholeDocument
    }

    /// One fuzz case: the bytes of a file (or a special path instead of a file), the mutations
    /// applied and the shipped config it started from.
    public struct Case: Sendable {
        public enum Input: Sendable {
            case bytes([UInt8])
            /// Not a file to write: the loader is given this path (a directory, a missing file…).
            case path(Special)
        }
        public enum Special: String, Sendable, CaseIterable {
            case directory, missingFile, devNull, devZero, emptyFile
        }
        public let number: Int
        public let base: String
        public let kinds: [Kind]
        public let input: Input

        /// "case 17 (from default.yaml: misspellKey, nonFinite)", for failure messages.
        public var label: String {
            "case \(number) (from \(base): \(kinds.map(\.rawValue).joined(separator: ", ")))"
        }
    }

    /// The shipped configs, `configs/**/*.yaml`, by file name and text, sorted by path.
    public static func shippedConfigs(repositoryRoot: URL) -> [(name: String, text: String)] {
        let configs = repositoryRoot.appendingPathComponent("configs")
        let enumerator = FileManager.default.enumerator(at: configs, includingPropertiesForKeys: nil)
        var found: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "yaml" else { continue }
            if let text = try? String(contentsOf: url, encoding: .utf8) {
                found.append((String(url.path.dropFirst(configs.path.count + 1)), text))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// The repository root, from a source file's `#filePath` two or three levels down.
    public static func repositoryRoot(from filePath: String) -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }

    private var random: SplitMix
    private let bases: [(name: String, text: String)]

    public init(seed: UInt64, bases: [(name: String, text: String)]) {
        precondition(!bases.isEmpty, "no configs to mutate")
        random = SplitMix(state: seed)
        self.bases = bases
    }

    /// The fuzz case number `number`: every case is derived from (seed, number) alone.
    public static func fuzzCase(_ number: Int, seed: UInt64, bases: [(name: String, text: String)]) -> Case {
        var mutator = ConfigMutator(seed: seed ^ (UInt64(number) &* 0x9E37_79B9_7F4A_7C15), bases: bases)
        return mutator.next(number: number)
    }

    mutating func next(number: Int) -> Case {
        let base = bases[random.below(bases.count)]
        // One case in 40 is a path that is not a config file.
        if random.below(40) == 0 {
            let special = Case.Special.allCases[random.below(Case.Special.allCases.count)]
            return Case(number: number, base: base.name, kinds: [], input: .path(special))
        }
        var text = Array(base.text.utf8)
        var kinds: [Kind] = []
        for _ in 0..<(1 + random.below(3)) {
            let kind = Kind.allCases[random.below(Kind.allCases.count)]
            kinds.append(kind)
            text = apply(kind, to: text)
        }
        return Case(number: number, base: base.name, kinds: kinds, input: .bytes(text))
    }

    // MARK: The mutations

    mutating func apply(_ kind: Kind, to bytes: [UInt8]) -> [UInt8] {
        // Byte-level mutations first: they need not be text.
        switch kind {
        case .binaryJunk:
            var out = bytes
            let junk = (0..<(1 + random.below(64))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            out.insert(contentsOf: junk, at: random.below(out.count + 1))
            return out
        case .truncate:
            return Array(bytes.prefix(random.below(bytes.count + 1)))
        case .controlCharacters:
            var out = bytes
            let controls: [UInt8] = [0, 1, 7, 8, 9, 11, 12, 13, 27, 127]
            for _ in 0..<(1 + random.below(4)) { out.insert(controls[random.below(controls.count)], at: random.below(out.count + 1)) }
            return out
        default:
            break
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            // An earlier mutation made it binary: add more junk instead.
            return apply(.binaryJunk, to: bytes)
        }
        return Array(apply(kind, toText: text).utf8)
    }

    static let wrongTypes = [
        "fast", "\"0.5\"", "'1'", "[1, 2]", "{a: 1}", "true", "no", "yes", "[]", "{}", "2001-12-14", "0x1F", "0o17",
        "1_000", "!!str 12", "!!binary aGVsbG8=", "!!float 1", "!!int 2.5", "|\n  text", "- item", "relu", "sgd", "[relu, bn]",
        "{linspace: [0.1, 1, 3]}", "{logspace: [1, 0, 3]}", "{linspace: [a, b, c]}", "{linspace: [1, 2]}",
    ]
    static let outOfRange = [
        "0", "-0.0", "-1", "-1e-300", "1e308", "1e-308", "5e-324", "9007199254740993", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "18446744073709551616", "1e400", "-1e400", "2", "1.0000001",
        "-1.0000001", "100000000", "10000001", "1000000", "65536", "3", "1", "1e-9", "4.9e-324", "1e20", "123456789012345678901234567890",
    ]
    static let nonFinite = [".nan", ".NaN", ".NAN", ".inf", "-.inf", "+.inf", ".Inf", "-.INF", "nan", "inf", "-inf", "NaN", "Infinity"]
    static let nulls = ["~", "null", "Null", "", "''", "\"\""]
    static let junkSnippets = [
        ":", "[", "]", "{", "}", "\"", "'", "\t", "&x ", "*x", "*undefined", "!!str ", "!custom ", "%YAML 1.2\n", "---\n", "...\n",
        "? ", "- ", "|", ">", "@", "`", "\\", "#", ": :", "{[}]", "key: value: other", "\u{FEFF}", "\u{202E}", "é", "🙂", "\r\n",
        "\n  - x\n", "\n\t\tindented: 1\n",
    ]

    mutating func apply(_ kind: Kind, toText text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch kind {
        case .deleteLine:
            guard !lines.isEmpty else { return text }
            lines.remove(at: random.below(lines.count))
        case .deleteKeyBlock:
            let keyLines = lines.indices.filter { Self.keys(in: lines[$0]).first != nil }
            guard let start = keyLines.randomElement(using: &random) else { return text }
            let indent = Self.indentation(lines[start])
            var end = start + 1
            while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces).isEmpty || Self.indentation(lines[end]) > indent { end += 1 }
            lines.removeSubrange(start..<end)
        case .misspellKey:
            let seed = random.next()
            return replacingToken(in: text, keys: true) { Self.misspelt($0, seed: seed) }
        case .unknownKey:
            let names = ["batch_sise", "learnig_rate", "seeds", "N", "modle", "extra", "Model", "n", "alpha", "sweep", "version"]
            let line = random.below(lines.count + 1)
            let indent = String(repeating: " ", count: [0, 2, 4][random.below(3)])
            lines.insert("\(indent)\(names[random.below(names.count)]): \(Self.outOfRange[random.below(Self.outOfRange.count)])", at: line)
        case .wrongType:
            let value = Self.wrongTypes[random.below(Self.wrongTypes.count)]
            return replacingToken(in: text, keys: false) { _ in value }
        case .outOfRange:
            let value = Self.outOfRange[random.below(Self.outOfRange.count)]
            return replacingToken(in: text, keys: false) { _ in value }
        case .nonFinite:
            let value = Self.nonFinite[random.below(Self.nonFinite.count)]
            return replacingToken(in: text, keys: false) { _ in value }
        case .nullValue:
            let value = Self.nulls[random.below(Self.nulls.count)]
            return replacingToken(in: text, keys: false) { _ in value }
        case .hugeList:
            let count = [100, 1000, 10_000, 50_000][random.below(4)]
            let numbers = random.below(2) == 0
            let list = "[" + (0..<count).map { numbers ? String(Double($0 + 1) / 64) : "relu" }.joined(separator: ", ") + "]"
            return replacingToken(in: text, keys: false) { _ in list }
        case .sweepExplosion:
            let axes = ["training.learning_rate", "model.teacher_noise", "training.weight_decay", "training.gamma_decay",
                        "training.init.r", "model.N", "training.batch_size", "simulation.seed"]
            var block = ["sweep:"]
            for _ in 0..<(1 + random.below(4)) {
                let axis = axes[random.below(axes.count)]
                let n = [2, 10, 100, 1000, 10_000, 10_001, 1_000_000][random.below(7)]
                block.append(random.below(2) == 0 ? "  \(axis): {linspace: [1, 64, \(n)]}" : "  \(axis): {logspace: [0.001, 1000, \(n)]}")
            }
            lines.removeAll { $0.hasPrefix("sweep:") }
            lines += block
        case .malformedYAML:
            var scalars = Array(text.unicodeScalars)
            let snippet = Self.junkSnippets[random.below(Self.junkSnippets.count)]
            scalars.insert(contentsOf: snippet.unicodeScalars, at: random.below(scalars.count + 1))
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars)
            return String(out)
        case .indentation:
            guard !lines.isEmpty else { return text }
            let i = random.below(lines.count)
            let body = lines[i].drop { $0 == " " }
            lines[i] = [String(repeating: " ", count: random.below(7)), "\t", ""][random.below(3)] + body
        case .duplicateLine:
            guard !lines.isEmpty else { return text }
            let i = random.below(lines.count)
            lines.insert(lines[i], at: i + 1 + random.below(max(1, lines.count - i)))
        case .aliasBomb:
            // "Billion laughs": nine levels of ten aliases each, placed under a known key.
            var bomb = ["laughs0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
            for level in 1..<9 { bomb.append("laughs\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]") }
            let targets = ["output:\n  alphas: *l8", "sweep:\n  training.learning_rate: *l8", "model: *l8", "training:\n  init: *l8"]
            lines = bomb + lines + [targets[random.below(targets.count)]]
        case .deepNesting:
            let depth = [50, 500, 5000][random.below(3)]
            let nested = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
            return replacingToken(in: text, keys: false) { _ in nested }
        case .longText:
            let long = String(repeating: ["a", "é", "0", " "][random.below(4)], count: [1000, 100_000][random.below(2)])
            let inValue = random.below(2) == 0
            return inValue
                ? replacingToken(in: text, keys: false) { _ in "\"\(long)\"" }
                : replacingToken(in: text, keys: true) { _ in long }
        case .swapValues:
            let values = Self.tokens(in: text, keys: false)
            guard values.count >= 2 else { return text }
            let a = values[random.below(values.count)], b = values[random.below(values.count)]
            guard a.upperBound <= b.lowerBound else { return text }
            let first = String(text[a]), second = String(text[b])
            var out = text
            out.replaceSubrange(b, with: first)
            out.replaceSubrange(a, with: second)
            return out
        case .wholeDocument:
            let documents = [
                "", "# only a comment\n", "---\n", "...\n", "~\n", "null\n", "42\n", "just a string\n", "[1, 2, 3]\n", "- a\n- b\n",
                "version: 1\n---\nversion: 1\n", "\u{FEFF}version: 1\n", "version: 2\n", "version: 0\n", "version: one\n",
                "{version: 1, sweep: {}}\n", "sweep: []\n", "sweep: ~\n", "model: ~\n", "model: {}\n", "name: ../escape\n", "name: ''\n",
                "name: a/b\n", "name: ..\n", "%TAG ! tag:example.com,2000:\n--- !shape\nversion: 1\n",
            ]
            return documents[random.below(documents.count)]
        case .binaryJunk, .truncate, .controlCharacters:
            preconditionFailure("byte-level mutations are applied to bytes")
        }
        return lines.joined(separator: "\n")
    }

    static func misspelt(_ key: String, seed: UInt64) -> String {
        var random = SplitMix(state: seed)
        var chars = Array(key)
        guard !chars.isEmpty else { return "x" }
        let i = random.below(chars.count)
        switch random.below(6) {
        case 0: chars.remove(at: i)
        case 1: chars.insert(chars[i], at: i)
        case 2: if i + 1 < chars.count { chars.swapAt(i, i + 1) } else { chars.append("s") }
        case 3: chars[i] = Character(Unicode.Scalar(UInt8(97 + random.below(26))))
        case 4: chars = Array(key.uppercased())
        default: chars.append(contentsOf: "s")
        }
        return String(chars)
    }

    /// Replaces one key token (`keys`) or value token with `replacement(old)`.
    mutating func replacingToken(in text: String, keys: Bool, _ replacement: (String) -> String) -> String {
        let tokens = Self.tokens(in: text, keys: keys)
        guard !tokens.isEmpty else { return text }
        let range = tokens[random.below(tokens.count)]
        var out = text
        out.replaceSubrange(range, with: replacement(String(text[range])))
        return out
    }

    /// Scalar tokens of plain YAML: runs of ASCII letters, digits and `_.+-`, outside comments;
    /// a key is one directly followed by `:`. (Bytes, not Characters: this runs for every case.)
    static func tokens(in text: String, keys: Bool) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        let utf8 = text.utf8
        var i = utf8.startIndex
        var inComment = false
        func isTokenByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b == 0x2E || b == 0x2B || b == 0x2D
        }
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A { inComment = false; i = utf8.index(after: i); continue }
            if inComment { i = utf8.index(after: i); continue }
            if b == 0x23 { inComment = true; i = utf8.index(after: i); continue }
            guard isTokenByte(b) else { i = utf8.index(after: i); continue }
            var end = i
            while end < utf8.endIndex, isTokenByte(utf8[end]) { end = utf8.index(after: end) }
            let isKey = end < utf8.endIndex && utf8[end] == 0x3A
            if isKey == keys { found.append(i..<end) }
            i = end
        }
        return found
    }

    static func keys(in line: String) -> [Range<String.Index>] { tokens(in: line, keys: true) }

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }
}

/// SplitMix64: a tiny, fully specified generator, so fuzz cases are the same everywhere.
struct SplitMix: RandomNumberGenerator {
    var bits: SplitMix64

    init(state: UInt64) { bits = SplitMix64(state: state) }

    mutating func next() -> UInt64 { bits.next() }

    /// Uniform in 0..<n (n ≥ 1); the tiny modulo bias is irrelevant here.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
