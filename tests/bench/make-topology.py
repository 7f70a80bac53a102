#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a large containerlab topology with publish entries at every level, for benchmarks."""
import sys

def main() -> None:
    nodes = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    out = sys.stdout
    out.write("name: bench-${LAB_SUFFIX:=big}\nprefix: bench\n")
    out.write("topology:\n  defaults:\n    kind: linux\n    image: alpine:3\n    publish: [tcp/22]\n")
    out.write("  kinds:\n    nokia_srlinux:\n      image: ghcr.io/nokia/srlinux:${SRL_VERSION:=latest}\n")
    out.write('      publish: ["tls/57400/instructor@example.edu,example.edu", tcp/22]\n')
    out.write("    linux:\n      labels: {team: blue}\n")
    out.write("  groups:\n")
    for g in range(20):
        out.write(f"    g{g}:\n      labels: {{rack: r{g}}}\n")
        if g % 2 == 0:
            out.write(f"      publish: [http/{8000 + g}/students{g}.example.edu]\n")
    out.write("  nodes:\n")
    for n in range(nodes):
        a, b = divmod(n, 250)
        out.write(f"    n{n}:\n")
        if n % 3 == 0:
            out.write("      kind: nokia_srlinux\n")
        out.write(f"      group: g{n % 20}\n      mgmt-ipv4: 10.{a}.{b}.{1 + n % 250}\n")
        if n % 5 == 0:
            out.write(f"      publish:\n        - tcp/22/u{n}@example.edu\n        - https/{1024 + n}\n")
        if n % 7 == 0:
            out.write(f"      labels:\n        labshare.publish: \"tcp/22 http/{2000 + n}/example.org\"\n")
    out.write("  links:\n")
    for n in range(0, nodes - 1, 2):
        out.write(f"    - endpoints: [\"n{n}:eth1\", \"n{n + 1}:eth1\"]\n")

if __name__ == "__main__":
    main()
