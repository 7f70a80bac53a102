#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Turns this machine's OpenSSH server into a LabShare relay: the account `labshare` may publish
# reverse forwards after signing in with an identity-provider token, and do nothing else.
# Installed by the labshare-relay package as /usr/sbin/labshare-relay-setup; also runs from the
# source tree (installer/relay/install.sh), where it installs the validator and builds the PAM module.
#
#   install.sh [--issuer URL] [--allow LIST] [--account NAME] [--no-reload]
#   install.sh --uninstall [--account NAME] [--no-reload]
#
# What it does (README.md has the whole story):
#   1. the validator in /usr/libexec/labshare-relay/, pam_labshare_token.so in the PAM module directory
#   2. /etc/labshare-relay/relay.conf (kept if present; --issuer/--allow write a new one)
#   3. the account: system user, shell /usr/sbin/nologin, password locked, no home directory
#   4. /etc/pam.d/labshare-relay, and `@include labshare-relay` at the top of /etc/pam.d/sshd
#   5. /etc/ssh/sshd_config.d/labshare-relay.conf; `sshd -t` and the account's effective settings
#      (`sshd -T -C user=…`) must check out, or every change to sshd and PAM is undone
#   6. sshd reloads its configuration
# --uninstall undoes 4-6 and removes what step 1 installed from the source tree; it keeps the account
# (locked) and /etc/labshare-relay, and says so.
set -eu

account=labshare
issuer=""
allow=""
reload=yes
action=install
while [ $# -gt 0 ]; do
    case "$1" in
    --issuer) issuer=${2:?--issuer needs a URL}; shift 2 ;;
    --allow) allow=${2:?--allow needs e-mails or @domains}; shift 2 ;;
    --account) account=${2:?--account needs a name}; shift 2 ;;
    --no-reload) reload=no; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$account" in
*[!a-z0-9_-]* | "" | [!a-z_]*) echo "install.sh: --account wants a lower-case user name" >&2; exit 2 ;;
esac

say() { echo "labshare-relay: $*"; }
die() { echo "labshare-relay: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (sudo $0 $*)"

here=$(cd "$(dirname "$0")" && pwd)
if [ -f "$here/sshd_config.d/labshare-relay.conf" ]; then
    kit=$here
    from_source=yes
else
    kit=/usr/share/labshare-relay
    from_source=no
fi
[ -f "$kit/sshd_config.d/labshare-relay.conf" ] || die "the relay kit is not in $kit (reinstall labshare-relay)"

sshd=$(command -v sshd 2>/dev/null || true)
[ -n "$sshd" ] || sshd=/usr/sbin/sshd
[ -x "$sshd" ] || die "sshd is not installed: apt-get install openssh-server"

libexec=/usr/libexec/labshare-relay
validator=$libexec/labshare-relay-check
conf_dir=/etc/labshare-relay
dropin=/etc/ssh/sshd_config.d/labshare-relay.conf
pam_file=/etc/pam.d/labshare-relay
pam_sshd=/etc/pam.d/sshd
marker="# labshare-relay: the relay account signs in with a token only (labshare-relay-setup --uninstall removes this)"

pam_module_dir() {
    # /lib first: Debian 12's libpam-modules lives there (the same directory as /usr/lib on merged /usr).
    found=$(find /lib/ /usr/lib/ -path '*/security/pam_unix.so' 2>/dev/null | head -n 1)
    [ -n "$found" ] || die "no PAM module directory (pam_unix.so) found: apt-get install libpam-modules"
    dirname "$found"
}

owned_by_package() { dpkg-query -S "$1" >/dev/null 2>&1; }

reload_sshd() { # $1: what to say when sshd is not running
    [ "$reload" = yes ] || { say "not reloading sshd (--no-reload): its new settings apply after a reload"; return 0; }
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        if systemctl is-active --quiet ssh; then
            systemctl reload ssh && say "sshd reloaded"
            return 0
        fi
    elif [ -s /run/sshd.pid ] && kill -0 "$(cat /run/sshd.pid)" 2>/dev/null; then
        kill -HUP "$(cat /run/sshd.pid)" && say "sshd reloaded (SIGHUP)"
        return 0
    fi
    say "sshd is not running: $1"
}

remove_pam_include() {
    [ -f "$pam_sshd" ] || return 0
    if grep -qxF '@include labshare-relay' "$pam_sshd"; then
        tmp=$(mktemp "$pam_sshd.XXXXXX")
        grep -vxF -e '@include labshare-relay' -e "$marker" "$pam_sshd" >"$tmp" || true
        chmod --reference="$pam_sshd" "$tmp"
        mv "$tmp" "$pam_sshd"
    fi
}

undo_sshd_and_pam() {
    rm -f "$dropin" "$pam_file"
    remove_pam_include
}

uninstall() {
    undo_sshd_and_pam
    "$sshd" -t || die "sshd -t fails even without the relay settings: fix /etc/ssh/sshd_config first"
    say "removed $dropin, $pam_file and the include in $pam_sshd"
    if [ "$from_source" = yes ]; then
        for f in "$validator" "$(pam_module_dir)/pam_labshare_token.so"; do
            if [ -e "$f" ] && ! owned_by_package "$f"; then
                rm -f "$f"
                say "removed $f"
            fi
        done
        rmdir "$libexec" 2>/dev/null || true
    fi
    reload_sshd "nothing to reload"
    say "kept the account $account (password locked, shell nologin) and $conf_dir; delete them with:"
    say "  userdel $account; rm -r $conf_dir"
}

install_programs() {
    moddir=$(pam_module_dir)
    if [ "$from_source" = no ]; then
        [ -x "$validator" ] && [ -f "$moddir/pam_labshare_token.so" ] ||
            die "$validator or $moddir/pam_labshare_token.so is missing: reinstall labshare-relay"
        return 0
    fi
    command -v python3 >/dev/null 2>&1 || die "python3 is not installed: apt-get install python3"
    install -D -m 0755 "$kit/labshare-relay-check" "$validator"
    # From the source tree the module is built here: it is one small C file.
    if [ ! -f /usr/include/security/pam_modules.h ] || ! command -v cc >/dev/null 2>&1; then
        die "building pam_labshare_token.so needs a C compiler and the PAM headers: apt-get install gcc libpam0g-dev"
    fi
    cc -std=c11 -O2 -Wall -Wextra -fPIC -shared -DLABSHARE_RELAY_VALIDATOR="\"$validator\"" \
        -o "$moddir/pam_labshare_token.so" "$kit/pam_labshare_token.c" -lpam
    chmod 0644 "$moddir/pam_labshare_token.so"
    say "installed $validator and $moddir/pam_labshare_token.so"
}

write_config() {
    install -d -m 0755 "$conf_dir"
    if [ -n "$issuer" ] || [ -n "$allow" ]; then
        [ -n "$issuer" ] && [ -n "$allow" ] || die "--issuer and --allow go together"
        cat >"$conf_dir/relay.conf" <<EOF
# Written by labshare-relay-setup; every setting is explained in $kit/relay.conf.
[relay]
issuer = $issuer
allow = $allow
timeout = 5
EOF
        chmod 0644 "$conf_dir/relay.conf"
        say "wrote $conf_dir/relay.conf"
    elif [ ! -f "$conf_dir/relay.conf" ]; then
        install -m 0644 "$kit/relay.conf" "$conf_dir/relay.conf"
        say "wrote the example $conf_dir/relay.conf: set issuer and allow there (until then nobody gets in)"
    else
        say "kept $conf_dir/relay.conf"
    fi
}

create_account() {
    if entry=$(getent passwd "$account"); then
        shell=${entry##*:}
        case "$shell" in
        */nologin | */false) ;;
        *) die "the account $account exists with the shell $shell: choose another name with --account" ;;
        esac
    else
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
            --comment "LabShare relay" "$account"
        say "created the account $account"
    fi
    usermod --lock "$account" >/dev/null
}

install_pam_and_sshd() {
    sed "s/^auth \[success=ignore default=1\] pam_succeed_if.so quiet user = labshare$/auth [success=ignore default=1] pam_succeed_if.so quiet user = $account/" \
        "$kit/pam.d/labshare-relay" >"$pam_file"
    chmod 0644 "$pam_file"
    [ -f "$pam_sshd" ] || die "$pam_sshd is missing: reinstall openssh-server"
    if ! grep -qxF '@include labshare-relay' "$pam_sshd"; then
        # First, before `@include common-auth`: the relay account never reaches pam_unix.
        tmp=$(mktemp "$pam_sshd.XXXXXX")
        { echo "$marker"; echo '@include labshare-relay'; cat "$pam_sshd"; } >"$tmp"
        chmod --reference="$pam_sshd" "$tmp"
        mv "$tmp" "$pam_sshd"
    fi
    install -d -m 0755 "$(dirname "$dropin")"
    sed "s/^Match User labshare$/Match User $account/" "$kit/sshd_config.d/labshare-relay.conf" >"$dropin"
    chmod 0644 "$dropin"
}

# The settings that make this a LabShare relay, as sshd will apply them to the account.
check_effective() {
    if ! out=$("$sshd" -t 2>&1); then
        echo "$out" >&2
        return 1
    fi
    effective=$("$sshd" -T -C "user=$account,host=relay.invalid,addr=192.0.2.1" 2>&1) || {
        echo "$effective" >&2
        return 1
    }
    status=0
    for want in "usepam yes" "kbdinteractiveauthentication yes" "authenticationmethods keyboard-interactive" \
        "allowtcpforwarding remote" "gatewayports clientspecified" "permittty no" "forcecommand /bin/true"; do
        if ! echo "$effective" | grep -qxF "$want"; then
            echo "labshare-relay: sshd would not apply '$want' to $account (is $dropin included and is UsePAM yes?)" >&2
            status=1
        fi
    done
    return $status
}

if [ "$action" = uninstall ]; then
    uninstall
    exit 0
fi

install_programs
write_config
create_account
install_pam_and_sshd
if ! check_effective; then
    undo_sshd_and_pam
    die "sshd does not accept the relay settings; nothing was changed in sshd or PAM"
fi
say "sshd and PAM are set up for $account"
if "$validator" --config "$conf_dir/relay.conf" --check; then
    :
else
    say "warning: the issuer in $conf_dir/relay.conf does not answer yet: fix it, nobody gets in until then"
fi
reload_sshd "start it (systemctl start ssh) and the relay is live"
say "LabShare users connect with ssh://$account@$(hostname -f 2>/dev/null || hostname):22?auth=token&flavor=openssh"
