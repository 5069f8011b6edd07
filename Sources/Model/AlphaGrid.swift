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

    public init(requested: [Double], inputDimension: Int, batchSize: Int) {
        let alphaPerStep = Double(batchSize) / Double(inputDimension)
        var steps: [Int] = []
        for alpha in requested.sorted() {
            let t = max(1, Int((alpha / alphaPerStep).rounded()))
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
            requested = (0..<points).map { k in
                let f = Double(k) / Double(points - 1)
                switch spacing {
                case .log: return alphaMin * Foundation_pow(alphaMax / alphaMin, f)
                case .linear: return alphaMin + (alphaMax - alphaMin) * f
                }
            }
        }
        self.init(requested: requested, inputDimension: inputDimension, batchSize: batchSize)
    }

    public var count: Int { alphas.count }
}
