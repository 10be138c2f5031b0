/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Answer checking: normalises what the student typed and judges it against
 * what a fact knows (accepted spellings, dates, set members, options). Pure:
 * no I/O, no store, no global state. Included through recite.h.
 *
 * Normalisation (recite_answer_normalize), applied to both sides:
 *   1. invalid UTF-8 bytes become U+FFFD; ANSI escape sequences (ESC [ ... and
 *      ESC ] ... BEL/ST) are removed; other control characters are spaces;
 *   2. utf8proc: NFKC, case folding, marks stripped (Türkiye -> turkiye,
 *      Straße -> strasse), default-ignorable characters dropped, look-alike
 *      dashes, quotes and spaces lumped. Letters without a decomposition
 *      (æ, ø, ł, đ) are kept as they are: Unicode does not relate them to
 *      a, o, l, d, so "Orsted" against "Ørsted" is a one-letter typo (almost);
 *   3. '.' and apostrophes are dropped inside words ("U.S." = "US",
 *      "O'Neill" = "ONeill"), except a '.' between two digits ("3.5" stays);
 *      ',' between two digits is dropped ("1,000" = "1000"); '&' is the word
 *      "and"; every other punctuation, space or control run is one space
 *      ("North-Macedonia" = "North Macedonia"); ends are trimmed;
 *   4. a leading article is dropped when another word follows. Only English
 *      articles are known ("the", "a", "an"), used when the language is NULL
 *      or starts with "en"; other languages keep their articles.
 */
#ifndef RECITE_ANSWER_H
#define RECITE_ANSWER_H

#include "common.h"

/* Replies longer than these (in bytes) are judged wrong unread: bounded work. */
#define RECITE_ANSWER_MAX_BYTES 4096       /* one typed value, date, choice */
#define RECITE_ANSWER_MAX_LIST_BYTES 65536 /* a list reply; also normalize's limit */
#define RECITE_ANSWER_MAX_LIST_ITEMS 1000  /* more items than this: judged wrong */

/*
 * Typo tolerance: the largest Damerau-Levenshtein distance (optimal string
 * alignment: insert, delete, substitute, swap two neighbours; counted in
 * code points of the normalised text) accepted as "almost", by the length
 * of the normalised accepted spelling:
 *   length 0-3: 0     length 4-7: 1     length 8-15: 2     length 16+: 3
 * There is no tolerance when either side contains a number: a digit, or a
 * Roman numeral as a later word ("World War II", "Article V"); numbers,
 * years and "Article 5" must be exact.
 */
unsigned recite_answer_tolerance(size_t length);

/* How a reply is judged, from worst to best. */
enum recite_answer_verdict {
    RECITE_ANSWER_WRONG = 0,   /* not accepted */
    RECITE_ANSWER_PARTIAL = 1, /* part of it: list credit >= 1/2, a date short of asked */
    RECITE_ANSWER_ALMOST = 2,  /* accepted with a typo; show the exact answer */
    RECITE_ANSWER_RIGHT = 3,   /* exact after normalisation */
};

/* Proposed ratings (the scheduler's scale): the student may change them. */
enum {
    RECITE_RATING_AGAIN = 1,
    RECITE_RATING_HARD = 2,
    RECITE_RATING_GOOD = 3,
    RECITE_RATING_EASY = 4,
};

/* wrong -> Again, partial or almost -> Hard, right -> Good. */
int recite_answer_rating(enum recite_answer_verdict verdict);

/* Why a reply was judged wrong before it was compared (bit flags). */
enum {
    RECITE_ANSWER_EMPTY = 1 << 0,        /* nothing left after normalisation */
    RECITE_ANSWER_TOO_LONG = 1 << 1,     /* over the byte or item limits above */
    RECITE_ANSWER_UNRECOGNISED = 1 << 2, /* not a date / option / yes-no at all */
    RECITE_ANSWER_AMBIGUOUS = 1 << 3,    /* a numeric date whose two readings (d/m, m/d)
                                            are judged differently: no answer */
};

/*
 * Normalises text as described at the top of this file, with English
 * articles. *out is a NUL-terminated, valid UTF-8 string without control
 * characters, possibly empty. Caller frees *out with free(). Returns 0,
 * RECITE_EUSAGE when text is longer than RECITE_ANSWER_MAX_LIST_BYTES, or
 * RECITE_ENOMEM.
 */
int recite_answer_normalize(char **out, const char *text, struct recite_error *err);

/* The same with the articles of language (a bank's `language:`; NULL = English). */
int recite_answer_normalize_lang(char **out, const char *text, const char *language,
                                 struct recite_error *err);

/*
 * Restricted Damerau-Levenshtein distance between two UTF-8 strings, in code
 * points, computed only up to limit: returns the distance when it is at most
 * limit, else limit + 1. Time O(length * limit). Inputs are compared as
 * given (normalise first). Invalid bytes count as one code point each.
 */
unsigned recite_answer_distance(const char *a, const char *b, unsigned limit);

/* The result of checking one value. Holds no memory of its own. */
struct recite_answer_result {
    enum recite_answer_verdict verdict;
    int rating;               /* proposed rating, RECITE_RATING_* */
    int flags;                /* RECITE_ANSWER_EMPTY | _TOO_LONG | _UNRECOGNISED */
    int matched;              /* index of the spelling / option matched, -1 when none */
    const char *matched_text; /* borrowed from the caller's array; NULL when none */
    const char *canonical;    /* borrowed: first accepted spelling / the correct option */
    unsigned distance;        /* typos between the reply and matched_text (0 = exact) */
    bool by_letter;           /* choice only: answered with the option's letter */
};

/* What a typed answer is checked against. Strings are borrowed for the call. */
struct recite_answer_key {
    const char *const *accepted; /* accepted spellings; [0] is the canonical one */
    size_t accepted_count;
    const char *const *wrong; /* known wrong answers (a question's wrong:, a set's
                                 nonmember:): never accepted as a typo; may be NULL */
    size_t wrong_count;
    const char *language; /* for articles; NULL = English */
    bool exact;           /* true: no typo tolerance at all */
};

/*
 * Checks a typed reply against key. Exact match of any accepted spelling
 * (after normalisation) is right; otherwise the accepted spelling at the
 * smallest distance within its tolerance is almost, unless the reply is
 * exactly a known wrong answer or at least as close to one as to that
 * spelling. Anything else is wrong (matched = -1). Empty spellings never
 * match. Returns 0 (the verdict is in *out) or RECITE_ENOMEM.
 */
int recite_answer_check_text(struct recite_answer_result *out, const char *reply,
                             const struct recite_answer_key *key, struct recite_error *err);

/* Lettered options of a multiple-choice card. Borrowed for the call. */
struct recite_answer_choice {
    const char *const *options; /* option texts, lettered a, b, c... in this order */
    size_t count;               /* at most 26 */
    size_t correct;             /* index of the right option */
    const char *language;       /* for articles; NULL = English */
};

/*
 * Checks a choice: a letter ("b", "B", "b)", "(b)", "b.") or an option's text
 * (normalised; a typo within tolerance selects the option nearest to it when
 * no other option is as near). The chosen option is matched; right when it
 * is the correct one, else wrong. A reply that selects nothing is wrong with
 * RECITE_ANSWER_UNRECOGNISED. Returns 0, RECITE_EUSAGE (count 0 or > 26,
 * correct out of range) or RECITE_ENOMEM.
 */
int recite_answer_check_choice(struct recite_answer_result *out, const char *reply,
                               const struct recite_answer_choice *choice, struct recite_error *err);

/*
 * Reads a yes/no reply: t, true, y, yes -> true; f, false, n, no -> false
 * (case-insensitive, surrounding punctuation and spaces ignored). Returns 0
 * or RECITE_EDATA when the reply is none of these.
 */
int recite_answer_parse_bool(bool *out, const char *reply);

/*
 * Checks a true/false reply against expected: right or wrong; a reply that
 * is not yes/no is wrong with RECITE_ANSWER_UNRECOGNISED. matched is 1 for
 * true, 0 for false, -1 when unrecognised. Returns 0.
 */
int recite_answer_check_bool(struct recite_answer_result *out, const char *reply, bool expected);

/* ---- Dates ---- */

enum recite_date_precision {
    RECITE_DATE_NONE = 0,
    RECITE_DATE_YEAR = 1,
    RECITE_DATE_MONTH = 2,
    RECITE_DATE_DAY = 3,
};

/* A calendar date known to some precision, or a range of years. */
struct recite_answer_date {
    int year;        /* 1..9999 */
    int month;       /* 1..12; 0 when unknown */
    int day;         /* 1..31; 0 when unknown (then month is known or 0 too) */
    int end_year;    /* last year of a YYYY..YYYY range (> year); 0 when not a range */
    bool swapped_ok; /* numeric d/m/y with both <= 12: the m/d/y reading is also valid */
    bool decade;     /* the range was typed as a decade: "the 1990s" is 1990..1999 */
};

/* The precision of d: year, month or day (a range counts as year). */
enum recite_date_precision recite_answer_date_precision(const struct recite_answer_date *d);

/*
 * Parses a date as a fact states it or a student types it (English month
 * names; the text as typed, not normalised):
 *   - a year: "1949", "'54" or "’54" (two digits after an apostrophe:
 *     '00..'30 are 2000..2030, '31..'99 are 1931..1999);
 *   - a month: "1949-04", "April 1949", "Apr '49";
 *   - a day: "1949-04-04", "1949-4-4", "1949/04/04", "4 April 1949",
 *     "4th April 1949", "the 4th of April, 1949", "April 4, 1949",
 *     "April 4th, 1949", "April the 4th, 1949", "Apr. 4 1949",
 *     "Sept. 12 2001"; "04/04/1949" and "4.4.1949" are day first (when both
 *     numbers are <= 12 the month-first reading is kept in swapped_ok);
 *   - a range of years: "1950..1953", "1950-1953", "1950–1953" (en or em
 *     dash), "1950 to 1953", "1950 until 1953", "from 1950 to 1953",
 *     "between 1950 and 1953"; the end may be two digits in the start's
 *     century, "1949-91", "1949–91", "1949 to 91", when that is later than
 *     the start. After a hyphen a valid month wins ("1998-03" is March 1998,
 *     "2010-11" November 2010); after an en dash the range does ("1910–12").
 *     "1949/91" is refused. "from" and "between" need a range after them;
 *   - a decade: "1990s", "1990's", "the 1990s", "the '90s": 1990..1999 with
 *     decade set. A year ending in 00 is refused ("the 1900s" may mean the
 *     century);
 * The words "in", "on", "the", "of" are ignored anywhere, ordinal endings
 * after a number ("4th"), and, before the date, "year" ("in the year
 * 1949") and a weekday ("Tuesday, 12 September 2001", "Tue 12 Sep 2001";
 * not checked against the date). Any other word makes the text unreadable,
 * so hedges ("around 1949", "about 1949", "c. 1949") are never a date, nor
 * is "12 Sep 01". Day and month are validated (no 31 April, 29 February
 * only in leap years). Returns 0 or RECITE_EDATA.
 */
int recite_answer_date_parse(struct recite_answer_date *out, const char *text);

/* The result of checking a date. Holds no memory of its own. */
struct recite_answer_date_result {
    enum recite_answer_verdict verdict;  /* right, partial or wrong (never almost) */
    int rating;                          /* proposed rating, RECITE_RATING_* */
    int flags;                           /* RECITE_ANSWER_EMPTY | _TOO_LONG | _UNRECOGNISED */
    struct recite_answer_date given;     /* the reply as read (valid unless flags) */
    enum recite_date_precision off_unit; /* unit of off_by; NONE when not off */
    long off_by; /* reply minus fact in off_unit: negative = early, positive = late */
};

/*
 * Checks a typed date against what the fact knows (known), for a card that
 * asks for precision `asked` (clamped to what the fact knows). Rules:
 *   - every component both sides give must be equal (years exact, no typo
 *     tolerance); otherwise wrong, with off_by in the largest unit that
 *     differs: years, else days when both give a day, else months;
 *   - when they agree and the reply gives at least what is asked: right
 *     (so "1949" is right for a year question about 1949-04-04, and a reply
 *     more precise than the fact is not held against it);
 *   - when they agree but the reply gives less than asked: partial
 *     ("1949" when the card asks for the full date of 1949-04-04);
 *   - a numeric d/m/y reply that reads both ways (9/5/1955) is judged as
 *     both readings are when they agree; when they do not, it is no answer:
 *     wrong with RECITE_ANSWER_AMBIGUOUS, to be asked again;
 *   - range facts: the same range is right; one year inside it is partial;
 *     a decade ("the 1990s") holding the whole range is partial (1991..1997)
 *     or right when it is the range (1990..1999); otherwise wrong, off_by
 *     counted from the nearer end. A range or decade typed for a single
 *     date is wrong even when it covers it (a hedge).
 * Returns 0 (unreadable replies are wrong with RECITE_ANSWER_UNRECOGNISED),
 * or RECITE_EUSAGE when known is not a valid date.
 */
int recite_answer_check_date(struct recite_answer_date_result *out, const char *reply,
                             const struct recite_answer_date *known,
                             enum recite_date_precision asked, struct recite_error *err);

/*
 * Writes how far off a date result is, e.g. "3 years early", "1 day late",
 * "2 months early", into buf (NUL-terminated, truncated to size); "" when it
 * is not off. Returns buf.
 */
char *recite_answer_describe_offset(char *buf, size_t size,
                                    const struct recite_answer_date_result *result);

/* ---- Numbers ---- */

/* A number read from normalised text. */
struct recite_answer_number {
    double value;      /* 32, 0.5, 1400, 1949 ... */
    bool ordinal;      /* "third", "3rd", "32nd", "one hundred and first" */
    size_t start, end; /* byte span of the number's words in the text */
};

/*
 * Finds the numbers in norm (text from recite_answer_normalize()), in
 * order, without overlaps; writes the first cap of them to out (which may be
 * NULL when cap is 0) and returns how many there are. Read as numbers:
 *   - digits: "32", "3.5", "1400" (normalised from "1,400"), "3rd", "18th";
 *     a scale word may follow: "1.5 million", "3 hundred". A run of more
 *     than 30 digits, or digits with other letters ("1990s"), is no number;
 *   - English words: zero to nine hundred and ninety-nine billion and so on:
 *     "thirty two", "one hundred and forty", "two thousand and four",
 *     "twenty five hundred", "a hundred", "a dozen", "two dozen", "three
 *     point five"; "and" only between a hundred or a scale word and what
 *     follows it. A bare scale word ("hundred", "dozen") counts one only at
 *     the start of the text, where normalisation dropped its "a";
 *   - ordinals as the last word: "first", "twelfth", "twenty first",
 *     "hundredth" (ordinal set);
 *   - years said in pairs: a number 10..99 in words followed by another
 *     ("nineteen forty nine" = 1949, "twenty twenty" = 2020, "nineteen oh
 *     five" = 1905).
 * Digits next to words are two numbers ("thirty 2"), as are two numbers
 * that do not combine ("3 2", "three two"). Time linear in the text.
 */
size_t recite_answer_numbers(struct recite_answer_number *out, size_t cap, const char *norm);

/*
 * True when norm (normalised text) states exactly one number, equal to value
 * (up to a relative 1e-9), and every other word is
 *   - a word of allowed_words (a NULL-terminated list of normalised words,
 *     e.g. the question's own words; may be NULL), also when either side
 *     carries one of the suffixes s, es, ed, d, ing ("members" = "member",
 *     "tiered" = "tiers");
 *   - or a unit or filler word: percent, per cent, pc, times, exactly,
 *     precisely, total, in, all, of, them, there, are, were, is, was, it,
 *     has, had, have, with, a, an, the.
 * A hedge makes it false whatever allowed_words says: about, around,
 * roughly, approximately, approx, circa, ca, over, under, nearly, almost,
 * above, below, than ("more than"), least, most, some, maybe, perhaps,
 * probably, possibly, or, either, plus, odd, ish, upwards, estimated,
 * between, up, like, guess; and so do the denials not, never, isnt, arent.
 * An ordinal counts as its number.
 */
bool recite_answer_same_number(const char *norm, double value, const char *const *allowed_words);

/* ---- List recall ---- */

/* One member of a set: its accepted spellings, [0] canonical. Borrowed. */
struct recite_answer_member {
    const char *const *spellings;
    size_t count;
};

/* What a list reply is checked against. Borrowed for the call. */
struct recite_answer_set {
    const struct recite_answer_member *members;
    size_t count;
    const char *const *nonmembers; /* named non-members: never accepted as a typo; may be NULL */
    size_t nonmember_count;
    const char *language; /* for articles; NULL = English */
    bool exact;           /* true: no typo tolerance */
    /* Optional veto on typos: asked with an item and the member spelling it is
       within tolerance of (both normalised); false refuses the match. */
    bool (*typo_ok)(void *ctx, const char *item, const char *spelling);
    /* Optional: rewrites a normalised item, spelling or non-member into the form
       compared (e.g. one spelling of British and American variants) into out
       (size bytes); false leaves the text as it is. */
    bool (*fold)(void *ctx, char *out, size_t size, const char *text);
    /* Optional: is text (normalised) a name known beyond this set, a non-member
       as good as the listed ones (kept whole, never a member)? */
    bool (*known)(void *ctx, const char *text);
    void *hooks_ctx; /* passed to typo_ok, fold and known */
};

/* One reply item that named a member. */
struct recite_answer_found {
    char *text;        /* the item as typed, trimmed (raw: sanitise before display) */
    size_t member;     /* index into the set's members */
    size_t spelling;   /* which of the member's spellings it matched */
    unsigned distance; /* typos (0 = exact: right; otherwise almost) */
};

/* The result of a list reply. Caller frees with recite_answer_list_result_free(). */
struct recite_answer_list_result {
    enum recite_answer_verdict verdict;
    int rating;                        /* proposed rating, RECITE_RATING_* */
    int flags;                         /* RECITE_ANSWER_EMPTY | _TOO_LONG */
    double credit;                     /* found / members, less one member's worth for
                                          each item beyond the member count (guessing) */
    struct recite_answer_found *found; /* in reply order; found_count entries */
    size_t found_count;
    char **wrong; /* items naming no member, as typed (raw), each once */
    size_t wrong_count;
    size_t *missed; /* indices of members not named, in set order */
    size_t missed_count;
    size_t duplicate_count; /* items naming a member already found (ignored) */
    size_t almost_count;    /* found items accepted with a typo */
};

/*
 * Checks a list reply. Items are split on commas, semicolons, new lines,
 * " and " and "&"; a piece is first tried whole and pieces joined back with
 * "and" are tried before their parts, so "Bosnia and Herzegovina" can be one
 * member. Exact matches are taken first, then typos (within tolerance, the
 * nearest member not yet found). Each member is found at most once; an item
 * naming an already found member is a duplicate and ignored; an item
 * repeated is counted once. Credit is the share of members found; a wrong
 * item costs one member's share only when the reply names more items (found
 * and wrong) than the set has members. Verdict: right when every member is
 * found exactly and nothing is wrong; almost when every member is found, some
 * with a typo, and nothing is wrong; partial when credit is above 0; else
 * wrong. Rating: Good when right, Hard when almost or credit >= 1/2, else
 * Again.
 * Returns 0, RECITE_EUSAGE (a set without members) or RECITE_ENOMEM.
 */
int recite_answer_check_list(struct recite_answer_list_result **out, const char *reply,
                             const struct recite_answer_set *set, struct recite_error *err);

/* Frees a list result; NULL does nothing. */
void recite_answer_list_result_free(struct recite_answer_list_result *result);

#endif
