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
        var cases: [[SweepSetting]] = []
        for key in container.allKeys {
            let path = container.codingPath + [key]
            if key.stringValue == Self.casesKey {
                cases = try Self.decodeCases(container.superDecoder(forKey: key), codingPath: path)
                continue
            }
            do {
                if let problem = ConfigSchema.sweepProblem(for: key.stringValue) { throw SweepSpecError(problem) }
                let leaf = ConfigSchema.leaf(key.stringValue)!  // sweepProblem is nil only for known leaves
                let spec = try SweepValues(from: container.superDecoder(forKey: key), leaf: leaf)
                axes.append(try SweepAxis(checking: key.stringValue, spec: spec))
            } catch let error as SweepSpecError {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: error.message, underlyingError: error))
            }
        }
        if let problem = Self.casesProblem(cases, axes: axes) {
            let path = container.codingPath + [DynamicKey(stringValue: Self.casesKey)]
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: problem, underlyingError: SweepSpecError(problem)))
        }
        self.init(axes: axes, cases: cases)
    }

    /// The key of `sweep.cases`, which is not a key path (no section is called "cases").
    static let casesKey = "cases"

    /// `cases: [{key.path: value, …}, …]`, each value typed for its leaf.
    private static func decodeCases(_ decoder: any Decoder, codingPath: [any CodingKey]) throws -> [[SweepSetting]] {
        let shape = "sweep.cases expects a list of mappings from key paths to values, e.g. [{training.method: wn, training.gamma_decay: 0.01}]"
        guard var list = try? decoder.unkeyedContainer() else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: shape, underlyingError: SweepSpecError(shape)))
        }
        var cases: [[SweepSetting]] = []
        while !list.isAtEnd {
            let index = list.currentIndex
            let entryPath = codingPath + [DynamicKey(intValue: index)]
            guard let entry = try? list.nestedContainer(keyedBy: DynamicKey.self) else {
                throw DecodingError.dataCorrupted(.init(codingPath: entryPath, debugDescription: shape, underlyingError: SweepSpecError(shape)))
            }
            var settings: [SweepSetting] = []
            for key in entry.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                let path = entryPath + [key]
                do {
                    if let problem = ConfigSchema.sweepProblem(for: key.stringValue) { throw SweepSpecError(problem) }
                    let leaf = ConfigSchema.leaf(key.stringValue)!  // sweepProblem is nil only for known leaves
                    let value = try SweepValues.scalar(from: entry.superDecoder(forKey: key), leaf: leaf)
                    settings.append(SweepSetting(keyPath: key.stringValue, value: value))
                } catch let error as SweepSpecError {
                    throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: error.message, underlyingError: error))
                }
            }
            cases.append(settings)
        }
        return cases
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        if !cases.isEmpty {
            var list = container.nestedUnkeyedContainer(forKey: DynamicKey(stringValue: Self.casesKey))
            for c in cases {
                var entry = list.nestedContainer(keyedBy: DynamicKey.self)
                for setting in c {
                    let key = DynamicKey(stringValue: setting.keyPath)
                    switch setting.value {
                    case .integer(let i): try entry.encode(i, forKey: key)
                    case .number(let x): try entry.encode(x, forKey: key)
                    case .boolean(let b): try entry.encode(b, forKey: key)
                    case .text(let t): try entry.encode(t, forKey: key)
                    }
                }
            }
        }
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
    /// One value of `leaf`'s type (an entry of `sweep.cases`).
    static func scalar(from decoder: any Decoder, leaf: ConfigLeaf) throws -> SweepScalar {
        let single = try decoder.singleValueContainer()
        switch leaf.kind {
        case .integer: return .integer(try single.decode(Int.self))
        case .number: return .number(try single.decode(Double.self))
        case .boolean: return .boolean(try single.decode(Bool.self))
        case .text: return .text(try single.decode(String.self))
        case .choice(let options):
            let value = try single.decode(String.self)
            guard options.contains(value) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(value) is not one of \(options)"))
            }
            return .text(value)
        case .numberList, .choiceList, .numberMatrix:
            throw SweepSpecError("\(leaf.keyPath) is a list and cannot be swept")
        }
    }

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
                case .numberList, .choiceList, .numberMatrix:
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
