#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# recite generate over real articles nobody here wrote: every one gives a
# draft that passes bank lint (none is lost to a sentence it cannot
# describe). The articles are read in place and are not part of the
# repository: without them the test is skipped.
. "$(dirname "$0")/lib.sh"

ORGS="${RECITE_CORPUS:-$RECITE_SOURCE_DIR/../shared/corpus}/orgs"
if [ ! -d "$ORGS" ]; then
    echo "skip: no corpus at $ORGS"
    exit 77
fi

total=0 failed=0 unlinted=0
for doc in "$ORGS"/*.md; do
    total=$((total + 1))
    if ! "$RECITE_BIN" generate "$doc" -o "$T_DIR/draft.bank" --force >/dev/null 2>"$T_DIR/stderr"; then
        failed=$((failed + 1))
        echo "failed: $(basename "$doc"): $(head -c 200 "$T_DIR/stderr" | tr -cd '[:print:]')"
        continue
    fi
    "$RECITE_BIN" bank lint "$T_DIR/draft.bank" >/dev/null 2>&1 || {
        unlinted=$((unlinted + 1))
        echo "lint: $(basename "$doc")"
    }
done
out=/dev/null err=/dev/null
[ "$total" -gt 0 ] && [ "$failed" -eq 0 ] && ok "all $total articles give a draft" ||
    fail "$failed of $total articles give no draft"
[ "$unlinted" -eq 0 ] && ok "every draft passes bank lint" || fail "$unlinted drafts fail bank lint"
finish
