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
#include <strings.h>

#include "facts_internal.h"
#include "hash.h"
#include "recite/buf.h"

#define WORD_MAX 48
#define VOCAB_MAX 4096 /* words kept; a big bank stops adding once it has this many */

static const char *const small_words[] = {"of", "and", "for", "the", "in", "on",
                                          "to", "a",   "an",  "at",  "by", "&"};

/* A word with its length, so that a table is searched by length first. */
struct sized_word {
    const char *text;
    size_t len;
};
#define W(s) {s, sizeof(s) - 1}

/* Words that join others rather than name things: never swapped in. */
static const struct sized_word function_words[] = {
    W("about"), W("after"), W("against"), W("also"), W("among"), W("another"), W("around"),
    W("because"), W("been"), W("before"), W("being"), W("between"), W("both"), W("but"),
    W("could"), W("during"), W("each"), W("either"), W("from"), W("have"), W("having"), W("into"),
    W("its"), W("more"), W("most"), W("not"), W("once"), W("only"), W("other"), W("over"),
    W("should"), W("since"), W("some"), W("such"), W("than"), W("that"), W("their"), W("them"),
    W("then"), W("there"), W("these"), W("they"), W("this"), W("those"), W("through"), W("under"),
    W("until"), W("upon"), W("were"), W("what"), W("when"), W("where"), W("which"), W("while"),
    W("whose"), W("with"), W("within"), W("without"), W("would"), W("was"), W("has"), W("had"),
    W("one"), W("two"), W("three"), W("four"), W("five"), W("all"), W("any"), W("who"), W("how"),
    W("why"), W("our"), W("your"), W("his"), W("her"), W("will"), W("shall"), W("may"), W("might"),
    W("must"), W("can"), W("does"), W("did"), W("done"), W("made"), W("make"), W("takes"),
    W("took"), W("says"), W("said"), W("become"), W("becomes"), W("became"), W("joins"),
    W("joined"), W("first"), W("second"), W("third"), W("last"), W("later"),
};

static bool is_function_word(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof(function_words) / sizeof(function_words[0]); i++) {
        const char *f = function_words[i].text;
        bool same = function_words[i].len == n && (w[0] | 0x20) == f[0];
        for (size_t j = 1; same && j < n; j++)
            same = (w[j] | 0x20) == f[j];
        if (same)
            return true;
    }
    return false;
}

static bool is_small(const char *w, size_t n)
{
    if (n > 3) /* the longest small word */
        return false;
    for (size_t i = 0; i < sizeof(small_words) / sizeof(small_words[0]); i++)
        if (strlen(small_words[i]) == n && strncmp(w, small_words[i], n) == 0)
            return true;
    return false;
}

bool card_letter(char c)
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
        if (!card_letter(w[i]))
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
        if (!is_small(p, n) && card_letter(*p))
            out[len++] = (char)(*p & ~0x20);
        p += n;
    }
    if (size)
        out[len] = '\0';
}

/* Does w end as nouns and adjectives do (-tion, -ment, -ity, -ance, -al, -ive...)? */
static bool noun_like(const char *w, size_t n)
{
    static const struct sized_word endings[] = {
        W("tion"),  W("sion"),  W("ment"),  W("ity"),  W("ance"), W("ence"),  W("ship"),
        W("ism"),   W("ist"),   W("ness"),  W("ary"),  W("ory"),  W("ency"),  W("ancy"),
        W("ogy"),   W("ics"),   W("ian"),   W("ial"),  W("ical"), W("ive"),   W("ure"),
        W("age"),   W("ery"),   W("acy"),   W("ty"),   W("ions"), W("ments"), W("ities"),
        W("ances"), W("ences"), W("ships"), W("ists"), W("ures"), W("ages")};
    for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
        size_t k = endings[i].len;
        if (n > k + 2 && memcmp(w + n - k, endings[i].text, k) == 0)
            return true;
    }
    return false;
}

void vocab_release(struct vocab *v)
{
    for (size_t i = 0; i < v->count; i++)
        free(v->words[i]);
    free(v->words);
    free(v->slots);
    memset(v, 0, sizeof(*v));
}

static uint64_t word_hash(const char *w, size_t n)
{
    return recite_hash_bytes(w, n);
}

/*
 * The slot of word w (n bytes) in the set: where it is, or the empty slot
 * where it would go. The set is at most half full, so a probe ends.
 */
static size_t vocab_slot(const struct vocab *v, const char *w, size_t n, uint64_t hash)
{
    size_t at = (size_t)hash & (v->slot_cap - 1);
    for (;;) {
        uint32_t slot = v->slots[at];
        if (slot == 0)
            return at;
        const char *word = v->words[slot - 1];
        if (strncmp(word, w, n) == 0 && word[n] == '\0')
            return at;
        at = (at + 1) & (v->slot_cap - 1);
    }
}

/* Room in the set for one more word; false when out of memory. */
static bool vocab_reserve(struct vocab *v)
{
    if ((v->count + 1) * 2 <= v->slot_cap)
        return true;
    size_t cap = v->slot_cap ? v->slot_cap * 2 : 256;
    uint32_t *slots = calloc(cap, sizeof(*slots));
    if (!slots)
        return false;
    uint32_t *old = v->slots;
    v->slots = slots;
    v->slot_cap = cap;
    for (size_t i = 0; i < v->count; i++) {
        size_t n = strlen(v->words[i]);
        v->slots[vocab_slot(v, v->words[i], n, word_hash(v->words[i], n))] = (uint32_t)(i + 1);
    }
    free(old);
    return true;
}

/* Adds the word p[0, n) to v unless it is there; false when memory runs out. */
static bool vocab_insert(struct vocab *v, const char *p, size_t n)
{
    if (!vocab_reserve(v))
        return false;
    size_t at = vocab_slot(v, p, n, word_hash(p, n));
    if (v->slots[at] != 0)
        return true;
    if (recite_grow((void **)&v->words, &v->cap, v->count + 1, sizeof(*v->words)) < 0)
        return false;
    char *word = malloc(n + 1);
    if (!word)
        return false;
    memcpy(word, p, n);
    word[n] = '\0';
    v->words[v->count++] = word;
    v->slots[at] = (uint32_t)v->count;
    return true;
}

void vocab_add_text(struct vocab *v, const char *text, bool prose)
{
    for (const char *p = text; p && *p && !v->oom;) {
        p += strspn(p, " ,;:()\".");
        size_t n = strcspn(p, " ,;:()\".");
        if (n == 0)
            break;
        /* In prose a capital marks a name (Putin, Estonia), and verbs abound: only
           nouns and adjectives by their ending are kept. The tests are pure, the
           cheapest first; a word is looked up in the set only when it fits. */
        if (v->count < VOCAB_MAX && n >= 4 && swappable(p, n) &&
            (!prose || (!(p[0] >= 'A' && p[0] <= 'Z') && noun_like(p, n))) &&
            !is_function_word(p, n) && !vocab_insert(v, p, n))
            v->oom = true;
        p += n;
    }
}

void vocab_add_lowercase(struct vocab *seen, const char *text)
{
    for (const char *p = text; p && *p && !seen->oom;) {
        p += strspn(p, " ,;:()\".-/");
        size_t n = strcspn(p, " ,;:()\".-/");
        if (n == 0)
            break;
        if (seen->count < VOCAB_MAX && n >= 4 && p[0] >= 'a' && p[0] <= 'z' &&
            swappable(p, n) && !is_function_word(p, n) && !vocab_insert(seen, p, n))
            seen->oom = true;
        p += n;
    }
}

bool vocab_has(const struct vocab *v, const char *w, size_t n)
{
    if (!v->slot_cap)
        return false;
    uint32_t slot = v->slots[vocab_slot(v, w, n, word_hash(w, n))];
    return slot != 0;
}

/*
 * The words of v that can share w's initial, [*from, *to): in a grouped
 * vocabulary only its group; false when none can.
 */
static bool initial_group(const struct vocab *v, const char *w, size_t *from, size_t *to)
{
    *from = 0;
    *to = v->count;
    if (!v->grouped)
        return true;
    int g = (w[0] | 0x20) - 'a';
    if (g < 0 || g >= 26)
        return false;
    *from = v->group[g];
    *to = v->group[g + 1];
    return true;
}

/* Whether v holds w in any case: a word the bank writes in lower case somewhere. */
static bool vocab_has_nocase(const struct vocab *v, const char *w, size_t n)
{
    size_t from, to;
    if (!initial_group(v, w, &from, &to))
        return false;
    for (size_t i = from; i < to; i++)
        if (strncasecmp(v->words[i], w, n) == 0 && v->words[i][n] == '\0')
            return true;
    return false;
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

static bool ends_with(const char *w, size_t n, const char *end)
{
    size_t k = strlen(end);
    if (n <= k + 1)
        return false;
    for (size_t i = 0; i < k; i++)
        if ((w[n - k + i] | 0x20) != end[i])
            return false;
    return true;
}

/* "Republics", "Forces"; not "Status", "Analysis", "Access", "Gas" */
static bool plural(const char *w, size_t n)
{
    return n > 3 && (w[n - 1] | 0x20) == 's' && !ends_with(w, n, "ss") && !ends_with(w, n, "us") &&
           !ends_with(w, n, "is");
}

/*
 * Whether w ends as an adjective (or a word of a creed) does: "Practical",
 * "Comprehensive", "Communist". Some nouns end so too ("Initiative"): a word
 * is then only not swapped, never swapped wrongly.
 */
static bool adjective_like(const char *w, size_t n)
{
    static const char *const endings[] = {"ical", "ous", "ful", "able", "ible", "less", "ial",
                                          "nal",  "ral", "tal", "ive",  "ist"};
    for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++)
        if (ends_with(w, n, endings[i]))
            return true;
    return false;
}

/* Whether w ends as only a noun does: "Partnership", "Cooperation", "Agreement". */
static bool noun_only(const char *w, size_t n)
{
    static const char *const endings[] = {"tion", "sion", "ment", "ness", "ship", "ity",
                                          "ance", "ence", "ism",  "ure",  "ogy"};
    for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++)
        if (ends_with(w, n, endings[i]))
            return true;
    return false;
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
    /* a participle, an adverb or a plural only where the word was one: "Piloted for Peace",
       "United of Soviet ...", "Universities of ..." are no names */
    static const char *const marked[] = {"ed", "ing", "ly"};
    for (size_t i = 0; i < sizeof(marked) / sizeof(marked[0]); i++)
        if (ends_with(c, cn, marked[i]) != ends_with(w, n, marked[i]))
            return -1;
    if (plural(c, cn) != plural(w, n) || (noun_like(w, n) && !noun_like(c, cn)))
        return -1;
    /* an adjective only for one ("Practical for Peace"), a noun only for none
       ("Infrastructure Security Assistance Force") */
    if ((adjective_like(c, cn) && !adjective_like(w, n)) ||
        (adjective_like(w, n) && noun_only(c, cn)))
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
    size_t from, to;
    if (!initial_group(v, w, &from, &to)) /* only words of w's initial can fit */
        return NULL;
    for (size_t i = from; i < to; i++) {
        const char *c = v->words[i];
        size_t cn = strlen(c);
        int score = fit(c, cn, w, n);
        bool used = false;
        for (size_t k = 0; k < taken_count && !used; k++)
            used = strcasecmp(taken[k], c) == 0; /* "Science ... and Science" */
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
    /* a name stays ("Ukraine of Soviet ...", "Istanbul Security ..."): only words the
       bank also writes in lower case are swapped, and only for such words */
    for (size_t i = 0; i < w.count; i++)
        if (swappable(w.at[i], w.len[i]) && vocab_has_nocase(v, w.at[i], w.len[i]))
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
