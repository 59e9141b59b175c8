#!/usr/bin/env bash
# Profile of the embedded run on the real Temporal dev server under bench/load.py's load (default
# 20 alerts/s for 120 s), so that cost can be cut where it is:
#  - the Fireline JVM: JDK Flight Recorder (settings=profile) over the load, summarised by
#    bench/jfr_top.py (thread groups, top frames self and inclusive);
#  - the Temporal dev server: its Prometheus metrics before and after (persistence calls and the
#    time in SQLite per incident, RPCs per incident; bench/temporal_metrics.py), and with
#    PROFILE_PERF=1 a `perf record` of the server's own stacks;
#  - PostgreSQL (the embedded one): every statement over the load from its csv log
#    (log_min_duration_statement=0 for the load only; the zonky binaries carry no
#    pg_stat_statements library), counted by statement text per incident, and table row counts;
#  - a few incidents' Temporal histories: events by type, workflow tasks, activities, local
#    activities, payload bytes (bench/history_counts.py);
#  - CPU per incident of each process (Fireline JVM, Temporal server, PostgreSQL and its backends).
# Builds nothing: uses standalone/target/fireline-standalone.jar (./mvnw -q -o package -DskipTests).
# Usage: bench/profile_devserver.sh [rate 20] [seconds 120]; PROFILE_OUT=dir keeps everything there;
# FIRELINE_JAVA_OPTS adds JVM options; every other argument after the two goes to load.py.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-20}
seconds=${2:-120}
shift $(( $# > 2 ? 2 : $# ))
jar=standalone/target/fireline-standalone.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -q -o package -DskipTests" >&2; exit 1; }
out=${PROFILE_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/fireline-profile-XXXXXX")}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cli=${FIRELINE_TEMPORAL_CLI:-$(command -v temporal || echo /opt/temporal-cli/bin/temporal)}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
export FIRELINE_API_KEY=profile-bench-key FIRELINE_TEMPORAL=devserver FIRELINE_DATA_DIR="$out/data"
export FIRELINE_TEMPORAL_CLI="$cli" SERVER_PORT=$port
export FIRELINE_TEMPORAL_PORT=$(free_port) FIRELINE_TEMPORAL_UI_PORT=$(free_port)
java_pid=
stop() {
  if [ -n "$java_pid" ] && kill -0 "$java_pid" 2>/dev/null; then
    kill "$java_pid"; wait "$java_pid" 2>/dev/null || true
  fi
  java_pid=
}
trap stop EXIT
start() {
  # DebugNonSafepoints: samples are attributed to the right line, not the next safepoint
  java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints ${FIRELINE_JAVA_OPTS:-} \
    -jar "$jar" >>"$out/fireline.log" 2>&1 &
  java_pid=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health" | grep -q '"UP"'; do
    kill -0 "$java_pid" 2>/dev/null || { tail -30 "$out/fireline.log"; exit 1; }
    sleep 0.5
  done
}
postmaster() { pgrep -f -- "bin/postgres -D $out/data/postgres" | head -1; }
pg_port() { ss -ltnpH | awk -v p="pid=$(postmaster)," 'index($0, p) { sub(/.*:/, "", $4); print $4; exit }'; }
sql() { psql -h 127.0.0.1 -p "$(pg_port)" -U postgres -d postgres -XAtq "$@"; }

# First start: PostgreSQL's statement log goes to csv files of its own (a restart is needed for
# that), so logging statements costs the JVM nothing.
start
sql -c "alter system set logging_collector = on" \
  -c "alter system set log_destination = 'csvlog'" \
  -c "alter system set log_directory = '$out/pglog'" \
  -c "alter system set log_min_duration_statement = -1"
stop
start   # the measured process: fresh JVM, the same data
temporal_pid=$(pgrep -f "start-dev.*--port $FIRELINE_TEMPORAL_PORT" | head -1)
metrics=$(grep -o 'http://localhost:[0-9]*/metrics' "$out/data/temporal.log" | tail -1)
echo "Fireline JVM $java_pid, Temporal dev server $temporal_pid (metrics $metrics), PostgreSQL $(postmaster)"
echo "output in $out; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

sql -c "alter system set log_min_duration_statement = 0" -c "select pg_reload_conf()" >/dev/null
sql -c "select pg_stat_reset()" >/dev/null
python3 bench/temporal_metrics.py snapshot "$metrics" >"$out/temporal-before.json"
python3 bench/thread_cpu.py snapshot "$java_pid" >"$out/threads-before.json"
jcmd "$java_pid" JFR.start name=load settings=profile filename="$out/fireline.jfr" >/dev/null
if [ "${PROFILE_PERF:-0}" = 1 ]; then
  perf record -F 99 -g -p "$temporal_pid" -o "$out/temporal.perf" 2>/dev/null &
  perf_pid=$!
fi
python3 bench/load.py --url "http://127.0.0.1:$port" --pid "$java_pid" --rate "$rate" \
  --duration "$seconds" --process "temporal=$temporal_pid" --process-tree "postgres=$(postmaster)" \
  --label "profile" --save "$out/load.json" "$@" | tee "$out/load.txt"
jcmd "$java_pid" JFR.stop name=load >/dev/null
python3 bench/thread_cpu.py snapshot "$java_pid" >"$out/threads-after.json"
[ -n "${perf_pid:-}" ] && { kill -INT "$perf_pid"; wait "$perf_pid" || true; }
python3 bench/temporal_metrics.py snapshot "$metrics" >"$out/temporal-after.json"
sql -c "alter system set log_min_duration_statement = -1" -c "select pg_reload_conf()" >/dev/null
sql -F ' ' -c "select sum(xact_commit), sum(tup_inserted), sum(tup_updated), sum(tup_deleted),
  sum(tup_returned), sum(tup_fetched) from pg_stat_database where datname = 'postgres'" >"$out/pg-database.txt"
sql -F ' ' -c "select relname, n_tup_ins, n_tup_upd, n_tup_del, seq_scan, idx_scan
  from pg_stat_user_tables where n_tup_ins + n_tup_upd + n_tup_del + seq_scan + coalesce(idx_scan,0) > 0
  order by n_tup_ins + n_tup_upd desc" >"$out/pg-tables.txt"
incidents=$(python3 -c "import json; print(json.load(open('$out/load.json'))['incidents'])")
# eight incidents of the run, spread over it, every one acknowledged and resolved by now
sample=$(sql -c "select distinct on (t) key from (select key, number, ntile(8) over (order by number) t
  from incidents where resolved_at is not null) x order by t, number")

echo; echo "=== Temporal dev server, per incident ($incidents incidents)"
python3 bench/temporal_metrics.py diff "$out/temporal-before.json" "$out/temporal-after.json" \
  --per "$incidents" --top 15 | tee "$out/temporal-metrics.txt"
echo; echo "=== histories of eight incidents"
python3 bench/history_counts.py --cli "$cli" --address "127.0.0.1:$FIRELINE_TEMPORAL_PORT" $sample \
  | tee "$out/histories.txt"
echo; echo "=== PostgreSQL, per incident"
python3 - "$out" "$incidents" <<'EOF' | tee "$out/statements.txt"
import collections, csv, glob, re, sys
out, incidents = sys.argv[1], int(sys.argv[2])
calls, time_ms = collections.Counter(), collections.Counter()
csv.field_size_limit(1 << 30)
for path in glob.glob(out + "/pglog/*.csv"):
    for row in csv.reader(open(path, newline="")):
        message = row[13] if len(row) > 13 else ""
        m = re.match(r"duration: ([\d.]+) ms  (?:execute [^:]*|statement): (.*)", message, re.S)
        if not m:
            continue
        text = re.sub(r"\s+", " ", m.group(2)).strip()
        text = re.sub(r"'[^']*'", "'?'", text)
        text = re.sub(r"\b\d+\b", "N", text)
        calls[text[:150]] += 1
        time_ms[text[:150]] += float(m.group(1))
total = sum(calls.values())
print("%.1f statements per incident, %.1f ms in PostgreSQL per incident (%d statements)" % (
    total / incidents, sum(time_ms.values()) / incidents, total))
for text, n in calls.most_common(25):
    print("  %6.2f  %6.3f ms  %s" % (n / incidents, time_ms[text] / incidents, text))
EOF
echo "transactions, rows inserted, updated, deleted, returned, fetched (all): $(cat "$out/pg-database.txt")"
echo "tables (name inserted updated deleted seq_scans idx_scans):"; sed 's/^/  /' "$out/pg-tables.txt"
echo; echo "=== Fireline JVM: CPU by thread over the load, per incident"
python3 bench/thread_cpu.py diff "$out/threads-before.json" "$out/threads-after.json" \
  --per "$incidents" --top 20 | tee "$out/threads.txt"
echo; echo "=== Fireline JVM (JFR over the load)"
python3 bench/jfr_top.py "$out/fireline.jfr" | tee "$out/jfr.txt"
if [ -f "$out/temporal.perf" ]; then
  echo; echo "=== Temporal dev server (perf, self)"
  # the CLI's binary is stripped: its own frames show as one dso, the kernel's by name
  { perf report -i "$out/temporal.perf" --no-children --sort dso -g none --stdio 2>/dev/null \
      | grep '%'
    perf report -i "$out/temporal.perf" --no-children --sort dso,symbol -g none --stdio 2>/dev/null \
      | grep 'kernel' | head -12; } | tee "$out/temporal-perf.txt"
fi
echo; echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); everything in $out"
