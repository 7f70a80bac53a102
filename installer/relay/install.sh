#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Turns this machine's OpenSSH server into a LabShare relay: the account `labshare` may publish
# reverse forwards after signing in with an identity-provider token, and do nothing else.
# Installed by the labshare-relay package as /usr/sbin/labshare-relay-setup; also runs from the
# source tree (installer/relay/install.sh), where it installs the validator and builds the PAM module.
#
#   install.sh [--issuer URL --allow LIST (--client-id ID | --allow-any-client)] [--public-address ADDRESS]
#              [--account NAME] [--no-reload]
#   install.sh --uninstall [--account NAME] [--no-reload]
#
# What it does (README.md has the whole story):
#   1. the validator in /usr/libexec/labshare-relay/, pam_labshare_token.so in the PAM module directory
#   2. /etc/labshare-relay/relay.conf (kept if present; --issuer/--allow/--client-id write a new one)
#   3. the account: system user, password locked, no home directory, and as its shell the kit's session program
#      (labshare-relay-session: runs nothing a client asks for; replaces a stale session of the same installation)
#   4. /etc/pam.d/labshare-relay, and `@include labshare-relay` at the top of /etc/pam.d/sshd
#   5. /etc/ssh/sshd_config.d/labshare-relay.conf, whose PermitListen lets the account listen on the public
#      address only (--public-address; else the one already there; else the source address of the default
#      route); `sshd -t` and the account's effective settings (`sshd -T -C user=…`) must check out
#   6. sshd reloads its configuration
# When any step fails, everything this run changed is put back as it was (files restored, a new account
# removed) before it exits non-zero.
# --uninstall undoes 4-6 and removes what step 1 installed from the source tree; it keeps the account
# (locked) and /etc/labshare-relay, and says so.
set -eu

account=labshare
issuer=""
allow=""
client_id=""
any_client=no
public_address=""
reload=yes
action=install
while [ $# -gt 0 ]; do
    case "$1" in
    --issuer) issuer=${2:?--issuer needs a URL}; shift 2 ;;
    --allow) allow=${2:?--allow needs e-mails and domains}; shift 2 ;;
    --client-id) client_id=${2:?--client-id needs the client id LabShare signs in with}; shift 2 ;;
    --allow-any-client) any_client=yes; shift ;;
    --public-address) public_address=${2:?--public-address needs the address students reach the relay at}; shift 2 ;;
    --account) account=${2:?--account needs a name}; shift 2 ;;
    --no-reload) reload=no; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h | --help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$account" in
*[!a-z0-9_-]* | "" | [!a-z_]*) echo "install.sh: --account wants a lower-case user name" >&2; exit 2 ;;
esac

case "$public_address" in
*[!0-9A-Fa-f.:]*) echo "install.sh: --public-address wants an IPv4 or IPv6 address (got $public_address)" >&2; exit 2 ;;
esac
case "$client_id" in
*[!A-Za-z0-9._:/@+-]*) echo "install.sh: --client-id has characters a client id here may not have" >&2; exit 2 ;;
esac

say() { echo "labshare-relay: $*"; }
die() { echo "labshare-relay: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (sudo $0 $*)"

# Rollback: every file this run changes is saved first (or noted as absent), every directory and the account
# it creates are noted; if the run ends in failure (a step fails, or a signal), all of it is put back.
state=$(mktemp -d "${TMPDIR:-/tmp}/labshare-relay-setup.XXXXXX")
saved=0
finished=no
account_created=no
old_shell=""
created_dirs=""
remember() { # $1: a file about to change
    grep -qxF "$1" "$state/paths" 2>/dev/null && return 0
    saved=$((saved + 1))
    if [ -e "$1" ]; then cp -p "$1" "$state/$saved" || exit 1; else : >"$state/$saved.absent"; fi
    printf '%s\n' "$1" >>"$state/paths"
    printf '%s %s\n' "$saved" "$1" >>"$state/list"
}
make_dir() { # $1: a directory that must exist, $2: its mode
    [ -d "$1" ] && return 0
    install -d -m "$2" "$1"
    created_dirs="$1 $created_dirs"
}
rollback() {
    if [ -f "$state/list" ]; then
        sort -rn "$state/list" | while read -r n path; do
            if [ -e "$state/$n.absent" ]; then rm -f "$path"; else cp -p "$state/$n" "$path"; fi
        done
    fi
    for dir in $created_dirs; do rmdir "$dir" 2>/dev/null || true; done
    if [ "$account_created" = yes ]; then userdel "$account" >/dev/null 2>&1 || true; fi
    if [ -n "$old_shell" ]; then usermod --shell "$old_shell" "$account" >/dev/null 2>&1 || true; fi
}
on_exit() {
    status=$?
    set +e
    if [ "$finished" != yes ] && [ "$action" = install ] && [ "$status" -ne 0 ]; then
        rollback
        echo "labshare-relay: setup failed; every change it made was undone" >&2
    fi
    rm -rf "$state"
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT TERM HUP

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
session_shell=$libexec/labshare-relay-session
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
        for f in "$validator" "$session_shell" "$(pam_module_dir)/pam_labshare_token.so"; do
            if [ -e "$f" ] && ! owned_by_package "$f"; then
                rm -f "$f"
                say "removed $f"
            fi
        done
        rmdir "$libexec" 2>/dev/null || true
    fi
    reload_sshd "nothing to reload"
    say "kept the account $account (password locked) and $conf_dir; delete them with:"
    say "  userdel $account; rm -r $conf_dir"
}

install_programs() {
    moddir=$(pam_module_dir)
    if [ "$from_source" = no ]; then
        [ -x "$validator" ] && [ -x "$session_shell" ] && [ -f "$moddir/pam_labshare_token.so" ] ||
            die "$validator, $session_shell or $moddir/pam_labshare_token.so is missing: reinstall labshare-relay"
        return 0
    fi
    command -v python3 >/dev/null 2>&1 || die "python3 is not installed: apt-get install python3"
    make_dir "$libexec" 0755
    remember "$validator"
    remember "$session_shell"
    remember "$moddir/pam_labshare_token.so"
    install -m 0755 "$kit/labshare-relay-check" "$validator"
    install -m 0755 "$kit/labshare-relay-session" "$session_shell"
    # From the source tree the module is built here: it is one small C file.
    if [ ! -f /usr/include/security/pam_modules.h ] || ! command -v cc >/dev/null 2>&1; then
        die "building pam_labshare_token.so needs a C compiler and the PAM headers: apt-get install gcc libpam0g-dev"
    fi
    cc -std=c11 -O2 -Wall -Wextra -fPIC -shared -DLABSHARE_RELAY_VALIDATOR="\"$validator\"" \
        -o "$moddir/pam_labshare_token.so" "$kit/pam_labshare_token.c" -lpam
    chmod 0644 "$moddir/pam_labshare_token.so"
    say "installed $validator, $session_shell and $moddir/pam_labshare_token.so"
}

write_config() {
    make_dir "$conf_dir" 0755
    if [ -n "$issuer" ] || [ -n "$allow" ] || [ -n "$client_id" ] || [ "$any_client" = yes ]; then
        [ -n "$issuer" ] && [ -n "$allow" ] || die "--issuer and --allow go together"
        [ -n "$client_id" ] || [ "$any_client" = yes ] ||
            die "--client-id (LabShare's client id at the issuer) is needed: the relay admits only tokens issued to it (--allow-any-client admits every application's)"
        remember "$conf_dir/relay.conf"
        {
            echo "# Written by labshare-relay-setup; every setting is explained in $kit/relay.conf."
            echo "[relay]"
            echo "issuer = $issuer"
            echo "allow = $allow"
            [ -z "$client_id" ] || echo "client_id = $client_id"
            [ "$any_client" = no ] || echo "allow_any_client = yes"
            echo "timeout = 5"
        } >"$conf_dir/relay.conf"
        chmod 0644 "$conf_dir/relay.conf"
        say "wrote $conf_dir/relay.conf"
    elif [ ! -f "$conf_dir/relay.conf" ]; then
        remember "$conf_dir/relay.conf"
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
        */nologin | */false | "$session_shell") ;;
        *) die "the account $account exists with the shell $shell: choose another name with --account" ;;
        esac
        old_shell=$shell # put back by rollback()
        usermod --shell "$session_shell" "$account"
    else
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell "$session_shell" \
            --comment "LabShare relay" "$account"
        account_created=yes
        say "created the account $account"
    fi
    usermod --lock "$account" >/dev/null
}

# The address students reach the relay at: the only one the account may listen on.
choose_public_address() {
    if [ -z "$public_address" ] && [ -f "$dropin" ]; then
        public_address=$(sed -n 's/^ *PermitListen \[\{0,1\}\([0-9A-Fa-f.:]*\)\]\{0,1\}:\*$/\1/p' "$dropin" | head -n 1)
        [ -z "$public_address" ] || say "keeping the public address $public_address (--public-address changes it)"
    fi
    if [ -z "$public_address" ] && command -v ip >/dev/null 2>&1; then
        public_address=$(ip -o route get 192.0.2.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' | head -n 1)
        [ -z "$public_address" ] || say "public address $public_address (the default route's; --public-address sets another)"
    fi
    [ -n "$public_address" ] || die "cannot tell the relay's public address: give it with --public-address ADDRESS"
    case "$public_address" in
    *:*) listen="[$public_address]:*" ;;
    *) listen="$public_address:*" ;;
    esac
}

install_pam_and_sshd() {
    remember "$pam_file"
    sed "s/^auth \[success=ignore default=1\] pam_succeed_if.so quiet user = labshare$/auth [success=ignore default=1] pam_succeed_if.so quiet user = $account/" \
        "$kit/pam.d/labshare-relay" >"$pam_file"
    chmod 0644 "$pam_file"
    [ -f "$pam_sshd" ] || die "$pam_sshd is missing: reinstall openssh-server"
    remember "$pam_sshd"
    if ! grep -qxF '@include labshare-relay' "$pam_sshd"; then
        # First, before `@include common-auth`: the relay account never reaches pam_unix.
        tmp=$(mktemp "$pam_sshd.XXXXXX")
        { echo "$marker"; echo '@include labshare-relay'; cat "$pam_sshd"; } >"$tmp"
        chmod --reference="$pam_sshd" "$tmp"
        mv "$tmp" "$pam_sshd"
    fi
    make_dir "$(dirname "$dropin")" 0755
    remember "$dropin"
    grep -qx '    PermitListen none' "$kit/sshd_config.d/labshare-relay.conf" ||
        die "$kit/sshd_config.d/labshare-relay.conf has no 'PermitListen none' line to fill in (reinstall labshare-relay)"
    sed -e "s/^Match User labshare$/Match User $account/" -e "s/^    PermitListen none$/    PermitListen $listen/" \
        "$kit/sshd_config.d/labshare-relay.conf" >"$dropin"
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
        "allowtcpforwarding remote" "gatewayports clientspecified" "permittty no" "forcecommand /bin/true" \
        "permitlisten $listen"; do
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
choose_public_address
install_pam_and_sshd
check_effective || die "sshd does not accept the relay settings"
say "sshd and PAM are set up for $account"
if "$validator" --config "$conf_dir/relay.conf" --check; then
    :
else
    say "warning: the issuer in $conf_dir/relay.conf does not answer yet: fix it, nobody gets in until then"
fi
reload_sshd "start it (systemctl start ssh) and the relay is live"
finished=yes
say "LabShare users connect with ssh://$account@$(hostname -f 2>/dev/null || hostname):22?auth=token&flavor=openssh"
