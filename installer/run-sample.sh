#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what LabShare needs, builds it, and starts the desktop app on the bundled sample lab.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/installer/dependencies.sh" build
cmake --preset dev -S "$top" >/dev/null
# Only the app it starts: the test suite is for developers (cmake --build build/dev builds everything).
cmake --build "$top/build/dev" --target labshare
exec "$top/build/dev/app/labshare" "$top/resources/samples/classroom.clab.yml" "$@"
