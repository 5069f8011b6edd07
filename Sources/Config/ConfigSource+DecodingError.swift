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
        return .wrongType(
            file: file, keyPath: path.dotted, location: location(of: path),
            expected: isSweepEntry ? Self.sweepExpectation(path) : Self.expectation(path),
            found: merged.node(at: path)?.foundDescription ?? "nothing"
        )
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
