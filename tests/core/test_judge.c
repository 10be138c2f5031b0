/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The judge against a teacher: every row of tests/data/judge/ (TSV) is a
 * reply to a card of banks/nato.bank with the grade a teacher gives it
 * (verdict and credit); each is judged at three seeds (options, subjects
 * and orders differ) and every disagreement is listed. Plus the rules a
 * table cannot show: the dictionary's part, the lexicon's part, unclear
 * replies recording nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recite.h"

#define SEEDS 3

static struct recite_bank *nato;
static struct recite_judge *judge;

static int setup(void **state)
{
    (void)state;
    struct recite_error err = {0};
    if (recite_bank_load(&nato, RECITE_SOURCE_DIR "/banks/nato.bank", NULL, &err) < 0) {
        fprintf(stderr, "cannot load banks/nato.bank: %s\n", err.msg);
        return -1;
    }
    if (recite_judge_new(&judge, nato->language, &err) < 0 ||
        recite_judge_add_bank(judge, nato, &err) < 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    recite_judge_free(judge);
    recite_bank_free(nato);
    return 0;
}

/* Appends text to a fixed buffer; false when it does not fit. */
static bool put(char *buf, size_t size, size_t *len, const char *text, size_t n)
{
    if (*len + n + 1 > size)
        return false;
    memcpy(buf + *len, text, n);
    *len += n;
    buf[*len] = '\0';
    return true;
}

static size_t wrong_option(const struct recite_card *card)
{
    return card->correct == 0 ? 1 : 0;
}

/* The letters of an order card, in the right order, reversed or with the first two swapped. */
static void order_letters(char *out, const struct recite_card *card, const char *how)
{
    size_t n = card->option_count, len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = strcmp(how, "wrong") == 0 ? n - 1 - i
                   : strcmp(how, "swap") == 0 && i < 2 ? 1 - i
                                                        : i;
        if (len)
            out[len++] = ' ';
        out[len++] = (char)('a' + card->order[k]);
    }
    out[len] = '\0';
}

/* One placeholder (without braces) as text for card; false when unknown. */
static bool expand_one(char *out, size_t size, const char *name, const struct recite_card *card)
{
    const char *text = NULL;
    char letter[2] = {0};
    if (card->answer_kind == RECITE_ANSWER_ORDER &&
        (strcmp(name, "right") == 0 || strcmp(name, "wrong") == 0 || strcmp(name, "swap") == 0)) {
        if (size < 2 * 26 + 1)
            return false;
        order_letters(out, card, name);
        return true;
    }
    if (strcmp(name, "right") == 0)
        letter[0] = (char)('a' + card->correct);
    else if (strcmp(name, "wrong") == 0)
        letter[0] = (char)('a' + wrong_option(card));
    else if (strcmp(name, "right-text") == 0)
        text = card->options[card->correct];
    else if (strcmp(name, "wrong-text") == 0)
        text = card->options[wrong_option(card)];
    else if (strcmp(name, "yes") == 0)
        text = card->truth ? "yes" : "no";
    else if (strcmp(name, "no") == 0)
        text = card->truth ? "no" : "yes";
    if (letter[0])
        text = letter;
    if (!text && (strncmp(name, "right:", 6) == 0 || strncmp(name, "wrong:", 6) == 0)) {
        const char *a = name + 6, *bar = strchr(a, '|');
        if (!bar)
            return false;
        bool first = (name[0] == 'r') == card->truth;
        size_t n = first ? (size_t)(bar - a) : strlen(bar + 1);
        if (n + 1 > size)
            return false;
        memcpy(out, first ? a : bar + 1, n);
        out[n] = '\0';
        return true;
    }
    if (!text || strlen(text) + 1 > size)
        return false;
    memcpy(out, text, strlen(text) + 1);
    return true;
}

/* The reply with its {placeholders} filled in from card. */
static bool expand(char *out, size_t size, const char *reply, const struct recite_card *card)
{
    size_t len = 0;
    out[0] = '\0';
    for (const char *p = reply; *p;) {
        const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
        if (!open || !close)
            return put(out, size, &len, p, strlen(p));
        char name[128], value[512];
        size_t n = (size_t)(close - open - 1);
        if (n >= sizeof(name) || !put(out, size, &len, p, (size_t)(open - p)))
            return false;
        memcpy(name, open + 1, n);
        name[n] = '\0';
        if (!expand_one(value, sizeof(value), name, card) ||
            !put(out, size, &len, value, strlen(value)))
            return false;
        p = close + 1;
    }
    return true;
}

struct row {
    char *card, *mode, *reply, *verdict, *credit, *why;
    unsigned line;
};

/* Splits a table line into its six columns (in place); false when malformed. */
static bool split_row(struct row *r, char *line)
{
    char **cols[] = {&r->card, &r->mode, &r->reply, &r->verdict, &r->credit, &r->why};
    char *p = line;
    for (size_t i = 0; i < 6; i++) {
        *cols[i] = p;
        char *tab = strchr(p, '\t');
        if (!tab) {
            if (i < 4)
                return false;
            for (size_t k = i + 1; k < 6; k++)
                *cols[k] = p + strlen(p);
            return true;
        }
        *tab = '\0';
        p = tab + 1;
    }
    return true;
}

/* Judges one row at one seed; writes a line to report and returns false on disagreement. */
static bool check_row(const struct row *r, uint64_t seed, FILE *report, bool *seed_matters,
                      bool *full_credit_trap)
{
    char key[4200], reply[2048];
    snprintf(key, sizeof(key), "%s", r->card);
    char *slash = strchr(key, '/');
    if (!slash) {
        fprintf(report, "line %u: card '%s' is not FACT/TEMPLATE\n", r->line, r->card);
        return false;
    }
    *slash = '\0';
    const struct recite_fact *fact = recite_bank_find_fact(nato, key);
    struct recite_card card;
    struct recite_error err = {0};
    if (!fact || recite_card_build(&card, nato, fact, slash + 1, seed, &err) < 0) {
        fprintf(report, "line %u: no card %s\n", r->line, r->card);
        return false;
    }
    *seed_matters = strchr(r->reply, '{') != NULL;
    bool ok = expand(reply, sizeof(reply), r->reply, &card);
    enum recite_mode mode = strcmp(r->mode, "typed") == 0 ? RECITE_MODE_TYPED : RECITE_MODE_AUTO;
    struct recite_judgement j = {0};
    if (ok)
        ok = recite_judge_reply(&j, judge, &card, recite_card_asked_as(&card, mode), reply, &err) ==
             0;
    double credit = strtod(r->credit, NULL);
    if (ok) {
        const char *got = recite_judgement_verdict_name(&j);
        ok = strcmp(got, r->verdict) == 0 && j.credit > credit - 0.011 && j.credit < credit + 0.011;
        *full_credit_trap = strcmp(r->verdict, "wrong") == 0 && j.credit >= 1.0;
        if (!ok)
            fprintf(report, "line %u: %s [%s] '%s': want %s %.3f, got %s %.3f (%s)\n", r->line,
                    r->card, r->mode, reply, r->verdict, credit, got, j.credit,
                    j.feedback ? j.feedback : "");
    } else {
        fprintf(report, "line %u: %s: cannot judge '%s'\n", r->line, r->card, r->reply);
    }
    recite_judgement_release(&j);
    recite_card_release(&card);
    return ok;
}

/* Rows read, rows judged otherwise, and wrong replies given full credit. */
struct tally {
    size_t rows, failures, traps;
};

static void run_table(const char *path, struct tally *t)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096];
    unsigned number = 0;
    bool header = true;
    while (fgets(line, sizeof(line), f)) {
        number++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (header) {
            header = false;
            continue;
        }
        struct row r = {.line = number};
        if (!split_row(&r, line)) {
            printf("%s:%u: not six columns\n", path, number);
            t->failures++;
            continue;
        }
        t->rows++;
        for (uint64_t seed = 1; seed <= SEEDS; seed++) {
            bool seed_matters = false, trap = false;
            bool ok = check_row(&r, seed, stdout, &seed_matters, &trap);
            t->traps += trap;
            if (!ok) {
                t->failures++;
                break;
            }
            if (!seed_matters)
                break;
        }
    }
    fclose(f);
}

/* The table the judge was built against: every reply as the teacher grades it. */
static void test_judge_teacher_table(void **state)
{
    (void)state;
    struct tally t = {0};
    run_table(RECITE_TEST_DATA "/judge/nato-replies.tsv", &t);
    printf("teacher table: %zu replies, %zu judged otherwise\n", t.rows, t.failures);
    assert_true(t.rows >= 150);
    assert_int_equal(t.failures, 0);
}

/*
 * A second teacher's table, written apart from the first and not tuned
 * against: at least 95% of replies graded as that teacher grades them, and
 * no reply the teacher marks wrong gets full credit.
 */
static void test_judge_second_teacher(void **state)
{
    (void)state;
    struct tally t = {0};
    run_table(RECITE_TEST_DATA "/judge/nato-replies-heldout.tsv", &t);
    printf("second teacher: %zu replies, %zu judged otherwise (%.1f%% agree), %zu wrong replies "
           "given full credit\n",
           t.rows, t.failures, 100.0 * (double)(t.rows - t.failures) / (double)t.rows, t.traps);
    assert_true(t.rows >= 150);
    assert_true((t.rows - t.failures) * 100 >= t.rows * 95);
    assert_int_equal(t.traps, 0);
}

/* The card of key/template at seed 1; the test fails when it cannot be built. */
static void card_of(struct recite_card *card, const char *key, const char *template_name)
{
    const struct recite_fact *fact = recite_bank_find_fact(nato, key);
    assert_non_null(fact);
    assert_int_equal(recite_card_build(card, nato, fact, template_name, 1, NULL), 0);
}

static const char *judged(const struct recite_card *card, const char *reply)
{
    static char verdict[16];
    struct recite_judgement j;
    assert_int_equal(recite_judge_reply(&j, judge, card, card->answer_kind, reply, NULL), 0);
    snprintf(verdict, sizeof(verdict), "%s", recite_judgement_verdict_name(&j));
    recite_judgement_release(&j);
    return verdict;
}

/*
 * Without a dictionary only the bank's own names guard typos: a real word
 * the bank does not know ("peace" typed as "Africans") is then read as a
 * slip. With hunspell's dictionary the same reply is a different word.
 */
static void test_judge_dictionary_tells_words_from_slips(void **state)
{
    (void)state;
    struct recite_bank *bank = NULL;
    struct recite_fact *fact = NULL;
    const char *long_form[] = {"Americans"};
    assert_int_equal(recite_bank_new(&bank, "words", NULL), 0);
    assert_int_equal(recite_bank_add_fact(bank, RECITE_FACT_QUESTION, "who", &fact, NULL), 0);
    const char *ask[] = {"Who joined the war in 1917?"};
    assert_int_equal(recite_fact_add_field(fact, "ask", ask, 1, NULL), 0);
    assert_int_equal(recite_fact_add_field(fact, "answer", long_form, 1, NULL), 0);
    struct recite_card card;
    assert_int_equal(recite_card_build(&card, bank, fact, "typed", 1, NULL), 0);
    struct recite_judge *plain = NULL;
    setenv("RECITE_DICT", "none", 1);
    assert_int_equal(recite_judge_new(&plain, "en", NULL), 0);
    assert_int_equal(recite_judge_add_bank(plain, bank, NULL), 0);
    struct recite_judgement j;
    assert_int_equal(recite_judge_reply(&j, plain, &card, card.answer_kind, "Africans", NULL), 0);
    assert_string_equal(recite_judgement_verdict_name(&j), "almost");
    recite_judgement_release(&j);
    recite_judge_free(plain);
    unsetenv("RECITE_DICT");
    struct recite_judge *worded = NULL;
    assert_int_equal(recite_judge_new(&worded, "en", NULL), 0);
    assert_int_equal(recite_judge_add_bank(worded, bank, NULL), 0);
    assert_int_equal(recite_judge_reply(&j, worded, &card, card.answer_kind, "Africans", NULL), 0);
    bool have_dictionary = strcmp(recite_judgement_verdict_name(&j), "wrong") == 0;
    recite_judgement_release(&j);
    assert_int_equal(recite_judge_reply(&j, worded, &card, card.answer_kind, "Amercans", NULL), 0);
    assert_string_equal(recite_judgement_verdict_name(&j), "almost"); /* no word: a slip */
    recite_judgement_release(&j);
    recite_judge_free(worded);
    recite_card_release(&card);
    recite_bank_free(bank);
    if (!have_dictionary)
        skip(); /* hunspell-en-us is not installed here */
}

/* Another name the bank knows is that name, never a slip for the answer. */
static void test_judge_other_names_are_not_typos(void **state)
{
    (void)state;
    struct recite_card card;
    card_of(&card, "legacy-threats", "members");
    assert_string_equal(judged(&card, "China, South Korea, Russia"), "partial");
    assert_string_equal(judged(&card, "China, North Korea, Russia"), "right");
    assert_string_equal(judged(&card, "China, Nort Korea, Russia"), "almost");
    recite_card_release(&card);
    card_of(&card, "warsaw-pact-members", "members");
    assert_string_equal(judged(&card, "West Germany"), "wrong");
    recite_card_release(&card);
}

/*
 * An event told in one's own words is wrong when it names another thing
 * the bank knows, in one word or several, anywhere in the reply; a name
 * inside a longer word is not that name.
 */
static void test_judge_event_naming_another(void **state)
{
    (void)state;
    struct recite_card card;
    card_of(&card, "accession-2009", "when-what");
    static const struct {
        const char *reply, *verdict;
    } cases[] = {
        {"Albania and Croatia join NATO", "right"},
        {"Albania and Montenegro join NATO", "wrong"},
        {"Montenegro, Albania and Croatia join NATO", "wrong"},
        {"Albania and Croatia join NATO with North Macedonia", "wrong"},
        {"Albania and Croatia join NATO in the spring", "right"},
        {"Albania and Croatia join NATO, not Xmontenegro", "right"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct recite_judgement j;
        assert_int_equal(
            recite_judge_reply(&j, judge, &card, RECITE_ANSWER_TYPED, cases[i].reply, NULL), 0);
        if (strcmp(recite_judgement_verdict_name(&j), cases[i].verdict) != 0)
            fail_msg("'%s': %s, not %s", cases[i].reply, recite_judgement_verdict_name(&j),
                     cases[i].verdict);
        recite_judgement_release(&j);
    }
    recite_card_release(&card);
}

/*
 * A fill passes over the kinds recite_judge_kind_has_names() rules out: a
 * bank refuses those kinds any field the lexicon reads names from, and
 * every kind it allows one holds names.
 */
static void test_judge_kinds_without_names(void **state)
{
    (void)state;
    static const char *const heads[RECITE_FACT_KIND_COUNT] = {
        [RECITE_FACT_ACRONYM] = "acronym AB\nlong: A B\n",
        [RECITE_FACT_EVENT] = "event e1\nwhen: 1952\nwhat: Greece joins\n",
        [RECITE_FACT_SET] = "set s1\nprompt: states\nmember: Greece\nmember: Italy\n",
        [RECITE_FACT_QUESTION] = "question q1\nask: Which?\nanswer: Greece\n",
        [RECITE_FACT_CLOZE] = "cloze c1\ntext: {{Greece}} joined\n",
    };
    static const char *const named[] = {"member", "nonmember", "answer", "wrong",
                                        "short",  "long",      "text"};
    for (int kind = 0; kind < RECITE_FACT_KIND_COUNT; kind++) {
        bool holds = kind == RECITE_FACT_ACRONYM || kind == RECITE_FACT_CLOZE;
        for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
            char text[512];
            snprintf(text, sizeof(text), "bank k\ntitle: K\nlanguage: en\n\n%s%s: Spain\n",
                     heads[kind], named[i]);
            struct recite_bank *bank = NULL;
            if (recite_bank_parse(&bank, text, strlen(text), NULL, NULL) == 0 &&
                recite_fact_get(&bank->facts[0], named[i]))
                holds = true;
            recite_bank_free(bank);
        }
        if (holds != recite_judge_kind_has_names((enum recite_fact_kind)kind))
            fail_msg("%s: holds names %d, judge says %d", recite_fact_kind_name(kind), holds,
                     recite_judge_kind_has_names((enum recite_fact_kind)kind));
    }
}

/* An unclear reply records nothing: the judgement says so and carries no rating. */
static void test_judge_unclear_replies(void **state)
{
    (void)state;
    struct recite_card card;
    card_of(&card, "NATO", "short-long");
    assert_string_equal(judged(&card, ""), "unclear");
    assert_string_equal(judged(&card, "   "), "unclear");
    assert_string_equal(judged(&card, "?"), "wrong");
    recite_card_release(&card);
    card_of(&card, "NATO", "short-long-choice");
    assert_string_equal(judged(&card, "a b"), "unclear");
    assert_string_equal(judged(&card, "yes"), "unclear");
    assert_string_equal(judged(&card, "z"), "unclear");
    recite_card_release(&card);
}

/*
 * A lexicon kept as bytes and read back judges as the one filled from the
 * facts: the teacher's tables and the lexicon's own rules give the same
 * verdicts with it, and it writes the same bytes again.
 */
static void test_judge_kept_lexicon(void **state)
{
    struct recite_error err = {0};
    unsigned char *data = NULL, *again = NULL;
    size_t len = 0, again_len = 0;
    assert_int_equal(recite_judge_lexicon_save(judge, &data, &len, &err), 0);
    struct recite_judge *filled = judge, *kept = NULL;
    assert_int_equal(recite_judge_new(&kept, nato->language, &err), 0);
    recite_judge_fill_with(kept, NULL, NULL);
    assert_int_equal(recite_judge_lexicon_load(kept, data, len, &err), 0);
    assert_int_equal(recite_judge_lexicon_save(kept, &again, &again_len, &err), 0);
    assert_int_equal(again_len, len);
    assert_memory_equal(again, data, len);
    judge = kept;
    test_judge_teacher_table(state);
    test_judge_second_teacher(state);
    test_judge_other_names_are_not_typos(state);
    test_judge_event_naming_another(state);
    judge = filled;
    recite_judge_free(kept);
    free(again);
    free(data);
}

/* Bytes that are not a whole lexicon are refused, the judge left empty and usable. */
static void test_judge_kept_lexicon_damaged(void **state)
{
    (void)state;
    struct recite_error err = {0};
    unsigned char *data = NULL;
    size_t len = 0;
    assert_int_equal(recite_judge_lexicon_save(judge, &data, &len, &err), 0);
    assert_true(len > 64);
    uint32_t names = (uint32_t)data[4] | (uint32_t)data[5] << 8 | (uint32_t)data[6] << 16;
    size_t groups_at = 16 + (size_t)names * 12;
    struct {
        const char *what;
        size_t at; /* byte changed; SIZE_MAX: the length cut by one */
        unsigned char to;
    } damage[] = {
        {"cut short", SIZE_MAX, 0},
        {"another magic", 0, 'X'},
        {"a name's text inside another name", 16, 1},
        {"a name in a group past the last", 16 + 7, 0x7f},
        {"a group starting elsewhere", groups_at + 8, 0x7f},
        {"an arena without its final NUL", len - 1, 'x'},
        {"a name with no code points", 16 + 8, 0},
    };
    for (size_t i = 0; i < sizeof(damage) / sizeof(damage[0]); i++) {
        unsigned char *copy = malloc(len);
        assert_non_null(copy);
        memcpy(copy, data, len);
        size_t n = len;
        if (damage[i].at == SIZE_MAX)
            n--;
        else
            copy[damage[i].at] = damage[i].to;
        struct recite_judge *kept = NULL;
        assert_int_equal(recite_judge_new(&kept, nato->language, &err), 0);
        recite_judge_fill_with(kept, NULL, NULL);
        int rc = recite_judge_lexicon_load(kept, copy, n, &err);
        if (rc != RECITE_EDATA)
            fail_msg("%s: load gave %d, not RECITE_EDATA", damage[i].what, rc);
        /* refused bytes leave nothing behind: the judge can still be filled */
        assert_int_equal(recite_judge_add_bank(kept, nato, &err), 0);
        recite_judge_free(kept);
        free(copy);
    }
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_judge_teacher_table),
        cmocka_unit_test(test_judge_second_teacher),
        cmocka_unit_test(test_judge_dictionary_tells_words_from_slips),
        cmocka_unit_test(test_judge_other_names_are_not_typos),
        cmocka_unit_test(test_judge_event_naming_another),
        cmocka_unit_test(test_judge_kinds_without_names),
        cmocka_unit_test(test_judge_unclear_replies),
        cmocka_unit_test(test_judge_kept_lexicon),
        cmocka_unit_test(test_judge_kept_lexicon_damaged),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
