#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what the tests need, builds LabShare with warnings as errors, and runs every test:
# unit, ui, integration and style (clang-format, layering). CI runs exactly this.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/installer/dependencies.sh" test
"$top/tests/fixtures/oidc/install.sh"
cd "$top"
cmake --preset ci >/dev/null
cmake --build --preset ci
# Tests never touch the user's own configuration or keyring.
HOME=$(mktemp -d)
XDG_RUNTIME_DIR=$(mktemp -d)
export HOME XDG_RUNTIME_DIR
chmod 700 "$XDG_RUNTIME_DIR"
LABSHARE_SCREENSHOT_DIR="$top/build/ci/screenshots"
export LABSHARE_SCREENSHOT_DIR
"$top/tests/with-desktop.sh" ctest --preset ci --no-tests=error "$@"
