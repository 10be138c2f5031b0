/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The generator's pipeline (spec §0): bytes -> UTF-8 check -> lines ->
 * paragraphs -> sentences -> dedup -> extractors -> facts. Documents are
 * streamed one paragraph at a time (at most 1 MiB held); every position
 * keeps its byte offset in the original file so each fact cites its sentence.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "gen_internal.h"
#include "gen_pipeline.h"

#define PARA_MAX (1u << 20)
#define CHUNK (64u << 10)

/* ---- hash set of 64-bit keys (sentence dedup, fact lookup) ---- */

/*
 * The home slot of key in a table of cap slots (a power of two). Keys are
 * stored with their low bit set, so the slot comes from the high bits of a
 * multiplicative hash, never from the key's low bits.
 */
static size_t slot_of(uint64_t key, size_t cap)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

void gen_advise_huge(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = 2u << 20;
    uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t to = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (bytes >= GEN_HUGE_BYTES && to > from)
        madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

/* Moves set's keys to a table of cap slots (a power of two, room for them all). */
static int set_resize(struct gen_set *set, size_t cap)
{
    struct gen_set_slot *slots = calloc(cap, sizeof(*slots));
    if (!slots)
        return RECITE_ENOMEM;
    gen_advise_huge(slots, cap * sizeof(*slots));
    for (size_t i = 0; i < set->cap; i++) {
        if (!set->slots[i].key)
            continue;
        size_t j = slot_of(set->slots[i].key, cap);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = set->slots[i];
    }
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

static int set_grow(struct gen_set *set)
{
    return set_resize(set, set->cap ? set->cap * 2 : 1024);
}

int gen_set_reserve(struct gen_set *set, size_t count)
{
    size_t cap = set->cap ? set->cap : 1024;
    while ((set->used + count + 1) * 4 > cap * 3 && cap <= SIZE_MAX / 4)
        cap *= 2;
    return cap == set->cap ? 0 : set_resize(set, cap);
}

/* Finds key; when absent and value != 0, inserts it. Returns the stored value or 0. */
size_t gen_set_get(struct gen_set *set, uint64_t key, size_t value, int *rc)
{
    key |= 1; /* 0 marks an empty slot */
    *rc = 0;
    if ((set->used + 1) * 4 > set->cap * 3 && (*rc = set_grow(set)) < 0)
        return 0;
    size_t i = slot_of(key, set->cap);
    while (set->slots[i].key && set->slots[i].key != key)
        i = (i + 1) & (set->cap - 1);
    if (set->slots[i].key)
        return set->slots[i].value;
    if (value) {
        set->slots[i].key = key;
        set->slots[i].value = value;
        set->used++;
    }
    return 0;
}

int gen_set_update(struct gen_set *set, uint64_t key, size_t value)
{
    int rc;
    if (gen_set_get(set, key, value, &rc) == 0 || rc < 0)
        return rc;
    key |= 1;
    size_t i = slot_of(key, set->cap);
    while (set->slots[i].key != key)
        i = (i + 1) & (set->cap - 1);
    set->slots[i].value = value;
    return 0;
}

void gen_set_clear(struct gen_set *set)
{
    free(set->slots);
    *set = (struct gen_set){0};
}

/* ---- arenas ---- */

struct gen_arena_block {
    struct gen_arena_block *next;
    max_align_t data[];
};

/* The first block's bytes, and the most a block grows to (then asked for huge pages). */
#define ARENA_FIRST (64u << 10)
#define ARENA_MOST GEN_HUGE_BYTES

void *gen_arena_alloc(struct gen_arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    if (n > SIZE_MAX - align)
        return NULL;
    n = (n + align - 1) & ~(align - 1);
    if ((size_t)(a->end - a->at) < n) {
        size_t size = a->next ? a->next : ARENA_FIRST;
        a->next = size < ARENA_MOST ? size * 2 : ARENA_MOST;
        if (size - sizeof(struct gen_arena_block) < n) /* a large one: a block of its own */
            size = n + sizeof(struct gen_arena_block);
        struct gen_arena_block *b = malloc(size);
        if (!b)
            return NULL;
        gen_advise_huge(b, size);
        b->next = a->blocks;
        a->blocks = b;
        a->at = (char *)b->data;
        a->end = (char *)b + size;
    }
    void *p = a->at;
    a->at += n;
    return p;
}

void gen_arena_clear(struct gen_arena *a)
{
    for (struct gen_arena_block *b = a->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    *a = (struct gen_arena){0};
}

/* ---- the generator ---- */

int recite_gen_new(struct recite_gen **out, const struct recite_gen_options *opts,
                   struct recite_error *err)
{
    struct recite_gen *gen = calloc(1, sizeof(*gen));
    if (!gen)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if (opts)
        gen->opts = *opts;
    gen->bank_id = recite_strdup(opts && opts->bank_id ? opts->bank_id : "draft");
    gen->title = opts && opts->title ? recite_strdup(opts->title) : NULL;
    if (!gen->bank_id || (opts && opts->title && !gen->title)) {
        recite_gen_free(gen);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    *out = gen;
    return 0;
}

void gen_set_list_stage(struct recite_gen *gen, int stage)
{
    gen->list_stage = stage;
}

void recite_gen_free(struct recite_gen *gen)
{
    if (!gen)
        return;
    gen_pipe_free(gen->pipe); /* the second stage is done before what it stored goes */
    free(gen->facts); /* their strings are the arenas' */
    for (size_t i = 0; i < gen->doc_count; i++)
        free(gen->docs[i]);
    free(gen->docs);
    gen_set_clear(&gen->fact_keys);
    gen_arena_clear(&gen->arenas[0]);
    gen_arena_clear(&gen->arenas[1]);
    free(gen->bank_id);
    free(gen->title);
    free(gen);
}

const struct recite_gen_fact *recite_gen_facts(struct recite_gen *gen, size_t *count)
{
    *count = gen->fact_count;
    return gen->facts;
}

/* ---- reading a document ---- */

static void doc_release(struct gen_doc *d)
{
    free(d->para.data);
    free(d->segs);
    gen_set_clear(&d->seen);
    gen_set_clear(&d->bands);
    free(d->sigs);
    gen_lexicon_free(d->lex);
    free(d->heading);
    gen_block_clear(&d->block);
    free(d->events.scratch_tokens);
    free(d->events.scratch_segments);
    free(d->mirror.scratch_tokens);
    free(d->mirror.scratch_segments);
}

static int add_segment_at(struct gen_doc *d, size_t pos, uint64_t offset, uint32_t line)
{
    if (recite_grow((void **)&d->segs, &d->seg_cap, d->seg_count + 1, sizeof(*d->segs)) < 0)
        return RECITE_ENOMEM;
    d->segs[d->seg_count++] = (struct gen_segment){pos, offset, line};
    return 0;
}

static int add_segment(struct gen_doc *d)
{
    return add_segment_at(d, d->para.len, d->offset, d->line);
}

/* File offset and line of a paragraph position. */
void gen_doc_locate(const struct gen_doc *d, size_t pos, uint64_t *offset, uint32_t *line)
{
    size_t lo = 0, hi = d->seg_count;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->segs[mid].pos <= pos)
            lo = mid;
        else
            hi = mid;
    }
    if (d->seg_count == 0) {
        *offset = d->offset;
        *line = d->line;
        return;
    }
    *offset = d->segs[lo].offset + (pos - d->segs[lo].pos);
    *line = d->segs[lo].line;
}

/* Drops the first n bytes of the paragraph, keeping the offset map right. */
static void consume(struct gen_doc *d, size_t n)
{
    if (n >= d->para.len) {
        d->para.len = 0;
        d->seg_count = 0;
        d->line_pos = 0;
        return;
    }
    uint64_t offset;
    uint32_t line;
    gen_doc_locate(d, n, &offset, &line);
    size_t keep = 0;
    for (size_t i = 0; i < d->seg_count; i++)
        if (d->segs[i].pos > n)
            d->segs[++keep] = d->segs[i];
    d->segs[0] = (struct gen_segment){n, offset, line};
    d->seg_count = keep + 1;
    for (size_t i = 0; i < d->seg_count; i++)
        d->segs[i].pos -= n;
    memmove(d->para.data, d->para.data + n, d->para.len - n);
    d->para.len -= n;
    d->line_pos = d->line_pos > n ? d->line_pos - n : 0;
}

/* ---- lines to paragraphs, as the layout says ---- */

static bool ends_sentence(const char *s, size_t n)
{
    while (n > 0) {
        size_t q = 0;
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2)
            q = gen_close_quote_len(s + n - 3, s + n) == 3 ? 3 : 0;
        if (!q && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')' || s[n - 1] == ']'))
            q = 1;
        if (!q)
            break;
        n -= q;
    }
    return n > 0 && (s[n - 1] == '.' || s[n - 1] == '?' || s[n - 1] == '!');
}

/* Characters of [s, s+n): its bytes less the UTF-8 continuation bytes (10xxxxxx). */
static size_t count_chars(const char *s, size_t n)
{
    size_t c = n, i = 0;
    /* eight bytes at a time: bit 7 of each continuation byte, summed by a multiply */
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        uint64_t cont = (v & ~(v << 1) & 0x8080808080808080ULL) >> 7;
        c -= (size_t)((cont * 0x0101010101010101ULL) >> 56);
    }
    for (; i < n; i++)
        c -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return c;
}

/* Words of s, counted up to max: only "more than ten" is ever asked. */
static size_t count_words(const char *s, size_t n, size_t max)
{
    size_t w = 0;
    bool after_space = true;
    for (size_t i = 0; i < n && w < max; i++) {
        bool space = gen_is_space(s[i]);
        w += !space && after_space;
        after_space = space;
    }
    return w;
}

/* Length of [0, n) of the paragraph without trailing spaces. */
static size_t trimmed(const struct gen_doc *d, size_t n)
{
    while (n > 0 && gen_is_space(d->para.data[n - 1]))
        n--;
    return n;
}

/* The list being read is over: its items become a set when they are names. */
static int end_block(struct gen_doc *d)
{
    if (!d->block.active)
        return 0;
    struct recite_gen_fact f;
    bool made;
    int rc = gen_block_fact(&f, &made, &d->block);
    if (rc == 0 && made) {
        struct recite_buf quote = {0};
        gen_buf_adds(&quote, d->block.intro);
        for (size_t i = 0; i < d->block.count; i++) {
            gen_buf_adds(&quote, i ? "; " : " ");
            gen_buf_adds(&quote, d->block.items[i]);
        }
        const struct gen_block_cite *c = &d->block.cite;
        struct gen_sentence s = {
            .text = quote.data ? quote.data : "",
            .len = quote.len,
            .doc = d->doc,
            .offset = c->offset,
            .length = (uint32_t)(c->end > c->offset ? c->end - c->offset : 0),
            .line = c->line,
        };
        rc = quote.data ? gen_store_fact(d, &f, &s) : RECITE_ENOMEM;
        free(quote.data);
        gen_block_fact_release(&f);
    }
    gen_block_clear(&d->block);
    return rc;
}

/* Processes para[0, end) as one paragraph (the caller drops it from para). */
static int finish_paragraph(struct gen_doc *d, size_t end)
{
    if (end == 0)
        return 0;
    if (d->para_role == GEN_ROLE_ITEM && d->block.active) {
        uint64_t at;
        uint32_t line;
        size_t n = trimmed(d, end);
        gen_doc_locate(d, n, &at, &line);
        int rc = gen_block_add_item(&d->block, d->para.data, n, at);
        if (rc < 0)
            return rc;
    }
    if (d->para_role == GEN_ROLE_TEXT)
        d->prose_since_heading = true;
    return gen_process_paragraph(d, end, true);
}

static int flush(struct gen_doc *d)
{
    int rc = finish_paragraph(d, d->para.len);
    consume(d, d->para.len);
    d->seg_count = 0;
    d->para_lines = 0;
    return rc;
}

/* The paragraph before the current line is complete. */
static int split_before_line(struct gen_doc *d)
{
    size_t end = d->line_pos;
    int rc = finish_paragraph(d, end);
    consume(d, end);
    d->para_lines = 0;
    return rc;
}

/* The current line is not part of any paragraph. */
static void drop_line(struct gen_doc *d)
{
    d->para.len = d->line_pos;
    if (d->seg_count > 0 && d->segs[d->seg_count - 1].pos == d->line_pos)
        d->seg_count--;
}

static int set_heading(struct gen_doc *d, const char *s, size_t n, size_t pos)
{
    free(d->heading);
    while (n > 0 && (s[n - 1] == '#' || gen_is_space(s[n - 1])))
        n--;
    d->heading = gen_clean_copy(s, n);
    if (!d->heading)
        return RECITE_ENOMEM;
    gen_events_heading(&d->mirror, s, n);
    int rc = gen_queue_heading(d, s, n);
    if (rc < 0)
        return rc;
    gen_doc_locate(d, pos, &d->heading_cite.offset, &d->heading_cite.line);
    d->heading_cite.end = d->heading_cite.offset + n;
    d->prose_since_heading = false;
    return 0;
}

/* The paragraph held is one line that titles what follows: remember it, read nothing in it. */
static int paragraph_is_heading(struct gen_doc *d, size_t end)
{
    int rc = end_block(d);
    if (rc == 0)
        rc = gen_heading_facts(d, 0, trimmed(d, end));
    if (rc == 0)
        rc = set_heading(d, d->para.data, trimmed(d, end), 0);
    consume(d, end);
    d->para_lines = 0;
    return rc;
}

/*
 * Keeps only the ranges keep[] of the current line (relative to its start),
 * with one offset segment per range so citations still find the file bytes.
 */
static int rewrite_line(struct gen_doc *d, const struct gen_span *keep, size_t count)
{
    size_t n = d->para.len - d->line_pos;
    struct gen_segment seg = d->segs[d->seg_count - 1];
    char stack[2048];
    char *tmp = n <= sizeof(stack) ? stack : malloc(n);
    if (!tmp)
        return RECITE_ENOMEM;
    memcpy(tmp, d->para.data + d->line_pos, n);
    d->para.len = d->line_pos;
    d->seg_count--;
    int rc = count ? 0 : add_segment_at(d, d->line_pos, seg.offset, seg.line);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        rc = add_segment_at(d, d->para.len, seg.offset + keep[i].start, seg.line);
        if (rc == 0)
            rc = gen_buf_add(&d->para, tmp + keep[i].start, keep[i].end - keep[i].start);
    }
    if (tmp != stack)
        free(tmp);
    return rc;
}

/* The prose of the current line: from its body, markup left out. */
static int keep_prose(struct gen_doc *d, size_t body)
{
    struct gen_span keep[64];
    const char *line = d->para.data + d->line_pos;
    size_t n = d->para.len - d->line_pos;
    if (body > n)
        body = n;
    size_t count = gen_layout_keep(keep, 64, line + body, n - body);
    if (count == 64) { /* too much markup to track: keep the line whole */
        keep[0] = (struct gen_span){0, n - body};
        count = 1;
    }
    for (size_t i = 0; i < count; i++) {
        keep[i].start += body;
        keep[i].end += body;
    }
    /* ranges shorter than the line, or a line that does not start at its body, are rewritten */
    if (count == 1 && keep[0].start == 0 && keep[0].end == n)
        return 0;
    return rewrite_line(d, keep, count);
}

enum boundary { JOIN, SPLIT, PREV_HEADING };

/* Whether the paragraph held, one line long, reads as a heading. */
static bool held_heading(const struct gen_doc *d, bool next_lower)
{
    if (d->para_lines != 1 || d->para_role != GEN_ROLE_TEXT || d->prev_ends_sentence ||
        d->prev_colon)
        return false;
    if (d->layout.wrap == GEN_WRAP_NONE)
        return d->prev_chars <= 60;
    /* hard-wrapped: short is not enough; a title stands alone or before a capital */
    if (d->prev_words > 10 || d->prev_chars > 72)
        return false;
    return d->blank_run > 0 || (!next_lower && d->prev_chars * 10 < d->layout.width * 6);
}

/* Whether the paragraph held ends in a capitalised word: "... chaired by Vint". */
static bool ends_in_capitalised(const struct gen_doc *d)
{
    size_t e = trimmed(d, d->line_pos), b = e;
    while (b > 0 && !gen_is_space(d->para.data[b - 1]))
        b--;
    return e > b && gen_is_upper(d->para.data[b]);
}

static enum boundary boundary(const struct gen_doc *d, const struct gen_line_info *info,
                              const char *body, size_t n)
{
    bool lower = n > 0 && (gen_is_lower(body[0]) || body[0] == '(');
    /* a line indented under an unfinished one continues it: "chaired by Vint" / "    Cerf, who" */
    if (info->role == GEN_ROLE_TEXT && d->blank_run == 0 && d->para_role == GEN_ROLE_TEXT &&
        info->indent > d->para_indent + 1 && !d->prev_ends_sentence && !d->prev_colon &&
        (lower || ends_in_capitalised(d)))
        return JOIN;
    if (held_heading(d, lower))
        return PREV_HEADING;
    if (info->role != GEN_ROLE_TEXT || d->para_role == GEN_ROLE_ROW)
        return SPLIT;
    if (d->blank_run > 0) /* a page break inside a sentence does not end the paragraph */
        return d->page_break && !d->prev_ends_sentence && lower ? JOIN : SPLIT;
    if (d->para_role == GEN_ROLE_GLOSSARY)
        return info->indent > d->para_indent ? JOIN : SPLIT;
    if (d->para_role == GEN_ROLE_ITEM)
        return info->indent > d->para_indent || !d->prev_ends_sentence ? JOIN : SPLIT;
    if (d->layout.wrap == GEN_WRAP_NONE)
        return d->prev_ends_sentence || d->prev_chars <= 60 ? SPLIT : JOIN;
    if (d->prev_ends_sentence && d->prev_chars * 4 < d->layout.width * 3)
        return SPLIT;
    return JOIN;
}

/* An item opens a list, or continues the one being read. */
static int item_line(struct gen_doc *d, const struct gen_line_info *info, size_t intro_end)
{
    if (d->block.active && info->indent <= d->block.indent + 1)
        return 0;
    if (d->block.active)
        return 0; /* a nested item: part of the text, not a member */
    struct gen_block_cite cite = {0};
    if (intro_end > 0 && d->prev_colon) {
        /* the last sentence of the paragraph before, "The top five vote-getters are:" */
        size_t start = intro_end;
        while (start > 0 && !(start >= 2 && strchr(".?!", d->para.data[start - 2]) &&
                              d->para.data[start - 1] == ' '))
            start--;
        gen_doc_locate(d, start, &cite.offset, &cite.line);
        return gen_block_start(&d->block, d->para.data + start, trimmed(d, intro_end) - start,
                               false, &cite, info->indent);
    }
    if (d->heading && !d->prose_since_heading)
        return gen_block_start(&d->block, d->heading, strlen(d->heading), true, &d->heading_cite,
                               info->indent);
    return 0;
}

/*
 * Unwrapped text with short unpunctuated lines and no blank between
 * ("Christian Democratic Union or CDU" / "Christian Social Union or CSU"):
 * one entry a line, not a heading each.
 */
static bool one_a_line(const struct gen_doc *d, const struct gen_line_info *info, const char *body,
                       size_t n)
{
    bool held = d->para_role == GEN_ROLE_TEXT || (d->para_role == GEN_ROLE_ITEM && d->block.one_a_line);
    return d->layout.wrap == GEN_WRAP_NONE && info->role == GEN_ROLE_TEXT && d->line_pos > 0 &&
           d->blank_run == 0 && d->para_lines == 1 && held && !d->prev_ends_sentence &&
           !d->prev_colon && d->prev_chars <= 60 && n > 0 && count_chars(body, n) <= 60 &&
           !ends_sentence(body, n) && !(n > 0 && body[n - 1] == ':');
}

/*
 * The entries of a one-a-line run right under a heading are the items of a
 * list the heading names; the line held becomes the first item.
 */
static int one_a_line_item(struct gen_doc *d, const struct gen_line_info *info,
                           struct gen_line_info *item)
{
    if (!d->block.active && d->para_role == GEN_ROLE_TEXT && d->heading && !d->prose_since_heading) {
        int rc = gen_block_start(&d->block, d->heading, strlen(d->heading), true, &d->heading_cite,
                                 info->indent);
        if (rc < 0)
            return rc;
        d->block.one_a_line = true;
        d->para_role = GEN_ROLE_ITEM;
    }
    *item = *info;
    if (d->block.active && d->block.one_a_line)
        item->role = GEN_ROLE_ITEM;
    return 0;
}

/* Text, an item or a glossary entry: joined to the paragraph held, or starting one. */
static int text_line(struct gen_doc *d, const struct gen_line_info *info, bool glued)
{
    const char *body = d->para.data + d->line_pos + info->body;
    size_t n = d->para.len - d->line_pos - info->body;
    enum boundary b;
    struct gen_line_info item;
    int rc = 0;
    if (!glued && one_a_line(d, info, body, n)) {
        if ((rc = one_a_line_item(d, info, &item)) < 0)
            return rc;
        info = &item;
        b = SPLIT;
    } else {
        b = glued ? JOIN : d->line_pos == 0 ? SPLIT : boundary(d, info, body, n);
    }
    size_t held = d->line_pos;
    if (info->role == GEN_ROLE_ITEM && b == SPLIT)
        rc = item_line(d, info, held);
    if (rc == 0 && b == PREV_HEADING)
        rc = paragraph_is_heading(d, held);
    else if (rc == 0 && b == SPLIT && held > 0)
        rc = split_before_line(d);
    if (rc == 0 && b == PREV_HEADING && info->role == GEN_ROLE_ITEM)
        rc = item_line(d, info, 0);
    /* text after the list (not inside one of its items) ends it */
    if (rc == 0 && b != JOIN && info->role != GEN_ROLE_ITEM && d->block.active)
        rc = end_block(d);
    if (rc < 0)
        return rc;
    if (b != JOIN) {
        d->para_role = info->role;
        d->para_indent = info->indent;
        d->glossary_col = info->def_col;
    }
    if ((rc = keep_prose(d, info->body)) < 0)
        return rc;
    const char *line = d->para.data + d->line_pos;
    n = d->para.len - d->line_pos;
    d->para_lines++;
    d->prev_ends_sentence = ends_sentence(line, n);
    d->prev_colon = n > 0 && line[n - 1] == ':';
    d->prev_chars = count_chars(line, n);
    d->prev_words = count_words(line, n, 11);
    d->blank_run = 0;
    d->page_break = false;
    return gen_buf_addc(&d->para, ' ');
}

/* "| a | b |": a row of its own, cells split by ';' so no cell runs into the next. */
static int row_line(struct gen_doc *d, const struct gen_line_info *info)
{
    int rc = d->line_pos ? split_before_line(d) : 0;
    if (rc == 0)
        rc = end_block(d);
    size_t n = d->para.len - d->line_pos;
    struct gen_span keep = {info->body + 1, n > 1 ? n - 1 : n};
    if (rc == 0 && keep.end > keep.start)
        rc = rewrite_line(d, &keep, 1);
    if (rc < 0)
        return rc;
    for (size_t i = d->line_pos; i < d->para.len; i++)
        if (d->para.data[i] == '|')
            d->para.data[i] = ';';
    d->para_role = GEN_ROLE_ROW;
    d->blank_run = 0;
    return flush(d);
}

/* "=====" under a line: that line was a heading; elsewhere a rule between paragraphs. */
static int underline_line(struct gen_doc *d)
{
    drop_line(d);
    if (d->para_lines == 1 && d->blank_run == 0 && d->para_role == GEN_ROLE_TEXT)
        return paragraph_is_heading(d, d->para.len);
    int rc = flush(d);
    return rc < 0 ? rc : end_block(d);
}

static int heading_line(struct gen_doc *d, const struct gen_line_info *info)
{
    int rc = d->line_pos ? split_before_line(d) : 0;
    if (rc == 0)
        rc = end_block(d);
    if (rc == 0)
        rc = keep_prose(d, info->body);
    if (rc == 0)
        rc = gen_heading_facts(d, d->line_pos, d->para.len);
    if (rc == 0)
        rc = set_heading(d, d->para.data + d->line_pos, d->para.len - d->line_pos, d->line_pos);
    drop_line(d);
    d->para_lines = 0;
    d->blank_run = 0;
    return rc;
}

/* A line of a cut 1 MiB line: only sentence ends matter. */
static int long_line_end(struct gen_doc *d)
{
    const char *line = d->para.data + d->line_pos;
    size_t n = d->para.len - d->line_pos;
    d->para_lines++;
    if (ends_sentence(line, n))
        return flush(d);
    return gen_buf_addc(&d->para, ' ');
}

/* A line is complete: decide whether it joins, ends, or is dropped from the paragraph. */
static int end_line(struct gen_doc *d)
{
    char *line = d->para.data + d->line_pos;
    size_t n = d->para.len - d->line_pos;
    while (n && (gen_is_space(line[n - 1]) || line[n - 1] == '\f'))
        n--;
    d->para.len = d->line_pos + n;
    bool dropcap_pending = d->dropcap;
    d->dropcap = false;
    if (dropcap_pending && !(n > 0 && gen_is_lower(line[0]))) {
        /* the lone capital was not a drop cap: forget it */
        memmove(d->para.data + d->line_pos - 1, line, n);
        d->para.len--;
        d->segs[d->seg_count - 1].pos--;
        d->line_pos--;
        line--;
    }
    if (dropcap_pending && n > 0 && gen_is_lower(line[0]))
        return text_line(d, &(struct gen_line_info){.role = GEN_ROLE_TEXT}, true);
    if (d->long_line)
        return long_line_end(d);
    struct gen_line_info info;
    gen_layout_line(&d->layout, &info, line, n);
    switch (info.role) {
    case GEN_ROLE_BLANK:
        drop_line(d);
        d->blank_run++;
        return 0;
    case GEN_ROLE_DROP:
        drop_line(d);
        d->page_break = true;
        return 0;
    case GEN_ROLE_UNDERLINE:
        return underline_line(d);
    case GEN_ROLE_HEADING:
        return heading_line(d, &info);
    case GEN_ROLE_ROW:
        return row_line(d, &info);
    default:
        break;
    }
    enum gen_line_kind kind = gen_classify_line(d, line + info.body, n - info.body);
    /* "ANSI    American National Standards Institute" is an entry, not a breadcrumb */
    if (kind == GEN_LINE_DROP && info.role == GEN_ROLE_GLOSSARY)
        kind = GEN_LINE_TEXT;
    if (kind == GEN_LINE_DROP) {
        drop_line(d);
        int rc = flush(d);
        return rc < 0 ? rc : end_block(d);
    }
    if (kind == GEN_LINE_DROPCAP) {
        int rc = d->line_pos ? split_before_line(d) : 0;
        d->dropcap = rc == 0;
        return rc;
    }
    return text_line(d, &info, false);
}

/* Whether the paragraph held, one line, holds a comma, a semicolon or a year. */
static bool last_line_says_something(const struct gen_doc *d)
{
    const char *p = d->para.data ? d->para.data + d->line_pos : "";
    size_t n = d->para.data ? d->para.len - d->line_pos : 0;
    return memchr(p, ',', n) || memchr(p, ';', n) || gen_year_in(p, n);
}

/* The last paragraph and list of a document. */
static int end_document(struct gen_doc *d)
{
    int rc = 0;
    d->blank_run = 1;
    /* a heading with nothing under it is dropped; a last line that holds a list or a year is
       what the document ends with ("It has 5 regions; Ahafo, ...", "12 December 1963 (from
       the UK)") */
    if (held_heading(d, false) && !last_line_says_something(d)) {
        d->para.len = 0;
        d->seg_count = 0;
    }
    rc = flush(d);
    if (rc == 0)
        rc = end_block(d);
    return rc;
}

static int start_line(struct gen_doc *d)
{
    if (!d->para.data && gen_buf_add(&d->para, "", 0) < 0)
        return RECITE_ENOMEM;
    d->line_pos = d->para.len;
    d->long_line = false;
    return add_segment(d);
}

/* Feeds bytes of one line (no newline) into the paragraph, cutting it at 1 MiB. */
static int feed_bytes(struct gen_doc *d, const char *p, size_t n)
{
    while (n > 0) {
        size_t room = PARA_MAX - d->para.len;
        size_t take = n < room ? n : room;
        int rc = gen_buf_add(&d->para, p, take);
        if (rc < 0)
            return rc;
        d->offset += take;
        p += take;
        n -= take;
        if (d->para.len >= PARA_MAX) {
            size_t done = d->para.len;
            rc = gen_process_paragraph(d, d->para.len, false);
            if (rc < 0)
                return rc;
            done = (size_t)rc;
            consume(d, done);
            d->long_line = true;
        }
    }
    return 0;
}

/* Validates and splits one chunk into lines. */
static int feed(struct gen_doc *d, const char *p, size_t n, struct recite_error *err)
{
    for (size_t i = 0; i < n;) {
        /* eight bytes at a time while none is below 0x20 (a tab or line end counts as one) */
        uint64_t v;
        if (i + 8 <= n) {
            memcpy(&v, p + i, 8);
            if (!((v - 0x2020202020202020ULL) & ~v & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = (unsigned char)p[i++];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            d->controls++;
    }
    while (n > 0) {
        if (d->at_line_start) {
            int rc = start_line(d);
            if (rc < 0)
                return rc;
            d->at_line_start = false;
        }
        const char *nl = memchr(p, '\n', n);
        size_t len = nl ? (size_t)(nl - p) : n;
        int rc = feed_bytes(d, p, len);
        if (rc < 0)
            return rc;
        if (!nl)
            break;
        d->offset++;
        rc = end_line(d);
        if (rc < 0)
            return rc;
        d->line++;
        d->at_line_start = true;
        p += len + 1;
        n -= len + 1;
    }
    (void)err;
    return 0;
}

static int refuse(struct recite_error *err, const char *name, uint64_t at)
{
    return recite_error_set(err, RECITE_EDATA, "%s: not UTF-8 text (byte %llu)", name,
                            (unsigned long long)at);
}

/* Checks and feeds a chunk; carry holds a UTF-8 sequence cut by the previous chunk. */
static int feed_checked(struct gen_doc *d, const char *p, size_t n,
                        const char *name, struct recite_error *err)
{
    char joined[8];
    size_t bad, need;
    if (d->carry_len) {
        size_t k = 0;
        memcpy(joined, d->carry, d->carry_len);
        k = d->carry_len;
        while (k < 4 && n > 0 && ((unsigned char)*p & 0xC0) == 0x80) {
            joined[k++] = *p++;
            n--;
        }
        uint64_t at = d->offset;
        if (!gen_utf8_valid((const unsigned char *)joined, k, &bad, &need) || need)
            return refuse(err, name, at);
        d->carry_len = 0;
        int rc = feed(d, joined, k, err);
        if (rc < 0)
            return rc;
    }
    if (d->bytes == 0 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
        d->offset += 3;
    }
    if (!d->layout.sniffed)
        gen_layout_sniff(&d->layout, p, n);
    if (!gen_utf8_valid((const unsigned char *)p, n, &bad, &need))
        return refuse(err, name, d->offset + bad);
    if (need) {
        memcpy(d->carry, p + n - need, need);
        d->carry_len = need;
        n -= need;
    }
    d->bytes += n;
    return feed(d, p, n, err);
}

/* Slots reserved at most for a document's sentence tables, however long it is (16 B each). */
#define RESERVE_MAX_SLOTS (1u << 22)
/* Facts room is made for at most: the array is filled in order, room never used costs no page. */
#define RESERVE_MAX_FACTS (1u << 18)

/*
 * Makes room in d's sentence tables for what a document of about size bytes
 * holds, generously (the near-duplicate bands: 8 for a sentence of 12 words
 * or more, which the densest prose has every 90 bytes), so that they are
 * not doubled and rehashed all the way up; likewise the generator's facts
 * (one every 54 bytes of that prose), which were copied at each doubling.
 * Room is no promise: a failure leaves them to grow as they fill. The
 * second stage is done with the document before (finish()).
 */
static void doc_expect(struct recite_gen *gen, struct gen_doc *d, uint64_t size)
{
    uint64_t facts = size / 48 < RESERVE_MAX_FACTS ? size / 48 : RESERVE_MAX_FACTS;
    if (recite_grow((void **)&gen->facts, &gen->fact_cap, gen->fact_count + (size_t)facts,
                    sizeof(*gen->facts)) == 0)
        gen_advise_huge(gen->facts, gen->fact_cap * sizeof(*gen->facts));
    const uint64_t most = RESERVE_MAX_SLOTS / 2;
    uint64_t bands = size / 12, sentences = size / 64;
    gen_set_reserve(&d->bands, (size_t)(bands < most ? bands : most));
    /* a signature for each long sentence, filled in order like the facts */
    if (recite_grow((void **)&d->sigs, &d->sig_cap, (size_t)((bands < most ? bands : most) / 8),
                    sizeof(*d->sigs)) == 0)
        gen_advise_huge(d->sigs, d->sig_cap * sizeof(*d->sigs));
    gen_set_reserve(&d->seen, (size_t)(sentences < most ? sentences : most));
}

static int doc_begin(struct recite_gen *gen, struct gen_doc *d, const char *name)
{
    memset(d, 0, sizeof(*d));
    d->line = 1;
    d->at_line_start = true;
    d->fact_start = gen->fact_count;
    d->arena = &gen->arenas[0];
    if (!gen->pipe && gen_pipe_new(&gen->pipe, gen, gen->opts.threads) < 0)
        return RECITE_ENOMEM;
    gen_pipe_list_stage(gen->pipe, gen->list_stage);
    d->pipe = gen->pipe;
    char **docs = realloc(gen->docs, (gen->doc_count + 1) * sizeof(*docs));
    if (!docs)
        return RECITE_ENOMEM;
    gen->docs = docs;
    docs[gen->doc_count] = recite_strdup(name);
    if (!docs[gen->doc_count] || gen_lexicon_new(&d->lex) < 0)
        return RECITE_ENOMEM;
    d->doc = gen->doc_count++;
    return 0;
}

static int doc_end(struct gen_doc *d, const char *name, struct recite_error *err)
{
    if (d->carry_len)
        return refuse(err, name, d->offset);
    if (!d->at_line_start) {
        int rc = end_line(d);
        if (rc < 0)
            return rc;
    }
    if (d->dropcap) {
        d->para.len = 0;
        d->seg_count = 0;
    }
    int rc = end_document(d);
    int stage2 = gen_pipe_drain(d->pipe);
    if (rc == 0)
        rc = stage2;
    if (rc < 0)
        return rc;
    if (d->controls * 100 > d->bytes)
        return recite_error_set(err, RECITE_EDATA, "%s: not UTF-8 text (control characters)",
                                name);
    return 0;
}

/* On failure the document's facts and name are dropped: nothing of it is kept. */
static void doc_abandon(struct recite_gen *gen, struct gen_doc *d)
{
    gen->fact_count = d->fact_start; /* their strings stay in the arenas until the end */
    gen_set_clear(&gen->fact_keys);
    for (size_t i = 0; i < gen->fact_count; i++)
        gen_fact_rekey(gen, i);
    if (gen->doc_count > d->doc) {
        free(gen->docs[d->doc]);
        gen->doc_count = d->doc;
    }
}

static int finish(struct recite_gen *gen, struct gen_doc *d, int rc, const char *name,
                  struct recite_error *err)
{
    if (d->pipe) { /* the second stage is done with the document before it goes */
        int stage2 = gen_pipe_drain(d->pipe);
        if (rc == 0)
            rc = stage2;
    }
    if (rc == RECITE_ENOMEM)
        recite_error_set(err, rc, "out of memory");
    if (rc < 0)
        doc_abandon(gen, d);
    doc_release(d);
    (void)name;
    return rc;
}

/*
 * An HTML page: its text as Markdown goes through the pipeline, and each
 * fact's line is then the page line its sentence came from.
 */
static int add_html(struct recite_gen *gen, const char *name, const char *data, size_t len,
                    struct recite_error *err)
{
    char *text;
    size_t text_len, line_count;
    uint32_t *lines;
    int rc = gen_html_text(data, len, &text, &text_len, &lines, &line_count);
    if (rc < 0)
        return recite_error_set(err, rc,
                                rc == RECITE_ENOMEM      ? "out of memory"
                                : rc == RECITE_EINTERNAL ? "%s: cannot read HTML without libxml2 "
                                                           "(install libxml2)"
                                                         : "%s: too large for an HTML page",
                                name);
    struct gen_doc d;
    rc = doc_begin(gen, &d, name);
    doc_expect(gen, &d, text_len);
    size_t first = d.fact_start, doc = d.doc;
    for (size_t off = 0; rc == 0 && off < text_len; off += CHUNK) {
        size_t n = text_len - off < CHUNK ? text_len - off : CHUNK;
        rc = feed_checked(&d, text + off, n, name, err);
    }
    if (rc == 0)
        rc = doc_end(&d, name, err);
    rc = finish(gen, &d, rc, name, err);
    for (size_t i = first; rc == 0 && i < gen->fact_count; i++)
        if (gen->facts[i].doc == doc && gen->facts[i].line >= 1 &&
            gen->facts[i].line <= line_count)
            gen->facts[i].line = lines[gen->facts[i].line - 1];
    free(text);
    free(lines);
    return rc;
}

int recite_gen_add_buffer(struct recite_gen *gen, const char *name, const char *data,
                          size_t len, struct recite_error *err)
{
    if (gen_looks_like_html(name, data, len))
        return add_html(gen, name, data, len, err);
    struct gen_doc d;
    int rc = doc_begin(gen, &d, name);
    doc_expect(gen, &d, len);
    for (size_t off = 0; rc == 0 && off < len; off += CHUNK) {
        size_t n = len - off < CHUNK ? len - off : CHUNK;
        rc = feed_checked(&d, data + off, n, name, err);
    }
    if (rc == 0)
        rc = doc_end(&d, name, err);
    return finish(gen, &d, rc, name, err);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The rest of an HTML page open as fp, whose first n bytes are in buf (freed here). */
static int add_html_file(struct recite_gen *gen, FILE *fp, char *buf, size_t n, const char *path,
                         const char *name, struct recite_error *err)
{
    struct recite_buf page = {0};
    recite_buf_add(&page, buf, n);
    while (!page.oom && (n = fread(buf, 1, CHUNK, fp)) > 0)
        recite_buf_add(&page, buf, n);
    int rc = ferror(fp) ? recite_error_set(err, RECITE_EIO, "cannot read document '%s'", path)
         : page.oom     ? recite_error_set(err, RECITE_ENOMEM, "out of memory")
                        : add_html(gen, name, page.data ? page.data : "", page.len, err);
    recite_buf_free(&page);
    free(buf);
    fclose(fp);
    return rc;
}

int recite_gen_add_file(struct recite_gen *gen, const char *path, const char *name,
                        struct recite_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return recite_error_set(err, errno == ENOENT ? RECITE_ENOTFOUND : RECITE_EIO,
                                "cannot open document '%s': %s", path, strerror(errno));
    struct stat st;
    uint64_t total = fstat(fileno(fp), &st) == 0 ? (uint64_t)st.st_size : 0;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        return recite_error_set(err, RECITE_EIO, "cannot read document '%s': a directory",
                                path);
    }
    char *buf = malloc(CHUNK);
    if (!buf) {
        fclose(fp);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    size_t n = fread(buf, 1, CHUNK, fp);
    if (gen_looks_like_html(path, buf, n)) /* a page is parsed whole */
        return add_html_file(gen, fp, buf, n, path, name ? name : base_name(path), err);
    struct gen_doc d;
    int rc = doc_begin(gen, &d, name ? name : base_name(path));
    doc_expect(gen, &d, total);
    uint64_t done = 0;
    for (bool first = true; rc == 0 && (first || (n = fread(buf, 1, CHUNK, fp)) > 0);
         first = false) {
        if (n == 0)
            break;
        rc = feed_checked(&d, buf, n, path, err);
        done += n;
        if (gen->opts.progress)
            gen->opts.progress(gen->opts.progress_ctx, done, total);
    }
    if (rc == 0 && ferror(fp))
        rc = recite_error_set(err, RECITE_EIO, "cannot read document '%s'", path);
    if (rc == 0)
        rc = doc_end(&d, path, err);
    fclose(fp);
    free(buf);
    return finish(gen, &d, rc, path, err);
}
