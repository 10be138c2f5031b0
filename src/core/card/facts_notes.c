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
 *     card-notes 2
 *     acronyms N of M      N with initials, of the M acronyms of the bank
 *     INITIALS<TAB>AT      N lines, sorted by initials, then AT < M
 *     words M
 *     WORD                 M lines, sorted by lower-case initial, then bytes
 *     sets N of M          N sets, of the M sets of the bank (all of them)
 *     AT<TAB>TYPE<TAB>RAW<TAB>FOLDED
 *                          N lines by AT: the hash of the set's type (or -),
 *                          and its member spellings' hashes as written and
 *                          folded (16 hex digits each, comma separated)
 *
 * AT is the fact's position among the bank's facts of its kind in bank order
 * (its place in the index's of_kind[]). The set lines tell a card which
 * other sets may share its type without reading them (see set_outsiders()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "facts_internal.h"
#include "hash.h"
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
    struct vocab lower; /* words the bank writes in lower case: common words, not names */
    struct recite_buf sets; /* the set lines */
    size_t sets_seen;
    bool oom;
};

struct card_notes {
    char *text; /* the kept form, its lines cut into strings */
    struct note_acronym *acronyms;
    size_t acronym_count;
    size_t acronym_total;       /* the bank's acronyms when the notes were made */
    struct vocab words;         /* borrowed from text, grouped by initial */
    const char **set_lines;     /* by at: each set's line in text, read when asked */
    struct set_read **set_read; /* by at: the line as read, once asked for; NULL before */
    size_t set_count, set_total;
};

/* A set line as read: its type and its spellings' hashes, raw ones first. */
struct set_read {
    bool typed, reads; /* reads: false when the line does not */
    uint64_t type;
    size_t raw_count, folded_count;
    uint64_t hashes[];
};

void card_notes_format(char out[CARD_NOTES_FORMAT_MAX])
{
    /* the folded hashes are utf8proc's case folding: another version may fold otherwise */
    /* "common words": the words kept are those the bank writes in lower case too */
    snprintf(out, CARD_NOTES_FORMAT_MAX, "card-notes 2; common words; utf8proc %s",
             utf8proc_version());
}

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
    vocab_release(&b->lower);
    recite_buf_free(&b->sets);
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

static void add_hashes(struct recite_buf *out, const uint64_t *hashes, size_t n)
{
    recite_buf_addc(out, '\t');
    for (size_t i = 0; i < n; i++)
        recite_buf_addf(out, "%s%016llx", i ? "," : "", (unsigned long long)hashes[i]);
}

static void add_set(struct card_notes_builder *b, const struct recite_fact *fact)
{
    size_t at = b->sets_seen++, spellings = 0;
    for (size_t i = 0; i < fact->field_count; i++)
        if (strcmp(fact->fields[i].name, "member") == 0)
            spellings += fact->fields[i].alt_count;
    uint64_t *raw = malloc((2 * spellings + 1) * sizeof(*raw)), *folded = raw + spellings;
    if (!raw) {
        b->oom = true;
        return;
    }
    size_t folded_count = card_member_hashes(fact, raw, folded);
    const char *type = recite_fact_get(fact, "type");
    recite_buf_addf(&b->sets, "%zu\t", at);
    if (type)
        recite_buf_addf(&b->sets, "%016llx", (unsigned long long)recite_hash_text(type));
    else
        recite_buf_addc(&b->sets, '-');
    add_hashes(&b->sets, raw, spellings);
    add_hashes(&b->sets, folded, folded_count);
    recite_buf_addc(&b->sets, '\n');
    free(raw);
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
    if (fact->kind == RECITE_FACT_SET)
        add_set(b, fact);
    for (size_t i = 0; i < sizeof(prose) / sizeof(prose[0]); i++) {
        const char *text = fact->kind == prose[i].kind ? first(fact, prose[i].field) : NULL;
        if (text)
            vocab_add_text(&b->vocab, text, true);
    }
    /* what the bank writes in lower case anywhere, quotes and notes too, is a common word */
    static const char *const prose_fields[] = {"what", "ask", "prompt", "explain", "text",
                                               "answer", "long"};
    vocab_add_lowercase(&b->lower, fact->quote);
    vocab_add_lowercase(&b->lower, fact->note);
    for (size_t i = 0; i < fact->field_count; i++)
        for (size_t k = 0; k < sizeof(prose_fields) / sizeof(prose_fields[0]); k++)
            if (strcmp(fact->fields[i].name, prose_fields[k]) == 0)
                for (size_t a = 0; a < fact->fields[i].alt_count; a++)
                    vocab_add_lowercase(&b->lower, fact->fields[i].alts[a]);
    return b->oom || b->vocab.oom || b->lower.oom || b->sets.oom ? RECITE_ENOMEM : 0;
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

/*
 * Keeps of v's words those the bank also writes in lower case: "Treaty"
 * ("the treaty"), not "Ukraine" or "Istanbul", which a look-alike must not
 * swap in for a common word ("Ukraine of Soviet Socialist Republics").
 */
static void keep_common_words(struct vocab *v, const struct vocab *lower)
{
    size_t kept = 0;
    for (size_t i = 0; i < v->count; i++) {
        char word[64];
        size_t n = strlen(v->words[i]);
        bool common = n < sizeof(word);
        for (size_t k = 0; common && k < n; k++)
            word[k] = (char)(v->words[i][k] | 0x20);
        if (common && vocab_has(lower, word, n))
            v->words[kept++] = v->words[i];
        else
            free(v->words[i]);
    }
    v->count = kept;
}

int card_notes_builder_finish(struct card_notes_builder *b, unsigned char **data, size_t *len,
                              struct recite_error *err)
{
    *data = NULL;
    *len = 0;
    if (b->oom || b->vocab.oom)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    /* qsort() takes no null array, even empty */
    if (b->count)
        qsort(b->acronyms, b->count, sizeof(*b->acronyms), by_initials);
    if (b->lower.oom)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    keep_common_words(&b->vocab, &b->lower);
    if (b->vocab.count)
        qsort(b->vocab.words, b->vocab.count, sizeof(*b->vocab.words), by_word);
    struct recite_buf out = {0};
    recite_buf_addf(&out, "card-notes 2\nacronyms %zu of %zu\n", b->count, b->acronyms_seen);
    for (size_t i = 0; i < b->count; i++)
        recite_buf_addf(&out, "%s\t%zu\n", b->acronyms[i].initials, b->acronyms[i].at);
    recite_buf_addf(&out, "words %zu\n", b->vocab.count);
    for (size_t i = 0; i < b->vocab.count; i++)
        recite_buf_addf(&out, "%s\n", b->vocab.words[i]);
    recite_buf_addf(&out, "sets %zu of %zu\n", b->sets_seen, b->sets_seen);
    if (b->sets.len)
        recite_buf_add(&out, b->sets.data, b->sets.len);
    if (b->sets.oom)
        out.oom = true;
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
    for (size_t i = 0; notes->set_read && i < notes->set_count; i++)
        free(notes->set_read[i]);
    free(notes->set_read);
    free(notes->set_lines);
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

/* "NAME N of M" ("acronyms 3 of 40"). */
static bool part_line(const char *line, const char *name, size_t limit, size_t *count,
                      size_t *total)
{
    const char *p = line;
    size_t n = strlen(name);
    if (!p || strncmp(p, name, n) != 0 || p[n] != ' ')
        return false;
    p += n + 1;
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

/* Zeros after the notes' text: hash_at() reads 16 bytes at once, past a short line's end. */
#define NOTES_PAD CARD_NOTES_PAD

#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL

/*
 * Eight lowercase hex digits at p as a 32-bit number, eight bytes at once
 * (a set walk reads thousands of hashes per card); false when a byte is no
 * hex digit. The sums cannot carry from one byte into the next: each byte
 * is below 0x80 before it has 0x50 or less added.
 */
static bool hex8(const char *p, uint32_t *out)
{
    uint64_t v;
    memcpy(&v, p, sizeof(v));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v); /* the first digit in the low byte */
#endif
    if (v & HIGH8)
        return false;
    uint64_t digit = (v + (0x80 - '0') * ONES8) & ~(v + (0x80 - '9' - 1) * ONES8);
    uint64_t letter = (v + (0x80 - 'a') * ONES8) & ~(v + (0x80 - 'f' - 1) * ONES8);
    if (((digit | letter) & HIGH8) != HIGH8)
        return false;
    /* '0'..'9' -> 0..9; 'a'..'f' -> 1..6, plus 9 where bit 6 marks a letter */
    uint64_t n = (v & 0x0F * ONES8) + ((v >> 6) & ONES8) * 9;
    n = ((n << 4) | (n >> 8)) & 0x00FF00FF00FF00FFULL; /* digit pairs in bytes 0, 2, 4, 6 */
    *out = (uint32_t)((n & 0xFF) << 24 | (n >> 16 & 0xFF) << 16 | (n >> 32 & 0xFF) << 8 |
                      (n >> 48 & 0xFF));
    return true;
}

/* 16 hex digits into *out; *p moves past them. The notes' text ends in NOTES_PAD zeros. */
static bool hash_at(const char **p, uint64_t *out)
{
    uint32_t high, low;
    if (!hex8(*p, &high) || !hex8(*p + 8, &low))
        return false;
    *p += 16;
    *out = (uint64_t)high << 32 | low;
    return true;
}

/* A tab, then up to cap hashes separated by commas (maybe none), into out. */
static bool hash_list(const char **p, uint64_t *out, size_t cap, size_t *count)
{
    if (**p != '\t')
        return false;
    (*p)++;
    *count = 0;
    while (**p != '\t' && **p != '\n') {
        if (*count && *(*p)++ != ',')
            return false;
        if (*count == cap || !hash_at(p, &out[(*count)++]))
            return false;
    }
    return true;
}

/* The set line at p (ending in a newline) for position at; NULL when out of memory. */
static struct set_read *read_set(const char *p, size_t at)
{
    uint64_t raw[CARD_NOTE_SPELLINGS], folded[CARD_NOTE_SPELLINGS];
    size_t raw_count = 0, folded_count = 0, said;
    uint64_t type = 0;
    bool typed = false;
    bool reads = count_at(&p, SIZE_MAX / 2, &said) && said == at && *p++ == '\t';
    if (reads) {
        typed = *p != '-';
        reads = typed ? hash_at(&p, &type) : *p++ == '-';
    }
    reads = reads && hash_list(&p, raw, CARD_NOTE_SPELLINGS, &raw_count) &&
            hash_list(&p, folded, CARD_NOTE_SPELLINGS, &folded_count) && *p == '\n';
    if (!reads)
        raw_count = folded_count = 0;
    size_t n = raw_count + folded_count;
    struct set_read *r = malloc(sizeof(*r) + n * sizeof(r->hashes[0]));
    if (!r)
        return NULL;
    *r = (struct set_read){typed, reads, type, raw_count, folded_count};
    memcpy(r->hashes, raw, raw_count * sizeof(raw[0]));
    memcpy(r->hashes + raw_count, folded, folded_count * sizeof(folded[0]));
    return r;
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
    char *text = malloc(len + NOTES_PAD);
    if (!text)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if (len)
        memcpy(text, data, len);
    memset(text + len, 0, NOTES_PAD); /* a hash read at the end finds zeros, no digits */
    return card_notes_adopt(out, text, len, err);
}

int card_notes_adopt(struct card_notes **out, char *text, size_t len, struct recite_error *err)
{
    *out = NULL;
    struct card_notes *n = calloc(1, sizeof(*n));
    if (!n) {
        free(text);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    n->text = text;
    char *p = n->text, *end = n->text + len;
    size_t acronyms = 0, words = 0;
    const char *line = next_line(&p, end);
    bool ok = line && strcmp(line, "card-notes 2") == 0 &&
              part_line(next_line(&p, end), "acronyms", len / 4, &acronyms, &n->acronym_total);
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
    size_t sets = 0;
    ok = ok && part_line(next_line(&p, end), "sets", len / 8, &sets, &n->set_total) &&
         sets == n->set_total;
    /* the set lines are only found here; each is read when a card asks for it */
    if (ok && (!(n->set_lines = calloc(sets + 1, sizeof(*n->set_lines))) ||
               !(n->set_read = calloc(sets + 1, sizeof(*n->set_read)))))
        goto oom;
    for (size_t i = 0; ok && i < sets; i++) {
        char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        ok = nl != NULL;
        n->set_lines[i] = p;
        n->set_count += ok;
        p = ok ? nl + 1 : p;
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

size_t card_notes_total(const struct card_notes *notes, enum recite_fact_kind kind)
{
    return kind == RECITE_FACT_ACRONYM ? notes->acronym_total
           : kind == RECITE_FACT_SET   ? notes->set_total
                                       : 0;
}

bool card_notes_set(const struct card_notes *notes, size_t at, struct card_note_set *out)
{
    if (at >= notes->set_count)
        return false;
    struct set_read *r = notes->set_read[at];
    if (!r && !(r = notes->set_read[at] = read_set(notes->set_lines[at], at)))
        return false; /* out of memory: the set is read instead */
    *out = (struct card_note_set){
        at, r->typed, r->type, r->hashes, r->hashes + r->raw_count, r->raw_count, r->folded_count};
    return r->reads;
}

size_t card_notes_acronym_at(const struct card_notes *notes, size_t i)
{
    return notes->acronyms[i].at;
}

const struct vocab *card_notes_vocab(const struct card_notes *notes)
{
    return &notes->words;
}

int card_notes_bytes_of_bank(unsigned char **data, size_t *len, const struct recite_bank *bank,
                             struct recite_error *err)
{
    struct card_notes_builder *b = NULL;
    *data = NULL;
    *len = 0;
    int rc = card_notes_builder_new(&b);
    for (size_t i = 0; rc == 0 && i < bank->fact_count; i++)
        rc = card_notes_builder_add(b, &bank->facts[i]);
    rc = rc < 0 ? recite_error_set(err, rc, "out of memory")
                : card_notes_builder_finish(b, data, len, err);
    card_notes_builder_free(b);
    return rc;
}

int card_notes_of_bank(struct card_notes **out, const struct recite_bank *bank,
                       struct recite_error *err)
{
    unsigned char *data = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = card_notes_bytes_of_bank(&data, &len, bank, err);
    if (rc == 0)
        rc = card_notes_load(out, data, len, err);
    free(data);
    return rc;
}
