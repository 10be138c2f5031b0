/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target for the ankitxt reader and writer; the checks are in fuzz_formats.h. */
#include "fuzz_formats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_format(data, size, RECITE_FORMAT_ANKI);
}
