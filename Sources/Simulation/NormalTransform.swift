/// Sixteen standard normals from two words of random bits per lane: the Box–Muller transform,
/// vectorized, with polynomial logarithm, sine and cosine in place of libm's scalar calls
/// (derivation and accuracy: docs/normal-generator.md).
///
/// With a the first word and b the second of one lane:
/// - u = 1 − ⌊a/2¹²⌋·2⁻⁵² ∈ (0, 1] (52 bits), the radius R = √(−2 ln u) (at most 8.49);
/// - y ∈ [−½, ½) from bits 10…61 of b, the angle φ = π/4 + (π/2)·y ∈ [0, π/2);
/// - z₀ = ±R·cos φ and z₁ = ±R·sin φ with the signs from bits 63 and 62 of b.
/// Reflecting a uniform angle in the first quadrant by two independent signs makes it uniform
/// on the circle, so (z₀, z₁) are independent standard normals, as in Box & Muller (1958).
/// R·cos φ = √(−ln u)·(C − S) and R·sin φ = √(−ln u)·(C + S), with C = cos(πy/2) and
/// S = sin(πy/2) on |πy/2| ≤ π/4, where short polynomials are accurate to an ulp.
///
/// Every normal is within 1e-15·(1 + |z|) of the exact transform of its bits (tested against
/// libm in `NormalTransformTests`); the lanes are independent, and the same bits give the same
/// normals on every CPU (only IEEE operations and fused multiply–adds).
public enum NormalTransform {
    public typealias Bits = SIMD8<UInt64>
    public typealias Values = SIMD8<Double>

    /// The two halves (cosine side, sine side) of a block of 16 normals.
    @inlinable @inline(__always)
    public static func normals(_ a: Bits, _ b: Bits) -> (Values, Values) {
        let one = Bits(repeating: 0x3FF0_0000_0000_0000)  // the bits of 1.0
        let u = Values(repeating: 2) - double(a &>> Bits(repeating: 12) | one)  // 2 − [1, 2) = (0, 1]
        let rho = negativeLog(u).squareRoot()  // R/√2
        let y = double((b &* Bits(repeating: 4)) &>> Bits(repeating: 12) | one) - Values(repeating: 1.5)
        let (c, s) = cosSinQuarterPi(y)
        let sign = Bits(repeating: 0x8000_0000_0000_0000)
        let first = bits(c - s) ^ (b & sign)
        let second = bits(c + s) ^ ((b &* Bits(repeating: 2)) & sign)
        return (rho * double(first), rho * double(second))
    }

    /// −ln u for u ∈ (0, 1] (fdlibm's reduction): u = 2ᵏ·m with m ∈ [√½, √2),
    /// ln m = 2·atanh(s) = s·(2 + s²·P(s²)) with s = (m − 1)/(m + 1), |s| ≤ 0.1716 and P the
    /// minimax polynomial of fdlibm's e_log.c (Lg1…Lg7, error below 2⁻⁵⁸).
    @inlinable @inline(__always)
    public static func negativeLog(_ u: Values) -> Values {
        let ix = bits(u)
        let shifted = ix &- Bits(repeating: 0x3FE6_A09E_667F_3BCD)  // the bits of √½
        // k = the exponent of u relative to √½ (an arithmetic shift), as a double via 1.5·2⁵² + k.
        let kBits = unsafeBitCast(unsafeBitCast(shifted, to: SIMD8<Int64>.self) &>> SIMD8(repeating: 52), to: Bits.self)
        let k = double(kBits &+ Bits(repeating: 0x4338_0000_0000_0000)) - Values(repeating: 0x1.8p52)
        let m = double(ix &- (shifted & Bits(repeating: 0xFFF0_0000_0000_0000)))
        let f = m - 1
        let s = f / (f + 2)
        let z = s * s
        var p = fma(z, -1.479819860511658591e-01, -1.531383769920937332e-01)
        p = fma(z, p, -1.818357216161805012e-01)
        p = fma(z, p, -2.222219843214978396e-01)
        p = fma(z, p, -2.857142874366239149e-01)
        p = fma(z, p, -3.999999999940941908e-01)
        p = fma(z, p, -6.666666666666735130e-01)
        p = fma(z, p, -2.0)
        // −ln u = −k·ln 2 − s·(2 + z·P(z)); the coefficients above are negated.
        return (s * p).addingProduct(k, Values(repeating: -6.93147180559945309417e-01))
    }

    /// cos(πy/2) and sin(πy/2) for |y| ≤ ½: fdlibm's k_cos/k_sin minimax polynomials on
    /// [−π/4, π/4] with x = πy/2 folded into the coefficients (each within an ulp).
    @inlinable @inline(__always)
    public static func cosSinQuarterPi(_ y: Values) -> (cos: Values, sin: Values) {
        let y2 = y * y
        var sp = fma(y2, 5.634704113884751e-08, -3.598649570240692e-06)
        sp = fma(y2, sp, 0.00016044115266738095)
        sp = fma(y2, sp, -0.0046817541326259334)
        sp = fma(y2, sp, 0.07969262624606334)
        sp = fma(y2, sp, -0.645964097506245)
        sp = fma(y2, sp, 1.5707963267948966)
        var cp = fma(y2, -6.32474667886607e-09, 4.710641505803502e-07)
        cp = fma(y2, cp, -2.520203791691774e-05)
        cp = fma(y2, cp, 0.0009192602743905533)
        cp = fma(y2, cp, -0.02086348076333076)
        cp = fma(y2, cp, 0.25366950790104764)
        cp = fma(y2, cp, -1.2337005501361697)
        return (fma(y2, cp, 1), y * sp)
    }

    /// x·a + b, fused (one rounding).
    @inlinable @inline(__always)
    static func fma(_ x: Values, _ a: Values, _ b: Double) -> Values {
        Values(repeating: b).addingProduct(x, a)
    }

    @inlinable @inline(__always)
    static func fma(_ x: Values, _ a: Double, _ b: Double) -> Values {
        Values(repeating: b).addingProduct(x, Values(repeating: a))
    }

    @inlinable @inline(__always)
    static func double(_ x: Bits) -> Values { unsafeBitCast(x, to: Values.self) }

    @inlinable @inline(__always)
    static func bits(_ x: Values) -> Bits { unsafeBitCast(x, to: Bits.self) }
}
