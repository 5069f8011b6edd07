"""Independent check of bnsim's two-layer theory (docs/model.md §9) for g(x) = erf(x/√2).

Reimplements, from the papers, the ODEs of the soft committee machine (Saad & Solla 1995) and
of the two-layer network with a learned second layer (Goldt et al. 2019), with the closed-form
averages I2, I3, I4 written out below, and integrates them with scipy's DOP853. M = 1 (online
SGD), fields with T = I. Prints ε_g on a few α for the cases that
Tests/TheoryTests/CommitteeTrajectoryTests.swift compares against.
"""
import numpy as np
from scipy.integrate import solve_ivp

def I2(c11, c12, c22):
    return 2 / np.pi * np.arcsin(c12 / np.sqrt((1 + c11) * (1 + c22)))

def I3(C):
    l3 = (1 + C[0, 0]) * (1 + C[2, 2]) - C[0, 2] ** 2
    return 2 / np.pi / np.sqrt(l3) * (C[1, 2] * (1 + C[0, 0]) - C[0, 1] * C[0, 2]) / (1 + C[0, 0])

def I4(C):
    l4 = (1 + C[0, 0]) * (1 + C[1, 1]) - C[0, 1] ** 2
    l0 = (l4 * C[2, 3] - C[1, 2] * C[1, 3] * (1 + C[0, 0]) - C[0, 2] * C[0, 3] * (1 + C[1, 1])
          + C[0, 1] * C[0, 2] * C[1, 3] + C[0, 1] * C[0, 3] * C[1, 2])
    l1 = l4 * (1 + C[2, 2]) - C[1, 2] ** 2 * (1 + C[0, 0]) - C[0, 2] ** 2 * (1 + C[1, 1]) + 2 * C[0, 1] * C[0, 2] * C[1, 2]
    l2 = l4 * (1 + C[3, 3]) - C[1, 3] ** 2 * (1 + C[0, 0]) - C[0, 3] ** 2 * (1 + C[1, 1]) + 2 * C[0, 1] * C[0, 3] * C[1, 3]
    return 4 / np.pi ** 2 / np.sqrt(l4) * np.arcsin(l0 / np.sqrt(l1 * l2))

def sub(C, idx):
    return C[np.ix_(idx, idx)]

def unpack(y, K, M):
    Q = y[:K * K].reshape(K, K); R = y[K * K:K * K + K * M].reshape(K, M); v = y[K * K + K * M:]
    return Q, R, v

def rhs(t, y, K, M, vs, eta, eta_v, sigma, learn):
    Q, R, v = unpack(y, K, M)
    C = np.block([[Q, R], [R.T, np.eye(M)]])
    # the residual's terms: +v*_n g(λ*_n), −v_j g(λ_j); student index j, teacher index K + n
    terms = [(K + n, vs[n]) for n in range(M)] + [(j, -v[j]) for j in range(K)]
    dQ = np.zeros((K, K)); dR = np.zeros((K, M)); dv = np.zeros(K)
    for i in range(K):
        for n in range(M):
            dR[i, n] = eta * v[i] * sum(w * I3(sub(C, [i, K + n, c])) for c, w in terms)
        for k in range(K):
            lin = (v[i] * sum(w * I3(sub(C, [i, k, c])) for c, w in terms)
                   + v[k] * sum(w * I3(sub(C, [k, i, c])) for c, w in terms))
            quad = sum(wc * wd * I4(sub(C, [i, k, c, d])) for c, wc in terms for d, wd in terms)
            noise = sigma ** 2 * 2 / np.pi / np.sqrt((1 + Q[i, i]) * (1 + Q[k, k]) - Q[i, k] ** 2)
            dQ[i, k] = eta * lin + eta ** 2 * v[i] * v[k] * (quad + noise)
        if learn:
            dv[i] = eta_v * sum(w * I2(C[i, i], C[i, c], C[c, c]) for c, w in terms)
    return np.concatenate([dQ.ravel(), dR.ravel(), dv])

def eg(y, K, M, vs):
    Q, R, v = unpack(y, K, M)
    C = np.block([[Q, R], [R.T, np.eye(M)]])
    terms = [(K + n, vs[n]) for n in range(M)] + [(j, -v[j]) for j in range(K)]
    return 0.5 * sum(wa * wb * I2(C[a, a], C[a, b], C[b, b]) for a, wa in terms for b, wb in terms)

def initial(K, M):
    # A fixed, slightly asymmetric start near the plateau's entrance (same numbers in the Swift test).
    Q = 0.5 * np.eye(K) + 0.01 * (np.ones((K, K)) - np.eye(K))
    R = np.array([[1e-3 * (1 + ((3 * k + 2 * n) % 5)) for n in range(M)] for k in range(K)])
    return Q, R

CASES = [  # name, K, M, eta, learn, v0, sigma
    ("saad-solla K=M=2 eta=0.5", 2, 2, 0.5, False, 1.0, 0.0),
    ("saad-solla K=M=3 eta=1", 3, 3, 1.0, False, 1.0, 0.0),
    ("goldt K=M=2 learned v eta=0.5", 2, 2, 0.5, True, 0.5, 0.0),
    ("over-realizable K=3 M=2 learned v noise", 3, 2, 0.5, True, 0.5, 0.1),
]
ALPHAS = [1, 10, 50, 100, 200, 400]

if __name__ == "__main__":
    for name, K, M, eta, learn, v0, sigma in CASES:
        Q, R = initial(K, M)
        y0 = np.concatenate([Q.ravel(), R.ravel(), np.full(K, v0)])
        vs = np.ones(M)
        sol = solve_ivp(rhs, (0, ALPHAS[-1]), y0, t_eval=ALPHAS, method="DOP853", rtol=1e-11, atol=1e-13,
                        args=(K, M, vs, eta, eta, sigma, learn))
        print(name, "[" + ", ".join("%.12e" % eg(sol.y[:, i], K, M, vs) for i in range(len(ALPHAS))) + "]")
