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

/*
 * Sessions: one row per review or quiz sitting, with the items a quiz asked
 * (reviews go to the review log instead). Strings are borrowed when passed
 * in; read back, they are owned by the array (see
 * recite_session_items_free()).
 */
struct recite_session_item {
    char *card_uid;      /* the card asked */
    char *prompt;        /* the question as shown */
    char *expected;      /* the canonical answer */
    char *given;         /* what the student answered ("" when skipped) */
    double credit;       /* 0..1, partial credit allowed */
    int rating;          /* 1..4, or 0 when not rated */
    int64_t duration_ms; /* time to answer */
};

struct recite_session_info {
    int64_t id;        /* session id */
    char kind[8];      /* "review" or "quiz" */
    char *bank_slug;   /* NULL when the session spans every bank */
    int64_t started;   /* Unix ms */
    int64_t ended;     /* Unix ms, 0 while open */
    uint64_t seed;     /* the random seed the session used */
    char *params_json; /* quiz parameters as JSON text, or NULL */
};

/* Starts a session; bank_slug may be NULL. *out_id receives its id. */
int recite_store_session_begin(struct recite_store *st, const char *kind, const char *bank_slug,
                               int64_t started_ms, uint64_t seed, const char *params_json,
                               int64_t *out_id, struct recite_error *err);
/* Appends item number seq (0, 1, ...) to a session. */
int recite_store_session_item_add(struct recite_store *st, int64_t session_id, int seq,
                                  const struct recite_session_item *item,
                                  struct recite_error *err);
/* Records the end of a session. */
int recite_store_session_end(struct recite_store *st, int64_t session_id, int64_t ended_ms,
                             struct recite_error *err);
/*
 * Reads session id, or the newest session of kind (NULL: any) when id is 0.
 * RECITE_ENOTFOUND when there is none. Release with recite_session_info_release().
 */
int recite_store_session_get(struct recite_store *st, int64_t id, const char *kind,
                             struct recite_session_info *out, struct recite_error *err);
void recite_session_info_release(struct recite_session_info *info);
/* Reads a session's items in order. Caller frees with recite_session_items_free(). */
int recite_store_session_items(struct recite_store *st, int64_t session_id,
                               struct recite_session_item **out, size_t *count,
                               struct recite_error *err);
void recite_session_items_free(struct recite_session_item *items, size_t count);

/* Runs PRAGMA integrity_check; 0 when it reports "ok", RECITE_EDATA otherwise. */
int recite_store_check(struct recite_store *st, struct recite_error *err);

/* ---- score files and trusted keys ---- */

/*
 * The identity of an imported bank for a score file: its version and
 * content hash (hex BLAKE2b-256 of the canonical text). Caller frees both
 * with free(). RECITE_ENOTFOUND when no bank has that slug.
 */
int recite_store_bank_ident(struct recite_store *st, const char *slug, char **out_version,
                            char **out_hash, struct recite_error *err);

/*
 * Trusted instructor keys (signed banks). add records or replaces the key
 * with that key id (16 uppercase hex digits); list calls fn for each, in key
 * id order, stopping early when fn returns non-zero (that value is returned).
 */
int recite_store_trusted_key_add(struct recite_store *st, const char *keyid_hex,
                                 const char *pubkey, const char *comment, int64_t added_ms,
                                 struct recite_error *err);
int recite_store_trusted_keys(struct recite_store *st,
                              int (*fn)(void *ctx, const char *keyid_hex, const char *pubkey,
                                        const char *comment),
                              void *ctx, struct recite_error *err);

#endif
