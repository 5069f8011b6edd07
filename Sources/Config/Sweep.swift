import Foundation

/// The values a sweep sets on one leaf, typed by that leaf.
public enum SweepScalar: Hashable, Sendable {
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case text(String)

    /// The canonical text, as CSV files show it: `Double.description` for numbers (0.50 → "0.5").
    public var text: String {
        switch self {
        case .integer(let i): String(i)
        case .number(let x): x.description
        case .boolean(let b): b.description
        case .text(let s): s
        }
    }
}

/// How the values of one sweep axis were written.
public enum SweepValues: Equatable, Sendable {
    /// `[v1, v2, …]`
    case list([SweepScalar])
    /// `{linspace: [a, b, n]}`: n evenly spaced values from a to b.
    case linspace(from: Double, to: Double, count: Int)
    /// `{logspace: [a, b, n]}`: n geometrically spaced values from a to b (the values, not exponents).
    case logspace(from: Double, to: Double, count: Int)
}

/// One swept key path and its values, checked against the schema when made.
public struct SweepAxis: Equatable, Sendable {
    public let keyPath: String
    public let spec: SweepValues
    /// The values in sweep order, typed for the leaf (whole numbers for integer leaves).
    public let values: [SweepScalar]

    /// For sweeps built in code; a file's sweep is checked the same way when it is decoded.
    public init(keyPath: String, spec: SweepValues) throws(ConfigError) {
        do {
            try self.init(checking: keyPath, spec: spec)
        } catch {
            throw .badSweep(file: "<in-memory config>", keyPath: "sweep.\(keyPath)", location: .unlocated, reason: error.message)
        }
    }

    init(checking keyPath: String, spec: SweepValues) throws(SweepSpecError) {
        if let problem = ConfigSchema.sweepProblem(for: keyPath) { throw SweepSpecError(problem) }
        guard let leaf = ConfigSchema.leaf(keyPath) else { throw SweepSpecError("\(keyPath) is not a key path") }
        self.keyPath = keyPath
        self.spec = spec
        switch spec {
        case .list(let items):
            guard !items.isEmpty else { throw SweepSpecError("the list of values is empty") }
            values = try items.map { item throws(SweepSpecError) in try Self.typed(item, for: leaf) }
        case .linspace(let a, let b, let n), .logspace(let a, let b, let n):
            let isLog = if case .logspace = spec { true } else { false }
            values = try Self.generated(from: a, to: b, count: n, log: isLog, for: leaf)
        }
        var seen = Set<String>()
        for value in values where !seen.insert(value.text).inserted {
            throw SweepSpecError("the value \(value.text) appears twice, which would give two runs the same id")
        }
    }

    /// `item` as a value of `leaf`'s kind: a whole `.number` is accepted for an integer leaf and an
    /// `.integer` for a number leaf, since YAML does not distinguish `2` from `2.0` for a reader.
    private static func typed(_ item: SweepScalar, for leaf: ConfigLeaf) throws(SweepSpecError) -> SweepScalar {
        switch (leaf.kind, item) {
        case (.integer, .integer), (.number, .number), (.boolean, .boolean), (.text, .text):
            return item
        case (.integer, .number(let x)):
            if let i = Int(exactly: x) { return .integer(i) }
        case (.number, .integer(let i)):
            return .number(Double(i))
        case (.choice(let options), .text(let s)):
            if options.contains(s) { return item }
        default:
            break
        }
        throw SweepSpecError("\(item.text) is not \(leaf.kind.expectation)")
    }

    /// linspace/logspace values, rounded to 15 significant digits so that decimal endpoints give
    /// decimal values (0.1…0.5 gives 0.3, not 0.30000000000000004) in run ids and CSV files.
    private static func generated(
        from a: Double, to b: Double, count n: Int, log: Bool, for leaf: ConfigLeaf
    ) throws(SweepSpecError) -> [SweepScalar] {
        let name = log ? "logspace" : "linspace"
        guard a.isFinite, b.isFinite else { throw SweepSpecError("\(name) needs finite endpoints, got \(a) and \(b)") }
        guard (1...10_000).contains(n) else { throw SweepSpecError("\(name) needs a count n from 1 to 10000, got \(n)") }
        if log, !(a > 0 && b > 0) {
            throw SweepSpecError("logspace needs positive endpoints (a and b are the values, not exponents), got \(a) and \(b)")
        }
        let raw: [Double] = (0..<n).map { k in
            if n == 1 || k == 0 { return a }
            if k == n - 1 { return b }
            let f = Double(k) / Double(n - 1)
            let x = log ? a * pow(b / a, f) : a + (b - a) * f
            return Double(String(format: "%.15g", x)) ?? x
        }
        switch leaf.kind {
        case .number:
            return raw.map { .number($0) }
        case .integer:
            return try raw.map { x throws(SweepSpecError) in
                let whole = x.rounded()
                guard abs(x - whole) <= 1e-9 * max(1, abs(x)), let i = Int(exactly: whole) else {
                    throw SweepSpecError("\(name) [\(a), \(b), \(n)] gives \(x), but \(leaf.keyPath) takes whole numbers only")
                }
                return .integer(i)
            }
        case .boolean, .text, .choice, .numberList, .choiceList, .numberMatrix:
            throw SweepSpecError("\(name) makes numbers, but \(leaf.keyPath) takes \(leaf.kind.expectation); list the values instead")
        }
    }
}

/// One key path and value that an entry of `sweep.cases` sets.
public struct SweepSetting: Equatable, Sendable {
    public let keyPath: String
    public let value: SweepScalar
}

/// What the YAML key `sweep` holds: the axes of a cartesian product of runs, and optionally
/// `cases`, a list whose every entry sets several keys together (e.g. a method with the batch
/// size and learning rate that go with it). The cases form one more axis of the product.
public struct Sweep: Equatable, Sendable {
    /// Sorted by key path, the order in which runs vary (the first slowest, after the cases).
    public let axes: [SweepAxis]
    /// The entries of `sweep.cases` (empty without them), in file order; each sets at least one
    /// key, and no key that an axis sweeps.
    public let cases: [[SweepSetting]]

    /// `axes` in any order; for a key path given twice the later axis wins.
    public init(axes: [SweepAxis] = [], cases: [[SweepSetting]] = []) {
        var byPath: [String: SweepAxis] = [:]
        for axis in axes { byPath[axis.keyPath] = axis }
        self.axes = byPath.values.sorted { $0.keyPath < $1.keyPath }
        self.cases = cases
    }

    public var isEmpty: Bool { axes.isEmpty && cases.isEmpty }

    /// The key paths the cases set, in order of first appearance.
    public var caseKeyPaths: [String] {
        var keys: [String] = []
        for c in cases { for setting in c where !keys.contains(setting.keyPath) { keys.append(setting.keyPath) } }
        return keys
    }

    /// Every key path a run of this sweep sets, in the order of `RunSpec.sweptValues`: the
    /// cases' keys ("cases" sorts before every section name), then the axes'.
    public var sweptKeyPaths: [String] { caseKeyPaths + axes.map(\.keyPath) }

    /// The number of runs: the product of the axes' lengths and the number of cases (1 for no sweep).
    public var runCount: Int {
        axes.reduce(max(1, cases.count)) { product, axis in
            let (result, overflow) = product.multipliedReportingOverflow(by: axis.values.count)
            return overflow ? Int.max : result
        }
    }

    /// Why these cases cannot be used with these axes, if they cannot.
    static func casesProblem(_ cases: [[SweepSetting]], axes: [SweepAxis]) -> String? {
        let swept = Set(axes.map(\.keyPath))
        var seen = Set<String>()
        for (k, c) in cases.enumerated() {
            if c.isEmpty { return "case \(k + 1) sets no key" }
            if let both = c.first(where: { swept.contains($0.keyPath) }) {
                return "case \(k + 1) sets \(both.keyPath), which the sweep also has as an axis; give it in one place"
            }
            let text = c.map { "\($0.keyPath)=\($0.value.text)" }.sorted().joined(separator: ";")
            if !seen.insert(text).inserted { return "case \(k + 1) repeats an earlier case, which would give two runs the same id" }
        }
        return nil
    }
}

/// Why a sweep entry cannot be used; becomes `ConfigError.badSweep` with the entry's line.
struct SweepSpecError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
