#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libm entry points under names that do not clash with the enum case `Activation.erf`.
@inlinable public func Foundation_erf(_ x: Double) -> Double { erf(x) }
@inlinable public func Foundation_exp(_ x: Double) -> Double { exp(x) }
@inlinable public func Foundation_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inlinable public func Foundation_log(_ x: Double) -> Double { log(x) }
