/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Anki packages (.apkg, .colpkg) into a bank (docs/formats.md, "Anki
 * packages"). The collection is chosen as Anki chooses it: the `meta` entry
 * names the layout (1 collection.anki2, 2 collection.anki21, 3 the zstd
 * collection.anki21b); without one, collection.anki21 before
 * collection.anki2. A modern package also holds a dummy collection.anki2
 * asking to update Anki, which is never read. The collection, an SQLite
 * database, is read by the store layer (store.c, its anki section); this maps its rows.
 *
 * Each card of a note becomes a fact: a card of a standard note type a
 * flashcard `question` fact (the field its front template shows first is
 * asked, the other of the first two fields is the answer), the cards of a
 * Cloze note one `cloze` fact with every deletion. Fields are HTML: images
 * and sounds become "[image: NAME]" and "[sound: NAME]", the rest plain
 * text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "anki.h"
#include "anki_rows.h"
#include "recite/buf.h"
#include "recite/facts.h"
#include "bank_internal.h"
#include "strmap.h"

/*
 * Longest text kept of one field, counted as it is written on a bank line
 * (4096 bytes at most): a backslash takes four bytes there, a line break
 * three, '|' two, other bytes one.
 */
#define FIELD_MAX 1500
/* Longest cloze text, in bytes (its deletions and the text around them). */
#define CLOZE_MAX 1500
#define MAX_FIELDS 64
#define MAX_TEMPLATES 64

struct notetype {
    int64_t id;
    bool cloze;
    bool basic; /* named "Basic..." or one of Anki's standard types */
    size_t field_count;
    char *fields[MAX_FIELDS];
    size_t template_count;
    int ask[MAX_TEMPLATES];    /* field asked by template ord, -1 unknown */
    int answer[MAX_TEMPLATES]; /* field answered */
};

struct deck {
    int64_t id;
    char *name; /* levels joined by '/' */
};

/* A cloze fact built from a note, added to the bank after the questions. */
struct cloze {
    char key[48];
    char *text;
    char **tags;
    size_t tag_count;
};

struct reader {
    const struct anki_rows *rows;
    struct notetype *types;
    size_t type_count;
    struct deck *decks;
    size_t deck_count;
    struct recite_questions qs;
    struct cloze *clozes;
    size_t cloze_count;
    struct recite_anki_package *pkg;
    size_t *by_cid; /* indexes into pkg->cards, sorted by Anki card id */
    struct recite_error *err;
};

/* ---- small helpers ---- */

static int oom(struct recite_error *err)
{
    return recite_error_set(err, RECITE_ENOMEM, "out of memory");
}

bool anki_media_name_ok(const char *name)
{
    if (!name[0] || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strlen(name) > 255)
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7F || *p == '/' || *p == '\\')
            return false;
    /* a drive letter ("C:x") names a path on some systems */
    return !(isalpha((unsigned char)name[0]) && name[1] == ':');
}

/* ---- HTML fields into text ---- */

/* The value of attribute attr in the tag [p, end), or NULL; *n its length. */
static const char *attr_value(const char *p, const char *end, const char *attr, size_t *n)
{
    size_t k = strlen(attr);
    for (const char *s = p; s + k < end; s++) {
        if (strncasecmp(s, attr, k) != 0 || !isspace((unsigned char)s[-1]))
            continue;
        const char *v = s + k;
        while (v < end && isspace((unsigned char)*v))
            v++;
        if (v >= end || *v != '=')
            continue;
        v++;
        while (v < end && isspace((unsigned char)*v))
            v++;
        if (v < end && (*v == '"' || *v == '\'')) {
            const char *close = memchr(v + 1, *v, (size_t)(end - v - 1));
            if (!close)
                return NULL;
            *n = (size_t)(close - v - 1);
            return v + 1;
        }
        const char *e = v;
        while (e < end && !isspace((unsigned char)*e) && *e != '>' && *e != '/')
            e++;
        *n = (size_t)(e - v);
        return v;
    }
    return NULL;
}

/* Images and sounds named in text: <img src="a.jpg"> and [sound:b.mp3]. */
static void media_marks(struct recite_buf *b, const char *html, size_t len)
{
    const char *end = html + len;
    for (const char *p = html; p < end;) {
        if (*p == '<' && end - p > 4 && strncasecmp(p + 1, "img", 3) == 0 &&
            (isspace((unsigned char)p[4]) || p[4] == '/')) {
            const char *close = memchr(p, '>', (size_t)(end - p));
            if (close) {
                size_t n = 0;
                const char *src = attr_value(p + 4, close, "src", &n);
                if (src && n) {
                    recite_buf_adds(b, " [image: ");
                    recite_buf_add(b, src, n);
                    recite_buf_adds(b, "] ");
                }
                p = close + 1;
                continue;
            }
        }
        if (*p == '[' && end - p > 7 && strncmp(p, "[sound:", 7) == 0) {
            const char *close = memchr(p, ']', (size_t)(end - p));
            if (close) {
                recite_buf_adds(b, " [sound: ");
                recite_buf_add(b, p + 7, (size_t)(close - p - 7));
                recite_buf_adds(b, "] ");
                p = close + 1;
                continue;
            }
        }
        recite_buf_addc(b, *p++);
    }
}

/*
 * Plain text of an HTML field: media named, tags dropped, entities decoded,
 * no-break spaces and tabs as spaces, no control characters, at most one
 * blank line in a row, no blanks at the ends; cut at FIELD_MAX bytes. With
 * one_line, line breaks become spaces too.
 */
static int field_text(char **out, const char *html, size_t len, bool one_line)
{
    struct recite_buf marked = {0};
    media_marks(&marked, html, len);
    char *m = NULL, *plain = NULL;
    int rc = recite_buf_finish(&marked, &m, NULL, NULL);
    if (rc == 0)
        rc = recite_format_plain_text(&plain, m, NULL);
    free(m);
    if (rc < 0)
        return rc;
    struct recite_buf b = {0};
    size_t newlines = 0;
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)plain; *p; p++) {
        unsigned char c = *p;
        if (c == 0xC2 && p[1] == 0xA0) {
            p++;
            c = ' ';
        }
        if (c == '\n' && one_line)
            c = ' ';
        if (c == '\t' || c == '\r')
            c = ' ';
        if (c < 0x20 && c != '\n')
            continue;
        if (c == ' ') {
            space = b.len > 0;
            continue;
        }
        if (c == '\n') {
            newlines += b.len > 0;
            space = false;
            continue;
        }
        if (newlines) {
            recite_buf_add(&b, "\n\n", newlines > 1 ? 2 : 1);
            newlines = 0;
        } else if (space) {
            recite_buf_addc(&b, ' ');
        }
        space = false;
        recite_buf_addc(&b, (char)c);
    }
    free(plain);
    size_t cost = 0, cut = 0;
    for (; !b.oom && cut < b.len; cut++) {
        char c = b.data[cut];
        cost += c == '\\' ? 4 : c == '\n' ? 3 : c == '|' ? 2 : 1;
        if (cost > FIELD_MAX)
            break;
    }
    if (!b.oom && cut < b.len) {
        while (cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
            cut--;
        b.len = cut;
        b.data[cut] = '\0';
        recite_buf_adds(&b, "\xE2\x80\xA6");
    }
    if (!b.data && !b.oom)
        recite_buf_adds(&b, "");
    return recite_buf_finish(&b, out, NULL, NULL);
}

/* ---- cloze ---- */

/* A deletion's answer as a cloze spelling: one line, no '|', '{' or '}'. */
static void put_deletion(struct recite_buf *b, const char *text)
{
    for (const char *p = text; *p; p++)
        recite_buf_addc(b, *p == '|' ? '/' : (*p == '{' || *p == '}') ? ' ' : *p);
}

/* Text outside the deletions: braces that would open or close one are spaced. */
static void put_outside(struct recite_buf *b, const char *text)
{
    for (const char *p = text; *p; p++) {
        recite_buf_addc(b, *p);
        if ((*p == '{' || *p == '}') && p[1] == *p)
            recite_buf_addc(b, ' ');
    }
}

/* Whether [s, s + n) starts (or ends) with a space, a no-break space or a line break. */
static bool blank_edge(const char *s, size_t n, bool start)
{
    static const char *const blanks[] = {"&nbsp;", "\xC2\xA0", "<br", "<div",
                                         "</div>", "<p",       "</p>"};
    if (isspace((unsigned char)(start ? s[0] : s[n - 1])))
        return true;
    for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
        size_t k = strlen(blanks[i]);
        if (k > n)
            continue;
        if (start ? strncasecmp(s, blanks[i], k) == 0
                  : (blanks[i][k - 1] != '<' && strncasecmp(s + n - k, blanks[i], k) == 0))
            return true;
    }
    /* a tag at the end: "<br>" and "<br/>" */
    if (!start && s[n - 1] == '>') {
        const char *open = s + n - 1;
        while (open > s && *open != '<')
            open--;
        return strncasecmp(open, "<br", 3) == 0 || strncasecmp(open, "</div", 5) == 0 ||
               strncasecmp(open, "</p", 3) == 0;
    }
    return false;
}

/*
 * Anki's {{cN::answer::hint}} as recite's {{answer}}; number[i] gets the N of
 * deletion i (at most 32, later ones are left as plain text).
 */
static int cloze_text(char **out, const char *html, int number[32], size_t *count)
{
    struct recite_buf b = {0};
    *count = 0;
    const char *p = html;
    int rc = 0;
    while (rc == 0) {
        const char *open = strstr(p, "{{c");
        while (open && !(isdigit((unsigned char)open[3]) &&
                         strstr(open, "::") == open + 3 + strspn(open + 3, "0123456789")))
            open = strstr(open + 1, "{{c");
        const char *close = open ? strstr(open, "}}") : NULL;
        size_t outside_len = close ? (size_t)(open - p) : strlen(p);
        char *t = NULL;
        if ((rc = field_text(&t, p, outside_len, true)) < 0)
            break;
        if (b.len + strlen(t) > CLOZE_MAX) {
            free(t);
            break;
        }
        /* keep the space that separated a deletion from its neighbours */
        if (outside_len && blank_edge(p, outside_len, true) && b.len)
            recite_buf_addc(&b, ' ');
        put_outside(&b, t);
        if (outside_len && blank_edge(p, outside_len, false) && t[0] && close)
            recite_buf_addc(&b, ' ');
        free(t);
        if (!close)
            break;
        int n = atoi(open + 3);
        const char *body = open + 3 + strspn(open + 3, "0123456789") + 2;
        const char *hint = strstr(body, "::");
        size_t blen = (size_t)((hint && hint < close ? hint : close) - body);
        if ((rc = field_text(&t, body, blen, true)) < 0)
            break;
        if (b.len + strlen(t) > CLOZE_MAX) {
            free(t);
            break;
        }
        if (t[0] && *count < 32) {
            recite_buf_adds(&b, "{{");
            put_deletion(&b, t);
            recite_buf_adds(&b, "}}");
            number[(*count)++] = n;
        } else {
            put_outside(&b, t);
        }
        free(t);
        p = close + 2;
    }
    if (rc == 0 && !b.data)
        recite_buf_adds(&b, "");
    if (rc < 0) {
        free(b.data);
        return rc;
    }
    return recite_buf_finish(&b, out, NULL, NULL);
}

/* ---- note types and decks ---- */

static void notetypes_free(struct reader *r)
{
    for (size_t i = 0; i < r->type_count; i++)
        for (size_t f = 0; f < r->types[i].field_count; f++)
            free(r->types[i].fields[f]);
    free(r->types);
    for (size_t i = 0; i < r->deck_count; i++)
        free(r->decks[i].name);
    free(r->decks);
}

static struct notetype *add_type(struct reader *r, int64_t id)
{
    struct notetype *grown = realloc(r->types, (r->type_count + 1) * sizeof(*grown));
    if (!grown)
        return NULL;
    r->types = grown;
    struct notetype *t = &r->types[r->type_count++];
    memset(t, 0, sizeof(*t));
    t->id = id;
    for (size_t i = 0; i < MAX_TEMPLATES; i++)
        t->ask[i] = t->answer[i] = -1;
    return t;
}

static struct notetype *find_type(const struct reader *r, int64_t id)
{
    for (size_t i = 0; i < r->type_count; i++)
        if (r->types[i].id == id)
            return &r->types[i];
    return NULL;
}

static bool standard_name(const char *name)
{
    return strncasecmp(name, "Basic", 5) == 0;
}

/* The field a template shows first, other than skip (-1 when none is named). */
static int first_field(const struct notetype *t, const char *fmt, int skip)
{
    for (const char *p = fmt; (p = strstr(p, "{{")) != NULL;) {
        const char *close = strstr(p + 2, "}}");
        if (!close)
            break;
        const char *s = p + 2;
        p = close + 2;
        if (*s == '#' || *s == '^' || *s == '/' || *s == '!')
            continue;
        /* "type:Back", "hint:Extra", "text:Front": the field comes last */
        for (const char *c = s; c < close; c++)
            if (*c == ':')
                s = c + 1;
        while (s < close && isspace((unsigned char)*s))
            s++;
        size_t n = (size_t)(close - s);
        while (n && isspace((unsigned char)s[n - 1]))
            n--;
        for (size_t f = 0; f < t->field_count; f++)
            if ((int)f != skip && strlen(t->fields[f]) == n && strncmp(t->fields[f], s, n) == 0)
                return (int)f;
    }
    return -1;
}

static void set_template(struct notetype *t, size_t ord, const char *qfmt, const char *afmt)
{
    if (ord >= MAX_TEMPLATES)
        return;
    if (ord + 1 > t->template_count)
        t->template_count = ord + 1;
    int ask = first_field(t, qfmt, -1);
    t->ask[ord] = ask;
    t->answer[ord] = ask >= 0 ? first_field(t, afmt, ask) : -1;
}

static int add_deck(struct reader *r, int64_t id, const char *name, const char *sep)
{
    struct deck *grown = realloc(r->decks, (r->deck_count + 1) * sizeof(*grown));
    if (!grown)
        return oom(r->err);
    r->decks = grown;
    struct recite_buf b = {0};
    size_t k = strlen(sep);
    for (const char *p = name; *p;) {
        if (strncmp(p, sep, k) == 0) {
            recite_buf_addc(&b, '/');
            p += k;
        } else if (*p == '/') {
            recite_buf_adds(&b, "//");
            p++;
        } else {
            recite_buf_addc(&b, *p++);
        }
    }
    char *s = NULL;
    if (!b.data)
        recite_buf_adds(&b, "");
    if (recite_buf_finish(&b, &s, NULL, NULL) < 0)
        return oom(r->err);
    r->decks[r->deck_count++] = (struct deck){id, s};
    return 0;
}

static const char *deck_name(const struct reader *r, int64_t id)
{
    for (size_t i = 0; i < r->deck_count; i++)
        if (r->decks[i].id == id)
            return r->decks[i].name;
    return NULL;
}

/* Schema 11: note types and decks are JSON in the col row. */
static int read_legacy_types(struct reader *r)
{
    json_error_t je;
    json_t *models = json_loads(r->rows->models_json, 0, &je);
    json_t *decks = json_loads(r->rows->decks_json, 0, &je);
    int rc = 0;
    if (!json_is_object(models) || !json_is_object(decks)) {
        rc = recite_error_set(r->err, RECITE_EDATA,
                              "the collection's note types or decks are not JSON objects");
        goto out;
    }
    const char *k;
    json_t *m;
    json_object_foreach(models, k, m)
    {
        struct notetype *t = add_type(r, strtoll(k, NULL, 10));
        if (!t) {
            rc = oom(r->err);
            goto out;
        }
        json_t *type = json_object_get(m, "type");
        t->cloze = json_is_integer(type) && json_integer_value(type) == 1;
        json_t *name = json_object_get(m, "name");
        t->basic = json_is_string(name) && standard_name(json_string_value(name));
        json_t *f;
        size_t i;
        json_array_foreach(json_object_get(m, "flds"), i, f)
        {
            json_t *fn = json_object_get(f, "name");
            if (t->field_count == MAX_FIELDS)
                break;
            if (!(t->fields[t->field_count++] =
                      recite_strdup(json_is_string(fn) ? json_string_value(fn) : ""))) {
                rc = oom(r->err);
                goto out;
            }
        }
        json_array_foreach(json_object_get(m, "tmpls"), i, f)
        {
            json_t *ord = json_object_get(f, "ord");
            json_t *q = json_object_get(f, "qfmt"), *a = json_object_get(f, "afmt");
            set_template(t, json_is_integer(ord) ? (size_t)json_integer_value(ord) : i,
                         json_is_string(q) ? json_string_value(q) : "",
                         json_is_string(a) ? json_string_value(a) : "");
        }
    }
    json_object_foreach(decks, k, m)
    {
        json_t *name = json_object_get(m, "name");
        if ((rc = add_deck(r, strtoll(k, NULL, 10),
                           json_is_string(name) ? json_string_value(name) : "", "::")) < 0)
            goto out;
    }
out:
    json_decref(models);
    json_decref(decks);
    return rc;
}

/* A string field of a protobuf message, or "" (copied to a NUL-terminated buffer). */
static char *pb_string(const void *blob, size_t n, uint32_t want)
{
    struct anki_pb pb = {blob, (const unsigned char *)blob + n};
    uint32_t field;
    int wire;
    uint64_t v;
    const unsigned char *data;
    size_t len;
    while (anki_pb_next(&pb, &field, &wire, &v, &data, &len) == 1)
        if (field == want && wire == 2)
            return fmt_dup((const char *)data, len);
    return recite_strdup("");
}

static uint64_t pb_uint(const void *blob, size_t n, uint32_t want)
{
    struct anki_pb pb = {blob, (const unsigned char *)blob + n};
    uint32_t field;
    int wire;
    uint64_t v;
    const unsigned char *data;
    size_t len;
    while (anki_pb_next(&pb, &field, &wire, &v, &data, &len) == 1)
        if (field == want && wire == 0)
            return v;
    return 0;
}

/* Schema 18: notetypes, fields, templates and decks tables; configs are protobuf. */
static int read_modern_types(struct reader *r)
{
    const struct anki_rows *rows = r->rows;
    for (size_t i = 0; i < rows->notetype_count; i++) {
        const struct anki_rows_notetype *row = &rows->notetypes[i];
        struct notetype *t = add_type(r, row->id);
        if (!t)
            return oom(r->err);
        t->basic = standard_name(row->name);
        /* NotetypeConfig.kind = 1: KIND_CLOZE */
        t->cloze = pb_uint(row->config, row->config_len, 1) == 1;
    }
    for (size_t i = 0; i < rows->field_count; i++) {
        struct notetype *t = find_type(r, rows->fields[i].notetype_id);
        if (!t || t->field_count == MAX_FIELDS)
            continue;
        if (!(t->fields[t->field_count++] = recite_strdup(rows->fields[i].name)))
            return oom(r->err);
    }
    for (size_t i = 0; i < rows->template_count; i++) {
        const struct anki_rows_template *row = &rows->templates[i];
        struct notetype *t = find_type(r, row->notetype_id);
        if (!t || row->ord < 0)
            continue;
        /* CardTemplateConfig: q_format = 1, a_format = 2 */
        char *q = pb_string(row->config, row->config_len, 1);
        char *a = pb_string(row->config, row->config_len, 2);
        int rc = q && a ? 0 : oom(r->err);
        if (rc == 0)
            set_template(t, (size_t)row->ord, q, a);
        free(q);
        free(a);
        if (rc < 0)
            return rc;
    }
    int rc = 0;
    for (size_t i = 0; i < rows->deck_count && rc == 0; i++)
        rc = add_deck(r, rows->decks[i].id, rows->decks[i].name, "\x1f");
    return rc;
}

/* ---- notes into questions and clozes ---- */

/* Splits flds at 0x1F into at most MAX_FIELDS pieces (pointers into a copy). */
static size_t split_fields(char *flds, char *out[MAX_FIELDS])
{
    size_t n = 0;
    char *p = flds;
    while (n < MAX_FIELDS) {
        out[n++] = p;
        char *sep = strchr(p, '\x1f');
        if (!sep)
            break;
        *sep = '\0';
        p = sep + 1;
    }
    return n;
}

static int add_tags(struct recite_question *q, const char *tags)
{
    for (const char *p = tags; *p;) {
        p += strspn(p, " \t\n");
        size_t n = strcspn(p, " \t\n");
        if (n && fmt_add_tag(q, p, n) < 0)
            return RECITE_ENOMEM;
        p += n;
    }
    return 0;
}

/*
 * The key of a note's facts: "nNOTEID", or the key a package written by
 * recite gave it (guid "recite:BANK:KEY").
 */
static void note_key(char *key, size_t size, int64_t nid, const char *guid)
{
    if (strncmp(guid, "recite:", 7) == 0) {
        const char *k = strchr(guid + 7, ':');
        if (k && strlen(k + 1) + 4 < size && bank_is_key(k + 1, strlen(k + 1))) {
            snprintf(key, size, "%s", k + 1);
            return;
        }
    }
    snprintf(key, size, "n%lld", (long long)nid);
}

static int remember_card(struct reader *r, int64_t cid, const char *key, const char *template_name)
{
    struct recite_anki_package *pkg = r->pkg;
    if (!pkg)
        return 0;
    struct anki_card *grown = realloc(pkg->cards, (pkg->card_count + 1) * sizeof(*grown));
    if (!grown)
        return oom(r->err);
    pkg->cards = grown;
    struct anki_card *c = &pkg->cards[pkg->card_count];
    memset(c, 0, sizeof(*c));
    snprintf(c->key, sizeof(c->key), "%s", key);
    snprintf(c->template_name, sizeof(c->template_name), "%s", template_name);
    c->created = cid;
    pkg->card_count++;
    return 0;
}

/* One card of a standard note: a flashcard question asking field ask. */
static int question_card(struct reader *r, const char *base, int64_t cid, int ord, char **f,
                         size_t nf, int ask, int answer, const char *tags, const char *deck)
{
    char key[64];
    if (ord == 0)
        snprintf(key, sizeof(key), "%s", base);
    else
        snprintf(key, sizeof(key), "%s-%d", base, ord + 1);
    char *front = NULL, *back = NULL;
    int rc = field_text(&front, (size_t)ask < nf ? f[ask] : "",
                        (size_t)ask < nf ? strlen(f[ask]) : 0, false);
    if (rc == 0)
        rc = field_text(&back, answer >= 0 && (size_t)answer < nf ? f[answer] : "",
                        answer >= 0 && (size_t)answer < nf ? strlen(f[answer]) : 0, false);
    if (rc < 0)
        return oom(r->err);
    if (!front[0]) {
        free(front);
        free(back);
        return 1; /* nothing to ask */
    }
    struct recite_question *q = fmt_add_question(&r->qs);
    struct recite_qanswer *a = q ? fmt_add_answer(q) : NULL;
    if (!a) {
        free(front);
        free(back);
        return oom(r->err);
    }
    q->kind = RECITE_Q_FLASHCARD;
    q->text = front;
    a->text = back;
    a->weight = 1;
    if (!(q->format = recite_strdup("plain")) || !(q->id = recite_strdup(key)) ||
        (deck && deck[0] && !(q->category = recite_strdup(deck))) || add_tags(q, tags) < 0)
        return oom(r->err);
    /* the template is known once the bank is built: "" for now */
    return remember_card(r, cid, key, "");
}

static int cloze_note(struct reader *r, const char *base, const struct anki_rows_note *note,
                      char **f, size_t nf)
{
    int number[32];
    size_t count = 0;
    char *text = NULL;
    if (cloze_text(&text, nf ? f[0] : "", number, &count) < 0)
        return oom(r->err);
    if (count == 0) {
        free(text);
        return 1;
    }
    struct cloze *grown = realloc(r->clozes, (r->cloze_count + 1) * sizeof(*grown));
    if (!grown) {
        free(text);
        return oom(r->err);
    }
    r->clozes = grown;
    struct cloze *c = &r->clozes[r->cloze_count++];
    memset(c, 0, sizeof(*c));
    snprintf(c->key, sizeof(c->key), "%s", base);
    c->text = text;
    struct recite_question tmp = {0};
    if (add_tags(&tmp, note->tags) < 0) {
        fmt_question_release(&tmp);
        return oom(r->err);
    }
    c->tags = tmp.tags;
    c->tag_count = tmp.tag_count;
    int rc = 0;
    for (size_t k = 0; k < note->card_count && rc == 0; k++) {
        const struct anki_rows_card *card = &r->rows->cards[note->first_card + k];
        int64_t cid = card->id;
        int ord = card->ord;
        for (size_t i = 0; i < count; i++)
            if (number[i] == ord + 1) {
                char name[32];
                snprintf(name, sizeof(name), "cloze-%zu", i + 1);
                rc = remember_card(r, cid, c->key, name);
                break;
            }
    }
    return rc;
}

/* The flashcard questions of a note of a standard type (or none); 1 when it has none to ask. */
static int standard_note(struct reader *r, const char *base, const struct notetype *t,
                         const struct anki_rows_note *note, char **f, size_t nf)
{
    if (!t || !t->basic)
        r->pkg->other_types++;
    bool any = false;
    for (size_t k = 0; k < note->card_count; k++) {
        const struct anki_rows_card *card = &r->rows->cards[note->first_card + k];
        int ord = card->ord;
        const char *deck = deck_name(r, card->deck_id);
        int ask = t && ord >= 0 && ord < MAX_TEMPLATES ? t->ask[ord] : -1;
        int answer = t && ask >= 0 ? t->answer[ord] : -1;
        if (ask < 0) {
            /* by the first two fields: the second template asks the other way */
            ask = ord == 1 && nf > 1 ? 1 : 0;
            answer = ask == 0 ? 1 : 0;
        } else if (answer < 0) {
            answer = ask == 0 ? 1 : 0;
        }
        int one = question_card(r, base, card->id, ord, f, nf, ask, answer, note->tags, deck);
        if (one < 0)
            return one;
        any |= one == 0;
    }
    return any ? 0 : 1;
}

static int read_notes(struct reader *r)
{
    int rc = 0;
    for (size_t i = 0; i < r->rows->note_count && rc == 0; i++) {
        const struct anki_rows_note *note = &r->rows->notes[i];
        const struct notetype *t = find_type(r, note->notetype_id);
        char *flds = recite_strdup(note->fields);
        if (!flds)
            return oom(r->err);
        char *f[MAX_FIELDS];
        size_t nf = split_fields(flds, f);
        char base[48];
        note_key(base, sizeof(base), note->id, note->guid);
        r->pkg->notes++;
        int made = t && t->cloze ? cloze_note(r, base, note, f, nf)
                                 : standard_note(r, base, t, note, f, nf);
        free(flds);
        if (made < 0)
            rc = made;
        else if (made > 0)
            r->pkg->skipped++;
    }
    return rc;
}

/* ---- review log ---- */

static const struct anki_card *sort_cards; /* qsort has no context argument */

static int cmp_cid(const void *a, const void *b)
{
    int64_t x = sort_cards[*(const size_t *)a].created, y = sort_cards[*(const size_t *)b].created;
    return x < y ? -1 : x > y;
}

/* The card with Anki id cid, or SIZE_MAX. */
static size_t card_of(const struct reader *r, int64_t cid)
{
    size_t lo = 0, hi = r->pkg->card_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t c = r->pkg->cards[r->by_cid[mid]].created;
        if (c == cid)
            return r->by_cid[mid];
        if (c < cid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

/* One answer of the review log as read, and the card it is of (SIZE_MAX: none kept). */
struct revlog_row {
    int64_t id, ms;
    int ease;
    size_t card;
};

/* The answers of the review log in time order, as the store read them, each with its card. */
static int read_revlog_rows(struct reader *r, struct revlog_row **out, size_t *count)
{
    const struct anki_rows *rows = r->rows;
    *out = malloc((rows->review_count + 1) * sizeof(**out));
    *count = 0;
    if (!*out)
        return oom(r->err);
    for (size_t i = 0; i < rows->review_count; i++) {
        const struct anki_rows_review *rv = &rows->reviews[i];
        (*out)[i] = (struct revlog_row){rv->id, rv->ms, rv->ease, card_of(r, rv->card_id)};
    }
    *count = rows->review_count;
    return 0;
}

/* Gives each card its slice of the package's reviews, cards in id order, answers in time order. */
static int read_revlog(struct reader *r)
{
    struct recite_anki_package *pkg = r->pkg;
    if (!(r->by_cid = malloc((pkg->card_count + 1) * sizeof(*r->by_cid))))
        return oom(r->err);
    for (size_t i = 0; i < pkg->card_count; i++)
        r->by_cid[i] = i;
    sort_cards = pkg->cards;
    qsort(r->by_cid, pkg->card_count, sizeof(*r->by_cid), cmp_cid);
    sort_cards = NULL;
    struct revlog_row *rows = NULL;
    size_t row_count = 0;
    int rc = read_revlog_rows(r, &rows, &row_count);
    for (size_t k = 0; k < row_count && rc == 0; k++)
        if (rows[k].card != SIZE_MAX)
            pkg->cards[rows[k].card].count++;
    size_t at = 0;
    for (size_t i = 0; i < pkg->card_count && rc == 0; i++) {
        struct anki_card *c = &pkg->cards[r->by_cid[i]];
        c->first = at;
        at += c->count;
        c->count = 0;
    }
    if (rc == 0 && !(pkg->reviews = malloc((at + 1) * sizeof(*pkg->reviews))))
        rc = oom(r->err);
    /* placed by card in the time order read: a counting sort */
    for (size_t k = 0; k < row_count && rc == 0; k++) {
        const struct revlog_row *row = &rows[k];
        if (row->card == SIZE_MAX)
            continue;
        struct anki_card *c = &pkg->cards[row->card];
        pkg->reviews[c->first + c->count++] =
            (struct anki_review){row->id, row->ease, row->ms < 0 ? 0 : row->ms};
    }
    if (rc == 0)
        pkg->review_count = at;
    free(rows);
    return rc;
}

/* ---- media ---- */

static int add_media(struct recite_anki_package *pkg, const char *name, unsigned char *data,
                     size_t len, struct recite_error *err)
{
    struct anki_media *grown = realloc(pkg->media, (pkg->media_count + 1) * sizeof(*grown));
    char *n = recite_strdup(name);
    if (!grown || !n) {
        free(n);
        free(data);
        if (grown)
            pkg->media = grown;
        return oom(err);
    }
    pkg->media = grown;
    pkg->media[pkg->media_count++] = (struct anki_media){n, data, len};
    return 0;
}

/* Entry (the number in the archive) holding media name; a missing one is left out. */
static int read_one_media(struct anki_zip *z, struct recite_anki_package *pkg, const char *entry,
                          const char *name, bool zstd, struct recite_error *err)
{
    if (!anki_media_name_ok(name))
        return recite_error_set(err, RECITE_EDATA,
                                "media file name '%.*s' is not a plain file name (a path?)", 80,
                                name);
    unsigned char *data = NULL;
    size_t len = 0;
    int rc = anki_zip_read(z, entry, zstd, &data, &len, err);
    if (rc == RECITE_ENOTFOUND)
        return 0;
    return rc < 0 ? rc : add_media(pkg, name, data, len, err);
}

static int read_media(struct anki_zip *z, struct recite_anki_package *pkg, bool modern,
                      struct recite_error *err)
{
    unsigned char *map = NULL;
    size_t len = 0;
    int rc = anki_zip_read(z, "media", modern, &map, &len, err);
    if (rc == RECITE_ENOTFOUND)
        return 0;
    if (rc < 0)
        return rc;
    if (modern) {
        /* MediaEntries { repeated MediaEntry entries = 1; }
           MediaEntry { string name = 1; uint32 size = 2; bytes sha1 = 3;
                        optional uint32 legacy_zip_filename = 255; } */
        struct anki_pb pb = {map, map + len};
        uint32_t field;
        int wire, more;
        uint64_t v;
        const unsigned char *data;
        size_t n;
        size_t index = 0;
        while (rc == 0 && (more = anki_pb_next(&pb, &field, &wire, &v, &data, &n)) == 1) {
            if (field != 1 || wire != 2)
                continue;
            struct anki_pb e = {data, data + n};
            char *name = NULL;
            bool nul = false;
            uint64_t legacy = UINT64_MAX;
            const unsigned char *d2;
            size_t n2;
            int m;
            while ((m = anki_pb_next(&e, &field, &wire, &v, &d2, &n2)) == 1) {
                if (field == 1 && wire == 2) {
                    free(name);
                    name = fmt_dup((const char *)d2, n2);
                    nul |= memchr(d2, 0, n2) != NULL;
                } else if (field == 255 && wire == 0) {
                    legacy = v;
                }
            }
            char entry[24];
            snprintf(entry, sizeof(entry), "%llu",
                     (unsigned long long)(legacy != UINT64_MAX ? legacy : index));
            if (m < 0 || !name || nul)
                rc = recite_error_set(err, RECITE_EDATA, "the media list is corrupt");
            else
                rc = read_one_media(z, pkg, entry, name, true, err);
            free(name);
            index++;
        }
        if (rc == 0 && more < 0)
            rc = recite_error_set(err, RECITE_EDATA, "the media list is corrupt");
    } else {
        json_error_t je;
        json_t *obj = json_loadb((const char *)map, len, 0, &je);
        if (!json_is_object(obj)) {
            rc = recite_error_set(err, RECITE_EDATA, "the media list is not a JSON object: %s",
                                  je.text);
        } else {
            const char *k;
            json_t *v;
            json_object_foreach(obj, k, v)
            {
                if (!json_is_string(v)) {
                    rc = recite_error_set(err, RECITE_EDATA, "media entry '%.40s' has no name", k);
                    break;
                }
                if ((rc = read_one_media(z, pkg, k, json_string_value(v), false, err)) < 0)
                    break;
            }
        }
        json_decref(obj);
    }
    free(map);
    return rc;
}

/* ---- the package ---- */

void anki_package_free(struct recite_anki_package *pkg)
{
    if (!pkg)
        return;
    for (size_t i = 0; i < pkg->media_count; i++) {
        free(pkg->media[i].name);
        free(pkg->media[i].data);
    }
    free(pkg->media);
    free(pkg->cards);
    free(pkg->reviews);
    free(pkg);
}

/* Which collection to read, as Anki decides it; *zstd when it is compressed. */
static int choose_layout(struct anki_zip *z, const char **name, bool *zstd,
                         struct recite_error *err)
{
    *zstd = false;
    if (anki_zip_has(z, "meta")) {
        unsigned char *meta = NULL;
        size_t len = 0;
        int rc = anki_zip_read(z, "meta", false, &meta, &len, err);
        if (rc < 0)
            return rc;
        /* PackageMetadata { Version version = 1; } */
        uint64_t version = pb_uint(meta, len, 1);
        free(meta);
        switch (version) {
        case 1:
            *name = "collection.anki2";
            return 0;
        case 2:
            *name = "collection.anki21";
            return 0;
        case 3:
            *name = "collection.anki21b";
            *zstd = true;
            return 0;
        default:
            return recite_error_set(err, RECITE_EDATA,
                                    "unknown package layout (meta version %llu); this reads "
                                    "versions 1 to 3",
                                    (unsigned long long)version);
        }
    }
    if (anki_zip_has(z, "collection.anki21")) {
        *name = "collection.anki21";
        return 0;
    }
    if (anki_zip_has(z, "collection.anki2")) {
        *name = "collection.anki2";
        return 0;
    }
    return recite_error_set(err, RECITE_EDATA,
                            "unknown package layout: no meta entry and no collection.anki21 or "
                            "collection.anki2");
}

/* The template each question card was given in the bank, now that it is built. */
static int fill_templates(struct recite_anki_package *pkg, const struct recite_bank *bank,
                          struct recite_error *err)
{
    struct strmap keys = {0};
    int rc = 0;
    for (size_t i = 0; i < bank->fact_count && rc == 0; i++)
        if (strmap_put(&keys, bank->facts[i].key, i) < 0)
            rc = oom(err);
    size_t kept = 0;
    for (size_t i = 0; i < pkg->card_count && rc == 0; i++) {
        struct anki_card *c = &pkg->cards[i];
        size_t at;
        if (!strmap_get(&keys, c->key, &at))
            continue;
        if (!c->template_name[0]) {
            char names[4][RECITE_TEMPLATE_NAME_MAX];
            if (recite_fact_templates(&bank->facts[at], names, 4) == 0)
                continue;
            snprintf(c->template_name, sizeof(c->template_name), "%s", names[0]);
        }
        pkg->cards[kept++] = *c;
    }
    pkg->card_count = kept;
    strmap_release(&keys);
    return rc;
}

static int build_bank(struct reader *r, struct recite_bank **out, const char *bank_id,
                      struct recite_diags *diags)
{
    int rc = r->qs.count ? recite_format_to_bank(out, &r->qs, bank_id, diags, r->err)
                         : recite_bank_new(out, bank_id, r->err);
    for (size_t i = 0; i < r->cloze_count && rc == 0; i++) {
        struct recite_fact *fact = NULL;
        const char *text = r->clozes[i].text;
        rc = recite_bank_add_fact(*out, RECITE_FACT_CLOZE, r->clozes[i].key, &fact, r->err);
        if (rc == 0)
            rc = recite_fact_add_field(fact, "text", &text, 1, r->err);
        struct recite_buf tags = {0};
        for (size_t t = 0; t < r->clozes[i].tag_count; t++) {
            const char *tag = r->clozes[i].tags[t];
            if (bank_is_key(tag, strlen(tag)))
                recite_buf_addf(&tags, "%s%s", tags.len ? " " : "", tag);
        }
        if (rc == 0 && tags.len)
            rc = recite_fact_set_common(fact, "tags", tags.data, r->err);
        if (tags.oom && rc == 0)
            rc = oom(r->err);
        free(tags.data);
    }
    if (rc == 0 && (*out)->fact_count == 0)
        rc = recite_error_set(r->err, RECITE_EDATA, "the package has no note with text to ask");
    if (rc == 0 && r->cloze_count)
        rc = recite_bank_validate(*out, diags, r->err);
    if (rc == 0 && r->pkg)
        rc = fill_templates(r->pkg, *out, r->err);
    if (rc < 0) {
        recite_bank_free(*out);
        *out = NULL;
    }
    return rc;
}

int anki_package_open(struct anki_package_file *out, const void *data, size_t len,
                      struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    const char *name = NULL;
    int rc = anki_zip_open(&out->zip, data, len, err);
    if (rc == 0)
        rc = choose_layout(out->zip, &name, &out->zstd, err);
    if (rc == 0) {
        snprintf(out->layout, sizeof(out->layout), "%s", name);
        rc = anki_zip_read(out->zip, name, out->zstd, &out->collection, &out->collection_len, err);
        if (rc == RECITE_ENOTFOUND)
            rc = recite_error_set(err, RECITE_EDATA, "the package names %s but does not hold it",
                                  name);
    }
    if (rc < 0)
        anki_package_close(out);
    return rc;
}

void anki_package_close(struct anki_package_file *file)
{
    anki_zip_close(file->zip);
    free(file->collection);
    memset(file, 0, sizeof(*file));
}

static void reader_release(struct reader *r)
{
    notetypes_free(r);
    recite_questions_release(&r->qs);
    for (size_t i = 0; i < r->cloze_count; i++) {
        free(r->clozes[i].text);
        for (size_t t = 0; t < r->clozes[i].tag_count; t++)
            free(r->clozes[i].tags[t]);
        free(r->clozes[i].tags);
    }
    free(r->clozes);
    free(r->by_cid);
}

int anki_package_map(struct recite_bank **bank, struct recite_anki_package **pkg_out,
                     const struct anki_package_file *file, const struct anki_rows *rows,
                     const char *bank_id, struct recite_diags *diags, struct recite_error *err)
{
    *bank = NULL;
    if (pkg_out)
        *pkg_out = NULL;
    struct reader r = {.rows = rows, .err = err};
    r.pkg = calloc(1, sizeof(*r.pkg));
    if (!r.pkg)
        return oom(err);
    snprintf(r.pkg->layout, sizeof(r.pkg->layout), "%s", file->layout);
    r.pkg->schema = rows->schema;
    int rc = rows->schema >= 18 ? read_modern_types(&r) : read_legacy_types(&r);
    if (rc == 0)
        rc = read_notes(&r);
    if (rc == 0)
        rc = read_revlog(&r);
    if (rc == 0 && pkg_out)
        rc = read_media(file->zip, r.pkg, file->zstd, err);
    if (rc == 0)
        rc = build_bank(&r, bank, bank_id, diags);
    reader_release(&r);
    if (rc < 0 || !pkg_out)
        anki_package_free(r.pkg);
    else
        *pkg_out = r.pkg;
    if (rc == RECITE_ENOTFOUND)
        rc = RECITE_EDATA;
    return rc;
}
