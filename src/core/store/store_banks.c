/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Storage of banks, their sources, facts and cards: what an import writes and
 * what export, listing and bank views read back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "recite/common.h"
#include "recite/store.h"
#include "store_db.h"

/* ---- banks, facts and cards (bank import, export, list) ---- */

static const char sql_bank_lookup[] = "SELECT id, hash FROM bank WHERE slug = ?";
static const char sql_bank_insert[] =
    "INSERT INTO bank (slug, title, version, language, hash, canonical, imported_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_bank_update[] =
    "UPDATE bank SET title = ?2, version = ?3, language = ?4, hash = ?5, canonical = ?6, "
    "imported_at = ?7 WHERE slug = ?1";
static const char sql_bank_info[] =
    "SELECT b.slug, b.title, b.version, b.language, b.hash, b.imported_at,"
    " (SELECT count(*) FROM fact f WHERE f.bank_id = b.id AND NOT f.retired),"
    " (SELECT count(*) FROM fact f WHERE f.bank_id = b.id AND f.retired),"
    " (SELECT count(*) FROM card c JOIN fact f ON f.id = c.fact_id"
    "   WHERE f.bank_id = b.id AND NOT f.retired),"
    " (SELECT count(*) FROM card c JOIN fact f ON f.id = c.fact_id"
    "   WHERE f.bank_id = b.id AND c.suspended != 0) "
    "FROM bank b WHERE ?1 IS NULL OR b.slug = ?1 ORDER BY b.slug";
static const char sql_bank_count[] = "SELECT count(*) FROM bank";
static const char sql_bank_canonical[] = "SELECT canonical FROM bank WHERE slug = ?";
static const char sql_bank_remove[] = "DELETE FROM bank WHERE slug = ?";
static const char sql_bank_origin[] = "SELECT format, signer FROM bank WHERE slug = ?";
static const char sql_bank_origin_set[] = "UPDATE bank SET format = ?2, signer = ?3 WHERE slug = ?1";
static const char sql_sources_clear[] = "DELETE FROM source WHERE bank_id = ?";
static const char sql_source_add[] = "INSERT INTO source (bank_id, sid, title) VALUES (?, ?, ?)";
#define FACT_COLUMNS                                                                               \
    "id, key, kind, body, tags, cite, position, retired, year, span_first, span_last "
static const char sql_fact_rows[] = "SELECT " FACT_COLUMNS "FROM fact WHERE bank_id = ? ORDER BY key";
static const char sql_fact_get[] = "SELECT " FACT_COLUMNS "FROM fact WHERE id = ?";
static const char sql_fact_find[] =
    "SELECT " FACT_COLUMNS "FROM fact WHERE bank_id = ? AND key = ? AND NOT retired";
static const char sql_fact_each[] = "SELECT " FACT_COLUMNS "FROM fact "
                                    "WHERE bank_id = ? AND kind = ? AND retired = 0 "
                                    "ORDER BY position";
/* Reads fact_kind alone: no fact body is touched. */
static const char sql_fact_refs[] = "SELECT id, year, span_first, span_last FROM fact "
                                    "WHERE bank_id = ? AND kind = ? AND retired = 0 "
                                    "ORDER BY position";
static const char sql_bank_header[] =
    "SELECT id, title, version, language FROM bank WHERE slug = ?";
static const char sql_bank_sources[] = "SELECT sid, title FROM source WHERE bank_id = ? ORDER BY sid";
static const char sql_fact_insert[] =
    "INSERT INTO fact (bank_id, key, kind, body, tags, cite, position, year, span_first, "
    "span_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_fact_update[] =
    "UPDATE fact SET kind = ?2, body = ?3, tags = ?4, cite = ?5, position = ?6, retired = 0, "
    "year = ?7, span_first = ?8, span_last = ?9 WHERE id = ?1";
static const char sql_fact_retire[] = "UPDATE fact SET retired = 1 WHERE id = ?";
/* A card a student suspended (1) or a leech (3) keeps its own reason. */
static const char sql_fact_cards_retire[] =
    "UPDATE card SET suspended = 2 WHERE fact_id = ? AND suspended = 0";
static const char sql_card_ensure[] =
    "INSERT INTO card (uid, fact_id, template, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (uid) DO NOTHING";
static const char sql_fact_cards[] = "SELECT id, template, suspended FROM card WHERE fact_id = ?";
static const char sql_card_suspend[] = "UPDATE card SET suspended = ? WHERE id = ?";
static const char sql_card_find[] =
    "SELECT c.id, c.fact_id, b.slug, f.key, c.template, c.suspended "
    "FROM card c JOIN fact f ON f.id = c.fact_id JOIN bank b ON b.id = f.bank_id "
    "WHERE c.uid = ?";

int recite_store_bank_lookup(struct recite_store *st, const char *slug, int64_t *out_id,
                             char out_hash[65], struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_lookup, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        *out_id = sqlite3_column_int64(stmt, 0);
        snprintf(out_hash, 65, "%s", (const char *)sqlite3_column_text(stmt, 1));
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    } else {
        rc = db_error(st, err, "cannot look up a bank");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_upsert(struct recite_store *st, const struct recite_bank_row *row,
                             int64_t *out_id, bool *out_created, struct recite_error *err)
{
    char hash[65];
    int rc = recite_store_bank_lookup(st, row->slug, out_id, hash, err);
    if (rc < 0 && rc != RECITE_ENOTFOUND)
        return rc;
    bool created = rc == RECITE_ENOTFOUND;
    sqlite3_stmt *stmt;
    if ((rc = stmt_get(st, created ? sql_bank_insert : sql_bank_update, &stmt, err)) < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, row->slug, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, row->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, row->version, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, row->language, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, row->hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, row->canonical, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 7, row->imported_at);
    if ((rc = step_done(st, stmt, err, "cannot store a bank")) < 0)
        return rc;
    if (created)
        *out_id = sqlite3_last_insert_rowid(st->db);
    if (out_created)
        *out_created = created;
    return 0;
}

int recite_store_bank_origin(struct recite_store *st, const char *slug,
                             struct recite_bank_origin *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_origin, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        snprintf(out->format, sizeof(out->format), "%s", (const char *)sqlite3_column_text(stmt, 0));
        snprintf(out->signer, sizeof(out->signer), "%s", (const char *)sqlite3_column_text(stmt, 1));
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    } else {
        rc = db_error(st, err, "cannot read where a bank came from");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_origin_set(struct recite_store *st, const char *slug,
                                 const struct recite_bank_origin *origin, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_origin_set, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, origin->format, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, origin->signer, -1, SQLITE_STATIC);
    return step_done(st, stmt, err, "cannot record where a bank came from");
}

static int bank_info_read(sqlite3_stmt *stmt, struct recite_bank_info *out)
{
    bool oom = false;
    memset(out, 0, sizeof(*out));
    out->slug = column_strdup(stmt, 0, &oom);
    out->title = column_strdup(stmt, 1, &oom);
    out->version = column_strdup(stmt, 2, &oom);
    out->language = column_strdup(stmt, 3, &oom);
    out->hash = column_strdup(stmt, 4, &oom);
    out->imported_at = sqlite3_column_int64(stmt, 5);
    out->fact_count = (size_t)sqlite3_column_int64(stmt, 6);
    out->retired_count = (size_t)sqlite3_column_int64(stmt, 7);
    out->card_count = (size_t)sqlite3_column_int64(stmt, 8);
    out->suspended_count = (size_t)sqlite3_column_int64(stmt, 9);
    if (oom) {
        recite_bank_info_release(out);
        return RECITE_ENOMEM;
    }
    return 0;
}

void recite_bank_info_release(struct recite_bank_info *info)
{
    if (!info)
        return;
    free(info->slug);
    free(info->title);
    free(info->version);
    free(info->language);
    free(info->hash);
    memset(info, 0, sizeof(*info));
}

void recite_bank_infos_free(struct recite_bank_info *infos, size_t count)
{
    for (size_t i = 0; infos && i < count; i++)
        recite_bank_info_release(&infos[i]);
    free(infos);
}

int recite_store_bank_list(struct recite_store *st, struct recite_bank_info **out,
                           size_t *out_count, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_info, &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_bank_info *infos = NULL;
    size_t n = 0;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct recite_bank_info *grown = realloc(infos, (n + 1) * sizeof(*grown));
        if (!grown || bank_info_read(stmt, &grown[n]) < 0) {
            infos = grown ? grown : infos;
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
            break;
        }
        infos = grown;
        n++;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot list banks");
    stmt_done(stmt);
    if (rc < 0) {
        recite_bank_infos_free(infos, n);
        return rc;
    }
    *out = infos;
    *out_count = n;
    return 0;
}

int recite_store_bank_get(struct recite_store *st, const char *slug,
                          struct recite_bank_info *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_info, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW)
        rc = bank_info_read(stmt, out) < 0 ? recite_error_set(err, RECITE_ENOMEM, "out of memory")
                                           : 0;
    else if (step == SQLITE_DONE)
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    else
        rc = db_error(st, err, "cannot read a bank");
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_count(struct recite_store *st, size_t *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_count, &stmt, err);
    if (rc < 0)
        return rc;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        *out = (size_t)sqlite3_column_int64(stmt, 0);
    else
        rc = db_error(st, err, "cannot count banks");
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_canonical(struct recite_store *st, const char *slug, char **out,
                                struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_canonical, &stmt, err);
    if (rc < 0)
        return rc;
    *out = NULL;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    bool oom = false;
    if (step == SQLITE_ROW) {
        *out = column_strdup(stmt, 0, &oom);
        if (oom || !*out)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    } else {
        rc = db_error(st, err, "cannot read a bank");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_remove(struct recite_store *st, const char *slug, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_remove, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    if ((rc = step_done(st, stmt, err, "cannot remove a bank")) < 0)
        return rc;
    if (sqlite3_changes(st->db) == 0)
        return recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    return 0;
}

int recite_store_bank_sources_clear(struct recite_store *st, int64_t bank_id,
                                    struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_sources_clear, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    return step_done(st, stmt, err, "cannot clear sources");
}

int recite_store_source_add(struct recite_store *st, int64_t bank_id, const char *sid,
                            const char *title, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_source_add, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, sid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, title, -1, SQLITE_STATIC);
    return step_done(st, stmt, err, "cannot store a source");
}

void recite_fact_row_release(struct recite_fact_row *row)
{
    free(row->key);
    free(row->kind);
    free(row->body);
    free(row->tags);
    free(row->cite);
    memset(row, 0, sizeof(*row));
}

void recite_fact_rows_free(struct recite_fact_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++)
        recite_fact_row_release(&rows[i]);
    free(rows);
}

/* Reads a row of FACT_COLUMNS; *oom is set when a copy failed. */
static void fact_row_read(sqlite3_stmt *stmt, struct recite_fact_row *row, bool *oom)
{
    row->id = sqlite3_column_int64(stmt, 0);
    row->key = column_strdup(stmt, 1, oom);
    row->kind = column_strdup(stmt, 2, oom);
    row->body = column_strdup(stmt, 3, oom);
    row->tags = column_strdup(stmt, 4, oom);
    row->cite = column_strdup(stmt, 5, oom);
    row->position = sqlite3_column_int64(stmt, 6);
    row->retired = sqlite3_column_int(stmt, 7) != 0;
    row->year = sqlite3_column_int(stmt, 8);
    row->span_first = sqlite3_column_int64(stmt, 9);
    row->span_last = sqlite3_column_int64(stmt, 10);
}

static void fact_row_take(sqlite3_stmt *stmt, void *into, bool *oom)
{
    fact_row_read(stmt, into, oom);
}

int recite_store_fact_rows(struct recite_store *st, int64_t bank_id, struct recite_fact_row **out,
                           size_t *out_count, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_rows, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    void *rows = NULL;
    size_t n = 0;
    if ((rc = collect_rows(st, stmt, fact_row_take, sizeof(**out), &rows, &n, "facts", err)) < 0) {
        recite_fact_rows_free(rows, n);
        return rc;
    }
    *out = rows;
    *out_count = n;
    return 0;
}

int recite_store_fact_insert(struct recite_store *st, int64_t bank_id,
                             const struct recite_fact_row *row, int64_t *out_id,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_insert, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, row->key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, row->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, row->body, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, row->tags, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, row->cite, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 7, row->position);
    sqlite3_bind_int(stmt, 8, row->year);
    sqlite3_bind_int64(stmt, 9, row->span_first);
    sqlite3_bind_int64(stmt, 10, row->span_last);
    if ((rc = step_done(st, stmt, err, "cannot store a fact")) < 0)
        return rc;
    *out_id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int recite_store_fact_update(struct recite_store *st, const struct recite_fact_row *row,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_update, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, row->id);
    sqlite3_bind_text(stmt, 2, row->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, row->body, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, row->tags, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, row->cite, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 6, row->position);
    sqlite3_bind_int(stmt, 7, row->year);
    sqlite3_bind_int64(stmt, 8, row->span_first);
    sqlite3_bind_int64(stmt, 9, row->span_last);
    return step_done(st, stmt, err, "cannot update a fact");
}

/* Steps a query of one fact row into *out; what names the query for errors. */
static int fact_row_one(struct recite_store *st, sqlite3_stmt *stmt, struct recite_fact_row *out,
                        const char *what, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    bool oom = false;
    int rc = 0;
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        fact_row_read(stmt, out, &oom);
        if (oom || !out->key || !out->kind || !out->body || !out->tags || !out->cite)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no such fact");
    } else {
        rc = db_error(st, err, what);
    }
    stmt_done(stmt);
    if (rc < 0)
        recite_fact_row_release(out);
    return rc;
}

int recite_store_fact_get(struct recite_store *st, int64_t fact_id, struct recite_fact_row *out,
                          struct recite_error *err)
{
    sqlite3_stmt *stmt;
    memset(out, 0, sizeof(*out));
    int rc = stmt_get(st, sql_fact_get, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, fact_id);
    return fact_row_one(st, stmt, out, "cannot read a fact", err);
}

int recite_store_fact_find(struct recite_store *st, int64_t bank_id, const char *key,
                           struct recite_fact_row *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    memset(out, 0, sizeof(*out));
    int rc = stmt_get(st, sql_fact_find, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, key, -1, SQLITE_STATIC);
    return fact_row_one(st, stmt, out, "cannot read a fact", err);
}

int recite_store_fact_each(struct recite_store *st, int64_t bank_id, const char *kind,
                           int (*fn)(void *ctx, const struct recite_fact_row *row), void *ctx,
                           struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_each, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct recite_fact_row row = {0};
        bool oom = false;
        fact_row_read(stmt, &row, &oom);
        rc = oom || !row.key || !row.kind || !row.body || !row.tags || !row.cite
                 ? recite_error_set(err, RECITE_ENOMEM, "out of memory")
                 : fn(ctx, &row);
        recite_fact_row_release(&row);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read facts");
    stmt_done(stmt);
    return rc;
}

static void fact_ref_read(sqlite3_stmt *stmt, void *into, bool *oom)
{
    (void)oom;
    *(struct recite_fact_ref *)into = (struct recite_fact_ref){
        sqlite3_column_int64(stmt, 0), sqlite3_column_int(stmt, 1),
        sqlite3_column_int64(stmt, 2), sqlite3_column_int64(stmt, 3)};
}

int recite_store_fact_refs(struct recite_store *st, int64_t bank_id, const char *kind,
                           struct recite_fact_ref **out, size_t *out_count,
                           struct recite_error *err)
{
    sqlite3_stmt *stmt;
    *out = NULL;
    *out_count = 0;
    int rc = stmt_get(st, sql_fact_refs, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
    void *refs = NULL;
    size_t n = 0;
    if ((rc = collect_rows(st, stmt, fact_ref_read, sizeof(**out), &refs, &n, "facts", err)) < 0) {
        free(refs);
        return rc;
    }
    *out = refs;
    *out_count = n;
    return 0;
}

int recite_store_bank_sources(struct recite_store *st, int64_t bank_id,
                              int (*each)(void *ctx, const char *id, const char *title),
                              void *ctx, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_sources, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW)
        rc = each(ctx, (const char *)sqlite3_column_text(stmt, 0),
                  (const char *)sqlite3_column_text(stmt, 1));
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read sources");
    stmt_done(stmt);
    return rc;
}

void recite_bank_head_release(struct recite_bank_head *head)
{
    free(head->title);
    free(head->version);
    free(head->language);
    memset(head, 0, sizeof(*head));
}

int recite_store_bank_header(struct recite_store *st, const char *slug,
                             struct recite_bank_head *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    memset(out, 0, sizeof(*out));
    int rc = stmt_get(st, sql_bank_header, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        bool oom = false;
        out->id = sqlite3_column_int64(stmt, 0);
        out->title = column_strdup(stmt, 1, &oom);
        out->version = column_strdup(stmt, 2, &oom);
        out->language = column_strdup(stmt, 3, &oom);
        if (oom) {
            recite_bank_head_release(out);
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

static const char sql_fact_ranks[] =
    "UPDATE fact SET kind_rank = r.k FROM (SELECT id, row_number() OVER "
    "  (PARTITION BY kind ORDER BY position, id) - 1 AS k FROM fact "
    "  WHERE bank_id = ?1 AND retired = 0) AS r WHERE fact.id = r.id AND fact.kind_rank != r.k";

int recite_store_fact_ranks(struct recite_store *st, int64_t bank_id, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_ranks, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    return step_done(st, stmt, err, "cannot rank a bank's facts");
}

int recite_store_fact_retire(struct recite_store *st, int64_t fact_id, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_retire, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, fact_id);
    if ((rc = step_done(st, stmt, err, "cannot retire a fact")) < 0)
        return rc;
    if ((rc = stmt_get(st, sql_fact_cards_retire, &stmt, err)) < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, fact_id);
    return step_done(st, stmt, err, "cannot suspend a retired fact's cards");
}

int recite_store_card_ensure(struct recite_store *st, int64_t fact_id, const char *uid,
                             const char *template_name, int64_t now_ms, bool *out_added,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_ensure, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, fact_id);
    sqlite3_bind_text(stmt, 3, template_name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, now_ms);
    if ((rc = step_done(st, stmt, err, "cannot store a card")) < 0)
        return rc;
    if (out_added)
        *out_added = sqlite3_changes(st->db) > 0;
    return 0;
}

static int card_set_suspended(struct recite_store *st, int64_t card_id, int value,
                              struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_suspend, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int(stmt, 1, value);
    sqlite3_bind_int64(stmt, 2, card_id);
    return step_done(st, stmt, err, "cannot suspend a card");
}

struct suspension {
    int64_t card_id;
    int value;
};

int recite_store_fact_cards_sync(struct recite_store *st, int64_t fact_id,
                                 const char *const *templates, size_t template_count,
                                 struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_cards, &stmt, err);
    if (rc < 0)
        return rc;
    /* Collect first: updating while the SELECT is open would re-read rows. */
    struct suspension *changes = NULL;
    size_t n = 0;
    int step;
    sqlite3_bind_int64(stmt, 1, fact_id);
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *template_name = (const char *)sqlite3_column_text(stmt, 1);
        int suspended = sqlite3_column_int(stmt, 2);
        bool live = false;
        for (size_t i = 0; i < template_count && !live; i++)
            live = strcmp(templates[i], template_name) == 0;
        if (live == (suspended != 2))
            continue;
        struct suspension *grown = realloc(changes, (n + 1) * sizeof(*grown));
        if (!grown) {
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
            break;
        }
        changes = grown;
        changes[n++] = (struct suspension){sqlite3_column_int64(stmt, 0), live ? 0 : 2};
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read a fact's cards");
    stmt_done(stmt);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = card_set_suspended(st, changes[i].card_id, changes[i].value, err);
    free(changes);
    return rc;
}

void recite_card_ref_release(struct recite_card_ref *ref)
{
    if (!ref)
        return;
    free(ref->bank_slug);
    free(ref->fact_key);
    free(ref->template_name);
    memset(ref, 0, sizeof(*ref));
}

int recite_store_card_find(struct recite_store *st, const char *uid, struct recite_card_ref *out,
                           struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_find, &stmt, err);
    if (rc < 0)
        return rc;
    memset(out, 0, sizeof(*out));
    sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    bool oom = false;
    if (step == SQLITE_ROW) {
        out->card_id = sqlite3_column_int64(stmt, 0);
        out->fact_id = sqlite3_column_int64(stmt, 1);
        out->bank_slug = column_strdup(stmt, 2, &oom);
        out->fact_key = column_strdup(stmt, 3, &oom);
        out->template_name = column_strdup(stmt, 4, &oom);
        out->suspended = sqlite3_column_int(stmt, 5);
        if (oom) {
            recite_card_ref_release(out);
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no card '%s'", uid);
    } else {
        rc = db_error(st, err, "cannot find a card");
    }
    stmt_done(stmt);
    return rc;
}

/*
 * Reviews as the bank area needs them: appending one row (tests prove that
 * re-importing keeps history) and counting a card's rows.
 */
static const char sql_review_append[] =
    "INSERT INTO review (card_id, session_id, at, rating, answer, credit, duration_ms, "
    "state_before, state_after) "
    "VALUES ((SELECT id FROM card WHERE uid = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_review_count[] =
    "SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id WHERE c.uid = ?";

int recite_store_review_append(struct recite_store *st, const struct recite_review_row *row,
                               int64_t *out_id, struct recite_error *err)
{
    struct recite_card_ref ref;
    int rc = recite_store_card_find(st, row->card_uid, &ref, err);
    if (rc < 0)
        return rc;
    recite_card_ref_release(&ref);
    sqlite3_stmt *stmt;
    if ((rc = stmt_get(st, sql_review_append, &stmt, err)) < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, row->card_uid, -1, SQLITE_STATIC);
    if (row->session_id)
        sqlite3_bind_int64(stmt, 2, row->session_id);
    sqlite3_bind_int64(stmt, 3, row->at_ms);
    sqlite3_bind_int(stmt, 4, row->rating);
    sqlite3_bind_text(stmt, 5, row->answer ? row->answer : "", -1, SQLITE_STATIC);
    sqlite3_bind_double(stmt, 6, row->credit);
    sqlite3_bind_int64(stmt, 7, row->duration_ms);
    sqlite3_bind_text(stmt, 8, row->state_before ? row->state_before : "{}", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 9, row->state_after ? row->state_after : "{}", -1, SQLITE_STATIC);
    if ((rc = step_done(st, stmt, err, "cannot record a review")) < 0)
        return rc;
    if (out_id)
        *out_id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int recite_store_card_review_count(struct recite_store *st, const char *uid, size_t *out,
                                   struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_review_count, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        *out = (size_t)sqlite3_column_int64(stmt, 0);
    else
        rc = db_error(st, err, "cannot count reviews");
    stmt_done(stmt);
    return rc;
}

/*
 * What is kept with a bank and built from it (the judge's lexicon, the card
 * notes): one table each, of the same shape, read only while the bank's
 * hash is the one it was built from.
 */
struct kept {
    const char *get, *put, *missing, *unread, *unkept;
};

static const struct kept kept_lexicon = {
    "SELECT l.data FROM lexicon l JOIN bank b ON b.id = l.bank_id AND b.hash = l.bank_hash "
    "WHERE l.bank_id = ?1 AND l.format = ?2",
    "INSERT OR REPLACE INTO lexicon (bank_id, bank_hash, format, data) "
    "SELECT id, hash, ?3, ?4 FROM bank WHERE id = ?1 AND hash = ?2",
    "no lexicon kept for this bank", "cannot read a bank's lexicon",
    "cannot keep a bank's lexicon"};
static const struct kept kept_card_notes = {
    "SELECT l.data FROM card_notes l JOIN bank b ON b.id = l.bank_id AND b.hash = l.bank_hash "
    "WHERE l.bank_id = ?1 AND l.format = ?2",
    "INSERT OR REPLACE INTO card_notes (bank_id, bank_hash, format, data) "
    "SELECT id, hash, ?3, ?4 FROM bank WHERE id = ?1 AND hash = ?2",
    "no card notes kept for this bank", "cannot read a bank's card notes",
    "cannot keep a bank's card notes"};

static int kept_get(struct recite_store *st, const struct kept *k, int64_t bank_id,
                    const char *format, unsigned char **out, size_t *len,
                    struct recite_error *err)
{
    *out = NULL;
    *len = 0;
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, k->get, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, format, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        const void *data = sqlite3_column_blob(stmt, 0);
        size_t n = (size_t)sqlite3_column_bytes(stmt, 0);
        *out = malloc(n ? n : 1);
        if (!*out)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        else if (n)
            memcpy(*out, data, n);
        *len = n;
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "%s", k->missing);
    } else {
        rc = db_error(st, err, k->unread);
    }
    stmt_done(stmt);
    return rc;
}

static int kept_put(struct recite_store *st, const struct kept *k, int64_t bank_id,
                    const char *hash, const char *format, const unsigned char *data, size_t len,
                    struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, k->put, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, format, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(stmt, 4, data, len, SQLITE_STATIC);
    return step_done(st, stmt, err, k->unkept);
}

int recite_store_lexicon_get(struct recite_store *st, int64_t bank_id, const char *format,
                             unsigned char **out, size_t *len, struct recite_error *err)
{
    return kept_get(st, &kept_lexicon, bank_id, format, out, len, err);
}

int recite_store_lexicon_put(struct recite_store *st, int64_t bank_id, const char *hash,
                             const char *format, const unsigned char *data, size_t len,
                             struct recite_error *err)
{
    return kept_put(st, &kept_lexicon, bank_id, hash, format, data, len, err);
}

int recite_store_card_notes_get(struct recite_store *st, int64_t bank_id, const char *format,
                                unsigned char **out, size_t *len, struct recite_error *err)
{
    return kept_get(st, &kept_card_notes, bank_id, format, out, len, err);
}

int recite_store_card_notes_put(struct recite_store *st, int64_t bank_id, const char *hash,
                                const char *format, const unsigned char *data, size_t len,
                                struct recite_error *err)
{
    return kept_put(st, &kept_card_notes, bank_id, hash, format, data, len, err);
}
