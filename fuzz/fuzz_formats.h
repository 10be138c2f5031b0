/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared body of the interchange-format fuzz targets (fuzz_gift.c,
 * fuzz_aiken.c, fuzz_ankitxt.c, fuzz_csv.c): any input reads or yields
 * located problems, never a crash. A clean import must give a bank whose
 * canonical text parses again, and whose export in the same format reads
 * back cleanly with as many questions as were written.
 */
#ifndef RECITE_FUZZ_FORMATS_H
#define RECITE_FUZZ_FORMATS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

static void fuzz_reexport(const struct recite_bank *bank, enum recite_format format)
{
    char *out = NULL;
    size_t len = 0;
    struct recite_format_report report;
    struct recite_error err = {0};
    if (recite_format_write(&out, &len, format, bank, &report, &err) < 0) {
        if (err.code == RECITE_ENOMEM)
            return;
        fprintf(stderr, "export failed: %s\n", err.msg);
        abort();
    }
    struct recite_questions qs = {0};
    struct recite_diags diags = {0};
    int rc = recite_format_read(&qs, format, out, len, &diags, &err);
    if (rc < 0 || qs.count != report.written) {
        fprintf(stderr, "export does not read back (%s, %zu of %zu):\n%s", err.msg, qs.count,
                report.written, out);
        abort();
    }
    recite_questions_release(&qs);
    recite_diags_release(&diags);
    free(out);
}

static int fuzz_format(const uint8_t *data, size_t size, enum recite_format format)
{
    struct recite_questions qs = {0};
    struct recite_diags diags = {0};
    recite_format_read(&qs, format, (const char *)data, size, &diags, NULL);
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].line == 0 || diags.items[i].col == 0)
            abort(); /* every problem is located */
    recite_questions_release(&qs);
    recite_diags_release(&diags);

    struct recite_bank *bank = NULL;
    if (recite_format_parse(&bank, format, (const char *)data, size, "fuzz", NULL, NULL) < 0)
        return 0;
    char *text = NULL;
    size_t len = 0;
    struct recite_bank *again = NULL;
    if (recite_bank_write(&text, &len, bank, NULL) == 0 &&
        recite_bank_parse(&again, text, len, NULL, NULL) < 0) {
        fprintf(stderr, "canonical text does not parse:\n%s", text);
        abort();
    }
    fuzz_reexport(bank, format);
    recite_bank_free(again);
    recite_bank_free(bank);
    free(text);
    return 0;
}

#endif
