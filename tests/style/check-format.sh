#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when any C++ file in the tree is not clang-format clean (.clang-format at the top).
set -eu
cd "$1"
files=$(git ls-files '*.cpp' '*.h' 2>/dev/null || find app core ui tests -name '*.cpp' -o -name '*.h')
[ -n "$files" ] || { echo "no C++ files found"; exit 1; }
# shellcheck disable=SC2086
clang-format --dry-run --Werror $files
echo "clang-format: $(echo "$files" | wc -l) files clean"
