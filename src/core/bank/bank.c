/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The .bank text format: a line-oriented parser that reports every problem
 * as LINE:COL and keeps going, so one lint run lists them all. The rules a
 * parsed fact must meet live in bank_rules.c and are shared with
 * recite_bank_validate(); the canonical writer is in bank_write.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "bank_internal.h"
#include "hash.h"
#include "recite/bank.h"
#include "recite/common.h"

/* Parser state: where the next line goes. */
enum parse_state {
    STATE_START,  /* before `bank ID` */
    STATE_HEADER, /* inside the header block */
    STATE_GAP,    /* after a blank line: the next line opens a block */
    STATE_BLOCK,  /* inside a fact block */
    STATE_SKIP,   /* inside a block whose opener was unusable */
};

/*
 * Keys seen so far, for duplicate detection in linear time: open addressing
 * over fact indexes (the facts array moves as it grows; indexes do not).
 */
struct key_table {
    size_t *slots; /* fact index + 1; 0 marks an empty slot */
    size_t cap;    /* a power of two */
    size_t count;
};

static uint64_t key_hash(const char *s)
{
    return recite_hash_text(s);
}

/* The index of the fact with key, or (size_t)-1. */
static size_t key_find(const struct key_table *t, const struct recite_bank *bank, const char *key)
{
    if (t->cap == 0)
        return (size_t)-1;
    for (size_t i = key_hash(key) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        if (t->slots[i] == 0)
            return (size_t)-1;
        if (strcmp(bank->facts[t->slots[i] - 1].key, key) == 0)
            return t->slots[i] - 1;
    }
}

static int key_insert(struct key_table *t, const struct recite_bank *bank, size_t index)
{
    if (2 * (t->count + 1) > t->cap) {
        struct key_table bigger = {.cap = t->cap ? 2 * t->cap : 64};
        bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
        if (!bigger.slots)
            return RECITE_ENOMEM;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i] && key_insert(&bigger, bank, t->slots[i] - 1) < 0)
                return RECITE_ENOMEM;
        free(t->slots);
        *t = bigger;
    }
    size_t i = key_hash(bank->facts[index].key) & (t->cap - 1);
    while (t->slots[i])
        i = (i + 1) & (t->cap - 1);
    t->slots[i] = index + 1;
    t->count++;
    return 0;
}

struct parser {
    struct recite_bank *bank;
    struct key_table keys;      /* keys of the facts parsed so far */
    struct recite_diags *diags; /* where problems go (never NULL: a local one if needed) */
    struct recite_fact *fact;   /* the open block, or NULL */
    const char *tried[8];       /* required fields of the block whose line was rejected */
    size_t tried_count;
    enum parse_state state;
    unsigned line;              /* current line number */
    const char *line_start;     /* current line's text */
    size_t line_len;
    bool oom;
};

static void report(struct parser *p, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void report(struct parser *p, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (bank_diag_vadd(p->diags, p->line, col, fmt, ap) < 0)
        p->oom = true;
    va_end(ap);
}

/* 1-based column (in code points) of byte offset off within the current line. */
static unsigned column_of(const struct parser *p, size_t off)
{
    return bank_column(p->line_start, off);
}

unsigned bank_column(const char *line, size_t off)
{
    unsigned col = 1;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            col++;
    return col;
}

/*
 * Checks that the line is valid UTF-8; reports the first bad byte with its
 * offset in the file. Returns false when the line must be skipped.
 */
static bool line_is_utf8(struct parser *p, size_t file_offset)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p->line_start;
    utf8proc_ssize_t left = (utf8proc_ssize_t)p->line_len;
    size_t i = 0;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, left, &cp);
        if (n < 0) {
            report(p, column_of(p, i), "invalid UTF-8 at byte offset %zu", file_offset + i);
            return false;
        }
        /* Control characters would reach the terminal through exports and prompts. */
        if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) {
            report(p, column_of(p, i), "control character U+%04X at byte offset %zu",
                   (unsigned)cp, file_offset + i);
            return false;
        }
        i += (size_t)n;
        left -= n;
    }
    return true;
}

static bool is_key_char(char c, bool first)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    return !first && (c == '.' || c == '_' || c == '-');
}

bool bank_is_key(const char *s, size_t len)
{
    if (len == 0 || len > RECITE_BANK_MAX_KEY)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!is_key_char(s[i], i == 0))
            return false;
    return true;
}

/* Length of the leading word (up to a space, tab or ':'). */
static size_t word_len(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && s[n] != ' ' && s[n] != '\t' && s[n] != ':')
        n++;
    return n;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/*
 * Splits `name: value` at the first ':'. On success *name_len and
 * *value_off are set (value_off points past the blanks after ':').
 */
static bool split_field(const char *s, size_t len, size_t *name_len, size_t *value_off)
{
    size_t n = 0;
    while (n < len && s[n] != ':' && s[n] != ' ' && s[n] != '\t')
        n++;
    if (n == 0 || n >= len || s[n] != ':')
        return false;
    *name_len = n;
    *value_off = skip_blanks(s, len, n + 1);
    return true;
}

/*
 * Unescapes and splits value (len bytes) into spellings at unescaped '|',
 * trimming each. Reports bad escapes and empty spellings. Returns false
 * on a problem (reported) or out of memory (p->oom).
 */
static bool split_value(struct parser *p, size_t value_off, struct recite_field *field)
{
    const char *s = p->line_start + value_off;
    size_t len = p->line_len - value_off;
    char *buf = malloc(len + 1);
    if (!buf) {
        p->oom = true;
        return false;
    }
    bool ok = true;
    size_t start = 0, n = 0, part_col_off = 0;
    for (size_t i = 0; i <= len && ok; i++) {
        if (i == len || s[i] == '|') {
            buf[n] = '\0';
            char *text = bank_trim_dup(buf + start, n - start);
            if (!text) {
                p->oom = true;
                ok = false;
            } else if (text[0] == '\0') {
                free(text);
                report(p, column_of(p, value_off + part_col_off), "empty spelling in '%s'",
                       field->name);
                ok = false;
            } else if (bank_field_add_alt(field, text) < 0) {
                free(text);
                p->oom = true;
                ok = false;
            }
            start = n;
            part_col_off = i + 1;
        } else if (s[i] == '\\') {
            if (i + 1 < len && (s[i + 1] == '|' || s[i + 1] == '\\')) {
                buf[n++] = s[++i];
            } else {
                report(p, column_of(p, value_off + i), "unknown escape '\\%c' (use '\\\\' or '\\|')",
                       i + 1 < len ? s[i + 1] : ' ');
                ok = false;
            }
        } else {
            buf[n++] = s[i];
        }
    }
    free(buf);
    return ok;
}

/* Opens the header on `bank ID`. */
static void parse_bank_line(struct parser *p)
{
    const char *s = p->line_start;
    size_t len = p->line_len;
    size_t w = word_len(s, len);
    if (w != 4 || memcmp(s, "bank", 4) != 0 || w >= len || s[w] != ' ') {
        report(p, 1, "expected 'bank ID' on the first line");
        p->state = STATE_HEADER;
        return;
    }
    size_t id_off = skip_blanks(s, len, w);
    size_t id_len = word_len(s + id_off, len - id_off);
    if (id_len > RECITE_BANK_MAX_KEY) {
        report(p, column_of(p, id_off), "bank id too long (%zu bytes, at most %d)", id_len,
               RECITE_BANK_MAX_KEY);
    } else if (!bank_is_key(s + id_off, id_len) || id_off + id_len != len) {
        report(p, column_of(p, id_off), "invalid bank id '%.*s'", (int)(len - id_off),
               s + id_off);
    } else {
        free(p->bank->id);
        p->bank->id = bank_dup(s + id_off, id_len);
        if (!p->bank->id)
            p->oom = true;
    }
    p->state = STATE_HEADER;
}

/* A single-valued text in a header or common field: one spelling. */
static char *single_value(struct parser *p, const char *name, size_t value_off)
{
    struct recite_field field = {.name = (char *)(uintptr_t)name};
    char *result = NULL;
    if (value_off >= p->line_len) {
        report(p, column_of(p, value_off), "empty value for '%s'", name);
        return NULL;
    }
    if (!split_value(p, value_off, &field))
        goto out;
    if (field.alt_count != 1) {
        report(p, column_of(p, value_off),
               "field '%s' takes a single value (escape '|' as '\\|')", name);
        goto out;
    }
    result = field.alts[0];
    field.alts[0] = NULL;
out:
    for (size_t i = 0; i < field.alt_count; i++)
        free(field.alts[i]);
    free(field.alts);
    return result;
}

static void set_once(struct parser *p, char **slot, bool *seen, const char *name,
                     size_t value_off)
{
    if (*seen) {
        report(p, 1, "duplicate field '%s'", name);
        return;
    }
    *seen = true;
    char *value = single_value(p, name, value_off);
    if (value) {
        free(*slot);
        *slot = value;
    }
}

struct header_seen {
    bool title, version, language;
};

static void parse_source_line(struct parser *p, size_t w)
{
    const char *s = p->line_start;
    size_t len = p->line_len;
    size_t id_off = skip_blanks(s, len, w);
    size_t id_len = word_len(s + id_off, len - id_off);
    if (id_off + id_len >= len || s[id_off + id_len] != ':') {
        report(p, column_of(p, id_off), "expected 'source ID: title'");
        return;
    }
    if (!bank_is_key(s + id_off, id_len)) {
        report(p, column_of(p, id_off), "invalid source id '%.*s'", (int)id_len, s + id_off);
        return;
    }
    for (size_t i = 0; i < p->bank->source_count; i++) {
        const struct recite_source *src = &p->bank->sources[i];
        if (strlen(src->id) == id_len && memcmp(src->id, s + id_off, id_len) == 0) {
            report(p, column_of(p, id_off), "duplicate source '%s' (first at line %u)", src->id,
                   src->line);
            return;
        }
    }
    size_t value_off = skip_blanks(s, len, id_off + id_len + 1);
    char *title = single_value(p, "source", value_off);
    char *id = bank_dup(s + id_off, id_len);
    if (!title || !id || bank_add_source_owned(p->bank, id, title, p->line) < 0) {
        if (title && id)
            p->oom = true;
        free(title);
        free(id);
    }
}

static void parse_header_line(struct parser *p, struct header_seen *seen)
{
    const char *s = p->line_start;
    size_t len = p->line_len;
    size_t w = word_len(s, len);
    if (w == 6 && memcmp(s, "source", 6) == 0 && w < len && s[w] == ' ') {
        parse_source_line(p, w);
        return;
    }
    size_t name_len, value_off;
    if (!split_field(s, len, &name_len, &value_off)) {
        report(p, 1, "expected 'field: value' in the bank header");
        return;
    }
    if (name_len == 5 && memcmp(s, "title", 5) == 0)
        set_once(p, &p->bank->title, &seen->title, "title", value_off);
    else if (name_len == 7 && memcmp(s, "version", 7) == 0)
        set_once(p, &p->bank->version, &seen->version, "version", value_off);
    else if (name_len == 8 && memcmp(s, "language", 8) == 0)
        set_once(p, &p->bank->language, &seen->language, "language", value_off);
    else
        report(p, 1, "unknown header field '%.*s'", (int)name_len, s);
}

/* Opens a block on `KIND KEY`. */
static void parse_opener(struct parser *p)
{
    const char *s = p->line_start;
    size_t len = p->line_len;
    size_t w = word_len(s, len);
    char kind_name[16] = "";
    if (w < sizeof(kind_name)) {
        memcpy(kind_name, s, w);
        kind_name[w] = '\0';
    }
    int kind = recite_fact_kind_from_name(kind_name);
    p->state = STATE_SKIP;
    if (w < len && s[w] == ':') {
        report(p, 1, "expected 'KIND KEY' to open a block, found field '%.*s'", (int)w, s);
        return;
    }
    if (kind < 0) {
        report(p, 1, "unknown kind '%.*s'", (int)w, s);
        return;
    }
    size_t key_off = skip_blanks(s, len, w);
    size_t key_len = word_len(s + key_off, len - key_off);
    if (key_off >= len) {
        report(p, column_of(p, len), "missing key after '%s'", kind_name);
        return;
    }
    if (key_len > RECITE_BANK_MAX_KEY) {
        report(p, column_of(p, key_off), "key too long (%zu bytes, at most %d)", key_len,
               RECITE_BANK_MAX_KEY);
        return;
    }
    if (!bank_is_key(s + key_off, key_len) || key_off + key_len != len) {
        report(p, column_of(p, key_off), "invalid key '%.*s'", (int)(len - key_off),
               s + key_off);
        return;
    }
    char *key = bank_dup(s + key_off, key_len);
    if (!key) {
        p->oom = true;
        return;
    }
    size_t twin = key_find(&p->keys, p->bank, key);
    if (twin != (size_t)-1) {
        report(p, column_of(p, key_off), "duplicate key '%s' (first at line %u)", key,
               p->bank->facts[twin].line);
        free(key);
        return;
    }
    if (bank_add_fact_owned(p->bank, (enum recite_fact_kind)kind, key, p->line, &p->fact) < 0) {
        free(key);
        p->oom = true;
        return;
    }
    if (key_insert(&p->keys, p->bank, p->bank->fact_count - 1) < 0) {
        p->oom = true;
        return;
    }
    p->state = STATE_BLOCK;
}

struct diag_sink_ctx {
    struct parser *p;
};

static void sink_to_parser(void *ctx, unsigned line, unsigned col, const char *msg)
{
    struct parser *p = ctx;
    unsigned saved = p->line;
    p->line = line;
    report(p, col, "%s", msg);
    p->line = saved;
}

/* Closes the open block: sorts its fields and checks the kind's rules. */
static void close_block(struct parser *p)
{
    if (p->state == STATE_BLOCK && p->fact) {
        bank_fact_sort_fields(p->fact);
        if (bank_check_fact(p->bank, p->fact, p->tried, p->tried_count, sink_to_parser, p) < 0)
            p->oom = true;
    }
    p->fact = NULL;
    p->tried_count = 0;
}

/* Each word of a tags: line must be key-shaped, so tags can be typed as filters. */
static void check_tags(struct parser *p, size_t value_off)
{
    const char *s = p->line_start;
    for (size_t i = value_off; i < p->line_len;) {
        size_t n = 0;
        while (i + n < p->line_len && s[i + n] != ' ' && s[i + n] != '\t')
            n++;
        if (n > 0 && !bank_is_key(s + i, n))
            report(p, column_of(p, i), "invalid tag '%.*s'", (int)n, s + i);
        i = skip_blanks(s, p->line_len, i + n);
    }
}

/* tags:, cite:, quote:, note: go into the fact itself. */
static void parse_common_field(struct parser *p, const char *name, size_t value_off)
{
    char *value = single_value(p, name, value_off);
    if (!value)
        return;
    if (bank_fact_set_common_owned(p->fact, name, value, p->line, column_of(p, value_off)) < 0)
        p->oom = true;
    else if (strcmp(name, "cite") == 0 && !recite_bank_find_source(p->bank, p->fact->cite_source))
        report(p, column_of(p, value_off), "unknown source '%s'", p->fact->cite_source);
    else if (strcmp(name, "tags") == 0)
        check_tags(p, value_off);
}

/* A field of the fact's kind, with its spellings. */
static void parse_kind_field(struct parser *p, const struct bank_field_rule *rule,
                             const char *name, size_t value_off)
{
    struct recite_field field = {.line = p->line, .col = column_of(p, value_off)};
    if (!(field.name = recite_strdup(name))) {
        p->oom = true;
        return;
    }
    bool ok = split_value(p, value_off, &field);
    if (ok && !rule->alternatives && field.alt_count > 1) {
        report(p, field.col, "field '%s' takes a single value (escape '|' as '\\|')", name);
        ok = false;
    }
    if (ok && bank_fact_adopt_field(p->fact, &field) < 0)
        p->oom = true;
    bank_field_release(&field); /* empty when adopted */
}

static void parse_fact_line(struct parser *p)
{
    const char *s = p->line_start;
    size_t len = p->line_len;
    size_t name_len, value_off;
    if (!split_field(s, len, &name_len, &value_off)) {
        report(p, 1, "expected 'field: value'");
        return;
    }
    char name[32];
    if (name_len >= sizeof(name)) {
        report(p, 1, "unknown field '%.*s' for kind '%s'", (int)name_len, s,
               recite_fact_kind_name(p->fact->kind));
        return;
    }
    memcpy(name, s, name_len);
    name[name_len] = '\0';
    const struct bank_field_rule *rule = bank_field_rule(p->fact->kind, name);
    if (!rule) {
        report(p, 1, "unknown field '%s' for kind '%s'", name,
               recite_fact_kind_name(p->fact->kind));
        return;
    }
    /* Once a line names a field, a rejected value is not also a missing field. */
    if (rule->required && p->tried_count < sizeof(p->tried) / sizeof(p->tried[0]))
        p->tried[p->tried_count++] = rule->name;
    if (value_off >= len) {
        report(p, column_of(p, value_off), "empty value for '%s'", name);
        return;
    }
    if (!rule->repeated && bank_fact_has_field(p->fact, name)) {
        report(p, 1, "duplicate field '%s'", name);
        return;
    }
    if (rule->common)
        parse_common_field(p, name, value_off);
    else
        parse_kind_field(p, rule, name, value_off);
}

/* One line, already known to be valid UTF-8 and not too long. */
static void parse_line(struct parser *p, struct header_seen *seen)
{
    bool blank = skip_blanks(p->line_start, p->line_len, 0) == p->line_len;
    if (blank) {
        if (p->state == STATE_BLOCK || p->state == STATE_SKIP)
            close_block(p);
        if (p->state != STATE_START)
            p->state = STATE_GAP;
        return;
    }
    if (p->line_start[0] == '#')
        return;
    if (p->line_start[0] == ' ' || p->line_start[0] == '\t') {
        report(p, 1, "line starts with white space");
        return;
    }
    switch (p->state) {
    case STATE_START:
        parse_bank_line(p);
        break;
    case STATE_HEADER:
        parse_header_line(p, seen);
        break;
    case STATE_GAP:
        parse_opener(p);
        break;
    case STATE_BLOCK:
        parse_fact_line(p);
        break;
    case STATE_SKIP:
        break;
    }
}

/* Walks text line by line. */
static void parse_text(struct parser *p, const char *text, size_t len)
{
    struct header_seen seen = {0};
    size_t pos = 0;
    /* A byte order mark is tolerated, never written. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len && !p->oom) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        p->line++;
        p->line_start = text + pos;
        p->line_len = end - pos;
        if (p->line_len > 0 && p->line_start[p->line_len - 1] == '\r')
            p->line_len--;
        while (p->line_len > 0 && (p->line_start[p->line_len - 1] == ' ' ||
                                   p->line_start[p->line_len - 1] == '\t'))
            p->line_len--;
        if (p->line_len > RECITE_BANK_MAX_LINE)
            report(p, RECITE_BANK_MAX_LINE + 1, "line too long (%zu bytes, at most %d)",
                   p->line_len, RECITE_BANK_MAX_LINE);
        else if (line_is_utf8(p, pos))
            parse_line(p, &seen);
        pos = end + 1;
    }
    if (p->state == STATE_BLOCK || p->state == STATE_SKIP)
        close_block(p);
    if (p->state == STATE_START && !p->oom) {
        p->line = p->line ? p->line : 1;
        report(p, 1, "expected 'bank ID' on the first line");
    }
}

/*
 * Puts the diagnostics from index from onwards in line order. Block checks
 * run when a block closes, so their reports arrive late, but never far
 * out of place: insertion sort is stable and near-linear here.
 */
static void sort_diags(struct recite_diags *diags, size_t from)
{
    for (size_t i = from + 1; i < diags->count; i++) {
        struct recite_diag moving = diags->items[i];
        size_t j = i;
        while (j > from && (diags->items[j - 1].line > moving.line ||
                            (diags->items[j - 1].line == moving.line &&
                             diags->items[j - 1].col > moving.col))) {
            diags->items[j] = diags->items[j - 1];
            j--;
        }
        diags->items[j] = moving;
    }
}

int recite_bank_parse(struct recite_bank **out, const char *text, size_t len,
                      struct recite_diags *diags, struct recite_error *err)
{
    struct recite_diags local = {0};
    struct parser p = {.diags = diags ? diags : &local};
    size_t before = p.diags->count;
    int rc = bank_new_empty(&p.bank);
    *out = NULL;
    if (rc < 0)
        return recite_error_set(err, rc, "out of memory");
    parse_text(&p, text, len);
    sort_diags(p.diags, before);
    if (p.oom) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    } else if (p.diags->count > before) {
        const struct recite_diag *first = &p.diags->items[before];
        rc = recite_error_set(err, RECITE_EDATA, "%zu problem%s, first at %u:%u: %s",
                              p.diags->count - before, p.diags->count - before == 1 ? "" : "s",
                              first->line, first->col, first->message);
    } else if (!p.bank->id) {
        rc = recite_error_set(err, RECITE_EDATA, "missing 'bank ID' line");
    }
    recite_diags_release(&local);
    free(p.keys.slots);
    if (rc < 0) {
        recite_bank_free(p.bank);
        return rc;
    }
    *out = p.bank;
    return 0;
}

int recite_bank_load(struct recite_bank **out, const char *path, struct recite_diags *diags,
                     struct recite_error *err)
{
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = bank_read_file(&text, &len, path, err);
    if (rc < 0)
        return rc;
    rc = recite_bank_parse(out, text, len, diags, err);
    free(text);
    return rc;
}
