/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The draft writer: one small emitter for the baseline .bank text format.
 * Values are single lines with `|` and `\` escaped, keys match
 * [A-Za-z0-9][A-Za-z0-9._-]* and are unique, every fact cites its source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_pipeline.h"

static bool key_char(char c)
{
    return gen_is_alnum(c) || c == '.' || c == '_' || c == '-';
}

static bool valid_key(const char *s)
{
    if (!s[0] || !gen_is_alnum(s[0]))
        return false;
    for (size_t i = 0; s[i]; i++)
        if (!key_char(s[i]))
            return false;
    return true;
}

/* Lowercase ASCII slug of the first max_words words of s, appended to b. */
static void slug(struct gen_buf *b, const char *s, int max_words)
{
    int words = 0;
    bool dash = b->len > 0;
    for (size_t i = 0; s && s[i] && words < max_words; i++) {
        char c = s[i];
        if (gen_is_alnum(c)) {
            if (dash && b->len > 0)
                gen_buf_addc(b, '-');
            dash = false;
            gen_buf_addc(b, gen_lower(c));
        } else if (!dash && b->len > 0) {
            dash = true;
            if (c == ' ')
                words++;
        }
    }
}

static void base_key(struct gen_buf *b, const struct recite_gen_fact *f)
{
    switch (f->kind) {
    case RECITE_GEN_ACRONYM:
        if (valid_key(f->short_form)) {
            gen_buf_adds(b, f->short_form);
            return;
        }
        for (size_t i = 0; f->short_form[i]; i++)
            if (key_char(f->short_form[i]) && (b->len || gen_is_alnum(f->short_form[i])))
                gen_buf_addc(b, f->short_form[i]);
            else if (b->len && b->data[b->len - 1] != '-')
                gen_buf_addc(b, '-');
        if (!b->len)
            gen_buf_adds(b, "acronym");
        return;
    case RECITE_GEN_EVENT:
        for (size_t i = 0; f->when[i]; i++)
            gen_buf_addc(b, f->when[i] == '/' ? '-' : f->when[i]);
        slug(b, f->what, 4);
        return;
    case RECITE_GEN_SET: {
        slug(b, f->prompt, 5);
        if (!b->len)
            gen_buf_adds(b, "list");
        char n[24];
        snprintf(n, sizeof(n), "-%zu", f->member_count);
        gen_buf_adds(b, n);
        return;
    }
    }
}

/* A unique key for f; suffixes -2, -3 ... on clashes. */
static int fact_key(struct gen_buf *out, struct gen_set *used, const struct recite_gen_fact *f)
{
    out->len = 0;
    base_key(out, f);
    while (out->len && !key_char(out->data[out->len - 1]))
        out->len--;
    if (!out->data)
        return RECITE_ENOMEM;
    size_t base = out->len;
    for (unsigned n = 2;; n++) {
        int rc;
        if (!gen_set_get(used, gen_hash(out->data, out->len, GEN_HASH_INIT), 1, &rc))
            return rc;
        out->len = base;
        char suffix[16];
        snprintf(suffix, sizeof(suffix), "-%u", n);
        gen_buf_adds(out, suffix);
    }
}

static void put_escaped(struct gen_buf *b, const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '|' || c == '\\')
            gen_buf_addc(b, '\\');
        gen_buf_addc(b, c < 0x20 ? ' ' : (char)c);
    }
}

static void field(struct gen_buf *b, const char *name, const char *value)
{
    gen_buf_adds(b, name);
    gen_buf_adds(b, ": ");
    put_escaped(b, value);
    gen_buf_addc(b, '\n');
}

/* long: alternatives separated by " | ", each escaped. */
static void long_field(struct gen_buf *b, const char *value)
{
    gen_buf_adds(b, "long: ");
    const char *p = value;
    for (;;) {
        const char *sep = strstr(p, " | ");
        size_t n = sep ? (size_t)(sep - p) : strlen(p);
        char *part = gen_clean_copy(p, n);
        if (part)
            put_escaped(b, part);
        free(part);
        if (!sep)
            break;
        gen_buf_adds(b, " | ");
        p = sep + 3;
    }
    gen_buf_addc(b, '\n');
}

/* Baseline `when:` values: decades and ranges become YYYY..YYYY. */
static void when_field(struct gen_buf *b, const char *when)
{
    char buf[32];
    size_t n = strlen(when);
    if (n == 5 && when[4] == 's')
        snprintf(buf, sizeof(buf), "%.4s..%.3s9", when, when);
    else if (n == 9 && when[4] == '/')
        snprintf(buf, sizeof(buf), "%.4s..%.4s", when, when + 5);
    else
        snprintf(buf, sizeof(buf), "%s", when);
    field(b, "when", buf);
}

static void fact_block(struct gen_buf *b, const struct recite_gen_fact *f, const char *key)
{
    static const char *const kinds[] = {"acronym", "event", "set"};
    gen_buf_addc(b, '\n');
    if (f->low) {
        gen_buf_adds(b, "# low confidence: ");
        gen_buf_adds(b, f->low);
        gen_buf_addc(b, '\n');
    }
    if (f->kind == RECITE_GEN_SET && f->concept)
        gen_buf_adds(b, "# concept list\n");
    gen_buf_adds(b, kinds[f->kind]);
    gen_buf_addc(b, ' ');
    gen_buf_adds(b, key);
    gen_buf_addc(b, '\n');
    if (f->kind == RECITE_GEN_ACRONYM) {
        if (strcmp(key, f->short_form) != 0)
            field(b, "short", f->short_form);
        long_field(b, f->long_form);
    } else if (f->kind == RECITE_GEN_EVENT) {
        when_field(b, f->when);
        field(b, "what", f->what);
    } else {
        field(b, "prompt", f->prompt);
        for (size_t i = 0; i < f->member_count; i++)
            field(b, "member", f->members[i]);
    }
    char cite[64];
    snprintf(cite, sizeof(cite), "%03zu L%u", f->doc, f->line);
    field(b, "cite", cite);
    field(b, "quote", f->quote);
}

static void header(struct gen_buf *b, const struct recite_gen *gen)
{
    gen_buf_adds(b, "# draft written by recite generate: check every fact, then import it\n");
    gen_buf_adds(b, "bank ");
    gen_buf_adds(b, valid_key(gen->bank_id) ? gen->bank_id : "draft");
    gen_buf_addc(b, '\n');
    const char *title = gen->title ? gen->title : gen->doc_count ? gen->docs[0] : "draft";
    char *clean = gen_clean_copy(title, strlen(title));
    field(b, "title", clean && clean[0] ? clean : "draft");
    free(clean);
    /* Score files name the exact bank as id@version: a draft says it is one. */
    field(b, "version", "draft");
    for (size_t i = 0; i < gen->doc_count; i++) {
        char *name = gen_clean_copy(gen->docs[i], strlen(gen->docs[i]));
        char label[32];
        snprintf(label, sizeof(label), "source %03zu", i);
        field(b, label, name && name[0] ? name : "document");
        free(name);
    }
}

int recite_gen_draft(char **out, size_t *out_len, struct recite_gen *gen,
                     struct recite_error *err)
{
    struct gen_buf b = {0}, key = {0};
    struct gen_set used = {0};
    int rc = 0;
    header(&b, gen);
    for (size_t i = 0; rc == 0 && i < gen->fact_count; i++) {
        if ((rc = fact_key(&key, &used, &gen->facts[i])) == 0)
            fact_block(&b, &gen->facts[i], key.data);
    }
    free(key.data);
    gen_set_clear(&used);
    /* gen_buf_add reports ENOMEM only through a missing buffer or length mismatch */
    if (rc < 0 || !b.data || strlen(b.data) != b.len) {
        free(b.data);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    *out = b.data;
    *out_len = b.len;
    return 0;
}
