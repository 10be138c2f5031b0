/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The names a bank knows, for the judge: every spelling of every acronym
 * and long form, set member and named non-member, question answer and wrong
 * option, and cloze answer, normalised once. A reply equal to one of them,
 * or nearer to one than to the answer, names that thing and is no typo.
 *
 * Kept small for big banks: names live in one text arena, a hash index
 * finds a name exactly, the spellings of one value are consecutive (a
 * group is a range), and code points are decoded only for the few names a
 * distance is computed against. Filled on first need.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "hash.h"
#include "judge_internal.h"
#include "recite/buf.h"

#define FOLD_MAX 1024

static uint64_t text_hash(const char *text)
{
    return recite_hash_text(text);
}

/* Decodes text (valid UTF-8, at most cap code points) into cps; returns the count. */
static size_t utf8_decode_into(int32_t *cps, const char *text, size_t cap)
{
    size_t n = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    while (*p && n < cap) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0)
            break;
        cps[n++] = cp;
        p += k;
    }
    return n;
}

void lexicon_release(struct recite_judge *judge)
{
    free(judge->arena);
    free(judge->names);
    free(judge->groups);
    free(judge->index);
}

/* Empties the lexicon after lexicon_release(). */
static void lexicon_reset(struct recite_judge *judge)
{
    judge->arena = NULL;
    judge->names = NULL;
    judge->groups = NULL;
    judge->index = NULL;
    judge->arena_len = judge->arena_cap = judge->name_count = judge->name_cap = 0;
    judge->group_count = judge->group_cap = judge->index_cap = judge->name_max = 0;
    judge->text_count = 0;
}

/* The slot of text in index (cap a power of two): its own, or the empty one where it would go. */
static size_t slot_of(const struct recite_judge *judge, const struct lex_slot *index, size_t cap,
                      const char *text, size_t n, uint64_t hash)
{
    size_t at = hash & (cap - 1);
    for (; index[at].first; at = (at + 1) & (cap - 1)) {
        const char *name = lex_text(judge, index[at].first - 1);
        if (strncmp(name, text, n) == 0 && name[n] == '\0')
            break;
    }
    return at;
}

static int index_grow(struct recite_judge *judge)
{
    size_t cap = judge->index_cap ? judge->index_cap * 2 : 1024;
    struct lex_slot *index = calloc(cap, sizeof(*index));
    if (!index)
        return RECITE_ENOMEM;
    for (size_t i = 0; i < judge->index_cap; i++) {
        if (!judge->index[i].first)
            continue;
        const char *text = lex_text(judge, judge->index[i].first - 1);
        size_t at = text_hash(text) & (cap - 1);
        while (index[at].first)
            at = (at + 1) & (cap - 1);
        index[at] = judge->index[i];
    }
    free(judge->index);
    judge->index = index;
    judge->index_cap = cap;
    return 0;
}

/*
 * Indexes name by its text: a new text gets a slot, a text seen before gets
 * the name at the end of its names. Names spelled alike are met in the
 * order they were added, however many there are.
 */
static int index_insert(struct recite_judge *judge, uint32_t name)
{
    if ((judge->text_count + 1) * 2 > judge->index_cap && index_grow(judge) < 0)
        return RECITE_ENOMEM;
    const char *text = lex_text(judge, name);
    size_t n = strlen(text);
    size_t at = slot_of(judge, judge->index, judge->index_cap, text, n, text_hash(text));
    struct lex_slot *slot = &judge->index[at];
    judge->names[name].next = 0;
    if (slot->first) {
        judge->names[slot->last - 1].next = name + 1;
        slot->last = name + 1;
    } else {
        *slot = (struct lex_slot){name + 1, name + 1};
        judge->text_count++;
    }
    return 0;
}

static int arena_add(struct recite_judge *judge, const char *text, size_t n, uint32_t *out)
{
    if (judge->arena_len + n + 1 > judge->arena_cap) {
        size_t cap = judge->arena_cap ? judge->arena_cap * 2 : 16384;
        while (cap < judge->arena_len + n + 1)
            cap *= 2;
        char *grown = realloc(judge->arena, cap);
        if (!grown)
            return RECITE_ENOMEM;
        judge->arena = grown;
        judge->arena_cap = cap;
    }
    if (judge->arena_len > UINT32_MAX - n - 1)
        return RECITE_ENOMEM;
    *out = (uint32_t)judge->arena_len;
    memcpy(judge->arena + judge->arena_len, text, n + 1);
    judge->arena_len += n + 1;
    return 0;
}

/* The arena offset of a name already spelled text; false when there is none. */
static bool arena_find(const struct recite_judge *judge, const char *text, uint32_t *out)
{
    if (!judge->index_cap)
        return false;
    size_t at = slot_of(judge, judge->index, judge->index_cap, text, strlen(text), text_hash(text));
    if (!judge->index[at].first)
        return false;
    *out = judge->names[judge->index[at].first - 1].text;
    return true;
}

/* Starts a group: the names added until the next one are spellings of one value. */
static int group_begin(struct recite_judge *judge)
{
    if (recite_grow((void **)&judge->groups, &judge->group_cap, judge->group_count + 1,
                    sizeof(*judge->groups)) < 0)
        return RECITE_ENOMEM;
    judge->groups[judge->group_count++] = (struct lex_group){(uint32_t)judge->name_count, 0};
    return 0;
}

static int add_name(struct recite_judge *judge, const char *text, size_t len)
{
    if (recite_grow((void **)&judge->names, &judge->name_cap, judge->name_count + 1,
                    sizeof(*judge->names)) < 0)
        return RECITE_ENOMEM;
    struct norm_text norm;
    if (norm_make(&norm, text, len, judge->language) < 0)
        return RECITE_ENOMEM;
    uint32_t at = 0;
    int rc = 0;
    /* A name spelled alike elsewhere (a country in many sets) shares its text. */
    if (norm.len && !arena_find(judge, norm.text, &at))
        rc = arena_add(judge, norm.text, strlen(norm.text), &at);
    size_t cps = norm.len;
    norm_release(&norm);
    if (rc < 0 || cps == 0)
        return rc;
    uint32_t name = (uint32_t)judge->name_count;
    judge->names[name] = (struct lex_name){at, judge->group_count - 1, (uint32_t)cps, 0};
    size_t bytes = strlen(judge->arena + at);
    judge->name_max = bytes > judge->name_max ? bytes : judge->name_max;
    judge->name_count++;
    judge->groups[judge->group_count - 1].count++;
    return index_insert(judge, name);
}

static int add_field(struct recite_judge *judge, const struct recite_field *field)
{
    int rc = group_begin(judge);
    for (size_t i = 0; rc == 0 && i < field->alt_count; i++)
        rc = add_name(judge, field->alts[i], strlen(field->alts[i]));
    return rc;
}

/* Each "{{a|b}}" deletion of a cloze text is one value with its spellings. */
static int add_cloze(struct recite_judge *judge, const char *text)
{
    for (const char *p = strstr(text, "{{"); p; p = strstr(p, "{{")) {
        const char *end = strstr(p + 2, "}}");
        if (!end)
            break;
        int rc = group_begin(judge);
        for (const char *a = p + 2; rc == 0 && a < end;) {
            size_t n = 0;
            while (a + n < end && a[n] != '|')
                n++;
            rc = add_name(judge, a, n);
            a += n + 1;
        }
        if (rc < 0)
            return rc;
        p = end + 2;
    }
    return 0;
}

/* An acronym's short and long forms name one thing: one group. */
static int add_acronym(struct recite_judge *judge, const struct recite_fact *fact)
{
    int rc = group_begin(judge);
    if (rc == 0 && !recite_fact_get(fact, "short"))
        rc = add_name(judge, fact->key, strlen(fact->key));
    for (size_t i = 0; rc == 0 && i < fact->field_count; i++) {
        const struct recite_field *f = &fact->fields[i];
        if (strcmp(f->name, "short") != 0 && strcmp(f->name, "long") != 0)
            continue;
        for (size_t k = 0; rc == 0 && k < f->alt_count; k++)
            rc = add_name(judge, f->alts[k], strlen(f->alts[k]));
    }
    return rc;
}

int recite_judge_add_fact(struct recite_judge *judge, const struct recite_fact *fact,
                          struct recite_error *err)
{
    static const char *const named[] = {"member", "nonmember", "answer", "wrong"};
    int rc = fact->kind == RECITE_FACT_ACRONYM ? add_acronym(judge, fact) : 0;
    for (size_t i = 0; rc == 0 && fact->kind != RECITE_FACT_ACRONYM && i < fact->field_count; i++) {
        const struct recite_field *f = &fact->fields[i];
        if (fact->kind == RECITE_FACT_CLOZE && strcmp(f->name, "text") == 0) {
            rc = f->alt_count ? add_cloze(judge, f->alts[0]) : 0;
            continue;
        }
        for (size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++)
            if (strcmp(f->name, named[k]) == 0)
                rc = add_field(judge, f);
    }
    if (rc < 0)
        return recite_error_set(err, rc, "out of memory reading the bank's names");
    return 0;
}

bool recite_judge_kind_has_names(enum recite_fact_kind kind)
{
    return kind != RECITE_FACT_EVENT;
}

int recite_judge_add_bank(struct recite_judge *judge, const struct recite_bank *bank,
                          struct recite_error *err)
{
    for (size_t i = 0; i < bank->fact_count; i++) {
        int rc = recite_judge_add_fact(judge, &bank->facts[i], err);
        if (rc < 0)
            return rc;
    }
    judge->filled = true;
    return 0;
}

void recite_judge_fill_with(struct recite_judge *judge,
                            int (*fill)(void *ctx, struct recite_judge *judge,
                                        struct recite_error *err),
                            void *ctx)
{
    judge->fill = fill;
    judge->fill_ctx = ctx;
    judge->filled = fill == NULL;
}

/* Fills the lexicon on first use; a failure is kept for recite_judge_reply() to report. */
static void ready(struct recite_judge *judge)
{
    if (judge->filled)
        return;
    judge->filled = true;
    if (judge->fill && judge->fill(judge->fill_ctx, judge, &judge->fill_err) < 0 &&
        judge->fill_err.code == 0)
        recite_error_set(&judge->fill_err, RECITE_EINTERNAL, "cannot read the bank's names");
}

/* Calls fn on each name whose text is exactly text, in the order added, until fn returns true. */
static bool each_exact(struct recite_judge *judge, const char *text,
                       bool (*fn)(void *ctx, uint32_t name), void *ctx)
{
    ready(judge);
    if (!judge->index_cap)
        return false;
    size_t at = slot_of(judge, judge->index, judge->index_cap, text, strlen(text), text_hash(text));
    for (uint32_t name = judge->index[at].first; name; name = judge->names[name - 1].next)
        if (fn(ctx, name - 1))
            return true;
    return false;
}

static bool first_name(void *ctx, uint32_t name)
{
    *(long *)ctx = (long)name;
    return true;
}

long lexicon_group_of(struct recite_judge *judge, const char *text)
{
    long name = -1;
    each_exact(judge, text, first_name, &name);
    return name < 0 ? -1 : (long)judge->names[name].group;
}

struct same_thing {
    struct recite_judge *judge;
    const char *other;
};

static bool group_has_text(void *ctx, uint32_t name)
{
    struct same_thing *s = ctx;
    const struct lex_group *g = &s->judge->groups[s->judge->names[name].group];
    for (uint32_t i = g->first; i < g->first + g->count; i++)
        if (strcmp(lex_text(s->judge, i), s->other) == 0)
            return true;
    return false;
}

bool lexicon_same_thing(struct recite_judge *judge, const char *a, const char *b)
{
    struct same_thing s = {judge, b};
    return each_exact(judge, a, group_has_text, &s);
}

struct reading {
    struct recite_judge *judge;
    const char *reply;
    bool (*same)(const char *a, const char *b);
};

static bool group_reads_as(void *ctx, uint32_t name)
{
    struct reading *r = ctx;
    const struct lex_group *g = &r->judge->groups[r->judge->names[name].group];
    for (uint32_t i = g->first; i < g->first + g->count; i++)
        if (r->same(r->reply, lex_text(r->judge, i)))
            return true;
    return false;
}

bool lexicon_reads_as(struct recite_judge *judge, const char *reply, const char *name,
                      bool (*same)(const char *a, const char *b))
{
    struct reading r = {judge, reply, same};
    return each_exact(judge, name, group_reads_as, &r);
}

/* Is name one of the answer's own spellings, or the same up to spelling variants? */
static bool is_answer(const char *name, const struct norm_text *answer, size_t answer_count)
{
    char a[FOLD_MAX], b[FOLD_MAX];
    bool folded = words_fold_plural(a, sizeof(a), name);
    for (size_t i = 0; i < answer_count; i++) {
        if (strcmp(name, answer[i].text) == 0)
            return true;
        if (folded && words_fold_plural(b, sizeof(b), answer[i].text) && strcmp(a, b) == 0)
            return true;
    }
    return false;
}

bool lexicon_other_name(struct recite_judge *judge, const struct norm_text *reply,
                        unsigned distance, const struct norm_text *answer, size_t answer_count,
                        const char **out)
{
    ready(judge);
    int32_t cps[256];
    for (size_t i = 0; i < judge->name_count; i++) {
        const struct lex_name *name = &judge->names[i];
        size_t gap = name->cps > reply->len ? name->cps - reply->len : reply->len - name->cps;
        if (gap > distance || name->cps > sizeof(cps) / sizeof(cps[0]))
            continue;
        const char *text = lex_text(judge, (uint32_t)i);
        if (distance == 0 ? strcmp(text, reply->text) != 0
                          : cps_distance(reply->cps, reply->len, cps,
                                         utf8_decode_into(cps, text, name->cps), distance) >
                                distance)
            continue;
        if (is_answer(text, answer, answer_count))
            continue;
        *out = text;
        return true;
    }
    return false;
}

bool lexicon_knows(struct recite_judge *judge, const char *text)
{
    return lexicon_group_of(judge, text) >= 0;
}

/* Is name (normalised) one of names, part of one, or a spelling of one's value? */
static bool among(struct recite_judge *judge, const char *name, const struct norm_text *names,
                  size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *n = names[i].text;
        const char *hit = strstr(n, name);
        size_t k = strlen(name);
        if (hit && (hit == n || hit[-1] == ' ') && (hit[k] == '\0' || hit[k] == ' '))
            return true;
        if (lexicon_same_thing(judge, name, n))
            return true;
    }
    return false;
}

/* The text of a name spelled exactly as the n bytes at text; NULL when there is none. */
static const char *name_spelled(const struct recite_judge *judge, const char *text, size_t n,
                                uint64_t hash)
{
    size_t at = slot_of(judge, judge->index, judge->index_cap, text, n, hash);
    return judge->index[at].first ? lex_text(judge, judge->index[at].first - 1) : NULL;
}

/*
 * A name of three bytes or more that text holds as whole words and that is
 * not among names. Each run of whole words of text, up to the longest name,
 * is looked up in the index: the cost follows the reply, not the bank.
 */
bool lexicon_names_other(struct recite_judge *judge, const char *text, const struct norm_text *names,
                         size_t count)
{
    ready(judge);
    if (!judge->index_cap)
        return false;
    for (const char *start = text; *start;) {
        uint64_t h = RECITE_HASH_INIT; /* text_hash(), a byte at a time */
        for (size_t k = 0; k < judge->name_max && start[k]; k++) {
            h = recite_hash_byte(h, (unsigned char)start[k]);
            if (k + 1 < 3 || (start[k + 1] != '\0' && start[k + 1] != ' '))
                continue;
            const char *name = name_spelled(judge, start, k + 1, h);
            if (name && !among(judge, name, names, count))
                return true;
        }
        const char *space = strchr(start, ' ');
        if (!space)
            break;
        start = space + 1;
    }
    return false;
}

/*
 * ---- the lexicon kept between sessions ----
 *
 * Normalising every name of a big bank costs far more than reading them
 * back: the study layer keeps the filled lexicon with the bank and adopts
 * it in later sessions. The bytes are little-endian 32-bit words:
 *   "RLX1", name count, group count, arena bytes,
 *   per name: text offset, group, code points; per group: first, count;
 *   then the arena. A lexicon read back is checked whole before use.
 */
#define LEX_MAGIC 0x31584c52u /* "RLX1" read as a little-endian word */

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void recite_judge_lexicon_format(char out[RECITE_JUDGE_LEXICON_FORMAT_MAX], const char *language)
{
    /*
     * The names are stored normalised, so a change of the normaliser (ours
     * or utf8proc's) must not read old names back: probes of what
     * normalisation decides are part of the format.
     */
    static const char *const probes[] = {"Ça  Straße", "ＦＵＬＬ–width ’q’", "Æon, x-y & Co.",
                                         "St. Kitts and Nevis", "1,000 (one thousand)"};
    uint64_t h = RECITE_HASH_INIT;
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        struct norm_text norm;
        if (norm_make(&norm, probes[i], strlen(probes[i]), language) < 0) {
            h = 0;
            break;
        }
        for (const unsigned char *p = (const unsigned char *)norm.text; *p; p++)
            h = recite_hash_byte(h, *p);
        h = recite_hash_byte(h, 0xff);
        norm_release(&norm);
    }
    snprintf(out, RECITE_JUDGE_LEXICON_FORMAT_MAX, "lexicon 1; utf8proc %.20s; norm %016llx",
             utf8proc_version(), (unsigned long long)h);
}

int recite_judge_lexicon_save(struct recite_judge *judge, unsigned char **out, size_t *len,
                              struct recite_error *err)
{
    *out = NULL;
    *len = 0;
    ready(judge);
    if (judge->fill_err.code)
        return recite_error_set(err, judge->fill_err.code, "%s", judge->fill_err.msg);
    if (judge->name_count > UINT32_MAX / 12 || judge->group_count > UINT32_MAX / 8)
        return recite_error_set(err, RECITE_ENOMEM, "the bank's names are too many to keep");
    size_t n = 16 + judge->name_count * 12 + judge->group_count * 8 + judge->arena_len;
    unsigned char *data = malloc(n), *p = data;
    if (!data)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    put_u32(p, LEX_MAGIC);
    put_u32(p + 4, (uint32_t)judge->name_count);
    put_u32(p + 8, (uint32_t)judge->group_count);
    put_u32(p + 12, (uint32_t)judge->arena_len);
    p += 16;
    for (size_t i = 0; i < judge->name_count; i++, p += 12) {
        put_u32(p, judge->names[i].text);
        put_u32(p + 4, judge->names[i].group);
        put_u32(p + 8, judge->names[i].cps);
    }
    for (size_t i = 0; i < judge->group_count; i++, p += 8) {
        put_u32(p, judge->groups[i].first);
        put_u32(p + 4, judge->groups[i].count);
    }
    if (judge->arena_len)
        memcpy(p, judge->arena, judge->arena_len);
    *out = data;
    *len = n;
    return 0;
}

/* Whether the names and groups read back describe a lexicon add_name() could have built. */
static bool lexicon_consistent(const struct recite_judge *judge)
{
    if (judge->arena_len && judge->arena[judge->arena_len - 1] != '\0')
        return false;
    size_t next = 0; /* groups cover the names in order, each from where the last ended */
    for (size_t g = 0; g < judge->group_count; g++) {
        if (judge->groups[g].first != next || judge->groups[g].count > judge->name_count - next)
            return false;
        next += judge->groups[g].count;
    }
    if (next != judge->name_count)
        return false;
    for (size_t i = 0; i < judge->name_count; i++) {
        const struct lex_name *name = &judge->names[i];
        const struct lex_group *g = name->group < judge->group_count ? &judge->groups[name->group]
                                                                     : NULL;
        if (!g || i < g->first || i >= (size_t)g->first + g->count || name->cps == 0 ||
            name->text >= judge->arena_len || (name->text && judge->arena[name->text - 1]))
            return false;
    }
    return true;
}

int recite_judge_lexicon_load(struct recite_judge *judge, const unsigned char *data, size_t len,
                              struct recite_error *err)
{
    if (judge->name_count || judge->group_count)
        return recite_error_set(err, RECITE_EINTERNAL, "the judge's lexicon is already filled");
    uint32_t names = len >= 16 ? get_u32(data + 4) : 0, groups = len >= 16 ? get_u32(data + 8) : 0;
    uint32_t arena = len >= 16 ? get_u32(data + 12) : 0;
    if (len < 16 || get_u32(data) != LEX_MAGIC ||
        len - 16 != (uint64_t)names * 12 + (uint64_t)groups * 8 + arena)
        return recite_error_set(err, RECITE_EDATA, "the kept lexicon is not one recite wrote");
    judge->names = names ? malloc((size_t)names * sizeof(*judge->names)) : NULL;
    judge->groups = groups ? malloc((size_t)groups * sizeof(*judge->groups)) : NULL;
    judge->arena = arena ? malloc(arena) : NULL;
    if ((names && !judge->names) || (groups && !judge->groups) || (arena && !judge->arena)) {
        lexicon_release(judge);
        lexicon_reset(judge);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    const unsigned char *p = data + 16;
    for (uint32_t i = 0; i < names; i++, p += 12)
        judge->names[i] = (struct lex_name){get_u32(p), get_u32(p + 4), get_u32(p + 8), 0};
    for (uint32_t i = 0; i < groups; i++, p += 8)
        judge->groups[i] = (struct lex_group){get_u32(p), get_u32(p + 4)};
    if (arena)
        memcpy(judge->arena, p, arena);
    judge->name_count = judge->name_cap = names;
    judge->group_count = judge->group_cap = groups;
    judge->arena_len = judge->arena_cap = arena;
    int rc = lexicon_consistent(judge) ? 0 : RECITE_EDATA;
    /*
     * Indexed in the order add_name() indexed them: names spelled alike are
     * met alike. The table is sized for every name at once (the order of
     * names spelled alike does not depend on its size), so it never grows.
     */
    while (rc == 0 && judge->index_cap < 2 * (size_t)names + 2)
        rc = index_grow(judge);
    for (uint32_t i = 0; rc == 0 && i < names; i++) {
        size_t bytes = strlen(lex_text(judge, i));
        judge->name_max = bytes > judge->name_max ? bytes : judge->name_max;
        rc = index_insert(judge, i);
    }
    if (rc < 0) {
        lexicon_release(judge);
        lexicon_reset(judge);
        return rc == RECITE_EDATA
                   ? recite_error_set(err, rc, "the kept lexicon is not one recite wrote")
                   : recite_error_set(err, rc, "out of memory");
    }
    judge->filled = true;
    judge->fill = NULL;
    return 0;
}
