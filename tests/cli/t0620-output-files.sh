#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Output files are written whole, beside their target, and renamed into
# place: an existing file or symlink is replaced only with --force, a
# symlink is never written through, and generate never replaces a document
# it reads.
. "$(dirname "$0")/lib.sh"
cd "$T_DIR" || exit 1
printf 'bank b\ntitle: B\n\nacronym PfP\nlong: Partnership for Peace\n' >b.bank
run bank import b.bank
expect_status 0 "a bank to export"

# bank export -o, native and interchange formats
for format in bank gift; do
    printf 'precious\n' >victim
    ln -sf victim "link.$format"
    run bank export b --format "$format" -o "link.$format"
    expect_status 73 "export ($format) refuses a symlink at -o"
    expect_err "exists \\(use --force" "and says --force replaces it"
    [ "$(cat victim)" = precious ] && ok "the symlink's target is untouched" || fail "victim written: $(cat victim)"
    run bank export b --format "$format" -o "link.$format" --force
    expect_status 0 "export ($format) --force replaces the symlink"
    [ -f "link.$format" ] && [ ! -L "link.$format" ] && ok "by a file" || fail "still a symlink"
    [ "$(cat victim)" = precious ] && ok "and still leaves its target alone" || fail "victim written"
    printf 'older\n' >"plain.$format"
    run bank export b --format "$format" -o "plain.$format"
    expect_status 73 "export ($format) refuses an existing file"
    [ "$(cat "plain.$format")" = older ] && ok "which keeps its content" || fail "file replaced"
    run bank export b --format "$format" -o "plain.$format" --force
    expect_status 0 "export ($format) --force replaces it"
    grep -q 'PfP\|Partnership' "plain.$format" && ok "with the export" || fail "no export in it"
done
ln -s nowhere dangling.bank
run bank export b -o dangling.bank
expect_status 73 "a dangling symlink is not written through either"
[ -e nowhere ] && fail "the dangling link's target was created" || ok "its target is not created"
run bank export b -o new.bank
expect_status 0 "a new file is written"
run bank export b
cmp -s new.bank "$out" && ok "with the canonical text" || fail "new.bank differs"
[ "$(ls -A | grep -c '\.tmp-')" = 0 ] && ok "no temporary file is left" || fail "temporary files: $(ls -A)"

# generate -o
printf 'The Partnership for Peace (PfP) began in 1994.\n' >notes.md
cp notes.md notes.orig
run generate notes.md -o notes.md
expect_status 73 "generate refuses to write its draft over the document"
run generate notes.md -o notes.md --force
expect_status 73 "even with --force"
expect_err "one of the documents" "the refusal says why"
ln -s notes.md alias.md
run generate notes.md -o alias.md --force
expect_status 73 "nor through another name for it"
cmp -s notes.md notes.orig && ok "the document is untouched" || fail "notes.md was overwritten"
printf 'older draft\n' >draft.bank
run generate notes.md -o draft.bank
expect_status 73 "generate refuses an existing draft"
[ "$(cat draft.bank)" = "older draft" ] && ok "which keeps its content" || fail "draft replaced"
run generate notes.md -o draft.bank --force
expect_status 0 "--force replaces it"
grep -q '^acronym PfP$' draft.bank && ok "with the new draft" || fail "no draft"
printf 'keep\n' >target
ln -s target draft-link.bank
run generate notes.md -o draft-link.bank --force
expect_status 0 "generate --force replaces a symlink"
[ "$(cat target)" = keep ] && ok "not its target" || fail "the symlink's target was written"
finish
