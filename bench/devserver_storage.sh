#!/usr/bin/env bash
# How the Temporal dev server's storage limits Fireline: the same load (bench/load.py, default
# 50 alerts/s for 120 s) against the embedded run's Fireline on a dev server that keeps its state
# in memory, in a SQLite file (the embedded run's default), and in a SQLite file with
# journal_mode=WAL and synchronous=NORMAL. Uses standalone/target/fireline-standalone.jar (build it
# first) and the CLI at FIRELINE_TEMPORAL_CLI or on the PATH.
# Usage: bench/devserver_storage.sh [rate] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-50}
seconds=${2:-120}
cli=${FIRELINE_TEMPORAL_CLI:-$(command -v temporal)}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
run() {
  local name=$1; shift
  local work; work=$(mktemp -d "${TMPDIR:-/tmp}/fireline-storage-XXXXXX")
  local tport; tport=$(free_port)
  local port; port=$(free_port)
  "$cli" server start-dev --headless --ip 127.0.0.1 --port "$tport" --log-level warn \
    --dynamic-config-value system.forceSearchAttributesCacheRefreshOnRead=true \
    "${@/WORK/$work}" >"$work/temporal.log" 2>&1 &
  local temporal=$!
  until "$cli" operator namespace describe -n default --address "127.0.0.1:$tport" >/dev/null 2>&1; do sleep 0.3; done
  FIRELINE_API_KEY=storage-bench SERVER_PORT=$port TEMPORAL_ADDRESS=127.0.0.1:$tport \
    java -Djava.io.tmpdir="$work" -jar standalone/target/fireline-standalone.jar >"$work/fireline.log" 2>&1 &
  local java=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null; do
    kill -0 $java 2>/dev/null || { tail -20 "$work/fireline.log"; exit 1; }
    sleep 0.5
  done
  echo; echo "=== $name"
  FIRELINE_API_KEY=storage-bench python3 bench/load.py --url "http://127.0.0.1:$port" --pid $java \
    --process "temporal=$temporal" --rate "$rate" --duration "$seconds" --threads 64 \
    | grep -E 'incidents|first page|escalation stopped|process|LOST'
  kill $java; wait $java 2>/dev/null || true
  kill $temporal; wait $temporal 2>/dev/null || true
  rm -rf "$work"
}
run "in memory (the test suite's dev server)"
run "SQLite file (the embedded run's default)" --db-filename WORK/temporal.db
run "SQLite file, WAL, synchronous=NORMAL" --db-filename WORK/temporal.db \
  --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal
