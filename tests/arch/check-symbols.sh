#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-symbols.sh ROOT TABLE ARCHIVE: the link-level twin of check-layers.sh.
# Reads the symbols of every object in ARCHIVE (the built core library) with
# nm and fails when an object of one layer uses a function or variable defined
# by an object of a layer above it, or of a lower layer its line in TABLE does
# not allow. This catches a call that an include check cannot see (a
# prototype declared in a low header but defined higher up). Objects are
# matched to their sources in ROOT/src/core/<folder>/ by file name, so those
# names must be unique. Exit status: 0 clean, 1 violations, 64 usage, 77 when
# nm is missing.
set -u
if [ $# -ne 3 ] || [ ! -d "$1" ] || [ ! -r "$2" ] || [ ! -r "$3" ]; then
    echo "usage: check-symbols.sh ROOT TABLE ARCHIVE" >&2
    exit 64
fi
command -v nm >/dev/null 2>&1 || exit 77
root=$1
table=$2
archive=$3
{
    (cd "$root" && find src/core -name '*.c' | LC_ALL=C sort) | sed 's/^/S /'
    nm -A "$archive" 2>/dev/null | sed 's/^/N /'
} | awk -v table="$table" '
function fail(msg) { print msg; bad++ }
BEGIN {
    while ((getline line < table) > 0) {
        sub(/#.*/, "", line)
        if (line !~ /:/) continue
        name = line
        sub(/:.*/, "", name)
        gsub(/[ \t]/, "", name)
        rest = line
        sub(/^[^:]*:/, "", rest)
        rank[name] = ++n
        if (rest ~ /\|/) {
            uses = rest
            sub(/^[^|]*\|/, "", uses)
            sub(/\|.*/, "", rest)
            limited[name] = 1
            cnt = split(uses, items, /[ \t]+/)
            for (i = 1; i <= cnt; i++)
                if (items[i] != "") may[name, items[i]] = 1
        }
        cnt = split(rest, items, /[ \t]+/)
        for (i = 1; i <= cnt; i++)
            if (items[i] ~ /\/$/) { d = items[i]; sub(/\/$/, "", d); dir[d] = name }
    }
}
$1 == "S" {
    path = $2
    b = path
    sub(/.*\//, "", b)
    split(path, parts, "/")
    if (b in src) dup[b] = 1
    src[b] = path
    layer[b] = (parts[3] in dir) ? dir[parts[3]] : ""
    next
}
$1 == "N" {
    # nm -A: "archive:member.o:[value] type name"
    cnt = split($2, parts, ":")
    obj = parts[cnt - 1]
    sub(/\.o$/, "", obj)
    type = $3
    sym = $4
    if (type == "U") { uses_n++; use_obj[uses_n] = obj; use_sym[uses_n] = sym }
    else if (type ~ /^[TDBRCGSVW]$/) def[sym] = obj
    next
}
END {
    for (i = 1; i <= uses_n; i++) {
        s = use_sym[i]
        if (!(s in def)) continue
        u = use_obj[i]
        d = def[s]
        if (!(u in src) || !(d in src)) { fail(u ": object has no source under src/core"); continue }
        if (u in dup || d in dup) { fail(u ": source name is not unique under src/core"); continue }
        lu = layer[u]
        ld = layer[d]
        if (lu == "" || ld == "") { fail(src[u] ": in no layer of " table); continue }
        if (lu == ld) continue
        if (rank[ld] > rank[lu])
            fail(src[u] ": layer " lu " uses " s " of " src[d] ", layer " ld ", which is above it")
        else if (lu in limited && !((lu, ld) in may))
            fail(src[u] ": layer " lu " uses " s " of " src[d] ", layer " ld ", which it may not use")
    }
    if (uses_n == 0) { print "no symbols read from the archive"; exit 64 }
    exit bad ? 1 : 0
}' | LC_ALL=C sort -u | {
    out=$(cat)
    [ -z "$out" ] && exit 0
    echo "$out"
    case $out in "no symbols read"*) exit 64 ;; esac
    exit 1
}
