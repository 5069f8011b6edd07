#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clocks the benchmark reads. In-process kernels are timed by the CPU time of the calling
/// thread, so that other processes on a busy machine do not count against them; only the sweep
/// scaling, which is about wall time on all cores, uses the monotonic wall clock.
enum Clock {
    static func threadCPUSeconds() -> Double { read(CLOCK_THREAD_CPUTIME_ID) }
    static func wallSeconds() -> Double { read(CLOCK_MONOTONIC) }

    private static func read(_ clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + 1e-9 * Double(ts.tv_nsec)
    }

    /// The CPU seconds of the calling thread that `work` takes.
    static func threadCPUTime(_ work: () throws -> Void) rethrows -> Double {
        let start = threadCPUSeconds()
        try work()
        return threadCPUSeconds() - start
    }
}
