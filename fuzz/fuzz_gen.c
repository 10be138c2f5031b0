/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the generator: any bytes in, either a refusal or a
 * draft out; the draft must be a NUL-free string of the reported length
 * that passes the bank's rules (`recite bank lint`).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct recite_gen *gen = NULL;
    struct recite_error err = {0};
    if (recite_gen_new(&gen, NULL, &err) < 0)
        return 0;
    if (recite_gen_add_buffer(gen, "fuzz.txt", (const char *)data, size, &err) == 0) {
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
    return 0;
}
