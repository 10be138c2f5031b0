/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Banks into the store. An import is one transaction: the bank row keeps
 * the canonical text and its hash, each fact is matched to its stored row by
 * key, and cards are keyed by uid, so an edited fact keeps its cards and
 * their review history. Facts that disappear are retired, never deleted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bank_internal.h"
#include "facts_internal.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/facts.h"
#include "study_internal.h"
#include "recite/queue.h"
#include "recite/store.h"

/* The fact's own fields (and quote, note) as compact JSON, fields in canonical order. */
static char *fact_body(const struct recite_fact *fact)
{
    json_t *body = json_object();
    bool ok = body != NULL;
    for (size_t i = 0; ok && i < fact->field_count; i++) {
        const struct recite_field *field = &fact->fields[i];
        json_t *list = json_object_get(body, field->name);
        if (!list) {
            list = json_array();
            ok = list && json_object_set_new(body, field->name, list) == 0;
        }
        json_t *alts = json_array();
        ok = ok && alts && json_array_append_new(list, alts) == 0;
        for (size_t j = 0; ok && j < field->alt_count; j++)
            ok = json_array_append_new(alts, json_string(field->alts[j])) == 0;
    }
    if (ok && fact->quote)
        ok = json_object_set_new(body, "quote", json_string(fact->quote)) == 0;
    if (ok && fact->note)
        ok = json_object_set_new(body, "note", json_string(fact->note)) == 0;
    char *text = ok ? json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(body);
    return text;
}

static char *join_tags(const struct recite_fact *fact)
{
    size_t len = 1;
    for (size_t i = 0; i < fact->tag_count; i++)
        len += strlen(fact->tags[i]) + 1;
    char *text = malloc(len);
    if (!text)
        return NULL;
    text[0] = '\0';
    size_t at = 0;
    for (size_t i = 0; i < fact->tag_count; i++)
        at += (size_t)snprintf(text + at, len - at, "%s%s", i ? " " : "", fact->tags[i]);
    return text;
}

static char *join_cite(const struct recite_fact *fact)
{
    const char *src = fact->cite_source ? fact->cite_source : "";
    const char *place = fact->cite_place ? fact->cite_place : "";
    size_t len = strlen(src) + strlen(place) + 2;
    char *text = malloc(len);
    if (text)
        snprintf(text, len, "%s%s%s", src, *place ? " " : "", place);
    return text;
}

static void row_release(struct recite_fact_row *row)
{
    free(row->body);
    free(row->tags);
    free(row->cite);
}

/* The row a fact would be stored as (key and kind borrowed). */
static int fact_row(struct recite_fact_row *out, const struct recite_fact *fact, size_t position)
{
    memset(out, 0, sizeof(*out));
    out->key = fact->key;
    out->kind = (char *)(uintptr_t)recite_fact_kind_name(fact->kind);
    out->position = (int64_t)position;
    out->body = fact_body(fact);
    out->tags = join_tags(fact);
    out->cite = join_cite(fact);
    if (fact->kind == RECITE_FACT_EVENT) {
        /* Kept beside the body, so a review session finds nearby events without parsing any. */
        struct span span = event_span(fact);
        out->year = event_date(fact).year;
        out->span_first = span.first;
        out->span_last = span.last;
    }
    if (!out->body || !out->tags || !out->cite) {
        row_release(out);
        return RECITE_ENOMEM;
    }
    return 0;
}

static int row_key_cmp(const void *key, const void *row)
{
    return strcmp(key, ((const struct recite_fact_row *)row)->key);
}

static bool same_content(const struct recite_fact_row *a, const struct recite_fact_row *b)
{
    return strcmp(a->kind, b->kind) == 0 && strcmp(a->body, b->body) == 0 &&
           strcmp(a->tags, b->tags) == 0 && strcmp(a->cite, b->cite) == 0;
}

/* Creates missing cards of a fact and (for a stored fact) re-syncs their suspension. */
static int fact_cards(struct recite_store *st, const struct recite_bank *bank,
                      const struct recite_fact *fact, int64_t fact_id, bool stored,
                      int64_t now_ms, struct recite_import_stats *stats,
                      struct recite_error *err)
{
    char names[64][RECITE_TEMPLATE_NAME_MAX];
    const char *list[64];
    size_t count = recite_fact_templates(fact, names, 64);
    if (count > 64)
        return recite_error_set(err, RECITE_EDATA, "fact '%s' has too many cards", fact->key);
    int rc = 0;
    for (size_t t = 0; t < count && rc == 0; t++) {
        char uid[RECITE_CARD_UID_HEX];
        bool added = false;
        recite_card_uid(uid, bank->id, fact->key, names[t]);
        list[t] = names[t];
        rc = recite_store_card_ensure(st, fact_id, uid, names[t], now_ms, &added, err);
        stats->cards_added += added;
    }
    if (rc == 0 && stored)
        rc = recite_store_fact_cards_sync(st, fact_id, list, count, err);
    return rc;
}

/* Stores one fact against the stored rows; marks the matched row seen. */
static int import_fact(struct recite_store *st, const struct recite_bank *bank, int64_t bank_id,
                       size_t position, struct recite_fact_row *rows, size_t row_count,
                       bool *seen, int64_t now_ms, struct recite_import_stats *stats,
                       struct recite_error *err)
{
    const struct recite_fact *fact = &bank->facts[position];
    struct recite_fact_row row;
    if (fact_row(&row, fact, position) < 0)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    struct recite_fact_row *old =
        row_count ? bsearch(fact->key, rows, row_count, sizeof(*rows), row_key_cmp) : NULL;
    int rc = 0;
    if (!old) {
        rc = recite_store_fact_insert(st, bank_id, &row, &row.id, err);
        stats->added++;
    } else {
        seen[old - rows] = true;
        row.id = old->id;
        bool same = same_content(&row, old);
        if (old->retired)
            stats->added++;
        else if (same)
            stats->unchanged++;
        else
            stats->changed++;
        if (!same || old->retired || old->position != row.position || old->year != row.year ||
            old->span_first != row.span_first || old->span_last != row.span_last)
            rc = recite_store_fact_update(st, &row, err);
    }
    if (rc == 0)
        rc = fact_cards(st, bank, fact, row.id, old != NULL, now_ms, stats, err);
    row_release(&row);
    return rc;
}

static int store_header(struct recite_store *st, const struct recite_bank *bank,
                        const char *canonical, const char *hash, int64_t now_ms,
                        int64_t *bank_id, struct recite_import_stats *stats,
                        struct recite_error *err)
{
    struct recite_bank_row row = {bank->id, bank->title,    bank->version, bank->language,
                                  hash,     canonical,      now_ms};
    int rc = recite_store_bank_upsert(st, &row, bank_id, &stats->bank_added, err);
    if (rc == 0)
        rc = recite_store_bank_sources_clear(st, *bank_id, err);
    for (size_t i = 0; i < bank->source_count && rc == 0; i++)
        rc = recite_store_source_add(st, *bank_id, bank->sources[i].id, bank->sources[i].title,
                                     err);
    return rc;
}

static int import_facts(struct recite_store *st, const struct recite_bank *bank, int64_t bank_id,
                        int64_t now_ms, struct recite_import_stats *stats,
                        struct recite_error *err)
{
    struct recite_fact_row *rows = NULL;
    size_t row_count = 0;
    int rc = recite_store_fact_rows(st, bank_id, &rows, &row_count, err);
    if (rc < 0)
        return rc;
    bool *seen = calloc(row_count + 1, sizeof(*seen));
    if (!seen)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < bank->fact_count && rc == 0; i++)
        rc = import_fact(st, bank, bank_id, i, rows, row_count, seen, now_ms, stats, err);
    for (size_t i = 0; i < row_count && rc == 0; i++) {
        if (seen[i] || rows[i].retired)
            continue;
        rc = recite_store_fact_retire(st, rows[i].id, err);
        stats->retired++;
    }
    if (rc == 0)
        rc = recite_store_fact_ranks(st, bank_id, err);
    free(seen);
    recite_fact_rows_free(rows, row_count);
    return rc;
}

int bank_import_store(struct recite_store *st, const struct recite_bank *bank, int64_t now_ms,
                      struct recite_import_stats *out, struct recite_error *err)
{
    struct recite_import_stats stats = {0};
    char *canonical = NULL;
    char hash[RECITE_BANK_HASH_HEX], stored_hash[65];
    size_t len;
    int64_t bank_id;
    int rc = recite_bank_write(&canonical, &len, bank, err);
    if (rc < 0)
        return rc;
    recite_bank_hash(hash, canonical, len);
    if ((rc = recite_store_begin(st, err)) < 0)
        goto out;
    rc = recite_store_bank_lookup(st, bank->id, &bank_id, stored_hash, err);
    if (rc == 0 && strcmp(stored_hash, hash) == 0) {
        /* Same canonical text: nothing to write, not even the import time. */
        stats.unchanged = bank->fact_count;
    } else if (rc == 0 || rc == RECITE_ENOTFOUND) {
        rc = store_header(st, bank, canonical, hash, now_ms, &bank_id, &stats, err);
        if (rc == 0)
            rc = import_facts(st, bank, bank_id, now_ms, &stats, err);
        if (rc == 0)
            rc = recite_bank_keep_lexicon(st, bank, bank_id, hash, err);
        if (rc == 0)
            rc = bank_keep_card_notes(st, bank, bank_id, hash, err);
        if (rc == 0)
            rc = bank_keep_fact_refs(st, bank_id, hash, err);
    }
    if (rc == 0)
        rc = recite_store_commit(st, err);
    else
        recite_store_rollback(st);
out:
    free(canonical);
    if (rc == 0 && out)
        *out = stats;
    return rc;
}

int recite_bank_import(struct recite_store *st, const struct recite_bank *bank, int64_t now_ms,
                       struct recite_import_stats *out, struct recite_error *err)
{
    struct recite_bank_origin origin;
    int rc = recite_store_begin(st, err);
    if (rc < 0)
        return rc;
    rc = recite_store_bank_origin(st, bank->id, &origin, err);
    if (rc == 0 && origin.signer[0])
        rc = recite_error_set(err, RECITE_EVERIFY,
                              "bank '%s' was imported signed by key %s: only a file signed by "
                              "a trusted key may replace it",
                              bank->id, origin.signer);
    else if (rc == 0 || rc == RECITE_ENOTFOUND)
        rc = bank_import_store(st, bank, now_ms, out, err);
    if (rc == 0)
        return recite_store_commit(st, err);
    recite_store_rollback(st);
    return rc;
}

/* Parses every file; fails when any is not clean or two share a bank id. */
static int load_all(struct recite_bank **banks, const char *const *paths, size_t count,
                    struct recite_diags *diags_per_file, long *failed, struct recite_error *err)
{
    int first_rc = 0;
    for (size_t i = 0; i < count; i++) {
        struct recite_error file_err = {0};
        int rc = recite_bank_load(&banks[i], paths[i], diags_per_file ? &diags_per_file[i] : NULL,
                                  &file_err);
        if (rc < 0 && first_rc == 0) {
            first_rc = recite_error_set(err, rc, "cannot import '%s': %s", paths[i],
                                        file_err.msg);
            *failed = (long)i;
        }
    }
    for (size_t i = 0; i < count && first_rc == 0; i++)
        for (size_t j = 0; j < i && first_rc == 0; j++)
            if (strcmp(banks[i]->id, banks[j]->id) == 0) {
                first_rc = recite_error_set(err, RECITE_EDATA,
                                            "bank '%s' is given twice ('%s' and '%s')",
                                            banks[i]->id, paths[j], paths[i]);
                *failed = (long)i;
            }
    return first_rc;
}

void recite_banks_free(struct recite_bank **banks, size_t count)
{
    for (size_t i = 0; banks && i < count; i++)
        recite_bank_free(banks[i]);
    free(banks);
}

int recite_bank_load_files(struct recite_bank ***out, const char *const *paths, size_t count,
                           struct recite_diags *diags_per_file, long *out_failed,
                           struct recite_error *err)
{
    long failed = -1;
    *out = NULL;
    struct recite_bank **banks = calloc(count + 1, sizeof(*banks));
    if (!banks)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    int rc = load_all(banks, paths, count, diags_per_file, &failed, err);
    if (out_failed)
        *out_failed = failed;
    if (rc < 0) {
        recite_banks_free(banks, count);
        return rc;
    }
    *out = banks;
    return 0;
}

int recite_bank_import_all(struct recite_store *st, struct recite_bank *const *banks, size_t count,
                           int64_t now_ms, struct recite_import_stats *stats,
                           struct recite_error *err)
{
    int rc = recite_store_begin(st, err);
    for (size_t i = 0; i < count && rc == 0; i++) {
        struct recite_import_stats one;
        rc = recite_bank_import(st, banks[i], now_ms, &one, err);
        if (rc == 0 && stats)
            stats[i] = one;
    }
    if (rc == 0)
        return recite_store_commit(st, err);
    recite_store_rollback(st);
    return rc;
}

int recite_bank_import_files(struct recite_store *st, const char *const *paths, size_t count,
                             int64_t now_ms, struct recite_import_stats *stats,
                             struct recite_diags *diags_per_file, long *out_failed,
                             struct recite_error *err)
{
    struct recite_bank **banks = NULL;
    /* Every file is parsed before the database is touched: a bad one changes nothing. */
    int rc = recite_bank_load_files(&banks, paths, count, diags_per_file, out_failed, err);
    if (rc < 0)
        return rc;
    rc = recite_bank_import_all(st, banks, count, now_ms, stats, err);
    recite_banks_free(banks, count);
    return rc;
}
