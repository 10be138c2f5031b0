/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The distractor index of a bank and the lazy sampler: a card picks its
 * distractors at a cost that grows with the few it looks at, not with the
 * size of the bank (the index is built once per bank and kept with it).
 */
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "facts_internal.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/facts.h"

static int by_key_cmp(const void *a, const void *b)
{
    const struct index_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->fact > y->fact) - (x->fact < y->fact);
}

static int index_build(struct recite_bank_index *index, const struct recite_bank *bank)
{
    index->facts = bank->facts;
    index->fact_count = bank->fact_count;
    size_t counts[RECITE_FACT_KIND_COUNT] = {0};
    for (size_t i = 0; i < bank->fact_count; i++)
        if ((unsigned)bank->facts[i].kind < RECITE_FACT_KIND_COUNT)
            counts[bank->facts[i].kind]++;
    for (int k = 0; k < RECITE_FACT_KIND_COUNT; k++)
        if (!(index->of_kind[k] = malloc((counts[k] + 1) * sizeof(int64_t))))
            return RECITE_ENOMEM;
    size_t events = counts[RECITE_FACT_EVENT];
    index->event_spans = malloc((events + 1) * sizeof(*index->event_spans));
    index->by_year = malloc((events + 1) * sizeof(*index->by_year));
    index->by_key = malloc((bank->fact_count + 1) * sizeof(*index->by_key));
    if (!index->event_spans || !index->by_year || !index->by_key)
        return RECITE_ENOMEM;
    for (size_t i = 0; i < bank->fact_count; i++) {
        const struct recite_fact *f = &bank->facts[i];
        index->by_key[i] = (struct index_key){f->key, i};
        if ((unsigned)f->kind >= RECITE_FACT_KIND_COUNT)
            continue;
        size_t at = index->kind_count[f->kind]++;
        index->of_kind[f->kind][at] = (int64_t)i;
        if (f->kind == RECITE_FACT_EVENT) {
            index->event_spans[at] = event_span(f);
            index->by_year[at] =
                (struct index_event){at, event_date(f).year, index->event_spans[at]};
        }
    }
    bank_index_sort_years(index);
    qsort(index->by_key, bank->fact_count, sizeof(*index->by_key), by_key_cmp);
    index->built = true;
    return 0;
}

const struct recite_bank_index *bank_index_get(const struct recite_bank *bank)
{
    /* A cache, not part of the bank's value: the bank holds it, this fills it. */
    struct recite_bank_index *index = bank->index;
    if (!index)
        return NULL;
    if (index->built && (index->facts != bank->facts || index->fact_count != bank->fact_count))
        bank_index_clear(index);
    if (!index->built && index_build(index, bank) < 0) {
        bank_index_clear(index);
        return NULL;
    }
    return index;
}

/* ---- what card building reads: a bank in memory or a bank view ---- */

const struct recite_bank_index *card_index(const struct card_ctx *ctx, enum recite_fact_kind kind)
{
    return ctx->source ? ctx->source->index(ctx->source->self, kind) : bank_index_get(ctx->bank);
}

const struct recite_fact *card_fact(const struct card_ctx *ctx,
                                    const struct recite_bank_index *index,
                                    enum recite_fact_kind kind, size_t at)
{
    int64_t ref = index->of_kind[kind][at];
    return ctx->source ? ctx->source->fact_by_id(ctx->source->self, ref) : &ctx->bank->facts[ref];
}

void *card_note(const struct card_ctx *ctx, const struct recite_bank_index *index,
                enum recite_fact_kind kind, size_t at)
{
    return ctx->source && ctx->source->note
               ? ctx->source->note(ctx->source->self, index->of_kind[kind][at])
               : NULL;
}

bool card_note_keep(const struct card_ctx *ctx, const struct recite_bank_index *index,
                    enum recite_fact_kind kind, size_t at, void *note)
{
    if (!ctx->source || !ctx->source->note_keep) {
        free(note);
        return false;
    }
    return ctx->source->note_keep(ctx->source->self, index->of_kind[kind][at], note);
}

static void notes_free(void *notes)
{
    card_notes_free(notes);
}

const struct card_notes *card_notes_get(const struct card_ctx *ctx)
{
    if (ctx->source)
        return ctx->source->notes ? ctx->source->notes(ctx->source->self) : NULL;
    if (!bank_index_get(ctx->bank))
        return NULL;
    /* the bank keeps its index, and the index keeps the notes */
    struct recite_bank_index *index = ctx->bank->index;
    if (!index->above && !index->above_failed) {
        struct card_notes *notes = NULL;
        struct recite_error err = {0};
        index->above_failed = card_notes_of_bank(&notes, ctx->bank, &err) < 0;
        index->above = notes;
        index->above_free = notes_free;
    }
    return index->above;
}

bool card_is_asked(const struct card_ctx *ctx, const struct recite_bank_index *index,
                   enum recite_fact_kind kind, size_t at)
{
    return index->of_kind[kind][at] == ctx->asked_ref;
}

/* ---- the lazy sampler ---- */

void sampler_init(struct sampler *s, size_t n)
{
    memset(s, 0, sizeof(*s));
    s->n = n;
}

/*
 * The swaps are an open-addressed table of (position + 1, value), swap_cap
 * slots (a power of two, at most half full), so that a walk of k visits
 * costs k look-ups, not k * k / 2 comparisons.
 */
static size_t swap_slot(size_t (*swaps)[2], size_t cap, size_t pos)
{
    size_t at = (size_t)(((uint64_t)pos * 0x9E3779B97F4A7C15ULL) >> 24) & (cap - 1);
    while (swaps[at][0] != 0 && swaps[at][0] != pos + 1)
        at = (at + 1) & (cap - 1);
    return at;
}

/* The value at position pos: the one swapped there, else pos itself. */
static size_t sampler_at(const struct sampler *s, size_t pos, size_t **slot)
{
    if (s->swap_cap) {
        size_t at = swap_slot(s->swaps, s->swap_cap, pos);
        if (s->swaps[at][0] != 0) {
            if (slot)
                *slot = &s->swaps[at][1];
            return s->swaps[at][1];
        }
    }
    if (slot)
        *slot = NULL;
    return pos;
}

/* Room for one more swap; false when out of memory. */
static bool swaps_reserve(struct sampler *s)
{
    if ((s->swap_count + 1) * 2 <= s->swap_cap)
        return true;
    size_t cap = s->swap_cap ? s->swap_cap * 2 : 64;
    size_t(*grown)[2] = calloc(cap, sizeof(*grown));
    if (!grown)
        return false;
    for (size_t i = 0; i < s->swap_cap; i++)
        if (s->swaps[i][0] != 0)
            memcpy(grown[swap_slot(grown, cap, s->swaps[i][0] - 1)], s->swaps[i],
                   sizeof(s->swaps[i]));
    free(s->swaps);
    s->swaps = grown;
    s->swap_cap = cap;
    return true;
}

bool sampler_next(struct sampler *s, struct recite_rng *rng, size_t *out)
{
    if (s->oom || s->k >= s->n)
        return false;
    size_t k = s->k++;
    size_t j = k + (size_t)recite_rng_below(rng, s->n - k);
    size_t *slot;
    size_t at_j = sampler_at(s, j, &slot);
    if (j != k) {
        size_t at_k = sampler_at(s, k, NULL);
        /* Position k is never read again: only position j keeps what k held. */
        if (slot) {
            *slot = at_k;
        } else {
            if (!swaps_reserve(s)) {
                s->oom = true;
                return false;
            }
            size_t at = swap_slot(s->swaps, s->swap_cap, j);
            s->swaps[at][0] = j + 1;
            s->swaps[at][1] = at_k;
            s->swap_count++;
        }
    }
    *out = at_j;
    return true;
}

void sampler_release(struct sampler *s)
{
    free(s->swaps);
    memset(s, 0, sizeof(*s));
}
