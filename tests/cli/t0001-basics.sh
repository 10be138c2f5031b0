#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Global options, help, unknown commands and database misuse.
. "$(dirname "$0")/lib.sh"

run --version
expect_status 0 "--version exits 0"
expect_out '^recite [0-9]+\.[0-9]+\.[0-9]+$' "--version prints name and version"

run --help
expect_status 0 "--help exits 0"
expect_out '^usage: recite' "--help shows usage"
expect_out '^  db ' "--help lists the db command"
expect_out '^  help ' "--help lists the help command"

run help db
expect_status 0 "help db exits 0"
expect_out '^usage: recite db' "help db prints the db usage"

run db --help
expect_status 0 "db --help exits 0"
expect_out '^usage: recite db' "db --help prints the db usage"

run dbb
expect_status 64 "unknown command is a usage error"
expect_err "'dbb' is not a recite command" "unknown command is named"
expect_err '^	db$' "the closest command is suggested"

run --frobnicate
expect_status 64 "unknown global option is a usage error"

run db --frobnicate
expect_status 64 "unknown command option is a usage error"

# A file that is not a database is refused and left exactly as it was.
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$T_DIR/passwd"
cp "$T_DIR/passwd" "$T_DIR/passwd.orig"
run --db "$T_DIR/passwd" db info
expect_status 65 "a non-database file is bad data"
expect_err "is not a recite database" "the refusal says why"
if cmp -s "$T_DIR/passwd" "$T_DIR/passwd.orig" && [ ! -e "$T_DIR/passwd-wal" ]; then
    ok "the non-database file is untouched"
else
    fail "the non-database file was modified"
fi

# A fresh database is created with its parent directories, mode 0700.
run --db "$T_DIR/deep/er/recite.db" db info
expect_status 0 "a new database is created"
expect_out '^schema: [0-9]+$' "db info shows the schema version"
mode=$(stat -c %a "$T_DIR/deep")
[ "$mode" = 700 ] && ok "parent directory is 0700" || fail "parent directory mode is $mode"

run --db "$T_DIR/deep/er/recite.db" db check
expect_status 0 "db check passes"
expect_out '^ok$' "db check says ok"

# The default path honours RECITE_DB, then XDG_DATA_HOME.
run db path
expect_out "^$T_DIR/recite.db\$" "RECITE_DB names the database"
RECITE_DB= run db path
expect_out "^$XDG_DATA_HOME/recite/recite.db\$" "XDG_DATA_HOME is the fallback"

finish
