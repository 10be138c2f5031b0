/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The in-memory bank: building, reading and freeing it, the field rules of
 * each kind, and the checks a fact must pass. The parser and
 * recite_bank_validate() share these checks, so a bank built in memory obeys
 * exactly the rules a file does.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/files.h"

#define KIND_BIT(k) (1u << (k))
#define ALL_KINDS ((1u << RECITE_FACT_KIND_COUNT) - 1)

static const char *const kind_names[RECITE_FACT_KIND_COUNT] = {
    "acronym", "event", "set", "question", "cloze",
};

/* name, kinds, required, repeated, alternatives, common, order */
static const struct bank_field_rule field_rules[] = {
    {"short", KIND_BIT(RECITE_FACT_ACRONYM), false, false, true, false, 0},
    {"long", KIND_BIT(RECITE_FACT_ACRONYM), true, false, true, false, 1},
    {"when", KIND_BIT(RECITE_FACT_EVENT), true, false, false, false, 0},
    {"what", KIND_BIT(RECITE_FACT_EVENT), true, false, false, false, 1},
    {"prompt", KIND_BIT(RECITE_FACT_SET), true, false, false, false, 0},
    {"ordered", KIND_BIT(RECITE_FACT_SET), false, false, false, false, 1},
    {"member", KIND_BIT(RECITE_FACT_SET), true, true, true, false, 2},
    {"nonmember", KIND_BIT(RECITE_FACT_SET), false, true, true, false, 3},
    {"ask", KIND_BIT(RECITE_FACT_QUESTION), true, false, false, false, 0},
    {"answer", KIND_BIT(RECITE_FACT_QUESTION), true, false, true, false, 1},
    {"wrong", KIND_BIT(RECITE_FACT_QUESTION), false, true, false, false, 2},
    {"explain", KIND_BIT(RECITE_FACT_QUESTION), false, false, false, false, 3},
    {"text", KIND_BIT(RECITE_FACT_CLOZE), true, false, false, false, 0},
    /*
     * Question fields of the interchange formats (formats module, docs/formats.md);
     * they share positions 4-7 (the writer's range) and keep their relative order.
     */
    /* A question's interchange type (below), or what a set's members are (a word). */
    {"type", KIND_BIT(RECITE_FACT_QUESTION) | KIND_BIT(RECITE_FACT_SET), false, false, false,
     false, 4},
    {"title", KIND_BIT(RECITE_FACT_QUESTION), false, false, false, false, 5},
    {"ref", KIND_BIT(RECITE_FACT_QUESTION), false, false, false, false, 5},
    {"category", KIND_BIT(RECITE_FACT_QUESTION), false, false, false, false, 5},
    {"format", KIND_BIT(RECITE_FACT_QUESTION), false, false, false, false, 5},
    {"blank", KIND_BIT(RECITE_FACT_QUESTION), false, false, false, false, 5},
    {"single", KIND_BIT(RECITE_FACT_QUESTION), false, false, false, false, 5},
    {"choice", KIND_BIT(RECITE_FACT_QUESTION), false, true, true, false, 6},
    {"number", KIND_BIT(RECITE_FACT_QUESTION), false, true, true, false, 6},
    {"pair", KIND_BIT(RECITE_FACT_QUESTION), false, true, true, false, 6},
    {"label", KIND_BIT(RECITE_FACT_QUESTION), false, true, false, false, 7},
    {"tags", ALL_KINDS, false, false, false, true, 100},
    {"cite", ALL_KINDS, false, false, false, true, 101},
    {"quote", ALL_KINDS, false, false, false, true, 102},
    {"note", ALL_KINDS, false, false, false, true, 103},
};

const char *recite_fact_kind_name(enum recite_fact_kind kind)
{
    if ((unsigned)kind >= RECITE_FACT_KIND_COUNT)
        return NULL;
    return kind_names[kind];
}

int recite_fact_kind_from_name(const char *name)
{
    for (int i = 0; i < RECITE_FACT_KIND_COUNT; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return i;
    return -1;
}

const struct bank_field_rule *bank_field_rule(enum recite_fact_kind kind, const char *name)
{
    for (size_t i = 0; i < sizeof(field_rules) / sizeof(field_rules[0]); i++)
        if ((field_rules[i].kinds & KIND_BIT(kind)) && strcmp(field_rules[i].name, name) == 0)
            return &field_rules[i];
    return NULL;
}

/* ---- strings and diagnostics ---- */

char *bank_dup(const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

char *bank_trim_dup(const char *s, size_t len)
{
    while (len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return bank_dup(s, len);
}

int bank_diag_vadd(struct recite_diags *diags, unsigned line, unsigned col, const char *fmt,
                   va_list ap)
{
    char buf[512];
    vsnprintf(buf, sizeof(buf), fmt, ap);
    struct recite_diag *items = realloc(diags->items, (diags->count + 1) * sizeof(*items));
    if (!items)
        return RECITE_ENOMEM;
    diags->items = items;
    char *message = recite_strdup(buf);
    if (!message)
        return RECITE_ENOMEM;
    items[diags->count++] = (struct recite_diag){.line = line, .col = col, .message = message};
    return 0;
}

int bank_diag_add(struct recite_diags *diags, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = bank_diag_vadd(diags, line, col, fmt, ap);
    va_end(ap);
    return rc;
}

void recite_diags_release(struct recite_diags *diags)
{
    if (!diags)
        return;
    for (size_t i = 0; i < diags->count; i++)
        free(diags->items[i].message);
    free(diags->items);
    diags->items = NULL;
    diags->count = 0;
}

int bank_read_file(char **out, size_t *out_len, const char *path, struct recite_error *err)
{
    return recite_file_read(out, out_len, path, PTRDIFF_MAX, err);
}

/* ---- building ---- */

static int grow(void **items, size_t count, size_t size)
{
    void *grown = realloc(*items, (count + 1) * size);
    if (!grown)
        return RECITE_ENOMEM;
    *items = grown;
    return 0;
}

int bank_new_empty(struct recite_bank **out)
{
    struct recite_bank *bank = calloc(1, sizeof(*bank));
    if (!bank)
        return RECITE_ENOMEM;
    bank->title = recite_strdup("");
    bank->version = recite_strdup("");
    bank->language = recite_strdup("en");
    bank->index = calloc(1, sizeof(*bank->index)); /* filled on first use */
    if (!bank->title || !bank->version || !bank->language || !bank->index) {
        recite_bank_free(bank);
        return RECITE_ENOMEM;
    }
    *out = bank;
    return 0;
}

int bank_add_source_owned(struct recite_bank *bank, char *id, char *title, unsigned line)
{
    if (grow((void **)&bank->sources, bank->source_count, sizeof(*bank->sources)) < 0)
        return RECITE_ENOMEM;
    bank->sources[bank->source_count++] =
        (struct recite_source){.id = id, .title = title, .line = line};
    return 0;
}

int bank_add_fact_owned(struct recite_bank *bank, enum recite_fact_kind kind, char *key,
                        unsigned line, struct recite_fact **out)
{
    /* Grow by doubling: banks of 100,000 facts are parsed in one go. */
    size_t n = bank->fact_count;
    if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
        size_t cap = n ? n * 2 : 8;
        struct recite_fact *grown = realloc(bank->facts, cap * sizeof(*grown));
        if (!grown)
            return RECITE_ENOMEM;
        bank->facts = grown;
    }
    struct recite_fact *fact = &bank->facts[bank->fact_count++];
    *fact = (struct recite_fact){.kind = kind, .key = key, .line = line};
    if (out)
        *out = fact;
    return 0;
}

int bank_field_add_alt(struct recite_field *field, char *alt)
{
    if (grow((void **)&field->alts, field->alt_count, sizeof(*field->alts)) < 0)
        return RECITE_ENOMEM;
    field->alts[field->alt_count++] = alt;
    return 0;
}

int bank_fact_adopt_field(struct recite_fact *fact, struct recite_field *field)
{
    if (grow((void **)&fact->fields, fact->field_count, sizeof(*fact->fields)) < 0)
        return RECITE_ENOMEM;
    fact->fields[fact->field_count++] = *field;
    memset(field, 0, sizeof(*field));
    return 0;
}

bool bank_fact_has_field(const struct recite_fact *fact, const char *name)
{
    if (strcmp(name, "tags") == 0)
        return fact->tag_count > 0;
    if (strcmp(name, "cite") == 0)
        return fact->cite_source != NULL;
    if (strcmp(name, "quote") == 0)
        return fact->quote != NULL;
    if (strcmp(name, "note") == 0)
        return fact->note != NULL;
    return recite_fact_field(fact, name) != NULL;
}

void bank_field_release(struct recite_field *field)
{
    free(field->name);
    for (size_t i = 0; i < field->alt_count; i++)
        free(field->alts[i]);
    free(field->alts);
    memset(field, 0, sizeof(*field));
}

static int set_tags(struct recite_fact *fact, const char *value)
{
    const char *p = value;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t n = strcspn(p, " \t");
        if (n == 0)
            break;
        char *tag = bank_dup(p, n);
        if (!tag || grow((void **)&fact->tags, fact->tag_count, sizeof(*fact->tags)) < 0) {
            free(tag);
            return RECITE_ENOMEM;
        }
        fact->tags[fact->tag_count++] = tag;
        p += n;
    }
    return 0;
}

static int set_cite(struct recite_fact *fact, const char *value)
{
    size_t n = strcspn(value, " \t");
    char *source = bank_dup(value, n);
    const char *rest = value + n;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    char *place = *rest ? recite_strdup(rest) : NULL;
    if (!source || (*rest && !place)) {
        free(source);
        free(place);
        return RECITE_ENOMEM;
    }
    free(fact->cite_source);
    free(fact->cite_place);
    fact->cite_source = source;
    fact->cite_place = place;
    return 0;
}

int bank_fact_set_common_owned(struct recite_fact *fact, const char *name, char *value,
                               unsigned line, unsigned col)
{
    (void)line;
    (void)col;
    int rc = 0;
    if (strcmp(name, "quote") == 0) {
        free(fact->quote);
        fact->quote = value;
        return 0;
    }
    if (strcmp(name, "note") == 0) {
        free(fact->note);
        fact->note = value;
        return 0;
    }
    if (strcmp(name, "tags") == 0)
        rc = set_tags(fact, value);
    else if (strcmp(name, "cite") == 0)
        rc = set_cite(fact, value);
    free(value);
    return rc;
}

/* A field's place in the canonical order of its kind's fields (unknown ones last). */
static int field_order(enum recite_fact_kind kind, const char *name)
{
    const struct bank_field_rule *rule = bank_field_rule(kind, name);
    return rule ? rule->order : 1000;
}

void bank_fact_sort_fields(struct recite_fact *fact)
{
    /* Insertion sort: stable, and blocks hold a handful of fields. */
    int orders[32]; /* each field's order, looked up once, when there are this few */
    if (fact->field_count <= sizeof(orders) / sizeof(orders[0])) {
        for (size_t i = 0; i < fact->field_count; i++)
            orders[i] = field_order(fact->kind, fact->fields[i].name);
        for (size_t i = 1; i < fact->field_count; i++) {
            struct recite_field moving = fact->fields[i];
            int order = orders[i];
            size_t j = i;
            while (j > 0 && orders[j - 1] > order) {
                fact->fields[j] = fact->fields[j - 1];
                orders[j] = orders[j - 1];
                j--;
            }
            fact->fields[j] = moving;
            orders[j] = order;
        }
        return;
    }
    for (size_t i = 1; i < fact->field_count; i++) {
        struct recite_field moving = fact->fields[i];
        const struct bank_field_rule *rule = bank_field_rule(fact->kind, moving.name);
        int order = rule ? rule->order : 1000;
        size_t j = i;
        while (j > 0) {
            const struct bank_field_rule *prev = bank_field_rule(fact->kind, fact->fields[j - 1].name);
            if ((prev ? prev->order : 1000) <= order)
                break;
            fact->fields[j] = fact->fields[j - 1];
            j--;
        }
        fact->fields[j] = moving;
    }
}

/* ---- public building API ---- */

int recite_bank_new(struct recite_bank **out, const char *id, struct recite_error *err)
{
    *out = NULL;
    struct recite_bank *bank = NULL;
    if (bank_new_empty(&bank) < 0 || !(bank->id = recite_strdup(id))) {
        if (bank)
            recite_bank_free(bank);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    *out = bank;
    return 0;
}

int recite_bank_add_source(struct recite_bank *bank, const char *id, const char *title,
                           struct recite_error *err)
{
    char *id_copy = recite_strdup(id);
    char *title_copy = recite_strdup(title);
    if (!id_copy || !title_copy || bank_add_source_owned(bank, id_copy, title_copy, 0) < 0) {
        free(id_copy);
        free(title_copy);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    return 0;
}

int recite_bank_add_fact(struct recite_bank *bank, enum recite_fact_kind kind, const char *key,
                         struct recite_fact **out, struct recite_error *err)
{
    char *copy = recite_strdup(key);
    if (!copy || bank_add_fact_owned(bank, kind, copy, 0, out) < 0) {
        free(copy);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    return 0;
}

int recite_fact_add_field(struct recite_fact *fact, const char *name, const char *const *alts,
                          size_t alt_count, struct recite_error *err)
{
    struct recite_field field = {.name = recite_strdup(name)};
    bool ok = field.name != NULL;
    for (size_t i = 0; ok && i < alt_count; i++) {
        char *alt = recite_strdup(alts[i]);
        ok = alt && bank_field_add_alt(&field, alt) == 0;
        if (!ok)
            free(alt);
    }
    if (!ok || bank_fact_adopt_field(fact, &field) < 0) {
        bank_field_release(&field);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    return 0;
}

int recite_fact_set_common(struct recite_fact *fact, const char *name, const char *value,
                           struct recite_error *err)
{
    const struct bank_field_rule *rule = bank_field_rule(fact->kind, name);
    if (!rule || !rule->common)
        return recite_error_set(err, RECITE_EUSAGE, "'%s' is not a common field", name);
    char *copy = recite_strdup(value);
    if (!copy || bank_fact_set_common_owned(fact, name, copy, 0, 0) < 0)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    return 0;
}

/* ---- reading ---- */

const struct recite_field *recite_fact_field(const struct recite_fact *fact, const char *name)
{
    for (size_t i = 0; i < fact->field_count; i++)
        if (strcmp(fact->fields[i].name, name) == 0)
            return &fact->fields[i];
    return NULL;
}

const char *recite_fact_get(const struct recite_fact *fact, const char *name)
{
    const struct recite_field *field = recite_fact_field(fact, name);
    return field && field->alt_count > 0 ? field->alts[0] : NULL;
}

size_t recite_fact_count(const struct recite_fact *fact, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < fact->field_count; i++)
        if (strcmp(fact->fields[i].name, name) == 0)
            n++;
    return n;
}

const struct recite_fact *recite_bank_find_fact(const struct recite_bank *bank, const char *key)
{
    /* Once cards were built from the bank its index answers; before, a walk. */
    const struct recite_fact *found;
    if (bank_index_find_key(bank, key, &found))
        return found;
    for (size_t i = 0; i < bank->fact_count; i++)
        if (strcmp(bank->facts[i].key, key) == 0)
            return &bank->facts[i];
    return NULL;
}

const struct recite_source *recite_bank_find_source(const struct recite_bank *bank,
                                                    const char *id)
{
    for (size_t i = 0; i < bank->source_count; i++)
        if (strcmp(bank->sources[i].id, id) == 0)
            return &bank->sources[i];
    return NULL;
}

bool recite_fact_has_tag(const struct recite_fact *fact, const char *tag)
{
    for (size_t i = 0; i < fact->tag_count; i++)
        if (strcmp(fact->tags[i], tag) == 0)
            return true;
    return false;
}

/* ---- freeing ---- */

void bank_fact_release(struct recite_fact *fact)
{
    free(fact->key);
    for (size_t i = 0; i < fact->field_count; i++)
        bank_field_release(&fact->fields[i]);
    free(fact->fields);
    for (size_t i = 0; i < fact->tag_count; i++)
        free(fact->tags[i]);
    free(fact->tags);
    free(fact->cite_source);
    free(fact->cite_place);
    free(fact->quote);
    free(fact->note);
}

void recite_bank_free(struct recite_bank *bank)
{
    if (!bank)
        return;
    free(bank->id);
    free(bank->title);
    free(bank->version);
    free(bank->language);
    for (size_t i = 0; i < bank->source_count; i++) {
        free(bank->sources[i].id);
        free(bank->sources[i].title);
    }
    free(bank->sources);
    for (size_t i = 0; i < bank->fact_count; i++)
        bank_fact_release(&bank->facts[i]);
    free(bank->facts);
    bank_index_free(bank->index);
    free(bank);
}
