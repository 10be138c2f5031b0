/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * String -> index hash map (strmap.h): open addressing with linear probing,
 * kept at most half full, FNV-1a over the bytes (ASCII-lowered when nocase).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hash.h"
#include "recite/common.h"
#include "strmap.h"

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static uint64_t hash(const char *s, bool nocase)
{
    uint64_t h = RECITE_HASH_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = recite_hash_byte(h, nocase ? lower(*p) : *p);
    return h;
}

static bool same(const char *a, const char *b, bool nocase)
{
    return nocase ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

/* The slot holding key, or the empty slot where it would go. */
static struct strmap_slot *find(const struct strmap *map, const char *key)
{
    size_t mask = map->cap - 1;
    for (size_t i = hash(key, map->nocase) & mask;; i = (i + 1) & mask) {
        struct strmap_slot *slot = &map->slots[i];
        if (!slot->key || same(slot->key, key, map->nocase))
            return slot;
    }
}

static int grow(struct strmap *map)
{
    struct strmap bigger = {.cap = map->cap ? 2 * map->cap : 64, .nocase = map->nocase};
    bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
    if (!bigger.slots)
        return RECITE_ENOMEM;
    for (size_t i = 0; i < map->cap; i++) {
        if (map->slots[i].key)
            *find(&bigger, map->slots[i].key) = map->slots[i];
    }
    bigger.count = map->count;
    free(map->slots);
    *map = bigger;
    return 0;
}

int strmap_put(struct strmap *map, const char *key, size_t value)
{
    if (2 * (map->count + 1) > map->cap && grow(map) < 0)
        return RECITE_ENOMEM;
    struct strmap_slot *slot = find(map, key);
    if (slot->key)
        return 0;
    *slot = (struct strmap_slot){key, value};
    map->count++;
    return 1;
}

bool strmap_get(const struct strmap *map, const char *key, size_t *out)
{
    if (map->cap == 0)
        return false;
    const struct strmap_slot *slot = find(map, key);
    if (slot->key && out)
        *out = slot->value;
    return slot->key != NULL;
}

void strmap_release(struct strmap *map)
{
    free(map->slots);
    map->slots = NULL;
    map->cap = map->count = 0;
}
