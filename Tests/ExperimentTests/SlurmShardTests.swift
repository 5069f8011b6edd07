import Experiment
import Testing

/// The shard of a SLURM job-array task from the array's variables (`Shard.fromSLURM`).
struct SlurmShardTests {
    /// ID, COUNT, MIN, MAX, STEP (nil: unset) and the shard expected ("i/n"), or a fragment of the refusal.
    static let cases: [(id: String?, count: String?, min: String?, max: String?, step: String?, expected: String)] = [
        (nil, "4", "0", "3", nil, "none"),
        ("2", "3", nil, nil, nil, "2/3"),                       // --array=0-2 on an old SLURM without MIN/MAX
        ("2", "3", "0", "2", nil, "2/3"),                       // --array=0-2
        ("3", "3", "1", "3", nil, "2/3"),                       // --array=1-3
        ("6", "4", "0", "6", "2", "3/4"),                       // --array=0-6:2
        ("5", "4", "1", "7", "2", "2/4"),                       // --array=1-7:2
        ("5", nil, "1", "7", "2", "2/4"),                       // no COUNT: from MIN, MAX, STEP
        ("0", "8", "0", "7", nil, "0/8"),
        ("3", "1", "3", "3", nil, "--shard 3/n"),               // one task resubmitted: ambiguous
        ("0", "1", "0", "0", nil, "one-task job array"),        // a one-task array is never the whole sweep
        ("7", "3", "1", "7", nil, "disagrees"),                 // --array=1,2,7: a list, no numbering
        ("3", "3", nil, nil, nil, "shard index 3 is not in 0…2"),
        ("4", "4", "1", "7", "2", "not SLURM_ARRAY_TASK_MIN 1 plus a multiple of the step 2"),
        ("x", "3", nil, nil, nil, "not a whole number"),
        ("1", nil, nil, nil, nil, "neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX"),
        ("1", "3", "0", "5", "0", "not a positive step"),
    ]

    @Test(arguments: cases.indices)
    func derivesTheShardOrRefuses(k: Int) {
        let c = Self.cases[k]
        var environment: [String: String] = [:]
        for (name, value) in [("ID", c.id), ("COUNT", c.count), ("MIN", c.min), ("MAX", c.max), ("STEP", c.step)] {
            if let value { environment["SLURM_ARRAY_TASK_" + name] = value }
        }
        do {
            let shard = try Shard.fromSLURM(environment)
            #expect((shard?.description ?? "none") == c.expected, "\(environment)")
        } catch {
            #expect(error.description.contains(c.expected), "\(environment): \(error.description)")
            #expect(error.description.contains("--shard"), "the refusal suggests --shard: \(error.description)")
        }
    }
}
