/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The judge: everything a reply to a card earns (verdict, credit, proposed
 * rating and the feedback a student reads) is decided here, once, for every
 * front end. Review, quiz and `recite bank preview` all call
 * recite_judge_reply(); they only print what it says. Included through
 * recite.h.
 *
 * A judge knows the names of one bank (its lexicon: every acronym and long
 * form, set member and named non-member, question answer and wrong option,
 * cloze answer) and, where one is installed, a spelling dictionary of the
 * bank's language (hunspell's, from /usr/share/hunspell). Both serve one
 * rule: typo tolerance never turns one real name into another. A reply that
 * is another name the bank knows, or is nearer to one than to the answer, is
 * that other name; a reply word that is a correctly spelled word of the
 * language and differs from the answer's word (Austria for Australia,
 * Africans for Americans) is a different word, not a slip. Slips that make no
 * word (Stoltenburg, Lituania) stay forgiven.
 *
 * Replies are read as people write them: numbers in digits or words, with
 * the unit noun the question counts ("32 members", "three-tiered"), percent
 * in words, "Art." for "Article", British or American spelling, "&" for
 * "and", names in any order where the answer lists several, dates in common
 * orders, abbreviated ranges ("1949-91") and decades ("the 1990s").
 *
 * Lists earn the share of members named; a wrong item costs only when the
 * reply names more items than the set has members (guessing).
 * A reply that selects no option or several, a yes/no card answered with
 * neither, or an empty reply is unclear: nothing is recorded and the card is
 * asked again.
 */
#ifndef RECITE_JUDGE_H
#define RECITE_JUDGE_H

#include "answer.h"
#include "common.h"
#include "facts.h"

struct recite_judge;

/*
 * A judge for the cards of one bank. language is the bank's `language:`
 * (NULL = English); it picks the articles and the dictionary. The
 * dictionary is found from $RECITE_DICT when set (a path without the .dic /
 * .aff suffix, or "none" for no dictionary), else from /usr/share/hunspell
 * (en_US, en_GB for English; ll_LL for a language ll). Without one the bank's
 * own names still guard typos. Caller frees *out with recite_judge_free().
 */
int recite_judge_new(struct recite_judge **out, const char *language, struct recite_error *err);
void recite_judge_free(struct recite_judge *judge);

/* Adds the names fact knows to the judge's lexicon (copied). */
int recite_judge_add_fact(struct recite_judge *judge, const struct recite_fact *fact,
                          struct recite_error *err);
/*
 * Whether facts of kind can hold names recite_judge_add_fact() keeps: an
 * event's fields (when, what) name nothing, so a fill may pass them over.
 */
bool recite_judge_kind_has_names(enum recite_fact_kind kind);
/* Adds every fact of bank. */
int recite_judge_add_bank(struct recite_judge *judge, const struct recite_bank *bank,
                          struct recite_error *err);
/*
 * Fills the lexicon on first need instead: fill is called once, before the
 * first reply that is not an exact answer, and adds facts with
 * recite_judge_add_fact(). ctx is borrowed and must outlive the judge's use.
 */
void recite_judge_fill_with(struct recite_judge *judge,
                            int (*fill)(void *ctx, struct recite_judge *judge,
                                        struct recite_error *err),
                            void *ctx);

/*
 * The filled lexicon as bytes, to keep with the bank it came from and adopt
 * in a later session instead of reading every fact again. The format names
 * the byte layout and what normalisation decided for language: bytes kept
 * under another format must not be loaded (fill from the facts instead).
 */
#define RECITE_JUDGE_LEXICON_FORMAT_MAX 96
void recite_judge_lexicon_format(char out[RECITE_JUDGE_LEXICON_FORMAT_MAX], const char *language);
/* Fills the lexicon first if it is not; caller frees *out. */
int recite_judge_lexicon_save(struct recite_judge *judge, unsigned char **out, size_t *len,
                              struct recite_error *err);
/*
 * Adopts bytes from recite_judge_lexicon_save() into a judge whose lexicon
 * is empty, which is then complete (no fill is called). Bytes that are not
 * a whole, consistent lexicon are refused with RECITE_EDATA, the judge left
 * empty.
 */
int recite_judge_lexicon_load(struct recite_judge *judge, const unsigned char *data, size_t len,
                              struct recite_error *err);

/* What a reply earned. Release with recite_judgement_release(). */
struct recite_judgement {
    enum recite_answer_verdict verdict; /* WRONG when unclear */
    bool unclear;   /* not an answer: ask again, record nothing */
    double credit;  /* 0..1: 1 right or almost, a list's share, 0.5 a date short of asked */
    int rating;     /* proposed RECITE_RATING_*: 1 Again .. 3 Good */
    char *feedback; /* what the student reads, one or more lines without a final
                       new line, starting with the verdict word ("right",
                       "almost: ...", "partly right: ...", "wrong: ..."); raw
                       text from the bank and the reply: sanitise before display */
};

/* "right", "almost", "partial", "wrong" or "unclear". Static storage. */
const char *recite_judgement_verdict_name(const struct recite_judgement *judgement);

/*
 * Judges reply to card asked as kind (the card's own answer kind, or
 * RECITE_ANSWER_TYPED for a choice card asked without its options; not
 * RECITE_ANSWER_FLASH, see recite_judge_self_graded()). The card must be one
 * of the judge's bank. Returns 0 (the judgement is in *out) or a RECITE_E*
 * code (out of memory, a store error while filling the lexicon); *out is
 * always safe to release.
 */
int recite_judge_reply(struct recite_judgement *out, struct recite_judge *judge,
                       const struct recite_card *card, enum recite_answer_kind kind,
                       const char *reply, struct recite_error *err);

/*
 * The judgement of a flash card the student graded: 1 Again is wrong, 2 Hard
 * almost (credit 1), 3 Good and 4 Easy right. Returns 0 or RECITE_ENOMEM.
 */
int recite_judge_self_graded(struct recite_judgement *out, const struct recite_card *card,
                             int rating);

/* Frees what a judgement owns; safe on a zeroed or released judgement. */
void recite_judgement_release(struct recite_judgement *judgement);

/*
 * The accepted spellings of card's right answer asked as kind, for display
 * and preview: typed cards their spellings, a choice its correct option and
 * that option's spellings, yes/no "yes" or "no", a list each member's
 * spellings joined by " | ", an order the letters. A set's choice card
 * asked typed accepts every member: each member's spellings joined by
 * " | ". Strings are copies; caller frees with recite_strings_free().
 */
int recite_card_answers(char ***out, size_t *out_count, const struct recite_card *card,
                        enum recite_answer_kind kind, struct recite_error *err);
void recite_strings_free(char **strings, size_t count);

/* One card of a preview: how it is asked and how replies to it were judged. Borrowed. */
struct recite_preview {
    const struct recite_card *card;
    enum recite_answer_kind kind;                /* as asked (the mode's) */
    const char *const *replies;                  /* reply_count replies */
    const struct recite_judgement *judgements;   /* one per reply */
    size_t reply_count;
};

/*
 * `recite bank preview --json`: an array with one object per card: card
 * ("FACT/TEMPLATE"), fact, template, fact_kind, kind (how it is asked),
 * prompt, options (empty when none), answers (recite_card_answers()), and
 * judgements (given, verdict, credit, rating, feedback per reply). Caller
 * frees *out with free().
 */
int recite_preview_json(char **out, const struct recite_preview *items, size_t count,
                        struct recite_error *err);

#endif
