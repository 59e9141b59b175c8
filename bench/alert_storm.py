#!/usr/bin/env python3
"""Replays an alert storm against a running Fireline and prints what it accepted and paged.

Usage:
  FIRELINE_API_KEY=... python3 bench/alert_storm.py [--url http://127.0.0.1:8080]
      [--integration-key example-checkout] [--alerts 20000] [--groups 200] [--threads 16]

Posts --alerts Alertmanager webhooks (one firing alert each) spread over --groups alert groups, as
fast as Fireline accepts them (a 429 is waited out as its Retry-After says and retried, so it is not
lost). Then it waits for the incidents and their first pages and prints: accepted per second,
p50/p99 accept latency, incidents created (must equal --groups), incidents paged (must equal
--groups), page rows, and alerts lost (accepted answers minus stored events; must be 0).
"""
import argparse
import concurrent.futures
import http.client
import json
import os
import statistics
import threading
import time
import urllib.parse
import uuid

from firelinehttp import request


def webhook(run, group, i):
    name = "Storm%s_%d" % (run, group)
    return json.dumps({
        "version": "4", "groupKey": "{}:{alertname=\"%s\"}" % name, "truncatedAlerts": 0,
        "status": "firing", "receiver": "fireline",
        "groupLabels": {"alertname": name},
        "commonLabels": {"alertname": name, "severity": "warning"},
        "commonAnnotations": {"summary": "storm group %d" % group},
        "externalURL": "http://alertmanager.example:9093",
        "alerts": [{"status": "firing", "labels": {"alertname": name, "replica": str(i)},
                    "annotations": {}, "startsAt": "2026-11-22T10:00:00Z",
                    "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus.example",
                    "fingerprint": "%016x" % (group * 1_000_003 + i)}]})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--integration-key", default="example-checkout")
    parser.add_argument("--service", default="checkout")
    parser.add_argument("--alerts", type=int, default=20000)
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    api = {"Authorization": "Bearer " + os.environ["FIRELINE_API_KEY"]}
    run = uuid.uuid4().hex[:8]
    before = json.loads(request(args.url + "/api/alert-events/counts?service=" + args.service,
                                headers=api)[2])["lastId"]

    latencies, throttled, failed = [], [0], [0]
    lock = threading.Lock()
    hook = "%s/api/alerts/alertmanager" % args.url
    headers = {"Content-Type": "application/json",
               "Authorization": "Bearer " + args.integration_key}

    # one kept-alive connection per client thread, as Alertmanager keeps its connections: a new
    # TCP connection per webhook would measure connection set-up (mostly the client's), not Fireline
    target = urllib.parse.urlsplit(hook)
    local = threading.local()

    def post(body):
        for attempt in (1, 2):
            if getattr(local, "connection", None) is None:
                local.connection = http.client.HTTPConnection(target.hostname, target.port,
                                                              timeout=30)
            try:
                local.connection.request("POST", target.path, body, headers)
                response = local.connection.getresponse()
                response.read()
                return response.status, response.headers
            except (http.client.HTTPException, OSError):
                local.connection.close()
                local.connection = None
                if attempt == 2:
                    raise

    def send(i):
        body = webhook(run, i % args.groups, i)
        while True:
            started = time.perf_counter()
            status, response_headers = post(body)
            elapsed = time.perf_counter() - started
            if status == 429:
                with lock:
                    throttled[0] += 1
                time.sleep(float(response_headers.get("Retry-After", "1")))
                continue
            with lock:
                if status == 202:
                    latencies.append(elapsed)
                else:
                    failed[0] += 1
            return

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        list(pool.map(send, range(args.alerts)))
    wall = time.perf_counter() - started

    # the incidents, and their first pages
    deadline = time.time() + 120
    incidents, paged, page_rows = set(), set(), 0
    while time.time() < deadline:
        counts = json.loads(request(
            "%s/api/alert-events/counts?service=%s&after=%d" % (args.url, args.service, before),
            headers=api)[2])["outcomes"]
        incidents_opened = counts.get("opened", 0)
        events = json.loads(request("%s/api/alert-events?service=%s&outcome=opened&limit=1000" % (
            args.url, args.service), headers=api)[2])
        incidents = {e["incidentNumber"] for e in events
                     if e["outcome"] == "opened" and run in e["dedupKey"]}
        if incidents_opened >= args.groups and len(incidents) >= min(args.groups, 1):
            page_rows, paged = 0, set()
            for number in sorted(incidents):
                rows = json.loads(request("%s/api/notifications?incident=%s" % (args.url, number),
                                          headers=api)[2])
                pages = [r for r in rows if r["kind"] == "PAGE" and "/p1/l1/" in r["idempotencyKey"]]
                page_rows += len(pages)
                if pages:
                    paged.add(number)
            if len(paged) >= len(incidents):
                break
        time.sleep(1)
    stored = sum(counts.values())
    latencies.sort()
    print("alerts sent %d over %d groups with %d threads in %.1f s" % (
        args.alerts, args.groups, args.threads, wall))
    print("accepted            %d (%.0f per second), 429 answers waited out: %d, other errors: %d" % (
        len(latencies), len(latencies) / wall, throttled[0], failed[0]))
    print("accept latency      p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (
        1000 * latencies[len(latencies) // 2], 1000 * latencies[int(len(latencies) * 0.99) - 1],
        1000 * latencies[-1]))
    print("incidents created   %d (expected %d); stored outcomes %s" % (
        counts.get("opened", 0), args.groups, json.dumps(counts)))
    print("incidents paged     %d of %d; first-level page rows %d (one per person and channel)" % (
        len(paged), len(incidents), page_rows))
    print("alerts lost         %d (accepted %d, stored %d)" % (
        len(latencies) - stored, len(latencies), stored))


if __name__ == "__main__":
    main()
