/// One of n disjoint parts of a sweep: shard i (0-based, 0 ≤ i < n) holds the runs whose position
/// in run order is ≡ i (mod n). Interleaving, rather than contiguous blocks, spreads the costly
/// corner of a sweep (the largest N, the slowest axis) over all shards.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The whole sweep.
    public static let whole = Shard(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex index: Int, count: Int) { self.index = index; self.count = count }

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw ShardError("the number of shards must be at least 1, got \(count)") }
        guard (0..<count).contains(index) else {
            throw ShardError("shard index \(index) is not in 0…\(count - 1) (shards are numbered from 0)")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    /// `i/n`, as `--shard` takes it.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError("--shard takes i/n (e.g. 0/4 for the first of 4 shards), got \(text)")
        }
        try self.init(index: i, count: n)
    }

    /// The shard of a SLURM job-array task: `SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`,
    /// with the ID counted from `SLURM_ARRAY_TASK_MIN` in steps of `SLURM_ARRAY_TASK_STEP` when
    /// those are set (so `--array=1-8` works as well as `--array=0-7`). Nil outside an array job.
    public static func fromSLURM(_ environment: [String: String]) throws(ShardError) -> Shard? {
        guard let idText = environment["SLURM_ARRAY_TASK_ID"] else { return nil }
        guard let id = Int(idText) else { throw ShardError("SLURM_ARRAY_TASK_ID is not a number: \(idText)") }
        guard let countText = environment["SLURM_ARRAY_TASK_COUNT"], let count = Int(countText) else {
            throw ShardError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not a number; give --shard i/n")
        }
        let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0
        let step = max(1, environment["SLURM_ARRAY_TASK_STEP"].flatMap { Int($0) } ?? 1)
        guard (id - minimum) % step == 0 else {
            throw ShardError("SLURM_ARRAY_TASK_ID \(id) is not SLURM_ARRAY_TASK_MIN \(minimum) plus a multiple of the step \(step)")
        }
        return try Shard(index: (id - minimum) / step, count: count)
    }

    public var isWhole: Bool { count == 1 }

    /// Whether the run at `position` (in run order) belongs to this shard.
    public func contains(_ position: Int) -> Bool { position % count == index }

    public var description: String { "\(index)/\(count)" }

    /// The default results directory of this shard inside the sweep's: `shard-<i>-of-<n>`.
    public var folderName: String { "shard-\(index)-of-\(count)" }
}

/// A `--shard` value or SLURM environment that names no shard.
public struct ShardError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
