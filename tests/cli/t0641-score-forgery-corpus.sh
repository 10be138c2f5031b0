#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A forgery corpus made at test time from genuine score files: wrong keys for
# the name, copied attempts, edited totals, items and trusted comments,
# legacy signatures, truncated and swapped files and signatures, copies
# handed in twice. score verify reports none of them valid, each with its
# own reason, while stock minisign still accepts every genuine file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
need_tools sqlite3 minisign jq base64 dd

export RECITE_NOW=2026-11-24T12:00:00Z
HASH=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
GEN="$T_DIR/genuine" F="$T_DIR/forged" D="$T_DIR/dup"
mkdir -p "$GEN" "$F" "$D"

# student NAME CREDIT...: NAME's key, a finished quiz, and NAME.json signed by recite.
student() {
    local name=$1 db="$T_DIR/$1/recite.db"
    shift
    seed_session "$db" nato "$HASH" "$@" || fail "cannot seed $name"
    "$RECITE_BIN" --db "$db" key gen --no-password >/dev/null || fail "key gen for $name"
    "$RECITE_BIN" --db "$db" score export --last --student "$name" -o "$GEN/$name.json" \
        >/dev/null || fail "export for $name"
}
student alice 1 0.5 0
student bob 1 1 1
student mallory 0 0 0
key() { echo "$T_DIR/$1/keys/recite.key"; }
pub() { sed -n 2p "$T_DIR/$1/keys/recite.pub"; }
{ for s in alice bob mallory; do printf '%s\t%s\n' "$s" "$(pub "$s")"; done; } >"$T_DIR/roster.tsv"
minisign -G -W -p "$T_DIR/eve.pub" -s "$T_DIR/eve.key" >/dev/null 2>&1 || fail "minisign -G -W"

# Stock minisign accepts every genuine file, prehashed (-H) as recite signs.
for s in alice bob mallory; do
    minisign -H -Vm "$GEN/$s.json" -P "$(pub "$s")" >/dev/null 2>&1 &&
        ok "minisign -H -V accepts $s.json" || fail "minisign rejects the genuine $s.json"
done
run score verify "$GEN" --roster "$T_DIR/roster.tsv"
expect_status 0 "recite accepts every genuine file"

A="$GEN/alice.json" SA="$GEN/alice.json.minisig" B="$GEN/bob.json" SB="$GEN/bob.json.minisig"
line() { sed -n "$2p" "$1"; }
TC_A=$(line "$SA" 3 | cut -c18-)
EXPECTED="$T_DIR/expected"
: >"$EXPECTED"

# forge NAME STATUS BODY SIG: a forgery from a body and a signature file, and its expected status.
forge() {
    cp "$3" "$F/$1.json"
    [ -n "$4" ] && cp "$4" "$F/$1.json.minisig"
    printf '%s,%s\n' "$1" "$2" >>"$EXPECTED"
}
# sig4 L1 L2 L3 L4: a signature file from four lines, into $T_DIR/sig.
sig4() { printf '%s\n' "$@" >"$T_DIR/sig"; }
# blob_set B64 OFFSET BYTE(octal): the base64 blob with one byte replaced.
blob_set() {
    printf '%s' "$1" | base64 -d >"$T_DIR/blob"
    printf "\\$3" | dd of="$T_DIR/blob" bs=1 seek="$2" conv=notrunc 2>/dev/null
    base64 -w0 "$T_DIR/blob"
}
# blob_flip B64 OFFSET MASK: the base64 blob with one byte XORed with MASK (1-255), so it
# always differs from the genuine byte (a byte set to a fixed value matches it 1 time in 256).
blob_flip() {
    printf '%s' "$1" | base64 -d >"$T_DIR/blob"
    local b
    b=$(od -An -tu1 -j "$2" -N1 "$T_DIR/blob" | tr -d ' ')
    printf "\\$(printf '%03o' $((b ^ $3)))" | dd of="$T_DIR/blob" bs=1 seek="$2" conv=notrunc 2>/dev/null
    base64 -w0 "$T_DIR/blob"
}
# resign BODY KEY COMMENT [minisign flags]: BODY signed by KEY with stock minisign, into BODY.minisig.
resign() {
    local body=$1 k=$2 c=$3
    shift 3
    minisign -S "$@" -s "$k" -m "$body" -t "$c" </dev/null >/dev/null 2>&1 || fail "minisign -S $body"
}
# edit_body JQ: alice's body changed by a jq program, into $T_DIR/body.json.
edit_body() { jq "$1" "$A" >"$T_DIR/body.json" || fail "jq $1"; }

L1=$(line "$SA" 1) L2=$(line "$SA" 2) L3=$(line "$SA" 3) L4=$(line "$SA" 4)

# --- the signature file: missing, truncated, malformed ---
forge no-sig missing-signature "$A" ""
: >"$T_DIR/sig"; forge sig-empty malformed-signature "$A" "$T_DIR/sig"
for n in 1 2 3; do
    head -n "$n" "$SA" >"$T_DIR/sig"; forge "sig-${n}-lines" malformed-signature "$A" "$T_DIR/sig"
done
head -c 150 "$SA" >"$T_DIR/sig"; forge sig-cut-mid-line malformed-signature "$A" "$T_DIR/sig"
sig4 "${L1#untrusted comment: }" "$L2" "$L3" "$L4"; forge sig-no-untrusted-prefix malformed-signature "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "${L3/trusted comment: /Trusted comment: }" "$L4"; forge sig-trusted-prefix-case malformed-signature "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "$L3" "$L4" "extra line"; forge sig-extra-line malformed-signature "$A" "$T_DIR/sig"
{ printf '%s\n%s\n' "$L1" "$L2"; printf '%s\0x\n%s\n' "$L3" "$L4"; } >"$T_DIR/sig"
forge sig-nul-byte malformed-signature "$A" "$T_DIR/sig"
sig4 "$L1" "${L2%????}" "$L3" "$L4"; forge sig-blob-short-4 malformed-signature-base64 "$A" "$T_DIR/sig"
sig4 "$L1" "${L2%?}" "$L3" "$L4"; forge sig-blob-short-1 malformed-signature-base64 "$A" "$T_DIR/sig"
sig4 "$L1" "${L2:0:20}!${L2:21}" "$L3" "$L4"; forge sig-blob-bad-char malformed-signature-base64 "$A" "$T_DIR/sig"
sig4 "$L1" "${L2%=}" "$L3" "$L4"; forge sig-blob-unpadded malformed-signature-base64 "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "$L3" "${L4%????}"; forge sig-global-short malformed-signature-base64 "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "$L3" "${L4:0:10} ${L4:11}"; forge sig-global-space malformed-signature-base64 "$A" "$T_DIR/sig"

# --- the signature blob: algorithm, key id, signature bytes ---
sig4 "$L1" "$(blob_set "$L2" 1 144)" "$L3" "$L4"; forge sig-alg-legacy-id unsupported-algorithm "$A" "$T_DIR/sig"
sig4 "$L1" "$(blob_set "$L2" 0 130)" "$L3" "$L4"; forge sig-alg-unknown unsupported-algorithm "$A" "$T_DIR/sig"
sig4 "$L1" "$(blob_flip "$L2" 2 255)" "$L3" "$L4"; forge sig-keyid-edited unknown-key "$A" "$T_DIR/sig"
sig4 "$L1" "$(blob_flip "$L2" 10 255)" "$L3" "$L4"; forge sig-bytes-edited bad-signature "$A" "$T_DIR/sig"
sig4 "$L1" "$(blob_flip "$L2" 73 1)" "$L3" "$L4"; forge sig-last-byte-edited bad-signature "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "$L3" "$(line "$SB" 4)"; forge sig-global-from-bob trusted-comment-edited "$A" "$T_DIR/sig"

# --- the score file's bytes changed under a genuine signature ---
head -c 100 "$A" >"$T_DIR/body"; forge body-truncated bad-signature "$T_DIR/body" "$SA"
head -c -1 "$A" >"$T_DIR/body"; forge body-last-byte-cut bad-signature "$T_DIR/body" "$SA"
: >"$T_DIR/body"; forge body-empty bad-signature "$T_DIR/body" "$SA"
{ cat "$A"; echo; } >"$T_DIR/body"; forge body-newline-added bad-signature "$T_DIR/body" "$SA"
sed 's/$/\r/' "$A" >"$T_DIR/body"; forge body-crlf bad-signature "$T_DIR/body" "$SA"
sed 's/"credit": 1.5/"credit": 3/' "$A" >"$T_DIR/body"; forge body-total-credit bad-signature "$T_DIR/body" "$SA"
sed 's/"correct": 1/"correct": 3/' "$A" >"$T_DIR/body"; forge body-total-correct bad-signature "$T_DIR/body" "$SA"
sed 's/"credit": 0.5/"credit": 1.0/' "$A" >"$T_DIR/body"; forge body-item-credit bad-signature "$T_DIR/body" "$SA"
sed 's/"given": "Given 2"/"given": "Answer 2"/' "$A" >"$T_DIR/body"; forge body-item-answer bad-signature "$T_DIR/body" "$SA"
sed 's/"name": "alice"/"name": "bob"/' "$A" >"$T_DIR/body"; forge body-student bad-signature "$T_DIR/body" "$SA"
sed 's/"hash": "blake2b-256:0/"hash": "blake2b-256:1/' "$A" >"$T_DIR/body"; forge body-bank-hash bad-signature "$T_DIR/body" "$SA"
sed 's/"number": 1/"number": 2/' "$A" >"$T_DIR/body"; forge body-attempt-number bad-signature "$T_DIR/body" "$SA"
jq . "$A" >"$T_DIR/body"; forge body-reformatted bad-signature "$T_DIR/body" "$SA"
forge swapped-bob-sig bad-signature "$A" "$SB"
forge swapped-mallory-sig bad-signature "$A" "$GEN/mallory.json.minisig"
forge bob-body-alice-sig bad-signature "$B" "$SA"

# --- the trusted comment edited or moved ---
sig4 "$L1" "$L2" "${L3/score=1.5\/3/score=3\/3}" "$L4"; forge tc-score edited "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "${L3/student=alice/student=bob}" "$L4"; forge tc-student edited "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "$L3 " "$L4"; forge tc-trailing-space edited "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "$L3	late" "$L4"; forge tc-appended edited "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "trusted comment: " "$L4"; forge tc-emptied edited "$A" "$T_DIR/sig"
sig4 "$L1" "$L2" "$(line "$SB" 3)" "$(line "$SB" 4)"; forge tc-moved-from-bob edited "$A" "$T_DIR/sig"
sed -i 's/,edited$/,trusted-comment-edited/' "$EXPECTED"

# --- keys that are not the named student's ---
cp "$A" "$T_DIR/m1.json"; resign "$T_DIR/m1.json" "$(key mallory)" "$TC_A"
forge mallory-signs-alice-body wrong-student "$T_DIR/m1.json" "$T_DIR/m1.json.minisig"
cp "$B" "$T_DIR/a1.json"; resign "$T_DIR/a1.json" "$(key alice)" "$(line "$SB" 3 | cut -c18-)"
forge alice-signs-bob-body wrong-student "$T_DIR/a1.json" "$T_DIR/a1.json.minisig"
"$RECITE_BIN" --db "$T_DIR/mallory/recite.db" score export --last --student alice -o "$T_DIR/m2.json" >/dev/null
forge mallory-exports-as-alice wrong-student "$T_DIR/m2.json" "$T_DIR/m2.json.minisig"
# Mallory copies Alice's attempt id into a file of her own that names Alice.
ATTEMPT=$(jq -r .attempt.id "$A")
sqlite3 "$T_DIR/mallory/recite.db" "UPDATE session SET attempt = '$ATTEMPT'"
"$RECITE_BIN" --db "$T_DIR/mallory/recite.db" score export --last --student alice -o "$T_DIR/m3.json" >/dev/null
[ "$(jq -r .attempt.id "$T_DIR/m3.json")" = "$ATTEMPT" ] || fail "m3 lacks alice's attempt id"
forge mallory-copies-attempt-as-alice wrong-student "$T_DIR/m3.json" "$T_DIR/m3.json.minisig"
cp "$A" "$T_DIR/e1.json"; resign "$T_DIR/e1.json" "$T_DIR/eve.key" "$TC_A"
forge eve-signs-alice-body unknown-key "$T_DIR/e1.json" "$T_DIR/e1.json.minisig"

# --- the student's own key signing a lie ---
# alice_signs NAME STATUS JQ [COMMENT]: alice's body edited by JQ, signed by alice's key.
alice_signs() {
    edit_body "$3"
    cp "$T_DIR/body.json" "$T_DIR/$1.json"
    resign "$T_DIR/$1.json" "$(key alice)" "${4:-$TC_A}"
    forge "$1" "$2" "$T_DIR/$1.json" "$T_DIR/$1.json.minisig"
}
alice_signs own-total-credit totals-mismatch '.totals.credit = 3'
alice_signs own-total-correct totals-mismatch '.totals.correct = 3'
alice_signs own-total-items totals-mismatch '.totals.items = 2'
alice_signs own-total-answered totals-mismatch '.totals.answered = 2'
alice_signs own-item-credit totals-mismatch '.items[2].credit = 1'
alice_signs own-item-dropped totals-mismatch '.items |= .[0:2]'
alice_signs own-item-added totals-mismatch '.items += [.items[0]]'
alice_signs own-skipped-credited malformed-json '.items[0].status = "skipped" | .items[0].given = ""'
alice_signs own-not-a-score malformed-json '.format = "recite-score/9"'
alice_signs own-no-student malformed-json 'del(.student)'
alice_signs own-default-comment summary-mismatch '.' "timestamp:1795514400	file:alice.json	hashed"
alice_signs own-comment-score summary-mismatch '.' "${TC_A/score=1.5\/3/score=3\/3}"
alice_signs own-comment-student summary-mismatch '.' "${TC_A/student=alice/student=bob}"
alice_signs own-other-key-id wrong-student ".student.key_id = \"$(jq -r .student.key_id "$B")\""
# A legacy (non-prehashed) signature, even a genuine one, is refused: recite signs prehashed only.
cp "$A" "$T_DIR/l1.json"; resign "$T_DIR/l1.json" "$(key alice)" "$TC_A" -l
forge legacy-signature unsupported-algorithm "$T_DIR/l1.json" "$T_DIR/l1.json.minisig"
head -c 20 "$A" >"$T_DIR/t1.json"; resign "$T_DIR/t1.json" "$(key alice)" "$TC_A"
forge own-truncated-body malformed-json "$T_DIR/t1.json" "$T_DIR/t1.json.minisig"

# --- one verify run over the corpus ---
run score verify "$F" --roster "$T_DIR/roster.tsv" --format csv
expect_status 1 "the corpus fails"
TOTAL=$(wc -l <"$EXPECTED")
VALID=$(grep -c ',valid,' "$out")
[ "$TOTAL" -ge 50 ] && ok "$TOTAL forgeries" || fail "only $TOTAL forgeries"
[ "$VALID" -eq 0 ] && ok "0 of $TOTAL reported valid" || fail "$VALID forgeries reported valid"
while IFS=, read -r name want; do
    got=$(grep "^$F/$name.json," "$out" | cut -d, -f2)
    [ "$got" = "$want" ] && ok "$name: $want" || fail "$name: expected $want, got '${got:-no row}'"
done <"$EXPECTED"
[ "$(($(wc -l <"$out") - 1))" -eq "$TOTAL" ] && ok "one row per forgery" || fail "rows: $(wc -l <"$out")"

# --- copies handed in twice, and the genuine file beside a copied attempt id ---
cp "$A" "$SA" "$D/"
cp "$A" "$D/alice-renamed.json"; cp "$SA" "$D/alice-renamed.json.minisig"
cp "$A" "$D/alice-third.json"; cp "$SA" "$D/alice-third.json.minisig"
run score verify "$D" --roster "$T_DIR/roster.tsv" --format csv
DUPS=$(grep -c ',duplicate-attempt,alice,' "$out")
[ "$DUPS" -eq 3 ] && ok "3 copies of one attempt: each duplicate-attempt" || fail "$DUPS duplicates"
expect_no_out ',valid,' "no copy is valid"
rm -f "$D"/alice-*
cp "$T_DIR/m3.json" "$D/mallory.json"; cp "$T_DIR/m3.json.minisig" "$D/mallory.json.minisig"
run score verify "$D" --roster "$T_DIR/roster.tsv" --format csv
expect_out "^$D/alice.json,valid,alice," "alice's file stays valid beside a copy of its attempt id"
expect_out "^$D/mallory.json,wrong-student,mallory," "Mallory's copy is hers, and refused"

# The genuine files still pass stock minisign after all this.
for s in alice bob mallory; do
    minisign -Vm "$GEN/$s.json" -P "$(pub "$s")" >/dev/null 2>&1 &&
        ok "minisign -V still accepts $s.json" || fail "minisign rejects $s.json"
done
echo "corpus: $TOTAL forgeries, $VALID reported valid"
finish
