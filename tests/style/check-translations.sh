#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every user-visible message can be translated (docs/DEVELOPING.md): lupdate reads the sources of core/, app/
# and ui/ without a single warning; no file words its messages through a tr() helper of its own or through a
# QCoreApplication::translate() whose context lupdate cannot read; and every translations/*.ts holds exactly the
# messages of the sources.
#   check-translations.sh SOURCE_DIR LUPDATE [LUPDATE_OPTIONS...]   (CMake passes the update target's options)
set -u
top=$1
lupdate=$2
shift 2
cd "$top" || exit 1
status=0
fail() { echo "translations: $1"; status=1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find core app ui \( -name '*.cpp' -o -name '*.h' \) | LC_ALL=C sort >"$work/sources"
[ -s "$work/sources" ] || { echo "translations: no sources found under $top"; exit 1; }

# A tr() of a file's own (a function or a lambda taking the text): lupdate cannot tell its context, so its
# messages land in the wrong one. The owning class's Q_DECLARE_TR_FUNCTIONS or Q_OBJECT gives it tr().
helpers=$(xargs grep -nE '(^|[^[:alnum:]_:.>])tr[[:space:]]*(\([[:space:]]*const[[:space:]]+char|=[[:space:]]*\[)' <"$work/sources")
[ -z "$helpers" ] || fail "a file defines its own tr(); use the owning class's (Q_DECLARE_TR_FUNCTIONS):
$helpers"

# QCoreApplication::translate() and QT_TRANSLATE_NOOP() whose context is no string literal: lupdate skips them.
# shellcheck disable=SC2016 # perl's own variables
computed=$(xargs perl -0777 -ne '
    while (/\b(QCoreApplication::translate|QT_TRANSLATE_NOOP3?)\s*\(\s*(?!")/g) {
        my $line = 1 + (substr($_, 0, pos($_)) =~ tr/\n//);
        print "$ARGV:$line: $1 with a context that is no string literal\n";
    }' <"$work/sources")
[ -z "$computed" ] || fail "a context lupdate cannot read:
$computed"

# lupdate over the sources, as the update target runs it, into a copy of each committed .ts: any warning
# ("Cannot invoke tr() like this", "Qualifying with unknown namespace/class", "Class '…' lacks Q_OBJECT macro",
# "tr() cannot be called without context", …) is a message that cannot be extracted as it stands.
found=0
for ts in translations/*.ts; do
    [ -f "$ts" ] || continue
    found=1
    copy="$work/$(basename "$ts")"
    cp "$ts" "$copy"
    if ! "$lupdate" "$@" -I core -I ui -I app/headless -I app/desktop "@$work/sources" -ts "$copy" >"$work/log" 2>&1; then
        fail "lupdate failed on $ts:
$(cat "$work/log")"
        continue
    fi
    warnings=$(grep -vE "^Updating '|^    Found [0-9]+ source text|^    Removed [0-9]+ obsolete entr|^    Kept [0-9]+ obsolete entr|^    Same-text heuristic|^    Number heuristic|^$" "$work/log")
    [ -z "$warnings" ] || fail "lupdate cannot extract every message:
$warnings"
    if ! cmp -s "$ts" "$copy"; then
        fail "$ts is out of date: run 'cmake --build --preset ci --target update_translations' and commit it. What changes:
$(diff -u "$ts" "$copy" | grep -E '^[-+] *<(source|name)>' | head -40)"
    fi
done
[ $found -eq 1 ] || fail "no translations/*.ts (translations/labshare_en.ts is the source language's)"

[ $status -eq 0 ] && echo "translations: every message in $(wc -l <"$work/sources") files can be extracted, and translations/*.ts are up to date"
exit $status
