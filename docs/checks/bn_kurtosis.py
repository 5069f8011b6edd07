"""bn-exact with heavy-tailed inputs (docs/model.md §8 input_kurtosis ρ), relu, β = 0: the drift coefficients
as functions of r from real batches with common random numbers, checked against (1) a brute-force MC
of the docs/model.md §5 definitions, (2) the Gaussian quadrature at ρ = 0, and (3) the simulation (ODE here).

Batch: v_i ~ Gamma(3/ρ, ρ/3), u0_i ~ N(0,1), u_i = √v_i·u0_i, h*_i = √v_i(r·u0_i + ρ_r·ξ_i).
n = (u − ū)/s_u, P = I − 11ᵀ/M − nnᵀ/M, Θ_i = Θ(n_i).  For γ > 0:
  T_γ = A(r) − γ/2,              A  = E[relu(h*₁)relu(n₁)]
  T_R = γ·ρ_r²·B(r),             B  = E[(v₁/s)·P₁₁·Θ₁·Φ(r·u0₁/ρ_r)]            (Stein on ξ)
  T_Q = γ²(Q0(r) − 2γ·Q1(r) + γ²·Q2 + σ²·Qσ)  with, per batch and sample i (averaged over i),
        Q0 = (v_i/s²)[(PΘm)_i² + Σ_j P_ij²Θ_j(e_j − m_j²)],  Q1 = (v_i/s²)(PΘm)_i(PΘn)_i,
        Q2 = (v_i/s²)(PΘn)_i²,  Qσ = (v_i/s²)Σ_j P_ij²Θ_j,
        m_j = E[relu(h*_j)|u0, v], e_j = E[relu(h*_j)²|u0, v] (closed forms).
Derivation and measured accuracy: docs/data-models.md, "bn-exact and kurtosis".

Run: python3 docs/checks/bn_kurtosis.py                  (checks 1–2, ≈ 20 s)
     python3 docs/checks/bn_kurtosis.py sim SIM.csv 100000  (tables for ρ = 0, 1, 3 at M = 8 from 10⁵ batches,
        the ODE (bn, η = 2, σ = 0, Q₀ = 1, r₀ = 0, γ₀ = 1), max |z| against a `bnsim run` simulation.csv
        holding model.input_kurtosis 0, 1, 3)
"""
import sys
import numpy as np
from scipy.special import ndtr
from scipy.interpolate import CubicSpline

phi = lambda x: np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi)


def batches(M, rho, nb, seed):
    rng = np.random.default_rng(seed)
    u0 = rng.standard_normal((nb, M))
    v = rng.gamma(3 / rho, rho / 3, (nb, M)) if rho > 0 else np.ones((nb, M))
    return u0, v


def coefficients(M, rho, rs, nb, seed, chunk=100_000, u0v=None):
    """Per r in rs: A, B, Q0, Q1 (arrays) and Q2, Qσ (scalars), each with its MC standard error."""
    out = {k: [] for k in ('A', 'B', 'Q0', 'Q1', 'Q2', 'Qs')}
    acc = {k: np.zeros((len(rs), 2)) if k not in ('Q2', 'Qs') else np.zeros(2) for k in out}
    n_done = 0
    for c0 in range(0, nb, chunk):
        if u0v is None:
            u0, v = batches(M, rho, min(chunk, nb - c0), seed + c0)
        else:
            u0, v = u0v[0][c0:c0 + chunk], u0v[1][c0:c0 + chunk]
        b = u0.shape[0]
        tau = np.sqrt(v)
        u = tau * u0
        ub = u.mean(1, keepdims=True)
        s2 = ((u - ub) ** 2).mean(1, keepdims=True)
        s = np.sqrt(s2)
        n = (u - ub) / s
        Th = (n > 0).astype(float)
        P = np.eye(M)[None] - 1.0 / M - n[:, :, None] * n[:, None, :] / M
        P2 = P * P
        Pdiag = np.einsum('bii->bi', P)
        PTn = np.einsum('bij,bj->bi', P, Th * n)
        w = v / s2
        q2 = (w * PTn ** 2).mean(1)
        qs = (w * np.einsum('bij,bj->bi', P2, Th)).mean(1)
        for k, val in (('Q2', q2), ('Qs', qs)):
            acc[k] += [val.sum(), (val ** 2).sum()]
        for ir, r in enumerate(rs):
            rr = np.sqrt(max(0.0, 1 - r * r))
            mu = r * u0
            if rr > 0:
                z = mu / rr
                Pz, pz = ndtr(z), phi(z)
                m0 = mu * Pz + rr * pz
                e0 = (mu * mu + rr * rr) * Pz + mu * rr * pz
            else:
                Pz = (mu > 0).astype(float)
                m0 = np.maximum(mu, 0)
                e0 = m0 * m0
            m, e = tau * m0, v * e0
            a = (m * np.maximum(n, 0)).mean(1)
            bb = (v / s * Pdiag * Th * Pz).mean(1)
            PTm = np.einsum('bij,bj->bi', P, Th * m)
            q0 = (w * (PTm ** 2 + np.einsum('bij,bj->bi', P2, Th * (e - m * m)))).mean(1)
            q1 = (w * PTm * PTn).mean(1)
            for k, val in (('A', a), ('B', bb), ('Q0', q0), ('Q1', q1)):
                acc[k][ir] += [val.sum(), (val ** 2).sum()]
        n_done += b
    res = {}
    for k, a in acc.items():
        mean = a[..., 0] / n_done
        var = a[..., 1] / n_done - mean ** 2
        res[k] = (mean, np.sqrt(np.maximum(var, 0) / n_done))
    return res


def drifts_from(coef, r, gam, sig):
    """T_γ, T_R, T_Q at (r, γ > 0) from the coefficient functions (callables of r)."""
    rho2 = 1 - r * r
    Tg = coef['A'](r) - gam / 2
    TR = gam * rho2 * coef['B'](r)
    TQ = gam ** 2 * (coef['Q0'](r) - 2 * gam * coef['Q1'](r) + gam ** 2 * coef['Q2'] + sig ** 2 * coef['Qs'])
    return Tg, TR, TQ


def brute(M, rho, r, gam, sig, nb, seed):
    """docs/model.md §5 definitions on sampled batches (ξ, ε sampled): T_γ, T_R, T_Q = E[c₁²v₁], means and s.e."""
    rng = np.random.default_rng(seed + 1)
    u0, v = batches(M, rho, nb, seed)
    tau = np.sqrt(v)
    rr = np.sqrt(1 - r * r)
    hs = tau * (r * u0 + rr * rng.standard_normal((nb, M)))
    y = np.maximum(hs, 0) + sig * rng.standard_normal((nb, M))
    u = tau * u0
    ub = u.mean(1, keepdims=True)
    s = np.sqrt(((u - ub) ** 2).mean(1, keepdims=True))
    n = (u - ub) / s
    a = gam * n
    delta = (y - np.maximum(a, 0)) * (a > 0)
    c = gam / s * (delta - delta.mean(1, keepdims=True) - n * (delta * n).mean(1, keepdims=True))
    out = []
    for val in ((delta * n).mean(1), (c * hs).mean(1), (c * c * v).mean(1)):
        out.append((val.mean(), val.std() / np.sqrt(nb)))
    return out


def table(M, rho, rs, nb, seed=2024):
    co = coefficients(M, rho, rs, nb, seed)
    f = {k: CubicSpline(rs, co[k][0]) for k in ('A', 'B', 'Q0', 'Q1')}
    f['Q2'], f['Qs'] = co['Q2'][0], co['Qs'][0]
    return f, co


def ode(f, M, eta, sig, alphas, Q0=1.0, R0=0.0, g0=1.0):
    from scipy.integrate import solve_ivp

    def rhs(_, y):
        Q, R, g = y
        r = R / np.sqrt(Q)
        Tg, TR, TQ = drifts_from(f, r, g, sig)
        return [eta ** 2 / (M * M * Q) * TQ, eta / (M * np.sqrt(Q)) * TR, eta / M * Tg]
    sol = solve_ivp(rhs, (0, alphas[-1]), [Q0, R0, g0], t_eval=alphas, rtol=1e-10, atol=1e-12, method='DOP853')
    Q, R, g = sol.y
    r = R / np.sqrt(Q)
    J = (np.sqrt(1 - r * r) + (np.pi - np.arccos(r)) * r) / (2 * np.pi)
    eg = 0.5 * (0.5 - 2 * g * J + g * g / 2)   # E[v] = 1: the Gaussian ε_g (sig = 0 target)
    return dict(Q=Q, R=R, gamma=g, eg=eg)


def versus(csv, rho, th, key='model.input_kurtosis'):
    import csv as _c
    rows = [x for x in _c.DictReader(open(csv)) if float(x[key]) == rho and x['seed'] == 'all']
    worst = (0, None)
    zs = {}
    for o in ('Q', 'R', 'gamma', 'eg'):
        mean = np.array([float(x[o]) for x in rows]); se = np.array([float(x[o + '_se']) for x in rows])
        z = (mean - th[o]) / se
        zs[o] = np.max(np.abs(z))
        i = np.argmax(np.abs(z))
        if abs(z[i]) > worst[0]:
            worst = (abs(z[i]), f'{o} at α={float(rows[i]["alpha"]):.3g}')
    return worst, zs


def main():
    M = 8
    if len(sys.argv) > 1 and sys.argv[1] == 'sim':
        import csv as _c
        simcsv, nb = sys.argv[2], int(sys.argv[3])
        rs = np.linspace(-0.3, 1.0, 27)
        rows = [x for x in _c.DictReader(open(simcsv))]
        for rho in (0.0, 1.0, 3.0):
            al = np.array(sorted({float(x['alpha']) for x in rows if float(x['model.input_kurtosis']) == rho}))
            f, co = table(M, rho, rs, nb)
            th = ode(f, M, 2.0, 0.0, al)
            print(f'ρ={rho}: table from {nb} batches; rel. s.e. of A, B, Q0 at r=0.4:',
                  [f"{co[k][1][18] / abs(co[k][0][18]):.1e}" for k in ('A', 'B', 'Q0')], 'Q2', f"{co['Q2'][1] / co['Q2'][0]:.1e}")
            print('   vs simulation: max |z|', versus(simcsv, rho, th))
            np.save(f'/tmp/kurt/th_{rho}_{nb}.npy', np.array([al, th['Q'], th['R'], th['gamma'], th['eg']]))
        return
    print('1) derivation vs brute-force MC of the definitions (2e6 batches), M = 8')
    for rho, r, gam, sig in ((1.0, 0.3, 1.2, 0.0), (3.0, -0.4, 0.7, 0.5), (3.0, 0.8, 1.5, 0.2)):
        co = coefficients(M, rho, np.array([r]), 400_000, seed=11)
        f = {k: (lambda rr, k=k: co[k][0][0]) for k in ('A', 'B', 'Q0', 'Q1')}
        f['Q2'], f['Qs'] = co['Q2'][0], co['Qs'][0]
        d = drifts_from(f, r, gam, sig)
        bt = brute(M, rho, r, gam, sig, 2_000_000, seed=99)
        for name, x, (mb, sb) in zip(('Tγ', 'TR', 'TQ'), d, bt):
            print(f'   ρ={rho} r={r} γ={gam} σ={sig} {name}: derived {x:.5f}  brute {mb:.5f} ± {sb:.5f}  z={(x - mb) / sb:+.2f}')

    print('2) ρ = 0 (v ≡ 1, 4e5 batches) against the Gaussian quadrature of bnlib.py, M = 8')
    sys.path.insert(0, __file__.rsplit('/', 1)[0])
    import bnlib
    rs2 = np.array([-0.3, 0.0, 0.45, 0.82])
    co = coefficients(M, 0.0, rs2, 400_000, seed=7)
    for k, r in enumerate(rs2):
        A = bnlib.A_relu(M, r)
        B = bnlib.TR_stein_relu(M, r, 1.0) / (1 - r * r)
        TQ = bnlib.TQ_quad(M, r, 1.0, 0.0, 'relu')[0]
        tq = co['Q0'][0][k] - 2 * co['Q1'][0][k] + co['Q2'][0]
        tqe = co['Q0'][1][k] + 2 * co['Q1'][1][k] + co['Q2'][1]
        print(f'   r={r:+.2f}  A z={(co["A"][0][k] - A) / co["A"][1][k]:+.2f}  B z={(co["B"][0][k] - B) / co["B"][1][k]:+.2f}'
              f'  T_Q(γ=1) {tq:.5f} vs {TQ:.5f} (|Δ|/Σs.e. = {abs(tq - TQ) / tqe:.2f})')


if __name__ == '__main__':
    main()
