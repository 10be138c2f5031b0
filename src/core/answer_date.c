/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dates as facts state them and students type them: parsing (English month
 * names, day-first numeric dates, year ranges) and checking, where years are
 * exact and the result says how far off a wrong date is.
 */
#include <stdio.h>
#include <string.h>

#include "answer_internal.h"

#define MAX_TOKENS 8

enum token_kind { TOKEN_NUMBER, TOKEN_MONTH, TOKEN_TO };

struct token {
    enum token_kind kind;
    int value;     /* the number, or the month 1..12 */
    size_t digits; /* for numbers */
};

static const char *const month_names[] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};

static int month_from_word(const char *word, size_t n)
{
    for (int m = 0; m < 12; m++) {
        const char *name = month_names[m];
        bool whole = strlen(name) == n && memcmp(name, word, n) == 0;
        bool abbrev = n == 3 && memcmp(name, word, 3) == 0;
        if (whole || abbrev || (m == 8 && n == 4 && memcmp(word, "sept", 4) == 0))
            return m + 1;
    }
    return 0;
}

static bool is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A word token: month, "to"/"until", or a filler word (0); -1 when unknown. */
static int read_word(struct token *tok, const char *word, size_t n, bool after_number)
{
    char lower[16];
    if (n >= sizeof(lower))
        return -1;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)(word[i] | 0x20);
    static const char *const filler[] = {"in", "on", "the", "of"};
    static const char *const ordinal[] = {"st", "nd", "rd", "th"};
    for (size_t i = 0; i < 4; i++) {
        if (strlen(filler[i]) == n && memcmp(filler[i], lower, n) == 0)
            return 0;
        if (after_number && n == 2 && memcmp(ordinal[i], lower, 2) == 0)
            return 0;
    }
    if ((n == 2 && memcmp(lower, "to", 2) == 0) || (n == 5 && memcmp(lower, "until", 5) == 0)) {
        tok->kind = TOKEN_TO;
        return 1;
    }
    tok->kind = TOKEN_MONTH;
    tok->value = month_from_word(lower, n);
    return tok->value ? 1 : -1;
}

/* Splits text into numbers and words; anything but ASCII letters, digits and separators fails. */
static int tokenize(struct token *toks, size_t *count, const char *text)
{
    size_t n = 0;
    bool after_number = false;
    for (const char *p = text; *p;) {
        if (strchr(" \t\r\n.,/-", *p)) {
            after_number = false;
            p++;
            continue;
        }
        if (n == MAX_TOKENS)
            return -1;
        const char *start = p;
        if (*p >= '0' && *p <= '9') {
            int value = 0;
            while (*p >= '0' && *p <= '9' && p - start < 5)
                value = value * 10 + (*p++ - '0');
            if (*p >= '0' && *p <= '9')
                return -1;
            toks[n++] = (struct token){TOKEN_NUMBER, value, (size_t)(p - start)};
            after_number = true;
            continue;
        }
        while (is_ascii_alpha(*p))
            p++;
        if (p == start)
            return -1;
        int kept = read_word(&toks[n], start, (size_t)(p - start), after_number);
        if (kept < 0)
            return -1;
        n += (size_t)kept;
        after_number = false;
    }
    *count = n;
    return 0;
}

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static bool valid_date(int year, int month, int day)
{
    if (year < 1 || year > 9999 || month < 0 || month > 12 || day < 0)
        return false;
    if (month == 0)
        return day == 0;
    return day <= days_in_month(year, month);
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
        out->swapped_ok = first != second && valid_date(year, first, second);
    } else {
        /* Day first cannot be meant: read it month first (04/30/1949). */
        out->month = first;
        out->day = second;
    }
    return valid_date(out->year, out->month, out->day) ? 0 : RECITE_EDATA;
}

static int read_range(struct recite_answer_date *out, const struct token *toks, size_t last)
{
    memset(out, 0, sizeof(*out));
    out->year = toks[0].value;
    out->end_year = toks[last].value;
    if (out->end_year == out->year)
        out->end_year = 0;
    return out->year >= 1 && out->end_year >= 0 && (out->end_year == 0 || out->end_year > out->year)
               ? 0
               : RECITE_EDATA;
}

static int read_tokens(struct recite_answer_date *out, const struct token *toks, size_t n)
{
    char shape[MAX_TOKENS + 1];
    shape_of(shape, toks, n);
    if (n == 1 && toks[0].kind == TOKEN_NUMBER && toks[0].digits <= 4) {
        memset(out, 0, sizeof(*out));
        out->year = toks[0].value;
        return valid_date(out->year, 0, 0) ? 0 : RECITE_EDATA;
    }
    if (strcmp(shape, "YY") == 0 || strcmp(shape, "YTY") == 0)
        return read_range(out, toks, n - 1);
    if (strcmp(shape, "NNY") == 0)
        return read_numeric_dmy(out, toks);
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

int recite_answer_date_parse(struct recite_answer_date *out, const char *text)
{
    struct token toks[MAX_TOKENS];
    size_t n = 0;
    if (strnlen(text, RECITE_ANSWER_MAX_BYTES + 1) > RECITE_ANSWER_MAX_BYTES)
        return RECITE_EDATA;
    if (tokenize(toks, &n, text) < 0 || n == 0)
        return RECITE_EDATA;
    return read_tokens(out, toks, n);
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
};

static struct judgement judge_range(const struct recite_answer_date *given,
                                    const struct recite_answer_date *known)
{
    struct judgement j = {RECITE_ANSWER_WRONG, RECITE_DATE_NONE, 0};
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
    struct judgement j = {RECITE_ANSWER_WRONG, RECITE_DATE_YEAR, given->year - known->year};
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
    if (known->end_year)
        return judge_range(given, known);
    struct judgement j = judge_single(given, known, asked);
    if (given->swapped_ok && j.verdict != RECITE_ANSWER_RIGHT) {
        struct recite_answer_date other = *given;
        other.month = given->day;
        other.day = given->month;
        other.swapped_ok = false;
        struct judgement k = judge_single(&other, known, asked);
        if (k.verdict > j.verdict)
            j = k;
    }
    return j;
}

static bool known_is_valid(const struct recite_answer_date *d)
{
    if (!valid_date(d->year, d->month, d->day))
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
