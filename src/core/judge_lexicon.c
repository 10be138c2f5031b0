/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The names a bank knows, for the judge: every spelling of every acronym
 * and long form, set member and named non-member, question answer and wrong
 * option, and cloze answer, normalised once. A reply equal to one of them,
 * or nearer to one than to the answer, names that thing and is no typo.
 */
#include <stdlib.h>
#include <string.h>

#include "judge_internal.h"

#define FOLD_MAX 1024

static int add_name(struct recite_judge *judge, const char *text, size_t len, uint32_t group)
{
    if (judge->name_count == judge->name_cap) {
        size_t cap = judge->name_cap ? judge->name_cap * 2 : 256;
        struct lex_name *grown = realloc(judge->names, cap * sizeof(*grown));
        if (!grown)
            return RECITE_ENOMEM;
        judge->names = grown;
        judge->name_cap = cap;
    }
    struct lex_name *name = &judge->names[judge->name_count];
    if (norm_make(&name->norm, text, len, judge->language) < 0)
        return RECITE_ENOMEM;
    if (name->norm.len == 0) {
        norm_release(&name->norm);
        return 0;
    }
    name->group = group;
    judge->name_count++;
    return 0;
}

static int add_field(struct recite_judge *judge, const struct recite_field *field)
{
    uint32_t group = judge->group_count++;
    for (size_t i = 0; i < field->alt_count; i++) {
        int rc = add_name(judge, field->alts[i], strlen(field->alts[i]), group);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Each "{{a|b}}" deletion of a cloze text is one value with its spellings. */
static int add_cloze(struct recite_judge *judge, const char *text)
{
    for (const char *p = strstr(text, "{{"); p; p = strstr(p, "{{")) {
        const char *end = strstr(p + 2, "}}");
        if (!end)
            break;
        uint32_t group = judge->group_count++;
        for (const char *a = p + 2; a < end;) {
            size_t n = 0;
            while (a + n < end && a[n] != '|')
                n++;
            int rc = add_name(judge, a, n, group);
            if (rc < 0)
                return rc;
            a += n + 1;
        }
        p = end + 2;
    }
    return 0;
}

/* An acronym's short and long forms name one thing: one group. */
static int add_acronym(struct recite_judge *judge, const struct recite_fact *fact)
{
    uint32_t group = judge->group_count++;
    int rc = 0;
    if (!recite_fact_get(fact, "short"))
        rc = add_name(judge, fact->key, strlen(fact->key), group);
    for (size_t i = 0; rc == 0 && i < fact->field_count; i++) {
        const struct recite_field *f = &fact->fields[i];
        if (strcmp(f->name, "short") != 0 && strcmp(f->name, "long") != 0)
            continue;
        for (size_t k = 0; rc == 0 && k < f->alt_count; k++)
            rc = add_name(judge, f->alts[k], strlen(f->alts[k]), group);
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

int lexicon_ready(struct recite_judge *judge, struct recite_error *err)
{
    if (judge->filled || !judge->fill)
        return 0;
    judge->filled = true;
    return judge->fill(judge->fill_ctx, judge, err);
}

long lexicon_group_of(const struct recite_judge *judge, const char *text)
{
    for (size_t i = 0; i < judge->name_count; i++)
        if (strcmp(judge->names[i].norm.text, text) == 0)
            return (long)judge->names[i].group;
    return -1;
}

/* Is name one of the answer's own spellings, or the same up to spelling variants? */
static bool is_answer(const struct norm_text *name, const struct norm_text *answer,
                      size_t answer_count)
{
    char a[FOLD_MAX], b[FOLD_MAX];
    bool folded = words_fold_plural(a, sizeof(a), name->text);
    for (size_t i = 0; i < answer_count; i++) {
        if (strcmp(name->text, answer[i].text) == 0)
            return true;
        if (folded && words_fold_plural(b, sizeof(b), answer[i].text) && strcmp(a, b) == 0)
            return true;
    }
    return false;
}

bool lexicon_other_name(const struct recite_judge *judge, const struct norm_text *reply,
                        unsigned distance, const struct norm_text *answer, size_t answer_count,
                        const char **out)
{
    for (size_t i = 0; i < judge->name_count; i++) {
        const struct norm_text *name = &judge->names[i].norm;
        size_t gap = name->len > reply->len ? name->len - reply->len : reply->len - name->len;
        if (gap > distance)
            continue;
        if (norm_distance(reply, name, distance) > distance)
            continue;
        if (is_answer(name, answer, answer_count))
            continue;
        *out = name->text;
        return true;
    }
    return false;
}

int lexicon_others(const char ***out, size_t *out_count, const struct recite_judge *judge,
                   const struct norm_text *answer, size_t answer_count)
{
    *out = calloc(judge->name_count + 1, sizeof(**out));
    *out_count = 0;
    if (!*out)
        return RECITE_ENOMEM;
    for (size_t i = 0; i < judge->name_count; i++) {
        if (!is_answer(&judge->names[i].norm, answer, answer_count))
            (*out)[(*out_count)++] = judge->names[i].norm.text;
    }
    return 0;
}

bool lexicon_same_thing(const struct recite_judge *judge, const char *a, const char *b)
{
    for (size_t i = 0; i < judge->name_count; i++) {
        if (strcmp(judge->names[i].norm.text, a) != 0)
            continue;
        for (size_t k = 0; k < judge->name_count; k++)
            if (judge->names[k].group == judge->names[i].group &&
                strcmp(judge->names[k].norm.text, b) == 0)
                return true;
    }
    return false;
}
