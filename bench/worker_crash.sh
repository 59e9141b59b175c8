#!/usr/bin/env bash
# kill -9 of worker processes mid-escalation: runs WorkerCrashTest (standalone) N times and prints
# each run's outcome. Usage: bench/worker_crash.sh [runs, default 3]
# Each run, on a real Temporal dev server (the Temporal CLI must be on the PATH or at
# FIRELINE_TEMPORAL_CLI) with sticky execution on:
#  - restart: the worker is SIGKILLed while its SMS to level 2 is on the wire to Twilio's stand-in,
#    restarted, SIGKILLed again while idle and restarted;
#  - takeover: two workers, the one sending level 2's SMS is SIGKILLed and stays dead.
# Level 3 must be paged on time and every person get exactly one SMS. The test is also in the suite.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
export FIRELINE_TEMPORAL=${FIRELINE_TEMPORAL:-devserver}
./mvnw -q -B -pl standalone -am test-compile >/dev/null || exit 1
for i in $(seq 1 "$runs"); do
  ./mvnw -q -B -o -pl standalone -am verify -Dtest=WorkerCrashTest \
    -Dsurefire.failIfNoSpecifiedTests=false >/dev/null 2>&1
  report=standalone/target/surefire-reports/dev.fireline.standalone.WorkerCrashTest
  echo "run $i: $(grep -h 'Tests run' "$report.txt" | sed 's/ -- in.*//')"
  grep -h "worker-crash:" "$report-output.txt" || grep -h "ConditionTimeout" "$report.txt" | head -1
done
