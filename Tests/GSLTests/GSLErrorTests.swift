import GSL
import Testing

/// GSL's default error handler aborts the process. bnsim turns it off, so every failure comes
/// back as a status and from there as a typed `GSLError` with GSL's own message (so a bad input is a typed error,
/// never an abort). Each case here would kill the test process if the handler were still on.
struct GSLErrorTests {
    @Test func anInvalidToleranceIsATypedErrorNotAnAbort() {
        let quadrature = Quadrature(absoluteTolerance: 0, relativeTolerance: 0)
        do {
            _ = try quadrature.integrate(from: 0, to: 1) { $0 }
            Issue.record("QAGP accepted zero tolerances")
        } catch {
            #expect(error.status == 13)  // GSL_EBADTOL
            #expect(error.message == "invalid tolerance" || error.message.contains("tolerance"), "\(error.message)")
            #expect(error.description.contains("QAGP quadrature on [0.0, 1.0]") && error.description.contains(error.message))
        }
    }

    @Test func aDivergentIntegralIsATypedError() {
        let quadrature = Quadrature()
        do {
            let value = try quadrature.integrate(from: 0, to: 1) { 1 / ($0 * $0) }
            Issue.record("∫ 1/x² over [0, 1] returned \(value)")
        } catch {
            #expect(error.status != 0)
            #expect(!error.message.isEmpty && !error.description.contains("\n"))
        }
    }

    @Test func impossibleODETolerancesAreATypedErrorNotATrap() {
        for (absolute, relative) in [(-1.0, 1e-8), (1e-8, -1.0)] {
            do {
                _ = try ODESolver(dimension: 1, initialState: [1], relativeTolerance: relative, absoluteTolerance: absolute) { _, _, d in
                    d[0] = 0
                    return true
                }
                Issue.record("odeiv2 accepted tolerances \(absolute), \(relative)")
            } catch {
                #expect(error.status == 4)  // GSL_EINVAL
                #expect(error.description.contains("odeiv2") && error.description.contains(error.message))
            }
        }
    }

    /// y' = y² from y(0) = 1 blows up at t = 1. The right-hand side that refuses the non-finite
    /// state (as every bnsim flow does) ends the integration as `rejected` at the time reached.
    @Test func aBlowUpIsRejectedAtTheTimeReached() throws {
        let solver = try ODESolver(dimension: 1, initialState: [1], relativeTolerance: 1e-10, absoluteTolerance: 1e-12) { _, y, d in
            guard y[0].isFinite, abs(y[0]) < 1e12 else { return false }
            d[0] = y[0] * y[0]
            return true
        }
        let advance = try solver.advance(to: 2)
        guard case .rejected(let t) = advance else {
            Issue.record("expected a rejection, got \(advance)")
            return
        }
        #expect(t > 0.9 && t < 1.001, "blow-up at t = 1, rejected at \(t)")
        #expect(solver.state.allSatisfy { $0.isFinite })
    }
}
