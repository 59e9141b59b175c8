#!/usr/bin/env python3
"""CPU by thread of a process (JIT compilers, GC, HTTP, Temporal's workers, ...) between two
snapshots of /proc/PID/task. Threads that ended in between are not counted.

Usage: python3 bench/thread_cpu.py snapshot PID > before.json
       python3 bench/thread_cpu.py diff before.json after.json [--per 612] [--top 20]
"""
import collections
import os
import re

import snapshot_cli


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


def report(before, after, per, top):
    used = collections.Counter()
    for tid, (name, seconds) in after.items():
        used[group(name)] += seconds - (before[tid][1] if tid in before else 0.0)
    total = sum(used.values())
    print("threads: %.1f s CPU in all, %.1f ms per unit" % (total, total * 1000 / per))
    if total <= 0:
        return
    for name, seconds in used.most_common(top):
        print("  %5.1f%%  %7.2f ms  %s" % (100 * seconds / total, seconds * 1000 / per, name))


if __name__ == "__main__":
    snapshot_cli.main(int, snapshot, report)
