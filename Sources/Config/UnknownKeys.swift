internal import Yams

/// Rejects keys the schema does not have, before decoding.
///
/// Decoding alone would silently ignore a misspelled key (`batch_sise`) and run with the default
/// instead, which is exactly the "parameter silently ignored" bug. The walk
/// compares the user's tree with the defaults' tree, which has every key.
enum UnknownKeys {
    static func check(_ user: Node, schema: Node, source: ConfigSource) throws(ConfigError) {
        try check(user, schema: schema, path: [], source: source)
    }

    private static func check(_ user: Node, schema: Node, path: [String], source: ConfigSource) throws(ConfigError) {
        guard case .mapping(let mapping) = user else { return }
        for (keyNode, value) in mapping {
            // An empty key (`? ` with nothing after it, or `"": …`) is shown as "" so the message names it.
            let written = keyNode.scalar?.string ?? keyNode.foundDescription
            let key = written.isEmpty ? "\"\"" : written
            let keyPath = path + [key]
            guard let expected = schema.child(key) else {
                let known = schema.keyStrings.sorted()
                throw .unknownKey(
                    file: source.file, keyPath: keyPath.joined(separator: "."),
                    location: ConfigSource.location(of: keyNode), knownKeys: known,
                    suggestion: closestMatch(to: key, among: known)
                )
            }
            guard expected.isMapping else { continue }
            guard value.isMapping || value.isNull else {
                let expectation = path.isEmpty && key == "sweep"
                    ? "a mapping from key paths to value lists, like {training.learning_rate: [0.1, 0.5]}"
                    : "a mapping with keys \(expected.keyStrings.joined(separator: ", "))"
                throw .wrongType(
                    file: source.file, keyPath: keyPath.joined(separator: "."),
                    location: ConfigSource.location(of: value), expected: expectation, found: value.foundDescription
                )
            }
            // Sweep keys are key paths, not schema keys; `Sweep` checks them when it is decoded.
            if path.isEmpty && key == "sweep" { continue }
            try check(value, schema: expected, path: keyPath, source: source)
        }
    }
}
