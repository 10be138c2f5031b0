/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A bank's card notes: what acronym choice cards look up across the whole
 * bank, gathered once per version of the bank rather than per card. They
 * hold the acronyms by the initials of their expansions (so that a card
 * finds the other expansions that fit its initials in O(log n), not by
 * reading hundreds of facts) and the bank's vocabulary of swappable words
 * by initial (for look-alike expansions). A bank in memory builds them on
 * first use; a stored bank keeps them in its database beside the judge's
 * lexicon.
 *
 * The kept form is text, one record a line:
 *
 *     card-notes 1
 *     acronyms N of M      N with initials, of the M acronyms of the bank
 *     INITIALS<TAB>AT      N lines, sorted by initials, then AT < M
 *     words M
 *     WORD                 M lines, sorted by lower-case initial, then bytes
 *
 * AT is the acronym's position among the bank's acronyms in bank order (its
 * place in the index's of_kind[RECITE_FACT_ACRONYM]).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_internal.h"
#include "recite/buf.h"

struct note_acronym {
    char *initials;
    size_t at;
};

struct card_notes_builder {
    struct note_acronym *acronyms;
    size_t count, cap;
    size_t acronyms_seen; /* acronym facts added, in bank order */
    struct vocab vocab;
    bool oom;
};

struct card_notes {
    char *text; /* the kept form, its lines cut into strings */
    struct note_acronym *acronyms;
    size_t acronym_count;
    size_t acronym_total; /* the bank's acronyms when the notes were made */
    struct vocab words;   /* borrowed from text, grouped by initial */
};

bool card_notes_reads(enum recite_fact_kind kind)
{
    return kind == RECITE_FACT_ACRONYM || kind == RECITE_FACT_EVENT ||
           kind == RECITE_FACT_QUESTION || kind == RECITE_FACT_SET;
}

int card_notes_builder_new(struct card_notes_builder **out)
{
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : RECITE_ENOMEM;
}

void card_notes_builder_free(struct card_notes_builder *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->count; i++)
        free(b->acronyms[i].initials);
    free(b->acronyms);
    vocab_release(&b->vocab);
    free(b);
}

/* The first spelling of field name of fact; NULL when it has none. */
static const char *first(const struct recite_fact *fact, const char *name)
{
    const struct recite_field *f = recite_fact_field(fact, name);
    return f && f->alt_count ? f->alts[0] : NULL;
}

static void add_acronym(struct card_notes_builder *b, const struct recite_fact *fact)
{
    size_t at = b->acronyms_seen++;
    const char *lng = first(fact, "long");
    char initials[64];
    if (!lng)
        return;
    vocab_add_text(&b->vocab, lng, false);
    expansion_initials(initials, sizeof(initials), lng);
    if (!initials[0])
        return;
    if (recite_grow((void **)&b->acronyms, &b->cap, b->count + 1, sizeof(*b->acronyms)) < 0 ||
        !(b->acronyms[b->count].initials = recite_strdup(initials))) {
        b->oom = true;
        return;
    }
    b->acronyms[b->count++].at = at;
}

int card_notes_builder_add(struct card_notes_builder *b, const struct recite_fact *fact)
{
    static const struct {
        enum recite_fact_kind kind;
        const char *field;
    } prose[] = {{RECITE_FACT_EVENT, "what"}, {RECITE_FACT_QUESTION, "ask"},
                 {RECITE_FACT_SET, "prompt"}};
    if (fact->kind == RECITE_FACT_ACRONYM)
        add_acronym(b, fact);
    for (size_t i = 0; i < sizeof(prose) / sizeof(prose[0]); i++) {
        const char *text = fact->kind == prose[i].kind ? first(fact, prose[i].field) : NULL;
        if (text)
            vocab_add_text(&b->vocab, text, true);
    }
    return b->oom || b->vocab.oom ? RECITE_ENOMEM : 0;
}

static int by_initials(const void *x, const void *y)
{
    const struct note_acronym *a = x, *b = y;
    int c = strcmp(a->initials, b->initials);
    return c ? c : (a->at > b->at) - (a->at < b->at);
}

/* Words ordered by lower-case initial, then bytes: a word's group is one run. */
static int word_order(const char *a, const char *b)
{
    int x = a[0] | 0x20, y = b[0] | 0x20;
    return x != y ? x - y : strcmp(a, b);
}

static int by_word(const void *x, const void *y)
{
    return word_order(*(char *const *)x, *(char *const *)y);
}

int card_notes_builder_finish(struct card_notes_builder *b, unsigned char **data, size_t *len,
                              struct recite_error *err)
{
    *data = NULL;
    *len = 0;
    if (b->oom || b->vocab.oom)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    qsort(b->acronyms, b->count, sizeof(*b->acronyms), by_initials);
    qsort(b->vocab.words, b->vocab.count, sizeof(*b->vocab.words), by_word);
    struct recite_buf out = {0};
    recite_buf_addf(&out, "card-notes 1\nacronyms %zu of %zu\n", b->count, b->acronyms_seen);
    for (size_t i = 0; i < b->count; i++)
        recite_buf_addf(&out, "%s\t%zu\n", b->acronyms[i].initials, b->acronyms[i].at);
    recite_buf_addf(&out, "words %zu\n", b->vocab.count);
    for (size_t i = 0; i < b->vocab.count; i++)
        recite_buf_addf(&out, "%s\n", b->vocab.words[i]);
    /* the slots index words by their old places: the builder is done with them */
    free(b->vocab.slots);
    b->vocab.slots = NULL;
    b->vocab.slot_cap = 0;
    return recite_buf_finish(&out, (char **)data, len, err);
}

void card_notes_free(struct card_notes *notes)
{
    if (!notes)
        return;
    free(notes->text);
    free(notes->acronyms);
    free(notes->words.words);
    free(notes);
}

/* The next line of the text at *p (cut at its newline); NULL at the end. */
static char *next_line(char **p, char *end)
{
    if (*p >= end)
        return NULL;
    char *line = *p, *nl = memchr(line, '\n', (size_t)(end - line));
    if (!nl)
        return NULL;
    *nl = '\0';
    *p = nl + 1;
    return line;
}

/* A count in decimal digits at *p, no larger than limit; *p moves past it. */
static bool count_at(const char **p, size_t limit, size_t *out)
{
    if (**p < '0' || **p > '9')
        return false;
    char *stop;
    unsigned long long v = strtoull(*p, &stop, 10);
    if (v > limit)
        return false;
    *p = stop;
    *out = (size_t)v;
    return true;
}

/* "NAME N" with N a count no larger than limit. */
static bool count_line(const char *line, const char *name, size_t limit, size_t *out)
{
    size_t n = strlen(name);
    if (!line || strncmp(line, name, n) != 0 || line[n] != ' ')
        return false;
    const char *p = line + n + 1;
    return count_at(&p, limit, out) && *p == '\0';
}

/* "acronyms N of M". */
static bool acronyms_line(const char *line, size_t limit, size_t *count, size_t *total)
{
    const char *p = line;
    if (!p || strncmp(p, "acronyms ", 9) != 0)
        return false;
    p += 9;
    if (!count_at(&p, limit, count) || strncmp(p, " of ", 4) != 0)
        return false;
    p += 4;
    return count_at(&p, SIZE_MAX / 2, total) && *p == '\0' && *count <= *total;
}

static bool read_acronym(char *line, struct note_acronym *out)
{
    char *tab = line ? strchr(line, '\t') : NULL;
    if (!tab || tab == line || tab[1] < '0' || tab[1] > '9')
        return false;
    *tab = '\0';
    for (const char *c = line; *c; c++)
        if (*c < 'A' || *c > 'Z')
            return false;
    char *stop;
    unsigned long long at = strtoull(tab + 1, &stop, 10);
    if (*stop != '\0' || at > SIZE_MAX / 2)
        return false;
    *out = (struct note_acronym){line, (size_t)at};
    return true;
}

static bool read_word(const char *line)
{
    if (!line || !*line || strlen(line) >= 64)
        return false;
    for (const char *c = line; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')))
            return false;
    return true;
}

/* Each word's initial starts a run: group[g]..group[g + 1] holds initial 'a' + g. */
static void group_words(struct vocab *v)
{
    size_t at = 0;
    for (int g = 0; g < 26; g++) {
        v->group[g] = at;
        while (at < v->count && (v->words[at][0] | 0x20) == 'a' + g)
            at++;
    }
    v->group[26] = at;
    v->grouped = true;
}

int card_notes_load(struct card_notes **out, const unsigned char *data, size_t len,
                    struct recite_error *err)
{
    *out = NULL;
    struct card_notes *n = calloc(1, sizeof(*n));
    if (!n || !(n->text = malloc(len + 1))) {
        free(n);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    memcpy(n->text, data, len);
    n->text[len] = '\0';
    char *p = n->text, *end = n->text + len;
    size_t acronyms = 0, words = 0;
    const char *line = next_line(&p, end);
    bool ok = line && strcmp(line, "card-notes 1") == 0 &&
              acronyms_line(next_line(&p, end), len / 4, &acronyms, &n->acronym_total);
    if (ok && !(n->acronyms = calloc(acronyms + 1, sizeof(*n->acronyms))))
        goto oom;
    for (size_t i = 0; ok && i < acronyms; i++) {
        ok = read_acronym(next_line(&p, end), &n->acronyms[i]) &&
             n->acronyms[i].at < n->acronym_total &&
             (i == 0 || by_initials(&n->acronyms[i - 1], &n->acronyms[i]) < 0);
        n->acronym_count += ok;
    }
    ok = ok && count_line(next_line(&p, end), "words", len / 2, &words);
    if (ok && !(n->words.words = calloc(words + 1, sizeof(*n->words.words))))
        goto oom;
    for (size_t i = 0; ok && i < words; i++) {
        char *word = next_line(&p, end);
        ok = read_word(word) && (i == 0 || word_order(n->words.words[i - 1], word) < 0);
        if (ok)
            n->words.words[n->words.count++] = word;
    }
    if (!ok || p != end) {
        card_notes_free(n);
        return recite_error_set(err, RECITE_EDATA, "the kept card notes do not read");
    }
    group_words(&n->words);
    *out = n;
    return 0;
oom:
    card_notes_free(n);
    return recite_error_set(err, RECITE_ENOMEM, "out of memory");
}

size_t card_notes_initials(const struct card_notes *notes, const char *initials, size_t *first)
{
    size_t lo = 0, hi = notes->acronym_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(notes->acronyms[mid].initials, initials) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < notes->acronym_count && strcmp(notes->acronyms[end].initials, initials) == 0)
        end++;
    *first = lo;
    return end - lo;
}

size_t card_notes_acronyms(const struct card_notes *notes)
{
    return notes->acronym_total;
}

size_t card_notes_acronym_at(const struct card_notes *notes, size_t i)
{
    return notes->acronyms[i].at;
}

const struct vocab *card_notes_vocab(const struct card_notes *notes)
{
    return &notes->words;
}

int card_notes_of_bank(struct card_notes **out, const struct recite_bank *bank,
                       struct recite_error *err)
{
    struct card_notes_builder *b = NULL;
    unsigned char *data = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = card_notes_builder_new(&b);
    for (size_t i = 0; rc == 0 && i < bank->fact_count; i++)
        rc = card_notes_builder_add(b, &bank->facts[i]);
    if (rc < 0)
        rc = recite_error_set(err, rc, "out of memory");
    else
        rc = card_notes_builder_finish(b, &data, &len, err);
    if (rc == 0)
        rc = card_notes_load(out, data, len, err);
    free(data);
    card_notes_builder_free(b);
    return rc;
}
