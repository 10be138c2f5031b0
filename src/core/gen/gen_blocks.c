/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * List facts from layout (spec §3, bullets): the items of a bulleted or
 * numbered list under an introducing line ("The top five vote-getters
 * are:") or a heading become a set when every item is a name. The prompt is
 * the noun phrase that names the list, without the count, which the draft's
 * card states itself; a count the text states must equal the items'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

#define MAX_ITEMS 256
#define MAX_NAME_WORDS 8

static const char *const number_words[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", NULL,
};

static const char *const name_glue[] = {"of", "and", "for", "the", "in", "on", "van", "von",
                                        "de", "da", "del", "der", "den", "la", "le", "du",
                                        "al", "bin", "y", "&", NULL};

void gen_block_clear(struct gen_block *b)
{
    free(b->intro);
    for (size_t i = 0; i < b->count; i++)
        free(b->items[i]);
    free(b->items);
    *b = (struct gen_block){0};
}

int gen_block_start(struct gen_block *b, const char *intro, size_t n, bool heading,
                    const struct gen_block_cite *cite, size_t indent)
{
    gen_block_clear(b);
    b->active = true;
    b->indent = indent;
    b->intro_is_heading = heading;
    b->cite = *cite;
    b->intro = gen_clean_copy(intro, n);
    return b->intro ? 0 : RECITE_ENOMEM;
}

int gen_block_add_item(struct gen_block *b, const char *text, size_t n, uint64_t end_offset)
{
    if (!b->active)
        return 0;
    if (b->count == MAX_ITEMS) {
        b->overflow = true;
        return 0;
    }
    if (recite_grow((void **)&b->items, &b->cap, b->count + 1, sizeof(*b->items)) < 0)
        return RECITE_ENOMEM;
    char *item = gen_clean_copy(text, n);
    if (!item)
        return RECITE_ENOMEM;
    b->items[b->count++] = item;
    b->cite.end = end_offset;
    return 0;
}

/* ---- items as names ---- */

static bool capitalised(const char *w)
{
    unsigned char c = (unsigned char)w[0];
    return gen_is_upper(w[0]) || c >= 0xC0; /* a non-ASCII initial: "Łukasz", "Éric" */
}

/* Whether the words of s are a name: "Gregory P. Smith", "Alyssa (Nick) Coghlan", "Mariatta". */
static bool is_name(const char *s)
{
    size_t words = 0;
    bool first = true;
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        char word[64];
        size_t n = (size_t)(e - p) < sizeof(word) - 1 ? (size_t)(e - p) : sizeof(word) - 1;
        memcpy(word, p, n);
        word[n] = '\0';
        /* "(Nick)", "'90/Greens" */
        const char *w = word[0] == '(' || word[0] == '\'' ? word + 1 : word;
        if (++words > MAX_NAME_WORDS || !*w)
            return false;
        if (capitalised(w) || (gen_is_digit(w[0]) && !first)) {
            first = false;
        } else if (first || !gen_word_in(w, strcspn(w, ".,)"), name_glue, false)) {
            return false;
        }
        p = e;
    }
    /* "Men's", "Women's": a category, not a name ("Moody's" is one) */
    if (words == 1 && gen_possessive_category(s, strlen(s)))
        return false;
    return words > 0;
}

/* Whether the word ending at the period s[at] is a title before a name: "Mr.", "Dr.", "Gen." */
static bool title_before(const char *s, size_t at)
{
    static const char *const titles[] = {"Mr", "Ms", "Mrs", "Dr", "Prof", "Sen", "Gen", "Rep",
                                         "Gov", "Col", "Lt", "Capt", "Amb", "Hon", "Rev", "Sr",
                                         "Jr", "St", "Adm", "Maj", "Sgt", NULL};
    size_t w = at;
    while (w > 0 && gen_is_alpha(s[w - 1]))
        w--;
    return gen_word_in(s + w, at - w, titles, false);
}

/*
 * The name an item starts with: up to " - ", " – ", ": ", ", ", a sentence
 * end, or " or " before another name ("Free Voters or FW", "The Left or Die Linke").
 */
static size_t name_length(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && s[i] == ' ' && i + 4 < n && memcmp(s + i, " or ", 4) == 0 &&
            capitalised(s + i + 4))
            return i;
        if (i > 0 && s[i] == ' ' && i + 1 < n && (s[i + 1] == '-' || gen_dash_len(s + i + 1, s + n)))
            return i;
        if (s[i] == ':' || s[i] == ',' || s[i] == ';')
            return i;
        /* "Kanagawa (1862)": a year or number in brackets is the item's note, not its name */
        if (i > 0 && s[i] == ' ' && i + 2 < n && s[i + 1] == '(' && gen_is_digit(s[i + 2]))
            return i;
        /* "Guido van Rossum. (Withdrawal)", but not the initial of "Gregory P. Smith" nor a
           title: "Mr. Newsom - P" */
        if (s[i] == '.' && (i + 1 == n || s[i + 1] == ' ') &&
            !(i >= 1 && gen_is_upper(s[i - 1]) && (i == 1 || s[i - 2] == ' ')) &&
            !(i + 1 < n && title_before(s, i)))
            return i;
    }
    return n;
}

/* ---- the prompt ---- */

static bool is_count_word(const char *w, size_t n)
{
    if (gen_word_in(w, n, number_words, true))
        return true;
    for (size_t i = 0; i < n; i++)
        if (!gen_is_digit(w[i]))
            return false;
    return n > 0 && n <= 3;
}

static int count_value(const char *w, size_t n)
{
    for (int i = 0; number_words[i]; i++)
        if (gen_word_eq(w, n, number_words[i], true))
            return i;
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (w[i] - '0');
    return v;
}

/* Removes "(...)" asides and a final ':' from s, in place. */
static void strip_asides(char *s)
{
    size_t k = 0;
    int depth = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth > 0)
            depth--;
        else if (depth == 0)
            s[k++] = s[i];
    }
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ':' || s[k - 1] == '.'))
        k--;
    s[k] = '\0';
}

static const char *const list_verbs[] = {
    "are", "were", "is", "was", "include", "includes", "included", "comprise", "comprises",
    "comprised", "consist", "consists", "follow", "follows", "will", "would", "can", "may",
    "has", "have", "had", NULL,
};

/* Words [start, end) of s as a noun phrase: leading article and count words dropped. */
static void trim_phrase(struct recite_buf *out, const char *s, size_t start, size_t end, int *count)
{
    static const char *const articles[] = {"the", "a", "an", "its", "their", "these", "those",
                                           "following", NULL};
    bool leading = true;
    for (size_t i = start; i < end;) {
        while (i < end && s[i] == ' ')
            i++;
        size_t e = i;
        while (e < end && s[e] != ' ')
            e++;
        if (e == i)
            break;
        if (leading && gen_word_in(s + i, e - i, articles, true)) {
            i = e;
            continue;
        }
        if (is_count_word(s + i, e - i)) {
            if (*count < 0)
                *count = count_value(s + i, e - i);
            i = e;
            continue;
        }
        leading = false;
        if (out->len)
            gen_buf_addc(out, ' ');
        gen_buf_add(out, s + i, e - i);
        i = e;
    }
}

/*
 * "The top five vote-getters are" -> "top vote-getters" (count 5);
 * "The DNS has three major components" -> "major components of the DNS";
 * "Once the nomination period opens, candidates will be listed here" -> "candidates".
 */
static char *prompt_of(const char *intro, bool heading, int *count)
{
    char *s = recite_strdup(intro);
    if (!s)
        return NULL;
    strip_asides(s);
    const char *comma = heading ? NULL : strrchr(s, ',');
    size_t start = comma ? (size_t)(comma - s) + 1 : 0, n = strlen(s), verb = n, verb_end = n;
    for (size_t i = start; i < n && !heading;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        if (i > start && gen_word_in(s + i, e - i, list_verbs, true)) {
            verb = i;
            verb_end = e;
            break;
        }
        i = e;
    }
    struct recite_buf out = {0};
    bool possessive = verb < n && (gen_word_eq(s + verb, verb_end - verb, "has", true) ||
                                   gen_word_eq(s + verb, verb_end - verb, "have", true) ||
                                   gen_word_eq(s + verb, verb_end - verb, "had", true));
    if (possessive) {
        trim_phrase(&out, s, verb_end, n, count);
        gen_buf_adds(&out, " of ");
        size_t before = out.len;
        trim_phrase(&out, s, start, verb, count);
        if (out.len == before)
            out.len -= 4;
    } else {
        trim_phrase(&out, s, start, verb, count);
    }
    free(s);
    /* "and 7 observer states:": the coordinator that joined it to the clause before */
    size_t m = out.data ? gen_coordinator_len(out.data, out.len) : 0;
    if (m) {
        memmove(out.data, out.data + m, out.len - m + 1);
        out.len -= m;
    }
    if (!out.data || out.len == 0) {
        free(out.data);
        return recite_strdup("");
    }
    /* "Candidates" -> "candidates", but "Python core developers" and "EU members" stay */
    if (gen_is_upper(out.data[0]) && out.len > 1 && gen_is_lower(out.data[1])) {
        size_t w = strcspn(out.data, " ");
        bool proper = false;
        static const char *const common[] = {"Members", "Candidates", "Nominees", "Dates", NULL};
        proper = !gen_word_in(out.data, w, common, false) && strchr(out.data, ' ') &&
                 gen_is_upper(out.data[w + 1]);
        if (!proper)
            out.data[0] = gen_lower(out.data[0]);
    }
    return out.data;
}

static size_t words_in(const char *s)
{
    size_t w = 0;
    for (size_t i = 0; s[i]; i++)
        w += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return w;
}

void gen_block_fact_release(struct recite_gen_fact *f)
{
    for (size_t i = 0; i < f->member_count; i++)
        free(f->members[i]);
    free(f->members);
    free(f->prompt);
    *f = (struct recite_gen_fact){0};
}

int gen_block_fact(struct recite_gen_fact *out, bool *made, const struct gen_block *b)
{
    *made = false;
    memset(out, 0, sizeof(*out));
    if (!b->active || b->count < 2 || b->overflow || !b->intro)
        return 0;
    size_t names = 0;
    char **members = calloc(b->count, sizeof(char *));
    if (!members)
        return RECITE_ENOMEM;
    for (size_t i = 0; i < b->count; i++) {
        size_t n = name_length(b->items[i]);
        char *name = gen_clean_copy(b->items[i], n);
        if (!name) {
            out->members = members;
            out->member_count = i;
            gen_block_fact_release(out);
            return RECITE_ENOMEM;
        }
        members[i] = name;
        /* a name, not a sentence: the item holds little beyond it */
        names += is_name(name) && strlen(b->items[i]) <= n + 40 && n > 0;
    }
    out->members = members;
    out->member_count = b->count;
    int count = -1;
    out->prompt = prompt_of(b->intro, b->intro_is_heading, &count);
    if (!out->prompt) {
        gen_block_fact_release(out);
        return RECITE_ENOMEM;
    }
    if (names < b->count || !out->prompt[0] || words_in(out->prompt) > 10) {
        gen_block_fact_release(out);
        return 0;
    }
    out->kind = RECITE_GEN_SET;
    out->rule = b->intro_is_heading ? "list-heading" : "list-items";
    if (count >= 0 && (size_t)count != b->count)
        out->low = "the text states another count than the items listed";
    *made = true;
    return 0;
}
