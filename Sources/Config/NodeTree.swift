internal import Yams

/// One step of a path into the config tree: a mapping key or a list index.
enum PathComponent: Equatable, Sendable {
    case key(String)
    case index(Int)

    /// A decoder's coding path, where list positions are the keys with an integer value.
    init(_ codingKey: any CodingKey) {
        if let index = codingKey.intValue { self = .index(index) } else { self = .key(codingKey.stringValue) }
    }
}

extension Array where Element == PathComponent {
    /// `training.batch_size`, `theory.bn_variants[1]`, as messages show a path.
    var dotted: String {
        var text = ""
        for component in self {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The keys only: the schema key path of a list element is that of its list.
    var keyPath: String {
        compactMap { if case .key(let key) = $0 { key } else { nil } }.joined(separator: ".")
    }

    static func keys(_ dotted: String) -> [PathComponent] {
        dotted.split(separator: ".", omittingEmptySubsequences: false).map { .key(String($0)) }
    }
}

/// Tree operations on Yams nodes: lookup, merge and provenance.
///
/// A user file is kept as a node tree (not decoded right away) because only the tree knows where
/// each key was written (`Mark`), which key is unknown, and which keys the user left out.
extension Node {
    /// The value for `key` in a mapping.
    func child(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping.first { $0.key.scalar?.string == key }?.value
    }

    func node(at path: [PathComponent]) -> Node? {
        var node = self
        for component in path {
            switch component {
            case .key(let key):
                guard let next = node.child(key) else { return nil }
                node = next
            case .index(let index):
                guard case .sequence(let sequence) = node, sequence.indices.contains(index) else { return nil }
                node = sequence[index]
            }
        }
        return node
    }

    /// The mapping keys, in file order.
    var keyStrings: [String] {
        guard case .mapping(let mapping) = self else { return [] }
        return mapping.map { $0.key.scalar?.string ?? "?" }
    }

    /// An empty or `~`/`null` value, which for a section means "all defaults".
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    var isMapping: Bool { if case .mapping = self { true } else { false } }

    /// How a found value is shown after "got": the scalar text quoted, or its shape.
    var foundDescription: String {
        switch self {
        case .scalar where isNull: "nothing (null)"
        case .scalar(let scalar) where scalar.style == .singleQuoted || scalar.style == .doubleQuoted:
            "the quoted string \"\(scalar.string.oneLine)\""
        case .scalar(let scalar): "\"\(scalar.string.oneLine)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    static var emptyMapping: Node { Node([(Node, Node)]()) }

    /// `overlay` laid over `base`: mappings merge key by key, and anything else in `overlay`
    /// (a scalar, a list) replaces what `base` has. A null overlay of a mapping keeps the mapping,
    /// so that a section left empty in a file (`training:`) means its defaults.
    static func merged(_ base: Node, _ overlay: Node) -> Node {
        guard case .mapping(let baseMapping) = base else { return overlay }
        if overlay.isNull { return base }
        guard case .mapping(let overlayMapping) = overlay else { return overlay }
        var pairs: [(Node, Node)] = baseMapping.map { pair in
            let key = pair.key.scalar?.string
            if let over = overlayMapping.first(where: { $0.key.scalar?.string == key }) {
                return (pair.key, merged(pair.value, over.value))
            }
            return (pair.key, pair.value)
        }
        let baseKeys = Set(baseMapping.compactMap { $0.key.scalar?.string })
        for pair in overlayMapping where !baseKeys.contains(pair.key.scalar?.string ?? "") {
            pairs.append((pair.key, pair.value))
        }
        return .mapping(Node.Mapping(pairs, baseMapping.tag, baseMapping.style, baseMapping.mark))
    }

    /// This mapping with `value` put at `keys` (replacing what the user's tree had there, as in
    /// Hydra: `--set sweep={}` clears a sweep), creating missing mappings on the way. Keys the
    /// value leaves out still get their defaults when the tree is merged onto the defaults.
    func setting(_ value: Node, at keys: ArraySlice<String>) -> Node {
        guard let key = keys.first else { return value }
        let mapping: Node.Mapping = if case .mapping(let m) = self { m } else { Node.Mapping([]) }
        var pairs = mapping.map { ($0.key, $0.value) }
        if let i = pairs.firstIndex(where: { $0.0.scalar?.string == key }) {
            pairs[i].1 = pairs[i].1.setting(value, at: keys.dropFirst())
        } else {
            pairs.append((Node(key), Node.emptyMapping.setting(value, at: keys.dropFirst())))
        }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    /// The same tree with no marks: used for nodes that did not come from the user's file
    /// (defaults, `--set` values), so that a missing mark means "not written in the file".
    var withoutMarks: Node {
        switch self {
        case .scalar(let s):
            return .scalar(Node.Scalar(s.string, s.tag, s.style, nil))
        case .mapping(let m):
            return .mapping(Node.Mapping(m.map { ($0.key.withoutMarks, $0.value.withoutMarks) }, m.tag, m.style, nil))
        case .sequence(let s):
            return .sequence(Node.Sequence(s.map(\.withoutMarks), s.tag, s.style, nil))
        case .alias:
            return self
        }
    }
}

extension String {
    /// Line breaks shown as `\n`, so that a multi-line value keeps an error message on one line.
    var oneLine: String { split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n") }
}
