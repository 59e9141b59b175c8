#!/usr/bin/env python3
"""What Temporal keeps for a few incidents: history events by type, workflow tasks, activities by
type, local activities, and payload bytes, read with the Temporal CLI.

Usage: python3 bench/history_counts.py --address 127.0.0.1:7233 INC-12 INC-13 ...
       [--cli /opt/temporal-cli/bin/temporal] [--json]

Prints one line per incident and the mean per incident. Payload bytes are the decoded `data` of
every Payload in the history (inputs, results, signals, updates, markers, memo-like summaries);
history bytes are what `temporal workflow describe` reports as historySizeBytes.
"""
import argparse
import base64
import collections
import json
import os
import subprocess


def cli_json(cli, address, *args):
    out = subprocess.run([cli, *args, "--address", address, "-o", "json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def payload_bytes(node):
    """Sum of the decoded `data` of every Payload-shaped object under node."""
    total = 0
    if isinstance(node, dict):
        if "data" in node and isinstance(node.get("data"), str) and "metadata" in node:
            try:
                total += len(base64.b64decode(node["data"]))
            except ValueError:
                total += len(node["data"])
        for value in node.values():
            total += payload_bytes(value)
    elif isinstance(node, list):
        for value in node:
            total += payload_bytes(value)
    return total


def summarise(cli, address, workflow_id):
    history = cli_json(cli, address, "workflow", "show", "-w", workflow_id)
    events = history.get("events", history)
    types = collections.Counter()
    activities = collections.Counter()
    local_activities = collections.Counter()
    for event in events:
        kind = event["eventType"]
        kind = kind.replace("EVENT_TYPE_", "").title().replace("_", "") if kind.isupper() else kind
        types[kind] += 1
        attributes = next((v for k, v in event.items() if k.endswith("EventAttributes")), {})
        if kind == "ActivityTaskScheduled":
            activities[attributes["activityType"]["name"]] += 1
        if kind == "MarkerRecorded" and attributes.get("markerName") == "LocalActivity":
            # the SDK writes the activity type into the marker's details
            detail = attributes.get("details", {}).get("type", {}).get("payloads", [{}])[0]
            name = "?"
            if detail.get("data"):
                name = json.loads(base64.b64decode(detail["data"]) or b'"?"')
            local_activities[name] += 1
    describe = cli_json(cli, address, "workflow", "describe", "-w", workflow_id)
    info = describe.get("workflowExecutionInfo", {})
    return {
        "id": workflow_id,
        "events": len(events),
        "types": types,
        "activities": activities,
        "local_activities": local_activities,
        "payload_bytes": payload_bytes(events),
        "history_bytes": int(info.get("historySizeBytes", 0)),
        "status": info.get("status", "?"),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", default="127.0.0.1:7233")
    parser.add_argument("--cli", default=os.environ.get("FIRELINE_TEMPORAL_CLI", "temporal"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("workflows", nargs="+")
    args = parser.parse_args()
    rows = [summarise(args.cli, args.address, w) for w in args.workflows]
    for row in rows:
        print("%s (%s): %d events, %d workflow tasks, %d activities %s, %d local activities %s, "
              "payload %d B, history %d B" % (
                  row["id"], row["status"].replace("WORKFLOW_EXECUTION_STATUS_", "").lower(),
                  row["events"], row["types"]["WorkflowTaskCompleted"],
                  sum(row["activities"].values()), dict(row["activities"]),
                  sum(row["local_activities"].values()), dict(row["local_activities"]),
                  row["payload_bytes"], row["history_bytes"]))
    n = len(rows)
    types = collections.Counter()
    activities = collections.Counter()
    local = collections.Counter()
    for row in rows:
        types.update(row["types"])
        activities.update(row["activities"])
        local.update(row["local_activities"])
    print("mean of %d incidents: %.1f events, %.1f workflow tasks, %.1f activities, %.1f local "
          "activities, %.0f payload bytes, %.0f history bytes" % (
              n, sum(r["events"] for r in rows) / n, types["WorkflowTaskCompleted"] / n,
              sum(activities.values()) / n, sum(local.values()) / n,
              sum(r["payload_bytes"] for r in rows) / n, sum(r["history_bytes"] for r in rows) / n))
    print("events per incident by type: " + ", ".join(
        "%s %.1f" % (k, v / n) for k, v in types.most_common()))
    print("activities per incident by type: " + ", ".join(
        "%s %.1f" % (k, v / n) for k, v in activities.most_common()))
    print("local activities per incident by type: " + ", ".join(
        "%s %.1f" % (k, v / n) for k, v in local.most_common()))
    if args.json:
        print(json.dumps(rows, default=dict))


if __name__ == "__main__":
    main()
