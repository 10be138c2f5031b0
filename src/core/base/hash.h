/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one text hash of the core (FNV-1a, 64 bits) for in-memory tables:
 * bank keys, the judge's names, card vocabularies, the string map. Never
 * stored: a table built with it is built again with it.
 */
#ifndef RECITE_HASH_H
#define RECITE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define RECITE_HASH_INIT 1469598103934665603ULL

/* h with one more byte c. */
static inline uint64_t recite_hash_byte(uint64_t h, unsigned char c)
{
    return (h ^ c) * 1099511628211ULL;
}

/* The hash of the n bytes at p. */
static inline uint64_t recite_hash_bytes(const void *p, size_t n)
{
    uint64_t h = RECITE_HASH_INIT;
    for (size_t i = 0; i < n; i++)
        h = recite_hash_byte(h, ((const unsigned char *)p)[i]);
    return h;
}

/* The hash of the NUL-terminated text s. */
static inline uint64_t recite_hash_text(const char *s)
{
    uint64_t h = RECITE_HASH_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = recite_hash_byte(h, *p);
    return h;
}

#endif
