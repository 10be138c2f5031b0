/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The core's growable byte buffer and array growth. A buffer starts as
 * `struct recite_buf b = {0};`, keeps its bytes NUL-terminated once anything
 * was added, and is freed with recite_buf_free() or handed over with
 * recite_buf_finish(). A failed allocation sticks: every later add returns
 * RECITE_ENOMEM and adds nothing, so a writer may add without checking and
 * look once at the end. Included through recite.h.
 */
#ifndef RECITE_BUF_H
#define RECITE_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "common.h"

struct recite_buf {
    char *data; /* NUL-terminated after the first add; NULL before */
    size_t len; /* bytes in data, not counting the NUL */
    size_t cap; /* bytes allocated; 0 once an allocation failed */
    bool oom;   /* an allocation failed: adds do nothing, finish reports it */
};

/* Room for extra more bytes and the NUL. 0 or RECITE_ENOMEM (then oom sticks). */
int recite_buf_reserve(struct recite_buf *b, size_t extra);
/* Appends n bytes of s. 0 or RECITE_ENOMEM. */
int recite_buf_add(struct recite_buf *b, const void *s, size_t n);
/* Appends the string s. 0 or RECITE_ENOMEM. */
int recite_buf_adds(struct recite_buf *b, const char *s);
/* Appends printf-style text. 0 or RECITE_ENOMEM (also when fmt cannot be formatted). */
int recite_buf_addf(struct recite_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* One byte: inline, as drafts and keys are built a byte at a time. */
static inline int recite_buf_addc(struct recite_buf *b, char c)
{
    /* cap is 0 after a failure, so a failed buffer always takes the slow path. */
    if (b->len + 2 > b->cap)
        return recite_buf_add(b, &c, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}

/*
 * Hands the bytes (NUL-terminated, never NULL on success) to *out and their
 * length to *out_len (which may be NULL), leaving b empty. After a failed
 * allocation frees them and returns RECITE_ENOMEM ("out of memory" in err).
 */
int recite_buf_finish(struct recite_buf *b, char **out, size_t *out_len, struct recite_error *err);

/* Frees the bytes and leaves b empty, ready for reuse. */
void recite_buf_free(struct recite_buf *b);

/*
 * Makes *items (an array of *cap elements of elem_size bytes) hold at least
 * need elements, doubling from 8 and moving *items with realloc; new
 * elements are not cleared. 0, or RECITE_ENOMEM when memory runs out or the
 * size overflows (then *items and *cap are left as they were).
 */
int recite_grow(void **items, size_t *cap, size_t need, size_t elem_size);

/*
 * Appends a copy of text to the array *items of *count strings, which stays
 * NULL-terminated; 0, or RECITE_ENOMEM (then *items and *count still describe
 * what was there, and every string in it is the caller's to free).
 */
int recite_strings_push(char ***items, size_t *count, const char *text);

#endif
