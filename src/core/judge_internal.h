/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared by judge.c (verdicts and feedback), judge_lexicon.c (the names a
 * bank knows) and judge_words.c (spelling dictionary, word-level
 * equivalences). Texts here are normalised (recite_answer_normalize): words
 * in lower case without accents, separated by single spaces.
 */
#ifndef RECITE_JUDGE_INTERNAL_H
#define RECITE_JUDGE_INTERNAL_H

#include "answer_internal.h"
#include "recite.h"

/* One name of the lexicon; names of one value (a member's spellings) share a group. */
struct lex_name {
    struct norm_text norm;
    uint32_t group;
};

struct dict; /* a spelling dictionary (hunspell), or none */

struct recite_judge {
    char *language;
    struct lex_name *names;
    size_t name_count, name_cap;
    uint32_t group_count;
    int (*fill)(void *ctx, struct recite_judge *judge, struct recite_error *err);
    void *fill_ctx;
    bool filled; /* the lexicon is complete (fill ran, or nothing to fill) */
    struct dict *dict;
    bool dict_tried; /* opening the dictionary was attempted */
};

/* ---- lexicon (judge_lexicon.c) ---- */

/* Runs the judge's fill callback once. Returns 0 or its error. */
int lexicon_ready(struct recite_judge *judge, struct recite_error *err);

/* Is text (normalised) a name of the lexicon? Returns its first group or -1. */
long lexicon_group_of(const struct recite_judge *judge, const char *text);

/* Are a and b (normalised) spellings of one value ("turkey", "turkiye")? */
bool lexicon_same_thing(const struct recite_judge *judge, const char *a, const char *b);

/*
 * Does the lexicon know a name, other than the answer's own spellings (and
 * their spelling variants), that reply is equal to or at most `distance` from?
 * answer/answer_count are the normalised accepted spellings. On a hit *out
 * is that name (borrowed).
 */
bool lexicon_other_name(const struct recite_judge *judge, const struct norm_text *reply,
                        unsigned distance, const struct norm_text *answer, size_t answer_count,
                        const char **out);

/*
 * The names other than answer's (and their spelling variants), as borrowed
 * normalised strings for the list checker. *out is a malloc'd array of
 * borrowed pointers; caller frees the array only.
 */
int lexicon_others(const char ***out, size_t *out_count, const struct recite_judge *judge,
                   const struct norm_text *answer, size_t answer_count);

/* ---- words (judge_words.c) ---- */

/* Is word (normalised, lower case) a correctly spelled word of the judge's language? */
bool dict_has(struct recite_judge *judge, const char *word);
void dict_close(struct dict *dict);

/*
 * Writes into out (size bytes) the text with each word folded to one
 * spelling of British / American variants (defence/defense,
 * organisation/organization, centre/center, programme/program,
 * colour/color) and common abbreviations written out (art -> article,
 * st -> saint). Returns false when it does not fit.
 */
bool words_fold(char *out, size_t size, const char *text);

/* The same, also dropping a plural s (technologies -> technology). */
bool words_fold_plural(char *out, size_t size, const char *text);

/* The text without small words (and, of, the, for, in, on, a, an, to). */
bool words_content(char *out, size_t size, const char *text);

/* The text's words sorted, joined by single spaces (for order-free lists). */
bool words_items_sorted(char *out, size_t size, const char *text);

/* The text without spaces. */
bool words_unspaced(char *out, size_t size, const char *text);

/*
 * May reply be a slip for spelling (both normalised, within typo distance)?
 * False when, word for word, a reply word of four letters or more is a
 * correctly spelled word that differs from the answer's word other than by
 * a British / American or plural variant (Austria for Australia).
 */
bool words_typo_ok(struct recite_judge *judge, const char *reply, const char *spelling);

#endif
