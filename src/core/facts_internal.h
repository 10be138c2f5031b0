/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private interface between facts.c (uids, templates, card memory) and
 * facts_kinds.c (what each template asks and its distractors).
 */
#ifndef RECITE_FACTS_INTERNAL_H
#define RECITE_FACTS_INTERNAL_H

#include "recite.h"

/* What a template builder works from. */
struct card_ctx {
    const struct recite_bank *bank;
    const struct recite_fact *fact;
    const char *template_name;
    struct recite_rng *rng; /* seeded by the caller's seed and the card uid */
};

/* The days an event's date covers: one day, a whole month, year or range of years. */
struct span {
    int64_t first, last;
};

/* An event's date (all zero when it does not parse) and the days it covers. */
struct recite_date event_date(const struct recite_fact *fact);
struct span event_span(const struct recite_fact *fact);

/* An event of the bank, for distractors by nearness in time. */
struct index_event {
    size_t fact;     /* index into bank->facts */
    int year;        /* first year of its date */
    struct span span;
};

/*
 * What card building reads instead of walking the whole bank for every
 * card: the facts of each kind in bank order, and the events by first year
 * (ties in bank order), with their spans.
 */
struct recite_bank_index {
    bool built;
    const struct recite_fact *facts; /* the bank's facts when built: stale if they moved */
    size_t fact_count;
    size_t *of_kind[RECITE_FACT_KIND_COUNT]; /* fact indices, in bank order */
    size_t kind_count[RECITE_FACT_KIND_COUNT];
    struct span *event_spans;        /* parallel to of_kind[RECITE_FACT_EVENT] */
    struct index_event *by_year;     /* every event, by (year, fact) */
    struct index_key {
        const char *key;             /* borrowed from the fact */
        size_t fact;
    } *by_key;                       /* every fact, by (key bytes, fact) */
};

/*
 * The fact with key, through the index when it is built and fresh; false
 * when it is not (the caller searches the bank itself).
 */
bool bank_index_find_key(const struct recite_bank *bank, const char *key,
                         const struct recite_fact **out);

/* The bank's index, filled on first use (the bank keeps it). NULL when out of memory. */
const struct recite_bank_index *bank_index_get(const struct recite_bank *bank);

/*
 * Visits 0..n-1 in a seeded random order, one at a time, at a cost that
 * grows with the visits rather than with n (a Fisher-Yates shuffle done
 * lazily, remembering only the swaps made).
 */
struct sampler {
    size_t n, k;
    size_t (*swaps)[2]; /* (position, value) moved there */
    size_t swap_count, swap_cap;
    bool oom;
};

void sampler_init(struct sampler *s, size_t n);
/* The next position into *out; false when all n were visited or out of memory. */
bool sampler_next(struct sampler *s, struct recite_rng *rng, size_t *out);
void sampler_release(struct sampler *s);

int cards_acronym(struct recite_card *card, const struct card_ctx *ctx);
int cards_event(struct recite_card *card, const struct card_ctx *ctx);
int cards_set(struct recite_card *card, const struct card_ctx *ctx);
int cards_question(struct recite_card *card, const struct card_ctx *ctx);
int cards_cloze(struct recite_card *card, const struct card_ctx *ctx);

int card_add_accepted(struct recite_card *card, const char *text);
int card_add_alts(struct recite_card *card, const struct recite_field *field);
int card_add_option(struct recite_card *card, const char *text);
int card_set_prompt(struct recite_card *card, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Equal after NFKC case folding: "US" and "us" are one answer. */
bool same_text(const char *a, const char *b);
/* text after NFKC case folding, for same_folded(). Caller frees; NULL when it cannot be folded. */
char *fold_text(const char *text);
/* same_text() of a and b, given their folds (which may be NULL). */
bool same_folded(const char *a, const char *a_folded, const char *b, const char *b_folded);
/* Whether any spelling of field is the same text as text. */
bool field_matches(const struct recite_field *field, const char *text);

#endif
