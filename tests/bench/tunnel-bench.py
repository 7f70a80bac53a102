#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark: LabShare's tunnels beside OpenSSH's, in one run, on one OpenSSH relay on loopback.

Starts its own OpenSSH sshd on 127.0.0.1 (a free port, keys and config in a temp dir) as the relay
and a "node" on 127.0.0.31 (iperf3 -s and a TCP echo server), then measures each client:

    raw           straight to the node (the limit on this machine)
    openssh       ssh -N -R 0:node:IPERF -R 0:node:ECHO (what a user would otherwise type)
    openssh+cmd   ssh -n -T -R ... sleep 100000 (a remote command: OpenSSH at its best, both ends
                  turn Nagle off)
    labshare      labshare up LAB --relay "ssh://USER@127.0.0.1:PORT?flavor=openssh&..." --allow-local-targets --json
    labshare-lan  labshare up LAB --relay lan://127.0.0.1 --allow-local-targets --json (no SSH at all)

Figures: one iperf3 stream (Gbit/s), --parallel iperf3 streams (Gbit/s), and sequential short
connections per second (connect, 16 bytes echoed, close). Each figure is the median of --repeat
rounds; every round measures every client, so a noisy neighbour hits all rows alike. Beside each
figure: its ratio to the better OpenSSH row (openssh or openssh+cmd, per column). The machine is
shared: compare ratios from one run, not absolute figures across runs.

    python3 tests/bench/tunnel-bench.py --labshare build/dev/app/labshare
    python3 tests/bench/tunnel-bench.py --labshare build/dev/app/labshare --seconds 3 --cipher aes128-gcm@openssh.com

Needs: python3 (standard library only), openssh-server, openssh-client, iperf3. All traffic stays
on 127.0.0.0/8. Every process it starts is stopped on exit, Ctrl-C included.
"""
import argparse
import ctypes
import getpass
import json
import os
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time

NODE = "127.0.0.31"
RELAY_HOST = "127.0.0.1"
PAYLOAD = b"0123456789abcdef"
LAB = "bench"

ECHO_SERVER = r"""
import socket, sys, threading
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind((sys.argv[1], int(sys.argv[2])))
srv.listen(1024)
def serve(conn):
    with conn:
        conn.settimeout(60)
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                conn.sendall(data)
        except OSError:
            pass
while True:
    conn, _ = srv.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
"""


def die_with_parent():
    """preexec_fn: the child gets SIGTERM if this script dies without running its cleanup."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def process_table():
    """{pid: (parent pid, start time)} of every process, from /proc."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if fields[0] != "Z":  # a zombie is gone already, waiting to be reaped
                    table[int(entry)] = (int(fields[1]), fields[19])
            except (OSError, IndexError, ValueError):
                pass
    return table


class Procs:
    """Every process this script starts, stopped in reverse order (first signal, then SIGKILL), and
    their descendants too: sshd runs `sleep 100000` for openssh+cmd, which outlives its session."""

    def __init__(self):
        self.running = []
        self.offspring = set()  # (pid, start time) of descendants seen so far

    def start(self, cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=None, first_signal=signal.SIGTERM):
        # Own session: a Ctrl-C reaches only this script, which then tears down in order.
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=env,
                                start_new_session=True, preexec_fn=die_with_parent)
        proc.first_signal = first_signal
        self.running.append(proc)
        return proc

    def note_offspring(self):
        table = process_table()
        children = {}
        for pid, (ppid, _) in table.items():
            children.setdefault(ppid, []).append(pid)
        todo = [p.pid for p in self.running]
        while todo:
            for child in children.get(todo.pop(), []):
                self.offspring.add((child, table[child][1]))
                todo.append(child)

    def stop(self, proc, grace=10.0):
        if proc in self.running:
            self.running.remove(proc)
        if proc.poll() is None:
            try:
                proc.send_signal(proc.first_signal)
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
            except ProcessLookupError:
                pass
        return proc.returncode

    def stop_all(self):
        self.note_offspring()
        for proc in reversed(list(self.running)):
            try:
                self.stop(proc)
            except Exception as e:  # keep going: every other process must still be stopped
                print(f"tunnel-bench: could not stop pid {proc.pid}: {e}", file=sys.stderr)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            table = process_table()
            left = [pid for pid, start in self.offspring if table.get(pid, (0, None))[1] == start]
            for pid in left:
                try:
                    os.kill(pid, sig)
                except OSError:
                    pass
            if left and sig == signal.SIGTERM:
                wait_until(lambda: not any(os.path.exists(f"/proc/{pid}") for pid in left), 3)


def free_port(host):
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_until(check, timeout, step=0.1):
    """Calls check() until it returns something truthy or timeout seconds pass; returns the last result."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() >= deadline:
            return result
        time.sleep(step)


def accepts(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def iperf_server_ready(host, port):
    """True when `iperf3 -s` on host:port (IPv4, on this machine) can take a new test: it listens, and no
    connection it accepted is still open on its side (ESTABLISHED, or CLOSE_WAIT: its client has gone but it has
    not yet read that). iperf3 3.12 closes its listening socket when a test ends and opens a new one; a client
    that reaches it meanwhile is refused, or accepted on the old socket and reset. Through a tunnel the client
    then reads "control socket has closed unexpectedly" (LabShare closes the channel) or "unable to receive
    control message: Connection reset by peer" (ssh -R), and a tunnel delays the server's end of a test past the
    client's exit by its one-way delay. Read from /proc/net/tcp: a connection made to ask would itself start a
    test. Twice 50 ms apart, since the server closes its last connection just before its listener."""
    local = f"{struct.unpack('=I', socket.inet_aton(host))[0]:08X}:{port:04X}"

    def ready():
        try:
            with open("/proc/net/tcp") as f:
                states = [fields[3] for fields in (line.split() for line in f.readlines()[1:]) if fields[1] == local]
        except OSError:
            return True  # cannot tell: do not hold the bench up
        return "0A" in states and "01" not in states and "08" not in states  # LISTEN; ESTABLISHED, CLOSE_WAIT

    if not ready():
        return False
    time.sleep(0.05)
    return ready()


def cpu_seconds(pid):
    """User + system CPU seconds a live process has used so far (Linux /proc), or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


# ---- measurements ----------------------------------------------------------------------------

def iperf(host, port, streams, seconds, moved=None):
    """(Gbit/s received over `seconds` with `streams` parallel iperf3 streams, None) or (None, why).
    `moved` (a list): the bytes received are appended to it."""
    cmd = ["iperf3", "-c", host, "-p", str(port), "-P", str(streams), "-t", str(seconds), "-J",
           "--connect-timeout", "5000"]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30).stdout
    except subprocess.TimeoutExpired:
        return None, "iperf3 timed out"
    try:
        result = json.loads(out)
        if moved is not None:
            moved.append(result["end"]["sum_received"]["bytes"])
        return result["end"]["sum_received"]["bits_per_second"] / 1e9, None
    except (ValueError, KeyError, TypeError):
        why = result.get("error") if isinstance(locals().get("result"), dict) else None
        return None, f"iperf3: {why or 'no result'}"


def connection_rate(host, port, count, budget):
    """Sequential connections per second (connect, 16 bytes echoed, close): (rate or None, failed, why).
    Stops after `budget` seconds; the rate is then over the connections made so far."""
    ok = failed = 0
    why = None
    start = time.monotonic()
    deadline = start + budget
    for _ in range(count):
        if time.monotonic() >= deadline:
            why = why or f"time budget of {budget:.0f} s used up"
            break
        try:
            with socket.create_connection((host, port), timeout=5) as conn:
                conn.sendall(PAYLOAD)
                got = b""
                while len(got) < len(PAYLOAD):
                    chunk = conn.recv(len(PAYLOAD) - len(got))
                    if not chunk:
                        break
                    got += chunk
            if got == PAYLOAD:
                ok += 1
            else:
                failed += 1
                why = why or f"echo returned {len(got)} of {len(PAYLOAD)} bytes"
        except OSError as e:
            failed += 1
            why = why or f"{type(e).__name__}: {e}"
    elapsed = time.monotonic() - start
    return (ok / elapsed if ok and elapsed > 0 else None), count - ok, why


# ---- the relay and the node ------------------------------------------------------------------

class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.procs = Procs()
        self.user = getpass.getuser()
        self.relay_port = free_port(RELAY_HOST)
        self.iperf_port = free_port(NODE)
        self.echo_port = free_port(NODE)
        while self.echo_port == self.iperf_port:
            self.echo_port = free_port(NODE)
        self.key = os.path.join(work, "client_key")
        self.known_hosts = os.path.join(work, "known_hosts")
        self.iperf_server = None
        self.iperf_unready = 0
        self.homes = 0

    def path(self, name):
        return os.path.join(self.work, name)

    def start_relay(self):
        host_key = self.path("host_key")
        for key in (host_key, self.key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "tunnel-bench", "-f", key],
                           check=True, timeout=30)
        shutil.copy(self.key + ".pub", self.path("authorized_keys"))
        with open(host_key + ".pub") as f:
            kind, blob = f.read().split()[:2]
        with open(self.known_hosts, "w") as f:
            f.write(f"[{RELAY_HOST}]:{self.relay_port} {kind} {blob}\n")
        config = self.path("sshd_config")
        with open(config, "w") as f:
            f.write("\n".join([
                f"Port {self.relay_port}",
                f"ListenAddress {RELAY_HOST}",
                f"HostKey {host_key}",
                f"PidFile {self.path('sshd.pid')}",
                f"AuthorizedKeysFile {self.path('authorized_keys')}",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin yes",
                "UsePAM no",
                "AllowTcpForwarding yes",
                "GatewayPorts clientspecified",
                "LogLevel ERROR",
                "",
            ]))
        os.makedirs("/run/sshd", exist_ok=True)
        sshd = shutil.which("sshd") or "/usr/sbin/sshd"
        # -D: stays in the foreground as our child, so it is ours to stop.
        proc = self.procs.start([sshd, "-D", "-f", config, "-E", self.path("sshd.log")])
        if not wait_until(lambda: proc.poll() is not None or accepts(RELAY_HOST, self.relay_port), 10) \
                or proc.poll() is not None:
            sys.exit(f"tunnel-bench: sshd did not start:\n{self.tail('sshd.log')}")

    def start_node(self):
        self.restart_iperf_server()
        echo = self.procs.start([sys.executable, "-c", ECHO_SERVER, NODE, str(self.echo_port)])
        if not wait_until(lambda: accepts(NODE, self.echo_port), 10):
            sys.exit("tunnel-bench: the echo server on the node did not start")
        self.echo = echo

    def restart_iperf_server(self):
        if self.iperf_server is not None:
            self.procs.stop(self.iperf_server)
        self.iperf_server = self.procs.start(["iperf3", "-s", "-B", NODE, "-p", str(self.iperf_port)])
        if not wait_until(lambda: iperf_server_ready(NODE, self.iperf_port), 10):
            sys.exit("tunnel-bench: iperf3 -s on the node did not start")

    def wait_iperf_server(self, timeout=10):
        """Waits until the node's iperf3 -s has finished its last test and listens again (iperf_server_ready).
        Counts the waits that ran out in iperf_unready: a tunnel that keeps a finished test's connection open to
        the node shows there."""
        if wait_until(lambda: iperf_server_ready(NODE, self.iperf_port), timeout):
            return True
        self.iperf_unready += 1
        return False

    def tail(self, name, lines=8):
        try:
            with open(self.path(name), errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    # ---- clients: each returns (process or None, iperf public port, echo public port) ------

    def ssh_options(self, port=None):
        """`port`: where ssh connects instead of the relay itself (a delay line in front of it)."""
        opts = ["-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", f"UserKnownHostsFile={self.known_hosts}", "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none", "-o", "ExitOnForwardFailure=yes", "-o", "ConnectTimeout=10",
                "-i", self.key, "-p", str(port or self.relay_port)]
        if self.args.cipher:
            opts += ["-c", self.args.cipher]
        return opts

    def start_openssh(self, name, with_command, port=None):
        err_name = f"{name}.err"
        forwards = ["-R", f"0:{NODE}:{self.iperf_port}", "-R", f"0:{NODE}:{self.echo_port}"]
        if with_command:
            cmd = ["ssh", "-n", "-T", *self.ssh_options(port), *forwards, f"{self.user}@{RELAY_HOST}", "sleep",
                   "100000"]
        else:
            cmd = ["ssh", "-N", *self.ssh_options(port), *forwards, f"{self.user}@{RELAY_HOST}"]
        with open(self.path(err_name), "w") as err:
            proc = self.procs.start(cmd, stderr=err)
        pattern = re.compile(r"Allocated port (\d+) for remote forward to [^:\s]+:(\d+)")

        def allocated():
            with open(self.path(err_name), errors="replace") as f:
                ports = {int(t): int(p) for p, t in pattern.findall(f.read())}
            if self.iperf_port in ports and self.echo_port in ports:
                return ports
            return None if proc.poll() is None else {}

        ports = wait_until(allocated, 20)
        if not ports:
            self.procs.stop(proc)
            return None, f"no forwards: {self.tail(err_name, 3).strip()}"
        return proc, (ports[self.iperf_port], ports[self.echo_port])

    def write_lab(self):
        lab = self.path("lab")
        os.makedirs(os.path.join(lab, f"clab-{LAB}"), exist_ok=True)
        topology = os.path.join(lab, f"{LAB}.clab.yml")
        with open(topology, "w") as f:
            f.write(f"name: {LAB}\n"
                    "topology:\n"
                    "  nodes:\n"
                    "    node:\n"
                    "      kind: linux\n"
                    "      image: alpine\n"
                    "      labels:\n"
                    f"        labshare.publish: \"tcp/{self.iperf_port} tcp/{self.echo_port}\"\n")
        data = {"name": LAB, "type": "clab",
                "nodes": {"node": {"index": "0", "shortname": "node", "longname": f"clab-{LAB}-node",
                                   "fqdn": f"node.{LAB}.io", "group": "", "labdir": "", "kind": "linux",
                                   "image": "alpine", "mgmt-net": "", "mgmt-intf": "",
                                   "mgmt-ipv4-address": NODE, "mgmt-ipv4-prefix-length": 8,
                                   "mgmt-ipv6-address": "", "mgmt-ipv6-prefix-length": 0,
                                   "mac-address": "", "labels": {}}},
                "links": []}
        with open(os.path.join(lab, f"clab-{LAB}", "topology-data.json"), "w") as f:
            json.dump(data, f)
        return topology

    def start_labshare(self, name, relay, topology):
        self.homes += 1
        home = self.path(f"home{self.homes}")  # fresh: labshare remembers ports in ~/.local/share
        os.makedirs(home)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("XDG_") and k not in ("SSH_AUTH_SOCK", "SSH_AGENT_PID")}
        env["HOME"] = home
        out_name = f"{name}.jsonl"
        with open(self.path(out_name), "w") as out, open(self.path(f"{name}.err"), "w") as err:
            proc = self.procs.start([self.args.labshare, "up", topology, "--relay", relay, "--allow-local-targets", "--json"],
                                    stdout=out, stderr=err, env=env, first_signal=signal.SIGINT)

        def public_ports():
            last = {}
            with open(self.path(out_name), errors="replace") as f:
                for line in f:
                    try:
                        event = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(event, dict) and event.get("event") == "share":
                        last[event.get("name")] = event
            ports = {}
            for event in last.values():
                public = str(event.get("public", ""))
                if event.get("state") == "up" and ":" in public:
                    ports[event.get("port")] = int(public.rsplit(":", 1)[1])
            if self.iperf_port in ports and self.echo_port in ports:
                return ports
            return None if proc.poll() is None else {}

        ports = wait_until(public_ports, 30, step=0.2)
        if not ports:
            self.procs.stop(proc)
            why = (self.tail(out_name, 2) + self.tail(f"{name}.err", 3)).strip()
            return None, f"shares not up: {why}"
        return proc, (ports[self.iperf_port], ports[self.echo_port])


def tool_version(cmd):
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return (done.stdout + done.stderr).strip().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return f"{cmd[0]} (version unknown)"


def fmt(value, digits):
    return "-" if value is None else f"{value:.{digits}f}"


def ratio(value, best):
    return "-" if value is None or not best else f"{value / best:.2f}x"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labshare", required=True, help="the labshare binary")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per iperf3 run (default 5)")
    parser.add_argument("--parallel", type=int, default=8, help="parallel iperf3 streams (default 8)")
    parser.add_argument("--connections", type=int, default=500,
                        help="sequential short connections per run (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; each figure is the median (default 3)")
    parser.add_argument("--cipher", default="", help="cipher for both clients: ssh -c NAME and &cipher=NAME")
    args = parser.parse_args()
    if args.seconds < 1 or args.parallel < 1 or args.connections < 1 or args.repeat < 1:
        parser.error("--seconds, --parallel, --connections and --repeat must be at least 1")
    executables(parser, args, "labshare")
    return run_bench("tunnel-bench", args, run)


def executables(parser, args, *options):
    """Makes the binaries the options name absolute paths; refuses one that is not an executable."""
    for option in options:
        path = getattr(args, option)
        if path:
            setattr(args, option, os.path.abspath(path))
            if not os.access(getattr(args, option), os.X_OK):
                parser.error(f"--{option} {path} is not an executable")


def run_bench(name, args, body):
    """Runs body(bench, args) with a Bench in a fresh temp dir, and stops everything on every way out."""
    for tool in ("ssh", "ssh-keygen", "iperf3"):
        if not shutil.which(tool):
            sys.exit(f"{name}: needs {tool} on PATH")

    # SIGTERM/SIGHUP take the same way out as Ctrl-C: through the finally below.
    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)

    work = tempfile.mkdtemp(prefix=f"{name}.")
    bench = Bench(args, work)
    try:
        return body(bench, args)
    except KeyboardInterrupt:
        print(f"\n{name}: interrupted, stopping everything", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup short
        bench.procs.stop_all()
        if os.environ.get("TUNNEL_BENCH_KEEP"):
            print(f"{name}: kept {work}", file=sys.stderr)  # logs of every client, for a failed run
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(bench, args):
    bench.start_relay()
    bench.start_node()
    topology = bench.write_lab()
    query = (f"flavor=openssh&public-host={RELAY_HOST}&identity={bench.key}&known-hosts={bench.known_hosts}"
             + (f"&cipher={args.cipher}" if args.cipher else ""))
    ssh_relay = f"ssh://{bench.user}@{RELAY_HOST}:{bench.relay_port}?{query}"

    names = ["raw", "openssh", "openssh+cmd", "labshare", "labshare-lan"]
    starters = {
        "openssh": lambda: bench.start_openssh("openssh", with_command=False),
        "openssh+cmd": lambda: bench.start_openssh("openssh-cmd", with_command=True),
        "labshare": lambda: bench.start_labshare("labshare", ssh_relay, topology),
        "labshare-lan": lambda: bench.start_labshare("labshare-lan", f"lan://{RELAY_HOST}", topology),
    }
    print(f"tunnel-bench: {args.seconds} s per iperf3 run, {args.parallel} parallel streams, "
          f"{args.connections} sequential connections, median of {args.repeat} rounds; "
          f"relay OpenSSH sshd on {RELAY_HOST}:{bench.relay_port}, node {NODE} "
          f"(iperf3 :{bench.iperf_port}, echo :{bench.echo_port}); cipher {args.cipher or 'default'}",
          flush=True)
    print(f"machine: {os.cpu_count()} CPUs, load {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{tool_version(['ssh', '-V'])}; {tool_version([args.labshare, '--version'])} "
          f"({time.strftime('%Y-%m-%d %H:%M', time.localtime(os.path.getmtime(args.labshare)))} build)", flush=True)

    # All tunnels stay up together and every round measures every client in turn.
    targets, procs, notes = {"raw": (NODE, bench.iperf_port, bench.echo_port)}, {}, []
    for name in names[1:]:
        proc, result = starters[name]()
        if proc is None:
            notes.append(f"{name}: failed to start ({result})")
            continue
        procs[name] = proc
        targets[name] = (RELAY_HOST, *result)
    bench.procs.note_offspring()  # the relay's sessions, and the remote `sleep`, while they are alive

    samples = {n: {"one": [], "many": [], "conn": []} for n in targets}
    problems = {n: {} for n in targets}  # client -> figure -> [count, first reason]
    streamed = {n: [0.0, 0] for n in targets}  # client -> [its CPU seconds during the iperf3 runs, bytes they moved]

    def problem(name, key, count, why):
        entry = problems[name].setdefault(key, [0, why])
        entry[0] += count

    budget = max(60.0, args.connections / 5)  # even OpenSSH -N (~30 conn/s) finishes within it
    for round_no in range(args.repeat):
        for name, (host, iperf_port, echo_port) in targets.items():
            for key, streams in (("one", 1), ("many", args.parallel)):
                proc = procs.get(name)
                before = cpu_seconds(proc.pid) if proc else None
                moved = []
                bench.wait_iperf_server()
                value, why = iperf(host, iperf_port, streams, args.seconds, moved)
                after = cpu_seconds(proc.pid) if proc else None
                if before is not None and after is not None and moved:
                    streamed[name][0] += after - before
                    streamed[name][1] += moved[0]
                if value is None:
                    problem(name, key, 1, why)
                    bench.restart_iperf_server()  # a failed run can leave the server busy
                else:
                    samples[name][key].append(value)
            rate, failed, why = connection_rate(host, echo_port, args.connections, budget)
            if failed:
                problem(name, "conn", failed, f"round {round_no + 1}: {why}")
            if rate is not None:
                samples[name]["conn"].append(rate)
        print(f"  round {round_no + 1}/{args.repeat} done", file=sys.stderr, flush=True)

    cpu = {name: cpu_seconds(proc.pid) for name, proc in procs.items()}
    medians = {n: {k: (statistics.median(v) if v else None) for k, v in s.items()} for n, s in samples.items()}
    best = {k: max([medians[n][k] for n in ("openssh", "openssh+cmd") if n in medians and medians[n][k]],
                   default=None) for k in ("one", "many", "conn")}

    head = f"{'client':<13} {'1 stream':>9} {'ratio':>7}  {f'{args.parallel} streams':>10} {'ratio':>7}  " \
           f"{'conn/s':>8} {'ratio':>7}"
    print(head)
    print(f"{'':<13} {'Gbit/s':>9} {'':>7}  {'Gbit/s':>10} {'':>7}  {'':>8} {'':>7}")
    for name in names:
        if name not in medians:
            print(f"{name:<13} {'failed':>9}")
            continue
        m = medians[name]
        print(f"{name:<13} {fmt(m['one'], 2):>9} {ratio(m['one'], best['one']):>7}  "
              f"{fmt(m['many'], 2):>10} {ratio(m['many'], best['many']):>7}  "
              f"{fmt(m['conn'], 0):>8} {ratio(m['conn'], best['conn']):>7}")
    print("ratio = figure / the better OpenSSH row (openssh or openssh+cmd) in that column")
    labels = {"one": "1 stream", "many": f"{args.parallel} streams", "conn": "conn/s"}
    for name in names:
        for key, (count, why) in problems.get(name, {}).items():
            unit = "connections failed or not made" if key == "conn" else "iperf3 runs failed"
            notes.append(f"{name} {labels[key]}: {count} {unit}, median over {len(samples[name][key])} "
                         f"good runs; first: {why}")
        proc = procs.get(name)
        if proc is not None and proc.poll() is not None:
            notes.append(f"{name}: the client exited early with {proc.returncode}")
    spent = ", ".join(f"{n} {c:.1f}" for n, c in cpu.items() if c is not None)
    if spent:
        notes.append(f"tunnel client CPU seconds over the whole run: {spent}")
    per_gb = {n: c / (b / 1e9) for n, (c, b) in streamed.items() if b and n in procs}
    best_gb = min([per_gb[n] for n in ("openssh", "openssh+cmd") if n in per_gb], default=None)
    for note in notes:
        print(f"note: {note}")

    verdicts = []
    for key, label in (("one", "1 stream"), ("many", f"{args.parallel} streams"), ("conn", "conn/s")):
        value = medians.get("labshare", {}).get(key)
        if value is None or not best[key]:
            verdicts.append(f"{label} n/a")
        else:
            r = value / best[key]
            verdicts.append(f"{label} {r:.2f}x {'at/above' if round(r, 2) >= 1.0 else 'BELOW'}")
    if per_gb:
        print("tunnel client CPU seconds per GB moved (iperf3 runs): " + ", ".join(
            f"{n} {v:.2f} ({ratio(v, best_gb)})" for n, v in per_gb.items()))
    value = per_gb.get("labshare")
    if value is not None and best_gb:
        r = value / best_gb
        verdicts.append(f"CPU per GB {r:.2f}x {'at/below' if round(r, 2) <= 1.0 else 'ABOVE'}")
    print("labshare vs better OpenSSH: " + "; ".join(verdicts))
    return 0 if "labshare" in medians else 1


if __name__ == "__main__":
    sys.exit(main())
