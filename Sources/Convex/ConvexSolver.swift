import Foundation

/// The convex program's optimum by a working set of (pattern, sign) blocks
/// (docs/convex-bn-relu.md §6): solve the program restricted to the working set by monotone
/// FISTA with restarts (prox = radial shrink of the cone projection), then price every pattern
/// by its dual norm and add the most violated blocks; stop when none exceeds λ(1 + tolerance).
/// Terminates finitely (each round adds a block that lowers the objective), and the restricted
/// problems are small (m* ≤ P + 1 blocks), so they can be solved to ~1e-12.
public struct ConvexSolver: Sendable {
    public var pricingTolerance = 1e-9
    public var restrictedTolerance = 1e-12
    public var maximumRounds = 200
    public var blocksPerRound = 4
    public var maximumIterations = 200_000

    public init() {}

    public struct Solution: Sendable {
        public let blocks: [ConvexBlock]
        public let objective: Double
        public let fit: [Double]
        public let rounds: Int
        public let iterations: Int
        /// ρ(y − f)/λ over all patterns when pricing last found nothing (≤ 1 + pricing tolerance).
        public let converged: Bool
    }

    public func solve(_ program: ConvexProgram) -> Solution {
        var blocks: [ConvexBlock] = []
        var cones: [PatternCone] = []
        var rounds = 0, iterations = 0, converged = false
        var fit = [Double](repeating: 0, count: program.data.sampleCount)
        while rounds < maximumRounds {
            rounds += 1
            let v = zip(program.labels, fit).map { $0 - $1 }
            let active = Set(blocks.map { BlockKey(pattern: $0.pattern, sign: $0.sign) })
            let candidates = program.violations(v, threshold: program.lambda * (1 + pricingTolerance))
                .filter { !active.contains(BlockKey(pattern: $0.pattern, sign: $0.sign)) }
                .sorted { $0.norm > $1.norm }
            guard !candidates.isEmpty else { converged = true; break }
            for c in candidates.prefix(blocksPerRound) {
                blocks.append(ConvexBlock(pattern: c.pattern, sign: c.sign, weights: [Double](repeating: 0, count: program.data.width)))
                cones.append(program.cone(c.pattern))
            }
            iterations += restrictedSolve(program, &blocks, cones)
            // Blocks that stayed at zero leave the working set (pricing brings them back if needed).
            let keep = blocks.indices.filter { blocks[$0].weights.contains { $0 != 0 } }
            blocks = keep.map { blocks[$0] }; cones = keep.map { cones[$0] }
            fit = program.fit(blocks)
        }
        return Solution(blocks: blocks, objective: program.objective(blocks), fit: fit,
                        rounds: rounds, iterations: iterations, converged: converged)
    }

    private struct BlockKey: Hashable { let pattern: Int; let sign: Double }

    /// A·c = Σ_b sign_b D_b Ũ c_b (linear in c; equals the ReLU fit inside the cones).
    private func apply(_ program: ConvexProgram, _ blocks: [ConvexBlock], _ weights: [[Double]]) -> [Double] {
        var out = [Double](repeating: 0, count: program.data.sampleCount)
        for (b, block) in blocks.enumerated() where weights[b].contains(where: { $0 != 0 }) {
            let pattern = program.patterns.patterns[block.pattern]
            for i in 0..<program.data.sampleCount where pattern.contains(i) {
                var s = 0.0
                for j in 0..<program.data.width { s += program.data.basis[i, j] * weights[b][j] }
                out[i] += block.sign * s
            }
        }
        return out
    }

    /// Aᵀ r per block.
    private func adjoint(_ program: ConvexProgram, _ blocks: [ConvexBlock], _ r: [Double]) -> [[Double]] {
        blocks.map { block in program.patternGradient(block.pattern, r).map { block.sign * $0 } }
    }

    private func composite(_ program: ConvexProgram, _ fit: [Double], _ weights: [[Double]]) -> Double {
        program.objective(fit: fit, penalty: weights.reduce(0) { $0 + Vec.norm($1) })
    }

    /// ‖A‖² by power iteration on AᵀA, with a margin (monotonicity below doubles it if too small).
    private func lipschitz(_ program: ConvexProgram, _ blocks: [ConvexBlock]) -> Double {
        var x = blocks.map { _ in [Double](repeating: 1, count: program.data.width) }
        var estimate = 1.0
        for _ in 0..<60 {
            let y = adjoint(program, blocks, apply(program, blocks, x))
            let norm = y.reduce(0) { $0 + Vec.dot($1, $1) }.squareRoot()
            guard norm > 0 else { return 1 }
            estimate = norm / x.reduce(0) { $0 + Vec.dot($1, $1) }.squareRoot()
            x = y.map { $0.map { $0 / norm } }
        }
        return estimate * 1.05
    }

    /// Monotone FISTA with gradient restarts on the restricted program; returns the iterations used.
    private func restrictedSolve(_ program: ConvexProgram, _ blocks: inout [ConvexBlock], _ cones: [PatternCone]) -> Int {
        var lipschitz = self.lipschitz(program, blocks)
        var x = blocks.map(\.weights)
        var y = x
        var t = 1.0
        var fx = apply(program, blocks, x)
        var value = composite(program, fx, x)
        var iteration = 0
        var stalled = 0
        while iteration < maximumIterations {
            iteration += 1
            let fy = apply(program, blocks, y)
            let residual = zip(fy, program.labels).map { $0 - $1 }
            let gradient = adjoint(program, blocks, residual)
            var next = x
            for b in blocks.indices {
                let z = zip(y[b], gradient[b]).map { $0 - $1 / lipschitz }
                next[b] = cones[b].proximal(z, threshold: program.lambda / lipschitz)
            }
            let fNext = apply(program, blocks, next)
            let nextValue = composite(program, fNext, next)
            if nextValue > value * (1 + 1e-15) + 1e-300 {
                if t == 1 { lipschitz *= 2 } // a plain proximal step must descend: the step was too long
                t = 1; y = x
                continue
            }
            // Gradient restart: drop the momentum when it points against the last step.
            var alignment = 0.0
            for b in blocks.indices { for j in x[b].indices { alignment += (y[b][j] - next[b][j]) * (next[b][j] - x[b][j]) } }
            let tNext = alignment > 0 ? 1 : (1 + (1 + 4 * t * t).squareRoot()) / 2
            let momentum = alignment > 0 ? 0 : (t - 1) / tNext
            stalled = value - nextValue <= 1e-16 * abs(value) ? stalled + 1 : 0
            y = next.indices.map { b in next[b].indices.map { next[b][$0] + momentum * (next[b][$0] - x[b][$0]) } }
            x = next; fx = fNext; value = nextValue; t = tNext
            if iteration % 25 == 0 || stalled > 50 {
                let v = zip(program.labels, fx).map { $0 - $1 }
                var rho = 0.0
                for b in blocks.indices {
                    let g = program.patternGradient(blocks[b].pattern, v).map { blocks[b].sign * $0 }
                    rho = max(rho, Vec.norm(cones[b].project(g)))
                }
                let bound = DualCertificate(labels: program.labels, lambda: program.lambda, residual: v, dualNorm: rho).lowerBound
                if value - bound <= restrictedTolerance * abs(value) || stalled > 50 { break }
            }
        }
        for b in blocks.indices { blocks[b].weights = x[b] }
        return iteration
    }
}
