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
#include <string.h>

#include "recite/buf.h"
#include "recite/gen.h"

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

/*
 * The growing byte buffer is the core's (recite/buf.h); these are its short
 * names here. Bytes that fit are copied inline: the draft and the facts are
 * built a few bytes at a time.
 */
static inline int gen_buf_add(struct recite_buf *b, const char *s, size_t n)
{
    /* cap is 0 after a failure, so a failed buffer always takes the slow path */
    if (n >= b->cap || b->len + n >= b->cap)
        return recite_buf_add(b, s, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}
static inline int gen_buf_adds(struct recite_buf *b, const char *s)
{
    return gen_buf_add(b, s, strlen(s));
}
/* One byte: inline, as drafts and keys are built a byte at a time. */
static inline int gen_buf_addc(struct recite_buf *b, char c)
{
    return recite_buf_addc(b, c);
}

/* ---- text helpers (gen_text.c) ---- */

/* Length of a UTF-8 dash (en or em) at p, else 0. Inline: asked at nearly every token. */
static inline size_t gen_dash_len(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    return end - p >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94) ? 3
                                                                                          : 0;
}
/* Length of an opening / closing quote (ASCII or curly) at p, else 0. */
size_t gen_open_quote_len(const char *p, const char *end);
size_t gen_close_quote_len(const char *p, const char *end);
/*
 * ASCII classes by table: every stage asks them of nearly every byte, and one
 * load is cheaper than the range tests. Bytes >= 0x80 have no class here.
 */
enum {
    GEN_C_UPPER = 1, /* A-Z */
    GEN_C_LOWER = 2, /* a-z */
    GEN_C_DIGIT = 4, /* 0-9 */
    GEN_C_SPACE = 8, /* ' ' \t \n \r \f \v */
};
extern const unsigned char gen_char_class[256];
/* A word character: ASCII letter or digit, or a UTF-8 letter byte (not punctuation). */
bool gen_is_word_byte_slow(const char *p, const char *end);
static inline bool gen_is_word_byte(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    if (c < 0x80)
        return gen_char_class[c] & (GEN_C_UPPER | GEN_C_LOWER | GEN_C_DIGIT);
    return gen_is_word_byte_slow(p, end);
}
static inline bool gen_is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}
static inline bool gen_is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}
static inline bool gen_is_digit(char c)
{
    return c >= '0' && c <= '9';
}
static inline bool gen_is_alpha(char c)
{
    return gen_char_class[(unsigned char)c] & (GEN_C_UPPER | GEN_C_LOWER);
}
static inline bool gen_is_alnum(char c)
{
    return gen_char_class[(unsigned char)c] & (GEN_C_UPPER | GEN_C_LOWER | GEN_C_DIGIT);
}
extern const unsigned char gen_lower_table[256];
static inline char gen_lower(char c)
{
    return (char)gen_lower_table[(unsigned char)c];
}
static inline bool gen_is_space(char c)
{
    return gen_char_class[(unsigned char)c] & GEN_C_SPACE;
}
/*
 * Whether [s, s+n) equals word (ASCII, case-insensitive when nocase). Inline:
 * the rules compare tokens with fixed words ("and", "the") everywhere.
 */
static inline bool gen_word_eq(const char *s, size_t n, const char *word, bool nocase)
{
    /* no strlen: the lists are long and most words differ in the first byte */
    for (size_t i = 0; i < n; i++) {
        if (!word[i])
            return false;
        char a = nocase ? gen_lower(s[i]) : s[i];
        char b = nocase ? gen_lower(word[i]) : word[i];
        if (a != b)
            return false;
    }
    return word[n] == '\0';
}
/* The length of the "and " or "or " s[0, n) opens with ("and observer states"), or 0. */
size_t gen_coordinator_len(const char *s, size_t n);
/* Whether s[0, n) is "Men's", "Women's", "Children's"...: a category, not a name. */
bool gen_possessive_category(const char *s, size_t n);
/* Whether [s, s+len), '[' to ']', is a wiki's editorial note ("[citation needed]", "[when?]"). */
bool gen_editorial_note(const char *s, size_t len);
/*
 * Whether [s, s+n) is a word of list (NULL-terminated). list must be a
 * static array: its index is kept by the list's address (and checked by its
 * first words only), so a list built on the stack could meet the index of
 * another list that once had its address.
 */
bool gen_word_in(const char *s, size_t n, const char *const *list, bool nocase);
/* 64-bit FNV-1a. */
static inline uint64_t gen_hash(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}
#define GEN_HASH_INIT 14695981039346656037ULL
/* How many words [s, s+n) holds, split at ' ' only (words of a cleaned value). */
size_t gen_word_count(const char *s, size_t n);
extern const char *const gen_weekdays[]; /* "Monday" ... "Sunday", NULL-terminated */
/* Present forms that begin a clause after its subject: "and Iceland sends an observer". */
extern const char *const gen_clause_present_verbs[];
/*
 * Whether the word at text[at, end) is "since" after "ever": an adverb that
 * ends a clause ("administered it ever since"), not a preposition left hanging.
 */
bool gen_ever_since(const char *text, size_t at, size_t end);
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

/*
 * Reasons a rule gives (recite_gen_fact.low) that leave the fact out
 * whatever else the evidence says (gen_confidence.c): an event whose
 * description is another date's too, a list whose items are one name.
 */
extern const char gen_shared_description[];
extern const char gen_one_name[];
extern const char gen_one_name_parts[];

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
    char common[GEN_CONTEXT_NAME];  /* else its common noun subject ("the treaty"), or "" */
    bool topic_from_heading;        /* topic is the first heading, until a sentence names it */
    bool heading_seen;              /* a heading came before: only the first can be the topic */
    /* subject and common were kept across a sentence that opened with a pronoun: what that
       pronoun stood for, for the next one's events; a list reads no such subject (the reading
       stage's copy does not see every sentence, and both stages must read lists alike) */
    bool chained;
    /* a heading that is only a date ("July 27, 1789", "1949") dates the section under it: its
       first sentence, when it names no date of its own, is that date's event */
    int section_year, section_month, section_day;
    bool section_pending;
    void *scratch_tokens;   /* gen_events' buffers, kept across sentences; the pipeline frees them */
    void *scratch_segments;
};

/* Whether a line is only a date ("March 3, 2019", "2019-03-03"): the dateline. */
bool gen_date_line(const char *line, size_t n, int *year, int *month, int *day);
/*
 * A date that begins s (at_end false) or ends it (at_end true): "1949",
 * "April 1949", "4 April 1949", "April 4, 1949", "1949-04-04". Returns its
 * length and sets *start (its offset in s) and the date (month and day 0
 * when not given); 0 when there is none.
 */
/*
 * A list item or table row that pairs a date with what happened (gen_timeline.c):
 * the event is passed to sink and *found set. row: cells split by ';'.
 */
int gen_timeline(const struct gen_sink *sink, const struct gen_sentence *s, bool row, bool *found);
size_t gen_date_span(const char *s, size_t n, bool at_end, size_t *start, int *year, int *month,
                     int *day);
int gen_events(const struct gen_sink *sink, const struct gen_sentence *s,
               struct gen_event_state *state);
/* Records a heading line (never a sentence of a fact) as context for what follows. */
void gen_events_heading(struct gen_event_state *state, const char *line, size_t n);
/* Learns only the context of s (topic, subject) when it cannot hold an event. */
int gen_events_context(const struct gen_sentence *s, struct gen_event_state *state);

/* Membership lists of one sentence (gen_lists.c). */
int gen_lists(const struct gen_sink *sink, const struct gen_sentence *s);

/* ---- layout (gen_layout.c) ---- */

enum gen_wrap {
    GEN_WRAP_NONE, /* one paragraph per line, or blank lines between: the spec's 60-column rule */
    GEN_WRAP_HARD, /* prose hard-wrapped at some width: lines join whatever their length */
};
enum gen_literal { GEN_LITERAL_OFF, GEN_LITERAL_PENDING, GEN_LITERAL_IN };

/* What is known of a document's layout, and the block the reader is in. */
struct gen_layout {
    enum gen_wrap wrap;
    size_t width;            /* GEN_WRAP_HARD: the width it was wrapped at, in characters */
    bool sniffed;            /* wrap and width were decided from the first chunk */
    bool in_fence;           /* inside ``` or ~~~ */
    bool in_front_matter;    /* inside a leading --- block */
    bool in_comment;         /* inside <!-- --> */
    bool in_header;          /* inside a leading "Field: value" block */
    bool seen_prose;         /* a prose line has been read */
    enum gen_literal literal; /* after "::" or ".. ": indented lines are not prose */
    size_t literal_indent;   /* indentation of the line that opened it */
    uint32_t lines;          /* lines classified so far */
    size_t glossary_indent;  /* the last glossary entry: its term's indentation */
    size_t glossary_col;     /* and the column its definition starts at (0: none yet) */
};

enum gen_line_role {
    GEN_ROLE_TEXT,      /* prose */
    GEN_ROLE_BLANK,     /* empty */
    GEN_ROLE_DROP,      /* furniture or markup: page header/footer, fence, border, comment */
    GEN_ROLE_HEADING,   /* "# Title", "2.1. Title" */
    GEN_ROLE_UNDERLINE, /* "=====" under a title, or a rule */
    GEN_ROLE_ITEM,      /* a bullet or numbered item */
    GEN_ROLE_ROW,       /* a table row "| a | b |" */
    GEN_ROLE_GLOSSARY,  /* "TERM     definition" */
};

struct gen_line_info {
    enum gen_line_role role;
    size_t indent;      /* leading columns (tabs to multiples of 8) */
    size_t body;        /* byte where the content starts, after any marker */
    size_t def_col;     /* glossary: column where the definition starts */
    int item_number;    /* numbered item: its number, else 0 */
};

/* Decides wrap and width from the start of a document (its first chunk). */
void gen_layout_sniff(struct gen_layout *l, const char *text, size_t n);
/* Classifies one line (without its newline), updating the block state. */
void gen_layout_line(struct gen_layout *l, struct gen_line_info *out, const char *line, size_t n);
/*
 * The byte ranges of s to keep when reading it as prose: Markdown emphasis
 * and link targets, reST roles, link URLs and footnote references left out.
 * Returns how many ranges were written to out (at most max).
 */
size_t gen_layout_keep(struct gen_span *out, size_t max, const char *s, size_t n);

/* ---- lists from bullets and numbered items (gen_blocks.c) ---- */

struct gen_block_cite {
    uint64_t offset; /* byte offset of the introducing line (or first item) */
    uint32_t line;   /* its 1-based line */
    uint64_t end;    /* byte offset just past the last item */
};

/* The items of one list being read, with the line or heading that introduces them. */
struct gen_block {
    bool active;           /* a list is being read */
    bool intro_is_heading; /* intro is a heading, not a sentence ending in ':' */
    bool overflow;         /* more items than kept: no fact */
    bool one_a_line;       /* unmarked entries one a line under a heading, not bullets */
    char *intro;           /* the introducing sentence or heading */
    char **items;          /* item texts, in order */
    size_t count, cap;
    size_t indent;         /* indentation of the items' markers */
    struct gen_block_cite cite;
};

/* Starts a list introduced by intro[0, n). Returns 0 or RECITE_ENOMEM. */
int gen_block_start(struct gen_block *b, const char *intro, size_t n, bool heading,
                    const struct gen_block_cite *cite, size_t indent);
/* Adds an item's text (marker removed); end_offset is where it ends in the file. */
int gen_block_add_item(struct gen_block *b, const char *text, size_t n, uint64_t end_offset);
/*
 * The set fact of a finished list, when its items are names: *made says
 * whether out was filled (release it with gen_block_fact_release()).
 */
int gen_block_fact(struct recite_gen_fact *out, bool *made, const struct gen_block *b);
void gen_block_fact_release(struct recite_gen_fact *f);
void gen_block_clear(struct gen_block *b);

/* A past-tense verb: "-ed" but for "hundred", "based", ...; or an irregular one (gen_events.c). */
bool gen_past_word(const char *w, size_t n);
/* Whether [p, p + n) holds a year as a number of its own: four digits from 1000 to 2099. */
bool gen_year_in(const char *p, size_t n);

/* ---- HTML pages (gen_html.c) ---- */

/* Whether a document is an HTML page: by its name (.html, .htm) or its first tag. */
bool gen_looks_like_html(const char *name, const char *data, size_t len);

/*
 * The page's text as Markdown (malloc'd, NUL-terminated) and, for each of its
 * lines, the page line it comes from (malloc'd). 0, RECITE_ENOMEM or
 * RECITE_EDATA (a page over 2 GiB).
 */
int gen_html_text(const char *data, size_t len, char **out, size_t *out_len, uint32_t **lines,
                  size_t *line_count);

/* ---- confidence (gen_confidence.c) ---- */

/* The fact's confidence in [0, 1], two decimals; *reason names the weakest evidence (static). */
double gen_confidence(const char **reason, const struct recite_gen_fact *f);
extern const char *const gen_saying_verbs[]; /* "said", "argued", ...: NULL-terminated */
/* "it was finally established that ...": an "it" standing for the clause after it */
bool gen_expletive_it(const char *what);
#define GEN_LOW_CONFIDENCE 0.5
/*
 * Below this a fact is written commented out: on the regression corpus nearly
 * half the facts under 0.30 are wrong (a count that differs from the items, a
 * decade-only date, letters that do not spell the acronym), against 3% of
 * those above 0.50. The instructor still sees it, with the reason.
 */
#define GEN_KEEP_CONFIDENCE 0.3

#endif
