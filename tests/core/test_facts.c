/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Facts into cards: template lists, stable uids, what each template asks,
 * and distractors (same kind, never duplicates, reproducible from a seed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "facts_internal.h"
#include "recite.h"
#include "bank_parse.h"

static struct recite_bank *load(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/banks/%s", RECITE_TEST_DATA, name);
    struct recite_bank *bank = NULL;
    struct recite_error err = {0};
    if (recite_bank_load(&bank, path, NULL, &err) < 0)
        fail_msg("%s: %s", name, err.msg);
    return bank;
}

static struct recite_card build(const struct recite_bank *bank, const char *key,
                                const char *template_name, uint64_t seed)
{
    struct recite_card card;
    struct recite_error err = {0};
    const struct recite_fact *fact = recite_bank_find_fact(bank, key);
    assert_non_null(fact);
    if (recite_card_build(&card, bank, fact, template_name, seed, &err) < 0)
        fail_msg("%s/%s: %s", key, template_name, err.msg);
    return card;
}

static void assert_options_distinct(const struct recite_card *card)
{
    for (size_t i = 0; i < card->option_count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(card->options[i], card->options[j]) == 0)
                fail_msg("option '%s' twice in %s", card->options[i], card->template_name);
}

static void test_facts_templates_per_kind(void **state)
{
    (void)state;
    struct recite_bank *bank = load("kinds.bank");
    char names[8][RECITE_TEMPLATE_NAME_MAX];
    const struct {
        const char *key;
        size_t count;
        const char *names[3];
    } want[] = {
        {"PfP", 3, {"short-long", "long-short", "short-long-choice"}},
        {"founding", 3, {"what-when", "when-what", "order"}},
        {"founders", 3, {"members", "member-choice", "member-truefalse"}},
        {"article-5", 2, {"typed", "choice"}},
        {"pipe", 1, {"typed"}}, /* no wrong: options, no choice card */
        {"warsaw-pact", 2, {"cloze-1", "cloze-2"}},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        size_t n = recite_fact_templates(recite_bank_find_fact(bank, want[i].key), names, 8);
        assert_int_equal(n, want[i].count);
        for (size_t j = 0; j < n; j++)
            assert_string_equal(names[j], want[i].names[j]);
    }
    recite_bank_free(bank);
}

static void test_facts_uid_is_blake2b_128(void **state)
{
    (void)state;
    char uid[RECITE_CARD_UID_HEX];
    /* hashlib.blake2b(b"sample\0DCB\0short-long\0", digest_size=16).hexdigest() */
    recite_card_uid(uid, "sample", "DCB", "short-long");
    assert_string_equal(uid, "4f42deb6394beea224af7bcbcc2e3da9");
    char other[RECITE_CARD_UID_HEX];
    recite_card_uid(other, "sample", "DCBs", "hort-long");
    assert_string_not_equal(uid, other);
}

static void test_facts_acronym_cards(void **state)
{
    (void)state;
    struct recite_bank *bank = load("kinds.bank");
    struct recite_card c = build(bank, "S-T", "long-short", 1);
    assert_int_equal(c.answer_kind, RECITE_ANSWER_TYPED);
    assert_string_equal(c.prompt, "Which acronym stands for Science and Technology?");
    assert_string_equal(c.accepted[0], "S&T");
    recite_card_release(&c);

    c = build(bank, "MAP", "short-long-choice", 7);
    assert_int_equal(c.answer_kind, RECITE_ANSWER_CHOICE);
    assert_int_equal(c.option_count, 4);
    assert_string_equal(c.options[c.correct], "Membership Action Plan");
    assert_options_distinct(&c);
    /* an option is another acronym's expansion or a look-alike fitting M-A-P */
    const char *expansions[] = {"Science and Technology", "Euro-Atlantic Partnership Council",
                                "Partnership for Peace", "Membership Action Plan"};
    for (size_t i = 0; i < c.option_count; i++) {
        const char *o = c.options[i];
        char initials[8] = {0};
        size_t n = 0;
        for (const char *p = o; *p && n < 7; p += strcspn(p, " "), p += strspn(p, " "))
            initials[n++] = *p;
        bool known = strcmp(initials, "MAP") == 0;
        for (size_t j = 0; j < 4; j++)
            known = known || strcmp(o, expansions[j]) == 0;
        if (!known)
            fail_msg("'%s' is neither an expansion nor a look-alike of MAP", o);
    }
    recite_card_release(&c);
    recite_bank_free(bank);
}

/*
 * An acronym card shows the bank's first expansion, unless its words'
 * initials do not hold the letters ("Soviet Union" for USSR): then the first
 * that spells them. Every spelling still answers.
 */
static void test_facts_acronym_shown_expansion(void **state)
{
    (void)state;
    static const char text[] =
        "bank shown\n\n"
        "acronym USSR\nlong: Soviet Union | Union of Soviet Socialist Republics\n\n"
        "acronym INF\nlong: Intermediate-Range Nuclear Forces Treaty | Intermediate Nuclear "
        "Forces\n\n"
        "acronym MAP\nlong: Membership Action Plan\n\n"
        "acronym PfP\nlong: Partnership for Peace\n";
    struct recite_bank *bank = parse(text);
    struct recite_card c = build(bank, "USSR", "long-short", 1);
    assert_string_equal(c.prompt, "Which acronym stands for Union of Soviet Socialist Republics?");
    recite_card_release(&c);
    c = build(bank, "INF", "long-short", 1);
    assert_string_equal(c.prompt,
                        "Which acronym stands for Intermediate-Range Nuclear Forces Treaty?");
    recite_card_release(&c);
    c = build(bank, "PfP", "long-short", 1);
    assert_string_equal(c.prompt, "Which acronym stands for Partnership for Peace?");
    recite_card_release(&c);
    for (uint64_t seed = 1; seed <= 8; seed++) {
        c = build(bank, "USSR", "short-long-choice", seed);
        if (c.answer_kind == RECITE_ANSWER_CHOICE)
            assert_string_equal(c.options[c.correct], "Union of Soviet Socialist Republics");
        bool glossed = false; /* the document's gloss still answers */
        for (size_t i = 0; i < c.accepted_count; i++)
            glossed = glossed || strcmp(c.accepted[i], "Soviet Union") == 0;
        assert_true(glossed);
        recite_card_release(&c);
    }
    recite_bank_free(bank);
}

/* Other expansions written as the answer is come first: a lowercase one beside a name gives
   itself away. */
static void test_facts_acronym_options_alike(void **state)
{
    (void)state;
    static const char text[] = "bank alike\n\n"
                               "acronym IP4\nlong: Indo-Pacific 4\n\n"
                               "acronym AI\nlong: artificial intelligence\n\n"
                               "acronym ML\nlong: machine learning\n\n"
                               "acronym NLP\nlong: natural language processing\n\n"
                               "acronym NATO\nlong: North Atlantic Treaty Organization\n\n"
                               "acronym UN\nlong: United Nations\n\n"
                               "acronym EU\nlong: European Union\n";
    struct recite_bank *bank = parse(text);
    for (uint64_t seed = 1; seed <= 16; seed++) {
        struct recite_card c = build(bank, "IP4", "short-long-choice", seed);
        assert_int_equal(c.answer_kind, RECITE_ANSWER_CHOICE);
        for (size_t i = 0; i < c.option_count; i++)
            if (!(c.options[i][0] >= 'A' && c.options[i][0] <= 'Z'))
                fail_msg("seed %llu: '%s' beside 'Indo-Pacific 4'", (unsigned long long)seed,
                         c.options[i]);
        recite_card_release(&c);
    }
    recite_bank_free(bank);
}

/* A set's outsiders come from sets about the same thing first: other years' joiners for
   "joined NATO in 1952", not a war's sides or partners elsewhere. */
static void test_facts_set_outsiders_same_topic(void **state)
{
    (void)state;
    static const char text[] =
        "bank topics\n\n"
        "set wave-1952\nprompt: countries that joined NATO in 1952\nmember: Greece\n"
        "member: Turkey\ntype: country\n\n"
        "set wave-1982\nprompt: countries that joined NATO in 1982\nmember: Spain\n"
        "type: country\n\n"
        "set wave-1999\nprompt: countries that joined NATO in 1999\nmember: Poland\n"
        "member: Hungary\nmember: Czechia\ntype: country\n\n"
        "set partners\nprompt: NATO's partners in the Indo-Pacific\nmember: Japan\n"
        "member: Australia\nmember: New Zealand\ntype: country\n\n"
        "set korea\nprompt: sides of the Korean War\nmember: North Korea\nmember: China\n"
        "type: country\n";
    struct recite_bank *bank = parse(text);
    static const char *const joiners[] = {"Greece", "Turkey", "Spain", "Poland", "Hungary",
                                          "Czechia"};
    for (uint64_t seed = 1; seed <= 16; seed++) {
        struct recite_card c = build(bank, "wave-1952", "member-choice", seed);
        assert_int_equal(c.answer_kind, RECITE_ANSWER_CHOICE);
        for (size_t i = 0; i < c.option_count; i++) {
            bool joiner = false;
            for (size_t k = 0; k < sizeof(joiners) / sizeof(joiners[0]); k++)
                joiner = joiner || strcmp(c.options[i], joiners[k]) == 0;
            if (!joiner)
                fail_msg("seed %llu: '%s' among NATO's joiners", (unsigned long long)seed,
                         c.options[i]);
        }
        recite_card_release(&c);
    }
    recite_bank_free(bank);
}

static void test_facts_event_cards(void **state)
{
    (void)state;
    struct recite_bank *bank = load("kinds.bank");
    struct recite_card c = build(bank, "founding", "what-when", 1);
    assert_int_equal(c.answer_kind, RECITE_ANSWER_TYPED);
    assert_non_null(strstr(c.prompt, "full date"));
    assert_string_equal(c.accepted[0], "1949-04-04");
    assert_string_equal(c.accepted[1], "4 April 1949");
    recite_card_release(&c);

    c = build(bank, "korea", "when-what", 3);
    assert_int_equal(c.answer_kind, RECITE_ANSWER_CHOICE);
    assert_string_equal(c.prompt, "Which of these happened between 1950 and 1953?");
    assert_string_equal(c.options[c.correct], "the Korean War");
    assert_options_distinct(&c);
    recite_card_release(&c);

    c = build(bank, "wall-falls", "order", 11);
    assert_int_equal(c.answer_kind, RECITE_ANSWER_ORDER);
    assert_int_equal(c.option_count, 4);
    /* Following order[] must walk the options through time. */
    long last = 0;
    for (size_t i = 0; i < c.option_count; i++) {
        const char *what = c.options[c.order[i]];
        long when = 0;
        for (size_t f = 0; f < bank->fact_count; f++) {
            const struct recite_fact *e = &bank->facts[f];
            struct recite_date d;
            if (e->kind == RECITE_FACT_EVENT && strcmp(recite_fact_get(e, "what"), what) == 0 &&
                recite_date_parse(&d, recite_fact_get(e, "when"), NULL) == 0)
                when = d.year * 10000L + d.month * 100L + d.day;
        }
        assert_true(when > last);
        last = when;
    }
    recite_card_release(&c);
    recite_bank_free(bank);
}

/* No distractor may fall within the date asked, nor contain it. */
static void test_facts_event_overlaps_excluded(void **state)
{
    (void)state;
    const char *text = "bank ov\n\n"
                       "event a\nwhen: 1954\nwhat: asked\n\n"
                       "event b\nwhen: 1954-10\nwhat: within the year\n\n"
                       "event c\nwhen: 1949..1991\nwhat: spans the year\n\n"
                       "event d\nwhen: 2001-09-11\nwhat: later\n\n"
                       "event e\nwhen: 1920\nwhat: earlier\n";
    struct recite_bank *bank = NULL;
    assert_int_equal(recite_bank_parse(&bank, text, strlen(text), NULL, NULL), 0);
    for (uint64_t seed = 0; seed < 30; seed++) {
        struct recite_card c = build(bank, "a", "when-what", seed);
        assert_int_equal(c.option_count, 3);
        for (size_t i = 0; i < c.option_count; i++) {
            assert_string_not_equal(c.options[i], "within the year");
            assert_string_not_equal(c.options[i], "spans the year");
        }
        recite_card_release(&c);
        c = build(bank, "b", "order", seed);
        /* b overlaps a and c, so it is ordered with d and e only. */
        assert_int_equal(c.option_count, 3);
        assert_string_equal(c.options[c.order[0]], "earlier");
        assert_string_equal(c.options[c.order[1]], "within the year");
        assert_string_equal(c.options[c.order[2]], "later");
        recite_card_release(&c);
    }
    recite_bank_free(bank);
}

static void test_facts_set_cards(void **state)
{
    (void)state;
    struct recite_bank *bank = load("kinds.bank");
    struct recite_card c = build(bank, "waves-1950s", "members", 1);
    assert_int_equal(c.answer_kind, RECITE_ANSWER_LIST);
    assert_true(c.ordered);
    assert_int_equal(c.member_count, 3);
    assert_string_equal(c.members[1].alts[1], "Turkey");
    recite_card_release(&c);

    const struct recite_fact *founders = recite_bank_find_fact(bank, "founders");
    bool saw_true = false, saw_false = false;
    for (uint64_t seed = 0; seed < 40; seed++) {
        c = build(bank, "founders", "member-choice", seed);
        assert_int_equal(c.answer_kind, RECITE_ANSWER_CHOICE);
        assert_options_distinct(&c);
        for (size_t i = 0; i < c.option_count; i++) {
            bool member = false;
            for (size_t f = 0; f < founders->field_count; f++)
                if (strcmp(founders->fields[f].name, "member") == 0 &&
                    strcmp(founders->fields[f].alts[0], c.options[i]) == 0)
                    member = true;
            /* Exactly the right option is a member: no second right answer. */
            assert_int_equal(member, i == c.correct);
        }
        recite_card_release(&c);

        c = build(bank, "founders", "member-truefalse", seed);
        assert_int_equal(c.answer_kind, RECITE_ANSWER_TRUEFALSE);
        saw_true = saw_true || c.truth;
        saw_false = saw_false || !c.truth;
        recite_card_release(&c);
    }
    assert_true(saw_true && saw_false);
    recite_bank_free(bank);
}

/* A member of another set spelled differently is still a member, never a distractor. */
static void test_facts_set_spellings_respected(void **state)
{
    (void)state;
    const char *text = "bank sp\n\n"
                       "set a\nprompt: states of A\nmember: Türkiye | Turkey\nmember: Greece\n\n"
                       "set b\nprompt: states of B\nmember: Republic of Türkiye | turkey\n"
                       "member: Norway\nmember: Iceland\n";
    struct recite_bank *bank = NULL;
    assert_int_equal(recite_bank_parse(&bank, text, strlen(text), NULL, NULL), 0);
    for (uint64_t seed = 0; seed < 30; seed++) {
        struct recite_card c = build(bank, "a", "member-choice", seed);
        assert_int_equal(c.option_count, 3);
        for (size_t i = 0; i < c.option_count; i++)
            assert_string_not_equal(c.options[i], "Republic of Türkiye");
        recite_card_release(&c);
        c = build(bank, "a", "member-truefalse", seed);
        assert_true(c.truth || strstr(c.prompt, "Norway") || strstr(c.prompt, "Iceland"));
        recite_card_release(&c);
    }
    recite_bank_free(bank);
}

static void test_facts_question_and_cloze(void **state)
{
    (void)state;
    struct recite_bank *bank = load("kinds.bank");
    struct recite_card c = build(bank, "article-5", "choice", 5);
    assert_int_equal(c.option_count, 3);
    assert_string_equal(c.options[c.correct], "Article 5");
    assert_string_equal(c.explain, "it was invoked once, after 11 September 2001");
    recite_card_release(&c);

    /* One wrong option and a year answer: nearby years fill the choice. */
    c = build(bank, "founding-year", "choice", 5);
    assert_int_equal(c.option_count, 4);
    assert_options_distinct(&c);
    for (size_t i = 0; i < c.option_count; i++) {
        long year = strtol(c.options[i], NULL, 10);
        assert_true(year >= 1946 && year <= 1952);
    }
    recite_card_release(&c);

    c = build(bank, "warsaw-pact", "cloze-2", 0);
    assert_string_equal(c.prompt, "The Warsaw Pact was formed in 1955, days after [...] joined.");
    assert_int_equal(c.accepted_count, 2);
    assert_string_equal(c.accepted[0], "West Germany");
    assert_string_equal(c.accepted[1], "the FRG");
    recite_card_release(&c);
    recite_bank_free(bank);
}

static void test_facts_seed_reproduces(void **state)
{
    (void)state;
    struct recite_bank *bank = load("kinds.bank");
    size_t differing = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        struct recite_card a = build(bank, "wall-falls", "when-what", seed);
        struct recite_card b = build(bank, "wall-falls", "when-what", seed);
        struct recite_card other = build(bank, "wall-falls", "when-what", seed + 1000);
        assert_int_equal(a.option_count, b.option_count);
        for (size_t i = 0; i < a.option_count; i++)
            assert_string_equal(a.options[i], b.options[i]);
        for (size_t i = 0; i < a.option_count && i < other.option_count; i++)
            if (strcmp(a.options[i], other.options[i]) != 0) {
                differing++;
                break;
            }
        recite_card_release(&a);
        recite_card_release(&b);
        recite_card_release(&other);
    }
    assert_true(differing > 0);
    recite_bank_free(bank);
}

static void test_facts_lonely_choice_degrades(void **state)
{
    (void)state;
    const char *text = "bank one\n\nacronym A\nlong: alpha\n\nevent e\nwhen: 2000\nwhat: x\n";
    struct recite_bank *bank = NULL;
    assert_int_equal(recite_bank_parse(&bank, text, strlen(text), NULL, NULL), 0);
    struct recite_card c = build(bank, "A", "short-long-choice", 1);
    assert_int_equal(c.answer_kind, RECITE_ANSWER_TYPED);
    assert_string_equal(c.accepted[0], "alpha");
    recite_card_release(&c);
    c = build(bank, "e", "when-what", 1);
    assert_int_equal(c.answer_kind, RECITE_ANSWER_FLASH);
    recite_card_release(&c);
    struct recite_card none;
    assert_int_equal(recite_card_build(&none, bank, &bank->facts[0], "cloze-1", 1, NULL),
                     RECITE_ENOTFOUND);
    recite_bank_free(bank);
}

static void test_facts_every_card_builds(void **state)
{
    (void)state;
    struct recite_bank *bank = load("kinds.bank");
    struct recite_card *cards = NULL;
    size_t count = 0;
    assert_int_equal(recite_bank_cards(&cards, &count, bank, 42, NULL), 0);
    size_t expected = 0;
    char names[16][RECITE_TEMPLATE_NAME_MAX];
    for (size_t i = 0; i < bank->fact_count; i++)
        expected += recite_fact_templates(&bank->facts[i], names, 16);
    assert_int_equal(count, expected);
    for (size_t i = 0; i < count; i++) {
        assert_non_null(cards[i].prompt);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(cards[i].uid, cards[j].uid);
    }
    recite_cards_free(cards, count);
    recite_bank_free(bank);
}

/* A bank of n (at most 1600) events, one every 5 years from 1700, keys e0..e(n-1), in a shuffled order. */
static struct recite_bank *many_events(size_t n)
{
    size_t cap = 64 + n * 64, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len, "bank many\n");
    for (size_t i = 0; i < n; i++) {
        size_t k = (i * 37) % n; /* n is not a multiple of 37: a permutation */
        len += (size_t)snprintf(text + len, cap - len, "\nevent e%zu\nwhen: %zu\nwhat: event of %zu\n",
                                k, 1700 + 5 * k, 1700 + 5 * k);
    }
    struct recite_bank *bank = NULL;
    assert_int_equal(recite_bank_parse(&bank, text, len, NULL, NULL), 0);
    free(text);
    return bank;
}

/* when-what draws from the six nearest years on both sides, however big the bank. */
static void test_facts_event_distractors_nearest(void **state)
{
    (void)state;
    struct recite_bank *bank = many_events(500);
    for (uint64_t seed = 0; seed < 40; seed++) {
        /* e100 is 2200; the six nearest: 2185 2190 2195 2205 2210 2215. */
        struct recite_card c = build(bank, "e100", "when-what", seed);
        assert_int_equal(c.answer_kind, RECITE_ANSWER_CHOICE);
        assert_int_equal(c.option_count, 4);
        assert_options_distinct(&c);
        for (size_t i = 0; i < c.option_count; i++) {
            long year = strtol(c.options[i] + strlen("event of "), NULL, 10);
            if (i != c.correct && (labs(year - 2200) > 15 || year == 2200))
                fail_msg("'%s' is not among the nearest years", c.options[i]);
        }
        recite_card_release(&c);
        /* At the first year, the nearest are all later. */
        c = build(bank, "e0", "when-what", seed);
        for (size_t i = 0; i < c.option_count; i++) {
            long year = strtol(c.options[i] + strlen("event of "), NULL, 10);
            assert_true(year >= 1700 && year <= 1730);
        }
        recite_card_release(&c);
        c = build(bank, "e250", "order", seed);
        assert_int_equal(c.answer_kind, RECITE_ANSWER_ORDER);
        assert_int_equal(c.option_count, 4);
        assert_options_distinct(&c);
        long last = 0;
        for (size_t i = 0; i < c.option_count; i++) {
            long year = strtol(c.options[c.order[i]] + strlen("event of "), NULL, 10);
            assert_true(year > last);
            last = year;
        }
        recite_card_release(&c);
    }
    /* Facts are found by key once the index is built, the first of a key included. */
    for (size_t k = 0; k < 500; k += 49) {
        char key[16];
        snprintf(key, sizeof(key), "e%zu", k);
        const struct recite_fact *f = recite_bank_find_fact(bank, key);
        assert_non_null(f);
        assert_string_equal(f->key, key);
    }
    assert_null(recite_bank_find_fact(bank, "e500"));
    assert_null(recite_bank_find_fact(bank, "a"));
    recite_bank_free(bank);
}

/* The same seed gives the same distractors in a big bank; another seed may not. */
static void test_facts_big_bank_reproduces(void **state)
{
    (void)state;
    struct recite_bank *bank = many_events(1000);
    bool differ = false;
    for (uint64_t seed = 1; seed <= 10; seed++) {
        struct recite_card a = build(bank, "e7", "order", seed);
        struct recite_card b = build(bank, "e7", "order", seed);
        struct recite_card other = build(bank, "e7", "order", seed + 1000);
        assert_int_equal(a.option_count, b.option_count);
        for (size_t i = 0; i < a.option_count; i++)
            assert_string_equal(a.options[i], b.options[i]);
        for (size_t i = 0; i < a.option_count && i < other.option_count; i++)
            differ = differ || strcmp(a.options[i], other.options[i]) != 0;
        recite_card_release(&a);
        recite_card_release(&b);
        recite_card_release(&other);
    }
    assert_true(differ);
    recite_bank_free(bank);
}

/*
 * A bank of n acronyms whose expansions have initials of their own, and
 * among them, far apart, the three others with NATO's initials.
 */
static struct recite_bank *many_acronyms(size_t n)
{
    static const char *const words[] = {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot",
                                        "Golf", "Hotel", "India", "Juliet", "Kilo", "Lima"};
    size_t cap = 256 + n * 96, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    /* the words the bank also writes in lower case are the ones look-alikes swap */
    len += (size_t)snprintf(text + len, cap - len,
                            "bank many\n\nacronym NATO\n"
                            "long: North Atlantic Treaty Organization\n"
                            "quote: a treaty organization of the north, its trade office, an "
                            "archive of tax offices, a new age theatre orchestra group, the "
                            "national atlantic arctic\n");
    for (size_t i = 0; i < n; i++) {
        if (i == n / 3 || i == n / 2 || i == n - 1) {
            static const char *const alike[] = {"Nordic Arctic Trade Office",
                                                "National Archive of Tax Offices",
                                                "New Age Theatre Orchestra"};
            len += (size_t)snprintf(text + len, cap - len, "\nacronym X%zu\nlong: %s\n", i,
                                    alike[i == n / 3 ? 0 : i == n / 2 ? 1 : 2]);
            continue;
        }
        len += (size_t)snprintf(text + len, cap - len, "\nacronym A%zu\nlong: %s %s %s Group\n", i,
                                words[i % 12], words[(i / 12) % 12], words[(i / 144) % 12]);
    }
    struct recite_bank *bank = NULL;
    assert_int_equal(recite_bank_parse(&bank, text, len, NULL, NULL), 0);
    free(text);
    return bank;
}

/*
 * An acronym's choice card finds the other expansions with its initials
 * however big the bank (the card notes look them up by initials, where a
 * random walk of a few hundred facts would miss them), for every seed.
 */
static void test_facts_acronym_same_initials_in_big_bank(void **state)
{
    (void)state;
    struct recite_bank *bank = many_acronyms(3000);
    for (uint64_t seed = 1; seed <= 20; seed++) {
        struct recite_card c = build(bank, "NATO", "short-long-choice", seed);
        assert_int_equal(c.answer_kind, RECITE_ANSWER_CHOICE);
        assert_int_equal(c.option_count, 4);
        assert_options_distinct(&c);
        for (size_t i = 0; i < c.option_count; i++) {
            char got[64];
            expansion_initials(got, sizeof(got), c.options[i]);
            if (strcmp(got, "NATO") != 0)
                fail_msg("seed %llu: '%s' does not fit NATO", (unsigned long long)seed,
                         c.options[i]);
            if (i != c.correct && strstr(c.options[i], "North Atlantic"))
                fail_msg("seed %llu: a look-alike '%s' where real ones exist",
                         (unsigned long long)seed, c.options[i]);
        }
        recite_card_release(&c);
    }
    recite_bank_free(bank);
}

/* Notes made from a bank read back; bytes that are no notes are refused. */
static void test_facts_card_notes_kept_form(void **state)
{
    (void)state;
    struct recite_bank *bank = many_acronyms(200);
    struct card_notes_builder *b = NULL;
    assert_int_equal(card_notes_builder_new(&b), 0);
    for (size_t i = 0; i < bank->fact_count; i++)
        assert_int_equal(card_notes_builder_add(b, &bank->facts[i]), 0);
    unsigned char *data = NULL;
    size_t len = 0;
    assert_int_equal(card_notes_builder_finish(b, &data, &len, NULL), 0);
    card_notes_builder_free(b);
    struct card_notes *notes = NULL;
    assert_int_equal(card_notes_load(&notes, data, len, NULL), 0);
    size_t first, n = card_notes_initials(notes, "NATO", &first);
    assert_int_equal(n, 4);
    /* positions among the acronyms in bank order: NATO first, then X66, X100, X199 */
    assert_int_equal(card_notes_acronym_at(notes, first), 0);
    assert_int_equal(card_notes_acronym_at(notes, first + 3), 200);
    assert_int_equal(card_notes_initials(notes, "QQQ", &first), 0);
    const struct vocab *v = card_notes_vocab(notes);
    assert_true(v->grouped);
    assert_true(v->count > 10);
    for (size_t i = v->group[13]; i < v->group[14]; i++)
        assert_int_equal(v->words[i][0] | 0x20, 'n');
    card_notes_free(notes);
    /* damaged: a truncated line, unsorted initials, a word that is no word, a wrong count */
    static const char *const bad[] = {
        "", "card-notes 2\n", "card-notes 1\nacronyms 0 of 0\nwords 0\nsets 0 of 0\n",
        "card-notes 2\nacronyms 2 of 2\nNATO\t0\nCSCE\t1\nwords 0\nsets 0 of 0\n",
        "card-notes 2\nacronyms 1 of 1\nNATO\t0\nwords 1\nno-word\nsets 0 of 0\n",
        "card-notes 2\nacronyms 1 of 1\nnato\t0\nwords 0\nsets 0 of 0\n",
        "card-notes 2\nacronyms 5 of 5\nNATO\t0\nwords 0\nsets 0 of 0\n",
        "card-notes 2\nacronyms 0 of 0\nwords 0\nsets 0 of 0\nextra\n",
        "card-notes 2\nacronyms 0 of 0\nwords 0\nsets 0 of 0",
        "card-notes 2\nacronyms 1 of 1\nNATO\t1\nwords 0\nsets 0 of 0\n",
        "card-notes 2\nacronyms 2 of 1\nCSCE\t0\nNATO\t0\nwords 0\nsets 0 of 0\n",
        "card-notes 2\nacronyms 0 of 0\nwords 0\n",
        "card-notes 2\nacronyms 0 of 0\nwords 0\nsets 1 of 2\n0\t-\t\t\n",
        "card-notes 2\nacronyms 0 of 0\nwords 0\nsets 1 of 1\n0\t-\t\t"};
    /* and what does read: a set typed, one not, hashes or none */
    static const char good[] = "card-notes 2\nacronyms 0 of 0\nwords 0\nsets 2 of 2\n"
                               "0\t00000000000000aa\t00000000000000ff,0000000000000001\t\n"
                               "1\t-\t\t00000000000000ff\n";
    assert_int_equal(card_notes_load(&notes, (const unsigned char *)good, strlen(good), NULL), 0);
    struct card_note_set set;
    assert_true(card_notes_set(notes, 0, &set));
    assert_true(set.typed);
    assert_int_equal(set.type, 0xaa);
    assert_int_equal(set.raw_count, 2);
    assert_int_equal(set.raw[1], 1);
    assert_int_equal(set.folded_count, 0);
    assert_true(card_notes_set(notes, 1, &set));
    assert_false(set.typed);
    assert_int_equal(set.raw_count, 0);
    assert_int_equal(set.folded_count, 1);
    assert_int_equal(set.folded[0], 0xff);
    assert_false(card_notes_set(notes, 2, &set));
    card_notes_free(notes);
    /* every hex digit, in each half of a hash, is read as itself */
    static const char digits[] = "card-notes 2\nacronyms 0 of 0\nwords 0\nsets 1 of 1\n"
                                 "0\t0123456789abcdef\tfedcba9876543210,a0b1c2d3e4f50617\t\n";
    assert_int_equal(card_notes_load(&notes, (const unsigned char *)digits, strlen(digits), NULL),
                     0);
    assert_true(card_notes_set(notes, 0, &set));
    assert_true(set.type == 0x0123456789abcdefULL);
    assert_true(set.raw[0] == 0xfedcba9876543210ULL);
    assert_true(set.raw[1] == 0xa0b1c2d3e4f50617ULL);
    card_notes_free(notes);
    /* a set line that does not read is no kept set: the card reads the set itself;
       the bytes either side of each digit range are no digits, in either half */
    static const char *const unread[] = {"1\t-\t\t\n", "0\t-\t00ff\t\n", "0\tx\t\t\n",
                                         "0\t-\t00000000000000ff,\t\n", "0\t-\t\n",
                                         "0\t/000000000000000\t\t\n", "0\t000000000000000:\t\t\n",
                                         "0\t0000000`00000000\t\t\n", "0\t00000000g0000000\t\t\n",
                                         "0\t00000000000000A0\t\t\n", "0\t0000000000000\xc3\xa9" "0\t\t\n",
                                         "0\t-\t0000000\n"};
    for (size_t i = 0; i < sizeof(unread) / sizeof(unread[0]); i++) {
        char text[256];
        snprintf(text, sizeof(text), "card-notes 2\nacronyms 0 of 0\nwords 0\nsets 1 of 1\n%s",
                 unread[i]);
        assert_int_equal(card_notes_load(&notes, (const unsigned char *)text, strlen(text), NULL),
                         0);
        if (card_notes_set(notes, 0, &set))
            fail_msg("set line %zu was read", i);
        card_notes_free(notes);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct recite_error err = {0};
        if (card_notes_load(&notes, (const unsigned char *)bad[i], strlen(bad[i]), &err) !=
            RECITE_EDATA)
            fail_msg("bad notes %zu were read", i);
        assert_null(notes);
    }
    free(data);
    recite_bank_free(bank);
}

/*
 * The lazy sampler draws what a Fisher-Yates shuffle of 0..n-1 done in
 * full draws from the same generator, for walks short and long (its swaps
 * are hashed: positions far apart, near, and reused must all come out).
 */
static void test_facts_sampler_is_a_shuffle(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 2, 7, 64, 1000, 100000};
    for (size_t t = 0; t < sizeof(sizes) / sizeof(sizes[0]); t++) {
        size_t n = sizes[t];
        size_t *all = malloc(n * sizeof(*all));
        assert_non_null(all);
        for (size_t i = 0; i < n; i++)
            all[i] = i;
        struct recite_rng lazy_rng, full_rng;
        recite_rng_seed(&lazy_rng, 7 + t);
        recite_rng_seed(&full_rng, 7 + t);
        struct sampler s;
        sampler_init(&s, n);
        size_t visits = n < 5000 ? n : 5000, got;
        for (size_t k = 0; k < visits; k++) {
            size_t j = k + (size_t)recite_rng_below(&full_rng, n - k);
            size_t want = all[j];
            all[j] = all[k];
            all[k] = want;
            assert_true(sampler_next(&s, &lazy_rng, &got));
            if (got != want)
                fail_msg("n %zu, visit %zu: %zu, a full shuffle gives %zu", n, k, got, want);
        }
        assert_true(visits < n || !sampler_next(&s, &lazy_rng, &got));
        sampler_release(&s);
        free(all);
    }
}

/*
 * The look-alike vocabulary keeps each word once, in the order first seen,
 * case kept ("Quab" and "quab" are two words), past the sizes its set of
 * words grows through.
 */
/*
 * A look-alike keeps each word's part of speech as its ending tells it: no
 * participle, adverb or plural where the word was none ("Piloted for Peace",
 * "United of Soviet Socialist Republics", "Universities of ..."), no word
 * that is no noun where a noun stood ("Conference on Supreme and ...").
 */
static void test_facts_variants_keep_word_class(void **state)
{
    (void)state;
    struct vocab v = {0};
    vocab_add_text(&v, "Piloted Practical Programme Peacefully Pacts United Universities Unity "
                       "Supreme Science Security Soviet Support Europe Emergency Republics "
                       "Relations",
                   false);
    assert_false(v.oom);
    static const char *const expansions[] = {"Partnership for Peace",
                                             "Union of Soviet Socialist Republics",
                                             "Conference on Security and Cooperation in Europe"};
    static const char *const never[] = {"Piloted", "Peacefully", "Pacts", "United",
                                        "Universities", "Supreme"};
    for (size_t e = 0; e < sizeof(expansions) / sizeof(expansions[0]); e++)
        for (uint64_t seed = 1; seed <= 200; seed++) {
            struct recite_rng rng;
            recite_rng_seed(&rng, seed);
            char out[256];
            if (!expansion_variant(out, sizeof(out), expansions[e], &v, &rng, 1 + seed % 2))
                continue;
            for (size_t k = 0; k < sizeof(never) / sizeof(never[0]); k++)
                if (strstr(out, never[k]))
                    fail_msg("'%s' from '%s'", out, expansions[e]);
        }
    vocab_release(&v);
}

/*
 * Look-alikes over a whole bank: a name stays a name and none is swapped in
 * ("Ukraine of Soviet Socialist Republics", "Istanbul Security Assistance
 * Force"); only words the bank writes in lower case are swapped, each for a
 * word of its kind ("Practical for Peace" is none), and no word comes twice
 * in any case ("Science for Peace and Science Programme").
 */
static void test_facts_variants_swap_common_words_only(void **state)
{
    (void)state;
    static const char text[] =
        "bank v\n\n"
        "acronym USSR\nlong: Union of Soviet Socialist Republics\n"
        "quote: The union of fifteen republics kept its relations and resolutions.\n\n"
        "acronym ISAF\nlong: International Security Assistance Force\n"
        "quote: The force gave assistance for security and accession to the alliance.\n\n"
        "acronym ICI\nlong: Istanbul Cooperation Initiative\n"
        "quote: An initiative of cooperation and consultation.\n\n"
        "acronym SPS\nlong: Science for Peace and Security Programme\n"
        "quote: A programme of science, peace and security, practical and political.\n\n"
        "acronym PfP\nlong: Partnership for Peace\n"
        "quote: The partnership for peace gave practical production plans.\n\n"
        "set members\nprompt: member states\nmember: Ukraine\nmember: Slovakia\n"
        "member: Poland\n\n"
        "event e1\nwhen: 1994\nwhat: the practical partnership and the production of plans "
        "began, with relations and resolutions\n";
    struct recite_bank *bank = NULL;
    assert_int_equal(recite_bank_parse(&bank, text, strlen(text), NULL, NULL), 0);
    static const char *const names[] = {"Ukraine", "Istanbul", "Soviet", "Slovakia", "Poland"};
    static const char *const keys[] = {"USSR", "ISAF", "ICI", "SPS", "PfP"};
    const char *real[sizeof(keys) / sizeof(keys[0])];
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
        real[k] = recite_fact_get(recite_bank_find_fact(bank, keys[k]), "long");
    size_t variants = 0;
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        const struct recite_fact *fact = recite_bank_find_fact(bank, keys[k]);
        const char *lng = recite_fact_get(fact, "long");
        for (uint64_t seed = 0; seed < 60; seed++) {
            struct recite_card c = build(bank, keys[k], "short-long-choice", seed);
            assert_options_distinct(&c);
            for (size_t i = 0; i < c.option_count; i++) {
                const char *o = c.options[i];
                bool expansion = false; /* another acronym's: names are its own */
                for (size_t r = 0; r < sizeof(real) / sizeof(real[0]); r++)
                    expansion |= strcmp(o, real[r]) == 0;
                for (size_t m = 0; m < sizeof(names) / sizeof(names[0]) && !expansion; m++)
                    if (strstr(o, names[m]) && !strstr(lng, names[m]))
                        fail_msg("'%s' swapped into '%s'", names[m], o);
                /* a name of the answer stays where it was */
                if (strcmp(keys[k], "USSR") == 0 && strncmp(o, "Union of Soviet", 15) == 0 &&
                    i != c.correct)
                    variants++;
                if (strcmp(keys[k], "ICI") == 0 && i != c.correct && strstr(o, "Cooperation") &&
                    strncmp(o, "Istanbul ", 9) != 0 && strstr(o, "Initiative"))
                    fail_msg("'%s': Istanbul swapped out", o);
                static const char *const bad[] = {"Practical for", "for Practical",
                                                  "Science for Peace and Science",
                                                  "Security for Peace and Security"};
                for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++)
                    if (strstr(o, bad[b]))
                        fail_msg("'%s' in options of %s", o, keys[k]);
            }
            recite_card_release(&c);
        }
    }
    /* the common words still make look-alikes: "Union of Soviet Socialist Relations" */
    assert_true(variants > 0);
    recite_bank_free(bank);
}

static void test_facts_vocab_keeps_words_once(void **state)
{
    (void)state;
    enum { DISTINCT = 3000 };
    static char words[DISTINCT][8];
    for (size_t i = 0; i < DISTINCT; i++) {
        size_t k = i / 2;
        snprintf(words[i], sizeof(words[i]), "%cu%c%c%c", i % 2 ? 'Q' : 'q',
                 (char)('a' + k % 26), (char)('a' + k / 26 % 26), (char)('a' + k / 676 % 26));
    }
    struct vocab v = {0};
    char text[64];
    /* every word twice, the second time among later words */
    for (size_t i = 0; i < DISTINCT; i++) {
        snprintf(text, sizeof(text), "%.7s, %.7s (%.7s)", words[i], words[i / 2], words[i]);
        vocab_add_text(&v, text, false);
    }
    assert_false(v.oom);
    assert_int_equal(v.count, DISTINCT);
    for (size_t i = 0; i < DISTINCT; i++)
        assert_string_equal(v.words[i], words[i]);
    vocab_release(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facts_templates_per_kind),
        cmocka_unit_test(test_facts_uid_is_blake2b_128),
        cmocka_unit_test(test_facts_acronym_cards),
        cmocka_unit_test(test_facts_acronym_shown_expansion),
        cmocka_unit_test(test_facts_acronym_options_alike),
        cmocka_unit_test(test_facts_set_outsiders_same_topic),
        cmocka_unit_test(test_facts_event_cards),
        cmocka_unit_test(test_facts_event_overlaps_excluded),
        cmocka_unit_test(test_facts_set_cards),
        cmocka_unit_test(test_facts_set_spellings_respected),
        cmocka_unit_test(test_facts_question_and_cloze),
        cmocka_unit_test(test_facts_seed_reproduces),
        cmocka_unit_test(test_facts_lonely_choice_degrades),
        cmocka_unit_test(test_facts_every_card_builds),
        cmocka_unit_test(test_facts_event_distractors_nearest),
        cmocka_unit_test(test_facts_big_bank_reproduces),
        cmocka_unit_test(test_facts_sampler_is_a_shuffle),
        cmocka_unit_test(test_facts_vocab_keeps_words_once),
        cmocka_unit_test(test_facts_variants_keep_word_class),
        cmocka_unit_test(test_facts_variants_swap_common_words_only),
        cmocka_unit_test(test_facts_acronym_same_initials_in_big_bank),
        cmocka_unit_test(test_facts_card_notes_kept_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
