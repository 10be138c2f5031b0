/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A small hash map from borrowed strings to indexes, so that a check over n
 * items ("seen before?", "where first?") costs n lookups and not n * n
 * comparisons. Private to the core; keys must outlive the map.
 */
#ifndef RECITE_STRMAP_H
#define RECITE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap_slot {
    const char *key; /* borrowed; NULL marks an empty slot */
    size_t value;
};

struct strmap {
    struct strmap_slot *slots; /* owned */
    size_t cap;                /* 0 or a power of two */
    size_t count;
    bool nocase; /* keys compare as ASCII case-insensitive */
};

/* Adds key -> value unless key is there. 1 when added, 0 when present, RECITE_ENOMEM. */
int strmap_put(struct strmap *map, const char *key, size_t value);
/* Whether key is there; its value goes to *out (may be NULL). */
bool strmap_get(const struct strmap *map, const char *key, size_t *out);
/* Frees the slots (not the keys); the map can be used again. */
void strmap_release(struct strmap *map);

#endif
