/// The keys whose values differ between two effective configs (`dump-config --effective` text),
/// for the one-line error that refuses to mix points of different configs: "model.N 200 → 100".
enum ConfigDifference {
    /// Up to `limit` differences, in the order of the keys in `old` then the new keys; key paths
    /// for which `ignoring` is true are left out (keys a command does not read).
    static func describe(old: String, new: String, limit: Int = 3, ignoring: (String) -> Bool = { _ in false }) -> String? {
        let before = leaves(old).filter { !ignoring($0.0) }, after = leaves(new).filter { !ignoring($0.0) }
        let beforeValues = Dictionary(before, uniquingKeysWith: { a, _ in a })
        let afterValues = Dictionary(after, uniquingKeysWith: { a, _ in a })
        var changes: [String] = []
        for (path, value) in before where afterValues[path] != value {
            changes.append("\(path) \(value) → \(afterValues[path] ?? "(absent)")")
        }
        for (path, value) in after where beforeValues[path] == nil {
            changes.append("\(path) (absent) → \(value)")
        }
        guard !changes.isEmpty else { return nil }
        return changes.prefix(limit).joined(separator: ", ") + (changes.count > limit ? ", …" : "")
    }

    /// Every `key: value` line of a block-style YAML mapping with its dotted key path (nesting by
    /// indentation), in file order.
    static func leaves(_ yaml: String) -> [(String, String)] {
        var stack: [(indent: Int, key: String)] = []
        var out: [(String, String)] = []
        for line in yaml.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            guard !body.hasPrefix("#"), let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon])
            let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            while let last = stack.last, last.indent >= indent { stack.removeLast() }
            let path = (stack.map(\.key) + [key]).joined(separator: ".")
            if value.isEmpty { stack.append((indent, key)) } else { out.append((path, value)) }
        }
        return out
    }
}
