#!/usr/bin/env python3
"""Time from POST /api/incidents to the first delivery-log row, over N incidents.

Usage: FIRELINE_API_KEY=... python3 bench/first_page_latency.py [--url http://127.0.0.1:8080] [-n 20]

The clock starts just before the POST (client side) and stops at the delivery-log row's
created_at (database side). Both clocks are this machine's, so run it on the Fireline host.
Incidents are declared one after another, SEV3 on service "checkout", and resolved afterwards.
"""
import argparse
import json
import os
import statistics
import time
import urllib.request

from firelinehttp import parse_instant


def call(url, key, method="GET", body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": "Bearer " + key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("-n", type=int, default=20)
    args = parser.parse_args()
    key = os.environ["FIRELINE_API_KEY"]
    post_ms, page_ms = [], []
    for i in range(args.n):
        started = time.time()
        incident = call(args.url + "/api/incidents", key, "POST", {
            "title": "bench incident %d" % i, "service": "checkout", "severity": "SEV3"})
        post_ms.append((time.time() - started) * 1000)
        deadline = time.time() + 30
        rows = []
        while not rows and time.time() < deadline:
            rows = call(args.url + "/api/notifications?incident=" + incident["key"], key)
            if not rows:
                time.sleep(0.005)
        if not rows:
            raise SystemExit("no delivery-log row for %s within 30 s" % incident["key"])
        page_ms.append((parse_instant(rows[0]["createdAt"]) - started) * 1000)
        call(args.url + "/api/incidents/%s/resolve" % incident["key"], key, "POST", {})
    for name, values in (("POST /api/incidents answered", post_ms),
                         ("POST -> first delivery-log row", page_ms)):
        print("%-32s n=%d median=%.0f ms p90=%.0f ms max=%.0f ms" % (
            name, len(values), statistics.median(values),
            sorted(values)[int(0.9 * (len(values) - 1))], max(values)))


if __name__ == "__main__":
    main()
