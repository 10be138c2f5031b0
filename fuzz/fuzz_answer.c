/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for answer checking. The input is NUL-separated fields:
 * the reply, then one accepted value each (spellings separated by '|').
 * Besides memory safety it checks invariants: normalisation is idempotent
 * and yields clean UTF-8, a spelling always matches itself, distance is
 * symmetric, list results account for every member, numbers found lie in
 * order inside the text and a reply that is one number states it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "recite.h"

#define MAX_LINES 16
#define MAX_SPELLINGS 8

struct parsed {
    char *reply;
    const char *spellings[MAX_LINES][MAX_SPELLINGS];
    size_t counts[MAX_LINES];
    struct recite_answer_member members[MAX_LINES];
    const char *firsts[MAX_LINES];
    size_t lines;
};

/* Fields are separated by NUL bytes: reply, then one value per field. */
static void parse_input(struct parsed *p, char *text, size_t size)
{
    memset(p, 0, sizeof(*p));
    p->reply = text;
    size_t at = strlen(text) + 1;
    while (at <= size && p->lines < MAX_LINES) {
        char *line = text + at;
        size_t i = p->lines;
        at += strlen(line) + 1;
        for (char *s = line; s && p->counts[i] < MAX_SPELLINGS;) {
            p->spellings[i][p->counts[i]++] = s;
            s = strchr(s, '|');
            if (s)
                *s++ = '\0';
        }
        p->members[i] = (struct recite_answer_member){p->spellings[i], p->counts[i]};
        p->firsts[i] = p->spellings[i][0];
        p->lines++;
    }
}

static void check_clean(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || utf8proc_category(cp) == UTF8PROC_CATEGORY_CC)
            abort();
        i += (size_t)k;
    }
}

static void fuzz_normalize(const char *reply)
{
    char *once = NULL, *twice = NULL;
    if (recite_answer_normalize(&once, reply, NULL) < 0)
        return;
    check_clean(once);
    if (recite_answer_normalize(&twice, once, NULL) == 0 && strcmp(once, twice) != 0)
        abort();
    free(twice);
    free(once);
}

static void fuzz_text(const struct parsed *p)
{
    struct recite_answer_key key = {p->spellings[0], p->counts[0], NULL, 0, NULL, false};
    if (p->lines > 1) {
        key.wrong = p->spellings[1];
        key.wrong_count = p->counts[1];
    }
    struct recite_answer_result r;
    if (recite_answer_check_text(&r, p->reply, &key, NULL) < 0)
        return;
    if (r.rating != recite_answer_rating(r.verdict) || r.matched >= (int)key.accepted_count)
        abort();
    /* Every non-empty spelling, typed as is, is right. */
    for (size_t i = 0; i < key.accepted_count; i++) {
        char *n = NULL;
        if (recite_answer_normalize(&n, key.accepted[i], NULL) < 0)
            continue;
        if (n[0] && strlen(key.accepted[i]) <= RECITE_ANSWER_MAX_BYTES &&
            recite_answer_check_text(&r, key.accepted[i], &key, NULL) == 0 &&
            r.verdict != RECITE_ANSWER_RIGHT)
            abort();
        free(n);
    }
    unsigned ab = recite_answer_distance(p->reply, key.accepted[0], 4);
    if (ab != recite_answer_distance(key.accepted[0], p->reply, 4))
        abort();
}

static void fuzz_list(const struct parsed *p)
{
    struct recite_answer_set set = {p->members, p->lines, NULL, 0, NULL, false, NULL, NULL, NULL, NULL};
    struct recite_answer_list_result *r = NULL;
    if (recite_answer_check_list(&r, p->reply, &set, NULL) < 0)
        return;
    if (r->found_count + r->missed_count != p->lines || r->credit < 0 || r->credit > 1)
        abort();
    for (size_t i = 0; i < r->found_count; i++)
        if (r->found[i].member >= p->lines || r->found[i].spelling >= p->counts[r->found[i].member])
            abort();
    recite_answer_list_result_free(r);
}

static void fuzz_date_choice_bool(const struct parsed *p)
{
    struct recite_answer_date known, given;
    struct recite_answer_date_result dr;
    if (recite_answer_date_parse(&given, p->reply) == 0 &&
        recite_answer_date_precision(&given) == RECITE_DATE_NONE)
        abort();
    if (recite_answer_date_parse(&known, p->firsts[0]) == 0) {
        char buf[64];
        recite_answer_check_date(&dr, p->reply, &known, RECITE_DATE_DAY, NULL);
        recite_answer_describe_offset(buf, sizeof(buf), &dr);
    }
    struct recite_answer_choice choice = {p->firsts, p->lines < 26 ? p->lines : 26, 0, NULL};
    struct recite_answer_result r;
    recite_answer_check_choice(&r, p->reply, &choice, NULL);
    recite_answer_check_bool(&r, p->reply, true);
}

static void fuzz_numbers(const char *reply, const char *accepted)
{
    char *norm = NULL;
    if (recite_answer_normalize(&norm, reply, NULL) < 0)
        return;
    struct recite_answer_number numbers[8];
    size_t count = recite_answer_numbers(numbers, 8, norm);
    size_t len = strlen(norm), prev_end = 0;
    for (size_t i = 0; i < count && i < 8; i++) {
        const struct recite_answer_number *n = &numbers[i];
        if (n->start < prev_end || n->end <= n->start || n->end > len || n->value < 0)
            abort();
        prev_end = n->end;
    }
    if (count == 1 && numbers[0].start == 0 && numbers[0].end == len &&
        !recite_answer_same_number(norm, numbers[0].value, NULL))
        abort();
    const char *const allowed[] = {accepted, NULL};
    if (recite_answer_same_number(norm, count ? numbers[0].value : 0, allowed) && count != 1)
        abort();
    free(norm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct parsed p;
    parse_input(&p, text, size);
    fuzz_normalize(p.reply);
    if (p.lines > 0) {
        fuzz_text(&p);
        fuzz_list(&p);
        fuzz_date_choice_bool(&p);
        fuzz_numbers(p.reply, p.firsts[0]);
    }
    free(text);
    return 0;
}
