#!/usr/bin/env bash
# One bench/load.py run against a fresh embedded run on the real Temporal dev server, nothing else
# attached (no recorder, no statement log): the figures beside the goal and the CPU per incident of
# the Fireline JVM, the Temporal dev server and PostgreSQL (postmaster and backends).
# The environment passes through, so a variant is a variable away, e.g.
#   FIRELINE_TEMPORAL_SQLITE_PRAGMAS= bench/embedded_load.sh sqlite-defaults --rate 20 --duration 120
# Saves the figures to $BENCH_RESULTS/LABEL.json (default /tmp/fireline-bench); COMPARE=OTHER
# prints the run saved as OTHER beside this one with the ratios. Builds nothing: uses
# standalone/target/fireline-standalone.jar. Waits for a quiet machine first (bench/wait_quiet.sh).
# Usage: bench/embedded_load.sh LABEL [load.py arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
label=${1:?label}
shift
results=${BENCH_RESULTS:-/tmp/fireline-bench}
mkdir -p "$results"
export FIRELINE_API_KEY=load-bench-key KEEP_LOG="$results/$label.log"
. bench/embedded_run.sh
start_embedded_run
echo "$label: Fireline JVM $java_pid, Temporal dev server $temporal_pid, PostgreSQL $postgres_pid;" \
  "dev server: $(tr '\0' ' ' </proc/$temporal_pid/cmdline | sed 's/.*start-dev //')"
echo "load at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
metrics=$(grep -o 'http://localhost:[0-9]*/metrics' "$data/temporal.log" | tail -1)
python3 bench/temporal_metrics.py snapshot "$metrics" >"$data/temporal-before.json"
python3 bench/thread_cpu.py snapshot "$java_pid" >"$data/threads-before.json"
python3 bench/load.py --url "http://127.0.0.1:$port" --pid $java_pid \
  --process "temporal=$temporal_pid" --process-tree "postgres=$postgres_pid" --label "$label" \
  --save "$results/$label.json" ${COMPARE:+--compare "$results/$COMPARE.json"} "$@"
python3 bench/temporal_metrics.py snapshot "$metrics" >"$data/temporal-after.json"
python3 bench/thread_cpu.py snapshot "$java_pid" >"$data/threads-after.json"
incidents=$(python3 -c "import json; print(json.load(open('$results/$label.json'))['incidents'])")
echo; echo "Temporal dev server, per incident:"
python3 bench/temporal_metrics.py diff "$data/temporal-before.json" "$data/temporal-after.json" \
  --per "$incidents" --top 8
echo "Fireline JVM, per incident:"
python3 bench/thread_cpu.py diff "$data/threads-before.json" "$data/threads-after.json" \
  --per "$incidents" --top 8
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
