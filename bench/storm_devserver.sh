#!/usr/bin/env bash
# The alert storm (bench/alert_storm.py) against a fresh embedded run on the real Temporal dev
# server, with the per-integration-key rate limit lifted so that ingestion itself is measured (with
# the default limit, 200/s and a burst of 2,000 per key, a source this fast is answered 429 and
# waits). Prints the storm's figures and the CPU seconds of the Fireline JVM, the Temporal dev
# server and PostgreSQL over it. Builds nothing (bench/embedded_run.sh).
# STORM_RUNS storms (default 2) in a row against the same process.
# Usage: bench/storm_devserver.sh [alert_storm.py arguments, e.g. --alerts 20000 --threads 16]
set -euo pipefail
cd "$(dirname "$0")/.."
export FIRELINE_API_KEY=storm-bench-key
. bench/embedded_run.sh
start_embedded_run --fireline.alerts.rate-per-second=100000 --fireline.alerts.burst=100000
# CPU seconds (user + system) of a process and its descendants
cpu() {
  local total=0 pid
  for pid in $1 $(pgrep -P "$1" || true); do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}
hz=$(getconf CLK_TCK)
names=("Fireline JVM" "Temporal dev server" "PostgreSQL")
# the first storm meets a fresh JVM (code not yet compiled); the next ones a warm process, as a
# storm meets a server that has been up for a while
for storm in $(seq "${STORM_RUNS:-2}"); do
  echo; echo "=== storm $storm of ${STORM_RUNS:-2}$([ "$storm" = 1 ] && echo " (fresh JVM)")"
  before=("$(cpu $java_pid)" "$(cpu "$temporal_pid")" "$(cpu "$postgres_pid")")
  python3 bench/alert_storm.py --url "http://127.0.0.1:$port" "$@"
  after=("$(cpu $java_pid)" "$(cpu "$temporal_pid")" "$(cpu "$postgres_pid")")
  for i in 0 1 2; do
    awk -v n="${names[$i]}" -v t=$((after[i] - before[i])) -v hz="$hz" \
      'BEGIN { printf "CPU over the storm and its paging: %-20s %.1f s\n", n, t / hz }'
  done
done
