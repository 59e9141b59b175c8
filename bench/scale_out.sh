#!/usr/bin/env bash
# Scale-out on one machine, with processes killed under load:
#   one Temporal dev server (SQLite file, WAL), one PostgreSQL (Debian's server binaries on a free
#   port with a throwaway data folder), a Twilio stand-in (bench/twilio_standin.py, which keeps
#   every SMS it takes and answers Twilio's message list like Twilio does), two api processes
#   (api/target/fireline-api-exec.jar) behind HAProxy (round robin, health checks, a request whose
#   server died is sent again to the other), two worker processes (worker/target/fireline-worker-exec.jar),
#   strict delivery as in production (no log-only channel): the bench's responders are paged by SMS.
# bench/load.py drives RATE alerts/s for SECONDS through the balancer (each of its 50 services with
# its own two responders); at a third of the time one api and one worker are killed with SIGKILL
# and stay dead (RESTART=1: started again at two thirds; on 2 cores two JVMs starting under load
# starve everything else for half a minute). Latency is reported before the kill, in the 30 s
# after it, and from then on. Then it checks:
# alerts lost (accepted with 202 but not stored), incidents opened twice for one dedup key, pages
# sent twice (an SMS at the stand-in that no delivery-log row accounts for, or two SMS for one
# page), incidents never paged, pages after an acknowledgement; and latency before, during and after.
# Builds nothing: ./mvnw -q -o package -DskipTests first. Needs haproxy and postgresql (Debian).
# Usage: bench/scale_out.sh [rate 20] [seconds 180]
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-20}
seconds=${2:-180}
kill_at=$((seconds / 3))
restart_at=$((2 * seconds / 3))
settled_at=$((kill_at + 30))
api_jar=api/target/fireline-api-exec.jar
worker_jar=worker/target/fireline-worker-exec.jar
for f in "$api_jar" "$worker_jar"; do
  [ -f "$f" ] || { echo "build first: ./mvnw -q -o package -DskipTests ($f)" >&2; exit 1; }
done
command -v haproxy >/dev/null || { echo "needs haproxy (apt-get install haproxy)" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { echo "needs PostgreSQL's server (apt-get install postgresql)" >&2; exit 1; }
cli=${FIRELINE_TEMPORAL_CLI:-$(command -v temporal || echo /opt/temporal-cli/bin/temporal)}
work=${SCALE_OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/fireline-scale-XXXXXX")}
mkdir -p "$work/pids"
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# PostgreSQL refuses to run as root: as root, its commands run as the postgres user
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)

stop_all() {
  for f in "$work"/pids/*; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
  done
  for f in "$work"/pids/*; do
    [ -f "$f" ] && { wait "$(cat "$f")" 2>/dev/null || true; }
  done
  [ -d "$work/pg" ] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
}
trap stop_all EXIT

echo "scale-out bench in $work; load at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
# --- PostgreSQL
pg_port=$(free_port)
mkdir -p "$work/pg" && [ "$(id -u)" = 0 ] && chown postgres: "$work/pg"
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U fireline --auth=trust -E UTF8 >"$work/initdb.log"
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -o \
  "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U fireline -XAtq "$@"; }
psql_ -d postgres -c "create database fireline"
postgres_pid=$(head -1 "$work/pg/postmaster.pid")

# --- Temporal dev server: the embedded run's storage settings
t_port=$(free_port)
m_port=$(free_port)
"$cli" server start-dev --headless --ip 127.0.0.1 --port "$t_port" --metrics-port "$m_port" \
  --log-level warn --db-filename "$work/temporal.db" \
  --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
  --dynamic-config-value system.enableActivityEagerExecution=true \
  --search-attribute FirelineSeverity=Keyword --search-attribute FirelineStage=Keyword \
  --search-attribute FirelineService=Keyword >"$work/temporal.log" 2>&1 &
echo $! >"$work/pids/temporal"
until "$cli" operator namespace describe -n default --address "127.0.0.1:$t_port" >/dev/null 2>&1; do
  sleep 0.3
done

# --- Twilio stand-in
python3 bench/twilio_standin.py --port 0 --port-file "$work/twilio.port" >"$work/twilio.log" 2>&1 &
echo $! >"$work/pids/twilio"
until [ -s "$work/twilio.port" ]; do sleep 0.1; done
twilio_port=$(cat "$work/twilio.port")

# --- api and worker processes
lb_port=$(free_port)
api_ports=("$(free_port)" "$(free_port)")
worker_ports=("$(free_port)" "$(free_port)")
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$pg_port/fireline"
export SPRING_DATASOURCE_USERNAME=fireline SPRING_DATASOURCE_PASSWORD=unused
export TEMPORAL_ADDRESS="127.0.0.1:$t_port" TEMPORAL_NAMESPACE=default
export FIRELINE_API_KEY=scale-out-bench-key FIRELINE_PUBLIC_URL="http://127.0.0.1:$lb_port"
export TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000 TWILIO_AUTH_TOKEN=stand-in-token
export TWILIO_FROM_NUMBER=+15550009999 TWILIO_API_BASE_URL="http://127.0.0.1:$twilio_port"
# every page its own SMS, so that the stand-in's count per page means something (the default
# bundles the pages to one number within a minute into one message)
export TWILIO_MIN_INTERVAL=0s
start_process() {  # name jar port
  SERVER_PORT=$3 java ${SCALE_JAVA_OPTS:--Xmx512m} -jar "$2" >>"$work/$1.log" 2>&1 &
  echo $! >"$work/pids/$1"
}
await_health() {  # name port
  until curl -sf "http://127.0.0.1:$2/actuator/health" | grep -q '"UP"'; do
    kill -0 "$(cat "$work/pids/$1")" 2>/dev/null || { tail -30 "$work/$1.log"; exit 1; }
    sleep 0.5
  done
}
start_process api1 "$api_jar" "${api_ports[0]}"   # first alone: it applies the schema (Flyway)
await_health api1 "${api_ports[0]}"
start_process api2 "$api_jar" "${api_ports[1]}"
start_process worker1 "$worker_jar" "${worker_ports[0]}"
start_process worker2 "$worker_jar" "${worker_ports[1]}"
await_health api2 "${api_ports[1]}"
await_health worker1 "${worker_ports[0]}"
await_health worker2 "${worker_ports[1]}"

# --- the balancer: a request whose connection failed or that got no answer at all (its server was
# killed) is sent again to the other server: alerts are deduplicated and acknowledging twice is
# harmless, so the retry is safe. A server that fails two checks (1 s apart) gets no more requests.
cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 2000
defaults
  mode http
  timeout connect 1s
  timeout client 60s
  timeout server 30s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
frontend fireline
  bind 127.0.0.1:$lb_port
  default_backend api
backend api
  balance roundrobin
  option httpchk GET /actuator/health
  http-check expect status 200
  default-server inter 1s fall 2 rise 2
  server api1 127.0.0.1:${api_ports[0]} check
  server api2 127.0.0.1:${api_ports[1]} check
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
echo $! >"$work/pids/haproxy"
until curl -sf "http://127.0.0.1:$lb_port/actuator/health" >/dev/null; do sleep 0.2; done
echo "PostgreSQL $postgres_pid (:$pg_port), Temporal $(cat "$work/pids/temporal") (:$t_port)," \
  "Twilio stand-in :$twilio_port, HAProxy :$lb_port -> api $(cat "$work/pids/api1") (:${api_ports[0]})," \
  "$(cat "$work/pids/api2") (:${api_ports[1]}); workers $(cat "$work/pids/worker1")," \
  "$(cat "$work/pids/worker2")"

# --- the faults, timed from the start of the load (load.py prints "run ..." as it starts)
(
  until grep -q '^run ' "$work/load.txt" 2>/dev/null; do sleep 0.1; done
  sleep "$kill_at"
  kill -9 "$(cat "$work/pids/api1")" "$(cat "$work/pids/worker1")"
  echo "$(date +%T.%3N) kill -9 api1 and worker1 ($kill_at s into the load)" >>"$work/faults.txt"
  [ "${RESTART:-0}" = 1 ] || exit 0
  sleep $((restart_at - kill_at))
  start_process api1 "$api_jar" "${api_ports[0]}"
  start_process worker1 "$worker_jar" "${worker_ports[0]}"
  echo "$(date +%T.%3N) api1 and worker1 started again ($restart_at s into the load)" >>"$work/faults.txt"
  await_health api1 "${api_ports[0]}"
  await_health worker1 "${worker_ports[0]}"
  echo "$(date +%T.%3N) api1 and worker1 healthy" >>"$work/faults.txt"
) &
faults=$!

echo "load at the start of the load: $(cut -d' ' -f1-3 /proc/loadavg)"
FIRELINE_API_KEY=scale-out-bench-key python3 bench/load.py --url "http://127.0.0.1:$lb_port" \
  --channel sms --own-responders --rate "$rate" --duration "$seconds" \
  --phases "$kill_at,$([ "${RESTART:-0}" = 1 ] && echo "$restart_at" || echo "$settled_at")" \
  --process "temporal=$(cat "$work/pids/temporal")" --process-tree "postgres=$postgres_pid" \
  --label scale-out | tee "$work/load.txt"
wait "$faults" || true
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo; echo "=== faults"; cat "$work/faults.txt"

# --- what was lost or done twice
run=$(sed -n 's/^run \([0-9a-f]*\):.*/\1/p' "$work/load.txt")
accepted=$(sed -n 's/^alerts sent [0-9]*, accepted \([0-9]*\) .*/\1/p' "$work/load.txt")
stored=$(psql_ -d fireline -c "select count(*) from alert_events where service_id like 'load-$run-%'")
opened_twice=$(psql_ -d fireline -c "select count(*) from (select service_id, dedup_key
  from alert_events where service_id like 'load-$run-%' and outcome = 'opened'
  group by 1, 2 having count(distinct incident_number) > 1) x")
incidents_twice=$(psql_ -d fireline -c "select count(*) from (select service, dedup_key from incidents
  where service like 'load-$run-%' group by 1, 2 having count(*) > 1) x")
curl -sf "http://127.0.0.1:$twilio_port/__messages" >"$work/sms.json"
psql_ -d fireline -F $'\t' -c "select sid, array_to_string(covers, ' ') from twilio_sends where sid is not null" \
  >"$work/twilio_sends.tsv"
psql_ -d fireline -F $'\t' -c "select idempotency_key, status from notifications n
  join incidents i on i.number = n.incident_number where i.service like 'load-$run-%'
  and n.kind = 'PAGE'" >"$work/pages.tsv"
late_starts=$(cat "$work"/api*.log | grep -c 'could not be started yet' || true)
python3 - "$work" "$accepted" "$stored" "$opened_twice" "$incidents_twice" "$late_starts" <<'EOF'
import collections, json, sys
work, accepted, stored, opened_twice, incidents_twice, late_starts = sys.argv[1:]
sms = json.load(open(work + "/sms.json"))
covers = {}
for line in open(work + "/twilio_sends.tsv"):
    sid, keys = line.rstrip("\n").split("\t")
    covers[sid] = keys.split()
pages = dict(line.rstrip("\n").split("\t") for line in open(work + "/pages.tsv"))
unaccounted = [m for m in sms if m["sid"] not in covers]
per_page = collections.Counter(k for m in sms if m["sid"] in covers for k in covers[m["sid"]])
twice = {k: n for k, n in per_page.items() if n > 1}
sent = sum(1 for s in pages.values() if s == "SENT")
never_arrived = [k for k, s in pages.items() if s == "SENT" and k not in per_page]
print()
print("=== scale-out result")
print("alerts accepted (202) %s, stored %s: lost %d" % (
    accepted, stored, max(0, int(accepted) - int(stored))))
print("incidents opened twice for one dedup key: %s (alert events), %s (incidents)" % (
    opened_twice, incidents_twice))
print("SMS at the stand-in %d for %d page rows (%d SENT, others %s); SMS no page row accounts "
      "for: %d; pages with two or more SMS: %d" % (
          len(sms), len(pages), sent,
          dict(collections.Counter(s for s in pages.values() if s != "SENT")),
          len(unaccounted), len(twice)))
print("pages SENT that no SMS at the stand-in carries: %d (an SMS may carry several pages to one "
      "number)" % len(never_arrived))
print("duplicate pages: %d" % (len(unaccounted) + sum(n - 1 for n in twice.values())))
print("alerts whose incident the api could not start at once (left to the start sweeper): %s" %
      late_starts)
EOF
echo "logs in $work"
