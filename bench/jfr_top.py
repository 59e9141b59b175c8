#!/usr/bin/env python3
"""Where a Fireline JVM spent its CPU, from a JDK Flight Recorder file.

Usage: python3 bench/jfr_top.py recording.jfr [--top 25]

Reads `jfr print --events jdk.ExecutionSample --stack-depth 96` (samples of threads running Java
code) and prints: samples by thread group, the top frames by self samples, the top frames by
inclusive samples (Fireline's own and a few library entry points that matter: logging, JSON,
JDBC, gRPC/protobuf, Temporal's replay), and from jdk.CPULoad the JVM's and the machine's CPU.
"""
import argparse
import collections
import re
import subprocess

THREAD_GROUPS = [
    (r"^workflow-method|^Workflow Executor|^workflow\[", "workflow code (replay/execution)"),
    (r"^Activity Executor|^activity", "activity executor"),
    (r"^Local Activity Executor|^local-activity", "local activity executor"),
    (r"Poller", "Temporal pollers"),
    (r"^http-nio|^tomcat", "HTTP request threads (api)"),
    (r"^grpc|^io.grpc", "gRPC (Temporal client)"),
    (r"^scheduling|^task-", "Spring scheduling"),
    (r"^HikariPool|^Hikari", "Hikari"),
    (r"^C[12] CompilerThread|JIT", "JIT"),
]

INCLUSIVE = [
    ("dev.fireline.", "Fireline code"),
    ("ch.qos.logback.", "logging (logback)"),
    ("org.slf4j.", "logging (slf4j)"),
    ("com.fasterxml.jackson.", "JSON (Jackson 2: Temporal payloads)"),
    ("tools.jackson.", "JSON (Jackson 3: Spring MVC)"),
    ("org.postgresql.", "JDBC (pgjdbc)"),
    ("com.zaxxer.hikari.", "Hikari"),
    ("io.grpc.", "gRPC"),
    ("com.google.protobuf.", "protobuf"),
    ("io.temporal.internal.replay.", "Temporal replay"),
    ("io.temporal.internal.statemachines.", "Temporal state machines"),
    ("io.temporal.common.converter.", "Temporal data converter"),
    ("org.springframework.security.", "Spring Security"),
    ("org.springframework.web.", "Spring MVC"),
    ("org.apache.catalina.", "Tomcat"),
    ("io.micrometer.", "Micrometer"),
    ("org.thymeleaf.", "Thymeleaf"),
]


def group(thread):
    for pattern, name in THREAD_GROUPS:
        if re.search(pattern, thread):
            return name
    return "other: " + re.sub(r"[-_ #]?\d+$", "", thread)


def samples(path):
    proc = subprocess.Popen(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth",
                             "96", path], stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
    thread, stack, in_stack = None, [], False
    for line in proc.stdout:
        line = line.strip()
        if line.startswith("jdk.ExecutionSample"):
            thread, stack, in_stack = None, [], False
        elif line.startswith("sampledThread"):
            match = re.match(r'sampledThread = "(.*)" \(', line)
            thread = match.group(1) if match else line
        elif line.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and line == "]":
            in_stack = False
        elif in_stack and line and line != "...":
            stack.append(re.sub(r"\s+line:.*$", "", line))
        elif line == "}" and thread is not None:
            yield thread, stack
            thread = None
    proc.wait()


def cpu_load(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.CPULoad", path], capture_output=True,
                         text=True).stdout
    user = [float(x) for x in re.findall(r"jvmUser = ([\d.]+)%", out)]
    system = [float(x) for x in re.findall(r"jvmSystem = ([\d.]+)%", out)]
    machine = [float(x) for x in re.findall(r"machineTotal = ([\d.]+)%", out)]
    if not user:
        return None
    mean = lambda v: sum(v) / len(v)
    return mean(user), mean(system), mean(machine)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    total = 0
    threads = collections.Counter()
    self_frames = collections.Counter()
    inclusive = collections.Counter()
    fireline_frames = collections.Counter()
    for thread, stack in samples(args.recording):
        total += 1
        threads[group(thread)] += 1
        if stack:
            self_frames[stack[0]] += 1
        seen = set()
        for frame in stack:
            for prefix, name in INCLUSIVE:
                if frame.startswith(prefix) and name not in seen:
                    seen.add(name)
                    inclusive[name] += 1
        for frame in dict.fromkeys(f for f in stack if f.startswith("dev.fireline.")):
            fireline_frames[frame] += 1
    pct = lambda n: 100.0 * n / max(1, total)
    print("%d execution samples" % total)
    load = cpu_load(args.recording)
    if load:
        print("jdk.CPULoad means: JVM user %.1f%%, JVM system %.1f%%, machine %.1f%% (of all cores)"
              % load)
    print("\nsamples by thread group:")
    for name, n in threads.most_common(12):
        print("  %5.1f%%  %s" % (pct(n), name))
    print("\ntop frames, self:")
    for frame, n in self_frames.most_common(args.top):
        print("  %5.1f%%  %s" % (pct(n), frame))
    print("\ninclusive (a sample counts once per area on its stack):")
    for name, n in inclusive.most_common():
        print("  %5.1f%%  %s" % (pct(n), name))
    print("\nFireline methods, inclusive:")
    for frame, n in fireline_frames.most_common(args.top):
        print("  %5.1f%%  %s" % (pct(n), frame))


if __name__ == "__main__":
    main()
