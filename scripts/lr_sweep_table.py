"""The README's lr-sweep table: ε_g at the last α, theory / simulation, per (method, M) and η.

Usage: python3 scripts/lr_sweep_table.py [results/lr-sweep]
"""
import csv
import sys
from collections import defaultdict

d = sys.argv[1] if len(sys.argv) > 1 else "results/lr-sweep"
theory = [r for r in csv.DictReader(open(f"{d}/theory.csv")) if r["variant"] == "exact"]
sim = [r for r in csv.DictReader(open(f"{d}/simulation.csv")) if r["seed"] == "all"]


first = min(float(r["alpha"]) for r in theory)


def g(x):
    return f"{x:.2g}"


def cell(rows):
    if not rows:
        return f"div. (α < {first:g})"
    last = max(rows, key=lambda r: float(r["alpha"]))
    if last["status"] == "diverged":
        return f"div. (α = {float(last['diverged_at']):.3g})"
    return g(float(last["eg"]))


by = defaultdict(list)
for r in theory:
    by[("t", r["method"], r["batch_size"], r["learning_rate"])].append(r)
for r in sim:
    by[("s", r["method"], r["batch_size"], r["learning_rate"])].append(r)
etas = sorted({r["learning_rate"] for r in theory}, key=float)
print("| method, M | " + " | ".join(("η = " if k == 0 else "") + f"{float(e):g}" for k, e in enumerate(etas)) + " |")
print("|---" * (len(etas) + 1) + "|")
for M in sorted({r["batch_size"] for r in theory}, key=int):
    for m in ["sgd", "wn", "bn"]:
        cells = []
        for e in etas:
            t, s = cell(by[("t", m, M, e)]), cell(by[("s", m, M, e)])
            cells.append(t if t == s and t.startswith("div") else f"{t} / {s}")
        print(f"| {m}, {M} | " + " | ".join(cells) + " |")
