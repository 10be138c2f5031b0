/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * How a set's prompt becomes a sentence. The prompt is a plural noun phrase
 * ("founding signatories of the North Atlantic Treaty (1949)", "NATO's core
 * tasks"); each template puts it after "the" or its own possessive, with the
 * member count where it asks for all of them. A prompt written as authors
 * often write it ("the twelve founding signatories…") still reads right:
 * the article and a count are taken off, and `recite bank lint` advises.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_internal.h"

static const char *const count_words[] = {
    "zero",   "one",     "two",     "three",     "four",     "five",    "six",
    "seven",  "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
};

/* Case-insensitive: does text start with word followed by a space? */
static size_t starts_with_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++)
        if ((text[i] | 0x20) != word[i])
            return 0;
    return text[n] == ' ' ? n + 1 : 0;
}

/* A count at the start of text ("12 ", "twelve "): its value and length; -1 when none. */
static long leading_count(const char *text, size_t *len)
{
    size_t digits = strspn(text, "0123456789");
    if (digits > 0 && digits < 6 && text[digits] == ' ') {
        *len = digits + 1;
        return strtol(text, NULL, 10);
    }
    for (size_t i = 2; i < sizeof(count_words) / sizeof(count_words[0]); i++) {
        if ((*len = starts_with_word(text, count_words[i])) > 0)
            return (long)i;
    }
    return -1;
}

/* Does the first word end in a possessive ('s, ’s, s')? Its length with the space, else 0. */
static size_t leading_possessive(const char *text)
{
    size_t word = strcspn(text, " ");
    if (text[word] != ' ' || word < 3)
        return 0;
    const char *end = text + word;
    if ((end[-2] == '\'' && (end[-1] | 0x20) == 's') || (end[-1] == '\'' && end[-2] == 's') ||
        (word >= 4 && memcmp(end - 4, "\xe2\x80\x99s", 4) == 0))
        return word + 1;
    return 0;
}

void set_phrase_read(struct set_phrase *out, const char *prompt)
{
    memset(out, 0, sizeof(*out));
    const char *p = prompt ? prompt : "";
    p += strspn(p, " ");
    size_t n;
    if ((n = starts_with_word(p, "the")) || (n = starts_with_word(p, "a")) ||
        (n = starts_with_word(p, "an"))) {
        out->had_article = true;
        p += n;
    }
    if ((n = leading_possessive(p)) > 0) {
        out->possessive = p;
        out->possessive_len = n - 1;
        p += n;
    }
    out->stated_count = leading_count(p, &n);
    if (out->stated_count >= 0)
        p += n;
    out->noun = p;
    out->noun_len = strlen(p);
    while (out->noun_len > 0 && strchr(" .;:", p[out->noun_len - 1]))
        out->noun_len--;
}

/* "the" or the prompt's own possessive, then the noun phrase, into buf. */
static void determined(char *buf, size_t size, const struct set_phrase *ph, const char *count)
{
    if (ph->possessive)
        snprintf(buf, size, "%.*s %s%s%.*s", (int)ph->possessive_len, ph->possessive, count,
                 count[0] ? " " : "", (int)ph->noun_len, ph->noun);
    else
        snprintf(buf, size, "the %s%s%.*s", count, count[0] ? " " : "", (int)ph->noun_len,
                 ph->noun);
}

void set_phrase_all(char *buf, size_t size, const struct set_phrase *ph, size_t members)
{
    char count[24];
    if (members < sizeof(count_words) / sizeof(count_words[0]))
        snprintf(count, sizeof(count), "%s", count_words[members]);
    else
        snprintf(count, sizeof(count), "%zu", members);
    determined(buf, size, ph, count);
}

void set_phrase_one_of(char *buf, size_t size, const struct set_phrase *ph)
{
    determined(buf, size, ph, "");
}

/* Does text end with word (case-sensitive, as names are written)? */
static bool ends_with_word(const char *text, const char *word)
{
    size_t n = strlen(text), k = strlen(word);
    return n > k && text[n - k - 1] == ' ' && strcmp(text + n - k, word) == 0;
}

/*
 * "the " when a name is said with the definite article in running English
 * (the Soviet Union, the Netherlands, the European Union, the Balkans),
 * else "". Names already starting with "the" and acronyms take none.
 */
const char *name_article(const char *name)
{
    static const char *const heads[] = {"United ", "Soviet ", "Republic of ", "Kingdom of ",
                                        "Federal Republic ", "People's Republic ", "Democratic ",
                                        "Russian Federation", "Holy See", "Vatican"};
    static const char *const tails[] = {
        "Union",    "Republic",   "Kingdom",      "States",    "Emirates",  "Islands",
        "Sea",      "Ocean",      "Council",      "Organization", "Organisation", "Alliance",
        "Assembly", "Initiative", "Dialogue",     "Treaty",    "Agreement", "Partnership",
        "Programme", "Program",   "Plan",         "Force",     "Centre",    "Center",
        "Committee", "Commission", "Community",   "Pact",      "Doctrine",  "Strategy",
        "Capability", "Concept",  "Declaration",  "Summit",    "Forum",     "Agency",
        "Command",  "Headquarters", "Conference", "Nations",   "Group",     "Mission",
    };
    static const char *const plural_names[] = {"Netherlands", "Balkans", "Baltics", "Philippines",
                                               "Bahamas",     "Maldives", "Americas", "Gambia"};
    if (!name || !name[0] || starts_with_word(name, "the"))
        return "";
    for (size_t i = 0; i < sizeof(plural_names) / sizeof(plural_names[0]); i++)
        if (strcmp(name, plural_names[i]) == 0)
            return "the ";
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
        if (strncmp(name, heads[i], strlen(heads[i])) == 0)
            return "the ";
    for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
        if (ends_with_word(name, tails[i]))
            return "the ";
    return "";
}

/* ---- advice for authors (recite bank lint) ---- */

static const char *const question_words[] = {"which", "what", "who", "name", "list", "give",
                                             "how", "when", "where", "state"};

int set_prompt_advice(char *buf, size_t size, const char *prompt, size_t members)
{
    struct set_phrase ph;
    set_phrase_read(&ph, prompt);
    const char *p = prompt + strspn(prompt, " ");
    size_t n = strlen(p);
    for (size_t i = 0; i < sizeof(question_words) / sizeof(question_words[0]); i++) {
        if (starts_with_word(p, question_words[i]) || (n && (p[n - 1] == '?'))) {
            snprintf(buf, size,
                     "prompt reads as a question or an instruction; write the noun phrase "
                     "naming the members (\"countries that joined NATO in 1952\"): recite "
                     "builds the questions around it");
            return 1;
        }
    }
    if (ph.had_article) {
        snprintf(buf, size,
                 "prompt starts with an article; leave it out (recite writes \"Name the …\", "
                 "\"one of the …\")");
        return 1;
    }
    if (ph.stated_count >= 0 && (size_t)ph.stated_count == members) {
        snprintf(buf, size,
                 "prompt states the member count; leave it out (recite counts the members)");
        return 1;
    }
    if (ph.stated_count >= 0) {
        snprintf(buf, size, "prompt says %ld but the set has %zu members", ph.stated_count,
                 members);
        return 1;
    }
    if (n && p[n - 1] == '.') {
        snprintf(buf, size, "prompt ends with a full stop; write a noun phrase, not a sentence");
        return 1;
    }
    return 0;
}

static int diag_add(struct recite_diags *out, unsigned line, unsigned col, const char *msg)
{
    struct recite_diag *grown = realloc(out->items, (out->count + 1) * sizeof(*grown));
    if (!grown)
        return RECITE_ENOMEM;
    out->items = grown;
    char *copy = recite_strdup(msg);
    if (!copy)
        return RECITE_ENOMEM;
    out->items[out->count++] = (struct recite_diag){line, col, copy};
    return 0;
}

int recite_bank_advise(const struct recite_bank *bank, struct recite_diags *out,
                       struct recite_error *err)
{
    for (size_t i = 0; i < bank->fact_count; i++) {
        const struct recite_fact *fact = &bank->facts[i];
        const struct recite_field *prompt = recite_fact_field(fact, "prompt");
        if (fact->kind != RECITE_FACT_SET || !prompt)
            continue;
        char msg[512];
        if (set_prompt_advice(msg, sizeof(msg), prompt->alts[0], recite_fact_count(fact, "member")) &&
            diag_add(out, prompt->line, prompt->col, msg) < 0)
            return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    return 0;
}
