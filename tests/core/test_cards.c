/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Every card of every bank in banks/ and tests/data/banks/, built at many
 * seeds, read as a teacher would: wording (no doubled article, no count
 * said twice, no possessive after "the"), distractors of the set's member
 * type, no option twice and no second right answer; and acronym choices
 * whose options fit the acronym as the answer does.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recite.h"

#define SEEDS 24

static size_t problems;

static void problem(const char *bank, const struct recite_card *card, uint64_t seed,
                    const char *what, const char *text)
{
    if (problems++ < 40)
        printf("%s %s/%s seed %llu: %s: %s\n", bank, card->fact_key, card->template_name,
               (unsigned long long)seed, what, text);
}

/* Normalised for comparing names; "" when it cannot be. Caller frees. */
static char *norm(const char *text)
{
    char *out = NULL;
    if (recite_answer_normalize(&out, text, NULL) < 0)
        return recite_strdup("");
    return out;
}

static bool same_name(const char *a, const char *b)
{
    char *x = norm(a), *y = norm(b);
    bool same = strcmp(x, y) == 0;
    free(x);
    free(y);
    return same;
}

/* Is name one of the values (any spelling) of field `field` of set? */
static bool set_lists(const struct recite_fact *set, const char *field, const char *name)
{
    for (size_t i = 0; i < set->field_count; i++) {
        if (strcmp(set->fields[i].name, field) != 0)
            continue;
        for (size_t k = 0; k < set->fields[i].alt_count; k++)
            if (same_name(set->fields[i].alts[k], name))
                return true;
    }
    return false;
}

static bool shares_member(const struct recite_fact *a, const struct recite_fact *b)
{
    for (size_t i = 0; i < b->field_count; i++)
        if (strcmp(b->fields[i].name, "member") == 0 &&
            set_lists(a, "member", b->fields[i].alts[0]))
            return true;
    return false;
}

/*
 * Is name of set's member type? A named non-member of set is; so is a
 * member of another set of the same declared type, or, where either has no
 * type, of a set that shares a member with it.
 */
static bool of_member_type(const struct recite_bank *bank, const struct recite_fact *set,
                           const char *name)
{
    if (set_lists(set, "nonmember", name))
        return true;
    const char *type = recite_fact_get(set, "type");
    for (size_t i = 0; i < bank->fact_count; i++) {
        const struct recite_fact *other = &bank->facts[i];
        if (other == set || other->kind != RECITE_FACT_SET || !set_lists(other, "member", name))
            continue;
        const char *other_type = recite_fact_get(other, "type");
        if (type && other_type ? strcmp(type, other_type) == 0 : shares_member(set, other))
            return true;
    }
    return false;
}

static const char *const count_words[] = {"two",   "three", "four", "five",   "six",
                                          "seven", "eight", "nine", "ten",    "eleven",
                                          "twelve"};

static bool is_count(const char *w, size_t n)
{
    if (n > 0 && strspn(w, "0123456789") == n)
        return true;
    for (size_t i = 0; i < sizeof(count_words) / sizeof(count_words[0]); i++)
        if (strlen(count_words[i]) == n && strncasecmp(w, count_words[i], n) == 0)
            return true;
    return false;
}

/* The wording rules a prompt must keep; the first one broken, or NULL. */
static const char *wording_fault(const char *prompt)
{
    static const char *const doubled[] = {" the the ", " a a ", " an an ", " the a ", " a the ",
                                          " of of ",  " one of one of "};
    char padded[2048];
    const char *original = prompt; /* the case the lower-cased copy lost */
    snprintf(padded, sizeof(padded), " %s ", prompt);
    for (char *p = padded; *p; p++)
        *p = (char)((*p >= 'A' && *p <= 'Z') ? *p | 0x20 : *p);
    for (size_t i = 0; i < sizeof(doubled) / sizeof(doubled[0]); i++)
        if (strstr(padded, doubled[i]))
            return "a doubled article or word";
    const char *prev = NULL;
    size_t prev_n = 0, since_count = 99;
    for (const char *p = padded; *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        /* "12 twelve", "12 the twelve": one count, said twice */
        if (is_count(p, n)) {
            if (since_count <= 2)
                return "a count said twice";
            since_count = 0;
        }
        since_count++;
        /* "the NATO's core tasks": a name that takes no article, given one */
        size_t stem = n > 2 && strncmp(p + n - 2, "'s", 2) == 0                       ? n - 2
                      : n > 4 && strncmp(p + n - 4, "\xe2\x80\x99s", 4) == 0 ? n - 4
                                                                                   : 0;
        bool acronym = stem >= 2;
        for (size_t i = 0; i < stem; i++)
            acronym = acronym && original[p - padded - 1 + i] >= 'A' &&
                      original[p - padded - 1 + i] <= 'Z';
        if (stem && acronym && prev && prev_n == 3 && strncmp(prev, "the", 3) == 0)
            return "a possessive after \"the\"";
        prev = p;
        prev_n = n;
        p += n;
    }
    return NULL;
}

/* The subject of "True or false: X is one of ...", without a leading "the". */
static bool truefalse_subject(char *out, size_t size, const char *prompt)
{
    const char *p = strstr(prompt, "True or false: ");
    const char *end = p ? strstr(p, " is one of ") : NULL;
    if (!p || !end)
        return false;
    p += strlen("True or false: ");
    if (strncmp(p, "the ", 4) == 0 && end - p > 4)
        p += 4;
    snprintf(out, size, "%.*s", (int)(end - p), p);
    return true;
}

static void check_set_card(const char *name, const struct recite_bank *bank,
                           const struct recite_fact *set, const struct recite_card *card,
                           uint64_t seed)
{
    if (card->answer_kind == RECITE_ANSWER_CHOICE) {
        for (size_t i = 0; i < card->option_count; i++) {
            bool member = set_lists(set, "member", card->options[i]);
            if (i == card->correct && !member)
                problem(name, card, seed, "the right option is no member", card->options[i]);
            if (i != card->correct && member)
                problem(name, card, seed, "a second right answer", card->options[i]);
            if (i != card->correct && !of_member_type(bank, set, card->options[i]))
                problem(name, card, seed, "an option of another type", card->options[i]);
        }
    } else if (card->answer_kind == RECITE_ANSWER_TRUEFALSE) {
        char subject[512];
        if (!truefalse_subject(subject, sizeof(subject), card->prompt))
            problem(name, card, seed, "no subject", card->prompt);
        else if (card->truth != set_lists(set, "member", subject))
            problem(name, card, seed, "a statement with the wrong truth", card->prompt);
        else if (!card->truth && !of_member_type(bank, set, subject))
            problem(name, card, seed, "a subject of another type", subject);
    }
}

static void check_card(const char *name, const struct recite_bank *bank,
                       const struct recite_card *card, uint64_t seed)
{
    const char *fault = wording_fault(card->prompt);
    if (!fault && card->typed_prompt)
        fault = wording_fault(card->typed_prompt);
    if (fault)
        problem(name, card, seed, fault, card->prompt);
    for (size_t i = 0; i < card->option_count; i++)
        for (size_t k = i + 1; k < card->option_count; k++)
            if (same_name(card->options[i], card->options[k]))
                problem(name, card, seed, "an option twice", card->options[i]);
    if (card->answer_kind == RECITE_ANSWER_CHOICE && card->fact_kind != RECITE_FACT_SET) {
        /* no distractor is a spelling of the answer */
        for (size_t i = 0; i < card->option_count; i++)
            for (size_t k = 0; i != card->correct && k < card->accepted_count; k++)
                if (same_name(card->options[i], card->accepted[k]))
                    problem(name, card, seed, "a second right answer", card->options[i]);
    }
    const struct recite_fact *fact = recite_bank_find_fact(bank, card->fact_key);
    if (fact && fact->kind == RECITE_FACT_SET)
        check_set_card(name, bank, fact, card, seed);
}

/* The letters of an acronym, upper case ("PfP" -> "PFP", "3SAS" -> "SAS"). */
static void acronym_letters(char *out, size_t size, const char *acronym)
{
    size_t n = 0;
    for (const char *p = acronym; *p && n + 1 < size; p++)
        if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')
            out[n++] = (char)(*p & ~0x20);
    out[n] = '\0';
}

/* Do the option's initials, with or without its small words, spell the acronym? */
static bool fits_initials(const char *option, const char *letters)
{
    static const char *const small[] = {"of", "and", "for", "the", "in", "on", "to", "a", "an"};
    char all[64], content[64];
    size_t na = 0, nc = 0;
    for (const char *p = option; *p;) {
        p += strspn(p, " -");
        size_t n = strcspn(p, " -");
        if (n == 0 || na + 2 >= sizeof(all))
            break;
        if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') {
            bool is_small = false;
            for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++)
                is_small = is_small || (strlen(small[i]) == n && strncasecmp(p, small[i], n) == 0);
            all[na++] = (char)(*p & ~0x20);
            if (!is_small)
                content[nc++] = (char)(*p & ~0x20);
        }
        p += n;
    }
    all[na] = content[nc] = '\0';
    return strcmp(all, letters) == 0 || strcmp(content, letters) == 0;
}

struct acronym_tally {
    size_t versions, alone; /* choice versions; those where only one option fits */
};

static void tally_acronym(struct acronym_tally *t, const struct recite_bank *bank,
                          const struct recite_card *card)
{
    if (card->fact_kind != RECITE_FACT_ACRONYM || card->answer_kind != RECITE_ANSWER_CHOICE)
        return;
    const struct recite_fact *fact = recite_bank_find_fact(bank, card->fact_key);
    const char *shrt = fact ? recite_fact_get(fact, "short") : NULL;
    char letters[32];
    acronym_letters(letters, sizeof(letters), shrt ? shrt : card->fact_key);
    size_t fitting = 0;
    for (size_t i = 0; i < card->option_count; i++)
        fitting += fits_initials(card->options[i], letters);
    t->versions++;
    t->alone += fitting == 1;
}

static void check_bank(const char *path, struct acronym_tally *acronyms)
{
    struct recite_bank *bank = NULL;
    struct recite_error err = {0};
    if (recite_bank_load(&bank, path, NULL, &err) < 0) {
        printf("%s: cannot load: %s\n", path, err.msg);
        problems++;
        return;
    }
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        struct recite_card *cards = NULL;
        size_t count = 0;
        assert_int_equal(recite_bank_cards(&cards, &count, bank, seed, NULL), 0);
        for (size_t i = 0; i < count; i++) {
            check_card(name, bank, &cards[i], seed);
            if (strcmp(bank->id, "nato") == 0)
                tally_acronym(acronyms, bank, &cards[i]);
        }
        recite_cards_free(cards, count);
    }
    recite_bank_free(bank);
}

static size_t check_dir(const char *dir, struct acronym_tally *acronyms)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t banks = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".bank") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        check_bank(path, acronyms);
        banks++;
    }
    closedir(d);
    return banks;
}

static void test_cards_read_as_a_teacher_would(void **state)
{
    (void)state;
    struct acronym_tally acronyms = {0};
    problems = 0;
    size_t banks = check_dir(RECITE_SOURCE_DIR "/banks", &acronyms) +
                   check_dir(RECITE_TEST_DATA "/banks", &acronyms);
    printf("%zu banks, %d seeds: %zu problems\n", banks, SEEDS, problems);
    assert_true(banks >= 2);
    assert_int_equal(problems, 0);
    double share = acronyms.versions ? (double)acronyms.alone / (double)acronyms.versions : 1.0;
    printf("acronym choices of banks/nato.bank: %zu versions, %zu (%.1f%%) with one option "
           "fitting the initials\n",
           acronyms.versions, acronyms.alone, 100.0 * share);
    assert_true(acronyms.versions > 0);
    assert_true(share <= 0.20);
}

/* The rules themselves catch what they are meant to catch. */
static void test_cards_wording_rules_can_fail(void **state)
{
    (void)state;
    assert_non_null(wording_fault("Name all 12 the twelve founding signatories."));
    assert_non_null(wording_fault("Which of these is one of the the countries?"));
    assert_non_null(wording_fault("True or false: Finland is one of the NATO's tasks."));
    assert_null(wording_fault("a summit at the Alliance's headquarters"));
    assert_null(wording_fault("Name the twelve founding signatories of the treaty (1949)."));
    assert_true(fits_initials("Partnership for Peace", "PFP"));
    assert_false(fits_initials("European Union", "PFP"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cards_wording_rules_can_fail),
        cmocka_unit_test(test_cards_read_as_a_teacher_would),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
