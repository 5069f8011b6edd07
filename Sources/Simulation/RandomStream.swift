#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// xoshiro256++ (Blackman & Vigna 2019): 256 bits of state, period 2^256 − 1, passes BigCrush.
/// Each replica owns one; nothing in bnsim uses a global generator. Gamma variates:
/// `NormalVariateSource.gamma` (Model).
public struct RandomStream: NormalVariateSource, Sendable, Hashable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// Seeds the 256-bit state from a 64-bit seed with SplitMix64, as the authors recommend.
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = (s0 &+ s3).rotatedLeft(23) &+ s0
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(45)
        return result
    }

    /// Uniform on (0, 1): 53 random bits, offset by half an ulp so 0 never occurs.
    @inlinable @inline(__always)
    public mutating func uniformOpen() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A standard normal by the ziggurat method (Marsaglia & Tsang 2000, in Doornik's 2005
    /// ZIGNOR form: 128 layers, the layer index and the uniform from disjoint bits of one draw).
    @inlinable @inline(__always)
    public mutating func normal() -> Double {
        while true {
            let bits = next()
            let i = Int(bits & 0x7F)
            let u = Double(bits >> 11) * 0x1p-52 - 1  // uniform on [−1, 1)
            let x = u * Ziggurat.x[i]
            if Swift.abs(u) < Ziggurat.ratio[i] { return x }
            if let slow = normalSlowPath(i: i, u: u, x: x) { return slow }
        }
    }

    @usableFromInline
    mutating func normalSlowPath(i: Int, u: Double, x: Double) -> Double? {
        if i == 0 {
            // Tail beyond R (Marsaglia 1964).
            let R = Ziggurat.R
            var t: Double, y: Double
            repeat {
                t = log(uniformOpen()) / R
                y = log(uniformOpen())
            } while -2 * y < t * t
            return u < 0 ? t - R : R - t
        }
        let xi = Ziggurat.x[i], xj = Ziggurat.x[i + 1]
        let f0 = exp(-0.5 * (xi * xi - x * x)), f1 = exp(-0.5 * (xj * xj - x * x))
        return f1 + uniformOpen() * (f0 - f1) < 1 ? x : nil
    }

    @inlinable
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>) {
        for j in buffer.indices { buffer[j] = normal() }
    }
}

/// The ziggurat tables for 128 layers of equal area V under exp(−x²/2) (Doornik 2005).
@usableFromInline
enum Ziggurat {
    @usableFromInline static let R = 3.442619855899
    static let V = 9.91256303526217e-3
    /// Layer right edges x[0..128] (x[0] = V/f(R) is the base strip's pseudo-width, x[128] = 0).
    @usableFromInline static let x: [Double] = {
        var x = [Double](repeating: 0, count: 129)
        var f = exp(-0.5 * R * R)
        x[0] = V / f; x[1] = R; x[128] = 0
        for i in 2..<128 {
            x[i] = (-2 * log(V / x[i - 1] + f)).squareRoot()
            f = exp(-0.5 * x[i] * x[i])
        }
        return x
    }()
    /// x[i+1]/x[i]: a uniform below this ratio lies inside the layer's rectangle core.
    @usableFromInline static let ratio: [Double] = (0..<128).map { x[$0 + 1] / x[$0] }
}

extension UInt64 {
    @inlinable @inline(__always)
    func rotatedLeft(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
