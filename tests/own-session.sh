#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command in a session of its own: a fresh HOME and XDG_RUNTIME_DIR (removed afterwards) and a
# session D-Bus with a fresh, unlocked gnome-keyring as its Secret Service. ctest runs every integration
# and ui test this way, so tests that run in parallel never share settings, keychain entries or the
# gate's key (one per keychain); tests/with-desktop.sh adds the X screen and tray host they do share.
#   tests/own-session.sh COMMAND [ARGUMENT...]
set -eu
need() { # program package
    command -v "$1" >/dev/null 2>&1 || { echo "own-session.sh: $1 is missing: install the Debian package $2" >&2; exit 1; }
}
case "${LABSHARE_SESSION_STAGE:-}" in
"")
    need dbus-run-session dbus-daemon
    session=$(mktemp -d)
    mkdir -m 700 "$session/home" "$session/run"
    status=0
    HOME="$session/home" XDG_RUNTIME_DIR="$session/run" LABSHARE_SESSION_STAGE=keyring \
        dbus-run-session -- "$0" "$@" || status=$?
    rm -rf "$session"
    exit $status
    ;;
keyring)
    unset LABSHARE_SESSION_STAGE
    # On that bus: a keyring created and unlocked from stdin can never prompt (a locked one would open an
    # unlock prompt on the X screen and hang the run). Its files and control socket live in a directory of
    # its own, so the user's keyring and a desktop's running daemon are never touched.
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
        if [ $tries -gt 300 ] || ! kill -0 "$daemon" 2>/dev/null; then
            echo "own-session.sh: gnome-keyring did not come up on the session bus:" >&2
            cat "$keyring/log" >&2
            exit 1
        fi
        sleep 0.1
    done
    if ! bus --dest=org.freedesktop.secrets /org/freedesktop/secrets/collection/login \
        org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked | grep -q false; then
        echo "own-session.sh: the keyring is locked; refusing to run what would wait on a prompt" >&2
        exit 1
    fi
    status=0
    "$@" || status=$?
    exit $status
    ;;
*)
    echo "own-session.sh: unknown LABSHARE_SESSION_STAGE=$LABSHARE_SESSION_STAGE" >&2
    exit 2
    ;;
esac
