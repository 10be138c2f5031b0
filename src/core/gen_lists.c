/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Membership lists (spec §3): coordinated proper names "A, B, and C" with
 * at least three items, or two with a membership verb. The count a trigger
 * states ("12 nations: ...") is checked; a mismatch lowers confidence.
 */
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

#define MAX_ITEMS 64

struct item {
    size_t start, end;
};

static const char *const name_glue[] = {"of", "for", "the", "de", "&", "du", "la", "von", "in",
                                        "on", NULL};

/* Membership verbs: with one of these after it, a list of two names counts (spec §3.1). */
static const char *const membership[] = {
    "joined", "join", "joining", "admitted", "invited", "signed", "include", "includes",
    "included", "became", "become", "acceded", "accede", NULL,
};

static const char *const number_words[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", NULL,
};

/* Non-names that are capitalised at a list start or are discourse words. */
static const char *const not_names[] = {
    "In", "On", "At", "The", "A", "An", "It", "This", "That", "These", "Those", "However",
    "But", "And", "Or", "If", "As", "For", "From", "With", "While", "When", "Since", "After",
    "Before", "During", "Today", "Yet", "Also", "Thus", "Then", "By", "Both", "Under",
    "Beyond", "Whether", "Through", "Throughout", "Due", "First", "Second", "Finally",
    "Several", "Many", "Some", "All", "Each", "Its", "Their", "His", "Her", "Our", "We", "They",
    "He", "She", "There", "Although", "Despite", "Instead", "Moreover", "Furthermore", NULL,
};

static bool starts_upper(const char *t, size_t i, size_t n)
{
    if (i >= n)
        return false;
    if (gen_is_upper(t[i]))
        return true;
    unsigned char c = (unsigned char)t[i];
    return c == 0xC3 && i + 1 < n && (unsigned char)t[i + 1] <= 0x9E;
}

/* End of a name word starting at i: letters, digits, '-', '\'', dots of initials. */
static size_t word_end(const char *t, size_t i, size_t n)
{
    size_t e = i;
    while (e < n) {
        if (gen_is_word_byte(t + e, t + n) || t[e] == '-' || t[e] == '\'') {
            e++;
            continue;
        }
        /* ’ inside a word (China’s) */
        if (e + 3 <= n && memcmp(t + e, "\xE2\x80\x99", 3) == 0 && e + 3 < n &&
            gen_is_alpha(t[e + 3])) {
            e += 3;
            continue;
        }
        /* U.S.: a dot after a single capital */
        if (t[e] == '.' && e > i && gen_is_upper(t[e - 1]) && (e - 1 == i || t[e - 2] == '.'))
        {
            e++;
            continue;
        }
        break;
    }
    return e;
}

static bool word_is(const char *t, size_t s, size_t e, const char *w)
{
    return gen_word_eq(t + s, e - s, w, false);
}

/* A name at i: ["the"] Title-Case words joined by glue words; returns its end or 0. */
static size_t parse_name(const char *t, size_t i, size_t n)
{
    size_t j = i;
    if (j + 4 < n && memcmp(t + j, "the ", 4) == 0)
        j += 4;
    if (!starts_upper(t, j, n))
        return 0;
    size_t e = word_end(t, j, n);
    if (e == j || gen_word_in(t + j, e - j, not_names, false))
        return 0;
    for (;;) {
        size_t k = e;
        if (k + 1 < n && t[k] == ' ' && starts_upper(t, k + 1, n)) {
            size_t e2 = word_end(t, k + 1, n);
            if (e2 > k + 1) {
                e = e2;
                continue;
            }
        }
        if (k + 1 < n && t[k] == ' ') {
            size_t ge = k + 1;
            while (ge < n && t[ge] != ' ')
                ge++;
            if (gen_word_in(t + k + 1, ge - k - 1, name_glue, false) && starts_upper(t, ge + 1, n)) {
                size_t e2 = word_end(t, ge + 1, n);
                if (e2 > ge + 1) {
                    e = e2;
                    continue;
                }
            }
        }
        /* "the Open Lands (OL) Treaty": a parenthesised acronym */
        if (k + 2 < n && t[k] == ' ' && t[k + 1] == '(') {
            const char *close = memchr(t + k + 2, ')', n - k - 2);
            if (close && close - (t + k) < 14 && starts_upper(t, k + 2, n)) {
                e = (size_t)(close - t) + 1;
                continue;
            }
        }
        return e;
    }
}

/* Nationality and direction adjectives: "Russian", "Chinese", "Western", "Baltic". */
static bool adjective_ending(const char *w, size_t n)
{
    static const char *const endings[] = {"an", "ese", "ish", "ern", "ic", NULL};
    for (size_t i = 0; endings[i]; i++) {
        size_t m = strlen(endings[i]);
        if (n > m && memcmp(w + n - m, endings[i], m) == 0)
            return true;
    }
    return false;
}

/* Parses "X1, X2, ..., (and|or) Xn" at i; returns the item count (0 if none). */
static size_t parse_list(struct item *items, size_t *end, const char *t, size_t i, size_t n)
{
    size_t count = 0;
    bool closed = false;
    size_t p = i;
    while (count < MAX_ITEMS) {
        size_t e = parse_name(t, p, n);
        if (!e)
            break;
        /* an item followed by a lowercase noun is an adjective: "North Korean provocation" */
        if (e + 1 < n && t[e] == ' ' && gen_is_lower(t[e + 1]) && adjective_ending(t + p, e - p)) {
            size_t we = e + 1;
            while (we < n && gen_is_alpha(t[we]))
                we++;
            static const char *const ok[] = {"and", "or", "in", "were", "was", "are", "is",
                                             "have", "has", "had", "to", "joined", "signed",
                                             "became", "from", "at", "on", "with", "as", NULL};
            bool verb_like = we > e + 4 && ((t[we - 1] == 'd' && t[we - 2] == 'e') ||
                                            (t[we - 1] == 'g' && t[we - 2] == 'n' && t[we - 3] == 'i'));
            if (!gen_word_in(t + e + 1, we - e - 1, ok, false) && !verb_like)
                return 0;
        }
        items[count++] = (struct item){p, e};
        *end = e;
        /* "Albania and Croatia in 2009, Montenegro in 2017, and ...": dates between items */
        size_t q = e;
        if (q + 8 <= n && memcmp(t + q, " in ", 4) == 0 && gen_is_digit(t[q + 4]) &&
            gen_is_digit(t[q + 7]))
            q += 8;
        if (closed) {
            if (q + 2 < n && t[q] == ',' && t[q + 1] == ' ' && parse_name(t, q + 2, n)) {
                closed = false;
                p = q + 2;
                continue;
            }
            break;
        }
        p = q;
        bool comma = p < n && t[p] == ',';
        if (comma)
            p++;
        while (p < n && t[p] == ' ')
            p++;
        size_t we = p;
        while (we < n && gen_is_alpha(t[we]))
            we++;
        if (word_is(t, p, we, "and") || word_is(t, p, we, "or")) {
            closed = true;
            p = we + 1;
            if (p >= n)
                break;
        } else if (!comma) {
            break;
        }
    }
    return closed && count >= 2 ? count : 0;
}

static bool has_membership_verb(const char *t, size_t n)
{
    for (size_t i = 0; i < n;) {
        while (i < n && !gen_is_alpha(t[i]))
            i++;
        size_t e = i;
        while (e < n && gen_is_alpha(t[e]))
            e++;
        if (e > i && gen_word_in(t + i, e - i, membership, false))
            return true;
        i = e;
    }
    return false;
}

/* The count stated just before the list ("12 nations:", "three founding partners—"), or -1. */
static int stated_count(const char *t, size_t list_start)
{
    size_t i = list_start;
    for (int words = 0; i > 0 && words < 7; words++) {
        while (i > 0 && !gen_is_alnum(t[i - 1]))
            i--;
        size_t e = i;
        while (i > 0 && gen_is_alnum(t[i - 1]))
            i--;
        if (e == i)
            break;
        for (int k = 2; number_words[k]; k++)
            if (gen_word_eq(t + i, e - i, number_words[k], true))
                return k;
        bool digits = e - i <= 2;
        int v = 0;
        for (size_t k = i; k < e && digits; k++) {
            digits = gen_is_digit(t[k]);
            v = v * 10 + (t[k] - '0');
        }
        if (digits)
            return v;
        if (words > 0 && (t[e] == '.' || t[e] == ';'))
            break;
    }
    return -1;
}

static char *item_text(const char *t, const struct item *it)
{
    size_t s = it->start, e = it->end;
    if (e - s > 4 && memcmp(t + s, "the ", 4) == 0)
        s += 4;
    char *out = gen_clean_copy(t + s, e - s);
    size_t n = out ? strlen(out) : 0;
    /* a sentence-final period is not part of the name, unless it closes initials (U.S.) */
    if (n > 1 && out[n - 1] == '.' && !(n >= 3 && out[n - 3] == '.'))
        out[n - 1] = '\0';
    return out;
}

/* The prompt: the words introducing the list, or the predicate that follows it. */
static char *make_prompt(const char *t, size_t n, size_t list_start, size_t list_end)
{
    size_t s = list_start;
    while (s > 0 && (t[s - 1] == ' ' || t[s - 1] == ':' || t[s - 1] == ','))
        s--;
    while (s >= 3 && gen_dash_len(t + s - 3, t + s))
        s -= 3;
    size_t b = s;
    int words = 0;
    while (b > 0 && words < 10) {
        if (t[b - 1] == ';' || t[b - 1] == ':' || t[b - 1] == '.')
            break;
        if (b >= 3 && gen_dash_len(t + b - 3, t + b))
            break;
        if (t[b - 1] == ' ')
            words++;
        b--;
    }
    if (s > b + 8)
        return gen_clean_copy(t + b, s - b);
    size_t e = list_end;
    words = 0;
    while (e < n && words < 12 && !strchr(".;:", t[e])) {
        if (t[e] == ' ')
            words++;
        e++;
    }
    if (e > list_end + 1)
        return gen_clean_copy(t + list_end, e - list_end);
    return recite_strdup("members of the list");
}

static int emit_list(const struct gen_sink *sink, const char *t, size_t n,
                     const struct item *items, size_t count, size_t end)
{
    struct recite_gen_fact f = {0};
    char *members[MAX_ITEMS];
    size_t k = 0;
    int rc = 0;
    for (size_t i = 0; i < count; i++) {
        members[k] = item_text(t, &items[i]);
        if (!members[k]) {
            rc = RECITE_ENOMEM;
            break;
        }
        k++;
    }
    f.kind = RECITE_GEN_SET;
    f.members = members;
    f.member_count = k;
    f.rule = "enumeration";
    f.prompt = make_prompt(t, n, items[0].start, end);
    int stated = stated_count(t, items[0].start);
    if (stated > 0 && (size_t)stated != count)
        f.low = "the stated count differs from the items found";
    if (rc == 0 && f.prompt)
        rc = sink->add(sink->ctx, &f);
    else if (!f.prompt)
        rc = RECITE_ENOMEM;
    for (size_t i = 0; i < k; i++)
        free(members[i]);
    free(f.prompt);
    return rc;
}

int gen_lists(const struct gen_sink *sink, const struct gen_sentence *s)
{
    const char *t = s->text;
    size_t n = s->len;
    struct item items[MAX_ITEMS];
    for (size_t i = 0; i < n; i++) {
        bool boundary = i == 0 || !(gen_is_word_byte(t + i - 1, t + n) || t[i - 1] == '-' ||
                                    t[i - 1] == '.' || t[i - 1] == '\'');
        if (!boundary || !(starts_upper(t, i, n) || (t[i] == 't' && i + 4 < n &&
                                                     memcmp(t + i, "the ", 4) == 0)))
            continue;
        size_t end = 0;
        size_t count = parse_list(items, &end, t, i, n);
        bool pair = count == 2 && has_membership_verb(t + end, n - end) &&
                    !(end + 1 < n && t[end + 1] == '(');
        if (count >= 3 || pair) {
            int rc = emit_list(sink, t, n, items, count, end);
            if (rc < 0)
                return rc;
            i = end;
            continue;
        }
        /* skip the rest of this name so no list starts in its middle */
        size_t e = parse_name(t, i, n);
        if (e > i)
            i = e;
    }
    return 0;
}
