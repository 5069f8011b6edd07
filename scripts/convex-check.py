#!/usr/bin/env python3
"""Independent check of `bnsim convex`: solves the convex program of an instance file written by
`bnsim convex --dump-instance` with cvxpy + Clarabel and prints one JSON line per file:
{"file": ..., "cvxpy": P_cvx by cvxpy, "bnsim": bnsim's P_cvx, "relative": |difference|/P_cvx}.

The program (docs/convex-bn-relu.md §3), over the file's patterns D_i and basis U (P x k):
  min 1/2 ||sum_i D_i U (c_i - c'_i) - y||^2 + lambda sum_i (||c_i|| + ||c'_i||)
  s.t. (2 D_i - I) U c_i >= 0, (2 D_i - I) U c'_i >= 0.
Usage: scripts/convex-check.py instance-0.json [instance-1.json ...]   (exit 1 if cvxpy fails)
"""
import json
import sys

import cvxpy as cp
import numpy as np


def solve(path):
    with open(path) as f:
        inst = json.load(f)
    U = np.array(inst["basis"], dtype=float)
    y = np.array(inst["labels"], dtype=float)
    lam = float(inst["lambda"])
    P, k = U.shape
    D = np.array([[c == "1" for c in p] for p in inst["patterns"]], dtype=float)  # p x P
    p = D.shape[0]
    import scipy.sparse as sp
    # fit = M x with x = vec(C - C') row by row: M[j, i*k + l] = D[i, j] U[j, l].
    M = (D[:, :, None] * U[None, :, :]).transpose(1, 0, 2).reshape(P, p * k)
    # Cone constraints, block-diagonal: row (i, j) is (2 D[i, j] - 1) U[j] acting on c_i.
    S = sp.block_diag([((2 * D[i] - 1)[:, None] * U) for i in range(p)], format="csr")
    x = cp.Variable(p * k)
    xn = cp.Variable(p * k)
    norms = cp.sum(cp.norm(cp.reshape(x, (p, k), order="C"), 2, axis=1)) \
        + cp.sum(cp.norm(cp.reshape(xn, (p, k), order="C"), 2, axis=1))
    problem = cp.Problem(cp.Minimize(0.5 * cp.sum_squares(M @ (x - xn) - y) + lam * norms), [S @ x >= 0, S @ xn >= 0])
    problem.solve(solver=cp.CLARABEL, tol_gap_abs=1e-10, tol_gap_rel=1e-10, tol_feas=1e-10)
    if problem.status not in ("optimal", "optimal_inaccurate"):
        raise SystemExit(f"{path}: cvxpy status {problem.status}")
    value = float(problem.value)
    return {"file": path, "patterns": p, "status": problem.status, "cvxpy": value, "bnsim": inst["objective"],
            "relative": abs(value - inst["objective"]) / abs(value)}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    for path in sys.argv[1:]:
        print(json.dumps(solve(path)), flush=True)
