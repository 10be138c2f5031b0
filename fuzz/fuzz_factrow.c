/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for stored fact rows, which a review session reads from
 * the database one at a time (bank_view.c): the input is NUL-separated
 * kind, key, tags, cite and JSON body. A row is either refused as damaged
 * or gives a fact that passes the bank's rules, and then every card of
 * that fact builds or is refused cleanly, never crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "recite.h"
#include "study_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next NUL-terminated part of the input (the last one runs to the end). */
static char *next_part(const char **p, const char *end)
{
    const char *nul = memchr(*p, '\0', (size_t)(end - *p));
    size_t len = (size_t)((nul ? nul : end) - *p);
    char *part = malloc(len + 1);
    if (part) {
        memcpy(part, *p, len);
        part[len] = '\0';
    }
    *p = nul ? nul + 1 : end;
    return part;
}

static void build_cards(const struct recite_fact *parsed, const struct recite_fact_row *row)
{
    struct recite_bank *bank = NULL;
    struct recite_fact *fact = NULL;
    struct recite_error err = {0};
    if (recite_bank_new(&bank, "fuzz", &err) < 0)
        return;
    if (recite_bank_add_fact(bank, parsed->kind, parsed->key, &fact, &err) < 0)
        goto done;
    for (size_t i = 0; i < parsed->field_count; i++)
        if (recite_fact_add_field(fact, parsed->fields[i].name,
                                  (const char *const *)parsed->fields[i].alts,
                                  parsed->fields[i].alt_count, &err) < 0)
            goto done;
    if ((row->tags[0] && recite_fact_set_common(fact, "tags", row->tags, &err) < 0) ||
        (row->cite[0] && recite_fact_set_common(fact, "cite", row->cite, &err) < 0))
        goto done;
    char names[64][RECITE_TEMPLATE_NAME_MAX];
    size_t count = recite_fact_templates(fact, names, 64);
    for (size_t t = 0; t < count && t < 64; t++) {
        struct recite_card card;
        if (recite_card_build(&card, bank, fact, names[t], 1, &err) == 0)
            recite_card_release(&card);
    }
done:
    recite_bank_free(bank);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    struct recite_fact_row row = {0};
    row.kind = next_part(&p, end);
    row.key = next_part(&p, end);
    row.tags = next_part(&p, end);
    row.cite = next_part(&p, end);
    row.body = next_part(&p, end);
    if (row.kind && row.key && row.tags && row.cite && row.body) {
        struct recite_fact fact;
        if (bank_fact_from_row(&fact, &row) == 0)
            build_cards(&fact, &row);
        bank_fact_release(&fact);
    }
    free(row.kind);
    free(row.key);
    free(row.tags);
    free(row.cite);
    free(row.body);
    return 0;
}
