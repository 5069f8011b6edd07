extension Replica {
    /// An upper bound on the bytes one replica allocates — the M × N batch, teacher, student and
    /// a probe row (N each, padded to whole blocks of the normal generator), the generator's bit
    /// buffer (≤ 8 bytes per input) and the per-sample scratch (3M) — which is all the memory a
    /// simulation worker holds: O(N·M), independent of α, the number of seeds and the length of
    /// the sweep. Keep in step with the buffers `init` allocates; `bnsim run` uses it to refuse,
    /// before any work, a config that would not fit in memory.
    public static func memoryBytes(inputDimension N: Int, batchSize M: Int) -> Double {
        let padded = Double(N) + 64
        return 8 * ((Double(M) + 4) * padded + 3 * Double(M))
    }

    /// The bytes a replica (one unit or two-layer) holds for a finite training set of P rows beyond
    /// its online buffers (`SetSampler`, docs/model.md §12): its own P × N Gaussian inputs (offline
    /// Gaussian data; a data file's rows are shared by every replica and not counted here), the
    /// fixed label noise and the epoch order (P each), and the measurement's fields of every row
    /// for every student and teacher unit (`units`·P).
    public static func trainingSetBytes(samples P: Int, inputDimension N: Int, ownsInputs: Bool, units: Int) -> Double {
        8 * ((ownsInputs ? Double(P) * Double(N) : 0) + Double(P) * (2 + Double(units)))
    }
}
