/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Facts into cards. The template list of a fact depends on the fact alone,
 * so its card uids are stable; what a card shows (distractors, order of
 * options, the member asked about) is drawn from a generator seeded by the
 * caller's seed and the card uid, so a quiz is reproducible from its seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <utf8proc.h>

#include "bank_internal.h"
#include "facts_internal.h"
#include "recite/bank.h"
#include "recite/buf.h"
#include "recite/common.h"
#include "recite/facts.h"

static const char *const answer_kind_names[] = {
    "typed", "choice", "truefalse", "list", "order", "flash",
};

const char *recite_answer_kind_name(enum recite_answer_kind kind)
{
    if ((unsigned)kind >= sizeof(answer_kind_names) / sizeof(answer_kind_names[0]))
        return "unknown";
    return answer_kind_names[kind];
}

/* ---- the seeded generator (splitmix64) ---- */

enum recite_answer_kind recite_card_asked_as(const struct recite_card *card, enum recite_mode mode)
{
    if (mode == RECITE_MODE_FLASH)
        return RECITE_ANSWER_FLASH;
    if (mode == RECITE_MODE_TYPED && card->answer_kind == RECITE_ANSWER_CHOICE &&
        card->typed_prompt && card->accepted_count > 0)
        return RECITE_ANSWER_TYPED;
    return card->answer_kind;
}

const char *recite_card_prompt_as(const struct recite_card *card, enum recite_answer_kind kind)
{
    if (card->answer_kind == RECITE_ANSWER_CHOICE && kind == RECITE_ANSWER_TYPED &&
        card->typed_prompt)
        return card->typed_prompt;
    return card->prompt ? card->prompt : "";
}

void recite_rng_seed(struct recite_rng *rng, uint64_t seed)
{
    rng->state = seed;
}

uint64_t recite_rng_next(struct recite_rng *rng)
{
    uint64_t z = (rng->state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t recite_rng_below(struct recite_rng *rng, uint64_t bound)
{
    /* Rejection keeps the draw uniform whatever the bound. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do
        x = recite_rng_next(rng);
    while (x >= limit);
    return x % bound;
}

void recite_rng_shuffle(struct recite_rng *rng, void *base, size_t n, size_t size)
{
    unsigned char *bytes = base;
    unsigned char tmp[64];
    if (size > sizeof(tmp))
        return;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)recite_rng_below(rng, i);
        memcpy(tmp, bytes + (i - 1) * size, size);
        memcpy(bytes + (i - 1) * size, bytes + j * size, size);
        memcpy(bytes + j * size, tmp, size);
    }
}

/* ---- uids and templates ---- */

void recite_card_uid(char out[RECITE_CARD_UID_HEX], const char *bank_id, const char *fact_key,
                     const char *template_name)
{
    unsigned char digest[16];
    crypto_generichash_state state;
    crypto_generichash_init(&state, NULL, 0, sizeof(digest));
    const char *parts[3] = {bank_id, fact_key, template_name};
    for (size_t i = 0; i < 3; i++)
        crypto_generichash_update(&state, (const unsigned char *)parts[i], strlen(parts[i]) + 1);
    crypto_generichash_final(&state, digest, sizeof(digest));
    sodium_bin2hex(out, RECITE_CARD_UID_HEX, digest, sizeof(digest));
}

static size_t put_name(char out[][RECITE_TEMPLATE_NAME_MAX], size_t cap, size_t n,
                       const char *name)
{
    if (n < cap)
        snprintf(out[n], RECITE_TEMPLATE_NAME_MAX, "%s", name);
    return n + 1;
}

size_t recite_fact_templates(const struct recite_fact *fact,
                             char out[][RECITE_TEMPLATE_NAME_MAX], size_t cap)
{
    size_t n = 0;
    switch (fact->kind) {
    case RECITE_FACT_ACRONYM:
        n = put_name(out, cap, n, "short-long");
        n = put_name(out, cap, n, "long-short");
        n = put_name(out, cap, n, "short-long-choice");
        break;
    case RECITE_FACT_EVENT:
        n = put_name(out, cap, n, "what-when");
        n = put_name(out, cap, n, "when-what");
        n = put_name(out, cap, n, "order");
        break;
    case RECITE_FACT_SET:
        n = put_name(out, cap, n, "members");
        n = put_name(out, cap, n, "member-choice");
        n = put_name(out, cap, n, "member-truefalse");
        break;
    case RECITE_FACT_QUESTION:
        /* formats module: a question without answer (essay, description) is not askable */
        if (!recite_fact_field(fact, "answer"))
            break;
        n = put_name(out, cap, n, "typed");
        if (recite_fact_field(fact, "wrong"))
            n = put_name(out, cap, n, "choice");
        break;
    case RECITE_FACT_CLOZE: {
        const char *text = recite_fact_get(fact, "text");
        size_t count = text ? recite_cloze_count(text) : 0;
        for (size_t i = 0; i < count; i++) {
            char name[RECITE_TEMPLATE_NAME_MAX];
            snprintf(name, sizeof(name), "cloze-%zu", i + 1);
            n = put_name(out, cap, n, name);
        }
        break;
    }
    case RECITE_FACT_KIND_COUNT:
        break;
    }
    return n;
}

/* ---- card memory ---- */

void recite_card_release(struct recite_card *card)
{
    if (!card)
        return;
    free(card->fact_key);
    free(card->prompt);
    free(card->typed_prompt);
    for (size_t i = 0; i < card->accepted_count; i++)
        free(card->accepted[i]);
    free(card->accepted);
    for (size_t i = 0; i < card->option_count; i++)
        free(card->options[i]);
    free(card->options);
    free(card->order);
    for (size_t i = 0; i < card->member_count; i++) {
        for (size_t j = 0; j < card->members[i].alt_count; j++)
            free(card->members[i].alts[j]);
        free(card->members[i].alts);
    }
    free(card->members);
    free(card->explain);
    memset(card, 0, sizeof(*card));
}

void recite_cards_free(struct recite_card *cards, size_t count)
{
    if (!cards)
        return;
    for (size_t i = 0; i < count; i++)
        recite_card_release(&cards[i]);
    free(cards);
}

int card_add_accepted(struct recite_card *card, const char *text)
{
    return recite_strings_push(&card->accepted, &card->accepted_count, text);
}

int card_add_alts(struct recite_card *card, const struct recite_field *field)
{
    for (size_t i = 0; field && i < field->alt_count; i++)
        if (card_add_accepted(card, field->alts[i]) < 0)
            return RECITE_ENOMEM;
    return 0;
}

int card_add_option(struct recite_card *card, const char *text)
{
    return recite_strings_push(&card->options, &card->option_count, text);
}

int card_set_prompt(struct recite_card *card, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return RECITE_EINTERNAL;
    char *text = malloc((size_t)n + 1);
    if (!text)
        return RECITE_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
    free(card->prompt);
    card->prompt = text;
    return 0;
}

int card_set_typed_prompt(struct recite_card *card, const char *text)
{
    char *copy = recite_strdup(text);
    if (!copy)
        return RECITE_ENOMEM;
    free(card->typed_prompt);
    card->typed_prompt = copy;
    return 0;
}

/* ---- comparing answers for duplicates ---- */

bool same_text(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    utf8proc_uint8_t *fa = utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)a);
    utf8proc_uint8_t *fb = utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)b);
    bool same = fa && fb && strcmp((const char *)fa, (const char *)fb) == 0;
    free(fa);
    free(fb);
    return same;
}

char *fold_text(const char *text)
{
    /* ASCII folds to itself lower-cased (tests/core/test_facts.c checks it against utf8proc). */
    size_t n = 0;
    while (text[n] && (unsigned char)text[n] < 0x80)
        n++;
    if (text[n])
        return (char *)utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)text);
    char *out = malloc(n + 1);
    for (size_t i = 0; out && i <= n; i++)
        out[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i]);
    return out;
}

bool same_folded(const char *a, const char *a_folded, const char *b, const char *b_folded)
{
    return strcmp(a, b) == 0 || (a_folded && b_folded && strcmp(a_folded, b_folded) == 0);
}

/* ---- building ---- */

static int (*const kind_builders[RECITE_FACT_KIND_COUNT])(struct recite_card *,
                                                           const struct card_ctx *) = {
    [RECITE_FACT_ACRONYM] = cards_acronym, [RECITE_FACT_EVENT] = cards_event,
    [RECITE_FACT_SET] = cards_set,         [RECITE_FACT_QUESTION] = cards_question,
    [RECITE_FACT_CLOZE] = cards_cloze,
};

int card_build(struct recite_card *out, struct card_ctx *ctx, const char *bank_id, uint64_t seed,
               struct recite_error *err)
{
    const struct recite_fact *fact = ctx->fact;
    const char *template_name = ctx->template_name;
    memset(out, 0, sizeof(*out));
    char names[64][RECITE_TEMPLATE_NAME_MAX];
    size_t count = recite_fact_templates(fact, names, 64);
    bool known = false;
    for (size_t i = 0; i < count && i < 64; i++)
        known = known || strcmp(names[i], template_name) == 0;
    if (!known)
        return recite_error_set(err, RECITE_ENOTFOUND, "fact '%s' has no template '%s'",
                                fact->key, template_name);
    recite_card_uid(out->uid, bank_id, fact->key, template_name);
    snprintf(out->template_name, sizeof(out->template_name), "%s", template_name);
    out->fact_kind = fact->kind;
    out->fact_key = recite_strdup(fact->key);
    int rc = out->fact_key ? 0 : RECITE_ENOMEM;

    struct recite_rng rng;
    uint64_t salt = 0;
    sodium_hex2bin((unsigned char *)&salt, sizeof(salt), out->uid, 16, NULL, NULL, NULL);
    recite_rng_seed(&rng, seed ^ salt);

    ctx->rng = &rng;
    if (rc == 0)
        rc = kind_builders[fact->kind](out, ctx);
    ctx->rng = NULL;
    if (rc < 0) {
        recite_card_release(out);
        return recite_error_set(err, rc, "cannot build card '%s' of '%s'", template_name,
                                fact->key);
    }
    return 0;
}

int recite_card_build(struct recite_card *out, const struct recite_bank *bank,
                      const struct recite_fact *fact, const char *template_name, uint64_t seed,
                      struct recite_error *err)
{
    /* A fact of another bank is never among this bank's others. */
    uintptr_t at = (uintptr_t)fact, first = (uintptr_t)bank->facts;
    bool in_bank = bank->facts && at >= first && at < first + bank->fact_count * sizeof(*fact);
    struct card_ctx ctx = {
        .bank = bank,
        .fact = fact,
        .asked_ref = in_bank ? (int64_t)((at - first) / sizeof(*fact)) : -1,
        .template_name = template_name,
    };
    return card_build(out, &ctx, bank->id, seed, err);
}

int recite_bank_cards(struct recite_card **out, size_t *out_count, const struct recite_bank *bank,
                      uint64_t seed, struct recite_error *err)
{
    struct recite_card *cards = NULL;
    size_t n = 0;
    int rc = 0;
    *out = NULL;
    *out_count = 0;
    for (size_t i = 0; i < bank->fact_count && rc == 0; i++) {
        char names[64][RECITE_TEMPLATE_NAME_MAX];
        size_t count = recite_fact_templates(&bank->facts[i], names, 64);
        if (count > 64)
            count = 64;
        struct recite_card *grown = realloc(cards, (n + count + 1) * sizeof(*grown));
        if (!grown) {
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
            break;
        }
        cards = grown;
        for (size_t t = 0; t < count && rc == 0; t++) {
            rc = recite_card_build(&cards[n], bank, &bank->facts[i], names[t], seed, err);
            if (rc == 0)
                n++;
        }
    }
    if (rc < 0) {
        recite_cards_free(cards, n);
        return rc;
    }
    *out = cards;
    *out_count = n;
    return 0;
}
