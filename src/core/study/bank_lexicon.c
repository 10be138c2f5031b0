/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The judge's lexicon of a stored bank, kept with it. Filling it means
 * reading every fact and normalising every name (about a second of work for
 * a bank of 100,000 names), so it is built once per version of the bank
 * (at import, or by the first session that needs it) and read back after.
 * Names are added in the order a view lists facts (by kind, then bank
 * order), whichever way the lexicon is built, so a judge decides alike.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "facts_internal.h"
#include "recite/buf.h"
#include "recite/facts.h"
#include "recite/judge.h"
#include "recite/queue.h"
#include "recite/store.h"
#include "study_internal.h"


static int add_fact(void *ctx, const struct recite_fact *fact)
{
    struct recite_error err = {0};
    return recite_judge_add_fact(ctx, fact, &err);
}

static int fill_from_facts(struct recite_bank_view *view, struct recite_judge *judge,
                           struct recite_error *err)
{
    for (int kind = 0; kind < RECITE_FACT_KIND_COUNT; kind++) {
        if (!recite_judge_kind_has_names((enum recite_fact_kind)kind))
            continue;
        int rc = recite_bank_view_each(view, (enum recite_fact_kind)kind, add_fact, judge, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}


/*
 * Keeps data for the bank at bank_id and hash, in a transaction of its own;
 * a session that cannot keep it has lost nothing but time next session.
 */
static void keep_bytes(struct recite_store *st, enum recite_kept kind, int64_t bank_id,
                       const char *hash, const char *format, const unsigned char *data,
                       size_t len)
{
    struct recite_error err = {0};
    if (recite_store_begin(st, &err) == 0) {
        if (recite_store_kept_put(st, kind, bank_id, hash, format, data, len, &err) == 0)
            recite_store_commit(st, &err);
        else
            recite_store_rollback(st);
    }
}

/* Keeps judge's lexicon for the bank at bank_id and hash, in a transaction of its own. */
static void keep(struct recite_store *st, struct recite_judge *judge, int64_t bank_id,
                 const char *hash, const char *format)
{
    struct recite_error err = {0};
    unsigned char *data = NULL;
    size_t len = 0;
    if (recite_judge_lexicon_save(judge, &data, &len, &err) == 0)
        keep_bytes(st, RECITE_KEPT_LEXICON, bank_id, hash, format, data, len);
    free(data);
}

/*
 * Reads what is kept with the bank under format and hands it to load: 0
 * when load adopted it, 1 when it must be built (none kept, kept for another
 * version of the bank, or bytes load refuses), < 0 on a store error or when
 * memory runs out.
 */
static int read_kept(struct recite_store *st, enum recite_kept kind, int64_t bank_id,
                     const char *format,
                     int (*load)(void *ctx, unsigned char **data, size_t len,
                                 struct recite_error *err),
                     void *ctx, struct recite_error *err)
{
    unsigned char *data = NULL;
    size_t len = 0;
    struct recite_error kept_err = {0};
    if (recite_store_kept_get(st, kind, bank_id, format, &data, &len, &kept_err) == 0) {
        int rc = load(ctx, &data, len, &kept_err); /* load may take the bytes (data NULL) */
        free(data);
        if (rc == 0)
            return 0;
        if (rc == RECITE_ENOMEM)
            return recite_error_set(err, rc, "%s", kept_err.msg);
        return 1; /* bytes that do not read are built again */
    }
    if (kept_err.code != RECITE_ENOTFOUND)
        return recite_error_set(err, kept_err.code, "%s", kept_err.msg);
    return 1;
}

static int load_lexicon(void *ctx, unsigned char **data, size_t len, struct recite_error *err)
{
    return recite_judge_lexicon_load(ctx, *data, len, err);
}

int recite_bank_view_fill_judge(void *ctx, struct recite_judge *judge, struct recite_error *err)
{
    struct recite_bank_view *view = ctx;
    struct recite_store *st = recite_bank_view_store(view);
    const struct recite_bank *bank = recite_bank_view_bank(view);
    char hash[65], format[RECITE_JUDGE_LEXICON_FORMAT_MAX];
    int64_t bank_id;
    int rc = recite_store_bank_lookup(st, bank->id, &bank_id, hash, err);
    if (rc < 0)
        return rc;
    recite_judge_lexicon_format(format, bank->language);
    rc = read_kept(st, RECITE_KEPT_LEXICON, bank_id, format, load_lexicon, judge, err);
    if (rc <= 0)
        return rc;
    if ((rc = fill_from_facts(view, judge, err)) < 0)
        return rc;
    keep(st, judge, bank_id, hash, format);
    return 0;
}

int recite_bank_keep_lexicon(struct recite_store *st, const struct recite_bank *bank,
                             int64_t bank_id, const char *hash, struct recite_error *err)
{
    struct recite_judge *judge = NULL;
    int rc = recite_judge_new(&judge, bank->language, err);
    if (rc < 0)
        return rc;
    recite_judge_fill_with(judge, NULL, NULL);
    for (int kind = 0; rc == 0 && kind < RECITE_FACT_KIND_COUNT; kind++) {
        if (!recite_judge_kind_has_names((enum recite_fact_kind)kind))
            continue;
        for (size_t i = 0; rc == 0 && i < bank->fact_count; i++)
            if (bank->facts[i].kind == (enum recite_fact_kind)kind)
                rc = recite_judge_add_fact(judge, &bank->facts[i], err);
    }
    char format[RECITE_JUDGE_LEXICON_FORMAT_MAX];
    recite_judge_lexicon_format(format, bank->language);
    unsigned char *data = NULL;
    size_t len = 0;
    if (rc == 0)
        rc = recite_judge_lexicon_save(judge, &data, &len, err);
    if (rc == 0)
        rc = recite_store_kept_put(st, RECITE_KEPT_LEXICON, bank_id, hash, format, data, len, err);
    free(data);
    recite_judge_free(judge);
    return rc;
}

/* ---- card notes ---- */

int bank_keep_card_notes(struct recite_store *st, const struct recite_bank *bank, int64_t bank_id,
                         const char *hash, struct recite_error *err)
{
    unsigned char *data = NULL;
    size_t len = 0;
    char format[CARD_NOTES_FORMAT_MAX];
    card_notes_format(format);
    int rc = card_notes_bytes_of_bank(&data, &len, bank, err);
    if (rc == 0)
        rc = recite_store_kept_put(st, RECITE_KEPT_CARD_NOTES, bank_id, hash, format, data, len,
                                   err);
    free(data);
    return rc;
}

static int add_to_notes(void *ctx, const struct recite_fact *fact)
{
    return card_notes_builder_add(ctx, fact);
}

/* The notes built from the view's facts, kept in a transaction of their own. */
static int build_card_notes(struct recite_bank_view *view, int64_t bank_id, const char *hash,
                            const char *format, struct card_notes **out,
                            struct recite_error *err)
{
    struct card_notes_builder *b = NULL;
    unsigned char *data = NULL;
    size_t len = 0;
    int rc = card_notes_builder_new(&b);
    for (int kind = 0; rc == 0 && kind < RECITE_FACT_KIND_COUNT; kind++)
        if (card_notes_reads((enum recite_fact_kind)kind))
            rc = recite_bank_view_each(view, (enum recite_fact_kind)kind, add_to_notes, b, err);
    if (rc == 0)
        rc = card_notes_builder_finish(b, &data, &len, err);
    if (rc == 0)
        rc = card_notes_load(out, data, len, err);
    if (rc == 0)
        keep_bytes(recite_bank_view_store(view), RECITE_KEPT_CARD_NOTES, bank_id, hash,
                   format, data, len);
    free(data);
    card_notes_builder_free(b);
    return rc;
}

/* The notes keep the store's bytes (zero-padded, RECITE_STORE_KEPT_PAD) as their text. */
_Static_assert(RECITE_STORE_KEPT_PAD >= CARD_NOTES_PAD, "the store pads kept bytes as notes need");
static int load_card_notes(void *ctx, unsigned char **data, size_t len, struct recite_error *err)
{
    char *text = (char *)*data;
    *data = NULL;
    return card_notes_adopt(ctx, text, len, err);
}

int bank_view_card_notes(struct recite_bank_view *view, bool rebuild, struct card_notes **out,
                         struct recite_error *err)
{
    struct recite_store *st = recite_bank_view_store(view);
    const struct recite_bank *bank = recite_bank_view_bank(view);
    char hash[65], format[CARD_NOTES_FORMAT_MAX];
    int64_t bank_id;
    *out = NULL;
    int rc = recite_store_bank_lookup(st, bank->id, &bank_id, hash, err);
    if (rc < 0)
        return rc;
    card_notes_format(format);
    rc = rebuild ? 1
                 : read_kept(st, RECITE_KEPT_CARD_NOTES, bank_id, format, load_card_notes,
                             out, err);
    return rc <= 0 ? rc : build_card_notes(view, bank_id, hash, format, out, err);
}

/* ---- fact references ---- */

/*
 * The kept form, little-endian: for each kind in enum order a 64-bit count
 * n, then n row ids; the events' n years and first and last days follow
 * their ids. Each value is 64 bits.
 */
#define FACT_REFS_FORMAT "fact-refs 1"

static int put_u64(struct recite_buf *b, uint64_t v)
{
    unsigned char bytes[8];
    recite_store64_le(bytes, v);
    return recite_buf_add(b, bytes, sizeof(bytes));
}

/* The references of every kind of bank_id as the store lists them, in the kept form. */
static int refs_bytes(struct recite_store *st, int64_t bank_id, unsigned char **out, size_t *len,
                      struct recite_error *err)
{
    struct recite_buf b = {0};
    int rc = 0;
    for (int kind = 0; rc == 0 && kind < RECITE_FACT_KIND_COUNT; kind++) {
        struct recite_fact_ref *refs = NULL;
        size_t n = 0;
        rc = recite_store_fact_refs(st, bank_id, recite_fact_kind_name((enum recite_fact_kind)kind),
                                    &refs, &n, err);
        if (rc == 0)
            rc = put_u64(&b, n);
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = put_u64(&b, (uint64_t)refs[i].id);
        for (size_t i = 0; rc == 0 && kind == RECITE_FACT_EVENT && i < n; i++)
            if ((rc = put_u64(&b, (uint64_t)(int64_t)refs[i].year)) == 0 &&
                (rc = put_u64(&b, (uint64_t)refs[i].span_first)) == 0)
                rc = put_u64(&b, (uint64_t)refs[i].span_last);
        free(refs);
    }
    if (rc < 0) {
        recite_buf_free(&b);
        return rc == RECITE_ENOMEM ? recite_error_set(err, rc, "out of memory") : rc;
    }
    return recite_buf_finish(&b, (char **)out, len, err);
}

int bank_keep_fact_refs(struct recite_store *st, int64_t bank_id, const char *hash,
                        struct recite_error *err)
{
    unsigned char *data = NULL;
    size_t len = 0;
    int rc = refs_bytes(st, bank_id, &data, &len, err);
    if (rc == 0)
        rc = recite_store_kept_put(st, RECITE_KEPT_FACT_REFS, bank_id, hash, FACT_REFS_FORMAT, data,
                                   len, err);
    free(data);
    return rc;
}

bool bank_fact_refs_read(const unsigned char *data, size_t len, enum recite_fact_kind kind,
                         struct recite_fact_ref **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    size_t at = 0;
    for (int k = 0; k < RECITE_FACT_KIND_COUNT; k++) {
        if (len - at < 8)
            return false;
        uint64_t n = recite_load64_le(data + at);
        uint64_t per = k == RECITE_FACT_EVENT ? 4 : 1;
        at += 8;
        if (n > (len - at) / 8 / per)
            return false;
        if (k == (int)kind) {
            struct recite_fact_ref *refs = malloc(((size_t)n + 1) * sizeof(*refs));
            if (!refs)
                return false;
            const unsigned char *p = data + at;
            for (size_t i = 0; i < n; i++) {
                refs[i] = (struct recite_fact_ref){.id = (int64_t)recite_load64_le(p + 8 * i)};
                if (per == 1)
                    continue;
                const unsigned char *d = p + 8 * n + 24 * i;
                refs[i].year = (int)(int64_t)recite_load64_le(d);
                refs[i].span_first = (int64_t)recite_load64_le(d + 8);
                refs[i].span_last = (int64_t)recite_load64_le(d + 16);
            }
            *out = refs;
            *count = (size_t)n;
            return true;
        }
        at += (size_t)(n * per * 8);
    }
    return false;
}

/* Whether data holds every kind's references and nothing more. */
static bool refs_whole(const unsigned char *data, size_t len)
{
    size_t at = 0;
    for (int k = 0; k < RECITE_FACT_KIND_COUNT; k++) {
        if (len - at < 8)
            return false;
        uint64_t n = recite_load64_le(data + at), per = k == RECITE_FACT_EVENT ? 4 : 1;
        at += 8;
        if (n > (len - at) / 8 / per)
            return false;
        at += (size_t)(n * per * 8);
    }
    return at == len;
}

static int load_bytes(void *ctx, unsigned char **data, size_t len, struct recite_error *err)
{
    if (!refs_whole(*data, len))
        return recite_error_set(err, RECITE_EDATA, "the kept fact references do not read");
    struct recite_buf *b = ctx;
    b->data = (char *)*data;
    b->len = len;
    *data = NULL;
    return 0;
}

int bank_view_fact_refs(struct recite_bank_view *view, unsigned char **out, size_t *len,
                        struct recite_error *err)
{
    struct recite_store *st = recite_bank_view_store(view);
    const struct recite_bank *bank = recite_bank_view_bank(view);
    char hash[65];
    int64_t bank_id;
    *out = NULL;
    *len = 0;
    int rc = recite_store_bank_lookup(st, bank->id, &bank_id, hash, err);
    if (rc < 0)
        return rc;
    struct recite_buf kept = {0};
    rc = read_kept(st, RECITE_KEPT_FACT_REFS, bank_id, FACT_REFS_FORMAT, load_bytes, &kept,
                   err);
    if (rc == 0) {
        *out = (unsigned char *)kept.data;
        *len = kept.len;
        return 0;
    }
    if (rc < 0)
        return rc;
    if ((rc = refs_bytes(st, bank_id, out, len, err)) == 0)
        keep_bytes(st, RECITE_KEPT_FACT_REFS, bank_id, hash, FACT_REFS_FORMAT, *out, *len);
    return rc;
}
