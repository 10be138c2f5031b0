/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Storage of sessions (reviews and quizzes) and their items: the rows a
 * score file is built from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "recite/common.h"
#include "recite/store.h"
#include "store_db.h"

/* ---- sessions ---- */

/* The bank's version and hash are kept: a later import of the bank must not change them. */
static const char sql_session_begin[] =
    "INSERT INTO session (kind, bank_id, started, seed, params, bank_version, bank_hash) "
    "SELECT ?1, b.id, ?3, ?4, ?5, b.version, b.hash FROM (SELECT 1) "
    "LEFT JOIN bank b ON b.slug = ?2";
/* Asking a question again replaces its row: a quiz first records every question unanswered. */
static const char sql_session_item_add[] =
    "INSERT INTO session_item (session_id, seq, card_uid, prompt, expected, given, credit, "
    "rating, duration_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (session_id, seq) DO UPDATE SET card_uid = excluded.card_uid, "
    "prompt = excluded.prompt, expected = excluded.expected, given = excluded.given, "
    "credit = excluded.credit, rating = excluded.rating, duration_ms = excluded.duration_ms, "
    "status = excluded.status";
static const char sql_session_end[] = "UPDATE session SET ended = ? WHERE id = ?";
#define SESSION_COLUMNS                                                                            \
    "SELECT s.id, s.kind, b.slug, s.started, s.ended, s.seed, s.params, s.attempt, "              \
    "s.bank_version, s.bank_hash FROM session s LEFT JOIN bank b ON b.id = s.bank_id "
static const char sql_session_get[] =
    SESSION_COLUMNS "WHERE (?1 != 0 AND s.id = ?1) OR (?1 = 0 AND (?2 IS NULL OR s.kind = ?2)) "
                    "ORDER BY s.id DESC LIMIT 1";
static const char sql_session_list[] =
    SESSION_COLUMNS "WHERE s.kind = ?2 AND s.id <= ?1 ORDER BY s.id";
static const char sql_session_set_attempt[] =
    "UPDATE session SET attempt = ? WHERE id = ? AND attempt IS NULL";
static const char sql_session_items[] =
    "SELECT card_uid, prompt, expected, given, credit, rating, duration_ms, status "
    "FROM session_item WHERE session_id = ? ORDER BY seq";

int recite_store_session_begin(struct recite_store *st, const char *kind, const char *bank_slug,
                               int64_t started_ms, uint64_t seed, const char *params_json,
                               int64_t *out_id, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_begin, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, bank_slug, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, started_ms);
    sqlite3_bind_int64(stmt, 4, (sqlite3_int64)seed);
    sqlite3_bind_text(stmt, 5, params_json, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot start a session");
    else
        *out_id = sqlite3_last_insert_rowid(st->db);
    stmt_done(stmt);
    return rc;
}

int recite_store_session_item_add(struct recite_store *st, int64_t session_id, int seq,
                                  const struct recite_session_item *item,
                                  struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_item_add, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, session_id);
    sqlite3_bind_int(stmt, 2, seq);
    sqlite3_bind_text(stmt, 3, item->card_uid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, item->prompt, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, item->expected, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, item->given ? item->given : "", -1, SQLITE_STATIC);
    sqlite3_bind_double(stmt, 7, item->credit);
    sqlite3_bind_int(stmt, 8, item->rating);
    sqlite3_bind_int64(stmt, 9, item->duration_ms);
    sqlite3_bind_int(stmt, 10, (int)item->status);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot record a session item");
    stmt_done(stmt);
    return rc;
}

int recite_store_session_end(struct recite_store *st, int64_t session_id, int64_t ended_ms,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_end, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, ended_ms);
    sqlite3_bind_int64(stmt, 2, session_id);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot end a session");
    stmt_done(stmt);
    return rc;
}

/* One row of SESSION_COLUMNS into out (strings owned); sets *oom on failure. */
static void session_info_read(sqlite3_stmt *stmt, void *into, bool *oom)
{
    struct recite_session_info *out = into;
    memset(out, 0, sizeof(*out));
    out->id = sqlite3_column_int64(stmt, 0);
    snprintf(out->kind, sizeof(out->kind), "%s", (const char *)sqlite3_column_text(stmt, 1));
    out->bank_slug = column_strdup(stmt, 2, oom);
    out->started = sqlite3_column_int64(stmt, 3);
    out->ended = sqlite3_column_int64(stmt, 4);
    out->seed = (uint64_t)sqlite3_column_int64(stmt, 5);
    out->params_json = column_strdup(stmt, 6, oom);
    out->attempt = column_strdup(stmt, 7, oom);
    out->bank_version = column_strdup(stmt, 8, oom);
    out->bank_hash = column_strdup(stmt, 9, oom);
}

int recite_store_session_get(struct recite_store *st, int64_t id, const char *kind,
                             struct recite_session_info *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_get, &stmt, err);
    if (rc < 0)
        return rc;
    memset(out, 0, sizeof(*out));
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    bool oom = false;
    if (step == SQLITE_ROW) {
        session_info_read(stmt, out, &oom);
        if (oom) {
            recite_session_info_release(out);
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
    } else if (step == SQLITE_DONE) {
        rc = id ? recite_error_set(err, RECITE_ENOTFOUND, "no session %lld", (long long)id)
                : recite_error_set(err, RECITE_ENOTFOUND, "no %s session yet",
                                   kind ? kind : "recorded");
    } else {
        rc = db_error(st, err, "cannot read a session");
    }
    stmt_done(stmt);
    return rc;
}

void recite_session_info_release(struct recite_session_info *info)
{
    if (!info)
        return;
    free(info->bank_slug);
    free(info->params_json);
    free(info->attempt);
    free(info->bank_version);
    free(info->bank_hash);
    info->bank_slug = info->params_json = info->attempt = NULL;
    info->bank_version = info->bank_hash = NULL;
}

int recite_store_session_list(struct recite_store *st, const char *kind, int64_t up_to_id,
                              struct recite_session_info **out, size_t *count,
                              struct recite_error *err)
{
    sqlite3_stmt *stmt;
    *out = NULL;
    *count = 0;
    int rc = stmt_get(st, sql_session_list, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, up_to_id);
    sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
    void *rows = NULL;
    size_t n = 0;
    if ((rc = collect_rows(st, stmt, session_info_read, sizeof(**out), &rows, &n, "sessions",
                           err)) < 0) {
        recite_session_infos_free(rows, n);
        return rc;
    }
    *out = rows;
    *count = n;
    return 0;
}

void recite_session_infos_free(struct recite_session_info *infos, size_t count)
{
    for (size_t i = 0; infos && i < count; i++)
        recite_session_info_release(&infos[i]);
    free(infos);
}

int recite_store_session_set_attempt(struct recite_store *st, int64_t session_id,
                                     const char *attempt, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_set_attempt, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, attempt, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, session_id);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot record the attempt id of a session");
    stmt_done(stmt);
    return rc;
}

static void session_item_read(sqlite3_stmt *stmt, void *into, bool *oom)
{
    struct recite_session_item *it = into;
    it->card_uid = column_strdup(stmt, 0, oom);
    it->prompt = column_strdup(stmt, 1, oom);
    it->expected = column_strdup(stmt, 2, oom);
    it->given = column_strdup(stmt, 3, oom);
    it->credit = sqlite3_column_double(stmt, 4);
    it->rating = sqlite3_column_int(stmt, 5);
    it->duration_ms = sqlite3_column_int64(stmt, 6);
    int status = sqlite3_column_int(stmt, 7);
    it->status = status == RECITE_ITEM_SKIPPED      ? RECITE_ITEM_SKIPPED
                 : status == RECITE_ITEM_UNANSWERED ? RECITE_ITEM_UNANSWERED
                                                    : RECITE_ITEM_ANSWERED;
}

int recite_store_session_items(struct recite_store *st, int64_t session_id,
                               struct recite_session_item **out, size_t *count,
                               struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_items, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, session_id);
    void *items = NULL;
    size_t n = 0;
    if ((rc = collect_rows(st, stmt, session_item_read, sizeof(**out), &items, &n,
                           "session items", err)) < 0) {
        recite_session_items_free(items, n);
        return rc;
    }
    *out = items;
    *count = n;
    return 0;
}

void recite_session_items_free(struct recite_session_item *items, size_t count)
{
    for (size_t i = 0; items && i < count; i++) {
        free(items[i].card_uid);
        free(items[i].prompt);
        free(items[i].expected);
        free(items[i].given);
    }
    free(items);
}
