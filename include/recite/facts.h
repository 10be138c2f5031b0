/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Facts into cards: each kind of fact yields a fixed list of templates (ways
 * of asking it). A card's uid depends only on (bank id, fact key, template),
 * so re-importing an edited bank keeps every surviving card's history. The
 * shown form of a card (prompt, options, distractors) is rebuilt from the
 * bank on demand with a seeded generator, so a quiz can be reproduced.
 * Included through recite.h.
 */
#ifndef RECITE_FACTS_H
#define RECITE_FACTS_H

#include "bank.h"
#include "common.h"

/* How a card is answered. */
enum recite_answer_kind {
    RECITE_ANSWER_TYPED = 0, /* type the answer; accepted[] lists what counts */
    RECITE_ANSWER_CHOICE,    /* pick one of options[]; options[correct] is right */
    RECITE_ANSWER_TRUEFALSE, /* yes or no; truth says which is right */
    RECITE_ANSWER_LIST,      /* name every member (partial credit); members[] */
    RECITE_ANSWER_ORDER,     /* put options[] in order; order[] gives the right sequence */
    RECITE_ANSWER_FLASH,     /* shown, then self-graded; accepted[0] is the back */
};

/* "typed", "choice", ... Static storage. */
const char *recite_answer_kind_name(enum recite_answer_kind kind);

/* How a session asks its cards. */
enum recite_mode {
    RECITE_MODE_AUTO,   /* each card as its template asks */
    RECITE_MODE_TYPED,  /* options hidden: type the answer */
    RECITE_MODE_CHOICE, /* options shown wherever a card has them */
    RECITE_MODE_FLASH,  /* Enter reveals, the student grades */
};

/* A list card's member: the accepted spellings of one member, [0] canonical. */
struct recite_card_member {
    char **alts;
    size_t alt_count;
};

#define RECITE_CARD_UID_HEX 33      /* 32 hex digits (BLAKE2b-128) and a NUL */
#define RECITE_TEMPLATE_NAME_MAX 32 /* longest template name, NUL included */

/* One way of asking one fact, ready to show. */
struct recite_card {
    char uid[RECITE_CARD_UID_HEX];                /* hex BLAKE2b-128 of bank id, key, template */
    char template_name[RECITE_TEMPLATE_NAME_MAX]; /* "short-long", "cloze-2", ... */
    char *fact_key;                               /* the fact asked */
    enum recite_fact_kind fact_kind;
    enum recite_answer_kind answer_kind; /* may be TYPED for a choice template
                                            when the bank has too few distractors */
    char *prompt;          /* the question text, one line, untrusted (bank text) */
    char **accepted;       /* TYPED/FLASH/CHOICE: accepted answers, [0] canonical */
    size_t accepted_count;
    char **options;        /* CHOICE and ORDER: what is shown, in display order */
    size_t option_count;
    size_t correct;        /* CHOICE: index of the right option */
    size_t *order;         /* ORDER: option indices in the right order (option_count) */
    bool truth;            /* TRUEFALSE: the right answer */
    struct recite_card_member *members; /* LIST, and a set's CHOICE: every member */
    size_t member_count;
    bool ordered;          /* LIST: members must be given in order */
    char *explain;         /* shown after answering, or NULL */
    char *typed_prompt;    /* CHOICE: the question without its options ("Name one of
                              the ..."), or NULL when it cannot be asked so */
};

/*
 * The card uid of (bank id, fact key, template): hex BLAKE2b-128 of the three
 * strings, each followed by a NUL byte.
 */
void recite_card_uid(char out[RECITE_CARD_UID_HEX], const char *bank_id, const char *fact_key,
                     const char *template_name);

/*
 * The template names fact yields, in a fixed order (they depend only on the
 * fact itself, never on the rest of the bank, so its card set is stable).
 * acronym: short-long (typed), long-short (typed), short-long-choice;
 * event: what-when (typed), when-what (choice), order (four events);
 * set: members (list), member-choice, member-truefalse;
 * question: typed, choice (when it has wrong: options);
 * cloze: cloze-1, cloze-2, ... one per deletion.
 * Writes at most cap names into out (each RECITE_TEMPLATE_NAME_MAX bytes)
 * and returns how many the fact has (which may exceed cap).
 */
size_t recite_fact_templates(const struct recite_fact *fact,
                             char out[][RECITE_TEMPLATE_NAME_MAX], size_t cap);

/*
 * Builds the card of template for fact of bank. Distractors come from the
 * same bank and kind (nearby years for dates, other acronyms' expansions,
 * members of other sets and named non-members), never duplicate the answer
 * or each other, and are drawn from a generator seeded by seed and the card
 * uid, so the same seed always gives the same card. RECITE_ENOTFOUND when
 * the fact has no such template. Release with recite_card_release().
 */
int recite_card_build(struct recite_card *out, const struct recite_bank *bank,
                      const struct recite_fact *fact, const char *template_name, uint64_t seed,
                      struct recite_error *err);

/*
 * A stored bank read a fact at a time, for review sessions: nothing parses
 * or holds the whole bank. Its facts of a kind are listed in bank order
 * from an index of the store (row ids, event dates as numbers), and a fact
 * is read from the store when a card needs it, into a small cache. Cards
 * built through a view are the cards recite_card_build() makes from the
 * whole bank (recite_store_bank_load()), seed for seed. A kind's list is
 * read once, when a card first needs it; facts are read when a card does.
 */
struct recite_bank_view;

/*
 * Opens the view of stored bank slug; st is borrowed and must outlive it.
 * RECITE_ENOTFOUND ("no bank 'slug'") when absent. Caller closes *out with
 * recite_bank_view_close().
 */
int recite_bank_view_open(struct recite_bank_view **out, struct recite_store *st, const char *slug,
                          struct recite_error *err);
/* Frees the view and what it read; NULL does nothing. */
void recite_bank_view_close(struct recite_bank_view *view);
/* The bank's id, title, version, language and sources; it lists no facts. Borrowed. */
const struct recite_bank *recite_bank_view_bank(const struct recite_bank_view *view);
/* The store the view reads. Borrowed. */
struct recite_store *recite_bank_view_store(const struct recite_bank_view *view);
/*
 * The live (not retired) fact with key into *out; RECITE_ENOTFOUND when
 * there is none. Borrowed: valid until the next recite_bank_view_fact() or
 * the view is closed.
 */
int recite_bank_view_fact(struct recite_bank_view *view, const char *key,
                          const struct recite_fact **out, struct recite_error *err);
/*
 * recite_card_build() through a view: fact must be the one the last
 * recite_bank_view_fact() gave. Release the card with recite_card_release().
 */
int recite_bank_view_card(struct recite_card *out, struct recite_bank_view *view,
                          const struct recite_fact *fact, const char *template_name, uint64_t seed,
                          struct recite_error *err);
/*
 * Calls fn with each live fact of kind, in bank order (borrowed for the
 * call). Stops at the first non-zero return of fn and returns it.
 */
int recite_bank_view_each(struct recite_bank_view *view, enum recite_fact_kind kind,
                          int (*fn)(void *ctx, const struct recite_fact *fact), void *ctx,
                          struct recite_error *err);

/* Frees what a card owns (not the struct itself); NULL does nothing. */
void recite_card_release(struct recite_card *card);

/*
 * Every card of every fact of bank, in bank order. Caller frees with
 * recite_cards_free().
 */
int recite_bank_cards(struct recite_card **out, size_t *out_count, const struct recite_bank *bank,
                      uint64_t seed, struct recite_error *err);
void recite_cards_free(struct recite_card *cards, size_t count);

/*
 * How card is answered in mode: flash in flash mode, typed for a choice
 * card in typed mode when it has a typed form (typed_prompt), else the
 * card's own kind (a choice without a typed form keeps its options).
 */
enum recite_answer_kind recite_card_asked_as(const struct recite_card *card, enum recite_mode mode);

/* The question as the student reads it when the card is asked as kind. Borrowed. */
const char *recite_card_prompt_as(const struct recite_card *card, enum recite_answer_kind kind);

/*
 * A small seeded generator (splitmix64) for reproducible quizzes. Not for
 * secrets.
 */
struct recite_rng {
    uint64_t state;
};
void recite_rng_seed(struct recite_rng *rng, uint64_t seed);
uint64_t recite_rng_next(struct recite_rng *rng);
/* Uniform in [0, bound); bound > 0. */
uint64_t recite_rng_below(struct recite_rng *rng, uint64_t bound);
/* Shuffles n elements of size bytes each in place (Fisher-Yates). */
void recite_rng_shuffle(struct recite_rng *rng, void *base, size_t n, size_t size);

#endif
