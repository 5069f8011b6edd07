#!/usr/bin/env bash
# Integration test of bnsim's SLURM support on a one-node cluster on this machine.
#
# Installs Debian's slurm-wlm if missing (apt-get, as root or via sudo), starts its own slurmctld
# and slurmd (auth/none, proctrack/linuxproc, private ports, state and logs in a temporary
# directory), submits the job array `bnsim slurm` prints for a small sweep, waits for it, runs the
# `bnsim merge` command the script names, and checks that the merged results are byte-identical
# to a single-machine `bnsim run` of the same sweep. Stops the daemons it started on exit.
#
#   scripts/test-slurm.sh            (make test-slurm; ./dev test runs it when BNSIM_TEST_SLURM=1)
#
# BNSIM_BINARY: the bnsim to test (default: the release build, built if missing).
# BNSIM_SLURM_KEEP=1: keep the temporary directory (config, logs, results) for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
say() { echo "test-slurm: $*" >&2; }

# --- SLURM -----------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null; then
  say "installing slurm-wlm with apt-get"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends slurm-wlm >/dev/null
fi
say "$(slurmctld -V)"

# --- bnsim -----------------------------------------------------------------------------------
if [ -z "${BNSIM_BINARY:-}" ]; then
  swift build -c release --product bnsim 2>&1 | grep -v '^\[' || true
  BNSIM_BINARY="$(swift build -c release --show-bin-path)/bnsim"
fi
B="$BNSIM_BINARY"
[ -x "$B" ] || { say "no bnsim binary at $B"; exit 1; }

# --- a private one-node cluster ----------------------------------------------------------------
T=$(mktemp -d /tmp/bnsim-slurm.XXXXXX)
chmod 755 "$T"
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    say "FAILED; daemon logs:"
    tail -n 20 "$T"/slurmctld.log "$T"/slurmd.log "$T"/logs/* 2>/dev/null >&2 || true
  fi
  if [ "${BNSIM_SLURM_KEEP:-0}" = 1 ]; then say "kept $T"; else rm -rf "$T"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Two free TCP ports for slurmctld and slurmd.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=$((20000 + ($$ % 2000) * 2))
until port_free "$base" && port_free $((base + 1)); do base=$((base + 2)); done

host=$(hostname -s)
user=$(id -un)
mkdir -p "$T/state" "$T/spool" "$T/logs"
cat > "$T/slurm.conf" <<CONF
ClusterName=bnsimtest
SlurmctldHost=$host
SlurmctldPort=$base
SlurmdPort=$((base + 1))
AuthType=auth/none
CredType=cred/none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmUser=$user
SlurmdUser=$user
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=bnsim Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -D -c -f "$SLURM_CONF" >"$T/slurmctld.out" 2>&1 & pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$T/slurmd.out" 2>&1 & pids+=($!)

deadline=$(($(date +%s) + 60))
until sinfo -h -N -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; do
  [ "$(date +%s)" -lt "$deadline" ] || { say "the node did not come up within 60 s"; exit 1; }
  sleep 1
done
say "cluster up: $(sinfo -h -o '%P %D node(s) %C CPUs (A/I/O/T) %T') on ports $base, $((base + 1))"

# --- the sweep, as a job array ---------------------------------------------------------------
config="$PWD/configs/default.yaml"
settings=(--set model.N=100 --set training.alpha_max=2 --set simulation.seeds=2 --set simulation.test_samples=100)
tasks=3
"$B" slurm "$config" "${settings[@]}" --tasks "$tasks" --cpus-per-task 1 --time 00:10:00 --partition bnsim \
  --output "$T/sweep" > "$T/job.sh"
job=$(sbatch --parsable --output="$T/logs/slurm-%A_%a.out" "$T/job.sh")
job=${job%%;*}
say "submitted job array $job ($tasks tasks)"

deadline=$(($(date +%s) + 240))
while [ -n "$(squeue -h -j "$job" 2>/dev/null)" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { say "job $job did not finish within 240 s"; squeue >&2; exit 1; }
  sleep 1
done
states=$(scontrol show job "$job" | grep -oE 'JobState=[A-Z_]+|ExitCode=[0-9:]+' | sort | uniq -c)
say "job $job finished:" $states
if [ "$(scontrol show job "$job" | grep -c 'JobState=COMPLETED')" -ne "$tasks" ] ||
   scontrol show job "$job" | grep -q 'ExitCode=[1-9]'; then
  say "not every task completed"; cat "$T"/logs/* >&2; exit 1
fi

# --- merge with the command the script names, and compare ---------------------------------
merge=$(sed -n 's/^#   \(.* merge .*\)$/\1/p' "$T/job.sh" | head -n 1)   # the plain merge line (the next one submits it as a job)
[ -n "$merge" ] || { say "job.sh names no merge command"; exit 1; }
eval "$merge" > "$T/merge.out"
"$B" run "$config" "${settings[@]}" --output "$T/single" --quiet > "$T/single.out"

for file in theory.csv simulation.csv comparison.csv manifest.yaml; do
  cmp "$T/single/$file" "$T/sweep/$file"
done
diff -r "$T/single/points" "$T/sweep/points"
# The merge prints the single run's summary, then its own last lines.
cmp <(head -n -1 "$T/single.out") <(head -n -2 "$T/merge.out")

points=$(ls "$T/single/points" | grep -c '^run-')
say "OK: $tasks array tasks + bnsim merge == single-machine run, byte for byte ($points points: theory.csv, simulation.csv, comparison.csv, manifest.yaml, points/) in $(($(date +%s) - started)) s"
