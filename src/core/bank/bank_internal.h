/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private helpers shared by bank.c (parser), bank_model.c (model and rules),
 * bank_write.c (canonical writer) and bank_import.c. Not part of the API.
 */
#ifndef RECITE_BANK_INTERNAL_H
#define RECITE_BANK_INTERNAL_H

#include <stdarg.h>

#include "recite/bank.h"
#include "recite/common.h"

/* What a field may hold, per kind. */
struct bank_field_rule {
    const char *name;
    unsigned kinds;    /* bit (1 << kind) for each kind that has it */
    bool required;     /* a fact of such a kind must have it */
    bool repeated;     /* may appear several times (a list) */
    bool alternatives; /* may hold several '|' spellings */
    bool common;       /* tags, cite, quote, note: stored in the fact itself */
    int order;         /* canonical position */
};

/* The rule for field name in kind, or NULL when kind has no such field. */
const struct bank_field_rule *bank_field_rule(enum recite_fact_kind kind, const char *name);

/* Receives one problem of a fact check. */
typedef void (*bank_sink_fn)(void *ctx, unsigned line, unsigned col, const char *msg);

/*
 * Checks the rules of one fact: required fields, dates, set flags, cloze
 * deletions, and (for a fact built in memory, line 0) its tag words. A
 * required field named in tried (tried_count names) had a line that was
 * rejected already, so it is not reported missing a second time. Returns 0,
 * or RECITE_ENOMEM.
 */
int bank_check_fact(const struct recite_bank *bank, const struct recite_fact *fact,
                    const char *const *tried, size_t tried_count, bank_sink_fn sink, void *ctx);

/* ---- the bank's index (bank_index.c): the bank owns it, card building fills it ---- */

/* The days an event's date covers: one day, a whole month, year or range of years. */
struct span {
    int64_t first, last;
};

/* An event of the bank, for distractors by nearness in time. */
struct index_event {
    size_t at;       /* its position in of_kind[RECITE_FACT_EVENT] */
    int year;        /* first year of its date */
    struct span span;
};

/*
 * What card building reads instead of walking the whole bank for every
 * card: the facts of each kind in bank order, and the events by first year
 * (ties in bank order), with their spans. An entry of of_kind[] is an index
 * into bank->facts for a bank in memory, a fact row id for a bank view.
 */
struct recite_bank_index {
    bool built;
    const struct recite_fact *facts; /* the bank's facts when built: stale if they moved */
    size_t fact_count;
    int64_t *of_kind[RECITE_FACT_KIND_COUNT]; /* fact references, in bank order */
    size_t kind_count[RECITE_FACT_KIND_COUNT];
    struct span *event_spans;        /* parallel to of_kind[RECITE_FACT_EVENT] */
    struct index_event *by_year;     /* every event, by (year, fact) */
    struct index_key {
        const char *key;             /* borrowed from the fact */
        size_t fact;
    } *by_key;                       /* every fact, by (key bytes, fact) */
    /* what a layer above keeps with the index (card notes), and how it is freed */
    void *above;
    void (*above_free)(void *above);
    bool above_failed;
};

/*
 * The fact with key, through the index when it is built and fresh; false
 * when it is not (the caller searches the bank itself).
 */
bool bank_index_find_key(const struct recite_bank *bank, const char *key,
                         const struct recite_fact **out);

/* Frees what an index holds and leaves it empty (not built). */
void bank_index_clear(struct recite_bank_index *index);
/* Sorts index->by_year from the kind_count[RECITE_FACT_EVENT] events it holds. */
void bank_index_sort_years(struct recite_bank_index *index);

/* Frees a bank's index; NULL is fine. */
void bank_index_free(struct recite_bank_index *index);

/* Model building with ownership transfer. */
int bank_new_empty(struct recite_bank **out);
int bank_add_source_owned(struct recite_bank *bank, char *id, char *title, unsigned line);
int bank_add_fact_owned(struct recite_bank *bank, enum recite_fact_kind kind, char *key,
                        unsigned line, struct recite_fact **out);
int bank_field_add_alt(struct recite_field *field, char *alt);
/* Moves *field into fact (on success *field is zeroed). */
int bank_fact_adopt_field(struct recite_fact *fact, struct recite_field *field);
int bank_fact_set_common_owned(struct recite_fact *fact, const char *name, char *value,
                               unsigned line, unsigned col);
bool bank_fact_has_field(const struct recite_fact *fact, const char *name);
void bank_field_release(struct recite_field *field);
/* Frees what a fact owns (not the struct itself). */
void bank_fact_release(struct recite_fact *fact);

/*
 * A spelling as the overlap rules compare it (NFKC case folding; ASCII
 * lowercased): a malloc'd string, or NULL when out of memory.
 */
char *bank_fold_spelling(const char *text);

/* Puts fields in canonical order (stable). */
void bank_fact_sort_fields(struct recite_fact *fact);

/* Diagnostics. */
int bank_diag_vadd(struct recite_diags *diags, unsigned line, unsigned col, const char *fmt,
                   va_list ap) __attribute__((format(printf, 4, 0)));
int bank_diag_add(struct recite_diags *diags, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Strings. */
char *bank_dup(const char *s, size_t len);
char *bank_trim_dup(const char *s, size_t len);
bool bank_is_key(const char *s, size_t len);
unsigned bank_column(const char *line, size_t off);

/*
 * recite_bank_import() without its refusal of a signed bank: for
 * recite_import_files(), which has checked the signature itself.
 */
int bank_import_store(struct recite_store *st, const struct recite_bank *bank, int64_t now_ms,
                      struct recite_import_stats *out, struct recite_error *err);

/* Reads a whole file. Caller frees *out. */
int bank_read_file(char **out, size_t *out_len, const char *path, struct recite_error *err);

/* Cloze: the i-th deletion of text as [*start, *start + *len); false past the last. */
bool bank_cloze_span(const char *text, size_t index, size_t *start, size_t *len);

#endif
