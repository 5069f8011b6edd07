/// e^x for eight lanes at once, for bn-exact's orthant integrals (`BivariateNormal.Orthant`),
/// where libm's scalar `exp` was half of a trajectory's time.
///
/// Cody–Waite reduction x = n·ln 2 + r with |r| ≤ ln 2/2 (ln 2 split in a 32-bit head and a tail),
/// e^r by its Taylor series to r¹³ (truncation below 5·10⁻¹⁸ relative), then 2ⁿ by adding n to
/// the exponent bits. Within 2 ulp of libm for x ≥ −708; below, where e^x < 2.2·10⁻³⁰⁸ is
/// subnormal, it returns 0 (nothing that small matters next to the other terms of a probability).
/// Arguments above 709 are not handled (the orthant integrands are e^{−…} ≤ 1).
enum VectorExp {
    typealias Values = SIMD8<Double>

    @inline(__always)
    static func exp(_ x: Values) -> Values {
        // n = round(x/ln 2): adding 1.5·2⁵² rounds to an integer held in the low mantissa bits.
        let magic = Values(repeating: 0x1.8p52)
        let shifted = magic.addingProduct(x, Values(repeating: 1.4426950408889634))
        let n = shifted - magic
        let r = x.addingProduct(-n, Values(repeating: 6.93147180369123816490e-01))
            .addingProduct(-n, Values(repeating: 1.90821492927058770002e-10))
        var p = term(1.0 / 6_227_020_800, 1.0 / 479_001_600, r)  // 1/13!, 1/12!
        p = term(p, 1.0 / 39_916_800, r); p = term(p, 1.0 / 3_628_800, r); p = term(p, 1.0 / 362_880, r)
        p = term(p, 1.0 / 40_320, r); p = term(p, 1.0 / 5_040, r); p = term(p, 1.0 / 720, r)
        p = term(p, 1.0 / 120, r); p = term(p, 1.0 / 24, r); p = term(p, 1.0 / 6, r)
        p = term(p, 0.5, r); p = term(p, 1, r); p = term(p, 1, r)
        let nBits = unsafeBitCast(shifted, to: SIMD8<UInt64>.self) &- unsafeBitCast(magic, to: SIMD8<UInt64>.self)
        let scaled = unsafeBitCast(unsafeBitCast(p, to: SIMD8<UInt64>.self) &+ (nBits &* SIMD8(repeating: 1 << 52)), to: Values.self)
        return scaled.replacing(with: 0, where: x .< Values(repeating: -708))
    }

    /// c + p·r, fused.
    @inline(__always)
    static func term(_ p: Values, _ c: Double, _ r: Values) -> Values {
        Values(repeating: c).addingProduct(p, r)
    }

    @inline(__always)
    static func term(_ p: Double, _ c: Double, _ r: Values) -> Values {
        Values(repeating: c).addingProduct(Values(repeating: p), r)
    }
}
