#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command inside a desktop the tests can use: a session of its own (tests/own-session.sh: a fresh
# HOME, a session D-Bus with a fresh, unlocked gnome-keyring), an Xvfb screen of 1280x800 and trayer as the
# system tray host. ctest gives each integration and ui test a session of its own within it.
#   tests/with-desktop.sh ctest --preset ci
set -eu
need() { # program package
    command -v "$1" >/dev/null 2>&1 || { echo "with-desktop.sh: $1 is missing: install the Debian package $2" >&2; exit 1; }
}
case "${LABSHARE_DESKTOP_STAGE:-}" in
"")
    need xvfb-run xvfb
    export LABSHARE_DESKTOP_STAGE=desktop
    exec "$(dirname "$0")/own-session.sh" xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
    ;;
desktop)
    export LABSHARE_IN_DESKTOP=1
    trayer --edge top --align right --widthtype request --height 28 --SetDockType true --transparent false \
        --tint 0x333333 >/dev/null 2>&1 &
    tray=$!
    sleep 1 # trayer takes the tray selection within a moment (the desktop test checks it has)
    status=0
    "$@" || status=$?
    kill "$tray" 2>/dev/null || true
    exit $status
    ;;
*)
    echo "with-desktop.sh: unknown LABSHARE_DESKTOP_STAGE=$LABSHARE_DESKTOP_STAGE" >&2
    exit 2
    ;;
esac
