#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GSL

/// g = relu (docs/model.md §9). i2 is the arc-cosine kernel, i3 and j2 follow from Stein's lemma
/// in closed form; i4 = E[Θ(z₁)Θ(z₂)·relu(z₃)·relu(z₄)] is reduced by Stein's lemma, exactly, to
/// closed-form lower-dimensional orthant terms plus c₃₄ times the four-variate orthant probability
/// P(z > 0), which has no closed form: it is Plackett's (1954) reduction — a one-dimensional
/// integral over the correlation path from the identity — done by adaptive quadrature.
/// Holds a GSL workspace: one instance per thread.
public final class ReluMoments: CommitteeMoments {
    let quadrature = Quadrature(absoluteTolerance: 1e-14, relativeTolerance: 1e-12)

    public init() {}

    public func i2(_ c11: Double, _ c12: Double, _ c22: Double) -> Double {
        let rho = c12 / (c11 * c22).squareRoot()
        return ((max(0, c11 * c22 - c12 * c12)).squareRoot() + c12 * (.pi / 2 + clampedAsin(rho))) / (2 * .pi)
    }

    public func i3(_ c: [Double]) -> Double {
        let c11 = c[0], c12 = c[1], c13 = c[2], c23 = c[5], c33 = c[8]
        // Stein on z₂: c₂₁·E[δ(z₁)·relu(z₃)] + c₂₃·P(z₁ > 0, z₃ > 0).
        let kink = c12 * (max(0, c11 * c33 - c13 * c13)).squareRoot() / (2 * .pi * c11)
        return kink + c23 * (0.25 + clampedAsin(c13 / (c11 * c33).squareRoot()) / (2 * .pi))
    }

    public func j2(_ c11: Double, _ c12: Double, _ c22: Double) -> Double {
        0.25 + clampedAsin(c12 / (c11 * c22).squareRoot()) / (2 * .pi)
    }

    public func i4(_ c: [Double]) -> Double {
        ThetaMoments(orthant4: { self.orthant4($0) }).expectation(covariance: c, powers: [0, 0, 1, 1])
    }

    /// E[Π_i z_i^{p_i}·Θ(z_i)] for a covariance of up to four variables (Σp ≤ 2).
    public func expectationOfThetaMonomial(covariance c: [Double], powers: [Int]) -> Double {
        ThetaMoments(orthant4: { self.orthant4($0) }).expectation(covariance: c, powers: powers)
    }

    /// P(z₁, …, z₄ > 0) for a 4×4 covariance: 1/16 + ∫₀¹ Σ_{i<j} ρ_ij·∂P/∂ρ_ij(t·ρ) dt, where
    /// ∂P/∂ρ_ij = φ₂(0, 0; ρ_ij)·P(the other two > 0 | z_i = z_j = 0) (Plackett 1954), the latter a
    /// bivariate orthant in closed form. t = 1 − s² removes the 1/√(1 − t) endpoint singularity of
    /// a perfectly correlated pair.
    public func orthant4(_ c: [Double]) -> Double {
        var rho = [Double](repeating: 0, count: 16)
        for i in 0..<4 { for j in 0..<4 { rho[4 * i + j] = i == j ? 1 : c[4 * i + j] / (c[5 * i] * c[5 * j]).squareRoot() } }
        let pairs = [(0, 1, 2, 3), (0, 2, 1, 3), (0, 3, 1, 2), (1, 2, 0, 3), (1, 3, 0, 2), (2, 3, 0, 1)]
        func slope(_ t: Double) -> Double {
            var sum = 0.0
            for (i, j, k, l) in pairs {
                let a = t * rho[4 * i + j]
                guard rho[4 * i + j] != 0 else { continue }
                let det = 1 - a * a
                guard det > 0 else { continue }
                let ki = t * rho[4 * k + i], kj = t * rho[4 * k + j], li = t * rho[4 * l + i], lj = t * rho[4 * l + j]
                // Conditional covariance of (z_k, z_l) given z_i = z_j = 0.
                let vk = 1 - (ki * ki - 2 * a * ki * kj + kj * kj) / det
                let vl = 1 - (li * li - 2 * a * li * lj + lj * lj) / det
                let ckl = t * rho[4 * k + l] - (ki * li - a * (ki * lj + kj * li) + kj * lj) / det
                let r = vk > 0 && vl > 0 ? ckl / (vk * vl).squareRoot() : 0
                sum += rho[4 * i + j] / (2 * .pi * det.squareRoot()) * (0.25 + clampedAsin(r) / (2 * .pi))
            }
            return sum
        }
        do {
            return 1.0 / 16 + (try quadrature.integrate(from: 0, to: 1) { s in 2 * s * slope(1 - s * s) })
        } catch {
            return .nan
        }
    }
}

/// E[Π_i z_i^{p_i}·Θ(z_i)] for zero-mean jointly Gaussian z (at most four variables, Σp ≤ 2),
/// by Stein's lemma E[z_j·G] = Σ_i C_ji·E[∂_i G] applied until only orthant probabilities are
/// left. A Θ differentiates to a Dirac mass, E[δ(z_i)·H] = p_i(0)·E[H | z_i = 0], which
/// conditions the rest. A variable whose conditional variance vanishes is 0: its factor is 0 if
/// p ≥ 1 and Θ(0) = ½ (the symmetric limit) if p = 0.
struct ThetaMoments {
    let orthant4: ([Double]) -> Double

    func expectation(covariance c: [Double], powers: [Int]) -> Double {
        let scale = (0..<powers.count).map { c[$0 * powers.count + $0] }.max() ?? 1
        return expect(c, powers, tiny: 1e-13 * scale)
    }

    private func expect(_ c: [Double], _ p: [Int], tiny: Double) -> Double {
        let n = p.count
        // Drop vanishing variables.
        if let z = (0..<n).first(where: { c[$0 * n + $0] <= tiny }) {
            if p[z] >= 1 { return 0 }
            let (cc, pp) = removing(z, c, p)
            return 0.5 * expect(cc, pp, tiny: tiny)
        }
        if n == 0 { return 1 }
        // Merge perfectly correlated variables: z_j = κ·z_i with κ > 0 makes z_j^p·Θ(z_j) = κ^p·z_i^p·Θ(z_i);
        // with κ < 0, Θ(z_i)·Θ(z_j) = 0. (Plackett's path is singular there; the merge is exact.)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let cij = c[i * n + j], cii = c[i * n + i], cjj = c[j * n + j]
                guard cij * cij >= (1 - 1e-14) * cii * cjj else { continue }
                if cij < 0 { return 0 }
                var merged = p
                merged[i] += p[j]
                let factor = Foundation_pow((cjj / cii).squareRoot(), Double(p[j]))
                let (cc, pp) = removing(j, c, merged)
                return factor * expect(cc, pp, tiny: tiny)
            }
        }
        guard let j = (0..<n).max(by: { p[$0] < p[$1] }), p[j] >= 1 else { return orthant(c, n) }
        var lowered = p
        lowered[j] -= 1
        var sum = 0.0
        for i in 0..<n {
            let cji = c[j * n + i]
            guard cji != 0 else { continue }
            let q = lowered[i]
            if q >= 1 {
                var next = lowered
                next[i] -= 1
                sum += cji * Double(q) * expect(c, next, tiny: tiny)
            } else {
                // E[δ(z_i)·H] = H's expectation given z_i = 0, times the density of z_i at 0.
                let cii = c[i * n + i]
                let (cond, rest) = conditioned(on: i, c, lowered)
                sum += cji / (2 * .pi * cii).squareRoot() * expect(cond, rest, tiny: tiny)
            }
        }
        return sum
    }

    private func orthant(_ c: [Double], _ n: Int) -> Double {
        func rho(_ i: Int, _ j: Int) -> Double { c[i * n + j] / (c[i * n + i] * c[j * n + j]).squareRoot() }
        switch n {
        case 1: return 0.5
        case 2: return 0.25 + clampedAsin(rho(0, 1)) / (2 * .pi)
        case 3: return 0.125 + (clampedAsin(rho(0, 1)) + clampedAsin(rho(0, 2)) + clampedAsin(rho(1, 2))) / (4 * .pi)
        default: return orthant4(c)
        }
    }

    private func removing(_ z: Int, _ c: [Double], _ p: [Int]) -> ([Double], [Int]) {
        let n = p.count
        var cc: [Double] = []
        for a in 0..<n where a != z { for b in 0..<n where b != z { cc.append(c[a * n + b]) } }
        var pp = p
        pp.remove(at: z)
        return (cc, pp)
    }

    private func conditioned(on i: Int, _ c: [Double], _ p: [Int]) -> ([Double], [Int]) {
        let n = p.count, cii = c[i * n + i]
        var cc: [Double] = []
        for a in 0..<n where a != i { for b in 0..<n where b != i { cc.append(c[a * n + b] - c[a * n + i] * c[i * n + b] / cii) } }
        var pp = p
        pp.remove(at: i)
        return (cc, pp)
    }
}
