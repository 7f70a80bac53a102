#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The relay kit's setup script (installer/relay/install.sh) for real, as root, in a private mount namespace:
# /etc, the PAM module directory and /usr/libexec are copies (or empty) there, so the machine's own sshd, PAM
# and accounts are never touched. It checks that
#   1. a setup that fails part-way (here: the main sshd_config does not include sshd_config.d, so sshd would
#      not apply the relay settings) leaves everything as it was: no account, no validator, no PAM module,
#      no relay.conf, /etc/pam.d/sshd and sshd_config.d unchanged;
#   2. a setup that succeeds lets the account listen on the public address only: the drop-in says
#      PermitListen ADDRESS:* and `sshd -T` applies it to the account;
#   3. the setup refuses to write a relay.conf without a client id.
#   relay-setup.sh SOURCE_DIR
set -eu
src=$(cd "$1" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "relay-setup.sh: runs install.sh as root: run it as root"; exit 1; }
command -v unshare >/dev/null 2>&1 || { echo "relay-setup.sh: needs unshare (Debian package util-linux)"; exit 1; }
[ -x /usr/sbin/sshd ] || { echo "relay-setup.sh: needs sshd (Debian package openssh-server)"; exit 1; }
moddir=$(dirname "$(find /lib/ /usr/lib/ -path '*/security/pam_unix.so' 2>/dev/null | head -n 1)")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/libexec"

# Everything below runs in the namespace; its mounts vanish with it.
unshare --mount --propagation private sh -eu -s "$src" "$work" "$moddir" <<'NAMESPACE'
src=$1 work=$2 moddir=$3
cp -a /etc "$work/etc"
cp -a "$moddir" "$work/security"
mount --bind "$work/etc" /etc
mount --bind "$work/security" "$moddir"
mount --bind "$work/libexec" /usr/libexec
setup="$src/installer/relay/install.sh"
account=lsrelaysetup
fail() { echo "FAIL: $*"; exit 1; }

snapshot() { # what a setup may change, as one text to compare
    for f in /etc/passwd /etc/group /etc/shadow /etc/pam.d/sshd; do echo "== $f"; cat "$f"; done
    echo "== listings"
    ls -lA /etc/pam.d /etc/ssh/sshd_config.d "$moddir" /usr/libexec
    ls -lA /etc/labshare-relay 2>&1 || true
}

# 1. sshd would not read the drop-in: the setup fails at its check, after it has created the account,
#    installed the programs, written relay.conf and changed PAM. All of it must be undone.
grep -v '^Include /etc/ssh/sshd_config.d/' /etc/ssh/sshd_config >"$work/sshd_config"
cat "$work/sshd_config" >/etc/ssh/sshd_config
before=$(snapshot)
if "$setup" --issuer http://127.0.0.1:9 --allow example.org --client-id labshare-test \
    --public-address 192.0.2.7 --account "$account" --no-reload >"$work/out1" 2>&1; then
    cat "$work/out1"
    fail "the setup succeeded although sshd does not include sshd_config.d"
fi
grep -q "every change it made was undone" "$work/out1" || { cat "$work/out1"; fail "no word of the rollback"; }
after=$(snapshot)
if [ "$before" != "$after" ]; then
    cat "$work/out1"
    printf '%s\n' "$before" >"$work/before"
    printf '%s\n' "$after" >"$work/after"
    diff "$work/before" "$work/after" || true
    fail "a failed setup left changes behind"
fi
getent passwd "$account" >/dev/null && fail "the account $account is still there"
echo "ok 1: a failed setup undid all it had done"

# 2. With the include in place the setup succeeds, and the account may listen on 192.0.2.7 only.
printf 'Include /etc/ssh/sshd_config.d/*.conf\n' | cat - "$work/sshd_config" >/etc/ssh/sshd_config
"$setup" --issuer http://127.0.0.1:9 --allow example.org --client-id labshare-test \
    --public-address 192.0.2.7 --account "$account" --no-reload >"$work/out2" 2>&1 || { cat "$work/out2"; fail "setup failed"; }
grep -qx '    PermitListen 192.0.2.7:\*' /etc/ssh/sshd_config.d/labshare-relay.conf ||
    { cat /etc/ssh/sshd_config.d/labshare-relay.conf; fail "the drop-in does not restrict PermitListen"; }
/usr/sbin/sshd -T -C "user=$account,host=relay.invalid,addr=192.0.2.1" | grep -qx 'permitlisten 192.0.2.7:\*' ||
    fail "sshd does not apply PermitListen 192.0.2.7:* to $account"
/usr/sbin/sshd -T -C "user=root,host=relay.invalid,addr=192.0.2.1" | grep -qx 'permitlisten 192.0.2.7:\*' &&
    fail "PermitListen reaches other accounts"
grep -qx 'client_id = labshare-test' /etc/labshare-relay/relay.conf || fail "relay.conf has no client_id"
session=/usr/libexec/labshare-relay/labshare-relay-session
[ -x "$session" ] || fail "$session is not installed"
[ "$(getent passwd "$account" | cut -d: -f7)" = "$session" ] || fail "the account's shell is not $session"
echo "ok 2: the account may listen on the public address only; its shell is the session program"

# A second run without --public-address keeps the address it wrote.
"$setup" --account "$account" --no-reload >"$work/out3" 2>&1 || { cat "$work/out3"; fail "second setup failed"; }
grep -qx '    PermitListen 192.0.2.7:\*' /etc/ssh/sshd_config.d/labshare-relay.conf || fail "the second run changed the address"
echo "ok 2b: a second run keeps the public address"

# 3. No client id: refused before anything changes, saying what is missing.
before=$(snapshot)
if "$setup" --issuer http://127.0.0.1:9 --allow example.org --account "$account" --no-reload >"$work/out4" 2>&1; then
    fail "a relay.conf without client_id was accepted"
fi
grep -q -- "--client-id" "$work/out4" || { cat "$work/out4"; fail "the refusal does not name --client-id"; }
[ "$before" = "$(snapshot)" ] || fail "the refused run changed something"
echo "ok 3: no relay.conf without a client id"
NAMESPACE
echo "relay setup: rollback, PermitListen and client id checked"
