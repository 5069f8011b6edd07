"""Shared helpers for the bn-* checks: real-batch Monte Carlo and deterministic quadrature over the
batch decomposition (ū, W = √M·s_u ~ χ_{M−1}, direction n uniform on the √M-sphere ⊥ 1).

Activations: 'relu' and 'linear', β = 0, convention g'(0) = 0.  u ~ N(0,1), h* = r·u + ρ·ξ, ρ = √(1−r²).
"""
import numpy as np
from scipy.special import ndtr, gammaln, roots_legendre, roots_hermite

SQ2PI = np.sqrt(2 * np.pi)
phi = lambda x: np.exp(-0.5 * x * x) / SQ2PI
relu = lambda z: np.maximum(z, 0.0)


def J(r):
    return (np.sqrt(1 - r * r) + (np.pi - np.arccos(r)) * r) / (2 * np.pi)


def Jp(r):
    return (np.pi - np.arccos(r)) / (2 * np.pi)


def K(r):
    return ((np.pi - np.arccos(r)) + r * np.sqrt(1 - r * r)) / (2 * np.pi)


def J3(r):  # E[relu(h*) relu(u)^3]
    return (3 * r * (np.pi - np.arccos(r)) + np.sqrt(1 - r * r) * (2 + r * r)) / (2 * np.pi)


def d1(r):  # lim M·D_M(r) (derived in bn-loss-identity.md)
    return (3 * r * (np.pi - np.arccos(r)) + np.sqrt(1 - r * r) * (2 * r * r - 1)) / (8 * np.pi)


def d1p(r):
    return (3 * (np.pi - np.arccos(r)) + r * (8 - 6 * r * r) / np.sqrt(1 - r * r)) / (8 * np.pi)


def wn_BCD(r, gam, sig, act='relu'):
    """wn expectations at a = γu: B = E[δu], C = E[δ²], D = E[δ], A−rB = E[δ(h*−ru)]."""
    rho2 = 1 - r * r
    if act == 'linear':
        return dict(B=r - gam, C=1 + sig**2 + gam**2 - 2 * gam * r, D=0.0, AmrB=rho2)
    Jr, Kr = J(r), K(r)
    return dict(B=Jr - gam / 2, C=Kr - 2 * gam * Jr + gam**2 / 2 + sig**2 / 2,
                D=(1 + r) / (2 * SQ2PI) - gam / SQ2PI, AmrB=Kr - r * Jr)


# ---------------------------------------------------------------- Gaussian helpers
def gmom(m, v, act):
    """X ~ N(m, v): returns (E g(X), E g(X)², E g'(X)) for g = relu or linear."""
    if act == 'linear':
        return m, m * m + v, np.ones_like(m)
    sd = np.sqrt(v)
    z = m / sd
    P, p = ndtr(z), phi(z)
    return m * P + sd * p, (m * m + v) * P + m * sd * p, P


def dgmom_dr_relu(m, v, dm, dv):
    """d/dr E relu(X), X ~ N(m(r), v(r))."""
    sd = np.sqrt(v)
    z = m / sd
    return dm * ndtr(z) + dv * phi(z) / (2 * sd)


# ---------------------------------------------------------------- quadrature rules
def gl(a, b, n):
    x, w = roots_legendre(n)
    return 0.5 * (b - a) * x + 0.5 * (a + b), 0.5 * (b - a) * w


def log_EWk(M, k):
    """log E[W^{-k}], W ~ χ_{M−1}."""
    nu = M - 1
    return -0.5 * k * np.log(2) + gammaln((nu - k) / 2) - gammaln(nu / 2)


def chi_rule(nu, n):
    """Gauss–Legendre rule for W ~ χ_ν (density ∝ w^{ν−1}e^{−w²/2}, analytic on [0, ∞))."""
    c = np.sqrt(max(nu - 1, 0.0))
    x, w = gl(max(0.0, c - 8.5), c + 8.5, n)
    logp = (nu - 1) * np.log(x) - x * x / 2 - ((nu / 2 - 1) * np.log(2) + gammaln(nu / 2))
    return x, w * np.exp(logp)


def W_rule(M, k, n):
    """Nodes/weights with Σ w f(W) ≈ E[W^{−k} f(W)], W ~ χ_{M−1}: the weight W^{−k} turns χ_{M−1} into
    χ_{M−1−k} times the constant E[W^{−k}] (finite iff M − 1 > k)."""
    x, w = chi_rule(M - 1 - k, n)
    return x, w * np.exp(log_EWk(M, k))


def t_rule(M, n, half):
    """t = Z/W = n_1/√(M−1) has density ∝ (1−t²)^{(M−4)/2} on [−1, 1]. With t = sin θ the density is
    ∝ cos^{M−3}θ (analytic). half=True: θ ∈ [0, π/2) only (weights still normalized on the full range)."""
    p = M - 3
    tmax = np.pi / 2 if p <= 0 else min(np.pi / 2, np.sqrt(2 * 90.0 / p))
    th, w = gl(0.0 if half else -tmax, tmax, n)
    lognorm = 0.5 * np.log(np.pi) + gammaln((M - 2) / 2) - gammaln((M - 1) / 2)
    return np.sin(th), w * np.cos(th) ** p / np.exp(lognorm)


def psi_rule(M, n):
    """q = |(Z_1, Z_2)|/W, q² ~ Beta(1, (M−3)/2); q = sin ψ, density (M−3)·sin ψ·cos^{M−4}ψ on [0, π/2]."""
    p = M - 4
    tmax = np.pi / 2 if p <= 0 else min(np.pi / 2, np.sqrt(2 * 90.0 / p))
    th, w = gl(0.0, tmax, n)
    return np.sin(th), w * (M - 3) * np.sin(th) * np.cos(th) ** p


def gh_rule(var, n):
    x, w = roots_hermite(n)
    return np.sqrt(2 * var) * x, w / np.sqrt(np.pi)


# ---------------------------------------------------------------- one-sample quadrature (item 1)
def single(M, k, G, act, nW=64, nT=96):
    """E[W^{−k}·G(W, t, n_1, m, v)], with t = Z/W, n_1 = √(M−1)t, and h*_1 | Z ~ N(m, v),
    m = r·√((M−1)/M)·Z, v = 1 − r²(M−1)/M (passed to G as a function of r via closure)."""
    W, wW = W_rule(M, k, nW)
    t, wt = t_rule(M, nT, half=(act == 'relu'))
    W = W[:, None]
    t = t[None, :]
    val = G(W, t, np.sqrt(M - 1) * t, W * t)
    return np.sum(wW[:, None] * wt[None, :] * val)


def single_terms(M, r, gam, sig, act, nW=64, nT=96):
    """Deterministic one-sample expectations over the exact batch law."""
    c = np.sqrt((M - 1) / M)
    v = 1 - r * r * c * c
    rho2 = 1 - r * r
    out = {}

    def cond(Z, n):
        m = r * c * Z
        Eg, Eg2, Egp = gmom(m, v * np.ones_like(m), act)
        gn = relu(gam * n) if act == 'relu' else gam * n
        gpn = (n > 0) * 1.0 if act == 'relu' else np.ones_like(n)
        Ed2 = gpn * (Eg2 - 2 * gn * Eg + gn * gn + sig**2)     # E[δ_1² | Z, W]
        Ed = gpn * (Eg - gn)                                   # E[δ_1 | Z, W]
        return Eg, Egp, gpn, Ed, Ed2
    # A_M = E[g(h*_1)·g(n_1)]/γ-free version: E[g(h*) g(n)] with g(n) at γ = 1
    out['A'] = single(M, 0, lambda W, t, n, Z: cond(Z, n)[0] * (relu(n) if act == 'relu' else n), act, nW, nT)
    if act == 'relu':
        def dA(W, t, n, Z):
            m = r * c * Z
            return dgmom_dr_relu(m, v, c * Z, -2 * r * c * c) * relu(n)
        out['Ap'] = single(M, 0, dA, act, nW, nT)
    out['Tg'] = single(M, 0, lambda W, t, n, Z: cond(Z, n)[3] * n, act, nW, nT)
    # T_R = γρ²·E[(1/s_u)(1 − (1+n_1²)/M) g'(h*_1) g'(a_1)],  1/s_u = √M / W
    out['TR'] = gam * rho2 * np.sqrt(M) * single(
        M, 1, lambda W, t, n, Z: (1 - (1 + n * n) / M) * cond(Z, n)[1] * cond(Z, n)[2], act, nW, nT)
    # E[δ_1²/s_u²], E[δ_1² n_1²/s_u²]  (1/s_u² = M/W²)
    out['S1'] = M * single(M, 2, lambda W, t, n, Z: cond(Z, n)[4], act, nW, nT)
    out['S2'] = M * single(M, 2, lambda W, t, n, Z: cond(Z, n)[4] * n * n, act, nW, nT)
    return out


# ---------------------------------------------------------------- two-sample quadrature
def pair_term(M, r, gam, act, nU=24, nW=64, nPsi=40, nPhi=48):
    """P = E[δ_1 δ_2 (1 + n_1 n_2)/s_u²] over the exact batch law (M ≥ 4).
    Two-sample decomposition: e_1 = √((M−1)/M)·Z_1, e_2 = −Z_1/√(M(M−1)) + √((M−2)/(M−1))·Z_2,
    W² = Z_1² + Z_2² + K', K' ~ χ²_{M−3};  (Z_1, Z_2) = W·q·(cos φ, sin φ).  Given u, δ_1 and δ_2 are
    independent with means m_i = g'(γn_i)(E[g(r u_i + ρξ)] − g(γn_i)); the noise drops out of δ_1δ_2."""
    rho = np.sqrt(1 - r * r)
    ub, wu = gh_rule(1.0 / M, nU)
    W, wW = W_rule(M, 2, nW)
    q, wq = psi_rule(M, nPsi)
    if act == 'relu':
        phi0 = np.arctan(1 / np.sqrt(M * (M - 2)))
        ph, wp = gl(phi0, np.pi / 2, nPhi)
    else:
        ph, wp = gl(0, 2 * np.pi, 2 * nPhi)
    wp = wp / (2 * np.pi)
    ub = ub[:, None, None, None]
    W = W[None, :, None, None]
    q = q[None, None, :, None]
    ph = ph[None, None, None, :]
    n1 = np.sqrt(M - 1) * q * np.cos(ph)
    n2 = q * (-np.cos(ph) / np.sqrt(M - 1) + np.sqrt(M * (M - 2) / (M - 1)) * np.sin(ph))
    n1, n2 = np.broadcast_arrays(n1, n2)
    u1 = ub + W * n1 / np.sqrt(M)
    u2 = ub + W * n2 / np.sqrt(M)
    if act == 'relu':
        m1 = (gmom(r * u1, rho * rho * np.ones_like(u1), 'relu')[0] - gam * n1) * (n1 > 0)
        m2 = (gmom(r * u2, rho * rho * np.ones_like(u2), 'relu')[0] - gam * n2) * (n2 > 0)
    else:
        m1, m2 = r * u1 - gam * n1, r * u2 - gam * n2
    val = (1 + n1 * n2) * m1 * m2
    w = wu[:, None, None, None] * wW[None, :, None, None] * wq[None, None, :, None] * wp[None, None, None, :]
    return M * np.sum(w * val)


def TQ_quad(M, r, gam, sig, act, single_kw={}, pair_kw={}):
    s = single_terms(M, r, gam, sig, act, **single_kw)
    P = pair_term(M, r, gam, act, **pair_kw)
    return gam**2 / M * ((M - 1) * s['S1'] - s['S2'] - (M - 1) * P), s, P


# ---------------------------------------------------------------- real-batch Monte Carlo
def mc(M, r, gam, sig, act, nb, seed, chunk=None, want=('TR', 'TQ', 'Tg', 'A', 'dLoss')):
    """Per-batch estimators (averaged over the M exchangeable samples) over nb real batches.
    Returns dict of (mean, standard error)."""
    rng = np.random.default_rng(seed)
    rho = np.sqrt(1 - r * r)
    g = relu if act == 'relu' else (lambda z: z)
    gp = (lambda z: (z > 0) * 1.0) if act == 'relu' else (lambda z: np.ones_like(z))
    chunk = chunk or max(1000, int(2.5e5 // M))
    acc = {}
    done = 0
    while done < nb:
        b = min(chunk, nb - done)
        u = rng.standard_normal((b, M))
        xi = rng.standard_normal((b, M))
        eps = rng.standard_normal((b, M))
        hs = r * u + rho * xi
        ub = u.mean(1, keepdims=True)
        su = np.sqrt(((u - ub) ** 2).mean(1, keepdims=True))
        n = (u - ub) / su
        a = gam * n
        y = g(hs) + sig * eps
        d = (y - g(a)) * gp(a)
        P = lambda x: x - x.mean(1, keepdims=True) - n * (x * n).mean(1, keepdims=True)
        cc = gam / su * P(d)
        X = {}
        if 'TR' in want:
            X['TR'] = (cc * hs).mean(1)
        if 'TQ' in want:
            X['TQ'] = (cc * cc).mean(1)
        # control variate: δ at W = 0 (u_i = ū), independent of s_u; E[1/s_u²] = M/(M−3)
        if M > 3 and 'TQ' in want:
            d0 = (g(r * ub + rho * xi) + sig * eps - g(a)) * gp(a)
            H = gam**2 * (P(d0) ** 2).mean(1)
            X['TQcv'] = X['TQ'] - H / su[:, 0] ** 2 + M / (M - 3) * H
        if 'Tg' in want:
            X['Tg'] = (d * n).mean(1)
        if 'A' in want:
            X['A'] = (g(hs) * g(n)).mean(1)
        if 'dLoss' in want:
            X['dLoss'] = (0.5 * (y - g(gam * n)) ** 2 - 0.5 * (y - g(gam * u)) ** 2).mean(1)  # L_BN − L_PN, paired
        for k_, x in X.items():
            s0, s1, s2 = acc.get(k_, (0.0, 0.0, 0.0))
            acc[k_] = (s0 + x.size, s1 + x.sum(), s2 + (x * x).sum())
        done += b
    out = {}
    for k_, (s0, s1, s2) in acc.items():
        m = s1 / s0
        out[k_] = (m, np.sqrt(max(s2 / s0 - m * m, 0) / (s0 - 1)))
    return out


# ---------------------------------------------------------------- relu A_M(r) = E[relu(h*_1) relu(n_1)] and derivatives
def A_relu(M, r, deriv=False, nW=64, nT=128):
    """A_M(r) (deriv=False) or A_M'(r) by differentiation under the integral; any M ≥ 2."""
    from scipy.integrate import quad
    c = np.sqrt((M - 1) / M)
    v = 1 - r * r * c * c
    if M == 2:   # n_1 = sign(Z) exactly
        if deriv:
            f = lambda Z: phi(Z) * dgmom_dr_relu(r * c * Z, v, c * Z, -2 * r * c * c)
        else:
            f = lambda Z: phi(Z) * gmom(r * c * Z, v, 'relu')[0]
        return quad(f, 0, 40, epsabs=1e-14, epsrel=1e-14)[0]
    if deriv:
        G = lambda W, t, n, Z: dgmom_dr_relu(r * c * Z, v, c * Z, -2 * r * c * c) * relu(n)
    else:
        G = lambda W, t, n, Z: gmom(r * c * Z, v * np.ones_like(Z), 'relu')[0] * relu(n)
    return single(M, 0, G, 'relu', nW, nT)


def TR_stein_relu(M, r, gam, nW=64, nT=128):
    """T_R = γρ²·E[(1/s_u)(1 − (1+n_1²)/M)·Θ(h*_1)·Θ(n_1)]  (M ≥ 3; = 0 at M = 2)."""
    if M == 2:
        return 0.0
    c = np.sqrt((M - 1) / M)
    v = 1 - r * r * c * c
    G = lambda W, t, n, Z: (1 - (1 + n * n) / M) * ndtr(r * c * Z / np.sqrt(v)) * (n > 0)
    return gam * (1 - r * r) * np.sqrt(M) * single(M, 1, G, 'relu', nW, nT)


def E_abs_n1(M):
    """E|n_1| = √(M−1)·Γ((M−1)/2)/(√π·Γ(M/2))."""
    return np.sqrt(M - 1) * np.exp(gammaln((M - 1) / 2) - gammaln(M / 2)) / np.sqrt(np.pi)
