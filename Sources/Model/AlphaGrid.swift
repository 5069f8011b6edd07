/// How the α points of a grid are spaced.
public enum AlphaSpacing: String, CaseIterable, Sendable, Codable {
    case log
    case linear
}

/// The α grid shared by theory and simulation (comparing engines is a `zip`).
///
/// α = t·M/N takes values on the lattice of whole steps t, so every requested α is snapped to
/// the nearest step (at least one) and duplicates are dropped; theory is evaluated at exactly
/// the snapped values.
public struct AlphaGrid: Sendable, Hashable {
    /// Step counts t_k after which the state is recorded, strictly increasing.
    public let steps: [Int]
    /// α_k = t_k·M/N.
    public let alphas: [Double]

    /// The most steps a run may take: 2⁵³, so that every step count is exact as a Double and
    /// t + M stays far from Int.max. Config validation refuses α values beyond it.
    public static let maximumSteps = 1 << 53

    /// The whole step count nearest α (at least one), or nil when α·N/M is not finite or exceeds
    /// `maximumSteps` — the one Double → Int conversion of α, shared with config validation.
    public static func stepCount(alpha: Double, inputDimension: Int, batchSize: Int) -> Int? {
        let t = (alpha / (Double(batchSize) / Double(inputDimension))).rounded()
        guard t <= Double(maximumSteps) else { return nil }  // also refuses NaN
        return t >= 1 ? Int(t) : 1
    }

    /// Requested α values are within `maximumSteps` (config validation checks it); one beyond is
    /// clamped there rather than trapping.
    public init(requested: [Double], inputDimension: Int, batchSize: Int) {
        let alphaPerStep = Double(batchSize) / Double(inputDimension)
        var steps: [Int] = []
        for alpha in requested.sorted() {
            let t = Self.stepCount(alpha: alpha, inputDimension: inputDimension, batchSize: batchSize) ?? Self.maximumSteps
            if steps.last != t { steps.append(t) }
        }
        self.steps = steps
        self.alphas = steps.map { Double($0) * alphaPerStep }
    }

    /// `points` values from `alphaMin` to `alphaMax`, log- or linearly spaced, then snapped.
    public init(alphaMin: Double, alphaMax: Double, points: Int, spacing: AlphaSpacing, inputDimension: Int, batchSize: Int) {
        let requested: [Double]
        if points == 1 {
            requested = [alphaMax]
        } else {
            // A ratio that overflows (α_min = 5e-324) is spaced in log α instead, which stays finite.
            let ratio = alphaMax / alphaMin, logMin = Foundation_log(alphaMin), logMax = Foundation_log(alphaMax)
            requested = (0..<points).map { k in
                let f = Double(k) / Double(points - 1)
                switch spacing {
                case .log where !ratio.isFinite: return Foundation_exp(logMin + (logMax - logMin) * f)
                case .log: return alphaMin * Foundation_pow(ratio, f)
                case .linear: return alphaMin + (alphaMax - alphaMin) * f
                }
            }
        }
        self.init(requested: requested, inputDimension: inputDimension, batchSize: batchSize)
    }

    public var count: Int { alphas.count }
}
