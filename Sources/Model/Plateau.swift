#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The plateau of an ε_g(α) curve (docs/model.md §9). Criterion: the plateau height is ε_g at the
/// flattest interior point of the curve on a log–log scale (smallest |Δ ln ε_g / Δ ln α| over its
/// two neighbours); the exit α is the first α after it where ε_g ≤ height/2. On a log-spaced grid
/// that starts after the initial drop this picks the plateau, not the final power-law decay.
public struct Plateau: Sendable, Equatable {
    public var height: Double
    /// Where the flattest stretch is.
    public var alpha: Double
    /// nil when ε_g never halves after the plateau.
    public var exitAlpha: Double?

    /// The curve up to its first non-positive ε_g (rounding after convergence); nil for fewer than
    /// three points.
    public init?(alphas: [Double], eg: [Double]) {
        let n = min(alphas.count, eg.firstIndex { !($0 > 0) } ?? eg.count)
        guard n >= 3 else { return nil }
        var best = Double.infinity, at = 0
        for k in 1..<(n - 1) {
            let slope = abs(log(eg[k + 1] / eg[k - 1]) / log(alphas[k + 1] / alphas[k - 1]))
            if slope < best { best = slope; at = k }
        }
        height = eg[at]; alpha = alphas[at]
        exitAlpha = (at..<n).first { eg[$0] <= eg[at] / 2 }.map { alphas[$0] }
    }
}
