/// What values a sweepable key path takes, for readers of results tables (e.g. `bnsim plot`
/// checking a swept column of a CSV before its values reach a figure).
public enum SweepableValueKind: Sendable, Equatable {
    case integer
    case number
    case boolean
    /// One of these words (an enumeration such as model.activation).
    case choice([String])
}

extension ExperimentConfig {
    /// The kind of value `keyPath` takes, or nil if it cannot be swept.
    public static func sweepableValueKind(_ keyPath: String) -> SweepableValueKind? {
        guard let leaf = ConfigSchema.leaf(keyPath), leaf.isSweepable else { return nil }
        switch leaf.kind {
        case .integer: return .integer
        case .number: return .number
        case .boolean: return .boolean
        case .choice(let options): return .choice(options)
        case .text, .numberList, .choiceList, .numberMatrix: return nil
        }
    }
}
