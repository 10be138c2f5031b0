#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# banks/nato.bank covers every acronym, dated event and membership list of the
# checklist tests/data/nato-coverage.tsv, each citing its paragraph; the check
# itself fails on banks with a fact removed or altered; and the bank lints clean.
. "$(dirname "$0")/lib.sh"

BANK="$RECITE_SOURCE_DIR/banks/nato.bank"
LIST="$RECITE_TEST_DATA/nato-coverage.tsv"
out=/dev/null err=/dev/null

# coverage BANK: prints one "missing: ..." line per checklist row that no fact
# of BANK satisfies; exits 1 when any row is missing.
coverage() {
    awk -v list="$LIST" '
    function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
    # has_alt(VALUE, WANT, FOLD): WANT is one of the |-separated spellings.
    function has_alt(v, want, fold,    n, a, i, x) {
        n = split(v, a, "|")
        for (i = 1; i <= n; i++) {
            x = trim(a[i])
            if (fold ? tolower(x) == tolower(want) : x == want) return 1
        }
        return 0
    }
    # cites(BLOCK, DOC, PARA): "DOC ¶PARA" occurs, not followed by a digit.
    function cites(b, doc, para,    s, i, rest) {
        s = doc " ¶" para
        rest = b
        while ((i = index(rest, s)) > 0) {
            rest = substr(rest, i + length(s))
            if (rest !~ /^[0-9]/) return 1
        }
        return 0
    }
    # field(BLOCK, NAME, OUT): the values of NAME in BLOCK into OUT; their count.
    function field(b, name, arr,    n, l, i, k) {
        n = split(b, l, "\n"); k = 0
        for (i = 2; i <= n; i++)
            if (index(l[i], name ": ") == 1) arr[++k] = substr(l[i], length(name) + 3)
        return k
    }
    function ok_acronym(b, item, detail,    h, s, ns, lg, nl, i, hit) {
        split(b, h, "\n")
        hit = (h[1] == "acronym " item)
        ns = field(b, "short", s)
        for (i = 1; i <= ns; i++) if (has_alt(s[i], item, 0)) hit = 1
        if (!hit || substr(h[1], 1, 8) != "acronym ") return 0
        nl = field(b, "long", lg)
        for (i = 1; i <= nl; i++) if (has_alt(lg[i], detail, 1)) return 1
        return 0
    }
    function ok_event(b, item, detail,    w, nw, wh, nh, i, j) {
        nw = field(b, "when", w); nh = field(b, "what", wh)
        for (i = 1; i <= nw; i++) {
            if (w[i] != item && index(w[i], item "-") != 1) continue
            for (j = 1; j <= nh; j++)
                if (index(tolower(wh[j]), tolower(detail)) > 0) return 1
        }
        return 0
    }
    function ok_set(b, item, detail,    h, m, nm, want, nw, i, j, found) {
        split(b, h, "\n")
        if (h[1] != "set " item) return 0
        nm = field(b, "member", m)
        nw = split(detail, want, "|")
        if (nm != nw) return 0
        for (i = 1; i <= nw; i++) {
            found = 0
            for (j = 1; j <= nm; j++) if (has_alt(m[j], want[i], 0)) found = 1
            if (!found) return 0
        }
        return 1
    }
    BEGIN { RS = "" }
    { blk[++nb] = $0 }
    END {
        RS = "\n"
        missing = 0; rows = 0
        while ((getline line < list) > 0) {
            if (line ~ /^#/ || line == "") continue
            if (split(line, f, "\t") != 5) { print "malformed row: " line; missing++; continue }
            rows++
            good = 0
            for (k = 1; k <= nb && !good; k++) {
                if (!cites(blk[k], f[3], f[4])) continue
                if (f[1] == "acronym") good = ok_acronym(blk[k], f[2], f[5])
                else if (f[1] == "event") good = ok_event(blk[k], f[2], f[5])
                else if (f[1] == "set") good = ok_set(blk[k], f[2], f[5])
                else { print "unknown kind: " line; break }
            }
            if (!good) { print "missing: " f[1] " " f[2] " (" f[3] " ¶" f[4] ", " f[5] ")"; missing++ }
        }
        if (rows == 0) { print "empty checklist"; missing++ }
        print rows " rows checked"
        exit missing > 0
    }' "$1"
}

if [ -r "$BANK" ] && [ -r "$LIST" ]; then ok "bank and checklist exist"
else fail "cannot read $BANK or $LIST"; finish; fi

if coverage "$BANK" >"$T_DIR/cov"; then ok "every checklist row is covered ($(tail -n 1 "$T_DIR/cov"))"
else fail "coverage gaps"; sed -n '1,60p' "$T_DIR/cov"; fi

# The check must be able to fail: a bank without the DCB fact, one with a
# founding member removed, one with a date moved by a day and one whose event
# no longer cites its paragraph are each caught.
sed '/^acronym DCB$/,/^$/d' "$BANK" >"$T_DIR/no-dcb.bank"
sed '/^set founding-members$/,/^$/{/^member: Iceland$/d}' "$BANK" >"$T_DIR/no-iceland.bank"
sed 's/^when: 1949-04-04$/when: 1949-04-05/' "$BANK" >"$T_DIR/moved.bank"
sed '/^event baltic-sentry$/,/^$/s/^cite: 001 ¶92$/cite: 001 ¶91/' "$BANK" >"$T_DIR/recited.bank"
for mutant in no-dcb:DCB no-iceland:founding-members moved:1949-04-04 recited:'Baltic Sentry'; do
    name=${mutant%%:*} what=${mutant#*:}
    if cmp -s "$BANK" "$T_DIR/$name.bank"; then fail "mutant $name is identical to the bank"; continue; fi
    if coverage "$T_DIR/$name.bank" >"$T_DIR/cov"; then fail "the check passes a bank with $name"
    elif grep -q -- "$what" "$T_DIR/cov"; then ok "the check reports $what missing from the $name bank"
    else fail "the check fails the $name bank without naming $what"; sed -n '1,20p' "$T_DIR/cov"; fi
done

# Every fact carries exactly one cite: and one quote: line.
awk 'BEGIN { RS = "" } $1 ~ /^(acronym|event|set|question|cloze)$/ {
        c = gsub(/\ncite: /, "&"); q = gsub(/\nquote: /, "&")
        if (c != 1 || q != 1) { print $1 " " $2 ": " c " cite, " q " quote"; bad++ }
    } END { exit bad > 0 }' "$BANK" >"$T_DIR/cites"
if [ $? -eq 0 ]; then ok "every fact has one cite: and one quote:"
else fail "facts without a single cite/quote"; cat "$T_DIR/cites"; fi

run bank lint "$BANK"
expect_status 0 "bank lint accepts banks/nato.bank"
if [ -s "$out" ] || [ -s "$err" ]; then fail "bank lint is not silent on a clean bank"
else ok "bank lint is silent on a clean bank"; fi

finish
