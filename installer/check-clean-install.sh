#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Proves the packages install and run on a clean Debian 12:   installer/check-clean-install.sh BUILD_DIR
#
# 1. cpack makes labshare_<version>_<arch>.deb and labshare-relay_<version>_<arch>.deb from BUILD_DIR (in
#    BUILD_DIR/clean-install/packages); their control data and file lists are printed.
# 2. A pristine bookworm root (debootstrap --variant=minbase) comes from a tarball cached in
#    $LABSHARE_CLEAN_ROOT_CACHE (default /var/cache/labshare-ci: CI starts from a fresh clone, so a cache in
#    the build tree would never be hit). With no tarball, or one failing its checksum, debootstrap makes it
#    first, in BUILD_DIR/clean-install/pristine. The packages apt downloads are kept there too; apt checks
#    each against the signed index before using it.
# 3. Every run installs into a fresh copy of it (BUILD_DIR/clean-install/root), through chroot: apt-get
#    installs the app package, resolving its dependencies from the Debian mirror; `labshare --version` and
#    `labshare inspect` run on the sample lab the package ships; the desktop file, metainfo, MIME type and
#    icons are where desktops look. Then the relay kit: installed, its validator runs,
#    labshare-relay-setup configures the root's sshd, and removing the package undoes that.
# Needs root (debootstrap, chroot, mount) and the Debian mirror; a missing tool names its Debian package.
# Mounts are undone on every exit. The root is deleted after a pass and kept after a failure.
set -eu

fail() {
    echo "check-clean-install: FAILED: $*" >&2
    exit 1
}
say() { printf '\n== %s\n' "$*"; }

[ $# -eq 1 ] || {
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
}
[ "$(id -u)" -eq 0 ] || fail "needs root: debootstrap, chroot and mount do"
missing=""
need() { command -v "$1" >/dev/null 2>&1 || missing="$missing $1 (Debian package $2)"; }
need cpack cmake
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need debootstrap debootstrap
need chroot coreutils
need sha256sum coreutils
need mount mount
need tar tar
need python3 python3
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || missing="$missing $keyring (Debian package debian-archive-keyring)"
[ -z "$missing" ] || fail "missing:$missing; installer/dependencies.sh test installs them"

build=$(cd "$1" && pwd -P) || fail "no build directory $1"
[ -f "$build/CPackConfig.cmake" ] && [ -f "$build/CPackRelayConfig.cmake" ] ||
    fail "$build has no CPackConfig.cmake and CPackRelayConfig.cmake: configure LabShare there first"
case "$build" in *[[:space:]]*) fail "the build directory's path has white space: $build" ;; esac
app_id=$(sed -n 's/^LABSHARE_APP_ID:[A-Z]*=//p' "$build/CMakeCache.txt")
[ -n "$app_id" ] || fail "no LABSHARE_APP_ID in $build/CMakeCache.txt"

work=$build/clean-install
packages=$work/packages
root=$work/root
suite=bookworm
arch=$(dpkg --print-architecture)
mirror=${LABSHARE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${LABSHARE_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
cache=${LABSHARE_CLEAN_ROOT_CACHE:-/var/cache/labshare-ci}
mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ] || cache=$work/cache
# The tarball's name carries a hash of how it is made: change the recipe and a new one is made.
recipe="debootstrap --variant=minbase --arch=$arch $suite $mirror; apt sources $suite $suite-updates $suite-security ($security_mirror)"
tarball=$cache/$suite-minbase-$arch-$(printf '%s\n' "$recipe" | sha256sum | cut -c1-12).tar
started=$(date +%s)

mounts_under() { # mount points at or below $1, deepest first
    awk -v top="$1" '$5 == top || index($5, top "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}
unmount_under() {
    for point in $(mounts_under "$1"); do
        umount "$point" 2>/dev/null || umount -l "$point" || echo "check-clean-install: cannot unmount $point" >&2
    done
}
remove_tree() { # never through a mount: a bind-mounted cache or /proc must not be emptied
    [ -e "$1" ] || return 0
    unmount_under "$1"
    [ -z "$(mounts_under "$1")" ] || fail "still mounted below $1, so it stays: $(mounts_under "$1" | tr '\n' ' ')"
    rm -rf --one-file-system "$1"
}
stop_root_processes() { # a postinst that started a daemon despite policy-rc.d
    for proc in /proc/[0-9]*; do
        [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] || continue
        echo "check-clean-install: stopping $(cat "$proc/comm" 2>/dev/null) (pid ${proc#/proc/}), left running in the root" >&2
        kill "${proc#/proc/}" 2>/dev/null || true
    done
}
cleanup() {
    status=$?
    trap - EXIT
    stop_root_processes
    unmount_under "$work"
    if [ "$status" -eq 0 ]; then
        remove_tree "$root"
    elif [ -d "$root" ]; then
        echo "check-clean-install: the root stays in $root for a look inside" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
unmount_under "$work" # left behind by a run that was killed
remove_tree "$root"   # kept by a run that failed; a root left after this run is this run's

in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
step() { # step WHAT COMMAND...: run COMMAND in the root, fail naming WHAT
    what=$1
    shift
    say "$what: $*"
    in_root "$@" || fail "$what: '$*' failed in the clean root"
}
need_file() { # need_file PATH WHAT: PATH (inside the root) is a non-empty file
    [ -f "$root$1" ] && [ -s "$root$1" ] || fail "$2 is not at $1 in the clean root"
    echo "ok: $1"
}

### 1. The packages
say "packages: cpack in $build"
cd "$build"
remove_tree "$packages"
mkdir -p "$packages"
cpack -G DEB -B "$packages" || fail "cpack -G DEB (the app package) failed"
cpack --config CPackRelayConfig.cmake -B "$packages" || fail "cpack --config CPackRelayConfig.cmake (the relay kit) failed"
app_deb=$(ls "$packages"/labshare_*.deb 2>/dev/null || true)
relay_deb=$(ls "$packages"/labshare-relay_*.deb 2>/dev/null || true)
[ -f "$app_deb" ] || fail "cpack made no single labshare_*.deb in $packages: '$app_deb'"
[ -f "$relay_deb" ] || fail "cpack made no single labshare-relay_*.deb in $packages: '$relay_deb'"
for deb in "$app_deb" "$relay_deb"; do
    say "$(basename "$deb"): dpkg-deb --info"
    dpkg-deb --info "$deb" || fail "dpkg-deb --info $deb"
    say "$(basename "$deb"): dpkg-deb --contents"
    dpkg-deb --contents "$deb" || fail "dpkg-deb --contents $deb"
done
version=$(dpkg-deb --field "$app_deb" Version)
! dpkg-deb --contents "$app_deb" | grep -q 'pam_labshare_token\|labshare-relay' ||
    fail "the app package carries relay kit files; they belong to labshare-relay only"
! dpkg-deb --contents "$relay_deb" | grep -q '/usr/bin/labshare$' || fail "the relay kit package carries the app"
packaged=$(date +%s)

### 2. The pristine root, cached
pristine=cached
if ! [ -f "$tarball" ] || ! (cd "$cache" && sha256sum --check "$(basename "$tarball").sha256" >/dev/null 2>&1); then
    pristine=made
    stage=$work/pristine
    remove_tree "$stage"
    if [ -f "$tarball" ]; then
        say "pristine root: $tarball fails its checksum, so debootstrap --variant=minbase $suite into $stage"
    else
        say "pristine root: none cached in $cache, so debootstrap --variant=minbase $suite into $stage"
    fi
    debootstrap --variant=minbase --arch="$arch" --keyring="$keyring" "$suite" "$stage" "$mirror" ||
        fail "debootstrap $suite from $mirror failed (is the mirror reachable? $stage/debootstrap/debootstrap.log says more)"
    unmount_under "$stage"
    # A Debian 12 install as its installer leaves it: the point release, its updates and security.
    cat >"$stage/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security_mirror $suite-security main
EOF
    rm -rf "$stage/var/lib/apt/lists/"* "$stage/var/cache/apt/archives/"*.deb
    tar --numeric-owner --xattrs -C "$stage" -cf "$tarball.$$" . || fail "cannot write $tarball.$$"
    sum=$(sha256sum <"$tarball.$$" | cut -d' ' -f1)
    rm -f "$cache/$suite-minbase-$arch-"*.tar "$cache/$suite-minbase-$arch-"*.tar.sha256
    mv "$tarball.$$" "$tarball"
    echo "$sum  $(basename "$tarball")" >"$tarball.sha256"
    remove_tree "$stage"
    echo "cached $tarball ($(du -h "$tarball" | cut -f1))"
fi
rooted=$(date +%s)

### 3. A fresh copy, and the packages in it
say "fresh root: $root from $tarball ($pristine)"
mkdir -p "$root"
tar --numeric-owner --xattrs -C "$root" -xpf "$tarball" || fail "cannot unpack $tarball into $root"
rm -f "$root/etc/resolv.conf"
cp -L /etc/resolv.conf "$root/etc/resolv.conf" # apt in the root resolves the mirror like the host does
# The root shares the host's network: no package's service starts in it (policy-rc.d, invoke-rc.d's rule).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc" || fail "cannot mount /proc in $root"
# A pty instance of the root's own, for dpkg's terminal log (apt says "Can not write log" without one).
if mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts"; then
    ln -sf pts/ptmx "$root/dev/ptmx"
else
    echo "check-clean-install: no /dev/pts in the root, so apt will say it cannot write its terminal log" >&2
fi
mkdir -p "$cache/apt-archives/partial"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives" || fail "cannot bind $cache/apt-archives into the root"
mkdir -p "$root/tmp/packages"
cp "$app_deb" "$relay_deb" "$root/tmp/packages/"

step "package index" apt-get update -q
# --no-install-recommends: the package's Depends alone must be enough to run it.
step "install the app package" apt-get install -y -q --no-install-recommends "/tmp/packages/$(basename "$app_deb")"
step "installed" dpkg-query -W labshare

say "libraries: ldd /usr/bin/labshare"
libraries=$(in_root ldd /usr/bin/labshare) || fail "ldd /usr/bin/labshare failed in the clean root"
echo "$libraries"
! echo "$libraries" | grep -q 'not found' || fail "libraries of /usr/bin/labshare are missing: the package's Depends lack them"
say "Qt plugins loaded at run time (the package's hand-written Depends)"
multiarch=$(echo "$libraries" | sed -n 's|.*=> /lib/\([^/]*\)/libQt6Core\.so.*|\1|p; s|.*=> /usr/lib/\([^/]*\)/libQt6Core\.so.*|\1|p' | head -n 1)
[ -n "$multiarch" ] || fail "labshare does not link libQt6Core"
need_file "/usr/lib/$multiarch/qt6/plugins/platforms/libqxcb.so" "the xcb platform plugin (qt6-qpa-plugins)"
need_file "/usr/lib/$multiarch/qt6/plugins/iconengines/libqsvgicon.so" "the SVG icon engine (libqt6svg6)"

say "labshare --version"
printed=$(in_root labshare --version) || fail "labshare --version failed in the clean root"
echo "$printed"
case "$printed" in *"$version"*) ;; *) fail "labshare --version printed '$printed', not the package's version $version" ;; esac

sample=/usr/share/labshare/samples/classroom.clab.yml
need_file "$sample" "the sample lab"
step "inspect the sample lab" labshare inspect "$sample"
say "labshare inspect $sample --json"
json=$(in_root labshare inspect "$sample" --json) || fail "labshare inspect $sample --json failed in the clean root"
echo "$json"
printf '%s' "$json" | python3 -c '
import json, sys
lab = json.load(sys.stdin)
names = sorted(node["name"] for node in lab["nodes"])
published = sum(len(node["publish"]) for node in lab["nodes"])
name, problems = lab["name"], lab["problems"]
want = ["client1", "grafana", "leaf1", "leaf2", "spine1"]
if name != "classroom" or names != want or published != 8 or problems:
    sys.exit(f"lab {name}, nodes {names}, {published} publish entries, problems {problems}; "
             f"the sample is classroom, nodes {want}, 8 entries, no problems")
print(f"ok: lab classroom, {len(names)} nodes, {published} publish entries, no problems")
' || fail "labshare inspect --json on the installed sample lab is not the lab it should be"

say "desktop integration in the root"
for file in "applications/$app_id.desktop" "metainfo/$app_id.metainfo.xml" "mime/packages/$app_id.xml"; do
    need_file "/usr/share/$file" "$(basename "$file")"
    cmp "$root/usr/share/$file" "$build/resources/desktop/$(basename "$file")" ||
        fail "/usr/share/$file in the root differs from the one the build configured"
done
need_file "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" "the scalable app icon"
for size in 16 24 32 48 64 128 256; do
    need_file "/usr/share/icons/hicolor/${size}x$size/apps/$app_id.png" "the ${size}px app icon"
done
for state in idle up degraded failed; do
    need_file "/usr/share/icons/hicolor/scalable/status/$app_id-tray-$state.svg" "the tray icon for '$state'"
done
# shared-mime-info (a dependency of Qt) compiled the package's MIME type into the root's database.
mime_type=$(sed -n 's/.*<mime-type type="\([^"]*\)".*/\1/p' "$root/usr/share/mime/packages/$app_id.xml" | head -n 1)
need_file "/usr/share/mime/$mime_type.xml" "the MIME type $mime_type, compiled by update-mime-database,"
desktop=$root/usr/share/applications/$app_id.desktop
program=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -n 1)
icon=$(sed -n 's/^Icon=//p' "$desktop" | head -n 1)
in_root sh -c "command -v '$program'" || fail "the desktop file starts '$program', which is not on the root's PATH"
[ "$icon" = "$app_id" ] || fail "the desktop file's Icon=$icon is not the app id $app_id, so it names no installed icon"
echo "ok: Exec=$program is on PATH, Icon=$icon is installed"

step "install the relay kit package" apt-get install -y -q --no-install-recommends "/tmp/packages/$(basename "$relay_deb")"
step "the relay validator runs" /usr/libexec/labshare-relay/labshare-relay-check --help
module=$(in_root dpkg -L labshare-relay | grep '/security/pam_labshare_token\.so$' || true)
[ -n "$module" ] || fail "the relay kit package installed no pam_labshare_token.so"
need_file "$module" "the relay PAM module"
need_file "$(dirname "$module")/pam_unix.so" "libpam-modules' pam_unix.so beside the relay PAM module (PAM finds modules by name there)"
! in_root ldd "$module" | grep -q 'not found' || fail "libraries of $module are missing in the root"
# systemd makes /run/sshd for ssh.service (RuntimeDirectory=sshd); `sshd -t` wants it, and there is no systemd here.
mkdir -p "$root/run/sshd"
# The issuer is a closed loopback port: setup only warns that it does not answer. --no-reload: no sshd runs here.
step "labshare-relay-setup configures sshd" labshare-relay-setup --issuer https://127.0.0.1:9/ --allow @example.org --client-id labshare-test --public-address 192.0.2.1 --no-reload
grep -qxF '@include labshare-relay' "$root/etc/pam.d/sshd" || fail "labshare-relay-setup left /etc/pam.d/sshd without the relay"
step "sshd applies the relay settings" sh -c 'sshd -T -C user=labshare,host=relay.invalid,addr=192.0.2.1 | grep -x "forcecommand /bin/true"'
step "the relay account listens on the public address only" sh -c 'sshd -T -C user=labshare,host=relay.invalid,addr=192.0.2.1 | grep -x "permitlisten 192.0.2.1:\*"'
step "the relay account's shell is the kit's session program" sh -c 'getent passwd labshare | cut -d: -f7 | grep -x /usr/libexec/labshare-relay/labshare-relay-session'
step "remove the relay kit package" apt-get remove -y -q labshare-relay
! grep -q labshare-relay "$root/etc/pam.d/sshd" || fail "removing labshare-relay left it in /etc/pam.d/sshd"
[ ! -e "$root/etc/ssh/sshd_config.d/labshare-relay.conf" ] || fail "removing labshare-relay left its sshd drop-in"
step "sshd still accepts its configuration" sshd -t
step "remove the app package" apt-get remove -y -q labshare
[ ! -e "$root/usr/bin/labshare" ] || fail "removing labshare left /usr/bin/labshare"
# Drops downloads that are no longer in the index, so the shared download cache does not grow forever.
step "trim the download cache" apt-get autoclean -q

stop_root_processes
unmount_under "$work"
remove_tree "$root"
done_at=$(date +%s)
say "passed: labshare $version and labshare-relay install, run and remove on a clean Debian 12 root"
echo "time: packages $((packaged - started)) s, pristine root $((rooted - packaged)) s ($pristine), install checks $((done_at - rooted)) s, total $((done_at - started)) s"
