#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what the tests need, builds LabShare with warnings as errors, and runs every test:
# unit, ui, integration and style (clang-format, layering). Then builds it again with clang under
# AddressSanitizer and UndefinedBehaviorSanitizer (the asan preset), runs every test again on that
# build, and runs each libFuzzer target of tests/fuzz for LABSHARE_FUZZ_SECONDS (30) seconds.
# CI runs exactly this. Each part's wall time is printed as it ends.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/installer/dependencies.sh" test
"$top/tests/fixtures/oidc/install.sh"
cd "$top"
# ccache (CMakeLists.txt uses it when installed) with paths relative to the checkout, so that a fresh clone
# compiles only what changed since the last build of any checkout on this machine.
export CCACHE_BASEDIR="$top" CCACHE_NOHASHDIR=true
started=$(date +%s)
part() { # name: prints how long the part that just ended took
    now=$(date +%s)
    echo "run-all: $1 took $((now - started)) s"
    started=$now
}
suite() { # preset [ctest arguments]: every test; with-desktop.sh gives the run a fresh HOME and keyring, and ctest
    # each integration and ui test its own (tests/own-session.sh), so no test touches the user's own or another's
    preset=$1
    shift
    LABSHARE_SCREENSHOT_DIR="$top/build/$preset/screenshots" \
        "$top/tests/with-desktop.sh" ctest --preset "$preset" --no-tests=error "$@"
}

cmake --preset ci >/dev/null
cmake --build --preset ci
part "build (ci)"
suite ci "$@"
part "tests (ci)"

cmake --preset asan >/dev/null
cmake --build --preset asan
part "build (asan)"
suite asan "$@"
part "tests (asan)"
"$top/tests/fuzz/run.sh" all "${LABSHARE_FUZZ_SECONDS:-30}"
part "fuzzing"
