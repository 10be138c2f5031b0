/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Acronym definitions (spec §1): "long form (SF)" and "SF (long form)",
 * found by the backward character match of Schwartz & Hearst, then the
 * extensions tried in order: digit multiplier (3SAS), number words (4 ~
 * Four) and Title-Case synonyms (Soviet Union (USSR), low confidence).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gen_acronym.h"

#define SF_MAX 64

struct candidate {
    const char *sf; /* short form as written */
    size_t sf_len;
    const char *lf; /* long-form window or parenthesised long form */
    size_t lf_len;
};

static const char *const not_definition_starts[] = {
    "e.g.", "i.e.", "see", "for example", "without", "at least", "cf.", "ref", "refs", "fig",
    "figure", "table", NULL,
};

static const char *const verbs[] = {
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "see", "do", "does", NULL,
};

static const char *const determiners[] = {
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our",
    NULL,
};

static const char *const prepositions[] = {
    "of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "and", "between",
    "against", "over", "under", "as", "like", "than", "toward", "towards", NULL,
};

static const char *const function_words[] = {
    "of", "and", "for", "the", "in", "on", "&", NULL,
};

static const char *const head_nouns[] = {
    "Union", "Republic", "Kingdom", "Organisation", "Organization", "Council", "Agency",
    "Force", "Pact", "Treaty", "Party", "Front", "Bank", "Fund", "Programme", "Program",
    "Agreement", "Initiative", NULL,
};

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

static void trim(const char **s, size_t *n)
{
    while (*n && gen_is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && gen_is_space((*s)[*n - 1]))
        (*n)--;
}

static size_t count_tokens(const char *s, size_t n)
{
    size_t tokens = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = gen_is_space(s[i]);
        if (!sp && !in)
            tokens++;
        in = !sp;
    }
    return tokens;
}

/* Alphanumeric characters of a short form: |SF| in the window rule. */
size_t gen_acronym_sf_size(const char *sf, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (gen_is_alnum(sf[i]) || (unsigned char)sf[i] >= 0xC0)
            k++;
    return k;
}

size_t gen_acronym_max_words(const char *sf, size_t n)
{
    size_t size = gen_acronym_sf_size(sf, n);
    return size + 5 < 2 * size ? size + 5 : 2 * size;
}

static bool emphasis_mark(char c)
{
    return c == '*' || c == '_' || c == '`';
}

void gen_acronym_unemphasise(const char **s, size_t *n)
{
    const char *p = *s;
    size_t m = *n;
    size_t run = 0;
    while (run < m && run < 3 && emphasis_mark(p[run]) && p[run] == p[0])
        run++;
    if (run == 0 || 2 * run >= m)
        return;
    for (size_t k = 0; k < run; k++)
        if (p[m - 1 - k] != p[0])
            return;
    if (emphasis_mark(p[m - 1 - run]) && p[m - 1 - run] == p[0])
        return; /* unequal runs: not a pair */
    *s = p + run;
    *n = m - 2 * run;
}

/* Spec §1.1: 2-10 characters, at most 2 tokens, a letter, an uppercase letter or digit. */
bool gen_acronym_valid_sf(const char *p, size_t n)
{
    size_t chars = utf8_chars(p, n);
    if (chars < 2 || chars > 10 || count_tokens(p, n) > 2)
        return false;
    if (!gen_is_alnum(p[0]) && (unsigned char)p[0] < 0xC0)
        return false;
    size_t letters = 0, upper = 0, digits = 0, lower = 0;
    int round = 0, square = 0;
    for (size_t i = 0; i < n; i++) {
        letters += gen_is_alpha(p[i]);
        upper += gen_is_upper(p[i]);
        digits += gen_is_digit(p[i]);
        lower += gen_is_lower(p[i]);
        if (p[i] == ',' || p[i] == ';' || p[i] == '=' || p[i] == '%' || p[i] == '<' ||
            p[i] == '>' || p[i] == '+')
            return false;
        /* brackets only in pairs: "[Ca2+]i" is one, "PAA]" a stray mark */
        round += (p[i] == '(') - (p[i] == ')');
        square += (p[i] == '[') - (p[i] == ']');
        if (round < 0 || square < 0)
            return false;
    }
    if (round || square)
        return false;
    if (letters == 0 || (upper == 0 && digits == 0))
        return false;
    /* an ordinary capitalised word, e.g. a gloss "(Allies)" */
    if (upper == 1 && digits == 0 && gen_is_upper(p[0]) && lower + 1 == n && n >= 5)
        return false;
    return true;
}

static bool excluded_inside(const char *p, size_t n)
{
    for (size_t i = 0; not_definition_starts[i]; i++) {
        size_t m = strlen(not_definition_starts[i]);
        if (n >= m && gen_word_eq(p, m, not_definition_starts[i], true) &&
            (n == m || !gen_is_alnum(p[m])))
            return true;
    }
    size_t i = 0;
    while (i < n && (gen_is_digit(p[i]) || p[i] == '.'))
        i++;
    if (i > 0 && i < n && p[i] == '%')
        return true;
    for (size_t s = 0; s < n;) {
        while (s < n && !gen_is_alpha(p[s]))
            s++;
        size_t e = s;
        while (e < n && gen_is_alpha(p[e]))
            e++;
        if (e > s && gen_word_in(p + s, e - s, verbs, false))
            return true;
        s = e;
    }
    return false;
}

/* Whether w[l] begins a word. */
static bool word_start(const char *w, size_t wl, size_t l)
{
    return l == 0 || !gen_is_word_byte(w + l - 1, w + wl);
}

static const char *const number_words[10][5] = {
    {NULL},
    {"one", "first", "single", "mono", "i"},
    {"two", "second", "bi", "double", "ii"},
    {"three", "third", "tri", "triple", "iii"},
    {"four", "fourth", "tetra", "quad", "iv"},
    {"five", "fifth", "penta", "v", NULL},
    {"six", "sixth", "hexa", "vi", NULL},
    {"seven", "seventh", "vii", NULL},
    {"eight", "eighth", "octa", "viii", NULL},
    {"nine", "ninth", "ix", NULL},
};

/* A number word for digit d starting at a word start at or before l; its start or -1. */
static long find_number_word(const char *w, size_t wl, long l, int d)
{
    for (; l >= 0; l--) {
        if (!word_start(w, wl, (size_t)l))
            continue;
        for (size_t k = 0; k < 5 && number_words[d][k]; k++) {
            size_t m = strlen(number_words[d][k]);
            if ((size_t)l + m <= wl && gen_word_eq(w + l, m, number_words[d][k], true) &&
                ((size_t)l + m == wl || !gen_is_word_byte(w + l + m, w + wl)))
                return l;
        }
    }
    return -1;
}

/* The backward match of §1.3 over sf (already expanded). Returns the start, or -1. */
static long backward_match(const char *sf, size_t sfn, const char *w, size_t wl, bool numwords)
{
    long first = -1;
    for (size_t i = 0; i < sfn; i++)
        if (gen_is_alnum(sf[i])) {
            first = (long)i;
            break;
        }
    if (first < 0)
        return -1;
    long l = (long)wl - 1;
    for (long s = (long)sfn - 1; s >= 0; s--) {
        char c = gen_lower(sf[s]);
        if (!gen_is_alnum(c))
            continue;
        if (numwords && gen_is_digit(c) && c != '0') {
            l = find_number_word(w, wl, l, c - '0');
            if (l < 0)
                return -1;
            l--;
            continue;
        }
        while (l >= 0 && (gen_lower(w[l]) != c || (s == first && !word_start(w, wl, (size_t)l))))
            l--;
        if (l < 0)
            return -1;
        l--;
    }
    return l + 1;
}

/* 3SAS -> SSSAS: a digit 2-9 before a letter repeats the letter. */
static bool expand_multiplier(char *out, size_t cap, size_t *outn, const char *sf, size_t n)
{
    size_t k = 0;
    bool used = false;
    for (size_t i = 0; i < n; i++) {
        if (sf[i] >= '2' && sf[i] <= '9' && i + 1 < n && gen_is_alpha(sf[i + 1])) {
            for (int r = 0; r < sf[i] - '0'; r++) {
                if (k + 1 >= cap)
                    return false;
                out[k++] = sf[i + 1];
            }
            i++;
            used = true;
            continue;
        }
        if (k + 1 >= cap)
            return false;
        out[k++] = sf[i];
    }
    *outn = k;
    return used;
}

static const char *const skippable[] = {
    "of", "and", "the", "for", "in", "on", "with", "by", "to", "a", "an", "&", "from", "at", NULL,
};

/* Start of the word (whitespace or hyphen delimited) that ends at e, skipping separators. */
static size_t prev_word(const char *w, size_t e, size_t *word_end)
{
    while (e > 0 && (gen_is_space(w[e - 1]) || w[e - 1] == '-'))
        e--;
    *word_end = e;
    while (e > 0 && !gen_is_space(w[e - 1]) && w[e - 1] != '-')
        e--;
    return e;
}

/*
 * Whether the first word before w[e) that is no function word starts with c:
 * the capital O of "Office of Management and Budget (OMB)" belongs to
 * "Office", not to "of".
 */
static bool content_word_before(const char *w, size_t e, char c)
{
    for (;;) {
        size_t we;
        size_t ws = prev_word(w, e, &we);
        if (we == ws)
            return false;
        if (!gen_word_in(w + ws, we - ws, skippable, true))
            return gen_lower(w[ws]) == c;
        e = ws;
    }
}

/*
 * Every SF character on a word initial, right to left, skipping only
 * function words: "International Index of Erectile Function (IIEF)", where
 * the plain backward match would stop at "Index".
 */
long gen_acronym_initials(const char *sf, size_t sfn, const char *w, size_t wl)
{
    size_t e = wl, start = wl;
    for (long s = (long)sfn - 1; s >= 0; s--) {
        char c = gen_lower(sf[s]);
        if (!gen_is_alnum(c))
            continue;
        for (;;) {
            size_t we;
            size_t ws = prev_word(w, e, &we);
            if (we == ws)
                return -1;
            /* a word's opening bracket or quote does not hide its initial */
            size_t first = ws;
            while (first < we && !gen_is_alnum(w[first]) && (unsigned char)w[first] < 0x80)
                first++;
            bool function_word = gen_word_in(w + ws, we - ws, skippable, true);
            if (first < we && gen_lower(w[first]) == c &&
                !(function_word && gen_is_upper(sf[s]) && content_word_before(w, ws, c))) {
                start = ws;
                e = ws;
                break;
            }
            if (!function_word)
                return -1;
            e = ws;
        }
    }
    return start < wl ? (long)start : -1;
}

bool gen_acronym_match(size_t *start, const char **rule, const char *sf, size_t sf_len,
                       const char *window, size_t window_len)
{
    long at = gen_acronym_initials(sf, sf_len, window, window_len);
    if (at < 0)
        at = backward_match(sf, sf_len, window, window_len, false);
    if (at >= 0) {
        *start = (size_t)at;
        *rule = "sh";
        return true;
    }
    char buf[SF_MAX * 9];
    size_t n;
    if (sf_len < SF_MAX && expand_multiplier(buf, sizeof(buf), &n, sf, sf_len)) {
        at = gen_acronym_initials(buf, n, window, window_len);
        if (at < 0)
            at = backward_match(buf, n, window, window_len, false);
        if (at >= 0) {
            *start = (size_t)at;
            *rule = "multiplier";
            return true;
        }
    }
    at = backward_match(sf, sf_len, window, window_len, true);
    if (at >= 0 && memchr(sf, '0', sf_len) == NULL) {
        bool has_digit = false;
        for (size_t i = 0; i < sf_len; i++)
            has_digit |= gen_is_digit(sf[i]);
        if (has_digit) {
            *start = (size_t)at;
            *rule = "numword";
            return true;
        }
    }
    return false;
}

/* The long-form window: the last min(|SF|+5, 2|SF|) words of b, stopping at a separator. */
static void window_of(const char **w, size_t *wl, const char *b, size_t bn, size_t max_words,
                      bool commas)
{
    size_t i = bn, words = 0;
    while (i > 0) {
        while (i > 0 && gen_is_space(b[i - 1]))
            i--;
        size_t end = i;
        while (i > 0 && !gen_is_space(b[i - 1]))
            i--;
        if (end == i)
            break;
        /* a clause before a comma is not part of the long form (spec §1.5) */
        if (!commas && words > 0 && b[end - 1] == ',') {
            i = end;
            break;
        }
        /* a separator token (em dash, spaced en dash, opening quote) ends the window; an en
           dash between letters joins a name's words ("Mekong–Ganga Cooperation") */
        size_t dash = 0;
        for (size_t k = i; k < end; k++) {
            size_t d = gen_dash_len(b + k, b + end);
            if (d && (unsigned char)b[k + 2] == 0x93 && k > i && k + d < end &&
                gen_is_alpha(b[k - 1]) && gen_is_alpha(b[k + d]))
                d = 0;
            size_t q = k == i ? gen_open_quote_len(b + k, b + end) : 0;
            if (q && b[k] == '\'')
                q = 0;
            if (d || q) {
                dash = k + (d ? d : q);
                if (d)
                    continue;
            }
        }
        if (dash) {
            i = dash;
            break;
        }
        if (++words == max_words)
            break;
    }
    *w = b + i;
    *wl = bn - i;
    trim(w, wl);
}

static bool has_whole_word(const char *lf, size_t n, const char *sf, size_t m)
{
    for (size_t i = 0; i + m <= n; i++) {
        if (memcmp(lf + i, sf, m) != 0)
            continue;
        bool left = i == 0 || !gen_is_word_byte(lf + i - 1, lf + n);
        bool right = i + m == n || !gen_is_word_byte(lf + i + m, lf + n);
        /* "Mameli's Hymn (Mameli)": a possessive is the word itself */
        size_t e = i + m, q = e < n && lf[e] == '\'' ? 1
                              : e + 2 < n && memcmp(lf + e, "\xE2\x80\x99", 3) == 0 ? 3 : 0;
        if (q && e + q < n && lf[e + q] == 's' &&
            (e + q + 1 == n || !gen_is_word_byte(lf + e + q + 1, lf + n)))
            right = true;
        if (left && right)
            return true;
    }
    return false;
}

/* §1.3 rejections of a matched long form. */
bool gen_acronym_acceptable(const char *lf, size_t n, const char *sf, size_t m, size_t max_words)
{
    if (count_tokens(lf, n) > max_words || utf8_chars(lf, n) <= utf8_chars(sf, m))
        return false;
    if (has_whole_word(lf, n, sf, m))
        return false;
    /* "LOPEZ OBRADOR, from the National Regeneration Movement (MORENA)": a clause runs on */
    static const char *const run_on[] = {"from", "of", "in", "by", "with", "at", "to", "the",
                                         "a", "an", "who", "which", NULL};
    for (size_t i = 0; i + 2 < n; i++)
        if (lf[i] == ',' && lf[i + 1] == ' ') {
            size_t e = i + 2;
            while (e < n && !gen_is_space(lf[e]))
                e++;
            if (gen_word_in(lf + i + 2, e - i - 2, run_on, false))
                return false;
        }
    static const char *const clause_words[] = {"was", "were", "is", "are", "has", "have",
                                               "had", "been", NULL};
    static const char *const bad_first[] = {"by", "of", "to", "with", "plus", "and", "or",
                                            "in", "on", "for", "from", "at", "as", "than",
                                            NULL};
    size_t first_end = 0;
    while (first_end < n && !gen_is_space(lf[first_end]))
        first_end++;
    if (gen_word_in(lf, first_end, bad_first, false))
        return false;
    /* "CCAMLR set up the Ecosystem Monitoring Program (CEMP)": a verb inside a name in
       capitals is the sentence's, not the name's (a long form in lower case may hold one) */
    size_t capitals = 0;
    bool verb = false;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && !gen_is_space(lf[e]))
            e++;
        if (gen_word_in(lf + i, e - i, clause_words, false))
            return false;
        capitals += gen_is_upper(lf[i]);
        /* a verb before a lower-case word ("set up the", "passed a"), not a participle
           before a name ("revised Kyoto Convention", "occupied Palestinian territory") */
        verb |= gen_is_lower(lf[i]) && e + 1 < n && gen_is_lower(lf[e + 1]) &&
                gen_past_word(lf + i, e - i);
        i = e + 1;
    }
    if (verb && capitals >= 2)
        return false;
    bool sf_digit = false;
    for (size_t i = 0; i < m; i++)
        sf_digit |= gen_is_digit(sf[i]);
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        depth += (lf[i] == '(') - (lf[i] == ')');
        if (depth < 0)
            return false;
        bool start = i == 0 || gen_is_space(lf[i - 1]);
        if (start && gen_is_digit(lf[i]) && !sf_digit) {
            size_t e = i;
            while (e < n && (gen_is_digit(lf[e]) || lf[e] == ',' || lf[e] == '.'))
                e++;
            if (e == n || gen_is_space(lf[e]))
                return false;
        }
    }
    return depth == 0;
}

static bool title_word(const char *s, size_t n)
{
    return n > 0 && gen_is_upper(s[0]);
}

/*
 * Extension 5: a run of 1-4 Title-Case words right before the parenthesis,
 * introduced by a determiner, a preposition or the sentence start.
 */
static bool synonym(const char **lf, size_t *lfn, const char *sf, size_t m, const char *b,
                    size_t bn)
{
    if (m < 2 || m > 6)
        return false;
    for (size_t i = 0; i < m; i++)
        if (!gen_is_upper(sf[i]))
            return false;
    /* walk left over Title-Case words and glue words */
    size_t i = bn, run_words = 0, run_start = bn, stop_start = 0, stop_end = 0;
    bool head = false;
    while (i > 0) {
        size_t end = i;
        while (i > 0 && !gen_is_space(b[i - 1]))
            i--;
        const char *w = b + i;
        size_t wn = end - i;
        bool plain = true;
        for (size_t k = 0; k < wn; k++)
            plain &= gen_is_alpha(w[k]) || w[k] == '-';
        bool title = plain && title_word(w, wn) && !(wn > 1 && gen_is_upper(w[1]));
        bool glue = run_words > 0 && gen_word_in(w, wn, function_words, false);
        if (!title && !glue) {
            stop_start = i;
            stop_end = end;
            break;
        }
        if (run_words == 0)
            head = gen_word_in(w, wn, head_nouns, false);
        run_words++;
        run_start = i;
        while (i > 0 && gen_is_space(b[i - 1]))
            i--;
    }
    /* glue words at the left end are not part of the name: the nearest one introduces it */
    size_t words = 0;
    bool intro = stop_end == 0 && i == 0;
    bool initial = false;
    size_t first = bn;
    for (size_t p = run_start; p < bn;) {
        size_t e = p;
        while (e < bn && !gen_is_space(b[e]))
            e++;
        bool glue = !title_word(b + p, e - p);
        if (glue && words == 0) {
            intro = gen_word_in(b + p, e - p, determiners, true) ||
                    gen_word_in(b + p, e - p, prepositions, true);
        } else {
            if (words == 0)
                first = p;
            words++;
            initial |= !glue && b[p] == sf[0];
        }
        p = e;
        while (p < bn && gen_is_space(b[p]))
            p++;
    }
    if (words == 0 || first == run_start) {
        if (stop_end > stop_start)
            intro = intro || gen_word_in(b + stop_start, stop_end - stop_start, determiners, true) ||
                    gen_word_in(b + stop_start, stop_end - stop_start, prepositions, true);
    }
    if (words == 0 || words > 4 || !intro || !(initial || head))
        return false;
    *lf = b + first;
    *lfn = bn - first;
    return true;
}

static char *strip_markdown(const char *s, size_t n)
{
    struct recite_buf b = {0};
    for (size_t i = 0; i < n; i++)
        if (s[i] != '*' && s[i] != '`' && !(s[i] == '_' && (i == 0 || i + 1 == n ||
                                                            gen_is_space(s[i - 1]) ||
                                                            gen_is_space(s[i + 1]))))
            if (gen_buf_addc(&b, s[i]) < 0) {
                free(b.data);
                return NULL;
            }
    if (!b.data)
        return recite_strdup("");
    char *out = gen_clean_copy(b.data, b.len);
    free(b.data);
    return out;
}

int gen_acronym_emit(const struct gen_sink *sink, const char *sf, size_t sfn, const char *lf,
                     size_t lfn, const char *rule, const char *low)
{
    /*
     * Every rule ends here. "Copyright (C)", "Registered (R)", "Trademark
     * (TM)": the letters stand for the signs ©, ® and ™, not for the word
     * before them (one-letter short forms are real elsewhere: "testosterone (T)").
     */
    static const char *const signs[][2] = {{"C", "copyright"}, {"R", "registered"},
                                           {"TM", "trademark"}, {"TM", "trade mark"}};
    for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++)
        if (gen_word_eq(sf, sfn, signs[i][0], true) && gen_word_eq(lf, lfn, signs[i][1], true))
            return 0;
    /* "the South African National Defense Force's (SANDF)": the name, not its possessive */
    if (lfn > 2 && lf[lfn - 1] == 's' && lf[lfn - 2] == '\'')
        lfn -= 2;
    else if (lfn > 4 && lf[lfn - 1] == 's' && !memcmp(lf + lfn - 4, "\xE2\x80\x99", 3))
        lfn -= 4;
    struct recite_gen_fact f = {0};
    f.kind = RECITE_GEN_ACRONYM;
    f.short_form = gen_clean_copy(sf, sfn);
    f.long_form = strip_markdown(lf, lfn);
    int rc = RECITE_ENOMEM;
    if (f.short_form && f.long_form) {
        f.rule = rule;
        f.low = low;
        rc = sink->add(sink->ctx, &f);
    }
    free(f.short_form);
    free(f.long_form);
    return rc;
}

/* Tries sf against window; the SF's plural 's' is dropped first when the rest is capitals. */
static bool match_window(size_t *at, const char **rule, const char *sf, size_t sfn,
                         const char *w, size_t wn)
{
    size_t caps = 0;
    for (size_t i = 0; i + 1 < sfn; i++)
        caps += gen_is_upper(sf[i]);
    if (sfn >= 3 && sf[sfn - 1] == 's' && caps + 1 == sfn &&
        gen_acronym_match(at, rule, sf, sfn - 1, w, wn))
        return true;
    return gen_acronym_match(at, rule, sf, sfn, w, wn);
}

static const char *strip_determiner(const char *lf, size_t *n)
{
    for (size_t k = 0; determiners[k] && k < 3; k++) {
        size_t m = strlen(determiners[k]);
        if (*n > m + 1 && gen_word_eq(lf, m, determiners[k], true) && lf[m] == ' ') {
            *n -= m + 1;
            return lf + m + 1;
        }
    }
    return lf;
}

static const char *const greek[] = {
    "alpha", "beta", "gamma", "delta", "kappa", "omega", "epsilon", "sigma", "mu", "tau", NULL,
};

/*
 * A match that starts inside a token ("2,6-diaminopurine", "alpha-1-antitrypsin")
 * takes the token's chemical prefix: digits, locants, Greek letters, one letter.
 */
static size_t extend_prefix(const char *w, size_t at)
{
    if (at == 0 || gen_is_space(w[at - 1]))
        return at;
    size_t ts = at;
    while (ts > 0 && !gen_is_space(w[ts - 1]))
        ts--;
    bool digit = false;
    for (size_t i = ts; i < at; i++)
        digit |= gen_is_digit(w[i]);
    size_t letters = 0;
    while (ts + letters < at && gen_is_alpha(w[ts + letters]))
        letters++;
    bool greek_prefix = letters && w[ts + letters] == '-' &&
                        (letters == 1 || gen_word_in(w + ts, letters, greek, true));
    return digit || greek_prefix ? ts : at;
}

/* "amino acid (aa)": an all-lowercase short form, accepted only on word initials. */
static bool lowercase_short_form(const char *p, size_t n)
{
    if (n < 2 || n > 5)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!gen_is_lower(p[i]))
            return false;
    return true;
}

static int lowercase_definition(const struct gen_sink *sink, const char *sf, size_t sfn,
                                const char *b, size_t bn)
{
    const char *w;
    size_t wn;
    window_of(&w, &wn, b, bn, sfn + 2, false);
    long at = wn ? gen_acronym_initials(sf, sfn, w, wn) : -1;
    if (at < 0 && wn && sfn > 2 && sf[sfn - 1] == 's')
        at = gen_acronym_initials(sf, sfn - 1, w, wn);
    if (at < 0 && wn) {
        /* "apolipoprotein (apo)": the short form begins the word before it */
        size_t ws = wn;
        while (ws > 0 && !gen_is_space(w[ws - 1]))
            ws--;
        if (sfn >= 3 && wn - ws >= 2 * sfn && gen_word_eq(w + ws, sfn, sf, true)) {
            for (size_t i = ws; i < wn; i++)
                if (!gen_is_alpha(w[i]))
                    return 0;
            return gen_acronym_emit(sink, sf, sfn, w + ws, wn - ws, "sh", NULL);
        }
    }
    if (at < 0)
        return 0;
    const char *lf = w + at;
    size_t lfn = wn - (size_t)at;
    if (count_tokens(lf, lfn) < 2 || !gen_acronym_acceptable(lf, lfn, sf, sfn, sfn + 2))
        return 0;
    return gen_acronym_emit(sink, sf, sfn, lf, lfn, "sh", NULL);
}

/* "long form (SF)" */
/*
 * Whether the letters of sf start words or parts of words of lf, in order:
 * "Non-A, non-B hepatitis (NANB)", "Deese, Roediger, and McDermott (DRM)".
 */
static bool letters_at_word_starts(const char *sf, size_t sfn, const char *lf, size_t n)
{
    size_t i = 0;
    for (size_t k = 0; k < sfn; k++) {
        if (!gen_is_alpha(sf[k]))
            continue;
        bool found = false;
        for (; i < n && !found; i++)
            found = (i == 0 || strchr(" -,/", lf[i - 1])) && gen_lower(lf[i]) == gen_lower(sf[k]);
        if (!found)
            return false;
    }
    return true;
}

/*
 * "End Of Life date (EOL)": a last word in lower case no letter of the short
 * form stands for, after a name in capitals whose initials spell it all, is
 * no part of the long form. Returns the length kept.
 */
static size_t trim_unspelled_tail(const char *lf, size_t n, const char *sf, size_t sfn)
{
    size_t end = n;
    while (end > 0 && lf[end - 1] == ' ')
        end--;
    size_t last = end;
    while (last > 0 && lf[last - 1] != ' ')
        last--;
    /* (a word in capitals names the thing with the rest: "... and Security Programme (SPS)") */
    if (last == 0 || !gen_is_lower(lf[last]) || gen_lower(lf[last]) == gen_lower(sf[sfn - 1]))
        return n;
    for (size_t i = last; i < end; i++)
        if (!gen_is_alpha(lf[i]))
            return n;
    size_t kept = last;
    while (kept > 0 && lf[kept - 1] == ' ')
        kept--;
    /* only after a name in capitals: "forced expiratory volume in 1 second", "very late
       antigens family" are written as a whole */
    size_t before = kept;
    while (before > 0 && lf[before - 1] != ' ')
        before--;
    if (kept == 0 || !gen_is_upper(lf[before]))
        return n;
    return gen_acronym_initials(sf, sfn, lf, kept) == 0 ? kept : n;
}

static int long_then_short(const struct gen_sink *sink, const char *sf, size_t sfn, const char *b,
                           size_t bn)
{
    size_t max_words = gen_acronym_max_words(sf, sfn);
    const char *w;
    size_t wn, at;
    const char *rule;
    window_of(&w, &wn, b, bn, max_words, false);
    if (wn && match_window(&at, &rule, sf, sfn, w, wn)) {
        at = extend_prefix(w, at);
        const char *lf = w + at;
        size_t lfn = trim_unspelled_tail(lf, wn - at, sf, sfn);
        if (gen_acronym_acceptable(lf, lfn, sf, sfn, max_words))
            return gen_acronym_emit(sink, sf, sfn, lf, lfn, rule, NULL);
        return 0;
    }
    /* a name with commas: "Deese, Roediger, and McDermott (DRM)" */
    window_of(&w, &wn, b, bn, max_words, true);
    if (wn && match_window(&at, &rule, sf, sfn, w, wn) && gen_is_upper(w[at])) {
        const char *lf = w + at;
        size_t lfn = wn - at;
        /* each name gives its initial: "Chicago, Dallas, Denver, Hartford (CT)" is none */
        if (letters_at_word_starts(sf, sfn, lf, lfn) &&
            gen_acronym_acceptable(lf, lfn, sf, sfn, max_words))
            return gen_acronym_emit(sink, sf, sfn, lf, lfn, rule, NULL);
        return 0;
    }
    const char *lf;
    size_t lfn;
    if (synonym(&lf, &lfn, sf, sfn, b, bn)) {
        lf = strip_determiner(lf, &lfn);
        if (!has_whole_word(lf, lfn, sf, sfn))
            return gen_acronym_emit(sink, sf, sfn, lf, lfn, "synonym", "letters do not match");
    }
    return 0;
}

/* "SF (long form)" */
static int short_then_long(const struct gen_sink *sink, const char *p, size_t pn, const char *b,
                           size_t bn)
{
    size_t i = bn;
    while (i > 0 && !gen_is_space(b[i - 1]))
        i--;
    const char *sf = b + i;
    size_t sfn = bn - i;
    while (sfn && (sf[sfn - 1] == ',' || sf[sfn - 1] == '.'))
        sfn--;
    /* a quotation's close: "\"L'Inno di Mameli\" (Mameli's Hymn)" is judged as Mameli */
    for (;;) {
        if (sfn && (sf[sfn - 1] == '"' || sf[sfn - 1] == '\''))
            sfn--;
        else if (sfn >= 3 && (memcmp(sf + sfn - 3, "\xE2\x80\x9D", 3) == 0 ||
                              memcmp(sf + sfn - 3, "\xE2\x80\x99", 3) == 0))
            sfn -= 3;
        else
            break;
    }
    gen_acronym_unemphasise(&sf, &sfn); /* "the **XYZ** (Xeno Yield Zone)" */
    /* the close of an emphasis opened earlier: "_... by Dumping_ (Dumping Protocol)" */
    while (sfn && (sf[sfn - 1] == '_' || sf[sfn - 1] == '*'))
        sfn--;
    if (!gen_acronym_valid_sf(sf, sfn) || sfn >= SF_MAX)
        return 0;
    size_t cut = pn;
    for (size_t k = 0; k < pn; k++)
        if (p[k] == ',' || p[k] == ';' || (k + 2 < pn && p[k] == ' ' && p[k + 1] == '-' &&
                                           p[k + 2] == ' ')) {
            cut = k;
            break;
        }
    /* "the Four Nos (no alliances, no siding with ..., no foreign bases)": a list whose items
       open alike, or of three items or more, is no long form */
    if (cut < pn && p[cut] == ',') {
        size_t fw = 0, commas = 0, k = cut + 1;
        while (fw < cut && p[fw] != ' ')
            fw++;
        while (k < pn && p[k] == ' ')
            k++;
        bool alike = fw > 0 && k + fw < pn && memcmp(p, p + k, fw) == 0 && p[k + fw] == ' ';
        for (; k < pn; k++)
            commas += p[k] == ',';
        if (alike || commas >= 1)
            return 0;
    }
    const char *lf = p;
    size_t lfn = cut, at;
    trim(&lf, &lfn);
    size_t max_words = gen_acronym_max_words(sf, sfn);
    const char *rule;
    if (!lfn || !match_window(&at, &rule, sf, sfn, lf, lfn))
        return 0;
    /* the whole parenthesis must be the long form, give or take a determiner */
    const char *rest = strip_determiner(lf, &lfn);
    if (lf + at != rest && at != 0)
        return 0;
    if (!gen_acronym_acceptable(rest, lfn, sf, sfn, max_words))
        return 0;
    return gen_acronym_emit(sink, sf, sfn, rest, lfn, rule, NULL);
}

/*
 * Whether t[i] ends the text before a parenthesis: ';', ':', or a bracket
 * that stands apart. Brackets inside a token ("benz(a)anthracene",
 * "NH(2)-terminal", "benzo[a]pyrene") are part of a long form.
 */
static bool boundary(const char *t, size_t n, size_t i)
{
    char c = t[i];
    if (c == ';' || c == ':')
        return true;
    if (c == '(' || c == '[')
        return i == 0 || !gen_is_word_byte(t + i - 1, t + n) || i + 1 >= n ||
               gen_is_space(t[i + 1]);
    if (c != ')' && c != ']')
        return false;
    if (i + 1 >= n || !(gen_is_word_byte(t + i + 1, t + n) || t[i + 1] == '-' || t[i + 1] == '/'))
        return true;
    /* glued on the right too: part of a token only if its opening bracket is glued on the left */
    size_t depth = 0;
    for (size_t k = i + 1; k-- > 0;) {
        if (t[k] == ')' || t[k] == ']')
            depth++;
        else if ((t[k] == '(' || t[k] == '[') && --depth == 0)
            return k == 0 || !gen_is_word_byte(t + k - 1, t + n);
    }
    return true;
}

/* A bracket pair glued to a word on its left, like the "(1)" of "FEV(1)". */
static bool attached(const char *t, size_t n, size_t open)
{
    return open > 0 && gen_is_word_byte(t + open - 1, t + n);
}

/*
 * "(blood-brain barrier, BBB)": the long form and its short form both inside
 * the parenthesis. The long form must be matched from its first word.
 * Returns 1 when a definition was emitted, 0 when none, or < 0.
 */
static int inner_definition(const struct gen_sink *sink, const char *p, size_t pn)
{
    size_t sep = pn;
    while (sep > 0 && !((p[sep - 1] == ',' || p[sep - 1] == ';') && sep < pn && p[sep] == ' '))
        sep--;
    if (sep == 0)
        return 0;
    const char *sf = p + sep, *lf = p;
    size_t sfn = pn - sep, lfn = sep - 1;
    trim(&sf, &sfn);
    trim(&lf, &lfn);
    if (!gen_acronym_valid_sf(sf, sfn) || sfn >= SF_MAX || count_tokens(lf, lfn) < 1)
        return 0;
    for (size_t i = 0; i < lfn; i++)
        if (lf[i] == ',' || lf[i] == ';')
            return 0;
    size_t at, max_words = gen_acronym_max_words(sf, sfn);
    const char *rule;
    if (!match_window(&at, &rule, sf, sfn, lf, lfn))
        return 0;
    at = extend_prefix(lf, at);
    const char *rest = strip_determiner(lf, &lfn);
    if (lf + at != rest || !gen_acronym_acceptable(rest, lfn, sf, sfn, max_words))
        return 0;
    int rc = gen_acronym_emit(sink, sf, sfn, rest, lfn, rule, NULL);
    return rc < 0 ? rc : 1;
}

/* The length of a phrase that introduces a short form, "abbreviated as ", else 0. */
static size_t introducer(const char *p, size_t n)
{
    static const char *const phrases[] = {
        "abbreviated as ", "abbreviated ", "abbr. ", "hereafter ", "hereinafter ", "henceforth ",
        "shortened to ", "short ", NULL,
    };
    for (size_t i = 0; phrases[i]; i++) {
        size_t m = strlen(phrases[i]);
        if (n > m && gen_word_eq(p, m, phrases[i], true))
            return m;
    }
    return 0;
}

/* Strips one pair of quotes around a token: "DGII", 'DGII', or curly ones. */
static void unquote(const char **s, size_t *n)
{
    const char *p = *s;
    size_t m = *n;
    size_t open = m ? gen_open_quote_len(p, p + m) : 0;
    if (!open || open >= m)
        return;
    for (size_t k = 1; k <= 3 && k < m - open; k++) {
        if (gen_close_quote_len(p + m - k, p + m) == k) {
            *s = p + open;
            *n = m - open - k;
            return;
        }
    }
}

/*
 * A sink that passes on long forms of two words or more. A short form after
 * a comment ("(French: Commission de l'Ocean Indien, COI)") is weaker
 * evidence: its letters all inside one word before the bracket
 * ("Commission") are a coincidence.
 */
struct filter {
    const struct gen_sink *sink; /* where accepted facts go */
};

static int several_words(void *ctx, const struct recite_gen_fact *fact)
{
    const struct filter *f = ctx;
    if (!strchr(fact->long_form, ' '))
        return 0;
    return f->sink->add(f->sink->ctx, fact);
}

/*
 * "the masseter (M)": a one-letter short form, taken only for the single
 * word before it, a content word of three letters or more starting with
 * that letter (Ab3P's one-character strategy keeps a list of such words;
 * the word shape stands in for it).
 */
static int one_letter(const struct gen_sink *sink, const char *sf, const char *b, size_t bn)
{
    static const char *const not_names[] = {
        "the", "and", "for", "from", "with", "that", "this", "these", "those", "than", "then",
        "are", "was", "were", "each", "all", "any", "both", "group", "groups", "type", "types",
        "phase", "stage", "grade", "class", "form", "step", "part", "plan", "point", "method",
        "model", "case", "cases", "series", "set", "sets", "panel", "figure", "table", "list",
        "lane", "line", "site", "zone", "area", NULL,
    };
    size_t ws = bn;
    while (ws > 0 && !gen_is_space(b[ws - 1]))
        ws--;
    const char *w = b + ws;
    size_t wn = bn - ws;
    if (wn < 3 || gen_lower(w[0]) != gen_lower(sf[0]) || gen_word_in(w, wn, not_names, true))
        return 0;
    for (size_t i = 0; i < wn; i++)
        if (!gen_is_alpha(w[i]) || (i > 0 && gen_is_upper(w[i])))
            return 0;
    /* a capitalised word mid-clause is a name ("Kelvin (K)", a currency "Leu (L)") */
    if (gen_is_upper(w[0]) && ws > 0)
        return 0;
    return gen_acronym_emit(sink, sf, 1, w, wn, "sh", NULL);
}

static int candidate(const struct gen_sink *sink, const struct gen_sentence *s, size_t open,
                     size_t close)
{
    const char *t = s->text;
    const char *p = t + open + 1;
    size_t pn = close - open - 1;
    trim(&p, &pn);
    if (pn == 0 || excluded_inside(p, pn))
        return 0;
    /* "Emmanuel MACRON (EM) 24%, Marine LE PEN (FN) 21.3%": a label before its share of a
       vote, not a definition */
    size_t f = close + 1;
    while (f < s->len && t[f] == ' ')
        f++;
    size_t digits = f;
    while (digits < s->len && (gen_is_digit(t[digits]) || t[digits] == '.'))
        digits++;
    if (digits > f && digits < s->len && t[digits] == '%')
        return 0;
    /* "Governor General Samantha (Sam) MOSTYN": a first name shortened, inside a name */
    if (f < s->len && gen_is_upper(t[f]) && pn >= 2 && gen_is_upper(p[0])) {
        size_t w = open;
        while (w > 0 && t[w - 1] == ' ')
            w--;
        size_t we = w;
        while (w > 0 && gen_is_alpha(t[w - 1]))
            w--;
        if (we - w > pn && gen_is_upper(t[w]) && strncasecmp(t + w, p, pn) == 0)
            return 0;
    }
    size_t bstart = open;
    while (bstart > 0 && !boundary(t, s->len, bstart - 1))
        bstart--;
    const char *b = t + bstart;
    size_t bn = open - bstart;
    trim(&b, &bn);
    if (bn == 0)
        return 0;
    /* S&H: inside "(SF, comment)" or "(SF; comment)" the short form is the first part */
    size_t sfn = pn;
    for (size_t k = 0; k + 1 < pn; k++)
        if ((p[k] == ',' || p[k] == ';') && p[k + 1] == ' ') {
            sfn = k;
            break;
        }
    const char *sf = p;
    size_t sf_len = sfn;
    size_t intro = introducer(p, sfn);
    if (intro) {
        /* "(abbreviated as **CARICOM** or **CC**)": the first name after it */
        sf = p + intro;
        sf_len = sfn - intro;
        for (size_t k = 0; k + 4 <= sf_len; k++)
            if (memcmp(sf + k, " or ", 4) == 0) {
                sf_len = k;
                break;
            }
    }
    trim(&sf, &sf_len);
    gen_acronym_unemphasise(&sf, &sf_len); /* "(**GCC**)", "(_GCC_)" */
    unquote(&sf, &sf_len);                 /* ("DGII") */
    if (gen_acronym_valid_sf(sf, sf_len) && sf_len < SF_MAX)
        return long_then_short(sink, sf, sf_len, b, bn);
    if (sfn < pn) {
        int rc = inner_definition(sink, p, pn);
        if (rc != 0)
            return rc < 0 ? rc : 0;
        /* "(EC 1.11.1.9; GPx)": failing the first part, the short form may be the last */
        size_t last = pn;
        while (last > 0 && !((p[last - 1] == ',' || p[last - 1] == ';') && p[last] == ' '))
            last--;
        const char *tail = p + last;
        size_t tail_len = pn - last;
        trim(&tail, &tail_len);
        gen_acronym_unemphasise(&tail, &tail_len);
        if (last > 0 && gen_acronym_valid_sf(tail, tail_len) && tail_len < SF_MAX) {
            struct filter inner = {sink};
            struct gen_sink several = {several_words, &inner};
            return long_then_short(&several, tail, tail_len, b, bn);
        }
    }
    if (pn == 1 && gen_is_upper(p[0]))
        return one_letter(sink, p, b, bn);
    if (lowercase_short_form(p, sfn))
        return lowercase_definition(sink, p, sfn, b, bn);
    if (count_tokens(p, pn) >= 2 || utf8_chars(p, pn) > 10)
        return short_then_long(sink, p, pn, b, bn);
    return 0;
}

struct capped {
    const struct gen_sink *sink; /* where facts go */
    size_t count;                /* facts passed on so far */
};

/*
 * At most DEFINITIONS_MAX definitions per sentence: each fact copies its
 * sentence, so a run-on "sentence" of thousands of definitions would cost
 * quadratic time. No real sentence defines that many.
 */
enum { DEFINITIONS_MAX = 64 };

static int capped_add(void *ctx, const struct recite_gen_fact *fact)
{
    struct capped *c = ctx;
    if (c->count >= DEFINITIONS_MAX)
        return 0;
    c->count++;
    return c->sink->add(c->sink->ctx, fact);
}

int gen_acronyms(const struct gen_sink *outer, const struct gen_sentence *s)
{
    struct capped cap = {outer, 0};
    const struct gen_sink capped_sink = {capped_add, &cap}, *sink = &capped_sink;
    enum { DEPTH = 64 };
    size_t stack[DEPTH];
    bool nested[DEPTH];
    size_t depth = 0, overflow = 0;
    static const unsigned char bracket[256] = {['('] = 1, ['['] = 1, [')'] = 1, [']'] = 1};
    for (size_t i = 0; i < s->len; i++) {
        char c = s->text[i];
        if (!bracket[(unsigned char)c])
            continue;
        if (c == '(' || c == '[') {
            if (depth == DEPTH) {
                overflow++;
                continue;
            }
            if (depth && !attached(s->text, s->len, i))
                nested[depth - 1] = true;
            nested[depth] = false;
            stack[depth++] = i;
        } else if (c == ')' || c == ']') {
            if (overflow) {
                overflow--;
                continue;
            }
            if (depth == 0)
                continue;
            depth--;
            char want = c == ')' ? '(' : '[';
            if (s->text[stack[depth]] != want || nested[depth])
                continue;
            int rc = candidate(sink, s, stack[depth], i);
            if (rc < 0)
                return rc;
        }
    }
    int rc = gen_acronym_glossary(sink, s);
    if (rc >= 0)
        rc = gen_acronym_or(sink, s);
    if (rc >= 0)
        rc = gen_acronym_apposition(sink, s);
    return rc < 0 ? rc : gen_acronym_stands_for(sink, s);
}
