/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the generator: any bytes in, either a refusal or a
 * draft out; the draft must be a NUL-free string of the reported length
 * that passes the bank's rules (`recite bank lint`).
 */
#include <stdint.h>

#include "fuzz_gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_gen_draft("fuzz.txt", data, size);
    return 0;
}
