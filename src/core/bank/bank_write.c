/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The canonical writer and the content hash. Canonical text: the header
 * (bank, title, version, language, sources), then each fact as one block
 * separated by a blank line, fields in the kind's fixed order, spellings
 * joined by " | ", '\' and '|' escaped, no comments, '\n' line ends. Its
 * output parses back to the same model, so writing is a fixed point.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bank_internal.h"
#include "recite/bank.h"
#include "recite/common.h"

struct buf {
    char *data;
    size_t len, cap;
    bool oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->oom = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_raw(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* Writes s with '\' and '|' escaped. */
static void put_escaped(struct buf *b, const char *s)
{
    const char *run = s;
    for (const char *p = s; *p; p++) {
        if (*p == '\\' || *p == '|') {
            put(b, run, (size_t)(p - run));
            put(b, "\\", 1);
            run = p;
        }
    }
    puts_raw(b, run);
}

static void put_line(struct buf *b, const char *name, const char *value)
{
    puts_raw(b, name);
    puts_raw(b, ": ");
    put_escaped(b, value);
    put(b, "\n", 1);
}

static void write_header(struct buf *b, const struct recite_bank *bank)
{
    puts_raw(b, "bank ");
    puts_raw(b, bank->id);
    put(b, "\n", 1);
    if (bank->title && bank->title[0])
        put_line(b, "title", bank->title);
    if (bank->version && bank->version[0])
        put_line(b, "version", bank->version);
    put_line(b, "language", bank->language && bank->language[0] ? bank->language : "en");
    for (size_t i = 0; i < bank->source_count; i++) {
        puts_raw(b, "source ");
        puts_raw(b, bank->sources[i].id);
        put_line(b, "", bank->sources[i].title);
    }
}

static void write_field(struct buf *b, const struct recite_field *field)
{
    if (strcmp(field->name, "ordered") == 0) {
        /* "no" is the default, so the canonical form leaves it out. */
        if (strcmp(field->alts[0], "yes") == 0)
            puts_raw(b, "ordered: yes\n");
        return;
    }
    puts_raw(b, field->name);
    puts_raw(b, ": ");
    for (size_t i = 0; i < field->alt_count; i++) {
        if (i > 0)
            puts_raw(b, " | ");
        put_escaped(b, field->alts[i]);
    }
    put(b, "\n", 1);
}

/* The kind's own fields, in canonical order; the order values are small. */
static void write_kind_fields(struct buf *b, const struct recite_fact *fact)
{
    for (int order = 0; order < 8; order++) {
        for (size_t i = 0; i < fact->field_count; i++) {
            const struct bank_field_rule *rule = bank_field_rule(fact->kind, fact->fields[i].name);
            if (rule && !rule->common && rule->order == order)
                write_field(b, &fact->fields[i]);
        }
    }
}

static void write_common(struct buf *b, const struct recite_fact *fact)
{
    if (fact->tag_count > 0) {
        puts_raw(b, "tags:");
        for (size_t i = 0; i < fact->tag_count; i++) {
            put(b, " ", 1);
            puts_raw(b, fact->tags[i]);
        }
        put(b, "\n", 1);
    }
    if (fact->cite_source) {
        puts_raw(b, "cite: ");
        put_escaped(b, fact->cite_source);
        if (fact->cite_place) {
            put(b, " ", 1);
            put_escaped(b, fact->cite_place);
        }
        put(b, "\n", 1);
    }
    if (fact->quote)
        put_line(b, "quote", fact->quote);
    if (fact->note)
        put_line(b, "note", fact->note);
}

int recite_bank_write(char **out, size_t *out_len, const struct recite_bank *bank,
                      struct recite_error *err)
{
    struct buf b = {0};
    *out = NULL;
    write_header(&b, bank);
    for (size_t i = 0; i < bank->fact_count; i++) {
        const struct recite_fact *fact = &bank->facts[i];
        put(&b, "\n", 1);
        puts_raw(&b, recite_fact_kind_name(fact->kind));
        put(&b, " ", 1);
        puts_raw(&b, fact->key);
        put(&b, "\n", 1);
        write_kind_fields(&b, fact);
        write_common(&b, fact);
    }
    if (b.oom) {
        free(b.data);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory writing bank '%s'", bank->id);
    }
    *out = b.data;
    if (out_len)
        *out_len = b.len;
    return 0;
}

void recite_bank_hash(char out[RECITE_BANK_HASH_HEX], const char *text, size_t len)
{
    unsigned char digest[32];
    crypto_generichash(digest, sizeof(digest), (const unsigned char *)text, len, NULL, 0);
    sodium_bin2hex(out, RECITE_BANK_HASH_HEX, digest, sizeof(digest));
}
