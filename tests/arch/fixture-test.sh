#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The layer check's own test: on fixture/ (two layers, one upward include in
# src/core/low/upward.c line 3) check-layers.sh must fail and name that line
# and both layers, and nothing else; without that file it must pass.
set -u
here=$(cd "$(dirname "$0")" && pwd)
check="$here/check-layers.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

out=$(sh "$check" "$here/fixture" "$here/fixture/layers.tbl")
rc=$?
want='src/core/low/upward.c:3:1: layer low includes "recite/high.h" of layer high, which is above it'
if [ "$rc" -ne 1 ]; then
    echo "FAIL: check-layers.sh exited $rc on the fixture with an upward include (want 1)"
    echo "$out"
    exit 1
fi
if [ "$out" != "$want" ]; then
    echo "FAIL: check-layers.sh reported:"
    echo "$out"
    echo "want exactly:"
    echo "$want"
    exit 1
fi

cp -R "$here/fixture/." "$tmp/"
rm "$tmp/src/core/low/upward.c"
if ! out=$(sh "$check" "$tmp" "$tmp/layers.tbl"); then
    echo "FAIL: check-layers.sh rejected the fixture without its upward include:"
    echo "$out"
    exit 1
fi

# A restriction list: high may use only itself, so including low is refused.
sed 's/^high: high\/ high.h$/high: high\/ high.h |/' "$tmp/layers.tbl" >"$tmp/limited.tbl"
out=$(sh "$check" "$tmp" "$tmp/limited.tbl")
case $out in
*'src/core/high/high.c:2:1: layer high includes "low_internal.h" of layer low, which it may not use'*) ;;
*)
    echo "FAIL: a layer limited to no lower layer was allowed to include one:"
    echo "$out"
    exit 1
    ;;
esac
echo "ok"
