/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Text helpers of the generator and the sentence splitter (spec §0.4). All
 * matching works on the original UTF-8 bytes so offsets stay exact; curly
 * quotes and dashes are recognised by their byte sequences.
 */
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

#define U GEN_C_UPPER
#define L GEN_C_LOWER
#define D GEN_C_DIGIT
#define S GEN_C_SPACE
const unsigned char gen_char_class[256] = {
    ['\t'] = S, ['\n'] = S, ['\v'] = S, ['\f'] = S, ['\r'] = S, [' '] = S,
    ['0'] = D, ['1'] = D, ['2'] = D, ['3'] = D, ['4'] = D,
    ['5'] = D, ['6'] = D, ['7'] = D, ['8'] = D, ['9'] = D,
    ['A'] = U, ['B'] = U, ['C'] = U, ['D'] = U, ['E'] = U, ['F'] = U, ['G'] = U,
    ['H'] = U, ['I'] = U, ['J'] = U, ['K'] = U, ['L'] = U, ['M'] = U, ['N'] = U,
    ['O'] = U, ['P'] = U, ['Q'] = U, ['R'] = U, ['S'] = U, ['T'] = U, ['U'] = U,
    ['V'] = U, ['W'] = U, ['X'] = U, ['Y'] = U, ['Z'] = U,
    ['a'] = L, ['b'] = L, ['c'] = L, ['d'] = L, ['e'] = L, ['f'] = L, ['g'] = L,
    ['h'] = L, ['i'] = L, ['j'] = L, ['k'] = L, ['l'] = L, ['m'] = L, ['n'] = L,
    ['o'] = L, ['p'] = L, ['q'] = L, ['r'] = L, ['s'] = L, ['t'] = L, ['u'] = L,
    ['v'] = L, ['w'] = L, ['x'] = L, ['y'] = L, ['z'] = L,
};
#undef U
#undef L
#undef D
#undef S

/* ASCII letters to lowercase; every other byte as it is. */
const unsigned char gen_lower_table[256] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
    0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
    0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F,
    0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF,
    0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF,
    0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF,
    0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF,
    0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF,
};

static bool has3(const char *p, const char *end, unsigned char a, unsigned char b,
                 unsigned char c)
{
    return end - p >= 3 && (unsigned char)p[0] == a && (unsigned char)p[1] == b &&
           (unsigned char)p[2] == c;
}

bool gen_year_in(const char *p, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if ((i == 0 || !gen_is_alnum(p[i - 1])) && (i + 4 == n || !gen_is_alnum(p[i + 4])) &&
            (p[i] == '1' || (p[i] == '2' && p[i + 1] == '0')) && gen_is_digit(p[i + 1]) &&
            gen_is_digit(p[i + 2]) && gen_is_digit(p[i + 3]))
            return true;
    return false;
}

size_t gen_open_quote_len(const char *p, const char *end)
{
    if (p < end && (*p == '"' || *p == '\''))
        return 1;
    if (has3(p, end, 0xE2, 0x80, 0x9C) || has3(p, end, 0xE2, 0x80, 0x98))
        return 3;
    return 0;
}

size_t gen_close_quote_len(const char *p, const char *end)
{
    if (p < end && (*p == '"' || *p == '\''))
        return 1;
    if (has3(p, end, 0xE2, 0x80, 0x9D) || has3(p, end, 0xE2, 0x80, 0x99))
        return 3;
    return 0;
}

/* General punctuation block U+2000..U+206F and NBSP are not word characters. */
static bool is_utf8_punct(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    if (end - p >= 2 && u[0] == 0xC2 && (u[1] == 0xA0 || u[1] == 0xAB || u[1] == 0xBB))
        return true;
    return end - p >= 3 && u[0] == 0xE2 && (u[1] == 0x80 || u[1] == 0x81);
}

bool gen_is_word_byte_slow(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    if (c < 0x80)
        return gen_is_alnum((char)c);
    if (c >= 0xC0)
        return !is_utf8_punct(p, end);
    /* a continuation byte: judge by its lead byte */
    const char *q = p;
    for (int i = 0; i < 3 && q > p - 3; i++) {
        q--;
        unsigned char l = (unsigned char)*q;
        if (l >= 0xC0)
            return !is_utf8_punct(q, end);
        if (l < 0x80)
            break;
    }
    return true;
}

size_t gen_coordinator_len(const char *s, size_t n)
{
    if (n > 4 && memcmp(s, "and ", 4) == 0)
        return 4;
    return n > 3 && memcmp(s, "or ", 3) == 0 ? 3 : 0;
}

bool gen_possessive_category(const char *s, size_t n)
{
    static const char *const groups[] = {"Men", "Women", "Children", "People", "Boys", "Girls",
                                         "Ladies", "Juniors", "Seniors", "Veterans", NULL};
    size_t stem = n > 2 && memcmp(s + n - 2, "'s", 2) == 0               ? n - 2
                  : n > 4 && memcmp(s + n - 4, "\xE2\x80\x99s", 4) == 0 ? n - 4
                  : n > 1 && s[n - 1] == '\''                          ? n - 1
                                                                         : 0;
    return stem && gen_word_in(s, stem, groups, false);
}

/*
 * Word lists are looked up for nearly every token. Each list gets an index
 * on first use: an open-addressing table of its words by casefolded hash, so
 * a lookup hashes the token once and compares it with at most a few words
 * of the same hash instead of scanning the list. Per thread, so no locks.
 */
#define INDEX_LISTS 128 /* indexes kept */
/* A power of two: the table that finds them, sparse so that a list sits at its home slot. */
#define INDEX_REFS 1024
#define INDEX_SLOTS 256 /* a power of two; lists of up to INDEX_MAX words are indexed */
#define INDEX_MAX 200
#define INDEX_HEAD 4
_Static_assert(INDEX_HEAD == 4, "same_head() compares four words");

struct list_index {
    const char *const *list;
    /*
     * Its first words and their count, up to INDEX_HEAD: a list built on the
     * stack may reuse the address of another, and then differs in these.
     */
    const char *head[INDEX_HEAD + 1];
    uint8_t head_len;
    uint32_t lengths;   /* bit min(length, 31) set for each word's length in bytes */
    uint64_t firsts[4]; /* bit of each word's first byte, casefolded */
    uint64_t shapes[4]; /* bit shape_of() of each word: first and last byte and length */
    uint8_t slot[INDEX_SLOTS]; /* word index + 1, 0: empty */
    uint8_t tag[INDEX_SLOTS];  /* bits of its hash, to skip most comparisons */
};

/* Where a list's index is: by address and first word. */
struct list_ref {
    const char *const *list;
    const char *first;
    struct list_index *index;
};

static _Thread_local struct list_index indexes[INDEX_LISTS];
static _Thread_local size_t index_count;
static _Thread_local struct list_ref refs[INDEX_REFS];

static uint32_t fold_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)gen_lower(s[i])) * 16777619u;
    return h ^ (h >> 15);
}

/* A word's bit among 256 from its casefolded first and last bytes and its length. */
static inline unsigned shape_of(const char *s, size_t n)
{
    unsigned first = (unsigned char)gen_lower(s[0]), last = (unsigned char)gen_lower(s[n - 1]);
    return (first ^ (last << 3) ^ ((unsigned)n << 6) ^ ((unsigned)n >> 2)) & 255;
}

static inline __attribute__((always_inline)) bool same_head(const struct list_index *x,
                                                         const char *const *list)
{
    /*
     * The head's words are no NULL: list's are read in turn only while they
     * agree, so never past its end; a shorter head ends where list does.
     */
    const char *const *h = x->head;
    switch (x->head_len) { /* written out: it runs for nearly every token */
    case 4:
        return list[0] == h[0] && list[1] == h[1] && list[2] == h[2] && list[3] == h[3];
    case 3:
        return list[0] == h[0] && list[1] == h[1] && list[2] == h[2] && !list[3];
    case 2:
        return list[0] == h[0] && list[1] == h[1] && !list[2];
    case 1:
        return list[0] == h[0] && !list[1];
    default:
        return !list[0];
    }
}

/* Indexes list into x; false when it is too long to index. */
static bool build_index(struct list_index *x, const char *const *list)
{
    memset(x, 0, sizeof(*x));
    size_t count = 0;
    while (list[count])
        if (++count > INDEX_MAX)
            return false;
    x->list = list;
    for (size_t i = 0; i < count && i < INDEX_HEAD; i++)
        x->head[x->head_len++] = list[i];
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(list[i]);
        unsigned char first = (unsigned char)gen_lower(list[i][0]);
        x->lengths |= 1u << (n < 31 ? n : 31);
        x->firsts[first / 64] |= 1ULL << (first % 64);
        if (n > 0) {
            unsigned shape = shape_of(list[i], n);
            x->shapes[shape / 64] |= 1ULL << (shape % 64);
        }
        uint32_t h = fold_hash(list[i], n);
        size_t j = h & (INDEX_SLOTS - 1);
        while (x->slot[j])
            j = (j + 1) & (INDEX_SLOTS - 1);
        x->slot[j] = (uint8_t)(i + 1);
        x->tag[j] = (uint8_t)(h >> 24);
    }
    return true;
}

static size_t home_of(const char *const *list)
{
    /* by address and first word: lists built on the stack in turn at one address keep one each */
    uint64_t a = ((uint64_t)(uintptr_t)list ^ (uint64_t)(uintptr_t)list[0]) * 0x9E3779B97F4A7C15ULL;
    return (size_t)(a >> 40) & (INDEX_REFS - 1);
}

/* The index of list away from its home, or NULL when the tables are full or the list too long. */
static __attribute__((noinline)) const struct list_index *index_of(const char *const *list)
{
    size_t home = home_of(list);
    for (size_t k = 0; k < INDEX_REFS; k++) {
        struct list_ref *r = &refs[(home + k) & (INDEX_REFS - 1)];
        if (r->list == list && r->first == list[0]) {
            if (same_head(r->index, list))
                return r->index;
            return build_index(r->index, list) ? r->index : NULL;
        }
        if (r->list)
            continue;
        if (index_count == INDEX_LISTS)
            return NULL;
        struct list_index *x = &indexes[index_count];
        if (!build_index(x, list))
            return NULL;
        index_count++;
        *r = (struct list_ref){list, list[0], x};
        return x;
    }
    return NULL;
}

/* A list that could not be indexed: read in full. */
static __attribute__((noinline)) bool scan_list(const char *s, size_t n, const char *const *list,
                                                bool nocase)
{
    char first = nocase ? gen_lower(s[0]) : s[0];
    for (size_t i = 0; list[i]; i++) {
        char c = nocase ? gen_lower(list[i][0]) : list[i][0];
        if (c == first && gen_word_eq(s, n, list[i], nocase))
            return true;
    }
    return false;
}

static bool gen_word_in_index(const struct list_index *x, const char *s, size_t n,
                              const char *const *list, bool nocase);

/* A list not at its home, or not indexed: found again, indexed or read in full. */
static __attribute__((noinline)) bool word_in_away(const char *s, size_t n,
                                                   const char *const *list, bool nocase)
{
    const struct list_index *x = index_of(list);
    if (!x)
        return scan_list(s, n, list, nocase);
    return gen_word_in_index(x, s, n, list, nocase);
}

/* The words of x whose casefolded hash is that of s: every word equal to s, even ignoring case. */
static __attribute__((noinline)) bool word_in_hashed(const struct list_index *x, const char *s,
                                                     size_t n, const char *const *list,
                                                     bool nocase)
{
    uint32_t h = fold_hash(s, n);
    uint8_t tag = (uint8_t)(h >> 24);
    for (size_t j = h & (INDEX_SLOTS - 1); x->slot[j]; j = (j + 1) & (INDEX_SLOTS - 1))
        if (x->tag[j] == tag && gen_word_eq(s, n, list[x->slot[j] - 1], nocase))
            return true;
    return false;
}

static bool gen_word_in_index(const struct list_index *x, const char *s, size_t n,
                              const char *const *list, bool nocase)
{
    /* most tokens are in no list: its lengths and first letters tell without hashing */
    unsigned char first = (unsigned char)gen_lower(s[0]);
    if (!(x->lengths & (1u << (n < 31 ? n : 31))) ||
        !(x->firsts[first / 64] & (1ULL << (first % 64))))
        return false;
    unsigned shape = shape_of(s, n);
    if (!(x->shapes[shape / 64] & (1ULL << (shape % 64))))
        return false;
    return word_in_hashed(x, s, n, list, nocase);
}

/*
 * The fast path calls out only in tail position, so that it saves no
 * registers: it runs for nearly every token of every rule.
 */
bool gen_word_in(const char *s, size_t n, const char *const *list, bool nocase)
{
    if (n == 0)
        return false;
    /* nearly always the list sits at its home; its first word was checked when it was put there */
    const struct list_ref *r = &refs[home_of(list)];
    if (r->list != list || !same_head(r->index, list))
        return word_in_away(s, n, list, nocase);
    return gen_word_in_index(r->index, s, n, list, nocase);
}

const char *const gen_clause_present_verbs[] = {
    "is", "are", "has", "have", "hosts", "sends", "holds", "joins", "remains", "serves",
    "keeps", "becomes", "chairs", "leads", "provides", "takes", NULL,
};

const char *const gen_weekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                    "Friday", "Saturday", "Sunday",    NULL};

bool gen_ever_since(const char *text, size_t at, size_t end)
{
    return at >= 5 && strncmp(text + at - 5, "ever ", 5) == 0 &&
           gen_word_eq(text + at, end - at, "since", false);
}

size_t gen_word_count(const char *s, size_t n)
{
    size_t words = 0, i = 0;
    unsigned prev_space = 1; /* a word at 0 starts one */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes at a time: a byte starts a word when it is no space and the one before is */
    const uint64_t ones = 0x0101010101010101ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, sizeof(v));
        uint64_t x = v ^ (0x20 * ones);
        uint64_t space = ~(((x & low7) + low7) | x | low7) >> 7; /* 1 in each space byte (exact) */
        uint64_t before = (space << 8) | prev_space;
        /* one bit per byte: their sum, in the top byte (no popcount instruction is assumed) */
        words += (size_t)(((~space & before & ones) * ones) >> 56);
        prev_space = (unsigned)(space >> 56);
    }
#endif
    for (; i < n; i++) {
        unsigned space = s[i] == ' ';
        words += !space && prev_space;
        prev_space = space;
    }
    return words;
}

char *gen_clean_copy(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    /* control characters, DEL and the space: the bytes that become or join a single space */
    static const unsigned char blank[256] = {
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        [' '] = 1, [0x7F] = 1};
    for (size_t i = 0; i < n;) {
        /* a run of blanks: one space, between what was kept and what follows */
        size_t from = i;
        while (i < n && blank[(unsigned char)s[i]])
            i++;
        if (i == n)
            break;
        /*
         * A name broken after its hyphen at a line end ("Hay-" / "Bunau-Varilla")
         * is one name again; "pre- and post-war" keeps its space.
         */
        if (i > from && k > 0 &&
            !(out[k - 1] == '-' && k >= 2 && gen_is_alpha(out[k - 2]) && gen_is_upper(s[i])))
            out[k++] = ' ';
        /* the run of other bytes, as they are */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /*
         * Eight at a time while eight are left (out never runs ahead of s, so
         * eight bytes fit there too), up to the first blank: the lowest flag
         * of these tests is exact, as a false one only follows a true one.
         */
        while (i + 8 <= n) {
            const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
            uint64_t v, del;
            memcpy(&v, s + i, sizeof(v));
            del = v ^ (0x7F * ones);
            uint64_t flags = (((v - 0x21 * ones) & ~v) | ((del - ones) & ~del)) & high;
            memcpy(out + k, &v, sizeof(v));
            if (!flags) {
                i += 8;
                k += 8;
                continue;
            }
            size_t run = (size_t)__builtin_ctzll(flags) / 8;
            i += run;
            k += run;
            break;
        }
#endif
        while (i < n && !blank[(unsigned char)s[i]])
            out[k++] = s[i++];
    }
    out[k] = '\0';
    return out;
}

/*
 * need: bytes still expected of a sequence cut at the end of s (streaming);
 * the caller passes the tail on with the next chunk.
 */
bool gen_utf8_valid(const unsigned char *s, size_t n, size_t *bad, size_t *need)
{
    *need = 0;
    for (size_t i = 0; i < n;) {
        /* eight ASCII bytes at a time, none of them NUL */
        uint64_t v;
        while (i + 8 <= n) {
            memcpy(&v, s + i, 8);
            if ((v & 0x8080808080808080ULL) ||
                ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = s[i];
        size_t len;
        if (c == 0) {
            *bad = i;
            return false;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4;
        else {
            *bad = i;
            return false;
        }
        for (size_t k = 1; k < len; k++) {
            if (i + k >= n) {
                *need = n - i;
                return true;
            }
            unsigned char d = s[i + k];
            bool ok = (d & 0xC0) == 0x80;
            if (k == 1 && c == 0xE0)
                ok = ok && d >= 0xA0;
            if (k == 1 && c == 0xED)
                ok = ok && d < 0xA0;
            if (k == 1 && c == 0xF0)
                ok = ok && d >= 0x90;
            if (k == 1 && c == 0xF4)
                ok = ok && d < 0x90;
            if (!ok) {
                *bad = i;
                return false;
            }
        }
        i += len;
    }
    return true;
}

/* ---- proper-noun lexicon: a small open-addressing count table ---- */

struct gen_lexicon {
    uint64_t *keys;
    uint8_t *counts;
    size_t cap, used;
};

int gen_lexicon_new(struct gen_lexicon **out)
{
    struct gen_lexicon *lex = calloc(1, sizeof(*lex));
    if (!lex)
        return RECITE_ENOMEM;
    lex->cap = 1024;
    lex->keys = calloc(lex->cap, sizeof(uint64_t));
    lex->counts = calloc(lex->cap, 1);
    if (!lex->keys || !lex->counts) {
        gen_lexicon_free(lex);
        return RECITE_ENOMEM;
    }
    *out = lex;
    return 0;
}

void gen_lexicon_free(struct gen_lexicon *lex)
{
    if (!lex)
        return;
    free(lex->keys);
    free(lex->counts);
    free(lex);
}

static size_t lex_slot(const struct gen_lexicon *lex, uint64_t key)
{
    /* cap is a power of two: a mask, not a division, for each word of each paragraph */
    size_t i = (size_t)(key & (lex->cap - 1));
    while (lex->keys[i] && lex->keys[i] != key)
        i = (i + 1) & (lex->cap - 1);
    return i;
}

static void lex_grow(struct gen_lexicon *lex)
{
    size_t cap = lex->cap * 2;
    uint64_t *keys = calloc(cap, sizeof(uint64_t));
    uint8_t *counts = calloc(cap, 1);
    if (!keys || !counts) {
        free(keys);
        free(counts);
        return; /* stays usable, only fuller */
    }
    struct gen_lexicon next = {keys, counts, cap, lex->used};
    for (size_t i = 0; i < lex->cap; i++) {
        if (!lex->keys[i])
            continue;
        size_t j = lex_slot(&next, lex->keys[i]);
        keys[j] = lex->keys[i];
        counts[j] = lex->counts[i];
    }
    free(lex->keys);
    free(lex->counts);
    *lex = next;
}

static void lex_add(struct gen_lexicon *lex, uint64_t key)
{
    /* The table is capped at 1M words: a bound on memory for any input. */
    if (lex->used * 2 >= lex->cap && lex->cap < (1u << 20))
        lex_grow(lex);
    if (lex->used + 1 >= lex->cap)
        return;
    size_t i = lex_slot(lex, key);
    if (!lex->keys[i]) {
        lex->keys[i] = key;
        lex->used++;
    }
    if (lex->counts[i] < 255)
        lex->counts[i]++;
}

static int lex_count(const struct gen_lexicon *lex, const char *w, size_t n)
{
    uint64_t key = gen_hash(w, n, GEN_HASH_INIT) | 1;
    size_t i = lex_slot(lex, key);
    return lex->keys[i] ? lex->counts[i] : 0;
}

static size_t word_end(const char *t, size_t i, size_t n)
{
    while (i < n && gen_is_word_byte(t + i, t + n))
        i++;
    return i;
}

void gen_lexicon_scan(struct gen_lexicon *lex, const char *text, size_t len)
{
    char prev = '.';
    for (size_t i = 0; i < len;) {
        if (!gen_is_word_byte(text + i, text + len)) {
            if (!gen_is_space(text[i]))
                prev = text[i];
            i++;
            continue;
        }
        size_t e = word_end(text, i, len);
        bool mid = prev != '.' && prev != '?' && prev != '!' && prev != ':';
        if (mid && gen_is_upper(text[i]))
            lex_add(lex, gen_hash(text + i, e - i, GEN_HASH_INIT) | 1);
        prev = 'a';
        i = e;
    }
}

/* ---- sentence splitting ---- */

static const char *const abbreviations[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Maj", "Capt",
    "Adm", "Sgt", "Sec", "Pres", "St", "Rev", "Hon", "Jr", "Sr", "No", "Nos", "Art", "Fig",
    "Vol", "pp", "vs", "etc", "e.g", "i.e", "cf", "approx", "ca", "Inc", "Ltd", "Co", "Corp",
    "Dept", "Univ", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "al", "Figs", "Eq", "Ref", "Refs", "resp", NULL,
};

static const char *const titles[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Maj", "Capt",
    "Adm", "Sgt", "Sec", "Pres", "St", "Rev", "Hon", NULL,
};

/*
 * Offices and institutions a country's initials stand before, as its adjective:
 * "U.S. President Franklin D. Roosevelt", "the U.K. Government", "U.S. Army".
 */
static const char *const initialism_heads[] = {
    "President", "Presidents", "Vice", "Secretary", "Senator", "Senators", "Senate", "Congress",
    "Congressman", "Ambassador", "Ambassadors", "Embassy", "Consul", "Consulate", "Army", "Navy",
    "Air", "Marine", "Marines", "Forces", "Military", "Naval", "Government", "Department",
    "Minister", "Prime", "Representative", "Representatives", "House", "Supreme", "Court",
    "Treasury", "Constitution", "Coast", "State", "Attorney", "Special", "Delegation",
    "Mission", "Federal", "Foreign", "Trade", "Civil", "Commander", "General", "Admiral",
    "Envoy", "Administration", "Office", "Officials", "Agency", "Dollar", "Dollars",
    /* "U.N. Security Council Resolutions", "U.N. Charter" */
    "Security", "Council", "Charter", "Resolution", "Resolutions", "Peacekeeping", "Ministers",
    "Diplomats", "Troops", "Delegates", "Envoys", "Negotiators", "Marshals", NULL,
};

/* Start of the token that ends at end (exclusive): back to whitespace or an opening bracket. */
static size_t token_start(const char *t, size_t end)
{
    size_t i = end;
    while (i > 0 && !gen_is_space(t[i - 1]) && t[i - 1] != '(' && t[i - 1] != '[' &&
           t[i - 1] != '"')
        i--;
    return i;
}

/* ([A-Za-z]\.){2,} */
static bool is_dotted_initialism(const char *w, size_t n)
{
    if (n < 4 || n % 2)
        return false;
    for (size_t i = 0; i < n; i += 2)
        if (!gen_is_alpha(w[i]) || w[i + 1] != '.')
            return false;
    return true;
}

/* The word starting at i (letters only), its length. */
static size_t next_word(const char *t, size_t i, size_t n, size_t *len)
{
    while (i < n && (gen_open_quote_len(t + i, t + n) || t[i] == '(' || t[i] == '['))
        i += gen_open_quote_len(t + i, t + n) ? gen_open_quote_len(t + i, t + n) : 1;
    size_t e = word_end(t, i, n);
    *len = e - i;
    return i;
}

/* Whether a split after the period ending word [ws, we] is vetoed (we includes the '.'). */
static bool veto_after_period(const char *t, size_t n, size_t ws, size_t we, size_t next,
                              const struct gen_lexicon *lex)
{
    const char *w = t + ws;
    size_t wl = we - ws; /* without the final '.' */
    if (wl == 0)
        return false;
    if (wl == 1 && gen_is_upper(w[0]))
        return true; /* John F. Kennedy */
    if (gen_word_in(w, wl, abbreviations, false))
        return !gen_word_eq(w, wl, "etc", false);
    if (!is_dotted_initialism(w, wl + 1))
        return false;
    /* "Gen V.K. Singh", "Dr. H.W. Smith": a title's initials are a person's */
    size_t pe = ws;
    while (pe > 0 && gen_is_space(t[pe - 1]))
        pe--;
    if (pe > 0 && pe < ws && t[pe - 1] == '.')
        pe--;
    if (pe < ws) {
        size_t ps = token_start(t, pe);
        if (gen_word_in(t + ps, pe - ps, titles, false))
            return true;
    }
    size_t nl;
    size_t ns = next_word(t, next, n, &nl);
    if (nl == 0 || !gen_is_upper(t[ns]))
        return true;
    if (gen_word_in(t + ns, nl, titles, false) || gen_word_in(t + ns, nl, initialism_heads, false))
        return true;
    return lex && lex_count(lex, t + ns, nl) >= 2;
}

/* After a terminator at i, the index where the sentence ends (past closing quotes/brackets). */
static size_t past_closers(const char *t, size_t i, size_t n)
{
    for (;;) {
        size_t q = gen_close_quote_len(t + i, t + n);
        if (q) {
            i += q;
            continue;
        }
        if (i < n && (t[i] == ')' || t[i] == ']')) {
            i++;
            continue;
        }
        return i;
    }
}

static bool starts_sentence(const char *t, size_t i, size_t n)
{
    if (i >= n)
        return false;
    if (gen_is_upper(t[i]) || gen_is_digit(t[i]) || gen_open_quote_len(t + i, t + n) ||
        t[i] == '(' || t[i] == '[')
        return true;
    /* an uppercase non-ASCII letter: Latin-1 supplement capitals */
    unsigned char c = (unsigned char)t[i];
    return c == 0xC3 && i + 1 < n && (unsigned char)t[i + 1] >= 0x80 &&
           (unsigned char)t[i + 1] <= 0x9E;
}

static int push_span(struct gen_span **spans, size_t *count, size_t *cap, size_t s, size_t e)
{
    if (*count == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        struct gen_span *p = realloc(*spans, nc * sizeof(*p));
        if (!p)
            return RECITE_ENOMEM;
        *spans = p;
        *cap = nc;
    }
    (*spans)[(*count)++] = (struct gen_span){s, e};
    return 0;
}

/* The end of a sentence whose terminator starts at i, or 0 when there is no split here. */
/*
 * "the Sverdlovsk incident.When the United States": a sentence glued to the
 * one before, as text converted from markup leaves it where a footnote mark
 * stood. Only after a lowercase word of three letters or more, or a year, and
 * before a capitalised word: not "U.S.Army", "e.g.The", "www.Example".
 */
static bool glued_sentence(const char *t, size_t i, size_t j, size_t n)
{
    if (t[i] != '.' || j != i + 1 || j + 1 >= n || !gen_is_upper(t[j]) || !gen_is_lower(t[j + 1]))
        return false;
    size_t s = i;
    while (s > 0 && gen_is_lower(t[s - 1]))
        s--;
    size_t letters = i - s;
    if (letters == 0)
        while (s > 0 && gen_is_digit(t[s - 1]))
            s--;
    bool word = letters >= 3 || (letters == 0 && i - s == 4);
    if (!word || (s > 0 && !gen_is_space(t[s - 1]) && !strchr("(\"'", t[s - 1])))
        return false;
    static const char *const glued_after[] = {"etc", "viz", "approx", "vol", "vols", "fig",
                                              "figs", "esp", "incl", "cf", "www", NULL};
    return !gen_word_in(t + s, i - s, glued_after, false);
}

static size_t split_at(const char *t, size_t i, size_t n, const struct gen_lexicon *lex)
{
    size_t j = i;
    bool ellipsis = false;
    if (t[i] == '.') {
        while (j < n && t[j] == '.')
            j++;
        ellipsis = j - i >= 3;
    } else if (has3(t + i, t + n, 0xE2, 0x80, 0xA6)) {
        j = i + 3;
        ellipsis = true;
    } else {
        while (j < n && (t[j] == '?' || t[j] == '!'))
            j++;
    }
    size_t end = past_closers(t, j, n);
    size_t k = end;
    if (k < n && !gen_is_space(t[k]) && glued_sentence(t, i, j, n))
        return end;
    if (k >= n || !gen_is_space(t[k]))
        return 0;
    while (k < n && gen_is_space(t[k]))
        k++;
    if (!starts_sentence(t, k, n))
        return 0;
    if (ellipsis && !gen_is_upper(t[k]))
        return 0;
    if (t[i] == '.' && j - i == 1) {
        size_t ws = token_start(t, i);
        if (veto_after_period(t, n, ws, i, k, lex))
            return 0;
    }
    return end;
}

/* Whether a closing bracket comes within a few words of at, before any other period. */
static bool closes_soon(const char *t, size_t at, size_t n)
{
    for (size_t k = at; k < n && k < at + 40; k++) {
        if (t[k] == ')')
            return true;
        if (t[k] == '.' || t[k] == '(' || t[k] == '\n')
            return false;
    }
    return false;
}

int gen_split_sentences(struct gen_span **out, size_t *count, const char *text, size_t len,
                        const struct gen_lexicon *lex)
{
    struct gen_span *spans = NULL;
    size_t n = 0, cap = 0, start = 0;
    *out = NULL;
    *count = 0;
    int depth = 0; /* brackets open in this sentence */
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        /* '.', '?', '!' or the lead byte of '…' (E2 80 A6), and brackets: one table load */
        static const unsigned char maybe_term[256] = {['.'] = 1, ['?'] = 1, ['!'] = 1, [0xE2] = 1,
                                                      ['('] = 2, [')'] = 3};
        unsigned char what = maybe_term[(unsigned char)c];
        if (!what)
            continue;
        if (what > 1) {
            depth += what == 2 ? 1 : (depth > 0 ? -1 : 0);
            continue;
        }
        bool term = c == '.' || c == '?' || c == '!' || has3(text + i, text + len, 0xE2, 0x80, 0xA6);
        if (!term)
            continue;
        /* "(60 Stat. 999)": a period inside brackets that close soon ends no sentence */
        if (depth > 0 && closes_soon(text, i + 1, len))
            continue;
        size_t end = split_at(text, i, len, lex);
        if (!end) {
            while (i + 1 < len && text[i + 1] == c)
                i++;
            continue;
        }
        if (push_span(&spans, &n, &cap, start, end) < 0)
            goto fail;
        depth = 0;
        start = end;
        while (start < len && gen_is_space(text[start]))
            start++;
        i = start ? start - 1 : 0;
    }
    while (start < len && gen_is_space(text[start]))
        start++;
    size_t e = len;
    while (e > start && gen_is_space(text[e - 1]))
        e--;
    if (e > start && push_span(&spans, &n, &cap, start, e) < 0)
        goto fail;
    *out = spans;
    *count = n;
    return 0;
fail:
    free(spans);
    return RECITE_ENOMEM;
}
