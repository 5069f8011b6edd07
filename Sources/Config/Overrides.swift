internal import Yams

/// One `--set key.path=value` argument, parsed (Hydra-style overrides).
///
/// The value is parsed as YAML, so `0.5`, `relu`, `[1, 2]` and `{linspace: [0.1, 1, 5]}` mean what
/// they would mean in the file. Overrides are merged onto the user's tree before anything is
/// checked, so a bad value given with `--set` gets the same message as one in the file, marked
/// `(from --set)` instead of a line.
struct Override {
    let text: String
    /// The mapping keys to the value; `sweep.<key.path>` keeps the key path as one key.
    let keys: [String]
    let value: Node

    init(_ text: String, file: String, schema: Node) throws(ConfigError) {
        self.text = text
        guard let equals = text.firstIndex(of: "=") else {
            throw .badOverride(file: file, override: text, reason: "expected key.path=value")
        }
        let path = text[..<equals].trimmingWhitespace()
        guard !path.isEmpty else {
            throw .badOverride(file: file, override: text, reason: "the key path before '=' is empty")
        }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            throw .badOverride(file: file, override: text, reason: "the key path '\(path)' has an empty component")
        }
        if parts[0] == "sweep", parts.count > 1 {
            let sweptPath = parts.dropFirst().joined(separator: ".")
            if sweptPath != Sweep.casesKey, let problem = ConfigSchema.sweepProblem(for: sweptPath) {
                throw .badOverride(file: file, override: text, reason: problem)
            }
            keys = ["sweep", sweptPath]
        } else {
            keys = parts
            try Self.checkKnown(parts, schema: schema, file: file, override: text)
        }
        let valueText = String(text[text.index(after: equals)...])
        do {
            value = try Yams.compose(yaml: valueText)?.withoutMarks ?? Node("", Tag(.null))
        } catch {
            throw .badOverride(file: file, override: text, reason: "the value is not valid YAML (\(YAMLProblem(error).text))")
        }
    }

    /// A path may create a key the user's file lacks, but only one the schema has.
    private static func checkKnown(_ parts: [String], schema: Node, file: String, override: String) throws(ConfigError) {
        var node = schema
        for (depth, key) in parts.enumerated() {
            guard node.isMapping, let next = node.child(key) else {
                let parent = parts[..<depth].joined(separator: ".")
                let known = node.keyStrings.sorted()
                guard node.isMapping else {
                    throw .badOverride(file: file, override: override, reason: "\(parent) is a value, not a section with keys")
                }
                throw .unknownKey(
                    file: file, keyPath: parts[...depth].joined(separator: "."), location: .override,
                    knownKeys: known, suggestion: closestMatch(to: key, among: known)
                )
            }
            node = next
        }
    }

    /// The user's tree with every override merged in, in order (a later one wins).
    static func apply(_ overrides: [Override], to user: Node) -> Node {
        overrides.reduce(user) { tree, override in tree.setting(override.value, at: override.keys[...]) }
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
