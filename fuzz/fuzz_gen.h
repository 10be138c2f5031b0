/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The generator's fuzz check, shared by fuzz_gen (text) and fuzz_html: the
 * bytes as a document named name are refused or give a draft that is a
 * NUL-free string of the reported length and passes the bank's rules.
 */
#ifndef RECITE_FUZZ_GEN_H
#define RECITE_FUZZ_GEN_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

static inline void fuzz_gen_draft(const char *name, const uint8_t *data, size_t size)
{
    struct recite_gen *gen = NULL;
    struct recite_error err = {0};
    if (recite_gen_new(&gen, NULL, &err) < 0)
        return;
    if (recite_gen_add_buffer(gen, name, (const char *)data, size, &err) == 0) {
        char *draft = NULL;
        size_t len = 0;
        if (recite_gen_draft(&draft, &len, gen, &err) == 0) {
            if (strlen(draft) != len)
                abort();
            /* A draft always passes `recite bank lint`. */
            struct recite_bank *bank = NULL;
            struct recite_diags diags = {0};
            if (recite_bank_parse(&bank, draft, len, &diags, &err) < 0 && err.code != RECITE_ENOMEM) {
                for (size_t i = 0; i < diags.count; i++)
                    fprintf(stderr, "draft:%u:%u: %s\n", diags.items[i].line, diags.items[i].col,
                            diags.items[i].message);
                fprintf(stderr, "%s", draft);
                abort();
            }
            recite_diags_release(&diags);
            recite_bank_free(bank);
            free(draft);
        }
    }
    recite_gen_free(gen);
}

#endif
