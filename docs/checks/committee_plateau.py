"""Independent cross-check of plateau.csv (bnsim run, two-layer runs): recomputes the plateau of
every ε_g curve of theory.csv and simulation.csv by Model/Plateau.swift's criterion (flattest
interior point on a log–log scale over its two neighbours, the curve cut at its first ε_g ≤ 0; exit
where ε_g first halves after it; a diverged curve has none) and compares with plateau.csv row by row. Prints one line per
curve; exits 1 on any difference. Usage: committee_plateau.py DIR"""
import csv, math, os, sys, collections

def plateau(a, e):
    n = next((k for k, x in enumerate(e) if not x > 0), len(e))
    if n < 3:
        return None
    best, at = math.inf, 0
    for k in range(1, n - 1):
        s = abs(math.log(e[k + 1] / e[k - 1]) / math.log(a[k + 1] / a[k - 1]))
        if s < best:
            best, at = s, k
    exit_alpha = next((a[k] for k in range(at, n) if e[k] <= e[at] / 2), None)
    return a[at], e[at], exit_alpha

d = sys.argv[1]
curves = collections.OrderedDict()
for name, engine in (("theory.csv", "theory"), ("simulation.csv", "simulation")):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        continue
    for r in csv.DictReader(open(path)):
        key = (r["run_id"], engine, r.get("variant", "") if engine == "theory" else "", r.get("seed", "") if engine == "simulation" else "")
        curves.setdefault(key, []).append((float(r["alpha"]), float(r["eg"]), r["status"] != "completed"))
failures = 0
rows = list(csv.DictReader(open(os.path.join(d, "plateau.csv"))))
for r in rows:
    key = (r["run_id"], r["engine"], r["variant"], r["seed"])
    pts = curves.get(key)
    if pts is None:
        print(f"{key}: no such curve"); failures += 1; continue
    p = plateau([x for x, _, _ in pts], [y for _, y, _ in pts])
    if any(d for _, _, d in pts):
        expected = ("diverged", None, None, None)
    else:
        expected = ("no_plateau", None, None, None) if p is None else ("left" if p[2] is not None else "not_left", p[0], p[1], p[2])
    got = (r["status"], *(float(r[c]) if r[c] else None for c in ("plateau_alpha", "height", "exit_alpha")))
    ok = expected == got
    failures += not ok
    print(f"{'ok' if ok else 'DIFFERENT'} {key}: plateau.csv {got}, recomputed {expected}")
if len(rows) == 0:
    print("plateau.csv has no rows"); failures += 1
sys.exit(1 if failures else 0)
