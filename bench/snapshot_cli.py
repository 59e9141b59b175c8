"""The command line of the snapshot tools (thread_cpu.py, temporal_metrics.py):

  snapshot SOURCE                                   prints a JSON snapshot of SOURCE
  diff BEFORE.json AFTER.json [--per N] [--top N]   reports what happened in between, per unit
"""
import argparse
import json
import sys


def main(source_type, snapshot, report):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("snapshot").add_argument("source", type=source_type)
    diff = sub.add_parser("diff")
    diff.add_argument("before")
    diff.add_argument("after")
    diff.add_argument("--per", type=float, default=1)
    diff.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    if args.command == "snapshot":
        json.dump(snapshot(args.source), sys.stdout)
        return
    with open(args.before) as before, open(args.after) as after:
        report(json.load(before), json.load(after), args.per, args.top)
