#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark: `labshare inspect --json` on a generated 2,000-node topology.

Prints the median wall time and the peak resident memory of `labshare inspect --json`, beside
`labshare --version` (process start-up, the floor of any run) from the same binary, and their
ratio. Machines here are shared: compare ratios from one run, not absolute figures across runs.

    python3 tests/bench/inspect-bench.py build/dev/app/labshare [--nodes 2000] [--repeat 9]
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(cmd, repeat):
    """Median wall seconds and peak RSS (KiB) of `cmd`, each run in a fresh process."""
    times, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.execv(cmd[0], cmd)
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) not in (0, 2):
            sys.exit(f"{' '.join(cmd)} failed with {status}")
    return statistics.median(times), max(peaks)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("labshare")
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    binary = os.path.abspath(args.labshare)

    with tempfile.TemporaryDirectory() as tmp:
        topo = os.path.join(tmp, "bench.clab.yml")
        with open(topo, "w") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "make-topology.py"), str(args.nodes)], stdout=f,
                           check=True)
        size = os.path.getsize(topo)
        check = subprocess.run([binary, "inspect", topo, "--json"], capture_output=True, text=True)
        entries = check.stdout.count('"from"')
        base_t, base_m = measure([binary, "--version"], args.repeat)
        run_t, run_m = measure([binary, "inspect", topo, "--json"], args.repeat)

    print(f"topology: {args.nodes} nodes, {size / 1024:.0f} KiB, {entries} effective publish entries, "
          f"exit {check.returncode}, median of {args.repeat} runs")
    print(f"{'run':<32} {'wall ms':>9} {'peak RSS MiB':>13}")
    print(f"{'labshare --version (start-up)':<32} {base_t * 1000:>9.1f} {base_m / 1024:>13.1f}")
    print(f"{'labshare inspect --json':<32} {run_t * 1000:>9.1f} {run_m / 1024:>13.1f}")
    print(f"{'ratio inspect / start-up':<32} {run_t / base_t:>9.2f}x {run_m / base_m:>12.2f}x")
    print(f"per node: {(run_t - base_t) * 1e6 / args.nodes:.1f} us, {(run_m - base_m) / args.nodes:.2f} KiB")


if __name__ == "__main__":
    main()
