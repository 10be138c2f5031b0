/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dated events (spec §2): a closed grammar of temporal expressions (full
 * dates, month + year, ranges, "since", years, decades, year lists, a few
 * relative forms), each attached to the predicate of its clause; the
 * description is the clause with the date and connectives removed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

#define MAX_TOKENS 4096
#define MAX_EXPRS 32

struct token {
    size_t start, end; /* byte span in the sentence */
    bool word;         /* letters/digits, else one punctuation mark */
};

struct expr {
    size_t start, end;   /* span of the expression, with its preposition */
    int year, month, day;
    int end_year;        /* ranges */
    bool decade;
    const char *qualifier; /* decade: "early", "mid", "late" */
    bool low;
    const char *why;
};

static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", NULL,
};
static const char *const month_abbr[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", NULL,
};

static const char *const dated_nouns[] = {
    "Summit", "Conference", "Meeting", "Review", "Concept", "Declaration", "Election",
    "Elections", "Olympics", "Census", "Act", "Treaty", "Summits", NULL,
};

static const char *const prepositions[] = {
    "in", "on", "at", "since", "from", "by", "during", "until", "of", "between", "to", "after",
    "before", "through", "throughout", "around", "circa", NULL,
};

static const char *const event_nouns[] = {
    "invasion", "crisis", "summit", "speech", "election", "elections", "declaration", "treaty",
    "agreement", "pledge", "war", "annexation", "reform", "reforms", "attacks", "attack",
    "Summit", "Pledge", "Treaty", "Declaration", "Conference", "meeting", "establishment",
    "collapse", "creation", "founding", "accession", "launch", "signing", NULL,
};

static const char *const past_verbs[] = {
    "began", "met", "led", "held", "rose", "became", "took", "made", "won", "fell", "sought",
    "brought", "built", "came", "saw", "left", "gave", "set", "began", "grew", "ran", "went",
    "broke", "chose", "drew", "froze", "hit", "laid", "lost", "paid", "put", "sent", "shot",
    "spent", "stood", "struck", "swore", "threw", "told", "wrote", "was", "were", "said",
    "held", "founded", "signed", NULL,
};

static const char *const not_past[] = {
    "need", "needed", "red", "bed", "seed", "speed", "shed", "fed", "led", "wed", "bred",
    "hundred", "based", "related", "united", "United", "limited", "advanced", "red",
    "concerned", "used", "expected", "supposed", "indeed", "interested", "sophisticated",
    "dedicated", "detailed", "armed", "allied", "Allied", "increased", "renewed", NULL,
};

static const char *const modals[] = {
    "will", "should", "would", "could", "may", "might", "must", "shall", "expected", NULL,
};

static const char *const connectives[] = {
    "Then", "Thus", "However", "Meanwhile", "Later", "And", "But", "So", "Also", "Finally",
    "Subsequently", "Consequently", "Moreover", "Furthermore", "Since", "Still", NULL,
};

static int tokenize(struct token *out, size_t max, const char *t, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max;) {
        if (gen_is_space(t[i])) {
            i++;
            continue;
        }
        size_t e = i;
        if (gen_is_word_byte(t + i, t + n)) {
            while (e < n && gen_is_word_byte(t + e, t + n))
                e++;
            out[k++] = (struct token){i, e, true};
        } else {
            e = i + 1;
            while (e < n && ((unsigned char)t[e] & 0xC0) == 0x80)
                e++;
            out[k++] = (struct token){i, e, false};
        }
        i = e;
    }
    return (int)k;
}

static bool tok_eq(const char *t, const struct token *k, const char *w)
{
    return gen_word_eq(t + k->start, k->end - k->start, w, false);
}

static bool tok_in(const char *t, const struct token *k, const char *const *list)
{
    return gen_word_in(t + k->start, k->end - k->start, list, false);
}

static bool tok_in_nocase(const char *t, const struct token *k, const char *const *list)
{
    return gen_word_in(t + k->start, k->end - k->start, list, true);
}

/* A number token's value, or -1. */
static int number(const char *t, const struct token *k, size_t max_digits)
{
    size_t n = k->end - k->start;
    if (!k->word || n == 0 || n > max_digits)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[k->start + i];
        if (!gen_is_digit(c))
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

static int year_of(const char *t, const struct token *k)
{
    if (k->end - k->start != 4)
        return -1;
    int v = number(t, k, 4);
    return v >= 1000 && v <= 2100 ? v : -1;
}

/* Month number of a token ("April", "Apr" when followed by '.'), else 0. */
static int month_of(const char *t, const struct token *toks, int i, int n, int *used)
{
    *used = 1;
    for (int m = 0; months[m]; m++)
        if (tok_eq(t, &toks[i], months[m]))
            return m + 1;
    for (int m = 0; month_abbr[m]; m++)
        if (tok_eq(t, &toks[i], month_abbr[m]) && i + 1 < n && t[toks[i + 1].start] == '.') {
            *used = 2;
            return m + 1;
        }
    return 0;
}

static bool is_title(const char *t, const struct token *k)
{
    return k->word && gen_is_upper(t[k->start]);
}

static bool is_acronym(const char *t, const struct token *k)
{
    return k->word && k->end - k->start >= 2 && gen_is_upper(t[k->start]) &&
           gen_is_upper(t[k->start + 1]);
}

/* Spec §2.1: a 4-digit number that is a name, a code, a count or a measure is no date. */
static bool year_is_date(const char *t, size_t len, const struct token *toks, int i, int n)
{
    const struct token *k = &toks[i];
    if (k->start > 0 && (t[k->start - 1] == ',' || t[k->start - 1] == '.' ||
                         t[k->start - 1] == '$' || t[k->start - 1] == '#'))
        return false;
    if (k->end < len && (t[k->end] == '%' || (t[k->end] == ',' && k->end + 1 < len &&
                                              gen_is_digit(t[k->end + 1]))))
        return false;
    if (k->end + 1 < len && t[k->end] == '.' && gen_is_digit(t[k->end + 1]))
        return false;
    if (k->start > 1 && t[k->start - 1] == '-' && gen_is_alpha(t[k->start - 2])) {
        size_t s = k->start - 1;
        while (s > 0 && gen_is_alpha(t[s - 1]))
            s--;
        static const char *const ok[] = {"mid", "early", "late", "pre", "post", NULL};
        if (!gen_word_in(t + s, k->start - 1 - s, ok, true))
            return false;
    }
    if (k->end < len && t[k->end] == '-' && k->end + 1 < len && gen_is_alpha(t[k->end + 1]))
        return false;
    static const char *const units[] = {"km", "kg", "m", "mm", "cm", "mg", "ml", "people",
                                        "troops", "soldiers", "members", "activities",
                                        "times", "units", "tons", "tonnes", "miles", NULL};
    if (i + 1 < n && tok_in(t, &toks[i + 1], units))
        return false;
    bool name_before = i > 0 && (is_title(t, &toks[i - 1]) || is_acronym(t, &toks[i - 1])) &&
                       !tok_in_nocase(t, &toks[i - 1], prepositions) &&
                       !tok_eq(t, &toks[i - 1], "The");
    bool title_after = i + 1 < n && is_title(t, &toks[i + 1]);
    if (!title_after)
        return true;
    /* year + Title-Case noun phrase: a date only for a dated instance (Summit, Review, ...) */
    for (int j = i + 1; j < n && j < i + 6 && is_title(t, &toks[j]); j++)
        if (tok_in(t, &toks[j], dated_nouns))
            return true;
    (void)name_before;
    return false;
}

static void add_expr(struct expr *ex, int *count, struct expr e)
{
    if (*count < MAX_EXPRS)
        ex[(*count)++] = e;
}

/* Extends an expression's start over a preceding preposition or article. */
static size_t with_preposition(const char *t, const struct token *toks, int i)
{
    if (i > 0 && (tok_in_nocase(t, &toks[i - 1], prepositions) || tok_eq(t, &toks[i - 1], "the") ||
                  tok_eq(t, &toks[i - 1], "The")))
        return toks[i - 1].start;
    return toks[i].start;
}

/* Matches a full date or month + year at token i; returns tokens used or 0. */
static int match_month_date(struct expr *e, const char *t, const struct token *toks, int i,
                            int n)
{
    int used;
    int m = month_of(t, toks, i, n, &used);
    int j = i + used;
    if (m) {
        int day = j < n ? number(t, &toks[j], 2) : -1;
        if (day >= 1 && day <= 31) {
            int k = j + 1;
            if (k < n && t[toks[k].start] == ',')
                k++;
            if (k < n && year_of(t, &toks[k]) > 0) {
                *e = (struct expr){.year = year_of(t, &toks[k]), .month = m, .day = day};
                return k - i + 1;
            }
            return 0;
        }
        if (j < n && year_of(t, &toks[j]) > 0) {
            *e = (struct expr){.year = year_of(t, &toks[j]), .month = m};
            return j - i + 1;
        }
        return 0;
    }
    int day = number(t, &toks[i], 2);
    if (day >= 1 && day <= 31 && i + 2 < n && (m = month_of(t, toks, i + 1, n, &used)) &&
        i + 1 + used < n && year_of(t, &toks[i + 1 + used]) > 0) {
        *e = (struct expr){.year = year_of(t, &toks[i + 1 + used]), .month = m, .day = day};
        return used + 2;
    }
    return 0;
}

/* 1949-04-04 */
static int match_iso(struct expr *e, const char *t, const struct token *toks, int i, int n)
{
    if (i + 4 >= n || year_of(t, &toks[i]) < 0 || t[toks[i + 1].start] != '-' ||
        t[toks[i + 3].start] != '-')
        return 0;
    int m = number(t, &toks[i + 2], 2), d = number(t, &toks[i + 4], 2);
    if (m < 1 || m > 12 || d < 1 || d > 31 || toks[i + 2].end - toks[i + 2].start != 2)
        return 0;
    *e = (struct expr){.year = year_of(t, &toks[i]), .month = m, .day = d};
    return 5;
}

static bool is_dash(const char *t, const struct token *k)
{
    return t[k->start] == '-' || gen_dash_len(t + k->start, t + k->end);
}

/* Decades: "the 1970s", "the mid-1990s", "early 1960s". */
static int match_decade(struct expr *e, const char *t, size_t len, const struct token *toks,
                        int i)
{
    const struct token *k = &toks[i];
    if (k->end - k->start != 5 || t[k->end - 1] != 's' || t[k->end - 2] != '0')
        return 0;
    struct token digits = {k->start, k->end - 1, true};
    int y = year_of(t, &digits);
    if (y < 0)
        return 0;
    *e = (struct expr){.year = y, .decade = true, .low = true, .why = "decade only"};
    static const char *const quals[] = {"early", "mid", "late", NULL};
    size_t s = k->start;
    if (s > 1 && t[s - 1] == '-') {
        size_t w = s - 1;
        while (w > 0 && gen_is_alpha(t[w - 1]))
            w--;
        for (int q = 0; quals[q]; q++)
            if (gen_word_eq(t + w, s - 1 - w, quals[q], true))
                e->qualifier = quals[q];
    } else if (i > 0 && tok_in_nocase(t, &toks[i - 1], quals)) {
        for (int q = 0; quals[q]; q++)
            if (tok_eq(t, &toks[i - 1], quals[q]))
                e->qualifier = quals[q];
    }
    (void)len;
    return 1;
}

/* Scans the sentence for temporal expressions (spec §2.1), longest first. */
static int find_exprs(struct expr *ex, const char *t, size_t len, const struct token *toks,
                      int n, const struct gen_event_state *st)
{
    int count = 0;
    for (int i = 0; i < n; i++) {
        struct expr e;
        int used = match_iso(&e, t, toks, i, n);
        if (!used)
            used = match_month_date(&e, t, toks, i, n);
        if (used) {
            e.start = with_preposition(t, toks, i);
            e.end = toks[i + used - 1].end;
            add_expr(ex, &count, e);
            i += used - 1;
            continue;
        }
        if (match_decade(&e, t, len, toks, i)) {
            e.start = toks[i].start;
            while (e.start > 0 && (gen_is_alpha(t[e.start - 1]) || t[e.start - 1] == '-'))
                e.start--;
            if (i > 0 && toks[i - 1].start < e.start && tok_eq(t, &toks[i - 1], "the"))
                e.start = toks[i - 1].start;
            e.start = i > 1 && toks[i - 1].start < e.start ? e.start : e.start;
            e.end = toks[i].end;
            add_expr(ex, &count, e);
            continue;
        }
        int y = year_of(t, &toks[i]);
        if (y < 0 || !year_is_date(t, len, toks, i, n))
            continue;
        e = (struct expr){.year = y, .start = with_preposition(t, toks, i), .end = toks[i].end};
        /* ranges: "from 2001 until 2021", "between 1997 and 1999", "2001–2021" */
        bool from = i > 0 && (tok_eq(t, &toks[i - 1], "from") || tok_eq(t, &toks[i - 1], "From") ||
                              tok_eq(t, &toks[i - 1], "between") ||
                              tok_eq(t, &toks[i - 1], "Between"));
        for (int j = i + 1; j < n && j <= i + 8; j++) {
            bool link = is_dash(t, &toks[j - 1]) && j == i + 2;
            if (from)
                link = link || tok_eq(t, &toks[j - 1], "until") || tok_eq(t, &toks[j - 1], "to") ||
                       tok_eq(t, &toks[j - 1], "and") || tok_eq(t, &toks[j - 1], "through") ||
                       tok_eq(t, &toks[j - 1], "in");
            int y2 = year_of(t, &toks[j]);
            if (y2 > y && link && (from || j == i + 2)) {
                e.end_year = y2;
                e.end = toks[j].end;
                i = j;
                break;
            }
            if (!from || t[toks[j].start] == ',' || t[toks[j].start] == ';')
                break;
        }
        if (i > 0 && e.start == toks[i].start && tok_eq(t, &toks[i - 1], "since"))
            e.start = toks[i - 1].start;
        add_expr(ex, &count, e);
    }
    (void)st;
    return count;
}

/* ---- clauses and predicates ---- */

static bool is_past_verb(const char *t, const struct token *k)
{
    size_t n = k->end - k->start;
    const char *w = t + k->start;
    if (!k->word || gen_is_upper(w[0]) || gen_word_in(w, n, not_past, false))
        return gen_word_in(w, n, past_verbs, false);
    if (gen_word_in(w, n, past_verbs, false))
        return true;
    return n > 4 && w[n - 2] == 'e' && w[n - 1] == 'd';
}

static bool clause_break(const char *t, const struct token *toks, int i, int n)
{
    char c = t[toks[i].start];
    if (c == ';' || c == ':' || gen_dash_len(t + toks[i].start, t + toks[i].end))
        return true;
    if (c == ',' && i + 1 < n) {
        static const char *const starters[] = {"while", "which", "whereas", "but", NULL};
        if (tok_in(t, &toks[i + 1], starters))
            return true;
        if (tok_eq(t, &toks[i + 1], "and") && i + 2 < n && toks[i + 2].word)
            return is_past_verb(t, &toks[i + 2]) || gen_is_upper(t[toks[i + 2].start]) ||
                   tok_eq(t, &toks[i + 2], "the") || tok_eq(t, &toks[i + 2], "it");
    }
    if (tok_eq(t, &toks[i], "and") && i + 1 < n && is_past_verb(t, &toks[i + 1]) &&
        !tok_eq(t, &toks[i + 1], "was") && !tok_eq(t, &toks[i + 1], "were"))
        return true;
    return false;
}

/* Token range [*a, *b) of the clause holding token i. */
static void clause_of(int *a, int *b, const char *t, const struct token *toks, int n, int i)
{
    int s = i, e = i + 1;
    while (s > 0 && !clause_break(t, toks, s - 1, n))
        s--;
    while (e < n && !clause_break(t, toks, e, n))
        e++;
    /* a fronted adverbial ("In 1983, ...") belongs to the main clause after its comma */
    *a = s;
    *b = e;
}

static bool has_predicate(const char *t, const struct token *toks, int a, int b,
                          const struct expr *e)
{
    for (int i = a; i < b; i++) {
        if (toks[i].start >= e->start && toks[i].end <= e->end)
            continue;
        if (is_past_verb(t, &toks[i]) || tok_in(t, &toks[i], event_nouns))
            return true;
    }
    return false;
}

static bool is_modal(const char *t, const struct token *toks, int a, int b)
{
    for (int i = a; i < b; i++)
        if (tok_in(t, &toks[i], modals))
            return true;
    return false;
}

/* ---- descriptions ---- */

static bool covered(size_t pos, const struct expr *ex, int count)
{
    for (int i = 0; i < count; i++)
        if (pos >= ex[i].start && pos < ex[i].end)
            return true;
    return false;
}

/* The clause's text without dates, connectives, or trailing participial clauses. */
static char *describe(const char *t, const struct token *toks, int a, int b,
                      const struct expr *ex, int count)
{
    struct gen_buf out = {0};
    int words = 0;
    bool start = true;
    for (int i = a; i < b && words < 20; i++) {
        const struct token *k = &toks[i];
        if (covered(k->start, ex, count))
            continue;
        if (start && (!k->word || tok_in(t, k, connectives) ||
                      (tok_eq(t, k, "In") && i + 1 < b && tok_eq(t, &toks[i + 1], "addition"))))
            continue;
        if (start && tok_eq(t, k, "addition"))
            continue;
        /* ", headed by ...", ", occupying ...": trailing participial clause */
        if (!start && t[k->start] == ',' && i + 1 < b && toks[i + 1].word && words >= 3) {
            const struct token *nx = &toks[i + 1];
            size_t m = nx->end - nx->start;
            const char *w = t + nx->start;
            if ((m > 4 && memcmp(w + m - 3, "ing", 3) == 0) ||
                (m > 4 && w[m - 2] == 'e' && w[m - 1] == 'd') || tok_eq(t, nx, "which") ||
                tok_eq(t, nx, "who"))
                break;
        }
        if (!start && k->word && out.len && !(out.data[out.len - 1] == '(' ||
                                               out.data[out.len - 1] == '-'))
            gen_buf_addc(&out, ' ');
        else if (!start && !k->word && (t[k->start] == '(' || t[k->start] == '-'))
            gen_buf_addc(&out, ' ');
        gen_buf_add(&out, t + k->start, k->end - k->start);
        if (k->word)
            words++;
        start = false;
    }
    if (!out.data)
        return NULL;
    /* no dangling punctuation or a preposition left by a removed date */
    char *clean = gen_clean_copy(out.data, out.len);
    free(out.data);
    if (!clean)
        return NULL;
    size_t n = strlen(clean);
    for (;;) {
        while (n && strchr(",;:(-", clean[n - 1]))
            clean[--n] = '\0';
        while (n && clean[n - 1] == ' ')
            clean[--n] = '\0';
        size_t s = n;
        while (s > 0 && clean[s - 1] != ' ')
            s--;
        if (s < n && s > 0 && gen_word_in(clean + s, n - s, prepositions, false)) {
            n = s;
            clean[n] = '\0';
            continue;
        }
        break;
    }
    return clean;
}

static void format_when(char *buf, size_t size, const struct expr *e)
{
    if (e->end_year)
        snprintf(buf, size, "%04d/%04d", e->year, e->end_year);
    else if (e->decade)
        snprintf(buf, size, "%04ds", e->year);
    else if (e->day)
        snprintf(buf, size, "%04d-%02d-%02d", e->year, e->month, e->day);
    else if (e->month)
        snprintf(buf, size, "%04d-%02d", e->year, e->month);
    else
        snprintf(buf, size, "%04d", e->year);
}

static int count_words(const char *s)
{
    int w = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = *s == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

static int emit_event(const struct gen_sink *sink, const struct expr *e, char *what, bool low)
{
    char when[32];
    format_when(when, sizeof(when), e);
    struct recite_gen_fact f = {0};
    f.kind = RECITE_GEN_EVENT;
    f.when = when;
    f.what = what;
    f.rule = "date";
    f.low = e->low ? e->why : low ? "predicate not in the list" : NULL;
    if (e->qualifier) {
        size_t n = strlen(what) + 32;
        char *q = malloc(n);
        if (!q)
            return RECITE_ENOMEM;
        snprintf(q, n, "%s (%s-%04ds)", what, e->qualifier, e->year);
        f.what = q;
        int rc = sink->add(sink->ctx, &f);
        free(q);
        return rc;
    }
    return sink->add(sink->ctx, &f);
}

static int token_at(const struct token *toks, int n, size_t pos)
{
    for (int i = 0; i < n; i++)
        if (toks[i].start >= pos)
            return i;
    return n - 1;
}

static int event_for(const struct gen_sink *sink, const char *t, const struct token *toks,
                     int n, const struct expr *ex, int count, int which)
{
    const struct expr *e = &ex[which];
    int i = token_at(toks, n, e->start);
    int a, b;
    clause_of(&a, &b, t, toks, n, i);
    /* fronted date: "In 1983, X did Y" -> the clause after the comma */
    if (a == i || (a + 1 == i && toks[a].word)) {
        int j = token_at(toks, n, e->end);
        if (j < n && t[toks[j].start] == ',' && j + 1 < n) {
            int a2, b2;
            clause_of(&a2, &b2, t, toks, n, j + 1);
            if (b2 > b)
                b = b2;
        }
    }
    if (is_modal(t, toks, a, b))
        return 0;
    if (!has_predicate(t, toks, a, b, e))
        return 0;
    char *what = describe(t, toks, a, b, ex, count);
    if (!what)
        return RECITE_ENOMEM;
    int rc = 0;
    if (count_words(what) >= 2)
        rc = emit_event(sink, e, what, false);
    free(what);
    return rc;
}

int gen_events(const struct gen_sink *sink, const struct gen_sentence *s,
               struct gen_event_state *state)
{
    struct token *toks = malloc(MAX_TOKENS * sizeof(*toks));
    if (!toks)
        return RECITE_ENOMEM;
    int n = tokenize(toks, MAX_TOKENS, s->text, s->len);
    struct expr ex[MAX_EXPRS];
    int count = find_exprs(ex, s->text, s->len, toks, n, state);
    int rc = 0;
    for (int i = 0; rc == 0 && i < count; i++)
        rc = event_for(sink, s->text, toks, n, ex, count, i);
    if (count > 0) {
        state->last_year = ex[count - 1].year;
        state->last_index = s->index;
        state->have_anchor = true;
    }
    free(toks);
    return rc;
}

bool gen_date_line(const char *line, size_t n, int *year, int *month, int *day)
{
    struct token toks[16];
    int count = tokenize(toks, 16, line, n);
    if (count == 0 || count > 8)
        return false;
    struct expr e;
    int used = match_iso(&e, line, toks, 0, count);
    if (!used)
        used = match_month_date(&e, line, toks, 0, count);
    if (!used || used != count || !e.day)
        return false;
    *year = e.year;
    *month = e.month;
    *day = e.day;
    return true;
}
