/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Answer normalisation (utf8proc) and matching of typed answers, choices and
 * yes/no replies. Pure functions: every input is borrowed, every bound on
 * work is a constant in answer.h, so hostile replies cost linear time.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "answer_internal.h"
#include "recite/buf.h"

#define REPLACEMENT_CHAR 0xFFFD

static bool buf_put_cp(struct recite_buf *b, int32_t cp)
{
    if (recite_buf_reserve(b, 4) < 0)
        return false;
    b->len += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)b->data + b->len);
    b->data[b->len] = '\0';
    return true;
}

/* Skips an escape sequence starting at s[i] (just after ESC or C1 CSI); returns the new index. */
static size_t skip_escape(const unsigned char *s, size_t n, size_t i, bool csi)
{
    if (!csi && i < n && s[i] == '[') {
        csi = true;
        i++;
    }
    if (csi) {
        while (i < n && !(s[i] >= 0x40 && s[i] <= 0x7E))
            i++;
        return i < n ? i + 1 : n;
    }
    if (i < n && s[i] == ']') {
        for (i++; i < n; i++) {
            if (s[i] == 0x07)
                return i + 1;
            if (s[i] == 0x1B && i + 1 < n && s[i + 1] == '\\')
                return i + 2;
        }
        return n;
    }
    /* Two-byte escapes (ESC c, ESC 7 ...): drop the byte after ESC. */
    return i < n && s[i] >= 0x20 && s[i] < 0x7F ? i + 1 : i;
}

/*
 * Step 1: valid UTF-8 without control characters or escape sequences.
 * Invalid bytes become U+FFFD, controls a space.
 */
static int clean_utf8(struct recite_buf *out, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            cp = REPLACEMENT_CHAR;
            k = 1;
        }
        i += (size_t)k;
        if (cp == 0x1B || cp == 0x9B) {
            i = skip_escape(s, n, i, cp == 0x9B);
            continue;
        }
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CC)
            cp = ' ';
        if (!buf_put_cp(out, cp))
            return RECITE_ENOMEM;
    }
    return 0;
}

static int32_t *decode_all(const char *s, size_t n, size_t *out_len)
{
    int32_t *cps = malloc((n + 1) * sizeof(*cps));
    if (!cps)
        return NULL;
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            /* Invalid bytes stay distinct from every code point. */
            cp = -(int32_t)(unsigned char)s[i];
            k = 1;
        }
        cps[count++] = cp;
        i += (size_t)k;
    }
    *out_len = count;
    return cps;
}

static bool is_digit_cp(int32_t cp)
{
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

/* Any number character (digits, Roman numerals, superscripts): no typo tolerance. */
static bool is_number_cp(int32_t cp)
{
    if (cp < 0)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}

static bool is_word_cp(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_CO:
        return true;
    default:
        return false;
    }
}

enum fold { FOLD_KEEP, FOLD_DROP, FOLD_SPACE, FOLD_AND };

/* Step 3: what punctuation does, given its neighbours. */
static enum fold fold_class(const int32_t *cps, size_t n, size_t i)
{
    int32_t cp = cps[i];
    bool digits_around = i > 0 && i + 1 < n && is_digit_cp(cps[i - 1]) && is_digit_cp(cps[i + 1]);
    if (cp == '&')
        return FOLD_AND;
    if (cp == '.')
        return digits_around ? FOLD_KEEP : FOLD_DROP;
    if (cp == ',' && digits_around)
        return FOLD_DROP;
    if (cp == '\'')
        return FOLD_DROP;
    return is_word_cp(cp) ? FOLD_KEEP : FOLD_SPACE;
}

static int fold_words(struct recite_buf *out, const int32_t *cps, size_t n)
{
    bool pending_space = false;
    for (size_t i = 0; i < n; i++) {
        enum fold f = fold_class(cps, n, i);
        if (f == FOLD_DROP)
            continue;
        if (f != FOLD_KEEP) {
            pending_space = true;
            if (f == FOLD_SPACE)
                continue;
        }
        if (pending_space && out->len > 0 && !buf_put_cp(out, ' '))
            return RECITE_ENOMEM;
        pending_space = f == FOLD_AND;
        if (f == FOLD_AND) {
            if (!buf_put_cp(out, 'a') || !buf_put_cp(out, 'n') || !buf_put_cp(out, 'd'))
                return RECITE_ENOMEM;
        } else if (!buf_put_cp(out, cps[i])) {
            return RECITE_ENOMEM;
        }
    }
    return 0;
}

static bool is_english(const char *language)
{
    return !language || !language[0] || strncmp(language, "en", 2) == 0;
}

/*
 * Step 4: "the", "a", "an" before another word. Repeated ("the a b" -> "b")
 * so that normalising twice changes nothing.
 */
static void drop_articles(struct recite_buf *b, const char *language)
{
    static const char *const articles[] = {"the ", "a ", "an "};
    if (!is_english(language))
        return;
    for (size_t i = 0; i < sizeof(articles) / sizeof(articles[0]); i++) {
        size_t k = strlen(articles[i]);
        if (b->len > k && memcmp(b->data, articles[i], k) == 0) {
            memmove(b->data, b->data + k, b->len - k + 1);
            b->len -= k;
            i = (size_t)-1; /* start over: another article may follow */
        }
    }
}

/*
 * Under the options normalize_buf() maps with, utf8proc turns an ASCII
 * code point into itself lower-cased, and composes nothing out of ASCII
 * alone (tests/core/test_answer.c checks every one against utf8proc): a
 * text of ASCII only is mapped without the call. NULL when out of memory.
 */
static utf8proc_uint8_t *ascii_mapped(const char *text, size_t n, bool *ascii)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] >= 0x80)
            return (*ascii = false), NULL;
    *ascii = true;
    utf8proc_uint8_t *out = malloc(n + 1);
    for (size_t i = 0; out && i < n; i++)
        out[i] =
            (utf8proc_uint8_t)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i]);
    if (out)
        out[n] = '\0';
    return out;
}

static int normalize_buf(struct recite_buf *out, const char *text, size_t n, const char *language)
{
    struct recite_buf clean = {0};
    utf8proc_uint8_t *mapped = NULL;
    int32_t *cps = NULL;
    int rc = clean_utf8(&clean, text, n);
    if (rc < 0)
        goto out;
    rc = RECITE_ENOMEM;
    utf8proc_ssize_t m = 0;
    if (clean.len > 0) {
        bool ascii;
        mapped = ascii_mapped(clean.data, clean.len, &ascii);
        if (ascii && !mapped)
            goto out;
        m = (utf8proc_ssize_t)clean.len;
        if (!ascii)
            m = utf8proc_map((const utf8proc_uint8_t *)clean.data, (utf8proc_ssize_t)clean.len,
                             &mapped, RECITE_NORMALIZE_OPTIONS);
        /* The input is valid UTF-8 by now: only memory can fail. */
        if (m < 0)
            goto out;
    }
    size_t count = 0;
    cps = decode_all((const char *)mapped, (size_t)m, &count);
    if (!cps || recite_buf_reserve(out, 0) < 0)
        goto out;
    out->data[out->len] = '\0';
    if ((rc = fold_words(out, cps, count)) < 0)
        goto out;
    drop_articles(out, language);
out:
    free(cps);
    free(mapped);
    free(clean.data);
    return rc;
}

/* One decimal place of a Roman numeral: nine, four, or an optional five then up to three ones. */
static const char *roman_place(const char *p, const char *end, char one, char five, char ten)
{
    if (end - p >= 2 && p[0] == one && (p[1] == ten || p[1] == five))
        return p + 2;
    if (p < end && p[0] == five)
        p++;
    for (int k = 0; k < 3 && p < end && *p == one; k++)
        p++;
    return p;
}

static bool is_roman(const char *p, const char *end)
{
    if (p == end)
        return false;
    for (int k = 0; k < 3 && p < end && *p == 'm'; k++)
        p++;
    p = roman_place(p, end, 'c', 'd', 'm');
    p = roman_place(p, end, 'x', 'l', 'c');
    p = roman_place(p, end, 'i', 'v', 'x');
    return p == end;
}

/*
 * A Roman numeral after the first word ("world war ii", "article v") is a
 * number: "world war i" must not pass as a typo of it. The first word is
 * left alone so that names like "Di" or "Mi" keep their tolerance.
 */
static bool has_roman_numeral(const char *text)
{
    const char *word = strchr(text, ' ');
    while (word) {
        word++;
        const char *end = strchr(word, ' ');
        if (is_roman(word, end ? end : word + strlen(word)))
            return true;
        word = end;
    }
    return false;
}

int norm_make(struct norm_text *out, const char *text, size_t len, const char *language)
{
    struct recite_buf b = {0};
    memset(out, 0, sizeof(*out));
    int rc = normalize_buf(&b, text, len, language);
    if (rc < 0) {
        free(b.data);
        return rc;
    }
    out->text = b.data;
    out->cps = decode_all(b.data, b.len, &out->len);
    if (!out->cps) {
        norm_release(out);
        return RECITE_ENOMEM;
    }
    for (size_t i = 0; i < out->len && !out->has_digit; i++)
        out->has_digit = is_number_cp(out->cps[i]);
    out->has_digit = out->has_digit || has_roman_numeral(out->text);
    return 0;
}

void norm_release(struct norm_text *n)
{
    free(n->text);
    free(n->cps);
    memset(n, 0, sizeof(*n));
}

int recite_answer_normalize_lang(char **out, const char *text, const char *language,
                                 struct recite_error *err)
{
    *out = NULL;
    size_t n = strlen(text);
    if (n > RECITE_ANSWER_MAX_LIST_BYTES)
        return recite_error_set(err, RECITE_EUSAGE, "answer of %zu bytes is too long", n);
    struct recite_buf b = {0};
    int rc = normalize_buf(&b, text, n, language);
    if (rc < 0) {
        free(b.data);
        return recite_error_set(err, rc, "out of memory normalising an answer");
    }
    *out = b.data;
    return 0;
}

int recite_answer_normalize(char **out, const char *text, struct recite_error *err)
{
    return recite_answer_normalize_lang(out, text, NULL, err);
}

/* ---- distance ---- */

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
    unsigned m = a < b ? a : b;
    return m < c ? m : c;
}

/* One row of the banded matrix; returns the row's minimum. */
static unsigned osa_row(unsigned *cur, const unsigned *prev, const unsigned *prev2,
                        const int32_t *a, const int32_t *b, size_t i, size_t b_len, unsigned limit)
{
    unsigned inf = limit + 1;
    size_t lo = i > limit ? i - limit : 1;
    size_t hi = i + limit < b_len ? i + limit : b_len;
    cur[lo - 1] = lo - 1 == 0 ? (i <= limit ? (unsigned)i : inf) : inf;
    unsigned row_min = cur[lo - 1];
    for (size_t j = lo; j <= hi; j++) {
        unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
        unsigned v = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
            v = prev2[j - 2] + 1;
        cur[j] = v > inf ? inf : v;
        if (cur[j] < row_min)
            row_min = cur[j];
    }
    if (hi < b_len)
        cur[hi + 1] = inf;
    return row_min;
}

unsigned cps_distance(const int32_t *a, size_t a_len, const int32_t *b, size_t b_len,
                      unsigned limit)
{
    unsigned inf = limit + 1;
    size_t diff = a_len > b_len ? a_len - b_len : b_len - a_len;
    if (diff > limit)
        return inf;
    unsigned *rows = malloc(3 * (b_len + 1) * sizeof(*rows));
    if (!rows)
        return inf; /* no memory: no typo allowance, never a false "almost" */
    unsigned *prev2 = rows, *prev = rows + b_len + 1, *cur = rows + 2 * (b_len + 1);
    for (size_t j = 0; j <= b_len; j++)
        prev[j] = j <= limit ? (unsigned)j : inf;
    unsigned result = a_len == 0 ? prev[b_len] : inf;
    for (size_t i = 1; i <= a_len; i++) {
        if (osa_row(cur, prev, prev2, a, b, i, b_len, limit) > limit)
            goto out;
        unsigned *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    result = prev[b_len];
out:
    free(rows);
    return result > inf ? inf : result;
}

unsigned recite_answer_distance(const char *a, const char *b, unsigned limit)
{
    size_t a_len, b_len;
    if (limit > RECITE_ANSWER_MAX_LIST_BYTES)
        limit = RECITE_ANSWER_MAX_LIST_BYTES;
    int32_t *ca = decode_all(a, strlen(a), &a_len);
    int32_t *cb = decode_all(b, strlen(b), &b_len);
    unsigned d = ca && cb ? cps_distance(ca, a_len, cb, b_len, limit) : limit + 1;
    free(ca);
    free(cb);
    return d;
}

unsigned recite_answer_tolerance(size_t length)
{
    if (length <= 3)
        return 0;
    if (length <= 7)
        return 1;
    if (length <= 15)
        return 2;
    return 3;
}

unsigned fuzzy_limit(const struct norm_text *reply, const struct norm_text *accepted, bool exact)
{
    if (exact || reply->has_digit || accepted->has_digit)
        return 0;
    return recite_answer_tolerance(accepted->len);
}

unsigned norm_distance(const struct norm_text *reply, const struct norm_text *target,
                       unsigned limit)
{
    if (limit == 0)
        return strcmp(reply->text, target->text) == 0 ? 0 : 1;
    return cps_distance(reply->cps, reply->len, target->cps, target->len, limit);
}

int recite_answer_rating(enum recite_answer_verdict verdict)
{
    switch (verdict) {
    case RECITE_ANSWER_RIGHT:
        return RECITE_RATING_GOOD;
    case RECITE_ANSWER_ALMOST:
    case RECITE_ANSWER_PARTIAL:
        return RECITE_RATING_HARD;
    default:
        return RECITE_RATING_AGAIN;
    }
}

static void result_init(struct recite_answer_result *out, const char *canonical)
{
    memset(out, 0, sizeof(*out));
    out->verdict = RECITE_ANSWER_WRONG;
    out->rating = RECITE_RATING_AGAIN;
    out->matched = -1;
    out->canonical = canonical;
}

static void result_set(struct recite_answer_result *out, enum recite_answer_verdict verdict)
{
    out->verdict = verdict;
    out->rating = recite_answer_rating(verdict);
}

/* Normalises the reply, or flags it empty / too long (then *ok is false). */
static int reply_prepare(struct norm_text *out, int *flags, const char *reply, size_t max,
                         const char *language)
{
    memset(out, 0, sizeof(*out));
    size_t n = strnlen(reply, max + 1);
    if (n > max) {
        *flags |= RECITE_ANSWER_TOO_LONG;
        return 0;
    }
    int rc = norm_make(out, reply, n, language);
    if (rc == 0 && out->len == 0)
        *flags |= RECITE_ANSWER_EMPTY;
    return rc;
}

/* ---- typed answers ---- */

struct best {
    int index;
    unsigned distance;
};

/* Nearest of the spellings to reply (exact or within tolerance); index -1 when none. */
static int nearest(struct best *out, const struct norm_text *reply, const char *const *spellings,
                   size_t count, const char *language, bool exact)
{
    out->index = -1;
    out->distance = 0;
    for (size_t i = 0; i < count && i < INT32_MAX; i++) {
        struct norm_text s;
        if (!spellings[i])
            continue;
        int rc = norm_make(&s, spellings[i], strlen(spellings[i]), language);
        if (rc < 0)
            return rc;
        unsigned limit = fuzzy_limit(reply, &s, exact);
        unsigned d = s.len ? norm_distance(reply, &s, limit) : limit + 1;
        norm_release(&s);
        if (d <= limit && (out->index < 0 || d < out->distance)) {
            out->index = (int)i;
            out->distance = d;
        }
        if (out->index >= 0 && out->distance == 0)
            break;
    }
    return 0;
}

int recite_answer_check_text(struct recite_answer_result *out, const char *reply,
                             const struct recite_answer_key *key, struct recite_error *err)
{
    struct norm_text r;
    struct best hit, miss;
    result_init(out, key->accepted_count ? key->accepted[0] : NULL);
    int rc = reply_prepare(&r, &out->flags, reply, RECITE_ANSWER_MAX_BYTES, key->language);
    if (rc < 0 || out->flags)
        goto out;
    if ((rc = nearest(&hit, &r, key->accepted, key->accepted_count, key->language, key->exact)) < 0)
        goto out;
    if (hit.index < 0)
        goto out;
    if (hit.distance > 0) {
        /* A typo for a known wrong answer is that wrong answer. */
        rc = nearest(&miss, &r, key->wrong, key->wrong ? key->wrong_count : 0, key->language,
                     key->exact);
        if (rc < 0 || (miss.index >= 0 && miss.distance <= hit.distance))
            goto out;
    }
    out->matched = hit.index;
    out->matched_text = key->accepted[hit.index];
    out->distance = hit.distance;
    result_set(out, hit.distance == 0 ? RECITE_ANSWER_RIGHT : RECITE_ANSWER_ALMOST);
out:
    norm_release(&r);
    if (rc < 0)
        return recite_error_set(err, rc, "out of memory checking an answer");
    return 0;
}

/* ---- choice and yes/no ---- */

/* "b", "B", "b)", "(b)", "b." -> 1; -1 when the reply is not a single letter. */
static int choice_letter(const char *reply)
{
    const char *p = reply;
    while (*p == ' ' || *p == '\t')
        p++;
    bool open = *p == '(';
    if (open)
        p++;
    char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        return -1;
    p++;
    if (*p == ')' || (!open && (*p == '.' || *p == ':')))
        p++;
    else if (open)
        return -1;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p)
        return -1;
    return (c | 0x20) - 'a';
}

static int choose_by_text(int *out, unsigned *out_distance, const struct norm_text *r,
                          const struct recite_answer_choice *choice)
{
    *out = -1;
    bool tie = false;
    unsigned best = 0;
    for (size_t i = 0; i < choice->count; i++) {
        struct norm_text o;
        int rc = norm_make(&o, choice->options[i], strlen(choice->options[i]), choice->language);
        if (rc < 0)
            return rc;
        unsigned limit = fuzzy_limit(r, &o, false);
        unsigned d = o.len ? norm_distance(r, &o, limit) : limit + 1;
        norm_release(&o);
        if (d > limit)
            continue;
        if (*out < 0 || d < best) {
            *out = (int)i;
            best = d;
            tie = false;
        } else if (d == best) {
            tie = true;
        }
    }
    if (tie)
        *out = -1; /* as near to two options: choose neither */
    *out_distance = best;
    return 0;
}

int recite_answer_check_choice(struct recite_answer_result *out, const char *reply,
                               const struct recite_answer_choice *choice, struct recite_error *err)
{
    if (choice->count == 0 || choice->count > 26 || choice->correct >= choice->count)
        return recite_error_set(err, RECITE_EUSAGE,
                                "a choice needs 1 to 26 options and a right one");
    result_init(out, choice->options[choice->correct]);
    struct norm_text r;
    int rc = reply_prepare(&r, &out->flags, reply, RECITE_ANSWER_MAX_BYTES, choice->language);
    if (rc < 0 || out->flags)
        goto out;
    int chosen = choice_letter(reply);
    if (chosen >= 0 && (size_t)chosen < choice->count) {
        out->by_letter = true;
    } else if ((rc = choose_by_text(&chosen, &out->distance, &r, choice)) < 0) {
        goto out;
    }
    if (chosen < 0) {
        out->flags |= RECITE_ANSWER_UNRECOGNISED;
        out->distance = 0;
        goto out;
    }
    out->matched = chosen;
    out->matched_text = choice->options[chosen];
    result_set(out, (size_t)chosen == choice->correct ? RECITE_ANSWER_RIGHT : RECITE_ANSWER_WRONG);
out:
    norm_release(&r);
    if (rc < 0)
        return recite_error_set(err, rc, "out of memory checking a choice");
    return 0;
}

int recite_answer_parse_bool(bool *out, const char *reply)
{
    static const char *const yes[] = {"t", "true", "y", "yes"};
    static const char *const no[] = {"f", "false", "n", "no"};
    size_t n = strnlen(reply, RECITE_ANSWER_MAX_BYTES + 1);
    if (n > RECITE_ANSWER_MAX_BYTES)
        return RECITE_EDATA;
    struct norm_text r;
    if (norm_make(&r, reply, n, NULL) < 0)
        return RECITE_EDATA;
    int rc = RECITE_EDATA;
    for (size_t i = 0; i < 4 && rc < 0; i++) {
        if (strcmp(r.text, yes[i]) == 0 || strcmp(r.text, no[i]) == 0) {
            *out = strcmp(r.text, yes[i]) == 0;
            rc = 0;
        }
    }
    norm_release(&r);
    return rc;
}

int recite_answer_check_bool(struct recite_answer_result *out, const char *reply, bool expected)
{
    bool given;
    result_init(out, expected ? "true" : "false");
    size_t n = strnlen(reply, RECITE_ANSWER_MAX_BYTES + 1);
    if (n > RECITE_ANSWER_MAX_BYTES) {
        out->flags = RECITE_ANSWER_TOO_LONG;
        return 0;
    }
    if (recite_answer_parse_bool(&given, reply) < 0) {
        out->flags = RECITE_ANSWER_UNRECOGNISED;
        return 0;
    }
    out->matched = given ? 1 : 0;
    out->matched_text = given ? "true" : "false";
    result_set(out, given == expected ? RECITE_ANSWER_RIGHT : RECITE_ANSWER_WRONG);
    return 0;
}
