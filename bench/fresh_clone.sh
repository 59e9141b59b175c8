#!/usr/bin/env bash
# A new user's first hour, timed: clone, the README's run command until healthy, one incident, stop,
# the README's test command. Nothing of this machine's caches is used: an empty HOME (so an empty
# ~/.m2, Maven wrapper distribution, ~/.cache), an empty Maven local repository and an empty
# java.io.tmpdir for every JVM (so zonky extracts PostgreSQL from its Maven artifact again).
#
# Usage: bench/fresh_clone.sh [repository, default: this checkout's committed HEAD]
#   KEEP=1 keeps the temp folder; SKIP_TESTS=1 stops after the incident.
# Needs network to Maven Central (that is the point: it downloads what a new machine downloads).
set -euo pipefail
source_repo=${1:-$(cd "$(dirname "$0")/.." && pwd)}
work=$(mktemp -d "${TMPDIR:-/tmp}/fireline-fresh-XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
temporal_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run_pid=
cleanup() {
  [ -n "$run_pid" ] && kill -- -"$run_pid" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
step() { printf '%-44s %8s s\n' "$1" "$2"; }

mkdir -p "$work/home" "$work/tmp"
export HOME="$work/home"
export MAVEN_USER_HOME="$work/home/.m2"          # the wrapper's Maven download goes here too
# Java takes user.home from the password database, not $HOME: without this, Maven would use
# this machine's ~/.m2/repository and the embedded run its ~/.fireline.
export JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$work/tmp -Duser.home=$work/home"
unset MAVEN_OPTS MAVEN_ARGS
echo "fresh clone of $source_repo in $work (HOME, ~/.m2 and java.io.tmpdir empty)"
echo "Temporal: $(command -v temporal >/dev/null && temporal --version || echo 'no temporal CLI on the PATH')"

t0=$(now)
git clone -q "$source_repo" "$work/fireline"
cd "$work/fireline"
t1=$(now); step "git clone" "$(secs "$t0" "$t1")"

# The README's run command, as written, with the ports moved off this machine's 8080/7233.
export FIRELINE_API_KEY=fresh-clone-key SERVER_PORT=$port FIRELINE_TEMPORAL_PORT=$temporal_port
setsid ./mvnw -q -pl standalone -am compile spring-boot:run >"$work/run.log" 2>&1 &
run_pid=$!
until curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  if ! kill -0 "$run_pid" 2>/dev/null; then
    tail -50 "$work/run.log"; echo "the run command ended before it was healthy" >&2; exit 1
  fi
  sleep 0.5
done
t2=$(now); step "run command until /actuator/health UP" "$(secs "$t1" "$t2")"

answer=$(curl -s -w '\n%{http_code}' -X POST "http://127.0.0.1:$port/api/incidents" \
  -H "Authorization: Bearer $FIRELINE_API_KEY" -H 'Content-Type: application/json' \
  -d '{"title":"Fresh clone smoke test","service":"checkout","severity":"SEV2"}')
status=${answer##*$'\n'}
[ "$status" = 201 ] || { echo "declare answered $status: ${answer%$'\n'*}" >&2; exit 1; }
key=$(printf '%s' "${answer%$'\n'*}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
# The incident's first page is in the delivery log once the workflow ran its first level.
until curl -s "http://127.0.0.1:$port/api/notifications?incident=$key" \
    -H "Authorization: Bearer $FIRELINE_API_KEY" | grep -q '"kind":"PAGE"'; do
  sleep 0.2
done
t3=$(now); step "declare $key and see its first page" "$(secs "$t2" "$t3")"
step "time to first incident (clone to page)" "$(secs "$t0" "$t3")"

kill -- -"$run_pid"
wait "$run_pid" 2>/dev/null || true
run_pid=
t4=$(now); step "stop the run" "$(secs "$t3" "$t4")"

if [ "${SKIP_TESTS:-0}" != 1 ]; then
  unset FIRELINE_API_KEY SERVER_PORT FIRELINE_TEMPORAL_PORT
  ./mvnw -B verify >"$work/verify.log" 2>&1 || { grep -E 'Tests run:|FAIL|ERROR' "$work/verify.log" | tail -40; exit 1; }
  t5=$(now); step "test command (./mvnw -B verify)" "$(secs "$t4" "$t5")"
  grep -E '^\[(INFO|WARNING)\] Tests run: [0-9]+, Failures' "$work/verify.log" | grep -v 'Time elapsed' |
    awk -F'[ ,]+' '{ t += $4; f += $6; e += $8; s += $10 } END { printf "tests: %d run, %d failed, %d errors, %d skipped\n", t, f, e, s }'
fi
left=$(find "$work/tmp" -mindepth 1 -maxdepth 1 ! -name 'hsperfdata_*' ! -name 'jansi-*')
echo "left in java.io.tmpdir by the run and the tests: $(printf '%s' "$left" | grep -c . || true) entries"
[ -z "$left" ] || printf '  %s\n' $left
echo "downloaded into the empty Maven repository: $(du -sh "$work/home/.m2/repository" | cut -f1)"
