/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The growable byte buffer and array growth (recite/buf.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recite/buf.h"

#define BUF_MIN_CAP 256

static int buf_fail(struct recite_buf *b)
{
    b->oom = true;
    b->cap = 0; /* sends recite_buf_addc() to the slow path from now on */
    return RECITE_ENOMEM;
}

int recite_buf_reserve(struct recite_buf *b, size_t extra)
{
    if (b->oom)
        return RECITE_ENOMEM;
    if (extra > (size_t)PTRDIFF_MAX - 1 - b->len) /* no object may be larger */
        return buf_fail(b);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : BUF_MIN_CAP;
    while (cap < need)
        cap = cap > (size_t)PTRDIFF_MAX / 2 ? need : cap * 2;
    char *grown = realloc(b->data, cap);
    if (!grown)
        return buf_fail(b);
    b->data = grown;
    b->cap = cap;
    return 0;
}

int recite_buf_add(struct recite_buf *b, const void *s, size_t n)
{
    if (recite_buf_reserve(b, n) < 0)
        return RECITE_ENOMEM;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int recite_buf_adds(struct recite_buf *b, const char *s)
{
    return recite_buf_add(b, s, strlen(s));
}

int recite_buf_addf(struct recite_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return buf_fail(b);
    if ((size_t)n < sizeof(small))
        return recite_buf_add(b, small, (size_t)n);
    if (recite_buf_reserve(b, (size_t)n) < 0)
        return RECITE_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int recite_buf_finish(struct recite_buf *b, char **out, size_t *out_len, struct recite_error *err)
{
    if (!b->data && recite_buf_reserve(b, 0) == 0)
        b->data[0] = '\0';
    if (b->oom) {
        recite_buf_free(b);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    *out = b->data;
    if (out_len)
        *out_len = b->len;
    *b = (struct recite_buf){0};
    return 0;
}

void recite_buf_free(struct recite_buf *b)
{
    free(b->data);
    *b = (struct recite_buf){0};
}

int recite_strings_push(char ***items, size_t *count, const char *text)
{
    char **grown = realloc(*items, (*count + 2) * sizeof(**items));
    if (!grown)
        return RECITE_ENOMEM;
    *items = grown;
    if (!(grown[*count] = recite_strdup(text)))
        return RECITE_ENOMEM;
    grown[++*count] = NULL;
    return 0;
}

int recite_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return 0;
    if (elem_size == 0)
        return RECITE_EUSAGE;
    size_t grown = *cap ? *cap : 8;
    while (grown < need)
        grown = grown > SIZE_MAX / 2 ? need : grown * 2;
    /* no object may be larger than PTRDIFF_MAX bytes */
    if (grown > (size_t)PTRDIFF_MAX / elem_size)
        return RECITE_ENOMEM;
    void *p = realloc(*items, grown * elem_size);
    if (!p)
        return RECITE_ENOMEM;
    *items = p;
    *cap = grown;
    return 0;
}
