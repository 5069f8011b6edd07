"""The README's theory-vs-simulation table from `bnsim run configs/theory-vs-simulation.yaml`.

Prints the wn, η = 1.5, σ = 0.5 table and the mean and s.d. of all z-scores (Q, R, γ, ε_g and the
test error against ε_g) over every case and α.
Usage: python3 scripts/tvs_table.py [results/theory-vs-simulation]
"""
import csv
import statistics
import sys

d = sys.argv[1] if len(sys.argv) > 1 else "results/theory-vs-simulation"
theory = {(r["run_id"], r["alpha"]): r for r in csv.DictReader(open(f"{d}/theory.csv"))}
sim = [r for r in csv.DictReader(open(f"{d}/simulation.csv")) if r["seed"] == "all"]
zs = []
print("| α | Q theory | Q sim | R theory | R sim | γ theory | γ sim | ε_g theory | ε_g sim | ε_g test |")
print("|---|---|---|---|---|---|---|---|---|---|")
for s in sim:
    t = theory[(s["run_id"], s["alpha"])]
    for key, sim_key in [("Q", "Q"), ("R", "R"), ("gamma", "gamma"), ("eg", "eg"), ("eg", "eg_test")]:
        se = float(s[sim_key + "_se"] or 0)
        if se > 0:
            zs.append((float(s[sim_key]) - float(t[key])) / se)
    if s["method"] == "wn" and s["learning_rate"] == "1.5" and s["teacher_noise"] == "0.5":
        f = lambda k, p: f"{float(s[k]):.{p}f} ± {float(s[k + '_se']):.{p}f}"
        print(f"| {float(s['alpha']):g} | {float(t['Q']):.4f} | {f('Q', 4)} | {float(t['R']):.4f} | {f('R', 4)} | "
              f"{float(t['gamma']):.4f} | {f('gamma', 4)} | {float(t['eg']):.5f} | {f('eg', 5)} | {f('eg_test', 5)} |")
print(f"\n{len(zs)} z-scores: mean {statistics.mean(zs):.2f}, s.d. {statistics.stdev(zs):.2f}, max |z| {max(map(abs, zs)):.2f}")
