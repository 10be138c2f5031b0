/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dates as facts state them and students type them: parsing (English month
 * names, day-first numeric dates, year ranges, decades) and checking, where
 * years are exact and the result says how far off a wrong date is. The text
 * is read once into at most MAX_TOKENS tokens; nothing recurses.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "answer_internal.h"

#define MAX_TOKENS 8
#define PIVOT_YEAR 30 /* '00..'30 are 2000..2030, '31..'99 are 1931..1999 */

enum token_kind { TOKEN_NUMBER, TOKEN_MONTH, TOKEN_TO };

struct token {
    enum token_kind kind;
    int value;       /* the number, or the month 1..12 */
    size_t digits;   /* for numbers: 4 for a year typed '54 */
    char sep;        /* what came before: ' ', '-', '/', '.', ',', 'd' (en or em dash), 0 */
    bool short_year; /* typed with an apostrophe: '54 */
    bool decade;     /* followed by "s": 1990s, 1990's, '90s */
};

/* Words that may only open a date ("Tuesday, 12 September 2001", "from 1949 to 1991"). */
enum lead { LEAD_NONE = 0, LEAD_FROM = 1, LEAD_BETWEEN = 2 };

struct scan {
    struct token toks[MAX_TOKENS];
    size_t count;
    enum lead lead; /* the "from" or "between" that opened the text */
    char sep;       /* separator run before the next token */
    bool adjacent;  /* the next word touches the number before it: "4th", "1990s" */
};

static int month_from_word(const char *word, size_t n)
{
    for (int m = 0; m < 12; m++) {
        const char *name = recite_month_names[m];
        bool whole = strlen(name) == n && strncasecmp(name, word, n) == 0;
        bool abbrev = n == 3 && strncasecmp(name, word, 3) == 0;
        if (whole || abbrev || (m == 8 && n == 4 && memcmp(word, "sept", 4) == 0))
            return m + 1;
    }
    return 0;
}

static bool is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool word_in(const char *word, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], word, n) == 0)
            return true;
    return false;
}

/* A word before any number or month: weekdays, "year", "late", "from", "between"; -1 when none. */
static int read_leading_word(struct scan *sc, const char *lower, size_t n)
{
    /* "late 2005": a part of the year is as good as the year it names. */
    static const char *const ignored[] = {
        "year",   "early",    "mid",    "late", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "mon",  "tue",    "tues",    "wed",       "thu",
        "thur",   "thurs",    "fri",    "sat",  "sun",    NULL};
    if (sc->count > 0)
        return -1;
    if (word_in(lower, n, ignored))
        return 0;
    if (n == 4 && memcmp(lower, "from", 4) == 0 && !sc->lead) {
        sc->lead = LEAD_FROM;
        return 0;
    }
    if (n == 7 && memcmp(lower, "between", 7) == 0 && !sc->lead) {
        sc->lead = LEAD_BETWEEN;
        return 0;
    }
    return -1;
}

/* A word token: month, "to"/"until", a suffix or a filler word (0); -1 when unknown. */
static int read_word(struct scan *sc, const char *word, size_t n)
{
    char lower[16];
    if (n >= sizeof(lower))
        return -1;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)(word[i] | 0x20);
    static const char *const filler[] = {"in", "on", "the", "of", NULL};
    static const char *const ordinal[] = {"st", "nd", "rd", "th", NULL};
    struct token *last = sc->count ? &sc->toks[sc->count - 1] : NULL;
    bool after_number = sc->adjacent && last && last->kind == TOKEN_NUMBER;
    if (word_in(lower, n, filler) || (after_number && word_in(lower, n, ordinal)))
        return 0;
    if (after_number && n == 1 && lower[0] == 's') {
        last->decade = true;
        return 0;
    }
    static const char *const to_words[] = {"to", "until", NULL};
    static const char *const and_words[] = {"and", NULL};
    bool to = word_in(lower, n, sc->lead == LEAD_BETWEEN ? and_words : to_words);
    struct token *tok = &sc->toks[sc->count];
    if (to) {
        tok->kind = TOKEN_TO;
        return 1;
    }
    tok->kind = TOKEN_MONTH;
    tok->value = month_from_word(lower, n);
    if (tok->value)
        return 1;
    return read_leading_word(sc, lower, n);
}

/* The byte length of a separator at p, its kind in *kind (see struct token); 0 when none. */
static size_t separator_at(const char *p, char *kind)
{
    if (*p && strchr(" \t\r\n.,/-", *p)) {
        *kind = strchr(" \t\r\n", *p) ? ' ' : *p;
        return 1;
    }
    /* U+2012 figure dash, U+2013 en dash, U+2014 em dash: people write ranges with them. */
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] >= 0x92 &&
        (unsigned char)p[2] <= 0x94) {
        *kind = 'd';
        return 3;
    }
    return 0;
}

/* An apostrophe: ' or U+2018/U+2019 (what editors turn it into); its byte length or 0. */
static size_t apostrophe_at(const char *p)
{
    if (*p == '\'')
        return 1;
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x98 || (unsigned char)p[2] == 0x99))
        return 3;
    return 0;
}

/* Reads digits at *pp (at most 4, or exactly 2 after an apostrophe); -1 when too long. */
static int read_number(struct scan *sc, const char **pp, bool short_year)
{
    const char *p = *pp, *start = p;
    int value = 0;
    while (is_digit(*p) && p - start < 5)
        value = value * 10 + (*p++ - '0');
    size_t digits = (size_t)(p - start);
    if (is_digit(*p) || (short_year && digits != 2))
        return -1;
    struct token tok = {TOKEN_NUMBER, value, digits, sc->sep, short_year, false};
    if (short_year) {
        tok.value = value + (value <= PIVOT_YEAR ? 2000 : 1900);
        tok.digits = 4;
    }
    sc->toks[sc->count++] = tok;
    sc->sep = 0;
    sc->adjacent = true;
    *pp = p;
    return 0;
}

/* Takes an apostrophe at *pp: a year ('54) or the one in "1990's"; -1 otherwise. */
static int read_apostrophe(struct scan *sc, const char **pp, size_t len)
{
    const char *p = *pp + len;
    if (is_digit(*p)) {
        *pp = p;
        return read_number(sc, pp, true);
    }
    bool decade_s = sc->adjacent && sc->count > 0 && (p[0] | 0x20) == 's' && !is_ascii_alpha(p[1]);
    if (!decade_s)
        return -1;
    *pp = p;
    return 0;
}

/* Splits text into numbers and words; anything but ASCII letters, digits and separators fails. */
static int tokenize(struct scan *sc, const char *text)
{
    memset(sc, 0, sizeof(*sc));
    for (const char *p = text; *p;) {
        char kind;
        size_t len = separator_at(p, &kind);
        if (len) {
            sc->sep = sc->sep && kind == ' ' ? sc->sep : kind;
            sc->adjacent = false;
            p += len;
            continue;
        }
        if (sc->count == MAX_TOKENS)
            return -1;
        len = apostrophe_at(p);
        if (len) {
            if (read_apostrophe(sc, &p, len) < 0)
                return -1;
            continue;
        }
        if (is_digit(*p)) {
            if (read_number(sc, &p, false) < 0)
                return -1;
            continue;
        }
        const char *start = p;
        while (is_ascii_alpha(*p))
            p++;
        if (p == start)
            return -1;
        int kept = read_word(sc, start, (size_t)(p - start));
        if (kept < 0)
            return -1;
        if (kept) {
            sc->toks[sc->count].sep = sc->sep;
            sc->count++;
            sc->sep = 0;
        }
        sc->adjacent = false;
    }
    return 0;
}

static bool valid_date(int year, int month, int day)
{
    if (year < 1 || year > 9999 || month < 0 || month > 12 || day < 0)
        return false;
    if (month == 0)
        return day == 0;
    return day <= recite_days_in_month(year, month);
}

/* Token shape, one letter per token: Y four-digit number, N short number, M month, T "to". */
static void shape_of(char *shape, const struct token *toks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (toks[i].kind == TOKEN_MONTH)
            shape[i] = 'M';
        else if (toks[i].kind == TOKEN_TO)
            shape[i] = 'T';
        else
            shape[i] = toks[i].digits == 4 ? 'Y' : toks[i].digits <= 2 ? 'N' : '?';
    }
    shape[n] = '\0';
}

struct pattern {
    const char *shape;
    int year, month, day; /* token index of each part; -1 when absent */
};

/* Every date form read, as token shapes. "NNY" (day first) is handled apart. */
static const struct pattern patterns[] = {
    {"Y", 0, -1, -1}, {"YN", 0, 1, -1}, {"YNN", 0, 1, 2}, {"NMY", 2, 1, 0}, {"MNY", 2, 0, 1},
    {"MY", 1, 0, -1}, {"YM", 0, 1, -1}, {"YMN", 0, 1, 2}, {"NY", 1, 0, -1},
};

static int read_numeric_dmy(struct recite_answer_date *out, const struct token *toks)
{
    int first = toks[0].value, second = toks[1].value, year = toks[2].value;
    memset(out, 0, sizeof(*out));
    out->year = year;
    if (valid_date(year, second, first)) {
        out->month = second;
        out->day = first;
        /* 12.09.2001 is day first by convention; 9/12/2001 is not settled */
        bool dotted = toks[1].sep == '.' && toks[2].sep == '.';
        out->swapped_ok = !dotted && first != second && valid_date(year, first, second);
    } else {
        /* Day first cannot be meant: read it month first (04/30/1949). */
        out->month = first;
        out->day = second;
    }
    return valid_date(out->year, out->month, out->day) ? 0 : RECITE_EDATA;
}

/* The last year of a range: "1991", or "91" in the start's century ("1949-91"); 0 when neither. */
static int range_end(const struct token *start, const struct token *end)
{
    if (end->digits == 4)
        return end->value;
    if (end->digits != 2)
        return 0;
    int year = start->value - start->value % 100 + end->value;
    return year > start->value ? year : 0;
}

static int read_range(struct recite_answer_date *out, const struct token *first,
                      const struct token *last)
{
    memset(out, 0, sizeof(*out));
    out->year = first->value;
    out->end_year = range_end(first, last);
    if (out->end_year == out->year)
        out->end_year = 0;
    return out->year >= 1 && out->end_year >= 0 && (out->end_year == 0 || out->end_year > out->year)
               ? 0
               : RECITE_EDATA;
}

/* "1990s", "the 1990's", "the '90s": ten years from a year ending in 0. */
static int read_decade(struct recite_answer_date *out, const struct token *tok)
{
    memset(out, 0, sizeof(*out));
    if (tok->value % 10 != 0 || tok->digits != 4 || tok->value < 1000)
        return RECITE_EDATA;
    /* "the 1900s" may be a decade or a century: refused rather than guessed. */
    if (!tok->short_year && tok->value % 100 == 0)
        return RECITE_EDATA;
    out->year = tok->value;
    out->end_year = tok->value + 9;
    out->decade = true;
    return 0;
}

static int read_pattern(struct recite_answer_date *out, const struct token *toks, const char *shape)
{
    for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
        const struct pattern *pt = &patterns[i];
        if (strcmp(shape, pt->shape) != 0)
            continue;
        memset(out, 0, sizeof(*out));
        out->year = toks[pt->year].value;
        out->month = pt->month >= 0 ? toks[pt->month].value : 0;
        out->day = pt->day >= 0 ? toks[pt->day].value : 0;
        return valid_date(out->year, out->month, out->day) && out->month > 0 ? 0 : RECITE_EDATA;
    }
    return RECITE_EDATA;
}

/*
 * A year and a short number: "1949-04" is April 1949 as in ISO, "1949-91"
 * is a range because 91 is no month; after an en dash ("1910–12") the
 * range is read first, since ISO dates never use one.
 */
static int read_year_short(struct recite_answer_date *out, const struct token *toks)
{
    bool dash = toks[1].sep == '-' || toks[1].sep == 'd';
    if (toks[1].sep == 'd' && read_range(out, &toks[0], &toks[1]) == 0 && out->end_year)
        return 0;
    if (read_pattern(out, toks, "YN") == 0)
        return 0;
    if (dash && read_range(out, &toks[0], &toks[1]) == 0 && out->end_year)
        return 0;
    return RECITE_EDATA;
}

static int read_tokens(struct recite_answer_date *out, const struct scan *sc)
{
    const struct token *toks = sc->toks;
    size_t n = sc->count;
    char shape[MAX_TOKENS + 1];
    shape_of(shape, toks, n);
    for (size_t i = 0; i < n; i++)
        if (toks[i].decade)
            return n == 1 && !sc->lead ? read_decade(out, &toks[0]) : RECITE_EDATA;
    if (sc->lead) {
        /* "from 1949" alone states a start, not a year. */
        bool range = strcmp(shape, "YTY") == 0 || strcmp(shape, "YTN") == 0;
        if (!range || read_range(out, &toks[0], &toks[2]) < 0 || out->end_year == 0)
            return RECITE_EDATA;
        return 0;
    }
    if (n == 1 && toks[0].kind == TOKEN_NUMBER && toks[0].digits <= 4) {
        memset(out, 0, sizeof(*out));
        out->year = toks[0].value;
        return valid_date(out->year, 0, 0) ? 0 : RECITE_EDATA;
    }
    if (strcmp(shape, "YY") == 0 || strcmp(shape, "YTY") == 0)
        return read_range(out, &toks[0], &toks[n - 1]);
    if (strcmp(shape, "YTN") == 0)
        return read_range(out, &toks[0], &toks[2]) == 0 && out->end_year ? 0 : RECITE_EDATA;
    if (strcmp(shape, "YN") == 0)
        return read_year_short(out, toks);
    if (strcmp(shape, "NNY") == 0)
        return read_numeric_dmy(out, toks);
    if (strcmp(shape, "NNN") == 0 && toks[2].digits == 2) {
        /* 4/4/49: a two-digit year, 00-30 in the 2000s, 31-99 in the 1900s */
        struct token full[3] = {toks[0], toks[1], toks[2]};
        full[2].value += full[2].value <= 30 ? 2000 : 1900;
        full[2].digits = 4;
        return read_numeric_dmy(out, full);
    }
    return read_pattern(out, toks, shape);
}

int recite_answer_date_parse(struct recite_answer_date *out, const char *text)
{
    struct scan sc;
    if (strnlen(text, RECITE_ANSWER_MAX_BYTES + 1) > RECITE_ANSWER_MAX_BYTES)
        return RECITE_EDATA;
    if (tokenize(&sc, text) < 0 || sc.count == 0)
        return RECITE_EDATA;
    return read_tokens(out, &sc);
}

enum recite_date_precision recite_answer_date_precision(const struct recite_answer_date *d)
{
    if (d->year == 0)
        return RECITE_DATE_NONE;
    if (d->end_year || d->month == 0)
        return RECITE_DATE_YEAR;
    return d->day ? RECITE_DATE_DAY : RECITE_DATE_MONTH;
}

struct judgement {
    enum recite_answer_verdict verdict;
    enum recite_date_precision off_unit;
    long off_by;
    bool ambiguous; /* the reply's two readings are judged differently */
};

static struct judgement judge_range(const struct recite_answer_date *given,
                                    const struct recite_answer_date *known)
{
    struct judgement j = {RECITE_ANSWER_WRONG, RECITE_DATE_NONE, 0, false};
    /* "the 1990s" for 1991..1997 names the right decade, not the years. */
    bool in_decade =
        given->decade && known->year >= given->year && known->end_year <= given->end_year;
    if (in_decade && (given->year != known->year || given->end_year != known->end_year)) {
        j.verdict = RECITE_ANSWER_PARTIAL;
        return j;
    }
    if (given->end_year) {
        if (given->year == known->year && given->end_year == known->end_year)
            j.verdict = RECITE_ANSWER_RIGHT;
        j.off_unit = RECITE_DATE_YEAR;
        j.off_by = given->year != known->year ? given->year - known->year
                                              : given->end_year - known->end_year;
        if (j.verdict == RECITE_ANSWER_RIGHT)
            j.off_unit = RECITE_DATE_NONE;
        return j;
    }
    if (given->year >= known->year && given->year <= known->end_year) {
        j.verdict = RECITE_ANSWER_PARTIAL;
        return j;
    }
    j.off_unit = RECITE_DATE_YEAR;
    j.off_by =
        given->year < known->year ? given->year - known->year : given->year - known->end_year;
    return j;
}

static struct judgement judge_single(const struct recite_answer_date *given,
                                     const struct recite_answer_date *known,
                                     enum recite_date_precision asked)
{
    struct judgement j = {RECITE_ANSWER_WRONG, RECITE_DATE_YEAR, given->year - known->year, false};
    enum recite_date_precision pg = recite_answer_date_precision(given);
    enum recite_date_precision pk = recite_answer_date_precision(known);
    enum recite_date_precision common = pg < pk ? pg : pk;
    if (given->end_year) {
        /* A hedge across years is not an answer, even when it covers the year. */
        bool covers = known->year >= given->year && known->year <= given->end_year;
        j.off_unit = covers ? RECITE_DATE_NONE : RECITE_DATE_YEAR;
        j.off_by = covers ? 0 : given->year - known->year;
        return j;
    }
    if (given->year != known->year)
        return j;
    bool month_off = common >= RECITE_DATE_MONTH && given->month != known->month;
    bool day_off = common == RECITE_DATE_DAY && given->day != known->day;
    if (common == RECITE_DATE_DAY && (month_off || day_off)) {
        j.off_unit = RECITE_DATE_DAY;
        j.off_by = (long)(recite_days_from_civil(given->year, (unsigned)given->month,
                                                 (unsigned)given->day) -
                          recite_days_from_civil(known->year, (unsigned)known->month,
                                                 (unsigned)known->day));
        return j;
    }
    if (month_off) {
        j.off_unit = RECITE_DATE_MONTH;
        j.off_by = given->month - known->month;
        return j;
    }
    j.off_unit = RECITE_DATE_NONE;
    j.off_by = 0;
    j.verdict = pg >= asked ? RECITE_ANSWER_RIGHT : RECITE_ANSWER_PARTIAL;
    return j;
}

static struct judgement judge(const struct recite_answer_date *given,
                              const struct recite_answer_date *known,
                              enum recite_date_precision asked)
{
    if (known->end_year) {
        struct judgement r = judge_range(given, known);
        r.ambiguous = false;
        return r;
    }
    struct judgement j = judge_single(given, known, asked);
    j.ambiguous = false;
    if (given->swapped_ok) {
        struct recite_answer_date other = *given;
        other.month = given->day;
        other.day = given->month;
        other.swapped_ok = false;
        struct judgement k = judge_single(&other, known, asked);
        /* 9/5/1955 is 9 May or 5 September: when that decides, it is no answer */
        bool ambiguous = k.verdict != j.verdict;
        if (k.verdict > j.verdict)
            j = k;
        j.ambiguous = ambiguous;
    }
    return j;
}

static bool known_is_valid(const struct recite_answer_date *d)
{
    if (!valid_date(d->year, d->month, d->day))
        return false;
    if (d->decade && d->end_year == 0)
        return false;
    return d->end_year == 0 || (d->end_year > d->year && d->end_year <= 9999 && d->month == 0);
}

int recite_answer_check_date(struct recite_answer_date_result *out, const char *reply,
                             const struct recite_answer_date *known,
                             enum recite_date_precision asked, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    out->verdict = RECITE_ANSWER_WRONG;
    out->rating = RECITE_RATING_AGAIN;
    if (!known_is_valid(known))
        return recite_error_set(err, RECITE_EUSAGE, "the fact's date is not a valid date");
    enum recite_date_precision pk = recite_answer_date_precision(known);
    if (asked == RECITE_DATE_NONE || asked > pk)
        asked = pk;
    size_t n = strnlen(reply, RECITE_ANSWER_MAX_BYTES + 1);
    if (n > RECITE_ANSWER_MAX_BYTES) {
        out->flags = RECITE_ANSWER_TOO_LONG;
        return 0;
    }
    if (strspn(reply, " \t\r\n") == n) {
        out->flags = RECITE_ANSWER_EMPTY;
        return 0;
    }
    if (recite_answer_date_parse(&out->given, reply) < 0) {
        memset(&out->given, 0, sizeof(out->given));
        out->flags = RECITE_ANSWER_UNRECOGNISED;
        return 0;
    }
    struct judgement j = judge(&out->given, known, asked);
    if (j.ambiguous) {
        out->flags = RECITE_ANSWER_AMBIGUOUS;
        return 0;
    }
    out->verdict = j.verdict;
    out->rating = recite_answer_rating(j.verdict);
    out->off_unit = j.off_unit;
    out->off_by = j.off_by;
    return 0;
}

char *recite_answer_describe_offset(char *buf, size_t size,
                                    const struct recite_answer_date_result *result)
{
    static const char *const units[] = {"", "year", "month", "day"};
    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (result->off_unit == RECITE_DATE_NONE || result->off_by == 0 ||
        result->off_unit > RECITE_DATE_DAY)
        return buf;
    long n = result->off_by < 0 ? -result->off_by : result->off_by;
    snprintf(buf, size, "%ld %s%s %s", n, units[result->off_unit], n == 1 ? "" : "s",
             result->off_by < 0 ? "early" : "late");
    return buf;
}
