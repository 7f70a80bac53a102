#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# installer/run-sample.sh builds only what it starts (the labshare target, not the test suite) and starts
# the app on the sample lab. Run on a copy of the script with cmake, the dependency installer and the app
# replaced by stand-ins that record how they were called.
set -eu
top="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/installer" "$work/tree/build/dev/app" "$work/bin"
cp "$top/installer/run-sample.sh" "$work/tree/installer/"
printf '#!/bin/sh\necho "dependencies $*" >>"%s/calls"\n' "$work" >"$work/tree/installer/dependencies.sh"
printf '#!/bin/sh\necho "cmake $*" >>"%s/calls"\n' "$work" >"$work/bin/cmake"
printf '#!/bin/sh\necho "labshare $*" >>"%s/calls"\n' "$work" >"$work/tree/build/dev/app/labshare"
chmod +x "$work/tree/installer/dependencies.sh" "$work/bin/cmake" "$work/tree/build/dev/app/labshare"
PATH="$work/bin:$PATH" sh "$work/tree/installer/run-sample.sh" --extra
tree=$(cd "$work/tree" && pwd)
expected="dependencies build
cmake --preset dev -S $tree
cmake --build $tree/build/dev --target labshare
labshare $tree/resources/samples/classroom.clab.yml --extra"
actual=$(cat "$work/calls")
if [ "$actual" != "$expected" ]; then
    printf 'run-sample.sh ran:\n%s\n\nexpected:\n%s\n' "$actual" "$expected"
    exit 1
fi
echo "run-sample.sh builds the labshare target only and starts it on the sample lab"
