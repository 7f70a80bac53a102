#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates the configured desktop integration files: check-desktop-files.sh DESKTOP METAINFO MIMEXML
# A missing validator is a failure, not a skip (installer/dependencies.sh test installs them).
set -u
status=0
for tool in desktop-file-validate appstreamcli xmllint; do
    command -v "$tool" >/dev/null 2>&1 || { echo "desktop-files: $tool is missing (installer/dependencies.sh test)"; status=1; }
done
[ "$status" -eq 0 ] || exit 1
desktop-file-validate "$1" || status=1
appstreamcli validate --no-net "$2" || status=1
xmllint --noout "$3" || status=1
exit "$status"
