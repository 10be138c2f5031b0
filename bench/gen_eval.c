/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gen_eval: scores `recite generate` against a gold file (spec §7), per kind
 * and per document, micro-averaged; lists misses and false positives with -v.
 *
 *   gen_eval [-v] [--strict] [--floor F]... GOLD.tsv DOC...   acronyms, events, lists
 *   gen_eval [-v] [--floor F] --med1250 MED1250_labeled       acronyms, abstract by abstract
 *
 * Also prints the share of list prompts that read as noun phrases after
 * "Name all N ..." (a rule-based judgement, see prompt_reads_as_noun_phrase).
 * --floor KIND:P:R (KIND acronym, event or list) and --floor prompts:SHARE make
 * the run exit 1 when a corpus-wide micro-average falls below the floor: a
 * regression guard for the corpus test (with --med1250, the acronym floor).
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "recite.h"

#define MAX_FIELDS 8

static int verbose;
static int strict;

/* Floors of --floor: per kind P and R (-1: none), and the noun-phrase share of list prompts. */
static double floor_p[3] = {-1, -1, -1}, floor_r[3] = {-1, -1, -1};
static double floor_prompts = -1;

/* ---- normalisation (§7) ---- */

static char *norm(const char *s, bool short_form)
{
    utf8proc_uint8_t *mapped = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                         UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) < 0)
        return strdup("");
    size_t n = strlen((char *)mapped);
    char *out = malloc(n + 1);
    size_t k = 0;
    bool space = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = mapped[i];
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&' || c >= 0x80;
        /* curly quotes and dashes (U+2010..U+201F) are punctuation */
        if (c == 0xE2 && i + 2 < n && mapped[i + 1] == 0x80) {
            if (!space && !short_form)
                out[k++] = ' ';
            space = true;
            i += 2;
            continue;
        }
        if (keep) {
            out[k++] = (char)c;
            space = false;
        } else if ((c == ' ' || c == '-' || c == '\t' || c == '/') && !space) {
            if (!short_form)
                out[k++] = ' ';
            space = true;
        }
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    free(mapped);
    static const char *const articles[] = {"the ", "a ", "an "};
    for (int a = 0; a < 3 && !short_form; a++) {
        size_t m = strlen(articles[a]);
        if (strncmp(out, articles[a], m) == 0 && out[m]) {
            memmove(out, out + m, strlen(out + m) + 1);
            break;
        }
    }
    char *p;
    while ((p = strstr(out, "defence")) != NULL)
        p[5] = 's';
    if (short_form && k > 1 && out[strlen(out) - 1] == 's')
        out[strlen(out) - 1] = '\0';
    return out;
}

/* ---- documents and counts ---- */

/* tp counts matched predictions (precision); recall uses gold_hit / gold */
struct score {
    size_t pred, pred_ok, gold, gold_hit;
};

static void score_add(struct score *a, const struct score *b)
{
    a->pred += b->pred;
    a->pred_ok += b->pred_ok;
    a->gold += b->gold;
    a->gold_hit += b->gold_hit;
}

static void print_row(const char *kind, const char *doc, const struct score *s)
{
    double p = s->pred ? (double)s->pred_ok / (double)s->pred : 1.0;
    double r = s->gold ? (double)s->gold_hit / (double)s->gold : 1.0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-8s %-28.28s %5zu %5zu %5zu %7.4f %7.4f %7.4f\n", kind, doc, s->gold_hit,
           s->pred - s->pred_ok, s->gold - s->gold_hit, p, r, f);
}

static void print_header(void)
{
    printf("%-8s %-28s %5s %5s %5s %7s %7s %7s\n", "kind", "document", "TP", "FP", "FN", "P",
           "R", "F1");
}

/* ---- gold rows ---- */

struct row {
    char *f[MAX_FIELDS];
    int nf;
    bool hit;
};

struct gold {
    struct row *rows;
    size_t count;
};

static int split_tabs(char *line, char **f)
{
    int n = 0;
    for (char *p = line; n < MAX_FIELDS;) {
        f[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static int load_gold(struct gold *g, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, fp)) > 0) {
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len || line[0] == '#')
            continue;
        g->rows = realloc(g->rows, (g->count + 1) * sizeof(*g->rows));
        struct row *r = &g->rows[g->count++];
        memset(r, 0, sizeof(*r));
        char *copy = strdup(line);
        r->nf = split_tabs(copy, r->f);
    }
    free(line);
    fclose(fp);
    return 0;
}

static void gold_free(struct gold *g)
{
    for (size_t i = 0; i < g->count; i++)
        free(g->rows[i].f[0]); /* the row's copy: every field points into it */
    free(g->rows);
    *g = (struct gold){0};
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* A gold document column names a file by its base name, or a prefix of it ("000"). */
static bool same_doc(const char *gold_doc, const char *path)
{
    const char *b = base_name(path);
    return strcmp(gold_doc, b) == 0 || strncmp(b, gold_doc, strlen(gold_doc)) == 0;
}

/* Kind of a gold row from its column count and content. */
enum kind { K_ACRONYM, K_EVENT, K_LIST };

static enum kind row_kind(const struct row *r)
{
    if (r->nf >= 5 && strlen(r->f[0]) == 4 && r->f[0][0] >= '0' && r->f[0][0] <= '9')
        return K_EVENT;
    if (r->nf >= 3 && strchr(r->f[1], '|'))
        return K_LIST;
    return K_ACRONYM;
}

static const char *row_doc(const struct row *r)
{
    enum kind k = row_kind(r);
    int i = k == K_EVENT ? 4 : 2;
    return i < r->nf ? r->f[i] : "";
}

/* ---- matching ---- */

static bool acronym_matches(const struct recite_gen_fact *f, const char *sf, const char *lf)
{
    char *a = norm(f->short_form, true), *b = norm(sf, true);
    bool ok = strcmp(a, b) == 0;
    free(a);
    free(b);
    if (!ok)
        return false;
    char *want = norm(lf, false);
    ok = false;
    const char *p = f->long_form;
    while (!ok) {
        const char *sep = strstr(p, " | ");
        size_t n = sep ? (size_t)(sep - p) : strlen(p);
        char *alt = strndup(p, n);
        char *got = norm(alt, false);
        ok = strcmp(got, want) == 0;
        free(alt);
        free(got);
        if (!sep)
            break;
        p = sep + 3;
    }
    free(want);
    return ok;
}

static int num(const char *s)
{
    return s && *s ? (int)strtol(s, NULL, 10) : 0;
}

static bool event_matches(const struct recite_gen_fact *f, const struct row *r)
{
    int year = num(r->f[0]), month = num(r->f[1]), day = num(r->f[2]);
    int fy = (int)strtol(f->when, NULL, 10);
    int fm = strlen(f->when) >= 7 && f->when[4] == '-' ? (int)strtol(f->when + 5, NULL, 10) : 0;
    int fd = strlen(f->when) >= 10 && f->when[7] == '-' ? (int)strtol(f->when + 8, NULL, 10) : 0;
    if (fy != year)
        return false;
    if (strict ? (month && fm != month) || (day && fd != day)
               : (month && fm && fm != month) || (day && fd && fd != day))
        return false;
    regex_t re;
    if (regcomp(&re, r->f[3], REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0)
        return false;
    bool ok = regexec(&re, f->what, 0, NULL, 0) == 0;
    regfree(&re);
    return ok;
}

/* Normalised members of a gold list. */
static size_t gold_members(char **out, size_t max, const char *members)
{
    size_t n = 0;
    char *copy = strdup(members);
    for (char *p = copy; p && n < max;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        out[n++] = norm(p, false);
        p = bar ? bar + 1 : NULL;
    }
    free(copy);
    return n;
}

static size_t overlap(const struct recite_gen_fact *f, char **gold, size_t gn)
{
    size_t common = 0;
    for (size_t i = 0; i < gn; i++)
        for (size_t j = 0; j < f->member_count; j++) {
            char *m = norm(f->members[j], false);
            bool eq = strcmp(m, gold[i]) == 0;
            free(m);
            if (eq) {
                common++;
                break;
            }
        }
    return common;
}

static bool list_matches(const struct recite_gen_fact *f, const struct row *r, bool recall)
{
    char *gold[256];
    size_t gn = gold_members(gold, 256, r->f[1]);
    size_t common = overlap(f, gold, gn);
    for (size_t i = 0; i < gn; i++)
        free(gold[i]);
    if (recall)
        return gn && common * 10 >= gn * 8;
    size_t uni = gn + f->member_count - common;
    return uni && common * 2 >= uni;
}

static bool fact_matches(const struct recite_gen_fact *f, const struct row *r, bool recall)
{
    switch (row_kind(r)) {
    case K_ACRONYM:
        return f->kind == RECITE_GEN_ACRONYM && acronym_matches(f, r->f[0], r->f[1]);
    case K_EVENT:
        return f->kind == RECITE_GEN_EVENT && event_matches(f, r);
    case K_LIST:
        return f->kind == RECITE_GEN_SET && list_matches(f, r, recall);
    }
    return false;
}

static const char *const kind_names[] = {"acronym", "event", "list"};

static void show_fact(const char *what, const struct recite_gen_fact *f)
{
    if (f->kind == RECITE_GEN_ACRONYM)
        printf("  %s acronym %s = %s  (L%u)\n", what, f->short_form, f->long_form, f->line);
    else if (f->kind == RECITE_GEN_EVENT)
        printf("  %s event %s: %s  (L%u)\n", what, f->when, f->what, f->line);
    else {
        printf("  %s list %s:", what, f->prompt);
        for (size_t i = 0; i < f->member_count; i++)
            printf(" %s%s", f->members[i], i + 1 < f->member_count ? "," : "");
        printf("  (L%u)\n", f->line);
    }
}

/* ---- list prompts ---- */

static bool word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncasecmp(*list, w, n) == 0)
            return true;
    return false;
}

/* Words that cannot start a noun phrase: prepositions, conjunctions, pronouns, months, ... */
static const char *const not_first[] = {
    "about",   "above",  "across",  "after",      "against",   "along",   "among",    "around",
    "as",      "at",     "before",  "behind",     "below",     "beside",  "between",  "beyond",
    "but",     "by",     "despite", "during",     "except",    "for",     "from",     "in",
    "into",    "like",   "near",    "of",         "off",       "on",      "onto",     "over",
    "since",   "than",   "through", "throughout", "to",        "toward",  "towards",  "under",
    "until",   "upon",   "via",     "with",       "within",    "without", "and",      "or",
    "nor",     "so",     "yet",     "although",   "because",   "if",      "once",     "unless",
    "whereas", "while",  "when",    "where",      "which",     "who",     "whom",     "whose",
    "that",    "it",     "its",     "they",       "them",      "he",      "she",      "we",
    "i",       "you",    "was",     "were",       "is",        "are",     "be",       "been",
    "has",     "have",   "had",     "do",         "does",      "did",     "will",     "would",
    "shall",   "should", "can",     "could",      "may",       "might",   "must",     "not",
    "also",    "then",   "there",   "here",       "however",   "january", "february", "march",
    "april",   "june",   "july",    "august",     "september", "october", "november", "december",
    NULL};
/* Words that cannot end one: prepositions, conjunctions, articles, determiners, ... */
static const char *const not_last[] = {
    "about", "after",  "against", "among",   "as",    "at",    "before", "between", "but",
    "by",    "during", "for",     "from",    "in",    "into",  "like",   "of",      "on",
    "over",  "since",  "than",    "through", "to",    "under", "until",  "upon",    "via",
    "with",  "within", "without", "and",     "or",    "nor",   "the",    "a",       "an",
    "this",  "that",   "these",   "those",   "its",   "their", "his",    "her",     "our",
    "which", "who",    "whose",   "was",     "were",  "is",    "are",    "be",      "been",
    "has",   "have",   "had",     "will",    "would", "can",   "could",  "may",     "might",
    "must",  "not",    NULL};

/*
 * Whether "Name all N <prompt>." reads as a question about a noun phrase: at
 * most 14 words, no quotation or clause punctuation (a quoted heading or a
 * sentence fragment), no leading preposition, conjunction, pronoun, auxiliary,
 * month or number (a fronted date or clause), and no trailing function word
 * (a phrase cut off mid-clause). A rule-based judgement: it accepts "countries
 * that joined in 2013" and "signatories of the treaty", and rejects "In
 * September of 1954", "parties listed under \"Bretton Woods" and "states that
 * decided that testing would not be included in this".
 */
static bool prompt_reads_as_noun_phrase(const char *prompt)
{
    if (!prompt || !*prompt)
        return false;
    if (strpbrk(prompt, "\":;") || strstr(prompt, "\xe2\x80\x9c") || strstr(prompt, "\xe2\x80\x9d"))
        return false;
    const char *first = NULL, *last = NULL;
    size_t first_n = 0, last_n = 0, words = 0;
    for (const char *p = prompt; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ' && *p != ',')
            p++;
        if (!words++) {
            first = w;
            first_n = (size_t)(p - w);
        }
        last = w;
        last_n = (size_t)(p - w);
    }
    if (!words || words > 14)
        return false;
    if ((*first >= '0' && *first <= '9') || word_in(first, first_n, not_first))
        return false;
    /* "in 2013" may end a prompt; a dangling function word may not */
    return !word_in(last, last_n, not_last);
}

static size_t prompts, prompts_np;

static void judge_prompt(const struct recite_gen_fact *f, const char *name)
{
    bool np = prompt_reads_as_noun_phrase(f->prompt);
    prompts++;
    prompts_np += np;
    if (verbose) {
        char *safe =
            recite_text_escape(f->prompt ? f->prompt : "", f->prompt ? strlen(f->prompt) : 0);
        printf("  %s prompt %s: Name all %zu %s  (L%u)\n", name,
               np ? "noun phrase" : "NOT a noun phrase", f->member_count, safe ? safe : "",
               f->line);
        free(safe);
    }
}

/*
 * Review aids: whether the facts marked low confidence are the wrong ones,
 * and how many errors a review from the top of the draft meets in its first half.
 */
#ifndef REVIEW_MARKED
#define REVIEW_MARKED(f) ((f)->confidence < 0.5)
#define REVIEW_SCORE(f) ((f)->confidence)
#endif
struct judged {
    double score;
    bool ok;
};
static struct judged judged[8192];
static size_t judged_count;
static size_t marked, marked_wrong, unmarked, unmarked_wrong;

static void judge(const struct recite_gen_fact *f, bool ok)
{
    if (REVIEW_MARKED(f)) {
        marked++;
        marked_wrong += !ok;
    } else {
        unmarked++;
        unmarked_wrong += !ok;
    }
    if (judged_count < sizeof(judged) / sizeof(judged[0]))
        judged[judged_count++] = (struct judged){REVIEW_SCORE(f), ok};
}

static int by_score(const void *a, const void *b)
{
    const struct judged *x = a, *y = b;
    return (x->score > y->score) - (x->score < y->score);
}

static void print_review_aids(void)
{
    double pm = marked ? (double)marked_wrong / (double)marked : 0.0;
    double pu = unmarked ? (double)unmarked_wrong / (double)unmarked : 0.0;
    printf("\nreview   marked low: %zu facts, %zu wrong (%.0f%%); unmarked: %zu facts, %zu wrong "
           "(%.0f%%)\n",
           marked, marked_wrong, 100.0 * pm, unmarked, unmarked_wrong, 100.0 * pu);
    qsort(judged, judged_count, sizeof(judged[0]), by_score);
    size_t wrong = 0, first_half = 0;
    for (size_t i = 0; i < judged_count; i++) {
        wrong += !judged[i].ok;
        first_half += !judged[i].ok && i < judged_count / 2;
    }
    printf("review   draft order: %zu of %zu wrong facts are in the first half\n", first_half, wrong);
}

/* Scores one document's facts against the gold rows of that document. */
static void score_doc(struct score out[3], const struct recite_gen_fact *facts, size_t count,
                      struct gold *g, const char *doc, const char *name)
{
    memset(out, 0, 3 * sizeof(*out));
    for (size_t i = 0; i < g->count; i++) {
        struct row *r = &g->rows[i];
        if (!same_doc(row_doc(r), doc))
            continue;
        enum kind k = row_kind(r);
        out[k].gold++;
        for (size_t j = 0; j < count && !r->hit; j++)
            r->hit = fact_matches(&facts[j], r, true);
        out[k].gold_hit += r->hit;
        if (!r->hit && verbose)
            printf("  %s miss %s %s %s %s\n", name, kind_names[k], r->f[0], r->f[1],
                   k == K_EVENT ? r->f[3] : "");
    }
    for (size_t j = 0; j < count; j++) {
        const struct recite_gen_fact *f = &facts[j];
        enum kind k = f->kind == RECITE_GEN_ACRONYM ? K_ACRONYM
                      : f->kind == RECITE_GEN_EVENT ? K_EVENT
                                                    : K_LIST;
        bool ok = false;
        for (size_t i = 0; i < g->count && !ok; i++)
            ok = same_doc(row_doc(&g->rows[i]), doc) && row_kind(&g->rows[i]) == k &&
                 fact_matches(f, &g->rows[i], false);
        out[k].pred++;
        out[k].pred_ok += ok;
        judge(f, ok);
        if (k == K_LIST)
            judge_prompt(f, name);
        if (!ok && verbose)
            show_fact("false positive", f);
    }
}

/* 1 when the micro-average s of kind k is below its --floor (and says so), else 0. */
static int check_floor(int k, const struct score *s)
{
    int below = 0;
    double p = s->pred ? (double)s->pred_ok / (double)s->pred : 1.0;
    double r = s->gold ? (double)s->gold_hit / (double)s->gold : 1.0;
    if (floor_p[k] >= 0 && p < floor_p[k]) {
        fprintf(stderr, "gen_eval: %s precision %.4f is below the floor %.4f\n", kind_names[k], p,
                floor_p[k]);
        below = 1;
    }
    if (floor_r[k] >= 0 && r < floor_r[k]) {
        fprintf(stderr, "gen_eval: %s recall %.4f is below the floor %.4f\n", kind_names[k], r,
                floor_r[k]);
        below = 1;
    }
    return below;
}

/* Exit status of a corpus run: 1 when a micro-average is below its --floor. */
static int check_floors(const struct score total[3])
{
    int below = 0;
    for (int k = 0; k < 3; k++)
        below |= check_floor(k, &total[k]);
    double share = prompts ? (double)prompts_np / (double)prompts : 1.0;
    if (floor_prompts >= 0 && share < floor_prompts) {
        fprintf(stderr,
                "gen_eval: %.4f of list prompts read as noun phrases, below the floor %.4f\n",
                share, floor_prompts);
        below = 1;
    }
    return below;
}

/* --floor KIND:P:R or prompts:SHARE; false when malformed. */
static bool parse_floor(const char *arg)
{
    const char *colon = strchr(arg, ':');
    if (!colon)
        return false;
    size_t n = (size_t)(colon - arg);
    char *end;
    double a = strtod(colon + 1, &end);
    if (end == colon + 1 || a < 0 || a > 1)
        return false;
    if (n == 7 && strncmp(arg, "prompts", 7) == 0) {
        floor_prompts = a;
        return *end == '\0';
    }
    for (int k = 0; k < 3; k++) {
        if (strlen(kind_names[k]) != n || strncmp(arg, kind_names[k], n) != 0)
            continue;
        if (*end != ':')
            return false;
        const char *r = end + 1;
        double b = strtod(r, &end);
        if (end == r || *end || b < 0 || b > 1)
            return false;
        floor_p[k] = a;
        floor_r[k] = b;
        return true;
    }
    return false;
}

static int eval_documents(const char *gold_path, char **docs, int n)
{
    struct gold g = {0};
    if (load_gold(&g, gold_path) < 0)
        return 1;
    struct score total[3] = {{0}};
    struct score per[64][3];
    size_t left_out = 0;
    if (n > 64)
        n = 64;
    for (int d = 0; d < n; d++) {
        struct recite_gen *gen = NULL;
        struct recite_error err = {0};
        if (recite_gen_new(&gen, NULL, &err) < 0 || recite_gen_add_file(gen, docs[d], NULL, &err) < 0) {
            fprintf(stderr, "gen_eval: %s\n", err.msg);
            recite_gen_free(gen);
            gold_free(&g);
            return 1;
        }
        size_t all, count = 0;
        const struct recite_gen_fact *facts = recite_gen_facts(gen, &all);
        /* what the draft offers: facts it writes commented out are no facts of the bank */
        struct recite_gen_fact *kept = calloc(all ? all : 1, sizeof(*kept));
        if (!kept) {
            fprintf(stderr, "gen_eval: out of memory\n");
            recite_gen_free(gen);
            gold_free(&g);
            return 1;
        }
        for (size_t i = 0; i < all; i++)
            if (recite_gen_fact_kept(&facts[i]))
                kept[count++] = facts[i];
        left_out += all - count;
        score_doc(per[d], kept, count, &g, docs[d], base_name(docs[d]));
        free(kept);
        for (int k = 0; k < 3; k++)
            score_add(&total[k], &per[d][k]);
        recite_gen_free(gen);
    }
    print_header();
    for (int k = 0; k < 3; k++) {
        for (int d = 0; d < n; d++)
            print_row(kind_names[k], base_name(docs[d]), &per[d][k]);
        print_row(kind_names[k], "(all, micro-average)", &total[k]);
    }
    printf(
        "\nprompts  %zu of %zu list prompts read as noun phrases after \"Name all N\" (%.0f%%)\n",
        prompts_np, prompts, prompts ? 100.0 * (double)prompts_np / (double)prompts : 100.0);
    printf("left out %zu facts the drafts write commented out (not scored)\n", left_out);
    print_review_aids();
    gold_free(&g);
    return check_floors(total);
}

/* ---- MED1250 ---- */

struct abstract {
    struct gen_buf_lite {
        char *data;
        size_t len;
    } text;
    char *sf[128], *lf[128];
    size_t pairs;
};

static void append(struct gen_buf_lite *b, const char *s, size_t n)
{
    b->data = realloc(b->data, b->len + n + 2);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len++] = '\n';
    b->data[b->len] = '\0';
}

static bool is_pmid(const char *line)
{
    if (!*line)
        return false;
    for (const char *p = line; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

static void score_abstract(struct score *s, struct abstract *a, const char *pmid)
{
    struct recite_gen *gen;
    struct recite_error err = {0};
    if (recite_gen_new(&gen, NULL, &err) < 0 ||
        recite_gen_add_buffer(gen, pmid, a->text.data ? a->text.data : "", a->text.len, &err) < 0) {
        fprintf(stderr, "gen_eval: %s: %s\n", pmid, err.msg);
        recite_gen_free(gen);
        return;
    }
    size_t count;
    const struct recite_gen_fact *facts = recite_gen_facts(gen, &count);
    for (size_t i = 0; i < a->pairs; i++) {
        bool hit = false;
        for (size_t j = 0; j < count && !hit; j++)
            hit = facts[j].kind == RECITE_GEN_ACRONYM && acronym_matches(&facts[j], a->sf[i], a->lf[i]);
        s->gold++;
        s->gold_hit += hit;
        if (!hit && verbose)
            printf("  %s miss %s|%s\n", pmid, a->sf[i], a->lf[i]);
    }
    for (size_t j = 0; j < count; j++) {
        if (facts[j].kind != RECITE_GEN_ACRONYM)
            continue;
        bool ok = false;
        for (size_t i = 0; i < a->pairs && !ok; i++)
            ok = acronym_matches(&facts[j], a->sf[i], a->lf[i]);
        s->pred++;
        s->pred_ok += ok;
        if (!ok && verbose)
            printf("  %s false positive %s|%s (%s)\n", pmid, facts[j].short_form,
                   facts[j].long_form, facts[j].rule);
    }
    recite_gen_free(gen);
}

static void abstract_clear(struct abstract *a)
{
    free(a->text.data);
    for (size_t i = 0; i < a->pairs; i++) {
        free(a->sf[i]);
        free(a->lf[i]);
    }
    memset(a, 0, sizeof(*a));
}

static int eval_med1250(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        perror(path);
        return 1;
    }
    struct score s = {0};
    struct abstract a = {0};
    char pmid[32] = "";
    size_t abstracts = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, fp)) >= 0) {
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (is_pmid(line)) {
            if (pmid[0]) {
                score_abstract(&s, &a, pmid);
                abstracts++;
            }
            abstract_clear(&a);
            snprintf(pmid, sizeof(pmid), "%s", line);
        } else if (strncmp(line, "  ", 2) == 0 && strchr(line, '|') && a.pairs < 128) {
            char *bar = strchr(line, '|');
            a.sf[a.pairs] = strndup(line + 2, (size_t)(bar - line - 2));
            a.lf[a.pairs++] = strdup(bar + 1);
        } else if (strncmp(line, "//", 2) != 0) {
            append(&a.text, line, (size_t)len);
        }
    }
    if (pmid[0]) {
        score_abstract(&s, &a, pmid);
        abstracts++;
    }
    abstract_clear(&a);
    free(line);
    fclose(fp);
    printf("MED1250: %zu abstracts, %zu labelled definitions, %zu predicted\n", abstracts,
           s.gold, s.pred);
    print_header();
    print_row("acronym", "MED1250 (micro-average)", &s);
    printf("published: Ab3P P 0.9650 R 0.8320; Schwartz & Hearst P 0.96 R 0.82 (Medstract)\n");
    return check_floor(K_ACRONYM, &s);
}

int main(int argc, char **argv)
{
    int i = 1;
    const char *med = NULL;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "--strict") == 0)
            strict = 1;
        else if (strcmp(argv[i], "--med1250") == 0 && i + 1 < argc)
            med = argv[++i];
        else if (strcmp(argv[i], "--floor") == 0 && i + 1 < argc && parse_floor(argv[i + 1]))
            i++;
        else {
            fprintf(stderr,
                    "usage: gen_eval [-v] [--strict] [--floor KIND:P:R|prompts:SHARE]... "
                    "GOLD.tsv DOC...\n"
                    "       gen_eval [-v] [--floor acronym:P:R] --med1250 MED1250_labeled\n");
            return 64;
        }
    }
    if (med)
        return eval_med1250(med);
    if (argc - i < 2) {
        fprintf(stderr, "usage: gen_eval [-v] [--strict] [--floor KIND:P:R|prompts:SHARE]... "
                        "GOLD.tsv DOC...\n");
        return 64;
    }
    return eval_documents(argv[i], argv + i + 1, argc - i - 1);
}
