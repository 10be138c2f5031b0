/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private interface between the generator's stages: text helpers and
 * sentence splitting (gen_text.c), the three extractors (gen_acronym.c,
 * gen_events.c, gen_lists.c) and the pipeline that feeds them (gen.c).
 */
#ifndef RECITE_GEN_INTERNAL_H
#define RECITE_GEN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "recite.h"

/* One sentence handed to the extractors. text is the paragraph's joined form. */
struct gen_sentence {
    const char *text;  /* not NUL-terminated; lines joined by one space */
    size_t len;        /* bytes of text */
    size_t doc;        /* document index */
    uint64_t offset;   /* byte offset in the original file */
    uint32_t length;   /* byte length in the original file */
    uint32_t line;     /* 1-based line of the start */
    uint32_t index;    /* index among non-duplicate sentences */
    const struct gen_event_state *context; /* the document so far (topic, heading), or NULL */
};

/* A growing byte buffer. */
struct gen_buf {
    char *data;
    size_t len, cap;
};
int gen_buf_add(struct gen_buf *b, const char *s, size_t n);
int gen_buf_addc(struct gen_buf *b, char c);
int gen_buf_adds(struct gen_buf *b, const char *s);

/* ---- text helpers (gen_text.c) ---- */

/* Length of a UTF-8 dash (en or em) at p, else 0. */
size_t gen_dash_len(const char *p, const char *end);
/* Length of an opening / closing quote (ASCII or curly) at p, else 0. */
size_t gen_open_quote_len(const char *p, const char *end);
size_t gen_close_quote_len(const char *p, const char *end);
/* A word character: ASCII letter or digit, or a UTF-8 letter byte (not punctuation). */
bool gen_is_word_byte_slow(const char *p, const char *end);
static inline bool gen_is_word_byte(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return gen_is_word_byte_slow(p, end);
}
bool gen_is_upper(char c);
bool gen_is_lower(char c);
bool gen_is_digit(char c);
bool gen_is_alpha(char c);
bool gen_is_alnum(char c);
char gen_lower(char c);
bool gen_is_space(char c);
/* Whether [s, s+n) equals word (ASCII, case-insensitive when nocase). */
bool gen_word_eq(const char *s, size_t n, const char *word, bool nocase);
bool gen_word_in(const char *s, size_t n, const char *const *list, bool nocase);
/* 64-bit FNV-1a. */
uint64_t gen_hash(const char *s, size_t n, uint64_t h);
#define GEN_HASH_INIT 14695981039346656037ULL
/* Copy of [s, s+n) with control characters as spaces, runs of spaces collapsed, trimmed. */
char *gen_clean_copy(const char *s, size_t n);
/* Whether text is valid UTF-8; *bad receives the offset of the first bad byte. */
bool gen_utf8_valid(const unsigned char *s, size_t n, size_t *bad, size_t *need);

/* Sentence boundaries within a paragraph. */
struct gen_span {
    size_t start, end;
};
struct gen_lexicon; /* capitalised tokens seen mid-sentence (proper-noun lexicon) */
int gen_lexicon_new(struct gen_lexicon **out);
void gen_lexicon_free(struct gen_lexicon *lex);
/* Counts capitalised mid-sentence tokens of a paragraph into lex. */
void gen_lexicon_scan(struct gen_lexicon *lex, const char *text, size_t len);
/*
 * Splits text into sentences (spec §0.4). *out receives a malloc'd array of
 * spans (caller frees), *count its length. lex may be NULL.
 */
int gen_split_sentences(struct gen_span **out, size_t *count, const char *text, size_t len,
                        const struct gen_lexicon *lex);

/* ---- extractors ---- */

/* Sink for facts: the pipeline copies what it needs. Returns 0 or RECITE_ENOMEM. */
struct gen_sink {
    int (*add)(void *ctx, const struct recite_gen_fact *fact);
    void *ctx;
};

/* Acronym definitions of one sentence (gen_acronym.c). */
int gen_acronyms(const struct gen_sink *sink, const struct gen_sentence *s);

/*
 * Matches a short form against a long-form window (Schwartz & Hearst with
 * the spec's extensions). On success returns true and sets *start to the
 * byte offset in window where the long form starts and *rule.
 */
bool gen_acronym_match(size_t *start, const char **rule, const char *sf, size_t sf_len,
                       const char *window, size_t window_len);

#define GEN_CONTEXT_NAME 96

/* Event state carried across the sentences of a document (gen_events.c). */
struct gen_event_state {
    int dct_year, dct_month, dct_day; /* document creation time (dateline), 0 if none */
    int last_year;       /* most recent explicit date in the paragraph */
    int last_month, last_day;
    uint32_t last_index; /* sentence index of that date */
    bool have_anchor;    /* last_year is usable */
    char topic[GEN_CONTEXT_NAME];   /* what the document defines first ("African Union"), or "" */
    char heading[GEN_CONTEXT_NAME]; /* the latest heading-like sentence, or "" */
    char subject[GEN_CONTEXT_NAME]; /* Title-Case subject of the previous sentence, or "" */
    bool topic_from_heading;        /* topic is the first heading, until a sentence names it */
};

/* Whether a line is only a date ("March 3, 2019", "2019-03-03"): the dateline. */
bool gen_date_line(const char *line, size_t n, int *year, int *month, int *day);
int gen_events(const struct gen_sink *sink, const struct gen_sentence *s,
               struct gen_event_state *state);
/* Records a heading line (never a sentence of a fact) as context for what follows. */
void gen_events_heading(struct gen_event_state *state, const char *line, size_t n);

/* Membership lists of one sentence (gen_lists.c). */
int gen_lists(const struct gen_sink *sink, const struct gen_sentence *s);

#endif
