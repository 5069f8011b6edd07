/// The activation g shared by teacher and student (docs/model.md §1).
public enum Activation: String, CaseIterable, Sendable, Codable {
    /// g(z) = max(0, z); g'(z) = 1 for z > 0 and 0 otherwise (PyTorch's convention at 0).
    case relu
    /// g(z) = z.
    case linear
    /// g(z) = erf(z/√2), whose Gaussian averages are the classical Saad–Solla closed forms.
    case erf
}

extension Activation {
    @inlinable
    public func value(_ z: Double) -> Double {
        switch self {
        case .relu: z > 0 ? z : 0
        case .linear: z
        case .erf: Foundation_erf(z * 0.7071067811865476)
        }
    }

    @inlinable
    public func derivative(_ z: Double) -> Double {
        switch self {
        case .relu: z > 0 ? 1 : 0
        case .linear: 1
        case .erf: 0.7978845608028654 * Foundation_exp(-0.5 * z * z)  // √(2/π)·e^{−z²/2}
        }
    }

    /// Points where g or g' is not smooth, for quadrature break points.
    public var kinks: [Double] {
        switch self {
        case .relu: [0]
        case .linear, .erf: []
        }
    }
}
