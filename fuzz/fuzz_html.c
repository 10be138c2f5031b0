/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for HTML pages given to the generator: any bytes in, a
 * refusal or a draft out. The page's text must be a NUL-free string of the
 * reported length with one page line for each of its lines, every one
 * within the page; the draft must pass the bank's rules.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_gen.h"
#include "gen_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL;
    size_t len = 0, count = 0;
    uint32_t *lines = NULL;
    if (gen_html_text((const char *)data, size, &text, &len, &lines, &count) == 0) {
        if (strlen(text) != len)
            abort();
        size_t newlines = 0, page_lines = 1;
        for (size_t i = 0; i < len; i++)
            newlines += text[i] == '\n';
        for (size_t i = 0; i < size; i++)
            page_lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
        if (newlines != count)
            abort();
        for (size_t i = 0; i < count; i++)
            if (lines[i] < 1 || lines[i] > page_lines)
                abort();
    }
    free(text);
    free(lines);

    fuzz_gen_draft("fuzz.html", data, size);
    return 0;
}
