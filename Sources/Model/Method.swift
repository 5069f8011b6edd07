/// How the student's output is computed during training (docs/model.md §2).
public enum Method: String, CaseIterable, Sendable, Codable {
    /// ŷ = g(h): plain online SGD.
    case sgd
    /// ŷ = g(γ·u + β), u = h/√Q: weight normalization.
    case wn
    /// ŷ = g(γ·(h − μ_B)/σ_B + β): batch normalization with real batch statistics.
    case bn

    /// Whether the method has the scale γ (and optionally the bias β) as parameters.
    public var isNormalized: Bool {
        switch self {
        case .sgd: false
        case .wn, .bn: true
        }
    }
}

/// Which N → ∞ theory produced a trajectory (docs/model.md §5). sgd and wn have one exact theory;
/// bn has three: its exact finite-M equations and two loss-based approximations.
public enum TheoryVariant: String, CaseIterable, Sendable, Codable {
    /// The exact N → ∞ equations (for bn: at finite M, "bn-exact").
    case exact
    /// bn only: population normalization plus the paper's gamma decay ζγ² ("bn-pn").
    case pn
    /// bn only: gradient flow on the exact expected BN loss plus wn diffusion ("bn-loss").
    case loss
    /// bn only: population normalization alone — the wn equations with BN's population statistics,
    /// no batch noise ("bn-population"; per unit for two-layer networks, docs/model.md §9).
    case population

    /// The variants a method has.
    public static func available(for method: Method) -> [TheoryVariant] {
        switch method {
        case .sgd, .wn: [.exact]
        case .bn: [.exact, .pn, .loss, .population]
        }
    }
}
