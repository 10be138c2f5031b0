/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The index a bank keeps for card building: the facts of each kind, the
 * events by year and the facts by key. The bank owns it (allocated with the
 * bank, freed with it) and answers key lookups through it once it is built;
 * card/facts_index.c builds it on first use.
 */
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "recite/bank.h"
#include "recite/common.h"

void bank_index_clear(struct recite_bank_index *index)
{
    for (int k = 0; k < RECITE_FACT_KIND_COUNT; k++)
        free(index->of_kind[k]);
    free(index->event_spans);
    free(index->by_year);
    free(index->by_key);
    if (index->above_free)
        index->above_free(index->above);
    memset(index, 0, sizeof(*index));
}

void bank_index_free(struct recite_bank_index *index)
{
    if (!index)
        return;
    bank_index_clear(index);
    free(index);
}

static int by_year_cmp(const void *a, const void *b)
{
    const struct index_event *x = a, *y = b;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

void bank_index_sort_years(struct recite_bank_index *index)
{
    qsort(index->by_year, index->kind_count[RECITE_FACT_EVENT], sizeof(*index->by_year),
          by_year_cmp);
}

bool bank_index_find_key(const struct recite_bank *bank, const char *key,
                         const struct recite_fact **out)
{
    const struct recite_bank_index *index = bank->index;
    if (!index || !index->built || index->facts != bank->facts ||
        index->fact_count != bank->fact_count)
        return false;
    size_t lo = 0, hi = bank->fact_count;
    while (lo < hi) { /* the first with a key >= key: the bank's first of that key */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(index->by_key[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *out = lo < bank->fact_count && strcmp(index->by_key[lo].key, key) == 0
               ? &bank->facts[index->by_key[lo].fact]
               : NULL;
    return true;
}
