#!/usr/bin/env python3
"""CPU by thread of a process (JIT compilers, GC, HTTP, Temporal's workers, ...) between two
snapshots of /proc/PID/task. Threads that ended in between are not counted.

Usage: python3 bench/thread_cpu.py snapshot PID > before.json
       python3 bench/thread_cpu.py diff before.json after.json [--per 612] [--top 20]
"""
import argparse
import collections
import json
import os
import re
import sys


def snapshot(pid):
    ticks = os.sysconf("SC_CLK_TCK")
    threads = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as stat:
                text = stat.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        threads[tid] = [name, (int(fields[11]) + int(fields[12])) / ticks]
    return threads


def group(name):
    name = re.sub(r"[-_ #:]*\d+$", "", name)  # pool numbering
    return name


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("pid", type=int)
    diff = sub.add_parser("diff")
    diff.add_argument("before")
    diff.add_argument("after")
    diff.add_argument("--per", type=float, default=1)
    diff.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    if args.command == "snapshot":
        json.dump(snapshot(args.pid), sys.stdout)
        return
    before, after = json.load(open(args.before)), json.load(open(args.after))
    used = collections.Counter()
    for tid, (name, seconds) in after.items():
        used[group(name)] += seconds - (before[tid][1] if tid in before else 0.0)
    total = sum(used.values())
    print("threads: %.1f s CPU in all, %.1f ms per unit" % (total, total * 1000 / args.per))
    for name, seconds in used.most_common(args.top):
        print("  %5.1f%%  %7.2f ms  %s" % (100 * seconds / total, seconds * 1000 / args.per, name))


if __name__ == "__main__":
    main()
