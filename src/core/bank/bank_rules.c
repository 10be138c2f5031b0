/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rules a fact must meet beyond its syntax: required fields, dates,
 * set flags, cloze deletions, tag words, declared sources. Used by the
 * parser (with line numbers) and by recite_bank_validate() (for banks built
 * in memory), so both accept exactly the same banks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "bank_internal.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "strmap.h"

bool bank_cloze_span(const char *text, size_t index, size_t *start, size_t *len)
{
    const char *p = text;
    for (size_t i = 0;; i++) {
        const char *open = strstr(p, "{{");
        if (!open)
            return false;
        const char *close = strstr(open + 2, "}}");
        if (!close)
            return false;
        if (i == index) {
            *start = (size_t)(open + 2 - text);
            *len = (size_t)(close - open - 2);
            return true;
        }
        p = close + 2;
    }
}

size_t recite_cloze_count(const char *text)
{
    size_t start, len, n = 0;
    while (bank_cloze_span(text, n, &start, &len))
        n++;
    return n;
}

struct checker {
    bank_sink_fn sink;
    void *ctx;
};

static void problem(const struct checker *c, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(const struct checker *c, unsigned line, unsigned col, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    c->sink(c->ctx, line, col, msg);
}

/* Reports each deletion problem of a cloze text: nesting, unclosed, empty. */
static void check_cloze(const struct checker *c, const struct recite_field *field)
{
    const char *text = field->alts[0];
    size_t count = 0;
    const char *p = text;
    for (;;) {
        const char *open = strstr(p, "{{");
        const char *stray = strstr(p, "}}");
        if (stray && (!open || stray < open)) {
            problem(c, field->line, field->col, "'}}' without '{{' in cloze text");
            return;
        }
        if (!open)
            break;
        const char *close = strstr(open + 2, "}}");
        const char *nested = strstr(open + 2, "{{");
        if (!close || (nested && nested < close)) {
            problem(c, field->line, field->col, "unclosed '{{' in cloze text");
            return;
        }
        size_t i = (size_t)(open + 2 - text);
        while (text[i] == ' ' && text + i < close)
            i++;
        if (text + i == close) {
            problem(c, field->line, field->col, "empty deletion '{{}}' in cloze text");
            return;
        }
        count++;
        p = close + 2;
    }
    if (count == 0)
        problem(c, field->line, field->col, "cloze text has no '{{...}}' deletion");
    else if (count > RECITE_CLOZE_MAX)
        problem(c, field->line, field->col, "cloze text has %zu deletions, at most %d", count,
                RECITE_CLOZE_MAX);
}

static void check_field(const struct checker *c, const struct recite_fact *fact,
                        const struct recite_field *field)
{
    struct recite_error err;
    if (strcmp(field->name, "when") == 0) {
        struct recite_date date;
        if (recite_date_parse(&date, field->alts[0], &err) < 0)
            problem(c, field->line, field->col, "%s", err.msg);
    } else if (strcmp(field->name, "ordered") == 0) {
        if (strcmp(field->alts[0], "yes") != 0 && strcmp(field->alts[0], "no") != 0)
            problem(c, field->line, field->col, "'ordered' must be 'yes' or 'no', not '%s'",
                    field->alts[0]);
    } else if (strcmp(field->name, "text") == 0 && fact->kind == RECITE_FACT_CLOZE) {
        check_cloze(c, field);
    } else if (strcmp(field->name, "type") == 0 && fact->kind == RECITE_FACT_SET) {
        const char *t = field->alts[0];
        bool word = t[0] != '\0';
        for (const char *p = t; *p && word; p++)
            word = (*p >= 'a' && *p <= 'z') || (*p == '-' && p != t);
        if (!word)
            problem(c, field->line, field->col,
                    "a set's 'type' is one lowercase word naming what its members are "
                    "(country, organisation, treaty, person...), not '%s'",
                    t);
    }
}

/*
 * Formats module: an essay or description question (`type: essay` or
 * `type: description`, imported from GIFT) has no answer; it is kept but
 * not askable.
 */
static bool unaskable_exempt(const struct recite_fact *fact, const char *name)
{
    const char *type = recite_fact_get(fact, "type");
    return fact->kind == RECITE_FACT_QUESTION && strcmp(name, "answer") == 0 && type &&
           (strcmp(type, "essay") == 0 || strcmp(type, "description") == 0);
}

/*
 * A spelling as answers are compared: NFKC case folded. ASCII, by far the
 * common case, folds to lower case without a trip through utf8proc.
 * Caller frees with free().
 */
char *bank_fold_spelling(const char *text)
{
    size_t n = strlen(text);
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)text[i] < 0x80;
    if (!ascii)
        return (char *)utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)text);
    char *copy = malloc(n + 1);
    for (size_t i = 0; copy && i <= n; i++)
        copy[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i]);
    return copy;
}

struct folded {
    const struct recite_field *field; /* the field the spelling belongs to */
    const char *spelling;             /* as written */
    char *text;                       /* folded */
};

/* The folded spellings of the fields called one of names[2], in field order. */
static struct folded *fold_fields(const struct recite_fact *fact, const char *const names[2],
                                  size_t *out_count)
{
    size_t total = 0, n = 0;
    for (size_t i = 0; i < fact->field_count; i++)
        total += fact->fields[i].alt_count;
    struct folded *all = calloc(total + 1, sizeof(*all));
    for (size_t i = 0; all && i < fact->field_count; i++) {
        const struct recite_field *field = &fact->fields[i];
        if (strcmp(field->name, names[0]) != 0 && strcmp(field->name, names[1]) != 0)
            continue;
        for (size_t a = 0; a < field->alt_count; a++)
            all[n++] = (struct folded){field, field->alts[a], bank_fold_spelling(field->alts[a])};
    }
    *out_count = n;
    return all;
}

/* Up to this many spellings are compared one by one rather than through a map. */
#define FEW_SPELLINGS 32

/*
 * The first of all[0..i) with the folded text of all[i], into *j: found in
 * first (folded text -> its first entry) or, for n of FEW_SPELLINGS or
 * fewer, by comparing them in order, which finds the same entry.
 */
static bool first_entry(const struct strmap *first, const struct folded *all, size_t i, size_t n,
                        size_t *j)
{
    if (n > FEW_SPELLINGS)
        return strmap_get(first, all[i].text, j);
    for (size_t k = 0; k < i; k++) {
        if (strcmp(all[k].text, all[i].text) == 0) {
            *j = k;
            return true;
        }
    }
    return false;
}

/*
 * A set's members and non-members, and a question's answers and wrong
 * options, must not share a spelling: the same text would be both right
 * and wrong, or a member counted twice. Returns RECITE_ENOMEM or 0.
 */
static int check_overlaps(const struct checker *c, const struct recite_fact *fact)
{
    static const char *const set_names[2] = {"member", "nonmember"};
    static const char *const question_names[2] = {"answer", "wrong"};
    const char *const *names = fact->kind == RECITE_FACT_SET        ? set_names
                               : fact->kind == RECITE_FACT_QUESTION ? question_names
                                                                    : NULL;
    if (!names)
        return 0;
    size_t n = 0;
    struct folded *all = fold_fields(fact, names, &n);
    struct strmap first = {0}; /* folded spelling -> its first entry */
    bool oom = !all;
    const struct recite_field *reported = NULL;
    for (size_t i = 0; !oom && i < n; i++) {
        size_t j = 0;
        if (!(oom = !all[i].text) && first_entry(&first, all, i, n, &j)) {
            /*
             * Entries come field by field, so the first entry of a spelling
             * is the earliest one of another field, if any is.
             */
            if (all[j].field == all[i].field || all[i].field == reported)
                continue;
            problem(c, all[i].field->line, all[i].field->col,
                    "'%s' is also a spelling in the '%s' at line %u", all[i].spelling,
                    all[j].field->name, all[j].field->line);
            reported = all[i].field; /* one report per field */
        } else if (!oom && n > FEW_SPELLINGS) {
            oom = strmap_put(&first, all[i].text, i) < 0;
        }
    }
    strmap_release(&first);
    for (size_t i = 0; all && i < n; i++)
        free(all[i].text);
    free(all);
    return oom ? RECITE_ENOMEM : 0;
}

/* Fields required by the kind, absent from the fact and not already reported. */
static void check_required(const struct checker *c, const struct recite_fact *fact,
                           const char *const *tried, size_t tried_count)
{
    static const char *const required[RECITE_FACT_KIND_COUNT][3] = {
        [RECITE_FACT_ACRONYM] = {"long"},
        [RECITE_FACT_EVENT] = {"when", "what"},
        [RECITE_FACT_SET] = {"prompt", "member"},
        [RECITE_FACT_QUESTION] = {"ask", "answer"},
        [RECITE_FACT_CLOZE] = {"text"},
    };
    for (size_t i = 0; i < 3 && required[fact->kind][i]; i++) {
        const char *name = required[fact->kind][i];
        bool reported = false;
        for (size_t j = 0; j < tried_count && !reported; j++)
            reported = strcmp(tried[j], name) == 0;
        if (!reported && !recite_fact_field(fact, name) && !unaskable_exempt(fact, name))
            problem(c, fact->line, 1, "%s '%s' lacks required field '%s'",
                    recite_fact_kind_name(fact->kind), fact->key, name);
    }
}

int bank_check_fact(const struct recite_bank *bank, const struct recite_fact *fact,
                    const char *const *tried, size_t tried_count, bank_sink_fn sink, void *ctx)
{
    (void)bank;
    struct checker c = {sink, ctx};
    check_required(&c, fact, tried, tried_count);
    for (size_t i = 0; i < fact->field_count; i++)
        check_field(&c, fact, &fact->fields[i]);
    if (check_overlaps(&c, fact) < 0)
        return RECITE_ENOMEM;
    /* The parser checks tags on their own line, where it can point at the word. */
    for (size_t i = 0; fact->line == 0 && i < fact->tag_count; i++)
        if (!bank_is_key(fact->tags[i], strlen(fact->tags[i])))
            problem(&c, 0, 0, "invalid tag '%s' in %s", fact->tags[i], fact->key);
    return 0;
}

/* ---- validating a bank built in memory ---- */

struct validate_ctx {
    struct recite_diags *diags;
    bool oom;
    size_t problems;
};

static void sink_to_diags(void *ctx, unsigned line, unsigned col, const char *msg)
{
    struct validate_ctx *v = ctx;
    v->problems++;
    if (v->diags && bank_diag_add(v->diags, line, col, "%s", msg) < 0)
        v->oom = true;
}

static void validate_fields(struct validate_ctx *v, const struct recite_fact *fact)
{
    for (size_t i = 0; i < fact->field_count; i++) {
        const struct recite_field *field = &fact->fields[i];
        const struct bank_field_rule *rule = bank_field_rule(fact->kind, field->name);
        if (!rule || rule->common) {
            sink_to_diags(v, field->line, 1, "unknown field for its kind");
            continue;
        }
        if (field->alt_count == 0 || (!rule->alternatives && field->alt_count > 1))
            sink_to_diags(v, field->line, 1, "field has the wrong number of values");
        for (size_t j = 0; j < field->alt_count; j++)
            if (!field->alts[j][0] || strchr(field->alts[j], '\n'))
                sink_to_diags(v, field->line, 1, "empty or multi-line value");
        if (!rule->repeated && recite_fact_field(fact, field->name) != field)
            sink_to_diags(v, field->line, 1, "duplicate field");
    }
}

int recite_bank_validate(const struct recite_bank *bank, struct recite_diags *diags,
                         struct recite_error *err)
{
    struct validate_ctx v = {.diags = diags};
    struct strmap keys = {0};
    if (!bank->id || !bank_is_key(bank->id, strlen(bank->id)))
        sink_to_diags(&v, 0, 0, "invalid bank id");
    for (size_t i = 0; i < bank->fact_count && !v.oom; i++) {
        const struct recite_fact *fact = &bank->facts[i];
        char msg[300];
        int added = 0;
        if (strlen(fact->key) > RECITE_BANK_MAX_KEY) {
            snprintf(msg, sizeof(msg), "key too long (%zu bytes, at most %d)", strlen(fact->key),
                     RECITE_BANK_MAX_KEY);
            sink_to_diags(&v, fact->line, 1, msg);
        } else if (!bank_is_key(fact->key, strlen(fact->key))) {
            snprintf(msg, sizeof(msg), "invalid key '%.200s'", fact->key);
            sink_to_diags(&v, fact->line, 1, msg);
        } else if ((added = strmap_put(&keys, fact->key, i)) < 0) {
            v.oom = true;
        } else if (added == 0) {
            snprintf(msg, sizeof(msg), "duplicate key '%s'", fact->key);
            sink_to_diags(&v, fact->line, 1, msg);
        }
        if (fact->cite_source && !recite_bank_find_source(bank, fact->cite_source)) {
            snprintf(msg, sizeof(msg), "unknown source '%s'", fact->cite_source);
            sink_to_diags(&v, fact->line, 1, msg);
        }
        validate_fields(&v, fact);
        bank_check_fact(bank, fact, NULL, 0, sink_to_diags, &v);
    }
    strmap_release(&keys);
    if (v.oom)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if (v.problems)
        return recite_error_set(err, RECITE_EDATA, "bank '%s' has %zu problem%s",
                                bank->id ? bank->id : "", v.problems, v.problems == 1 ? "" : "s");
    return 0;
}
