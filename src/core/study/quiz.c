/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Drawing a quiz: group the bank's cards by template, shuffle each group
 * with the seed, then let the groups take turns, so a 20-question quiz of a
 * bank with 15 templates asks some of every kind rather than 20 of the most
 * common one.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "recite/bank.h"
#include "recite/common.h"
#include "recite/facts.h"
#include "recite/quiz.h"

static bool wanted(const struct recite_bank *bank, const struct recite_card *card,
                   const struct recite_quiz_options *opts)
{
    if (card->answer_kind == RECITE_ANSWER_FLASH)
        return false;
    if (opts->tag_count == 0)
        return true;
    const struct recite_fact *fact = recite_bank_find_fact(bank, card->fact_key);
    for (size_t i = 0; fact && i < opts->tag_count; i++)
        if (recite_fact_has_tag(fact, opts->tags[i]))
            return true;
    return false;
}

struct group {
    const char *template_name; /* borrowed from the first card */
    size_t *cards;             /* indices into all cards */
    size_t count, next;
};

static struct group *find_group(struct group *groups, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(groups[i].template_name, name) == 0)
            return &groups[i];
    groups[*n] = (struct group){name, NULL, 0, 0};
    return &groups[(*n)++];
}

static bool fact_taken(char **taken, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(taken[i], key) == 0)
            return true;
    return false;
}

/* Round-robin over groups; pass 0 keeps one card per fact, pass 1 fills up. */
static size_t take_turns(struct group *groups, size_t group_count, struct recite_card *all,
                         size_t want, size_t *picked, bool *used)
{
    char **facts = calloc(want + 1, sizeof(char *));
    size_t n = 0, fact_count = 0;
    for (int pass = 0; pass < 2 && n < want && facts; pass++) {
        for (size_t g = 0; g < group_count; g++)
            groups[g].next = 0;
        bool progress = true;
        while (n < want && progress) {
            progress = false;
            for (size_t g = 0; g < group_count && n < want; g++) {
                struct group *grp = &groups[g];
                while (grp->next < grp->count) {
                    size_t c = grp->cards[grp->next++];
                    if (used[c] || (pass == 0 && fact_taken(facts, fact_count, all[c].fact_key)))
                        continue;
                    used[c] = true;
                    picked[n++] = c;
                    facts[fact_count++] = all[c].fact_key;
                    progress = true;
                    break;
                }
            }
        }
    }
    free(facts);
    return n;
}

int recite_quiz_draw(struct recite_card **out, size_t *out_count, const struct recite_bank *bank,
                     const struct recite_quiz_options *opts, struct recite_error *err)
{
    struct recite_card *all = NULL;
    size_t all_count = 0;
    int rc = recite_bank_cards(&all, &all_count, bank, opts->seed, err);
    if (rc < 0)
        return rc;
    struct group *groups = calloc(all_count + 1, sizeof(*groups));
    size_t *indices = calloc(all_count + 1, sizeof(size_t));
    size_t *picked = calloc(all_count + 1, sizeof(size_t));
    bool *used = calloc(all_count + 1, sizeof(bool));
    struct recite_card *chosen = NULL;
    size_t group_count = 0, n = 0, eligible = 0;
    if (!groups || !indices || !picked || !used) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    /* Every group's cards are a contiguous run of indices[], in bank order. */
    for (size_t i = 0; i < all_count; i++) {
        if (!wanted(bank, &all[i], opts))
            continue;
        struct group *grp = find_group(groups, &group_count, all[i].template_name);
        grp->count++;
        eligible++;
    }
    if (eligible == 0) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no question in bank '%s' matches", bank->id);
        goto out;
    }
    size_t offset = 0;
    for (size_t g = 0; g < group_count; g++) {
        groups[g].cards = indices + offset;
        offset += groups[g].count;
        groups[g].count = 0;
    }
    for (size_t i = 0; i < all_count; i++) {
        if (!wanted(bank, &all[i], opts))
            continue;
        struct group *grp = find_group(groups, &group_count, all[i].template_name);
        grp->cards[grp->count++] = i;
    }
    struct recite_rng rng;
    recite_rng_seed(&rng, opts->seed);
    for (size_t g = 0; g < group_count; g++)
        recite_rng_shuffle(&rng, groups[g].cards, groups[g].count, sizeof(size_t));
    recite_rng_shuffle(&rng, groups, group_count, sizeof(*groups));
    n = take_turns(groups, group_count, all, opts->count, picked, used);
    recite_rng_shuffle(&rng, picked, n, sizeof(size_t));
    chosen = calloc(n + 1, sizeof(*chosen));
    if (!chosen) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    /* Move the chosen cards out; what remains in all is freed below. */
    for (size_t i = 0; i < n; i++) {
        chosen[i] = all[picked[i]];
        memset(&all[picked[i]], 0, sizeof(all[0]));
    }
out:
    recite_cards_free(all, all_count);
    free(groups);
    free(indices);
    free(picked);
    free(used);
    if (rc < 0)
        return rc;
    *out = chosen;
    *out_count = n;
    return 0;
}

char *recite_quiz_params_json(const struct recite_quiz_options *opts)
{
    json_t *tags = json_array();
    for (size_t i = 0; tags && i < opts->tag_count; i++)
        json_array_append_new(tags, json_string(opts->tags[i]));
    json_t *root = json_pack("{s:I, s:I, s:o, s:I, s:s}", "count", (json_int_t)opts->count,
                             "seed", (json_int_t)opts->seed, "tags", tags, "time_limit_ms",
                             (json_int_t)opts->time_limit_ms, "mode",
                             opts->mode ? opts->mode : "auto");
    char *text = root ? json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(root);
    return text;
}
