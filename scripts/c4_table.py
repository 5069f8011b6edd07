"""The C4 table of the README: ε_g at the last α per (σ, M, method), theory / simulation ± s.e.

Usage: python3 scripts/c4_table.py [results/paper/c4-noisy-teacher]
"""
import csv
import sys
from collections import defaultdict

d = sys.argv[1] if len(sys.argv) > 1 else "results/paper/c4-noisy-teacher"
theory = list(csv.DictReader(open(f"{d}/theory.csv")))
simulation = [r for r in csv.DictReader(open(f"{d}/simulation.csv")) if r["seed"] == "all"]


def last(rows):
    return max(rows, key=lambda r: float(r["alpha"]))


def name(r):
    return r["method"] + (" + γ decay" if float(r["gamma_decay"]) > 0 else "")


th = defaultdict(list)
for r in theory:
    th[(r["teacher_noise"], r["batch_size"], name(r), r["variant"])].append(r)
sim = defaultdict(list)
for r in simulation:
    sim[(r["teacher_noise"], r["batch_size"], name(r))].append(r)
methods = ["sgd", "wn", "wn + γ decay", "bn"]
for sigma in sorted({k[0] for k in th}, key=float):
    alpha = last([r for r in theory if r["teacher_noise"] == sigma])["alpha"]
    print(f"\nσ = {sigma}, ε_g at α = {float(alpha):g}, theory / simulation (± s.e.); bn-pn in brackets")
    print("| M | " + " | ".join(methods) + " |")
    print("|---" * (len(methods) + 1) + "|")
    for M in sorted({k[1] for k in th}, key=int):
        cells = []
        for m in methods:
            t = last(th[(sigma, M, m, "exact")])
            s = last(sim[(sigma, M, m)])
            cell = f"{float(t['eg']):.3g} / {float(s['eg']):.3g} ± {float(s['eg_se']):.1g}"
            if (sigma, M, m, "pn") in th:
                cell += f" [{float(last(th[(sigma, M, m, 'pn')])['eg']):.3g}]"
            cells.append(cell)
        print(f"| {M} | " + " | ".join(cells) + " |")
