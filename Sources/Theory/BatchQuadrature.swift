#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GSL

/// Deterministic quadrature over one real batch of M standard normal fields, built on the
/// decomposition of docs/model.md §5 (docs/bn-batch-decomposition.md): the batch mean ū ~ N(0, 1/M), the
/// scale W = √M·s_u ~ χ_{M−1}, and the standardized direction n, uniform on the √M-sphere ⊥ 1,
/// all independent.
///
/// - The scale is integrated against the χ_{M−1} density times W^{−k} (k = 0, 1, 2), which is
///   W^{M−2−k}·e^{−W²/2}: for M ≥ 4 a smooth function, so Gauss–Legendre panels on the range that
///   holds the mass converge spectrally, and the 1/s_u and 1/s_u² factors of the bn equations
///   never appear as singular integrands — what makes M = 4, 5 (where 1/s_u² has infinite
///   variance under sampling) as easy as M = 64. (A Laguerre rule in y = W²/2 would absorb the
///   weight too, but the integrands depend on W = √(2y) and converge only algebraically in y.)
/// - One coordinate of the direction, t = n₁/√(M−1) ∈ [−1, 1], has density ∝ (1 − t²)^{(M−4)/2}:
///   Gauss–Jacobi on each side of the student's kink.
/// - Two coordinates (for pair terms): polar coordinates (ϱ², φ) in the plane spanned by the
///   projections of e₁, e₂ on 1⊥, Gauss–Jacobi in ϱ (density ∝ ϱ·(1 − ϱ)^{(M−5)/2}·(1 + ϱ)^{(M−5)/2};
///   in ϱ, not ϱ², because the integrands are smooth in ϱ and only in √(ϱ²)) and
///   Gauss–Legendre in φ on arcs between the kinks of g(a₁), g(a₂), which are lines in that plane.
struct BatchQuadrature: Sendable {
    let M: Int
    let directions: BatchDirectionRule
    /// Nodes W_j and weights with Σ_j w_j·f(W_j) ≈ E[W^{−k}·f(W)], for k = 0, 1, 2.
    let scale: [(nodes: [Double], weights: [Double])]
    /// Gauss–Jacobi on [0, 1] with weight (1 − x)^{(M−4)/2}: one side of the t-integral
    /// (`.gaussJacobi`; nil in the Gaussian window).
    let halfLine: WeightedGaussRule?
    /// Gauss–Legendre for the panels in n₁ on the window [−L, L] (`.gaussianWindow`).
    let windowLine: GaussLegendreRule?
    /// Radii ϱ ∈ [0, 1] and weights ∝ ϱ(1 − ϱ²)^{(M−5)/2}, normalized to total 1 (M ≥ 4 only:
    /// below, the pair density is not integrable — docs/model.md §2's M = 3 divergence).
    let radial: (nodes: [Double], weights: [Double])
    /// Gauss–Legendre for the arcs in φ.
    let legendre: GaussLegendreRule
    /// Normalization of the t density: 1/B(½, (M−2)/2).
    let tNormalization: Double
    /// n₁ = √(M−1)·ϱ·cos φ and n₂ = ϱ·(c₂₁·cos φ + c₂₂·sin φ), c₂₁ = −1/√(M−1), c₂₂ = √(M(M−2)/(M−1)).
    let c21: Double, c22: Double

    struct Orders: Sendable, Hashable {
        var scale = 10, line = 32, radial = 12, angle = 12
        static let standard = Orders()
        /// Twice the standard orders: the accuracy check of the tests.
        static let doubled = Orders(scale: 20, line: 64, radial: 24, angle: 24)
    }

    init(batchSize M: Int, orders: Orders = .standard, directions: BatchDirectionRule? = nil) throws(GSLError) {
        precondition(M >= 2, "a batch has at least two samples")
        self.M = M
        let directions = directions ?? .standard(batchSize: M)
        self.directions = directions
        let m = Double(M)
        // χ_{M−1} density W^{M−2}e^{−W²/2}/(2^{(M−3)/2}Γ((M−1)/2)), on panels of width 2.25 over
        // √(M−1) ± 9 (the mass outside is below 1e-17).
        let logNorm = -((m - 3) / 2 * log(2.0) + lgamma((m - 1) / 2))
        let scaleRule = GaussLegendreRule(order: orders.scale)
        let center = (m - 1).squareRoot()
        let lo = max(0, center - 9), hi = center + 9
        let panelCount = Int(((hi - lo) / 2.25).rounded(.up))
        var scaleNodes: [Double] = [], scaleWeights: [Double] = []
        for p in 0..<panelCount {
            let a = lo + (hi - lo) * Double(p) / Double(panelCount), b = lo + (hi - lo) * Double(p + 1) / Double(panelCount)
            let (xs, ws) = scaleRule.mapped(from: a, to: b)
            scaleNodes += xs; scaleWeights += ws
        }
        scale = (0...2).map { k in
            let weights = zip(scaleNodes, scaleWeights).map { W, w in
                switch directions {
                case .gaussJacobi: w * exp(logNorm + (m - 2 - Double(k)) * log(W) - W * W / 2)
                case .gaussianWindow: w * exp(LargeBatchDensities.logChi(W, degrees: m - 1) - Double(k) * log(W))
                }
            }
            return (scaleNodes, weights)
        }
        legendre = GaussLegendreRule(order: orders.angle)
        c21 = -1 / (m - 1).squareRoot()
        c22 = (m * (m - 2) / (m - 1)).squareRoot()
        switch directions {
        case .gaussJacobi:
            tNormalization = exp(lgamma((m - 1) / 2) - lgamma(0.5) - lgamma((m - 2) / 2))
            windowLine = nil
            halfLine = try WeightedGaussRule(.jacobi(alpha: max(0, (m - 4) / 2), beta: 0, from: 0, to: 1), order: M == 2 ? 1 : orders.line)
            if M >= 4 {
                let radialRule = try WeightedGaussRule(.jacobi(alpha: (m - 5) / 2, beta: 1, from: 0, to: 1), order: orders.radial)
                let radialWeights = zip(radialRule.nodes, radialRule.weights).map { x, w in w * pow(1 + x, (m - 5) / 2) }
                let total = radialWeights.reduce(0, +)
                radial = (radialRule.nodes, radialWeights.map { $0 / total })
            } else {
                radial = ([], [])
            }
        case .gaussianWindow:
            precondition(M >= LargeBatchDensities.smallestBatch, "the Gaussian window needs the window inside the support |n| < √(M−1)")
            tNormalization = exp(LargeBatchDensities.logGammaRatio(m / 2 - 1)) / Double.pi.squareRoot()
            halfLine = nil
            windowLine = GaussLegendreRule(order: orders.line / 2)
            // ϱ = x/√(M−1) with x the radius in units of n: density → x·e^{−x²/2} (Rayleigh).
            let (xs, ws) = GaussLegendreRule(order: 2 * orders.radial).mapped(from: 0, to: LargeBatchDensities.window(batchSize: m))
            radial = (xs.map { $0 / center }, zip(xs, ws).map { x, w in w * exp(LargeBatchDensities.logRadial(x, batchSize: m)) })
        }
    }

    /// Σ over (t, weight) of the t-rule, split at `kink` ∈ (−1, 1): the weight (1 − t²)^a is
    /// (1 − t)^a·(1 + t)^a, and the smooth factor of each side is put into the weight here.
    func lineNodes(kink: Double) -> [(t: Double, weight: Double)] {
        // M = 2: n₁ = ±1 exactly. M = 3: the density (1 − t²)^{−1/2} is Jacobi with α = −½.
        if M == 2 { return [(-1, 0.5), (1, 0.5)] }
        if M == 3 { return lineNodesM3(kink: kink) }
        guard let halfLine else { return windowLineNodes(kink: kink) }
        let a = Double(M - 4) / 2
        let k = min(1, max(-1, kink))
        var out: [(Double, Double)] = []
        out.reserveCapacity(2 * halfLine.nodes.count)
        // Right side [k, 1]: x ∈ [0, 1] ↦ t = 1 − (1 − k)·x, (1 − t)^a = ((1 − k)x)^a … the
        // rule's weight is (1 − x)^a, so map t = k + (1 − k)·x: (1 − t)^a = (1 − k)^a·(1 − x)^a.
        if k < 1 {
            let len = 1 - k
            for (x, w) in zip(halfLine.nodes, halfLine.weights) {
                let t = k + len * x
                out.append((t, w * pow(len, a + 1) * pow(1 + t, a) * tNormalization))
            }
        }
        // Left side [−1, k]: t = k − (1 + k)·x, (1 + t)^a = (1 + k)^a·(1 − x)^a.
        if k > -1 {
            let len = 1 + k
            for (x, w) in zip(halfLine.nodes, halfLine.weights) {
                let t = k - len * x
                out.append((t, w * pow(len, a + 1) * pow(1 - t, a) * tNormalization))
            }
        }
        return out
    }

    /// Directions (n₁, n₂, weight) of the pair rule, with arcs in φ split where n₁ or n₂ equals
    /// `kink` (where a_i = γ·n_i + β crosses 0).
    func pairNodes(kink: Double) -> [(n1: Double, n2: Double, weight: Double)] {
        let sqrtM1 = Double(M - 1).squareRoot()
        let phases = [0.0, atan2(c22, c21)]  // n_i = ϱ·√(M−1)·cos(φ − phase_i)
        var out: [(Double, Double, Double)] = []
        for (rho, wr) in zip(radial.nodes, radial.weights) {
            // Quarter arcs at least: Gauss–Legendre on a whole period of cos φ converges slowly.
            var breaks: [Double] = [0, .pi / 2, .pi, 3 * .pi / 2, 2 * .pi]
            let c = kink / (rho * sqrtM1)
            if abs(c) < 1 {
                let d = acos(c)
                for phase in phases {
                    for angle in [phase + d, phase - d] {
                        var x = angle.truncatingRemainder(dividingBy: 2 * .pi)
                        if x < 0 { x += 2 * .pi }
                        breaks.append(x)
                    }
                }
            }
            breaks.sort()
            for (lo, hi) in zip(breaks, breaks.dropFirst()) where hi > lo {
                let (phis, ws) = legendre.mapped(from: lo, to: hi)
                for (phi, wphi) in zip(phis, ws) {
                    let n1 = rho * sqrtM1 * cos(phi)
                    let n2 = rho * (c21 * cos(phi) + c22 * sin(phi))
                    out.append((n1, n2, wr * wphi / (2 * .pi)))
                }
            }
        }
        return out
    }

    /// M = 3: t = sin θ with θ uniform on (−π/2, π/2) turns the arcsine density into a constant;
    /// Gauss–Legendre in θ on both sides of the kink.
    private func lineNodesM3(kink: Double) -> [(t: Double, weight: Double)] {
        let rule = GaussLegendreRule(order: 2 * (halfLine?.nodes.count ?? 1))
        let k = asin(min(1, max(-1, kink)))
        var out: [(Double, Double)] = []
        for (lo, hi) in [(-Double.pi / 2, k), (k, Double.pi / 2)] where hi > lo {
            let (thetas, ws) = rule.mapped(from: lo, to: hi)
            for (theta, w) in zip(thetas, ws) { out.append((sin(theta), w / .pi)) }
        }
        return out
    }

    /// `.gaussianWindow`: n₁ = √(M−1)·t on [−L, L], split at the kink into panels graded towards it
    /// (for |r| → 1 the teacher's smoothed kink, of width √(1 − r²), sits there too), Gauss–Legendre on
    /// each panel against the exact density of n₁ (which tends to φ(n₁)).
    private func windowLineNodes(kink: Double) -> [(t: Double, weight: Double)] {
        guard let windowLine else { preconditionFailure("the window rule exists in the Gaussian window") }
        let m = Double(M), sqrtM1 = (m - 1).squareRoot(), L = LargeBatchDensities.window(batchSize: m)
        let k = min(L, max(-L, kink * sqrtM1))
        var breaks = [-L, L, k]
        for offset in [0.25, 1, 3] { breaks += [k - offset, k + offset] }
        breaks = breaks.filter { abs($0) <= L }.sorted()
        var out: [(Double, Double)] = []
        for (lo, hi) in zip(breaks, breaks.dropFirst()) where hi > lo {
            let (xs, ws) = windowLine.mapped(from: lo, to: hi)
            for (n, w) in zip(xs, ws) { out.append((n / sqrtM1, w * exp(LargeBatchDensities.logLine(n, batchSize: m)))) }
        }
        return out
    }
}

/// How `BatchQuadrature` integrates over the batch direction (docs/bn-batch-decomposition.md,
/// "Quadrature in Swift").
public enum BatchDirectionRule: Sendable, Hashable {
    /// GSL's Gauss–Jacobi rules in t = n₁/√(M−1) and in ϱ: exact for the (1 − t²)^{(M−4)/2} weight,
    /// what small M needs; GSL's normalization overflows from M = 305 on.
    case gaussJacobi
    /// Gauss–Legendre in n₁ and in the radius √(M−1)·ϱ on a window of ±10 around 0, against the exact
    /// densities computed in log space: any M ≥ 96.
    case gaussianWindow

    /// The first M of the Gaussian window. Both rules agree there to ≤ 1e-12 (BatchAveragesTests).
    public static let switchOver = 96

    public static func standard(batchSize M: Int) -> BatchDirectionRule {
        M < switchOver ? .gaussJacobi : .gaussianWindow
    }
}
