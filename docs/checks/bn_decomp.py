"""bn-batch-decomposition.md: items 1–4.
(1) the batch decomposition and the one-sample law (Z, K);  (2)–(4) T_R (Stein form), T_Q (single + pair
terms) and T_γ = A_M − γ/2 by deterministic quadrature over the decomposition, against a Monte Carlo of
real batches (10⁶ batches per point, standard errors from the per-batch means);  small-M facts.
Run: python3 docs/checks/bn_decomp.py   (≈ 30 s on 2 idle cores, ≈ 50 s under load)"""
import os, sys, time
import numpy as np
from multiprocessing import Pool
from scipy import stats
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bnlib import mc, TQ_quad, log_EWk, relu

NB = 10**6
MS = [4, 5, 8, 16, 64]
CFGS = [('relu', 0.5, 1.0, 0.0), ('relu', -0.3, 1.7, 0.5), ('relu', 0.9, 0.6, 0.5), ('linear', 0.3, 1.3, 0.5)]


def part1():
    print('== item 1: batch decomposition (2·10⁵ real batches per M; KS p-values, correlations) ==')
    rng = np.random.default_rng(1)
    r = -0.6
    for M in MS:
        B = 200000
        u = rng.standard_normal((B, M)); xi = rng.standard_normal((B, M))
        hs = r * u + np.sqrt(1 - r * r) * xi
        ub = u.mean(1); su = np.sqrt(((u - ub[:, None]) ** 2).mean(1)); W = np.sqrt(M) * su
        n = (u - ub[:, None]) / su[:, None]
        Z = np.sqrt(M / (M - 1)) * (u[:, 0] - ub)
        Kc = W**2 - Z**2
        n1 = np.sqrt(M - 1) * Z / np.sqrt(Z**2 + Kc)
        t = n[:, 0] / np.sqrt(M - 1)
        p = dict(ubar=stats.kstest(np.sqrt(M) * ub, 'norm').pvalue,
                 W=stats.kstest(W, stats.chi(M - 1).cdf).pvalue,
                 Z=stats.kstest(Z, 'norm').pvalue,
                 K=stats.kstest(Kc, stats.chi2(M - 2).cdf).pvalue,
                 t2=stats.kstest(t**2, stats.beta(0.5, (M - 2) / 2).cdf).pvalue)
        cor = dict(ub_W=np.corrcoef(ub**2, W)[0, 1], n1sq_W=np.corrcoef(n[:, 0]**2, W)[0, 1],
                   n1sq_ub=np.corrcoef(n[:, 0]**2, ub**2)[0, 1], Z2_K=np.corrcoef(Z**2, Kc)[0, 1])
        # h*_1 regressed on (Z, K − (M−2)): slope on Z and on K, residual variance
        X = np.stack([Z, Kc - (M - 2), np.ones(B)], 1)
        coef, *_ = np.linalg.lstsq(X, hs[:, 0], rcond=None)
        res = hs[:, 0] - X @ coef
        c = np.sqrt((M - 1) / M)
        print(' M=%2d  |Σn|max %.1e  |Σn²−M|max %.1e  |n_1 − √(M−1)Z/√(Z²+K)|max %.1e  E n_1⁴ %.4f (3(M−1)/(M+1) = %.4f)'
              % (M, np.abs(n.sum(1)).max(), np.abs((n**2).sum(1) - M).max(), np.abs(n1 - n[:, 0]).max(),
                 (n[:, 0]**4).mean(), 3 * (M - 1) / (M + 1)))
        print('       KS p: ' + ' '.join('%s %.2f' % kv for kv in p.items()) +
              '   corr (±%.4f): ' % (2 / np.sqrt(B)) + ' '.join('%s %+.4f' % kv for kv in cor.items()))
        print('       h*_1 | Z: slope %.4f (r√((M−1)/M) = %.4f)  K-coef %+.5f  resid var %.4f (1 − r²(M−1)/M = %.4f)  resid KS p %.2f'
              % (coef[0], r * c, coef[1], res.var(), 1 - r * r * c * c, stats.kstest(res / res.std(), 'norm').pvalue))


def job(args):
    act, r, gam, sig, M = args
    t0 = time.time()
    TQ, s, P = TQ_quad(M, r, gam, sig, act)
    o = mc(M, r, gam, sig, act, NB, seed=1000 + M + int(100 * r), want=('TR', 'TQ', 'Tg', 'A'))
    q = dict(TR=s['TR'], TQ=TQ, TQcv=TQ, Tg=s['Tg'], A=s['A'])
    extra = dict(TgA=s['Tg'] - (s['A'] - gam / 2) if act == 'relu' else np.nan)
    return args, q, o, extra, time.time() - t0


def small_M():
    print('== small-M facts ==')
    rng = np.random.default_rng(7)
    M, B, r, gam = 2, 200000, 0.4, 1.3
    u = rng.standard_normal((B, M)); hs = r * u + np.sqrt(1 - r * r) * rng.standard_normal((B, M))
    ub = u.mean(1, keepdims=True); su = np.sqrt(((u - ub)**2).mean(1, keepdims=True)); n = (u - ub) / su
    d = (relu(hs) + 0.5 * rng.standard_normal((B, M)) - relu(gam * n)) * (n > 0)
    c = gam / su * (d - d.mean(1, keepdims=True) - n * (d * n).mean(1, keepdims=True))
    print(' M=2: n ∈ {±1}: max||n|−1| = %.1e;  max|c_i|·s_u/γ = %.1e (vs max|δ_i| = %.1f)  (c ≡ 0: P projects onto span(1,n)^⊥ = {0}, ∇_w L = 0)'
          % (np.abs(np.abs(n) - 1).max(), np.abs(c * su / gam).max(), np.abs(d).max()))
    for M in [3, 4, 5, 6]:
        print(' M=%d: E[1/s_u²] = M/(M−3) = %s;  E[1/s_u⁴] %s;  P(s_u² < x) ∝ x^{(M−1)/2} = x^%.1f'
              % (M, 'inf' if M <= 3 else '%.4f' % (M / (M - 3)),
                 'finite' if M - 1 > 4 else 'infinite (χ_{M−1} needs M−1 > 4)', (M - 1) / 2))
    # empirical: running mean of 1/s_u² at M = 3 drifts up ~ log(n); at M = 4 it converges
    for M in [3, 4]:
        W2 = rng.chisquare(M - 1, 4 * 10**6)
        x = M / W2
        print('   M=%d running mean of 1/s_u² after 10⁴, 10⁵, 10⁶, 4·10⁶ draws: %s  (exact %s)'
              % (M, ' '.join('%.3f' % x[:k].mean() for k in [10**4, 10**5, 10**6, 4 * 10**6]),
                 'inf' if M == 3 else '%.3f' % (M / (M - 3))))


def cross_check_A():
    """Independent check of the quadrature rule: A_M = E[relu(h*_1) relu(n_1)] by a nested adaptive
    integral over (Z, K) with K ~ χ²_{M−2} (item 1 representation), against the (W, t) product rule."""
    from scipy.integrate import dblquad
    from bnlib import A_relu, gmom, phi
    worst = 0.0
    for M, r in [(4, -0.5), (8, 0.9), (16, 0.3)]:
        c = np.sqrt((M - 1) / M); v = 1 - r * r * c * c
        f = lambda K, Z: phi(Z) * stats.chi2.pdf(K, M - 2) * gmom(r * c * Z, v, 'relu')[0] * np.sqrt(M - 1) * Z / np.sqrt(Z * Z + K)
        worst = max(worst, abs(dblquad(f, 0, 12, 0, 120, epsabs=1e-11, epsrel=1e-11)[0] - A_relu(M, r)))
    print('== quadrature cross-check: A_M by nested adaptive (Z, K) integral vs product rule: max diff %.1e ==' % worst)


if __name__ == '__main__':
    t0 = time.time()
    part1()
    small_M()
    cross_check_A()
    print('== items 2–4: real-batch MC (%d batches) vs quadrature; z = (MC − quad)/SE ==' % NB)
    print('   TQcv: control variate (γ²/M)|Pδ⁰|²·(M/(M−3) − 1/s_u²), δ⁰ = δ at W = 0, finite variance for M ≥ 4')
    jobs = [cfg + (M,) for cfg in CFGS for M in MS]
    worst = {}
    sys.stdout.flush()
    with Pool(2) as pool:
        for (act, r, gam, sig, M), q, o, extra, dt in pool.imap(job, jobs):
            line = ' %-6s r=%+.1f γ=%.1f σ=%.1f M=%2d ' % (act, r, gam, sig, M)
            for k in q:
                z = (o[k][0] - q[k]) / o[k][1]
                line += ' %s %.5f±%.5f (quad %.5f, z=%+.2f)' % (k, o[k][0], o[k][1], q[k], z)
                key = k + ('(M≤5)' if (k == 'TQ' and M <= 5) else '')
                worst[key] = max(worst.get(key, 0), abs(z))
            print(line)
            if act == 'relu':
                print('      quadrature T_γ − (A_M − γ/2) = %.1e' % extra['TgA'])
            if act == 'linear':
                EW, EWi = np.exp(log_EWk(M, -1)), np.exp(log_EWk(M, 1))
                rho2 = 1 - r * r
                print('      linear closed forms − quad: T_Q − γ²(ρ²+σ²)(M−2)/(M−3) %.1e;  T_R − γρ²(1−2/M)E[1/s_u] %.1e;'
                      '  T_γ − (rE[s_u] − γ) %.1e' % (q['TQ'] - gam**2 * (rho2 + sig**2) * (M - 2) / (M - 3),
                                                       q['TR'] - gam * rho2 * (1 - 2 / M) * np.sqrt(M) * EWi,
                                                       q['Tg'] - (r * EW / np.sqrt(M) - gam)))
    print('max |z|: ' + ' '.join('%s %.2f' % kv for kv in worst.items()))
    print('(raw TQ at M = 4, 5 has infinite variance: its SE is not meaningful; use TQcv)')
    print('total %.0f s' % (time.time() - t0))
