#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark: LabShare's tunnels beside OpenSSH's over a WAN round trip between the tunnel client and its relay.

The relay and the node are tunnel-bench.py's (an OpenSSH sshd on 127.0.0.1, iperf3 -s and a TCP echo server on
127.0.0.31). For each --rtt, a delay line (delay-line.py: a userspace TCP proxy that holds every chunk for half
the round trip, as these kernels have no netem) is put in front of the relay, and both tunnel clients reach the
relay only through it, in the same run:

    openssh+cmd   ssh -n -T -R 0:node:IPERF -R 0:node:ECHO -p LINE user@127.0.0.1 sleep 100000 (OpenSSH at its best)
    labshare      labshare up LAB --relay "ssh://USER@127.0.0.1:LINE?flavor=openssh&..." --json
    labshare-base the same with --baseline PATH (e.g. a build of an earlier commit), when given

The student sits beside the relay (its public ports are on loopback), the node beside the tunnel client, so the
round trip is between the relay and the client, as between a cloud relay and a lab. Figures per client, each the
median of --repeat rounds (every round measures every client in turn):

    up      one iperf3 stream student -> node (the relay sends on the forwarded channel: LabShare's window)
    down    one iperf3 stream node -> student (iperf3 -R: the relay's window)
    echo p99 while up / down is saturated: short connections (connect, 16 bytes echoed, close) to the echo
            share while one iperf3 stream fills the other share, in ms; each is two round trips at best
            (the relay opens a channel, then the bytes go and come back)

Ratios are LabShare / OpenSSH in the same run: above 1.00x is better for throughput, below 1.00x is better for
latency. The machine is shared: compare ratios within one run, and run it more than once.

    python3 tests/bench/wan-bench.py --labshare build/ci/app/labshare
    python3 tests/bench/wan-bench.py --labshare build/ci/app/labshare --rtt 30 --rtt 80 --seconds 5 --repeat 2

Needs what tunnel-bench.py needs (python3, openssh-server, openssh-client, iperf3). Traffic stays on loopback.
"""
import argparse
import importlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
tb = importlib.import_module("tunnel-bench")  # its relay, node, lab and process handling


def iperf_once(bench, host, port, seconds, reverse):
    """(Mbit/s received, None) or (None, why). Started once the node's iperf3 -s has finished the previous test and
    listens again (through the delay line it ends a test a one-way delay after its client has exited: see
    tunnel-bench.py's iperf_server_ready); retried while it still answers busy."""
    cmd = ["iperf3", "-c", host, "-p", str(port), "-t", str(seconds), "-O", "1", "-J", "--connect-timeout", "5000"]
    if reverse:
        cmd.append("-R")
    why = None
    for _ in range(20):
        bench.wait_iperf_server()
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30).stdout
        except subprocess.TimeoutExpired:
            return None, "iperf3 timed out"
        value, why = parse_iperf(out)
        if value is not None or "busy" not in (why or ""):
            return value, why
        time.sleep(0.5)
    return None, why


def parse_iperf(out):
    try:
        result = json.loads(out)
    except ValueError:
        return None, "iperf3: no JSON"
    try:
        return result["end"]["sum_received"]["bits_per_second"] / 1e6, None
    except (KeyError, TypeError):
        return None, f"iperf3: {result.get('error', 'no result') if isinstance(result, dict) else 'no result'}"


def echo_once(host, port):
    """Milliseconds for connect, 16 bytes echoed, close; None when it failed."""
    start = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=10) as conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.sendall(tb.PAYLOAD)
            got = b""
            while len(got) < len(tb.PAYLOAD):
                chunk = conn.recv(len(tb.PAYLOAD) - len(got))
                if not chunk:
                    return None
                got += chunk
        return (time.monotonic() - start) * 1000 if got == tb.PAYLOAD else None
    except OSError:
        return None


def loaded_echo(bench, host, iperf_port, echo_port, seconds, reverse, gap):
    """Echo latencies (ms) while one iperf3 stream fills the other share; (samples, failed, iperf Mbit/s)."""
    cmd = ["iperf3", "-c", host, "-p", str(iperf_port), "-t", str(seconds + 1), "-J", "--connect-timeout", "5000"]
    if reverse:
        cmd.append("-R")
    for _ in range(20):  # wait out a server still finishing the previous test
        bench.wait_iperf_server()
        load = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        time.sleep(1.0)  # the stream fills the path first
        if load.poll() is None:
            break
        load.communicate()
        time.sleep(0.5)
    samples, failed = [], 0
    deadline = time.monotonic() + seconds - 0.5
    while time.monotonic() < deadline and load.poll() is None:
        ms = echo_once(host, echo_port)
        if ms is None:
            failed += 1
        else:
            samples.append(ms)
        time.sleep(gap)
    out, _ = load.communicate(timeout=seconds + 30)
    mbits, _ = parse_iperf(out)
    return samples, failed, mbits


def p99(samples):
    if not samples:
        return None
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[98]


class Line:
    """delay-line.py in front of the relay, as a child of the benchmark."""

    def __init__(self, bench, rtt_ms):
        self.bench = bench
        self.out = bench.path(f"line-{rtt_ms}.out")
        with open(self.out, "w") as out:
            self.proc = bench.procs.start([sys.executable, os.path.join(HERE, "delay-line.py"),
                                           "--listen", f"{tb.RELAY_HOST}:0",
                                           "--to", f"{tb.RELAY_HOST}:{bench.relay_port}",
                                           "--one-way-ms", str(rtt_ms / 2)], stdout=out)
        self.port = tb.wait_until(self.listening, 10)
        if not self.port:
            sys.exit(f"wan-bench: the delay line did not start: {bench.tail(os.path.basename(self.out))}")
        # The relay's host key under the line's address, for both clients.
        with open(bench.path("host_key.pub")) as f:
            kind, blob = f.read().split()[:2]
        with open(bench.known_hosts, "a") as f:
            f.write(f"[{tb.RELAY_HOST}]:{self.port} {kind} {blob}\n")

    def lines(self):
        with open(self.out, errors="replace") as f:
            return f.read().splitlines()

    def listening(self):
        for line in self.lines():
            if line.startswith("listening "):
                return int(line.rsplit(":", 1)[1])
        return None

    def accepted(self):
        return sum(1 for line in self.lines() if line.startswith("accepted "))


def fmt(value, digits=0):
    return "-" if value is None else f"{value:.{digits}f}"


def ratio(value, reference):
    return "-" if value is None or not reference else f"{value / reference:.2f}x"


FIGURES = [("up", "up Mbit/s", 0), ("down", "down Mbit/s", 0), ("echo_up", "echo p99 ms (up busy)", 1),
           ("echo_down", "echo p99 ms (down busy)", 1)]


def measure_rtt(bench, args, rtt, topology):
    line = Line(bench, rtt)
    relay = (f"ssh://{bench.user}@{tb.RELAY_HOST}:{line.port}?flavor=openssh&public-host={tb.RELAY_HOST}"
             f"&identity={bench.key}&known-hosts={bench.known_hosts}" + (f"&cipher={args.cipher}" if args.cipher else ""))
    clients = [("openssh+cmd", lambda: bench.start_openssh(f"openssh-cmd-{rtt}", with_command=True, port=line.port))]
    args.labshare_path = args.labshare
    for name, binary in (("labshare", args.labshare), ("labshare-base", args.baseline)):
        if binary:
            def start(name=name, binary=binary):
                bench.args.labshare = binary
                try:
                    return bench.start_labshare(f"{name}-{rtt}", relay, topology)
                finally:
                    bench.args.labshare = args.labshare_path
            clients.append((name, start))

    procs, targets, notes = {}, {}, []
    for name, start in clients:
        before = line.accepted()
        proc, result = start()
        if proc is None:
            notes.append(f"{name}: failed to start ({result})")
            continue
        if line.accepted() <= before:  # e.g. an ssh config that routes around the line
            notes.append(f"{name}: its session did not go through the delay line; left out")
            bench.procs.stop(proc)
            continue
        procs[name] = proc
        targets[name] = result
    bench.procs.note_offspring()

    cpu_before = {n: tb.cpu_seconds(p.pid) for n, p in procs.items()}
    samples = {n: {k: [] for k, _, _ in FIGURES} for n in targets}
    echo_counts = {n: [0, 0] for n in targets}  # samples, failed
    unready = bench.iperf_unready
    for round_no in range(args.repeat):
        for name, (iperf_port, echo_port) in targets.items():
            for key, reverse in (("up", False), ("down", True)):
                value, why = iperf_once(bench, tb.RELAY_HOST, iperf_port, args.seconds, reverse)
                if value is None:
                    notes.append(f"{name} {key}, round {round_no + 1}: {why}")
                    bench.restart_iperf_server()
                else:
                    samples[name][key].append(value)
            for key, reverse in (("echo_up", False), ("echo_down", True)):
                got, failed, _ = loaded_echo(bench, tb.RELAY_HOST, iperf_port, echo_port, args.seconds, reverse,
                                             args.echo_gap_ms / 1000)
                echo_counts[name][0] += len(got)
                echo_counts[name][1] += failed
                if got:
                    samples[name][key].append(p99(got))
        print(f"  {rtt} ms: round {round_no + 1}/{args.repeat} done", file=sys.stderr, flush=True)
    if bench.iperf_unready > unready:
        notes.append(f"{bench.iperf_unready - unready} runs started with the node's iperf3 -s still holding a "
                     "connection of the previous test after 10 s")
    cpu = {n: (tb.cpu_seconds(p.pid) or 0) - (cpu_before[n] or 0) for n, p in procs.items()}
    for name, (count, failed) in echo_counts.items():
        notes.append(f"{name}: {count} loaded echo samples" + (f", {failed} failed" if failed else ""))
    for name, proc in procs.items():
        if proc.poll() is not None:
            notes.append(f"{name}: the client exited early with {proc.returncode}")
        bench.procs.stop(proc)
    bench.procs.stop(line.proc)
    spent = ", ".join(f"{n} {c:.1f}" for n, c in cpu.items())
    notes.append(f"tunnel client CPU seconds in this stage: {spent}")
    return samples, notes


def report(rtt, samples, notes, repeat):
    medians = {n: {k: (statistics.median(v) if v else None) for k, v in s.items()} for n, s in samples.items()}
    reference = medians.get("openssh+cmd", {})
    print(f"\nround trip {rtt} ms (median of {repeat} rounds)")
    print(f"{'client':<14}" + "".join(f"  {label:>{len(label)}} {'ratio':>6}" for _, label, _ in FIGURES))
    for name, m in medians.items():
        print(f"{name:<14}" + "".join(f"  {fmt(m[k], d):>{len(label)}} {ratio(m[k], reference.get(k)):>6}"
                                      for k, label, d in FIGURES))
    for name, s in samples.items():
        spread = "; ".join(f"{k} " + " ".join(fmt(v, d) for v in s[k]) for k, _, d in FIGURES)
        print(f"  rounds {name}: {spread}")
    for note in notes:
        print(f"  note: {note}")
    verdicts = []
    ours = medians.get("labshare", {})
    for key, label, _ in FIGURES:
        value, ref = ours.get(key), reference.get(key)
        if value is None or not ref:
            verdicts.append(f"{key} n/a")
            continue
        r = value / ref
        good = round(r, 2) >= 1.0 if key in ("up", "down") else round(r, 2) <= 1.0
        verdicts.append(f"{key} {r:.2f}x {'ok' if good else 'WORSE'}")
    print(f"  labshare vs openssh+cmd at {rtt} ms: " + "; ".join(verdicts))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labshare", required=True, help="the labshare binary")
    parser.add_argument("--baseline", default="", help="another labshare binary, measured as labshare-base")
    parser.add_argument("--rtt", type=int, action="append", help="round trip in ms (repeatable; default 30 and 80)")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per iperf3 run and per loaded echo run")
    parser.add_argument("--repeat", type=int, default=2, help="rounds; each figure is the median (default 2)")
    parser.add_argument("--echo-gap-ms", type=int, default=20, help="pause between echo samples (default 20)")
    parser.add_argument("--cipher", default="", help="cipher for both clients: ssh -c NAME and &cipher=NAME")
    args = parser.parse_args()
    args.rtt = args.rtt or [30, 80]
    if args.seconds < 2 or args.repeat < 1 or any(r < 0 for r in args.rtt):
        parser.error("--seconds must be at least 2, --repeat at least 1, --rtt not negative")
    tb.executables(parser, args, "labshare", "baseline")
    return tb.run_bench("wan-bench", args, run)


def run(bench, args):
    bench.start_relay()
    bench.start_node()
    topology = bench.write_lab()
    print(f"wan-bench: {args.seconds} s per run, median of {args.repeat} rounds, round trips "
          f"{', '.join(f'{r} ms' for r in args.rtt)} through a userspace delay line; cipher "
          f"{args.cipher or 'default'}", flush=True)
    print(f"machine: {os.cpu_count()} CPUs, load {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{tb.tool_version(['ssh', '-V'])}; {tb.tool_version([args.labshare, '--version'])}", flush=True)
    for rtt in args.rtt:
        samples, notes = measure_rtt(bench, args, rtt, topology)
        report(rtt, samples, notes, args.repeat)
    print(f"load at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
