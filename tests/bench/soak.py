#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Soak benchmark (#18): does `labshare up` drift over time?

Runs `labshare up` on an OpenSSH relay on loopback (tunnel-bench.py's relay and node: sshd on 127.0.0.1,
iperf3 -s and an echo server on 127.0.0.31) for --minutes, under a mixed load at once:

    churn     short connections one after another: connect, 16 bytes echoed, close
    bulk      an iperf3 run (--bulk-streams streams, 5 s) every 20 s
    idle      --idle sessions held open, each sending a keystroke-sized line every 5 s and reading
              its echo (like an SSH login left open); one that breaks is opened again

and restarts the relay twice (at a third and at two thirds of the run: sshd and its sessions end, LabShare
reconnects). Every second it samples the labshare process: RSS (/proc/PID/status VmRSS), open
descriptors (/proc/PID/fd) and threads (/proc/PID/task). After the warm-up it prints the drift: the
median of the first 30 s after warm-up beside the median of the last 30 s, and the range over the
whole steady part. Goals: RSS drift under 5 %, descriptors and threads flat.

    python3 tests/bench/soak.py --labshare build/ci/app/labshare [--minutes 10]

Needs what tunnel-bench.py needs (python3, openssh-server, openssh-client, iperf3). All traffic stays on
127.0.0.0/8; every process it starts is stopped on exit.
"""
import argparse
import importlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
tb = importlib.import_module("tunnel-bench")  # its relay, node, lab and process handling
WINDOW = 60  # seconds per comparison window: several bulk runs, so the median is no one moment of one


def sample(pid):
    """(RSS in KiB, descriptors, threads) of pid, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        return rss, len(os.listdir(f"/proc/{pid}/fd")), len(os.listdir(f"/proc/{pid}/task"))
    except (OSError, StopIteration, ValueError):
        return None


class Load:
    """The mixed load, on threads of this script; counts what worked and what failed."""

    def __init__(self, host, iperf_port, echo_port, args):
        self.host, self.iperf_port, self.echo_port, self.args = host, iperf_port, echo_port, args
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.counts = {"churn ok": 0, "churn failed": 0, "bulk runs": 0, "bulk failed": 0, "bulk bytes": 0,
                       "idle lines": 0, "idle reopened": 0}
        self.threads = [threading.Thread(target=self.churn, daemon=True),
                        threading.Thread(target=self.bulk, daemon=True)]
        self.threads += [threading.Thread(target=self.idle, args=(i,), daemon=True) for i in range(args.idle)]

    def count(self, key, n=1):
        with self.lock:
            self.counts[key] += n

    def start(self):
        for t in self.threads:
            t.start()

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=30)

    def churn(self):
        while not self.stopping.is_set():
            try:
                with socket.create_connection((self.host, self.echo_port), timeout=5) as s:
                    s.sendall(tb.PAYLOAD)
                    got = b""
                    while len(got) < len(tb.PAYLOAD):
                        chunk = s.recv(64)
                        if not chunk:
                            break
                        got += chunk
                self.count("churn ok" if got == tb.PAYLOAD else "churn failed")
            except OSError:
                self.count("churn failed")
                self.stopping.wait(0.5)  # the relay is restarting
            self.stopping.wait(self.args.churn_gap)

    def bulk(self):
        while not self.stopping.wait(15):
            try:
                done = subprocess.run(["iperf3", "-c", self.host, "-p", str(self.iperf_port), "-P",
                                       str(self.args.bulk_streams), "-t", "5", "-J"],
                                      capture_output=True, text=True, timeout=60)
                moved = json.loads(done.stdout)["end"]["sum_received"]["bytes"]
                self.count("bulk runs")
                self.count("bulk bytes", int(moved))
            except (OSError, subprocess.TimeoutExpired, ValueError, KeyError, TypeError):
                self.count("bulk failed")

    def idle(self, index):
        line = f"session {index}: ls -l\n".encode()
        while not self.stopping.is_set():
            try:
                with socket.create_connection((self.host, self.echo_port), timeout=5) as s:
                    s.settimeout(10)
                    while not self.stopping.wait(5):
                        s.sendall(line)
                        got = b""
                        while len(got) < len(line):
                            chunk = s.recv(256)
                            if not chunk:
                                raise OSError("closed")
                            got += chunk
                        self.count("idle lines")
            except OSError:
                pass
            if not self.stopping.is_set():
                self.count("idle reopened")
                self.stopping.wait(1)


def restart_relay(bench, sshd):
    """Stops sshd and its sessions (every client connection ends) and starts it again on the same port."""
    bench.procs.note_offspring()
    bench.procs.stop(sshd)
    for pid, start in list(bench.procs.offspring):  # the per-connection sshds below it
        if tb.process_table().get(pid, (0, None))[1] == start:
            try:
                os.kill(pid, 15)
            except OSError:
                pass
    tb.wait_until(lambda: not tb.accepts(tb.RELAY_HOST, bench.relay_port), 10)
    sshd_bin = shutil.which("sshd") or "/usr/sbin/sshd"
    proc = bench.procs.start([sshd_bin, "-D", "-f", bench.path("sshd_config"), "-E", bench.path("sshd.log")])
    if not tb.wait_until(lambda: tb.accepts(tb.RELAY_HOST, bench.relay_port), 10):
        sys.exit(f"soak: sshd did not start again:\n{bench.tail('sshd.log')}")
    return proc


def report(samples, warmup, total):
    steady = [(t, s) for t, s in samples if t >= warmup]
    if not steady:
        print("soak: no samples after the warm-up")
        return
    first = [s for t, s in steady if t < warmup + WINDOW]
    last = [s for t, s in steady if t >= total - WINDOW]
    names = ("RSS (KiB)", "descriptors", "threads")
    print(f"\nafter a {warmup} s warm-up: median of the first {WINDOW} s beside the last {WINDOW} s, and the range "
          f"over the steady {total - warmup} s ({len(steady)} samples)")
    for i, name in enumerate(names):
        a = statistics.median(s[i] for s in first)
        b = statistics.median(s[i] for s in last)
        lo, hi = min(s[i] for _, s in steady), max(s[i] for _, s in steady)
        drift = (b - a) / a * 100 if a else 0.0
        print(f"  {name:12} {a:10.0f} -> {b:10.0f}  drift {drift:+6.2f} %   range {lo}..{hi}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labshare", required=True, help="the labshare binary")
    parser.add_argument("--minutes", type=float, default=10, help="length of the run (default 10)")
    parser.add_argument("--warmup", type=int, default=60, help="seconds left out of the drift (default 60)")
    parser.add_argument("--idle", type=int, default=20, help="idle sessions held open (default 20)")
    parser.add_argument("--bulk-streams", type=int, default=4, help="iperf3 streams per bulk run (default 4)")
    parser.add_argument("--churn-gap", type=float, default=0.01, help="pause between short connections, s")
    parser.add_argument("--cipher", default="", help="cipher: &cipher=NAME in the relay URL")
    args = parser.parse_args()
    tb.executables(parser, args, "labshare")
    if args.minutes * 60 < args.warmup + 2 * WINDOW:
        parser.error(f"--minutes must leave room for the warm-up and two {WINDOW} s windows")
    return tb.run_bench("soak", args, run)


def run(bench, args):
    bench.start_relay()
    sshd = bench.procs.running[-1]
    bench.start_node()
    topology = bench.write_lab()
    relay = (f"ssh://{bench.user}@{tb.RELAY_HOST}:{bench.relay_port}?flavor=openssh&public-host={tb.RELAY_HOST}"
             f"&identity={bench.key}&known-hosts={bench.known_hosts}" + (f"&cipher={args.cipher}" if args.cipher else ""))
    proc, ports = bench.start_labshare("labshare", relay, topology)
    if proc is None:
        sys.exit(f"soak: labshare up failed: {ports}")
    total = int(args.minutes * 60)
    restarts = [total // 3, 2 * total // 3]
    print(f"soak: {args.minutes:g} min of churn, bulk ({args.bulk_streams} streams every 20 s) and {args.idle} idle "
          f"sessions through `labshare up` (pid {proc.pid}) on OpenSSH sshd {tb.RELAY_HOST}:{bench.relay_port}; "
          f"relay restarted at {restarts[0]} s and {restarts[1]} s; warm-up {args.warmup} s", flush=True)
    print(f"machine: {os.cpu_count()} CPUs, load {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{tb.tool_version([args.labshare, '--version'])}", flush=True)
    load = Load(tb.RELAY_HOST, ports[0], ports[1], args)
    load.start()
    samples = []
    start = time.monotonic()
    next_restart = 0
    try:
        for second in range(total + 1):
            time.sleep(max(0.0, start + second - time.monotonic()))
            now = sample(proc.pid)
            if now is None:
                sys.exit(f"soak: labshare exited ({proc.poll()}) at {second} s:\n{bench.tail('labshare.err')}")
            samples.append((second, now))
            if second % 60 == 0:
                with load.lock:
                    counts = ", ".join(f"{k} {v}" for k, v in load.counts.items() if k != "bulk bytes")
                print(f"  {second:4d} s  RSS {now[0]} KiB  fds {now[1]}  threads {now[2]}  | {counts}", flush=True)
            if next_restart < len(restarts) and second >= restarts[next_restart]:
                sshd = restart_relay(bench, sshd)
                print(f"  {second:4d} s  relay restarted", flush=True)
                next_restart += 1
    finally:
        load.stop()
    report(samples, args.warmup, total)
    with load.lock:
        c = dict(load.counts)
    print(f"load: {c['churn ok']} short connections ({c['churn failed']} failed, mostly during restarts), "
          f"{c['bulk runs']} bulk runs moving {c['bulk bytes'] / 1e9:.1f} GB ({c['bulk failed']} failed), "
          f"{c['idle lines']} idle-session lines ({c['idle reopened']} sessions reopened)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
