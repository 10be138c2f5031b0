/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A stored fact body (the JSON object bank_import.c writes: field name to
 * a list of spellings lists, quote and note as strings) read straight into
 * a fact. It is read for every fact a session looks at, so it is parsed
 * here in one pass rather than built as a jansson tree first; it accepts
 * what jansson's decoder accepts for such a body (strict JSON, valid UTF-8,
 * no \u0000) and refuses the rest with RECITE_EDATA.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "recite/bank.h"
#include "recite/buf.h"
#include "recite/common.h"
#include "study_internal.h"

#define MAX_DEPTH 2048 /* jansson's nesting limit */

struct body {
    const char *p;          /* the next byte */
    struct recite_buf text; /* the last string read, NUL-terminated */
    /* The fields read, in order: the fact takes them at the end, in one allocation. */
    struct recite_field *fields;
    size_t field_count, field_cap;
};

static void skip_space(struct body *b)
{
    while (*b->p == ' ' || *b->p == '\t' || *b->p == '\n' || *b->p == '\r')
        b->p++;
}

/* Four hex digits at p into *out; false when they are not. */
static bool hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16;
        if (d == 16)
            return false;
        v = v * 16 + d;
    }
    *out = v;
    return true;
}

/* The length of the valid UTF-8 sequence at p (not ASCII); 0 when it is not one. */
static size_t utf8_length(const unsigned char *p)
{
    unsigned c = p[0];
    size_t n = c >= 0xc2 && c <= 0xdf   ? 2
               : c >= 0xe0 && c <= 0xef ? 3
               : c >= 0xf0 && c <= 0xf4 ? 4
                                        : 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) || (c == 0xf0 && p[1] < 0x90) ||
        (c == 0xf4 && p[1] > 0x8f))
        return 0; /* overlong, a surrogate, past U+10FFFF */
    return n;
}

static int put_code_point(struct recite_buf *text, unsigned cp)
{
    char out[4];
    size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (n == 1) {
        out[0] = (char)cp;
    } else {
        for (size_t i = n - 1; i > 0; i--, cp >>= 6)
            out[i] = (char)(0x80 | (cp & 0x3f));
        out[0] = (char)((n == 2 ? 0xc0 : n == 3 ? 0xe0 : 0xf0) | cp);
    }
    return recite_buf_add(text, out, n);
}

/* A \u escape (p after the u) as a code point; surrogates come in pairs. */
static int read_escape_u(struct body *b, unsigned *out)
{
    unsigned cp, low;
    if (!hex4(b->p, &cp))
        return RECITE_EDATA;
    b->p += 4;
    if (cp >= 0xdc00 && cp <= 0xdfff)
        return RECITE_EDATA;
    if (cp >= 0xd800 && cp <= 0xdbff) {
        if (b->p[0] != '\\' || b->p[1] != 'u' || !hex4(b->p + 2, &low) || low < 0xdc00 ||
            low > 0xdfff)
            return RECITE_EDATA;
        b->p += 6;
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
    }
    if (cp == 0)
        return RECITE_EDATA; /* jansson refuses NUL in strings */
    *out = cp;
    return 0;
}

static int read_escape(struct body *b)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    char c = *b->p++;
    const char *at = c ? strchr(from, c) : NULL;
    if (at)
        return recite_buf_add(&b->text, &to[at - from], 1);
    unsigned cp;
    int rc = c == 'u' ? read_escape_u(b, &cp) : RECITE_EDATA;
    return rc < 0 ? rc : put_code_point(&b->text, cp);
}

/* A string (at its opening quote) into b->text. */
static int read_string(struct body *b)
{
    if (*b->p != '"')
        return RECITE_EDATA;
    b->p++;
    b->text.len = 0;
    for (;;) {
        const char *run = b->p;
        while ((unsigned char)*b->p >= 0x20 && (unsigned char)*b->p < 0x80 && *b->p != '"' &&
               *b->p != '\\')
            b->p++;
        int rc = recite_buf_add(&b->text, run, (size_t)(b->p - run));
        unsigned char c = (unsigned char)*b->p;
        size_t n = c >= 0x80 ? utf8_length((const unsigned char *)b->p) : 0;
        if (rc < 0)
            return rc;
        if (c == '"') {
            b->p++;
            return recite_buf_add(&b->text, "", 0) < 0 ? RECITE_ENOMEM : 0;
        }
        if (c == '\\') {
            b->p++;
            if ((rc = read_escape(b)) < 0)
                return rc;
        } else if (n) {
            if ((rc = recite_buf_add(&b->text, b->p, n)) < 0)
                return rc;
            b->p += n;
        } else {
            return RECITE_EDATA; /* a control character, bad UTF-8 or the end */
        }
    }
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int skip_number(struct body *b)
{
    const char *p = b->p + (*b->p == '-');
    if (*p == '0')
        p++;
    else if (is_digit(*p))
        while (is_digit(*p))
            p++;
    else
        return RECITE_EDATA;
    if (*p == '.') {
        if (!is_digit(*++p))
            return RECITE_EDATA;
        while (is_digit(*p))
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p += p[1] == '+' || p[1] == '-' ? 2 : 1;
        if (!is_digit(*p))
            return RECITE_EDATA;
        while (is_digit(*p))
            p++;
    }
    b->p = p;
    return 0;
}

static int skip_value(struct body *b, int depth);

/* The members or elements of an object or array (at its opening bracket). */
static int skip_container(struct body *b, int depth)
{
    bool object = *b->p == '{';
    char close = object ? '}' : ']';
    if (depth > MAX_DEPTH)
        return RECITE_EDATA;
    b->p++;
    skip_space(b);
    if (*b->p == close) {
        b->p++;
        return 0;
    }
    for (;;) {
        int rc = 0;
        if (object) {
            if ((rc = read_string(b)) < 0)
                return rc;
            skip_space(b);
            if (*b->p++ != ':')
                return RECITE_EDATA;
        }
        if ((rc = skip_value(b, depth + 1)) < 0)
            return rc;
        skip_space(b);
        char c = *b->p++;
        if (c == close)
            return 0;
        if (c != ',')
            return RECITE_EDATA;
        skip_space(b);
    }
}

static int skip_value(struct body *b, int depth)
{
    skip_space(b);
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (strncmp(b->p, words[i], n) == 0) {
            b->p += n;
            return 0;
        }
    }
    if (*b->p == '"')
        return read_string(b);
    if (*b->p == '{' || *b->p == '[')
        return skip_container(b, depth);
    return skip_number(b);
}

/* Frees the n spellings of alts and, unless it is on the stack, alts itself. */
static void spellings_free(char **alts, size_t n, char **stack)
{
    for (size_t i = 0; i < n; i++)
        free(alts[i]);
    if (alts != stack)
        free(alts);
}

/*
 * One list of spellings (a non-empty array of strings) as a field called
 * name, into b->fields. The spellings are gathered first, so the field's
 * list is allocated once, at its size.
 */
static int read_spellings(struct body *b, const char *name)
{
    skip_space(b);
    if (*b->p != '[')
        return RECITE_EDATA;
    b->p++;
    skip_space(b);
    if (*b->p == ']')
        return RECITE_EDATA; /* a field has a spelling */
    char *stack[8];
    char **alts = stack;
    size_t n = 0, cap = sizeof(stack) / sizeof(stack[0]);
    int rc = 0;
    while (rc == 0) {
        skip_space(b);
        if ((rc = read_string(b)) < 0)
            break;
        if (n == cap) {
            char **grown = alts == stack ? malloc(2 * cap * sizeof(*alts))
                                         : realloc(alts, 2 * cap * sizeof(*alts));
            if (!grown) {
                rc = RECITE_ENOMEM;
                break;
            }
            if (alts == stack)
                memcpy(grown, stack, sizeof(stack));
            alts = grown;
            cap *= 2;
        }
        if (!(alts[n] = recite_strdup(b->text.data))) {
            rc = RECITE_ENOMEM;
            break;
        }
        n++;
        skip_space(b);
        char c = *b->p++;
        if (c == ']')
            break;
        if (c != ',')
            rc = RECITE_EDATA;
    }
    struct recite_field field = {0};
    if (rc == 0 && (!(field.name = recite_strdup(name)) ||
                    !(field.alts = malloc(n * sizeof(*field.alts)))))
        rc = RECITE_ENOMEM;
    if (rc < 0) {
        spellings_free(alts, n, stack);
        bank_field_release(&field);
        return rc;
    }
    memcpy(field.alts, alts, n * sizeof(*alts));
    field.alt_count = n;
    if (alts != stack)
        free(alts);
    if (recite_grow((void **)&b->fields, &b->field_cap, b->field_count + 1, sizeof(*b->fields)) <
        0) {
        bank_field_release(&field);
        return RECITE_ENOMEM;
    }
    b->fields[b->field_count++] = field;
    return 0;
}

/* The lists of spellings of field name (an array of them) into b->fields. */
static int read_field(struct body *b, const char *name)
{
    skip_space(b);
    if (*b->p++ != '[')
        return RECITE_EDATA;
    skip_space(b);
    if (*b->p == ']') {
        b->p++;
        return 0;
    }
    for (;;) {
        int rc = read_spellings(b, name);
        if (rc < 0)
            return rc;
        skip_space(b);
        char c = *b->p++;
        if (c == ']')
            return 0;
        if (c != ',')
            return RECITE_EDATA;
    }
}

/* Sets common field name from value unless it is empty (as the parser leaves it). */
static int set_common(struct recite_fact *fact, const char *name, const char *value)
{
    if (!*value)
        return 0;
    char *copy = recite_strdup(value);
    return copy ? bank_fact_set_common_owned(fact, name, copy, 0, 0) : RECITE_ENOMEM;
}

/* One member of the body (at its name) into fact. */
static int read_member(struct body *b, struct recite_fact *fact)
{
    int rc = read_string(b);
    if (rc < 0)
        return rc;
    /* The name outlives b->text, which the value is read into: copied, on the stack when short. */
    char short_name[32];
    char *name = b->text.len < sizeof(short_name)
                     ? memcpy(short_name, b->text.data, b->text.len + 1)
                     : recite_strdup(b->text.data);
    if (!name)
        return RECITE_ENOMEM;
    skip_space(b);
    if (*b->p++ != ':') {
        rc = RECITE_EDATA;
    } else if (strcmp(name, "quote") == 0 || strcmp(name, "note") == 0) {
        skip_space(b);
        if ((rc = read_string(b)) == 0)
            rc = set_common(fact, name, b->text.data);
    } else {
        /* What the canonical text leaves out, a parsed bank does not have. */
        const struct bank_field_rule *rule = bank_field_rule(fact->kind, name);
        rc = !rule || rule->common ? skip_value(b, 2) : read_field(b, name);
    }
    if (name != short_name)
        free(name);
    return rc;
}

static int read_body(struct body *b, struct recite_fact *fact)
{
    skip_space(b);
    if (*b->p++ != '{')
        return RECITE_EDATA;
    skip_space(b);
    if (*b->p == '}') {
        b->p++;
    } else {
        for (;;) {
            int rc = read_member(b, fact);
            if (rc < 0)
                return rc;
            skip_space(b);
            char c = *b->p++;
            if (c == '}')
                break;
            if (c != ',')
                return RECITE_EDATA;
            skip_space(b);
        }
    }
    skip_space(b);
    return *b->p ? RECITE_EDATA : 0; /* nothing may follow the object */
}

int fact_body_read(struct recite_fact *fact, const char *text)
{
    struct body b = {.p = text};
    int rc = read_body(&b, fact);
    recite_buf_free(&b.text);
    size_t n = b.field_count;
    if (rc == 0 && n > 0) {
        struct recite_field *fields =
            realloc(fact->fields, (fact->field_count + n) * sizeof(*fact->fields));
        if (fields) {
            memcpy(fields + fact->field_count, b.fields, n * sizeof(*fields));
            fact->fields = fields;
            fact->field_count += n;
            n = 0; /* the fact owns them */
        } else {
            rc = RECITE_ENOMEM;
        }
    }
    for (size_t i = 0; i < n; i++)
        bank_field_release(&b.fields[i]);
    free(b.fields);
    return rc;
}
