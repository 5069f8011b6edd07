/// YAML form of a sweep: a mapping from key paths to `[v1, v2, …]`, `{linspace: [a, b, n]}` or
/// `{logspace: [a, b, n]}`.
///
/// Decoding checks each entry against the schema; a problem with an entry's shape or key path is
/// thrown as a `DecodingError` at the entry's coding path carrying a `SweepSpecError`, so that the
/// loader can name the entry's line; a list element of the wrong type is an ordinary type mismatch
/// at the element's path.
extension Sweep: Codable {
    struct DynamicKey: CodingKey {
        let stringValue: String
        let intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
        init(intValue: Int) { stringValue = "Index \(intValue)"; self.intValue = intValue }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        var axes: [SweepAxis] = []
        for key in container.allKeys {
            let path = container.codingPath + [key]
            do {
                if let problem = ConfigSchema.sweepProblem(for: key.stringValue) { throw SweepSpecError(problem) }
                let leaf = ConfigSchema.leaf(key.stringValue)!  // sweepProblem is nil only for known leaves
                let spec = try SweepValues(from: container.superDecoder(forKey: key), leaf: leaf)
                axes.append(try SweepAxis(checking: key.stringValue, spec: spec))
            } catch let error as SweepSpecError {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: error.message, underlyingError: error))
            }
        }
        self.init(axes: axes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        for axis in axes {
            let key = DynamicKey(stringValue: axis.keyPath)
            switch axis.spec {
            case .list(let items):
                var list = container.nestedUnkeyedContainer(forKey: key)
                for item in items {
                    switch item {
                    case .integer(let i): try list.encode(i)
                    case .number(let x): try list.encode(x)
                    case .boolean(let b): try list.encode(b)
                    case .text(let s): try list.encode(s)
                    }
                }
            case .linspace(let a, let b, let n), .logspace(let a, let b, let n):
                let name = if case .logspace = axis.spec { "logspace" } else { "linspace" }
                var spec = container.nestedContainer(keyedBy: DynamicKey.self, forKey: key)
                var triple = spec.nestedUnkeyedContainer(forKey: DynamicKey(stringValue: name))
                try triple.encode(a)
                try triple.encode(b)
                try triple.encode(n)
            }
        }
    }
}

extension SweepValues {
    private static let shapeHint = "expected a list of values, {linspace: [a, b, n]} or {logspace: [a, b, n]}"

    /// Decodes list elements as the leaf's type, so that `[0.1, fast]` fails at `fast`.
    init(from decoder: any Decoder, leaf: ConfigLeaf) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [SweepScalar] = []
            while !list.isAtEnd {
                let index = list.currentIndex
                switch leaf.kind {
                case .integer: items.append(.integer(try list.decode(Int.self)))
                case .number: items.append(.number(try list.decode(Double.self)))
                case .boolean: items.append(.boolean(try list.decode(Bool.self)))
                case .text: items.append(.text(try list.decode(String.self)))
                case .choice(let options):
                    let value = try list.decode(String.self)
                    guard options.contains(value) else {
                        throw DecodingError.dataCorrupted(.init(
                            codingPath: list.codingPath + [Sweep.DynamicKey(intValue: index)],
                            debugDescription: "\(value) is not one of \(options)"
                        ))
                    }
                    items.append(.text(value))
                case .numberList, .choiceList:
                    throw SweepSpecError("\(leaf.keyPath) is a list and cannot be swept")
                }
            }
            self = .list(items)
            return
        }
        guard let spec = try? decoder.container(keyedBy: Sweep.DynamicKey.self) else {
            throw SweepSpecError(Self.shapeHint)
        }
        let keys = spec.allKeys.map(\.stringValue)
        guard keys.count == 1, let name = keys.first, name == "linspace" || name == "logspace" else {
            throw SweepSpecError("\(Self.shapeHint), got a mapping with keys \(keys.joined(separator: ", "))")
        }
        let shape = SweepSpecError("\(name) expects [a, b, n]: two numbers and a whole count")
        guard var triple = try? spec.nestedUnkeyedContainer(forKey: Sweep.DynamicKey(stringValue: name)),
              triple.count == 3,
              let a = try? triple.decode(Double.self),
              let b = try? triple.decode(Double.self),
              let n = try? triple.decode(Int.self)
        else { throw shape }
        self = name == "linspace" ? .linspace(from: a, to: b, count: n) : .logspace(from: a, to: b, count: n)
    }
}
