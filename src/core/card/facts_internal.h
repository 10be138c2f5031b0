/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private interface between facts.c (uids, templates, card memory) and
 * facts_kinds.c (what each template asks and its distractors).
 */
#ifndef RECITE_FACTS_INTERNAL_H
#define RECITE_FACTS_INTERNAL_H

#include "bank_internal.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/facts.h"

/*
 * Where card building reads the other facts of a bank that is not in memory:
 * a view of a stored bank (study/bank_view.c) fills this in, so building a
 * card never calls up into the layer that reads the database. index() gives
 * the index with kind's facts listed, fact_by_id() the live fact with a row
 * id (borrowed until the card is built); either returns NULL on failure,
 * which the source keeps.
 */
struct card_source {
    void *self;
    const struct recite_bank_index *(*index)(void *self, enum recite_fact_kind kind);
    const struct recite_fact *(*fact_by_id)(void *self, int64_t id);
    /* What card building noted of fact row id (card_note()), kept by the source; NULL: none. */
    void *(*note)(void *self, int64_t id);
    /* Keeps note (one allocation the source frees) on row id; false, and note freed, when not. */
    bool (*note_keep)(void *self, int64_t id, void *note);
    /* The bank's card notes (card_notes_load()), kept by the source; NULL on failure. */
    const struct card_notes *(*notes)(void *self);
};

/*
 * What a template builder works from: the fact asked and where the other
 * facts come from, either a whole bank in memory or a source such as a view
 * of a stored bank that reads them on demand. Builders reach other facts only
 * through card_index() and card_fact(), so a card is the same from either.
 */
struct card_ctx {
    const struct recite_bank *bank;     /* the whole bank, or NULL when source is set */
    const struct card_source *source;   /* the stored bank, or NULL */
    const struct recite_fact *fact; /* the fact asked */
    int64_t asked_ref;              /* its entry in of_kind[] (-1: not in the bank) */
    const char *template_name;
    struct recite_rng *rng; /* seeded by the caller's seed and the card uid */
};

/* An event's date (all zero when it does not parse) and the days it covers. */
struct recite_date event_date(const struct recite_fact *fact);
struct span event_span(const struct recite_fact *fact);
/* The same from a `when:` value alone (NULL: no date). */
struct recite_date when_date(const char *when);
struct span when_span(const char *when);

/* The bank's index, filled on first use (the bank keeps it). NULL when out of memory. */
const struct recite_bank_index *bank_index_get(const struct recite_bank *bank);

/*
 * The index of the card's bank with the facts of kind listed; NULL when it
 * cannot be had (out of memory, a store error kept by the view).
 */
const struct recite_bank_index *card_index(const struct card_ctx *ctx, enum recite_fact_kind kind);
/*
 * The fact at position at of of_kind[kind]; NULL when it cannot be read.
 * Borrowed until the card is built.
 */
const struct recite_fact *card_fact(const struct card_ctx *ctx,
                                    const struct recite_bank_index *index,
                                    enum recite_fact_kind kind, size_t at);
/*
 * A note card building keeps on the fact at position at of of_kind[kind]
 * for the session, so the next card need not read the fact again: NULL
 * when none was kept (or the bank is in memory, where reading is free).
 * card_note_keep() hands the note over (one allocation); false and freed
 * when it cannot be kept.
 */
void *card_note(const struct card_ctx *ctx, const struct recite_bank_index *index,
                enum recite_fact_kind kind, size_t at);
bool card_note_keep(const struct card_ctx *ctx, const struct recite_bank_index *index,
                    enum recite_fact_kind kind, size_t at, void *note);
/* The note card building keeps on fact (one allocation); NULL when out of memory. */
void *card_note_of(const struct recite_fact *fact);
/* Whether position at of of_kind[kind] is the fact asked. */
bool card_is_asked(const struct card_ctx *ctx, const struct recite_bank_index *index,
                   enum recite_fact_kind kind, size_t at);

/*
 * Builds the card of ctx->template_name for ctx->fact (ctx->rng is set
 * here) as recite_card_build() does.
 */
int card_build(struct recite_card *out, struct card_ctx *ctx, const char *bank_id, uint64_t seed,
               struct recite_error *err);

/*
 * Visits 0..n-1 in a seeded random order, one at a time, at a cost that
 * grows with the visits rather than with n (a Fisher-Yates shuffle done
 * lazily, remembering only the swaps made).
 */
struct sampler {
    size_t n, k;
    size_t (*swaps)[2]; /* (position + 1, value moved there), hashed by position */
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
/* The question when a choice card is asked without its options. */
int card_set_typed_prompt(struct recite_card *card, const char *text);
int card_set_prompt(struct recite_card *card, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Equal after NFKC case folding: "US" and "us" are one answer. */
bool same_text(const char *a, const char *b);
/* text after NFKC case folding, for same_folded(). Caller frees; NULL when it cannot be folded. */
char *fold_text(const char *text);
/* same_text() of a and b, given their folds (which may be NULL). */
bool same_folded(const char *a, const char *a_folded, const char *b, const char *b_folded);

/* ---- wording (facts_wording.c) ---- */

/* A set's prompt, read for sentences. Points into the prompt. */
struct set_phrase {
    const char *possessive; /* "NATO's", or NULL */
    size_t possessive_len;
    const char *noun; /* the noun phrase: "founding signatories of ..." */
    size_t noun_len;
    long stated_count; /* a count the prompt itself states, -1 when none */
    bool had_article;  /* the prompt started with "the", "a" or "an" */
};
void set_phrase_read(struct set_phrase *out, const char *prompt);
/* "the twelve founding signatories of ...", "NATO's three core tasks". */
void set_phrase_all(char *buf, size_t size, const struct set_phrase *ph, size_t members);
/* "the founding signatories of ...", "NATO's core tasks" (after "one of"). */
void set_phrase_one_of(char *buf, size_t size, const struct set_phrase *ph);
/* "the " for a name said with the article (the Soviet Union, the Netherlands), else "". */
const char *name_article(const char *name);
/* Advice on a prompt that will not read well into buf; 1 when there is some, else 0. */
int set_prompt_advice(char *buf, size_t size, const char *prompt, size_t members);

/* ---- look-alike expansions (facts_variants.c) ---- */

/* Words of the bank's texts, to swap into expansions. */
struct vocab {
    char **words;
    size_t count, cap;
    uint32_t *slots; /* open-addressed set of words: index + 1, 0 empty; slot_cap a power of two */
    size_t slot_cap;
    bool oom;
    bool grouped;      /* words are sorted by lower-case initial: */
    size_t group[27]; /* group[g]..group[g + 1] start with 'a' + g */
};
/* Adds text's words; prose (not a name list) keeps only its uncapitalised words. */
void vocab_add_text(struct vocab *v, const char *text, bool prose);
void vocab_release(struct vocab *v);
/* Adds text's lower-case words to seen: the words the bank uses as common words. */
void vocab_add_lowercase(struct vocab *seen, const char *text);
/* Whether v (not grouped: its set) holds w[0, n) as written. */
bool vocab_has(const struct vocab *v, const char *w, size_t n);
/* The initials of an expansion: first letters of its words but small ones, upper case. */
void expansion_initials(char *out, size_t size, const char *text);
bool card_letter(char c); /* an ASCII letter */
/*
 * A variant of expansion with up to swaps words replaced by vocabulary words
 * of the same initial and case, into out; false when no word could be swapped.
 */
bool expansion_variant(char *out, size_t size, const char *expansion, const struct vocab *v,
                       struct recite_rng *rng, size_t swaps);

/* ---- a bank's card notes (facts_notes.c) ---- */

/*
 * What acronym choice cards look up across a whole bank, built once per
 * version of it: the acronyms by the initials of their expansions and the
 * bank's swappable words by initial. A stored bank keeps them (the study
 * layer saves and loads the bytes a builder makes); a bank in memory builds
 * them on first use.
 */
struct card_notes;
struct card_notes_builder;

/* What the notes' kept form depends on, to keep them under: a format and utf8proc's version. */
#define CARD_NOTES_FORMAT_MAX 64
void card_notes_format(char out[CARD_NOTES_FORMAT_MAX]);
/* Whether facts of kind go into the notes (the others may be left out of a build). */
bool card_notes_reads(enum recite_fact_kind kind);
int card_notes_builder_new(struct card_notes_builder **out);
/* Adds a fact; the acronyms must come in bank order (as a view lists them). */
int card_notes_builder_add(struct card_notes_builder *b, const struct recite_fact *fact);
/* The kept form of what was added into *data (the caller frees it). */
int card_notes_builder_finish(struct card_notes_builder *b, unsigned char **data, size_t *len,
                              struct recite_error *err);
void card_notes_builder_free(struct card_notes_builder *b);
/* Reads notes kept as data; RECITE_EDATA when the bytes are no card notes. */
int card_notes_load(struct card_notes **out, const unsigned char *data, size_t len,
                    struct recite_error *err);
/*
 * The same, keeping text itself (freed on any failure): len bytes followed by
 * CARD_NOTES_PAD zero bytes, as the store's kept readers give them.
 */
#define CARD_NOTES_PAD 17
int card_notes_adopt(struct card_notes **out, char *text, size_t len, struct recite_error *err);
/* The kept form of a bank in memory's notes (the caller frees *data), and the notes themselves. */
int card_notes_bytes_of_bank(unsigned char **data, size_t *len, const struct recite_bank *bank,
                             struct recite_error *err);
int card_notes_of_bank(struct card_notes **out, const struct recite_bank *bank,
                       struct recite_error *err);
void card_notes_free(struct card_notes *notes);
/* How many acronyms have these initials; the first one's entry in *first. */
size_t card_notes_initials(const struct card_notes *notes, const char *initials, size_t *first);
/* The bank's facts of kind when the notes were made (its of_kind[] count); 0 for kinds not kept. */
size_t card_notes_total(const struct card_notes *notes, enum recite_fact_kind kind);
/* What the notes say of a set: its type's hash, its member spellings' hashes. */
#define CARD_NOTE_SPELLINGS 64 /* a set with more spellings is read, not looked up */
struct card_note_set {
    size_t at; /* position in of_kind[RECITE_FACT_SET] */
    bool typed;
    uint64_t type; /* recite_hash_text() of its type, when typed */
    const uint64_t *raw, *folded; /* borrowed from the notes */
    size_t raw_count, folded_count;
};
/*
 * The set at position at of of_kind[RECITE_FACT_SET] into *out; false when
 * the notes keep none (or its line does not read: the set is read instead).
 * A line is read once, when first asked for; the hashes stay with the notes.
 */
bool card_notes_set(const struct card_notes *notes, size_t at, struct card_note_set *out);
/*
 * The hashes of set's member spellings as written into raw and folded
 * (fold_text()) into folded, each room for every spelling; returns how many
 * folded (those that fold).
 */
size_t card_member_hashes(const struct recite_fact *set, uint64_t *raw, uint64_t *folded);
/* Entry i's position in the index's of_kind[RECITE_FACT_ACRONYM]. */
size_t card_notes_acronym_at(const struct card_notes *notes, size_t i);
/* The bank's swappable words, grouped by initial. */
const struct vocab *card_notes_vocab(const struct card_notes *notes);
/* The notes of the card's bank; NULL when they cannot be had. */
const struct card_notes *card_notes_get(const struct card_ctx *ctx);

#endif
