/// The simulation's random numbers: eight xoshiro256+ generators side by side (one per SIMD
/// lane), turned into standard normals sixteen at a time by `NormalTransform` (vectorized
/// Box–Muller; method and accuracy in docs/normal-generator.md).
///
/// Each replica owns one, seeded from (config seed, run id, replica), so output never
/// depends on thread count. Lane 0 has the state `RandomStream` gets from the seed (SplitMix64);
/// lane k is lane 0 advanced by k·2¹²⁸ steps (`RandomStream.jump()`), so the eight lanes are
/// non-overlapping stretches of one xoshiro256 sequence of period 2²⁵⁶ − 1.
///
/// The output function is xoshiro256+ (s₀ + s₃), which its authors recommend for floating-point
/// numbers: only its lowest bits are weak (low linear complexity), and the transform uses bits
/// 10…63 alone. It saves two of the generator's eleven vector operations per word over ++.
///
/// Layout of the draws (tests rely on it): a vector of n normals (`fill`, and every input the
/// simulation draws) takes ⌈n/16⌉ blocks, each block two draws of all eight lanes; the normals of
/// the last block beyond n are discarded. `normal()` hands out the 16 normals of one block in
/// turn and draws the next block when they are used up; `fill` does not touch those.
public struct NormalStream: Sendable {
    /// Normals per block: eight lanes × (cos, sin).
    public static let blockSize = 16

    @usableFromInline var s0, s1, s2, s3: SIMD8<UInt64>
    /// The block `normal()` is handing out, and how many of its normals are used.
    @usableFromInline var pending: (SIMD8<Double>, SIMD8<Double>) = (.zero, .zero)
    @usableFromInline var pendingUsed = blockSize

    public init(seed: UInt64) {
        var lane = RandomStream(seed: seed)
        s0 = .zero; s1 = .zero; s2 = .zero; s3 = .zero
        for l in 0..<8 {
            (s0[l], s1[l], s2[l], s3[l]) = (lane.s0, lane.s1, lane.s2, lane.s3)
            lane.jump()
        }
    }

    /// The next 64 random bits of every lane (xoshiro256+, Blackman & Vigna 2019).
    @inlinable @inline(__always)
    public mutating func nextBits() -> SIMD8<UInt64> {
        let result = s0 &+ s3
        let t = s1 &* SIMD8(repeating: 1 << 17)  // s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Self.rotatedLeft(s3, 45)
        return result
    }

    /// Rotation written as x·2ᵏ + x >> (64 − k) (the two parts share no bits): LLVM still emits
    /// one rotate where the CPU has it (AVX-512 `vprolq`), and keeps the lanes in vector
    /// registers on AVX2, where the `|` form had it fall back to scalar rotates.
    @inlinable @inline(__always)
    static func rotatedLeft(_ x: SIMD8<UInt64>, _ k: UInt64) -> SIMD8<UInt64> {
        (x &* SIMD8(repeating: 1 << k)) &+ (x &>> SIMD8(repeating: 64 - k))
    }

    /// `count` × 8 words into `bits`, in draw order. Kept out of line: as a tight loop of its own
    /// the eight lanes stay in vector registers, where mixed into the transform's code LLVM's
    /// SLP vectorizer split some of them into scalars (Swift's SIMD bitwise operators are
    /// element loops that it has to re-vectorize).
    @inline(never)
    public mutating func fillBits(_ bits: UnsafeMutablePointer<SIMD8<UInt64>>, count: Int) {
        var state = self  // a local copy: stores through `bits` cannot alias it
        let raw = UnsafeMutableRawPointer(bits)
        for i in 0..<count {
            raw.storeBytes(of: state.nextBits(), toByteOffset: i &* 64, as: SIMD8<UInt64>.self)
        }
        s0 = state.s0; s1 = state.s1; s2 = state.s2; s3 = state.s3
    }

    /// The next block of 16 standard normals.
    @inlinable @inline(__always)
    public mutating func nextBlock() -> (SIMD8<Double>, SIMD8<Double>) {
        let a = nextBits(), b = nextBits()
        return NormalTransform.normals(a, b)
    }

    /// One standard normal (for per-sample draws such as label noise; vectors use `fill`).
    @inlinable
    public mutating func normal() -> Double {
        if pendingUsed == Self.blockSize {
            pending = nextBlock()
            pendingUsed = 0
        }
        defer { pendingUsed += 1 }
        return pendingUsed < 8 ? pending.0[pendingUsed] : pending.1[pendingUsed - 8]
    }

    /// `buffer.count` standard normals, ⌈count/16⌉ blocks (the rest of the last is discarded).
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return }
        var j = 0
        while j < buffer.count {
            let (z0, z1) = nextBlock()
            for l in 0..<min(Self.blockSize, buffer.count - j) { base[j + l] = l < 8 ? z0[l] : z1[l - 8] }
            j += Self.blockSize
        }
    }
}

extension RandomStream {
    /// Advances the state by 2¹²⁸ steps (the xoshiro256 jump polynomial of Blackman & Vigna):
    /// 2¹²⁸ non-overlapping subsequences for parallel streams.
    public mutating func jump() {
        let polynomial: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 { t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3 }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }
}
