/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for a bank's kept fact references (the row ids of its
 * facts of each kind, and its events' dates, as the store keeps them): any
 * bytes either give a kind's references, never more than the bytes hold, or
 * are refused; every reference given is read, so the sanitizers see a read
 * out of bounds.
 */
#include <stdint.h>
#include <stdlib.h>

#include "recite.h"
#include "study/study_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t sum = 0;
    for (int kind = 0; kind < RECITE_FACT_KIND_COUNT; kind++) {
        struct recite_fact_ref *refs = NULL;
        size_t n = 0;
        if (!bank_fact_refs_read(data, size, (enum recite_fact_kind)kind, &refs, &n)) {
            if (refs || n)
                abort();
            continue;
        }
        if (n > size / 8)
            abort();
        for (size_t i = 0; i < n; i++)
            sum += (uint64_t)refs[i].id + (uint64_t)refs[i].year + (uint64_t)refs[i].span_first +
                   (uint64_t)refs[i].span_last;
        free(refs);
    }
    volatile uint64_t sink = sum;
    (void)sink;
    return 0;
}
