/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Word-level knowledge for the judge: a spelling dictionary (hunspell's,
 * read through libhunspell) to tell a slip from a different real word, and
 * the equivalences a teacher takes for granted (British and American
 * spelling, plurals, "Art." for "Article", small words, word order).
 * All texts are normalised: lower case words separated by single spaces.
 */
#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dl.h"
#include "judge_internal.h"

/*
 * libhunspell (and the C++ runtime it needs) is opened with the first
 * dictionary, not linked: most commands never spell a word. Without it
 * the judge works as with no dictionary installed.
 */
#define HUNSPELL_FUNCTIONS(X) X(Hunspell_create) X(Hunspell_destroy) X(Hunspell_spell)
static struct {
    HUNSPELL_FUNCTIONS(RECITE_DL_MEMBER)
} hunfn;
#define HUNSPELL_SLOT(name) RECITE_DL_SLOT(hunfn, name)
static struct recite_dl hunspell_lib =
    RECITE_DL_INIT(RECITE_HUNSPELL_SONAME, HUNSPELL_FUNCTIONS, HUNSPELL_SLOT);

#define Hunspell_create (hunfn.Hunspell_create)
#define Hunspell_destroy (hunfn.Hunspell_destroy)
#define Hunspell_spell (hunfn.Hunspell_spell)

struct dict {
    Hunhandle *handles[2];
    size_t count;
};

#define WORD_MAX 64 /* longer words are never looked up or folded */

static bool file_exists(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f)
        fclose(f);
    return f != NULL;
}

/* Opens base.aff + base.dic into d when both exist. */
static void dict_add(struct dict *d, const char *base)
{
    char aff[512], dic[512];
    if (d->count == 2 || (size_t)snprintf(aff, sizeof(aff), "%s.aff", base) >= sizeof(aff) ||
        (size_t)snprintf(dic, sizeof(dic), "%s.dic", base) >= sizeof(dic))
        return;
    if (!file_exists(aff) || !file_exists(dic))
        return;
    Hunhandle *h = Hunspell_create(aff, dic);
    if (h)
        d->handles[d->count++] = h;
}

/* The installed dictionaries for language: "en" -> en_US, en_GB; "fr" -> fr_FR, fr. */
static void dict_add_language(struct dict *d, const char *language)
{
    static const char dir[] = "/usr/share/hunspell/";
    char lang[8] = "en", base[64];
    if (language && language[0]) {
        size_t n = strcspn(language, "-_");
        if (n >= sizeof(lang))
            return;
        for (size_t i = 0; i < n; i++)
            lang[i] = (char)(language[i] | 0x20);
        lang[n] = '\0';
    }
    if (strcmp(lang, "en") == 0) {
        dict_add(d, "/usr/share/hunspell/en_US");
        dict_add(d, "/usr/share/hunspell/en_GB");
        return;
    }
    snprintf(base, sizeof(base), "%s%s_%c%c", dir, lang, lang[0] & ~0x20, lang[1] & ~0x20);
    dict_add(d, base);
    snprintf(base, sizeof(base), "%s%s", dir, lang);
    dict_add(d, base);
}

static struct dict *dict_open(const char *language)
{
    if (!recite_dl_ready(&hunspell_lib))
        return NULL;
    struct dict *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    const char *env = getenv("RECITE_DICT");
    if (env && env[0]) {
        if (strcmp(env, "none") != 0)
            dict_add(d, env);
    } else {
        dict_add_language(d, language);
    }
    if (d->count == 0) {
        free(d);
        return NULL;
    }
    return d;
}

void dict_close(struct dict *dict)
{
    if (!dict)
        return;
    for (size_t i = 0; i < dict->count; i++)
        Hunspell_destroy(dict->handles[i]);
    free(dict);
}

enum spelled { SPELLED_NOT = 0, SPELLED_WORD, SPELLED_NAME };

/*
 * Dictionaries list names capitalised ("Austria") and reject them in lower
 * case, and normalised text is all lower case: a word is a name when only
 * its capitalised form is spelled right, a common word when it is as given.
 */
static enum spelled dict_spell(struct recite_judge *judge, const char *word)
{
    if (!judge->dict_tried) {
        judge->dict_tried = true;
        judge->dict = dict_open(judge->language);
    }
    size_t n = strlen(word);
    if (!judge->dict || n == 0 || n >= WORD_MAX)
        return SPELLED_NOT;
    char capital[WORD_MAX];
    memcpy(capital, word, n + 1);
    if (capital[0] >= 'a' && capital[0] <= 'z')
        capital[0] = (char)(capital[0] - 'a' + 'A');
    for (size_t i = 0; i < judge->dict->count; i++)
        if (Hunspell_spell(judge->dict->handles[i], word))
            return SPELLED_WORD;
    /* Names from the first dictionary only: a second one (en_GB after en_US)
       adds spellings of common words, and obscure place names too ("Rivel"). */
    return Hunspell_spell(judge->dict->handles[0], capital) ? SPELLED_NAME : SPELLED_NOT;
}

bool dict_has(struct recite_judge *judge, const char *word)
{
    return dict_spell(judge, word) != SPELLED_NOT;
}

/* ---- folding ---- */

static bool ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/* Replaces the last `cut` bytes of w (length *n) by repl; w has WORD_MAX bytes. */
static void replace_end(char *w, size_t *n, size_t cut, const char *repl)
{
    size_t r = strlen(repl);
    if (*n - cut + r >= WORD_MAX)
        return;
    memcpy(w + *n - cut, repl, r + 1);
    *n = *n - cut + r;
}

/* Abbreviations written out, as a teacher reads them. */
static const char *const abbreviations[][2] = {
    {"art", "article"},  {"arts", "articles"},    {"st", "saint"},         {"gen", "general"},
    {"pres", "president"}, {"govt", "government"}, {"dept", "department"}, {"intl", "international"},
    {"natl", "national"}, {"assn", "association"}, {"univ", "university"}, {"mt", "mount"},
    {"sec", "secretary"}, {"secgen", "secretary general"}, {"pm", "prime minister"},
    {"amb", "ambassador"}, {"sen", "senator"}, {"fed", "federal"}, {"mil", "military"},
    {"org", "organization"}, {"orgs", "organizations"}, {"cttee", "committee"},
    {"comm", "commission"}, {"conf", "conference"}, {"coop", "cooperation"}, {"vs", "versus"},
    {"n", "north"}, {"s", "south"}, {"e", "east"}, {"w", "west"}, {"tech", "technology"},
    {"med", "mediterranean"}, {"intl", "international"}, {"mgmt", "management"},
};

/* A suffix and what it becomes, with their lengths. */
struct word_end {
    const char *from, *to;
    size_t from_len, to_len;
};
#define WORD_END(from, to) {from, to, sizeof(from) - 1, sizeof(to) - 1}

/* Folds one British / American spelling (and, when plural, a final s) to one form. */
static void fold_word(char *w, size_t *n, bool plural)
{
    /* the abbreviations are six letters at most: a longer word is none of them */
    for (size_t i = 0; *n <= 6 && i < sizeof(abbreviations) / sizeof(abbreviations[0]); i++) {
        size_t k = strlen(abbreviations[i][1]);
        if (w[0] == abbreviations[i][0][0] && strcmp(w, abbreviations[i][0]) == 0 &&
            k < WORD_MAX) {
            memcpy(w, abbreviations[i][1], k + 1);
            *n = k;
            break;
        }
    }
    if (*n < 5)
        return;
    static const struct word_end ends[] = {
        WORD_END("isations", "izations"), WORD_END("isation", "ization"),
        WORD_END("ised", "ized"),         WORD_END("ises", "izes"),
        WORD_END("ising", "izing"),       WORD_END("ise", "ize"),
        WORD_END("yse", "yze"),           WORD_END("ysed", "yzed"),
        WORD_END("ours", "ors"),          WORD_END("our", "or"),
        WORD_END("tres", "ters"),         WORD_END("tre", "ter"),
        WORD_END("ences", "enses"),       WORD_END("ence", "ense"),
        WORD_END("ogue", "og"),           WORD_END("ogues", "ogs"),
        WORD_END("mmes", "ms"),           WORD_END("mme", "m"),
        WORD_END("lled", "led"),          WORD_END("lling", "ling"),
    };
    /* every suffix ends in e, s, d, n, g or r: most words need no comparison */
    char last = w[*n - 1];
    for (size_t i = 0; strchr("esdngr", last) && i < sizeof(ends) / sizeof(ends[0]); i++) {
        const struct word_end *e = &ends[i];
        if (*n >= e->from_len && e->from[e->from_len - 1] == last &&
            memcmp(w + *n - e->from_len, e->from, e->from_len) == 0) {
            if (*n - e->from_len + e->to_len < WORD_MAX) {
                memcpy(w + *n - e->from_len, e->to, e->to_len + 1);
                *n = *n - e->from_len + e->to_len;
            }
            break;
        }
    }
    if (!plural || *n < 5)
        return;
    /* A crude stem: plurals, third persons, past tenses and possessives
       ("technologies", "joins", "joined", "Brezhnev's") read as their word. */
    if (ends_with(w, *n, "ies") || ends_with(w, *n, "ied"))
        replace_end(w, n, 3, "y");
    else if (ends_with(w, *n, "ed") || ends_with(w, *n, "es"))
        replace_end(w, n, 2, "");
    else if (w[*n - 1] == 's' && w[*n - 2] != 's')
        w[--*n] = '\0';
    if (*n >= 4 && w[*n - 1] == 'e')
        w[--*n] = '\0';
}

/* Calls fn on each word of text, writing the results separated by spaces. */
static bool map_words(char *out, size_t size, const char *text, bool plural, bool content)
{
    static const char *const small[] = {"and", "of", "the", "for", "in", "on", "a", "an", "to"};
    size_t len = 0;
    const char *p = text;
    if (size == 0)
        return false;
    out[0] = '\0';
    while (*p) {
        size_t n = strcspn(p, " ");
        char w[WORD_MAX];
        bool keep = true;
        if (n > 0 && n < WORD_MAX) {
            memcpy(w, p, n);
            w[n] = '\0';
            for (size_t i = 0; content && i < sizeof(small) / sizeof(small[0]); i++)
                keep = keep && strcmp(w, small[i]) != 0;
            fold_word(w, &n, plural);
        } else if (n >= WORD_MAX) {
            return false;
        }
        if (n > 0 && keep) {
            if (len + n + 2 > size)
                return false;
            if (len)
                out[len++] = ' ';
            memcpy(out + len, n < WORD_MAX ? w : p, n);
            len += n;
            out[len] = '\0';
        }
        p += strcspn(p, " ");
        p += strspn(p, " ");
    }
    return true;
}

bool words_fold(char *out, size_t size, const char *text)
{
    return map_words(out, size, text, false, false);
}

bool words_fold_plural(char *out, size_t size, const char *text)
{
    return map_words(out, size, text, true, false);
}

bool words_content(char *out, size_t size, const char *text)
{
    return map_words(out, size, text, true, true);
}

bool words_unspaced(char *out, size_t size, const char *text)
{
    size_t len = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ' ')
            continue;
        if (len + 2 > size)
            return false;
        out[len++] = *p;
    }
    if (size == 0)
        return false;
    out[len] = '\0';
    return true;
}

static int compare_words(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Items split at "and" (already the word for '&' and ','-free after
 * normalisation, so only "and" separates), sorted, joined by " and ".
 */
bool words_items_sorted(char *out, size_t size, const char *text)
{
    char copy[1024];
    const char *items[32];
    size_t count = 0, n = strlen(text);
    if (n >= sizeof(copy) || size == 0)
        return false;
    memcpy(copy, text, n + 1);
    char *start = copy;
    for (char *p = copy;; p++) {
        bool at_and = strncmp(p, " and ", 5) == 0;
        if (!at_and && *p)
            continue;
        if (count == sizeof(items) / sizeof(items[0]))
            return false;
        bool end = *p == '\0';
        *p = '\0';
        items[count++] = start;
        if (end)
            break;
        start = p + 5;
        p += 4;
    }
    qsort(items, count, sizeof(items[0]), compare_words);
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        size_t k = strlen(items[i]);
        if (len + k + 6 > size)
            return false;
        if (i) {
            memcpy(out + len, " and ", 5);
            len += 5;
        }
        memcpy(out + len, items[i], k + 1);
        len += k;
    }
    return true;
}

/* The i-th word of text into w (WORD_MAX bytes); false when there is none or it is too long. */
static size_t split_words(const char *text, const char **starts, size_t *lens, size_t cap)
{
    size_t count = 0;
    for (const char *p = text; *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        if (count == cap)
            return cap + 1;
        starts[count] = p;
        lens[count++] = n;
        p += n;
    }
    return count;
}

/* The words [a, a + an) and [b, b + bn) as strings in x and y; false when one is too long. */
static bool word_pair(char x[WORD_MAX], char y[WORD_MAX], const char *a, size_t an, const char *b,
                      size_t bn)
{
    if (an >= WORD_MAX || bn >= WORD_MAX)
        return false;
    memcpy(x, a, an);
    x[an] = '\0';
    memcpy(y, b, bn);
    y[bn] = '\0';
    return true;
}

static bool same_variant(const char *a, size_t an, const char *b, size_t bn)
{
    char x[WORD_MAX], y[WORD_MAX];
    if (!word_pair(x, y, a, an, b, bn))
        return false;
    fold_word(x, &an, true);
    fold_word(y, &bn, true);
    return strcmp(x, y) == 0;
}

/*
 * Words that tell one name from another ("South Korea", "West Germany",
 * "New START"): never a slip for each other, though each is a common word.
 */
static bool is_contrast_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "upper", "lower", "inner", "outer", "central", "first", "second", "third", "fourth",
        "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "new", "old", "greater", "lesser",
        "minor", "major", "left", "right", "before", "after", "early", "late", "east", "west",
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strlen(words[i]) == n && memcmp(w, words[i], n) == 0)
            return true;
    return false;
}

/*
 * A reply word that is a correctly spelled word or name of the language
 * (Austria, Ireland, Africans, peas), or a word that tells names apart
 * (south, west), and differs from the answer's word names something else.
 * Words under four letters are left to the distance ("Il Sun" for "Il Sung").
 */
/*
 * One word made from the other ("Partners" for "Partnership", "Europe" for
 * "European", "Terrorism" for "Terrorist"): they share all but the last
 * fifth of the shorter. A slip of form, not another word.
 */
static bool same_stem(const char *r, size_t rn, const char *a, size_t an)
{
    size_t shorter = rn < an ? rn : an, common = 0;
    while (common < shorter && r[common] == a[common])
        common++;
    return common >= 4 && common * 5 >= shorter * 4;
}

static bool different_word(struct recite_judge *judge, const char *r, size_t rn, const char *a,
                           size_t an)
{
    char w[WORD_MAX], x[WORD_MAX];
    if (rn >= WORD_MAX || an >= WORD_MAX)
        return false;
    if (is_contrast_word(r, rn))
        return true;
    if (rn < 4 || same_stem(r, rn, a, an))
        return false;
    memcpy(w, r, rn);
    w[rn] = '\0';
    enum spelled reply = dict_spell(judge, w);
    if (reply != SPELLED_WORD)
        return reply == SPELLED_NAME; /* Austria for Australia */
    /* A common word for a name ("Hungry" for Hungary) is a slip; for a common
       word ("peas" for peace) it is another word. */
    memcpy(x, a, an);
    x[an] = '\0';
    return dict_spell(judge, x) == SPELLED_WORD;
}

/* Two words the bank gives as spellings of one name ("Turkey", "Türkiye"). */
static bool same_name(struct recite_judge *judge, const char *a, size_t an, const char *b,
                      size_t bn)
{
    char x[WORD_MAX], y[WORD_MAX];
    return word_pair(x, y, a, an, b, bn) && lexicon_same_thing(judge, x, y);
}

bool words_same_stems(const char *reply, const char *answer)
{
    const char *rs[32], *as[32];
    size_t rl[32], al[32];
    size_t rn = split_words(reply, rs, rl, 32), an = split_words(answer, as, al, 32);
    if (rn != an || rn == 0 || rn > 32)
        return false;
    for (size_t i = 0; i < rn; i++)
        if (!(rl[i] == al[i] && memcmp(rs[i], as[i], rl[i]) == 0) &&
            !same_stem(rs[i], rl[i], as[i], al[i]))
            return false;
    return true;
}

bool words_reordered(const char *reply, const char *answer)
{
    const char *rs[32], *as[32];
    size_t rl[32], al[32];
    size_t rn = split_words(reply, rs, rl, 32), an = split_words(answer, as, al, 32);
    if (rn != an || rn < 3 || rn > 32)
        return false;
    size_t swaps = 0;
    for (size_t i = 0; i < rn; i++) {
        if (rl[i] == al[i] && memcmp(rs[i], as[i], rl[i]) == 0)
            continue;
        /* two neighbours swapped, as a typo swaps two letters */
        if (i + 1 < rn && rl[i] == al[i + 1] && memcmp(rs[i], as[i + 1], rl[i]) == 0 &&
            rl[i + 1] == al[i] && memcmp(rs[i + 1], as[i], al[i]) == 0) {
            swaps++;
            i++;
            continue;
        }
        return false;
    }
    return swaps == 1;
}

bool words_typo_ok(struct recite_judge *judge, const char *reply, const char *spelling)
{
    const char *rs[32], *as[32];
    size_t rl[32], al[32];
    size_t rn = split_words(reply, rs, rl, 32), an = split_words(spelling, as, al, 32);
    if (rn != an || rn > 32)
        return true; /* no word-for-word reading: the distance alone decides */
    for (size_t i = 0; i < rn; i++) {
        if (rl[i] == al[i] && memcmp(rs[i], as[i], rl[i]) == 0)
            continue;
        if (same_variant(rs[i], rl[i], as[i], al[i]) || same_name(judge, rs[i], rl[i], as[i], al[i]))
            continue;
        if (different_word(judge, rs[i], rl[i], as[i], al[i]))
            return false;
    }
    return true;
}
