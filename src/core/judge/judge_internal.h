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
#include "recite/common.h"
#include "recite/judge.h"

/* One name of the lexicon, in the judge's arena. */
struct lex_name {
    uint32_t text;  /* offset of its normalised text in the arena */
    uint32_t group; /* the value it spells */
    uint32_t cps;   /* its length in code points */
    uint32_t next;  /* the next name spelled alike, + 1; 0 for the last */
};

/* A text of the lexicon: the first and last of the names spelled so (name + 1; 0 empty). */
struct lex_slot {
    uint32_t first, last;
};

/* The spellings of one value: names first .. first + count - 1. */
struct lex_group {
    uint32_t first, count;
};

struct dict; /* a spelling dictionary (hunspell), or none */

struct recite_judge {
    char *language;
    char *arena; /* the names' texts, NUL-terminated one after another */
    size_t arena_len, arena_cap;
    struct lex_name *names;
    size_t name_count, name_cap;
    size_t name_max; /* bytes of the longest name's text */
    struct lex_group *groups;
    size_t group_count, group_cap;
    struct lex_slot *index; /* open-addressed hash of the distinct texts */
    size_t index_cap, text_count;
    int (*fill)(void *ctx, struct recite_judge *judge, struct recite_error *err);
    void *fill_ctx;
    bool filled;                   /* the lexicon is complete (fill ran, or nothing to fill) */
    struct recite_error fill_err;  /* why fill failed; code 0 when it did not */
    struct dict *dict;
    bool dict_tried; /* opening the dictionary was attempted */
};

static inline const char *lex_text(const struct recite_judge *judge, uint32_t name)
{
    return judge->arena + judge->names[name].text;
}

/* ---- lexicon (judge_lexicon.c); each fills the lexicon on first use ---- */

void lexicon_release(struct recite_judge *judge);

/* Is text (normalised) a name of the lexicon? Returns its first group or -1. */
long lexicon_group_of(struct recite_judge *judge, const char *text);

/* Does the lexicon know text (normalised) as a name? */
bool lexicon_knows(struct recite_judge *judge, const char *text);

/* Are a and b (normalised) spellings of one value ("turkey", "turkiye")? */
bool lexicon_same_thing(struct recite_judge *judge, const char *a, const char *b);

/*
 * Does text (normalised) name, as whole words, something the lexicon knows
 * that is none of names (normalised), nor part of one, nor a spelling of one?
 */
bool lexicon_names_other(struct recite_judge *judge, const char *text,
                         const struct norm_text *names, size_t count);

/* Does same(reply, spelling) hold for a spelling of a value that name spells? */
bool lexicon_reads_as(struct recite_judge *judge, const char *reply, const char *name,
                      bool (*same)(const char *a, const char *b));

/*
 * Does the lexicon know a name, other than the answer's own spellings (and
 * their spelling variants), that reply is equal to or at most `distance` from?
 * answer/answer_count are the normalised accepted spellings. On a hit *out
 * is that name (borrowed).
 */
bool lexicon_other_name(struct recite_judge *judge, const struct norm_text *reply,
                        unsigned distance, const struct norm_text *answer, size_t answer_count,
                        const char **out);

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

/*
 * Are reply's words (content words, folded) the answer's, word for word,
 * each the same or made from it ("member" for "membership")?
 */
bool words_same_stems(const char *reply, const char *answer);
/*
 * Are reply's words (content words, folded) the answer's, three or more, but
 * for two neighbours swapped, as a typo swaps two letters ("Union of
 * Socialist Soviet Republics")?
 */
bool words_reordered(const char *reply, const char *answer);

/* "idk", "I don't know", "no idea"... (normalised): the student gives up. */
bool judge_dont_know(const char *norm);

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
