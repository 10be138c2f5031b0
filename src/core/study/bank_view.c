/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bank views: a stored bank read a fact at a time, so a review session
 * never parses or holds the whole bank. The facts of a kind are listed from
 * the store's fact_kind index (row ids in bank order, event dates as
 * numbers), exactly as the bank index lists a parsed bank; a fact is parsed
 * from its JSON body when a card needs it and kept in a small cache. The
 * facts one card is built from stay put until it is built: the cache may
 * overflow for one card and shrinks back after it.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "facts_internal.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/buf.h"
#include "recite/facts.h"
#include "recite/store.h"
#include "study_internal.h"

/* Facts kept between cards: distractors are drawn at random, so few come back. */
#define CACHE_FACTS 64

struct view_fact {
    int64_t id;    /* fact row id */
    uint64_t used; /* the card build that read it last */
    struct recite_fact fact;
};

/* A card builder's note on a fact, kept for the session (see bank_view_note()). */
struct view_note {
    int64_t id; /* fact row id; 0: an empty slot */
    void *note; /* one allocation, freed with free() */
};

struct recite_bank_view {
    struct recite_store *st;             /* borrowed */
    int64_t bank_id;                     /* bank row id */
    struct recite_bank *header;          /* id, title, sources; no facts */
    struct recite_bank_index index;      /* of_kind[k] holds fact row ids */
    bool listed[RECITE_FACT_KIND_COUNT]; /* of_kind[k] was read */
    struct view_fact *asked;             /* what recite_bank_view_fact() gave */
    struct view_fact **cache;            /* facts read for distractors */
    size_t cache_count, cache_cap;
    struct view_note *notes; /* open-addressed by fact id */
    size_t note_count, note_cap;
    struct card_notes *card_notes; /* the bank's, read when a card first needs them */
    struct recite_error card_notes_err; /* why they could not be had */
    bool card_notes_remade;             /* rebuilt once for not fitting the bank */
    unsigned char *refs;                /* the kept fact references (bank_view_fact_refs()) */
    size_t refs_len;
    bool refs_tried;
    uint64_t build;              /* counts card builds */
    struct recite_error failure; /* first store failure of this build */
};

static void view_fact_free(struct view_fact *entry)
{
    if (!entry)
        return;
    bank_fact_release(&entry->fact);
    free(entry);
}

/*
 * The canonical text writes `ordered: yes` alone ("no" is the default), so
 * a parsed bank has that or nothing.
 */
static void canonical_ordered(struct recite_fact *fact)
{
    size_t kept = 0;
    for (size_t i = 0; i < fact->field_count; i++) {
        struct recite_field *field = &fact->fields[i];
        bool ordered = strcmp(field->name, "ordered") == 0;
        if (ordered && strcmp(field->alts[0], "yes") != 0) {
            bank_field_release(field);
            continue;
        }
        while (ordered && field->alt_count > 1)
            free(field->alts[--field->alt_count]);
        fact->fields[kept++] = *field;
    }
    fact->field_count = kept;
}

/* Sets common field name from value unless it is empty (as the parser leaves it). */
static int set_common(struct recite_fact *fact, const char *name, const char *value)
{
    if (!value || !*value)
        return 0;
    char *copy = recite_strdup(value);
    return copy ? bank_fact_set_common_owned(fact, name, copy, 0, 0) : RECITE_ENOMEM;
}

static void count_problem(void *ctx, unsigned line, unsigned col, const char *msg)
{
    (void)line;
    (void)col;
    (void)msg;
    (*(size_t *)ctx)++;
}

/*
 * A stored fact row as the parser would have built it from the canonical
 * text. The row passes the same rules as a parsed fact, so a damaged
 * database is refused here rather than trusted by card building.
 */
int bank_fact_from_row(struct recite_fact *out, const struct recite_fact_row *row)
{
    memset(out, 0, sizeof(*out));
    int kind = recite_fact_kind_from_name(row->kind);
    if (kind < 0)
        return RECITE_EDATA;
    out->kind = (enum recite_fact_kind)kind;
    if (!(out->key = recite_strdup(row->key)))
        return RECITE_ENOMEM;
    int rc = row->body ? fact_body_read(out, row->body) : RECITE_EDATA;
    if (rc == 0)
        canonical_ordered(out);
    if (rc == 0)
        rc = set_common(out, "tags", row->tags);
    if (rc == 0)
        rc = set_common(out, "cite", row->cite);
    if (rc == 0)
        bank_fact_sort_fields(out);
    size_t problems = 0;
    if (rc == 0 && (rc = bank_check_fact(NULL, out, NULL, 0, count_problem, &problems)) == 0 &&
        problems > 0)
        rc = RECITE_EDATA;
    return rc;
}

/* Reads a fact row into a new entry. */
static int entry_from_row(struct view_fact **out, const struct recite_fact_row *row,
                          struct recite_error *err)
{
    struct view_fact *entry = calloc(1, sizeof(*entry));
    if (!entry)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    entry->id = row->id;
    int rc = bank_fact_from_row(&entry->fact, row);
    if (rc < 0) {
        view_fact_free(entry);
        return rc == RECITE_ENOMEM
                   ? recite_error_set(err, rc, "out of memory")
                   : recite_error_set(err, rc, "stored fact '%s' is damaged", row->key);
    }
    *out = entry;
    return 0;
}

static int header_source(void *ctx, const char *id, const char *title)
{
    struct recite_bank *bank = ctx;
    return recite_bank_add_source(bank, id, title, NULL);
}

/* The header of stored bank slug as a bank with no facts; *out_id its row id. */
static int bank_header(struct recite_store *st, const char *slug, struct recite_bank **out,
                       int64_t *out_id, struct recite_error *err)
{
    struct recite_bank_head head;
    struct recite_bank *bank = NULL;
    *out = NULL;
    int rc = recite_store_bank_header(st, slug, &head, err);
    if (rc < 0)
        return rc;
    *out_id = head.id;
    if ((rc = recite_bank_new(&bank, slug, err)) == 0) {
        char **fields[3] = {&head.title, &head.version, &head.language};
        char **slots[3] = {&bank->title, &bank->version, &bank->language};
        for (size_t i = 0; i < 3; i++) {
            if (!*fields[i])
                continue;
            free(*slots[i]);
            *slots[i] = *fields[i];
            *fields[i] = NULL;
        }
        rc = recite_store_bank_sources(st, head.id, header_source, bank, err);
        if (rc == RECITE_ENOMEM)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    recite_bank_head_release(&head);
    if (rc < 0) {
        recite_bank_free(bank);
        return rc;
    }
    *out = bank;
    return 0;
}

int recite_store_bank_load(struct recite_store *st, const char *slug, struct recite_bank **out,
                           struct recite_error *err)
{
    char *text = NULL;
    *out = NULL;
    int rc = recite_store_bank_canonical(st, slug, &text, err);
    if (rc < 0)
        return rc;
    rc = recite_bank_parse(out, text, strlen(text), NULL, err);
    free(text);
    return rc;
}

int recite_bank_view_open(struct recite_bank_view **out, struct recite_store *st, const char *slug,
                          struct recite_error *err)
{
    *out = NULL;
    struct recite_bank_view *view = calloc(1, sizeof(*view));
    if (!view)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    view->st = st;
    int rc = bank_header(st, slug, &view->header, &view->bank_id, err);
    if (rc < 0) {
        recite_bank_view_close(view);
        return rc;
    }
    *out = view;
    return 0;
}

void recite_bank_view_close(struct recite_bank_view *view)
{
    if (!view)
        return;
    for (size_t i = 0; i < view->cache_count; i++)
        view_fact_free(view->cache[i]);
    free(view->cache);
    for (size_t i = 0; i < view->note_cap; i++)
        free(view->notes[i].note);
    free(view->notes);
    card_notes_free(view->card_notes);
    free(view->refs);
    view_fact_free(view->asked);
    bank_index_clear(&view->index);
    recite_bank_free(view->header);
    free(view);
}

const struct recite_bank *recite_bank_view_bank(const struct recite_bank_view *view)
{
    return view->header;
}

struct recite_store *recite_bank_view_store(const struct recite_bank_view *view)
{
    return view->st;
}

int recite_bank_view_fact(struct recite_bank_view *view, const char *key,
                          const struct recite_fact **out, struct recite_error *err)
{
    *out = NULL;
    struct recite_fact_row row;
    int rc = recite_store_fact_find(view->st, view->bank_id, key, &row, err);
    if (rc == RECITE_ENOTFOUND)
        return recite_error_set(err, rc, "no fact '%s' in bank '%s'", key, view->header->id);
    struct view_fact *entry = NULL;
    if (rc == 0)
        rc = entry_from_row(&entry, &row, err);
    recite_fact_row_release(&row);
    if (rc < 0)
        return rc;
    view_fact_free(view->asked);
    view->asked = entry;
    *out = &entry->fact;
    return 0;
}

/* Keeps the first failure of a card build: the card fails with it. */
static void view_fail(struct recite_bank_view *view, const struct recite_error *err)
{
    if (view->failure.code == 0)
        view->failure = *err;
}

/* Lists the facts of kind: row ids in bank order, and for events their dates by year. */
static int list_kind(struct recite_bank_view *view, enum recite_fact_kind kind,
                     struct recite_error *err)
{
    struct recite_fact_ref *refs = NULL;
    size_t n = 0;
    struct recite_bank_index *index = &view->index;
    /* the references kept with the bank, one blob for every kind; else the rows */
    if (!view->refs_tried) {
        struct recite_error kept_err = {0};
        view->refs_tried = true;
        if (bank_view_fact_refs(view, &view->refs, &view->refs_len, &kept_err) < 0) {
            free(view->refs);
            view->refs = NULL;
        }
    }
    if (!view->refs || !bank_fact_refs_read(view->refs, view->refs_len, kind, &refs, &n)) {
        int rc = recite_store_fact_refs(view->st, view->bank_id, recite_fact_kind_name(kind),
                                        &refs, &n, err);
        if (rc < 0)
            return rc;
    }
    bool event = kind == RECITE_FACT_EVENT;
    index->of_kind[kind] = malloc((n + 1) * sizeof(int64_t));
    if (event) {
        index->event_spans = malloc((n + 1) * sizeof(*index->event_spans));
        index->by_year = malloc((n + 1) * sizeof(*index->by_year));
    }
    if (!index->of_kind[kind] || (event && (!index->event_spans || !index->by_year))) {
        free(refs);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    for (size_t at = 0; at < n; at++) {
        index->of_kind[kind][at] = refs[at].id;
        if (!event)
            continue;
        index->event_spans[at] = (struct span){refs[at].span_first, refs[at].span_last};
        index->by_year[at] = (struct index_event){at, refs[at].year, index->event_spans[at]};
    }
    index->kind_count[kind] = n;
    if (event)
        bank_index_sort_years(index);
    free(refs);
    view->listed[kind] = true;
    return 0;
}

/* The view's index with kind's facts listed; NULL on failure (kept in the view). */
/* A card builder's notes through its source (see card_note()). */
static void *source_note(void *self, int64_t id);
static bool source_note_keep(void *self, int64_t id, void *note);

static const struct recite_bank_index *bank_view_index(void *self, enum recite_fact_kind kind)
{
    struct recite_bank_view *view = self;
    struct recite_error err = {0};
    if (!view->listed[kind] && list_kind(view, kind, &err) < 0) {
        view_fail(view, &err);
        return NULL;
    }
    return &view->index;
}

/* Whether the notes count as many facts of each kind the view has listed as it does. */
static bool notes_fit(const struct recite_bank_view *view)
{
    static const enum recite_fact_kind kept[] = {RECITE_FACT_ACRONYM, RECITE_FACT_SET};
    for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
        if (view->listed[kept[i]] &&
            card_notes_total(view->card_notes, kept[i]) != view->index.kind_count[kept[i]])
            return false;
    return true;
}

/* The bank's card notes, read (or built) once per view; NULL on failure (kept in the view). */
static const struct card_notes *bank_view_notes(void *self)
{
    struct recite_bank_view *view = self;
    struct recite_error *err = &view->card_notes_err;
    if (!view->card_notes && err->code == 0)
        bank_view_card_notes(view, false, &view->card_notes, err);
    /* notes made for other facts than the view lists (a damaged row) are made again, once */
    if (view->card_notes && !view->card_notes_remade && !notes_fit(view)) {
        view->card_notes_remade = true;
        card_notes_free(view->card_notes);
        view->card_notes = NULL;
        bank_view_card_notes(view, true, &view->card_notes, err);
    }
    if (!view->card_notes && err->code == 0)
        recite_error_set(err, RECITE_EINTERNAL, "cannot read the bank's card notes");
    if (!view->card_notes)
        view_fail(view, &view->card_notes_err);
    return view->card_notes;
}

/* Makes room for one more cache entry. */
static bool cache_reserve(struct recite_bank_view *view)
{
    return recite_grow((void **)&view->cache, &view->cache_cap, view->cache_count + 1,
                       sizeof(*view->cache)) == 0;
}

/* The live fact with row id, read on demand; borrowed until the card is built. */
static const struct recite_fact *bank_view_fact_by_id(void *self, int64_t id)
{
    struct recite_bank_view *view = self;
    if (view->asked && view->asked->id == id)
        return &view->asked->fact;
    for (size_t i = 0; i < view->cache_count; i++) {
        if (view->cache[i]->id == id) {
            view->cache[i]->used = view->build;
            return &view->cache[i]->fact;
        }
    }
    struct recite_error err = {0};
    struct recite_fact_row row;
    struct view_fact *entry = NULL;
    int rc = recite_store_fact_get(view->st, id, &row, &err);
    if (rc == 0)
        rc = entry_from_row(&entry, &row, &err);
    recite_fact_row_release(&row);
    if (rc == 0 && !cache_reserve(view)) {
        view_fact_free(entry);
        rc = recite_error_set(&err, RECITE_ENOMEM, "out of memory");
    }
    if (rc < 0) {
        view_fail(view, &err);
        return NULL;
    }
    entry->used = view->build;
    view->cache[view->cache_count++] = entry;
    return &entry->fact;
}

static size_t note_slot(const struct view_note *notes, size_t cap, int64_t id)
{
    size_t at = (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ULL) >> 20) & (cap - 1);
    while (notes[at].id != 0 && notes[at].id != id)
        at = (at + 1) & (cap - 1);
    return at;
}

static void *bank_view_note(const struct recite_bank_view *view, int64_t id)
{
    if (!view->note_cap || id == 0)
        return NULL;
    return view->notes[note_slot(view->notes, view->note_cap, id)].note;
}

static bool bank_view_note_keep(struct recite_bank_view *view, int64_t id, void *note)
{
    if (id == 0 || bank_view_note(view, id)) {
        free(note);
        return false;
    }
    if ((view->note_count + 1) * 2 > view->note_cap) {
        size_t cap = view->note_cap ? view->note_cap * 2 : 1024;
        struct view_note *notes = calloc(cap, sizeof(*notes));
        if (!notes) {
            free(note);
            return false;
        }
        for (size_t i = 0; i < view->note_cap; i++)
            if (view->notes[i].id != 0)
                notes[note_slot(notes, cap, view->notes[i].id)] = view->notes[i];
        free(view->notes);
        view->notes = notes;
        view->note_cap = cap;
    }
    view->notes[note_slot(view->notes, view->note_cap, id)] = (struct view_note){id, note};
    view->note_count++;
    return true;
}

/* Evicts the facts read longest ago until CACHE_FACTS are left. */
static void cache_trim(struct recite_bank_view *view)
{
    while (view->cache_count > CACHE_FACTS) {
        size_t oldest = 0;
        for (size_t i = 1; i < view->cache_count; i++)
            if (view->cache[i]->used < view->cache[oldest]->used)
                oldest = i;
        view_fact_free(view->cache[oldest]);
        view->cache[oldest] = view->cache[--view->cache_count];
    }
}

int recite_bank_view_card(struct recite_card *out, struct recite_bank_view *view,
                          const struct recite_fact *fact, const char *template_name, uint64_t seed,
                          struct recite_error *err)
{
    assert(view->asked && fact == &view->asked->fact);
    view->build++;
    memset(&view->failure, 0, sizeof(view->failure));
    const struct card_source source = {view,        bank_view_index,  bank_view_fact_by_id,
                                       source_note, source_note_keep, bank_view_notes};
    struct card_ctx ctx = {
        .source = &source,
        .fact = fact,
        .asked_ref = view->asked->id,
        .template_name = template_name,
    };
    int rc = card_build(out, &ctx, view->header->id, seed, err);
    if (rc < 0 && view->failure.code != 0)
        rc = recite_error_set(err, view->failure.code, "cannot build card '%s' of '%s': %s",
                              template_name, fact->key, view->failure.msg);
    cache_trim(view);
    return rc;
}

struct each_ctx {
    struct recite_bank_view *view;
    int (*fn)(void *ctx, const struct recite_fact *fact);
    void *ctx;
    struct recite_error *err;
};

/*
 * Each fact read whole is also noted for card building (card_note_of()),
 * so that no card reads it again: a session's judge reads the bank once.
 */
static int each_row(void *ctx, const struct recite_fact_row *row)
{
    struct each_ctx *each = ctx;
    struct view_fact *entry = NULL;
    int rc = entry_from_row(&entry, row, each->err);
    if (rc == 0 && !bank_view_note(each->view, entry->id)) {
        void *note = card_note_of(&entry->fact);
        if (note)
            bank_view_note_keep(each->view, entry->id, note);
    }
    if (rc == 0)
        rc = each->fn(each->ctx, &entry->fact);
    view_fact_free(entry);
    return rc;
}

int recite_bank_view_each(struct recite_bank_view *view, enum recite_fact_kind kind,
                          int (*fn)(void *ctx, const struct recite_fact *fact), void *ctx,
                          struct recite_error *err)
{
    struct each_ctx each = {view, fn, ctx, err};
    return recite_store_fact_each(view->st, view->bank_id, recite_fact_kind_name(kind), each_row,
                                  &each, err);
}

static void *source_note(void *self, int64_t id)
{
    return bank_view_note(self, id);
}

static bool source_note_keep(void *self, int64_t id, void *note)
{
    return bank_view_note_keep(self, id, note);
}
