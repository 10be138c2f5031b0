/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz target for the .bank parser: any input either parses or yields
 * diagnostics, never a crash. A clean parse must survive the canonical
 * round trip (write, parse, write gives the same bytes), pass validation,
 * and build every card of a small bank.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const struct recite_bank *bank)
{
    char *first = NULL, *second = NULL;
    size_t first_len = 0, second_len = 0;
    struct recite_bank *again = NULL;
    if (recite_bank_write(&first, &first_len, bank, NULL) < 0)
        return;
    if (recite_bank_parse(&again, first, first_len, NULL, NULL) < 0) {
        fprintf(stderr, "canonical text does not parse:\n%s", first);
        abort();
    }
    if (recite_bank_write(&second, &second_len, again, NULL) < 0)
        abort();
    if (first_len != second_len || memcmp(first, second, first_len) != 0) {
        fprintf(stderr, "canonical text is not a fixed point:\n%s\n----\n%s", first, second);
        abort();
    }
    if (recite_bank_validate(again, NULL, NULL) < 0)
        abort();
    free(first);
    free(second);
    recite_bank_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct recite_bank *bank = NULL;
    struct recite_diags diags = {0};
    int rc = recite_bank_parse(&bank, (const char *)data, size, &diags, NULL);
    if (rc == 0) {
        round_trip(bank);
        /* Card building scans the bank per card: keep it to small inputs. */
        if (bank->fact_count <= 64) {
            struct recite_card *cards = NULL;
            size_t count = 0;
            if (recite_bank_cards(&cards, &count, bank, size, NULL) == 0)
                recite_cards_free(cards, count);
        }
    } else if (rc == RECITE_EDATA && diags.count == 0) {
        abort(); /* every rejection must say where */
    }
    recite_bank_free(bank);
    recite_diags_release(&diags);
    return 0;
}
