/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Interchange questions <-> `question` facts. A question fact that carries a
 * `type:` field came from (or goes to) an interchange format; its text
 * values are encoded so that they fit one bank line: `\` is written `\\`, a
 * line break `\n`, and the empty string `\e`. Answers are `choice:`,
 * `number:` and `pair:` fields whose first spelling is the text and whose
 * further spellings are attributes: `%W` weight in percent, `#TEXT`
 * feedback, `~T` tolerance. `answer:` and `wrong:` are filled too, so that
 * such a question is askable like a native one. See docs/formats.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "anki.h"
#include "bank_internal.h"
#include "formats_internal.h"
#include "strmap.h"

/* ---- value encoding ---- */

static char *encode(const char *s)
{
    struct recite_buf b = {0};
    if (!s || !s[0])
        recite_buf_adds(&b, "\\e");
    for (; s && *s; s++) {
        if (*s == '\\')
            recite_buf_adds(&b, "\\\\");
        else if (*s == '\n')
            recite_buf_adds(&b, "\\n");
        else if (*s != '\r')
            recite_buf_addc(&b, *s);
    }
    char *out = NULL;
    return recite_buf_finish(&b, &out, NULL, NULL) < 0 ? NULL : out;
}

static char *decode(const char *s)
{
    if (strcmp(s, "\\e") == 0)
        return recite_strdup("");
    struct recite_buf b = {0};
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            recite_buf_addc(&b, '\n');
            s++;
        } else if (s[0] == '\\' && s[1] == '\\') {
            recite_buf_addc(&b, '\\');
            s++;
        } else {
            recite_buf_addc(&b, *s);
        }
    }
    char *out = NULL;
    return recite_buf_finish(&b, &out, NULL, NULL) < 0 ? NULL : out;
}

/* ---- questions into facts ---- */

/* Adds field name with up to 4 spellings, each encoded (NULL ends early). */
static int add_field(struct recite_fact *fact, const char *name, const char *const *raw,
                     size_t n, bool encode_all)
{
    char *alts[8] = {0};
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        if (!(alts[i] = encode_all || i == 0 ? encode(raw[i]) : recite_strdup(raw[i])))
            rc = RECITE_ENOMEM;
    if (rc == 0)
        rc = recite_fact_add_field(fact, name, (const char *const *)alts, n, NULL);
    for (size_t i = 0; i < n; i++)
        free(alts[i]);
    return rc;
}

static int add_plain(struct recite_fact *fact, const char *name, const char *value)
{
    return value ? add_field(fact, name, &value, 1, true) : 0;
}

/* Askable spellings of an html question are its text without markup. */
static int add_shown(struct recite_fact *fact, const struct recite_question *q, const char *name,
                     const char *const *alts, size_t n)
{
    if (!q->format || strcmp(q->format, "html") != 0)
        return add_field(fact, name, alts, n, true);
    char *plain[8] = {0};
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = recite_format_plain_text(&plain[i], alts[i], NULL);
        /* markup only (e.g. an image): keep it as it is */
        if (rc == 0 && !plain[i][strspn(plain[i], " \t\n\r")]) {
            free(plain[i]);
            rc = (plain[i] = recite_strdup(alts[i])) ? 0 : RECITE_ENOMEM;
        }
    }
    if (rc == 0)
        rc = add_field(fact, name, (const char *const *)plain, n, true);
    for (size_t i = 0; i < n; i++)
        free(plain[i]);
    return rc;
}

/* `choice:`/`number:` spellings: text, then %W, ~T, #feedback as present. */
static int add_answer(struct recite_fact *fact, const struct recite_question *q,
                      const struct recite_qanswer *a)
{
    char weight[40], value[40], tol[40], wnum[32];
    char *fb = a->feedback ? encode(a->feedback) : NULL;
    char *fbp = NULL;
    if (a->feedback && (!fb || !(fbp = malloc(strlen(fb) + 2)))) {
        free(fb);
        return RECITE_ENOMEM;
    }
    if (fbp)
        snprintf(fbp, strlen(fb) + 2, "#%s", fb);
    free(fb);
    const char *alts[5];
    size_t n = 0;
    const char *name = "choice";
    snprintf(wnum, sizeof(wnum), "%.15g", a->weight * 100.0);
    snprintf(weight, sizeof(weight), "%%%s", wnum);
    if (q->kind == RECITE_Q_MATCHING) {
        alts[n++] = a->text;
        alts[n++] = a->match;
        name = "pair";
    } else if (q->kind == RECITE_Q_NUMERICAL) {
        name = "number";
        if (a->has_value) {
            fmt_number_text(value, sizeof(value), a->value);
            fmt_number_text(tol + 1, sizeof(tol) - 1, a->tolerance);
            tol[0] = '~';
            alts[n++] = value;
            alts[n++] = tol;
        } else {
            alts[n++] = "*";
        }
        alts[n++] = weight;
    } else {
        alts[n++] = a->text;
        alts[n++] = weight;
    }
    if (fbp)
        alts[n++] = fbp;
    /* matching sides are both texts; other attributes (feedback already encoded) are raw */
    int rc = q->kind == RECITE_Q_MATCHING ? add_field(fact, name, alts, n, true)
                                          : add_field(fact, name, alts, n, false);
    free(fbp);
    return rc;
}

/* The askable spellings: answers with the best weight first. */
static int add_native(struct recite_fact *fact, const struct recite_question *q)
{
    char num[40];
    const char *right[32];
    size_t nr = 0;
    int rc = 0;
    if (q->kind == RECITE_Q_ESSAY || q->kind == RECITE_Q_DESCRIPTION)
        return 0;
    if (q->kind == RECITE_Q_MATCHING) {
        struct recite_buf b = {0};
        for (size_t i = 0; i < q->answer_count; i++) {
            if (!q->answers[i].text[0])
                continue;
            recite_buf_addf(&b, "%s%s -> %s", b.len ? "; " : "", q->answers[i].text,
                           q->answers[i].match);
        }
        char *s = NULL;
        if ((rc = recite_buf_finish(&b, &s, NULL, NULL)) < 0)
            return rc;
        rc = add_plain(fact, "answer", s);
        free(s);
        return rc;
    }
    double best = -2;
    for (size_t i = 0; i < q->answer_count; i++)
        if (q->answers[i].weight > best)
            best = q->answers[i].weight;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < q->answer_count && nr < 4; i++) {
            const struct recite_qanswer *a = &q->answers[i];
            bool is_best = a->weight == best;
            if ((pass == 0) != is_best || (pass == 1 && a->weight <= 0))
                continue;
            if (a->has_value) {
                fmt_number_text(num, sizeof(num), a->value);
                if (nr == 0) {
                    right[nr++] = num;
                }
                continue;
            }
            right[nr++] = a->text;
        }
    }
    if (nr == 0)
        right[nr++] = "*";
    if ((rc = add_shown(fact, q, "answer", right, nr)) < 0)
        return rc;
    if (q->kind != RECITE_Q_MULTICHOICE && q->kind != RECITE_Q_TRUEFALSE)
        return 0;
    /*
     * A spelling may not be both right and wrong (the bank rules forbid
     * it), nor wrong twice: seen holds the right ones and the wrong so far.
     */
    struct strmap seen = {.nocase = true};
    for (size_t k = 0; k < nr && rc == 0; k++)
        rc = strmap_put(&seen, right[k], k) < 0 ? RECITE_ENOMEM : 0;
    for (size_t i = 0; i < q->answer_count && rc == 0; i++) {
        const char *t = q->answers[i].text;
        if (!t[0] || q->answers[i].weight > 0 || strmap_get(&seen, t, NULL))
            continue;
        if ((rc = strmap_put(&seen, t, i)) >= 0)
            rc = add_shown(fact, q, "wrong", &t, 1);
    }
    strmap_release(&seen);
    return rc;
}

static bool all_keys(const struct recite_question *q)
{
    for (size_t i = 0; i < q->tag_count; i++)
        if (!bank_is_key(q->tags[i], strlen(q->tags[i])))
            return false;
    return true;
}

static int add_tags(struct recite_fact *fact, const struct recite_question *q)
{
    if (!all_keys(q)) {
        for (size_t i = 0; i < q->tag_count; i++) {
            int rc = add_plain(fact, "label", q->tags[i]);
            if (rc < 0)
                return rc;
        }
        return 0;
    }
    struct recite_buf b = {0};
    for (size_t i = 0; i < q->tag_count; i++)
        recite_buf_addf(&b, "%s%s", i ? " " : "", q->tags[i]);
    char *s = NULL;
    int rc = recite_buf_finish(&b, &s, NULL, NULL);
    if (rc == 0 && q->tag_count)
        rc = recite_fact_set_common(fact, "tags", s, NULL);
    free(s);
    return rc;
}

/* A key for question index: its id when that is a free key, else qN (qN-2, ...). */
static void fact_key(char *key, size_t size, const struct strmap *taken,
                     const struct recite_question *q, size_t index)
{
    if (q->id && strlen(q->id) < size && bank_is_key(q->id, strlen(q->id)) &&
        !strmap_get(taken, q->id, NULL)) {
        snprintf(key, size, "%s", q->id);
        return;
    }
    snprintf(key, size, "q%zu", index + 1);
    for (unsigned k = 2; strmap_get(taken, key, NULL); k++)
        snprintf(key, size, "q%zu-%u", index + 1, k);
}

/* Adds question index as a fact; taken holds the keys used so far (and gets its own). */
static int question_fact(struct recite_bank *bank, const struct recite_question *q, size_t index,
                         struct strmap *taken)
{
    char key[96];
    struct recite_fact *fact = NULL;
    fact_key(key, sizeof(key), taken, q, index);
    int rc = recite_bank_add_fact(bank, RECITE_FACT_QUESTION, key, &fact, NULL);
    if (rc == 0 && strmap_put(taken, fact->key, index) < 0)
        rc = RECITE_ENOMEM;
    if (rc == 0)
        rc = add_plain(fact, "ask", q->text ? q->text : "");
    if (rc == 0)
        rc = add_native(fact, q);
    if (rc == 0)
        rc = add_plain(fact, "explain", q->general_feedback);
    if (rc == 0)
        rc = add_plain(fact, "type", recite_qkind_name(q->kind));
    if (rc == 0)
        rc = add_plain(fact, "title", q->title);
    if (rc == 0)
        rc = add_plain(fact, "ref", q->id);
    if (rc == 0)
        rc = add_plain(fact, "category", q->category);
    if (rc == 0)
        rc = add_plain(fact, "format", q->format);
    if (rc == 0 && q->blank)
        rc = add_plain(fact, "blank", "yes");
    if (rc == 0 && q->single >= 0)
        rc = add_plain(fact, "single", q->single ? "yes" : "no");
    for (size_t i = 0; i < q->answer_count && rc == 0; i++)
        rc = add_answer(fact, q, &q->answers[i]);
    if (rc == 0)
        rc = add_tags(fact, q);
    if (rc == 0)
        bank_fact_sort_fields(fact);
    /* problems found by the validator point at the question in the source */
    if (fact)
        fact->line = q->line;
    for (size_t i = 0; fact && i < fact->field_count; i++) {
        fact->fields[i].line = q->line;
        fact->fields[i].col = q->line ? 1 : 0;
    }
    return rc;
}

/*
 * The bank's canonical text must parse again (lines at most
 * RECITE_BANK_MAX_LINE bytes and so on); a question that breaks it is
 * reported at its source line.
 */
static int check_storable(const struct recite_bank *bank, struct recite_diags *diags,
                          struct recite_error *err)
{
    char *text = NULL;
    struct recite_bank *again = NULL;
    struct recite_diags found = {0};
    int rc = recite_bank_write(&text, NULL, bank, err);
    if (rc < 0)
        return rc;
    rc = recite_bank_parse(&again, text, strlen(text), &found, err);
    recite_bank_free(again);
    if (rc == RECITE_EDATA) {
        /* find the fact whose block holds the first problem */
        unsigned at = found.count ? found.items[0].line : 0, line = 1, fact_line = 0;
        size_t fact = 0;
        for (const char *p = text; *p && line < at; p++) {
            if (*p != '\n')
                continue;
            line++;
            if (strncmp(p + 1, "question ", 9) == 0 && fact < bank->fact_count)
                fact_line = bank->facts[fact++].line;
        }
        struct fmt_sink sink = {.diags = diags, .err = err};
        fmt_problem(&sink, fact_line ? fact_line : 1, 1, "question cannot be stored: %s",
                    found.count ? found.items[0].message : "canonical text does not parse");
        rc = RECITE_EDATA;
    }
    recite_diags_release(&found);
    free(text);
    return rc;
}

int recite_format_to_bank(struct recite_bank **out, const struct recite_questions *qs,
                          const char *bank_id, struct recite_diags *diags,
                          struct recite_error *err)
{
    struct recite_bank *bank = NULL;
    *out = NULL;
    struct strmap taken = {0};
    int rc = recite_bank_new(&bank, bank_id, err);
    for (size_t i = 0; i < qs->count && rc == 0; i++)
        if ((rc = question_fact(bank, &qs->items[i], i, &taken)) < 0)
            recite_error_set(err, rc, "out of memory");
    strmap_release(&taken);
    if (rc == 0)
        rc = recite_bank_validate(bank, diags, err);
    if (rc == 0)
        rc = check_storable(bank, diags, err);
    if (rc < 0) {
        recite_bank_free(bank);
        return rc;
    }
    *out = bank;
    return 0;
}

/* ---- facts into questions ---- */

static int set_decoded(char **dst, const char *value)
{
    if (!value)
        return 0;
    *dst = decode(value);
    return *dst ? 0 : RECITE_ENOMEM;
}

static int bad(struct recite_error *err, const struct recite_fact *fact, const char *what)
{
    return recite_error_set(err, RECITE_EDATA, "question '%s': %s", fact->key, what);
}

/* One `choice:`/`number:`/`pair:` field into an answer of q. */
static int decode_answer(struct recite_question *q, const struct recite_fact *fact,
                         const struct recite_field *f, struct recite_error *err)
{
    struct recite_qanswer *a = fmt_add_answer(q);
    if (!a)
        return RECITE_ENOMEM;
    bool pair = strcmp(f->name, "pair") == 0;
    bool number = strcmp(f->name, "number") == 0;
    a->weight = pair ? 1 : 0;
    if (pair) {
        if (f->alt_count != 2)
            return bad(err, fact, "a pair needs two sides");
        if (set_decoded(&a->text, f->alts[0]) < 0 || set_decoded(&a->match, f->alts[1]) < 0)
            return RECITE_ENOMEM;
        a->weight = a->text[0] ? 1 : 0;
        return 0;
    }
    if (number && strcmp(f->alts[0], "*") != 0) {
        if (!fmt_number(f->alts[0], strlen(f->alts[0]), &a->value))
            return bad(err, fact, "a number answer is not a number");
        a->has_value = true;
    } else if (set_decoded(&a->text, f->alts[0]) < 0) {
        return RECITE_ENOMEM;
    }
    for (size_t i = 1; i < f->alt_count; i++) {
        const char *v = f->alts[i];
        if (v[0] == '%' && fmt_number(v + 1, strlen(v + 1), &a->weight))
            a->weight /= 100.0;
        else if (v[0] == '~' && number && fmt_number(v + 1, strlen(v + 1), &a->tolerance))
            continue;
        else if (v[0] == '#' && !a->feedback) {
            if (set_decoded(&a->feedback, v + 1) < 0)
                return RECITE_ENOMEM;
        } else {
            return bad(err, fact, "an answer attribute is not %WEIGHT, ~TOLERANCE or #FEEDBACK");
        }
    }
    return 0;
}

static int decode_tags(struct recite_question *q, const struct recite_fact *fact)
{
    for (size_t i = 0; i < fact->tag_count; i++)
        if (fmt_add_tag(q, fact->tags[i], strlen(fact->tags[i])) < 0)
            return RECITE_ENOMEM;
    for (size_t i = 0; i < fact->field_count; i++) {
        if (strcmp(fact->fields[i].name, "label") != 0)
            continue;
        char *t = decode(fact->fields[i].alts[0]);
        int rc = t ? fmt_add_tag(q, t, strlen(t)) : RECITE_ENOMEM;
        free(t);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* A question fact with `type:`. */
static int typed_question(struct recite_question *q, const struct recite_fact *fact,
                          struct recite_error *err)
{
    int kind = recite_qkind_from_name(recite_fact_get(fact, "type"));
    if (kind < 0)
        return bad(err, fact, "unknown type");
    q->kind = (enum recite_qkind)kind;
    const char *single = recite_fact_get(fact, "single");
    const char *blank = recite_fact_get(fact, "blank");
    q->single = single ? strcmp(single, "yes") == 0 : -1;
    q->blank = blank && strcmp(blank, "yes") == 0;
    if (set_decoded(&q->text, recite_fact_get(fact, "ask")) < 0 ||
        set_decoded(&q->title, recite_fact_get(fact, "title")) < 0 ||
        set_decoded(&q->id, recite_fact_get(fact, "ref")) < 0 ||
        set_decoded(&q->category, recite_fact_get(fact, "category")) < 0 ||
        set_decoded(&q->format, recite_fact_get(fact, "format")) < 0 ||
        set_decoded(&q->general_feedback, recite_fact_get(fact, "explain")) < 0 ||
        decode_tags(q, fact) < 0)
        return RECITE_ENOMEM;
    if (!q->format && !(q->format = recite_strdup("moodle")))
        return RECITE_ENOMEM;
    for (size_t i = 0; i < fact->field_count; i++) {
        const struct recite_field *f = &fact->fields[i];
        if (strcmp(f->name, "choice") == 0 || strcmp(f->name, "number") == 0 ||
            strcmp(f->name, "pair") == 0) {
            int rc = decode_answer(q, fact, f, err);
            if (rc < 0)
                return rc == RECITE_ENOMEM ? recite_error_set(err, rc, "out of memory") : rc;
        }
    }
    return 0;
}

static struct recite_qanswer *add_text_answer(struct recite_question *q, const char *text,
                                              double weight)
{
    struct recite_qanswer *a = fmt_add_answer(q);
    if (a && !(a->text = recite_strdup(text)))
        return NULL;
    if (a)
        a->weight = weight;
    return a;
}

/* Every spelling of field as a weight-1 answer. */
static int answers_from(struct recite_question *q, const struct recite_field *f)
{
    for (size_t i = 0; f && i < f->alt_count; i++)
        if (!add_text_answer(q, f->alts[i], 1))
            return RECITE_ENOMEM;
    return 0;
}

/* *dst = before + a + after. */
static int set_joined(char **dst, const char *before, const char *a, const char *after)
{
    struct recite_buf b = {0};
    recite_buf_adds(&b, before);
    recite_buf_adds(&b, a ? a : "");
    recite_buf_adds(&b, after);
    return recite_buf_finish(&b, dst, NULL, NULL);
}

/* A cloze asks its first deletion; the others are shown filled in. */
static int cloze_question(struct recite_question *q, const char *text, struct fmt_losses *l)
{
    struct recite_buf b = {0};
    size_t index = 0;
    const char *p = text;
    int rc = 0;
    while (*p) {
        const char *open = strstr(p, "{{");
        const char *close = open ? strstr(open + 2, "}}") : NULL;
        if (!close) {
            recite_buf_adds(&b, p);
            break;
        }
        recite_buf_add(&b, p, (size_t)(open - p));
        const char *bar = memchr(open + 2, '|', (size_t)(close - open - 2));
        size_t first = (size_t)((bar ? bar : close) - open - 2);
        if (index++ == 0) {
            recite_buf_adds(&b, "_____");
            char *all = fmt_dup(open + 2, (size_t)(close - open - 2));
            for (char *s = all, *e; s && rc == 0; s = e ? e + 1 : NULL) {
                e = strchr(s, '|');
                char *t = fmt_trim_dup(s, e ? (size_t)(e - s) : strlen(s));
                rc = t && add_text_answer(q, t, 1) ? 0 : RECITE_ENOMEM;
                free(t);
            }
            rc = all ? rc : RECITE_ENOMEM;
            free(all);
        } else {
            recite_buf_add(&b, open + 2, first);
            l->n[FMT_LOSS_DELETIONS]++;
        }
        p = close + 2;
    }
    q->blank = true;
    int frc = recite_buf_finish(&b, &q->text, NULL, NULL);
    return rc < 0 ? rc : frc;
}

/* A fact of any other kind, as a short-answer question. */
static int native_question(struct recite_question *q, const struct recite_fact *fact,
                           struct fmt_losses *l)
{
    q->kind = RECITE_Q_SHORTANSWER;
    int rc = 0;
    const struct recite_field *wrong = recite_fact_field(fact, "wrong");
    switch (fact->kind) {
    case RECITE_FACT_QUESTION:
        q->text = recite_strdup(recite_fact_get(fact, "ask"));
        rc = q->text ? 0 : RECITE_ENOMEM;
        if (rc == 0 && wrong) {
            const struct recite_field *ans = recite_fact_field(fact, "answer");
            q->kind = RECITE_Q_MULTICHOICE;
            q->single = 1;
            l->n[FMT_LOSS_ALTERNATIVES] += ans->alt_count > 1;
            rc = add_text_answer(q, ans->alts[0], 1) ? 0 : RECITE_ENOMEM;
            for (size_t i = 0; i < fact->field_count && rc == 0; i++)
                if (strcmp(fact->fields[i].name, "wrong") == 0)
                    rc = add_text_answer(q, fact->fields[i].alts[0], 0) ? 0 : RECITE_ENOMEM;
        } else if (rc == 0) {
            rc = answers_from(q, recite_fact_field(fact, "answer"));
        }
        /* native text is not encoded */
        if (rc == 0 && recite_fact_get(fact, "explain") &&
            !(q->general_feedback = recite_strdup(recite_fact_get(fact, "explain"))))
            rc = RECITE_ENOMEM;
        return rc;
    case RECITE_FACT_ACRONYM: {
        const char *s = recite_fact_get(fact, "short");
        rc = set_joined(&q->text, "What does ", s ? s : fact->key, " stand for?");
        return rc < 0 ? rc : answers_from(q, recite_fact_field(fact, "long"));
    }
    case RECITE_FACT_EVENT:
        rc = set_joined(&q->text, "When: ", recite_fact_get(fact, "what"), "?");
        return rc < 0 ? rc : answers_from(q, recite_fact_field(fact, "when"));
    case RECITE_FACT_SET:
        rc = set_joined(&q->text, "Name one of: ", recite_fact_get(fact, "prompt"), "");
        for (size_t i = 0; i < fact->field_count && rc == 0; i++)
            if (strcmp(fact->fields[i].name, "member") == 0)
                rc = add_text_answer(q, fact->fields[i].alts[0], 1) ? 0 : RECITE_ENOMEM;
        return rc;
    case RECITE_FACT_CLOZE:
        return cloze_question(q, recite_fact_get(fact, "text"), l);
    default:
        return RECITE_EINTERNAL;
    }
}

static int fact_question(struct recite_question *q, const struct recite_fact *fact,
                         struct fmt_losses *l, struct recite_error *err)
{
    if (fact->kind == RECITE_FACT_QUESTION && recite_fact_get(fact, "type"))
        return typed_question(q, fact, err);
    int rc = native_question(q, fact, l);
    if (rc == 0 && !(q->format = recite_strdup("moodle")))
        rc = RECITE_ENOMEM;
    if (rc == 0 && !(q->id = recite_strdup(fact->key)))
        rc = RECITE_ENOMEM;
    for (size_t i = 0; i < fact->tag_count && rc == 0; i++)
        rc = fmt_add_tag(q, fact->tags[i], strlen(fact->tags[i]));
    return rc < 0 ? recite_error_set(err, rc, "cannot convert fact '%s'", fact->key) : 0;
}

static int from_bank(struct recite_questions *out, const struct recite_bank *bank,
                     struct fmt_losses *losses, struct recite_error *err)
{
    *out = (struct recite_questions){0};
    for (size_t i = 0; i < bank->fact_count; i++) {
        struct recite_question *q = fmt_add_question(out);
        int rc = q ? fact_question(q, &bank->facts[i], losses, err)
                   : recite_error_set(err, RECITE_ENOMEM, "out of memory");
        if (rc < 0) {
            recite_questions_release(out);
            return rc;
        }
    }
    return 0;
}

int recite_format_from_bank(struct recite_questions *out, const struct recite_bank *bank,
                            struct recite_error *err)
{
    struct fmt_losses losses = {0};
    return from_bank(out, bank, &losses, err);
}

/* ---- whole files ---- */

int recite_format_parse(struct recite_bank **out, enum recite_format format, const char *text,
                        size_t len, const char *bank_id, struct recite_diags *diags,
                        struct recite_error *err)
{
    *out = NULL;
    if (format == RECITE_FORMAT_BANK)
        return recite_bank_parse(out, text, len, diags, err);
    /* the collection inside is a database, which only the store layer above opens */
    if (format == RECITE_FORMAT_APKG)
        return recite_error_set(err, RECITE_EUSAGE,
                                "cannot read an Anki package as text; import it with "
                                "recite_import_file_read()");
    struct recite_questions qs = {0};
    int rc = recite_format_read(&qs, format, text, len, diags, err);
    if (rc == 0 && qs.count == 0)
        rc = recite_error_set(err, RECITE_EDATA, "no questions found");
    if (rc == 0)
        rc = recite_format_to_bank(out, &qs, bank_id, diags, err);
    recite_questions_release(&qs);
    return rc;
}

void recite_format_bank_id(char *id, size_t size, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = 0;
    for (const char *p = base; *p && *p != '.' && n + 1 < size; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  ((c == '-' || c == '_') && n > 0);
        id[n] = ok ? c : (n ? '-' : 'x');
        n++;
    }
    if (n == 0)
        id[n++] = 'x';
    id[n] = '\0';
}

int recite_format_load(struct recite_bank **out, const char *path, int format,
                       const char *bank_id, struct recite_diags *diags,
                       struct recite_error *err)
{
    char *text = NULL;
    size_t len = 0;
    char id[64];
    *out = NULL;
    int rc = bank_read_file(&text, &len, path, err);
    if (rc < 0)
        return rc;
    if (format < 0 || format >= RECITE_FORMAT_COUNT)
        format = (int)recite_format_detect(path, text, len);
    if (!bank_id) {
        recite_format_bank_id(id, sizeof(id), path);
        bank_id = id;
    }
    rc = recite_format_parse(out, (enum recite_format)format, text, len, bank_id, diags, err);
    free(text);
    return rc;
}

int recite_format_write(char **out, size_t *out_len, enum recite_format format,
                        const struct recite_bank *bank, struct recite_format_report *report,
                        struct recite_error *err)
{
    if (format == RECITE_FORMAT_BANK) {
        if (report)
            *report = (struct recite_format_report){.written = bank->fact_count};
        return recite_bank_write(out, out_len, bank, err);
    }
    struct recite_questions qs = {0};
    struct fmt_losses losses = {0};
    int rc = from_bank(&qs, bank, &losses, err);
    if (rc < 0)
        return rc;
    struct recite_format_report local = {0};
    rc = recite_format_emit(out, out_len, format, &qs, &local, err);
    if (rc == 0 && report) {
        /* the writer's losses, then those of turning facts into questions */
        *report = local;
        if (losses.n[FMT_LOSS_DELETIONS] || losses.n[FMT_LOSS_ALTERNATIVES]) {
            char extra[120];
            snprintf(extra, sizeof(extra), "%scloze deletions after the first (%zu), "
                     "alternative answers (%zu)", local.dropped[0] ? ", " : "dropped: ",
                     losses.n[FMT_LOSS_DELETIONS], losses.n[FMT_LOSS_ALTERNATIVES]);
            size_t used = strlen(report->dropped);
            snprintf(report->dropped + used, sizeof(report->dropped) - used, "%s", extra);
        }
    }
    recite_questions_release(&qs);
    return rc;
}
