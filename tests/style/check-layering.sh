#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# core/ and the headless verbs (app/headless/) link Qt Core and Network only; each third-party library has one
# home.
set -u
cd "$1"
status=0
fail() { echo "layering: $1"; status=1; }
src() { find "$@" -name '*.cpp' -o -name '*.h' 2>/dev/null; }

gui=$(src core app/headless | xargs grep -lE '#include *<(QtGui|QtWidgets|QWidget|QApplication|QGuiApplication|QIcon|QPixmap|QImage|QClipboard|QDesktopServices|QSystemTrayIcon)' 2>/dev/null)
[ -z "$gui" ] || fail "core/ or app/headless/ includes QtGui or QtWidgets: $gui"
gui=$(src core app/headless | xargs grep -lE '\b(QWidget|QApplication|QIcon|QDesktopServices)\b' 2>/dev/null)
[ -z "$gui" ] || fail "core/ or app/headless/ names GUI classes: $gui"
grep -qE 'Qt6?::(Gui|Widgets)' core/CMakeLists.txt && fail "core/CMakeLists.txt links Qt Gui or Widgets"
grep -qE 'Qt6?::(Gui|Widgets)|\bui\b|labshare_desktop' app/headless/CMakeLists.txt &&
    fail "app/headless/CMakeLists.txt links Qt Gui, Widgets, ui/ or the desktop"

home() { # pattern home library
    out=$(src app core ui tests | grep -v "^$2/" | xargs grep -lE "$1" 2>/dev/null)
    [ -z "$out" ] || fail "$3 used outside $2/: $out"
}
home '#include *<yaml-cpp/' core/topology yaml-cpp
home '#include *<libssh/' core/tunnel/ssh libssh
home '#include *<(qt6keychain|qtkeychain)/' core/secrets QtKeychain
home '#include *<qrencode' core/qr libqrencode
home '#include *<openssl/' core/gate OpenSSL
home '#include *<http_parser' core/gate http-parser

# libssh stays behind core/tunnel/ssh: no file elsewhere includes an ssh/ header that brings libssh in with it
# (the engine's callers name what they decide through ssh/SshChoices.h, which has no libssh).
carriers=$(grep -lE '#include *<libssh/' core/tunnel/ssh/*.h | xargs -n1 basename)
while :; do
    more=$carriers
    for h in core/tunnel/ssh/*.h; do
        for c in $carriers; do grep -q "#include \"tunnel/ssh/$c\"" "$h" && more="$more $(basename "$h")"; done
    done
    more=$(echo "$more" | tr ' ' '\n' | sort -u | tr '\n' ' ')
    [ "$more" = "$carriers" ] && break
    carriers=$more
done
for c in $carriers; do
    out=$(src app core ui | grep -v '^core/tunnel/' | xargs grep -l "#include \"tunnel/ssh/$c\"" 2>/dev/null)
    [ -z "$out" ] || fail "tunnel/ssh/$c brings libssh outside core/tunnel: $out"
done

[ $status -eq 0 ] && echo "layering: core and the headless verbs are GUI-free; yaml-cpp, libssh, QtKeychain, libqrencode, OpenSSL and http-parser each stay in their home"
exit $status
