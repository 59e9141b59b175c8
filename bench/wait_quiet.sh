#!/usr/bin/env bash
# Waits until the machine is quiet enough to measure: the 1-minute load average below $1 (0.7),
# polled every 30 s for up to 20 minutes. Prints the load it started at. Exit 1 if never quiet.
limit=${1:-0.7}
for _ in $(seq 40); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load" -v m="$limit" 'BEGIN { exit !(l < m) }'; then
    echo "load $(cut -d' ' -f1-3 /proc/loadavg) at $(date +%H:%M:%S)"
    exit 0
  fi
  sleep 30
done
echo "load still $(cut -d' ' -f1-3 /proc/loadavg) after 20 minutes" >&2
exit 1
