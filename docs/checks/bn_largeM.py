"""bn-large-batch-limit.md (item 5): M → ∞ limits of the bn-exact drifts and their 1/M corrections.
Quadrature of T_γ, T_R, T_Q (validated against real-batch MC in bn_decomp.py) at M up to 16384, against
  T_γ → B (wn),  T_R → γ(A − rB) (wn),  T_Q → γ²(C − D² − B²)  (≠ wn's γ²C),
with the analytic 1/M coefficients −d(r), −γρ²d'(r) and c_Q (1-D Gaussian integrals, derived in the doc).
Run: python3 docs/checks/bn_largeM.py   (≈ 20 s)"""
import os, sys, time
import numpy as np
from scipy.integrate import quad
from scipy.special import ndtr
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bnlib import TQ_quad, wn_BCD, d1, d1p, phi, SQ2PI

CFGS = [(0.5, 1.0, 0.0), (-0.3, 1.7, 0.5), (0.9, 0.6, 0.5), (0.0, 1.0, 0.0), (-0.8, 0.5, 0.0)]
Q = dict(epsabs=1e-13, epsrel=1e-13, limit=200)


def gm(m, v):
    sd = np.sqrt(v); z = m / sd; P = ndtr(z); p = phi(z)
    return m * P + sd * p, (m * m + v) * P + m * sd * p, P, p / sd  # E relu X, E relu X², ∂_m E relu X, ∂²_m E relu X


def psi(kind, n, m, v, gam, sig):
    """Ψ_X(n, m, v) = E[X | n_1 = n, h* ~ N(m, v)] (relu, n > 0) and its first two m-derivatives."""
    E1, E2, P, pp = gm(m, v)
    if kind == 'D':    # X = δ
        return E1 - gam * n, P, pp
    if kind == 'B':    # X = δ·n
        return n * (E1 - gam * n), n * P, n * pp
    if kind == 'F':    # X = E_ε δ²
        return E2 - 2 * gam * n * E1 + gam**2 * n**2 + sig**2, 2 * E1 - 2 * gam * n * P, 2 * P - 2 * gam * n * pp


def coef(kind, k, r, gam, sig):
    """1/M coefficient of E[s_u^{−k}·X(n_1, h*_1)] over real batches (lemma in the doc)."""
    rho2 = 1 - r * r

    def f(n):
        P0, P1, P2 = psi(kind, n, r * n, rho2, gam, sig)
        return phi(n) * (P0 * (k * (k + 4) / 4 + (6 * n * n - n**4 - 3) / 4) - (0.75 + k / 2) * r * n * P1
                         + r * r / 4 * (n * n + 2) * P2)
    return quad(f, 0, 40, **Q)[0]


def cQ(r, gam, sig):
    rho = np.sqrt(1 - r * r)
    w = wn_BCD(r, gam, sig); D, B = w['D'], w['B']
    aF, aD, aB = coef('F', 2, r, gam, sig), coef('D', 0, r, gam, sig), coef('B', 0, r, gam, sig)
    Ed = lambda u: gm(r * u, rho**2)[0] - gam * u
    Ed2 = lambda u: gm(r * u, rho**2)[1] - 2 * gam * u * gm(r * u, rho**2)[0] + gam**2 * u * u + sig**2
    # influence functions IF_X = X − E X − E[∂_n X]·u − E[u ∂_n X]·(u² − 1)/2  (∂_n includes the relu Dirac term)
    LD = lambda u: D + (rho / (2 * np.pi) - gam / 2) * u - gam / SQ2PI * (u * u - 1) / 2
    LB = lambda u: B + (D - gam / SQ2PI) * u + (B - gam / 2) * (u * u - 1) / 2
    pos = lambda fn: quad(lambda u: phi(u) * fn(u), 0, 40, **Q)[0]
    neg = lambda fn: quad(lambda u: phi(u) * fn(u), -40, 0, **Q)[0]
    VD = pos(lambda u: Ed2(u) - 2 * LD(u) * Ed(u) + LD(u)**2) + neg(lambda u: LD(u)**2)
    ID = pos(lambda u: (Ed(u) - LD(u)) * u * u) - neg(lambda u: LD(u) * u * u)
    VB = pos(lambda u: u * u * Ed2(u) - 2 * LB(u) * u * Ed(u) + LB(u)**2) + neg(lambda u: LB(u)**2)
    IB = pos(lambda u: (u * Ed(u) - LB(u)) * u * u) - neg(lambda u: LB(u) * u * u)
    c = gam**2 * (aF - 2 * D * aD - 3 * D * D + 2 * D * ID - VD - 2 * B * aB - 3 * B * B + 2 * B * IB - VB)
    return c, aD, aB


t0 = time.time()
Ms = [4, 8, 16, 64, 256, 1024, 4096, 16384]
for (r, gam, sig) in CFGS:
    w = wn_BCD(r, gam, sig)
    lim = dict(Tg=w['B'], TR=gam * w['AmrB'], TQ=gam**2 * (w['C'] - w['D']**2 - w['B']**2))
    c_an = dict(Tg=-d1(r), TR=-gam * (1 - r * r) * d1p(r))
    c_an['TQ'], aD, aB = cQ(r, gam, sig)
    print('== relu r=%+.1f γ=%.1f σ=%.1f:  limits T_γ→B=%.6f  T_R→γ(A−rB)=%.6f  T_Q→γ²(C−D²−B²)=%.6f  (wn γ²C = %.6f)'
          % (r, gam, sig, lim['Tg'], lim['TR'], lim['TQ'], gam**2 * w['C']))
    print('   analytic 1/M coefficients: T_γ −d(r) = %+.6f   T_R −γρ²d\'(r) = %+.6f   T_Q c_Q = %+.6f'
          % (c_an['Tg'], c_an['TR'], c_an['TQ']))
    print('   (D_M = E δ_1 coefficient %+.6f vs −(γ+r)/(4√(2π)) = %+.6f;  B_M coefficient %+.6f = −d(r))'
          % (aD, -(gam + r) / (4 * SQ2PI), aB))
    prev = None
    for M in Ms:
        TQ, s, P = TQ_quad(M, r, gam, sig, 'relu')
        v = dict(Tg=s['Tg'], TR=s['TR'], TQ=TQ)
        line = '   M=%5d ' % M
        for k in ['Tg', 'TR', 'TQ']:
            line += ' %s %.6f  rel.dev %+.1e  M(T−lim) %+.5f  M²(T−lim−c/M) %+.3f |' % (
                k, v[k], (v[k] - lim[k]) / abs(lim[k]), M * (v[k] - lim[k]), M * (M * (v[k] - lim[k]) - c_an[k]))
        if sig > 0:
            TQ0 = TQ_quad(M, r, gam, 0.0, 'relu')[0]
            line += ' T_Q(σ)−T_Q(0) − γ²σ²(M−2)/(2(M−3)) = %.1e' % (TQ - TQ0 - gam**2 * sig**2 * (M - 2) / (2 * (M - 3)))
        print(line)
print('total %.0f s' % (time.time() - t0))
