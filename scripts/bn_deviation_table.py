#!/usr/bin/env python3
"""Summarize a bnsim bn run (theory.csv + comparison.csv) as the README's "Is BN = PN + gamma
decay?" table: per (M, η, σ) and theory variant, the largest |z| against the simulation over
α and the observables Q, R, γ, ε_g, and the variant's deviation from bn-exact at α_max.
Usage: scripts/bn_deviation_table.py results/bn-decomposition"""
import csv, sys, collections

d = sys.argv[1] if len(sys.argv) > 1 else "results/bn-decomposition"
zmax = collections.defaultdict(float)
for row in csv.DictReader(open(f"{d}/comparison.csv")):
    if row["z"] and row["observable"] in ("Q", "R", "gamma", "eg"):
        key = (int(row["batch_size"]), float(row["learning_rate"]), float(row["teacher_noise"]), row["variant"])
        zmax[key] = max(zmax[key], abs(float(row["z"])))
last = {}
for row in csv.DictReader(open(f"{d}/theory.csv")):
    key = (int(row["batch_size"]), float(row["learning_rate"]), float(row["teacher_noise"]), row["variant"])
    last[key] = row  # rows are in α order: the last one is α_max
print("| M | η | σ | ε_g exact | ε_g pn (Δ) | ε_g loss (Δ) | γ exact | γ pn | γ loss | Q exact | Q pn | Q loss | max abs z: exact / pn / loss |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for M, eta, sigma in sorted({k[:3] for k in last}):
    e, p, l = (last[(M, eta, sigma, v)] for v in ("exact", "pn", "loss"))
    f = lambda r, o: float(r[o])
    rel = lambda r, o: (f(r, o) - f(e, o)) / f(e, o) * 100
    zs = " / ".join(f"{zmax[(M, eta, sigma, v)]:.1f}" for v in ("exact", "pn", "loss"))
    print(f"| {M} | {eta:g} | {sigma:g} | {f(e,'eg'):.4f} | {f(p,'eg'):.4f} ({rel(p,'eg'):+.1f}%) | {f(l,'eg'):.4f} ({rel(l,'eg'):+.1f}%) | "
          f"{f(e,'gamma'):.3f} | {f(p,'gamma'):.3f} | {f(l,'gamma'):.3f} | {f(e,'Q'):.3f} | {f(p,'Q'):.3f} | {f(l,'Q'):.3f} | {zs} |")
