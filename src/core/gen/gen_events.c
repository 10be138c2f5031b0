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

/*
 * The short word lists of the rules, in static storage: gen_word_in() finds a
 * list's index by its address, which a list built on the stack could share
 * with another one built there before.
 */
static const char *const w_eras[] = {"AH", "AD", "BC", "BCE", "CE", "H", "SH", "AP", NULL};
static const char *const w_the_a[] = {"the", "a", NULL};
static const char *const w_from[] = {"from", NULL};
/* Prepositions of a time phrase: "in 1955", "during the 1976 campaign", "by 1990". */
static const char *const w_time_preps[] = {"in", "at", "by", "since", "during", "throughout",
                                           "until", "before", "after", NULL};
static const char *const w_early_mid_late[] = {"early", "mid", "late", NULL};
static const char *const w_of[] = {"of", NULL};
static const char *const w_as[] = {"as", NULL};
static const char *const w_by_until[] = {"by", "until", NULL};
static const char *const w_is_are[] = {"is", "are", NULL};
static const char *const w_the_in_since_etc[] = {
    "the", "in", "since", "throughout", "until", "during", NULL,
};
static const char *const w_a_an[] = {"a", "an", NULL};
static const char *const w_year_years[] = {"year", "years", NULL};
static const char *const w_decade_decades[] = {"decade", "decades", NULL};
static const char *const w_month_months[] = {"month", "months", NULL};
static const char *const w_day_days[] = {"day", "days", NULL};
static const char *const w_the_a_and[] = {"the", "a", "and", NULL};
static const char *const w_has_have_had[] = {"has", "have", "had", NULL};
/* Words a description cannot end on once its date is cut out ("was scheduled for"). */
static const char *const trailing_words[] = {"for", "with", "against", "into", "toward",
                                             "towards", "about", "per", "via", "than",
                                             /* "experienced a slowdown starting [in 1990]" */
                                             "starting", "beginning", "commencing", NULL};
static const char *const w_as_also_then_etc[] = {
    "as", "also", "then", "thus", "so", "and", "but", "not", "never", "still", "known", "called",
    NULL,
};
static const char *const w_present_verbs[] = {"is", "are", "has", "have", NULL};
static const char *const w_and_or_while_etc[] = {
    "and", "or", "while", "then", "with", "respectively", NULL,
};
static const char *const w_passive_verbs[] = {"was", "were", "is", "are", "been", "be", NULL};
/* Participles that say what a clause led to, as result_only() reads them: " culminating in " */
static const char *const w_results[] = {" culminating in ", " resulting in ",
                                        " contributing to ", " leading to ", NULL};
/* Auxiliaries a "not ... until" may follow ("was not annexed until 1898"). */
static const char *const w_negated_auxiliaries[] = {"was", "were", "had", "has", "have", "is",
                                                    "are", "been", NULL};
static const char *const w_of_and_dash[] = {"of", "and", "-", NULL};
static const char *const w_in_on_the_etc[] = {"In", "On", "The", "It", "They", NULL};
static const char *const w_of_for_and_etc[] = {"of", "for", "and", "the", "on", "in", NULL};
static const char *const w_linking_verbs[] = {
    "is", "are", "has", "have", "had", "will", "would", "also", "then", NULL,
};
static const char *const w_is_was[] = {"is", "was", NULL};
/* where a thing is, which says which one it is: "the post at Poznan" */
static const char *const w_in_at_on[] = {"in", "at", "on", NULL};
static const char *const w_a_an_the[] = {"a", "an", "the", NULL};

struct token {
    size_t start, end; /* byte span in the sentence */
    bool word;         /* letters/digits, else one punctuation mark */
    uint16_t cls;      /* TOK_ word classes (classify()), or TOK_UNKNOWN */
};

struct expr {
    size_t start, end;   /* span of the expression, with its preposition */
    bool relative;       /* resolved from an anchor date or the dateline */
    int year, month, day;
    int end_year;        /* ranges */
    bool decade;
    const char *qualifier; /* decade: "early", "mid", "late" */
    bool low;
    const char *why;
    bool status; /* "as of 2020", "since 2004", "hoped to join by 2030": no event */
    bool names;  /* "the 1994 agreement": part of a noun phrase, kept in descriptions */
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
    "collapse", "creation", "founding", "accession", "launch", "signing", "Crisis", "War",
    "membership", "enlargement", "Declarations", "declarations", "Agreement", "Conference",
    "Meeting", "invasions", "Initiative", "communiqué", "Strategic", "Concept", "Review",
    "Compass", "session", "Act", NULL,
};

static const char *const past_verbs[] = {
    "began", "met", "led", "held", "rose", "became", "took", "made", "won", "fell", "sought",
    "brought", "built", "came", "saw", "left", "gave", "set", "began", "grew", "ran", "went",
    "broke", "chose", "drew", "froze", "hit", "laid", "lost", "paid", "put", "sent", "shot",
    "spent", "stood", "struck", "swore", "threw", "told", "wrote", "was", "were", "said",
    "cut", "beat", "cast", "cost", "let", "shed", "bid", "hurt", "forecast", "broadcast",
    "held", "founded", "signed", "been", "fought", "bought", "caught", "taught", "thought",
    "felt", "kept", "meant", "found", "forgave", "forgot", "got", "heard", "knew", "lay",
    "lent", "lit", "rode", "rang", "sank", "sold", "shook", "shut", "sang", "sat", "slept",
    "spoke", "spread", "stole", "stuck", "swept", "tore", "understood", "woke", "wore",
    "withdrew", "overtook", "undertook", "overthrew", "arose", "became", "bore", "dealt",
    "dug", "fled", "flew", "forbade", "foresaw", "hung", "quit", "rebuilt", "sought", "split",
    "upheld", "wound", NULL,
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

/* Words a description leaves out at its start (with connectives[]). */
static const char *const leading_words[] = {
    "as", "and", "but", "which", "who", "while", "with", "when", "where", "that", "In", "in",
    "addition", "At", "at", "On", "on", "Since", "since", "Until", "until", "During", "during",
    "By", "by", "From", "from", "the", "The", "of", "well", "When", "While", "Once", "once",
    "After", "after", "Although", "although", "Though", "though", NULL,
};

/* Reported speech: "said in 2019 that the union would expand" is dated by "said". */
static const char *const speech_verbs[] = {
    "said", "announced", "stated", "declared", "warned", "argued", "claimed", "reported",
    "noted", "insisted", "agreed", "decided", "promised", "confirmed", "suggested", "predicted",
    "told", NULL,
};

/* Verbs that make a clause finite without being past-tense words of their own. */
static const char *const auxiliaries[] = {
    "took", "had", "has", "have", "was", "were", "is", "are", NULL,
};

/*
 * The word classes the clause rules ask of nearly every token, several times
 * a sentence: each token's are looked up once, in one table of all these
 * lists' words, instead of in each list at every question.
 */
enum {
    TOK_MODAL = 1 << 0,
    TOK_SPEECH = 1 << 1,
    TOK_PAST_LISTED = 1 << 2, /* in past_verbs[] */
    TOK_NOT_PAST = 1 << 3,    /* in not_past[] */
    TOK_EVENT_NOUN = 1 << 4,
    TOK_LEADING = 1 << 5,     /* in connectives[] or leading_words[] */
    TOK_AUXILIARY = 1 << 6,
    TOK_PAST = 1 << 7,        /* gen_past_word(): listed, or "-ed" and not listed as no verb */
    TOK_UNKNOWN = 1 << 15,    /* not classified yet */
};

#define CLASS_SLOTS 1024 /* a power of two, over three times the words */

struct class_table {
    bool built;
    uint64_t firsts[4]; /* bit of each word's first byte */
    size_t longest;
    struct {
        const char *word;
        uint32_t hash;
        uint16_t cls;
        uint8_t len;
    } slot[CLASS_SLOTS];
};

/* Per thread, built on first use: no locks, and nothing shared between threads. */
static _Thread_local struct class_table class_table;

static uint32_t class_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h ^ (h >> 15);
}

static void class_add(struct class_table *c, const char *const *list, uint16_t cls)
{
    for (size_t i = 0; list[i]; i++) {
        size_t n = strlen(list[i]);
        uint32_t h = class_hash(list[i], n);
        size_t j = h & (CLASS_SLOTS - 1);
        while (c->slot[j].word && !(c->slot[j].len == n && memcmp(c->slot[j].word, list[i], n) == 0))
            j = (j + 1) & (CLASS_SLOTS - 1);
        if (!c->slot[j].word) {
            unsigned char first = (unsigned char)list[i][0];
            c->firsts[first / 64] |= 1ULL << (first % 64);
            c->longest = n > c->longest ? n : c->longest;
            c->slot[j].word = list[i];
            c->slot[j].hash = h;
            c->slot[j].len = (uint8_t)n;
        }
        c->slot[j].cls |= cls;
    }
}

static __attribute__((noinline)) void class_build(struct class_table *c)
{
    memset(c, 0, sizeof(*c));
    class_add(c, modals, TOK_MODAL);
    class_add(c, speech_verbs, TOK_SPEECH);
    class_add(c, past_verbs, TOK_PAST_LISTED);
    class_add(c, not_past, TOK_NOT_PAST);
    class_add(c, event_nouns, TOK_EVENT_NOUN);
    class_add(c, connectives, TOK_LEADING);
    class_add(c, leading_words, TOK_LEADING);
    class_add(c, auxiliaries, TOK_AUXILIARY);
    c->built = true;
}

/* The classes of the word [w, w+n): the lists it is in (exact bytes), and TOK_PAST. */
static uint16_t class_of(const char *w, size_t n)
{
    struct class_table *c = &class_table;
    if (!c->built)
        class_build(c);
    uint16_t cls = 0;
    unsigned char first = n ? (unsigned char)w[0] : 0;
    if (n && n <= c->longest && (c->firsts[first / 64] & (1ULL << (first % 64)))) {
        uint32_t h = class_hash(w, n);
        for (size_t j = h & (CLASS_SLOTS - 1); c->slot[j].word; j = (j + 1) & (CLASS_SLOTS - 1))
            if (c->slot[j].hash == h && c->slot[j].len == n && memcmp(c->slot[j].word, w, n) == 0) {
                cls = c->slot[j].cls;
                break;
            }
    }
    /* past_verbs are all lowercase words: a capitalised word is none of them */
    bool past = n > 0 && !gen_is_upper(w[0]) &&
                ((cls & TOK_NOT_PAST) ? (cls & TOK_PAST_LISTED) != 0
                                      : (cls & TOK_PAST_LISTED) ||
                                            (n > 4 && w[n - 2] == 'e' && w[n - 1] == 'd'));
    return (uint16_t)(cls | (past ? TOK_PAST : 0));
}

/* Token k's classes; TOK_PAST only for a word. */
static uint16_t token_class(const char *t, const struct token *k)
{
    uint16_t cls = k->cls;
    if (cls & TOK_UNKNOWN)
        cls = class_of(t + k->start, k->end - k->start);
    return k->word ? cls : (uint16_t)(cls & ~TOK_PAST);
}

static bool has_class(const char *t, const struct token *k, uint16_t cls)
{
    return (token_class(t, k) & cls) != 0;
}

/* Classifies every token of a sentence once, for the rules that ask again and again. */
static void classify(struct token *toks, int n, const char *t)
{
    for (int i = 0; i < n; i++)
        toks[i].cls = class_of(t + toks[i].start, toks[i].end - toks[i].start);
}

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
            out[k++] = (struct token){i, e, true, TOK_UNKNOWN};
        } else {
            e = i + 1;
            while (e < n && ((unsigned char)t[e] & 0xC0) == 0x80)
                e++;
            out[k++] = (struct token){i, e, false, TOK_UNKNOWN};
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
    size_t len = toks[i].end - toks[i].start;
    char first = t[toks[i].start];
    /* the names are compared only when the first letter is one of theirs */
    if (len < 3 || len > 9 || !(first == 'J' || first == 'F' || first == 'M' || first == 'A' ||
                                first == 'S' || first == 'O' || first == 'N' || first == 'D'))
        return 0;
    for (int m = 0; recite_month_names[m]; m++)
        if (recite_month_names[m][0] == first && tok_eq(t, &toks[i], recite_month_names[m]))
            return m + 1;
    if (len != 3 || i + 1 >= n || t[toks[i + 1].start] != '.')
        return 0;
    for (int m = 0; recite_month_abbrevs[m]; m++)
        if (recite_month_abbrevs[m][0] == first && tok_eq(t, &toks[i], recite_month_abbrevs[m])) {
            *used = 2;
            return m + 1;
        }
    return 0;
}

static bool is_title(const char *t, const struct token *k)
{
    return k->word && gen_is_upper(t[k->start]);
}

/* Whether k is the participle of one of w_results[] ("culminating"). */
static bool result_word(const char *t, const struct token *k)
{
    for (int r = 0; w_results[r]; r++) {
        size_t n = strcspn(w_results[r] + 1, " ");
        if (k->end - k->start == n && !memcmp(t + k->start, w_results[r] + 1, n))
            return true;
    }
    return false;
}

static bool is_acronym(const char *t, const struct token *k)
{
    return k->word && k->end - k->start >= 2 && gen_is_upper(t[k->start]) &&
           gen_is_upper(t[k->start + 1]);
}

/* An author-year reference: "(Smith 1957)", "(Smith and Jones, 1957)", "(Smith et al. 1957)". */
static bool citation_year(const char *t, const struct token *toks, int i, int n)
{
    int j = i - 1;
    if (j >= 0 && t[toks[j].start] == ',')
        j--;
    if (j >= 1 && t[toks[j].start] == '.' && tok_eq(t, &toks[j - 1], "al"))
        j -= 3;
    if (j < 1 || !is_title(t, &toks[j]))
        return false;
    bool closes = i + 1 < n && strchr(");,", t[toks[i + 1].start]) && !toks[i + 1].word;
    for (int k = j - 1; k >= 0 && k >= j - 4; k--) {
        if (t[toks[k].start] == '(')
            return closes;
        if (!is_title(t, &toks[k]) && !tok_eq(t, &toks[k], "and") && t[toks[k].start] != '&')
            return false;
    }
    return false;
}

/*
 * A number that numbers something: "RFC 1140", "Resolution 1325", "Rajab
 * 1401" (a month of another calendar), "1401 AH". Months, seasons and
 * prepositions before a year leave it a date.
 */
static bool numbered_name(const char *t, const struct token *toks, int i, int n)
{
    static const char *const seasons[] = {"Spring", "Summer", "Autumn", "Fall", "Winter",
                                          "Early", "Late", "Mid", "Christmas", "Easter", NULL};
    if (i + 1 < n && tok_in(t, &toks[i + 1], w_eras))
        return !tok_eq(t, &toks[i + 1], "AD") && !tok_eq(t, &toks[i + 1], "CE");
    if (i == 0 || !toks[i - 1].word || toks[i - 1].end != toks[i].start - 1)
        return false;
    const struct token *k = &toks[i - 1];
    if (!gen_is_upper(t[k->start]) || tok_in_nocase(t, k, prepositions) ||
        tok_in(t, k, seasons) || tok_in(t, k, recite_month_names) || tok_eq(t, k, "The"))
        return false;
    /* a capitalised word opening the sentence ("Throughout 1990") is not a name */
    return i - 1 > 0 || is_acronym(t, k);
}

/* "448 million (2025)", "(2023 est.)": the year a figure was measured, not an event. */
static bool data_stamp(const char *t, const struct token *toks, int i, int n)
{
    if (i + 1 < n && tok_eq(t, &toks[i + 1], "est"))
        return true;
    if (i < 2 || t[toks[i - 1].start] != '(' || i + 1 >= n || t[toks[i + 1].start] != ')')
        return false;
    const struct token *k = &toks[i - 2];
    /*
     * "... in accessing space (2025)" closing the sentence: the year the entry
     * was written, unless it follows a name alone ("signed in Manila (1957).")
     */
    if (i + 2 >= n || (i + 3 == n && strchr(".;", t[toks[i + 2].start]))) {
        /* ("... Battle of the Atlantic (2025)" closing clauses joined by semicolons: the
           stamp of the whole entry) */
        bool other_year = false;
        for (int j = 0; j < i - 1 && !other_year; j++)
            other_year = year_of(t, &toks[j]) >= 0 || t[toks[j].start] == ';';
        if (other_year || !k->word || !gen_is_upper(t[k->start]))
            return true;
    }
    static const char *const units[] = {"million", "billion", "trillion", "thousand", "est",
                                        "km", "sq", "percent", NULL};
    return number(t, k, 12) >= 0 || tok_in(t, k, units) || t[k->start] == '%';
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
        /* "mid-1951" is a time; "pre-1955 records", "the post-1945 order" qualify a thing */
        static const char *const ok[] = {"mid", "early", "late", NULL};
        if (!gen_word_in(t + s, k->start - 1 - s, ok, true))
            return false;
    }
    if (k->end < len && t[k->end] == '-' && k->end + 1 < len && gen_is_alpha(t[k->end + 1]))
        return false;
    static const char *const counted[] = {"room", "page", "pages", "number", "No", "no", "item",
                                          "flight", "route", "code", "article", "paragraph",
                                          "section", "chapter", "table", "figure", "line",
                                          "unit", "model", "version", "level", "bus", "highway",
                                          "Room", "Page", "Table", "Figure", "Article", NULL};
    if (i > 0 && tok_in(t, &toks[i - 1], counted))
        return false;
    static const char *const units[] = {"km", "kg", "m", "mm", "cm", "mg", "ml", "people",
                                        "troops", "soldiers", "members", "activities",
                                        "times", "units", "tons", "tonnes", "miles", "bits",
                                        "bytes", "octets", NULL};
    if (i + 1 < n && tok_in(t, &toks[i + 1], units))
        return false;
    if (citation_year(t, toks, i, n) || numbered_name(t, toks, i, n) || data_stamp(t, toks, i, n))
        return false;
    bool name_before = i > 0 && (is_title(t, &toks[i - 1]) || is_acronym(t, &toks[i - 1])) &&
                       !tok_in_nocase(t, &toks[i - 1], prepositions) &&
                       !tok_eq(t, &toks[i - 1], "The");
    bool title_after = i + 1 < n && is_title(t, &toks[i + 1]);
    if (!title_after)
        return true;
    /* "In 1955 Dulles said", "by 1990 Congress had": a time before the clause's subject */
    if (i > 0 && tok_in_nocase(t, &toks[i - 1], w_time_preps) &&
        !(i > 1 && (tok_eq(t, &toks[i - 2], "of") || is_title(t, &toks[i - 2]))))
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

/* Whether token i is a hyphen written between the tokens either side of it ("mid-1951"). */
static bool is_dash_glued(const char *t, const struct token *toks, int i)
{
    return t[toks[i].start] == '-' && toks[i - 1].end == toks[i].start &&
           toks[i + 1].start == toks[i].end;
}

/* Whether tokens i and i + 1 are a possessive "'s" (or "’s") glued to the word before. */
static bool possessive_at(const char *t, const struct token *toks, int i, int n)
{
    const struct token *apos = &toks[i];
    bool quote = !apos->word && (t[apos->start] == '\'' ||
                                 gen_close_quote_len(t + apos->start, t + apos->end));
    return i > 0 && i + 1 < n && quote && tok_eq(t, &toks[i + 1], "s") &&
           apos->start == toks[i - 1].end && toks[i + 1].start == apos->end;
}

/* Extends an expression's start over a preceding preposition or article. */
static bool is_past_verb(const char *t, const struct token *k);

/*
 * Words after a date that are no noun it qualifies: "the 1967 and 1973 wars" reads on, "by the
 * 1990 deadline" has one.
 */
static const char *const w_not_nouns[] = {"and", "or", "but", "to", "when", "after", "before",
                                          "with", "in", "on", "at", "by", "for", "of", "that",
                                          "which", "as", "until", "through", "from", NULL};

static size_t with_preposition(const char *t, const struct token *toks, int i, int last, int n)
{
    /*
     * A date before the noun it qualifies keeps the article: "the 1997 Summit" reads "the
     * Summit", "during the 1895 rebellion" reads "during the rebellion" (not "during rebellion")
     */
    const struct token *next = last + 1 < n ? &toks[last + 1] : NULL;
    if (next && next->word && i > 0 && tok_in_nocase(t, &toks[i - 1], w_the_a) &&
        (is_title(t, next) || (gen_is_lower(t[next->start]) && !tok_in(t, next, w_not_nouns) &&
                               !is_past_verb(t, next))))
        return toks[i].start;
    /* "Tuesday, 2019-11-19", "on Monday 4 April": the weekday is the date's */
    if (i > 1 && t[toks[i - 1].start] == ',' && tok_in_nocase(t, &toks[i - 2], gen_weekdays))
        i -= 2;
    else if (i > 0 && tok_in_nocase(t, &toks[i - 1], gen_weekdays))
        i--;
    if (i > 0 && tok_in_nocase(t, &toks[i - 1], w_early_mid_late))
        i--;
    /* "in mid-1951": the qualifier joined by a hyphen belongs to the date too */
    else if (i > 1 && is_dash_glued(t, toks, i - 1) &&
             tok_in_nocase(t, &toks[i - 2], w_early_mid_late))
        i -= 2;
    if (i > 0 && (tok_in_nocase(t, &toks[i - 1], prepositions) || tok_eq(t, &toks[i - 1], "the") ||
                  tok_eq(t, &toks[i - 1], "The")))
        return toks[i - 1].start;
    return toks[i].start;
}

/* A day of the month as written: "31", "31st", "2nd", "3rd", "4th"; -1 when none. */
static int day_number(const char *t, const struct token *k)
{
    size_t n = k->end - k->start;
    if (n > 2 && n <= 4) {
        const char *s = t + k->end - 2;
        static const char *const ordinal[] = {"st", "nd", "rd", "th", NULL};
        if (!gen_word_in(s, 2, ordinal, true))
            return number(t, k, 2);
        struct token digits = {k->start, k->end - 2, true, k->cls};
        return number(t, &digits, 2);
    }
    return number(t, k, 2);
}

static bool is_dash(const char *t, const struct token *k)
{
    return t[k->start] == '-' || gen_dash_len(t + k->start, t + k->end);
}

/* Matches a full date or month + year at token i; returns tokens used or 0. */
static int match_month_date(struct expr *e, const char *t, const struct token *toks, int i,
                            int n)
{
    int used;
    int m = month_of(t, toks, i, n, &used);
    int j = i + used;
    if (m) {
        int day = j < n ? day_number(t, &toks[j]) : -1;
        if (day >= 1 && day <= 31) {
            int k = j + 1;
            /* "February 4–11, 1945": a range of days becomes its first, as "10-23 August" does */
            if (k + 1 < n && is_dash(t, &toks[k]) && toks[k].start == toks[j].end &&
                toks[k + 1].start == toks[k].end) {
                int last = day_number(t, &toks[k + 1]);
                if (last > day && last <= 31)
                    k += 2;
            }
            if (k < n && t[toks[k].start] == ',')
                k++;
            if (k < n && year_of(t, &toks[k]) > 0) {
                *e = (struct expr){.year = year_of(t, &toks[k]), .month = m, .day = day};
                return k - i + 1;
            }
            return 0;
        }
        /* "in July of 1943" */
        if (j + 1 < n && tok_eq(t, &toks[j], "of") && year_of(t, &toks[j + 1]) > 0)
            j++;
        if (j < n && year_of(t, &toks[j]) > 0) {
            *e = (struct expr){.year = year_of(t, &toks[j]), .month = m};
            return j - i + 1;
        }
        return 0;
    }
    int day = day_number(t, &toks[i]);
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

/* Decades: "the 1970s", "the mid-1990s", "early 1960s". */
static int match_decade(struct expr *e, const char *t, size_t len, const struct token *toks,
                        int i)
{
    const struct token *k = &toks[i];
    if (k->end - k->start != 5 || t[k->end - 1] != 's' || t[k->end - 2] != '0')
        return 0;
    struct token digits = {k->start, k->end - 1, true, TOK_UNKNOWN};
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


/*
 * "until the U.S. and the USSR signed the INF Treaty in 1987": the clause the
 * "until" at u opens, up to b, when it has a subject and a past-tense verb of
 * its own: the verb's index; else -1 ("until his death in 1978").
 */
static int until_clause(const char *t, const struct token *toks, int n, int u, int b)
{
    /* "until the former was abolished": who did it is not said here */
    static const char *const pronouns[] = {"former", "latter", "he", "she", "it", "they", "this",
                                           "these", "we", NULL};
    int w = u + 1 < n && tok_eq(t, &toks[u + 1], "the") ? u + 2 : u + 1;
    if (w < n && tok_in(t, &toks[w], pronouns))
        return -1;
    int verb = -1;
    for (int i = u + 1; i < b && i < n; i++) {
        if ((!toks[i].word && strchr(",;:()", t[toks[i].start])) || year_of(t, &toks[i]) >= 0)
            return -1;
        if (verb < 0 && i >= u + 2 && is_past_verb(t, &toks[i]) && toks[i - 1].word)
            verb = i;
    }
    return verb;
}

/*
 * "was not annexed until 1898": a "not" after an auxiliary ("was", "had"),
 * in the three words before the "until" at u ("did not join until" says no
 * past form the description could keep).
 */
static bool negated_until(const char *t, const struct token *toks, int u)
{
    for (int v = u - 1; v >= 1 && v >= u - 3; v--)
        if (tok_eq(t, &toks[v], "not") || tok_eq(t, &toks[v], "never"))
            return tok_in(t, &toks[v - 1], w_negated_auxiliaries);
    return false;
}

/*
 * Whether the clause of the date at token p says that something did not happen: "There
 * was no Ministerial Meeting in 2002", "No agreement was reached in 1995", "was never held
 * in 1999". A question cannot ask what happened then. Read back to the clause's start;
 * dates joined by "and" ("in 2002 and 2004") share their clause. "with no opposition" and
 * "not only" say no such thing; "not ... until" is negated_until()'s.
 */
static bool negated_clause(const char *t, const struct token *toks, int p, int n)
{
    static const char *const links[] = {"and", "or", "but", "while", "whereas", "although",
                                        "because", "when", "after", "before", "if",
                                        "unless", "whether", NULL};
    static const char *const aux[] = {"was", "were", "is", "are", "had", "has", "have", "did",
                                      "does", "do", "could", "would", NULL};
    if (p < n && (tok_eq(t, &toks[p], "until") || tok_eq(t, &toks[p], "till")))
        return false;
    for (int k = p - 1; k >= 0 && k >= p - 14; k--) {
        const struct token *w = &toks[k];
        if ((!w->word && strchr(",;:()", t[w->start])) || tok_eq(t, w, "until") ||
            tok_eq(t, w, "till"))
            return false;
        if (tok_in(t, w, links)) {
            if (k == p - 1 && k > 0 && year_of(t, &toks[k - 1]) >= 0) {
                k--; /* "in 2002 and 2004": the dates before share the clause */
                continue;
            }
            return false;
        }
        bool first = k == 0 || (!toks[k - 1].word && strchr(",;:(", t[toks[k - 1].start]));
        if ((tok_eq(t, w, "no") || tok_eq(t, w, "No")) && k + 1 < n && toks[k + 1].word &&
            (first || tok_in(t, &toks[k - 1], aux)))
            return true;
        if (tok_eq(t, w, "never") && k > 0 && tok_in(t, &toks[k - 1], aux))
            return true;
        if (tok_eq(t, w, "not") && k > 0 && tok_in(t, &toks[k - 1], aux) &&
            !(k + 1 < n && (tok_eq(t, &toks[k + 1], "only") || tok_eq(t, &toks[k + 1], "until"))))
            return true;
    }
    return false;
}

/* Whether "when" follows the date that ends at byte end: "until 2015, when it relocated". */
static bool when_follows(const char *t, const struct token *toks, int n, size_t end)
{
    int j = 0;
    while (j < n && toks[j].start < end)
        j++;
    if (j < n && t[toks[j].start] == ',')
        j++;
    return j < n && tok_eq(t, &toks[j], "when");
}

/*
 * Whether the "until" at k closes a term opened by a date a few words
 * before: "from 2018 until 2023", "From its first session in 1922 until"
 * ("vanished from the map of Europe until 1918" opens none).
 */
static bool term_from(const char *t, const struct token *toks, int k)
{
    bool year = false;
    for (int j = k - 1; j >= 0 && j >= k - 8; j--) {
        year |= year_of(t, &toks[j]) >= 0;
        if (tok_eq(t, &toks[j], "from") || tok_eq(t, &toks[j], "From"))
            return year;
    }
    return false;
}

/* A state or a plan, not an event: "as of 2020", "since 2004", "aims to join by 2030". */
static bool status_date(const char *t, const struct token *toks, int i, int n, size_t start,
                        size_t end)
{
    int p = i;
    while (p > 0 && toks[p - 1].start >= start)
        p--;
    if (p < n && (tok_eq(t, &toks[p], "since") || tok_eq(t, &toks[p], "Since")))
        return true;
    /* "in use since at least 1184", "since as early as 1950" */
    static const char *const hedges[] = {"at", "least", "as", "early", NULL};
    for (int k = p - 1; k >= 0 && k >= p - 4 && tok_in(t, &toks[k], hedges); k--)
        if (k > 0 && (tok_eq(t, &toks[k - 1], "since") || tok_eq(t, &toks[k - 1], "Since")))
            return true;
    if (p > 1 && tok_in_nocase(t, &toks[p - 1], w_of) &&
        tok_in_nocase(t, &toks[p - 2], w_as))
        return true;
    if (tok_in_nocase(t, &toks[p], w_as) && p + 1 < n &&
        tok_eq(t, &toks[p + 1], "of"))
        return true;
    /* "which serves until the Ministerial meeting in 2027": a term in the present, not an
       event; "postponed again until May 1944": when the term ends, not when it was moved */
    static const char *const lasting[] = {"serves", "serve", "holds", "remains", "remain",
                                          "continues", "continue", "runs", "lasts", "stays",
                                          "is", "are", "lasted", "continued", "remained",
                                          "persisted", "stayed",
                                          /* "who served until November 2009": a term's end,
                                             not when the serving happened */
                                          "served", "ruled", "reigned", "governed", "existed",
                                          "held",
                                          /* a term moved: "renewed the Act until May 1937" */
                                          "renewed", "extended", "postponed", "delayed",
                                          "deferred", "prolonged", "adjourned", NULL};
    for (int k = p < n ? p : p - 1; k > 0 && k >= p - 8; k--)
        if (tok_eq(t, &toks[k], "until") && tok_eq(t, &toks[k - 1], "did"))
            return true; /* "which he did until August 6, 1906" ("did not join until" did) */
        else if (tok_eq(t, &toks[k], "until")) {
            /* "was not published until 1966": it was published then (negated_until()) */
            if (negated_until(t, toks, k))
                break;
            /* "received bugfix support until 2020", "vanished from the map until 1918": the
               date right after "until" ends what the verb began, which happened before
               (unless a clause of its own is dated: "until 2015, when it relocated") */
            if (k >= p - 1 && !when_follows(t, toks, n, end) && !term_from(t, toks, k))
                return true;
            for (int v = k - 1; v >= 0 && v >= k - 3; v--)
                if (tok_in(t, &toks[v], lasting))
                    return true;
        }
    /* "the date has been moved five years into the future, to 2020", "postponed to 2027":
       where a date was moved to, not when it was moved */
    static const char *const moved[] = {"moved", "postponed", "delayed", "deferred", "pushed",
                                        "extended", "rescheduled", "brought", "shifted", NULL};
    int to = p < n && tok_eq(t, &toks[p], "to") ? p : p > 0 && tok_eq(t, &toks[p - 1], "to")
                                                          ? p - 1
                                                          : -1;
    for (int k = to - 1; to > 0 && k >= 0 && k >= to - 8; k--)
        if (tok_in(t, &toks[k], moved))
            return true;
    if (negated_clause(t, toks, p, n))
        return true;
    /* "Until 1985, the deployment loomed": when a state ended */
    if (p < n && tok_eq(t, &toks[p], "Until") && (p == 0 || strchr(",;:", t[toks[p - 1].start])))
        return true;
    /* "led Kenya from independence until his death in 1978": when the clause's state ended,
       which its verb did not do ("until VARGAS rose to power in 1930" is the date of a clause:
       until_cut() makes it the event) */
    for (int k = p - 1; k >= 0 && k >= p - 16; k--) {
        if ((!toks[k].word && strchr(",;:()", t[toks[k].start])) || year_of(t, &toks[k]) >= 0)
            break;
        if (tok_eq(t, &toks[k], "until") || tok_eq(t, &toks[k], "till"))
            return until_clause(t, toks, n, k, p) < 0;
        /* "-- including a democratically elected VARGAS administration from 1951 to 1954 --":
           in an aside, the date of an item named in passing, not of the clause */
        if (tok_eq(t, &toks[k], "including") && k > 0 && is_dash(t, &toks[k - 1]))
            return true;
        /* "sent convicts to Australia before ending the practice in 1868": the date is the
           participle's, not the clause's */
        size_t len = toks[k].end - toks[k].start;
        if (k > 0 && k + 3 >= p && len > 5 && !memcmp(t + toks[k].end - 3, "ing", 3) &&
            gen_is_lower(t[toks[k].start]) &&
            (tok_eq(t, &toks[k - 1], "before") || tok_eq(t, &toks[k - 1], "after")))
            return true;
    }
    /*
     * A date foreseen, not met: "projecting an accession date in 1999",
     * "scheduled for 2027", "planned for 2001", "expected in 2026": a word of
     * forecast a few words before, in the same clause ("the planned withdrawal
     * and announced in 2021" is another's date). "as planned" happened; "due
     * to" is a cause; a capital is a name's ("the Defence Planning Committee").
     */
    static const char *const forecasts[] = {"projecting", "projected", "scheduled", "slated",
                                            "planned", "expected", "anticipated", "forecast",
                                            "due", NULL};
    static const char *const clause_links[] = {"and", "but", "or", "then", "while", NULL};
    for (int k = p - 1; k >= 0 && k >= p - 5; k--) {
        if ((!toks[k].word && strchr(",;:()", t[toks[k].start])) ||
            tok_in(t, &toks[k], clause_links))
            break;
        /* "due to the war" is a cause, "due to be held" a plan */
        bool cause = tok_eq(t, &toks[k], "due") && k + 2 < n && tok_eq(t, &toks[k + 1], "to") &&
                     !tok_eq(t, &toks[k + 2], "be");
        if (tok_in(t, &toks[k], forecasts) && !(k > 0 && tok_eq(t, &toks[k - 1], "as")) &&
            !cause)
            return true;
        /* "a second round to be held on 1 June 2025"; "the first agency to be incorporated
           in 1946" happened */
        if (k > 0 && tok_eq(t, &toks[k], "be") && tok_eq(t, &toks[k - 1], "to")) {
            static const char *const ranks[] = {"first", "last", "only", NULL};
            bool ranked = false;
            for (int r = k - 2; r >= 0 && r >= k - 7; r--)
                ranked |= tok_in(t, &toks[r], ranks);
            /* "began to be built", "was agreed to be established": it was */
            bool done = k > 1 && is_past_verb(t, &toks[k - 2]) &&
                        !tok_in(t, &toks[k - 2], w_is_was);
            if (!ranked && !done)
                return true;
        }
    }
    if (!tok_in_nocase(t, &toks[p], w_by_until))
        return false;
    static const char *const plans[] = {"hope", "hoped", "hopes", "plan", "plans", "planned",
                                        "aim", "aims", "aimed", "target", "targets", "goal",
                                        "intend", "intends", "intended", "expect", "expects",
                                        "expected", "seek", "seeks", "sought", "want", "wants",
                                        "wanted", "commit", "committed", "pledged", "vowed",
                                        "ambition", "envisaged", "foresees", "is", "are", NULL};
    for (int k = p - 1; k >= 0 && k >= p - 8; k--)
        if (tok_in_nocase(t, &toks[k], plans) || tok_eq(t, &toks[k], "to"))
            return true;
    /* a fronted deadline: "By March 20, 2024, any new website was expected to meet ..." */
    if (p == 0 || strchr(",;:", t[toks[p - 1].start]))
        for (int k = p + 1; k < n && k <= p + 24; k++)
            if (tok_in_nocase(t, &toks[k], plans) && !tok_in_nocase(t, &toks[k],
                w_is_are))
                return true;
    return false;
}

/* "2002-2003", "2001–2021", "2005–07": the end year of a range written with a dash, or 0. */
static int adjacent_range_end(const char *t, const struct token *toks, int i, int n, int y)
{
    if (i + 2 >= n || !is_dash(t, &toks[i + 1]) || toks[i + 1].start != toks[i].end ||
        toks[i + 2].start != toks[i + 1].end)
        return 0;
    int y2 = year_of(t, &toks[i + 2]);
    int two = toks[i + 2].end - toks[i + 2].start == 2 ? number(t, &toks[i + 2], 2) : -1;
    if (two >= 0)
        y2 = y / 100 * 100 + two;
    return y2 > y && y2 - y < 100 ? y2 : 0;
}

/*
 * A range whose start shares the month or year matched at token i: "August
 * and September 1944", "February/March 1973", "April-June 1945" (the month
 * before), "10-23 August 1948" (the day before). The expression becomes its
 * start; returns the token it begins at.
 */
static int range_start(struct expr *e, const char *t, const struct token *toks, int i, int n)
{
    if (i < 2)
        return i;
    const struct token *link = &toks[i - 1];
    bool joined = is_dash(t, link) || t[link->start] == '/' || tok_eq(t, link, "and") ||
                  tok_eq(t, link, "to");
    if (!joined)
        return i;
    int used, m;
    if (!e->day && (m = month_of(t, toks, i - 2, n, &used)) && used == 1 && m < e->month) {
        e->month = m;
        return i - 2;
    }
    int day = number(t, &toks[i - 2], 2);
    if (e->day && (is_dash(t, link) || tok_eq(t, link, "to")) && day >= 1 && day < e->day &&
        number(t, &toks[i], 2) == e->day) { /* day first: "10-23 August 1948" */
        e->day = day;
        return i - 2;
    }
    return i;
}

/*
 * Years a record or a sum is of, not when the clause happened: "records from
 * 1922", "the volumes covering 1922", "volumes for 1950-1954" (and "a plan
 * devised for 1946": what a year is for is no time).
 */
static bool covered_years(const char *t, const struct token *toks, int first)
{
    static const char *const records[] = {"volumes", "volume", "records", "papers", "documents",
                                          "files", "budget", "budgets", "figures", "data",
                                          "statistics", "accounts", "report", "reports",
                                          "appropriations", "estimates", "compilation",
                                          "compilations", "series", "census", "material", NULL};
    static const char *const covering[] = {"covering", "concerning", "regarding", "spanning",
                                           "documenting", NULL};
    if (first >= 2 &&
        (tok_eq(t, &toks[first - 1], "from") || tok_eq(t, &toks[first - 1], "for")) &&
        tok_in(t, &toks[first - 2], records))
        return true;
    return first >= 1 && tok_in(t, &toks[first - 1], covering);
}

/*
 * A date that names a thing, not when the clause happened: "pull back to the
 * 1923 international border", "withdraw to the June 4, 1967 line". The date
 * stands between "the" after a preposition of the predicate (a verb before
 * it) and a lowercase noun; a fronted phrase ("In the 1999 summit, NATO ...")
 * is the clause's.
 */
static bool attributive_date(const char *t, const struct token *toks, int first, int last, int n)
{
    static const char *const preps[] = {"to", "from", "along", "behind", "beyond", "across",
                                        "toward", "towards", "past", "against", "of", "over",
                                        "into", "within", "inside", "outside", NULL};
    if (covered_years(t, toks, first) || (first == last && first >= 1 &&
                                          tok_eq(t, &toks[first - 1], "for")))
        return true;
    if (first < 3 || last + 1 >= n)
        return false;
    const struct token *next = &toks[last + 1];
    /* "withdrawal to June 4, 1967 borders", "back to 1990 levels": no article */
    static const char *const marks[] = {"borders", "border", "lines", "line", "levels", "level",
                                        "frontiers", "boundaries", "prices", NULL};
    if ((tok_eq(t, &toks[first - 1], "to") || tok_eq(t, &toks[first - 1], "from")) &&
        tok_in(t, next, marks))
        return true;
    /* "is governed by the Kenya Defense Forces Act of 2012", "is best known for his seminal
       essay of 1893": a present statement about a thing the year names */
    static const char *const present[] = {"is", "are", "remains", "remain", NULL};
    if (tok_eq(t, &toks[first - 1], "of") && toks[first - 2].word &&
        !tok_eq(t, &toks[first - 2], "as")) /* ("is as of 2017 estimated": a status) */
        for (int v = first - 3; v >= 0 && v >= first - 10 && t[toks[v].start] != ','; v--)
            if (tok_in(t, &toks[v], present))
                return true;
    /* "in accordance with the India Independence Act of July 18, 1947, ...": the law the
       clause acts under, which the date names, not when the clause happened */
    static const char *const under[] = {"accordance", "under", "pursuant", "according", NULL};
    if (tok_eq(t, &toks[first - 1], "of") && is_title(t, &toks[first - 2]))
        for (int v = first - 3; v >= 0 && v >= first - 12 && t[toks[v].start] != ','; v--)
            if (tok_in_nocase(t, &toks[v], under))
                return true;
    if (!tok_eq(t, &toks[first - 1], "the"))
        return false;
    if (!next->word || !gen_is_lower(t[next->start]) || tok_in(t, next, w_not_nouns) ||
        is_past_verb(t, next))
        return false;
    /* a statement in the present: "the definition is supported by the 1894 volume" */
    for (int v = first - 2; v >= 0 && v >= first - 5 && t[toks[v].start] != ','; v--)
        if (tok_in(t, &toks[v], present))
            return true;
    if (!tok_in(t, &toks[first - 2], preps))
        return false;
    /* after a verb: inside the subject ("provisions of the 1974 constitution provided") the
       date may be the event's */
    for (int v = 0; v < first - 2; v++)
        if (is_past_verb(t, &toks[v]) || tok_in(t, &toks[v], w_linking_verbs))
            return true;
    return false;
}

/* Whether byte at of t stands inside quotation marks (curly, or straight counted in pairs). */
static bool in_quotes(const char *t, size_t at)
{
    int curly = 0, straight = 0;
    for (size_t i = 0; i < at && t[i]; i++) {
        const unsigned char *u = (const unsigned char *)t + i;
        if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x9D)) {
            curly += u[2] == 0x9C ? 1 : (curly > 0 ? -1 : 0);
            i += 2;
        } else if (u[0] == '"') {
            straight ^= 1;
        }
    }
    return curly > 0 || straight;
}

/* The words of the curly quotation around byte at of t (which in_quotes() holds); 99 if open. */
static int quotation_words(const char *t, size_t len, size_t at)
{
    static const char open[] = "\xE2\x80\x9C", close[] = "\xE2\x80\x9D";
    size_t a = at;
    while (a >= 3 && memcmp(t + a - 3, open, 3) != 0)
        a--;
    const char *end = NULL;
    for (size_t i = at; !end && i + 3 <= len; i++)
        if (memcmp(t + i, close, 3) == 0)
            end = t + i;
    if (a < 3 || !end)
        return 99;
    int words = 1;
    for (const char *p = t + a; p < end; p++)
        words += *p == ' ';
    return words;
}

/* First and last token of expression x, or -1 when it covers none. */
static void expr_tokens(const struct token *toks, int n, const struct expr *x, int *first,
                        int *last)
{
    *first = *last = -1;
    for (int i = 0; i < n && toks[i].start < x->end; i++)
        if (toks[i].start >= x->start) {
            if (*first < 0)
                *first = i;
            *last = i;
        }
}

/* Whether e stands between "the" and a noun it qualifies: "the June 1967 Arab-Israeli War". */
static bool qualifying_date(const char *t, const struct token *toks, int n, const struct expr *e)
{
    int first, last;
    expr_tokens(toks, n, e, &first, &last);
    if (first < 1 || last + 1 >= n || !tok_eq(t, &toks[first - 1], "the"))
        return false;
    /* in the subject the date is the clause's: "provisions of the 1974 constitution provided" */
    bool verb_before = false;
    for (int k = 0; k < first - 1 && !verb_before; k++)
        verb_before = is_past_verb(t, &toks[k]);
    /* "during the 1976 campaign": a time phrase of its own clause */
    if (!verb_before || (first > 1 && tok_in(t, &toks[first - 2], w_time_preps)))
        return false;
    const struct token *next = &toks[last + 1];
    if (!next->word || tok_in(t, next, w_not_nouns) || is_past_verb(t, next) ||
        year_of(t, next) >= 0)
        return false;
    /* "at the 2006 Summit", "the July 1944 Bretton Woods Conference": a dated occasion is
       when things happened at it */
    for (int k = last + 1; k < n && k <= last + 6 && toks[k].word; k++)
        if (tok_in_nocase(t, &toks[k], dated_nouns))
            return false;
    return true;
}

/* Whether byte at of t is inside brackets holding a past-tense verb of their own. */
static bool bracketed_clause(const char *t, const struct token *toks, int n, size_t at)
{
    int depth = 0;
    size_t open = 0;
    for (size_t i = 0; i < at; i++) {
        if (t[i] == '(' && depth++ == 0)
            open = i;
        else if (t[i] == ')' && depth > 0)
            depth--;
    }
    if (depth == 0)
        return false;
    for (int k = 0; k < n; k++) {
        if (toks[k].start <= open)
            continue;
        if (!toks[k].word && t[toks[k].start] == ')')
            return false;
        if (is_past_verb(t, &toks[k]))
            return true;
    }
    return false;
}

/* Whether t holds an opening curly quotation mark. */
static bool memmem_curly(const char *t, size_t len)
{
    for (const char *p = t; (p = memchr(p, 0xE2, len - (size_t)(p - t))) != NULL; p++)
        if ((size_t)(p - t) + 2 < len && (unsigned char)p[1] == 0x80 &&
            (unsigned char)p[2] == 0x9C)
            return true;
    return false;
}

/*
 * Marks the dates of a sentence that name a thing rather than date its
 * clause: in quotation marks, in a bracketed clause, or qualifying a noun
 * when the clause is dated otherwise. The marks are looked for only where
 * the sentence has them: most have none.
 */
static void qualify_exprs(struct expr *ex, int count, const char *t, size_t len,
                          const struct token *toks, int n)
{
    bool quotes = memchr(t, '"', len) != NULL || memmem_curly(t, len);
    bool brackets = memchr(t, '(', len) != NULL;
    /*
     * A date quoted inside a sentence dated outside the quote is the quote's: "In August 1954,
     * Winnacker expressed “shock when reading ... the actual 1945 plans”" happened in 1954.
     */
    bool outside = false;
    for (int k = 0; quotes && k < count; k++)
        outside = outside || !in_quotes(t, ex[k].start);
    /*
     * A date that qualifies a noun ("in the wake of the June 1967 Arab-Israeli War") names it
     * when the clause is dated otherwise ("severed relations on June 6, 1967, in the wake of")
     */
    bool plain = false;
    bool qualifies[MAX_EXPRS] = {false};
    for (int k = 0; count > 1 && k < count; k++) {
        qualifies[k] = qualifying_date(t, toks, n, &ex[k]);
        plain = plain || (!qualifies[k] && !ex[k].names);
    }
    for (int k = 0; plain && k < count; k++)
        if (qualifies[k])
            ex[k].names = ex[k].status = true;
    /* "ahead of the 2015 United Nations Climate Change Conference in Paris in November
       2015": a year before a name says which one, when the sentence dates its clause more
       closely in that year */
    for (int k = 0; count > 1 && k < count; k++) {
        if (ex[k].names || ex[k].month || ex[k].end_year || ex[k].decade)
            continue;
        int f, l;
        expr_tokens(toks, n, &ex[k], &f, &l);
        if (f != l || f < 1 ||
            l + 1 >= n || !tok_eq(t, &toks[f - 1], "the") || !is_title(t, &toks[l + 1]) ||
            year_of(t, &toks[l + 1]) >= 0)
            continue;
        for (int j = 0; j < count; j++)
            if (j != k && !ex[j].names && ex[j].year == ex[k].year && ex[j].month) {
                ex[k].names = ex[k].status = true;
                break;
            }
    }
    /*
     * A date in brackets with a verb of their own dates the bracketed clause, not the sentence:
     * "This treaty was signed while ... (a separate treaty had been signed on January 14, 1893)"
     */
    for (int k = 0; brackets && k < count; k++)
        if (!ex[k].names && bracketed_clause(t, toks, n, ex[k].start))
            ex[k].names = ex[k].status = true;
    /* "established in 1985 (after the use of chemical weapons by Iraq in 1984)": a date phrase
       in brackets with no verb of its own is a note on the clause dated outside them (a bare
       date there dates the clause before: "suspended (Hoover moratorium, June 1931)") */
    bool inside[MAX_EXPRS] = {false}, dated_outside = false;
    int depth = 0;
    for (size_t at = 0, k = 0; brackets && k < (size_t)count; k++) {
        /* the expressions come in the text's order: one pass counts the brackets open */
        if (k > 0 && ex[k].start < ex[k - 1].start)
            at = 0, depth = 0;
        for (; at < ex[k].start; at++)
            depth += t[at] == '(' ? 1 : t[at] == ')' && depth > 0 ? -1 : 0;
        inside[k] = depth > 0;
        dated_outside |= !ex[k].names && !ex[k].status && !inside[k];
    }
    for (int k = 0; dated_outside && k < count; k++) {
        if (ex[k].names || !inside[k])
            continue;
        int f, l;
        expr_tokens(toks, n, &ex[k], &f, &l);
        if (f >= 0 && tok_in(t, &toks[f], prepositions))
            ex[k].names = ex[k].status = true;
    }
    /* "removed then-President Dilma ROUSSEFF (2011-2016) from office in 2016": a range alone
       in brackets after a name is a note on it (a term, a life) when a date outside brackets
       dates the clause a few words on ("wars with Tripoli (1801-1805) and Algiers (1815-1816)"
       date the wars) */
    for (int k = 0; k < count; k++) {
        int f, l;
        expr_tokens(toks, n, &ex[k], &f, &l);
        if (!ex[k].end_year || f < 2 || l + 1 >= n || t[toks[f - 1].start] != '(' ||
            t[toks[l + 1].start] != ')' || !is_title(t, &toks[f - 2]) ||
            year_of(t, &toks[f - 2]) >= 0)
            continue;
        /* "former mayor of Mexico City (2000-05) Andrés Manuel LÓPEZ OBRADOR": between two
           names, a term */
        bool note = l + 2 < n && is_title(t, &toks[l + 2]) &&
                    toks[l + 2].start == toks[l + 1].end + 1;
        /* the clause's own date a few words after or before ("became complete in 2022 when
           he defeated Jair BOLSONARO (2019-2022)"), nothing between that sets it apart */
        for (int d = -1; d <= 1 && !note; d += 2) {
            int j = k + d, f2, l2;
            if (j < 0 || j >= count || ex[j].names)
                continue;
            expr_tokens(toks, n, &ex[j], &f2, &l2);
            if (f2 >= 1 && t[toks[f2 - 1].start] == '(')
                continue;
            int a = d > 0 ? l + 2 : l2 + 1, b = d > 0 ? f2 : f - 1;
            bool apart = b - a > 10;
            for (int i = a; i < b && !apart; i++)
                apart = !toks[i].word && strchr(",;:()", t[toks[i].start]);
            note = !apart;
        }
        if (note)
            ex[k].names = ex[k].status = true;
    }
    /* ... and a date in a short quotation is a title's: "the sub-title “The Papers,
       1914-1919”" */
    for (int k = 0; quotes && k < count; k++)
        if (in_quotes(t, ex[k].start) && (outside || quotation_words(t, len, ex[k].start) <= 8))
            ex[k].names = ex[k].status = true;
}

/* Scans the sentence for temporal expressions (spec §2.1), longest first. */
static int find_exprs(struct expr *ex, const char *t, size_t len, const struct token *toks,
                      int n, const struct gen_event_state *st)
{
    int count = 0;
    for (int i = 0; i < n; i++) {
        /* every form below starts with a digit (a year, a day, a decade) or a month's capital */
        char c0 = t[toks[i].start];
        if (!gen_is_digit(c0) && !(c0 == 'J' || c0 == 'F' || c0 == 'M' || c0 == 'A' ||
                                   c0 == 'S' || c0 == 'O' || c0 == 'N' || c0 == 'D'))
            continue;
        struct expr e;
        int used = match_iso(&e, t, toks, i, n);
        if (!used)
            used = match_month_date(&e, t, toks, i, n);
        if (used) {
            int first = range_start(&e, t, toks, i, n);
            e.start = with_preposition(t, toks, first, i + used - 1, n);
            e.end = toks[i + used - 1].end;
            /* "from April 1914 to June 1915": a term, the years of a range */
            int j = i + used, used2;
            struct expr e2;
            if (first > 0 && tok_in_nocase(t, &toks[first - 1], w_from) && j + 1 < n &&
                (tok_eq(t, &toks[j], "to") || tok_eq(t, &toks[j], "until")) &&
                ((used2 = match_month_date(&e2, t, toks, j + 1, n)) ||
                 (used2 = match_iso(&e2, t, toks, j + 1, n))) &&
                e2.year > e.year) {
                e = (struct expr){.year = e.year, .end_year = e2.year, .start = e.start,
                                  .end = toks[j + used2].end};
                add_expr(ex, &count, e);
                i = j + used2;
                continue;
            }
            e.names = attributive_date(t, toks, first, i + used - 1, n);
            e.status = e.names || status_date(t, toks, first, n, e.start, e.end);
            add_expr(ex, &count, e);
            i += used - 1;
            continue;
        }
        if (match_decade(&e, t, len, toks, i)) {
            e.start = toks[i].start;
            while (e.start > 0 && (gen_is_alpha(t[e.start - 1]) || t[e.start - 1] == '-'))
                e.start--;
            int q = i;
            if (q > 0 && toks[q - 1].start < e.start && tok_in_nocase(t, &toks[q - 1],
                w_early_mid_late)) {
                q--;
                e.start = toks[q].start;
            }
            if (q > 0 && tok_in_nocase(t, &toks[q - 1], w_the_in_since_etc))
                e.start = toks[q - 1].start;
            /* "during the early 1990s": the decade heads its phrase, the preposition goes too */
            if (q > 1 && tok_in_nocase(t, &toks[q - 1], w_the_a) &&
                tok_in_nocase(t, &toks[q - 2], prepositions))
                e.start = toks[q - 2].start;
            e.end = toks[i].end;
            add_expr(ex, &count, e);
            continue;
        }
        int y = year_of(t, &toks[i]);
        if (y < 0 || !year_is_date(t, len, toks, i, n))
            continue;
        e = (struct expr){.year = y, .start = with_preposition(t, toks, i, i, n),
                          .end = toks[i].end};
        /* ranges: "from 2001 until 2021", "between 1997 and 1999", "2001–2021" */
        bool from = i > 0 && (tok_eq(t, &toks[i - 1], "from") || tok_eq(t, &toks[i - 1], "From") ||
                              tok_eq(t, &toks[i - 1], "between") ||
                              tok_eq(t, &toks[i - 1], "Between"));
        int end_year = adjacent_range_end(t, toks, i, n, y);
        if (end_year > 0) {
            e.end_year = end_year;
            e.end = toks[i + 2].end;
            e.names = e.status = covered_years(t, toks, i); /* "volumes covering 1950-1954" */
            i += 2;
            add_expr(ex, &count, e);
            continue;
        }
        for (int j = i + 1; j < n && j <= i + 12; j++) {
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
        e.names = !e.end_year && attributive_date(t, toks, i, i, n);
        e.status = e.names || status_date(t, toks, i, n, e.start, e.end);
        add_expr(ex, &count, e);
    }
    if (count > 0)
        qualify_exprs(ex, count, t, len, toks, n);
    (void)st;
    return count;
}

/* ---- relative expressions (spec §2.1) ---- */

static const char *const small_numbers[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", NULL,
};

/* Whether the words of phrase (space separated) start at token i; *used gets their count. */
static bool words_at(const char *t, const struct token *toks, int i, int n, const char *phrase,
                     int *used)
{
    int k = i;
    for (const char *p = phrase; *p; k++) {
        if (k >= n)
            return false;
        /* compared as far as both agree: most tokens differ in their first letter */
        const char *w = t + toks[k].start;
        size_t len = toks[k].end - toks[k].start, j = 0;
        while (j < len && p[j] && p[j] != ' ' && gen_lower(w[j]) == gen_lower(p[j]))
            j++;
        if (j < len || (p[j] && p[j] != ' '))
            return false;
        p += p[j] ? j + 1 : j;
    }
    *used = k - i;
    return true;
}

static int small_number(const char *t, const struct token *k)
{
    if (tok_in_nocase(t, k, w_a_an))
        return 1;
    for (int v = 0; small_numbers[v]; v++)
        if (tok_eq(t, k, small_numbers[v]) ||
            gen_word_eq(t + k->start, k->end - k->start, small_numbers[v], true))
            return v;
    int v = number(t, k, 2);
    return v;
}

/* Offsets an anchor by an amount of a unit: 'y' years, 'm' months, 'd' days. */
static void shift(struct expr *e, int amount, char unit)
{
    if (unit == 'y') {
        e->year += amount;
        e->month = e->day = 0;
    } else if (unit == 'm' && e->month) {
        int m = e->month - 1 + amount;
        e->year += m / 12;
        e->month = m % 12 + 1;
        e->day = 0;
    } else if (unit == 'd' && e->day) {
        e->day += amount;
        int len;
        while ((len = recite_days_in_month(e->year, e->month)) > 0 && e->day > len) {
            e->day -= len;
            if (++e->month > 12) {
                e->month = 1;
                e->year++;
            }
        }
    } else {
        e->month = e->day = 0;
        e->year += unit == 'm' ? amount / 12 : 0;
    }
}

/* "N years later", "a decade later", "five days later": tokens used and the offset. */
static int match_later(const char *t, const struct token *toks, int i, int n, int *amount,
                       char *unit)
{
    int later_used;
    /* "later" is the rarest of the three words: asked first, it rules out nearly every token */
    if (i + 2 >= n || !words_at(t, toks, i + 2, n, "later", &later_used))
        return 0;
    int v = small_number(t, &toks[i]);
    if (v < 1)
        return 0;
    const struct token *u = &toks[i + 1];
    if (tok_in_nocase(t, u, w_year_years))
        *unit = 'y';
    else if (tok_in_nocase(t, u, w_decade_decades)) {
        *unit = 'y';
        v *= 10;
    } else if (tok_in_nocase(t, u, w_month_months))
        *unit = 'm';
    else if (tok_in_nocase(t, u, w_day_days))
        *unit = 'd';
    else
        return 0;
    *amount = v;
    return 3;
}

/* Relative expressions, resolved against anchor (or the dateline); returns tokens used. */
static int match_relative(struct expr *e, const char *t, const struct token *toks, int i, int n,
                          const struct expr *anchor, const struct gen_event_state *st)
{
    static const char *const same_year[] = {"later that year", "that same year", "the same year",
                                            "in the same year", "earlier that year",
                                            "that year", NULL};
    int used = 0, amount;
    char unit;
    static const char *const starts[] = {"later", "that", "the", "in", "earlier", "today",
                                         "this", "last", "next", "a", "an", "one", "two",
                                         "three", "four", "five", "six", "seven", "eight",
                                         "nine", "ten", NULL};
    /* without an anchor or a dateline nothing below can match */
    if (!anchor && !st->dct_year)
        return 0;
    /* the first letters of starts[], or a digit: most tokens stop here without a lookup */
    char c0 = gen_lower(t[toks[i].start]);
    if (!gen_is_digit(c0) && !(c0 == 'l' || c0 == 't' || c0 == 'i' || c0 == 'e' || c0 == 'a' ||
                               c0 == 'n' || c0 == 'o' || c0 == 'f' || c0 == 's'))
        return 0;
    if (!tok_in_nocase(t, &toks[i], starts) && number(t, &toks[i], 2) < 0)
        return 0;
    if (anchor) {
        for (int k = 0; same_year[k]; k++)
            if (words_at(t, toks, i, n, same_year[k], &used)) {
                *e = (struct expr){.year = anchor->year};
                goto found;
            }
        if (words_at(t, toks, i, n, "the following year", &used) ||
            words_at(t, toks, i, n, "the next year", &used)) {
            *e = (struct expr){.year = anchor->year + 1};
            goto found;
        }
        if ((used = match_later(t, toks, i, n, &amount, &unit)) > 0) {
            *e = *anchor;
            shift(e, amount, unit);
            e->end_year = 0;
            e->decade = false;
            goto found;
        }
    }
    if (st->dct_year) {
        if (words_at(t, toks, i, n, "today", &used)) {
            *e = (struct expr){.year = st->dct_year, .month = st->dct_month, .day = st->dct_day};
            /* "Today's summit": the possessive goes with the date */
            if (i + 2 < n && possessive_at(t, toks, i + 1, n))
                used = 3;
            goto found;
        }
        static const char *const this_year[] = {"this summer", "this year", "this spring",
                                                "this autumn", "this fall", "this winter", NULL};
        for (int k = 0; this_year[k]; k++)
            if (words_at(t, toks, i, n, this_year[k], &used)) {
                *e = (struct expr){.year = st->dct_year};
                goto found;
            }
        if (words_at(t, toks, i, n, "last year", &used) || words_at(t, toks, i, n, "next year", &used)) {
            *e = (struct expr){.year = st->dct_year + (tok_eq(t, &toks[i], "next") ? 1 : -1)};
            goto found;
        }
    }
    return 0;
found:
    e->relative = true;
    e->low = true;
    e->why = "relative date";
    e->start = toks[i].start;
    e->end = toks[i + used - 1].end;
    return used;
}

static void set_context(char *dst, const char *s, size_t n);
static bool finite_at(const char *t, const struct token *toks, int v, int n);
static bool tok_mark(const char *t, const struct token *toks, int k, char c);

/* ---- clauses, segments and predicates ---- */

bool gen_past_word(const char *w, size_t n)
{
    return (class_of(w, n) & TOK_PAST) != 0;
}

static bool is_past_verb(const char *t, const struct token *k)
{
    return has_class(t, k, TOK_PAST);
}

static bool is_predicate(const char *t, const struct token *k)
{
    return has_class(t, k, TOK_PAST | TOK_EVENT_NOUN);
}

/*
 * Whether token i is an en dash written between two words with no space: "Mekong–Ganga"
 * (an em dash so written sets off an aside: "the treaty—signed in 1949—").
 */
static bool dash_joins_words(const char *t, const struct token *toks, int i, int n)
{
    return i > 0 && i + 1 < n && toks[i - 1].word && toks[i + 1].word &&
           (unsigned char)t[toks[i].start + 2] == 0x93 &&
           toks[i - 1].end == toks[i].start && toks[i + 1].start == toks[i].end &&
           gen_is_alpha(t[toks[i - 1].end - 1]) && gen_is_alpha(t[toks[i + 1].start]);
}

/* A semicolon, colon or dash between clauses; not a dash that joins a name's words. */
static bool clause_break(const char *t, const struct token *toks, int i, int n)
{
    const struct token *k = &toks[i];
    char c = t[k->start];
    return c == ';' || c == ':' ||
           (gen_dash_len(t + k->start, t + k->end) && !dash_joins_words(t, toks, i, n));
}

struct segment {
    int a, b;     /* token range */
    int clause;   /* clause number */
};

static bool in_expr(const struct token *k, const struct expr *ex, int count)
{
    for (int i = 0; i < count; i++)
        if (k->start >= ex[i].start && k->start < ex[i].end)
            return true;
    return false;
}

/* Whether k is a date that names a thing ("the 1994 agreement"): a description keeps it. */
static bool naming_date(const struct token *k, const struct expr *ex, int count)
{
    for (int i = 0; i < count; i++)
        if (ex[i].names && k->start >= ex[i].start && k->start < ex[i].end)
            return true;
    return false;
}

/* A comma between names of a list ("Czechia, Hungary, and Poland") does not split. */
/* A lowercase word that can be an item of an enumeration ("nuclear", not "however"). */
static bool item_word(const char *t, const struct token *k)
{
    static const char *const discourse[] = {
        "however", "therefore", "moreover", "though", "too", "also", "meanwhile", "instead",
        "then", "thus", "finally", "first", "second", "third", "later", "again", "indeed",
        "and", "or", "but", "which", "who", "when", "while", "where", NULL};
    return k->word && gen_is_lower(t[k->start]) && !tok_in(t, k, discourse);
}

/*
 * "nuclear, chemical, biological, and conventional arms": a comma between
 * one-word items of an enumeration separates no clauses.
 */
static bool enumeration_comma(const char *t, const struct token *toks, int i, int n)
{
    if (i == 0 || i + 2 >= n || !item_word(t, &toks[i - 1]))
        return false;
    /* "the CSTO rapid reaction force, stating, ...": a participle after a noun starts a clause */
    const struct token *next = &toks[i + 1], *prev = &toks[i - 1];
    bool next_ing = next->end - next->start > 4 && !memcmp(t + next->end - 3, "ing", 3);
    bool prev_ing = prev->end - prev->start > 4 && !memcmp(t + prev->end - 3, "ing", 3);
    if (next_ing && !prev_ing)
        return false;
    /* the first: "nuclear, chemical," */
    if (item_word(t, &toks[i + 1]) && t[toks[i + 2].start] == ',')
        return true;
    /* a later one: ", biological, and ..." or ", biological, chemical" after a one-word item */
    return i >= 2 && t[toks[i - 2].start] == ',' &&
           (tok_eq(t, &toks[i + 1], "and") || tok_eq(t, &toks[i + 1], "or") ||
            item_word(t, &toks[i + 1]));
}

/* A verb that begins a clause after its subject: past ("joined") or present ("sends"). */
static bool clause_verb(const char *t, const struct token *k)
{
    return is_past_verb(t, k) || tok_in(t, k, gen_clause_present_verbs);
}

/*
 * Whether the names before the comma at i end a list of their own, one that
 * follows its clause's verb: "members were A, B and C,", "included A, B and
 * C,". A list opening its clause is its subject: "A, B and C, and D made".
 */
static bool list_closed_before(const char *t, const struct token *toks, int i)
{
    static const char *const links[] = {"is", "are", "was", "were", "include", "includes",
                                        "included", "comprise", "comprised", NULL};
    int k = i - 1;
    while (k >= 0 && is_title(t, &toks[k]))
        k--;
    if (k < 1 || k == i - 1 || !tok_eq(t, &toks[k], "and"))
        return false;
    int before = --k;
    while (k >= 0 && is_title(t, &toks[k]))
        k--;
    if (k < 0 || k == before || t[toks[k].start] != ',')
        return false;
    /* the items before: names and commas, up to what the list follows */
    while (k >= 0 && (is_title(t, &toks[k]) || t[toks[k].start] == ','))
        k--;
    return k >= 0 && (t[toks[k].start] == ':' || tok_in(t, &toks[k], links) ||
                      (is_past_verb(t, &toks[k]) && gen_is_lower(t[toks[k].start])));
}

static bool list_comma(const char *t, const struct token *toks, int i, int n)
{
    if (enumeration_comma(t, toks, i, n))
        return true;
    if (i == 0 || i + 1 >= n || !is_title(t, &toks[i - 1]))
        return false;
    int j = i + 1;
    if (tok_eq(t, &toks[j], "and") || tok_eq(t, &toks[j], "the"))
        j++;
    if (j < n && tok_eq(t, &toks[j], "the"))
        j++;
    if (j >= n || !is_title(t, &toks[j]) || year_of(t, &toks[j]) >= 0)
        return false;
    if (tok_eq(t, &toks[i + 1], "and")) {
        /* "France, Germany and Italy, and Spain joined in 1986": the list closed at "and
           Italy"; ", and Spain joined" is a clause of its own */
        static const char *const adverbs[] = {"later", "also", "then", "soon", "too", NULL};
        int v = j;
        while (v < n && is_title(t, &toks[v]))
            v++;
        if (v < n && tok_in(t, &toks[v], adverbs))
            v++;
        if (!(v < n && clause_verb(t, &toks[v])))
            return true;
        /* ", and Congress approved" after one name is a clause; after a list of them
           ("France, Germany, and Italy signed") the last of it */
        static const char *const within[] = {"the", "or", "and", "'", "’", NULL};
        int k = i - 1;
        while (k >= 0 && (is_title(t, &toks[k]) || tok_in_nocase(t, &toks[k], within)))
            k--;
        return k >= 0 && t[toks[k].start] == ',' && !list_closed_before(t, toks, i);
    }
    while (j < n && is_title(t, &toks[j]))
        j++;
    return j < n && (t[toks[j].start] == ',' || tok_eq(t, &toks[j], "and"));
}

/* Splits the sentence at clause breaks, and clauses at commas outside brackets and dates. */
static int segments_of(struct segment *out, int max, const char *t, const struct token *toks,
                       int n, const struct expr *ex, int count)
{
    int k = 0, start = 0, clause = 0, depth = 0;
    for (int i = 0; i < n && k < max; i++) {
        char c = t[toks[i].start];
        depth += (c == '(') - (c == ')');
        if (depth < 0)
            depth = 0;
        bool brk = clause_break(t, toks, i, n) && !in_expr(&toks[i], ex, count);
        /* "2,030 troops": a comma inside a number separates thousands, not clauses */
        bool thousands = c == ',' && i > 0 && i + 1 < n && toks[i - 1].end == toks[i].start &&
                         toks[i + 1].start == toks[i].end && gen_is_digit(t[toks[i - 1].end - 1]) &&
                         toks[i + 1].end - toks[i + 1].start == 3 &&
                         number(t, &toks[i + 1], 3) >= 0;
        bool comma = c == ',' && depth == 0 && !thousands && !in_expr(&toks[i], ex, count) &&
                     !list_comma(t, toks, i, n);
        if (!brk && !comma && tok_eq(t, &toks[i], "and") && i + 1 < n && i > start + 2 &&
            is_past_verb(t, &toks[i + 1]) && !tok_eq(t, &toks[i + 1], "was") &&
            !tok_eq(t, &toks[i + 1], "were")) {
            out[k++] = (struct segment){start, i, clause};
            start = i + 1;
            continue;
        }
        if (!brk && !comma)
            continue;
        if (i > start)
            out[k++] = (struct segment){start, i, clause};
        start = i + 1;
        if (brk)
            clause++;
    }
    if (start < n && k < max)
        out[k++] = (struct segment){start, n, clause};
    return k;
}

static bool seg_has_predicate(const char *t, const struct token *toks, const struct segment *s,
                              const struct expr *ex, int count, bool verbs_only)
{
    for (int i = s->a; i < s->b; i++)
        if (!in_expr(&toks[i], ex, count) &&
            (verbs_only ? is_past_verb(t, &toks[i]) : is_predicate(t, &toks[i])))
            return true;
    return false;
}

static bool seg_has_modal(const char *t, const struct token *toks, int a, int b)
{
    for (int i = a; i < b; i++)
        if (has_class(t, &toks[i], TOK_MODAL))
            return true;
    return false;
}

/* ---- descriptions ---- */

/* Drops a wiki's editorial notes ("[citation needed]", one broken across lines), in place. */
static void editorial_notes_out(char *text)
{
    /* what comes before the first '[' stays where it is */
    char *out = strchr(text, '[');
    if (!out)
        return;
    for (char *p = out; *p;) {
        char *close = *p == '[' ? strchr(p, ']') : NULL;
        if (close && gen_editorial_note(p, (size_t)(close - p) + 1)) {
            p = close + 1;
            continue;
        }
        *out++ = *p++;
    }
    *out = '\0';
}

/*
 * Drops brackets that say nothing in a description, in place: those a date
 * left empty ("led to a war ()", it held "(1846-1848)"), statute citations
 * ("(1 Stat. 28)", "(22 U.S.C. 2651)"), years alone (year_note()) and asides
 * with a year of their own (dated_aside()).
 */
/*
 * Whether the brackets [open, close] in text hold a year alone or a range of
 * years ("(2025)", an entry's stamp; "(2011-2016)", "(1990–94)" after a name,
 * a term) set apart by spaces or punctuation, never glued to a word
 * ("Resolution (2003)8").
 */
static bool year_note(const char *text, const char *open, const char *close)
{
    if ((open > text && open[-1] != ' ') || (close[1] && !strchr(" ,.;:", close[1])))
        return false;
    const char *p = open + 1;
    size_t digits = 0;
    while (p < close && gen_is_digit(*p) && digits < 4)
        p++, digits++;
    if (digits != 4)
        return false;
    if (p == close)
        return true;
    size_t dash = *p == '-' ? 1 : (close - p > 3 && !memcmp(p, "\xE2\x80\x93", 3)) ? 3 : 0;
    if (!dash)
        return false;
    p += dash;
    digits = 0;
    while (p < close && gen_is_digit(*p))
        p++, digits++;
    return p == close && (digits == 2 || digits == 4);
}

/*
 * Whether the brackets [open, close] hold an aside with a year of its own ("(after the use
 * of chemical weapons by Iraq in 1984)"): another date's note, not the event's words.
 */
static bool dated_aside(const char *open, const char *close)
{
    size_t n = (size_t)(close - open - 1);
    return gen_year_in(open + 1, n) && memchr(open + 1, ' ', n) != NULL;
}

static void void_brackets_out(char *text)
{
    char *out = text;
    for (char *p = text; *p;) {
        char *close = *p == '(' ? strchr(p, ')') : NULL;
        bool drop = close && (close == p + 1 || dated_aside(p, close));
        if (close && !drop && close - p < 40) {
            size_t n = (size_t)(close - p);
            bool digit = false, cite = false;
            for (size_t i = 1; i < n; i++) {
                digit |= gen_is_digit(p[i]);
                cite |= (i + 5 <= n && memcmp(p + i, "Stat.", 5) == 0) ||
                        (i + 6 <= n && memcmp(p + i, "U.S.C.", 6) == 0);
            }
            drop = (digit && cite) || year_note(text, p, close);
        }
        if (drop) {
            while (out > text && out[-1] == ' ')
                out--;
            p = close + 1;
            continue;
        }
        *out++ = *p++;
    }
    *out = '\0';
}

/*
 * Drops the closing brackets whose opening one was left out with the date
 * ("1 July 1569 (Polish-Lithuanian Commonwealth created)" gives "...
 * created)"), in place.
 */
static void unmatched_closers(char *text)
{
    if (!strpbrk(text, ")]")) /* nothing to drop: most descriptions */
        return;
    int depth = 0;
    char *out = text;
    for (const char *p = text; *p; p++) {
        if (*p == '(' || *p == '[')
            depth++;
        else if ((*p == ')' || *p == ']') && depth-- == 0) {
            depth = 0;
            continue;
        }
        *out++ = *p;
    }
    *out = '\0';
}

/* Whether the description's last word leaves it unfinished once a quotation after it is gone. */
static bool dangling_end(const char *text, size_t n)
{
    static const char *const wanting[] = {"as", "was", "were", "is", "are", "be", "been",
                                          "called", "named", "voted", "described", "include",
                                          "includes", "included", "than", "and", "or", NULL};
    size_t w = n;
    while (w && text[w - 1] != ' ')
        w--;
    return gen_word_in(text + w, n - w, gen_saying_verbs, true) ||
           gen_word_in(text + w, n - w, prepositions, false) ||
           gen_word_in(text + w, n - w, wanting, false);
}

/*
 * The description without the quotation that starts at open and the words
 * that only led into it ("reported to Washington that “There is ..." gives
 * "reported to Washington"; "at the Summit when NATO leaders argued that
 * its “growing ..." gives "at the Summit"). Returns the length kept, or 0
 * when what is left is too short or unfinished ("was voted").
 */
static size_t before_quote(const char *text, size_t open)
{
    static const char *const lead_ins[] = {"that", "which", "who", "its", "their", "his", "her",
                                           "our", "the", "a", "an", "of", NULL};
    size_t n = open;
    for (;;) {
        while (n && text[n - 1] == ' ')
            n--;
        size_t w = n;
        while (w && text[w - 1] != ' ')
            w--;
        if (w == 0 || !gen_word_in(text + w, n - w, lead_ins, false))
            break;
        n = w;
    }
    size_t w = n;
    while (w && text[w - 1] != ' ')
        w--;
    if (gen_word_in(text + w, n - w, gen_saying_verbs, true)) {
        /* the clause that only said it goes too */
        static const char *const joins[] = {" when ", " as ", " after ", " while ", ", ", NULL};
        size_t cut = 0;
        for (int j = 0; joins[j]; j++)
            for (const char *p = strstr(text, joins[j]); p && (size_t)(p - text) < w;
                 p = strstr(p + 1, joins[j]))
                cut = (size_t)(p - text) > cut ? (size_t)(p - text) : cut;
        if (cut)
            n = cut;
    }
    return gen_word_count(text, n) >= 3 && !dangling_end(text, n) ? n : 0;
}

/*
 * A quotation opened in the description and not closed in it. Where the
 * description runs to its sentence's end the quotation did too: it is
 * closed. Where the cap cut it, the description ends before it when what
 * is left reads whole, or else shows the cut ("…") and closes it. Returns
 * text, or a longer copy (text freed); NULL when memory runs out.
 */
static char *quote_closed(char *text, bool capped)
{
    if (!strpbrk(text, "\"\xE2")) /* no quote, straight or curly: most descriptions */
        return text;
    const char *open = NULL;
    for (char *p = text; *p; p++) {
        const unsigned char *u = (const unsigned char *)p;
        bool curly = u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x9D);
        if (curly && u[2] == 0x9C) /* “ */
            open = open ? open : p;
        else if (curly) /* ” */
            open = NULL;
        else if (*p == '"') {
            /* a straight quote opens before a word, closes after one; alone, it closes an
               open one ("Constitution for Europe " growing ...: the space goes) */
            bool after_word = p > text && p[-1] != ' ' && p[-1] != '(';
            bool before_word = p[1] && p[1] != ' ';
            if (!after_word && !before_word && open && p > text && p[-1] == ' ') {
                memmove(p - 1, p, strlen(p) + 1);
                p--;
                after_word = true;
            }
            if (after_word)
                open = NULL;
            else if (before_word)
                open = open ? open : p;
        }
    }
    if (!open)
        return text;
    size_t keep = capped ? before_quote(text, (size_t)(open - text)) : 0;
    if (keep) {
        text[keep] = '\0';
        return text;
    }
    const char *close = *open == '"' ? "\"" : "\xE2\x80\x9D";
    const char *cut = capped ? "\xE2\x80\xA6" : "";
    size_t n = strlen(text), at = n;
    /*
     * A name in quotes whose closing mark was lost with a left-out clause ("a
     * "Constitution for Europe foundered when ...") closes after the name:
     * two capitalised words or more, then a lowercase one.
     */
    size_t from = (size_t)(open - text) + (*open == '"' ? 1 : 3), words = 0, end = from;
    static const char *const inside[] = {"of", "for", "the", "and", "on", "in", NULL};
    for (size_t i = from; i < n;) {
        size_t e = i;
        while (e < n && text[e] != ' ')
            e++;
        if (gen_is_upper(text[i]))
            words++;
        else if (!gen_is_digit(text[i]) && !gen_word_in(text + i, e - i, inside, false))
            break;
        end = words ? e : end;
        i = e < n ? e + 1 : e;
    }
    if (!capped && words >= 2 && end < n)
        at = end, cut = "";
    char *out = realloc(text, n + strlen(cut) + strlen(close) + 1);
    if (!out) {
        free(text);
        return NULL;
    }
    memmove(out + at + strlen(cut) + strlen(close), out + at, n - at + 1);
    memcpy(out + at, cut, strlen(cut));
    memcpy(out + at + strlen(cut), close, strlen(close));
    return out;
}

static bool skip_leading(const char *t, const struct token *k)
{
    return !k->word || has_class(t, k, TOK_LEADING);
}

/*
 * out ends in "a " or "an " (any case) before a word starting with c, which
 * once stood after a date: the article is made to fit c ("an" before a
 * vowel letter but u, "a" otherwise).
 */
static int article_agrees(struct recite_buf *out, char c)
{
    char *d = out->data;
    size_t n = out->len;
    bool vowel = strchr("aeioAEIO", c) != NULL;
    bool at_start_a = n == 2 || (n > 2 && d[n - 3] == ' ');
    bool at_start_an = n == 3 || (n > 3 && d[n - 4] == ' ');
    if (n >= 3 && at_start_an && (d[n - 3] == 'a' || d[n - 3] == 'A') && d[n - 2] == 'n' &&
        d[n - 1] == ' ' && !vowel) {
        d[n - 2] = ' ';
        out->len--;
        return 0;
    }
    if (n >= 2 && at_start_a && (d[n - 2] == 'a' || d[n - 2] == 'A') && d[n - 1] == ' ' &&
        vowel) {
        out->len--;
        int rc = gen_buf_add(out, "n ", 2);
        return rc;
    }
    return 0;
}

/*
 * Copies token ranges of the original text, leaving out the dates; then trims
 * and caps. Returns NULL only when memory runs out: a clause with nothing
 * left to say gives "" and *skip names why, so the fact is left out.
 */
/*
 * Whether word w of text (its words start at starts[]) reads as the clause's verb: a past
 * form ("came", "signed") not followed by "by" ("headed by" qualifies a noun).
 */
static bool verb_word_at(const char *text, const size_t *starts, size_t words, size_t w)
{
    const char *p = text + starts[w];
    if (w + 1 < words && !strncmp(text + starts[w + 1], "by ", 3))
        return false;
    return gen_past_word(p, strcspn(p, " ,;"));
}

static char *describe(const char **skip, const char *t, const struct token *toks, int ntoks,
                      const int *ranges, int nranges, const struct expr *ex, int count,
                      size_t focus)
{
    struct recite_buf out = {0};
    bool leading = true;
    size_t focus_at = 0;
    int emitted = -2, last_word = -1;
    int rc = 0;
    *skip = NULL;
    for (int r = 0; r < nranges; r++) {
        /*
         * two predicates split at their "and" keep it: "renewed the Act [until May 1937][,]
         * and prohibited loans" (only dates and punctuation left out between them)
         */
        int a = ranges[2 * r];
        if (r > 0 && a > 0 && emitted >= 0 && emitted < a - 1 && tok_eq(t, &toks[a - 1], "and") &&
            out.len && rc == 0) {
            bool between = true;
            for (int j = emitted + 1; j < a - 1 && between; j++)
                between = !toks[j].word || in_expr(&toks[j], ex, count);
            if (between)
                rc = gen_buf_add(&out, "and ", 4);
        }
        for (int i = ranges[2 * r]; i < ranges[2 * r + 1]; i++) {
            const struct token *k = &toks[i];
            if (in_expr(k, ex, count) && !naming_date(k, ex, count))
                continue;
            /* "won elections in 1992 and 1996 but": the "and" between two dates left out */
            if (i > 0 && i + 1 < ntoks && (tok_eq(t, k, "and") || tok_eq(t, k, "or")) &&
                in_expr(&toks[i - 1], ex, count) && !naming_date(&toks[i - 1], ex, count) &&
                in_expr(&toks[i + 1], ex, count) && !naming_date(&toks[i + 1], ex, count))
                continue;
            if (leading && skip_leading(t, k))
                continue;
            leading = false;
            bool glued = (i > ranges[2 * r] && emitted == i - 1 && toks[i - 1].end == k->start) ||
                         (!k->word && strchr(".,;:)!?", t[k->start]));
            if (out.len && !glued && rc == 0)
                rc = gen_buf_addc(&out, ' ');
            /* a date left out after its article: "An April 1954 meeting" reads "A meeting" */
            if (rc == 0 && k->word && emitted >= 0 && emitted < i - 1 &&
                in_expr(&toks[i - 1], ex, count))
                rc = article_agrees(&out, t[k->start]);
            if (rc == 0)
                rc = gen_buf_add(&out, t + k->start, k->end - k->start);
            emitted = i;
            last_word = k->word ? i : last_word;
            if (k->start < focus)
                focus_at = out.len;
        }
        if (out.len && rc == 0)
            rc = gen_buf_addc(&out, ' ');
    }
    /* the last word kept stood before a date: "was scheduled for [October 24, 1970]" */
    bool date_cut =
        last_word >= 0 && last_word + 1 < ntoks && in_expr(&toks[last_word + 1], ex, count);
    if (rc < 0) {
        free(out.data);
        return NULL;
    }
    if (!out.data) {
        *skip = "nothing but the date in its clause";
        return recite_strdup("");
    }
    char *clean = gen_clean_copy(out.data, out.len);
    free(out.data);
    if (!clean)
        return NULL;
    editorial_notes_out(clean);
    bool brackets = strchr(clean, '(') != NULL;
    unmatched_closers(clean);
    if (brackets)
        void_brackets_out(clean);
    /* "By the time the Soviet Union invaded Afghanistan in 1979, ...": the clause after "time" */
    if (strncmp(clean, "time ", 5) == 0 &&
        (gen_is_upper(clean[5]) || strncmp(clean + 5, "the ", 4) == 0))
        memmove(clean, clean + 5, strlen(clean + 5) + 1);
    /* cap at 20 words: around the date when it comes late */
    size_t words = 0, n = strlen(clean);
    size_t starts[512];
    for (size_t i = 0; i < n && words < 512; i++)
        if (clean[i] != ' ' && (i == 0 || clean[i - 1] == ' '))
            starts[words++] = i;
    bool capped = false;
    /* a few words over keep the subject: "[Casablanca Conference] was a meeting ... took place" */
    if (words > 24) {
        size_t first = 0;
        for (size_t w = 0; w < words; w++)
            if (starts[w] <= focus_at && w >= 19)
                first = w - 19;
        /* never from inside a name: "[The Budapest Treaty on the International Recognition] of
           the Deposit of Microorganisms ..." starts where the name does */
        static const char *const glue[] = {"of", "the", "for", "on", "and", "in", NULL};
        size_t back = first;
        while (back > 0 && first - back < 12) {
            size_t w = back - 1, len = starts[w + 1] - 1 - starts[w];
            bool glued = w > 0 && gen_word_in(clean + starts[w], len, glue, false);
            /* "Treaty on the International": glue words between capitals */
            size_t c = w;
            while (glued && c > 0 && !gen_is_upper(clean[starts[c - 1]]) && w - c < 2 &&
                   gen_word_in(clean + starts[c - 1], starts[c] - 1 - starts[c - 1], glue, false))
                c--;
            if (gen_is_upper(clean[starts[w]]) ||
                (glued && c > 0 && gen_is_upper(clean[starts[c - 1]])))
                back--;
            else
                break;
        }
        /* (when all from there fits in thirty words: a long list before the verb does not) */
        size_t first_len = starts[first + 1] - 1 - starts[first];
        if (back < first && words - back <= 30 &&
            (gen_is_upper(clean[starts[first]]) ||
             gen_word_in(clean + starts[first], first_len, glue, false)))
            first = back;
        /*
         * Twenty words, or up to thirty to end where the clause does (the
         * text's end, a comma or semicolon) rather than mid-phrase ("from
         * joining any").
         */
        size_t last = first + 20;
        if (words <= first + 30) {
            last = words;
        } else {
            for (size_t w = first + 30; w > first + 12; w--)
                if (strchr(",;", clean[starts[w] - 2])) {
                    last = w;
                    break;
                }
        }
        /* "a new coalition government headed by President X of the Y Party and Prime
           Minister Z of the W Party [came to power]": a long subject keeps its verb, and a few
           words of what follows it */
        size_t verb = first;
        while (verb < last && !verb_word_at(clean, starts, words, verb))
            verb++;
        if (verb == last) {
            while (verb < words && verb < first + 34 && !verb_word_at(clean, starts, words, verb))
                verb++;
            static const char *const dangling[] = {"with", "to", "of", "for", "in", "on", "at",
                                                   "by", "the", "a", "an", "and", "from", NULL};
            if (verb < words && verb < first + 34) {
                last = verb + 4 < words ? verb + 4 : words;
                while (last > verb + 1 && last < words &&
                       gen_word_in(clean + starts[last - 1], starts[last] - 1 - starts[last - 1],
                                   dangling, false))
                    last--;
            }
        }
        /* cut short inside a clause that "when" or "because" opens: that clause goes whole
           ("granted each other recognition [when Special Ambassador ... Perry]") */
        static const char *const subordinators[] = {"when", "while", "because", "whereas",
                                                    "although", NULL};
        for (size_t w = verb + 2; last < words && w < last; w++)
            if (gen_word_in(clean + starts[w], starts[w + 1] - 1 - starts[w], subordinators,
                            false)) {
                last = w;
                break;
            }
        /* never inside a name: "during the Cold [War]", "Commodore Matthew C. [Perry]" */
        while (last < words && last < first + 24 && gen_is_upper(clean[starts[last - 1]]) &&
               gen_is_upper(clean[starts[last]]) &&
               (gen_is_alpha(clean[starts[last] - 2]) ||
                starts[last] - starts[last - 1] == 3)) /* an initial: "C. " */
            last++;
        size_t end = last < words ? starts[last] : n;
        capped = end < n;
        memmove(clean, clean + starts[first], end - starts[first]);
        clean[end - starts[first]] = '\0';
        n = strlen(clean);
    }
    for (;;) {
        while (n && (strchr(",;:(- .", clean[n - 1]) || (unsigned char)clean[n - 1] >= 0x80)) {
            /* "admitted into the U.N.": the period closes the initials */
            if (clean[n - 1] == '.' && n >= 4 && clean[n - 3] == '.' &&
                gen_is_upper(clean[n - 2]) && gen_is_upper(clean[n - 4]))
                break;
            if ((unsigned char)clean[n - 1] >= 0x80) {
                size_t q = n;
                while (q > 0 && ((unsigned char)clean[q - 1] & 0xC0) == 0x80)
                    q--;
                if (q == 0 || !gen_dash_len(clean + q - 1, clean + n))
                    break;
                n = q - 1;
            } else {
                n--;
            }
            clean[n] = '\0';
        }
        size_t s = n;
        while (s > 0 && clean[s - 1] != ' ')
            s--;
        static const char *const relatives[] = {"that", "which", "who", "whom", "whose", "as",
                                                NULL};
        /* "applied for membership as early as [2013]": the hedge goes with its date */
        static const char *const hedges[] = {" as early", " as far back", " as late",
                                             " as recently", " at least", NULL};
        bool hedge = false;
        for (int h = 0; hedges[h] && !hedge; h++) {
            size_t m = strlen(hedges[h]);
            if (n > m && memcmp(clean + n - m, hedges[h], m) == 0) {
                n -= m;
                clean[n] = '\0';
                hedge = true;
            }
        }
        if (hedge)
            continue;
        if (s < n && s > 0 && !gen_ever_since(clean, s, n) &&
            (gen_word_in(clean + s, n - s, prepositions, false) ||
             gen_word_in(clean + s, n - s, w_the_a_and, false) ||
             /* "concluded the Anglo-American Convention that [established ...]" */
             gen_word_in(clean + s, n - s, relatives, false) ||
             (date_cut && gen_word_in(clean + s, n - s, trailing_words, false)))) {
            n = s;
            clean[n] = '\0';
            continue;
        }
        break;
    }
    return quote_closed(clean, capped);
}

/* v as "%0*d" writes it, for 0 <= v < 10^width; returns where the digits end. */
static char *put_padded(char *p, int v, int width)
{
    for (int i = width - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + width;
}

static bool in_range(int v, int limit)
{
    return v >= 0 && v < limit;
}

static void format_when(char *buf, size_t size, const struct expr *e)
{
    /* written by hand in the usual ranges: one snprintf per event was a tenth of emitting it */
    bool plain = size >= 11 && in_range(e->year, 10000) && in_range(e->end_year, 10000) &&
                 in_range(e->month, 100) && in_range(e->day, 100);
    char *p = buf;
    if (!plain) {
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
        return;
    }
    p = put_padded(p, e->year, 4);
    if (e->end_year) {
        *p++ = '/';
        p = put_padded(p, e->end_year, 4);
    } else if (e->decade) {
        *p++ = 's';
    } else if (e->day || e->month) {
        *p++ = '-';
        p = put_padded(p, e->month, 2);
        if (e->day) {
            *p++ = '-';
            p = put_padded(p, e->day, 2);
        }
    }
    *p = '\0';
}

static size_t count_words(const char *s)
{
    return gen_word_count(s, strlen(s));
}

/*
 * The rule of an event by where its date stands: inside its description
 * ("provisions of the 1974 constitution provided"), after it ("was founded
 * on 22 March 1945"), or before it ("Following ... in 1944, X was founded").
 * hold_flush() keeps a description given to several dates for the one
 * nearest it, when one is.
 */
static const char rule_date_away[] = "date", rule_date_at_end[] = "date",
                  rule_date_within[] = "date";

static int date_place(const char *rule)
{
    return rule == rule_date_within ? 2 : rule == rule_date_at_end ? 1 : 0;
}

static int emit_event(const struct gen_sink *sink, const struct expr *e, char *what,
                      const char *low, const char *rule)
{
    char when[32];
    format_when(when, sizeof(when), e);
    struct recite_gen_fact f = {0};
    f.kind = RECITE_GEN_EVENT;
    f.when = when;
    f.what = what;
    f.rule = rule;
    f.low = e->low ? e->why : low;
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

static int segment_at(const struct segment *segs, int nseg, const struct token *toks, size_t pos)
{
    for (int i = 0; i < nseg; i++)
        if (toks[segs[i].a].start <= pos && (i + 1 == nseg || toks[segs[i + 1].a].start > pos))
            return i;
    return nseg - 1;
}

/* Tokens of a segment before its first Title-Case word after a predicate ("membership of"). */
static int predicate_prefix(const char *t, const struct token *toks, const struct segment *s)
{
    bool seen = false;
    for (int i = s->a; i < s->b; i++) {
        if (is_predicate(t, &toks[i]))
            seen = true;
        else if (seen && is_title(t, &toks[i]))
            return i;
    }
    return s->b;
}

static bool only_date(const char *t, const struct token *toks, const struct segment *s,
                      const struct expr *e)
{
    for (int i = s->a; i < s->b; i++)
        if (!in_expr(&toks[i], e, 1) && !skip_leading(t, &toks[i]) && !tok_in(t, &toks[i], dated_nouns))
            return false;
    return true;
}

/* The relative pronouns a clause about the phrase before it opens on. */
static const char *const w_which_who[] = {"which", "who", NULL};

static bool starts_relative(const char *t, const struct token *toks, const struct segment *s)
{
    return tok_in(t, &toks[s->a], w_which_who);
}

/* "In February 1981, a month after X launched ..., Y issued ...": a time said again, no clause */
static bool time_apposition(const char *t, const struct token *toks, const struct segment *s)
{
    static const char *const lead[] = {"a", "an", "one", "two", "three", "four", "five", "six",
                                       "several", "few", "shortly", "soon", "just", "only",
                                       "days", "weeks", "months", "years", NULL};
    static const char *const rel[] = {"after", "before", "later", "earlier", NULL};
    if (!tok_in_nocase(t, &toks[s->a], lead))
        return false;
    /* "two years after ... UNESCO, the United States and Israel lost ...": a comma read as a
       list's ran the clause in */
    for (int i = s->a; i < s->b; i++)
        if (t[toks[i].start] == ',')
            return false;
    for (int i = s->a + 1; i < s->b && i <= s->a + 3; i++)
        if (tok_in_nocase(t, &toks[i], rel))
            return true;
    return false;
}

/* A segment that is a name alone: "Jomo KENYATTA", "The Kurdistan Workers Party (PKK)". */
static bool name_only(const char *t, const struct token *toks, const struct segment *s)
{
    static const char *const joins[] = {"of", "the", "and", "for", "on", NULL};
    bool name = false;
    for (int i = s->a; i < s->b; i++) {
        const struct token *k = &toks[i];
        if (!k->word ? !strchr("()'-.&", t[k->start]) : !is_title(t, k) && !tok_in(t, k, joins))
            return false;
        name |= k->word && is_title(t, k) && year_of(t, k) < 0 && !tok_eq(t, k, "The");
    }
    return name && is_title(t, &toks[s->a]);
}

/* Segment k says what the name in segment k - 1 is ("TRAN Hung Dao, one of the heroes"). */
static bool apposition_of_name(const char *t, const struct token *toks,
                               const struct segment *segs, int k)
{
    static const char *const appositions[] = {"a", "an", "the", "one", NULL};
    return k > 0 && segs[k - 1].clause == segs[k].clause &&
           tok_in(t, &toks[segs[k].a], appositions) && name_only(t, toks, &segs[k - 1]);
}

/*
 * The main clause after a fronted date: the first later segment of the
 * clause with a past-tense verb (relative "which" segments skipped), with
 * its subject segment when it starts with the verb.
 */
static int forward_ranges(int *r, const char *t, const struct token *toks, const struct segment *segs,
                          int nseg, int si, const struct expr *e)
{
    const struct segment *s = &segs[si];
    for (int pass = 0; pass < 2; pass++)
        for (int k = si + 1; k < nseg && segs[k].clause == s->clause; k++) {
            if (starts_relative(t, toks, &segs[k]) || time_apposition(t, toks, &segs[k]) ||
                !seg_has_predicate(t, toks, &segs[k], e, 1, pass == 0))
                continue;
            int subject = -1;
            if (is_past_verb(t, &toks[segs[k].a]) || tok_in(t, &toks[segs[k].a], w_has_have_had))
                for (int j = k - 1; j > si; j--)
                    if (!starts_relative(t, toks, &segs[j])) {
                        subject = j;
                        break;
                    }
            /* "In 1279, TRAN Hung Dao, one of the national heroes, led": the name */
            if (subject > si + 1 && apposition_of_name(t, toks, segs, subject))
                subject--;
            if (subject < 0) {
                r[0] = segs[k].a;
                r[1] = segs[k].b;
                return 1;
            }
            r[0] = segs[subject].a;
            r[1] = segs[subject].b;
            r[2] = segs[k].a;
            r[3] = segs[k].b;
            return 2;
        }
    return 0;
}

/* A past-tense verb, or an -ing form that is no noun ("the meeting was", "its founding"). */
static bool verbish(const char *t, const struct token *toks, int i, int n)
{
    const struct token *k = &toks[i];
    size_t len = k->end - k->start;
    if (is_past_verb(t, k))
        return true;
    if (!k->word || len <= 4 || !gen_is_lower(t[k->start]) || memcmp(t + k->end - 3, "ing", 3) != 0)
        return false;
    static const char *const before[] = {"the", "a", "an", "its", "their", "this", "that", "s",
                                         "his", "her", "our", "of", NULL};
    static const char *const after[] = {"was", "were", "is", "are", "has", "had", "will", NULL};
    if (i > 0 && tok_in_nocase(t, &toks[i - 1], before))
        return false;
    /* "Left-leaning", "long-standing": the second half of a compound adjective */
    if (i > 0 && !toks[i - 1].word && t[toks[i - 1].start] == '-' &&
        toks[i - 1].end == k->start)
        return false;
    return !(i + 1 < n && (tok_in(t, &toks[i + 1], after) || is_past_verb(t, &toks[i + 1])));
}

/* A word that can head a subject: not an adverb ("widely") nor a linking word. */
static bool subject_word(const char *t, const struct token *k)
{
    size_t len = k->end - k->start;
    if (!k->word || (len > 3 && memcmp(t + k->end - 2, "ly", 2) == 0))
        return false;
    return !tok_in_nocase(t, k, w_as_also_then_etc);
}

/*
 * "..., signed on 25 March 1957 and entered into force on 1 January 1958":
 * a predicate without its subject takes the nearest earlier segment of the
 * clause that starts with a noun phrase, up to that segment's own verb.
 */
/* "otherwise known as PMIAA", "formerly the EEC": another name for the subject, not it */
static bool another_name(const char *t, const struct token *toks, const struct segment *s)
{
    static const char *const lead[] = {"formerly", "previously", "or", "now", NULL};
    if (tok_in(t, &toks[s->a], lead))
        return true;
    for (int i = s->a; i + 1 < s->b && i <= s->a + 2; i++)
        if (tok_eq(t, &toks[i], "known") && tok_eq(t, &toks[i + 1], "as"))
            return true;
    return false;
}

static bool find_subject(int *r, const char *t, const struct token *toks,
                         const struct segment *segs, int si)
{
    /* "The Council – replaced by X in 1997 – provided": across a dash aside too */
    int a0 = segs[si].a;
    bool aside = a0 > 0 && gen_dash_len(t + toks[a0 - 1].start, t + toks[a0 - 1].end);
    int lowest = segs[si].clause - (aside ? 1 : 0);
    int date_only = -1; /* a segment that is only a date, borrowed (as nothing) when none else */
    bool after_phrase = false;
    for (int k = si - 1; k >= 0 && segs[k].clause >= lowest; k--) {
        int a = segs[k].a;
        while (a < segs[k].b && (skip_leading(t, &toks[a]) || t[toks[a].start] == '('))
            a++;
        /* "while in Europe the French scored": a place set before the subject is not it */
        static const char *const places[] = {"in", "In", "at", "At", "on", "On", NULL};
        static const char *const articles[] = {"the", "The", "a", "an", NULL};
        if (a > segs[k].a && tok_in(t, &toks[a - 1], places) && a < segs[k].b &&
            is_title(t, &toks[a])) {
            int after = a;
            while (after < segs[k].b && is_title(t, &toks[after]))
                after++;
            if (after + 1 < segs[k].b && tok_in(t, &toks[after], articles))
                a = after;
        }
        int used;
        /* ", in 1979," or ", in November 1980,": a date set off between subject and verb */
        if (a < segs[k].b && (year_of(t, &toks[a]) > 0 || month_of(t, toks, a, segs[k].b, &used))) {
            date_only = date_only < 0 ? a : date_only;
            continue;
        }
        /* ", from the National Regeneration Movement (MORENA), became": a phrase about the
           subject just before its verb, not the subject; the name before it is */
        bool dated = false;
        for (int i = segs[k].a; i < segs[k].b && !dated; i++)
            dated = year_of(t, &toks[i]) >= 0;
        if (k == si - 1 && !dated && tok_in(t, &toks[segs[k].a], prepositions)) {
            after_phrase = true;
            continue;
        }
        if (a >= segs[k].b || verbish(t, toks, a, segs[k].b) || starts_relative(t, toks, &segs[k]) ||
            (gen_is_lower(t[toks[a].start]) && !subject_word(t, &toks[a])) ||
            another_name(t, toks, &segs[k]))
            continue;
        if (after_phrase && !is_title(t, &toks[a]))
            return false;
        /* "Jomo KENYATTA, the founding president, led": the name, not what it is called */
        if (k > 0 && segs[k - 1].clause >= lowest && apposition_of_name(t, toks, segs, k)) {
            k--;
            a = segs[k].a;
        }
        int e = a;
        while (e < segs[k].b && !verbish(t, toks, e, segs[k].b) &&
               !tok_in(t, &toks[e], w_present_verbs))
            e++;
        /* "The first treaty that the United States [signed ...]": the head, not its clause */
        static const char *const relatives[] = {"that", "which", "who", "whom", NULL};
        static const char *const not_heads[] = {"of", "in", "to", "for", "with", "from", "by",
                                                "on", "at", "both", "many", "some", "all", "each",
                                                "most", "none", "one", "move", NULL};
        for (int w = a + 2; w < e; w++)
            if (tok_in(t, &toks[w], relatives) && toks[w - 1].word &&
                !tok_in(t, &toks[w - 1], not_heads)) {
                e = w;
                break;
            }
        r[0] = a;
        r[1] = e;
        return true;
    }
    if (date_only >= 0) { /* "In 2013, only 4% of respondents knew": the clause as it is */
        r[0] = r[1] = date_only;
        return true;
    }
    return false;
}

/* Chooses the token ranges that describe the event of expression e (spec §2.2-2.3). */
/*
 * "adopted 2 April 1997, approved by referendum 25 May 1997, effective 17
 * October 1997": an item that opens with its own word after an item ending in
 * its own date takes no verb from it (a gapped "by Venezuela on ..." does).
 */
static bool own_item(const char *t, const struct token *toks, const struct segment *segs, int si)
{
    const struct segment *s = &segs[si], *p = &segs[si - (si > 0)];
    if (si == 0 || p->clause != s->clause || p->b - p->a < 2 || year_of(t, &toks[p->b - 1]) < 0)
        return false;
    int a = s->a + (s->b - s->a > 1 && tok_eq(t, &toks[s->a], "and"));
    static const char *const joins[] = {"by", "in", "to", "for", "with", "from", "at", "on", "of",
                                        "the", "a", "an", "and", "or", "as", "during", "after",
                                        "before", "under", "into", "then", "while", "up",
                                        "down", "twice", NULL};
    size_t len = a < s->b ? toks[a].end - toks[a].start : 0;
    return len > 0 && toks[a].word && gen_is_lower(t[toks[a].start]) &&
           !tok_in(t, &toks[a], joins) &&
           !(len > 4 && memcmp(t + toks[a].end - 3, "ing", 3) == 0);
}

static int choose_ranges(int *r, const char *t, const struct token *toks, const struct segment *segs,
                         int nseg, int si, const struct expr *e)
{
    const struct segment *s = &segs[si];
    /* a date in brackets after a noun phrase: "three Joint Declarations (2016, 2018, and 2023)" */
    for (int i = s->a; i < s->b && toks[i].end <= e->start; i++) {
        if (t[toks[i].start] != '(')
            continue;
        bool closed = false;
        for (int j = i + 1; j < s->b && toks[j].end <= e->start; j++)
            closed |= t[toks[j].start] == ')';
        if (closed)
            continue;
        r[0] = s->a;
        r[1] = i;
        return 1;
    }
    /* ", who had come to power in 2022": a relative clause with a verb of its own is the
       event; ensure_subject() gives it what the pronoun stands for */
    if (starts_relative(t, toks, s) && si > 0 && segs[si - 1].clause == s->clause) {
        bool finite = false;
        for (int i = s->a + 1; i < s->b && !finite; i++)
            finite = !in_expr(&toks[i], e, 1) &&
                     (is_past_verb(t, &toks[i]) || has_class(t, &toks[i], TOK_AUXILIARY));
        if (finite) {
            r[0] = s->a;
            r[1] = s->b;
            return 1;
        }
    }
    /* a future statement resolved by the dateline: the modal is the predicate */
    if (e->relative && seg_has_modal(t, toks, s->a, s->b)) {
        r[0] = s->a;
        r[1] = s->b;
        return 1;
    }
    bool verb = seg_has_predicate(t, toks, s, e, 1, true);
    /* "In an unofficial dispatch dated January 17, 1870, Fish told ...": "dated" names the
       dispatch's date, it is no verb of the phrase */
    if (verb) {
        static const char *const dating[] = {"dated", "entitled", "titled", NULL};
        verb = false;
        for (int i = s->a; i < s->b && !verb; i++)
            verb = !in_expr(&toks[i], e, 1) && is_past_verb(t, &toks[i]) &&
                   !tok_in(t, &toks[i], dating);
    }
    /* fronted: "In 1983, X did Y", "At the 1999 Summit, X was launched", "In its 1999 summit, X" */
    static const char *const fronting[] = {"In", "At", "During", "On", "After", "Following",
                                           "Before", "With", "By", NULL};
    /* "At the Vladivostok Summit in November 1974, Ford and Brezhnev agreed ...": a comma read
       as a list's ran the fronted phrase into its clause; the clause starts after the date */
    if (si == 0 && tok_in(t, &toks[s->a], fronting))
        for (int c = s->a + 2; c + 2 < s->b; c++) {
            if (t[toks[c].start] != ',' || toks[c].start < e->end)
                continue;
            /* only where the phrase ends in what happened ("... Summit,"): "from Australia,
               Canada and Japan were" is a list */
            if (!has_class(t, &toks[c - 1], TOK_EVENT_NOUN))
                break;
            struct segment rest = {c + 1, s->b, s->clause};
            if (seg_has_predicate(t, toks, &rest, e, 1, true) &&
                !seg_has_predicate(t, toks, &(struct segment){s->a, c, s->clause}, e, 1, true)) {
                r[0] = c + 1;
                r[1] = s->b;
                return 1;
            }
            break;
        }
    /* ", and in a series of agreements between 1772 and 1795, X partitioned Y": fronted in
       the second of two joined clauses */
    static const char *const joining[] = {"and", "but", "yet", NULL};
    static const char *const after[] = {"after", "following", "before", NULL};
    bool second = si > 0 && s->b - s->a > 2 && tok_in(t, &toks[s->a], joining) &&
                  tok_in_nocase(t, &toks[s->a + 1], fronting) &&
                  !tok_in_nocase(t, &toks[s->a + 1], after) && toks[s->b - 1].end <= e->end;
    /* "Meeting in Costa Rica in January 1988, Central American leaders cemented ...": a
       participle phrase before the clause */
    const struct token *first = &toks[s->a];
    /* ("According to a 2015 article, ...": the date is the source's, no fronting) */
    bool participle = first->end - first->start > 5 && gen_is_upper(t[first->start]) &&
                      memcmp(t + first->end - 3, "ing", 3) == 0 &&
                      !tok_eq(t, first, "According");
    bool fronted = (si == 0 ? tok_in(t, first, fronting) || participle : second) &&
                   si + 1 < nseg && segs[si + 1].clause == s->clause;
    /* "X attacked Pearl Harbor, Hawaii, in 1941, triggering ...": a date said mid-sentence
       before a result participle dates the clause before, not the participle */
    bool then_participle = false;
    if (si > 0 && si + 1 < nseg && segs[si + 1].clause == s->clause) {
        const struct token *w = &toks[segs[si + 1].a];
        if (!w->word && segs[si + 1].a + 1 < segs[si + 1].b)
            w++;
        then_participle = w->word && w->end - w->start > 5 && gen_is_lower(t[w->start]) &&
                          memcmp(t + w->end - 3, "ing", 3) == 0;
    }
    if (!verb && ((only_date(t, toks, s, e) && !then_participle) || fronted)) {
        int k = forward_ranges(r, t, toks, segs, nseg, si, e);
        /* "After approving a new constitution in 1992, RAWLINGS won elections in 1992 and
           1996": after a fronted "After"/"Before" clause of its own, a main clause with a
           date of its own is that date's */
        static const char *const order[] = {"After", "Before", "Following", NULL};
        bool own_date = false;
        if (fronted && si == 0 && s->b - s->a > 2 && tok_in(t, &toks[s->a], order) &&
            toks[s->a + 1].end - toks[s->a + 1].start > 4 &&
            !memcmp(t + toks[s->a + 1].end - 3, "ing", 3))
            for (int q = 0; q < k && !own_date; q++)
                for (int i = r[2 * q]; i < r[2 * q + 1] && !own_date; i++)
                    own_date = year_of(t, &toks[i]) > 0;
        if (own_date)
            return 0;
        if (k)
            return k;
    }
    /* ", eventually receiving a commission in 1856", ", paving way for ... that same year":
       a participle clause with its own date says what followed the clause before, which it
       has no subject of its own for; it is no item of that clause's predicate either */
    int w0 = s->a + (s->b - s->a > 1 && toks[s->a].word &&
                     toks[s->a].end - toks[s->a].start > 3 &&
                     !memcmp(t + toks[s->a].end - 2, "ly", 2));
    const struct token *ing = &toks[w0];
    static const char *const ing_prepositions[] = {"including", "following", "concerning",
                                                   "regarding", "according", "excluding",
                                                   "during", "pending", NULL};
    if (!verb && si > 0 && segs[si - 1].clause == s->clause && ing->word &&
        ing->end - ing->start > 5 &&
        gen_is_lower(t[ing->start]) && !memcmp(t + ing->end - 3, "ing", 3) &&
        !tok_in(t, ing, prepositions) && !tok_in(t, ing, ing_prepositions) &&
        !result_word(t, ing)) /* (a result: result_only() reads it) */
        for (int k = si - 1; k >= 0 && segs[k].clause == s->clause; k--)
            if (seg_has_predicate(t, toks, &segs[k], e, 1, true))
                return 0;
    if (seg_has_predicate(t, toks, s, e, 1, false) && !only_date(t, toks, s, e)) {
        /* "Its secretariat, the Office (JMCO), opened in 1999": the verb needs its subject */
        if (is_past_verb(t, &toks[s->a]) && si > 0 && segs[si - 1].clause == s->clause &&
            find_subject(r, t, toks, segs, si)) {
            r[2] = s->a;
            r[3] = s->b;
            return 2;
        }
        r[0] = s->a;
        r[1] = s->b;
        return 1;
    }
    int next = si + 1;
    if (next < nseg && segs[next].clause == s->clause && starts_relative(t, toks, &segs[next]) &&
        seg_has_predicate(t, toks, &segs[next], e, 1, false)) {
        r[0] = s->a;
        r[1] = s->b;
        r[2] = segs[next].a + 1;
        r[3] = segs[next].b;
        return 2;
    }
    bool names = false;
    for (int i = s->a; i < s->b; i++)
        names |= is_title(t, &toks[i]) && !in_expr(&toks[i], e, 1);
    if (own_item(t, toks, segs, si)) {
        r[0] = s->a;
        r[1] = s->b;
        return 1;
    }
    /*
     * "in Belgrade in 1977, Madrid in 1980, and Vienna in 1986": an item that
     * fills the object of the predicate's preposition drops its "and".
     */
    static const char *const object_preps[] = {"in", "by", "to", "at", "from", "with", "for",
                                               "of", "into", "on", "against", NULL};
    int a = s->a;
    while (a + 1 < s->b && (tok_eq(t, &toks[a], "and") || tok_eq(t, &toks[a], "or")))
        a++;
    for (int k = si - 1; k >= 0 && segs[k].clause == s->clause; k--)
        if (seg_has_predicate(t, toks, &segs[k], e, 1, false)) {
            r[0] = segs[k].a;
            r[1] = names ? predicate_prefix(t, toks, &segs[k]) : segs[k].b;
            /* "worked to get the [Agreed Framework] ..., and a reciprocal visit by ...": a
               prefix cut after its article takes no item; the item says what happened */
            if (names && r[1] > r[0] && tok_in_nocase(t, &toks[r[1] - 1], w_a_an_the)) {
                r[0] = a;
                r[1] = s->b;
                return 1;
            }
            int used;
            bool object = names && r[1] > r[0] && r[1] < segs[k].b &&
                          tok_in(t, &toks[r[1] - 1], object_preps) &&
                          is_title(t, &toks[r[1]]) && !month_of(t, toks, r[1], segs[k].b, &used);
            r[2] = object ? a : s->a;
            r[3] = s->b;
            return 2;
        }
    return 0;
}

static bool is_conjunction(const char *t, const struct token *k)
{
    return !k->word || tok_in(t, k, w_and_or_while_etc);
}

/*
 * "Finland and Sweden joined in 1995 and 2023, respectively": the k-th of the
 * coordinated subjects before the verb v0 goes with the k-th date. Writes its
 * range to r and returns true when the counts agree.
 */
static bool respective_subject(int *r, const char *t, const struct token *toks, int la, int v0,
                               int k, int dates)
{
    int group = 0, start = la;
    for (int i = la; i <= v0; i++) {
        bool sep = i == v0 || tok_eq(t, &toks[i], "and") || t[toks[i].start] == ',';
        if (!sep)
            continue;
        if (i > start) {
            if (group == k) {
                r[0] = start;
                r[1] = i;
            }
            group++;
        }
        start = i + 1;
    }
    return group == dates;
}

/* [a, b) with its trailing prepositions ("NATO in") left out: the end. */
static int before_prepositions(const char *t, const struct token *toks, int a, int b)
{
    while (b > a && (!toks[b - 1].word || tok_in(t, &toks[b - 1], prepositions)))
        b--;
    return b;
}

static bool is_the(const char *t, const struct token *k)
{
    return gen_word_eq(t + k->start, k->end - k->start, "the", true);
}

/* Does [a, b) read as an organisation does: "the ..." or an acronym ("NATO", "the EU")? */
static bool article_or_acronym(const char *t, const struct token *toks, int a, int b)
{
    return b > a && (is_the(t, &toks[a]) || is_acronym(t, &toks[a]));
}

/*
 * In "S V O in 1999 and N in 2004", is N a second object (S V N) rather than
 * a second subject (N V O)? When O names something (a capital, "the") and N
 * reads as O does, unlike S: "Poland joined NATO ... and the EU" against
 * "Greece joined the EC ... and Spain and Portugal".
 */
static bool gapped_object(const char *t, const struct token *toks, int la, int v0, int first0,
                          int wa, int firstk)
{
    int o = v0 + 1, oe = before_prepositions(t, toks, o, first0);
    int ne = before_prepositions(t, toks, wa, firstk);
    if (o >= oe || wa >= ne || !(is_title(t, &toks[o]) || is_the(t, &toks[o])))
        return false;
    /* the subject's article may lie before the range ("The alliance admitted ...") */
    bool s = article_or_acronym(t, toks, la, v0) || (la > 0 && is_the(t, &toks[la - 1]));
    bool n = article_or_acronym(t, toks, wa, ne);
    return n == article_or_acronym(t, toks, o, oe) && n != s;
}

/*
 * "X gained partial independence in 1922 and full sovereignty in 1952":
 * two dates, each after an object of the verb at v0; the second object
 * [wa, firsts[1]) is a short noun phrase after "and", with no verb and no
 * name, and the first object is simple (no "with", "of" ... that the second
 * could hang on: "a law with targets of 55% by 2030 and neutrality by 2050").
 */
static bool gapped_second_object(const char *t, const struct token *toks, int v0, int wa,
                                 int wb, const int *firsts, const int *lasts, int m, int k)
{
    static const char *const same_preps[] = {"in", "on", NULL};
    static const char *const not_objects[] = {"did", "does", "do", "not", "also", "again",
                                              "then", "but", "later", "only", NULL};
    static const char *const attachments[] = {"with", "of", "for", "by", "and", "or", NULL};
    if (m != 2 || k != 1 || wa != lasts[0] + 2 || !tok_eq(t, &toks[lasts[0] + 1], "and") ||
        firsts[1] - wa < 2 || firsts[1] - wa > 6 || firsts[0] - v0 > 10 ||
        !tok_in(t, &toks[firsts[0]], same_preps) || !tok_in(t, &toks[firsts[1]], same_preps))
        return false;
    if (!gen_is_lower(t[toks[wa].start]) || tok_in(t, &toks[wa], prepositions))
        return false;
    for (int i = wa; i < firsts[1]; i++) {
        const struct token *w = &toks[i];
        size_t len = w->end - w->start;
        if (!w->word || tok_in(t, w, not_objects) || has_class(t, w, TOK_AUXILIARY | TOK_MODAL) ||
            (len > 3 && !memcmp(t + w->end - 2, "ly", 2)))
            return false;
    }
    for (int i = v0 + 1; i < firsts[0]; i++)
        if (tok_in(t, &toks[i], attachments))
            return false;
    for (int i = lasts[1] + 1; i < wb; i++)
        if (toks[i].word)
            return false;
    return true;
}

/*
 * Several dates in the last range ("with Greece joining in 1981 and Spain and
 * Portugal in 1986"): each date takes the words between the previous date and
 * itself, and borrows the subject or the verb of the first when its own words
 * lack them. Returns the new number of ranges.
 */
static int split_dates(int *r, int nr, const char *t, const struct token *toks, int n,
                       const struct expr *ex, int count, const struct expr *e)
{
    int la = r[2 * (nr - 1)], lb = r[2 * (nr - 1) + 1];
    int firsts[MAX_EXPRS], lasts[MAX_EXPRS], m = 0, k = -1;
    for (int x = 0; x < count; x++) {
        int f, l;
        if (ex[x].names) /* "the 1994 agreement" dates no part of the range */
            continue;
        expr_tokens(toks, n, &ex[x], &f, &l);
        if (f < la || l >= lb)
            continue;
        k = &ex[x] == e ? m : k;
        firsts[m] = f;
        lasts[m++] = l;
    }
    if (m < 2 || k < 0)
        return nr;
    int v0 = -1;
    bool names0 = false;
    for (int i = la; i < firsts[0] && v0 < 0; i++) {
        if (verbish(t, toks, i, n))
            v0 = i;
        names0 |= is_title(t, &toks[i]) && i > la;
    }
    int base = nr - 1;
    bool respectively = false;
    for (int i = la; i < n; i++)
        respectively |= tok_eq(t, &toks[i], "respectively");
    if (respectively && v0 > la && respective_subject(&r[0], t, toks, la, v0, k, m)) {
        r[2] = v0;
        r[3] = firsts[0];
        return 2;
    }
    if (k == 0) {
        r[2 * base + 1] = firsts[0];
        if (names0 && v0 >= 0 && base > 0) {
            r[0] = r[2 * base];
            r[1] = firsts[0];
            return 1;
        }
        return nr;
    }
    int wa = lasts[k - 1] + 1, wb = k == m - 1 ? lb : lasts[k] + 1;
    while (wa < wb && is_conjunction(t, &toks[wa]))
        wa++;
    int v = -1;
    bool names = false;
    for (int i = wa; i < wb && v < 0; i++) {
        if (i >= firsts[k] && i <= lasts[k])
            continue;
        if (verbish(t, toks, i, n))
            v = i;
        else
            names |= is_title(t, &toks[i]);
    }
    if (v >= 0) {
        if (v > wa)
            base = 0; /* its own subject and verb: "and Croatia joined in 2013" */
        if (v == wa && v0 > la) {
            r[2 * base] = la;
            r[2 * base + 1] = v0;
            base++;
        }
        r[2 * base] = wa;
        r[2 * base + 1] = wb;
        return base + 1;
    }
    /* "served as Counselor from ... and then as Secretary of State from ...": the second
       takes the subject and verb of the first, and its own complement */
    int pa = wa;
    while (pa < firsts[k] && (tok_eq(t, &toks[pa], "then") || tok_eq(t, &toks[pa], "later")))
        pa++;
    static const char *const complements[] = {"as", "at", "in", "with", "for", "on", NULL};
    bool complement = pa < firsts[k] && tok_in(t, &toks[pa], complements);
    if (v0 >= 0 && (complement || (names && gapped_object(t, toks, la, v0, firsts[0], wa,
                                                            firsts[k])))) {
        /* "Poland joined NATO in 1999 and the EU in 2004": the subject and verb of the first */
        r[0] = la;
        r[1] = v0 + 1;
        r[2] = wa;
        r[3] = firsts[k];
        return 2;
    }
    /* "gained partial independence in 1922 and full sovereignty in 1952", "was reelected to a
       second term in 2018 and a third term in 2023": a second object, no name, no verb */
    if (!names && v0 >= 0 && gapped_second_object(t, toks, v0, wa, wb, firsts, lasts, m, k)) {
        int cut = v0 + 1;
        if (tok_in(t, &toks[wa], w_a_an_the))
            for (int i = v0 + 1; i < firsts[0]; i++)
                if (tok_in(t, &toks[i], w_a_an_the)) {
                    cut = i;
                    break;
                }
        r[0] = la;
        r[1] = cut;
        r[2] = wa;
        r[3] = firsts[k];
        return 2;
    }
    if (names && v0 >= 0) {
        /* gapping: "and Spain and Portugal in 1986" takes the verb of the first */
        r[0] = wa;
        r[1] = firsts[k];
        r[2] = v0;
        r[3] = firsts[0];
        return 2;
    }
    r[2 * base] = la;
    r[2 * base + 1] = firsts[0];
    r[2 * base + 2] = wa;
    r[2 * base + 3] = wb;
    return base + 2;
}

/* The first token a description would keep (leading connectives skipped), or -1. */
static int first_kept(const char *t, const struct token *toks, const int *r, int nr,
                      const struct expr *ex, int count)
{
    for (int q = 0; q < nr; q++)
        for (int i = r[2 * q]; i < r[2 * q + 1]; i++)
            if (!in_expr(&toks[i], ex, count) && !skip_leading(t, &toks[i]))
                return i;
    return -1;
}

/* A modal in [a, b) before any verb of speech (speech_verbs[]). */
static bool modal_outside_speech(const char *t, const struct token *toks, int a, int b)
{
    for (int i = a; i < b; i++) {
        uint16_t cls = token_class(t, &toks[i]);
        if (cls & TOK_SPEECH)
            return false;
        if (cls & TOK_MODAL)
            return true;
    }
    return false;
}

/* The relative pronoun ("which", "who") among [a, b), the words before a clause's verb; or -1. */
static int relative_pronoun(const char *t, const struct token *toks, int a, int b)
{
    for (int i = a; i < b; i++)
        if (tok_in(t, &toks[i], w_which_who))
            return i;
    return -1;
}

/*
 * The noun phrase a relative clause in segment si is about: the words that
 * end the segment before it in the same clause, back to its verb or a
 * preposition ("of" joins a name: "the Treaty of Rome"). False when there is
 * none, or when the segment before is a date alone.
 */
static bool antecedent(int *r, const char *t, const struct token *toks,
                       const struct segment *segs, int si)
{
    if (si == 0 || segs[si - 1].clause != segs[si].clause)
        return false;
    const struct segment *p = &segs[si - 1];
    static const char *const stops[] = {"over", "under", "than", "against", "between", "among",
                                        "via", "per", "as", "like", "including", "within", NULL};
    int a = p->b;
    while (a > p->a) {
        const struct token *k = &toks[a - 1];
        /* "of" inside a name ("the Bank of England", "Resolution 827 of the Council"), not
           after a noun ("the forerunner of") */
        bool name_of = tok_eq(t, k, "of") && a - 2 >= p->a &&
                       (is_title(t, &toks[a - 2]) || number(t, &toks[a - 2], 6) >= 0);
        /* "and" between two capitals is inside a name ("Port and Facility Security") */
        if ((tok_eq(t, k, "and") || t[k->start] == '&') && a - 2 >= p->a && a < p->b &&
            is_title(t, &toks[a - 2]) && is_title(t, &toks[a])) {
            a--;
            continue;
        }
        if (!k->word ? !strchr("'-()", t[k->start])
                     : verbish(t, toks, a - 1, p->b) ||
                           has_class(t, k, TOK_AUXILIARY | TOK_MODAL) ||
                           (tok_in_nocase(t, k, prepositions) && !name_of) ||
                           tok_in(t, k, stops) || tok_in(t, k, w_and_or_while_etc))
            break;
        a--;
    }
    /* "signed in The Hague, which came into force": a place or a time the clause is not about */
    static const char *const settings[] = {"in", "on", "from", "during", "after", "before",
                                           "since", "until", "within", "throughout", "across",
                                           "around", "along", "beyond", NULL};
    if (a > p->a && tok_in_nocase(t, &toks[a - 1], settings))
        return false;
    /* "... and South Ossetia, which took place": the last of several, or all of them;
       "in Kingston, Jamaica, which": the second part of a place */
    if (a > p->a && (tok_in(t, &toks[a - 1], w_and_or_while_etc) || t[toks[a - 1].start] == ','))
        return false;
    /* "signed in Kingston, Jamaica, which entered into force": a place named in two parts */
    if (a == p->a && si >= 2 && segs[si - 2].clause == segs[si].clause) {
        const struct segment *q = &segs[si - 2];
        for (int i = q->b - 1; i >= q->a && i >= q->b - 4; i--)
            if (tok_in_nocase(t, &toks[i], settings))
                return false;
    }
    while (a < p->b && !toks[a].word)
        a++;
    /* "to approve the founding document, which": a phrase opens on its article or a name; a
       word before them is a verb the rules do not know ("leave", "join") */
    if (a < p->b && gen_is_lower(t[toks[a].start]) && !tok_in(t, &toks[a], w_a_an_the))
        return false;
    /* a name ("the act, which became law" says not which act) */
    bool name = false;
    for (int i = a; i < p->b; i++)
        name |= is_title(t, &toks[i]) && year_of(t, &toks[i]) < 0 && !tok_eq(t, &toks[i], "The");
    if (!name)
        return false;
    r[0] = a;
    r[1] = p->b;
    return true;
}

/*
 * Gives the event a subject when its predicate has none ("signed ... and
 * entered into force", "widely known as Brexit, took place"); false when
 * the sentence has none to give, or when nothing in it is a predicate.
 */
static bool ensure_subject(int *r, int *nr, const char *t, const struct token *toks,
                           const struct segment *segs, int nseg, const struct expr *ex,
                           int count)
{
    int first = first_kept(t, toks, r, *nr, ex, count);
    if (first < 0)
        return true;
    int si = segment_at(segs, nseg, toks, toks[first].start);
    /* "widely known as Brexit, took place": an aside where the subject should be */
    /* ", but the ethnically fractured opposition failed": an article opens a subject */
    static const char *const determiners[] = {"the", "a", "an", "its", "their", "his", "her",
                                              "this", "these", "those", NULL};
    bool article = first > 0 && tok_in_nocase(t, &toks[first - 1], determiners) &&
                   toks[first - 1].start >= toks[r[0]].start;
    if (!article && gen_is_lower(t[toks[first].start]) && !subject_word(t, &toks[first]))
        goto borrow;
    bool subject = article, started = false;
    for (int q = 0; q < *nr; q++)
        for (int i = r[2 * q]; i < r[2 * q + 1]; i++) {
            started |= i == first;
            if (!started || in_expr(&toks[i], ex, count))
                continue;
            int end = segs[segment_at(segs, nseg, toks, toks[i].start)].b;
            if (verbish(t, toks, i, end) || has_class(t, &toks[i], TOK_MODAL | TOK_AUXILIARY)) {
                if (subject)
                    return true;
                goto borrow;
            }
            subject |= subject_word(t, &toks[i]);
        }
    /* no verb: an event noun phrase ("Russia's invasion of Ukraine") is enough */
    for (int q = 0; q < *nr; q++)
        for (int i = r[2 * q]; i < r[2 * q + 1]; i++)
            if (!in_expr(&toks[i], ex, count) && has_class(t, &toks[i], TOK_EVENT_NOUN))
                return true;
    return false;
borrow:;
    int borrowed[2];
    /* "the East Africa Protectorate, which in 1920 was converted": what "which" stands for */
    int rel = relative_pronoun(t, toks, r[0], first);
    if (rel >= 0 && (*nr >= 5 || !antecedent(borrowed, t, toks, segs, si)))
        return false; /* not the sentence's subject: "the act, which became law" */
    if (rel >= 0) {
        r[0] = first;
        memmove(r + 2, r, (size_t)(2 * *nr) * sizeof(*r));
        r[0] = borrowed[0];
        r[1] = borrowed[1];
        (*nr)++;
        return true;
    }
    if (!find_subject(borrowed, t, toks, segs, si) || *nr >= 5)
        return false;
    memmove(r + 2, r, (size_t)(2 * *nr) * sizeof(*r));
    r[0] = borrowed[0];
    r[1] = borrowed[1];
    (*nr)++;
    /* "X became radical, and in 1977 launched a war": the subject alone (no verb of its own
       borrowed), then the verb, no "and" */
    static const char *const did[] = {"did", "does", "do", NULL};
    bool verb = false;
    for (int i = r[0]; i < r[1] && !verb; i++)
        verb = verbish(t, toks, i, r[1]) || has_class(t, &toks[i], TOK_AUXILIARY) ||
               tok_in(t, &toks[i], did);
    int a = r[2];
    while (a + 1 < r[3] && (tok_eq(t, &toks[a], "and") || tok_eq(t, &toks[a], "but") ||
                            !toks[a].word))
        a++;
    /* ... and only when a verb comes next ("and pending member Jordan commenced" goes on
       the subject) */
    int next = a;
    while (next < r[3] && in_expr(&toks[next], ex, count))
        next++;
    if (!verb && a > r[2] && next < r[3] &&
        (is_past_verb(t, &toks[next]) || has_class(t, &toks[next], TOK_AUXILIARY)))
        r[2] = a;
    return true;
}

/*
 * "It adopted a strategy": a leading pronoun becomes the previous sentence's
 * subject, or the document's topic. *out is a copy of what, resolved, or NULL
 * when the pronoun stands for nothing known. Returns 0 or RECITE_ENOMEM.
 */
/* The next word of *p (space-separated): its start, or NULL at the end; *n its length. */
static const char *next_word(const char **p, size_t *n)
{
    const char *s = *p;
    while (*s == ' ')
        s++;
    const char *e = s;
    while (*e && *e != ' ')
        e++;
    *p = e;
    *n = (size_t)(e - s);
    return e == s ? NULL : s;
}

/*
 * The head noun of a common noun subject ("post" of "the post at Poznan"):
 * its last word before the phrase of where it is. *n is its length.
 */
static const char *common_head(const char *common, size_t *n)
{
    const char *head = common, *at = common;
    size_t len;
    *n = 0;
    for (const char *w; (w = next_word(&at, &len)) != NULL;) {
        if (gen_word_in(w, len, w_in_at_on, false))
            break;
        head = w;
        *n = len;
    }
    return head;
}

/*
 * Whether a heading reads as a name a pronoun may stand for: Title-Case
 * words joined by the glue inside names ("North Atlantic Treaty
 * Organization", "League of Nations"), not a phrase ("From Europe to
 * Everywhere", "Why NATO matters").
 */
static bool heading_names(const char *h)
{
    static const char *const glue[] = {"of", "the", "and", "for", "on", "in", "de", "&", NULL};
    static const char *const phrase_starts[] = {"From", "To", "Toward", "Towards", "Beyond",
                                                "In", "On", "At", "For", "With", "Why", "How",
                                                "What", "When", "Where", "After", "Before",
                                                "Since", "Under", "Between", "Among", "Against",
                                                "Across", "Inside", "Outside", "A", "An",
                                                NULL};
    bool first = true;
    size_t n;
    for (const char *at = h, *p; (p = next_word(&at, &n)) != NULL;) {
        if (first && gen_word_in(p, n, phrase_starts, false))
            return false;
        if (!gen_is_upper(*p) && !gen_is_digit(*p) && !gen_word_in(p, n, glue, false))
            return false;
        first = false;
    }
    return !first;
}

/* What a body is called in its own article: "the organisation", "the bank". */
static const char *const w_bodies[] = {
    "organisation", "organization", "institute", "institution", "group", "bank", "union",
    "council", "community", "association", "alliance", "agency", "body", "bloc", "forum",
    "summit", "conference", "commission", "committee", "fund", "programme", "program",
    "secretariat", "movement", "league", "centre", "center", "network", "partnership",
    "initiative", "cooperation", "federation", "coalition", "assembly", "board", NULL};

/* Whether a word of the name is head, whatever the case ("Treaty" in "the ... Treaty of X"). */
static bool names_head(const char *name, const char *head)
{
    size_t h = strlen(head), n;
    for (const char *at = name, *p; (p = next_word(&at, &n)) != NULL;)
        if (n == h && gen_word_eq(p, h, head, true))
            return true;
    return false;
}

/*
 * Whether a Title-Case subject names a person "he" or "she" may stand for:
 * one with a title ("President Lyndon Johnson", "Soviet premier Nikita
 * Khrushchev"), or one to three capitalised words that name no place or
 * body ("Cordell Hull", "Milosevic"; not "United States", "Warsaw Pact", "NATO").
 */
static bool names_person(const char *name)
{
    static const char *const titles[] = {
        "president", "premier", "chancellor", "secretary", "minister", "king", "queen",
        "emperor", "senator", "ambassador", "chairman", "pope", "sir", "lord", "commodore",
        "admiral", "general", "governor", "mayor", "envoy", "prince", "princess", "shah",
        "sultan", "czar", "tsar", "leader", "dictator", "diplomat", "colonel", NULL};
    /* besides the bodies ("Council", "League", w_bodies) */
    static const char *const not_people[] = {
        "United", "States", "Soviet", "Republic", "Kingdom", "Nations", "Pact", "Treaty",
        "Congress", "Senate", "Army", "Navy", "Government", "Party", "Front", "Court", "War",
        "Crisis", "Plan", "Act", "Doctrine", "House", "Department", "Office", "Forces",
        "Empire", "Islands", "Canal", "Sea", "Ocean", "North", "South", "East", "West", "New",
        "Great", "Central", "European", "American", "British", "French", "German", "Japanese",
        "Chinese", "Russian", "Cuban", NULL};
    size_t words = 0, n;
    bool title = false, place = false, lower = false, caps = true;
    for (const char *at = name, *p; (p = next_word(&at, &n)) != NULL;) {
        words++;
        title |= gen_word_in(p, n, titles, true);
        place |= gen_word_in(p, n, not_people, false) || gen_word_in(p, n, w_bodies, true);
        lower |= !gen_is_upper(*p);
        for (size_t c = 0; c < n; c++)
            caps &= !gen_is_lower(p[c]);
    }
    /* "Milosevic ... He rose": a writer's "he" after one name means that name ("Dr." is none) */
    static const char *const abbreviations[] = {"Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Sr",
                                                "Jr", NULL};
    if (words == 1 && gen_word_in(name, strlen(name), abbreviations, false))
        return false;
    return title || (words >= 1 && words <= 3 && !place && !lower && !caps);
}

/*
 * "NATO had culminating in the NATO membership of Albania and Croatia",
 * "Bush's declaration culminating in the Madrid Peace Conference", "This
 * structure contributing to a bloody coup": a result
 * participle left after a subject (and its auxiliary; the verb it belonged
 * to was another date's) says what happened by itself: "the NATO membership
 * of Albania and Croatia".
 */
static void result_only(char *what)
{
    for (int r = 0; w_results[r]; r++) {
        char *at = strstr(what, w_results[r]);
        if (!at)
            continue;
        size_t words = 1;
        for (const char *p = what; p < at; p++)
            words += *p == ' ';
        const char *aux = at;
        while (aux > what && aux[-1] != ' ')
            aux--;
        /* "NATO had culminating in", "Bush's declaration culminating in": a subject and
           at most its auxiliary, no verb of its own */
        bool verb = false;
        for (const char *p = what; p < aux; p++)
            verb |= p[0] == 'e' && p[1] == 'd' && (p[2] == ' ' || p + 2 == at);
        if (words > 4 || verb)
            continue;
        /* "air strikes resulting in the Dayton Agreement": the strikes were the event; only
           a subject left with an auxiliary or adverb ("Carter also resulting in") gives way */
        static const char *const stranded[] = {"had", "has", "have", "was", "were", "also",
                                               NULL};
        size_t last = (size_t)(at - aux);
        if (!strcmp(w_results[r], " resulting in ") && !gen_word_in(aux, last, stranded, false) &&
            !(last > 3 && gen_is_lower(aux[0]) && aux[last - 2] == 'l' && aux[last - 1] == 'y'))
            continue;
        const char *rest = at + strlen(w_results[r]);
        memmove(what, rest, strlen(rest) + 1);
        return;
    }
}

/*
 * "last of which was", "most of whom fled", "whose term began": a
 * description that opens on a relative pronoun, or on "of which" among its
 * first words, has lost what it is about ("the Arab League which was formed"
 * has not).
 */
static bool relative_lead(const char *what)
{
    static const char *const relatives[] = {"which", "whom", "whose", NULL};
    const char *at = what, *p, *prev = NULL;
    size_t n, prev_len = 0;
    for (int w = 0; w < 4 && (p = next_word(&at, &n)) != NULL; w++) {
        /* "... of which", or after an adverb ("the PLO finally which called"): no noun */
        bool adverb = prev && prev_len > 3 && gen_is_lower(prev[0]) &&
                      prev[prev_len - 2] == 'l' && prev[prev_len - 1] == 'y';
        if (gen_word_in(p, n, relatives, true) &&
            (w == 0 || adverb || (prev && gen_word_eq(prev, prev_len, "of", false))))
            return true;
        prev = p;
        prev_len = n;
    }
    return false;
}

static int resolve_pronoun(char **out, const char *what, const struct gen_event_state *st)
{
    static const char *const subjects[] = {"It ", "it ", "They ", "they ", NULL};
    static const char *const owners[] = {"Its ", "its ", "Their ", "their ", NULL};
    const char *name = st->subject[0] ? st->subject : st->common[0] ? "" : st->topic;
    /* a heading that reads as a phrase ("From Europe to Everywhere") stands for no one */
    if (!st->subject[0] && st->topic_from_heading && !heading_names(st->topic))
        name = "";
    *out = NULL;
    /* a cleft says where, not who: "It was here that the agreement was signed" */
    static const char *const clefts[] = {"It was here that ", "It was there that ",
                                         "It is here that ", "It was then that ", NULL};
    for (int k = 0; clefts[k]; k++)
        if (strncmp(what, clefts[k], strlen(clefts[k])) == 0 && what[strlen(clefts[k])])
            return (*out = recite_strdup(what + strlen(clefts[k]))) ? 0 : RECITE_ENOMEM;
    if (gen_expletive_it(what))
        return (*out = recite_strdup(what)) ? 0 : RECITE_ENOMEM;
    /* "he", "she": the previous sentence's subject when it names a person, else no one */
    static const char *const persons[] = {"He ", "he ", "She ", "she ", NULL};
    static const char *const person_owners[] = {"His ", "his ", "Her ", "her ", NULL};
    for (int k = 0; persons[k]; k++) {
        size_t m = strlen(persons[k]), o = strlen(person_owners[k]);
        bool owner = strncmp(what, person_owners[k], o) == 0;
        if (!owner && strncmp(what, persons[k], m) != 0)
            continue;
        if (!names_person(st->subject))
            return 0;
        size_t len = strlen(st->subject) + strlen(what) + 4;
        if (!(*out = malloc(len)))
            return RECITE_ENOMEM;
        snprintf(*out, len, "%s%s %s", st->subject, owner ? "'s" : "", what + (owner ? o : m));
        return 0;
    }
    for (int k = 0; subjects[k]; k++) {
        size_t m = strlen(subjects[k]), o = strlen(owners[k]);
        bool owner = strncmp(what, owners[k], o) == 0;
        if (!owner && strncmp(what, subjects[k], m) != 0)
            continue;
        /*
         * A common noun subject stands for "it" when singular, "they" when
         * plural; the topic does when the noun names it ("the treaty" in the
         * Inter-American Treaty's article) or names a body ("the organisation").
         */
        if (!st->subject[0] && st->common[0]) {
            size_t h;
            const char *head = common_head(st->common, &h);
            bool plural = h > 0 && head[h - 1] == 's';
            bool it = subjects[k][0] == 'I' || subjects[k][0] == 'i';
            name = plural != it ? st->common : "";
            /* ... when the noun is all the subject says: "the post at Poznan" is no topic */
            char word[GEN_CONTEXT_NAME];
            snprintf(word, sizeof(word), "%.*s", (int)h, head);
            bool bare = head + h == st->common + strlen(st->common);
            if (it && bare && st->topic[0] &&
                (gen_word_in(head, h, w_bodies, false) || names_head(st->topic, word)))
                name = st->topic;
        }
        if (!name[0])
            return 0;
        size_t len = strlen(name) + strlen(what) + 4;
        if (!(*out = malloc(len)))
            return RECITE_ENOMEM;
        snprintf(*out, len, "%s%s %s", name, owner ? "'s" : "", what + (owner ? o : m));
        return 0;
    }
    return (*out = recite_strdup(what)) ? 0 : RECITE_ENOMEM;
}

/*
 * Whether the pronoun at token p follows a verb of its own sentence ("The
 * brigade is staffed by ...; it was formed in 2014"): it then stands for that
 * sentence's subject, not the previous one's.
 */
static bool pronoun_after_verb(const char *t, const struct token *toks, int p,
                               const struct expr *ex, int count)
{
    static const char *const subjects[] = {"It", "it", "They", "they", "Its", "its", "Their",
                                           "their", "He", "he", "She", "she", "His", "his",
                                           "Her", "her", NULL};
    if (p < 0 || !tok_in(t, &toks[p], subjects))
        return false;
    for (int i = 0; i < p; i++)
        if (!in_expr(&toks[i], ex, count) && finite_at(t, toks, i, p))
            return true;
    return false;
}

/*
 * Whether token v is a finite verb of a clause: "was", "has", "launched";
 * not a fronted participle with its agent ("First proposed by X in 2006, it").
 */
static bool finite_at(const char *t, const struct token *toks, int v, int n)
{
    if (tok_in(t, &toks[v], w_present_verbs))
        return true;
    if (!is_past_verb(t, &toks[v]))
        return false;
    bool agent = v + 1 < n && tok_eq(t, &toks[v + 1], "by");
    bool aux = v > 0 && tok_in(t, &toks[v - 1], w_passive_verbs);
    return !agent || aux;
}

/*
 * The Title-Case name before the nearest verb ahead of token p: the subject
 * of the clause a pronoun follows ("In 2014, Russia launched ..., and in
 * 2022, it escalated"; "the X is ...; it was established in 2010").
 */
static void clause_subject(char *dst, const char *t, const struct token *toks, int p,
                           const struct expr *ex, int count)
{
    for (int v = p - 1; v > 0; v--) {
        if (in_expr(&toks[v], ex, count) || !finite_at(t, toks, v, p))
            continue;
        int e = v;
        if (tok_mark(t, toks, e - 1, ')'))
            while (e > 0 && !tok_mark(t, toks, e - 1, '('))
                e--;
        if (e > 0 && tok_mark(t, toks, e - 1, '('))
            e--;
        int a = e;
        while (a > 0 && !in_expr(&toks[a - 1], ex, count) &&
               (is_title(t, &toks[a - 1]) || is_acronym(t, &toks[a - 1]) ||
                tok_in(t, &toks[a - 1], w_of_and_dash)))
            a--;
        /* "When Roosevelt met ...": the subordinator is no part of the name */
        static const char *const subordinators[] = {"When", "After", "Before", "While", "As",
                                                    "Although", "Though", "Since", "If",
                                                    "Once", "Until", "Because", NULL};
        while (a < e && ((!is_title(t, &toks[a]) && !is_acronym(t, &toks[a])) ||
                         tok_in(t, &toks[a], subordinators)))
            a++;
        if (a < e && !tok_in(t, &toks[a], w_in_on_the_etc)) {
            set_context(dst, t + toks[a].start, toks[e - 1].end - toks[a].start);
            return;
        }
    }
}

/*
 * "history: several previous; latest adopted 2 April 1997": a sentence that
 * opens with a lower-case label and a colon, a field of a reference entry.
 */
static bool field_line(const char *t, const struct token *toks, int n)
{
    for (int i = 0; i < n && i < 4; i++) {
        if (!toks[i].word)
            return i > 0 && t[toks[i].start] == ':';
        if (!gen_is_lower(t[toks[i].start]))
            return false;
    }
    return false;
}

/*
 * "reversing then President Charles DE GAULLE's 1966 decision to withdraw
 * French forces from NATO": a year between a possessive and a lower-case
 * noun dates that noun phrase, not the clause around it. Sets the range of
 * tokens from the possessor's name to the phrase's end (the next comma,
 * bracket or sentence end) and returns true.
 */
static bool possessed_event(int r[2], const char *t, const struct token *toks, int n,
                            const struct expr *e)
{
    int y = 0;
    while (y < n && toks[y].start < e->start)
        y++;
    if (y < 3 || y + 1 >= n || toks[y].start != e->start || e->month || e->end_year ||
        e->decade || !toks[y + 1].word || !gen_is_lower(t[toks[y + 1].start]))
        return false;
    if (!possessive_at(t, toks, y - 2, n))
        return false;
    /* the possessor's name, "of" and "the" inside it: "the European Court of Justice's" */
    static const char *const inside_names[] = {"of", "the", "for", "and", NULL};
    int a = y - 3;
    for (int k = a - 1; k >= 0 && toks[k].word; k--) {
        if (is_title(t, &toks[k]) || is_acronym(t, &toks[k]))
            a = k;
        else if (!tok_in(t, &toks[k], inside_names))
            break;
    }
    if (!is_title(t, &toks[a]) && !is_acronym(t, &toks[a]))
        return false;
    static const char *const tense[] = {"was", "were", "is", "are", "has", "have", "had", "will",
                                        "would", NULL};
    int b = y + 1;
    for (; b < n && b < y + 26; b++) {
        const struct token *k = &toks[b];
        bool in_number = t[k->start] == '.' && b + 1 < n && toks[b + 1].start == k->end &&
                         gen_is_digit(t[k->end]) && gen_is_digit(t[k->start - 1]);
        if (!k->word && strchr(",;.:()!?", t[k->start]) && !in_number)
            break;
        /* the phrase is a clause's subject ("Ars Technica's 2023 report contained ..."): the
           clause is the event */
        if (k->word && (is_past_verb(t, k) || tok_in(t, k, tense)))
            return false;
    }
    /* a fronted phrase ("At the World Bank's 2012 annual meeting in Tokyo, ...") dates the
       clause after it */
    if (a <= 2 && b < n && t[toks[b].start] == ',')
        return false;
    r[0] = a;
    r[1] = b;
    return true;
}

/*
 * "the deployment loomed until the U.S. and the USSR signed the Treaty in
 * 1987": a date in a clause that "until" opens is that clause's; the ranges
 * become it alone. Returns the number of ranges.
 */
static int until_cut(int *r, int nr, const char *t, const struct token *toks, int n,
                     const struct expr *e)
{
    int f, l;
    expr_tokens(toks, n, e, &f, &l);
    for (int q = 0; q < nr; q++)
        for (int u = r[2 * q]; u < r[2 * q + 1] && u < f; u++)
            if ((tok_eq(t, &toks[u], "until") || tok_eq(t, &toks[u], "till")) &&
                until_clause(t, toks, n, u, f) >= 0) {
                r[0] = u + 1;
                r[1] = r[2 * q + 1];
                return 1;
            }
    return nr;
}

/* Drops the last " not" or " never" of what after an auxiliary, in place. */
static void drop_negation(char *what)
{
    char *last = NULL;
    size_t last_len = 0;
    for (char *p = what; *p; p++) {
        if (*p != ' ')
            continue;
        size_t len = gen_word_eq(p + 1, 3, "not", false) ? 4
                     : gen_word_eq(p + 1, 5, "never", false) ? 6 : 0;
        if (!len || (p[len] != ' ' && p[len] != '\0'))
            continue;
        const char *w = p;
        while (w > what && w[-1] != ' ')
            w--;
        if (gen_word_in(w, (size_t)(p - w), w_negated_auxiliaries, false)) {
            last = p;
            last_len = len;
        }
    }
    if (last)
        memmove(last, last + last_len, strlen(last + last_len) + 1);
}

/*
 * "Australia Group is an informal group of countries established to help members": what
 * happened is that it was established ("Australia Group was established to help
 * members"), in place. Only a founding participle after "is a"/"are" and a noun phrase
 * with no verb or relative pronoun of its own, and no other participle after it.
 */
static void copula_participle(char *what)
{
    static const char *const founding[] = {"established", "founded", "created", "formed",
                                           "launched", "inaugurated", "signed", "adopted",
                                           "set", "opened", "chartered", "incorporated", NULL};
    static const char *const stops[] = {"that", "which", "who", "whose", "and", "is", "are",
                                        "was", "were", "has", "have", "had", NULL};
    char *cop = NULL;
    bool plural = false;
    for (char *p = what; *p && !cop; p++) {
        if (p == what || p[-1] != ' ' || (*p != 'i' && *p != 'a'))
            continue;
        if (!strncmp(p, "is a ", 5) || !strncmp(p, "is an ", 6) || !strncmp(p, "is the ", 7))
            cop = p;
        else if (!strncmp(p, "are ", 4))
            cop = p, plural = true;
    }
    if (!cop || cop - what < 2)
        return;
    /* the noun phrase: words up to the participle, none of them a verb or a link */
    char *w = cop + (plural ? 4 : 3);
    bool noun = false, bracket = false;
    while (*w) {
        size_t n = strcspn(w, " ");
        bracket = bracket ? !memchr(w, ')', n) : *w == '(' && !memchr(w, ')', n);
        if (!bracket && noun && gen_word_in(w, n, founding, false))
            break;
        if (!bracket && (gen_word_in(w, n, stops, false) || gen_past_word(w, n)) &&
            !(noun == false && gen_word_in(w, n, w_the_a, true)))
            return;
        noun = noun || !gen_word_in(w, n, w_the_a, true);
        w += n;
        w += strspn(w, " ");
    }
    if (!*w)
        return;
    /* "the union created by the treaty signed": the date may be the second participle's */
    for (const char *r = w + strcspn(w, " "); *r;) {
        r += strspn(r, " ");
        size_t n = strcspn(r, " ");
        if (gen_word_in(r, n, founding, false) || gen_past_word(r, n))
            return;
        r += n;
    }
    const char *verb = plural ? "were " : "was ";
    memmove(cop + strlen(verb), w, strlen(w) + 1);
    memcpy(cop, verb, strlen(verb));
}

/*
 * "## Independence" over "12 December 1963 (from the UK)": a line that is a
 * date and a bracketed note with no subject is described by its heading and
 * the note ("Independence: from the UK"). Returns 0 or RECITE_ENOMEM.
 */
static int headed_note(const struct gen_sink *sink, const char *t, const struct token *toks,
                       int n, const struct expr *e, const char *heading)
{
    int f, l;
    expr_tokens(toks, n, e, &f, &l);
    int close = n - 1;
    while (close > l && !toks[close].word && t[toks[close].start] != ')')
        close--;
    if (f != 0 || l + 2 >= close || t[toks[l + 1].start] != '(' || t[toks[close].start] != ')')
        return 0;
    for (int i = l + 2; i < close; i++)
        if (t[toks[i].start] == '(' || t[toks[i].start] == ')' || year_of(t, &toks[i]) >= 0)
            return 0; /* one note, of no other date */
    size_t a = toks[l + 2].start, b = toks[close - 1].end;
    size_t len = strlen(heading) + 2 + (b - a) + 1;
    char *what = malloc(len);
    if (!what)
        return RECITE_ENOMEM;
    snprintf(what, len, "%s: %.*s", heading, (int)(b - a), t + a);
    int rc = emit_event(sink, e, what, NULL, rule_date_away);
    free(what);
    return rc;
}

static int event_for(const struct gen_sink *sink, const char *t, const struct token *toks,
                     int n, const struct segment *segs, int nseg, const struct expr *ex,
                     int count, int which, const struct gen_event_state *st,
                     const struct gen_event_state *own)
{
    const struct expr *e = &ex[which];
    if (e->status)
        return 0;
    const char *heading = st->heading; /* the document's: st may stand for a pronoun's below */
    int si = segment_at(segs, nseg, toks, e->start);
    if (si < 0)
        return 0;
    int ranges[12];
    bool possessed = possessed_event(ranges, t, toks, n, e);
    int nr = possessed ? 1 : choose_ranges(ranges, t, toks, segs, nseg, si, e);
    if (nr == 0)
        return heading[0] ? headed_note(sink, t, toks, n, e, heading) : 0;
    if (!possessed)
        nr = split_dates(ranges, nr, t, toks, n, ex, count, e);
    if (!possessed && !ensure_subject(ranges, &nr, t, toks, segs, nseg, ex, count))
        return heading[0] ? headed_note(sink, t, toks, n, e, heading) : 0;
    /* (a predicate whose subject is nowhere in the sentence gives none) */
    if (!possessed)
        nr = until_cut(ranges, nr, t, toks, n, e);
    const char *low = NULL;
    for (int r = 0; r < nr; r++)
        if (modal_outside_speech(t, toks, ranges[2 * r], ranges[2 * r + 1])) {
            if (!e->relative)
                return 0;
            low = "future or modal statement";
        }
    const char *skip;
    char *what = describe(&skip, t, toks, n, ranges, nr, ex, count, e->start);
    if (!what)
        return RECITE_ENOMEM;
    /* nothing but the date: the draft leaves it out, saying why (an empty what:) */
    if (what[0] == '\0') {
        int rc = emit_event(sink, e, what, low, rule_date_away);
        free(what);
        return rc;
    }
    char *resolved = NULL;
    struct gen_event_state named = {0};
    int pronoun = first_kept(t, toks, ranges, nr, ex, count);
    if (pronoun_after_verb(t, toks, pronoun, ex, count)) {
        /* "In 2014, Russia launched ..., and in 2022, it escalated": the name before the verb */
        clause_subject(named.subject, t, toks, pronoun, ex, count);
        st = named.subject[0] || !own->subject[0] ? &named : own;
    }
    if (!skip && resolve_pronoun(&resolved, what, st) < 0) {
        free(what);
        return RECITE_ENOMEM;
    }
    if (!skip && !resolved)
        skip = "a pronoun with nothing to stand for";
    if (!skip && relative_lead(resolved))
        skip = "a relative clause without what it is about";
    if (!skip && heading[0] && gen_is_lower(resolved[0]) && field_line(t, toks, n) &&
        !tok_in(t, &toks[first_kept(t, toks, ranges, nr, ex, count)], w_the_a_and)) {
        /* "latest adopted" under "## Constitution": the heading says what was */
        size_t len = strlen(heading) + strlen(resolved) + 3;
        char *named_by_heading = malloc(len);
        if (!named_by_heading) {
            free(resolved);
            free(what);
            return RECITE_ENOMEM;
        }
        snprintf(named_by_heading, len, "%s: %s", heading, resolved);
        free(resolved);
        resolved = named_by_heading;
    }
    if (!skip) {
        result_only(resolved);
        copula_participle(resolved);
    }
    /* "Hawaii was not annexed until 1898": what happened in 1898 is "Hawaii was annexed" */
    int ef, el;
    expr_tokens(toks, n, e, &ef, &el);
    if (!skip && ef < n && tok_eq(t, &toks[ef], "until") && negated_until(t, toks, ef))
        drop_negation(resolved);
    if (!skip && count_words(resolved) < 2)
        skip = "description shorter than two words";
    int rc = 0;
    if (!skip) {
        int f, l;
        expr_tokens(toks, n, e, &f, &l);
        bool words_before = false, words_after = false;
        for (int q = 0; q < nr; q++)
            for (int i = ranges[2 * q]; i < ranges[2 * q + 1]; i++)
                if (toks[i].word && !in_expr(&toks[i], ex, count)) {
                    words_before |= i < f;
                    words_after |= i > l;
                }
        rc = emit_event(sink, e, resolved, low,
                        words_before && words_after ? rule_date_within
                        : words_before              ? rule_date_at_end
                                                    : rule_date_away);
    }
    free(resolved);
    free(what);
    return rc;
}

/* The anchor of relative expressions: an earlier date of this sentence, or a recent one. */
static const struct expr *anchor_for(const struct expr *ex, int count, struct expr *saved,
                                     const struct gen_event_state *st, uint32_t index)
{
    for (int i = count - 1; i >= 0; i--)
        if (!ex[i].relative && !ex[i].decade)
            return &ex[i];
    if (!st->have_anchor || index - st->last_index > 2)
        return NULL;
    *saved = (struct expr){.year = st->last_year, .month = st->last_month, .day = st->last_day};
    return saved;
}

/* ---- what the document is about (for pronouns and list prompts) ---- */

/* Copies [s, s+n) into a context field without markdown emphasis or '#' marks. */
static void set_context(char *dst, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < GEN_CONTEXT_NAME - 4; i++) {
        char c = s[i];
        if (c == '*' || c == '_' || c == '#' || (gen_is_space(c) && (k == 0 || dst[k - 1] == ' ')))
            continue;
        dst[k++] = gen_is_space(c) ? ' ' : c;
    }
    while (k > 0 && dst[k - 1] == ' ')
        k--;
    /* a cut in the middle of a UTF-8 sequence would leave a broken name */
    while (k > 0 && ((unsigned char)dst[k - 1] & 0x80) && !((unsigned char)dst[k - 1] & 0x40))
        k--;
    if (k > 0 && ((unsigned char)dst[k - 1] & 0xC0) == 0xC0)
        k--;
    dst[k] = '\0';
}

/* The Title-Case run a sentence starts with ("The **African Union** (**AU**) is"): its end. */
static int leading_name(const char *t, const struct token *toks, int n, int *first)
{
    int i = 0;
    while (i < n && !toks[i].word && t[toks[i].start] == '*')
        i++;
    if (i < n && (tok_eq(t, &toks[i], "The") || tok_eq(t, &toks[i], "the")))
        i++;
    *first = i;
    static const char *const not_subjects[] = {"It", "Its", "This", "These", "Those", "They",
                                               "He", "She", "There", "In", "On", "At", "As",
                                               "By", "For", "From", "After", "Since", "During",
                                               "Today", "However", "A", "An", "When",
                                               "While", "Once", "Although", "Though",
                                               "Because", "If", "Before", "Whereas",
                                               NULL};
    if (i < n && tok_in(t, &toks[i], not_subjects))
        return i;
    int end = i;
    for (int j = i; j < n; j++) {
        if (is_title(t, &toks[j]) && year_of(t, &toks[j]) < 0)
            end = j + 1;
        else if (tok_mark(t, toks, j, ',') && j + 1 < n && is_title(t, &toks[j + 1]))
            continue; /* "The Australia, New Zealand and United States Security Treaty" */
        else if (tok_mark(t, toks, j, '.') && j > i && toks[j - 1].end - toks[j - 1].start == 1 &&
                 toks[j - 1].end == toks[j].start && j + 1 < n && is_title(t, &toks[j + 1]))
            continue; /* an initial: "Charles H. Graves", "U.S. Secretary" */
        else if (!(toks[j].word ? tok_in(t, &toks[j], w_of_for_and_etc)
                                : strchr("*-'", t[toks[j].start]) != NULL))
            break;
    }
    return end;
}

/* Whether token k is the punctuation mark c. */
static bool tok_mark(const char *t, const struct token *toks, int k, char c)
{
    return !toks[k].word && t[toks[k].start] == c;
}

/*
 * The token after the brackets and appositions that follow a name: "The X
 * (Arabic: ...), also known as the Y (Z), is a ..." gives the "is".
 */
static int after_appositions(const char *t, const struct token *toks, int n, int k)
{
    for (int round = 0; round < 4 && k < n; round++) {
        while (k < n && tok_mark(t, toks, k, '*'))
            k++;
        if (k < n && tok_mark(t, toks, k, '(')) {
            int depth = 0;
            for (; k < n; k++) {
                if (tok_mark(t, toks, k, '('))
                    depth++;
                else if (tok_mark(t, toks, k, ')') && --depth == 0) {
                    k++;
                    break;
                }
            }
            continue;
        }
        if (k < n && tok_mark(t, toks, k, ',')) {
            int j = k + 1, depth = 0;
            for (; j < n && j < k + 30; j++) {
                if (tok_mark(t, toks, j, '('))
                    depth++;
                else if (tok_mark(t, toks, j, ')'))
                    depth--;
                else if (depth == 0 && tok_mark(t, toks, j, ','))
                    break;
            }
            if (j < n && j < k + 30 && tok_mark(t, toks, j, ',')) {
                k = j + 1;
                continue;
            }
        }
        break;
    }
    while (k < n && tok_mark(t, toks, k, '*'))
        k++;
    return k;
}

/* Where a sentence's leading name is (leading_name) and whether it is the subject. */
struct lead {
    int first, end; /* the name's tokens; end <= first: none */
    int after;      /* the token after its brackets and appositions */
    bool whole;     /* the name is the subject, not a modifier ("NATO enlargement") */
};

/*
 * Whether the word at i is a verb in the present ("links", "hosts"): a
 * lowercase word in -s that no verb follows ("NATO members agreed" is a
 * plural noun's).
 */
static bool present_verb(const char *t, const struct token *toks, int i, int n)
{
    if (i >= n || !toks[i].word)
        return false;
    const struct token *k = &toks[i];
    size_t len = k->end - k->start;
    if (len < 4 || !gen_is_lower(t[k->start]) || t[k->end - 1] != 's' || t[k->end - 2] == 's' ||
        t[k->end - 2] == 'u' || t[k->end - 2] == 'i')
        return false;
    /* "Jacques Fomerand argues": a writer, whom no later "it" stands for */
    static const char *const saying[] = {"argues", "notes", "writes", "says", "states",
                                         "claims", "suggests", "contends", "observes",
                                         "explains", "reports", "believes", "thinks", "adds",
                                         "concludes", "describes", "recalls", "insists", NULL};
    if (tok_in(t, k, saying))
        return false;
    return i + 1 >= n || !(is_past_verb(t, &toks[i + 1]) ||
                           tok_in(t, &toks[i + 1], w_linking_verbs));
}

static void read_lead(struct lead *l, const char *t, const struct token *toks, int n)
{
    l->end = leading_name(t, toks, n, &l->first);
    l->whole = false;
    if (l->end <= l->first)
        return;
    /* "NATO enlargement was debated": the subject is the enlargement, not NATO */
    int end = l->end, after = after_appositions(t, toks, n, end);
    l->after = after;
    l->whole = after >= n || (after == end && !toks[end].word) ||
               is_past_verb(t, &toks[after]) ||
               tok_in(t, &toks[after], w_linking_verbs) || present_verb(t, toks, after, n);
}

/*
 * Learns the document's topic from its first defining sentence ("The X is
 * a ..."), headings from short unpunctuated sentences, and the subject of
 * each sentence for the pronouns of the next, from the sentence's lead.
 */
/*
 * "The treaty was signed in 1950. It entered into force in 1951.": a
 * sentence whose subject is a common noun ("The treaty", "This agreement")
 * before its verb is what the next sentence's pronoun stands for, not the
 * document's topic.
 */
static void learn_common(struct gen_event_state *st, const char *t, const struct token *toks,
                         int n)
{
    static const char *const determiners[] = {"The", "This", "That", "These", "Those", "A",
                                              "An", NULL};
    /* where the thing is says which it is ("the post at Poznan", w_in_at_on); "the purpose
       of the Federation", "the way to do this" are no things a later "it" stands for */
    static const char *const stops[] = {"as", "by", "with", "and", "or", "that", "which",
                                        "who", "is", "are", "of", "for", "to", "from", NULL};
    if (n < 3 || !tok_in(t, &toks[0], determiners))
        return;
    /* "A Consulate was opened in 1828. It closed in 1941.": "the Consulate" closed */
    bool indefinite = tok_eq(t, &toks[0], "A") || tok_eq(t, &toks[0], "An");
    /*
     * The noun phrase up to its verb: modifiers, a lower-case head noun, then
     * perhaps a phrase naming which ("The first U.S. consular post in Poland
     * was", "The post at Poznan opened").
     */
    bool head = false, prep = false;
    for (int v = 1; v < n && v <= 10; v++) {
        const struct token *k = &toks[v];
        if (head && (is_past_verb(t, k) || tok_in(t, k, w_linking_verbs))) {
            size_t from = indefinite ? toks[1].start : toks[0].start;
            size_t len = toks[v - 1].end - from, pre = indefinite ? 4 : 0;
            if (len + pre + 1 >= sizeof(st->common))
                return;
            memcpy(st->common, "the ", pre);
            set_context(st->common + pre, t + from, len);
            st->common[0] = gen_lower(st->common[0]);
            return;
        }
        /* the points of initials: "U.S." */
        if (!k->word && t[k->start] == '.' && toks[v - 1].end == k->start &&
            toks[v - 1].end - toks[v - 1].start == 1 && gen_is_upper(t[toks[v - 1].start]))
            continue;
        if (!k->word || tok_in(t, k, stops))
            return;
        if (tok_in(t, k, w_in_at_on)) {
            if (!head || prep)
                return;
            prep = true;
            continue;
        }
        /* "The IFC prepares consolidated ...": after a name, a word in -s is its verb */
        bool lower = gen_is_lower(t[k->start]);
        const struct token *b = &toks[v - 1];
        if (lower && v > 1 && b->word && gen_is_upper(t[b->start]) && b->end - b->start > 1 &&
            t[k->end - 1] == 's')
            return;
        /* before a preposition the last word is the head: a noun, in lower case */
        if (!prep)
            head = lower || (indefinite && v == 1);
    }
}

static void learn_lead(struct gen_event_state *st, const struct lead *l, const char *t,
                       uint32_t index, const struct token *toks, int n)
{
    int first = l->first, end = l->end;
    /* "It entered into force in 1893. It was amended in 1904.": a pronoun goes on meaning what
       the one before it meant */
    static const char *const pronouns[] = {"It", "They", "He", "She", NULL};
    st->chained = first < n && tok_in(t, &toks[first], pronouns);
    if (st->chained)
        return;
    st->subject[0] = '\0';
    st->common[0] = '\0';
    if (!l->whole) {
        learn_common(st, t, toks, n);
        return;
    }
    set_context(st->subject, t + toks[first].start, toks[end - 1].end - toks[first].start);
    if ((st->topic[0] && !st->topic_from_heading) || index > 8)
        return;
    int k = l->after;
    while (k < n && !toks[k].word)
        k++;
    if (k + 1 < n && tok_in(t, &toks[k], w_is_was) &&
        tok_in_nocase(t, &toks[k + 1], w_a_an_the))
    {
        /* "The African Union is ..." -> "members of the African Union" */
        bool article = first > 0 && toks[first - 1].word;
        size_t pre = article ? 4 : 0;
        memcpy(st->topic, "the ", pre);
        set_context(st->topic + pre, st->subject, strlen(st->subject));
        st->topic_from_heading = false;
    }
}

static void learn_context(struct gen_event_state *st, const char *t, uint32_t index,
                          const struct token *toks, int n)
{
    struct lead l;
    read_lead(&l, t, toks, n);
    learn_lead(st, &l, t, index, toks, n);
}

/*
 * A section's name, not a thing's: "its reconciliation" under "# Introduction"
 * is no "Introduction's reconciliation".
 */
static bool section_name(const char *h)
{
    static const char *const sections[] = {
        "introduction", "background", "overview", "summary", "abstract", "history", "contents",
        "table of contents", "notes", "references", "see also", "preface", "foreword",
        "conclusion", "conclusions", "government", "economy", "geography", "people and society",
        "military and security", "energy", "communications", "transportation", "environment",
        "transnational issues", "status of this memo", "scope", "terminology", "definitions",
        "glossary", "appendix", "acknowledgments", "acknowledgements", "motivation",
        "rationale", "specification", "discussion", "timeline", "chronology", "members",
        "membership", "structure", "organization", "organisation", "functions", "activities",
        /* a reference entry's fields */
        "country name", "government type", "capital", "administrative divisions",
        "independence", "national holiday", "constitution", "legal system", "citizenship",
        "suffrage", "executive branch", "legislative branch", "judicial branch",
        "political parties", "international organization participation",
        "diplomatic representation", "flag", "national symbol(s)", "national anthem",
        "national heritage", "dependent areas", NULL};
    size_t n = strlen(h);
    /* "Military - note", "Government - note": a reference entry's notes */
    if (n > 7 && strcmp(h + n - 7, " - note") == 0)
        return true;
    return gen_word_in(h, n, sections, true);
}

/*
 * The date a line holds and nothing else: "July 27, 1789", "1949-04-04",
 * "April 1949", and with year_alone "1949"; false when there is none.
 */
static bool line_date(const char *line, size_t n, bool year_alone, int *year, int *month,
                      int *day)
{
    struct token toks[16];
    int count = tokenize(toks, 16, line, n);
    if (count == 0 || count > 8)
        return false;
    struct expr e;
    int used = match_iso(&e, line, toks, 0, count);
    if (!used)
        used = match_month_date(&e, line, toks, 0, count);
    if (!used && year_alone && count == 1 && year_of(line, &toks[0]) > 0) {
        e = (struct expr){.year = year_of(line, &toks[0])};
        used = 1;
    }
    if (!used || used != count)
        return false;
    *year = e.year;
    *month = e.month;
    *day = e.day;
    return true;
}

/* A heading that is only a date, a month or a year: "July 27, 1789", "April 1949", "1949". */
static bool heading_date(const char *line, size_t n, int *year, int *month, int *day)
{
    while (n > 0 && (line[n - 1] == ':' || line[n - 1] == '.' || gen_is_space(line[n - 1])))
        n--;
    return line_date(line, n, true, year, month, day);
}

void gen_events_heading(struct gen_event_state *state, const char *line, size_t n)
{
    state->section_pending = heading_date(line, n, &state->section_year, &state->section_month,
                                          &state->section_day);
    if (state->section_pending)
        return; /* a date names no topic */
    set_context(state->heading, line, n);
    /* the document's title is its first heading: "# Summary" first has none, and a later
       "# Modern Flag of Norway" is no topic */
    if (!state->topic[0] && !state->heading_seen && state->heading[0] &&
        !section_name(state->heading)) {
        memcpy(state->topic, state->heading, sizeof(state->topic));
        state->topic_from_heading = true;
    }
    state->heading_seen = true;
}

/* The tokens and segments gen_events keeps for the whole document. */
static int scratch(struct gen_event_state *state)
{
    if (!state->scratch_tokens)
        state->scratch_tokens = malloc(MAX_TOKENS * sizeof(struct token));
    if (!state->scratch_segments)
        state->scratch_segments = malloc(MAX_TOKENS * sizeof(struct segment));
    return state->scratch_tokens && state->scratch_segments ? 0 : RECITE_ENOMEM;
}

/*
 * The first sentence under a heading that is only a date, naming no date of
 * its own: what happened then ("# July 27, 1789 / An act ... created the
 * Department of Foreign Affairs."), described as a dated entry is.
 */
static int section_event(const struct gen_sink *sink, const char *t, const struct token *toks,
                         int n, const struct gen_event_state *state)
{
    /* a clause: "Internet Protocol Glossary" under a page header's date is none */
    bool verb = false;
    for (int i = 0; i < n && !verb; i++)
        verb = is_past_verb(t, &toks[i]);
    if (!verb)
        return 0;
    int range[2] = {0, n};
    const char *skip;
    char *what = describe(&skip, t, toks, n, range, 1, NULL, 0, 0);
    if (!what)
        return RECITE_ENOMEM;
    int rc = 0;
    if (!skip && what[0]) {
        struct expr e = {.year = state->section_year, .month = state->section_month,
                         .day = state->section_day};
        char when[32];
        format_when(when, sizeof(when), &e);
        struct recite_gen_fact f = {0};
        f.kind = RECITE_GEN_EVENT;
        f.when = when;
        f.what = what;
        f.rule = "heading";
        rc = sink->add(sink->ctx, &f);
    }
    free(what);
    return rc;
}

/*
 * The events of one sentence with several dates, held to compare their
 * descriptions: one description given to two dates ("failed to dislodge KANU
 * in elections in 1992 and 1997", "coups in 1960, 1971 and 1980") asks a
 * question with more than one answer.
 */
#define HOLD_FACTS MAX_EXPRS
struct hold {
    const struct gen_sink *out;
    struct recite_gen_fact facts[HOLD_FACTS];
    int count;
    char text[4096]; /* copies of the facts' when and what */
    size_t used;
};


static int hold_add(void *ctx, const struct recite_gen_fact *f)
{
    struct hold *h = ctx;
    size_t when = strlen(f->when) + 1, what = strlen(f->what) + 1;
    if (h->count == HOLD_FACTS || h->used + when + what > sizeof(h->text))
        return h->out->add(h->out->ctx, f); /* past the room: given as it comes */
    struct recite_gen_fact *copy = &h->facts[h->count++];
    *copy = *f;
    copy->when = memcpy(h->text + h->used, f->when, when);
    copy->what = memcpy(h->text + h->used + when, f->what, what);
    h->used += when + what;
    return 0;
}

static int hold_flush(struct hold *h, int rc)
{
    for (int i = 0; rc == 0 && i < h->count; i++) {
        struct recite_gen_fact *f = &h->facts[i];
        /* one date nearer the description than the others ("a 1755 earthquake", "was
           founded on 22 March 1945" after "Following ... in 1944"): the description is its */
        bool shared = false, nearest = date_place(f->rule) > 0;
        for (int j = 0; j < h->count && f->what[0]; j++)
            if (j != i && strcmp(f->what, h->facts[j].what) == 0 &&
                strcmp(f->when, h->facts[j].when) != 0) {
                shared = true;
                nearest &= date_place(f->rule) > date_place(h->facts[j].rule);
            }
        if (shared && !nearest)
            f->low = gen_shared_description;
        rc = h->out->add(h->out->ctx, f);
    }
    return rc;
}

int gen_events_context(const struct gen_sentence *s, struct gen_event_state *state)
{
    state->section_pending = false; /* only a section's first sentence takes its date */
    if (scratch(state) < 0)
        return RECITE_ENOMEM;
    struct token *toks = state->scratch_tokens;
    int n = tokenize(toks, MAX_TOKENS, s->text, s->len);
    learn_context(state, s->text, s->index, toks, n);
    return 0;
}

int gen_events(const struct gen_sink *sink, const struct gen_sentence *s,
               struct gen_event_state *state)
{
    /* the buffers live as long as the document: a malloc and free per sentence cost more */
    if (scratch(state) < 0)
        return RECITE_ENOMEM;
    struct token *toks = state->scratch_tokens;
    struct segment *segs = state->scratch_segments;
    /* "Budapest | Informal summit | H | H": cells of a table the layout did not see, not prose */
    size_t cells = 0;
    for (const char *p = s->text; (p = memchr(p, '|', (size_t)(s->text + s->len - p))) != NULL;)
        cells += p++ > s->text && p[-2] == ' ';
    if (cells >= 2)
        return gen_events_context(s, state);
    int n = tokenize(toks, MAX_TOKENS, s->text, s->len);
    classify(toks, n, s->text);
    struct expr ex[MAX_EXPRS];
    int count = find_exprs(ex, s->text, s->len, toks, n, state);
    /* relative expressions, in order, each anchored on what precedes it */
    struct expr all[MAX_EXPRS];
    int total = 0;
    for (int i = 0, k = 0; i < n && total < MAX_EXPRS; i++) {
        while (k < count && total < MAX_EXPRS && ex[k].start < toks[i].start)
            all[total++] = ex[k++];
        if (total >= MAX_EXPRS)
            break;
        if (k < count && ex[k].start == toks[i].start)
            continue;
        if (total && all[total - 1].end > toks[i].start)
            continue;
        struct expr saved, e;
        const struct expr *anchor = anchor_for(all, total, &saved, state, s->index);
        int used = match_relative(&e, s->text, toks, i, n, anchor, state);
        if (used) {
            all[total++] = e;
            i += used - 1;
        }
    }
    for (int k = 0; k < count && total < MAX_EXPRS; k++)
        if (total == 0 || ex[k].start >= all[total - 1].end)
            all[total++] = ex[k];
    int nseg = segments_of(segs, MAX_TOKENS, s->text, toks, n, all, total);
    int rc = 0;
    /* this sentence's own subject, for a pronoun in its later clauses (no topic stands in) */
    struct gen_event_state own = {0};
    struct lead lead; /* read once: this sentence's subject, then the document's */
    read_lead(&lead, s->text, toks, n);
    if (total > 0)
        learn_lead(&own, &lead, s->text, UINT32_MAX, toks, n);
    /* several dates: their events are held until all are described (hold_flush()) */
    struct hold hold; /* not cleared: a few kilobytes a sentence */
    hold.out = sink;
    hold.count = 0;
    hold.used = 0;
    const struct gen_sink held = {hold_add, &hold};
    for (int i = 0; rc == 0 && i < total; i++)
        rc = event_for(total > 1 ? &held : sink, s->text, toks, n, segs, nseg, all, total, i,
                       state, &own);
    if (total > 1)
        rc = hold_flush(&hold, rc);
    if (rc == 0 && total == 0 && state->section_pending)
        rc = section_event(sink, s->text, toks, n, state);
    state->section_pending = false;
    learn_lead(state, &lead, s->text, s->index, toks, n);
    for (int i = total - 1; i >= 0; i--)
        if (!all[i].relative && !all[i].decade) {
            state->last_year = all[i].year;
            state->last_month = all[i].month;
            state->last_day = all[i].day;
            state->last_index = s->index;
            state->have_anchor = true;
            break;
        }
    return rc;
}

bool gen_date_line(const char *line, size_t n, int *year, int *month, int *day)
{
    int y, m, d;
    if (!line_date(line, n, false, &y, &m, &d) || !d)
        return false;
    *year = y;
    *month = m;
    *day = d;
    return true;
}

/* A date the tokens [i, count) begin with: tokens used, the date in *e; 0 when none. */
static int date_at(struct expr *e, const char *t, const struct token *toks, int i, int count)
{
    int used = match_iso(e, t, toks, i, count);
    if (!used)
        used = match_month_date(e, t, toks, i, count);
    if (!used && year_of(t, &toks[i]) > 0) {
        *e = (struct expr){.year = year_of(t, &toks[i])};
        used = 1;
    }
    return used;
}

size_t gen_date_span(const char *s, size_t n, bool at_end, size_t *start, int *year, int *month,
                     int *day)
{
    enum { SPAN_TOKENS = 64 };
    struct token toks[SPAN_TOKENS];
    int count = tokenize(toks, SPAN_TOKENS, s, n);
    if (count == 0 || (at_end && count == SPAN_TOKENS))
        return 0;
    struct expr e;
    int from = at_end ? count - 1 : 0, to = at_end ? (count > 6 ? count - 6 : 0) : 0;
    for (int i = from; i >= to; i--) {
        int used = date_at(&e, s, toks, i, count);
        if (!used || (at_end && i + used != count))
            continue;
        /* "2010-11-27" is one date, never the year 2010 of "2010-11" */
        if (!at_end && i + used < count && s[toks[i + used].start] == '-' &&
            toks[i + used].start == toks[i + used - 1].end)
            return 0;
        *start = toks[i].start;
        *year = e.year;
        *month = e.month;
        *day = e.day;
        return toks[i + used - 1].end - toks[i].start;
    }
    return 0;
}
