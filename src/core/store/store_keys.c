/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Storage of what score files and trusted keys need: a bank's identity and
 * the trusted instructor keys.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "recite/common.h"
#include "recite/store.h"
#include "store_db.h"

/* ---- score files and trusted keys ---- */

static const char sql_bank_ident[] = "SELECT version, hash FROM bank WHERE slug = ?";
/* A key id names one key: another key under a trusted id changes nothing (and is refused). */
static const char sql_trusted_key_add[] =
    "INSERT INTO trusted_key (keyid, pubkey, comment, added_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (keyid) DO UPDATE SET comment = excluded.comment "
    "WHERE pubkey = excluded.pubkey";
static const char sql_trusted_keys[] =
    "SELECT keyid, pubkey, comment FROM trusted_key ORDER BY keyid";

int recite_store_bank_ident(struct recite_store *st, const char *slug, char **out_version,
                            char **out_hash, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_ident, &stmt, err);
    if (rc < 0)
        return rc;
    *out_version = *out_hash = NULL;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    bool oom = false;
    if (step == SQLITE_ROW) {
        *out_version = column_strdup(stmt, 0, &oom);
        *out_hash = column_strdup(stmt, 1, &oom);
        if (oom || !*out_version || !*out_hash) {
            free(*out_version);
            free(*out_hash);
            *out_version = *out_hash = NULL;
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    } else {
        rc = db_error(st, err, "cannot read a bank");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_trusted_key_add(struct recite_store *st, const char *keyid_hex,
                                 const char *pubkey, const char *comment, int64_t added_ms,
                                 struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_trusted_key_add, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, keyid_hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, pubkey, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, comment ? comment : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, added_ms);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot record a trusted key");
    else if (sqlite3_changes(st->db) == 0)
        rc = recite_error_set(err, RECITE_EEXISTS, "another key with key id %s is trusted",
                              keyid_hex);
    stmt_done(stmt);
    return rc;
}

int recite_store_trusted_keys(struct recite_store *st,
                              int (*fn)(void *ctx, const char *keyid_hex, const char *pubkey,
                                        const char *comment),
                              void *ctx, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_trusted_keys, &stmt, err);
    if (rc < 0)
        return rc;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        rc = fn(ctx, (const char *)sqlite3_column_text(stmt, 0),
                (const char *)sqlite3_column_text(stmt, 1),
                (const char *)sqlite3_column_text(stmt, 2));
        if (rc != 0)
            break;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read trusted keys");
    stmt_done(stmt);
    return rc;
}
