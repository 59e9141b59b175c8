#!/usr/bin/env bash
# Start-up time of the embedded run: from launching the JVM to /actuator/health answering UP.
# Usage: bench/startup_time.sh   (builds nothing; run the README's build first)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=standalone/target/fireline-standalone.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q -pl standalone -am install -DskipTests" >&2; exit 1; }
log=$(mktemp)
start=$(date +%s%N)
java -jar "$jar" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
until curl -sf http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health | grep -q UP; do
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.05
done
end=$(date +%s%N)
echo "embedded run healthy after $(( (end - start) / 1000000 )) ms"
