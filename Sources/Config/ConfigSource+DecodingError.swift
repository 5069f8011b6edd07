internal import Yams

/// Turns whatever decoding throws into a `ConfigError`, so a raw `DecodingError` never reaches
/// the user: the coding path becomes a dotted key path, the user's tree gives
/// the line, and the schema says what was expected.
extension ConfigSource {
    func configError(decoding error: any Error, merged: Node) -> ConfigError {
        let context: DecodingError.Context
        switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            context = c
        case .keyNotFound(let key, let c):
            context = DecodingError.Context(codingPath: c.codingPath + [key], debugDescription: c.debugDescription)
        case .none:
            let problem = YAMLProblem(error)
            return .malformedYAML(file: file, location: problem.location, problem: problem.text)
        @unknown default:
            return .malformedYAML(file: file, location: nil, problem: "\(error)")
        }
        let path = context.codingPath.map(PathComponent.init)
        let isSweepEntry = path.first == .key("sweep") && path.count >= 2
        if let spec = context.underlyingError as? SweepSpecError {
            return .badSweep(file: file, keyPath: path.dotted, location: location(of: path), reason: spec.message)
        }
        if let (literal, range) = Self.integerOutOfRange(path, merged.node(at: path)) {
            return .invalidValue(file: file, keyPath: path.dotted, value: literal, location: location(of: path),
                                 requirement: "out of range (\(range.lowerBound) … \(range.upperBound))")
        }
        return .wrongType(
            file: file, keyPath: path.dotted, location: location(of: path),
            expected: isSweepEntry ? Self.sweepExpectation(path) : Self.expectation(path),
            found: merged.node(at: path)?.foundDescription ?? "nothing"
        )
    }

    /// A plain integer literal at an integer leaf (or a sweep entry of one) that does not fit an
    /// Int: the literal and the leaf's range. The decoder calls it a type mismatch; it is a range problem.
    private static func integerOutOfRange(_ path: [PathComponent], _ node: Node?) -> (String, ClosedRange<Int>)? {
        guard case .scalar(let scalar)? = node, scalar.style == .plain else { return nil }
        let text = scalar.string
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), Int(text) == nil else { return nil }
        let keyPath: String
        if path.first == .key("sweep"), path.count >= 2, case .key(let swept) = path[1] { keyPath = swept } else { keyPath = path.keyPath }
        guard let leaf = ConfigSchema.leaf(keyPath), let range = leaf.integerRange else { return nil }
        return (text, range)
    }

    /// What the schema wants at `path`: a leaf's kind, or an element's kind inside a list.
    private static func expectation(_ path: [PathComponent]) -> String {
        guard let leaf = ConfigSchema.leaf(path.keyPath) else { return "a mapping" }
        if case .index = path.last { return leaf.kind.itemExpectation }
        return leaf.kind.expectation
    }

    /// `sweep.<key path>[i]`: an element of the swept leaf's kind.
    private static func sweepExpectation(_ path: [PathComponent]) -> String {
        guard case .key(let keyPath) = path[1], let leaf = ConfigSchema.leaf(keyPath) else { return "a sweep entry" }
        return leaf.kind.itemExpectation
    }
}
