"""bn-gamma-decay.md (item 7): the bn-pn gamma-decay coefficient ζ (Luo et al. 2019) for relu, β = 0,
γ > 0, Gaussian fields (ρ_kurt = 0), against the exact expected BN loss over real batches.
Run: python3 docs/checks/bn_pn.py   (≈ 35 s)"""
import os, sys, time
import numpy as np
from scipy.integrate import quad
from scipy.special import expit, gammaln
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bnlib import A_relu, J, d1, gmom, phi, mc

t0 = time.time()
KURT = 0.0


def zeta(M, r, gam, kurt=KURT):
    return (kurt + 2) / (16 * M) + 1 / (4 * M) - np.sqrt(1 - r * r) / (4 * np.pi * M * gam)


print('== E[ℓ\'\'·u²] → ½ and E[ℓ\'\'] → ½ − √(1−r²)/(2πγ): student relu smoothed to g_ε(z) = ε·log(1+e^{z/ε}), teacher relu ==')
print('   ℓ\'\' = g\'(a)² − (y − g(a))·g\'\'(a), a = γu;  E[ℓ\'\'|u] = g\'(γu)² − (E[relu(h*)|u] − g(γu))·g\'\'(γu)')
worst = 0.0
for r in [-0.5, 0.3, 0.9]:
    rho = np.sqrt(1 - r * r)
    for gam in [0.5, 1.0, 2.0]:
        line = ' r=%+.1f γ=%.1f' % (r, gam)
        for eps in [1e-1, 1e-2, 1e-3, 1e-4]:
            gp = lambda z: expit(z / eps)
            gpp = lambda z: expit(z / eps) * expit(-z / eps) / eps
            g = lambda z: eps * np.logaddexp(0, z / eps)
            lpp = lambda u: gp(gam * u) ** 2 - (gmom(r * u, rho * rho, 'relu')[0] - g(gam * u)) * gpp(gam * u)
            w = 40 * eps / gam
            I2 = sum(quad(lambda u: phi(u) * lpp(u) * u * u, a, b, epsabs=1e-13, limit=400)[0] for a, b in [(-12, -w), (-w, w), (w, 12)])
            I0 = sum(quad(lambda u: phi(u) * lpp(u), a, b, epsabs=1e-13, limit=400)[0] for a, b in [(-12, -w), (-w, w), (w, 12)])
            e2, e0 = I2 - 0.5, I0 - (0.5 - rho / (2 * np.pi * gam))
            line += '  ε=%.0e: %+.1e %+.1e' % (eps, e2, e0)
            if eps == 1e-4:
                worst = max(worst, abs(e2), abs(e0))
        print(line)
print('   (pairs: E[ℓ\'\'u²] − ½, E[ℓ\'\'] − (½ − ρ/(2πγ)));  max deviation at ε = 1e-4: %.1e' % worst)

print('== the batch statistics: paper\'s model vs the real batch law (u = h/σ_P; exact Gamma-function moments) ==')
print('   M   E[σ_P/σ_B]  model(2nd ord)  Var(σ_P/σ_B)  model   E[σ_B/σ_P]  model  Var(μ_B/σ_B)  model   E[n_1²]  model(E ξσ=0)  model(+mean)')
for M in [4, 8, 16, 64, 256]:
    lEW = lambda k: -0.5 * k * np.log(2) + gammaln((M - 1 - k) / 2) - gammaln((M - 1) / 2)  # log E[W^{−k}]
    Ei = np.sqrt(M) * np.exp(lEW(1)); Ei2 = M * np.exp(lEW(2)); Es = np.exp(lEW(-1)) / np.sqrt(M)
    vs, vm = (KURT + 2) / (4 * M), 1 / M
    print(' %4d  %.5f    %.5f        %.5f     %.5f   %.5f   %.5f  %.5f      %.5f   1        %.5f       %.5f'
          % (M, Ei, 1 + vs, Ei2 - Ei**2, vs, Es, 1.0, 1 / (M - 3), vm, 1 + vs + vm, (1 + vs)**2 + vs + vm))
print('   M·(E[σ_P/σ_B] − 1) at M = 10⁴: %.4f (→ 5/4), model (ρ+2)/4 = 0.5;  M·(E[σ_B/σ_P] − 1) → −3/4'
      % (1e4 * (np.sqrt(1e4) * np.exp(-0.5 * np.log(2) + gammaln((1e4 - 2) / 2) - gammaln((1e4 - 1) / 2)) - 1)))

print('== exact penalty over real batches: E_B[L_BN] − L_PN = γ·D_M(r) (paired MC, 10⁶ batches) — linear in γ ==')
zmax = 0.0
for (r, M) in [(0.5, 2), (0.5, 4), (0.0, 8), (-0.5, 16), (0.9, 64)]:
    DM = J(r) - A_relu(M, r)
    line = ' r=%+.1f M=%2d  D_M = %+.6f ' % (r, M, DM)
    for gam, sig in [(0.5, 0.0), (1.0, 0.5), (2.0, 0.0)]:
        o = mc(M, r, gam, sig, 'relu', 10**6, seed=int(500 + 10 * M + 100 * r + 7 * gam), want=('dLoss',))['dLoss']
        z = (o[0] - gam * DM) / o[1]
        zmax = max(zmax, abs(z))
        line += ' | γ=%.1f σ=%.1f: MC/γ %+.6f±%.6f (z=%+.2f)' % (gam, sig, o[0] / gam, o[1] / gam, z)
    print(line)
print('   max |z| = %.2f' % zmax)

print('== paper ζγ² vs exact γD_M:  rel.err = (ζγ² − γD_M)/|γD_M|;  also ζγ² + mean-shift term −γ·(ρ+2)/(4M)·(J − γ/2) ==')
print('   and the exact leading order γ·d(r)/M, d = [3r(π−θ) + ρ(2r²−1)]/(8π)')
for r in [-0.5, 0.0, 0.5, 0.9]:
    for gam in [0.5, 1.0, 2.0]:
        line = ' r=%+.1f γ=%.1f' % (r, gam)
        for M in [4, 16, 64, 256]:
            ex = gam * (J(r) - A_relu(M, r))
            zg = zeta(M, r, gam) * gam**2
            ms = zg - gam * (KURT + 2) / (4 * M) * (J(r) - gam / 2)
            line += ' | M=%3d γD %+.5f ζγ² %+.5f (%+5.0f%%) +ms %+5.0f%%  γd/M %+4.0f%%' % (
                M, ex, zg, 100 * (zg - ex) / abs(ex), 100 * (ms - ex) / abs(ex), 100 * (gam * d1(r) / M - ex) / abs(ex))
        print(line)
print('   M·ζγ² = 3γ²/8 − γρ/(4π)  vs  M·γD_M → γ·d(r) = γ·([3r(π−θ) + ρ(1+2r²)]/(8π) − ρ/(4π))')
print('   coincide only where γ = [3r(π−θ) + ρ(1+2r²)]/(3π):  e.g. r=1 → γ=1; r=0.9 → γ=%.4f; r=0 → γ=%.4f'
      % ((3 * 0.9 * (np.pi - np.arccos(0.9)) + np.sqrt(1 - 0.81) * (1 + 2 * 0.81)) / (3 * np.pi), 1 / (3 * np.pi)))
print('== γ force from the penalty (per η_γ/M): bn-pn as in docs/model.md §5 −2ζγ,  −∂(ζγ²)/∂γ,  exact −∂(γD_M)/∂γ = −D_M ==')
for (r, gam, M) in [(0.0, 1.0, 16), (0.5, 1.0, 16), (0.9, 1.0, 16), (0.9, 0.5, 64), (0.99, 1.0, 64)]:
    rho = np.sqrt(1 - r * r)
    print(' r=%+.2f γ=%.1f M=%2d:  −2ζγ %+.5f   −∂(ζγ²)/∂γ %+.5f   exact −D_M %+.5f'
          % (r, gam, M, -2 * zeta(M, r, gam) * gam, -(3 * gam / (4 * M) - rho / (4 * np.pi * M)), -(J(r) - A_relu(M, r))))
print('total %.0f s' % (time.time() - t0))
