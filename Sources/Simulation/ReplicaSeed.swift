import Model

/// The seed of one replica, derived from (config seed, run id, replica index) by a fixed rule,
/// so that results never depend on scheduling or thread count.
public enum ReplicaSeed {
    public static func derive(baseSeed: UInt64, runID: String, replica: Int) -> UInt64 {
        var h = SplitMix64.mix(baseSeed ^ 0x62_6E_73_69_6D)  // "bnsim"
        h = SplitMix64.mix(h ^ fnv1a(runID))
        return SplitMix64.mix(h ^ UInt64(replica))
    }

    /// FNV-1a, 64 bit: a stable string hash (Swift's Hasher is randomly seeded per process).
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
