internal import Yams

/// A config as a YAML tree and text, in the key order of `CodingKeys`, with canonical numbers.
///
/// `YAMLEncoder` gives the structure; numbers are then rewritten as `Double.description`
/// (`0.5`, `1e-08`, `100000000.0`) so that printed configs, run ids and CSV columns show a
/// value the same way, and lists are written in flow style (`[exact, pn, loss]`) as a person would.
enum ConfigYAML {
    /// The defaults as YAML, made once: encoding them is a good part of the cost of loading a
    /// small config. (The text is cached, not the tree: a Yams `Node` resolves its tags lazily in
    /// place, so one tree must not be shared between threads.)
    private static let defaultsText: String = text(of: .defaults)

    /// The defaults' tree, the schema every load checks keys against (`tree(of: .defaults)`).
    static func defaultsTree() -> Node {
        do {
            guard let node = try Yams.compose(yaml: defaultsText) else { preconditionFailure("the defaults' YAML is empty") }
            return node.withoutMarks
        } catch {
            preconditionFailure("cannot parse the defaults' own YAML: \(error)")
        }
    }

    static func tree(of config: ExperimentConfig) -> Node {
        let encoded: Node
        do {
            guard let node = try Yams.compose(yaml: YAMLEncoder().encode(config)) else {
                preconditionFailure("YAMLEncoder produced an empty document for ExperimentConfig")
            }
            encoded = node
        } catch {
            // Every field is a number, string, bool or list of them: encoding cannot fail.
            preconditionFailure("cannot encode ExperimentConfig as YAML: \(error)")
        }
        var tree = encoded.withoutMarks
        for leaf in ConfigSchema.leaves {
            let keys = leaf.keyPath.split(separator: ".").map(String.init)
            switch leaf.kind {
            case .number:
                tree = tree.replacing(at: keys[...], with: plain(leaf.text(config)))
            case .numberList, .choiceList:
                // Each list leaf writes its own items (not another leaf's).
                tree = tree.replacing(at: keys[...], with: flow((leaf.items?(config) ?? []).map(plain)))
            case .numberMatrix:
                let rows = leaf.rows?(config) ?? []
                tree = tree.replacing(at: keys[...], with: flow(rows.map { flow($0.map { plain($0.description) }) }))
            case .integer, .boolean, .text, .choice:
                break
            }
        }
        return tree.replacing(at: ["sweep"], with: sweepTree(config.sweep))
    }

    static func text(of config: ExperimentConfig) -> String {
        serialize(tree(of: config))
    }

    /// Keys added after results were first committed, left out of the effective config while
    /// they hold their defaults: `simulation.engine` (the reduced chain) and the `convex:` section
    /// (read only by `bnsim convex`), the two-layer keys, and the keys of real data and finite
    /// training sets. So the effective config of every config that does not use them reads — and
    /// hashes, and lands in manifests — exactly as before they existed.
    static let omittedAtDefault: [[String]] = [
        ["simulation", "engine"], ["convex"],
        // Two-layer networks (docs/model.md §9).
        ["model", "teacher_units"], ["model", "student_units"], ["model", "teacher_second_layer"],
        ["training", "second_layer"], ["training", "init", "Q_matrix"], ["training", "init", "R_matrix"], ["theory", "initial"],
        // Real data and finite training sets (docs/model.md §12).
        ["training", "protocol"], ["training", "samples_per_dimension"], ["data"],
    ]

    /// The config that will run, as YAML (`LoadedConfig.effectiveYAML`), without the keys of
    /// `omittedAtDefault` that hold their defaults. Loading the text again gives the same config.
    static func effectiveText(of config: ExperimentConfig) -> String {
        var result = tree(of: config)
        let defaults = tree(of: ExperimentConfig.defaults)
        for path in omittedAtDefault where result.node(at: path[...]) == defaults.node(at: path[...]) {
            result = result.removing(at: path[...])
        }
        return serialize(result)
    }

    private static func serialize(_ tree: Node) -> String {
        do {
            return try Yams.serialize(node: tree, indent: 2, width: -1, allowUnicode: true)
        } catch {
            preconditionFailure("cannot emit the config tree as YAML: \(error)")
        }
    }

    private static func sweepTree(_ sweep: Sweep) -> Node {
        let cases: [(Node, Node)] = sweep.cases.isEmpty ? [] : [(Node(Sweep.casesKey), Node(sweep.cases.map { c in
            Node(c.map { (Node($0.keyPath), plain($0.value.text)) }, .implicit, .flow)
        }, .implicit, .block))]
        let pairs: [(Node, Node)] = cases + sweep.axes.map { axis in
            let value: Node = switch axis.spec {
            case .list(let items): flow(items.map { plain($0.text) })
            case .linspace(let a, let b, let n):
                Node([(Node("linspace"), flow([plain(a.description), plain(b.description), plain(String(n))]))], .implicit, .flow)
            case .logspace(let a, let b, let n):
                Node([(Node("logspace"), flow([plain(a.description), plain(b.description), plain(String(n))]))], .implicit, .flow)
            }
            return (Node(axis.keyPath), value)
        }
        return Node(pairs, .implicit, pairs.isEmpty ? .flow : .block)
    }

    private static func plain(_ text: String) -> Node { Node(text, .implicit, .plain) }
    private static func flow(_ items: [Node]) -> Node { Node(items, .implicit, .flow) }
}

extension Node {
    /// This mapping with the value at `keys` replaced (not merged).
    /// This mapping without the entry at `keys`.
    /// The node at a path of mapping keys; nil where there is none.
    fileprivate func node(at keys: ArraySlice<String>) -> Node? {
        guard let key = keys.first else { return self }
        guard case .mapping(let mapping) = self,
              let value = mapping.first(where: { $0.key.scalar?.string == key })?.value else { return nil }
        return value.node(at: keys.dropFirst())
    }

    fileprivate func removing(at keys: ArraySlice<String>) -> Node {
        guard let key = keys.first, case .mapping(let mapping) = self else { return self }
        let pairs: [(Node, Node)] = keys.count == 1
            ? mapping.filter { $0.key.scalar?.string != key }.map { ($0.key, $0.value) }
            : mapping.map { pair in pair.key.scalar?.string == key ? (pair.key, pair.value.removing(at: keys.dropFirst())) : (pair.key, pair.value) }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    fileprivate func replacing(at keys: ArraySlice<String>, with value: Node) -> Node {
        guard let key = keys.first else { return value }
        guard case .mapping(let mapping) = self else { return self }
        let pairs = mapping.map { pair in
            pair.key.scalar?.string == key ? (pair.key, pair.value.replacing(at: keys.dropFirst(), with: value)) : (pair.key, pair.value)
        }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }
}
