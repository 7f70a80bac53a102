#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command inside a desktop the tests can use: a session D-Bus (outermost, so nothing ever
# waits on a prompt) with a fresh, unlocked gnome-keyring as its Secret Service, an Xvfb screen of
# 1280x800 and trayer as the system tray host.
#   tests/with-desktop.sh ctest --preset ci
set -eu
need() { # program package
    command -v "$1" >/dev/null 2>&1 || { echo "with-desktop.sh: $1 is missing: install the Debian package $2" >&2; exit 1; }
}
case "${LABSHARE_DESKTOP_STAGE:-}" in
"")
    need dbus-run-session dbus-daemon
    export LABSHARE_DESKTOP_STAGE=keyring
    exec dbus-run-session -- "$0" "$@"
    ;;
keyring)
    # On that bus, before any display exists: a keyring created and unlocked from stdin can never
    # prompt (a locked one would open an unlock prompt on Xvfb and hang the run). Its files and
    # control socket live in a directory of its own, so the user's keyring and a desktop's running
    # daemon are never touched, whatever HOME and XDG_RUNTIME_DIR are.
    need gnome-keyring-daemon gnome-keyring
    need dbus-send dbus-bin
    keyring=$(mktemp -d)
    mkdir -m 700 "$keyring/run" "$keyring/data"
    printf %s test-pass | env -u DISPLAY XDG_RUNTIME_DIR="$keyring/run" XDG_DATA_HOME="$keyring/data" \
        gnome-keyring-daemon --foreground --unlock --components=secrets >"$keyring/log" 2>&1 &
    daemon=$!
    # shellcheck disable=SC2317 # called by the trap
    stop_keyring() { kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -rf "$keyring"; }
    trap stop_keyring EXIT
    trap 'exit 130' INT TERM
    bus() { dbus-send --session --print-reply=literal "$@" 2>/dev/null; }
    # Wait until the daemon owns org.freedesktop.secrets (else D-Bus activation would start another
    # one, outside the private directory); then make sure its login collection is unlocked.
    tries=0
    until bus --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets |
        grep -q true; do
        tries=$((tries + 1))
        if [ $tries -gt 100 ] || ! kill -0 "$daemon" 2>/dev/null; then
            echo "with-desktop.sh: gnome-keyring did not come up on the session bus:" >&2
            cat "$keyring/log" >&2
            exit 1
        fi
        sleep 0.1
    done
    if ! bus --dest=org.freedesktop.secrets /org/freedesktop/secrets/collection/login \
        org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked | grep -q false; then
        echo "with-desktop.sh: the test keyring is locked; refusing to run tests that would wait on a prompt" >&2
        exit 1
    fi
    status=0
    LABSHARE_DESKTOP_STAGE=desktop xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@" || status=$?
    exit $status
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
