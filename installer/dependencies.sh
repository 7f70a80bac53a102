#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what LabShare needs on Debian 12, from Debian's own packages.
#   installer/dependencies.sh build   compilers, Qt 6 and the libraries LabShare links
#   installer/dependencies.sh test    the above, plus the real servers and tools the tests drive, and clang
#                                     with libFuzzer and llvm-symbolizer for the sanitizer build and tests/fuzz, and
#                                     ccache to keep compiled objects between builds
# Packages already present are not fetched again; sudo is used only when not run as root.
set -eu

build_packages="cmake g++ ninja-build pkg-config qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools
 qt6-svg-dev qtkeychain-qt6-dev libssh-dev libyaml-cpp-dev libqrencode-dev libssl-dev libhttp-parser-dev libgl-dev dpkg-dev
 libpam0g-dev node-xterm"
test_packages="clang-format git openssh-server openssh-client tinyproxy iperf3 python3 iproute2 xvfb xauth x11-apps imagemagick fonts-dejavu-core chromium trayer xdotool x11-utils dbus dbus-x11 gnome-keyring libsecret-tools zbar-tools desktop-file-utils appstream libxml2-utils debootstrap
 clang libclang-rt-14-dev llvm ccache"

case "${1:-build}" in
build) packages="$build_packages" ;;
test) packages="$build_packages $test_packages" ;;
*) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
# The OpenID provider fixture (tests/fixtures/oidc) runs on node with npm. Debian 12's nodejs (18) serves; a node
# that is already there (NodeSource's nodejs, which bundles npm) is kept rather than replaced by Debian's.
if [ "${1:-build}" = test ] && ! command -v node >/dev/null 2>&1; then
    packages="$packages nodejs npm"
fi

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "dependencies: all $(echo $packages | wc -w) packages present"
    exit 0
fi

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
echo "dependencies: installing$missing"
as_root apt-get update -qq
# shellcheck disable=SC2086
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
