/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Error buffer, version and small string helpers shared by every module.
 */
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "recite/common.h"

int recite_error_set(struct recite_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
    }
    return code;
}

void recite_error_clear(struct recite_error *err)
{
    if (err) {
        err->code = 0;
        err->msg[0] = '\0';
    }
}

const char *recite_version(void)
{
    return RECITE_VERSION;
}

char *recite_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

char *recite_strjoin(const char *first, ...)
{
    va_list ap;
    size_t n = 1;
    va_start(ap, first);
    for (const char *s = first; s; s = va_arg(ap, const char *))
        n += strlen(s);
    va_end(ap);
    char *out = malloc(n), *at = out;
    if (!out)
        return NULL;
    va_start(ap, first);
    for (const char *s = first; s; s = va_arg(ap, const char *)) {
        size_t k = strlen(s);
        memcpy(at, s, k);
        at += k;
    }
    va_end(ap);
    *at = '\0';
    return out;
}

uint64_t recite_random_u64(void)
{
    uint64_t v;
    if (sodium_init() < 0)
        abort(); /* libsodium cannot run without a working random source */
    randombytes_buf(&v, sizeof(v));
    return v;
}
