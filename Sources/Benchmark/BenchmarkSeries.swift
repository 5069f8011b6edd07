import Foundation

/// What a measurement must reach to meet the performance goals.
public enum BenchmarkTarget: Sendable, Hashable {
    case atLeast(Double)
    case atMost(Double)

    public func isMet(by value: Double) -> Bool {
        switch self {
        case .atLeast(let bound): value >= bound
        case .atMost(let bound): value <= bound
        }
    }

    public var text: String {
        switch self {
        case .atLeast(let bound): "≥ \(BenchmarkSeries.format(bound))"
        case .atMost(let bound): "≤ \(BenchmarkSeries.format(bound))"
        }
    }
}

/// One row of the benchmark: the repeated samples of one measurement (or of a ratio of two
/// measurements taken in the same repetition), summarized by median and range.
public struct BenchmarkSeries: Sendable {
    /// A stable identifier, e.g. `sgd_rate.bnsim.N1000` (the CSV's `measurement` column).
    public let key: String
    /// What the table shows, e.g. `sgd, N = 1000, M = 1: bnsim`.
    public let label: String
    public let unit: String
    public var samples: [Double] = []
    public var target: BenchmarkTarget?
    /// Why there are no samples (e.g. the C compiler is missing), if so.
    public var skipped: String?

    public init(key: String, label: String, unit: String, target: BenchmarkTarget? = nil) {
        self.key = key; self.label = label; self.unit = unit; self.target = target
    }

    public var median: Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted(), n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    public var minimum: Double { samples.min() ?? .nan }
    public var maximum: Double { samples.max() ?? .nan }

    /// Whether the median meets the target (nil without a target or samples).
    public var meetsTarget: Bool? {
        guard let target, !samples.isEmpty else { return nil }
        return target.isMet(by: median)
    }

    /// Four significant digits (C's %.4g, which no locale changes).
    static func format(_ x: Double) -> String {
        x.isNaN ? "—" : String(format: "%.4g", x)
    }
}
