#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The relay kit's scripts (installer/relay) parse: the validator compiles under python3 and imports
# the standard library only (it runs on a bare relay); install.sh and the package's prerm pass sh -n.
set -eu
kit="$1/installer/relay"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: install the Debian package python3"; exit 1; }
python3 - "$kit/labshare-relay-check" <<'PY'
import ast
import sys

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    tree = ast.parse(f.read(), path)
compile(tree, path, "exec")
modules = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
modules |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
outside = sorted(m for m in modules if m not in sys.stdlib_module_names)
if outside:
    sys.exit(f"{path} imports modules outside the standard library: {', '.join(outside)}")
PY
for script in install.sh deb/prerm; do
    sh -n "$kit/$script"
done
echo "relay kit: labshare-relay-check compiles (standard library only); install.sh and deb/prerm parse"
