/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bank-gen [FACTS [SEED]]: prints a generated, lint-clean bank of FACTS facts
 * (default 100000) for benchmarks and load tests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "bank_gen.h"

int main(int argc, char **argv)
{
    size_t facts = 100000;
    uint64_t seed = 1;
    if (argc > 1) {
        errno = 0;
        char *end;
        unsigned long long n = strtoull(argv[1], &end, 10);
        if (errno || *end || n == 0) {
            fprintf(stderr, "usage: bank-gen [FACTS [SEED]]\n");
            return 64;
        }
        facts = (size_t)n;
    }
    if (argc > 2)
        seed = strtoull(argv[2], NULL, 10);
    bank_gen_write(stdout, "generated", facts, seed);
    return fflush(stdout) == 0 ? 0 : 74;
}
