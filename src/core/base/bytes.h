/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fixed-width integers in little-endian bytes, whatever the machine's order:
 * what the core writes to be read back elsewhere (a key's limits, a bank's
 * kept fact references).
 */
#ifndef RECITE_BYTES_H
#define RECITE_BYTES_H

#include <stdint.h>

/* The 64-bit value in the eight bytes at b, least significant first. */
static inline uint64_t recite_load64_le(const unsigned char b[8])
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | b[i];
    return v;
}

/* Writes v to the eight bytes at b, least significant first. */
static inline void recite_store64_le(unsigned char b[8], uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        b[i] = (unsigned char)(v & 0xff);
}

#endif
