/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Look-alike expansions for acronym choice cards. A distractor whose
 * initials do not fit the acronym gives the answer away; so distractors are
 * other expansions with the same initials and, where there are too few,
 * the true expansion with one or two words swapped for words of the same
 * initial from the bank's own vocabulary ("North Atlantic Trade
 * Organization"). Everything is drawn from the card's seeded generator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_internal.h"
#include "recite/buf.h"

#define WORD_MAX 48
#define VOCAB_MAX 4096 /* words kept; a big bank stops adding once it has this many */

static const char *const small_words[] = {"of", "and", "for", "the", "in", "on",
                                          "to", "a",   "an",  "at",  "by", "&"};

/* Words that join others rather than name things: never swapped in. */
static const char *const function_words[] = {
    "about", "after", "against", "also", "among", "another", "around", "because", "been",
    "before", "being", "between", "both", "but", "could", "during", "each", "either", "from",
    "have", "having", "into", "its", "more", "most", "not", "once", "only", "other", "over",
    "should", "since", "some", "such", "than", "that", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "under", "until", "upon", "were", "what",
    "when", "where", "which", "while", "whose", "with", "within", "without", "would", "was",
    "has", "had", "one", "two", "three", "four", "five", "all", "any", "who", "how",
    "why", "our", "your", "his", "her", "will", "shall", "may", "might", "must", "can",
    "does", "did", "done", "made", "make", "takes", "took", "says", "said", "become",
    "becomes", "became", "joins", "joined", "first", "second", "third", "last", "later",
};

static bool is_function_word(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof(function_words) / sizeof(function_words[0]); i++) {
        const char *f = function_words[i];
        bool same = (w[0] | 0x20) == f[0] && strlen(f) == n;
        for (size_t j = 0; same && j < n; j++)
            same = (w[j] | 0x20) == f[j];
        if (same)
            return true;
    }
    return false;
}

static bool is_small(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof(small_words) / sizeof(small_words[0]); i++)
        if (strlen(small_words[i]) == n && strncmp(w, small_words[i], n) == 0)
            return true;
    return false;
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A word fit to swap in or out: letters only, not small, not an acronym, 3 to WORD_MAX - 1 long. */
static bool swappable(const char *w, size_t n)
{
    if (n < 3 || n >= WORD_MAX || is_small(w, n))
        return false;
    size_t capitals = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_letter(w[i]))
            return false;
        capitals += w[i] >= 'A' && w[i] <= 'Z';
    }
    return capitals < 2;
}

void expansion_initials(char *out, size_t size, const char *text)
{
    size_t len = 0;
    for (const char *p = text; *p && len + 1 < size;) {
        p += strspn(p, " -/");
        size_t n = strcspn(p, " -/");
        if (n == 0)
            break;
        if (!is_small(p, n) && is_letter(*p))
            out[len++] = (char)(*p & ~0x20);
        p += n;
    }
    if (size)
        out[len] = '\0';
}

/* Does w end as nouns and adjectives do (-tion, -ment, -ity, -ance, -al, -ive...)? */
static bool noun_like(const char *w, size_t n)
{
    static const char *const endings[] = {"tion", "sion", "ment", "ity",  "ance", "ence", "ship",
                                          "ism",  "ist",  "ness", "ary",  "ory",  "ency", "ancy",
                                          "ogy",  "ics",  "ian",  "ial",  "ical", "ive",  "ure",
                                          "age",  "ery",  "acy",  "ty",   "ions", "ments", "ities",
                                          "ances", "ences", "ships", "ists", "ures", "ages"};
    for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
        size_t k = strlen(endings[i]);
        if (n > k + 2 && strncmp(w + n - k, endings[i], k) == 0)
            return true;
    }
    return false;
}

void vocab_release(struct vocab *v)
{
    for (size_t i = 0; i < v->count; i++)
        free(v->words[i]);
    free(v->words);
    memset(v, 0, sizeof(*v));
}

static bool vocab_has(const struct vocab *v, const char *w, size_t n)
{
    /* strncmp() stops at a shorter word's end: only then is words[i][n] read */
    for (size_t i = 0; i < v->count; i++)
        if (v->words[i][0] == w[0] && strncmp(v->words[i], w, n) == 0 && v->words[i][n] == '\0')
            return true;
    return false;
}

void vocab_add_text(struct vocab *v, const char *text, bool prose)
{
    for (const char *p = text; p && *p && !v->oom;) {
        p += strspn(p, " ,;:()\".");
        size_t n = strcspn(p, " ,;:()\".");
        if (n == 0)
            break;
        /* In prose a capital marks a name (Putin, Estonia), and verbs abound: only
           nouns and adjectives by their ending are kept. */
        bool fits = !prose || (!(p[0] >= 'A' && p[0] <= 'Z') && noun_like(p, n));
        if (v->count < VOCAB_MAX && fits && n >= 4 && swappable(p, n) &&
            !is_function_word(p, n) && !vocab_has(v, p, n)) {
            if (recite_grow((void **)&v->words, &v->cap, v->count + 1, sizeof(*v->words)) < 0) {
                v->oom = true;
                return;
            }
            char *word = malloc(n + 1);
            if (!word) {
                v->oom = true;
                return;
            }
            memcpy(word, p, n);
            word[n] = '\0';
            v->words[v->count++] = word;
        }
        p += n;
    }
}

/* Words of text, as spans. */
struct words {
    const char *at[32];
    size_t len[32];
    size_t count;
};

static bool split(struct words *w, const char *text)
{
    w->count = 0;
    for (const char *p = text; *p;) {
        size_t gap = strspn(p, " ");
        p += gap;
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        if (w->count == 32)
            return false;
        w->at[w->count] = p;
        w->len[w->count++] = n;
        p += n;
    }
    return true;
}

/* How well c can stand in for w: -1 not at all, else higher is better. */
static int fit(const char *c, size_t cn, const char *w, size_t n)
{
    if ((c[0] | 0x20) != (w[0] | 0x20))
        return -1;
    /* the same word inflected ("Europe", "European") is no other word */
    size_t stem = 0;
    while (stem < cn && stem < n && (c[stem] | 0x20) == (w[stem] | 0x20))
        stem++;
    if (stem >= 4 || (stem == cn && stem == n))
        return -1;
    /* the same ending makes the same part of speech, as often as not */
    int score = 0;
    while (score < 3 && (size_t)score < cn && (size_t)score < n &&
           (c[cn - 1 - score] | 0x20) == (w[n - 1 - score] | 0x20))
        score++;
    return score;
}

/* A vocabulary word to put in place of w, used in no other place; NULL when none. */
static const char *replacement(const struct vocab *v, const char *w, size_t n, const char **taken,
                               size_t taken_count, struct recite_rng *rng)
{
    const char *picked = NULL;
    size_t seen = 0;
    int best = -1;
    for (size_t i = 0; i < v->count; i++) {
        const char *c = v->words[i];
        size_t cn = strlen(c);
        int score = fit(c, cn, w, n);
        bool used = false;
        for (size_t k = 0; k < taken_count && !used; k++)
            used = strcmp(taken[k], c) == 0;
        if (score < 0 || used || score < best)
            continue;
        if (score > best) {
            best = score;
            seen = 0;
        }
        /* reservoir: each word of the best fit equally likely */
        if (recite_rng_below(rng, ++seen) == 0)
            picked = c;
    }
    return picked;
}

bool expansion_variant(char *out, size_t size, const char *expansion, const struct vocab *v,
                       struct recite_rng *rng, size_t swaps)
{
    struct words w;
    if (!split(&w, expansion) || w.count == 0)
        return false;
    const char *with[32] = {0};
    size_t candidates[32], n = 0;
    for (size_t i = 0; i < w.count; i++)
        if (swappable(w.at[i], w.len[i]))
            candidates[n++] = i;
    /* words already in the expansion, and those swapped in, are not used again */
    char words[32][WORD_MAX];
    const char *taken[64];
    size_t taken_count = 0;
    for (size_t i = 0; i < w.count; i++) {
        if (w.len[i] >= WORD_MAX)
            continue;
        memcpy(words[i], w.at[i], w.len[i]);
        words[i][w.len[i]] = '\0';
        taken[taken_count++] = words[i];
    }
    size_t done = 0;
    for (size_t tries = 0; tries < 2 * swaps + 2 && done < swaps && n > 0; tries++) {
        size_t k = candidates[recite_rng_below(rng, n)];
        if (with[k])
            continue;
        if ((with[k] = replacement(v, w.at[k], w.len[k], taken, taken_count, rng))) {
            taken[taken_count++] = with[k];
            done++;
        }
    }
    if (done == 0)
        return false;
    size_t len = 0;
    for (size_t i = 0; i < w.count; i++) {
        const char *t = with[i] ? with[i] : w.at[i];
        size_t tn = with[i] ? strlen(with[i]) : w.len[i];
        if (len + tn + 2 > size)
            return false;
        if (i)
            out[len++] = ' ';
        memcpy(out + len, t, tn);
        /* a swapped word takes the case of the word it replaces */
        if (with[i])
            out[len] = (char)((w.at[i][0] >= 'A' && w.at[i][0] <= 'Z') ? out[len] & ~0x20
                                                                        : out[len] | 0x20);
        len += tn;
    }
    out[len] = '\0';
    return true;
}
