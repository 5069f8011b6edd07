/// The optimum for P ≤ N + 1, where Ũ is square and orthogonal (docs/convex-bn-relu.md §3):
/// with φ(t) = t²/2 for t ≤ λ and λt − λ²/2 beyond,
///   P_cvx = φ(‖y₊‖) + φ(‖y₋‖),  f* = (1 − λ/‖y₊‖)₊ y₊ − (1 − λ/‖y₋‖)₊ y₋,
/// reached by at most two neurons c± = (1 − λ/‖y±‖)₊ Ũᵀ y±.
public enum ClosedForm {
    public static func applies(samples p: Int, inputDimension n: Int) -> Bool { p <= n + 1 }

    public static func objective(labels y: [Double], lambda: Double) -> Double {
        func phi(_ t: Double) -> Double { t <= lambda ? t * t / 2 : lambda * t - lambda * lambda / 2 }
        return phi(Vec.norm(y.map { max($0, 0) })) + phi(Vec.norm(y.map { max(-$0, 0) }))
    }

    /// The (sign, c) neurons of the optimum, zero ones left out.
    public static func neurons(data: WhitenedData, labels y: [Double], lambda: Double) -> [WhitenedNeuron] {
        [1.0, -1.0].compactMap { sign in
            let part = y.map { max(sign * $0, 0) }
            let norm = Vec.norm(part)
            guard norm > lambda else { return nil }
            let shrink = 1 - lambda / norm
            return WhitenedNeuron(sign: sign, weights: data.transposeTimes(part).map { $0 * shrink })
        }
    }
}

/// A neuron of the whitened network: sign·relu(Ũ c), with penalty λ‖c‖.
public struct WhitenedNeuron: Sendable, Equatable {
    public let sign: Double
    public var weights: [Double]

    public init(sign: Double, weights: [Double]) { self.sign = sign; self.weights = weights }
}

extension ConvexProgram {
    public enum Neurons {
        /// Parallel neurons of the same sign are one neuron (an interior-point or working-set solver
        /// may split a neuron on a cone boundary among adjacent patterns); merging keeps fit and penalty.
        public static func merged(_ neurons: [WhitenedNeuron], cosineTolerance: Double = 1e-9) -> [WhitenedNeuron] {
            var out: [WhitenedNeuron] = []
            for neuron in neurons where neuron.weights.contains(where: { $0 != 0 }) {
                let norm = Vec.norm(neuron.weights)
                if let j = out.firstIndex(where: { other in
                    other.sign == neuron.sign
                        && Vec.dot(other.weights, neuron.weights) >= (1 - cosineTolerance) * norm * Vec.norm(other.weights)
                }) {
                    for i in out[j].weights.indices { out[j].weights[i] += neuron.weights[i] }
                } else {
                    out.append(neuron)
                }
            }
            return out
        }

        public static func of(_ blocks: [ConvexBlock]) -> [WhitenedNeuron] {
            blocks.map { WhitenedNeuron(sign: $0.sign, weights: $0.weights) }
        }
    }
}
