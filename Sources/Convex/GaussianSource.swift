import Model

/// Seeded standard normals (Box–Muller over SplitMix64): the data, the teacher and GD's
/// initializations of one convex instance all derive from the config's seed.
struct GaussianSource {
    private var generator: SplitMix64
    private var spare: Double?

    init(seed: UInt64) { generator = SplitMix64(state: seed) }

    /// Uniform in (0, 1], never 0, so that its logarithm is finite.
    mutating func uniform() -> Double { (Double(generator.next() >> 11) + 1) * 0x1p-53 }

    mutating func normal() -> Double {
        if let z = spare { spare = nil; return z }
        let radius = (-2 * Foundation.log(uniform())).squareRoot()
        let angle = 2 * Double.pi * uniform()
        spare = radius * Foundation.sin(angle)
        return radius * Foundation.cos(angle)
    }

    mutating func normals(_ count: Int) -> [Double] { (0..<count).map { _ in normal() } }

    /// A seed for a named sub-stream (instance, restart, …), independent of the draws so far.
    static func seed(_ base: UInt64, _ parts: UInt64...) -> UInt64 {
        parts.reduce(SplitMix64.mix(base)) { SplitMix64.mix($0 ^ SplitMix64.mix($1 &+ 0x632B_E59B_D9B4_E019)) }
    }
}

import Foundation
