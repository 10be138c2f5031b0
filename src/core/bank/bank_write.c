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
#include "recite/buf.h"
#include "recite/common.h"

/* Writes s with '\' and '|' escaped. */
static void put_escaped(struct recite_buf *b, const char *s)
{
    const char *run = s;
    for (const char *p = s; *p; p++) {
        if (*p == '\\' || *p == '|') {
            recite_buf_add(b, run, (size_t)(p - run));
            recite_buf_add(b, "\\", 1);
            run = p;
        }
    }
    recite_buf_adds(b, run);
}

static void put_line(struct recite_buf *b, const char *name, const char *value)
{
    recite_buf_adds(b, name);
    recite_buf_adds(b, ": ");
    put_escaped(b, value);
    recite_buf_add(b, "\n", 1);
}

static void write_header(struct recite_buf *b, const struct recite_bank *bank)
{
    recite_buf_adds(b, "bank ");
    recite_buf_adds(b, bank->id);
    recite_buf_add(b, "\n", 1);
    if (bank->title && bank->title[0])
        put_line(b, "title", bank->title);
    if (bank->version && bank->version[0])
        put_line(b, "version", bank->version);
    put_line(b, "language", bank->language && bank->language[0] ? bank->language : "en");
    for (size_t i = 0; i < bank->source_count; i++) {
        recite_buf_adds(b, "source ");
        recite_buf_adds(b, bank->sources[i].id);
        put_line(b, "", bank->sources[i].title);
    }
}

static void write_field(struct recite_buf *b, const struct recite_field *field)
{
    if (strcmp(field->name, "ordered") == 0) {
        /* "no" is the default, so the canonical form leaves it out. */
        if (strcmp(field->alts[0], "yes") == 0)
            recite_buf_adds(b, "ordered: yes\n");
        return;
    }
    recite_buf_adds(b, field->name);
    recite_buf_adds(b, ": ");
    for (size_t i = 0; i < field->alt_count; i++) {
        if (i > 0)
            recite_buf_adds(b, " | ");
        put_escaped(b, field->alts[i]);
    }
    recite_buf_add(b, "\n", 1);
}

/* The kind's own fields, in canonical order; the order values are small. */
static void write_kind_fields(struct recite_buf *b, const struct recite_fact *fact)
{
    for (int order = 0; order < 8; order++) {
        for (size_t i = 0; i < fact->field_count; i++) {
            const struct bank_field_rule *rule = bank_field_rule(fact->kind, fact->fields[i].name);
            if (rule && !rule->common && rule->order == order)
                write_field(b, &fact->fields[i]);
        }
    }
}

static void write_common(struct recite_buf *b, const struct recite_fact *fact)
{
    if (fact->tag_count > 0) {
        recite_buf_adds(b, "tags:");
        for (size_t i = 0; i < fact->tag_count; i++) {
            recite_buf_add(b, " ", 1);
            recite_buf_adds(b, fact->tags[i]);
        }
        recite_buf_add(b, "\n", 1);
    }
    if (fact->cite_source) {
        recite_buf_adds(b, "cite: ");
        put_escaped(b, fact->cite_source);
        if (fact->cite_place) {
            recite_buf_add(b, " ", 1);
            put_escaped(b, fact->cite_place);
        }
        recite_buf_add(b, "\n", 1);
    }
    if (fact->quote)
        put_line(b, "quote", fact->quote);
    if (fact->note)
        put_line(b, "note", fact->note);
}

int recite_bank_write(char **out, size_t *out_len, const struct recite_bank *bank,
                      struct recite_error *err)
{
    struct recite_buf b = {0};
    *out = NULL;
    write_header(&b, bank);
    for (size_t i = 0; i < bank->fact_count; i++) {
        const struct recite_fact *fact = &bank->facts[i];
        recite_buf_add(&b, "\n", 1);
        recite_buf_adds(&b, recite_fact_kind_name(fact->kind));
        recite_buf_add(&b, " ", 1);
        recite_buf_adds(&b, fact->key);
        recite_buf_add(&b, "\n", 1);
        write_kind_fields(&b, fact);
        write_common(&b, fact);
    }
    if (recite_buf_finish(&b, out, out_len, err) < 0)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory writing bank '%s'", bank->id);
    return 0;
}

void recite_bank_hash(char out[RECITE_BANK_HASH_HEX], const char *text, size_t len)
{
    unsigned char digest[32];
    crypto_generichash(digest, sizeof(digest), (const unsigned char *)text, len, NULL, 0);
    sodium_bin2hex(out, RECITE_BANK_HASH_HEX, digest, sizeof(digest));
}
