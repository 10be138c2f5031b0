#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-layers.sh ROOT TABLE: fails when a file of the core library includes
# a header of a layer above its own. ROOT is a source tree (src/core/<folder>/
# and include/recite/); TABLE lists the layers lowest first (layers.tbl).
# Every #include "..." of src/core/**/*.[ch] and include/recite/*.h is
# resolved as the compiler would (the including file's folder, src/core/, then
# any layer folder by name, for public headers include/recite/) and reported
# as file:line:col when its layer is later in TABLE than the file's own. Files
# and headers that no layer claims, includes that resolve to nothing and the
# umbrella recite.h are errors too. A layer whose line ends in "| a b" may use
# only the layers a and b below it (and itself). SQLite belongs to the store,
# and within it to one file: any other file that includes <sqlite3.h> (or
# "sqlite3.h") than src/core/store/store.c is reported too. Exit status: 0 clean, 1 violations, 64 usage.
set -u
if [ $# -ne 2 ] || [ ! -d "$1" ] || [ ! -r "$2" ]; then
    echo "usage: check-layers.sh ROOT TABLE" >&2
    exit 64
fi
root=$1
table=$2
cd "$root" || exit 64
files=$(find src/core include/recite -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | LC_ALL=C sort)
if [ -z "$files" ]; then
    echo "$root: no src/core or include/recite files" >&2
    exit 64
fi
# The list of every header in the tree goes first so includes can be resolved.
{
    for f in $files; do
        case $f in *.h) echo "H $f" ;; esac
    done
    for f in $files; do
        echo "F $f"
        grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | sed 's/^/I /'
        grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]sqlite3\.h[>"]' "$f" | sed 's/^/Q /'
    done
} | awk -v table="$table" '
function fail(msg) { print msg; bad++ }
function layer_of(path,    parts, n) {
    if (path ~ /^include\/recite\//) {
        n = split(path, parts, "/")
        return (parts[n] in hdr) ? hdr[parts[n]] : ""
    }
    if (path ~ /^src\/core\/[^\/]+\//) {
        split(path, parts, "/")
        return ((parts[3] "/") in dir) ? dir[parts[3] "/"] : ""
    }
    return ""
}
# An "I" or "Q" line: num gets its line number, text the line itself.
function split_line(    line) {
    line = $0
    sub(/^[IQ] /, "", line)
    num = line
    sub(/:.*/, "", num)
    text = line
    sub(/^[0-9]+:/, "", text)
}
function dirname(p) { sub(/\/[^\/]*$/, "", p); return p }
function resolve(from, inc,    d, cand, base) {
    if (from ~ /^include\/recite\//) {
        cand = "include/recite/" inc
        return (cand in exists) ? cand : ""
    }
    if (inc ~ /^recite\//) {
        cand = "include/" inc
        return (cand in exists) ? cand : ""
    }
    cand = dirname(from) "/" inc
    if (cand in exists) return cand
    cand = "src/core/" inc
    if (cand in exists) return cand
    base = inc
    sub(/.*\//, "", base)
    if (base in byname && inc !~ /\//) {
        if (byname[base] == "?") return "?"
        return byname[base]
    }
    return ""
}
BEGIN {
    n = 0
    while ((getline line < table) > 0) {
        sub(/#.*/, "", line)
        if (line !~ /:/) continue
        name = line
        sub(/:.*/, "", name)
        gsub(/[ \t]/, "", name)
        rest = line
        sub(/^[^:]*:/, "", rest)
        n++
        rank[name] = n
        uses = ""
        if (rest ~ /\|/) {
            uses = rest
            sub(/^[^|]*\|/, "", uses)
            sub(/\|.*/, "", rest)
            limited[name] = 1
            cnt = split(uses, items, /[ \t]+/)
            for (i = 1; i <= cnt; i++) {
                if (items[i] == "") continue
                if (!(items[i] in rank) || items[i] == name) {
                    print table ": layer " name " may use \"" items[i] "\", which is not a layer before it"
                    bad++
                }
                may[name, items[i]] = 1
            }
        }
        cnt = split(rest, items, /[ \t]+/)
        for (i = 1; i <= cnt; i++) {
            if (items[i] == "") continue
            if (items[i] ~ /\/$/) dir[items[i]] = name
            else if (items[i] ~ /\.h$/) hdr[items[i]] = name
            else { print table ": unknown entry \"" items[i] "\" in layer " name; bad++ }
        }
    }
    if (n == 0) { print table ": no layers"; exit 64 }
}
$1 == "H" {
    exists[$2] = 1
    if ($2 ~ /^src\/core\//) {
        b = $2
        sub(/.*\//, "", b)
        if (b in byname) byname[b] = "?"
        else byname[b] = $2
    }
    next
}
$1 == "F" {
    cur = $2
    own = layer_of(cur)
    if (own == "") fail(cur ":1:1: in no layer of " table)
    next
}
$1 == "Q" {
    split_line()
    if (cur != "src/core/store/store.c")
        fail(cur ":" num ":" index(text, "#") ": includes sqlite3.h; only src/core/store/store.c may use SQLite")
    next
}
$1 == "I" {
    split_line()
    col = index(text, "#")
    inc = text
    sub(/^[^"]*"/, "", inc)
    sub(/".*/, "", inc)
    where = cur ":" num ":" col ": "
    if (inc == "sqlite3.h") next
    if (inc == "recite.h") {
        fail(where "includes the umbrella \"recite.h\"; include the layer headers it needs")
        next
    }
    target = resolve(cur, inc)
    if (target == "?") { fail(where "\"" inc "\" names headers in more than one layer folder"); next }
    if (target == "") { fail(where "\"" inc "\" resolves to no file of the tree"); next }
    tl = layer_of(target)
    if (tl == "") { fail(where "\"" inc "\" (" target ") is in no layer"); next }
    if (own == "" || tl == own) next
    if (rank[tl] > rank[own])
        fail(where "layer " own " includes \"" inc "\" of layer " tl ", which is above it")
    else if (own in limited && !((own, tl) in may))
        fail(where "layer " own " includes \"" inc "\" of layer " tl ", which it may not use")
    next
}
END { exit bad ? 1 : 0 }
'
