"""Plateau height and exit α (Model/Plateau.swift's criterion) of every seed-mean ε_g curve in a
simulation_mean.csv, plus the mean η_eff and γ on the plateau. Usage: committee_plateau.py DIR"""
import csv, math, sys, collections
rows = collections.defaultdict(list)
for r in csv.DictReader(open(sys.argv[1] + "/simulation_mean.csv")):
    rows[(r["run_id"], r["method"])].append((float(r["alpha"]), float(r["eg"]), float(r["eta_eff"]), float(r["gamma"])))
for (run, method), pts in rows.items():
    a = [p[0] for p in pts]; e = [p[1] for p in pts]
    best, at = math.inf, 0
    for k in range(1, len(a) - 1):
        s = abs(math.log(e[k + 1] / e[k - 1]) / math.log(a[k + 1] / a[k - 1]))
        if s < best: best, at = s, k
    exit_alpha = next((a[k] for k in range(at, len(a)) if e[k] <= e[at] / 2), None)
    print(f"{method}: plateau height {e[at]:.4g} at alpha {a[at]:.3g}, exit alpha {exit_alpha}, eta_eff there {pts[at][2]:.3g}, gamma {pts[at][3]:.3g}, final eg {e[-1]:.3g}")
