import Model
import Testing

/// The bounded log-scale grid and bisection behind every learning-rate search.
struct LogSearchTests {
    /// 1e-300 … 1e30 overflows high/low: the grid must still be finite, increasing and hit both ends.
    @Test func gridWithAnOverflowingRatio() {
        let grid = LogSearch.grid(from: 1e-300, to: 1e30, points: 12)
        #expect(grid.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(zip(grid, grid.dropFirst()).allSatisfy { $0 < $1 })
        #expect(abs(grid[0] / 1e-300 - 1) < 1e-12 && abs(grid[11] / 1e30 - 1) < 1e-12)
    }

    /// The middle of a bracket whose product overflows or underflows is the geometric middle.
    @Test func middleWithoutOverflow() {
        #expect(abs(LogSearch.middle(1e200, 1e220) / 1e210 - 1) < 1e-12)
        #expect(abs(LogSearch.middle(1e-200, 1e-220) / 1e-210 - 1) < 1e-12)
        #expect(LogSearch.middle(0.5, 2) == 1)
    }

    /// Finds a threshold across 330 decades, and ends at Double resolution for a tolerance below it.
    @Test func bisectionEnds() throws {
        var calls = 0
        let (lo, hi) = try LogSearch.bisect(1e-300, 1e30, relativeTolerance: 1e-6) { mid in calls += 1; return mid < 3.7 }
        #expect(lo < 3.7 && hi >= 3.7 && hi / lo - 1 <= 1e-6)
        #expect(calls <= LogSearch.maximumBisections)
        let (a, b) = try LogSearch.bisect(1, 2, relativeTolerance: 1e-300) { $0 < 1.5 }
        #expect(a < 1.5 && b >= 1.5 && b.nextDown == a)
    }
}
