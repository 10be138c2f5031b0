/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz target for the Anki package reader (zip, zstd, protobuf, the
 * collection): any input is read or refused, never a crash. A package that
 * reads gives a bank whose canonical text parses again, review slices that
 * lie inside the review list with answers 1 to 4, and media names that are
 * plain file names.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "formats/anki.h"
#include "study/study_internal.h"
#include "recite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct recite_bank *bank = NULL;
    struct recite_anki_package *pkg = NULL;
    if (anki_package_read(&bank, &pkg, data, size, "fuzz", NULL, NULL) < 0)
        return 0;
    char *text = NULL;
    size_t len = 0;
    struct recite_bank *again = NULL;
    if (recite_bank_write(&text, &len, bank, NULL) == 0 &&
        recite_bank_parse(&again, text, len, NULL, NULL) < 0) {
        fprintf(stderr, "canonical text does not parse:\n%s", text);
        abort();
    }
    for (size_t i = 0; i < pkg->card_count; i++) {
        const struct anki_card *c = &pkg->cards[i];
        if (c->first > pkg->review_count || c->count > pkg->review_count - c->first)
            abort();
        for (size_t k = c->first; k < c->first + c->count; k++)
            if (pkg->reviews[k].rating < 1 || pkg->reviews[k].rating > 4)
                abort();
    }
    for (size_t i = 0; i < pkg->media_count; i++)
        if (!anki_media_name_ok(pkg->media[i].name))
            abort();
    recite_bank_free(again);
    recite_bank_free(bank);
    anki_package_free(pkg);
    free(text);
    return 0;
}
