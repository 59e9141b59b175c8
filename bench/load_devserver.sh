#!/usr/bin/env bash
# bench/load.py against the embedded run on a real Temporal dev server (the Temporal CLI must be on
# the PATH or at FIRELINE_TEMPORAL_CLI): 20 alerts/s for 5 minutes, 50 alerts/s for 5 minutes,
# then alerts that open new incidents until the process has seen 10,000, then 50 alerts/s for 5
# minutes again. Prints load.py's figures for each phase, with the CPU of the Fireline JVM and of
# the Temporal server. Usage: bench/load_devserver.sh [seconds per phase, default 300]
set -euo pipefail
cd "$(dirname "$0")/.."
phase=${1:-300}
data=$(mktemp -d "${TMPDIR:-/tmp}/fireline-load-XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export FIRELINE_API_KEY=load-bench-key FIRELINE_TEMPORAL=devserver FIRELINE_DATA_DIR="$data"
export SERVER_PORT=$port FIRELINE_TEMPORAL_PORT=$((port + 1)) FIRELINE_TEMPORAL_UI_PORT=$((port + 2))
./mvnw -q -B -pl standalone -am install -DskipTests
# the load tool sends far beyond one source's default rate limit on purpose (50 sources)
java -jar standalone/target/fireline-standalone.jar >"$data/fireline.log" 2>&1 &
java_pid=$!
trap 'kill $java_pid 2>/dev/null; wait $java_pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "http://127.0.0.1:$port/actuator/health" | grep -q '"UP"'; do
  kill -0 $java_pid 2>/dev/null || { tail -30 "$data/fireline.log"; exit 1; }
  sleep 0.5
done
temporal_pid=$(pgrep -f "start-dev.*--port $FIRELINE_TEMPORAL_PORT")
echo "Fireline JVM $java_pid, Temporal dev server $temporal_pid ($(grep -m1 -o 'temporal version[^)]*)' "$data/fireline.log" || true))"
load() {
  echo; echo "=== $1"; shift
  python3 bench/load.py --url "http://127.0.0.1:$port" --pid $java_pid \
    --process "temporal=$temporal_pid" "$@" | tee -a "$data/phases.log"
}
# incidents opened so far, from load.py's own counts (incident numbers have gaps: a number is
# taken for every alert that might open one)
incidents() {
  grep -o 'opened [0-9]*' "$data/phases.log" | awk '{ n += $2 } END { print n + 0 }'
}
load "20 alerts/s for $phase s, fresh process" --rate 20 --duration "$phase"
load "50 alerts/s for $phase s" --rate 50 --duration "$phase" --threads 64
seen=$(incidents)
if [ "$seen" -lt 10000 ]; then
  fill=$(( (10000 - seen) / 50 + 1 ))
  load "filling: new incidents at 50/s for $fill s (from $seen)" --rate 50 --new-share 1 \
    --duration "$fill" --threads 64 --ack-max 20
fi
load "50 alerts/s for $phase s after $(incidents) incidents" --rate 50 --duration "$phase" --threads 64
