/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Storage side of the statistics: the pre-aggregated rows stats.c turns
 * into figures (store_stats.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "recite/common.h"
#include "recite/store.h"
#include "recite/store_stats.h"
#include "store_db.h"

/* ---- statistics ---- */

#define STATS_BANK_FILTER "(?2 IS NULL OR b.slug = ?2)"

static const char sql_stats_hours[] =
    "SELECT h.hour, h.kind, sum(h.reviews), sum(h.passed), sum(h.duration_ms) "
    "FROM review_hour h JOIN bank b ON b.id = h.bank_id "
    "WHERE h.hour >= ?1 / 3600000 AND " STATS_BANK_FILTER " AND h.reviews > 0 "
    "GROUP BY h.hour, h.kind ORDER BY h.hour, h.kind";
static const char sql_stats_today[] =
    "SELECT count(*), coalesce(sum(r.duration_ms), 0) "
    "FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id "
    "JOIN bank b ON b.id = f.bank_id WHERE r.at >= ?1 AND " STATS_BANK_FILTER;
/*
 * The card scan merges two covering indexes read in fact id order, so
 * neither table is touched: the facts of the bank with their tags, and
 * every card's state.
 */
static const char sql_stats_scan_facts[] =
    "SELECT id, retired, tags FROM fact INDEXED BY fact_stats "
    "WHERE ?1 = ?1 AND (?2 IS NULL OR bank_id = (SELECT id FROM bank WHERE slug = ?2)) "
    "ORDER BY id";
static const char sql_stats_scan_cards[] =
    "SELECT fact_id, state, suspended, due, buried_until, stability "
    "FROM card INDEXED BY card_stats WHERE ?1 = ?1 AND ?2 IS ?2 ORDER BY fact_id";
#define STATS_CARD_COLUMNS                                                                         \
    "SELECT c.uid, b.slug, f.key, c.template, c.reps, c.lapses, c.state, c.suspended, "           \
    "c.stability, c.difficulty "
static const char sql_stats_leeches[] =
    STATS_CARD_COLUMNS CARD_JOINS "WHERE c.suspended = 3 AND " STATS_BANK_FILTER
    " ORDER BY c.lapses DESC, c.difficulty DESC, c.uid LIMIT ?1";
static const char sql_stats_hardest[] =
    STATS_CARD_COLUMNS CARD_JOINS "WHERE c.suspended = 0 AND c.state != 0 AND c.lapses > 0 AND "
    STATS_BANK_FILTER " ORDER BY c.lapses DESC, c.difficulty DESC LIMIT ?1";
static const char sql_stats_quiz_items[] =
    "SELECT s.id, i.card_uid, i.prompt, i.credit FROM session s "
    "JOIN session_item i ON i.session_id = s.id LEFT JOIN bank b ON b.id = s.bank_id "
    "WHERE s.kind = 'quiz' AND s.ended IS NOT NULL AND i.status != 2 AND ?1 = ?1 AND "
    STATS_BANK_FILTER
    " ORDER BY s.id, i.seq";

/* Binds ?1 (an integer) and ?2 (a bank slug or NULL) of a statistics query. */
static int stats_prepare(struct recite_store *st, const char *sql, int64_t value,
                         const char *bank_slug, sqlite3_stmt **out, struct recite_error *err)
{
    int rc = stmt_get(st, sql, out, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(*out, 1, value);
    sqlite3_bind_text(*out, 2, bank_slug, -1, SQLITE_STATIC);
    return 0;
}

/* Grows *rows (of size elem) so that one more fits. */
static int grow(void **rows, size_t elem, size_t n, size_t *cap, struct recite_error *err)
{
    if (n < *cap)
        return 0;
    size_t next = *cap ? *cap * 2 : 64;
    void *grown = realloc(*rows, next * elem);
    if (!grown)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    *rows = grown;
    *cap = next;
    return 0;
}

int recite_store_stats_hours(struct recite_store *st, const char *bank_slug, int64_t since_ms,
                             struct recite_stats_hour **out, size_t *out_count,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stats_prepare(st, sql_stats_hours, since_ms, bank_slug, &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_stats_hour *rows = NULL;
    size_t n = 0, cap = 0;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if ((rc = grow((void **)&rows, sizeof(*rows), n, &cap, err)) < 0)
            break;
        rows[n++] = (struct recite_stats_hour){
            .hour = sqlite3_column_int64(stmt, 0),
            .kind = sqlite3_column_int(stmt, 1),
            .reviews = (size_t)sqlite3_column_int64(stmt, 2),
            .passed = (size_t)sqlite3_column_int64(stmt, 3),
            .duration_ms = sqlite3_column_int64(stmt, 4),
        };
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read the review statistics");
    stmt_done(stmt);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    *out = rows;
    *out_count = n;
    return 0;
}

int recite_store_stats_today(struct recite_store *st, const char *bank_slug, int64_t since_ms,
                             size_t *out_reviews, int64_t *out_duration_ms,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stats_prepare(st, sql_stats_today, since_ms, bank_slug, &stmt, err);
    if (rc < 0)
        return rc;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        *out_reviews = (size_t)sqlite3_column_int64(stmt, 0);
        *out_duration_ms = sqlite3_column_int64(stmt, 1);
    } else {
        rc = db_error(st, err, "cannot count today's answers");
    }
    stmt_done(stmt);
    return rc;
}

/* Steps the fact cursor to the first fact with id >= fact_id; false at its end. */
static bool scan_facts_to(sqlite3_stmt *facts, int *step, int64_t fact_id)
{
    while (*step == SQLITE_ROW && sqlite3_column_int64(facts, 0) < fact_id)
        *step = sqlite3_step(facts);
    return *step == SQLITE_ROW;
}

int recite_store_stats_scan_cards(struct recite_store *st, const char *bank_slug,
                                  int (*each)(void *ctx,
                                              const struct recite_stats_card_state *card),
                                  void *ctx, struct recite_error *err)
{
    sqlite3_stmt *facts = NULL, *cards = NULL;
    int rc = stats_prepare(st, sql_stats_scan_facts, 0, bank_slug, &facts, err);
    if (rc == 0)
        rc = stats_prepare(st, sql_stats_scan_cards, 0, bank_slug, &cards, err);
    int fact_step = rc == 0 ? sqlite3_step(facts) : SQLITE_DONE, card_step = SQLITE_DONE;
    struct recite_stats_card_state card = {.fact_id = -1};
    while (rc == 0 && (card_step = sqlite3_step(cards)) == SQLITE_ROW) {
        int64_t fact_id = sqlite3_column_int64(cards, 0);
        if (fact_id != card.fact_id) {
            if (!scan_facts_to(facts, &fact_step, fact_id))
                break;
            const char *tags = (const char *)sqlite3_column_text(facts, 2);
            card.fact_id = sqlite3_column_int64(facts, 0);
            card.tags = tags ? tags : "";
            card.retired = sqlite3_column_int(facts, 1) != 0;
        }
        if (card.fact_id != fact_id)
            continue; /* a card of another bank */
        card = (struct recite_stats_card_state){
            .fact_id = fact_id,
            .tags = card.tags,
            .retired = card.retired,
            .state = sqlite3_column_int(cards, 1),
            .suspended = sqlite3_column_int(cards, 2),
            .due = sqlite3_column_int64(cards, 3),
            .buried_until = sqlite3_column_int64(cards, 4),
            .stability = sqlite3_column_double(cards, 5),
        };
        if ((rc = each(ctx, &card)) < 0)
            recite_error_set(err, rc, "statistics scan stopped");
    }
    if (rc == 0 && ((fact_step != SQLITE_ROW && fact_step != SQLITE_DONE) ||
                    (card_step != SQLITE_ROW && card_step != SQLITE_DONE)))
        rc = db_error(st, err, "cannot read cards for statistics");
    stmt_done(facts);
    stmt_done(cards);
    return rc;
}

static void read_stats_card(sqlite3_stmt *stmt, struct recite_stats_card *card)
{
    memset(card, 0, sizeof(*card));
    snprintf(card->uid, sizeof(card->uid), "%s", (const char *)sqlite3_column_text(stmt, 0));
    snprintf(card->bank_slug, sizeof(card->bank_slug), "%s",
             (const char *)sqlite3_column_text(stmt, 1));
    snprintf(card->fact_key, sizeof(card->fact_key), "%s",
             (const char *)sqlite3_column_text(stmt, 2));
    snprintf(card->template_name, sizeof(card->template_name), "%s",
             (const char *)sqlite3_column_text(stmt, 3));
    card->reps = sqlite3_column_int(stmt, 4);
    card->lapses = sqlite3_column_int(stmt, 5);
    card->state = sqlite3_column_int(stmt, 6);
    card->suspended = sqlite3_column_int(stmt, 7);
    card->stability = sqlite3_column_double(stmt, 8);
    card->difficulty = sqlite3_column_double(stmt, 9);
}

int recite_store_stats_cards(struct recite_store *st, const char *bank_slug,
                             enum recite_stats_card_list list, size_t limit,
                             struct recite_stats_card **out, size_t *out_count,
                             struct recite_error *err)
{
    const char *sql = list == RECITE_STATS_LEECHES ? sql_stats_leeches : sql_stats_hardest;
    sqlite3_stmt *stmt;
    int rc = stats_prepare(st, sql, limit > INT64_MAX ? INT64_MAX : (int64_t)limit, bank_slug,
                           &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_stats_card *rows = NULL;
    size_t n = 0, cap = 0;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if ((rc = grow((void **)&rows, sizeof(*rows), n, &cap, err)) < 0)
            break;
        read_stats_card(stmt, &rows[n++]);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read cards for statistics");
    stmt_done(stmt);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    *out = rows;
    *out_count = n;
    return 0;
}

int recite_store_stats_quiz_items(struct recite_store *st, const char *bank_slug,
                                  struct recite_stats_item_row **out, size_t *out_count,
                                  struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stats_prepare(st, sql_stats_quiz_items, 0, bank_slug, &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_stats_item_row *rows = NULL;
    size_t n = 0, cap = 0;
    bool oom = false;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if ((rc = grow((void **)&rows, sizeof(*rows), n, &cap, err)) < 0)
            break;
        rows[n++] = (struct recite_stats_item_row){
            sqlite3_column_int64(stmt, 0), column_strdup(stmt, 1, &oom),
            column_strdup(stmt, 2, &oom), sqlite3_column_double(stmt, 3)};
    }
    if (rc == 0 && oom)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read quiz items");
    stmt_done(stmt);
    if (rc < 0) {
        recite_stats_item_rows_free(rows, n);
        return rc;
    }
    *out = rows;
    *out_count = n;
    return 0;
}

void recite_stats_item_rows_free(struct recite_stats_item_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++) {
        free(rows[i].card_uid);
        free(rows[i].prompt);
    }
    free(rows);
}
