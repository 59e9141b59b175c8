# Sourced by the bench scripts: starts a fresh embedded run on the real Temporal dev server in a
# throwaway data folder, once the machine is quiet, and stops it (and removes the folder) on exit.
# After `start_embedded_run [java arguments]`: port, java_pid, temporal_pid, postgres_pid, data.
# Builds nothing: uses standalone/target/fireline-standalone.jar. FIRELINE_JAVA_OPTS adds JVM options;
# the rest of the environment passes through to Fireline.
jar=standalone/target/fireline-standalone.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -q -o package -DskipTests" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_embedded_run() {
  data=$(mktemp -d "${TMPDIR:-/tmp}/fireline-bench-XXXXXX")
  port=$(free_port)
  export FIRELINE_API_KEY=${FIRELINE_API_KEY:-bench-key} FIRELINE_TEMPORAL=devserver FIRELINE_DATA_DIR="$data"
  export FIRELINE_TEMPORAL_CLI=${FIRELINE_TEMPORAL_CLI:-$(command -v temporal || echo /opt/temporal-cli/bin/temporal)}
  export SERVER_PORT=$port FIRELINE_TEMPORAL_PORT=$(free_port) FIRELINE_TEMPORAL_UI_PORT=$(free_port)
  bench/wait_quiet.sh
  java ${FIRELINE_JAVA_OPTS:-} -jar "$jar" "$@" >"$data/fireline.log" 2>&1 &
  java_pid=$!
  trap stop_embedded_run EXIT
  until curl -sf "http://127.0.0.1:$port/actuator/health" | grep -q '"UP"'; do
    kill -0 $java_pid 2>/dev/null || { tail -30 "$data/fireline.log"; exit 1; }
    sleep 0.5
  done
  temporal_pid=$(pgrep -f "start-dev.*--port $FIRELINE_TEMPORAL_PORT" | head -1)
  postgres_pid=$(pgrep -f -- "bin/postgres -D $data/postgres" | head -1)
}

# Keeps Fireline's log as $KEEP_LOG when set.
stop_embedded_run() {
  kill "$java_pid" 2>/dev/null
  wait "$java_pid" 2>/dev/null || true
  [ -n "${KEEP_LOG:-}" ] && cp "$data/fireline.log" "$KEEP_LOG" 2>/dev/null
  rm -rf "$data"
}
