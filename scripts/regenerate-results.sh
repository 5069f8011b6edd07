#!/usr/bin/env bash
# Recomputes every committed result under results/ with the commands the README gives, in order
# (about 20 min on 2 cores). Use it after a change that moves numbers (e.g. the random stream),
# then review `git diff --stat results/` and update the README's numbers.
#   scripts/regenerate-results.sh            all of them
#   scripts/regenerate-results.sh c4 jitter  only the steps whose names are given (see below)
set -euo pipefail
cd "$(dirname "$0")/.."
B="${BNSIM_BINARY:-$(swift build -c release --show-bin-path)/bnsim}"
[ -x "$B" ] || { echo "regenerate-results: build first (./dev setup), or set BNSIM_BINARY" >&2; exit 1; }

step() {  # step NAME command…: run it (with --force) if NAME was asked for, timing it
  local name=$1; shift
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $name "* ]]; then return; fi
  echo "== $name: $*" >&2
  local t0=$SECONDS
  "$@" --quiet >/dev/null
  echo "   $name took $((SECONDS - t0)) s" >&2
}
only=("$@")

# Not committed, but the README quotes their output.
step default      "$B" run configs/default.yaml --force
step theory-vs-simulation "$B" run configs/theory-vs-simulation.yaml --force
step finite-size  "$B" run configs/finite-size.yaml --force
step bn-decomposition "$B" run configs/bn-decomposition.yaml --force
# Committed.
step lr-sweep     "$B" run configs/lr-sweep.yaml --force
step lr-max       "$B" lr-max configs/lr-max.yaml
step zeta         "$B" zeta configs/bn-decomposition.yaml
step c1           "$B" run configs/paper/c1-gamma-decay.yaml --output results/paper/c1-gamma-decay --force
step c1-zeta      "$B" zeta configs/paper/c1-gamma-decay.yaml --output results/paper/c1-gamma-decay \
                    --overlaps=-0.5,-0.25,0,0.25,0.5,0.75,0.9 --gammas 0.5,1,1.5,2
step c2           "$B" run configs/paper/c2-blowup.yaml --output results/paper/c2-blowup --force
step c3           "$B" run configs/paper/c3-eta-eff.yaml --output results/paper/c3-eta-eff --force
step c4           "$B" run configs/paper/c4-noisy-teacher.yaml --output results/paper/c4-noisy-teacher --force
step jitter       "$B" jitter configs/paper/bn-jitter.yaml --output results/paper/bn-jitter
step data-noise   "$B" run configs/paper/data-dependence.yaml --output results/paper/data-dependence/noise --force
step data-kurtosis "$B" run configs/paper/data-dependence-kurtosis.yaml --output results/paper/data-dependence/kurtosis --force
step data-check   "$B" run configs/data-models-check.yaml --output results/paper/data-dependence/check --force
for rho in 0 1 3 6; do
  step data-zeta  "$B" zeta configs/paper/data-dependence-kurtosis.yaml --set model.input_kurtosis=$rho \
                    --overlaps 0.9 --gammas 1 --batches 400000 --batch-sizes 4,8,16,32 --output results/paper/data-dependence/zeta-kurtosis-$rho
done
# The exact reduced engine: learning-rate limits with tight brackets, and N = 10⁵ for bn at M = 8 (about 2 min);
# the finite-size study to N = 10⁶ (about 15 min).
step lr-max-reduced "$B" lr-max configs/lr-max-reduced.yaml
step lr-max-bn-M8-N1e5 "$B" lr-max configs/lr-max-reduced.yaml --set model.N=100000 \
                    --set 'sweep={training.batch_size: [8], training.method: [bn]}' --output results/lr-max-reduced/bn-M8-N100000 --no-plot
step finite-size-reduced "$B" run configs/finite-size-reduced.yaml --force
# The convex optimum against GD (solve_seconds varies from machine to machine; everything else is reproducible).
for study in gap scaling curve; do
  step convex-$study "$B" convex configs/paper/convex-$study.yaml --output results/paper/convex-$study --quiet
done
step convex-learning-curve "$B" convex configs/paper/convex-learning-curve.yaml --output results/paper/convex-learning-curve/convex --quiet
# Online students beside it (their per-seed tables are large and not kept).
step convex-learning-curve-online-relu "$B" run configs/paper/convex-learning-curve-online.yaml --force --no-plot \
                    --output results/paper/convex-learning-curve/online-relu
step convex-learning-curve-online-two-layer "$B" run configs/paper/convex-learning-curve-online.yaml --force --no-plot \
                    --set model.teacher_units=2 --set 'model.teacher_second_layer=[1, -1]' --set model.teacher_noise=0.1 \
                    --output results/paper/convex-learning-curve/online-two-layer
rm -f results/paper/convex-learning-curve/online-*/{simulation,overlaps,plateau}.csv
# The figures of every directory with run, lr-max, jitter or convex results (C1's include its zeta figures).
for d in results/lr-max results/lr-max-reduced results/lr-sweep results/paper/*/ results/paper/data-dependence/*/ results/paper/convex-learning-curve/convex; do
  for f in theory simulation lr_max jitter convex; do
    if [ -f "$d/$f.csv" ]; then "$B" plot "$d" >/dev/null; break; fi
  done
done
echo "regenerate-results: done; review git status results/ and the README's numbers" >&2
