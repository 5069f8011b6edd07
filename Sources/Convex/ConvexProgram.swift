import Foundation

/// One block of the convex program: a pattern, the sign of its output weight (c_i: +1, c′_i: −1)
/// and its weights c ∈ K_D. It is exactly the ReLU neuron sign·relu(Ũ c).
public struct ConvexBlock: Sendable, Equatable {
    public let pattern: Int
    public let sign: Double
    public var weights: [Double]
}

/// The group lasso over arrangement patterns with cone constraints (docs/convex-bn-relu.md §3):
///
///   min ½‖Σ_i D_i Ũ (c_i − c′_i) − y‖² + λ Σ_i (‖c_i‖ + ‖c′_i‖),  c_i, c′_i ∈ K_{D_i}.
///
/// With every pattern it equals the minimum of the BN-ReLU network objective for any width ≥ m*.
public struct ConvexProgram: Sendable {
    public let data: WhitenedData
    public let labels: [Double]
    public let lambda: Double
    public let patterns: ArrangementPatterns

    public init(data: WhitenedData, labels: [Double], lambda: Double, patterns: ArrangementPatterns) {
        self.data = data; self.labels = labels; self.lambda = lambda; self.patterns = patterns
    }

    public func cone(_ index: Int) -> PatternCone { PatternCone(pattern: patterns.patterns[index], data: data) }

    /// Σ sign·relu(Ũ c): the training fit of the blocks' neurons.
    public func fit(_ blocks: [ConvexBlock]) -> [Double] {
        var f = [Double](repeating: 0, count: data.sampleCount)
        for block in blocks where block.weights.contains(where: { $0 != 0 }) {
            let field = data.times(block.weights)
            for i in f.indices { f[i] += block.sign * Vec.relu(field[i]) }
        }
        return f
    }

    public func objective(_ blocks: [ConvexBlock]) -> Double {
        objective(fit: fit(blocks), penalty: blocks.reduce(0) { $0 + Vec.norm($1.weights) })
    }

    func objective(fit: [Double], penalty: Double) -> Double {
        var loss = 0.0
        for i in fit.indices { loss += (fit[i] - labels[i]) * (fit[i] - labels[i]) }
        return 0.5 * loss + lambda * penalty
    }

    /// Ũᵀ D v for one pattern.
    func patternGradient(_ index: Int, _ v: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: data.width)
        let pattern = patterns.patterns[index]
        for i in 0..<data.sampleCount where pattern.contains(i) {
            for j in 0..<data.width { g[j] += data.basis[i, j] * v[i] }
        }
        return g
    }

    /// The (pattern, sign) blocks whose dual norm ‖Π_{K_D}(±ŨᵀD v)‖ exceeds `threshold`, with that norm.
    func violations(_ v: [Double], threshold: Double) -> [(pattern: Int, sign: Double, norm: Double)] {
        var found: [(Int, Double, Double)] = []
        for index in patterns.patterns.indices {
            let g = patternGradient(index, v)
            guard Vec.norm(g) > threshold else { continue }  // ‖Π_K g‖ ≤ ‖g‖
            let cone = cone(index)
            for sign in [1.0, -1.0] {
                let norm = Vec.norm(cone.project(g.map { sign * $0 }))
                if norm > threshold { found.append((index, sign, norm)) }
            }
        }
        return found
    }

    /// ρ(v) = max over all patterns and signs of ‖Π_{K_D}(±ŨᵀD v)‖; patterns whose cheap bound
    /// ‖ŨᵀD v‖ cannot beat the running maximum are skipped.
    public func dualNorm(_ v: [Double]) -> Double {
        var rho = 0.0
        for index in patterns.patterns.indices {
            let g = patternGradient(index, v)
            guard Vec.norm(g) > rho else { continue }
            let cone = cone(index)
            for sign in [1.0, -1.0] { rho = max(rho, Vec.norm(cone.project(g.map { sign * $0 }))) }
        }
        return rho
    }
}
