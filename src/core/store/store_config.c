/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Storage of configuration values, of the scheduler parameters kept per
 * bank as configuration, and the review log read for fitting them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "recite/common.h"
#include "recite/fit.h"
#include "recite/sched.h"
#include "recite/store.h"
#include "store_db.h"

/* ---- configuration ---- */

static const char sql_config_get[] = "SELECT value FROM config WHERE key = ?";
static const char sql_config_set[] =
    "INSERT INTO config (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

int recite_store_config_get(struct recite_store *st, const char *key, char **out,
                            struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_config_get, &stmt, err);
    if (rc < 0)
        return rc;
    *out = NULL;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        *out = recite_strdup((const char *)sqlite3_column_text(stmt, 0));
        if (!*out)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    } else if (step != SQLITE_DONE) {
        rc = db_error(st, err, "cannot read configuration");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_config_set(struct recite_store *st, const char *key, const char *value,
                            struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_config_set, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot write configuration");
    stmt_done(stmt);
    return rc;
}

/* ---- scheduler parameters ---- */

/* The config key of a bank's parameters: "sched.<slug>", or "sched" for the default. */
static char *sched_key(const char *bank_slug)
{
    if (!bank_slug)
        return recite_strdup("sched");
    size_t size = strlen(bank_slug) + sizeof("sched.");
    char *key = malloc(size);
    if (key)
        snprintf(key, size, "sched.%s", bank_slug);
    return key;
}

int recite_store_sched_params_get(struct recite_store *st, const char *bank_slug,
                                  struct recite_sched_params *out, struct recite_error *err)
{
    char *key = sched_key(bank_slug);
    char *json = NULL;
    if (!key)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    int rc = recite_store_config_get(st, key, &json, err);
    if (rc == 0 && !json && bank_slug)
        rc = recite_store_config_get(st, "sched", &json, err);
    if (rc == 0 && json)
        rc = recite_sched_params_from_json(out, json, err);
    else if (rc == 0)
        recite_sched_params_default(out);
    free(json);
    free(key);
    return rc;
}

int recite_store_sched_params_set(struct recite_store *st, const char *bank_slug,
                                  const struct recite_sched_params *params,
                                  struct recite_error *err)
{
    char *key = sched_key(bank_slug);
    char *json = recite_sched_params_to_json(params);
    int rc = 0;
    if (!key || !json)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    else
        rc = recite_store_config_set(st, key, json, err);
    free(json);
    free(key);
    return rc;
}

/*
 * The review log for fitting: card, time, rating and the state before, in
 * time order. A review without a recorded state counts as a Review.
 */
static const char sql_revlog[] =
    "SELECT r.card_id, r.at, r.rating, coalesce(json_extract(r.state_before, '$.state'), 2) "
    "FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id "
    "JOIN bank b ON b.id = f.bank_id "
    "WHERE r.rating BETWEEN 1 AND 4 AND (?1 IS NULL OR b.slug = ?1) ORDER BY r.at, r.id";

int recite_store_revlog_read(struct recite_store *st, const char *bank_slug,
                             struct recite_revlog *log, struct recite_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(st->db, sql_revlog, -1, &stmt, NULL) != SQLITE_OK)
        return db_error(st, err, "cannot read the review log");
    sqlite3_bind_text(stmt, 1, bank_slug, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct recite_revlog_entry e = {sqlite3_column_int64(stmt, 0),
                                        sqlite3_column_int64(stmt, 1),
                                        sqlite3_column_int(stmt, 2), sqlite3_column_int(stmt, 3)};
        rc = recite_revlog_push(log, &e, err);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read the review log");
    sqlite3_finalize(stmt);
    return rc;
}
