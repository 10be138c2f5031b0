/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Numbers in normalised replies, as digits ("32", "3.5", "3rd") or English
 * words ("thirty two", "one hundred and forty", "nineteen forty nine"), and
 * whether a reply states one given number. Every loop walks the text once
 * with a fixed lookahead: no recursion, no allocation.
 */
#include <string.h>

#include "answer_internal.h"

#define MAX_DIGITS 30         /* a longer run of digits is not read as a number */
#define MAX_FRACTION_WORDS 15 /* "three point one four one ...": digits after "point" */
#define MIN_STEM 3            /* a suffix is only stripped when this much is left */

enum kind {
    W_NONE,    /* not a number word */
    W_ZERO,    /* zero */
    W_UNIT,    /* one .. nine */
    W_TEEN,    /* ten .. nineteen */
    W_TENS,    /* twenty, thirty .. ninety */
    W_HUNDRED, /* hundred */
    W_SCALE,   /* thousand, million, billion */
    W_DOZEN,   /* dozen */
    W_AND,     /* "and" inside a number: "one hundred and forty" */
    W_A,       /* "a" before a scale: "a hundred", "a dozen" */
    W_POINT,   /* "three point five" */
    W_OH,      /* "nineteen oh five" */
    W_DIGITS,  /* "32", "3.5", "3rd" */
};

struct word {
    size_t start, end; /* byte span in the text */
    enum kind kind;
    double value;
    bool ordinal;
};

/* 0..19 and 20, 30 .. 90, cardinal and ordinal, indexed by value. */
static const char *const small_words[20] = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const small_ordinals[20] = {
    "",           "first",     "second",    "third",       "fourth",     "fifth",     "sixth",
    "seventh",    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",   "thirteenth",
    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
static const char *const tens_words[8] = {"twenty", "thirty",  "forty",  "fifty",
                                          "sixty",  "seventy", "eighty", "ninety"};
static const char *const tens_ordinals[8] = {"twentieth", "thirtieth",  "fortieth",  "fiftieth",
                                             "sixtieth",  "seventieth", "eightieth", "ninetieth"};

struct other_word {
    const char *text, *ordinal; /* ordinal "" when there is none */
    enum kind kind;
    double value;
};

static const struct other_word other_words[] = {
    {"hundred", "hundredth", W_HUNDRED, 100},
    {"thousand", "thousandth", W_SCALE, 1e3},
    {"million", "millionth", W_SCALE, 1e6},
    {"billion", "billionth", W_SCALE, 1e9},
    {"dozen", "", W_DOZEN, 12},
    {"and", "", W_AND, 0},
    {"a", "", W_A, 1},
    {"point", "", W_POINT, 0},
    {"oh", "", W_OH, 0},
};

static bool word_is(const char *text, const struct word *w, const char *literal)
{
    size_t n = strlen(literal);
    return w->end - w->start == n && memcmp(text + w->start, literal, n) == 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads "32", "3.5", "3rd" (the ordinal suffix right after the digits). */
static bool read_digits(struct word *w, const char *text)
{
    const char *p = text + w->start, *end = text + w->end;
    double mantissa = 0, scale = 1;
    size_t digits = 0;
    bool dot = false;
    for (; p < end && digits <= MAX_DIGITS; p++) {
        if (is_digit(*p)) {
            mantissa = mantissa * 10 + (*p - '0');
            scale *= dot ? 10 : 1;
            digits++;
        } else if (*p == '.' && !dot && digits > 0 && p + 1 < end && is_digit(p[1])) {
            dot = true;
        } else {
            break;
        }
    }
    if (digits == 0 || digits > MAX_DIGITS)
        return false;
    if (p < end) {
        static const char *const suffixes[] = {"st", "nd", "rd", "th"};
        bool suffix = false;
        for (size_t i = 0; i < 4 && !dot && end - p == 2; i++)
            suffix = suffix || memcmp(p, suffixes[i], 2) == 0;
        if (!suffix)
            return false;
        w->ordinal = true;
    }
    /* One division of exact integers: "3.15" reads as the double nearest 3.15. */
    w->value = mantissa / scale;
    w->kind = W_DIGITS;
    return true;
}

static void set_word(struct word *w, enum kind kind, double value, bool ordinal)
{
    w->kind = kind;
    w->value = value;
    w->ordinal = ordinal;
}

static void classify(struct word *w, const char *text)
{
    w->kind = W_NONE;
    w->value = 0;
    w->ordinal = false;
    if (is_digit(text[w->start])) {
        read_digits(w, text);
        return;
    }
    for (int i = 0; i < 20; i++) {
        bool ordinal = word_is(text, w, small_ordinals[i]);
        if (ordinal || word_is(text, w, small_words[i])) {
            set_word(w, i == 0 ? W_ZERO : i < 10 ? W_UNIT : W_TEEN, i, ordinal);
            return;
        }
    }
    for (int i = 0; i < 8; i++) {
        bool ordinal = word_is(text, w, tens_ordinals[i]);
        if (ordinal || word_is(text, w, tens_words[i])) {
            set_word(w, W_TENS, 20 + 10 * i, ordinal);
            return;
        }
    }
    for (size_t i = 0; i < sizeof(other_words) / sizeof(other_words[0]); i++) {
        const struct other_word *o = &other_words[i];
        bool ordinal = o->ordinal[0] && word_is(text, w, o->ordinal);
        if (ordinal || word_is(text, w, o->text)) {
            set_word(w, o->kind, o->value, ordinal);
            return;
        }
    }
}

/* The word starting at or after pos; false at the end of the text. */
static bool word_at(struct word *w, const char *text, size_t pos)
{
    while (text[pos] == ' ')
        pos++;
    if (!text[pos])
        return false;
    w->start = pos;
    while (text[pos] && text[pos] != ' ')
        pos++;
    w->end = pos;
    classify(w, text);
    return true;
}

static enum kind kind_at(const char *text, size_t pos)
{
    struct word w;
    return word_at(&w, text, pos) ? w.kind : W_NONE;
}

/* A number being read from words, left to right. */
struct reader {
    const char *text;
    double total;       /* finished groups: the 2,000,000 and 300,000 of 2,300,005 */
    double group;       /* the current group's hundreds: 300, or 1800 in "eighteen hundred" */
    int small;          /* the current group below the hundreds: 0..99 */
    enum kind last;     /* kind of the last word taken; W_NONE before the first */
    double scale_limit; /* a later scale word must be smaller: "thousand million" is two */
    bool hundred;       /* the current group has had its "hundred" */
    bool bare_ok;       /* the number starts the text: its "a" may have been normalised away */
    bool done;          /* nothing more can follow (ordinal, dozen, fraction, digits) */
    bool ordinal;
    size_t end;
};

static bool after_small(enum kind k)
{
    return k == W_UNIT || k == W_TEEN || k == W_TENS;
}

/* A scale, hundred or dozen with nothing before it counts one: "a hundred". */
static double multiplier(const struct reader *r)
{
    if (r->last == W_A || r->last == W_NONE)
        return 1;
    return r->group + r->small;
}

static bool take_small(struct reader *r, const struct word *w)
{
    bool opens =
        r->last == W_NONE || r->last == W_HUNDRED || r->last == W_SCALE || r->last == W_AND;
    if (w->kind == W_UNIT && r->last == W_TENS && r->small % 10 == 0) {
        r->small += (int)w->value;
        return true;
    }
    if (!opens)
        return false;
    r->small = (int)w->value;
    return true;
}

static bool take_hundred(struct reader *r)
{
    bool bare = r->last == W_A || (r->last == W_NONE && r->bare_ok);
    if (r->hundred || !(after_small(r->last) || bare))
        return false;
    r->group = (bare ? 1 : r->small) * 100.0;
    r->small = 0;
    r->hundred = true;
    return true;
}

static bool take_scale(struct reader *r, double scale)
{
    bool bare = r->last == W_A || (r->last == W_NONE && r->bare_ok);
    bool counted = after_small(r->last) || r->last == W_HUNDRED;
    if (scale >= r->scale_limit || !(counted || bare))
        return false;
    r->total += multiplier(r) * scale;
    r->group = 0;
    r->small = 0;
    r->hundred = false;
    r->scale_limit = scale;
    return true;
}

static bool take_dozen(struct reader *r)
{
    bool bare = r->last == W_A || (r->last == W_NONE && r->bare_ok);
    if (r->total != 0 || r->group != 0 || !(after_small(r->last) || bare))
        return false;
    r->small = (int)multiplier(r) * 12;
    r->done = true;
    return true;
}

/* "point" and the digit words after it: "three point one four". */
static bool take_fraction(struct reader *r, const struct word *point)
{
    if (!(after_small(r->last) || r->last == W_ZERO || r->last == W_HUNDRED || r->last == W_SCALE))
        return false;
    double mantissa = 0, scale = 1;
    size_t pos = point->end;
    struct word w;
    for (size_t i = 0; i < MAX_FRACTION_WORDS && word_at(&w, r->text, pos); i++) {
        bool digit = (w.kind == W_UNIT && !w.ordinal) || w.kind == W_ZERO;
        if (!digit)
            break;
        mantissa = mantissa * 10 + w.value;
        scale *= 10;
        pos = w.end;
        r->end = w.end;
    }
    if (scale == 1)
        return false;
    r->total += mantissa / scale;
    r->done = true;
    return true;
}

/* Takes w into the number when it continues it; false when the number ended before w. */
static bool take(struct reader *r, const struct word *w)
{
    bool taken = false;
    switch (w->kind) {
    case W_UNIT:
    case W_TEEN:
    case W_TENS:
        taken = take_small(r, w);
        break;
    case W_ZERO:
        taken = r->last == W_NONE;
        break;
    case W_HUNDRED:
        taken = take_hundred(r);
        break;
    case W_SCALE:
        taken = take_scale(r, w->value);
        break;
    case W_DOZEN:
        taken = take_dozen(r);
        break;
    case W_AND:
        /* Only between a hundred or a scale and what follows: "two thousand and four". */
        taken =
            (r->last == W_HUNDRED || r->last == W_SCALE) && after_small(kind_at(r->text, w->end));
        break;
    case W_A: {
        enum kind next = kind_at(r->text, w->end);
        taken = r->last == W_NONE && (next == W_HUNDRED || next == W_SCALE || next == W_DOZEN);
        break;
    }
    case W_POINT:
        return take_fraction(r, w);
    default:
        break;
    }
    if (!taken)
        return false;
    r->last = w->kind;
    r->end = w->end;
    if (w->ordinal) {
        r->ordinal = true;
        r->done = true;
    }
    return true;
}

/* The second half of a year said in pairs: "forty nine", "nineteen", "oh five". */
static bool read_pair(int *out, size_t *end, const char *text, size_t pos, bool *ordinal)
{
    struct word first, second;
    if (!word_at(&first, text, pos))
        return false;
    bool has_second = word_at(&second, text, first.end);
    *ordinal = first.ordinal;
    *end = first.end;
    if (first.kind == W_TEEN || (first.kind == W_TENS && first.ordinal)) {
        *out = (int)first.value;
        return true;
    }
    if (first.kind == W_TENS) {
        *out = (int)first.value;
        if (has_second && second.kind == W_UNIT) {
            *out += (int)second.value;
            *ordinal = second.ordinal;
            *end = second.end;
        }
        return true;
    }
    if (first.kind == W_OH && !first.ordinal && has_second && second.kind == W_UNIT) {
        *out = (int)second.value;
        *ordinal = second.ordinal;
        *end = second.end;
        return true;
    }
    return false;
}

/* "nineteen forty nine" is 1949: a number 10..99 of words followed by another. */
static void read_year_pairs(struct reader *r)
{
    bool pair_start = r->last == W_TEEN || r->last == W_TENS || r->last == W_UNIT;
    if (r->ordinal || r->total != 0 || r->hundred || r->small < 10 || !pair_start)
        return;
    int low;
    size_t end;
    bool ordinal;
    if (!read_pair(&low, &end, r->text, r->end, &ordinal))
        return;
    r->small = r->small * 100 + low;
    r->end = end;
    r->ordinal = ordinal;
}

/* A number written in digits, maybe with a scale word: "1.5 million", "3 hundred". */
static void read_digit_number(struct recite_answer_number *out, const char *text,
                              const struct word *w)
{
    out->value = w->value;
    out->ordinal = w->ordinal;
    out->end = w->end;
    struct word next;
    if (w->ordinal || !word_at(&next, text, w->end) || next.ordinal)
        return;
    if (next.kind == W_HUNDRED || next.kind == W_SCALE) {
        out->value *= next.value;
        out->end = next.end;
    }
}

/* Reads the number starting with word w, if one does; out->end is where it stops. */
static bool read_number(struct recite_answer_number *out, const char *text, const struct word *w)
{
    out->start = w->start;
    if (w->kind == W_DIGITS) {
        read_digit_number(out, text, w);
        return true;
    }
    struct reader r = {.text = text, .scale_limit = 1e12, .bare_ok = w->start == 0};
    if (!take(&r, w))
        return false;
    struct word next;
    while (!r.done && word_at(&next, text, r.end) && take(&r, &next))
        ;
    if (!r.done)
        read_year_pairs(&r);
    out->value = r.total + r.group + r.small;
    out->ordinal = r.ordinal;
    out->end = r.end;
    return true;
}

size_t recite_answer_numbers(struct recite_answer_number *out, size_t cap, const char *norm)
{
    size_t count = 0, pos = 0;
    struct word w;
    while (word_at(&w, norm, pos)) {
        struct recite_answer_number number;
        if (read_number(&number, norm, &w)) {
            if (count < cap)
                out[count] = number;
            count++;
            pos = number.end;
        } else {
            pos = w.end;
        }
    }
    return count;
}

/* ---- the same number ---- */

static bool word_in(const char *text, const struct word *w, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (word_is(text, w, list[i]))
            return true;
    return false;
}

/* Words that make a number approximate, a bound, or deny it. */
static const char *const hedges[] = {
    "about", "around", "roughly", "approximately", "approx",   "circa", "ca",     "over",
    "under", "nearly", "almost",  "above",         "below",    "than",  "least",  "most",
    "some",  "maybe",  "perhaps", "probably",      "possibly", "or",    "either", "plus",
    "odd",   "ish",    "upwards", "estimated",     "between",  "up",    "like",   "guess",
    "not",   "never",  "isnt",    "arent",         NULL,
};

/* Unit and filler words that leave the number as it is. */
static const char *const neutral[] = {
    "percent", "pc",   "times", "exactly", "precisely", "total", "in",  "all",
    "of",      "them", "there", "are",     "were",      "is",    "was", "it",
    "has",     "had",  "have",  "with",    "a",         "an",    "the", NULL,
};

/* Stems of a word: itself and without one of the common suffixes, >= MIN_STEM long. */
static size_t stems(size_t *lengths, const char *word, size_t n)
{
    static const char *const suffixes[] = {"s", "es", "ed", "d", "ing"};
    size_t count = 0;
    lengths[count++] = n;
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        size_t k = strlen(suffixes[i]);
        if (n >= k + MIN_STEM && memcmp(word + n - k, suffixes[i], k) == 0)
            lengths[count++] = n - k;
    }
    return count;
}

static bool same_stem(const char *a, size_t a_len, const char *b, size_t b_len)
{
    size_t a_stems[6], b_stems[6];
    size_t na = stems(a_stems, a, a_len), nb = stems(b_stems, b, b_len);
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (a_stems[i] == b_stems[j] && memcmp(a, b, a_stems[i]) == 0)
                return true;
    return false;
}

/* Whether w is, up to a suffix, a word of one of the allowed entries. */
static bool allowed(const char *text, const struct word *w, const char *const *allowed_words)
{
    for (size_t i = 0; allowed_words && allowed_words[i]; i++) {
        struct word a;
        for (size_t pos = 0; word_at(&a, allowed_words[i], pos); pos = a.end)
            if (same_stem(text + w->start, w->end - w->start, allowed_words[i] + a.start,
                          a.end - a.start))
                return true;
    }
    return false;
}

static bool close_to(double a, double b)
{
    double d = a > b ? a - b : b - a;
    double m = b < 0 ? -b : b;
    return d <= 1e-9 * (m > 1 ? m : 1);
}

bool recite_answer_same_number(const char *norm, double value, const char *const *allowed_words)
{
    struct recite_answer_number number;
    if (recite_answer_numbers(&number, 1, norm) != 1 || !close_to(number.value, value))
        return false;
    struct word w;
    bool per = false;
    for (size_t pos = 0; word_at(&w, norm, pos); pos = w.end) {
        if (w.start >= number.start && w.start < number.end)
            continue;
        if (word_in(norm, &w, hedges))
            return false;
        /* "per cent": "per" only counts when "cent" follows. */
        if (word_is(norm, &w, "per")) {
            per = true;
            continue;
        }
        bool cent = per && word_is(norm, &w, "cent");
        if (per && !cent)
            return false;
        per = false;
        if (!cent && !word_in(norm, &w, neutral) && !allowed(norm, &w, allowed_words))
            return false;
    }
    return !per;
}
