/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * List recall: a reply naming members of a set is split into items, each
 * item names at most one member and each member is found at most once;
 * credit is the share found, less what was named beyond the member count.
 */
#include <stdlib.h>
#include <string.h>

#include "answer_internal.h"
#include "recite/buf.h"

#define MAX_JOIN 4 /* parts rejoined with "and" when looking for one member */

enum item_state { ITEM_UNSEEN, ITEM_FOUND, ITEM_DUPLICATE, ITEM_WRONG };

struct item {
    size_t start, len; /* the item in the reply, trimmed */
    struct norm_text norm;
    enum item_state state;
    size_t member, spelling;
    unsigned distance;
};

struct spelling {
    struct norm_text norm;
    size_t member, index;
};

struct list_ctx {
    const struct recite_answer_set *set;
    const char *reply;
    struct spelling *spellings; /* every member's spellings, flattened */
    size_t spelling_count;
    struct norm_text *nonmembers;
    size_t nonmember_count;
    struct item *items;
    size_t item_count, item_cap;
    bool *taken; /* per member: already found */
};

struct hit {
    const struct spelling *spelling; /* NULL when none */
    unsigned distance;
};

/* Nearest spelling to item within tolerance (fuzzy) or exactly, skipping found members. */
static struct hit best_member(const struct list_ctx *c, const struct norm_text *item, bool fuzzy,
                              bool skip_taken)
{
    struct hit best = {NULL, 0};
    for (size_t i = 0; i < c->spelling_count; i++) {
        const struct spelling *s = &c->spellings[i];
        if (s->norm.len == 0 || (skip_taken && c->taken[s->member]))
            continue;
        unsigned limit = fuzzy ? fuzzy_limit(item, &s->norm, c->set->exact) : 0;
        unsigned d = norm_distance(item, &s->norm, limit);
        if (d <= limit && (!best.spelling || d < best.distance)) {
            best.spelling = s;
            best.distance = d;
        }
    }
    return best;
}

/* Is item a named non-member, or a typo at most `distance` from one? */
static bool near_nonmember(const struct list_ctx *c, const struct norm_text *item,
                           unsigned distance)
{
    for (size_t i = 0; i < c->nonmember_count; i++) {
        const struct norm_text *n = &c->nonmembers[i];
        if (n->len && norm_distance(item, n, distance) <= distance)
            return true;
    }
    return false;
}

/* Normalises text, then rewrites it with the set's fold (when there is one). */
static int list_norm(const struct list_ctx *c, struct norm_text *out, const char *text, size_t len)
{
    int rc = norm_make(out, text, len, c->set->language);
    if (rc < 0 || !c->set->fold || out->len == 0)
        return rc;
    char folded[1024];
    if (!c->set->fold(c->set->hooks_ctx, folded, sizeof(folded), out->text))
        return 0;
    norm_release(out);
    return norm_make(out, folded, strlen(folded), c->set->language);
}

static int prepare_set(struct list_ctx *c)
{
    const struct recite_answer_set *set = c->set;
    size_t total = 0;
    for (size_t m = 0; m < set->count; m++)
        total += set->members[m].count;
    c->spellings = calloc(total ? total : 1, sizeof(*c->spellings));
    c->nonmembers = calloc(set->nonmember_count ? set->nonmember_count : 1, sizeof(*c->nonmembers));
    c->taken = calloc(set->count, sizeof(*c->taken));
    if (!c->spellings || !c->nonmembers || !c->taken)
        return RECITE_ENOMEM;
    for (size_t m = 0; m < set->count; m++) {
        for (size_t k = 0; k < set->members[m].count; k++) {
            const char *text = set->members[m].spellings[k];
            struct spelling *s = &c->spellings[c->spelling_count];
            if (!text)
                continue;
            if (list_norm(c, &s->norm, text, strlen(text)) < 0)
                return RECITE_ENOMEM;
            s->member = m;
            s->index = k;
            c->spelling_count++;
        }
    }
    for (size_t i = 0; set->nonmembers && i < set->nonmember_count; i++) {
        const char *text = set->nonmembers[i];
        if (!text)
            continue;
        if (list_norm(c, &c->nonmembers[c->nonmember_count], text, strlen(text)) < 0)
            return RECITE_ENOMEM;
        c->nonmember_count++;
    }
    return 0;
}

/* ---- splitting ---- */

struct span {
    size_t start, end;
};

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

static bool is_chunk_separator(char ch)
{
    return ch == ',' || ch == ';' || ch == '\n' || ch == '\r';
}

/* Length of an "and" separator at s[i] (the word "and" or '&'), else 0. */
static size_t and_at(const char *s, size_t i, size_t start, size_t end)
{
    if (s[i] == '&')
        return 1;
    if (i + 3 > end || (s[i] | 0x20) != 'a' || (s[i + 1] | 0x20) != 'n' || (s[i + 2] | 0x20) != 'd')
        return 0;
    bool before = i == start || is_blank(s[i - 1]);
    bool after = i + 3 == end || is_blank(s[i + 3]);
    return before && after ? 3 : 0;
}

static int add_item(struct list_ctx *c, size_t start, size_t end, struct norm_text *norm)
{
    if (c->item_count == RECITE_ANSWER_MAX_LIST_ITEMS)
        return RECITE_EUSAGE;
    if (recite_grow((void **)&c->items, &c->item_cap, c->item_count + 1, sizeof(*c->items)) < 0)
        return RECITE_ENOMEM;
    while (start < end && is_blank(c->reply[start]))
        start++;
    while (end > start && is_blank(c->reply[end - 1]))
        end--;
    c->items[c->item_count++] = (struct item){start, end - start, *norm, ITEM_UNSEEN, 0, 0, 0};
    memset(norm, 0, sizeof(*norm));
    return 0;
}

/* Does a span of parts joined by "and" name something the set knows? */
static bool span_names_something(const struct list_ctx *c, const struct norm_text *n)
{
    return n->len && (best_member(c, n, true, false).spelling || near_nonmember(c, n, 0) ||
                      (c->set->known && c->set->known(c->set->hooks_ctx, n->text)));
}

/*
 * Names typed without separators ("Poland Hungary Czechia"): when the words
 * of [start, end) read, from left to right, as names the set knows (each the
 * longest that names something), and maybe words at the end that name
 * nothing, as one more item ("Poland Hungary Xyz": Poland, Hungary, Xyz),
 * they are as many items. Words that name nothing before a known name may
 * be part of it ("Republic of Poland", "East China Sea"): no split.
 * Returns 1 when it split, 0 when the words are one item, < 0 on failure.
 */
static int split_unseparated(struct list_ctx *c, size_t start, size_t end)
{
    enum { MAX_WORDS = 24, LONGEST = 6 };
    struct span words[MAX_WORDS];
    size_t count = 0;
    for (size_t i = start; i < end;) {
        while (i < end && is_blank(c->reply[i]))
            i++;
        size_t w = i;
        while (i < end && !is_blank(c->reply[i]))
            i++;
        if (i == w)
            break;
        if (count == MAX_WORDS)
            return 0;
        words[count++] = (struct span){w, i};
    }
    if (count < 2)
        return 0;
    /* a known name is normalised once, while it is found, and kept for its item */
    struct span names[MAX_WORDS];
    struct norm_text norms[MAX_WORDS];
    size_t found = 0, known = 0;
    int rc = 0;
    for (size_t w = 0; w < count && rc == 0;) {
        size_t took = 0;
        for (size_t k = count - w < LONGEST ? count - w : LONGEST; k >= 1 && !took; k--) {
            size_t a = words[w].start, b = words[w + k - 1].end;
            if (list_norm(c, &norms[found], c->reply + a, b - a) < 0) {
                rc = RECITE_ENOMEM;
                break;
            }
            if (span_names_something(c, &norms[found]))
                took = k;
            else
                norm_release(&norms[found]);
        }
        if (rc < 0)
            break;
        if (took && found > known) {
            norm_release(&norms[found]); /* a known name after unknown words: no split */
            break;
        }
        if (took) {
            names[found++] = (struct span){words[w].start, words[w + took - 1].end};
            known++;
            w += took;
            continue;
        }
        /* a word that names nothing joins the unknown item before it, or starts one */
        if (found > known)
            names[found - 1].end = words[w].end;
        else
            names[found++] = (struct span){words[w].start, words[w].end};
        w++;
    }
    bool whole =
        rc == 0 && found >= 2 && known >= 1 && names[found - 1].end == words[count - 1].end;
    for (size_t i = 0; i < found; i++) {
        struct span at = names[i];
        if (whole && rc == 0 && !norms[i].len &&
            list_norm(c, &norms[i], c->reply + at.start, at.end - at.start) < 0)
            rc = RECITE_ENOMEM;
        if (whole && rc == 0)
            rc = add_item(c, at.start, at.end, &norms[i]);
        norm_release(&norms[i]);
    }
    return rc < 0 ? rc : whole;
}

/* Takes the longest run of parts (at most MAX_JOIN) starting at parts[i] that names something. */
static int take_parts(struct list_ctx *c, const struct span *parts, size_t count, size_t *i)
{
    struct norm_text n;
    size_t most = count - *i < MAX_JOIN ? count - *i : MAX_JOIN;
    for (size_t run = most; run >= 1; run--) {
        size_t start = parts[*i].start, end = parts[*i + run - 1].end;
        if (list_norm(c, &n, c->reply + start, end - start) < 0)
            return RECITE_ENOMEM;
        bool names = span_names_something(c, &n);
        if (run == 1 || names) {
            *i += run;
            int rc = names ? 0 : split_unseparated(c, start, end);
            if (rc == 0)
                rc = n.len ? add_item(c, start, end, &n) : 0;
            norm_release(&n);
            return rc < 0 ? rc : 0;
        }
        norm_release(&n);
    }
    return 0;
}

/*
 * Splits parts joined by "and" into items, unless no part names anything
 * the set knows: then "and" is part of one unknown name ("Bosnia and
 * Herzegovina"), one wrong item rather than two.
 */
static int take_chunk(struct list_ctx *c, const struct span *parts, size_t count)
{
    bool known = count < 2;
    for (size_t k = 0; k < count && !known; k++) {
        struct norm_text n;
        if (list_norm(c, &n, c->reply + parts[k].start, parts[k].end - parts[k].start) < 0)
            return RECITE_ENOMEM;
        known = span_names_something(c, &n);
        norm_release(&n);
    }
    if (!known) {
        struct span whole = {parts[0].start, parts[count - 1].end};
        struct norm_text n;
        if (list_norm(c, &n, c->reply + whole.start, whole.end - whole.start) < 0)
            return RECITE_ENOMEM;
        int rc = n.len ? add_item(c, whole.start, whole.end, &n) : 0;
        norm_release(&n);
        return rc;
    }
    int rc = 0;
    for (size_t k = 0; k < count && rc == 0;)
        rc = take_parts(c, parts, count, &k);
    return rc;
}

static int split_chunk(struct list_ctx *c, size_t start, size_t end)
{
    struct span parts[64];
    size_t count = 0, from = start;
    int rc = 0;
    for (size_t i = start; i <= end && rc == 0; i++) {
        size_t sep = i < end ? and_at(c->reply, i, start, end) : 1;
        if (!sep)
            continue;
        parts[count++] = (struct span){from, i};
        from = i + sep;
        i = from - 1;
        if (count == sizeof(parts) / sizeof(parts[0]) || i + 1 > end) {
            rc = take_chunk(c, parts, count);
            count = 0;
        }
    }
    return rc;
}

static int split_reply(struct list_ctx *c, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && !is_chunk_separator(c->reply[i]))
            continue;
        int rc = split_chunk(c, start, i);
        if (rc < 0)
            return rc;
        start = i + 1;
    }
    return 0;
}

/* ---- matching ---- */

/* An exact match, or a typo the caller's veto (if any) lets through. */
static bool typo_allowed(const struct list_ctx *c, const struct norm_text *item, struct hit h)
{
    if (h.distance == 0 || !c->set->typo_ok)
        return true;
    return c->set->typo_ok(c->set->hooks_ctx, item->text, h.spelling->norm.text);
}

static void match_exact(struct list_ctx *c)
{
    for (size_t i = 0; i < c->item_count; i++) {
        struct item *it = &c->items[i];
        struct hit h = best_member(c, &it->norm, false, false);
        if (!h.spelling) {
            if (near_nonmember(c, &it->norm, 0))
                it->state = ITEM_WRONG;
            continue;
        }
        it->member = h.spelling->member;
        it->spelling = h.spelling->index;
        it->state = c->taken[it->member] ? ITEM_DUPLICATE : ITEM_FOUND;
        c->taken[it->member] = true;
    }
}

/*
 * The set's fold (British "-ence" read as American "-ense") can carry a
 * typo out of reach: "Frence" folds to "frense", two from "france". The
 * nearest member not yet found by the spellings as typed, with the caller's
 * veto on those; NULL spelling when none.
 */
static struct hit best_member_unfolded(const struct list_ctx *c, const struct item *it)
{
    struct hit best = {NULL, 0};
    struct norm_text plain;
    if (!c->set->fold || norm_make(&plain, c->reply + it->start, it->len, c->set->language) < 0)
        return best;
    for (size_t i = 0; plain.len && i < c->spelling_count; i++) {
        const struct spelling *s = &c->spellings[i];
        const char *text = c->set->members[s->member].spellings[s->index];
        struct norm_text p;
        if (c->taken[s->member] || norm_make(&p, text, strlen(text), c->set->language) < 0)
            continue;
        unsigned limit = fuzzy_limit(&plain, &p, c->set->exact);
        unsigned d = p.len ? norm_distance(&plain, &p, limit) : limit + 1;
        if (d <= limit && (!best.spelling || d < best.distance) &&
            (d == 0 || !c->set->typo_ok || c->set->typo_ok(c->set->hooks_ctx, plain.text, p.text)))
            best = (struct hit){s, d};
        norm_release(&p);
    }
    norm_release(&plain);
    return best;
}

static void match_fuzzy(struct list_ctx *c)
{
    for (size_t i = 0; i < c->item_count; i++) {
        struct item *it = &c->items[i];
        if (it->state != ITEM_UNSEEN)
            continue;
        it->state = ITEM_WRONG;
        struct hit h = best_member(c, &it->norm, true, true);
        if (!h.spelling && !near_nonmember(c, &it->norm, 0)) {
            struct hit u = best_member_unfolded(c, it);
            if (u.spelling && !near_nonmember(c, &it->norm, u.distance)) {
                it->state = ITEM_FOUND;
                it->member = u.spelling->member;
                it->spelling = u.spelling->index;
                it->distance = u.distance ? u.distance : 1;
                c->taken[it->member] = true;
                continue;
            }
        }
        if (h.spelling && !near_nonmember(c, &it->norm, h.distance) &&
            typo_allowed(c, &it->norm, h)) {
            it->state = ITEM_FOUND;
            it->member = h.spelling->member;
            it->spelling = h.spelling->index;
            it->distance = h.distance;
            c->taken[it->member] = true;
            continue;
        }
        struct hit any = best_member(c, &it->norm, true, false);
        if (any.spelling && !near_nonmember(c, &it->norm, any.distance) &&
            typo_allowed(c, &it->norm, any))
            it->state = ITEM_DUPLICATE;
    }
}

/* A wrong item typed twice counts once. */
static void merge_wrong(struct list_ctx *c)
{
    for (size_t i = 0; i < c->item_count; i++) {
        if (c->items[i].state != ITEM_WRONG)
            continue;
        for (size_t k = 0; k < i; k++) {
            if (c->items[k].state == ITEM_WRONG &&
                strcmp(c->items[k].norm.text, c->items[i].norm.text) == 0) {
                c->items[i].state = ITEM_DUPLICATE;
                break;
            }
        }
    }
}

/* ---- result ---- */

static char *copy_span(const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

static int collect_items(struct recite_answer_list_result *r, const struct list_ctx *c)
{
    r->found = calloc(c->item_count + 1, sizeof(*r->found));
    r->wrong = calloc(c->item_count + 1, sizeof(*r->wrong));
    if (!r->found || !r->wrong)
        return RECITE_ENOMEM;
    for (size_t i = 0; i < c->item_count; i++) {
        const struct item *it = &c->items[i];
        char *text = NULL;
        if (it->state == ITEM_DUPLICATE) {
            r->duplicate_count++;
            continue;
        }
        if (!(text = copy_span(c->reply + it->start, it->len)))
            return RECITE_ENOMEM;
        if (it->state == ITEM_WRONG) {
            r->wrong[r->wrong_count++] = text;
            continue;
        }
        r->found[r->found_count++] =
            (struct recite_answer_found){text, it->member, it->spelling, it->distance};
        r->almost_count += it->distance > 0;
    }
    return 0;
}

static int collect_missed(struct recite_answer_list_result *r, const struct list_ctx *c)
{
    r->missed = calloc(c->set->count, sizeof(*r->missed));
    if (!r->missed)
        return RECITE_ENOMEM;
    for (size_t m = 0; m < c->set->count; m++)
        if (!c->taken[m])
            r->missed[r->missed_count++] = m;
    return 0;
}

/*
 * A wrong item costs only when the reply names more items than there are
 * members: within the count it is a fair attempt, beyond it a guess.
 */
static void grade(struct recite_answer_list_result *r, size_t members)
{
    size_t named = r->found_count + r->wrong_count;
    size_t excess = named > members ? named - members : 0;
    double net = (double)r->found_count - (double)excess;
    r->credit = net <= 0 ? 0.0 : net >= (double)members ? 1.0 : net / (double)members;
    if (r->found_count == members && r->wrong_count == 0)
        r->verdict = r->almost_count ? RECITE_ANSWER_ALMOST : RECITE_ANSWER_RIGHT;
    else if (r->credit > 0)
        r->verdict = RECITE_ANSWER_PARTIAL;
    else
        r->verdict = RECITE_ANSWER_WRONG;
    r->rating = r->verdict == RECITE_ANSWER_PARTIAL && r->credit < 0.5
                    ? RECITE_RATING_AGAIN
                    : recite_answer_rating(r->verdict);
}

static void ctx_release(struct list_ctx *c)
{
    for (size_t i = 0; i < c->spelling_count; i++)
        norm_release(&c->spellings[i].norm);
    for (size_t i = 0; i < c->nonmember_count; i++)
        norm_release(&c->nonmembers[i]);
    for (size_t i = 0; i < c->item_count; i++)
        norm_release(&c->items[i].norm);
    free(c->spellings);
    free(c->nonmembers);
    free(c->items);
    free(c->taken);
}

static int judge_reply(struct recite_answer_list_result *r, struct list_ctx *c)
{
    size_t n = strnlen(c->reply, RECITE_ANSWER_MAX_LIST_BYTES + 1);
    int rc = 0;
    if (n > RECITE_ANSWER_MAX_LIST_BYTES) {
        r->flags |= RECITE_ANSWER_TOO_LONG;
    } else if ((rc = split_reply(c, n)) == RECITE_EUSAGE) {
        r->flags |= RECITE_ANSWER_TOO_LONG;
        rc = 0;
    }
    if (rc < 0)
        return rc;
    if (r->flags) {
        for (size_t i = 0; i < c->item_count; i++)
            norm_release(&c->items[i].norm);
        c->item_count = 0;
    } else if (c->item_count == 0) {
        r->flags |= RECITE_ANSWER_EMPTY;
    }
    match_exact(c);
    match_fuzzy(c);
    merge_wrong(c);
    if ((rc = collect_items(r, c)) < 0 || (rc = collect_missed(r, c)) < 0)
        return rc;
    grade(r, c->set->count);
    return 0;
}

int recite_answer_check_list(struct recite_answer_list_result **out, const char *reply,
                             const struct recite_answer_set *set, struct recite_error *err)
{
    *out = NULL;
    if (set->count == 0)
        return recite_error_set(err, RECITE_EUSAGE, "a list question needs members");
    struct list_ctx c = {.set = set, .reply = reply};
    struct recite_answer_list_result *r = calloc(1, sizeof(*r));
    int rc = r ? prepare_set(&c) : RECITE_ENOMEM;
    if (rc == 0)
        rc = judge_reply(r, &c);
    ctx_release(&c);
    if (rc < 0) {
        recite_answer_list_result_free(r);
        return recite_error_set(err, rc, "out of memory checking a list answer");
    }
    *out = r;
    return 0;
}

void recite_answer_list_result_free(struct recite_answer_list_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->found_count; i++)
        free(result->found[i].text);
    for (size_t i = 0; i < result->wrong_count; i++)
        free(result->wrong[i]);
    free(result->found);
    free(result->wrong);
    free(result->missed);
    free(result);
}
