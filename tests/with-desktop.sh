#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command inside a desktop the tests can use: a session D-Bus (outermost, so nothing ever
# waits on a prompt), an Xvfb screen of 1280x800 and trayer as the system tray host.
#   tests/with-desktop.sh ctest --preset ci
set -eu
if [ "${LABSHARE_IN_DESKTOP:-}" != 1 ]; then
    export LABSHARE_IN_DESKTOP=1
    exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
trayer --edge top --align right --widthtype request --height 28 --SetDockType true --transparent false \
    --tint 0x333333 >/dev/null 2>&1 &
tray=$!
sleep 1 # trayer takes the tray selection within a moment (the desktop test checks it has)
status=0
"$@" || status=$?
kill "$tray" 2>/dev/null || true
exit $status
