import Dispatch
import Foundation

/// Runs independent jobs on a fixed number of worker threads and returns their results in job
/// order. Each job's result depends only on its index (seeds are derived, never shared), so the
/// output is the same whatever the thread count or scheduling.
enum ParallelJobs {
    static func map<T: Sendable>(count: Int, threads: Int, _ job: @escaping @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while let index = next.take(below: count) {
                slots.store(job(index), at: index)
            }
        }
        return slots.values()
    }

    /// Runs `job` for every index on `threads` worker threads, handing indices out in order, and
    /// stops handing them out once `stop()` is true (jobs already running finish).
    static func forEach(count: Int, threads: Int, stop: @escaping @Sendable () -> Bool, _ job: @escaping @Sendable (Int) -> Void) {
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while !stop(), let index = next.take(below: count) { job(index) }
        }
    }

    /// Hands out job indices under a lock.
    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func take(below limit: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }

    /// One slot per job; each is written exactly once, by the thread that ran the job.
    final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func store(_ value: T, at index: Int) { lock.lock(); storage[index] = value; lock.unlock() }
        func values() -> [T] { storage.map { $0! } }
    }
}
