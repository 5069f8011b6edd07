#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Gaussian averages a two-layer network's equations need (docs/model.md §9), for zero-mean
/// jointly Gaussian fields with the given covariances (Saad & Solla 1995's I2, I3, I4, plus J2
/// for the label-noise term):
/// - i2 = E[g(z₁)·g(z₂)]
/// - i3 = E[g'(z₁)·z₂·g(z₃)]
/// - i4 = E[g'(z₁)·g'(z₂)·g(z₃)·g(z₄)]
/// - j2 = E[g'(z₁)·g'(z₂)]
/// Covariance matrices are passed row-major (3×3 for i3, 4×4 for i4). An instance may hold a
/// quadrature workspace: give each thread its own.
public protocol CommitteeMoments {
    func i2(_ c11: Double, _ c12: Double, _ c22: Double) -> Double
    func i3(_ c: [Double]) -> Double
    func i4(_ c: [Double]) -> Double
    func j2(_ c11: Double, _ c12: Double, _ c22: Double) -> Double
}

public enum CommitteeMomentsFactory {
    public static func make(_ g: Activation) -> any CommitteeMoments {
        switch g {
        case .erf: ErfMoments()
        case .linear: LinearMoments()
        case .relu: ReluMoments()
        }
    }
}

@inline(__always) func clampedAsin(_ x: Double) -> Double { asin(min(1, max(-1, x))) }

/// g(z) = erf(z/√2): the closed forms of Saad & Solla (1995), docs/model.md §9.
public struct ErfMoments: CommitteeMoments {
    public init() {}

    public func i2(_ c11: Double, _ c12: Double, _ c22: Double) -> Double {
        2 / .pi * clampedAsin(c12 / ((1 + c11) * (1 + c22)).squareRoot())
    }

    public func i3(_ c: [Double]) -> Double {
        let c11 = c[0], c12 = c[1], c13 = c[2], c23 = c[5], c33 = c[8]
        let lambda3 = (1 + c11) * (1 + c33) - c13 * c13
        return 2 / .pi / lambda3.squareRoot() * (c23 * (1 + c11) - c12 * c13) / (1 + c11)
    }

    public func i4(_ c: [Double]) -> Double {
        let c11 = c[0], c12 = c[1], c13 = c[2], c14 = c[3], c22 = c[5], c23 = c[6], c24 = c[7]
        let c33 = c[10], c34 = c[11], c44 = c[15]
        let lambda4 = (1 + c11) * (1 + c22) - c12 * c12
        let lambda0 = lambda4 * c34 - c23 * c24 * (1 + c11) - c13 * c14 * (1 + c22) + c12 * c13 * c24 + c12 * c14 * c23
        let lambda1 = lambda4 * (1 + c33) - c23 * c23 * (1 + c11) - c13 * c13 * (1 + c22) + 2 * c12 * c13 * c23
        let lambda2 = lambda4 * (1 + c44) - c24 * c24 * (1 + c11) - c14 * c14 * (1 + c22) + 2 * c12 * c14 * c24
        return 4 / (.pi * .pi) / lambda4.squareRoot() * clampedAsin(lambda0 / (lambda1 * lambda2).squareRoot())
    }

    public func j2(_ c11: Double, _ c12: Double, _ c22: Double) -> Double {
        2 / .pi / ((1 + c11) * (1 + c22) - c12 * c12).squareRoot()
    }
}

/// g(z) = z: every average is a covariance.
public struct LinearMoments: CommitteeMoments {
    public init() {}
    public func i2(_ c11: Double, _ c12: Double, _ c22: Double) -> Double { c12 }
    public func i3(_ c: [Double]) -> Double { c[5] }
    public func i4(_ c: [Double]) -> Double { c[11] }
    public func j2(_ c11: Double, _ c12: Double, _ c22: Double) -> Double { 1 }
}
