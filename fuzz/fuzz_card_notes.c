/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for kept card notes (a bank's acronyms by initials and
 * its words by initial, as the store keeps them): any bytes are either
 * refused with RECITE_EDATA or adopted whole, and lookups and look-alike
 * expansions drawn from adopted notes stay in bounds whatever they say.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts_internal.h"
#include "recite.h"

static const char *const initials[] = {"", "A", "NATO", "PFP", "ZZZZZZZZ", "CSCE"};
static const char *const expansions[] = {"North Atlantic Treaty Organization",
                                         "Partnership for Peace", "a b c", "Zulu"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct card_notes *notes = NULL;
    struct recite_error err = {0};
    int rc = card_notes_load(&notes, data, size, &err);
    if (rc != 0 && rc != RECITE_EDATA && rc != RECITE_ENOMEM)
        abort();
    if (rc != 0)
        return 0;
    for (size_t i = 0; i < sizeof(initials) / sizeof(initials[0]); i++) {
        size_t first, n = card_notes_initials(notes, initials[i], &first);
        for (size_t k = 0; k < n; k++)
            (void)card_notes_acronym_at(notes, first + k);
    }
    uint64_t sum = 0;
    for (size_t at = 0; at < 4; at++) {
        struct card_note_set set;
        if (!card_notes_set(notes, at, &set))
            continue;
        if (set.raw_count > CARD_NOTE_SPELLINGS || set.folded_count > CARD_NOTE_SPELLINGS)
            abort();
        for (size_t i = 0; i < set.raw_count; i++)
            sum += set.raw[i];
        for (size_t i = 0; i < set.folded_count; i++)
            sum += set.folded[i];
    }
    /* every kept hash was read: the sanitizers see any stray pointer */
    volatile uint64_t sink = sum;
    (void)sink;
    const struct vocab *v = card_notes_vocab(notes);
    if (!v->grouped || v->group[26] != v->count)
        abort();
    struct recite_rng rng;
    recite_rng_seed(&rng, size);
    char out[512];
    for (size_t i = 0; i < sizeof(expansions) / sizeof(expansions[0]); i++)
        (void)expansion_variant(out, sizeof(out), expansions[i], v, &rng, 1 + i % 2);
    card_notes_free(notes);
    return 0;
}
