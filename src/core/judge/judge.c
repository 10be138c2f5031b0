/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The judge: one call decides what a reply to a card earns and writes the
 * feedback the student reads. Front ends print it and never grade. The
 * rules are stated in include/recite/judge.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "judge_internal.h"
#include "recite/buf.h"

#define FOLD_MAX 1024 /* longer replies are compared as normalised, unfolded */

int recite_judge_new(struct recite_judge **out, const char *language, struct recite_error *err)
{
    *out = NULL;
    struct recite_judge *judge = calloc(1, sizeof(*judge));
    if (!judge || !(judge->language = recite_strdup(language ? language : "en"))) {
        free(judge);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    *out = judge;
    return 0;
}

void recite_judge_free(struct recite_judge *judge)
{
    if (!judge)
        return;
    lexicon_release(judge);
    dict_close(judge->dict);
    free(judge->language);
    free(judge);
}

const char *recite_judgement_verdict_name(const struct recite_judgement *judgement)
{
    static const char *const names[] = {"wrong", "partial", "almost", "right"};
    if (judgement->unclear)
        return "unclear";
    return names[judgement->verdict & 3];
}

void recite_judgement_release(struct recite_judgement *judgement)
{
    if (!judgement)
        return;
    free(judgement->feedback);
    judgement->feedback = NULL;
}

/* One judging call: the card, the reply, and the feedback being written. */
struct call {
    struct recite_judge *judge;
    const struct recite_card *card;
    const char *reply;
    struct recite_judgement *out;
    FILE *fb; /* feedback, an open_memstream */
    struct recite_error *err;
    bool typed; /* judged as typed text, whatever the card's kind */
};

static void set(struct call *c, enum recite_answer_verdict verdict, double credit)
{
    c->out->verdict = verdict;
    c->out->credit = credit;
    c->out->rating = recite_answer_rating(verdict);
    c->out->unclear = false;
}

static void unclear(struct call *c, const char *why)
{
    set(c, RECITE_ANSWER_WRONG, 0.0);
    c->out->unclear = true;
    fputs(why, c->fb);
}

static const char *verdict_word(enum recite_answer_verdict verdict)
{
    switch (verdict) {
    case RECITE_ANSWER_RIGHT:
        return "right";
    case RECITE_ANSWER_ALMOST:
        return "almost";
    case RECITE_ANSWER_PARTIAL:
        return "partly right";
    default:
        return "wrong";
    }
}

/* A set's choice card asked without options: any member is the answer. */
static bool any_member(const struct call *c)
{
    return c->typed && c->card->answer_kind == RECITE_ANSWER_CHOICE && c->card->member_count > 0;
}

/*
 * "right", or "wrong: EXPECTED" / "almost: EXPECTED"; when any member
 * would do, EXPECTED is said to be one of several.
 */
static void say_expected(struct call *c, const char *expected)
{
    fputs(verdict_word(c->out->verdict), c->fb);
    if (c->out->verdict != RECITE_ANSWER_RIGHT && expected)
        fprintf(c->fb, any_member(c) && c->out->verdict == RECITE_ANSWER_WRONG ? ": %s, for one"
                                                                                 : ": %s",
                expected);
}

/* ---- equivalences on normalised text ---- */

/* Is text nothing but one number ("32", "thirty-two")? Its value in *out. */
static bool only_number(const char *text, double *out)
{
    struct recite_answer_number n[2];
    if (recite_answer_numbers(n, 2, text) != 1 || n[0].start != 0 || n[0].end != strlen(text))
        return false;
    *out = n[0].value;
    return true;
}

/*
 * Equal as a teacher reads them: British or American spelling, "Art." for
 * "Article", spacing, a number in digits or words. (A plural or another
 * inflection is a slip, judged almost: see same_content().)
 */
static bool same_reading(const char *a, const char *b)
{
    char x[FOLD_MAX], y[FOLD_MAX];
    double u, v;
    if (strcmp(a, b) == 0)
        return true;
    if (only_number(a, &u) && only_number(b, &v))
        return u == v;
    if (!words_fold(x, sizeof(x), a) || !words_fold(y, sizeof(y), b))
        return false;
    if (strcmp(x, y) == 0)
        return true;
    char xs[FOLD_MAX], ys[FOLD_MAX];
    return words_unspaced(xs, sizeof(xs), x) && words_unspaced(ys, sizeof(ys), y) &&
           strcmp(xs, ys) == 0;
}

/* Several names joined by "and", given in another order. */
static bool same_items(const char *reply, const char *answer)
{
    char x[FOLD_MAX], y[FOLD_MAX], xs[FOLD_MAX], ys[FOLD_MAX];
    if (!strstr(answer, " and ") || !strstr(reply, " and "))
        return false;
    return words_fold(x, sizeof(x), reply) && words_fold(y, sizeof(y), answer) &&
           words_items_sorted(xs, sizeof(xs), x) && words_items_sorted(ys, sizeof(ys), y) &&
           strcmp(xs, ys) == 0;
}

/*
 * The same words but for small ones and inflections ("Forces" for "Force",
 * "Member" for "Membership"): a slip, not another answer. A word left out
 * is not one: "International Security Force" is another force.
 */
static bool same_content(const char *reply, const char *answer)
{
    char x[FOLD_MAX], y[FOLD_MAX];
    if (!words_content(x, sizeof(x), reply) || !words_content(y, sizeof(y), answer) || !x[0])
        return false;
    return strcmp(x, y) == 0 || words_same_stems(x, y);
}

/*
 * A number answer ("32", "Article 5", "2%") given with the same number and
 * only words the question or the answer itself uses (its unit noun).
 */
static bool same_number(const char *reply, const char *answer, const char *prompt_norm)
{
    struct recite_answer_number nums[2];
    char words_buf[2048];
    const char *allowed[160];
    size_t a = strlen(answer), p = strlen(prompt_norm);
    if (a + p + 2 > sizeof(words_buf))
        return false;
    memcpy(words_buf, answer, a);
    words_buf[a] = ' ';
    memcpy(words_buf + a + 1, prompt_norm, p + 1);
    for (char *q = words_buf; *q; q++)
        if (*q == ' ')
            *q = '\n';
    size_t n = 0;
    for (char *q = words_buf; *q && n + 1 < sizeof(allowed) / sizeof(allowed[0]);) {
        char *end = strchr(q, '\n');
        if (end)
            *end = '\0';
        allowed[n++] = q;
        if (!end)
            break;
        q = end + 1;
    }
    /* a count of members may name them by any word for one ("32 countries" for "member states") */
    static const char *const members[] = {"member", "members", "state", "states", "country",
                                          "countries", "nation", "nations", "ally", "allies",
                                          "memberstates"};
    enum { FAMILY = sizeof(members) / sizeof(members[0]) };
    bool counts_members = false;
    for (size_t i = 0; i < n && !counts_members; i++)
        for (size_t k = 0; k < FAMILY && !counts_members; k++)
            counts_members = strcmp(allowed[i], members[k]) == 0;
    for (size_t k = 0; counts_members && k < FAMILY && n + 1 < sizeof(allowed) / sizeof(allowed[0]);
         k++)
        allowed[n++] = members[k];
    allowed[n] = NULL;
    return recite_answer_numbers(nums, 2, answer) == 1 &&
           recite_answer_same_number(reply, nums[0].value, allowed);
}

/* ---- typed answers ---- */

bool judge_dont_know(const char *norm)
{
    static const char *const phrases[] = {"idk", "dunno", "dont know", "i dont know", "no idea",
                                          "pass", "not sure", "no clue", "i have no idea"};
    for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
        if (strcmp(norm, phrases[i]) == 0)
            return true;
    return false;
}

/*
 * Normalises a reply with its possessive 's taken off ("Brezhnev's
 * doctrine" is the Brezhnev Doctrine), which normalisation alone would glue
 * to the word.
 */
static int norm_possessive_free(struct norm_text *out, const char *reply, size_t n,
                                const char *language)
{
    char *copy = malloc(n + 1);
    if (!copy)
        return RECITE_ENOMEM;
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t q = reply[i] == '\'' ? 1 : strncmp(reply + i, "\xe2\x80\x99", 3) == 0 ? 3 : 0;
        if (q && i > 0 && reply[i - 1] != ' ' && i + q < n && (reply[i + q] | 0x20) == 's' &&
            (i + q + 1 == n || reply[i + q + 1] == ' ' || reply[i + q + 1] == ',')) {
            i += q; /* skip the apostrophe and the s */
            continue;
        }
        copy[len++] = reply[i];
    }
    int rc = norm_make(out, copy, len, language);
    free(copy);
    return rc;
}

/* Is the card's answer a date: a year, a month, a day or a range of years? */
static bool date_answer(const struct recite_card *card, struct recite_answer_date *out)
{
    const char *a = card->accepted_count ? card->accepted[0] : NULL;
    if (!a || !(a[0] >= '0' && a[0] <= '9') || strspn(a, "0123456789") != 4)
        return false;
    return recite_answer_date_parse(out, a) == 0;
}

/*
 * "about 32", "c. 1997": a hedge before the answer, which the question does
 * not allow. Its length with the space after it at s, else 0.
 */
static size_t hedge_at(const char *s)
{
    static const char *const hedges[] = {"about", "around", "approximately", "approx.", "approx",
                                         "roughly", "circa", "ca.", "ca", "c.", "c", "some",
                                         NULL};
    for (size_t k = 0; hedges[k]; k++) {
        size_t m = strlen(hedges[k]);
        if (strncasecmp(s, hedges[k], m) == 0 && s[m] == ' ')
            return m + 1;
    }
    return 0;
}

/* A right answer said with the hedge of h bytes at reply: almost, the hedge named. */
static void say_hedged(struct call *c, const char *expected, const char *what, const char *reply,
                       size_t h)
{
    set(c, RECITE_ANSWER_ALMOST, 1.0);
    say_expected(c, expected);
    fprintf(c->fb, "\n  (the %s is right: give it without \"%.*s\")", what, (int)(h - 1), reply);
}

/*
 * The reply a date is read from: without parenthesised asides ("2008
 * (Bucharest)"), and a year said in words ("nineteen fifty-two") as digits.
 * Writes into buf (size bytes) and returns it.
 */
static const char *date_reply(char *buf, size_t size, const char *reply, const char *language)
{
    size_t len = 0;
    int depth = 0;
    for (const char *p = reply; *p && len + 1 < size; p++) {
        depth += *p == '(';
        if (depth == 0)
            buf[len++] = *p;
        depth -= *p == ')' && depth > 0;
    }
    buf[len] = '\0';
    struct recite_answer_date d;
    if (recite_answer_date_parse(&d, buf) == 0)
        return buf;
    struct norm_text n;
    double year;
    if (norm_make(&n, buf, len, language) == 0) {
        if (only_number(n.text, &year) && year >= 1 && year <= 9999 && year == (int)year)
            snprintf(buf, size, "%d", (int)year);
        norm_release(&n);
    }
    return buf;
}

static int judge_date(struct call *c, const struct recite_answer_date *known)
{
    struct recite_answer_date_result r;
    char reply[RECITE_ANSWER_MAX_BYTES + 1];
    size_t h = hedge_at(c->reply);
    int rc = recite_answer_check_date(&r, date_reply(reply, sizeof(reply), c->reply + h,
                                                     c->judge->language),
                                      known, recite_answer_date_precision(known), c->err);
    if (rc < 0)
        return rc;
    if (h && r.verdict == RECITE_ANSWER_RIGHT && !(r.flags & RECITE_ANSWER_EMPTY)) {
        say_hedged(c, c->card->accepted[0], "date", c->reply, h);
        return 0;
    }
    if (r.flags & RECITE_ANSWER_EMPTY) {
        unclear(c, "type an answer (? if you do not know)");
        return 0;
    }
    if (r.flags & RECITE_ANSWER_AMBIGUOUS) {
        unclear(c, "that date reads two ways (day/month or month/day): write the month as a "
                   "word, e.g. 9 May 1955");
        return 0;
    }
    set(c, r.verdict, r.verdict == RECITE_ANSWER_RIGHT     ? 1.0
                      : r.verdict == RECITE_ANSWER_PARTIAL ? 0.5
                                                           : 0.0);
    say_expected(c, c->card->accepted[0]);
    char offset[96];
    if (r.off_unit != RECITE_DATE_NONE && recite_answer_describe_offset(offset, sizeof(offset), &r))
        fprintf(c->fb, "\n  (%s)", offset);
    else if (r.verdict == RECITE_ANSWER_PARTIAL)
        fputs("\n  (right as far as it goes, but less precise than asked)", c->fb);
    return 0;
}

/* A spelling that is one all-capital token ("INF", "CTBT"): no typo is a slip there. */
static bool is_acronym(const char *text)
{
    size_t caps = 0;
    for (const char *p = text; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            caps++;
        else if (!(*p >= '0' && *p <= '9') && *p != '-' && *p != '&')
            return false;
    }
    return caps >= 2;
}

/* What a typed reply is checked against: spellings and how to treat them. */
struct typed_key {
    const char **raw;        /* as the bank writes them */
    struct norm_text *norm;  /* normalised */
    size_t count;
    const char *canonical;   /* shown as the answer */
    const char *prompt_norm; /* the question, normalised: its words may go with a number */
};

static bool list_fold(void *ctx, char *out, size_t size, const char *text)
{
    (void)ctx;
    return words_fold_plural(out, size, text);
}

/* What the list checker asks the judge: the set's own spellings are no other names. */
struct list_hooks {
    struct recite_judge *judge;
    const struct norm_text *own; /* every member's spellings, normalised */
    size_t own_count;
};

/* A typo for a member unless another name is as near, or it is a real word. */
static bool list_typo_ok(void *ctx, const char *item, const char *spelling)
{
    struct list_hooks *h = ctx;
    struct norm_text n;
    if (norm_make(&n, item, strlen(item), h->judge->language) < 0)
        return false;
    unsigned d = recite_answer_distance(item, spelling, 3);
    const char *other = NULL;
    bool ok = !lexicon_other_name(h->judge, &n, d, h->own, h->own_count, &other) &&
              words_typo_ok(h->judge, item, spelling);
    norm_release(&n);
    return ok;
}

static bool list_known(void *ctx, const char *text)
{
    struct list_hooks *h = ctx;
    return lexicon_knows(h->judge, text);
}

/* The accepted answer names several things ("Sweden and Finland") the bank knows by name. */
static bool names_several(struct recite_judge *judge, const char *answer_norm)
{
    char copy[FOLD_MAX];
    size_t n = strlen(answer_norm), items = 0;
    if (n >= sizeof(copy) || !strstr(answer_norm, " and "))
        return false;
    memcpy(copy, answer_norm, n + 1);
    for (char *p = copy; p;) {
        char *and = strstr(p, " and ");
        if (and)
            *and = '\0';
        if (lexicon_group_of(judge, p) < 0)
            return false;
        items++;
        p = and ? and + 5 : NULL;
    }
    return items >= 2;
}

/*
 * A typed answer that names several things is graded as a list: naming
 * one of two is half right. Returns true when it graded the reply.
 */
static int judge_as_list(struct call *c, const struct typed_key *key, bool *done)
{
    *done = false;
    if (!names_several(c->judge, key->norm[0].text))
        return 0;
    char copy[FOLD_MAX];
    const char *items[32];
    size_t count = 0;
    memcpy(copy, key->norm[0].text, strlen(key->norm[0].text) + 1);
    for (char *p = copy; p && count < 32;) {
        char *and = strstr(p, " and ");
        if (and)
            *and = '\0';
        items[count++] = p;
        p = and ? and + 5 : NULL;
    }
    struct recite_answer_member members[32];
    struct norm_text own[32];
    int rc = 0;
    for (size_t i = 0; i < count; i++) {
        members[i] = (struct recite_answer_member){&items[i], 1};
        if (norm_make(&own[i], items[i], strlen(items[i]), c->judge->language) < 0)
            rc = RECITE_ENOMEM;
    }
    struct recite_answer_list_result *r = NULL;
    struct list_hooks hooks = {c->judge, own, count};
    if (rc == 0) {
        struct recite_answer_set set = {members,      count,     NULL,       0,     c->judge->language,
                                        false,        list_typo_ok, list_fold, list_known, &hooks};
        rc = recite_answer_check_list(&r, c->reply, &set, c->err);
    }
    if (rc == 0 && r->found_count > 0) {
        *done = true;
        set(c, r->verdict, r->credit);
        c->out->rating = r->rating;
        say_expected(c, key->canonical);
    }
    recite_answer_list_result_free(r);
    for (size_t i = 0; i < count; i++)
        norm_release(&own[i]);
    return rc;
}

/*
 * An acronym followed by words of the question ("INF Treaty" when asked
 * which acronym stands for the Intermediate-Range Nuclear Forces Treaty).
 */
static bool acronym_with_noun(const char *reply, const char *acronym, const char *prompt_norm)
{
    size_t n = strlen(acronym);
    if (strncmp(reply, acronym, n) != 0 || reply[n] != ' ')
        return false;
    for (const char *p = reply + n + 1; *p;) {
        size_t k = strcspn(p, " ");
        bool found = false;
        for (const char *q = prompt_norm; *q && !found;) {
            size_t m = strcspn(q, " ");
            found = m == k && strncmp(p, q, k) == 0;
            q += m;
            q += strspn(q, " ");
        }
        if (!found)
            return false;
        p += k;
        p += strspn(p, " ");
    }
    return true;
}

/* The typed reply r against the key. */
static int judge_text_norm(struct call *c, const struct norm_text *r, const struct typed_key *key)
{
    for (size_t i = 0; i < key->count; i++) {
        const struct norm_text *a = &key->norm[i];
        if (a->len && (same_reading(r->text, a->text) || same_items(r->text, a->text) ||
                       same_number(r->text, a->text, key->prompt_norm) ||
                       (is_acronym(key->raw[i]) &&
                        acronym_with_noun(r->text, a->text, key->prompt_norm)))) {
            set(c, RECITE_ANSWER_RIGHT, 1.0);
            say_expected(c, key->canonical);
            return 0;
        }
    }
    /* "about 32" for 32: the number is right, said with a hedge the question does not allow */
    size_t h = hedge_at(r->text);
    for (size_t i = 0; h && i < key->count; i++) {
        const struct norm_text *a = &key->norm[i];
        if (a->len && same_number(r->text + h, a->text, key->prompt_norm)) {
            size_t raw = hedge_at(c->reply); /* named as typed: "c." not "c" */
            say_hedged(c, key->canonical, "number", raw ? c->reply : r->text, raw ? raw : h);
            return 0;
        }
    }
    bool done = false;
    int rc = judge_as_list(c, key, &done);
    if (rc < 0 || done)
        return rc;
    /* The nearest spelling within its tolerance, unless another name is as near. */
    int best = -1;
    unsigned best_d = 0;
    for (size_t i = 0; i < key->count; i++) {
        const struct norm_text *a = &key->norm[i];
        if (!a->len)
            continue;
        if (is_acronym(key->raw[i]))
            continue; /* CTBTO is another body than the CTBT: no slip in an acronym */
        unsigned d = same_content(r->text, a->text) ? 1 : UINT32_MAX;
        if (d > 1) {
            unsigned limit = fuzzy_limit(r, a, false);
            d = norm_distance(r, a, limit);
            d = d <= limit ? d : UINT32_MAX;
        }
        if (d != UINT32_MAX && (best < 0 || d < best_d)) {
            best = (int)i;
            best_d = d;
        }
    }
    const char *other = NULL;
    if (best >= 0 && !lexicon_other_name(c->judge, r, best_d, key->norm, key->count, &other) &&
        (same_content(r->text, key->norm[best].text) ||
         words_typo_ok(c->judge, r->text, key->norm[best].text))) {
        set(c, RECITE_ANSWER_ALMOST, 1.0);
        /* the spelling the slip was for: any member, or "Union of Soviet Socialist Republics"
           where the card names the "Soviet Union" first */
        say_expected(c, key->raw[best]);
        return 0;
    }
    /* a long name with two neighbouring words swapped, unless it names something else the
       bank knows */
    char x[FOLD_MAX], y[FOLD_MAX];
    bool reply_words = words_content(x, sizeof(x), r->text);
    for (size_t i = 0; reply_words && i < key->count; i++) {
        if (!key->norm[i].len || is_acronym(key->raw[i]) ||
            !words_content(y, sizeof(y), key->norm[i].text) || !words_reordered(x, y) ||
            lexicon_other_name(c->judge, r, 0, key->norm, key->count, &other))
            continue;
        set(c, RECITE_ANSWER_ALMOST, 1.0);
        say_expected(c, key->raw[i]);
        fputs("\n  (two words swapped)", c->fb);
        return 0;
    }
    set(c, RECITE_ANSWER_WRONG, 0.0);
    say_expected(c, key->canonical);
    if (best >= 0)
        fputs("\n  (not a slip: that is a different name or word)", c->fb);
    return 0;
}

/* ---- an event told in one's own words ---- */

/* The names of an event's text: runs of capitalised words ("Greece", "Cold War"), normalised. */
static size_t event_names(struct norm_text *out, size_t cap, const char *text, const char *language)
{
    size_t n = 0;
    for (const char *p = text; *p && n < cap;) {
        p += strspn(p, " ,;:()\"");
        const char *start = p, *end = p;
        while (*p && ((*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0xc0)) {
            p += strcspn(p, " ,;:()\"");
            end = p;
            if (*p == ' ' && ((p[1] >= 'A' && p[1] <= 'Z') || (unsigned char)p[1] >= 0xc0))
                p++;
            else
                break;
        }
        if (end > start) {
            if (norm_make(&out[n], start, (size_t)(end - start), language) < 0)
                break;
            n += out[n].len > 0;
        } else {
            p += strcspn(p, " ,;:()\"");
        }
    }
    return n;
}

/* Does text hold phrase as whole words? */
static bool has_words(const char *text, const char *phrase)
{
    size_t n = strlen(phrase);
    for (const char *p = strstr(text, phrase); p; p = strstr(p + 1, phrase))
        if ((p == text || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return true;
    return false;
}

/*
 * "What happened in 1952?" answered in one's own words: right when the
 * reply names at least half of the event's names (at least one) and
 * nothing the event does not (another country, another body the bank
 * knows): "Greece and Turkey join NATO" for "Greece and Türkiye become NATO
 * members", but never "Greece and Montenegro".
 */
static bool same_event(struct call *c, const struct norm_text *r)
{
    struct norm_text names[16];
    size_t count = event_names(names, 16, c->card->accepted[0], c->judge->language);
    size_t named = 0;
    for (size_t i = 0; i < count; i++) {
        bool said = has_words(r->text, names[i].text);
        for (const char *p = r->text; !said && *p;) {
            size_t k = strcspn(p, " ");
            char word[64];
            if (k < sizeof(word)) {
                memcpy(word, p, k);
                word[k] = '\0';
                said = lexicon_same_thing(c->judge, word, names[i].text);
            }
            p += k;
            p += strspn(p, " ");
        }
        named += said;
    }
    bool foreign = lexicon_names_other(c->judge, r->text, names, count);
    for (size_t i = 0; i < count; i++)
        norm_release(&names[i]);
    return count > 0 && named * 2 >= count && named > 0 && !foreign;
}

/*
 * The spellings a typed reply may give: the card's accepted ones, and for a
 * set's choice card asked without options, every member's.
 */
static int typed_spellings(const char ***out, size_t *count, const struct recite_card *card)
{
    size_t n = card->accepted_count;
    for (size_t i = 0; card->answer_kind == RECITE_ANSWER_CHOICE && i < card->member_count; i++)
        n += card->members[i].alt_count;
    *out = calloc(n + 1, sizeof(**out));
    if (!*out)
        return RECITE_ENOMEM;
    *count = 0;
    for (size_t i = 0; i < card->accepted_count; i++)
        (*out)[(*count)++] = card->accepted[i];
    for (size_t i = 0; card->answer_kind == RECITE_ANSWER_CHOICE && i < card->member_count; i++)
        for (size_t k = 0; k < card->members[i].alt_count; k++)
            (*out)[(*count)++] = card->members[i].alts[k];
    return 0;
}

static int judge_any_member_list(struct call *c, bool *done);

static int judge_typed(struct call *c)
{
    const struct recite_card *card = c->card;
    c->typed = true;
    struct norm_text r = {0}, prompt = {0};
    struct typed_key key = {0};
    size_t n = strnlen(c->reply, RECITE_ANSWER_MAX_BYTES + 1);
    int rc = 0;
    const char *canonical = card->accepted_count ? card->accepted[0] : "";
    if (n > RECITE_ANSWER_MAX_BYTES) {
        set(c, RECITE_ANSWER_WRONG, 0.0);
        say_expected(c, canonical);
        fputs("\n  (the reply is too long to read)", c->fb);
        return 0;
    }
    if ((rc = norm_possessive_free(&r, c->reply, n, c->judge->language)) < 0)
        goto out;
    const char *trimmed = c->reply + strspn(c->reply, " \t");
    if (card->accepted_count == 0 || judge_dont_know(r.text) || trimmed[0] == '?') {
        set(c, RECITE_ANSWER_WRONG, 0.0);
        say_expected(c, canonical);
        goto out;
    }
    if (r.len == 0) {
        unclear(c, "type an answer (? if you do not know)");
        goto out;
    }
    struct recite_answer_date known;
    if (date_answer(card, &known)) {
        rc = judge_date(c, &known);
        goto out;
    }
    bool done = false;
    if (any_member(c) && ((rc = judge_any_member_list(c, &done)) < 0 || done))
        goto out;
    if ((rc = typed_spellings(&key.raw, &key.count, card)) < 0)
        goto out;
    key.canonical = canonical;
    if (!(key.norm = calloc(key.count + 1, sizeof(*key.norm))))
        rc = RECITE_ENOMEM;
    for (size_t i = 0; rc == 0 && i < key.count; i++)
        rc = norm_make(&key.norm[i], key.raw[i], strlen(key.raw[i]), c->judge->language);
    const char *p = card->prompt ? card->prompt : "";
    if (rc == 0 && card->fact_kind == RECITE_FACT_EVENT &&
        card->answer_kind == RECITE_ANSWER_CHOICE && same_event(c, &r)) {
        set(c, RECITE_ANSWER_RIGHT, 1.0);
        say_expected(c, canonical);
    } else if (rc == 0 && (rc = norm_make(&prompt, p, strlen(p), c->judge->language)) == 0) {
        key.prompt_norm = prompt.text;
        rc = judge_text_norm(c, &r, &key);
    }
out:
    for (size_t i = 0; key.norm && i < key.count; i++)
        norm_release(&key.norm[i]);
    free(key.norm);
    free((void *)key.raw);
    norm_release(&prompt);
    norm_release(&r);
    return rc;
}

/* ---- choice ---- */

/*
 * The option letters a reply names when it is nothing but letters ("b",
 * "(b)", "b.", "b and c", "d c"): a bit per letter; 0 when it has a word.
 */
static uint32_t reply_letters(const char *reply)
{
    uint32_t letters = 0;
    const char *p = reply;
    while (*p) {
        p += strspn(p, " \t,;()./:-");
        if (!*p)
            break;
        size_t n = strcspn(p, " \t,;()./:-");
        if (n == 1 && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
            letters |= 1u << ((*p | 0x20) - 'a');
        else if (!((n == 3 && strncmp(p, "and", 3) == 0) || (n == 2 && strncmp(p, "or", 2) == 0)))
            return 0;
        p += n;
    }
    return letters;
}

static bool names_option(struct call *c, const struct norm_text *r, const struct norm_text *option,
                         size_t index);

/*
 * "c) the Euro-Atlantic Partnership Council ...": a letter with the text of
 * its option. Returns the option, -2 when the text names another or none,
 * -1 when the reply is not of that shape.
 */
static int letter_and_text(struct call *c, const char *reply)
{
    const char *p = reply + strspn(reply, " \t");
    bool open = *p == '(';
    p += open;
    int letter = (*p | 0x20) - 'a';
    if (letter < 0 || letter >= 26 || !strchr(").:", p[1]) || p[1] == '\0' ||
        (size_t)letter >= c->card->option_count)
        return -1;
    const char *text = p + 2 + strspn(p + 2, " \t");
    if (!*text)
        return -1;
    struct norm_text r, o;
    if (norm_make(&r, text, strlen(text), c->judge->language) < 0)
        return -1;
    const char *option = c->card->options[letter];
    bool same = norm_make(&o, option, strlen(option), c->judge->language) == 0 &&
                names_option(c, &r, &o, (size_t)letter);
    norm_release(&o);
    norm_release(&r);
    return same ? letter : -2;
}

/* Does r name the option, in any spelling the bank gives it? */
static bool names_option(struct call *c, const struct norm_text *r, const struct norm_text *option,
                         size_t index)
{
    if (same_reading(r->text, option->text))
        return true;
    if (index == c->card->correct) {
        for (size_t i = 0; i < c->card->accepted_count; i++) {
            struct norm_text a;
            if (norm_make(&a, c->card->accepted[i], strlen(c->card->accepted[i]),
                          c->judge->language) < 0)
                return false;
            bool same = a.len && same_reading(r->text, a.text);
            norm_release(&a);
            if (same)
                return true;
        }
    }
    return lexicon_reads_as(c->judge, r->text, option->text, same_reading);
}

/*
 * The option whose last words the reply gives ("Lugar" for "Richard
 * Lugar", "Gorbachov" for "Mikhail Gorbachev"), exactly or with a slip
 * that makes no word; -1 none, -2 several.
 */
static int choose_by_surname(struct call *c, const struct norm_text *r, const struct norm_text *opts)
{
    int chosen = -1;
    for (size_t i = 0; i < c->card->option_count; i++) {
        const char *o = opts[i].text;
        for (const char *sp = strchr(o, ' '); sp; sp = strchr(sp + 1, ' ')) {
            struct norm_text tail;
            if (norm_make(&tail, sp + 1, strlen(sp + 1), NULL) < 0)
                return -1;
            unsigned limit = fuzzy_limit(r, &tail, false);
            bool hit = tail.len > 2 && norm_distance(r, &tail, limit) <= limit &&
                       (strcmp(r->text, tail.text) == 0 || words_typo_ok(c->judge, r->text, tail.text));
            norm_release(&tail);
            if (!hit)
                continue;
            if (chosen >= 0 && chosen != (int)i)
                return -2;
            chosen = (int)i;
            break;
        }
    }
    return chosen;
}

/* The option r names by its text, or a typo of one; -1 none, -2 several. */
static int choose_text(struct call *c, const struct norm_text *r, const struct norm_text *opts)
{
    size_t count = c->card->option_count;
    int chosen = -1;
    for (size_t i = 0; i < count; i++) {
        if (!names_option(c, r, &opts[i], i))
            continue;
        if (chosen >= 0)
            return -2;
        chosen = (int)i;
    }
    if (chosen >= 0)
        return chosen;
    if ((chosen = choose_by_surname(c, r, opts)) != -1)
        return chosen;
    unsigned best = 0;
    bool tie = false;
    for (size_t i = 0; i < count; i++) {
        unsigned limit = fuzzy_limit(r, &opts[i], false);
        unsigned d = opts[i].len ? norm_distance(r, &opts[i], limit) : limit + 1;
        if (d > limit || !words_typo_ok(c->judge, r->text, opts[i].text))
            continue;
        if (chosen < 0 || d < best) {
            chosen = (int)i;
            best = d;
            tie = false;
        } else if (d == best) {
            tie = true;
        }
    }
    const char *other = NULL;
    if (chosen >= 0 && lexicon_other_name(c->judge, r, best, &opts[chosen], 1, &other))
        return -1;
    return tie ? -2 : chosen;
}

static int judge_choice(struct call *c)
{
    const struct recite_card *card = c->card;
    size_t count = card->option_count;
    if (count == 0 || count > 26 || card->correct >= count)
        return recite_error_set(c->err, RECITE_EUSAGE, "a choice needs 1 to 26 options and a right one");
    size_t n = strnlen(c->reply, RECITE_ANSWER_MAX_BYTES + 1);
    if (n > RECITE_ANSWER_MAX_BYTES) {
        unclear(c, "that is none of the options: answer with one letter or an option's text");
        return 0;
    }
    int chosen = -1;
    uint32_t letters = reply_letters(c->reply);
    if (!letters && (chosen = letter_and_text(c, c->reply)) != -1) {
        if (chosen < 0) {
            unclear(c, "the letter and the text name different options: choose one");
            return 0;
        }
        letters = 1u << chosen;
    }
    if (letters) {
        if (letters & (letters - 1)) {
            unclear(c, "choose one option: answer with one letter");
            return 0;
        }
        for (int i = 0; i < 26; i++)
            if (letters == 1u << i)
                chosen = i;
        if ((size_t)chosen >= count) {
            unclear(c, "there is no such option: answer with one of the letters shown");
            return 0;
        }
    } else {
        struct norm_text r = {0};
        struct norm_text *opts = calloc(count, sizeof(*opts));
        int rc = opts ? norm_make(&r, c->reply, n, c->judge->language) : RECITE_ENOMEM;
        for (size_t i = 0; rc == 0 && i < count; i++)
            rc = norm_make(&opts[i], card->options[i], strlen(card->options[i]), c->judge->language);
        if (rc == 0 && r.len)
            chosen = choose_text(c, &r, opts);
        for (size_t i = 0; opts && i < count; i++)
            norm_release(&opts[i]);
        free(opts);
        norm_release(&r);
        if (rc < 0)
            return rc;
        if (chosen < 0) {
            unclear(c, chosen == -2 ? "choose one option: that reply fits more than one"
                                    : "that is none of the options: answer with one letter or "
                                      "an option's text");
            return 0;
        }
    }
    bool right = (size_t)chosen == card->correct;
    set(c, right ? RECITE_ANSWER_RIGHT : RECITE_ANSWER_WRONG, right ? 1.0 : 0.0);
    fputs(right ? "right" : "wrong", c->fb);
    if (!right)
        fprintf(c->fb, ": %c) %s", (char)('a' + card->correct), card->options[card->correct]);
    return 0;
}

/* ---- yes / no ---- */

static int word_in(const char *word, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && strncmp(word, list[i], n) == 0)
            return 1;
    return 0;
}

/*
 * Reads a yes or no said as people say it ("yep", "no it isn't", "not
 * true", "correct"). Returns 1 yes, 0 no, -1 when it is neither or both.
 */
static int read_yes_no(const char *norm)
{
    static const char *const yes[] = {"y", "yes", "yep", "yeah", "yea", "yup", "aye", "t",
                                      "true", "correct", "right", "sure", "indeed", "affirmative",
                                      "absolutely", "definitely", "certainly", "course", "ja", "oui"};
    static const char *const no[] = {"n", "no", "nope", "nah", "f", "false", "incorrect", "wrong",
                                     "not", "never", "negative", "isnt", "wasnt", "arent",
                                     "werent", "doesnt", "didnt", "nein", "non"};
    static const char *const filler[] = {"it", "is", "was", "are", "were", "its", "thats", "that",
                                         "they", "he", "she", "i", "think", "so", "of", "this",
                                         "one", "member", "statement", "answer", "quite"};
    int yes_count = 0, no_count = 0;
    for (const char *p = norm; *p;) {
        size_t n = strcspn(p, " ");
        if (word_in(p, n, yes, sizeof(yes) / sizeof(yes[0])))
            yes_count++;
        else if (word_in(p, n, no, sizeof(no) / sizeof(no[0])))
            no_count++;
        else if (!word_in(p, n, filler, sizeof(filler) / sizeof(filler[0])))
            return -1;
        p += n;
        p += strspn(p, " ");
    }
    if (yes_count && !no_count)
        return 1;
    if (no_count && (!yes_count || strstr(norm, "not") || strstr(norm, "nt ") ||
                     (strlen(norm) > 2 && strcmp(norm + strlen(norm) - 2, "nt") == 0)))
        return 0;
    return -1;
}

static int judge_bool(struct call *c)
{
    struct norm_text r = {0};
    size_t n = strnlen(c->reply, RECITE_ANSWER_MAX_BYTES + 1);
    int said = -1;
    if (n <= RECITE_ANSWER_MAX_BYTES) {
        if (norm_make(&r, c->reply, n, NULL) < 0)
            return recite_error_set(c->err, RECITE_ENOMEM, "out of memory");
        said = r.len ? read_yes_no(r.text) : -1;
        norm_release(&r);
    }
    if (said < 0) {
        unclear(c, "answer yes or no");
        return 0;
    }
    bool right = (said == 1) == c->card->truth;
    set(c, right ? RECITE_ANSWER_RIGHT : RECITE_ANSWER_WRONG, right ? 1.0 : 0.0);
    say_expected(c, c->card->truth ? "yes" : "no");
    return 0;
}

/* ---- lists ---- */

static void list_names(FILE *fb, const char *label, const char *const *names, size_t count)
{
    if (count == 0)
        return;
    fprintf(fb, "\n  %s:", label);
    for (size_t i = 0; i < count; i++)
        fprintf(fb, "%s%s", i ? ", " : " ", names[i]);
}

static void list_feedback(struct call *c, const struct recite_answer_list_result *r)
{
    const struct recite_card *card = c->card;
    fprintf(c->fb, "%s: %zu of %zu (credit %.0f%%)", verdict_word(c->out->verdict), r->found_count,
            card->member_count, r->credit * 100);
    const char **names = calloc(card->member_count + r->wrong_count + 1, sizeof(*names));
    if (!names)
        return;
    for (size_t i = 0; i < r->found_count; i++)
        names[i] = card->members[r->found[i].member].alts[0];
    list_names(c->fb, "found", names, r->found_count);
    for (size_t i = 0; i < r->missed_count; i++)
        names[i] = card->members[r->missed[i]].alts[0];
    list_names(c->fb, "missed", names, r->missed_count);
    list_names(c->fb, "not members", (const char *const *)r->wrong, r->wrong_count);
    free(names);
}

/*
 * The reply read as a list of the card's members (typos within tolerance,
 * names with "and" inside kept whole); *out NULL on an error.
 */
static int check_members(struct call *c, struct recite_answer_list_result **out)
{
    const struct recite_card *card = c->card;
    size_t spellings = 0;
    *out = NULL;
    for (size_t i = 0; i < card->member_count; i++)
        spellings += card->members[i].alt_count;
    struct recite_answer_member *members = calloc(card->member_count + 1, sizeof(*members));
    struct norm_text *own = calloc(spellings + 1, sizeof(*own));
    size_t k = 0;
    int rc = members && own ? 0 : RECITE_ENOMEM;
    for (size_t i = 0; rc == 0 && i < card->member_count; i++) {
        members[i] = (struct recite_answer_member){(const char *const *)card->members[i].alts,
                                                   card->members[i].alt_count};
        for (size_t a = 0; rc == 0 && a < card->members[i].alt_count; a++, k++)
            rc = norm_make(&own[k], card->members[i].alts[a], strlen(card->members[i].alts[a]),
                           c->judge->language);
    }
    struct list_hooks hooks = {c->judge, own, k};
    if (rc == 0) {
        struct recite_answer_set set = {members,      card->member_count, NULL,      0,
                                        c->judge->language, false,        list_typo_ok, list_fold,
                                        list_known,   &hooks};
        rc = recite_answer_check_list(out, c->reply, &set, c->err);
    }
    for (size_t i = 0; own && i < k; i++)
        norm_release(&own[i]);
    free(own);
    free(members);
    return rc < 0 ? recite_error_set(c->err, rc, "out of memory judging a list") : 0;
}

static int judge_list(struct call *c)
{
    struct recite_answer_list_result *r = NULL;
    int rc = check_members(c, &r);
    if (rc == 0 && (r->flags & RECITE_ANSWER_EMPTY)) {
        unclear(c, "name the members, separated by commas");
    } else if (rc == 0) {
        set(c, r->verdict, r->credit);
        c->out->rating = r->rating;
        list_feedback(c, r);
    }
    recite_answer_list_result_free(r);
    return rc;
}

/*
 * "Name one of …" answered with several names: right when each is one of
 * them (one was enough), wrong when any is not, as a hedge earns nothing.
 * One name is left to the typed judge (typos, aliases, look-alikes); *done
 * tells whether this graded the reply.
 */
static int judge_any_member_list(struct call *c, bool *done)
{
    struct recite_answer_list_result *r = NULL;
    *done = false;
    int rc = check_members(c, &r);
    if (rc == 0 && r->found_count + r->wrong_count + r->duplicate_count >= 2) {
        *done = true;
        if (r->wrong_count == 0) {
            set(c, r->almost_count ? RECITE_ANSWER_ALMOST : RECITE_ANSWER_RIGHT, 1.0);
            fprintf(c->fb, "%s: each is one of them (one was enough)",
                    verdict_word(c->out->verdict));
        } else {
            const struct recite_card *card = c->card;
            const char *names[32];
            size_t n = 0;
            for (size_t i = 0; i < r->found_count && n < 32; i++)
                names[n++] = card->members[r->found[i].member].alts[0];
            set(c, RECITE_ANSWER_WRONG, 0.0);
            fputs(verdict_word(c->out->verdict), c->fb);
            list_names(c->fb, n > 1 ? "of them" : "one of them", names, n);
            list_names(c->fb, "not one of them", (const char *const *)r->wrong, r->wrong_count);
            if (n == 0 && card->accepted_count)
                list_names(c->fb, "one of them", (const char *const *)card->accepted, 1);
        }
    }
    recite_answer_list_result_free(r);
    return rc;
}

/* ---- order ---- */

static int judge_order(struct call *c)
{
    const struct recite_card *card = c->card;
    size_t count = card->option_count, picks[26], n = 0;
    uint32_t seen = 0;
    for (const char *p = c->reply; *p && n <= count; p++) {
        int ch = *p | 0x20;
        if (ch >= 'a' && ch <= 'z' && (size_t)(ch - 'a') < count && !(seen & (1u << (ch - 'a')))) {
            seen |= 1u << (ch - 'a');
            picks[n++] = (size_t)(ch - 'a');
        } else if (!strchr(" \t,;->", *p)) {
            n = count + 1;
        }
    }
    if (count == 0 || count > 26 || n != count) {
        unclear(c, "give every letter once, in order (e.g. \"b a d c\")");
        return 0;
    }
    size_t right = 0;
    for (size_t i = 0; i < n; i++)
        right += picks[i] == card->order[i];
    enum recite_answer_verdict v = right == count ? RECITE_ANSWER_RIGHT
                                   : right > 0    ? RECITE_ANSWER_PARTIAL
                                                  : RECITE_ANSWER_WRONG;
    set(c, v, (double)right / (double)count);
    if (v == RECITE_ANSWER_PARTIAL && right * 2 < count)
        c->out->rating = RECITE_RATING_AGAIN;
    fputs(verdict_word(v), c->fb);
    if (v != RECITE_ANSWER_RIGHT) {
        fputs(":", c->fb);
        for (size_t i = 0; i < count; i++)
            fprintf(c->fb, " %c", (char)('a' + card->order[i]));
    }
    return 0;
}

/* ---- giving up ---- */

/* Is reply "?", "idk", "I don't know"...? Then it is wrong, whatever the card. */
static bool gives_up(const char *reply, const char *language)
{
    const char *p = reply + strspn(reply, " \t");
    if (p[0] == '?' && p[1 + strspn(p + 1, " \t?")] == '\0')
        return true;
    size_t n = strnlen(reply, 256);
    struct norm_text r;
    if (n == 256 || norm_make(&r, reply, n, language) < 0)
        return false;
    bool yes = judge_dont_know(r.text);
    norm_release(&r);
    return yes;
}

/* "wrong: " and the right answer, as the card asks it. */
static void given_up(struct call *c)
{
    const struct recite_card *card = c->card;
    set(c, RECITE_ANSWER_WRONG, 0.0);
    fputs("wrong: ", c->fb);
    switch (card->answer_kind) {
    case RECITE_ANSWER_CHOICE:
        if (card->correct < card->option_count)
            fprintf(c->fb, "%c) %s", (char)('a' + card->correct), card->options[card->correct]);
        break;
    case RECITE_ANSWER_TRUEFALSE:
        fputs(card->truth ? "yes" : "no", c->fb);
        break;
    case RECITE_ANSWER_LIST:
        for (size_t i = 0; i < card->member_count; i++)
            fprintf(c->fb, "%s%s", i ? ", " : "", card->members[i].alts[0]);
        break;
    case RECITE_ANSWER_ORDER:
        for (size_t i = 0; i < card->option_count; i++)
            fprintf(c->fb, "%s%c", i ? " " : "", (char)('a' + card->order[i]));
        break;
    default:
        fputs(card->accepted_count ? card->accepted[0] : "", c->fb);
        break;
    }
}

/* ---- entry points ---- */

static int finish(struct call *c, int rc, char **buf)
{
    if (c->out->verdict != RECITE_ANSWER_RIGHT && !c->out->unclear && c->card->explain)
        fprintf(c->fb, "\n  %s", c->card->explain);
    if (fclose(c->fb) != 0 && rc == 0)
        rc = recite_error_set(c->err, RECITE_ENOMEM, "out of memory writing feedback");
    c->out->feedback = *buf;
    return rc;
}

int recite_judge_reply(struct recite_judgement *out, struct recite_judge *judge,
                       const struct recite_card *card, enum recite_answer_kind kind,
                       const char *reply, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    char *buf = NULL;
    size_t len = 0;
    struct call c = {judge, card, reply ? reply : "", out, open_memstream(&buf, &len), err, false};
    if (!c.fb)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    set(&c, RECITE_ANSWER_WRONG, 0.0);
    int rc = 0;
    if (gives_up(c.reply, judge->language) && kind != RECITE_ANSWER_TYPED) {
        given_up(&c);
        return finish(&c, 0, &buf);
    }
    switch (kind) {
    case RECITE_ANSWER_CHOICE:
        rc = judge_choice(&c);
        break;
    case RECITE_ANSWER_TRUEFALSE:
        rc = judge_bool(&c);
        break;
    case RECITE_ANSWER_LIST:
        rc = card->member_count ? judge_list(&c) : judge_typed(&c);
        break;
    case RECITE_ANSWER_ORDER:
        rc = judge_order(&c);
        break;
    default:
        rc = judge_typed(&c);
        break;
    }
    if (rc == 0 && judge->fill_err.code) {
        /* The lexicon could not be read (a store error): judged without all names. */
        rc = judge->fill_err.code;
        if (err)
            *err = judge->fill_err;
    }
    if (rc < 0 && err && err->code == 0)
        recite_error_set(err, rc, "out of memory judging a reply");
    return finish(&c, rc, &buf);
}

int recite_judge_self_graded(struct recite_judgement *out, const struct recite_card *card,
                             int rating)
{
    memset(out, 0, sizeof(*out));
    out->rating = rating < RECITE_RATING_AGAIN ? RECITE_RATING_AGAIN
                  : rating > RECITE_RATING_EASY ? RECITE_RATING_EASY
                                                : rating;
    out->verdict = out->rating >= RECITE_RATING_GOOD  ? RECITE_ANSWER_RIGHT
                   : out->rating == RECITE_RATING_HARD ? RECITE_ANSWER_ALMOST
                                                       : RECITE_ANSWER_WRONG;
    out->credit = out->rating >= RECITE_RATING_HARD ? 1.0 : 0.0;
    (void)card;
    out->feedback = recite_strdup(verdict_word(out->verdict));
    return out->feedback ? 0 : RECITE_ENOMEM;
}

/* ---- answers, for display ---- */

static int push(char ***out, size_t *count, const char *text)
{
    return recite_strings_push(out, count, text);
}

static int push_joined(char ***out, size_t *count, char *const *parts, size_t n,
                       const char *between)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return RECITE_ENOMEM;
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s", i ? between : "", parts[i]);
    int rc = fclose(f) == 0 ? push(out, count, buf) : RECITE_ENOMEM;
    free(buf);
    return rc;
}

int recite_card_answers(char ***out, size_t *out_count, const struct recite_card *card,
                        enum recite_answer_kind kind, struct recite_error *err)
{
    *out = NULL;
    *out_count = 0;
    int rc = 0;
    bool any_member = card->answer_kind == RECITE_ANSWER_CHOICE && kind == RECITE_ANSWER_TYPED &&
                      card->member_count > 0;
    switch (any_member ? RECITE_ANSWER_LIST : card->answer_kind) {
    case RECITE_ANSWER_CHOICE:
        if (card->correct < card->option_count)
            rc = push(out, out_count, card->options[card->correct]);
        for (size_t i = 0; rc == 0 && i < card->accepted_count; i++)
            if (card->correct >= card->option_count ||
                strcmp(card->accepted[i], card->options[card->correct]) != 0)
                rc = push(out, out_count, card->accepted[i]);
        break;
    case RECITE_ANSWER_TRUEFALSE:
        rc = push(out, out_count, card->truth ? "yes" : "no");
        break;
    case RECITE_ANSWER_LIST:
        for (size_t i = 0; rc == 0 && i < card->member_count; i++)
            rc = push_joined(out, out_count, card->members[i].alts, card->members[i].alt_count,
                             " | ");
        break;
    case RECITE_ANSWER_ORDER: {
        char letters[2 * 26 + 1];
        size_t n = 0;
        for (size_t i = 0; i < card->option_count && i < 26; i++) {
            if (n)
                letters[n++] = ' ';
            letters[n++] = (char)('a' + card->order[i]);
        }
        letters[n] = '\0';
        rc = push(out, out_count, letters);
        break;
    }
    default:
        for (size_t i = 0; rc == 0 && i < card->accepted_count; i++)
            rc = push(out, out_count, card->accepted[i]);
        break;
    }
    if (rc < 0) {
        recite_strings_free(*out, *out_count);
        *out = NULL;
        *out_count = 0;
        return recite_error_set(err, rc, "out of memory");
    }
    return 0;
}

void recite_strings_free(char **strings, size_t count)
{
    for (size_t i = 0; strings && i < count; i++)
        free(strings[i]);
    free(strings);
}
