"""bn-loss-identity.md (item 6): T_R = γ(1−r²)A_M'(r) and T_γ = A_M − γ/2 (gradient flow on
𝓛 = L_PN + γ·D_M(r)), the M = 2 exception, the D_M(r) table, its 1/M law and its sign change.
Run: python3 docs/checks/bn_loss.py   (≈ 25 s)"""
import os, sys, time
import numpy as np
from scipy.optimize import brentq
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bnlib import A_relu, TR_stein_relu, J, Jp, d1, d1p, E_abs_n1, mc

t0 = time.time()
print('== identity T_R = γ(1−r²)·A_M\'(r): Stein-form quadrature vs A_M\' differentiated under the integral'
      ' vs central finite difference (h = 1e-4) of the quadrature A_M ==')
for M in [3, 4, 5, 8, 16, 64, 256]:
    e1 = e2 = 0.0
    for r in [-0.9, -0.5, 0.0, 0.3, 0.7, 0.95]:
        Ap = A_relu(M, r, deriv=True)
        TR = TR_stein_relu(M, r, 1.0)
        fd = (A_relu(M, r + 1e-4) - A_relu(M, r - 1e-4)) / 2e-4
        e1 = max(e1, abs(TR / (1 - r * r) - Ap))
        e2 = max(e2, abs(fd - Ap))
    print(' M=%3d  max|T_R/(γ(1−r²)) − A_M\'| = %.1e   max|FD − A_M\'| = %.1e' % (M, e1, e2))

print('== M = 2: c ≡ 0 so T_R = 0, but A_2\'(r) = 1/(4√π) = %.6f ≠ 0: the identity fails (L_BN is discontinuous in w) ==' % (1 / (4 * np.sqrt(np.pi))))
print('   A_2\'(r) at r = −0.5, 0, 0.5, 0.9: ' + ' '.join('%.6f' % A_relu(2, r, True) for r in [-0.5, 0, 0.5, 0.9]))
print('   A_2(r) − [1/(2√(2π)) + r/(4√π)] max over r ∈ [−0.9, 0.9]: %.1e' % max(abs(A_relu(2, r) - 1 / (2 * np.sqrt(2 * np.pi)) - r / (4 * np.sqrt(np.pi))) for r in np.linspace(-0.9, 0.9, 7)))

print('== real-batch MC (10⁶ batches) of T_R = E[c_1 h*_1] and T_γ = E[δ_1 n_1] vs γ(1−r²)A_M\' and A_M − γ/2 ==')
for (r, gam, sig) in [(-0.7, 1.4, 0.5), (0.95, 0.8, 0.0)]:
    for M in [4, 16, 64]:
        o = mc(M, r, gam, sig, 'relu', 10**6, seed=77 + M, want=('TR', 'Tg'))
        tr = gam * (1 - r * r) * A_relu(M, r, True)
        tg = A_relu(M, r) - gam / 2
        print(' r=%+.2f γ=%.1f σ=%.1f M=%2d  T_R %.5f±%.5f vs %.5f (z=%+.2f)   T_γ %.5f±%.5f vs %.5f (z=%+.2f)'
              % (r, gam, sig, M, *o['TR'], tr, (o['TR'][0] - tr) / o['TR'][1], *o['Tg'], tg, (o['Tg'][0] - tg) / o['Tg'][1]))

print('== D_M(r) = J(r) − A_M(r) (the bn-loss penalty per unit γ) ==')
rs = [-0.5, 0.0, 0.5, 0.9, 0.99]
Ms = [2, 4, 8, 16, 32, 64]
D = {(M, r): J(r) - A_relu(M, r) for M in Ms + [128, 256, 1024] for r in rs}
print('   M  ' + ''.join('   r=%+.2f   ' % r for r in rs))
for M in Ms:
    print(' %3d  ' % M + ''.join('  %+.6f  ' % D[M, r] for r in rs))
print(' M·D_M:')
for M in Ms + [256, 1024]:
    print(' %4d ' % M + ''.join('  %+.6f  ' % (M * D[M, r]) for r in rs))
print('  d(r)' + ''.join('  %+.6f  ' % d1(r) for r in rs) + '   (d = lim M·D_M = [3r(π−θ) + ρ(2r²−1)]/(8π))')
print(' local exponent p = dlog|D_M|/dlog M between consecutive M:')
for M1, M2 in zip(Ms[:-1], Ms[1:]):
    print('  %2d→%2d ' % (M1, M2) + ''.join('  %+.3f     ' % (np.log(abs(D[M2, r] / D[M1, r])) / np.log(M2 / M1)) for r in rs))
print(' least-squares p over M = 8..64:' + ''.join(' %+.3f' % np.polyfit(np.log([8, 16, 32, 64]), np.log([abs(D[M, r]) for M in [8, 16, 32, 64]]), 1)[0] for r in rs))
print(' r = 0 closed form D_M(0) = (1 − √(π/2)·E|n_1|)/(2π): max dev %.1e; D_2(0) = (1 − √(π/2))/(2π) = %.6f'
      % (max(abs((1 - np.sqrt(np.pi / 2) * E_abs_n1(M)) / (2 * np.pi) - D[M, 0.0]) for M in Ms), (1 - np.sqrt(np.pi / 2)) / (2 * np.pi)))
ea = np.array([E_abs_n1(M) for M in range(2, 100001)])
print(' E|n_1| − √(2/π) > 0 for all 2 ≤ M ≤ 10⁵: %s (min %.2e);  4M(E|n_1|/√(2/π) − 1) at M = 10⁵: %.4f'
      % (bool((ea > np.sqrt(2 / np.pi)).all()), (ea - np.sqrt(2 / np.pi)).min(), 4e5 * (ea[-1] / np.sqrt(2 / np.pi) - 1)))
print(' M²·(D_M − d/M) (next order):' + ''.join(' r=%+.2f: %s' % (r, ','.join('%.3f' % (M * (M * D[M, r] - d1(r))) for M in [64, 256, 1024])) for r in rs))
print('== sign change: D_M(r0) = 0 ==')
print('   r0(M): ' + ' '.join('M=%d %.4f' % (M, brentq(lambda r: J(r) - A_relu(M, r), -0.5, 0.9, xtol=1e-10)) for M in [2, 3, 4, 8, 16, 64, 256])
      + '   limit d(r0) = 0: %.4f' % brentq(d1, -0.5, 0.9, xtol=1e-12))
print('   D_M\'(r1) = 0 (D_M increasing for r > r1): ' + ' '.join('M=%d %.4f' % (M, brentq(lambda r: Jp(r) - A_relu(M, r, True), -0.95, 0.0, xtol=1e-10)) for M in [4, 16, 64])
      + '   limit d\'(r1) = 0: %.4f' % brentq(d1p, -0.9, 0.0, xtol=1e-12))
print('total %.0f s' % (time.time() - t0))
