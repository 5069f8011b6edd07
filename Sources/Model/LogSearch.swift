/// Geometric grids and bisection in log x between positive finite ends, bounded for any such
/// ends: the ratio high/low may overflow (1e-300 … 1e30), and a bracket tolerance below the
/// spacing of Doubles must not loop forever.
public enum LogSearch {
    /// A search that could not narrow its bracket within its iteration cap.
    public struct NotConverged: Error, CustomStringConvertible {
        public let low: Double, high: Double, iterations: Int
        public var description: String {
            "bisection in [\(low), \(high)] did not reach its tolerance within \(iterations) steps"
        }
    }

    /// Halving log(high/low) ≤ 1500 this often reaches any relative tolerance above 1e-300.
    public static let maximumBisections = 128

    /// `points` values from `low` to `high`, equally spaced in log x (ends included).
    public static func grid(from low: Double, to high: Double, points: Int) -> [Double] {
        precondition(points >= 2 && low > 0 && high.isFinite, "a log grid needs two points and positive finite ends")
        let ratio = high / low, logLow = Foundation_log(low), logHigh = Foundation_log(high)
        return (0..<points).map { k in
            let f = Double(k) / Double(points - 1)
            // The pow form where the ratio is finite, as before; log x where it overflows.
            return ratio.isFinite ? low * Foundation_pow(ratio, f) : Foundation_exp(logLow + (logHigh - logLow) * f)
        }
    }

    /// The geometric middle √(lo·hi), without overflowing or underflowing the product.
    public static func middle(_ lo: Double, _ hi: Double) -> Double {
        let product = lo * hi
        if product.isFinite && product > 0 && product.isNormal { return product.squareRoot() }
        return lo.squareRoot() * hi.squareRoot()
    }

    /// Bisects [low, high] in log x while hi/lo − 1 > `relativeTolerance`: `moveLow(mid)` says
    /// whether mid replaces lo (else it replaces hi). Stops when the middle is no longer strictly
    /// inside (Double resolution) and throws after `maximumBisections` steps.
    public static func bisect(_ low: Double, _ high: Double, relativeTolerance: Double,
                              moveLow: (Double) throws -> Bool) throws -> (low: Double, high: Double) {
        var lo = low, hi = high
        for _ in 0..<maximumBisections {
            guard hi / lo - 1 > relativeTolerance else { return (lo, hi) }
            let mid = middle(lo, hi)
            guard mid > lo && mid < hi else { return (lo, hi) }
            if try moveLow(mid) { lo = mid } else { hi = mid }
        }
        guard hi / lo - 1 > relativeTolerance else { return (lo, hi) }
        throw NotConverged(low: low, high: high, iterations: maximumBisections)
    }
}
