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

    /// The shard of a SLURM job-array task, from the array's variables: shard index
    /// (ID − MIN)/STEP of COUNT shards (so `--array=1-8` works as well as `--array=0-7`, and
    /// `--array=0-14:2` too). COUNT must agree with (MAX − MIN)/STEP + 1 when MAX is set: an array
    /// given as an irregular list (`--array=1,2,7`) has no shard numbering. A one-task array is
    /// refused: it is what resubmitting one task (`sbatch --array=3`) looks like, and SLURM then
    /// says COUNT = 1, not the sweep's number of shards — running the whole sweep would be wrong.
    /// Every refusal suggests `--shard i/n`. Nil outside an array job.
    public static func fromSLURM(_ environment: [String: String]) throws(ShardError) -> Shard? {
        guard let idText = environment["SLURM_ARRAY_TASK_ID"] else { return nil }
        let hint = "give the shard explicitly with --shard i/n"
        func number(_ name: String) throws(ShardError) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw ShardError("\(name) is not a whole number: \(text); \(hint)")
            }
            return value
        }
        guard let id = try number("SLURM_ARRAY_TASK_ID") else { throw ShardError("SLURM_ARRAY_TASK_ID is empty: \(idText); \(hint)") }
        let minimum = try number("SLURM_ARRAY_TASK_MIN") ?? 0
        let maximum = try number("SLURM_ARRAY_TASK_MAX")
        let step = try number("SLURM_ARRAY_TASK_STEP") ?? 1
        guard step >= 1 else { throw ShardError("SLURM_ARRAY_TASK_STEP is \(step), not a positive step; \(hint)") }
        let span: Int? = maximum.flatMap { $0 < minimum ? nil : ($0 - minimum) / step + 1 }
        if let maximum, maximum < minimum || (maximum - minimum) % step != 0 {
            throw ShardError("the job array's SLURM_ARRAY_TASK_MIN \(minimum), MAX \(maximum) and STEP \(step) do not make a range; \(hint)")
        }
        let count: Int
        switch (try number("SLURM_ARRAY_TASK_COUNT"), span) {
        case (let given?, let derived?) where given != derived:
            throw ShardError("SLURM_ARRAY_TASK_COUNT \(given) disagrees with the array \(minimum)-\(maximum!):\(step) (\(derived) tasks): "
                             + "an array given as a list has no shard numbering; \(hint)")
        case (let given?, _): count = given
        case (nil, let derived?): count = derived
        case (nil, nil):
            throw ShardError("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX; \(hint)")
        }
        guard count >= 2 else {
            throw ShardError("SLURM_ARRAY_TASK_ID is \(id) in a one-task job array (SLURM_ARRAY_TASK_COUNT 1, e.g. one task resubmitted "
                             + "with sbatch --array=\(id)), which does not say how many shards the sweep has; "
                             + "give the shard explicitly with --shard \(id)/n (n: the sweep's number of shards; \(id) if the array was numbered from 0)")
        }
        guard (id - minimum) % step == 0, id >= minimum else {
            throw ShardError("SLURM_ARRAY_TASK_ID \(id) is not SLURM_ARRAY_TASK_MIN \(minimum) plus a multiple of the step \(step); \(hint)")
        }
        do {
            return try Shard(index: (id - minimum) / step, count: count)
        } catch {
            throw ShardError("SLURM_ARRAY_TASK_ID \(id) gives \(error.description); \(hint)")
        }
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
