#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Closed forms of `FieldAverages` for β = 0 (derivations: docs/gaussian-expectations-*.md).
public enum ClosedFormAverages {
    public static func averages(_ g: Activation, _ readout: Readout, teacherNoise sigma: Double) -> FieldAverages {
        precondition(readout.bias == 0, "closed forms hold for a zero bias only")
        // |r| ≤ 1 for any real state; rounding can push it a hair beyond, where arccos and √(1−r²)
        // are undefined. The linear forms are polynomials, valid (and smooth) for any r.
        let r = min(1, max(-1, readout.overlap)), s = readout.scale
        switch g {
        case .relu: return relu(r: r, s: s, sigma: sigma)
        case .linear: return linear(r: readout.overlap, s: s, sigma: sigma)
        case .erf: return erf(r: r, s: s, sigma: sigma)
        }
    }

    /// J(r) = E[relu(h*)·relu(u)] = (√(1−r²) + (π − arccos r)·r)/(2π).
    public static func reluJ(_ r: Double) -> Double {
        ((1 - r * r).squareRoot() + (Double.pi - acos(r)) * r) / (2 * Double.pi)
    }

    /// K(r) = E[h*²·Θ(h*)·Θ(u)] = ((π − arccos r) + r·√(1−r²))/(2π).
    public static func reluK(_ r: Double) -> Double {
        ((Double.pi - acos(r)) + r * (1 - r * r).squareRoot()) / (2 * Double.pi)
    }

    static func relu(r: Double, s: Double, sigma: Double) -> FieldAverages {
        if s == 0 {
            // g'(0) = 0: no sample is active, so every δ vanishes; the output is the constant 0.
            return FieldAverages(deltaTeacher: 0, deltaStudent: 0, delta: 0, deltaSquared: 0, generalizationError: 0.25)
        }
        if s < 0 {
            // relu(s·u) = |s|·relu(−u): the mirrored field −u has overlap −r.
            let m = relu(r: -r, s: -s, sigma: sigma)
            return FieldAverages(deltaTeacher: m.deltaTeacher, deltaStudent: -m.deltaStudent, delta: m.delta,
                                 deltaSquared: m.deltaSquared, generalizationError: m.generalizationError)
        }
        let J = reluJ(r), K = reluK(r)
        let invSqrt2Pi = 0.3989422804014327
        return FieldAverages(
            deltaTeacher: K - s * r / 2,
            deltaStudent: J - s / 2,
            delta: (1 + r) * invSqrt2Pi / 2 - s * invSqrt2Pi,
            deltaSquared: K - 2 * s * J + s * s / 2 + sigma * sigma / 2,
            generalizationError: 0.25 - s * J + s * s / 4)
    }

    static func linear(r: Double, s: Double, sigma: Double) -> FieldAverages {
        FieldAverages(
            deltaTeacher: 1 - s * r,
            deltaStudent: r - s,
            delta: 0,
            deltaSquared: 1 - 2 * s * r + s * s + sigma * sigma,
            generalizationError: (1 - 2 * s * r + s * s) / 2)
    }

    static func erf(r: Double, s: Double, sigma: Double) -> FieldAverages {
        // Fields: x = h*, a = s·u, u. Covariances of the Saad–Solla integrals.
        let x = 0, a = 1, u = 2
        var c = [[Double]](repeating: [0, 0, 0], count: 3)
        c[x][x] = 1; c[a][a] = s * s; c[u][u] = 1
        c[x][a] = s * r; c[a][x] = s * r
        c[x][u] = r; c[u][x] = r
        c[a][u] = s; c[u][a] = s
        let sf = SaadSolla(c)
        return FieldAverages(
            deltaTeacher: sf.I3(a, x, x) - sf.I3(a, x, a),
            deltaStudent: sf.I3(a, u, x) - sf.I3(a, u, a),
            delta: 0,  // g' even and g odd: E[g'(a)g(h*)] = E[g'(a)g(a)] = 0
            deltaSquared: sf.I4(a, a, x, x) - 2 * sf.I4(a, a, x, a) + sf.I4(a, a, a, a) + sigma * sigma * sf.J2(a, a),
            generalizationError: (sf.I2(x, x) - 2 * sf.I2(x, a) + sf.I2(a, a)) / 2)
    }
}

/// The Gaussian integrals of Saad & Solla (1995) for g(z) = erf(z/√2) over zero-mean fields
/// with covariance matrix `c` (indices into it name the fields).
struct SaadSolla {
    let c: [[Double]]
    init(_ c: [[Double]]) { self.c = c }

    /// E[g(p)·g(q)]
    func I2(_ p: Int, _ q: Int) -> Double {
        2 / .pi * asin(c[p][q] / ((1 + c[p][p]) * (1 + c[q][q])).squareRoot())
    }

    /// E[g'(p)·q·g(k)]
    func I3(_ p: Int, _ q: Int, _ k: Int) -> Double {
        let lambda3 = (1 + c[p][p]) * (1 + c[k][k]) - c[p][k] * c[p][k]
        return 2 / .pi * (c[q][k] * (1 + c[p][p]) - c[p][q] * c[p][k]) / ((1 + c[p][p]) * lambda3.squareRoot())
    }

    /// E[g'(p)·g'(q)·g(k)·g(l)]
    func I4(_ p: Int, _ q: Int, _ k: Int, _ l: Int) -> Double {
        let lambda4 = (1 + c[p][p]) * (1 + c[q][q]) - c[p][q] * c[p][q]
        let lambda0 = lambda4 * c[k][l] - c[q][k] * c[q][l] * (1 + c[p][p]) - c[p][k] * c[p][l] * (1 + c[q][q])
            + c[p][q] * c[p][k] * c[q][l] + c[p][q] * c[p][l] * c[q][k]
        let lambda1 = lambda4 * (1 + c[k][k]) - c[q][k] * c[q][k] * (1 + c[p][p]) - c[p][k] * c[p][k] * (1 + c[q][q])
            + 2 * c[p][q] * c[p][k] * c[q][k]
        let lambda2 = lambda4 * (1 + c[l][l]) - c[q][l] * c[q][l] * (1 + c[p][p]) - c[p][l] * c[p][l] * (1 + c[q][q])
            + 2 * c[p][q] * c[p][l] * c[q][l]
        let ratio = max(-1, min(1, lambda0 / (lambda1 * lambda2).squareRoot()))
        return 4 / (.pi * .pi) / lambda4.squareRoot() * asin(ratio)
    }

    /// E[g'(p)·g'(q)]
    func J2(_ p: Int, _ q: Int) -> Double {
        2 / .pi / (1 + c[p][p] + c[q][q] + c[p][p] * c[q][q] - c[p][q] * c[p][q]).squareRoot()
    }
}
