#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark: a burst of concurrent forwarded connections through LabShare beside OpenSSH's ssh -R, in one run.

On tunnel-bench.py's relay (OpenSSH sshd on 127.0.0.1), a node on 127.0.0.31 with two echo ports (asyncio, one
process), and two tunnel clients forwarding both ports: `openssh+cmd` (ssh -n -T -R ... sleep) and `labshare`
(labshare up). Each round opens --connections connections at once to one client's public ports (half to each
share, spread over --sources student addresses 127.0.1.x), each sends --kib KiB of its own pattern, half-closes,
reads everything echoed back until the end, and checks every byte. A connection is intact when all of it came back
unchanged. Rounds alternate between the clients.

Printed: intact connections per round for each client, their sum and the ratio LabShare / OpenSSH, the rounds'
wall times, and each client's resident memory (VmRSS) once its shares are up, at the peak of the first burst, and
after the last round (its connections closed): issue 18 asks the last within 20 % of the first. Before the bursts,
--idle connections each echo one byte (or --idle-kib KiB) and stay open: the RSS they add, per connection, is what
an idle connection holds. A round with failed connections gets a note that counts them by step and errno
("half-close: ENOTCONN 47 (at 1.1 s)": connect, send, half-close or recv; timeout; EOF; short or changed echoes),
with the seconds into the burst at which they failed and the kernel's listener overflow counters meanwhile.

    python3 tests/bench/scale-bench.py --labshare build/ci/app/labshare [--connections 1000] [--kib 64] [--rounds 5]
                                        [--idle 1000] [--idle-kib 0]

The spread over student addresses and two shares keeps LabShare within its own connection caps (ConnectionQuota:
512 per share, 64 per source address); the relay's listeners (sshd's, backlog 128) are the same for both clients.
"""
import argparse
import asyncio
import collections
import errno
import importlib
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
tb = importlib.import_module("tunnel-bench")  # its relay, clients and teardown

ECHO_NODE = r"""
import asyncio, sys
async def echo(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
        writer.close()
        await writer.wait_closed()
    except OSError:
        writer.close()
async def main():
    servers = [await asyncio.start_server(echo, sys.argv[1], int(p), backlog=4096, limit=65536)
               for p in sys.argv[2:]]
    await asyncio.gather(*(s.serve_forever() for s in servers))
asyncio.run(main())
"""


def pattern(index, size):
    seed = (index * 2654435761) & 0xFFFFFFFF
    block = bytes((seed >> (8 * (i % 4)) ^ i) & 0xFF for i in range(251))
    return (block * (size // len(block) + 1))[:size]


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def failure(step, error):
    """Where and how a connection failed, as "step: ERRNO" (e.g. "recv: ECONNRESET"): a round counts them by kind."""
    if isinstance(error, asyncio.TimeoutError):
        return f"{step}: timeout"
    if isinstance(error, asyncio.IncompleteReadError):
        return f"{step}: EOF"
    code = getattr(error, "errno", None)
    return f"{step}: {errno.errorcode.get(code, code) if code is not None else type(error).__name__}"


async def one(host, port, source, payload, timeout):
    """None when every byte came back unchanged; else where and how it failed (see failure())."""
    step = "connect"
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, local_addr=(source, 0), limit=1 << 20), timeout)
    except (OSError, asyncio.TimeoutError) as e:
        return failure(step, e)
    try:
        async def exchange():
            nonlocal step
            step = "send"
            writer.write(payload)
            await writer.drain()
            step = "half-close"
            writer.write_eof()
            step = "recv"
            got = bytearray()
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    return bytes(got)
                got += chunk
        got = await asyncio.wait_for(exchange(), timeout)
        if got == payload:
            return None
        if not got:
            return "recv: closed with nothing echoed"
        return f"recv: {len(got)} of {len(payload)} bytes back" if len(got) != len(payload) else "recv: bytes changed"
    except (OSError, asyncio.TimeoutError) as e:
        return failure(step, e)
    finally:
        writer.close()


async def hold_idle(host, ports, count, kib, sources, timeout, sample):
    """Opens `count` connections, each echoes `kib` KiB (one byte for 0) and then idles; returns (joined, sample())
    with all still open."""
    async def opened(i):
        payload = pattern(i, kib * 1024) if kib else b"x"
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, ports[i % len(ports)], local_addr=(f"127.0.1.{1 + i % sources}", 0),
                                        limit=1 << 20), timeout)
        except (OSError, asyncio.TimeoutError):
            return None
        try:
            writer.write(payload)
            await writer.drain()
            if await asyncio.wait_for(reader.readexactly(len(payload)), timeout) == payload:
                return writer
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            pass
        writer.close()
        return None
    writers = await asyncio.gather(*(opened(i) for i in range(count)))
    joined = [w for w in writers if w is not None]
    await asyncio.sleep(1)  # settled: whatever a connection holds once idle
    figure = sample()
    for w in joined:
        w.close()
    return len(joined), figure


async def burst(host, ports, count, kib, sources, timeout, salt, peak):
    """Runs `count` connections at once; returns (intact, failures, seconds, kernel): failures maps each kind
    (failure()) to the seconds into the burst at which connections failed so, kernel the listener_counters() that
    grew meanwhile. `peak` is sampled meanwhile."""
    payloads = [pattern(salt * count + i, kib * 1024) for i in range(count)]
    counters = listener_counters()
    start = time.monotonic()

    async def timed(i):
        why = await one(host, ports[i % len(ports)], f"127.0.1.{1 + i % sources}", payloads[i], timeout)
        return why, time.monotonic() - start
    gathered = asyncio.ensure_future(asyncio.gather(*(timed(i) for i in range(count))))
    while not gathered.done():
        peak()
        await asyncio.sleep(0.05)
    failures = collections.defaultdict(list)
    for why, when in gathered.result():
        if why is not None:
            failures[why].append(when)
    lost = sum(len(v) for v in failures.values())
    seconds = time.monotonic() - start
    after = listener_counters()
    kernel = {name: after[name] - counters.get(name, 0) for name in after}
    return count - lost, failures, seconds, kernel


LISTENER_COUNTERS = ("ListenOverflows", "SyncookiesFailed")


def listener_counters():
    """This network namespace's TcpExt counters (/proc/net/netstat) of the relay's listeners' overflow: a burst fills
    sshd's forward listener (backlog 128); the kernel then answers SYNs with cookies, drops the handshake's last ACK
    while the accept queue is full, and resets the client's next segments (SyncookiesFailed), which it took for a
    connection: those students read ENOTCONN or ECONNRESET. Counts the whole machine's loopback, not only ours."""
    try:
        with open("/proc/net/netstat") as f:
            lines = [line.split() for line in f if line.startswith("TcpExt:")]
        values = dict(zip(lines[0][1:], (int(v) for v in lines[1][1:])))
    except (OSError, IndexError, ValueError):
        return {}
    return {name: values.get(name, 0) for name in LISTENER_COUNTERS}


def breakdown(failures):
    """'recv: ECONNRESET 20 (at 1.1-3.4 s), connect: timeout 2 (at 120.0 s)', the commonest first."""
    parts = []
    for why, when in sorted(failures.items(), key=lambda item: -len(item[1])):
        span = f"{min(when):.1f} s" if max(when) - min(when) < 0.05 else f"{min(when):.1f}-{max(when):.1f} s"
        parts.append(f"{why} {len(when)} (at {span})")
    return ", ".join(parts)


def run(bench, args):
    bench.start_relay()
    bench.iperf_port = tb.free_port(tb.NODE)  # the second echo port: the lab publishes "iperf_port" and echo_port
    while bench.iperf_port == bench.echo_port:
        bench.iperf_port = tb.free_port(tb.NODE)
    bench.procs.start([sys.executable, "-c", ECHO_NODE, tb.NODE, str(bench.iperf_port), str(bench.echo_port)])
    if not tb.wait_until(lambda: tb.accepts(tb.NODE, bench.iperf_port) and tb.accepts(tb.NODE, bench.echo_port), 10):
        sys.exit("scale-bench: the echo node did not start")
    topology = bench.write_lab()
    query = (f"flavor=openssh&public-host={tb.RELAY_HOST}&identity={bench.key}&known-hosts={bench.known_hosts}"
             + (f"&cipher={args.cipher}" if args.cipher else ""))
    relay = f"ssh://{bench.user}@{tb.RELAY_HOST}:{bench.relay_port}?{query}"
    print(f"scale-bench: {args.connections} connections at once x {args.kib} KiB echoed, {args.rounds} rounds "
          f"per client, {args.sources} student addresses, two shares; relay OpenSSH sshd on "
          f"{tb.RELAY_HOST}:{bench.relay_port}", flush=True)
    print(f"machine: {os.cpu_count()} CPUs, load {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{tb.tool_version(['ssh', '-V'])}; {tb.tool_version([args.labshare, '--version'])}", flush=True)

    clients = {}
    for name, start in (("openssh+cmd", lambda: bench.start_openssh("openssh-cmd", with_command=True)),
                        ("labshare", lambda: bench.start_labshare("labshare", relay, topology))):
        proc, ports = start()
        if proc is None:
            print(f"note: {name} failed to start ({ports})")
            continue
        clients[name] = (proc, ports)
    if not clients:
        return 1
    time.sleep(1)  # settled: the first figure is the idle client's
    memory = {name: {"up": rss_kib(proc.pid), "peak": 0, "after": None} for name, (proc, _) in clients.items()}
    for name, (proc, ports) in clients.items():
        if args.idle:
            joined, idle = asyncio.run(hold_idle(tb.RELAY_HOST, ports, args.idle, args.idle_kib, args.sources,
                                                 args.timeout, lambda pid=proc.pid: rss_kib(pid)))
            memory[name]["idle"] = (joined, idle)
    if args.idle:
        time.sleep(2)  # the idle connections' teardown
    results = {name: [] for name in clients}
    for round_no in range(args.rounds):
        for name, (proc, ports) in clients.items():
            def peak(pid=proc.pid, entry=memory[name]):
                entry["peak"] = max(entry["peak"], rss_kib(pid) or 0)
            intact, failures, seconds, kernel = asyncio.run(
                burst(tb.RELAY_HOST, ports, args.connections, args.kib, args.sources, args.timeout, round_no, peak))
            results[name].append((intact, failures, seconds, kernel))
        print(f"  round {round_no + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    time.sleep(2)  # the last connections' teardown
    for name, (proc, _) in clients.items():
        memory[name]["after"] = rss_kib(proc.pid)

    print(f"{'client':<12} {'intact per round':<32} {'sum':>6} {'ratio':>7}  {'seconds per round':<30}")
    best = sum(r[0] for r in results.get("openssh+cmd", [])) or None
    for name, rounds in results.items():
        total = sum(r[0] for r in rounds)
        per = " ".join(str(r[0]) for r in rounds)
        secs = " ".join(f"{r[2]:.1f}" for r in rounds)
        print(f"{name:<12} {per:<32} {total:>6} {tb.ratio(total, best):>7}  {secs:<30}")
    print(f"ratio = intact connections / openssh+cmd's, out of {args.connections * args.rounds} each")
    for name, m in memory.items():
        growth = f"{m['after'] / m['up']:.2f}x" if m["up"] and m["after"] else "-"
        print(f"rss {name}: {m['up']} KiB up, {m['peak']} KiB at the peak, {m['after']} KiB after the last round "
              f"({growth} of up)")
    for name, m in memory.items():
        if "idle" in m:
            joined, idle = m["idle"]
            per = f"{(idle - m['up']) / joined:.1f} KiB each" if joined and idle and m["up"] else "-"
            moved = f"{args.idle_kib} KiB" if args.idle_kib else "one byte"
            print(f"idle {name}: {joined} connections open and idle ({moved} echoed each first), {idle} KiB: {per} "
                  f"over the {m['up']} KiB up")
    for name, rounds in results.items():
        for i, (intact, failures, _, kernel) in enumerate(rounds):
            if failures:
                counted = ", ".join(f"{k} +{v}" for k, v in kernel.items())
                print(f"note: {name} round {i + 1}: {args.connections - intact} not intact: {breakdown(failures)}; "
                      f"meanwhile the kernel counted {counted or 'nothing (no /proc/net/netstat)'}")
        if clients[name][0].poll() is not None:
            print(f"note: {name} exited early with {clients[name][0].returncode}")
    cpu = {name: tb.cpu_seconds(proc.pid) for name, (proc, _) in clients.items()}
    print("note: tunnel client CPU seconds over the whole run: "
          + ", ".join(f"{n} {c:.1f}" for n, c in cpu.items() if c is not None))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labshare", required=True, help="the labshare binary")
    parser.add_argument("--connections", type=int, default=1000, help="connections at once (default 1000)")
    parser.add_argument("--kib", type=int, default=64, help="KiB each connection sends and gets back (default 64)")
    parser.add_argument("--rounds", type=int, default=5, help="bursts per client (default 5)")
    parser.add_argument("--idle", type=int, default=1000,
                        help="connections held open and idle before the bursts, for the memory each holds "
                             "(default 1000; 0: none)")
    parser.add_argument("--idle-kib", type=int, default=0,
                        help="KiB each idle connection echoes before it idles (default 0: one byte)")
    parser.add_argument("--sources", type=int, default=20, help="student addresses 127.0.1.1.. (default 20)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a connection may take (default 120)")
    parser.add_argument("--cipher", default="", help="cipher for both clients")
    args = parser.parse_args()
    tb.executables(parser, args, "labshare")
    if args.connections < 1 or args.rounds < 1 or min(args.idle, args.idle_kib) < 0 or not 1 <= args.sources <= 254:
        parser.error("--connections and --rounds at least 1, --idle and --idle-kib at least 0, --sources 1..254")
    return tb.run_bench("scale-bench", args, run)


if __name__ == "__main__":
    sys.exit(main())
