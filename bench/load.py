#!/usr/bin/env python3
"""Steady alert load with acknowledgements against a running Fireline; prints what it measured.

Usage:
  FIRELINE_API_KEY=... python3 bench/load.py [--url http://127.0.0.1:8080] [--pid PID]
      [--rate 10] [--duration 300] [--services 50] [--new-share 0.3]
      [--ack-min 5] [--ack-max 90] [--escalate-after 30s] [--process temporal=PID ...]
      [--process-tree postgres=PID ...] [--save run.json] [--compare before.json]

Sets up --services services of its own (each with an integration key and a two-level policy: a
first responder, then a second one after --escalate-after), then sends --rate alerts per second
for --duration seconds through the generic alert endpoint, spread over the services. A share of
--new-share of them carries a new dedup key (a new incident); the rest repeat an open one (deduped).
Every new incident is acknowledged after a random delay between --ack-min and --ack-max seconds
(so some escalate to their second level first) and resolved a few seconds later.

It reports:
  - alert accepted (the alert event's receivedAt, stored with the 202) -> first page attempted (the
    delivery-log row, written just before the send), p50/p99/max; both are the server's clock
  - acknowledge -> escalation stopped: the acknowledge call returns once the workflow has applied it
    and cancelled the next escalation; p50/p99/max of that call, and pages created after an
    acknowledgement (must be 0)
  - pages per incident, incidents per second sustained, alerts lost (must be 0)
  - the Fireline process's CPU (from /proc, when --pid is given) and JVM heap (from /actuator/prometheus)
  - the CPU of every other --process NAME=PID (the Temporal server, say; PID,PID,... sums several
    processes) or --process-tree NAME=PID (the process and all its descendants: PostgreSQL's
    postmaster and backends), and CPU seconds per incident of each, so that two runs compare as ratios
  - a closing summary: the goal (issue 18: 50 alerts/s, first page p99 <= 300 ms, acknowledge p99
    <= 200 ms, nothing lost) beside what this run measured, and the CPU per incident of each
    process; --save writes the figures as JSON, --compare prints an earlier run's beside this one's
    with the ratio this/earlier
"""
import argparse
import concurrent.futures
import json
import os
import random
import statistics
import threading
import time
import uuid

from firelinehttp import parse_instant, request


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


class Fireline:
    def __init__(self, url, key):
        self.url = url.rstrip("/")
        self.api = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}

    def post(self, path, payload):
        status, _, body = request(self.url + path, "POST", json.dumps(payload), self.api)
        return status, (json.loads(body) if body else {})

    def get(self, path):
        status, _, body = request(self.url + path, headers=self.api)
        return status, (json.loads(body) if body else None)

    def created(self, path, payload):
        status, body = self.post(path, payload)
        if status not in (200, 201):
            raise SystemExit("setup: POST %s answered %s: %s" % (path, status, body))


def children_of():
    """pid -> child pids, for every live process."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(parent, []).append(int(entry))
    return children


class ProcessStats:
    """CPU seconds of processes from /proc/<pid>/stat; JVM heap from /actuator/prometheus.

    pids: one or more processes whose CPU is added up; tree: with all their live descendants (and
    what exited descendants left in their parents' cutime/cstime, so a backend that ends between
    two readings is neither lost nor counted twice). A process that has exited counts as what it
    had last been read at.
    """

    def __init__(self, fireline, pid, tree=False):
        self.fireline = fireline
        self.pids = [int(p) for p in str(pid).split(",") if p and int(p)] if pid else []
        self.pid = self.pids[0] if self.pids else 0
        self.tree = tree
        self.ticks = os.sysconf("SC_CLK_TCK")
        self.heap_samples = []
        self.last = {}

    def _read(self, pid, with_children):
        try:
            with open("/proc/%d/stat" % pid) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return self.last.get(pid, 0.0)
        ticks = int(fields[11]) + int(fields[12])
        if with_children:
            ticks += int(fields[13]) + int(fields[14])
        self.last[pid] = ticks / self.ticks
        return self.last[pid]

    def cpu_seconds(self):
        if not self.pids:
            return None
        if not self.tree:
            return sum(self._read(pid, False) for pid in self.pids)
        children = children_of()
        total, todo, seen = 0.0, list(self.pids), set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            total += self._read(pid, True)
            todo.extend(children.get(pid, []))
        return total

    def rss_mb(self):
        total = 0
        for pid in self.pids:
            try:
                with open("/proc/%d/status" % pid) as status:
                    for line in status:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1]) / 1024
            except OSError:
                pass
        return total if self.pids else None

    def sample_heap(self):
        status, _, body = request(self.fireline.url + "/actuator/prometheus",
                                  headers=self.fireline.api)
        if status != 200:
            return
        used = 0.0
        for line in body.decode().splitlines():
            if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line:
                used += float(line.rsplit(" ", 1)[1])
        self.heap_samples.append(used / 1024 / 1024)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--pid", type=int, default=0, help="the Fireline JVM, for CPU and RSS")
    parser.add_argument("--rate", type=float, default=10, help="alerts per second")
    parser.add_argument("--duration", type=int, default=300, help="seconds of load")
    parser.add_argument("--services", type=int, default=50)
    parser.add_argument("--new-share", type=float, default=0.3)
    parser.add_argument("--ack-min", type=float, default=5)
    parser.add_argument("--ack-max", type=float, default=90)
    parser.add_argument("--escalate-after", default="30s")
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--channel", default="email", choices=["email", "sms"],
                        help="how the two responders are paged (sms: needs Twilio or a stand-in)")
    parser.add_argument("--own-responders", action="store_true",
                        help="each service its own two responders and policy (pages spread over "
                             "2 x --services people instead of two)")
    parser.add_argument("--phases", default="", metavar="SECONDS,SECONDS",
                        help="also print the figures for the alerts accepted (acknowledgements "
                             "made) before, between and after these seconds of load")
    parser.add_argument("--process", action="append", default=[], metavar="NAME=PID[,PID...]",
                        help="another process whose CPU to report (repeatable)")
    parser.add_argument("--process-tree", action="append", default=[], metavar="NAME=PID",
                        help="a process whose CPU, with its descendants', to report (repeatable)")
    parser.add_argument("--goal-rate", type=float, default=50)
    parser.add_argument("--goal-first-page-ms", type=float, default=300)
    parser.add_argument("--goal-ack-ms", type=float, default=200)
    parser.add_argument("--label", default="", help="names this run in the summary")
    parser.add_argument("--save", help="write this run's figures to this JSON file")
    parser.add_argument("--compare", help="an earlier run's --save file, printed beside this one")
    args = parser.parse_args()
    fireline = Fireline(args.url, os.environ["FIRELINE_API_KEY"])
    run = uuid.uuid4().hex[:6]
    rng = random.Random(run)

    # --- set-up: two responders, a two-level policy, --services services with integration keys
    def responders(suffix, index):
        """Two people and a two-level policy; returns the policy's id."""
        for n, who in enumerate(("first", "second")):
            number = (int(run, 16) * 1000 + index * 2 + n) % 10_000_000
            contact = ("load-%s%s-%s@example.test" % (run, suffix, who) if args.channel == "email"
                       else "+1555%07d" % number)
            fireline.created("/api/people", {
                "id": "load-%s%s-%s" % (run, suffix, who),
                "name": "Load %s %s%s" % (who, run, suffix), "timezone": "UTC",
                "contacts": {args.channel: contact},
                "rules": [{"channel": args.channel, "after": "0m"}]})
        fireline.created("/api/escalation-policies", {
            "id": "load-%s%s" % (run, suffix), "name": "Load %s%s" % (run, suffix), "levels": [
                {"escalate-after": args.escalate_after,
                 "targets": ["person:load-%s%s-first" % (run, suffix)]},
                {"escalate-after": args.escalate_after,
                 "targets": ["person:load-%s%s-second" % (run, suffix)]}]})
        return "load-%s%s" % (run, suffix)

    shared_policy = None if args.own_responders else responders("", 0)
    services = []
    for i in range(args.services):
        service = "load-%s-%d" % (run, i)
        policy = responders("-r%d" % i, i + 1) if args.own_responders else shared_policy
        fireline.created("/api/services", {
            "id": service, "name": "Load %s %d" % (run, i), "escalation-policy": policy,
            "integration-keys": ["key-" + service]})
        services.append(service)
    stats = ProcessStats(fireline, args.pid)
    print("run %s: %d services, %.1f alerts/s for %d s, %.0f%% new dedup keys, acks after %g-%g s,"
          " escalation after %s" % (run, args.services, args.rate, args.duration,
                                    args.new_share * 100, args.ack_min, args.ack_max,
                                    args.escalate_after), flush=True)

    lock = threading.RLock()
    open_keys = {s: [] for s in services}  # dedup keys with an open incident, per service
    incidents = {}  # key -> {"accepted": t, "service": s, "acked": t, "ack_latency": s}
    accept_latency = []
    outcomes = {}
    failures = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.threads)
    # acknowledgements and resolutions wait on a timer, not in a pool thread, so a slow ack never
    # holds up the steady alert rate
    actions = concurrent.futures.ThreadPoolExecutor(max_workers=args.threads)
    outstanding = [0]  # acknowledgements and resolutions scheduled or running

    def send_alert(service, dedup_key):
        payload = {"summary": "Load %s on %s" % (dedup_key, service), "dedup_key": dedup_key,
                   "severity": "SEV3"}
        started = time.time()
        try:
            status, _, body = request(args.url + "/api/alerts", "POST", json.dumps(payload),
                                      {"Content-Type": "application/json",
                                       "X-Fireline-Key": "key-" + service})
        except OSError as e:  # timeout, connection refused: the alert was not accepted
            status, body = "error", str(e).encode()
        answered = time.time()
        with lock:
            accept_latency.append(answered - started)
            if status != 202:
                failures.append((status, body[:200], started))
                return
            answer = json.loads(body)
            outcomes[answer.get("outcome")] = outcomes.get(answer.get("outcome"), 0) + 1
            key = answer.get("incident")
            if key and key not in incidents:
                incidents[key] = {"accepted": answered, "service": service}
                later(rng.uniform(args.ack_min, args.ack_max), acknowledge, key, service,
                      dedup_key)

    def later(delay, fn, *fn_args):
        def run():
            try:
                fn(*fn_args)
            finally:
                with lock:
                    outstanding[0] -= 1

        with lock:
            outstanding[0] += 1
        timer = threading.Timer(delay, lambda: actions.submit(run))
        timer.daemon = True
        timer.start()

    def acknowledge(key, service, dedup_key):
        started = time.time()
        try:
            status, body = fireline.post("/api/incidents/%s/acknowledge" % key, {})
        except OSError as e:
            status, body = "error: %s" % e, {}
        finished = time.time()
        with lock:
            incidents[key]["ack_status"] = status
            incidents[key]["ack_started"] = started
            incidents[key]["acked"] = finished
            incidents[key]["ack_latency"] = finished - started
        later(rng.uniform(2, 10), resolve, key, service, dedup_key)

    def resolve(key, service, dedup_key):
        try:
            fireline.post("/api/incidents/%s/resolve" % key, {"summary": "load test"})
        except OSError:
            pass  # left open; does not change what is measured
        with lock:
            if dedup_key in open_keys[service]:
                open_keys[service].remove(dedup_key)

    others = {name: ProcessStats(fireline, pid) for name, pid in
              (spec.split("=", 1) for spec in args.process)}
    others.update({name: ProcessStats(fireline, pid, tree=True) for name, pid in
                   (spec.split("=", 1) for spec in args.process_tree)})
    others_start = {name: other.cpu_seconds() for name, other in others.items()}
    cpu_start = stats.cpu_seconds()
    wall_start = time.time()
    stats.sample_heap()
    sent = 0
    next_heap = wall_start + 5
    while True:
        now = time.time()
        if now - wall_start >= args.duration:
            break
        due = int((now - wall_start) * args.rate) + 1
        while sent < due:
            service = rng.choice(services)
            with lock:
                keys = open_keys[service]
                if not keys or rng.random() < args.new_share:
                    dedup_key = "%s-%d" % (service, sent)
                    keys.append(dedup_key)
                else:
                    dedup_key = rng.choice(keys)
            pool.submit(send_alert, service, dedup_key)
            sent += 1
        if now >= next_heap:
            pool.submit(stats.sample_heap)
            next_heap = now + 5
        time.sleep(0.01)
    load_seconds = time.time() - wall_start
    cpu_load = stats.cpu_seconds()
    print("load sent: %d alerts in %.1f s; waiting for acknowledgements and resolutions" % (
        sent, load_seconds), flush=True)
    pool.shutdown(wait=True)
    # every acknowledgement and resolution timer has run, and its request finished
    while True:
        with lock:
            if outstanding[0] == 0:
                break
        time.sleep(1)
    actions.shutdown(wait=True)
    stats.sample_heap()
    cpu_end = stats.cpu_seconds()
    others_end = {name: other.cpu_seconds() for name, other in others.items()}
    wall_end = time.time()

    # --- when the server accepted each incident's opening alert (its clock, like the page rows')
    accepted_at = {}
    for service in services:
        status, events = fireline.get(
            "/api/alert-events?service=%s&outcome=opened&limit=1000" % service)
        for event in events or []:
            accepted_at["INC-%d" % event["incidentNumber"]] = parse_instant(event["receivedAt"])

    # --- read back every incident's pages from the delivery log
    first_page, pages_per_incident, pages_after_ack = [], [], 0
    unpaged = []
    acked_unpaged = []
    for key, incident in incidents.items():
        status, rows = fireline.get("/api/notifications?incident=%s&limit=1000" % key)
        pages = [r for r in (rows or []) if r["kind"] == "PAGE"]
        if not pages:
            if incident.get("ack_status") == 200:
                # Acknowledged before the workflow got to its first page, so none was needed: late,
                # not lost. It counts in the first-page figures with the time of its
                # acknowledgement, a lower bound of how late that page was.
                late = incident["ack_started"] - accepted_at.get(key, incident["accepted"])
                first_page.append(late)
                incident["first_page"] = late
                acked_unpaged.append(key)
            else:
                unpaged.append(key)
            continue
        created = sorted(parse_instant(r["createdAt"]) for r in pages)
        first_page.append(created[0] - accepted_at.get(key, incident["accepted"]))
        incident["first_page"] = first_page[-1]
        pages_per_incident.append(len(pages))
        # a page row created after the acknowledgement returned would be a page escalation sent
        # although it had been stopped (rows are written before the send)
        if incident.get("ack_status") == 200:
            pages_after_ack += sum(1 for c in created if c > incident["acked"] + 0.001)

    ack_latency = [i["ack_latency"] for i in incidents.values() if i.get("ack_status") == 200]
    ack_failed = [i.get("ack_status") for i in incidents.values() if i.get("ack_status") != 200]
    ms = lambda values, p: percentile(values, p) * 1000
    print()
    print("alerts sent %d, accepted %d (%s), refused %d; accept latency p50 %.1f ms, p99 %.1f ms,"
          " max %.1f ms" % (sent, sent - len(failures), ", ".join(
              "%s %d" % kv for kv in sorted(outcomes.items(), key=lambda kv: str(kv[0]))),
              len(failures), ms(accept_latency, 50), ms(accept_latency, 99),
              max(accept_latency) * 1000))
    print("incidents %d (%.2f/s sustained over %.0f s); unpaged %d; acknowledged before their "
          "first page was sent (late, counted at their acknowledgement) %d" % (
              len(incidents), len(incidents) / load_seconds, load_seconds, len(unpaged),
              len(acked_unpaged)))
    print("alert accepted -> first page attempted: p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)" % (
        ms(first_page, 50), ms(first_page, 99), max(first_page) * 1000, len(first_page)))
    print("acknowledge -> escalation stopped: p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d, "
          "failed %d); pages created after an acknowledgement: %d" % (
              ms(ack_latency, 50), ms(ack_latency, 99), max(ack_latency) * 1000,
              len(ack_latency), len(ack_failed), pages_after_ack))
    print("pages per incident: mean %.2f, max %d (1 = acknowledged before escalation, 2 = second "
          "level paged)" % (statistics.mean(pages_per_incident or [0]),
                            max(pages_per_incident or [0])))
    if cpu_start is not None:
        print("Fireline process: CPU %.1f s over %.0f s of load (%.0f%% of one core), %.1f s in "
              "total; RSS %.0f MB at the end" % (
                  cpu_load - cpu_start, load_seconds, (cpu_load - cpu_start) / load_seconds * 100,
                  cpu_end - cpu_start, stats.rss_mb()))
    if cpu_start is not None:
        print("Fireline process: %.1f ms CPU per incident" % (
            (cpu_end - cpu_start) / max(1, len(incidents)) * 1000))
    for name in others:
        used = others_end[name] - others_start[name]
        print("%s process: CPU %.1f s in total (%.0f%% of one core over %.0f s), %.1f ms per "
              "incident; RSS %.0f MB at the end" % (
                  name, used, used / (wall_end - wall_start) * 100, wall_end - wall_start,
                  used / max(1, len(incidents)) * 1000, others[name].rss_mb()))
    if stats.heap_samples:
        print("JVM heap used: max %.0f MB, last %.0f MB (%d samples)" % (
            max(stats.heap_samples), stats.heap_samples[-1], len(stats.heap_samples)))
    if failures:
        print("refusals (first 5):", [f[:2] for f in failures[:5]])
    if ack_failed:
        print("failed acknowledgements (first 5):", ack_failed[:5])
    lost = len(unpaged)
    print("LOST: %d incidents never paged; %d pages after acknowledgement" % (lost, pages_after_ack))
    if args.phases:
        bounds = [0.0] + [float(b) for b in args.phases.split(",")] + [float("inf")]
        print()
        print("by phase of the load (an incident by when its first alert was accepted, an "
              "acknowledgement by when it was made):")
        for lo, hi in zip(bounds, bounds[1:]):
            inside = lambda t: lo <= t - wall_start < hi
            pages = [i["first_page"] for i in incidents.values()
                     if "first_page" in i and inside(i["accepted"])]
            never = sum(1 for i in incidents.values()
                        if "first_page" not in i and inside(i["accepted"]))
            acks = [i["ack_latency"] for i in incidents.values()
                    if i.get("ack_status") == 200 and inside(i["ack_started"])]
            acks_failed = sum(1 for i in incidents.values() if "ack_started" in i
                              and i.get("ack_status") != 200 and inside(i["ack_started"]))
            refused = sum(1 for f in failures if inside(f[2]))
            name = "%.0f-%s s" % (lo, "end" if hi == float("inf") else "%.0f" % hi)
            print("  %-10s first page p50 %7.1f ms, p99 %8.1f ms, max %8.1f ms (n=%d, unpaged %d);"
                  " acknowledge p50 %6.1f ms, p99 %7.1f ms, max %7.1f ms (n=%d, failed %d); "
                  "alerts refused %d" % (
                      name, ms(pages, 50), ms(pages, 99), max(pages or [0]) * 1000, len(pages),
                      never, ms(acks, 50), ms(acks, 99), max(acks or [0]) * 1000, len(acks),
                      acks_failed, refused))

    figures = {
        "label": args.label, "rate": args.rate, "duration": args.duration,
        "alerts_per_s": (sent - len(failures)) / load_seconds, "refused": len(failures),
        "incidents": len(incidents), "incidents_per_s": len(incidents) / load_seconds,
        "incidents_per_alert": len(incidents) / max(1, sent),
        "first_page_p50_ms": ms(first_page, 50), "first_page_p99_ms": ms(first_page, 99),
        "first_page_max_ms": max(first_page) * 1000,
        "ack_p50_ms": ms(ack_latency, 50), "ack_p99_ms": ms(ack_latency, 99),
        "ack_max_ms": max(ack_latency) * 1000, "ack_failed": len(ack_failed),
        "unpaged": lost, "pages_after_ack": pages_after_ack,
        "acknowledged_before_first_page": len(acked_unpaged),
        "cpu_ms_per_incident": {},
        "cpu_share_of_core": {},
    }
    if cpu_start is not None:
        figures["cpu_ms_per_incident"]["fireline"] = (
            (cpu_end - cpu_start) / max(1, len(incidents)) * 1000)
        figures["cpu_share_of_core"]["fireline"] = (cpu_end - cpu_start) / (wall_end - wall_start)
    for name in others:
        used = others_end[name] - others_start[name]
        figures["cpu_ms_per_incident"][name] = used / max(1, len(incidents)) * 1000
        figures["cpu_share_of_core"][name] = used / (wall_end - wall_start)
    summary(args, figures)
    if args.save:
        with open(args.save, "w") as out:
            json.dump(figures, out, indent=1)


def summary(args, f):
    """The goal beside what was measured, and an earlier run beside this one (--compare)."""
    before = None
    if args.compare:
        with open(args.compare) as saved:
            before = json.load(saved)
    print()
    print("=== summary%s: %.0f alerts/s offered for %d s" % (
        " (" + args.label + ")" if args.label else "", args.rate, args.duration))
    head = "%-34s %-16s %-16s" % ("", "goal (issue 18)", "this run")
    if before:
        head += " %-16s %s" % ("earlier" + (" (" + before.get("label") + ")"
                                            if before.get("label") else ""), "this/earlier")
    print(head)

    def row(name, goal, key, unit, ok):
        value = f[key]
        line = "%-34s %-16s %-16s" % (name, goal, ("%.1f %s" % (value, unit)).strip()
                                       + ("" if ok is None else (" ok" if ok else " MISSED")))
        if before and key in before:
            old = before[key]
            ratio = value / old if old else float("nan")
            line += " %-16s %.2f" % (("%.1f %s" % (old, unit)).strip(), ratio)
        print(line)

    row("alerts accepted per second", ">= %g" % args.goal_rate, "alerts_per_s", "",
        f["alerts_per_s"] >= args.goal_rate * 0.98)
    row("incidents per second", "", "incidents_per_s", "", None)
    row("alert -> first page p50", "", "first_page_p50_ms", "ms", None)
    row("alert -> first page p99", "<= %g ms" % args.goal_first_page_ms, "first_page_p99_ms", "ms",
        f["first_page_p99_ms"] <= args.goal_first_page_ms)
    row("acknowledge -> stopped p50", "", "ack_p50_ms", "ms", None)
    row("acknowledge -> stopped p99", "<= %g ms" % args.goal_ack_ms, "ack_p99_ms", "ms",
        f["ack_p99_ms"] <= args.goal_ack_ms)
    row("alerts refused", "0", "refused", "", f["refused"] == 0)
    row("incidents never paged", "0", "unpaged", "", f["unpaged"] == 0)
    row("acknowledged before first page", "0", "acknowledged_before_first_page", "",
        f["acknowledged_before_first_page"] == 0)
    row("pages after acknowledgement", "0", "pages_after_ack", "", f["pages_after_ack"] == 0)
    total = 0.0
    for name, value in f["cpu_ms_per_incident"].items():
        total += value
        line = "%-34s %-16s %-16s" % ("CPU per incident: " + name, "",
                                       "%.1f ms (%.0f%% core)" % (
                                           value, 100 * f["cpu_share_of_core"][name]))
        if before and name in before.get("cpu_ms_per_incident", {}):
            old = before["cpu_ms_per_incident"][name]
            line += " %-16s %.2f" % ("%.1f ms" % old, value / old if old else float("nan"))
        print(line)
    if f["cpu_ms_per_incident"]:
        line = "%-34s %-16s %-16s" % ("CPU per incident: all of the above", "",
                                       "%.1f ms" % total)
        if before and before.get("cpu_ms_per_incident"):
            old = sum(before["cpu_ms_per_incident"].values())
            line += " %-16s %.2f" % ("%.1f ms" % old, total / old if old else float("nan"))
        print(line)
        # what the measured cost says this machine can carry, every process on its cores
        cores = os.cpu_count() or 1
        print("%-34s %-16s %-16s" % ("=> incidents/s %d cores could carry" % cores,
                                      "%.1f (goal rate)" % (args.goal_rate * f["incidents_per_alert"]),
                                      "%.1f at 100%% CPU" % (cores * 1000 / total if total else 0)))


if __name__ == "__main__":
    main()
