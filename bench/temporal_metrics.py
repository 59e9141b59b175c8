#!/usr/bin/env python3
"""What the Temporal server did between two snapshots of its Prometheus /metrics endpoint.

Usage:
  python3 bench/temporal_metrics.py snapshot http://127.0.0.1:PORT/metrics > before.json
  python3 bench/temporal_metrics.py diff before.json after.json [--per 612] [--top 20]

diff prints, divided by --per (incidents, say): persistence calls by operation with the time the
server spent in them (SQLite for the dev server), and RPCs by operation (frontend, history and
matching services).
"""
import collections
import re
import urllib.request

import snapshot_cli

WANTED = ("persistence_requests", "persistence_latency_sum", "service_requests",
          "service_latency_sum")
LINE = re.compile(r'^(\w+)\{(.*)\} ([0-9.eE+-]+)$')


def snapshot(url):
    text = urllib.request.urlopen(url, timeout=10).read().decode()
    values = collections.defaultdict(float)
    for line in text.splitlines():
        match = LINE.match(line)
        if not match or match.group(1) not in WANTED:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2)))
        key = "%s|%s|%s" % (match.group(1), labels.get("service_name", "?"),
                            labels.get("operation", "?"))
        values[key] += float(match.group(3))
    return values


def report(before, after, per, top):
    delta = {k: v - before.get(k, 0.0) for k, v in after.items() if v - before.get(k, 0.0) > 0}

    def table(count_metric, time_metric, title):
        rows = []
        for key, count in delta.items():
            metric, service, operation = key.split("|")
            if metric != count_metric:
                continue
            seconds = delta.get("%s|%s|%s" % (time_metric, service, operation), 0.0)
            rows.append((count, seconds, service, operation))
        rows.sort(reverse=True)
        total_count = sum(r[0] for r in rows)
        total_seconds = sum(r[1] for r in rows)
        print("%s: %.1f calls and %.1f ms per unit (%d calls, %.1f s in all)" % (
            title, total_count / per, total_seconds * 1000 / per, total_count,
            total_seconds))
        for count, seconds, service, operation in rows[:top]:
            print("  %8.2f calls %8.2f ms  %-9s %s" % (count / per, seconds * 1000 / per,
                                                      service, operation))

    table("persistence_requests", "persistence_latency_sum", "persistence (SQLite) per unit")
    table("service_requests", "service_latency_sum", "RPCs handled per unit")


if __name__ == "__main__":
    snapshot_cli.main(str, snapshot, report)
