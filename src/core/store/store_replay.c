/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A history from elsewhere (an Anki package's review log) appended to the
 * review log in bulk: one prepared insert, the card states formatted here,
 * and the hourly totals added once at the end instead of by the per-row
 * trigger. The rows read exactly as recite_store_review_commit() writes them.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "recite/buf.h"
#include "recite/common.h"
#include "recite/sched.h"
#include "recite/store.h"
#include "store_db.h"
#include "store_internal.h"

/* Writes the decimal digits of v at p; returns the end. */
static char *put_digits(char *p, int64_t v)
{
    char digits[24];
    size_t len = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[len++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *p++ = '-';
    while (len)
        *p++ = digits[--len];
    return p;
}

/* Appends name and the decimal digits of v at p; returns the end. */
static char *put_int(char *p, const char *name, int64_t v)
{
    size_t n = strlen(name);
    memcpy(p, name, n);
    return put_digits(p + n, v);
}

/*
 * Writes v at p as SQLite prints a real ("%!.15g"); returns the end. A value
 * of at most 8 decimals below 1e7 (FSRS rounds stability and difficulty to
 * 8 decimals) is the double nearest a decimal of at most 15 digits, which
 * "%.15g" prints as that decimal, its trailing zeros dropped and ".0" kept
 * when nothing follows the point; anything else goes through SQLite's printf.
 */
static char *put_real_digits(char *p, double v)
{
    double scaled = v * 1e8;
    if (v > 0 ? v >= 1e-4 && v < 1e7 : v == 0 && !signbit(v)) {
        int64_t units = (int64_t)llround(scaled);
        if ((double)units / 1e8 == v) {
            int64_t whole = units / 100000000, frac = units % 100000000;
            p = put_digits(p, whole);
            *p++ = '.';
            int width = 8;
            for (; width > 1 && frac % 10 == 0; width--)
                frac /= 10;
            for (int i = width - 1; i >= 0; i--, frac /= 10)
                p[i] = (char)('0' + frac % 10);
            return p + width;
        }
    }
    sqlite3_snprintf(32, p, "%!.15g", v);
    return p + strlen(p);
}

static char *put_real(char *p, const char *name, double v)
{
    size_t n = strlen(name);
    memcpy(p, name, n);
    return put_real_digits(p + n, v);
}

/*
 * A card state as CARD_STATE_JSON (store.c) writes it, byte for byte:
 * json_object() prints an integer in decimal and a real as "%!.15g" does
 * in sqlite3_snprintf(). Formatting here spares json_object's eleven
 * function calls and allocations per state. Returns the length.
 */
int store_state_json(char *buf, const struct recite_sched_card *c, int suspended)
{
    char *p = put_int(buf, "{\"state\":", c->state);
    p = put_int(p, ",\"due\":", c->due);
    p = put_real(p, ",\"stability\":", c->stability);
    p = put_real(p, ",\"difficulty\":", c->difficulty);
    p = put_int(p, ",\"elapsed_days\":", c->elapsed_days);
    p = put_int(p, ",\"scheduled_days\":", c->scheduled_days);
    p = put_int(p, ",\"reps\":", c->reps);
    p = put_int(p, ",\"lapses\":", c->lapses);
    p = put_int(p, ",\"step\":", c->step);
    if (c->last_review) {
        p = put_int(p, ",\"last_review\":", c->last_review);
    } else {
        memcpy(p, ",\"last_review\":null", 19);
        p += 19;
    }
    p = put_int(p, ",\"suspended\":", suspended);
    *p++ = '}';
    *p = '\0';
    return (int)(p - buf);
}

/* The statistics kind of an answer from the state before it; REVIEW_KIND (store.c) in C. */
static int review_kind(const struct recite_sched_card *before)
{
    if (before->state == 0)
        return 0;
    if (before->state == 2)
        return before->scheduled_days >= 21 ? 3 : 2;
    return 1;
}

/* The answers of one bank in one hour of one kind, as a review_hour row counts them. */
struct hour_total {
    int64_t bank_id, hour;
    int kind;
    int64_t reviews, passed, duration_ms;
};

struct card_bank {
    int64_t card_id, bank_id;
};

static int cmp_card_bank(const void *a, const void *b)
{
    int64_t x = ((const struct card_bank *)a)->card_id;
    int64_t y = ((const struct card_bank *)b)->card_id;
    return (x > y) - (x < y);
}

static int cmp_hour_total(const void *a, const void *b)
{
    const struct hour_total *x = a, *y = b;
    if (x->bank_id != y->bank_id)
        return x->bank_id < y->bank_id ? -1 : 1;
    if (x->hour != y->hour)
        return x->hour < y->hour ? -1 : 1;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

static const char sql_card_bank[] =
    "SELECT f.bank_id FROM card c JOIN fact f ON f.id = c.fact_id WHERE c.id = ?1";

/* Fills cards[0..*count) with the distinct cards of the answers, sorted, and their banks. */
static int card_banks(struct recite_store *st, const struct recite_replayed_answer *answers,
                      size_t count, struct card_bank *cards, size_t *out_count,
                      struct recite_error *err)
{
    for (size_t i = 0; i < count; i++)
        cards[i] = (struct card_bank){answers[i].card_id, 0};
    if (count > 1) /* qsort's array may not be NULL, even empty */
        qsort(cards, count, sizeof(*cards), cmp_card_bank);
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (n == 0 || cards[n - 1].card_id != cards[i].card_id)
            cards[n++] = cards[i];
    *out_count = n;
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_bank, &stmt, err);
    for (size_t i = 0; i < n && rc == 0; i++) {
        sqlite3_bind_int64(stmt, 1, cards[i].card_id);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            cards[i].bank_id = sqlite3_column_int64(stmt, 0);
        else
            rc = db_error(st, err, "cannot find the bank of an answered card");
        sqlite3_reset(stmt);
    }
    return rc;
}

static const char sql_review_hour_add[] =
    "INSERT INTO review_hour (bank_id, hour, kind, reviews, passed, duration_ms) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (hour, bank_id, kind) DO UPDATE SET reviews = reviews + excluded.reviews, "
    "  passed = passed + excluded.passed, duration_ms = duration_ms + excluded.duration_ms";

/* Adds the sorted totals, one row per bank, hour and kind. */
static int hour_totals_add(struct recite_store *st, const struct hour_total *totals, size_t count,
                           struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_review_hour_add, &stmt, err);
    for (size_t i = 0; i < count && rc == 0;) {
        struct hour_total sum = totals[i++];
        for (; i < count && cmp_hour_total(&sum, &totals[i]) == 0; i++) {
            sum.reviews += totals[i].reviews;
            sum.passed += totals[i].passed;
            sum.duration_ms += totals[i].duration_ms;
        }
        sqlite3_bind_int64(stmt, 1, sum.bank_id);
        sqlite3_bind_int64(stmt, 2, sum.hour);
        sqlite3_bind_int(stmt, 3, sum.kind);
        sqlite3_bind_int64(stmt, 4, sum.reviews);
        sqlite3_bind_int64(stmt, 5, sum.passed);
        sqlite3_bind_int64(stmt, 6, sum.duration_ms);
        rc = step_done(st, stmt, err, "cannot count the answers by hour");
    }
    return rc;
}

/* The distinct cards of a replay, sorted, with their banks. */
struct replay_cards {
    struct card_bank *items;
    size_t count;
};

static size_t card_index(const struct replay_cards *cards, int64_t card_id)
{
    struct card_bank key = {card_id, 0};
    const struct card_bank *found =
        bsearch(&key, cards->items, cards->count, sizeof(key), cmp_card_bank);
    return found ? (size_t)(found - cards->items) : SIZE_MAX;
}

/* What the review_hour_add trigger would have added for these answers. */
static int review_hours_add(struct recite_store *st, const struct recite_replayed_answer *answers,
                            size_t count, const struct replay_cards *cards,
                            struct recite_error *err)
{
    struct hour_total *totals = malloc((count + 1) * sizeof(*totals));
    if (!totals)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        const struct recite_replayed_answer *a = &answers[i];
        size_t card = card_index(cards, a->card_id);
        /* SQL integer division truncates toward zero, as C's does */
        totals[i] = (struct hour_total){
            .bank_id = card != SIZE_MAX ? cards->items[card].bank_id : 0,
            .hour = a->at / 3600000,
            .kind = review_kind(a->before),
            .reviews = 1,
            .passed = a->rating >= 2,
            .duration_ms = a->duration_ms,
        };
    }
    if (count > 1)
        qsort(totals, count, sizeof(*totals), cmp_hour_total);
    int rc = hour_totals_add(st, totals, count, err);
    free(totals);
    return rc;
}

/* A card's latest state after, as text: usually the state before its next answer. */
struct state_text {
    struct recite_sched_card state;
    int suspended;
    int len; /* 0: none yet */
    char text[STORE_STATE_JSON_MAX];
};

static bool same_state(const struct recite_sched_card *a, const struct recite_sched_card *b)
{
    return a->due == b->due && a->stability == b->stability && a->difficulty == b->difficulty &&
           a->elapsed_days == b->elapsed_days && a->scheduled_days == b->scheduled_days &&
           a->reps == b->reps && a->lapses == b->lapses && a->step == b->step &&
           a->state == b->state && a->last_review == b->last_review;
}

/* Binds answer a's state before as text, from its card's last state after when that is it. */
static void bind_before(sqlite3_stmt *stmt, const struct recite_replayed_answer *a,
                        const struct state_text *last, char *buf)
{
    if (last && last->len && last->suspended == a->suspended && same_state(&last->state, a->before))
        sqlite3_bind_text(stmt, 6, last->text, last->len, SQLITE_TRANSIENT);
    else
        sqlite3_bind_text(stmt, 6, buf, store_state_json(buf, a->before, a->suspended),
                          SQLITE_STATIC);
}

static const char sql_review_replay[] =
    "INSERT OR ROLLBACK INTO review (card_id, at, rating, answer, credit, duration_ms, "
    "state_before, state_after) VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7)";

static int reviews_insert(struct recite_store *st, const struct recite_replayed_answer *answers,
                          size_t count, const struct replay_cards *cards, struct recite_error *err)
{
    struct state_text *last = calloc(cards->count + 1, sizeof(*last));
    struct state_text spare;
    char before[STORE_STATE_JSON_MAX];
    sqlite3_stmt *stmt = NULL;
    int rc = last ? stmt_get(st, sql_review_replay, &stmt, err)
                  : recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < count && rc == 0; i++) {
        const struct recite_replayed_answer *a = &answers[i];
        size_t card = card_index(cards, a->card_id);
        struct state_text *after = card != SIZE_MAX ? &last[card] : &spare;
        sqlite3_bind_int64(stmt, 1, a->card_id);
        sqlite3_bind_int64(stmt, 2, a->at);
        sqlite3_bind_int(stmt, 3, a->rating);
        sqlite3_bind_double(stmt, 4, a->credit);
        sqlite3_bind_int64(stmt, 5, a->duration_ms);
        bind_before(stmt, a, card != SIZE_MAX ? after : NULL, before);
        after->state = *a->after;
        after->suspended = a->suspended;
        after->len = store_state_json(after->text, a->after, a->suspended);
        sqlite3_bind_text(stmt, 7, after->text, after->len, SQLITE_STATIC);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            rc = db_error(st, err, "cannot record the answers");
        sqlite3_reset(stmt);
    }
    if (stmt)
        sqlite3_clear_bindings(stmt);
    free(last);
    return rc;
}

/* The answers' distinct cards and their banks into *cards. */
static int replay_cards_find(struct recite_store *st, const struct recite_replayed_answer *answers,
                             size_t count, struct replay_cards *cards, struct recite_error *err)
{
    if (!(cards->items = malloc((count + 1) * sizeof(*cards->items))))
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    return card_banks(st, answers, count, cards->items, &cards->count, err);
}

int recite_store_reviews_replay(struct recite_store *st,
                                const struct recite_replayed_answer *answers, size_t count,
                                struct recite_error *err)
{
    int rc = recite_store_begin(st, err);
    if (rc < 0)
        return rc;
    struct replay_cards cards = {0};
    rc = replay_cards_find(st, answers, count, &cards, err);
    int off = 0;
    if (rc == 0 && sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &off) != SQLITE_OK)
        rc = db_error(st, err, "cannot replay the answers");
    if (rc == 0)
        rc = reviews_insert(st, answers, count, &cards, err);
    int on = 1;
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &on);
    if (rc == 0 && on != 1)
        rc = db_error(st, err, "cannot replay the answers");
    if (rc == 0)
        rc = review_hours_add(st, answers, count, &cards, err);
    free(cards.items);
    if (rc == 0)
        return recite_store_commit(st, err);
    recite_store_rollback(st);
    return rc;
}

/* The review loop's card update without the leech rule and RETURNING a replay has no use for. */
static const char sql_card_state_set[] =
    "UPDATE card SET due = ?2, stability = ?3, difficulty = ?4, elapsed_days = ?5, "
    "scheduled_days = ?6, reps = ?7, lapses = ?8, step = ?9, state = ?10, last_review = ?11 "
    "WHERE id = ?1";

int recite_store_card_state_set(struct recite_store *st, const struct recite_card_row *row,
                                struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_state_set, &stmt, err);
    if (rc < 0)
        return rc;
    store_bind_schedule(stmt, row->id, row);
    return step_done(st, stmt, err, "cannot update the card");
}

/* The review log's secondary indexes dropped for a bulk load, as SQL to build them again. */
struct recite_review_bulk {
    char *create_sql; /* the indexes' CREATE statements, each ending in ';' */
};

static const char sql_review_count_below[] = "SELECT count(*) FROM (SELECT 1 FROM review LIMIT ?1)";
static const char sql_review_indexes[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review' "
    "AND sql IS NOT NULL ORDER BY name";

/* Whether the log holds fewer answers than count: then rebuilding its indexes pays off. */
static int log_smaller(struct recite_store *st, size_t count, bool *smaller,
                       struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_review_count_below, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)count);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        *smaller = sqlite3_column_int64(stmt, 0) < (sqlite3_int64)count;
    else
        rc = db_error(st, err, "cannot read the answer log");
    stmt_done(stmt);
    return rc;
}

/* Drops each secondary index of the log, keeping its CREATE statement in *sql. */
static int indexes_drop(struct recite_store *st, struct recite_buf *sql, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_review_indexes, &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_buf drop = {0};
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        recite_buf_addf(sql, "%s;", (const char *)sqlite3_column_text(stmt, 1));
        /* an index name read from the schema, quoted as an identifier */
        char *one = sqlite3_mprintf("DROP INDEX \"%w\";", name);
        if (one)
            recite_buf_adds(&drop, one);
        else
            drop.oom = true;
        sqlite3_free(one);
    }
    if (step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read the answer log's indexes");
    stmt_done(stmt);
    if (rc == 0 && (drop.oom || sql->oom))
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if (rc == 0 && drop.len && sqlite3_exec(st->db, drop.data, NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(st, err, "cannot prepare the answer log for a bulk load");
    recite_buf_free(&drop);
    return rc;
}

int recite_store_reviews_bulk_begin(struct recite_store *st, size_t count,
                                    struct recite_review_bulk **out, struct recite_error *err)
{
    *out = NULL;
    if (st->tx_depth == 0)
        return recite_error_set(err, RECITE_EINTERNAL, "a bulk load needs an open transaction");
    bool smaller = false;
    int rc = log_smaller(st, count, &smaller, err);
    if (rc < 0 || !smaller)
        return rc;
    struct recite_buf sql = {0};
    if ((rc = indexes_drop(st, &sql, err)) < 0) {
        recite_buf_free(&sql);
        return rc;
    }
    struct recite_review_bulk *bulk = malloc(sizeof(*bulk));
    if (!bulk) {
        recite_buf_free(&sql);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    bulk->create_sql = sql.data;
    *out = bulk;
    return 0;
}

int recite_store_reviews_bulk_end(struct recite_store *st, struct recite_review_bulk *bulk,
                                  bool build, struct recite_error *err)
{
    if (!bulk)
        return 0;
    int rc = 0;
    if (build && bulk->create_sql &&
        sqlite3_exec(st->db, bulk->create_sql, NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(st, err, "cannot index the answer log");
    free(bulk->create_sql);
    free(bulk);
    return rc;
}
