/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Membership lists (spec §3): coordinated proper names "A, B, and C" with
 * at least three items, two with a membership verb, or a comma list after
 * a colon. Items are whole names ("Bosnia and Herzegovina" stays one); the
 * prompt is a noun phrase naming the list, from the words that introduce it
 * or the predicate that follows it, never a fronted adverbial. The count a
 * trigger states ("the twelve founding members") is checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "gen_internal.h"

#define MAX_ITEMS 64

/*
 * The short word lists of the rules, in static storage: gen_word_in() finds a
 * list's index by its address, which a list built on the stack could share
 * with another one built there before.
 */
static const char *const w_have_has_had[] = {"have", "has", "had", NULL};
static const char *const w_pronouns[] = {"It", "it", "They", "they", NULL};
static const char *const w_passive_verbs[] = {"was", "were", "is", "are", "been", "be", NULL};
static const char *const w_capital_articles[] = {"A", "An", "The", NULL};
static const char *const w_articles[] = {"a", "an", "the", NULL};
/* What opens a fronted adverbial: "In 1954, ...", "At the Vladivostok Summit, ..." */
static const char *const w_fronting[] = {
    "In", "On", "At", "By", "After", "Since", "During", "From", "Despite", "Under", "With",
    "For", "As", "Following", "Before", "Until", "Throughout", "Amid", NULL,
};

struct item {
    size_t start, end;
    bool dated; /* followed by "in YYYY" ("Croatia in 2009, Montenegro in 2017") */
};

/* What joins an item to the next one. */
enum sep {
    SEP_COMMA,      /* ", " */
    SEP_COMMA_CONJ, /* ", and " / ", or " */
    SEP_CONJ,       /* " and " / " or " */
};

static const char *const name_glue[] = {"of", "for", "the", "de", "&", "du", "la", "von", "in",
                                        "on", "y", NULL};

/* Membership verbs: with one of these after it, a list of two names counts (spec §3.1). */
static const char *const membership[] = {
    "joined", "join", "joining", "admitted", "invited", "signed", "include", "includes",
    "included", "became", "become", "acceded", "accede", NULL,
};

/* Verbs of admission right before a list: "admit A and B". */
static const char *const admission[] = {"admit", "admitted", "admitting", "invite", "invited",
                                        "inviting", NULL};

static const char *const number_words[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", NULL,
};

/* Non-names that are capitalised at a list start or are discourse words. */
static const char *const not_names[] = {
    "In", "On", "At", "The", "A", "An", "It", "This", "That", "These", "Those", "However",
    "But", "And", "Or", "If", "As", "For", "From", "With", "While", "When", "Since", "After",
    "Before", "During", "Today", "Yet", "Also", "Thus", "Then", "By", "Both", "Under",
    "Beyond", "Whether", "Through", "Throughout", "Due", "First", "Second", "Finally",
    "Several", "Many", "Some", "All", "Each", "Its", "Their", "His", "Her", "Our", "We", "They",
    "He", "She", "There", "Although", "Despite", "Instead", "Moreover", "Furthermore",
    /* sentence adverbs set off by a comma: "Still, Jonas Savimbi and UNITA continued" */
    "Still", "Nevertheless", "Nonetheless", "Meanwhile", "Indeed", "Hence", "Consequently",
    "Accordingly", "Similarly", "Likewise", "Otherwise", "Eventually", "Ultimately",
    "Initially", "Subsequently", "Afterwards", "Additionally", "Notably", "Ironically",
    "Overall", NULL,
};

static bool starts_upper(const char *t, size_t i, size_t n)
{
    if (i >= n)
        return false;
    if (gen_is_upper(t[i]))
        return true;
    unsigned char c = (unsigned char)t[i];
    return c == 0xC3 && i + 1 < n && (unsigned char)t[i + 1] <= 0x9E;
}

/* End of a name word starting at i: letters, digits, '-', '\'', dots of initials. */
static size_t word_end(const char *t, size_t i, size_t n)
{
    size_t e = i;
    while (e < n) {
        if (gen_is_word_byte(t + e, t + n) || t[e] == '-' || t[e] == '\'') {
            e++;
            continue;
        }
        /* ’ inside a word (China’s) */
        if (e + 3 <= n && t[e] == '\xE2' && memcmp(t + e, "\xE2\x80\x99", 3) == 0 && e + 3 < n &&
            gen_is_alpha(t[e + 3])) {
            e += 3;
            continue;
        }
        /* U.S.: a dot after a single capital */
        if (t[e] == '.' && e > i && gen_is_upper(t[e - 1]) && (e - 1 == i || t[e - 2] == '.'))
        {
            e++;
            continue;
        }
        break;
    }
    return e;
}

static bool word_is(const char *t, size_t s, size_t e, const char *w)
{
    return gen_word_eq(t + s, e - s, w, false);
}


static size_t alpha_end(const char *t, size_t i, size_t n)
{
    while (i < n && gen_is_alpha(t[i]))
        i++;
    return i;
}

static bool month_at(const char *t, size_t i, size_t n)
{
    return gen_word_in(t + i, alpha_end(t, i, n) - i, recite_month_names, false);
}

/* " (May 1943)" or " (1944)" at k: a date after a name; returns the end after ')' or 0. */
static size_t paren_date(const char *t, size_t k, size_t n)
{
    if (!(k + 2 < n && t[k] == ' ' && t[k + 1] == '('))
        return 0;
    size_t p = k + 2;
    if (month_at(t, p, n)) {
        p = alpha_end(t, p, n);
        while (p < n && t[p] == ' ')
            p++;
    }
    size_t d = p;
    while (p < n && gen_is_digit(t[p]))
        p++;
    return p - d == 4 && p < n && t[p] == ')' ? p + 1 : 0;
}

/*
 * " (Bavaria)" or " (North Rhine-Westphalia)" at k: another name for the one
 * before it, capitalised words without figures and with at most one
 * capital per word (no acronym); returns the end after ')' or 0.
 */
static size_t paren_gloss(const char *t, size_t k, size_t n)
{
    if (!(k + 3 < n && t[k] == ' ' && t[k + 1] == '(' && gen_is_upper(t[k + 2])))
        return 0;
    size_t p = k + 2;
    for (int caps = 0; p < n && p < k + 48 && t[p] != ')'; p++) {
        if (gen_is_digit(t[p]) || strchr(",;:(", t[p]))
            return 0;
        caps = t[p] == ' ' || t[p] == '-' ? 0 : caps + gen_is_upper(t[p]);
        if (caps > 1)
            return 0;
    }
    return p < n && t[p] == ')' ? p + 1 : 0;
}

/* A name at i: ["the"] Title-Case words joined by glue words; returns its end or 0. */
static size_t parse_name(const char *t, size_t i, size_t n)
{
    size_t j = i;
    if (j + 4 < n && memcmp(t + j, "the ", 4) == 0)
        j += 4;
    if (!starts_upper(t, j, n))
        return 0;
    size_t e = word_end(t, j, n);
    if (e == j || gen_word_in(t + j, e - j, not_names, false))
        return 0;
    for (;;) {
        size_t k = e;
        if (k + 1 < n && t[k] == ' ' && starts_upper(t, k + 1, n)) {
            size_t e2 = word_end(t, k + 1, n);
            if (e2 > k + 1) {
                e = e2;
                continue;
            }
        }
        if (k + 1 < n && t[k] == ' ') {
            size_t ge = k + 1;
            while (ge < n && t[ge] != ' ')
                ge++;
            size_t ns = ge + 1;
            /* "Democratic Republic of the Congo" */
            if (ns + 4 < n && memcmp(t + ns, "the ", 4) == 0 && !word_is(t, k + 1, ge, "the"))
                ns += 4;
            if (gen_word_in(t + k + 1, ge - k - 1, name_glue, false) && starts_upper(t, ns, n) &&
                !month_at(t, ns, n)) {
                size_t e2 = word_end(t, ns, n);
                if (e2 > ns) {
                    e = e2;
                    continue;
                }
            }
        }
        /* "the Open Lands (OL) Treaty": a parenthesised acronym */
        size_t gloss = paren_gloss(t, k, n);
        if (gloss && !(gloss + 1 < n && t[gloss] == ' ' && starts_upper(t, gloss + 1, n)))
            return e;
        if (k + 2 < n && t[k] == ' ' && t[k + 1] == '(' && !paren_date(t, k, n)) {
            const char *close = memchr(t + k + 2, ')', n - k - 2);
            if (close && close - (t + k) < 14 && starts_upper(t, k + 2, n)) {
                e = (size_t)(close - t) + 1;
                continue;
            }
        }
        return e;
    }
}


/* Nationality and direction adjectives: "Russian", "Chinese", "Western", "Baltic". */
/*
 * Whether w ends in one of endings after at least stem bytes; the last byte first, which
 * rules out most endings without a call.
 */
static bool ends_in_any(const char *w, size_t n, size_t stem, const char *const *endings)
{
    for (size_t i = 0; endings[i]; i++) {
        size_t m = strlen(endings[i]);
        if (n >= m + stem && w[n - 1] == endings[i][m - 1] && memcmp(w + n - m, endings[i], m) == 0)
            return true;
    }
    return false;
}

static bool adjective_ending(const char *w, size_t n)
{
    static const char *const endings[] = {"an", "ese", "ish", "ern", "ic", "er", NULL};
    return ends_in_any(w, n, 1, endings);
}

/* Head nouns shared by coordinated words: "Science and Technology Committee". */
static const char *const shared_heads[] = {
    "Committee", "Commission", "Council", "Network", "Enterprises", "Union", "Organization",
    "Organisation", "Agency", "Programme", "Program", "Community", "Centre", "Center",
    "Institute", "Bank", "Fund", "Office", "Services", "Department", "Ministry", "Affairs",
    "Development", "Cooperation", "Studies", "Research", "Sciences", "Forces", "Division",
    "Section", "Policy", "Group", "Treaty",
    "Agreement", "Pact", "Convention", "Enterprises", "Technology", "Protocol", NULL,
};

/* Words that qualify a shared head ("Central, Eastern and South Eastern Europe"). */
static const char *const region_words[] = {
    "North", "South", "East", "West", "Central", "Eastern", "Western", "Northern", "Southern",
    "Middle", "Upper", "Lower", "Greater", "Northeast", "Northwest", "Southeast", "Southwest",
    NULL,
};

/* Whether the word after a list is a lowercase noun it modifies ("New Zealander security"). */
static bool modifies_noun(const char *t, size_t e, size_t n, bool last_adjective)
{
    if (!(e + 1 < n && t[e] == ' ' && gen_is_lower(t[e + 1])))
        return false;
    size_t we = alpha_end(t, e + 1, n);
    static const char *const ok[] = {"and", "or", "in", "were", "was", "are", "is", "have",
                                     "has", "had", "to", "joined", "signed", "became", "from",
                                     "at", "on", "with", "as", "both", "all", "also", "each",
                                     "for", "by", "of", "that", "which", "who", "but", "then",
                                     "together", "jointly", "formed", "not", "became", "would",
                                     "will", "could", "can", "may", "might", "should", "must",
                                     "did", "do", "does", "sent", "met", "won", "led", "took",
                                     "agreed", "into", "over", "under", "since", "after",
                                     "before", "during", "until", "while", "where", NULL};
    if (gen_word_in(t + e + 1, we - e - 1, ok, false))
        return false;
    bool verb_like = we > e + 4 && ((t[we - 1] == 'd' && t[we - 2] == 'e') ||
                                    (t[we - 1] == 'g' && t[we - 2] == 'n' && t[we - 3] == 'i') ||
                                    t[we - 1] == 's');
    /*
     * "US, Canadian and German partners, the group": a plural the last item
     * qualifies, when a clause end or a linking word follows it ("Pakistan
     * shares borders" keeps its verb)
     */
    if (verb_like && last_adjective && t[we - 1] == 's') {
        size_t a = we;
        while (a < n && t[a] == ' ')
            a++;
        size_t ae = alpha_end(t, a, n);
        static const char *const linking[] = {"of", "in", "from", "to", "who", "that", "which",
                                              "were", "was", "had", "have", "and", "with",
                                              "at", "on", NULL};
        if (a >= n || ae == a || gen_word_in(t + a, ae - a, linking, false))
            return true;
    }
    return !verb_like;
}

/*
 * Whether a plural noun follows the list at e, so that the names only
 * qualify it: "the Harding, Coolidge, and Hoover administrations associated
 * ...", "Canada and Western European nations in 1949". The word is taken for
 * a noun, not a verb, when a clause end, a linking word or a past form comes
 * after it ("Pakistan shares borders" keeps its verb).
 */
static bool plural_noun_after(const char *t, size_t e, size_t n)
{
    if (!(e + 1 < n && t[e] == ' ' && gen_is_lower(t[e + 1])))
        return false;
    size_t we = alpha_end(t, e + 1, n), len = we - e - 1;
    static const char *const not_nouns[] = {
        "is", "was", "has", "does", "as", "us", "its", "his", "this", "thus", "plus", "less",
        "unless", "always", "sometimes", "perhaps", "whereas", "besides", "towards",
        "afterwards", "across", "nevertheless", "nonetheless", "regardless", "alike", NULL};
    if (len < 4 || t[we - 1] != 's' || t[we - 2] == 's' || t[we - 2] == 'u' ||
        t[we - 2] == 'i' || gen_word_in(t + e + 1, len, not_nouns, false))
        return false;
    if (we >= n || t[we] == ',' || t[we] == '.' || t[we] == ';' || t[we] == ')')
        return true;
    size_t a = we;
    while (a < n && t[a] == ' ')
        a++;
    size_t ae = alpha_end(t, a, n);
    if (ae == a)
        return true;
    static const char *const linking[] = {"of", "in", "from", "to", "who", "that", "which",
                                          "were", "had", "have", "and", "with", "at", "on",
                                          "for", "under", "during", "since", NULL};
    if (gen_word_in(t + a, ae - a, linking, false))
        return true;
    return ae - a > 3 && t[ae - 1] == 'd' && t[ae - 2] == 'e';
}

/* A bare initial ("A", "J."), a month or a region word is never a member. */
static int stated_count(const char *t, size_t list_start);

static bool bad_item(const char *t, const struct item *it, const struct item *items,
                     size_t count)
{
    size_t s = it->start, e = it->end;
    if (e - s > 4 && memcmp(t + s, "the ", 4) == 0)
        s += 4;
    if (e - s == 1 || (e - s == 2 && t[s + 1] == '.'))
        return true;
    /* "Men's and Women's": a category, not a name ("Moody's" is one) */
    if (gen_possessive_category(t + s, e - s))
        return true;

    /* "Beginning in 1910, the British and the Afrikaners ruled": a fronted participle */
    static const char *const participles[] = {"Beginning", "Starting", "Following", "Including",
                                              "Having", "Being", "According", "Regarding",
                                              "Concerning", "Considering", NULL};
    /* a region word is a member where the text counts the members ("16 regions; Ahafo, ...,
       Central, Eastern, ..."), a direction elsewhere ("the North and the South") */
    if (gen_word_in(t + s, e - s, region_words, false) &&
        !(count >= 3 && stated_count(t, items[0].start) == (int)count))
        return true;
    return gen_word_in(t + s, e - s, recite_month_names, false) ||
           gen_word_in(t + s, e - s, participles, false);
}

/* Whether the item starts with the word of an office: "Senior Director", "Head of ...". */
static bool office_item(const char *t, const struct item *it)
{
    static const char *const offices[] = {
        "Senior", "Director", "Head", "Minister", "Secretary", "Chairman", "Chairwoman", "Chair",
        "Chief", "Deputy", "Vice", "Governor", "Commissioner", "Ambassador", "Executive",
        "Officer", "Professor", "Undersecretary", "Spokesperson", "Spokesman", "Adviser",
        "Advisor", "Rapporteur", "Envoy", "Coordinator", NULL};
    size_t s = it->start, e = s;
    while (e < it->end && gen_is_alpha(t[e]))
        e++;
    return gen_word_in(t + s, e - s, offices, false);
}

/*
 * "Riccardo Puliti, Senior Director and Head of the Energy Practice, said": a name and
 * the offices its holder holds, set beside it, not a list (a colon before it says one is
 * coming: "the following ranks: Recruit, Officer, Senior Officer").
 */
static bool name_and_offices(const char *t, const struct item *items, size_t count)
{
    size_t b = items[0].start;
    while (b > 0 && t[b - 1] == ' ')
        b--;
    return count >= 2 && !(b > 0 && t[b - 1] == ':') && !office_item(t, &items[0]) &&
           office_item(t, &items[1]);
}

static bool is_acronym_item(const char *t, const struct item *it)
{
    size_t caps = 0;
    for (size_t i = it->start; i < it->end; i++) {
        if (gen_is_lower(t[i]) || t[i] == ' ')
            return false;
        caps += gen_is_upper(t[i]);
    }
    return caps >= 2;
}

/* "ANZUS Treaty": an item with a word of two or more capitals. */
static bool has_acronym_word(const char *t, const struct item *it)
{
    size_t caps = 0;
    for (size_t i = it->start; i <= it->end; i++) {
        if (i == it->end || t[i] == ' ') {
            if (caps >= 2)
                return true;
            caps = 0;
        } else if (gen_is_upper(t[i])) {
            caps++;
        } else {
            caps = 0;
            while (i < it->end && t[i] != ' ')
                i++;
            i--;
        }
    }
    return false;
}

static bool verb_word(const char *t, size_t s, size_t e);
static const char *const adverbs[] = {
    "both", "all", "also", "then", "together", "jointly", "later", "each", "subsequently",
    "eventually", "soon", "initially", "originally", "formally", "officially", "first",
    "had", "have", "has", "finally", "already", NULL,
};

/* Whether a verb follows the name ending at e, maybe after an adverb ("and Spain later joined"). */
static bool verb_follows(const char *t, size_t e, size_t n)
{
    for (int words = 0; words < 2 && e < n && t[e] == ' '; words++) {
        size_t s = e + 1, we = alpha_end(t, s, n);
        if (we == s || !gen_is_lower(t[s]))
            return false;
        if (verb_word(t, s, we) || gen_past_word(t + s, we - s) ||
            gen_word_in(t + s, we - s, gen_clause_present_verbs, false))
            return true;
        if (!gen_word_in(t + s, we - s, adverbs, false))
            return false;
        e = we;
    }
    return false;
}

/*
 * Whether a list at i follows its clause's verb or a colon ("members were A, B", "four
 * members: A, B"), not opening the clause as its subject ("A, B and C met", ", after A, B").
 */
static bool object_at(const char *t, size_t i)
{
    static const char *const links[] = {"is", "are", "was", "were", "include", "includes",
                                        "included", "comprise", "comprises", "has", "have",
                                        "had", NULL};
    static const char *const openers[] = {"after", "before", "when", "while", "as", "since",
                                          "until", "because", "that", "which", "who", "where",
                                          "and", "but", "or", "if", NULL};
    for (size_t e = i; e > 0;) {
        while (e > 0 && t[e - 1] == ' ')
            e--;
        if (e == 0)
            return false;
        if (t[e - 1] == ':')
            return true;
        if (!gen_is_alpha(t[e - 1]))
            return false; /* a comma, a bracket: the clause starts after it */
        size_t s = e;
        while (s > 0 && (gen_is_alpha(t[s - 1]) || t[s - 1] == '-'))
            s--;
        if (gen_word_in(t + s, e - s, openers, true))
            return false;
        if (gen_is_lower(t[s]) &&
            (verb_word(t, s, e) || gen_word_in(t + s, e - s, links, false)))
            return true;
        e = s;
    }
    return false;
}

/* Whether the name [s, e) ends with where it was: "Joseph Stalin in Tehran". */
static bool placed(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i + 4 <= e; i++)
        if (memcmp(t + i, " in ", 4) == 0 || memcmp(t + i, " at ", 4) == 0)
            return true;
    return false;
}

/* Whether another name follows the one ending at e, after a comma or "and". */
static bool list_goes_on(const char *t, size_t e, size_t n)
{
    size_t r = e;
    if (r < n && t[r] == ',')
        r++;
    while (r < n && t[r] == ' ')
        r++;
    size_t we = alpha_end(t, r, n);
    if (word_is(t, r, we, "and") || word_is(t, r, we, "or"))
        return true;
    return r > e + 1 && t[e] == ',' && r < n && parse_name(t, r, n) != 0;
}

/* Reads "X1, X2, ..., (and|or) Xn" from i: names and what joins them. */
static size_t parse_sequence(struct item *items, enum sep *seps, bool *or_list, bool *etc,
                             size_t *end, const char *t, size_t i, size_t n)
{
    size_t count = 0, p = i;
    size_t next = 0; /* the name at p when the last item looked ahead to it, else 0 */
    *or_list = *etc = false;
    while (count < MAX_ITEMS) {
        size_t e = next ? next : parse_name(t, p, n);
        if (!e)
            break;
        items[count] = (struct item){p, e, false};
        *end = e;
        size_t q = e;
        /* "Albania and Croatia in 2009, Montenegro in 2017, and ...": dates between items */
        if (q + 8 <= n && memcmp(t + q, " in ", 4) == 0 && gen_is_digit(t[q + 4]) &&
            gen_is_digit(t[q + 7])) {
            q += 8;
            items[count].dated = true;
        }
        /* "the Food and Agricultural Organization (May 1943), ...": the date is no part of it */
        size_t pd = paren_date(t, q, n);
        if (!pd) /* "Bayern (Bavaria), ...": another name for the member */
            pd = paren_gloss(t, q, n);
        if (pd)
            q = pd;
        count++;
        bool comma = q < n && t[q] == ',';
        size_t r = q + comma;
        while (r < n && t[r] == ' ')
            r++;
        size_t we = alpha_end(t, r, n);
        bool conj = word_is(t, r, we, "and") || word_is(t, r, we, "or");
        if (conj) {
            *or_list |= word_is(t, r, we, "or");
            r = we + 1;
        }
        /* "..., Somalia, and more" / "..., Somalia, etc.": the list ends, closed */
        size_t oe = alpha_end(t, r, n);
        if ((conj && (word_is(t, r, oe, "more") || word_is(t, r, oe, "others"))) ||
            (comma && word_is(t, r, oe, "etc"))) {
            *etc = true;
            break;
        }
        if (!comma && !conj)
            break;
        /* "France, Spain, Italy and other states": closed, the rest is no name */
        next = r < n ? parse_name(t, r, n) : 0;
        if (!next) {
            *etc = conj;
            break;
        }
        /* "... and Soviet Premier Joseph Stalin in Tehran, Iran, between ...": after the item
           the closing "and" brought, a comma and a name no other follows are where it was */
        if (comma && !conj && count >= 2 &&
            (seps[count - 2] == SEP_CONJ || seps[count - 2] == SEP_COMMA_CONJ) &&
            placed(t, items[count - 1].start, items[count - 1].end) && !list_goes_on(t, next, n))
            break;
        /* "members were A, B and C, and D hosted ...": the list closed at "and C"; D begins
           a clause (a list that is the subject takes the verb: "A, B and C, and D made") */
        if (comma && conj && count >= 3 && seps[count - 2] == SEP_CONJ &&
            seps[count - 3] == SEP_COMMA && verb_follows(t, next, n) && object_at(t, i))
            break;
        seps[count - 1] = conj ? (comma ? SEP_COMMA_CONJ : SEP_CONJ) : SEP_COMMA;
        p = r;
    }
    return count;
}

/*
 * One conjunction closes a list; any other bare "and" between two names is
 * part of a name: "Bosnia and Herzegovina, Croatia, and Serbia", "the European
 * Coal and Steel Community, Euratom and the EEC". Returns the new count and
 * whether the list is closed by a conjunction.
 */
static size_t merge_inner_and(struct item *items, enum sep *seps, size_t count, const char *t,
                              bool *closed)
{
    size_t closer = count;
    for (size_t j = 0; j + 1 < count; j++)
        if (seps[j] == SEP_COMMA_CONJ)
            closer = j;
    /* without ", and" only a final " and " closes; one between commas is inside a name */
    if (closer == count && count >= 2 && seps[count - 2] == SEP_CONJ)
        closer = count - 2;
    for (size_t j = 0; closer == count && j + 1 < count; j++)
        if (seps[j] == SEP_CONJ && items[j].dated)
            closer = j;
    *closed = closer < count;
    size_t k = 0;
    for (size_t j = 0; j < count; j++) {
        bool merge = k > 0 && seps[j - 1] == SEP_CONJ && j - 1 != closer &&
                     !items[k - 1].dated && !items[j].dated && t[items[j - 1].end + 1] == 'a' &&
                     !(items[j].end - items[j].start > 4 &&
                       memcmp(t + items[j].start, "the ", 4) == 0 && t[items[j].end - 1] != ')');
        if (merge) {
            items[k - 1].end = items[j].end;
            items[k - 1].dated = items[j].dated;
            continue;
        }
        if (k > 0)
            seps[k - 1] = seps[j - 1];
        items[k++] = items[j];
    }
    return k;
}

static bool has_membership_verb(const char *t, size_t n)
{
    for (size_t i = 0; i < n;) {
        while (i < n && !gen_is_alpha(t[i]))
            i++;
        size_t e = alpha_end(t, i, n);
        if (e > i && gen_word_in(t + i, e - i, membership, false))
            return true;
        i = e;
    }
    return false;
}

/* A number word or a number of at most two digits ending at e, else -1. */
static int count_word(const char *t, size_t s, size_t e)
{
    /* "two" to "twenty": 3 to 9 letters starting with one of "efnst" */
    char first = gen_lower(e > s ? t[s] : '\0');
    if (e - s >= 3 && e - s <= 9 &&
        (first == 't' || first == 'f' || first == 's' || first == 'e' || first == 'n'))
        for (int k = 2; number_words[k]; k++)
            if (gen_word_eq(t + s, e - s, number_words[k], true))
                return k;
    if (e - s > 3)
        return -1;
    int v = 0;
    for (size_t k = s; k < e; k++) {
        if (!gen_is_digit(t[k]))
            return -1;
        v = v * 10 + (t[k] - '0');
    }
    return v;
}

struct span {
    size_t start, end;
};

static struct span word_before(const char *t, size_t pos);
static bool plural_at(const char *t, struct span w);
static bool bytes_in(const char *t, struct span w, const char *const *list);

/*
 * Whether the count word starting at i counts the object of a phrase under a
 * plural head ("partners in the last two areas were ...": two areas, not two
 * partners).
 */
static bool counts_inner_phrase(const char *t, size_t i)
{
    static const char *const preps[] = {"in", "of", "from", "across", "between", NULL};
    static const char *const before_count[] = {"the", "last", "first", "its", "their", NULL};
    struct span w = word_before(t, i);
    while (w.end > w.start && bytes_in(t, w, before_count))
        w = word_before(t, w.start);
    if (w.end <= w.start || !gen_word_in(t + w.start, w.end - w.start, preps, false))
        return false;
    struct span head = word_before(t, w.start);
    return head.end > head.start && plural_at(t, head);
}

/* The count stated just before the list ("12 nations:", "the twelve founding members were"). */
static int stated_count(const char *t, size_t list_start)
{
    size_t i = list_start;
    for (int words = 0; i > 0 && words < 7; words++) {
        while (i > 0 && !gen_is_alnum(t[i - 1]))
            i--;
        size_t e = i;
        while (i > 0 && gen_is_alnum(t[i - 1]))
            i--;
        if (e == i)
            break;
        int v = count_word(t, i, e);
        /* "in 2004" and "1 with Denmark" are no counts of the list */
        if (v >= 2)
            return counts_inner_phrase(t, i) ? -1 : v;
        if (words > 0 && (t[e] == '.' || t[e] == ';'))
            break;
        /* "two of the optional protocols to the convention:": articles and
           prepositions take no room in the window */
        static const char *const small[] = {"the", "of", "to", "a", "an", NULL};
        if (gen_word_in(t + i, e - i, small, false))
            words--;
    }
    return -1;
}

/* Markdown emphasis and a leading article are not part of a member's name. */
static char *item_text(const char *t, const struct item *it)
{
    size_t s = it->start, e = it->end;
    if (e - s > 4 && memcmp(t + s, "the ", 4) == 0)
        s += 4;
    char *out = gen_clean_copy(t + s, e - s);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; out[i]; i++)
        if (out[i] != '*' && out[i] != '_')
            out[k++] = out[i];
    out[k] = '\0';
    /* a sentence-final period is not part of the name, unless it closes initials (U.S.) */
    if (k > 1 && out[k - 1] == '.' && !(k >= 3 && out[k - 3] == '.'))
        out[k - 1] = '\0';
    return out;
}

/* ---- the prompt: a noun phrase naming the list ---- */

/* Words that end a noun phrase read backwards: verbs, prepositions, conjunctions. */
static const char *const np_stops[] = {
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "include",
    "includes", "included", "including", "incl", "comprise", "comprises", "comprised", "and",
    "or",
    "but", "in", "on", "at", "by", "with", "from", "to", "for", "between", "among", "as",
    "that", "which", "who", "whose", "when", "while", "where", "such", "like", "namely",
    "than", "into", "under", "over", "after", "before", "since", "during", "then", "also",
    "both", "not", "do", "does", "did", "so", "can", "could", "will", "would", "should", "may",
    "might", "must", "within", "across", "throughout", "through", "via", "towards", "toward",
    "against", "about", "around", "beyond", "upon", "without", "outside", "inside", "near",
    NULL,
};
static const char *const determiners[] = {
    "the", "a", "an", "The", "A", "An", "these", "These", "those", "Those", "all", "All",
    "its", "Its", "their", "Their", "his", "His", "her", "Her", "our", "Our", "some", "Some",
    "other", "Other", "several", "Several", "various", "Various", "numerous", "Numerous",
    "many", "Many", "multiple", "Multiple", NULL,
};
static const char *const pronouns[] = {
    "them", "they", "it", "which", "who", "these", "those", "this", "that", "others", "one",
    "ones", "whom", "we", "us", "him", "her", "what", NULL,
};
static const char *const introducers[] = {
    "such as", "including but not limited to", "including", "like", "namely", "e.g.", "i.e.",
    "especially", "notably",
    "particularly", "for example", "for instance", "among them", "are", "were", "is", "was",
    "include", "includes", "included", "comprise", "comprises", "comprised", "being", NULL,
};
/* Heads that name a membership: "members" gets "of <topic>". */
static const char *const member_heads[] = {
    "members", "signatories", "participants", "founders", NULL,
};
/* Heads a "Member states" heading names better: "27 countries:" under it. */
static const char *const state_heads[] = {
    "members", "states", "countries", "nations", NULL,
};
static const char *const collective[] = {
    "countries", "nations", "states", "members", "cities", "organisations", "organizations",
    "agencies", "partners", "companies", "governments", "powers", "allies", "territories",
    "regions", "republics", "kingdoms", "provinces", "universities", "banks", NULL,
};

/* The word ending at or before pos (skipping spaces): [start, end), or an empty span. */
static struct span word_before(const char *t, size_t pos)
{
    while (pos > 0 && t[pos - 1] == ' ')
        pos--;
    size_t s = pos;
    while (s > 0 && (gen_is_word_byte(t + s - 1, t + pos) || t[s - 1] == '-' ||
                     t[s - 1] == '\'' || t[s - 1] == '.' || t[s - 1] == '*' ||
                     ((unsigned char)t[s - 1] & 0xC0) == 0x80))
        s--;
    return (struct span){s, pos};
}

/*
 * Where a name ending at e starts: back over Title-Case words and the glue
 * inside names ("Organization of American States"), with "the" before it;
 * e when no name ends there.
 */
static size_t parse_name_start(const char *t, size_t e)
{
    size_t s = e;
    for (;;) {
        struct span w = word_before(t, s);
        if (w.end <= w.start)
            break;
        if (gen_is_upper(t[w.start])) {
            s = w.start;
            continue;
        }
        /* "of" inside a name, with a capital before it */
        struct span before = word_before(t, w.start);
        if (s < e && bytes_in(t, w, name_glue) && !word_is(t, w.start, w.end, "the") &&
            before.end > before.start && gen_is_upper(t[before.start])) {
            s = before.start;
            continue;
        }
        break;
    }
    if (s >= e)
        return e;
    struct span article = word_before(t, s);
    if (word_is(t, article.start, article.end, "the"))
        s = article.start;
    return s;
}

/* Whether the words before pos end with phrase ("such as"); *start receives where it begins. */
static bool ends_with_phrase(const char *t, size_t pos, const char *phrase, size_t *start)
{
    size_t m = strlen(phrase);
    while (pos > 0 && t[pos - 1] == ' ')
        pos--;
    /* the last byte first: most phrases are ruled out by it, without a call */
    if (pos < m || (m > 0 && t[pos - 1] != phrase[m - 1]) || memcmp(t + pos - m, phrase, m) != 0)
        return false;
    if (pos > m && gen_is_word_byte(t + pos - m - 1, t + pos))
        return false;
    *start = pos - m;
    return true;
}

static bool bytes_in(const char *t, struct span w, const char *const *list)
{
    size_t e = w.end;
    while (e > w.start && (t[e - 1] == '.' || t[e - 1] == '*'))
        e--;
    return e > w.start && gen_word_in(t + w.start, e - w.start, list, false);
}

static bool verb_word(const char *t, size_t s, size_t e);

/* The noun phrase ending at pos, read back to a verb, preposition or punctuation. */
static struct span np_words_before(const char *t, size_t pos, bool *possessive)
{
    /* a quoted phrase is read inside its quotes: In “troubled regions” such as ... */
    while (pos > 0 && t[pos - 1] == ' ')
        pos--;
    bool quoted = false;
    if (pos >= 3 && memcmp(t + pos - 3, "\xE2\x80\x9D", 3) == 0) {
        pos -= 3;
        quoted = true;
    } else if (pos >= 1 && t[pos - 1] == '"') {
        pos--;
        quoted = true;
    }
    struct span np = {pos, pos};
    *possessive = false;
    for (int words = 0; words < 6; words++) {
        struct span w = word_before(t, np.start);
        if (quoted && w.end > w.start && t[w.start] == '"') {
            np.start = w.start + 1;
            break;
        }
        if (quoted && w.start >= 1 && w.end - w.start >= 2 &&
            memcmp(t + w.start - 1, "\xE2\x80\x9C", 3) == 0) {
            np.start = w.start + 2;
            break;
        }
        if (w.end == w.start || bytes_in(t, w, np_stops))
            break;
        /* "The conference featured prominent speakers such as": the phrase starts after the verb */
        if (words > 0 && w.end - w.start > 4 && verb_word(t, w.start, w.end)) {
            /* ... but "the affiliated organizations" keeps its participle */
            struct span before = word_before(t, w.start);
            if (before.end > before.start && !bytes_in(t, before, determiners) &&
                !bytes_in(t, before, np_stops))
                break;
        }
        np.start = w.start;
        if (bytes_in(t, w, determiners)) {
            *possessive = gen_word_eq(t + w.start, w.end - w.start, "its", true) ||
                          gen_word_eq(t + w.start, w.end - w.start, "their", true);
            break;
        }
    }
    /* drop the determiner and a stated count: "the twelve founding members" */
    for (;;) {
        while (np.start < np.end && t[np.start] == ' ')
            np.start++;
        size_t e = np.start;
        while (e < np.end && t[e] != ' ')
            e++;
        if (e >= np.end)
            break;
        struct span w = {np.start, e};
        if (!bytes_in(t, w, determiners) && count_word(t, w.start, w.end) < 0)
            break;
        np.start = e;
    }
    while (np.end > np.start && t[np.end - 1] == ' ')
        np.end--;
    return np;
}

/* Whether the word ending at end reads as a plural ("partners", "allies"; not "Congress"). */
static bool plural_at(const char *t, struct span w)
{
    size_t n = w.end - w.start;
    return n > 3 && t[w.end - 1] == 's' && t[w.end - 2] != 's' && gen_is_lower(t[w.end - 2]);
}

/*
 * The noun phrase ending at pos; when it names no plural thing and follows
 * "in", "of", "from" or "to" after a plural one, the whole of it: "its four main
 * partners in the Indo-Pacific region" gives "main partners in the
 * Indo-Pacific region", not "Indo-Pacific region".
 */
static struct span noun_phrase_before(const char *t, size_t pos, bool *possessive)
{
    struct span np = np_words_before(t, pos, possessive);
    /* a plural names the list unless a plural head governs it: "negotiating partners in the
       last two areas were ..." lists partners, not areas */
    bool plural = plural_at(t, word_before(t, np.end));
    if (np.end <= np.start)
        return np;
    if (plural) {
        /* only as the subject of "were" or "are" */
        size_t v = pos;
        while (t[v] == ' ')
            v++;
        size_t ve = v;
        while (gen_is_alpha(t[ve]))
            ve++;
        if (!word_is(t, v, ve, "were") && !word_is(t, v, ve, "are"))
            return np;
    }
    size_t from = np.start;
    struct span w = word_before(t, from);
    /* the determiner and count np_words_before dropped ("the Indo-Pacific region", "the last
       two areas") */
    while (w.end > w.start && (bytes_in(t, w, determiners) || count_word(t, w.start, w.end) >= 0 ||
                               word_is(t, w.start, w.end, "last") ||
                               word_is(t, w.start, w.end, "first")))
        w = word_before(t, w.start);
    if (w.end <= w.start ||
        !(word_is(t, w.start, w.end, "in") || (!plural && word_is(t, w.start, w.end, "of")) ||
          (!plural && word_is(t, w.start, w.end, "from")) ||
          (!plural && word_is(t, w.start, w.end, "to"))))
        return np;
    size_t head_end = w.start;
    while (head_end > 0 && t[head_end - 1] == ' ')
        head_end--;
    bool head_possessive;
    struct span head = np_words_before(t, head_end, &head_possessive);
    if (head.end != head_end || head.end <= head.start ||
        !plural_at(t, word_before(t, head.end)))
        return np;
    /* "states which are not members of the ILO": the list is not the members */
    struct span before = word_before(t, head.start);
    if (before.end > before.start && (word_is(t, before.start, before.end, "not") ||
                                      word_is(t, before.start, before.end, "no") ||
                                      word_is(t, before.start, before.end, "non")))
        return np;
    *possessive = head_possessive;
    return (struct span){head.start, np.end};
}

static bool usable_np(const char *t, struct span np)
{
    if (np.end <= np.start + 2)
        return false;
    /* "It consists of": a pronoun names nothing */
    for (size_t i = np.start; i < np.end;) {
        struct span w = {i, i};
        while (w.end < np.end && t[w.end] != ' ')
            w.end++;
        if (gen_word_eq(t + w.start, w.end - w.start, "It", true) ||
            gen_word_eq(t + w.start, w.end - w.start, "They", true))
            return false;
        i = w.end + 1;
    }
    /* "France:" or "CGIAR:" labels a list but does not name it */
    if (!memchr(t + np.start, ' ', np.end - np.start) && !gen_is_lower(t[np.start]))
        return false;
    struct span last = word_before(t, np.end);
    if (bytes_in(t, last, pronouns) || bytes_in(t, last, determiners) ||
        bytes_in(t, last, recite_month_names) || count_word(t, last.start, last.end) >= 0)
        return false;
    for (size_t i = np.start; i < np.end; i++)
        if (gen_is_digit(t[i]) || t[i] == '(' || t[i] == ')' || t[i] == '"' || t[i] == '\0')
            return false;
    return gen_is_alpha(t[last.end - 1]);
}

/* Appends s to buf without markdown emphasis, collapsing spaces. */
static int add_clean(struct recite_buf *buf, const char *s, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char c = s[i];
        if (c == '*' || c == '_')
            continue;
        if (gen_is_space(c) && (buf->len == 0 || buf->data[buf->len - 1] == ' '))
            continue;
        rc = gen_buf_addc(buf, gen_is_space(c) ? ' ' : c);
    }
    return rc;
}

/* The document's name for itself, for "its members" (spec §3.2: the trigger and its qualifier). */
static const char *topic_of(const struct gen_sentence *s)
{
    const struct gen_event_state *ctx = s->context;
    if (!ctx || !ctx->topic[0])
        return NULL;
    /* a title line ("This article is part of a series on") is a name only when short */
    size_t words = 1;
    for (const char *p = ctx->topic; *p; p++)
        words += *p == ' ';
    if (ctx->topic_from_heading && (words > 5 || strstr(ctx->topic, " is ")))
        return NULL;
    return ctx->topic;
}

/* "members" -> "members of the African Union" when the text says whose they are. */
static int np_prompt(struct recite_buf *out, const char *t, struct span np, bool possessive,
                     const struct gen_sentence *s)
{
    const struct gen_event_state *ctx = s->context;
    struct span last = word_before(t, np.end);
    bool generic = bytes_in(t, last, member_heads);
    bool has_of = false;
    for (size_t i = np.start; i + 4 <= np.end; i++)
        has_of |= memcmp(t + i, " of ", 4) == 0 || memcmp(t + i, " in ", 4) == 0;
    int rc;
    /* "27 countries:" under the heading "Member states" is the member states */
    if (bytes_in(t, last, state_heads) && ctx && ctx->heading[0] && strstr(ctx->heading, "ember") &&
        !has_of && !possessive && np.end - np.start < 16) {
        generic = true;
        rc = gen_buf_addc(out, gen_lower(ctx->heading[0]));
        if (rc == 0)
            rc = add_clean(out, ctx->heading + 1, strlen(ctx->heading + 1));
        possessive = true;
    } else {
        rc = add_clean(out, t + np.start, np.end - np.start);
    }
    const char *topic = topic_of(s);
    if (topic && s->context->topic_from_heading && strcmp(topic, s->context->heading) == 0)
        topic = NULL;
    if (rc == 0 && topic && !has_of && (possessive || (generic && np.end - np.start <= 24))) {
        rc = gen_buf_adds(out, " of ");
        if (rc == 0)
            rc = gen_buf_adds(out, topic);
    }
    return rc;
}

/* A collective noun the sentence uses ("countries"), else fallback. */
static const char *head_noun(const char *t, size_t n, const char *fallback)
{
    for (size_t i = 0; i < n;) {
        while (i < n && !gen_is_alpha(t[i]))
            i++;
        size_t e = alpha_end(t, i, n);
        if (e > i && gen_word_in(t + i, e - i, collective, true)) {
            for (size_t k = 0; collective[k]; k++)
                if (gen_word_eq(t + i, e - i, collective[k], true))
                    return collective[k];
        }
        i = e;
    }
    return fallback;
}

/*
 * Whether a reason or purpose adverbial starts at i ("in response to ...",
 * "because of ...", "in order to ..."): a predicate ends before it.
 */
static bool reason_at(const char *t, size_t i, size_t n)
{
    static const char *const reasons[] = {"in response to ", "because ", "due to ",
                                          "in order to ", "despite ", "amid ", "as a result ",
                                          "in an effort to ", "thanks to ", "so as to ",
                                          "in reaction to ", NULL};
    for (size_t k = 0; reasons[k]; k++) {
        size_t m = strlen(reasons[k]);
        if (m <= n - i && memcmp(t + i, reasons[k], m) == 0)
            return true;
    }
    return false;
}

/* The end of the predicate starting at p: the clause's end, at most 10 words. */
static size_t predicate_end(const char *t, size_t n, size_t p)
{
    size_t e = p;
    for (int words = 0; e < n && words < 10; words++) {
        while (e < n && t[e] == ' ')
            e++;
        size_t we = e;
        while (we < n && t[we] != ' ' && !strchr(",;:()", t[we]) && !gen_dash_len(t + we, t + n))
            we++;
        if (we == e || (we < n && t[we] != ' '))
            return we == e ? e : we;
        static const char *const stops[] = {"which", "while", "but", "because", "although",
                                            "though", "when", "whereas", "who", NULL};
        if (gen_word_in(t + e, we - e, stops, false) ||
            (word_is(t, e, we, "and") && we + 1 < n && gen_is_upper(t[we + 1])) ||
            (words > 1 && reason_at(t, e, n)))
            return e;
        e = we;
    }
    /*
     * Cut by the word cap in mid-phrase ("... by building up their"): end
     * before the last preposition instead, where a phrase is whole.
     */
    size_t next = e;
    while (next < n && t[next] == ' ')
        next++;
    if (next >= n || strchr(".,;:()", t[next]))
        return e;
    static const char *const cuts[] = {"of", "in", "to", "by", "with", "within", "for", "on",
                                       "at", "from", "into", "and", "over", "through", "during",
                                       "after", "before", "since", "until", "under", "between",
                                       "among", "against", NULL};
    size_t verb_end = alpha_end(t, p, n);
    for (size_t q = e; q > verb_end;) {
        struct span w = word_before(t, q);
        if (w.start == w.end)
            break;
        if (w.start > verb_end && bytes_in(t, w, cuts))
            return w.start;
        q = w.start;
    }
    return e;
}

/* Trims trailing spaces, periods, prepositions and articles off [p, e). */
static size_t trim_predicate(const char *t, size_t p, size_t e)
{
    /* "would become members at the 2008 Summit": an occasion at the end is no part of it */
    static const char *const occasions[] = {"Summit", "Conference", "Meeting", "Congress",
                                            "Session", "Assembly", NULL};
    struct span last = word_before(t, e);
    if (last.start > p && bytes_in(t, last, occasions))
        for (size_t q = last.start; q > p + 4; q--)
            if (memcmp(t + q - 4, " at ", 4) == 0 || memcmp(t + q - 4, " in ", 4) == 0) {
                if (q - 4 > p)
                    e = q - 4;
                break;
            }
    for (;;) {
        while (e > p && (t[e - 1] == ' ' || t[e - 1] == '.'))
            e--;
        struct span w = word_before(t, e);
        static const char *const dangling[] = {"the", "a", "an", "and", "or", "of", "to", "in",
                                               "on", "at", "by", "with", "for", "from", "their",
                                               "its", "his", "her", "our", "into", "within",
                                               "than", "as", NULL};
        if (w.start <= p || !bytes_in(t, w, dangling))
            return e;
        e = w.start;
    }
}

static const char *const founding_verbs[] = {
    "formed", "founded", "established", "created", "co-founded", "launched", "set", NULL,
};
static const char *const finite_verbs[] = {
    "are", "were", "was", "is", "became", "become", "joined", "join", "signed", "sent", "met",
    "won", "led", "took", "left", "agreed", "withdrew", "remain", "remained", "held", "hold",
    "sit", "sat", "form", "make", "made", "share", "shared", "belong", "belonged", "began",
    "chose", "fought", "gave", "ratified", "cut", "put", "hit", "let", "quit", "split",
    "spread", "broke", "sought", "won", "lost", "drew", "withdrew", "struck", "bore", NULL,
};

static bool verb_word(const char *t, size_t s, size_t e)
{
    if (e - s > 3 && t[e - 1] == 'd' && t[e - 2] == 'e' && gen_is_lower(t[s]))
        return true;
    return gen_word_in(t + s, e - s, finite_verbs, false) ||
           gen_word_in(t + s, e - s, founding_verbs, false);
}

/*
 * The list as subject: "A, B and C formed SEATO" -> "founding members of
 * SEATO", "A and B joined in 2004" -> "members that joined in 2004".
 * Returns 1 when a prompt was written, 0 when no predicate follows.
 */
static int predicate_prompt(struct recite_buf *out, const char *t, size_t n, size_t le)
{
    size_t p = le;
    /* "A and B, which were already in talks with it, would become members": past the aside */
    if (p + 8 < n && t[p] == ',' && (memcmp(t + p, ", which ", 8) == 0 ||
                                     memcmp(t + p, ", who ", 6) == 0)) {
        const char *close = memchr(t + p + 1, ',', n - p - 1);
        if (close)
            p = (size_t)(close - t) + 1;
    }
    if (p < n && t[p] == ',')
        return 0;
    for (;;) {
        while (p < n && t[p] == ' ')
            p++;
        size_t we = alpha_end(t, p, n);
        if (we == p || !gen_word_in(t + p, we - p, adverbs, false))
            break;
        p = we;
    }
    size_t ve = p;
    while (ve < n && (gen_is_alpha(t[ve]) || t[ve] == '-'))
        ve++;
    /* "A, B and C would enforce peace": a modal and its verb */
    static const char *const modals[] = {"would", "will", "could", "should", "must", "can",
                                         "may", "might", "shall", NULL};
    bool modal = ve > p && gen_word_in(t + p, ve - p, modals, false) && ve + 1 < n &&
                 t[ve] == ' ' && gen_is_lower(t[ve + 1]);
    if (ve == p || !(modal || verb_word(t, p, ve)) || word_is(t, p, ve, "is") ||
        word_is(t, p, ve, "was"))
        return 0;
    size_t end = trim_predicate(t, p, predicate_end(t, n, p));
    if (end <= ve && !gen_word_in(t + p, ve - p, founding_verbs, false) &&
        !word_is(t, p, ve, "signed") && !word_is(t, p, ve, "joined"))
        return 0;
    size_t obj = ve;
    if (word_is(t, p, ve, "set") && ve + 3 < n && memcmp(t + ve, " up", 3) == 0)
        obj = ve + 3;
    while (obj < end && t[obj] == ' ')
        obj++;
    int rc;
    if (gen_word_in(t + p, ve - p, founding_verbs, false) && obj < end) {
        rc = gen_buf_adds(out, "founding members of ");
        if (rc == 0)
            rc = add_clean(out, t + obj, end - obj);
    } else if (word_is(t, p, ve, "signed")) {
        rc = gen_buf_adds(out, obj < end ? "signatories of " : "signatories");
        if (rc == 0)
            rc = add_clean(out, t + obj, end - obj);
    } else {
        const char *head = head_noun(t, n, word_is(t, p, ve, "joined") ? "members" : "parties");
        /* "would eventually become members": not "members that ... become members" */
        static const char *const linking[] = {"become", "became", "becomes", "be", "are",
                                              "were", "remain", "remained", NULL};
        struct span last = word_before(t, end), verb = word_before(t, last.start);
        if (last.end > last.start && bytes_in(t, verb, linking) &&
            gen_word_eq(t + last.start, last.end - last.start, head, false))
            head = "parties";
        rc = gen_buf_adds(out, head);
        if (rc == 0)
            rc = gen_buf_adds(out, " that ");
        if (rc == 0)
            rc = add_clean(out, t + p, end - p);
    }
    return rc < 0 ? rc : 1;
}

/*
 * "the Warsaw Pact was formed ..., with A, B and C joining": the members
 * joining what the clause is about ("members joining the Warsaw Pact"), or
 * what the participle names when it goes on ("with A and B joining the
 * alliance"). b is where the words before the list end, le where it ends.
 * Returns 1 when a prompt was written.
 */
static int with_participle_prompt(struct recite_buf *out, const char *t, size_t n, size_t b,
                                  size_t le)
{
    struct span with = word_before(t, b);
    if (with.end != b || !(word_is(t, with.start, with.end, "with") ||
                           word_is(t, with.start, with.end, "With")))
        return 0;
    size_t p = le;
    while (p < n && t[p] == ' ')
        p++;
    size_t pe = alpha_end(t, p, n);
    /* "in conflict with A, B and C following ...": a participle that is a preposition */
    static const char *const prepositional[] = {"following", "including", "regarding",
                                                "concerning", "excluding", "considering",
                                                "according", "pending", "involving", "during",
                                                "notwithstanding", "barring", NULL};
    if (pe < p + 5 || memcmp(t + pe - 3, "ing", 3) != 0 || !gen_is_lower(t[p]) ||
        gen_word_in(t + p, pe - p, prepositional, false))
        return 0;
    size_t end = trim_predicate(t, pe, predicate_end(t, n, pe));
    size_t obj = pe;
    while (obj < end && t[obj] == ' ')
        obj++;
    struct span np = {0, 0};
    if (obj >= end) {
        /* nothing after the participle: the subject of the passive clause before "with" */
        size_t v = 0;
        for (size_t q = with.start; q > 0 && !v && !strchr(".;:", t[q - 1]); q--)
            if (q >= 5 &&
                (memcmp(t + q - 5, " was ", 5) == 0 || memcmp(t + q - 5, "were ", 5) == 0))
                v = q - 4;
        if (!v)
            return 0;
        bool possessive;
        np = noun_phrase_before(t, v, &possessive);
        struct span det = word_before(t, np.start);
        if (bytes_in(t, det, w_articles) || bytes_in(t, det, w_capital_articles))
            np.start = det.start;
        if (!usable_np(t, np) || possessive)
            return 0;
    }
    const char *head = head_noun(t, n, "members");
    int rc = gen_buf_adds(out, head);
    if (rc == 0)
        rc = gen_buf_addc(out, ' ');
    if (rc == 0)
        rc = add_clean(out, t + p, pe - p);
    if (rc == 0)
        rc = gen_buf_addc(out, ' ');
    if (rc == 0 && obj < end)
        rc = add_clean(out, t + obj, end - obj);
    else if (rc == 0) {
        /* "the Warsaw Pact", lowercase article */
        if (word_is(t, np.start, np.start + 3, "The")) {
            rc = gen_buf_adds(out, "the");
            np.start += 3;
        }
        if (rc == 0)
            rc = add_clean(out, t + np.start, np.end - np.start);
    }
    return rc < 0 ? rc : 1;
}

/*
 * A clause that is, or starts with, a plural noun phrase: "Ten new countries
 * joined the EU in 2004 --", "Eight of the newer member states --", "Its
 * members are the nations of". Returns 1 when a prompt was written.
 */
static int clause_np_prompt(struct recite_buf *out, const char *t, size_t p, size_t b,
                            const struct gen_event_state *ctx)
{
    bool possessive = false, counted = false;
    for (;;) {
        size_t we = p;
        while (we < b && t[we] != ' ')
            we++;
        struct span w = {p, we};
        bool det = bytes_in(t, w, determiners);
        bool number = count_word(t, p, we) >= 0;
        if (we >= b || !(det || number || (counted && word_is(t, p, we, "of"))))
            break;
        possessive |= word_is(t, p, we, "Its") || word_is(t, p, we, "its");
        counted |= number;
        for (p = we; p < b && t[p] == ' ';)
            p++;
    }
    size_t q = p;
    struct span verb = {b, b};
    while (q < b) {
        size_t we = q;
        while (we < b && t[we] != ' ')
            we++;
        if (verb_word(t, q, we) || bytes_in(t, (struct span){q, we}, np_stops)) {
            verb = (struct span){q, we};
            break;
        }
        for (q = we; q < b && t[q] == ' ';)
            q++;
    }
    size_t np_end = verb.start;
    while (np_end > p && t[np_end - 1] == ' ')
        np_end--;
    struct span np = {p, np_end};
    if (!usable_np(t, np) || t[np_end - 1] != 's' || !gen_is_lower(t[word_before(t, np_end).start]))
        return 0;
    static const char *const copulas[] = {"are", "were", "is", "was", "include", "includes",
                                          "included", "comprise", "comprises", NULL};
    static const char *const relative[] = {"which", "that", "who", NULL};
    int rc = add_clean(out, t + np.start, np.end - np.start);
    const char *topic = ctx && ctx->topic[0] ? ctx->topic : NULL;
    /* "suppliers of armaments have included A, B and C": the subject names the list */
    bool copula = bytes_in(t, verb, copulas);
    if (!copula && bytes_in(t, verb, w_have_has_had)) {
        size_t a = verb.end;
        while (a < b && t[a] == ' ')
            a++;
        struct span next = {a, alpha_end(t, a, b)};
        copula = next.end == b && bytes_in(t, next, copulas);
    }
    if (verb.start >= b || copula) {
        if (rc == 0 && possessive && topic) {
            rc = gen_buf_adds(out, " of ");
            if (rc == 0)
                rc = gen_buf_adds(out, topic);
        }
    } else {
        size_t e = trim_predicate(t, verb.start, b);
        bool rel = bytes_in(t, verb, relative);
        bool finite = verb_word(t, verb.start, verb.end) ||
                      bytes_in(t, verb, w_have_has_had);
        if (!rel && !finite) {
            out->len = 0;
            return 0;
        }
        if (rc == 0)
            rc = gen_buf_adds(out, rel ? " " : " that ");
        if (rc == 0)
            rc = add_clean(out, t + verb.start, e - verb.start);
    }
    return rc < 0 ? rc : 1;
}

/* Whether [s, b) holds a verb ("is a member of", "signed agreements with"). */
static bool has_verb(const char *t, size_t s, size_t b)
{
    static const char *const finite[] = {"is", "are", "was", "were", "has", "have", "had",
                                         "include", "includes", "signed", "joined", NULL};
    for (size_t i = s; i < b;) {
        size_t we = alpha_end(t, i, b);
        if (we > i && (verb_word(t, i, we) || gen_word_in(t + i, we - i, finite, false)))
            return true;
        i = we > i ? we : i + 1;
    }
    return false;
}

/* A heading that names things: a few words, no figures or colons, ending in a plural. */
static bool plural_label(const char *h)
{
    size_t n = strlen(h), words = 1;
    for (size_t i = 0; i < n; i++) {
        if (gen_is_digit(h[i]) || strchr(":|\"()[]", h[i]))
            return false;
        words += h[i] == ' ';
    }
    return n > 3 && words <= 5 && h[n - 1] == 's' && h[n - 2] != 's';
}

/* "territorial disputes over A, B and C": the parties to the disputes, as with "between" */
static bool disputed_over(const char *t, struct span prep)
{
    static const char *const disputes[] = {"dispute", "disputes", "conflict", "conflicts",
                                           "claims", "tensions", NULL};
    if (prep.end == prep.start || !word_is(t, prep.start, prep.end, "over"))
        return false;
    struct span noun = word_before(t, prep.start);
    return noun.end > noun.start && bytes_in(t, noun, disputes);
}

/* A sentence's subject [s, e) inside a prompt: "The Act", "This proposal" as "the Act". */
static int add_subject(struct recite_buf *out, const char *t, size_t s, size_t e)
{
    static const char *const openers[] = {"The", "This", "These", "That", "Those", NULL};
    size_t de = alpha_end(t, s, e);
    bool det = gen_word_in(t + s, de - s, openers, false);
    int rc = det ? gen_buf_addc(out, gen_lower(t[s])) : 0;
    return rc < 0 ? rc : add_clean(out, t + s + det, e - s - det);
}

/*
 * "X was signed in 1949 by A, B and C" as what the parties did, after the
 * head noun written into out: " that signed X in 1949". [s, e) is the clause
 * before "by", its passive auxiliary at aux (object_prompt() found it).
 * Returns 1 when written, 0 when the clause is no such passive (an irregular
 * participle: "parties by which X was set up" is written then).
 */
static int active_prompt(struct recite_buf *out, const char *t, size_t s, size_t e, size_t aux)
{
    /* a past passive of a subject in capitals: "The Act was signed", "Norway was invited";
       "Paris is followed by" is no past, "and other authorities" no subject */
    static const char *const was_were[] = {"was", "were", NULL};
    size_t aux_end = alpha_end(t, aux, e);
    if (!gen_is_upper(t[s]) || !gen_word_in(t + aux, aux_end - aux, was_were, false) ||
        aux_end + 1 >= e || aux <= s + 1)
        return 0;
    size_t ps = aux_end + 1, pe = alpha_end(t, ps, e);
    /* an adverb before it goes before the verb: "was jointly appointed", "was also attended" */
    size_t as = ps, ae = ps;
    if (pe + 1 < e && (word_is(t, ps, pe, "also") ||
                       (pe - ps > 4 && t[pe - 1] == 'y' && t[pe - 2] == 'l'))) {
        ae = pe;
        ps = pe + 1;
        pe = alpha_end(t, ps, e);
    }
    /* a regular participle, the past form as well: "signed", "founded", "ratified" */
    if (pe - ps < 4 || t[pe - 1] != 'd' || t[pe - 2] != 'e' || !gen_is_lower(t[ps]))
        return 0;
    size_t se = aux - 1;
    /* "The Eastern Union (EWU)": the short form in brackets is no part of the prompt */
    if (se > s && t[se - 1] == ')') {
        const char *open = NULL;
        for (size_t q = s; q < se; q++)
            if (t[q] == '(')
                open = t + q;
        if (open)
            se = (size_t)(open - t);
    }
    while (se > s && t[se - 1] == ' ')
        se--;
    int rc = gen_buf_adds(out, " that ");
    if (rc == 0 && ae > as) {
        rc = add_clean(out, t + as, ae - as);
        if (rc == 0)
            rc = gen_buf_addc(out, ' ');
    }
    if (rc == 0)
        rc = add_clean(out, t + ps, pe - ps);
    if (rc == 0)
        rc = gen_buf_addc(out, ' ');
    if (rc == 0)
        rc = add_subject(out, t, s, se);
    if (rc == 0 && pe < e) /* "in 1949" */
        rc = add_clean(out, t + pe, e - pe);
    return rc < 0 ? rc : 1;
}

/* The list after a verb or preposition: "established in 1992 by A and B". */
static int object_prompt(struct recite_buf *out, const char *t, size_t n, size_t clause, size_t b,
                         const struct gen_event_state *ctx)
{
    struct span prep = word_before(t, b);
    const char *head = head_noun(t, n, "parties");
    int rc = 0;
    /* the ten words before the list at most, without a fronted adverbial */
    size_t s = b, at_bracket = 0;
    for (int words = 0; s > clause && words < 10; words++) {
        /* "The Eastern Union (EWU) was signed by": a bracket is one word of its subject */
        size_t c = s;
        while (c > clause && t[c - 1] == ' ')
            c--;
        if (c > clause && t[c - 1] == ')' && word_is(t, prep.start, prep.end, "by") &&
            !at_bracket) {
            /* (a short form: one word, no phrase "(or CEMAC from its name in French)") */
            const char *open = NULL;
            for (size_t q = c - 1; q > clause && q + 14 > c && !open && t[q - 1] != ' '; q--)
                if (t[q - 1] == '(')
                    open = t + q - 1;
            if (!open)
                break;
            at_bracket = s;
            for (s = (size_t)(open - t); s > clause && t[s - 1] == ' ';)
                s--;
            continue;
        }
        struct span w = word_before(t, s);
        if (w.start == w.end)
            break;
        s = w.start;
        while (s > clause && t[s - 1] == ' ')
            s--;
    }
    while (s < b && (t[s] == ' ' || t[s] == ',' || t[s] == '*'))
        s++;
    /* ... when a subject begins there: "of the Force (EUROFOR) was made by" stops at it */
    if (at_bracket && !gen_is_upper(t[s]))
        for (s = at_bracket; s < b && (t[s] == ' ' || t[s] == ',');)
            s++;
    size_t we = alpha_end(t, s, b);
    const char *comma = memchr(t + s, ',', b - s);
    if (gen_word_in(t + s, we - s, w_fronting, false))
        for (s = comma ? (size_t)(comma - t) + 1 : b; s < b && t[s] == ' ';)
            s++;
    size_t first_end = alpha_end(t, s, b);
    /* ("the Persians, who in turn were replaced by A, B and C": no subject to name) */
    static const char *const relatives[] = {"who", "which", "that", "whom", NULL};
    bool subject_first = s < b && !verb_word(t, s, first_end) &&
                         !gen_word_in(t + s, first_end - s, w_pronouns, false) &&
                         !gen_word_in(t + s, first_end - s, relatives, false);
    /* "by which X was established": a passive with its subject, else no such clause */
    bool passive = false;
    size_t aux = s;
    for (size_t i = s; i < prep.start && !passive;) {
        size_t e = alpha_end(t, i, prep.start);
        passive = e > i && gen_word_in(t + i, e - i, w_passive_verbs, false);
        aux = i;
        i = e > i ? e : i + 1;
    }
    if (word_is(t, prep.start, prep.end, "by") && prep.start > s + 2 && subject_first && passive) {
        rc = gen_buf_adds(out, head);
        if (rc < 0)
            return rc;
        size_t e = trim_predicate(t, s, prep.start);
        int active = active_prompt(out, t, s, e, aux);
        if (active != 0)
            return active < 0 ? active : 0;
        rc = gen_buf_adds(out, " by which ");
        if (rc == 0 && e > s)
            rc = add_subject(out, t, s, e);
        return rc;
    }
    if (word_is(t, prep.start, prep.end, "between") || word_is(t, prep.start, prep.end, "among") ||
        disputed_over(t, prep)) {
        bool possessive;
        struct span np = noun_phrase_before(t, prep.start, &possessive);
        /* "an alliance concluded between A, B and C": the parties to the alliance */
        struct span tail = word_before(t, np.end);
        if (tail.start > np.start && verb_word(t, tail.start, tail.end))
            for (np.end = tail.start; np.end > np.start && t[np.end - 1] == ' ';)
                np.end--;
        /* "following months of mounting tensions between A, B and C": the tensions */
        static const char *const spans_of[] = {"months", "years", "decades", "weeks", "days",
                                               "centuries", NULL};
        for (size_t q = np.start; q + 4 < np.end; q++)
            if (memcmp(t + q, " of ", 4) == 0) {
                struct span w = word_before(t, q);
                if (bytes_in(t, w, spans_of))
                    np.start = q + 4;
            }
        struct span article = word_before(t, np.start);
        bool capital = bytes_in(t, article, w_capital_articles);
        if (capital || bytes_in(t, article, w_articles))
            np.start = article.start;
        if (usable_np(t, np)) {
            rc = gen_buf_adds(out, "parties to ");
            if (rc == 0 && capital) {
                rc = gen_buf_addc(out, gen_lower(t[np.start]));
                np.start++;
            }
            return rc == 0 ? add_clean(out, t + np.start, np.end - np.start) : rc;
        }
    }
    int done = clause_np_prompt(out, t, s, b, ctx);
    if (done != 0)
        return done < 0 ? done : 0;
    rc = gen_buf_adds(out, head);
    we = alpha_end(t, s, b);
    static const char *const not_subjects[] = {"These", "Those", "This", "Although", "Whether",
                                               "Once", "Its", "Their", "While", "When", "If",
                                               "Former", "Other", "Some", "All", "It",
                                               "They", "He", "She", "There", "Finally",
                                               "However", "Moreover", "Thus", "Also", "Then",
                                               NULL};
    /* "the agreement signed by A, B and C" is no reduced relative ("parties X signed by") */
    /* "NATO had also agreed that A and B would ...": the list is a clause's subject, no object */
    static const char *const complementizers[] = {"that", "whether", "if", "as", "than", NULL};
    bool subject = s < b && (gen_is_upper(t[s]) || gen_word_in(t + s, we - s, determiners, false)) &&
                   !gen_word_in(t + s, we - s, not_subjects, false) && has_verb(t, s, b) &&
                   !word_is(t, prep.start, prep.end, "by") && !bytes_in(t, prep, complementizers);
    if (rc == 0 && subject && we < b) {
        /* a reduced relative: "parties Panama has signed trade deals with" */
        rc = gen_buf_addc(out, ' ');
        return rc == 0 ? add_clean(out, t + s, b - s) : rc;
    }
    const char *heading = ctx && ctx->heading[0] ? ctx->heading : NULL;
    /* "is a member of A, B and C": the sentence's subject (or the topic) completes it */
    const char *agent = NULL;
    if (ctx && ctx->subject[0] && !ctx->chained)
        agent = ctx->subject;
    else if (ctx && ctx->topic[0] && !ctx->topic_from_heading)
        agent = ctx->topic;
    if (rc == 0 && s < b && agent && gen_is_lower(t[s]) && has_verb(t, s, b) &&
        !word_is(t, prep.start, prep.end, "by")) {
        rc = gen_buf_addc(out, ' ');
        if (rc == 0)
            rc = gen_buf_adds(out, agent);
        if (rc == 0)
            rc = gen_buf_addc(out, ' ');
        return rc == 0 ? add_clean(out, t + s, b - s) : rc;
    }
    /* a list under the heading "Parliamentary committees" is those committees */
    if (rc == 0 && s >= b && heading && plural_label(heading)) {
        out->len = 0;
        bool proper = gen_is_upper(heading[0]) && gen_is_upper(heading[1]);
        rc = gen_buf_addc(out, proper ? heading[0] : gen_lower(heading[0]));
        return rc == 0 ? gen_buf_adds(out, heading + 1) : rc;
    }
    if (rc == 0 && s < b) {
        rc = gen_buf_adds(out, " listed after \"");
        if (rc == 0)
            rc = add_clean(out, t + s, b - s);
        return rc == 0 ? gen_buf_adds(out, "\"") : rc;
    }
    if (rc == 0 && heading) {
        rc = gen_buf_adds(out, " listed under \"");
        if (rc == 0)
            rc = gen_buf_adds(out, heading);
        return rc == 0 ? gen_buf_adds(out, "\"") : rc;
    }
    return rc == 0 ? gen_buf_adds(out, " listed together") : rc;
}

/* Where the clause holding pos starts: after the last ; : . ( or dash before it. */
static size_t clause_start(const char *t, size_t pos)
{
    int depth = 0;
    for (size_t i = pos; i > 0; i--) {
        char c = t[i - 1];
        if (c == ')' || (c == '(' && depth > 0)) {
            depth += c == ')' ? 1 : -1;
            continue;
        }
        if (depth > 0)
            continue;
        if (c == ';' || c == ':' || c == '(' || (c == '.' && i < pos && t[i] == ' ' &&
                                                 !(i >= 3 && t[i - 3] == '.')))
            return i;
        if (i >= 3 && gen_dash_len(t + i - 3, t + i))
            return i;
    }
    return 0;
}

/*
 * The prompt, a noun phrase: the one that introduces the list ("Its members
 * are", "countries such as", "12 nations:"), else one built from the
 * predicate after it, else the clause it completes. Never the words of a
 * fronted adverbial ("In September of 1954").
 */
static char *make_prompt(const char *t, size_t n, size_t ls, size_t le,
                         const struct gen_sentence *s)
{
    struct recite_buf out = {0};
    size_t b = ls;
    while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '(' || t[b - 1] == '*'))
        b--;
    struct span article = word_before(t, b);
    if (article.end == b && (word_is(t, article.start, b, "The") || word_is(t, article.start, b, "the")))
        for (b = article.start; b > 0 && t[b - 1] == ' ';)
            b--;
    bool marked = ls > 0 && t[ls - 1] == '(';
    if (b > 0 && t[b - 1] == ':') {
        b--;
        marked = true;
    } else if (b >= 3 && gen_dash_len(t + b - 3, t + b)) {
        b -= 3;
        marked = true;
    } else if (b >= 2 && t[b - 1] == '-' && t[b - 2] == '-') {
        b -= 2;
        marked = true;
    }
    while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == ','))
        b--;
    size_t np_end = b;
    for (size_t k = 0; introducers[k] && !marked; k++)
        if (ends_with_phrase(t, b, introducers[k], &np_end)) {
            marked = true;
            while (np_end > 0 && (t[np_end - 1] == ' ' || t[np_end - 1] == ','))
                np_end--;
        }
    int rc = 0;
    /* "a union comprising A, B and C": the members of what the text is about */
    static const char *const composed[] = {"comprising", "consisting of", "composed of",
                                           "made up of", "consists of", "comprises", NULL};
    size_t at;
    for (size_t k = 0; composed[k]; k++) {
        if (!ends_with_phrase(t, b, composed[k], &at))
            continue;
        /* "the Nordic Defense Cooperation (NORDEFCO), which consists of A, B and C": what
           the relative pronoun stands for */
        size_t rel;
        struct span owner = {0, 0};
        if (ends_with_phrase(t, at, "which", &rel) || ends_with_phrase(t, at, "that", &rel)) {
            size_t e = rel;
            while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == ','))
                e--;
            if (e > 0 && t[e - 1] == ')') {
                const char *open = NULL;
                for (size_t q = e - 1; q > 0 && !open; q--)
                    if (t[q - 1] == '(')
                        open = t + q - 1;
                e = open ? (size_t)(open - t) : e;
                while (e > 0 && t[e - 1] == ' ')
                    e--;
            }
            size_t ns = parse_name_start(t, e);
            if (ns < e)
                owner = (struct span){ns, e};
        } else if (strcmp(composed[k], "consists of") == 0 ||
                   strcmp(composed[k], "comprises") == 0) {
            /* "the alliance consists of A, B and C": its subject */
            bool possessive;
            struct span np = noun_phrase_before(t, at, &possessive);
            struct span det = word_before(t, np.start);
            if (bytes_in(t, det, w_articles) || bytes_in(t, det, w_capital_articles))
                np.start = det.start;
            if (usable_np(t, np) && !possessive)
                owner = np;
        }
        if (owner.end > owner.start) {
            /* a group has members, anything else parts: "parts of PARLACEN's structure" */
            static const char *const groups[] = {
                "alliance", "union", "group", "council", "organization", "organisation",
                "commission", "community", "association", "bloc", "league", "coalition",
                "committee", "board", "forum", "partnership", "federation", "confederation",
                "assembly", "initiative", "pact", "club", "network", "cooperation",
                "co-operation", "dialogue", "grouping", "conference", NULL};
            struct span head = word_before(t, owner.end);
            bool group = gen_is_upper(t[head.start]) ||
                         gen_word_in(t + head.start, head.end - head.start, groups, true);
            rc = gen_buf_adds(&out, group ? "members of " : "parts of ");
            size_t at_owner = out.len;
            if (rc == 0)
                rc = add_clean(&out, t + owner.start, owner.end - owner.start);
            /* "The union comprises": the sentence's article in lower case ("members of the
               union") */
            const char *o = rc == 0 ? out.data + at_owner : "";
            if (!strncmp(o, "The ", 4) || !strncmp(o, "A ", 2) || !strncmp(o, "An ", 3))
                out.data[at_owner] = gen_lower(out.data[at_owner]);
            goto done;
        }
        if (topic_of(s)) {
            rc = gen_buf_adds(&out, "members of ");
            if (rc == 0)
                rc = gen_buf_adds(&out, topic_of(s));
            goto done;
        }
    }
    /* "its seven member nations Belgium, ...": a counted noun phrase in apposition */
    if (!marked) {
        bool possessive;
        struct span np = noun_phrase_before(t, b, &possessive);
        struct span lead = word_before(t, np.start);
        if (np.end == b && usable_np(t, np) && t[b - 1] == 's' &&
            count_word(t, lead.start, lead.end) >= 2)
            marked = true;
    }
    /* "the two autonomous provinces of A and B", "the Allied powers of A, B and C" */
    struct span of = word_before(t, b);
    if (!marked && of.end == b && word_is(t, of.start, of.end, "of")) {
        size_t oe = of.start;
        while (oe > 0 && t[oe - 1] == ' ')
            oe--;
        bool possessive;
        struct span np = noun_phrase_before(t, oe, &possessive);
        struct span lead = word_before(t, np.start);
        bool named = count_word(t, lead.start, lead.end) >= 2;
        for (size_t i = np.start; i < np.end && !named; i++)
            named = (i == np.start || t[i - 1] == ' ') && gen_is_upper(t[i]);
        if (np.end == oe && usable_np(t, np) && t[oe - 1] == 's' && named) {
            marked = true;
            np_end = oe;
        }
    }
    if (marked) {
        bool possessive;
        struct span np = noun_phrase_before(t, np_end, &possessive);
        if (usable_np(t, np)) {
            rc = np_prompt(&out, t, np, possessive, s);
            goto done;
        }
    }
    /* "the dispute among A, B and C lasted decades": the parties to the dispute, not a predicate */
    struct span prep = word_before(t, b);
    bool parties = word_is(t, prep.start, prep.end, "between") ||
                   word_is(t, prep.start, prep.end, "among") || disputed_over(t, prep);
    /* "admit A and B to NATO": the members admitted (to NATO) */
    if (!parties && prep.end == b && bytes_in(t, prep, admission)) {
        rc = gen_buf_adds(&out, gen_is_alpha(t[prep.start]) && gen_lower(t[prep.start]) == 'i'
                                    ? "members invited"
                                    : "members admitted");
        size_t a = le;
        while (a < n && t[a] == ' ')
            a++;
        size_t ae = alpha_end(t, a, n);
        if (rc == 0 && word_is(t, a, ae, "to")) {
            size_t pe = predicate_end(t, n, a);
            /* "to NATO and added ...": the destination ends at the next clause */
            for (size_t q = ae; q + 5 <= pe; q++)
                if (memcmp(t + q, " and ", 5) == 0 || memcmp(t + q, " as ", 4) == 0 ||
                    memcmp(t + q, " in ", 4) == 0) {
                    pe = q;
                    break;
                }
            pe = trim_predicate(t, a, pe);
            if (pe > ae) {
                rc = gen_buf_addc(&out, ' ');
                if (rc == 0)
                    rc = add_clean(&out, t + a, pe - a);
            }
        }
        goto done;
    }
    if (!parties && (rc = with_participle_prompt(&out, t, n, b, le)) != 0)
        goto done;
    /* "the NATO membership of A, B and C": the states that gained it ("the future
       membership of" is none yet) */
    size_t ms;
    struct span q = {0, 0};
    if (!parties && ends_with_phrase(t, b, "membership of", &ms))
        q = word_before(t, ms);
    if (q.end > q.start && gen_is_upper(t[q.start]) && !bytes_in(t, q, w_capital_articles)) {
        rc = gen_buf_adds(&out, "states that gained ");
        if (rc == 0)
            rc = add_clean(&out, t + q.start, q.end - q.start);
        if (rc == 0)
            rc = gen_buf_adds(&out, " membership");
        goto done;
    }
    if (!parties && (rc = predicate_prompt(&out, t, n, le)) != 0)
        goto done;
    rc = object_prompt(&out, t, n, clause_start(t, b), b, s->context);
done:
    if (rc < 0 || gen_buf_addc(&out, '\0') < 0) {
        free(out.data);
        return NULL;
    }
    return out.data;
}

/*
 * Trims what cannot open or close a prompt (spaces, punctuation, the tail
 * of a dash cut in two); false when nothing readable is left or the text is
 * not valid UTF-8: the list is then left out rather than drafted unusable.
 */
static bool tidy_prompt(char *p)
{
    size_t n = strlen(p), a = 0;
    while (a < n && (((unsigned char)p[a] & 0xC0) == 0x80 || strchr(" ,;:-()*\"'", p[a])))
        a++;
    if (a < n && gen_dash_len(p + a, p + n))
        a += gen_dash_len(p + a, p + n);
    while (a < n && p[a] == ' ')
        a++;
    a += gen_coordinator_len(p + a, n - a); /* "and observer states": from the clause before */
    while (n > a && strchr(" ,;:-(*\"'", p[n - 1]))
        n--;
    /* "known as the “Big Four.”": the sentence's period inside the closing quote */
    if (n - a > 4 && p[n - 4] == '.' && memcmp(p + n - 3, "\u201d", 3) == 0) {
        memmove(p + n - 4, p + n - 3, 3);
        n--;
    }
    /* "signatories of a mutual security treaty designed [to protect ...]": the
       participle that only led into a purpose is no part of the name */
    static const char *const purpose[] = {"designed", "intended", "meant", "aimed", NULL};
    size_t w = n;
    while (w > a && p[w - 1] != ' ')
        w--;
    if (w > a && gen_word_in(p + w, n - w, purpose, false))
        for (n = w; n > a && p[n - 1] == ' ';)
            n--;
    memmove(p, p + a, n - a);
    p[n - a] = '\0';
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)p;
    utf8proc_ssize_t left = (utf8proc_ssize_t)(n - a);
    bool letter = false;
    while (left > 0) {
        if (*u < 0x80) { /* ASCII: valid, and a letter (Lu or Ll) exactly when alphabetic */
            letter |= gen_is_alpha((char)*u);
            u++;
            left--;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u, left, &c);
        if (k <= 0)
            return false;
        utf8proc_category_t category = utf8proc_category(c);
        letter |= category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
        u += k;
        left -= k;
    }
    return letter;
}

/* Where " in " first stands in t[s, e), or e. */
static size_t in_at(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i + 4 < e; i++)
        if (memcmp(t + i, " in ", 4) == 0)
            return i;
    return e;
}


/* Heads of names an organisation gives its parts ("Division of ..."), plural and singular. */
static const char *const org_heads[][2] = {
    {"Divisions", "Division"},   {"Bureaus", "Bureau"},         {"Offices", "Office"},
    {"Departments", "Department"}, {"Ministries", "Ministry"},   {"Committees", "Committee"},
    {"Councils", "Council"},     {"Branches", "Branch"},        {"Directorates", "Directorate"},
    {"Commissions", "Commission"}, {"Agencies", "Agency"},       {"Secretaries", "Secretary"},
    {"Institutes", "Institute"}, {"Schools", "School"},
};

/* The org_heads[] row whose form (0 plural, 1 singular) opens m before " of ", or -1. */
static int org_head_with(const char *m, int form, const char *glue)
{
    size_t g = strlen(glue);
    for (size_t h = 0; h < sizeof(org_heads) / sizeof(org_heads[0]); h++) {
        if (m[0] != org_heads[h][form][0]) /* most members are ruled out by their first byte */
            continue;
        size_t n = strlen(org_heads[h][form]);
        if (strncmp(m, org_heads[h][form], n) == 0 && strncmp(m + n, glue, g) == 0)
            return (int)h;
    }
    return -1;
}

static int org_head(const char *m, int form)
{
    return org_head_with(m, form, " of ");
}

/* The last word of text: its start, its length in *n. */
static const char *last_word(const char *text, size_t *n)
{
    const char *w = strrchr(text, ' ');
    w = w ? w + 1 : text;
    *n = strlen(w);
    return w;
}

/* A capitalised word that qualifies a noun: "European", "Political", "Asian", "Eastern". */
static bool capital_adjective(const char *w, size_t n)
{
    static const char *const endings[] = {"an", "al", "ic", "ern", "ese", "ish", NULL};
    return n >= 4 && gen_is_upper(w[0]) && ends_in_any(w, n, 1, endings);
}

/* A capitalised plural noun that several such words share: "Affairs", "Relations". */
static bool shared_noun(const char *w, size_t n)
{
    return n >= 5 && gen_is_upper(w[0]) && w[n - 1] == 's' && !capital_adjective(w, n);
}

/*
 * "Bureaus of European, Near Eastern and South Asian, and African Affairs": the last
 * member's noun is every member's whose name ends in a word that qualifies it ("Bureau of
 * European Affairs"). Returns 0 or RECITE_ENOMEM.
 */
static int shared_last_word(char **members, size_t k)
{
    size_t nn, wn;
    const char *noun = k >= 2 ? last_word(members[k - 1], &nn) : NULL;
    if (!noun || noun == members[k - 1] || !shared_noun(noun, nn))
        return 0;
    const char *before = noun - 1;
    while (before > members[k - 1] && before[-1] != ' ')
        before--;
    if (!capital_adjective(before, (size_t)(noun - 1 - before)))
        return 0;
    for (size_t i = 0; i + 1 < k; i++) {
        const char *w = last_word(members[i], &wn);
        if (!capital_adjective(w, wn))
            return 0;
    }
    for (size_t i = 0; i + 1 < k; i++) {
        size_t n = strlen(members[i]) + 1 + nn + 1;
        char *named = malloc(n);
        if (!named)
            return RECITE_ENOMEM;
        snprintf(named, n, "%s %s", members[i], noun);
        free(members[i]);
        members[i] = named;
    }
    return 0;
}

/*
 * "Divisions of Investigations, Evaluations, and Physical Security": the
 * plural head is each member's ("Division of Evaluations"). Returns 0 or
 * RECITE_ENOMEM; members that open with a head of their own stay as they are.
 */
static int distribute_head(char **members, size_t k)
{
    /* states too, which are no bodies: "the Republics of Lithuania, Latvia, and Estonia" */
    static const char *const states[][2] = {{"Republics", "Republic"}, {"Kingdoms", "Kingdom"}};
    int h = k >= 2 ? org_head(members[0], 0) : -1;
    const char *const *head = h >= 0 ? org_heads[h] : NULL;
    for (size_t i = 0; k >= 2 && !head && i < sizeof(states) / sizeof(states[0]); i++)
        if (strncmp(members[0], states[i][0], strlen(states[i][0])) == 0 &&
            strncmp(members[0] + strlen(states[i][0]), " of ", 4) == 0)
            head = states[i];
    /* ("Ministries of Foreign Affairs of the Republic of A, B and C": the heads are longer
       than the word, and shared otherwise) */
    if (!head || strstr(members[0] + strlen(head[0]) + 4, " of "))
        return 0;
    const char *one = head[1];
    size_t plural = strlen(head[0]), single = strlen(one);
    memmove(members[0] + single, members[0] + plural, strlen(members[0] + plural) + 1);
    memcpy(members[0], one, single);
    for (size_t i = 1; i < k; i++) {
        if (org_head(members[i], 1) >= 0 || org_head(members[i], 0) >= 0 ||
            !strncmp(members[i], "the ", 4))
            continue;
        size_t n = single + 4 + strlen(members[i]) + 1;
        char *named = malloc(n);
        if (!named)
            return RECITE_ENOMEM;
        snprintf(named, n, "%s of %s", one, members[i]);
        free(members[i]);
        members[i] = named;
    }
    return shared_last_word(members, k);
}

/*
 * "Coordinating Ministry for Political, Legal, and Security Affairs": one name whose
 * noun ("Affairs") the words before it qualify, the first right after a body's "Ministry
 * for" or "Bureau of", the others a word each.
 */
static bool qualified_parts(char *const *members, size_t k)
{
    size_t n;
    const char *noun = last_word(members[k - 1], &n);
    if (noun == members[k - 1] || !shared_noun(noun, n))
        return false;
    const char *first = last_word(members[0], &n);
    size_t words = 1;
    for (const char *p = members[0]; *p; p++)
        words += *p == ' ';
    if (words < 3 || !capital_adjective(first, n) || first - members[0] < 5 ||
        (memcmp(first - 5, " for ", 5) != 0 && memcmp(first - 4, " of ", 4) != 0))
        return false;
    /* the name is a body's: "Ministry for", "Bureau of" (not "Kingdom of Jordan") */
    const char *prep = memcmp(first - 5, " for ", 5) == 0 ? first - 5 : first - 4;
    bool body = false;
    for (size_t h = 0; h < sizeof(org_heads) / sizeof(org_heads[0]) && !body; h++) {
        const char *at = strstr(members[0], org_heads[h][1]);
        body = at && at + strlen(org_heads[h][1]) == prep;
    }
    if (!body)
        return false;
    for (size_t i = 1; i + 1 < k; i++)
        if (strchr(members[i], ' ') || !capital_adjective(members[i], strlen(members[i])))
            return false;
    return true;
}

/*
 * "Bureau of Population, Refugees, and Migration (PRM)": a singular head
 * before the first item and the short form after the last make the items one
 * name, no list.
 */
static bool one_name(char *const *members, size_t k)
{
    /* ("Institute for Water, Environment and Health (UNU-INWEH)" too) */
    if (k < 2 || (org_head(members[0], 1) < 0 && org_head_with(members[0], 1, " for ") < 0) ||
        strchr(members[0], '('))
        return false;
    /* ("Bureau of African Affairs (AF), Bureau of ... (SCA)": each its own name) */
    for (size_t i = 1; i < k; i++)
        if (org_head(members[i], 1) >= 0 || (i + 1 < k && strchr(members[i], '(')))
            return false;
    const char *last = members[k - 1];
    size_t n = strlen(last);
    if (n < 4 || last[n - 1] != ')')
        return false;
    const char *open = strrchr(last, '(');
    return open && gen_is_upper(open[1]) && gen_is_upper(open[2]);
}

static int emit_list(const struct gen_sink *sink, const struct gen_sentence *s,
                     const struct item *items, size_t count, size_t end)
{
    const char *t = s->text;
    struct recite_gen_fact f = {0};
    char *members[MAX_ITEMS];
    size_t k = 0;
    int rc = 0;
    /* "Chile, Colombia, Mexico and Peru in Ghana": where, not part of the last name */
    struct item last = items[count - 1];
    bool inner_in = false;
    for (size_t i = 0; i + 1 < count; i++)
        inner_in |= in_at(t, items[i].start, items[i].end) < items[i].end;
    size_t in = in_at(t, last.start, last.end);
    if (count >= 3 && !inner_in && in < last.end && gen_is_upper(t[in + 4]))
        last.end = in;
    for (size_t i = 0; i < count; i++) {
        members[k] = item_text(t, i + 1 == count ? &last : &items[i]);
        if (!members[k]) {
            rc = RECITE_ENOMEM;
            break;
        }
        k++;
    }
    if (rc == 0)
        rc = distribute_head(members, k);
    f.kind = RECITE_GEN_SET;
    f.members = members;
    f.member_count = k;
    f.rule = "enumeration";
    if (rc == 0 && one_name(members, k))
        f.low = gen_one_name;
    else if (rc == 0 && k >= 2 && qualified_parts(members, k))
        f.low = gen_one_name_parts;
    f.prompt = make_prompt(t, s->len, items[0].start, end, s);
    /* "parties that were abolished" of three Divisions: "divisions that were abolished" */
    int head = k >= 2 ? org_head(members[0], 1) : -1;
    for (size_t i = 1; i < k && head >= 0; i++)
        if (org_head(members[i], 1) != head)
            head = -1;
    if (head >= 0 && f.prompt && strncmp(f.prompt, "parties ", 8) == 0) {
        const char *plural = org_heads[head][0];
        size_t n = strlen(plural) + strlen(f.prompt + 7) + 1;
        char *named = malloc(n);
        if (!named)
            rc = RECITE_ENOMEM;
        else {
            snprintf(named, n, "%c%s%s", gen_lower(plural[0]), plural + 1, f.prompt + 7);
            free(f.prompt);
            f.prompt = named;
        }
    }
    /* "parties The Bureau was reorganized into": the clause after the head, its article in
       lower case ("parties the Bureau was reorganized into") */
    if (f.prompt) {
        char *sp = strchr(f.prompt, ' ');
        if (sp && gen_is_lower(f.prompt[0]) &&
            (!strncmp(sp + 1, "The ", 4) || !strncmp(sp + 1, "A ", 2) ||
             !strncmp(sp + 1, "An ", 3)))
            sp[1] = gen_lower(sp[1]);
    }
    int stated = stated_count(t, items[0].start);
    if (stated > 0 && (size_t)stated != count)
        f.low = "the stated count differs from the items found";
    if (rc == 0 && f.prompt && tidy_prompt(f.prompt))
        rc = sink->add(sink->ctx, &f);
    else if (!f.prompt)
        rc = RECITE_ENOMEM;
    for (size_t i = 0; i < k; i++)
        free(members[i]);
    free(f.prompt);
    return rc;
}

/* "Belgian", "Chinese", "Swedish", "European", "Eastern": never the name of a member. */
static bool demonym(const char *w, size_t n)
{
    static const char *const endings[] = {"ian", "ese", "ish", "ean", "ern", "ic", NULL};
    return ends_in_any(w, n, 2, endings);
}

/* Words of an item, not counting a parenthesised acronym. */
static size_t item_words(const char *t, const struct item *it, struct span *last)
{
    size_t e = it->end;
    if (e > it->start && t[e - 1] == ')') {
        while (e > it->start && t[e - 1] != '(')
            e--;
        while (e > it->start && (t[e - 1] == '(' || t[e - 1] == ' '))
            e--;
    }
    *last = word_before(t, e);
    size_t words = 1;
    for (size_t i = it->start; i < e; i++)
        words += t[i] == ' ';
    return words;
}

/*
 * Words coordinated under one head noun are one name, not a list:
 * "the European Coal and Steel Community", "Science and Technology
 * Committee", "Australia, New Zealand and United States Security Treaty".
 */
static bool shares_head(const char *t, const struct item *items, size_t count)
{
    struct span last;
    size_t words = item_words(t, &items[count - 1], &last);
    if (words < 2 || !bytes_in(t, last, shared_heads))
        return false;
    for (size_t i = 0; i + 1 < count; i++) {
        struct span w;
        if (item_words(t, &items[i], &w) > words || bytes_in(t, w, shared_heads) ||
            is_acronym_item(t, &items[i]))
            return false;
    }
    return true;
}

/* Nouns of admission right before a pair: "membership for A and B". */
static const char *const admission_nouns[] = {"membership", "admission", "seats", NULL};
/* Verbs of founding right after a pair: "A and B formed a new federation". */
static const char *const founding[] = {"formed", "founded", "established", "created", NULL};

/*
 * Whether a pair "A and B" is a set by what frames it: a verb or noun of
 * admission before it, a verb of founding right after it, or "the two
 * <things> of" before it.
 */
static bool pair_cue(const char *t, size_t n, size_t start, size_t end)
{
    size_t b = start;
    if (b >= 4 && memcmp(t + b - 4, "the ", 4) == 0)
        b -= 4;
    struct span w = word_before(t, b);
    /* "admit A and B"; a pair "invited" may be guests ("invited A and B to dinner") */
    if (w.end > w.start && bytes_in(t, w, admission) && gen_lower(t[w.start]) == 'a')
        return true;
    if (w.end > w.start && (word_is(t, w.start, w.end, "for") || word_is(t, w.start, w.end, "to"))) {
        struct span noun = word_before(t, w.start);
        if (noun.end > noun.start && bytes_in(t, noun, admission_nouns))
            return true;
    }
    if (w.end > w.start && word_is(t, w.start, w.end, "of") && stated_count(t, start) == 2)
        return true;
    size_t a = end;
    while (a < n && t[a] == ' ')
        a++;
    size_t ae = alpha_end(t, a, n);
    return ae > a && gen_word_in(t + a, ae - a, founding, false);
}

/*
 * "United Nations Educational, Scientific and Cultural Organization (UNESCO)":
 * one name with commas, whose acronym at the end spells the capitals of all
 * the items together (the "and" between them aside).
 */
static bool spelled_by_acronym(const char *t, const struct item *items, size_t count)
{
    size_t e = items[count - 1].end;
    if (e < 3 || t[e - 1] != ')')
        return false;
    size_t open = e - 1;
    while (open > items[count - 1].start && t[open] != '(')
        open--;
    if (t[open] != '(')
        return false;
    char initials[32];
    size_t k = 0;
    for (size_t i = items[0].start; i < open && k < sizeof(initials); i++)
        if (gen_is_upper(t[i]) && (i == items[0].start || !gen_is_alnum(t[i - 1])))
            initials[k++] = t[i];
    size_t a = 0;
    for (size_t i = open + 1; i + 1 < e; i++)
        if (gen_is_upper(t[i])) {
            if (a >= k || t[i] != initials[a])
                return false;
            a++;
        }
    if (a < 3 || a != k)
        return false;
    /* ... and ends in a body's head ("... Cultural Organization"): "Canada, Australia, New
       Zealand and the UK (CANZUK)" are four names the acronym only gathers */
    struct span head = word_before(t, open);
    return head.end > head.start && bytes_in(t, head, shared_heads);
}

/* Whether a list of count items from the sequence is a set worth asking for. */
static bool acceptable(const char *t, size_t n, const struct item *items, size_t count,
                       size_t end, bool closed, bool or_list)
{
    bool adjective = false, all_adjectives = true, last_adjective = false;
    for (size_t i = 0; i < count; i++) {
        if (bad_item(t, &items[i], items, count))
            return false;
        size_t len = items[i].end - items[i].start;
        bool one_word = !memchr(t + items[i].start, ' ', len);
        /* "US, Canadian and German partners": the last item qualifies the plural after it */
        last_adjective = one_word && (adjective_ending(t + items[i].start, len) ||
                                      demonym(t + items[i].start, len));
        adjective |= adjective_ending(t + items[i].start, len) && one_word;
        all_adjectives &= one_word && demonym(t + items[i].start, len);
    }
    if (all_adjectives || name_and_offices(t, items, count))
        return false;
    if ((adjective || last_adjective) && modifies_noun(t, end, n, last_adjective))
        return false;
    if (plural_noun_after(t, end, n))
        return false;
    /* "the “Founding Act on Mutual Relations, Cooperation, and Security”": a quoted title,
       closed soon after the list (a quotation that goes on holds a list: "“A, B and C
       abandoned ...") */
    size_t q = items[0].start;
    bool straight = q > 0 && t[q - 1] == '"';
    if (straight || (q >= 3 && memcmp(t + q - 3, "\u201c", 3) == 0)) {
        size_t stop = end + 80 < n ? end + 80 : n;
        for (size_t i = end; i < stop; i++)
            if (straight ? t[i] == '"' : i + 3 <= n && memcmp(t + i, "\u201d", 3) == 0)
                return false;
    }
    if (shares_head(t, items, count))
        return false;
    if (spelled_by_acronym(t, items, count))
        return false;
    /* "Commission of Peace, Public Security and Human Rights": inside a longer name */
    struct span glue = word_before(t, items[0].start);
    if (glue.end > glue.start && (word_is(t, glue.start, glue.end, "of") ||
                                  word_is(t, glue.start, glue.end, "for"))) {
        struct span owner = word_before(t, glue.start);
        if (owner.end > owner.start && gen_is_upper(t[owner.start]))
            return false;
    }
    /* "the Southeast Asia Treaty Organization, or SEATO": one thing, two names */
    if (or_list && (is_acronym_item(t, &items[count - 1]) || (count == 2 && is_acronym_item(t, &items[0])) ||
                    has_acronym_word(t, &items[count - 1])))
        return false;
    if (closed)
        return count >= 3 || (count == 2 && !or_list &&
                              (has_membership_verb(t + end, n - end) ||
                               pair_cue(t, n, items[0].start, end)) &&
                              !(end + 1 < n && t[end + 1] == '('));
    /* a comma list without "and": only after a colon, running to the clause's end */
    size_t b = items[0].start;
    while (b > 0 && t[b - 1] == ' ')
        b--;
    size_t e = end;
    if (paren_date(t, e, n))
        e = paren_date(t, e, n);
    else if (paren_gloss(t, e, n))
        e = paren_gloss(t, e, n);
    while (e < n && (t[e] == ' ' || t[e] == '.'))
        e++;
    /* "16 states (...); A, B, ...": a reference entry states its count before a semicolon */
    bool introduced = b > 0 && (t[b - 1] == ':' ||
                                (t[b - 1] == ';' && stated_count(t, items[0].start) == (int)count));
    return count >= 3 && introduced && (e >= n || t[e] == ';');
}

/*
 * Whether the name at i is what a fronted adverbial is about: "During the
 * Cold War, the United States and ...", "At the Vladivostok Summit, Ford and
 * Brezhnev ...": a capitalised preposition opening the clause, an article,
 * and a name whose last word names an event or a time, before a comma.
 */
/* The last word of a name that names an event or a time: "the Cold War", "the Summit". */
static const char *const w_event_names[] = {
    "War", "Summit", "Conference", "Crisis", "Revolution", "Meeting", "Congress", "Talks", "Era",
    "Period", "Accords", "Olympics", "Games", "Session", "Assembly", "Uprising", "Invasion",
    "Depression", NULL};

static bool fronted_event(const char *t, size_t i, size_t n)
{
    const char *const *events = w_event_names;
    struct span article = word_before(t, i);
    /*
     * "During World War II, Roosevelt and ...", "From Egypt, Agent Hale ...": no article, after
     * a preposition that takes no clause ("As the United States, ... and X tested" lists them)
     */
    static const char *const np_only[] = {"In", "On", "At", "By", "During", "From", "Despite",
                                          "Under", "Throughout", "Amid", "Following", NULL};
    if (bytes_in(t, article, np_only)) {
        size_t b = article.start;
        while (b > 0 && t[b - 1] == ' ')
            b--;
        size_t e = parse_name(t, i, n);
        if (!(b == 0 || strchr(".;:\"(", t[b - 1])) || e <= i || e + 2 >= n || t[e] != ',')
            return false;
        /*
         * "In Poland, Hungary, East Germany and Czechoslovakia, regimes fell": the phrase's object
         * is the whole list, a comma after it; "At Yalta, Roosevelt, Churchill and Stalin made
         * ...": a verb after it, the list is the subject
         */
        size_t last = e;
        for (int names = 0; names < MAX_ITEMS && last < n; names++) {
            size_t next = last;
            if (t[next] == ',')
                next++;
            next += strspn(t + next, " ");
            if (next + 4 < n &&
                (memcmp(t + next, "and ", 4) == 0 || memcmp(t + next, "or ", 3) == 0))
                next += t[next] == 'a' ? 4 : 3;
            if (next + 4 < n && memcmp(t + next, "the ", 4) == 0)
                next += 4;
            size_t end = next < n && starts_upper(t, next, n) ? parse_name(t, next, n) : next;
            if (end <= next)
                break;
            last = end;
        }
        return !(last > e && last < n && t[last] == ',');
    }
    if (i + 4 < n && memcmp(t + i, "the ", 4) == 0)
        article = (struct span){i, i + 3};
    else if (!word_is(t, article.start, article.end, "the"))
        return false;
    struct span prep = word_before(t, article.start);
    if (prep.end <= prep.start || !bytes_in(t, prep, w_fronting))
        return false;
    size_t b = prep.start;
    while (b > 0 && t[b - 1] == ' ')
        b--;
    if (b > 0 && !strchr(".;:\"(", t[b - 1]) && !(b >= 3 && gen_dash_len(t + b - 3, t + b)))
        return false;
    size_t e = parse_name(t, i, n);
    if (e <= i || e >= n || t[e] != ',')
        return false;
    struct span last = word_before(t, e);
    return bytes_in(t, last, events);
}

/*
 * Whether the name at i ends a fronted adverbial as the object of a
 * preposition inside it: "After the demise of Communist regimes in Eastern
 * Europe, the Baltic States and ...", "In the wake of the war in Europe,
 * France, Britain and Italy ...". The clause opens with a capitalised
 * preposition, no comma comes before the name, a lowercase preposition
 * (and an article) stands right before it, and a comma right after.
 */
/* strchr(".;:\"(", c), as the backward scan below asks it of every byte (NUL included). */
static bool clause_mark(char c)
{
    return c == '.' || c == ';' || c == ':' || c == '"' || c == '(' || c == '\0';
}

static bool fronted_object(const char *t, size_t i, size_t n)
{
    static const char *const inner[] = {"in", "of", "from", "at", "on", "across", "throughout",
                                         "within", "between", "among", "over", "into", "during",
                                         "after", "before", "since", "until", "under", "against",
                                         "with", "for", "to", "by", "around", "near", NULL};
    size_t e = parse_name(t, i, n);
    if (e <= i || e + 1 >= n || t[e] != ',' || t[e + 1] != ' ')
        return false;
    size_t start = i;
    while (start > 0 && !clause_mark(t[start - 1])) {
        if (t[start - 1] == ',')
            return false;
        start--;
    }
    while (start < i && t[start] == ' ')
        start++;
    size_t first_end = alpha_end(t, start, n);
    if (first_end <= start || !bytes_in(t, (struct span){start, first_end}, w_fronting))
        return false;
    struct span before = word_before(t, i);
    if (word_is(t, before.start, before.end, "the")) /* "... in the Baltic" at i = "Baltic" */
        before = word_before(t, before.start);
    /* "At the November 1974 Vladivostok Summit, Ford and ...": what the phrase is about */
    struct span last = word_before(t, e);
    bool event = bytes_in(t, last, w_event_names);
    if (!event &&
        !(before.end > before.start && before.start > first_end && bytes_in(t, before, inner)))
        return false;
    /*
     * "the banks of Holland, France, and Germany": names that go on to a
     * serial comma ("..., and X") keep the first in the list.
     */
    for (int names = 0; names < MAX_ITEMS && e + 2 < n && t[e] == ',' && t[e + 1] == ' ';
         names++) {
        size_t next = e + 2;
        if (next + 4 < n && memcmp(t + next, "the ", 4) == 0)
            next += 4;
        if (next + 4 < n && (memcmp(t + next, "and ", 4) == 0 || memcmp(t + next, "or ", 3) == 0))
            return false;
        size_t next_end = parse_name(t, next, n);
        if (next_end <= next)
            break;
        e = next_end;
    }
    return true;
}

/* Whether text holds " are ", " were ", " includ" or " compris", as counted lists name theirs. */
static bool names_by_verb(const char *t, size_t n)
{
    static const struct {
        const char *w;
        size_t len;
    } verbs[] = {{"are ", 4}, {"were ", 5}, {"includ", 6}, {"compris", 7}};
    for (const char *p = memchr(t, ' ', n); p && p + 1 < t + n;
         p = memchr(p + 1, ' ', (size_t)(t + n - p - 1))) {
        size_t left = (size_t)(t + n - p - 1);
        for (size_t k = 0; k < sizeof(verbs) / sizeof(verbs[0]); k++)
            if (p[1] == verbs[k].w[0] && left >= verbs[k].len &&
                memcmp(p + 1, verbs[k].w, verbs[k].len) == 0)
                return true;
    }
    return false;
}

/*
 * "The four areas of cooperation are tourism, culture, education, and transportation.",
 * "It works in three fields: health, water and energy": a list of things no capital
 * marks, which the sentence itself counts. Read only when its first number names them
 * with a plural noun phrase before "are", "were", "include" or a colon, and exactly that
 * many items of one to four lowercase words follow, the last after "and", up to the
 * sentence's end. The prompt is that noun phrase.
 */
static int counted_common_list(const struct gen_sink *sink, const struct gen_sentence *s)
{
    const char *t = s->text;
    size_t n = s->len;
    /* most sentences have neither a colon nor a verb the rule reads: no list of this kind */
    if (!memchr(t, ':', n) && !names_by_verb(t, n))
        return 0;
    while (n > 0 && (t[n - 1] == '.' || gen_is_space(t[n - 1])))
        n--;
    /* the count: the first number word of the sentence, as a word of its own */
    size_t i = 0, e = 0;
    int stated = -1;
    for (; i < n; i = e) {
        while (i < n && !gen_is_alnum(t[i]))
            i++;
        e = i;
        while (e < n && gen_is_alnum(t[e]))
            e++;
        if (e == i)
            return 0;
        if ((i == 0 || t[i - 1] == ' ') && (stated = count_word(t, i, e)) >= 0)
            break;
    }
    if (stated < 2 || stated > MAX_ITEMS || e >= n || t[e] != ' ')
        return 0;
    /* the noun phrase: up to six words before the verb or colon */
    static const char *const verbs[] = {"are", "were", "include", "included", "comprise",
                                        "comprised", NULL};
    size_t np = e + 1, np_end = 0, p = np;
    for (int words = 0; words < 7 && p < n; words++) {
        size_t we = word_end(t, p, n);
        if (we == p)
            return 0;
        if (gen_word_in(t + p, we - p, verbs, false)) {
            np_end = p - 1;
            p = we + 1;
            break;
        }
        if (we < n && t[we] == ':') {
            np_end = we;
            p = we + 2;
            break;
        }
        if (we >= n || t[we] != ' ')
            return 0;
        p = we + 1;
    }
    /* a plural head: the phrase's first word ("areas of cooperation") or its last */
    size_t head_end = word_end(t, np, n);
    if (!np_end || np_end <= np || p >= n ||
        (gen_lower(t[head_end - 1]) != 's' && gen_lower(t[np_end - 1]) != 's'))
        return 0;
    struct item items[MAX_ITEMS];
    size_t count = 0;
    bool last = false;
    while (p < n && count < MAX_ITEMS) {
        if (n - p > 4 && memcmp(t + p, "and ", 4) == 0) {
            if (count == 0 || last)
                return 0;
            last = true;
            p += 4;
        }
        size_t start = p;
        int words = 0;
        for (;;) {
            size_t we = word_end(t, p, n);
            /* ("the employees', teachers', and services' unions": possessives, not items) */
            if (we == p || !gen_is_lower(t[p]) || ++words > 4 || t[we - 1] == '\'')
                return 0;
            p = we;
            if (p >= n || t[p] == ',')
                break;
            if (t[p] != ' ' || (n - p > 5 && memcmp(t + p, " and ", 5) == 0))
                break;
            p++;
        }
        items[count++] = (struct item){start, p, false};
        if (p >= n)
            break;
        if (t[p] == ',')
            p++;
        while (p < n && t[p] == ' ')
            p++;
    }
    if (!last || p < n || count != (size_t)stated)
        return 0;
    char *members[MAX_ITEMS];
    size_t k = 0;
    int rc = 0;
    for (; k < count; k++)
        if (!(members[k] = item_text(t, &items[k]))) {
            rc = RECITE_ENOMEM;
            break;
        }
    /* "It works in three fields:": the clause before the count says whose ("fields in which
       it works"); a clause with a comma, or a long one, is left out and the phrase stands alone */
    size_t before = i;
    while (before > 0 && t[before - 1] == ' ')
        before--;
    static const char *const lead[] = {"The", "Its", "Their", NULL};
    bool said = before > 0 && !memchr(t, ',', before) && !gen_word_in(t, before, lead, false);
    for (size_t c = 0, words = 1; said && c < before; c++)
        said = t[c] != ' ' || ++words <= 8;
    /* "is considered in the three types": the article or possessive goes with the count */
    static const char *const determiners_before[] = {"the", "its", "their", NULL};
    size_t det = before;
    while (det > 0 && t[det - 1] != ' ')
        det--;
    if (said && det > 0 && gen_word_in(t + det, before - det, determiners_before, false)) {
        before = det - 1;
        said = before > 0;
    }
    /* a clause ending in a preposition takes it before "which": "fields in which it works" */
    static const char *const preps[] = {"in", "on", "to", "for", "with", "at", "from", "into",
                                        "across", "among", "between", "under", "over", "around",
                                        "through", "within", "by", NULL};
    size_t prep = before;
    while (prep > 0 && t[prep - 1] != ' ')
        prep--;
    bool moved = said && prep > 0 && gen_word_in(t + prep, before - prep, preps, false);
    struct recite_buf text = {0};
    char *prompt = NULL;
    int brc = gen_buf_add(&text, t + np, np_end - np);
    size_t clause_at = 0;
    if (brc == 0 && moved) {
        brc = gen_buf_addc(&text, ' ');
        brc = brc ? brc : gen_buf_add(&text, t + prep, before - prep);
        brc = brc ? brc : gen_buf_add(&text, " which ", 7);
        clause_at = text.len;
        brc = brc ? brc : gen_buf_add(&text, t, prep - 1);
    } else if (brc == 0 && said) {
        brc = gen_buf_add(&text, " that ", 6);
        clause_at = text.len;
        brc = brc ? brc : gen_buf_add(&text, t, before);
    } else if (brc == 0 && before > 0 && (gen_word_eq(t, before, "Its", false) ||
                                          gen_word_eq(t, before, "Their", false))) {
        /* "Its three pillars were": whose, when the text says ("pillars of the union") */
        const char *topic = topic_of(s);
        if (topic) {
            brc = gen_buf_add(&text, " of ", 4);
            brc = brc ? brc : gen_buf_add(&text, topic, strlen(topic));
        }
    }
    if (rc == 0 && brc == 0 && gen_buf_addc(&text, '\0') == 0) {
        /* "fields in which It works": the clause's first word in lower case, unless a name's */
        static const char *const openers[] = {"The", "A", "An", "It", "Its", "They", "Their",
                                              "This", "These", NULL};
        char *c = clause_at ? text.data + clause_at : NULL;
        if (c && gen_word_in(c, strcspn(c, " "), openers, false))
            c[0] = gen_lower(c[0]);
        prompt = gen_clean_copy(text.data, text.len - 1);
    }
    free(text.data);
    if (rc == 0 && !prompt)
        rc = RECITE_ENOMEM;
    if (rc == 0) {
        struct recite_gen_fact f = {0};
        f.kind = RECITE_GEN_SET;
        f.members = members;
        f.member_count = k;
        f.rule = "counted enumeration";
        f.prompt = prompt;
        rc = sink->add(sink->ctx, &f);
    }
    for (size_t j = 0; j < k; j++)
        free(members[j]);
    free(prompt);
    return rc;
}

int gen_lists(const struct gen_sink *sink, const struct gen_sentence *s)
{
    const char *t = s->text;
    size_t n = s->len;
    struct item items[MAX_ITEMS];
    enum sep seps[MAX_ITEMS];
    for (size_t i = 0; i < n; i++) {
        bool boundary = i == 0 || !(gen_is_word_byte(t + i - 1, t + n) || t[i - 1] == '-' ||
                                    t[i - 1] == '.' || t[i - 1] == '\'');
        if (!boundary || !(starts_upper(t, i, n) || (t[i] == 't' && i + 4 < n &&
                                                     memcmp(t + i, "the ", 4) == 0)))
            continue;
        if (fronted_event(t, i, n) || fronted_object(t, i, n)) {
            i = parse_name(t, i, n);
            continue;
        }
        /* "Currently, Canada, the Holy See and Japan ...": the adverb starts no list */
        size_t we = alpha_end(t, i, n);
        if (we - i >= 7 && t[we - 1] == 'y' && t[we - 2] == 'l' && we < n && t[we] == ',') {
            i = we;
            continue;
        }
        size_t end = 0;
        bool or_list, closed = false, etc;
        size_t count = parse_sequence(items, seps, &or_list, &etc, &end, t, i, n);
        if (count >= 2)
            count = merge_inner_and(items, seps, count, t, &closed);
        closed |= etc && count >= 3;
        if (count >= 2 && acceptable(t, n, items, count, end, closed, or_list)) {
            int rc = emit_list(sink, s, items, count, end);
            if (rc < 0)
                return rc;
            i = end;
            continue;
        }
        if (count >= 2) {
            i = end;
            continue;
        }
        /* skip the rest of this name (the first item read) so no list starts in its middle */
        size_t e = count == 1 ? items[0].end : 0;
        if (e > i)
            i = e;
    }
    return counted_common_list(sink, s);
}
