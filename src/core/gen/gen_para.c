/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Paragraphs to facts: line classification (boilerplate, dateline, drop
 * caps), sentence dedup (spec §0.3), the extractors, and the fact store with
 * its own dedup (§5). Facts are kept in document and byte order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gen_pipeline.h"

static struct gen_item *item_new(struct gen_doc *d, enum gen_item_kind kind)
{
    struct gen_item *item = calloc(1, sizeof(*item));
    if (item) {
        item->doc = d;
        item->kind = kind;
    }
    return item;
}

/* An item holding its own copy of text[0, n) in the same block, as item->s.text. */
static struct gen_item *item_with_text(struct gen_doc *d, enum gen_item_kind kind,
                                       const char *text, size_t n)
{
    struct gen_item *item = malloc(sizeof(*item) + n + 1);
    if (!item)
        return NULL;
    memset(item, 0, sizeof(*item));
    item->doc = d;
    item->kind = kind;
    memcpy(item->text, text, n);
    item->text[n] = '\0';
    item->s.text = item->text;
    item->s.len = n;
    return item;
}

static const char *const boilerplate_starts[] = {
    "This field is for validation", "Subscribe", "Sign up", "Related Experts:",
    "Further reading", "Photo by", "Photo:", "Share this", "Follow us", "Read more",
    "Click here", "Advertisement",
    /* a wiki's maintenance notice: "It has been suggested that X be merged into this article" */
    "It has been suggested that", NULL,
};

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t m = strlen(prefix);
    return n >= m && memcmp(s, prefix, m) == 0;
}

static bool boilerplate(const char *s, size_t n)
{
    /* bullets: "•", "-", "*", a table's "|" and spaces */
    for (;;) {
        if (n >= 3 && memcmp(s, "\xE2\x80\xA2", 3) == 0) {
            s += 3;
            n -= 3;
        } else if (n && (*s == '-' || *s == '*' || *s == '|' || gen_is_space(*s))) {
            s++;
            n--;
        } else {
            break;
        }
    }
    /* most lines and sentences are ruled out by their first byte, without a strlen */
    if (n == 0)
        return false;
    for (size_t i = 0; boilerplate_starts[i]; i++)
        if (boilerplate_starts[i][0] == s[0] && starts_with(s, n, boilerplate_starts[i]))
            return true;
    return false;
}

/* A tag or breadcrumb line: >= 4 Title-Case tokens, no other lowercase word, no punctuation. */
static bool tag_line(const char *s, size_t n)
{
    /* strchr(".,;:!?()\"", c) by table, NUL included: asked of every byte of most lines */
    static const bool tag_mark[256] = {['\0'] = true, ['.'] = true, [','] = true, [';'] = true,
                                       [':'] = true,  ['!'] = true, ['?'] = true, ['('] = true,
                                       [')'] = true,  ['"'] = true};
    static const char *const glue[] = {"and", "of", "the", "&", "in", "for", NULL};
    size_t titled = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && gen_is_space(s[i]))
            i++;
        size_t e = i;
        while (e < n && !gen_is_space(s[e]))
            e++;
        if (e == i)
            break;
        for (size_t k = i; k < e; k++)
            if (tag_mark[(unsigned char)s[k]])
                return false;
        if (gen_is_upper(s[i]))
            titled++;
        else if (!gen_word_in(s + i, e - i, glue, false))
            return false;
        i = e;
    }
    return titled >= 4;
}

enum gen_line_kind gen_classify_line(struct gen_doc *d, const char *line, size_t n)
{
    d->lines_seen++;
    if (n == 1 && gen_is_upper(line[0]))
        return GEN_LINE_DROPCAP;
    /* a line that carries on an unfinished sentence is no breadcrumb: "... the" / "International Bank for Reconstruction and Development" */
    bool carries_on = d->para_lines > 0 && d->blank_run == 0 && d->para_role == GEN_ROLE_TEXT &&
                      !d->prev_ends_sentence && !d->prev_colon;
    if (boilerplate(line, n) || (!carries_on && tag_line(line, n)))
        return GEN_LINE_DROP;
    int y, m, day;
    if (d->lines_seen <= 15 && gen_date_line(line, n, &y, &m, &day)) {
        struct gen_item *item = item_new(d, GEN_ITEM_DATELINE);
        if (item) {
            item->year = y;
            item->month = m;
            item->day = day;
        }
        gen_pipe_push(d->pipe, item); /* a failure is returned by the next push */
        return GEN_LINE_DROP;
    }
    return GEN_LINE_TEXT;
}

/* ---- sentence keys; near-duplicate sentences: MinHash over word 3-shingles, LSH bands ---- */

static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

/*
 * The minimum of each of the GEN_MINHASH hash functions over the word
 * 3-shingles. Nearly a tenth of the generator's work: on x86-64 it is also
 * built for AVX2 (four of the 64-bit hashes at once) and, with GCC, for
 * x86-64-v4 (AVX-512: eight, with a 64-bit multiply); the processor picks
 * the build it can run.
 */
/*
 * target_clones needs the loader's ifunc support: glibc on x86-64. Under
 * ThreadSanitizer the resolver would run instrumented before the sanitizer
 * starts, and crash: one build then.
 */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RECITE_NO_CLONES 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define RECITE_NO_CLONES 1
#endif
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute) && \
    !defined(RECITE_NO_CLONES)
#if __has_attribute(target_clones) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#elif __has_attribute(target_clones)
__attribute__((target_clones("avx2", "default")))
#endif
#endif
static void minhash_words(uint64_t min[GEN_MINHASH], const uint64_t *words, size_t w)
{
    for (size_t i = 0; i + 2 < w; i++) {
        uint64_t shingle = words[i] ^ rotl(words[i + 1], 21) ^ rotl(words[i + 2], 42);
        for (int k = 0; k < GEN_MINHASH; k++) {
            uint64_t v = mix64(shingle ^ (0x5851F42D4C957F2DULL * (uint64_t)(k + 1)));
            min[k] = v < min[k] ? v : min[k];
        }
    }
}

/* Lowercased words of the sentence, hashed; returns how many (at most max). */
static size_t word_hashes(uint64_t *out, size_t max, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max;) {
        while (i < n && !gen_is_word_byte(s + i, s + n))
            i++;
        uint64_t h = GEN_HASH_INIT;
        size_t start = i;
        for (; i < n && gen_is_word_byte(s + i, s + n); i++) {
            char c = gen_lower(s[i]);
            h = gen_hash(&c, 1, h);
        }
        if (i > start)
            out[k++] = h;
    }
    return k;
}

static int add_signature(struct gen_doc *d, const struct gen_minhash *sig)
{
    if (recite_grow((void **)&d->sigs, &d->sig_cap, d->sig_count + 1, sizeof(*d->sigs)) < 0)
        return RECITE_ENOMEM;
    d->sigs[d->sig_count++] = *sig;
    return 0;
}

static bool similar(const struct gen_minhash *a, const struct gen_minhash *b)
{
    uint32_t lo = a->words < b->words ? a->words : b->words;
    uint32_t hi = a->words < b->words ? b->words : a->words;
    if ((uint64_t)hi * 100 > (uint64_t)lo * 115)
        return false;
    int same = 0;
    for (int k = 0; k < GEN_MINHASH; k++)
        same += a->min[k] == b->min[k];
    return same * 10 >= GEN_MINHASH * 9;
}

#define SENTENCE_WORDS 512 /* words a signature reads */

/*
 * The exact key of a sentence (its word bytes and '&' lowercased, one space
 * where spaces or dashes part them) and the hashes of its first
 * SENTENCE_WORDS words (as word_hashes() gives them), in one reading: every
 * sentence needs both, and each was a pass over its bytes.
 */
static uint64_t sentence_keys(uint64_t *words, size_t *count, const char *s, size_t n)
{
    uint64_t key = GEN_HASH_INIT, word = GEN_HASH_INIT;
    bool space = false, any = false, in_word = false;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = s + i;
        bool is_word = gen_is_word_byte(p, s + n);
        if (in_word && !is_word) {
            if (k < SENTENCE_WORDS)
                words[k++] = word;
            in_word = false;
        }
        if (!is_word && *p != '&') {
            if (gen_is_space(*p) || *p == '-')
                space = any;
            continue;
        }
        if (space) {
            key = gen_hash(" ", 1, key);
            space = false;
        }
        char c = gen_lower(*p);
        key = gen_hash(&c, 1, key);
        any = true;
        if (is_word) {
            word = in_word ? word : GEN_HASH_INIT;
            in_word = true;
            word = gen_hash(&c, 1, word);
        }
    }
    if (in_word && k < SENTENCE_WORDS)
        words[k++] = word;
    *count = k;
    return key;
}

/* A sentence's signature and its band keys, made before the tables are read. */
struct near_sig {
    bool long_enough; /* 12 words or more: only those are compared */
    struct gen_minhash sig;
    uint64_t keys[GEN_MINHASH / 2];
};

/* The signature of a sentence whose word hashes are words[0, w); its bands' slots are loaded. */
static void near_signature(struct near_sig *x, const struct gen_doc *d, const uint64_t *words,
                           size_t w)
{
    x->long_enough = w >= 12;
    if (!x->long_enough)
        return;
    x->sig = (struct gen_minhash){.words = (uint32_t)w};
    for (int k = 0; k < GEN_MINHASH; k++)
        x->sig.min[k] = UINT64_MAX;
    minhash_words(x->sig.min, words, w);
    /* 8 bands of 2 rows: a pair at Jaccard 0.9 shares a band almost surely */
    for (int b = 0; b < GEN_MINHASH / 2; b++) {
        x->keys[b] = mix64(x->sig.min[2 * b] ^ rotl(x->sig.min[2 * b + 1], 17) ^ (uint64_t)b);
        gen_set_prefetch(&d->bands, x->keys[b]);
    }
}

/* Whether the sentence of signature x nearly repeats an earlier one; records it if not. */
static int near_duplicate_sig(struct gen_doc *d, const struct near_sig *x, bool *dup)
{
    *dup = false;
    if (!x->long_enough)
        return 0;
    int rc;
    for (int b = 0; b < GEN_MINHASH / 2; b++) {
        size_t at = gen_set_get(&d->bands, x->keys[b], 0, &rc);
        if (rc < 0)
            return rc;
        if (at && similar(&d->sigs[at - 1], &x->sig)) {
            *dup = true;
            return 0;
        }
    }
    if ((rc = add_signature(d, &x->sig)) < 0)
        return rc;
    for (int b = 0; b < GEN_MINHASH / 2; b++) {
        gen_set_get(&d->bands, x->keys[b], d->sig_count, &rc);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int gen_near_duplicate(struct gen_doc *d, const char *text, size_t n, bool *dup)
{
    uint64_t words[SENTENCE_WORDS];
    size_t w = word_hashes(words, SENTENCE_WORDS, text, n);
    struct near_sig x;
    near_signature(&x, d, words, w);
    return near_duplicate_sig(d, &x, dup);
}

/* ---- the fact store ---- */

static void norm_append(struct recite_buf *b, const char *s)
{
    for (size_t i = 0; s && s[i]; i++) {
        char c = gen_lower(s[i]);
        if (c == '-')
            c = ' ';
        if (gen_is_alnum(c) || c == ' ' || c == '&' || (unsigned char)c >= 0x80)
            gen_buf_addc(b, c);
    }
}

/* Casefolded, defence/defense folded, a final plural 's' dropped. */
static char *norm_long_form(const char *s)
{
    struct recite_buf b = {0};
    norm_append(&b, s);
    if (!b.data)
        return recite_strdup("");
    char *p;
    while ((p = strstr(b.data, "defence")) != NULL)
        p[5] = 's';
    while ((p = strstr(b.data, "programme")) != NULL)
        memmove(p + 7, p + 9, strlen(p + 9) + 1);
    size_t len = strlen(b.data);
    if (len > 1 && b.data[len - 1] == 's')
        b.data[len - 1] = '\0';
    return b.data;
}

/* h extended by the bytes norm_append() would write for s: the same hash, without the copy. */
static uint64_t norm_hash(const char *s, uint64_t h)
{
    for (size_t i = 0; s && s[i]; i++) {
        char c = gen_lower(s[i]);
        if (c == '-')
            c = ' ';
        if (gen_is_alnum(c) || c == ' ' || c == '&' || (unsigned char)c >= 0x80)
            h = gen_hash(&c, 1, h);
    }
    return h;
}

static uint64_t fact_key(const struct recite_gen_fact *f)
{
    uint64_t h = GEN_HASH_INIT;
    switch (f->kind) {
    case RECITE_GEN_ACRONYM:
        h = gen_hash("A", 1, h);
        return gen_hash(f->short_form, strlen(f->short_form), h);
    case RECITE_GEN_EVENT:
        h = gen_hash("E", 1, h);
        h = gen_hash(f->when, strlen(f->when), h);
        return norm_hash(f->what, h);
    case RECITE_GEN_SET:
        h = gen_hash("S", 1, h);
        /* order-free: combine member hashes by addition */
        for (size_t i = 0; i < f->member_count; i++)
            h += norm_hash(f->members[i], GEN_HASH_INIT);
        return h;
    }
    return h;
}

void gen_fact_rekey(struct recite_gen *gen, size_t i)
{
    int rc;
    uint64_t key = fact_key(&gen->facts[i]);
    if (!gen_set_get(&gen->fact_keys, key, 0, &rc))
        gen_set_get(&gen->fact_keys, key, i + 1, &rc);
}

struct sink_ctx {
    struct recite_gen *gen;
    struct gen_doc *doc;
    const struct gen_sentence *sentence;
    /* the sentence cleaned for quoting, made for its first fact and copied for the others */
    char *quote;
    size_t quote_len;
    bool borrowed; /* quote is the item's, made by the reading stage */
    struct gen_arena *arena; /* where its facts are made: this thread's */
};

/* The quote of c's sentence, cleaned once; NULL when memory runs out. */
static const char *sentence_quote(struct sink_ctx *c)
{
    if (!c->quote) {
        c->quote = gen_clean_copy(c->sentence->text, c->sentence->len);
        c->quote_len = c->quote ? strlen(c->quote) : 0;
    }
    return c->quote;
}

static void sink_ctx_release(struct sink_ctx *c)
{
    if (!c->borrowed)
        free(c->quote);
    c->quote = NULL;
}

/* Bytes of s with its NUL, 0 for none; added to *total. */
static size_t packed_len(const char *s, size_t *total)
{
    size_t n = s ? strlen(s) + 1 : 0;
    *total += n;
    return n;
}

/* Copies the n bytes of s (0: none) to *at; returns the copy or NULL. */
static char *pack_str(char **at, const char *s, size_t n)
{
    if (!n)
        return NULL;
    char *out = memcpy(*at, s, n);
    *at += n;
    return out;
}

/*
 * Copies fact f into out in one block of arena's memory: the quote, the
 * other strings, then the member pointers, aligned.
 */
static int pack_fact(struct recite_gen_fact *out, const struct recite_gen_fact *f,
                     const char *quote, size_t quote_len, struct gen_arena *arena)
{
    size_t total = quote_len + 1;
    size_t sf = packed_len(f->short_form, &total), lf = packed_len(f->long_form, &total);
    size_t wn = packed_len(f->when, &total), wt = packed_len(f->what, &total);
    size_t pr = packed_len(f->prompt, &total);
    for (size_t i = 0; i < f->member_count; i++)
        packed_len(f->members[i], &total);
    size_t align = _Alignof(char *), pointers = total + (align - total % align) % align;
    if (f->member_count > (SIZE_MAX - pointers) / sizeof(char *))
        return RECITE_ENOMEM;
    char *block = gen_arena_alloc(arena, pointers + f->member_count * sizeof(char *));
    if (!block)
        return RECITE_ENOMEM;
    char *at = block;
    out->quote = pack_str(&at, quote, quote_len + 1);
    out->short_form = pack_str(&at, f->short_form, sf);
    out->long_form = pack_str(&at, f->long_form, lf);
    out->when = pack_str(&at, f->when, wn);
    out->what = pack_str(&at, f->what, wt);
    out->prompt = pack_str(&at, f->prompt, pr);
    out->members = f->member_count ? (char **)(void *)(block + pointers) : NULL;
    for (size_t i = 0; i < f->member_count; i++)
        out->members[i] = pack_str(&at, f->members[i], strlen(f->members[i]) + 1);
    out->member_count = f->member_count;
    return 0;
}

static int copy_fact(struct recite_gen_fact *out, const struct recite_gen_fact *f,
                     struct sink_ctx *c)
{
    const struct gen_sentence *s = c->sentence;
    *out = *f;
    out->doc = s->doc;
    out->line = s->line;
    out->sentence = s->index;
    out->offset = s->offset;
    out->length = s->length;
    const char *quote = sentence_quote(c);
    if (!quote || pack_fact(out, f, quote, c->quote_len, c->arena) < 0) {
        *out = (struct recite_gen_fact){0};
        return RECITE_ENOMEM;
    }
    return 0;
}

/* Whether one of the spellings of "A | B | C" is s, as it is written. */
static bool has_spelling(const char *spellings, const char *s)
{
    size_t n = strlen(s);
    for (const char *p = spellings; p;) {
        const char *sep = strstr(p, " | ");
        size_t k = sep ? (size_t)(sep - p) : strlen(p);
        if (k == n && memcmp(p, s, n) == 0)
            return true;
        p = sep ? sep + 3 : NULL;
    }
    return false;
}

/* Whether [a, a + an) becomes [b, b + bn) by one letter added, dropped or changed. */
static bool one_edit(const char *a, size_t an, const char *b, size_t bn)
{
    if (an > bn)
        return one_edit(b, bn, a, an);
    if (bn - an > 1)
        return false;
    size_t i = 0;
    while (i < an && a[i] == b[i])
        i++;
    if (an == bn) /* one letter changed: the rest agrees */
        return i == an || memcmp(a + i + 1, b + i + 1, an - i - 1) == 0;
    return memcmp(a + i, b + i + 1, an - i) == 0; /* one letter added to a */
}

/* Splits s at spaces into at most cap words; the count, or cap + 1 when there are more. */
static size_t split_words(const char *s, const char **w, size_t *n, size_t cap)
{
    size_t count = 0;
    for (s += strspn(s, " "); *s; s += strspn(s, " ")) {
        if (count == cap)
            return cap + 1;
        w[count] = s;
        n[count] = strcspn(s, " ");
        s += n[count++];
    }
    return count;
}

static bool same_word(const char *a, size_t an, const char *b, size_t bn)
{
    return (an == bn && memcmp(a, b, an) == 0) || (an >= 4 && bn >= 4 && one_edit(a, an, b, bn));
}

/*
 * Whether two normalised long forms name one thing: the same words, but for
 * words of four letters or more one letter apart ("Southeast Asia Treaty
 * Organization", "Southeast Asian Treaty Organisation"), or one word more in
 * one of them when they share three or more ("African Development Bank
 * Group", "African Development Bank").
 */
static bool spelling_variants(const char *a, const char *b)
{
    enum { CAP = 24 };
    const char *aw[CAP], *bw[CAP];
    size_t an[CAP], bn[CAP];
    size_t na = split_words(a, aw, an, CAP), nb = split_words(b, bw, bn, CAP);
    if (na > CAP || nb > CAP)
        return false;
    if (na == nb) {
        for (size_t i = 0; i < na; i++)
            if (!same_word(aw[i], an[i], bw[i], bn[i]))
                return false;
        return na > 0;
    }
    if (na > nb)
        return spelling_variants(b, a);
    if (nb != na + 1 || na < 3)
        return false;
    size_t skipped = 0;
    for (size_t i = 0; i < na; i++) {
        if (!skipped && !same_word(aw[i], an[i], bw[i], bn[i]))
            skipped = 1;
        if (!same_word(aw[i], an[i], bw[i + skipped], bn[i + skipped]))
            return false;
    }
    return true;
}

/* Same SF seen before: merge spellings, or flag both when the long forms disagree. */
static bool merge_acronym(struct recite_gen *gen, struct recite_gen_fact *old,
                          struct recite_gen_fact *f)
{
    /* f names old's thing when it spells one of old's spellings ("A | B") or a variant */
    char *b = norm_long_form(f->long_form);
    bool same = false;
    for (const char *p = old->long_form; b && p && !same;) {
        const char *sep = strstr(p, " | ");
        size_t n = sep ? (size_t)(sep - p) : strlen(p);
        char *part = malloc(n + 1);
        if (part) {
            memcpy(part, p, n);
            part[n] = '\0';
        }
        char *a = part ? norm_long_form(part) : NULL;
        same = a && (strcmp(a, b) == 0 || spelling_variants(a, b));
        free(a);
        free(part);
        p = sep ? sep + 3 : NULL;
    }
    free(b);
    if (same) {
        if (!has_spelling(old->long_form, f->long_form)) {
            size_t n = strlen(old->long_form) + strlen(f->long_form) + 4;
            char *joined = malloc(n);
            struct recite_gen_fact from = *old, grown = *old;
            if (joined) {
                snprintf(joined, n, "%s | %s", old->long_form, f->long_form);
                from.long_form = joined;
                /* the fact is one block: made again with the joined long form */
                if (pack_fact(&grown, &from, old->quote, strlen(old->quote),
                              &gen->arenas[1]) == 0)
                    *old = grown;
            }
            free(joined);
        }
        return true;
    }
    /*
     * One acronym, two things in one draft ("EMC" for the European Medical
     * Corps and the European Medical Command, in one document or two): a card
     * asking what EMC stands for would mark one of them wrong, so neither is
     * kept until the instructor chooses.
     */
    old->low = "defined twice with different long forms (keep one)";
    f->low = old->low;
    if (old->confidence >= GEN_KEEP_CONFIDENCE)
        old->confidence = GEN_KEEP_CONFIDENCE - 0.05;
    if (f->confidence >= GEN_KEEP_CONFIDENCE)
        f->confidence = GEN_KEEP_CONFIDENCE - 0.05;
    return false;
}

static bool similar_set(const struct recite_gen_fact *a, const struct recite_gen_fact *b)
{
    /* at best the smaller set is all in common */
    size_t lo = a->member_count < b->member_count ? a->member_count : b->member_count;
    size_t hi = a->member_count + b->member_count - lo;
    if (lo * 10 < hi * 8)
        return false;
    size_t common = 0, both = a->member_count + b->member_count;
    for (size_t i = 0; i < a->member_count; i++) {
        for (size_t j = 0; j < b->member_count; j++)
            if (a->members[i][0] == b->members[j][0] && strcmp(a->members[i], b->members[j]) == 0) {
                common++;
                break;
            }
        /* the share grows with what is in common: stop once the rest in common would not do */
        size_t best = common + (a->member_count - i - 1);
        if (best * 10 < (both - best) * 8)
            return false;
    }
    size_t all = both - common;
    return all && common * 10 >= all * 8;
}

/* The next word of letters at *p, at least four of them, its length in *n; NULL at the end. */
static const char *prompt_word(const char **p, size_t *n)
{
    for (const char *s = *p; *s;) {
        while (*s && !gen_is_alpha(*s))
            s++;
        const char *w = s;
        while (gen_is_alpha(*s))
            s++;
        *p = s;
        *n = (size_t)(s - w);
        if (*n >= 4)
            return w;
    }
    return NULL;
}

/*
 * Whether two list prompts name their lists with a word in common ("member countries",
 * "Member Nations"): lists of the same members under unrelated prompts ("Founding
 * countries", "regional offices") are two questions. A final s is no difference.
 */
static bool prompts_share_word(const char *a, const char *b)
{
    size_t n, m;
    for (const char *p = a ? a : "", *w; (w = prompt_word(&p, &n));) {
        size_t wn = n - (gen_lower(w[n - 1]) == 's');
        for (const char *q = b ? b : "", *v; (v = prompt_word(&q, &m));) {
            size_t vm = m - (gen_lower(v[m - 1]) == 's');
            if (wn == vm && strncasecmp(w, v, wn) == 0)
                return true;
        }
    }
    return false;
}

/* Returns true when f duplicates a stored fact (which may absorb it). */
static bool duplicate(struct recite_gen *gen, struct recite_gen_fact *f, uint64_t key)
{
    int rc;
    size_t at = gen_set_get(&gen->fact_keys, key, 0, &rc);
    if (at) {
        struct recite_gen_fact *old = &gen->facts[at - 1];
        if (f->kind == RECITE_GEN_ACRONYM)
            return merge_acronym(gen, old, f);
        return true;
    }
    if (f->kind != RECITE_GEN_SET)
        return false;
    size_t seen = 0;
    for (size_t i = gen->fact_count; i-- > 0 && seen < 32;) {
        struct recite_gen_fact *old = &gen->facts[i];
        if (old->kind != RECITE_GEN_SET)
            continue;
        seen++;
        if (old->member_count >= f->member_count && similar_set(old, f) &&
            prompts_share_word(old->prompt, f->prompt))
            return true;
    }
    return false;
}

/* Copies fact into out, citing c's sentence, with its confidence; *key is its dedup key. */
static int prepare(struct recite_gen_fact *out, uint64_t *key, const struct recite_gen_fact *fact,
                   struct sink_ctx *c)
{
    if (copy_fact(out, fact, c) < 0)
        return RECITE_ENOMEM;
    const char *reason;
    out->confidence = gen_confidence(&reason, out);
    *key = fact_key(out);
    return 0;
}

/* Keeps the prepared fact f (taken over) unless it duplicates a stored one. */
static int store(struct recite_gen *gen, struct recite_gen_fact *f, uint64_t key)
{
    if (recite_grow((void **)&gen->facts, &gen->fact_cap, gen->fact_count + 1,
                    sizeof(*gen->facts)) < 0)
        return RECITE_ENOMEM;
    struct recite_gen_fact *slot = &gen->facts[gen->fact_count];
    *slot = *f;
    if (duplicate(gen, slot, key))
        return 0;
    int rc;
    gen_set_get(&gen->fact_keys, key, ++gen->fact_count, &rc);
    return rc;
}

/* The second stage's sink: facts go straight to the store. */
static int sink_add(void *ctx, const struct recite_gen_fact *fact)
{
    struct sink_ctx *c = ctx;
    struct recite_gen_fact f;
    uint64_t key;
    if (prepare(&f, &key, fact, c) < 0)
        return RECITE_ENOMEM;
    return store(c->gen, &f, key);
}

/* The reading stage's sink: facts are prepared into the item, stored by the second stage. */
struct item_ctx {
    struct sink_ctx sink;
    struct gen_item *item;
};

static int item_add(void *ctx, const struct recite_gen_fact *fact)
{
    struct item_ctx *c = ctx;
    struct gen_item *item = c->item;
    if (recite_grow((void **)&item->facts, &item->fact_cap, item->fact_count + 1,
                    sizeof(*item->facts)) < 0 ||
        recite_grow((void **)&item->keys, &item->key_cap, item->fact_count + 1,
                    sizeof(*item->keys)) < 0)
        return RECITE_ENOMEM;
    if (prepare(&item->facts[item->fact_count], &item->keys[item->fact_count], fact,
                &c->sink) < 0)
        return RECITE_ENOMEM;
    item->fact_count++;
    return 0;
}

int gen_store_fact(struct gen_doc *d, const struct recite_gen_fact *f,
                   const struct gen_sentence *s)
{
    struct gen_item *item = item_new(d, GEN_ITEM_BLOCK_FACT);
    if (item)
        item->s.index = d->sentence_index;
    struct item_ctx ctx = {{NULL, d, s, NULL, 0, false, d->arena}, item};
    int rc = item ? item_add(&ctx, f) : RECITE_ENOMEM;
    sink_ctx_release(&ctx.sink);
    if (rc < 0) {
        gen_item_free(item);
        return rc;
    }
    return gen_pipe_push(d->pipe, item);
}

/* ---- paragraphs and sentences ---- */

static bool skip_sentence(const char *s, size_t n)
{
    return boilerplate(s, n);
}

/* What a sentence holds that the event and list extractors need before they can find anything. */
struct cues {
    bool digit; /* a year, date or number */
    bool coord; /* ',' ';' '&' or a word "and" / "or": at least two items */
};

/* The byte-by-byte rule at s[i], over [from, to): what it adds to c. */
static void cues_at(struct cues *c, const char *s, size_t n, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9')
            c->digit = true;
        else if (ch == ',' || ch == ';' || ch == '&')
            c->coord = true;
        else if (ch == ' ' && i + 4 < n && ((s[i + 1] == 'a' && s[i + 2] == 'n' && s[i + 3] == 'd' &&
                                               s[i + 4] == ' ') ||
                                              (s[i + 1] == 'o' && s[i + 2] == 'r' && s[i + 3] == ' ')))
            c->coord = true;
    }
}

#define ONES8 0x0101010101010101ULL
#define LOW7 0x7F7F7F7F7F7F7F7FULL
#define HIGH8 0x8080808080808080ULL

/* 0x80 in each byte of v equal to ch, else 0 (exact: no carry crosses bytes). */
static uint64_t bytes_eq(uint64_t v, unsigned char ch)
{
    uint64_t x = v ^ (ch * ONES8);
    return ~(((x & LOW7) + LOW7) | x | LOW7);
}

/* 0x80 in each byte of v that is an ASCII digit. */
static uint64_t bytes_digit(uint64_t v)
{
    uint64_t low = v & LOW7;
    return (low + 0x50 * ONES8) & ~(low + 0x46 * ONES8) & ~v & HIGH8;
}

static struct cues cues_of(const char *s, size_t n)
{
    struct cues c = {false, false};
    size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /*
     * Eight bytes at a time (most sentences have no digit and are read to
     * the end): a chunk is read byte by byte only where a space is followed
     * by 'a' or 'o', from the byte before it, as the rule looks ahead.
     */
    uint64_t space_before = 0; /* 0x80 when the previous chunk ended in a space */
    for (; i + 8 <= n && !(c.digit && c.coord); i += 8) {
        uint64_t v;
        memcpy(&v, s + i, sizeof(v));
        c.digit |= bytes_digit(v) != 0;
        c.coord |= (bytes_eq(v, ',') | bytes_eq(v, ';') | bytes_eq(v, '&')) != 0;
        uint64_t space = bytes_eq(v, ' ');
        uint64_t after_space = (space << 8) | space_before;
        if (!c.coord && (after_space & (bytes_eq(v, 'a') | bytes_eq(v, 'o'))))
            cues_at(&c, s, n, i > 0 ? i - 1 : 0, i + 8);
        space_before = space >> 56;
    }
    if (i > 0) /* a space ending the last chunk looks ahead into the rest */
        i--;
#endif
    /* once both are seen the rest cannot change them */
    for (; i < n && !(c.digit && c.coord); i++)
        cues_at(&c, s, n, i, i + 1);
    return c;
}


/* The paragraph's bytes [start, end) as a sentence, with its place in the file. */
static struct gen_sentence sentence_at(struct gen_doc *d, size_t start, size_t end)
{
    struct gen_sentence s = {.text = d->para.data + start, .len = end - start, .doc = d->doc};
    uint64_t end_offset;
    uint32_t end_line;
    gen_doc_locate(d, start, &s.offset, &s.line);
    gen_doc_locate(d, end, &end_offset, &end_line);
    /* (a paragraph whose lines the layout put in another order than the file's ends before it
       starts: its own length then) */
    s.length = (uint32_t)(end_offset > s.offset ? end_offset - s.offset : s.len);
    return s;
}

/*
 * The extractors that need no context, over one sentence: its acronyms and,
 * in a list or table, a dated entry. What they find is stored, and the rest
 * found, by the second stage (stage2_sentence).
 */
static int extract(struct gen_doc *d, struct gen_item *item)
{
    struct item_ctx ctx = {{NULL, d, &item->s, NULL, 0, false, d->arena}, item};
    struct gen_sink sink = {item_add, &ctx};
    struct cues cues = cues_of(item->s.text, item->s.len);
    item->digit = cues.digit;
    item->coord = cues.coord;
    /* the acronyms, here unless the second stage is short of work */
    item->acronyms_left = gen_pipe_idle(d->pipe);
    int rc = item->acronyms_left ? 0 : gen_acronyms(&sink, &item->s);
    if (rc == 0 && (d->para_role == GEN_ROLE_ITEM || d->para_role == GEN_ROLE_ROW))
        rc = gen_timeline(&sink, &item->s, d->para_role == GEN_ROLE_ROW, &item->entry);
    item->before_events = item->fact_count;
    /*
     * The lists, here when the second stage is behind. The copy of the context
     * learns what the second stage learns from each sentence: the topic while
     * it may change, and the sentence's subject when its lists are read here.
     */
    const struct gen_event_state *m = &d->mirror;
    bool lists_here = rc == 0 && cues.coord && !item->entry && gen_pipe_behind(d->pipe);
    bool topic_open = gen_pipe_lists_here(d->pipe) && !(m->topic[0] && !m->topic_from_heading) &&
                      item->s.index <= 8;
    if (rc == 0 && (lists_here || topic_open))
        rc = gen_events_context(&item->s, &d->mirror);
    if (rc == 0 && lists_here) {
        item->s.context = &d->mirror;
        rc = gen_lists(&sink, &item->s);
        item->s.context = NULL;
        item->lists_read = true;
    }
    /* the second stage quotes the same sentence: it borrows the quote, the item keeps it */
    item->quote = ctx.sink.quote;
    item->quote_len = ctx.sink.quote_len;
    ctx.sink.quote = NULL;
    sink_ctx_release(&ctx.sink);
    return rc;
}

/* Sentences whose lookups are made ahead of their reading, the one read among them. */
#define LOOK_AHEAD 4

/* What a sentence's lookups need, made ahead. */
struct sentence_look {
    bool skip; /* empty or boilerplate */
    uint64_t key;
    struct near_sig sig;
};

/*
 * The keys of the sentence para[start, end), their slots in the two tables
 * (large, read at random) starting to load: made while the sentences before
 * are read, they are in the cache by the time they are looked up.
 */
static void look_ahead(struct sentence_look *x, const struct gen_doc *d, size_t start,
                       size_t end)
{
    const char *text = d->para.data + start;
    size_t n = end - start;
    x->skip = n == 0 || skip_sentence(text, n);
    if (x->skip)
        return;
    uint64_t words[SENTENCE_WORDS];
    size_t word_count;
    x->key = sentence_keys(words, &word_count, text, n);
    gen_set_prefetch(&d->seen, x->key);
    near_signature(&x->sig, d, words, word_count);
}

static int process_sentence(struct gen_doc *d, size_t start, size_t end,
                            const struct sentence_look *look)
{
    const char *text = d->para.data + start;
    size_t n = end - start;
    if (look->skip)
        return 0;
    int rc;
    if (gen_set_get(&d->seen, look->key, 1, &rc) || rc < 0)
        return rc;
    bool dup;
    if ((rc = near_duplicate_sig(d, &look->sig, &dup)) < 0 || dup)
        return rc;
    struct gen_item *item = item_with_text(d, GEN_ITEM_SENTENCE, text, n);
    if (!item)
        return RECITE_ENOMEM;
    item->s = sentence_at(d, start, end);
    item->s.text = item->text;
    item->s.index = d->sentence_index++;
    if ((rc = extract(d, item)) < 0) {
        gen_item_free(item);
        return rc;
    }
    return gen_pipe_push(d->pipe, item);
}

/* A heading's definitions: short forms of two capitals or more ("Association II (Asia)" is none). */
static int heading_add(void *ctx, const struct recite_gen_fact *fact)
{
    size_t capitals = 0;
    for (const char *p = fact->short_form; p && *p; p++)
        capitals += gen_is_upper(*p);
    return capitals >= 2 ? item_add(ctx, fact) : 0;
}

int gen_heading_facts(struct gen_doc *d, size_t start, size_t end)
{
    if (end <= start)
        return 0;
    struct gen_sentence s = sentence_at(d, start, end);
    struct gen_item *item = item_new(d, GEN_ITEM_HEADING_FACTS);
    if (!item)
        return RECITE_ENOMEM;
    struct item_ctx ctx = {{NULL, d, &s, NULL, 0, false, d->arena}, item};
    struct gen_sink sink = {heading_add, &ctx};
    int rc = gen_acronyms(&sink, &s);
    sink_ctx_release(&ctx.sink);
    if (rc < 0 || item->fact_count == 0) {
        gen_item_free(item);
        return rc;
    }
    /* a heading counts as a sentence only when it defines something */
    item->s.index = d->sentence_index++;
    return gen_pipe_push(d->pipe, item);
}

/* ---- the second stage ---- */

/*
 * Whether gen_events could find anything: an explicit date needs a digit; a
 * relative one ("two years later", "today") needs the dateline or an anchor
 * at most two sentences back. Skipping the rest changes nothing but the time.
 */
static bool events_possible(const struct gen_event_state *st, bool digit, uint32_t index)
{
    return digit || st->dct_year || (st->have_anchor && index - st->last_index <= 2);
}

/* Stores the facts [from, to) the reading stage found for item, as sentence number index. */
static int store_found(struct recite_gen *gen, struct gen_item *item, size_t from, size_t to,
                       uint32_t index)
{
    int rc = 0;
    for (size_t i = from; i < to; i++) {
        item->facts[i].sentence = index;
        if (rc == 0)
            rc = store(gen, &item->facts[i], item->keys[i]);
        memset(&item->facts[i], 0, sizeof(item->facts[i])); /* no longer the item's */
    }
    return rc;
}

/* A sentence's stored facts, then its events and lists, read in the document's context. */
static int stage2_sentence(struct recite_gen *gen, struct gen_item *item)
{
    struct gen_doc *d = item->doc;
    struct gen_sentence *s = &item->s;
    s->context = &d->events;
    struct sink_ctx ctx = {gen, d, s, item->quote, item->quote_len, item->quote != NULL,
                           &gen->arenas[1]};
    struct gen_sink sink = {sink_add, &ctx};
    int rc = item->acronyms_left ? gen_acronyms(&sink, s) : 0;
    if (rc == 0)
        rc = store_found(gen, item, 0, item->before_events, s->index);
    if (rc == 0 && item->entry) /* a dated entry is one event, not a sentence to read again */
        rc = gen_events_context(s, &d->events);
    if (rc < 0 || item->entry) {
        sink_ctx_release(&ctx);
        return rc;
    }
    if (events_possible(&d->events, item->digit, s->index) || d->events.section_pending)
        rc = gen_events(&sink, s, &d->events);
    else
        rc = gen_events_context(s, &d->events);
    if (rc == 0 && item->lists_read)
        rc = store_found(gen, item, item->before_events, item->fact_count, s->index);
    else if (rc == 0 && item->coord)
        rc = gen_lists(&sink, s);
    sink_ctx_release(&ctx);
    return rc;
}

void gen_stage2_prefetch(const struct recite_gen *gen, const struct gen_item *item)
{
    for (size_t i = 0; i < item->fact_count; i++)
        gen_set_prefetch(&gen->fact_keys, item->keys[i]);
}

int gen_stage2(struct recite_gen *gen, struct gen_item *item)
{
    struct gen_doc *d = item->doc;
    switch (item->kind) {
    case GEN_ITEM_SENTENCE:
        return stage2_sentence(gen, item);
    case GEN_ITEM_HEADING_FACTS:
    case GEN_ITEM_BLOCK_FACT:
        return store_found(gen, item, 0, item->fact_count, item->s.index);
    case GEN_ITEM_DATELINE:
        d->events.dct_year = item->year;
        d->events.dct_month = item->month;
        d->events.dct_day = item->day;
        return 0;
    case GEN_ITEM_HEADING:
        gen_events_heading(&d->events, item->s.text, item->s.len);
        return 0;
    case GEN_ITEM_PARAGRAPH_END:
        d->events.have_anchor = false;
        d->events.common[0] = '\0'; /* "it" across paragraphs is no common noun's */
        return 0;
    }
    return 0;
}

int gen_queue_heading(struct gen_doc *d, const char *line, size_t n)
{
    return gen_pipe_push(d->pipe, item_with_text(d, GEN_ITEM_HEADING, line, n));
}

/* The last UTF-8 character boundary at or before n. */
static size_t char_boundary(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

int gen_process_paragraph(struct gen_doc *d, size_t len, bool final)
{
    if (len == 0)
        return 0;
    gen_lexicon_scan(d->lex, d->para.data, len);
    struct gen_span *spans;
    size_t count;
    int rc = gen_split_sentences(&spans, &count, d->para.data, len, d->lex);
    if (rc < 0)
        return rc;
    size_t consumed = len;
    if (!final && count >= 2) {
        consumed = spans[count - 1].start;
        count--;
    } else if (!final && count == 1) {
        consumed = char_boundary(d->para.data, len);
        spans[0].end = consumed;
    }
    /* the first sentences' keys are made before the first is read: a paragraph is often short */
    struct sentence_look look[LOOK_AHEAD];
    for (size_t i = 0; i < count && i < LOOK_AHEAD - 1; i++)
        look_ahead(&look[i], d, spans[i].start, spans[i].end);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        size_t ahead = i + LOOK_AHEAD - 1;
        if (ahead < count)
            look_ahead(&look[ahead % LOOK_AHEAD], d, spans[ahead].start, spans[ahead].end);
        rc = process_sentence(d, spans[i].start, spans[i].end, &look[i % LOOK_AHEAD]);
    }
    free(spans);
    if (rc == 0 && final)
        rc = gen_pipe_push(d->pipe, item_new(d, GEN_ITEM_PARAGRAPH_END));
    if (rc < 0)
        return rc;
    return final ? 0 : (int)consumed;
}
