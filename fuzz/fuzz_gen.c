/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the generator: any bytes in, either a refusal or a
 * draft out; the draft must be a NUL-free string of the reported length.
 */
#include <stdint.h>
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
            free(draft);
        }
    }
    recite_gen_free(gen);
    return 0;
}
