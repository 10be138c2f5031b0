#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The layer check's own test: on fixture/ (two layers, one upward include in
# src/core/low/upward.c line 3) check-layers.sh must fail and name that line
# and both layers, and nothing else; without that file it must pass. The same
# for check-symbols.sh on the fixture compiled into a library.
set -u
here=$(cd "$(dirname "$0")" && pwd)
check="$here/check-layers.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# want_failure WHAT RC OUT WANT: fails the test unless a check exited 1 reporting exactly WANT.
want_failure() {
    if [ "$2" -ne 1 ] || [ "$3" != "$4" ]; then
        echo "FAIL: $1 exited $2 and reported:"
        echo "$3"
        echo "want exit 1 and exactly:"
        echo "$4"
        exit 1
    fi
}

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

# SQLite belongs to src/core/store/store.c: an include of sqlite3.h anywhere
# else is refused, in either spelling, naming the file and line, even
# beside it in store/.
cp "$tmp/src/core/low/low.c" "$tmp/low.c.orig"
for spelling in '<sqlite3.h>' '"sqlite3.h"'; do
    { echo "#include $spelling"; cat "$tmp/low.c.orig"; } >"$tmp/src/core/low/low.c"
    out=$(sh "$check" "$tmp" "$tmp/layers.tbl")
    rc=$?
    want_failure "check-layers.sh on an include of $spelling outside store/" "$rc" "$out" \
        'src/core/low/low.c:1:1: includes sqlite3.h; only src/core/store/store.c may use SQLite'
done
mkdir "$tmp/src/core/store"
{ echo "#include <sqlite3.h>"; cat "$tmp/low.c.orig"; } >"$tmp/src/core/store/db.c"
mv "$tmp/low.c.orig" "$tmp/src/core/low/low.c"
sed 's/^low: *low\/.*$/& store\//' "$tmp/layers.tbl" >"$tmp/store.tbl"
out=$(sh "$check" "$tmp" "$tmp/store.tbl")
rc=$?
want_failure "check-layers.sh on an include of sqlite3.h in store/ beside store.c" "$rc" "$out" \
    'src/core/store/db.c:1:1: includes sqlite3.h; only src/core/store/store.c may use SQLite'
mv "$tmp/src/core/store/db.c" "$tmp/src/core/store/store.c"
if ! out=$(sh "$check" "$tmp" "$tmp/store.tbl"); then
    echo "FAIL: check-layers.sh refused sqlite3.h in src/core/store/store.c:"
    echo "$out"
    exit 1
fi
rm -r "$tmp/src/core/store" "$tmp/store.tbl"

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
# The link-level check on the same fixture, compiled: upward.c calls
# high_value() of the layer above.
cc=${CC:-cc}
if command -v "$cc" >/dev/null 2>&1 && command -v ar >/dev/null 2>&1 && command -v nm >/dev/null 2>&1; then
    objs=""
    for src in low/low.c low/upward.c high/high.c; do
        obj="$tmp/$(basename "$src").o"
        "$cc" -c -I"$here/fixture/include" -I"$here/fixture/src/core/low" \
            -o "$obj" "$here/fixture/src/core/$src" || exit 1
        objs="$objs $obj"
    done
    # shellcheck disable=SC2086
    ar rc "$tmp/libfixture.a" $objs || exit 1
    out=$(sh "$here/check-symbols.sh" "$here/fixture" "$here/fixture/layers.tbl" "$tmp/libfixture.a")
    rc=$?
    want_failure check-symbols.sh "$rc" "$out" \
        'src/core/low/upward.c: layer low uses high_value of src/core/high/high.c, layer high, which is above it'
    rm "$tmp/libfixture.a"
    ar rc "$tmp/libfixture.a" "$tmp/low.c.o" "$tmp/high.c.o" || exit 1
    if ! out=$(sh "$here/check-symbols.sh" "$tmp" "$tmp/layers.tbl" "$tmp/libfixture.a"); then
        echo "FAIL: check-symbols.sh rejected the fixture without upward.c:"
        echo "$out"
        exit 1
    fi
fi
echo "ok"
