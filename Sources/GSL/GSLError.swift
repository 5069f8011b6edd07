internal import CGSL

/// A GSL status code other than success, with GSL's own description of it.
///
/// Every GSL call in bnsim goes through `GSLError.check`, the one place where C status codes
/// become Swift errors.
public struct GSLError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The raw GSL status (e.g. `GSL_EBADFUNC`, `GSL_EMAXITER`).
    public let status: Int32
    /// What bnsim was doing when GSL failed.
    public let context: String

    /// `gsl_strerror`'s text for the status.
    public var message: String { String(cString: gsl_strerror(status)) }

    public var description: String { "GSL error in \(context): \(message) (status \(status))" }

    /// GSL's status for "the function (here: the ODE right-hand side) reported a bad value".
    public static var badFunctionStatus: Int32 { Int32(GSL_EBADFUNC) }

    static func check(_ status: Int32, _ context: @autoclosure () -> String) throws(GSLError) {
        guard status == Int32(GSL_SUCCESS) else {
            throw GSLError(status: status, context: context())
        }
    }
}

/// Turns GSL's default abort-on-error handler off, once per process, so that every failure
/// comes back as a status code (and from there as a `GSLError`) instead of killing the program.
enum GSLRuntime {
    static let errorHandlerDisabled: Void = {
        _ = gsl_set_error_handler_off()
    }()

    static func prepare() { _ = errorHandlerDisabled }
}
