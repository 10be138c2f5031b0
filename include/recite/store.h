/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The database: banks, facts, cards, card state, reviews, sessions and
 * configuration in one SQLite file. Only src/core/store.c speaks SQL; every
 * other module uses these domain calls. Included through recite.h.
 */
#ifndef RECITE_STORE_H
#define RECITE_STORE_H

#include "common.h"

struct recite_store; /* opaque handle */

/* The schema version this build writes; older databases are migrated. */
#define RECITE_SCHEMA_VERSION 2

/*
 * Resolves the database path: explicit (if not NULL), else $RECITE_DB, else
 * $XDG_DATA_HOME/recite/recite.db, else $HOME/.local/share/recite/recite.db.
 * Caller frees *out with free().
 */
int recite_store_default_path(char **out, const char *explicit_path, struct recite_error *err);

/*
 * Opens (creating if needed) the database at path, or an in-memory one for
 * ":memory:". Missing parent directories are created with mode 0700. A file
 * that is not a SQLite database, or one written by a newer schema, is refused
 * (RECITE_EDATA / RECITE_EVERSION) and left untouched. Older schemas are
 * migrated in one transaction. Caller closes with recite_store_close().
 */
int recite_store_open(struct recite_store **out, const char *path, struct recite_error *err);

/* Closes the database; NULL does nothing. */
void recite_store_close(struct recite_store *st);

/* The schema version of the open database (PRAGMA user_version). */
int recite_store_schema_version(struct recite_store *st);

/* The path the store was opened with. Borrowed; valid until close. */
const char *recite_store_path(const struct recite_store *st);

/*
 * Transactions. begin takes the write lock at once (BEGIN IMMEDIATE) so a
 * second writer waits on the busy timeout rather than failing mid-way.
 * Nested calls are counted: only the outermost commit or rollback acts.
 */
int recite_store_begin(struct recite_store *st, struct recite_error *err);
int recite_store_commit(struct recite_store *st, struct recite_error *err);
void recite_store_rollback(struct recite_store *st);

/*
 * Configuration values (key -> text). get stores a malloc'd copy in *out, or
 * NULL when the key is unset; caller frees with free().
 */
int recite_store_config_get(struct recite_store *st, const char *key, char **out,
                            struct recite_error *err);
int recite_store_config_set(struct recite_store *st, const char *key, const char *value,
                            struct recite_error *err);

/* Runs PRAGMA integrity_check; 0 when it reports "ok", RECITE_EDATA otherwise. */
int recite_store_check(struct recite_store *st, struct recite_error *err);

#endif
