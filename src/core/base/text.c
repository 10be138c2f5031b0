/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Untrusted text made safe to show or to put in a document: file names,
 * roster identifiers, anything read from outside. What is printable is left
 * as it is; the rest is escaped, never silently changed into something else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "recite/common.h"

/* The length of the printable character at s, or 0 when it is not one. */
static size_t printable_length(const char *s, size_t len, utf8proc_int32_t *cp)
{
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cp);
    if (n < 1)
        return 0;
    utf8proc_category_t cat = utf8proc_category(*cp);
    return cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF ? 0 : (size_t)n;
}

size_t recite_text_check(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        size_t n = printable_length(text + i, len - i, &cp);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

char *recite_text_escape(const char *text, size_t len)
{
    char *out = malloc(len * 4 + 1);
    size_t o = 0;
    for (size_t i = 0; out && i < len;) {
        utf8proc_int32_t cp;
        size_t n = printable_length(text + i, len - i, &cp);
        if (n > 0) {
            memcpy(out + o, text + i, n);
            o += n;
            i += n;
            continue;
        }
        /* A whole character that is not printable is escaped byte by byte. */
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        for (size_t end = i + (k > 0 ? (size_t)k : 1); i < end; i++)
            o += (size_t)snprintf(out + o, 5, "\\x%02x", (unsigned char)text[i]);
    }
    if (out)
        out[o] = '\0';
    return out;
}

char *recite_json_escape_format(const char *json)
{
    size_t len = strlen(json);
    /* A format character takes 3 or 4 bytes and becomes at most two 6-byte escapes. */
    char *out = malloc(len * 4 + 1);
    size_t o = 0;
    for (size_t i = 0; out && i < len;) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)json + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 1)
            n = 1; /* not from jansson; copied as it is */
        if (n > 1 && utf8proc_category(cp) == UTF8PROC_CATEGORY_CF) {
            /* JSON's syntax is ASCII, so a format character is always inside a string. */
            if (cp > 0xffff)
                o += (size_t)snprintf(out + o, 13, "\\u%04x\\u%04x",
                                      (unsigned)(0xd800 + ((cp - 0x10000) >> 10)),
                                      (unsigned)(0xdc00 + ((cp - 0x10000) & 0x3ff)));
            else
                o += (size_t)snprintf(out + o, 7, "\\u%04x", (unsigned)cp);
        } else {
            memcpy(out + o, json + i, (size_t)n);
            o += (size_t)n;
        }
        i += (size_t)n;
    }
    if (out)
        out[o] = '\0';
    return out;
}
