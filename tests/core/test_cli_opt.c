/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command line's option tables (src/cli/opt.c): values bound from long
 * and short forms, numbers in range, operands, actions, the usage errors
 * every command shares, and the help printed from a table.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

/* The helper and what it uses (messages, the sanitiser, the database), as the binary has them. */
#include "../../src/cli/cli.c"
#include "../../src/cli/opt.c"
#include "../../src/cli/out.c"
#include "../../src/cli/term.c"

/* What a call wrote to one of the standard streams. */
struct capture {
    FILE *stream;
    FILE *file;
    int saved;
    char text[4096];
};

static void capture_begin(struct capture *c, FILE *stream)
{
    fflush(stream);
    c->stream = stream;
    c->file = tmpfile();
    assert_non_null(c->file);
    c->saved = dup(fileno(stream));
    assert_true(c->saved >= 0);
    assert_true(dup2(fileno(c->file), fileno(stream)) >= 0);
}

static const char *capture_end(struct capture *c)
{
    fflush(c->stream);
    dup2(c->saved, fileno(c->stream));
    close(c->saved);
    rewind(c->file);
    size_t n = fread(c->text, 1, sizeof(c->text) - 1, c->file);
    c->text[n] = '\0';
    fclose(c->file);
    return c->text;
}

/* Runs cli_parse on the words, argv[0] first, and returns its status; stderr goes to err. */
static int parse_words(struct capture *err, const struct cli_parser *p,
                       const struct cli_option *options, int argc, const char *const *words)
{
    static char storage[16][64];
    static char *argv[17]; /* operand lists point into it: it outlives the call */
    for (int i = 0; i < argc; i++) {
        snprintf(storage[i], sizeof(storage[i]), "%s", words[i]);
        argv[i] = storage[i];
    }
    argv[argc] = NULL;
    capture_begin(err, stderr);
    int status = cli_parse(p, options, argc, argv);
    capture_end(err);
    return status;
}

struct bound {
    bool json;
    const char *output;
    size_t count;
    int hour;
    int64_t session;
    struct cli_strings answers;
    const char *bank;
    struct cli_strings rest;
};

static bool parse_even(void *out, const char *text)
{
    size_t n = strlen(text);
    *(size_t *)out = n;
    return n % 2 == 0;
}

#define BOUND_TABLE(b)                                                                             \
    {                                                                                              \
        CLI_OPT_SWITCH_ROW("json", 0, &(b).json, "print JSON"),                                    \
            CLI_OPT_STRING_ROW("output", 'o', &(b).output, "FILE", "write FILE"),                  \
            CLI_OPT_NUMBER_ROW("count", 'c', &(b).count, 1, 50, "N", "how many",                   \
                               "--count wants a number from 1 to 50, not '%s'"),                   \
            CLI_OPT_NUMBER_ROW("hour", 0, &(b).hour, 0, 23, "H", "an hour",                        \
                               "--hour wants an hour 0-23"),                                       \
            CLI_OPT_NUMBER_ROW("session", 0, &(b).session, 1, LLONG_MAX, "ID", "a session", NULL), \
            CLI_OPT_STRINGS_ROW("answer", 'a', &(b).answers, "TEXT", "repeatable"),                \
            CLI_OPT_OPERAND_ROW("BANK", &(b).bank, "which bank? name one"),                        \
            CLI_OPT_OPERANDS_ROW("FACT", &(b).rest, NULL), CLI_OPT_END_ROW,                        \
    }

static void test_cli_opt_binds_every_kind_in_any_order(void **state)
{
    (void)state;
    struct bound b = {.hour = -1};
    const struct cli_option table[] = BOUND_TABLE(b);
    const struct cli_parser p = {"try", "recite try BANK", NULL, NULL, NULL};
    const char *words[] = {"try",   "fact1", "--json",    "-o",         "out.txt",
                           "bank1", "-c7",   "--hour=23", "--answer",   "one",
                           "-atwo", "fact2", "--session", "9000000000", "--ans=three"};
    struct capture err;
    assert_int_equal(parse_words(&err, &p, table, 15, words), CLI_CONTINUE);
    assert_string_equal(err.text, "");
    assert_true(b.json);
    assert_string_equal(b.output, "out.txt");
    assert_int_equal(b.count, 7);
    assert_int_equal(b.hour, 23);
    assert_int_equal(b.session, INT64_C(9000000000));
    /* Operands are bound in the order given, wherever the options stood. */
    assert_string_equal(b.bank, "fact1");
    assert_int_equal(b.rest.count, 2);
    assert_string_equal(b.rest.items[0], "bank1");
    assert_string_equal(b.rest.items[1], "fact2");
    /* A repeatable option keeps every value, the abbreviated long form too. */
    assert_int_equal(b.answers.count, 3);
    assert_string_equal(b.answers.items[0], "one");
    assert_string_equal(b.answers.items[1], "two");
    assert_string_equal(b.answers.items[2], "three");
    cli_strings_release(&b.answers);
    assert_null(b.answers.items);
}

static void test_cli_opt_refuses_numbers_out_of_range(void **state)
{
    (void)state;
    struct bound b = {.hour = -1};
    const struct cli_option table[] = BOUND_TABLE(b);
    const struct cli_parser p = {"try", "recite try BANK", NULL, NULL, NULL};
    struct capture err;
    const char *hour[] = {"try", "x", "--hour", "24"};
    assert_int_equal(parse_words(&err, &p, table, 4, hour), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: --hour wants an hour 0-23\nsee 'recite try --help'\n");
    assert_int_equal(b.hour, -1);
    /* "%s" in the message stands for the argument. */
    const char *count[] = {"try", "x", "-c", "0"};
    assert_int_equal(parse_words(&err, &p, table, 4, count), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: --count wants a number from 1 to 50, not '0'\n"
                                  "see 'recite try --help'\n");
    const char *junk[] = {"try", "x", "--count=7x"};
    assert_int_equal(parse_words(&err, &p, table, 3, junk), CLI_EXIT_USAGE);
    assert_non_null(strstr(err.text, "not '7x'"));
    const char *negative[] = {"try", "x", "--hour", "-1"};
    assert_int_equal(parse_words(&err, &p, table, 4, negative), CLI_EXIT_USAGE);
    const char *empty[] = {"try", "x", "--count", ""};
    assert_int_equal(parse_words(&err, &p, table, 4, empty), CLI_EXIT_USAGE);
    /* Past the range of long long is junk too, not the largest number. */
    const char *huge[] = {"try", "x", "--session", "99999999999999999999"};
    assert_int_equal(parse_words(&err, &p, table, 4, huge), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: --session does not take '99999999999999999999'\n"
                                  "see 'recite try --help'\n");
    assert_int_equal(b.session, 0);
}

static void test_cli_opt_parse_callbacks_see_the_argument(void **state)
{
    (void)state;
    size_t length = 0;
    const struct cli_option table[] = {
        CLI_OPT_PARSE_ROW("even", 'e', &length, parse_even, "TEXT", "an even length",
                          "'%s' is odd"),
        CLI_OPT_END_ROW,
    };
    const struct cli_parser p = {"try", "recite try", NULL, NULL, NULL};
    struct capture err;
    const char *good[] = {"try", "-e", "four"};
    assert_int_equal(parse_words(&err, &p, table, 3, good), CLI_CONTINUE);
    assert_int_equal(length, 4);
    const char *bad[] = {"try", "--even", "odd"};
    assert_int_equal(parse_words(&err, &p, table, 3, bad), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: 'odd' is odd\nsee 'recite try --help'\n");
}

static void test_cli_opt_usage_errors(void **state)
{
    (void)state;
    struct bound b = {0};
    const struct cli_option table[] = BOUND_TABLE(b);
    const struct cli_parser p = {"try", "recite try BANK", NULL, NULL, NULL};
    struct capture err;
    const char *unknown[] = {"try", "x", "--bogus"};
    assert_int_equal(parse_words(&err, &p, table, 3, unknown), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: unknown or incomplete option '--bogus'\n"
                                  "see 'recite try --help'\n");
    const char *incomplete[] = {"try", "x", "-o"};
    assert_int_equal(parse_words(&err, &p, table, 3, incomplete), CLI_EXIT_USAGE);
    assert_non_null(strstr(err.text, "unknown or incomplete option '-o'"));
    const char *short_unknown[] = {"try", "-Z", "x"};
    assert_int_equal(parse_words(&err, &p, table, 3, short_unknown), CLI_EXIT_USAGE);
    assert_non_null(strstr(err.text, "option '-Z'"));
    const char *switch_value[] = {"try", "x", "--json=yes"};
    assert_int_equal(parse_words(&err, &p, table, 3, switch_value), CLI_EXIT_USAGE);
    const char *no_bank[] = {"try", "--json"};
    assert_int_equal(parse_words(&err, &p, table, 2, no_bank), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: which bank? name one\nsee 'recite try --help'\n");
}

static void test_cli_opt_operands_optional_and_too_many(void **state)
{
    (void)state;
    const char *key = NULL, *value = NULL;
    const struct cli_option table[] = {
        CLI_OPT_OPERAND_ROW("KEY", &key, "which setting?"),
        CLI_OPT_OPERAND_ROW("VALUE", &value, NULL),
        CLI_OPT_END_ROW,
    };
    const struct cli_parser p = {"config", "recite config KEY [VALUE]", NULL, NULL, NULL};
    struct capture err;
    const char *one[] = {"config", "new_limit"};
    assert_int_equal(parse_words(&err, &p, table, 2, one), CLI_CONTINUE);
    assert_string_equal(key, "new_limit");
    assert_null(value);
    const char *two[] = {"config", "new_limit", "5"};
    assert_int_equal(parse_words(&err, &p, table, 3, two), CLI_CONTINUE);
    assert_string_equal(value, "5");
    const char *three[] = {"config", "a", "b", "c"};
    assert_int_equal(parse_words(&err, &p, table, 4, three), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: too many arguments\nsee 'recite config --help'\n");
    /* "--" ends the options: what follows is an operand even with a dash. */
    const char *dashed[] = {"config", "--", "-x"};
    assert_int_equal(parse_words(&err, &p, table, 3, dashed), CLI_CONTINUE);
    assert_string_equal(key, "-x");
    /* Every table has -h, without a row for it. */
    struct capture out;
    capture_begin(&out, stdout);
    const char *help[] = {"config", "-h"};
    assert_int_equal(parse_words(&err, &p, table, 2, help), CLI_EXIT_OK);
    assert_string_equal(capture_end(&out), "usage: recite config KEY [VALUE]\n"
                                           "\n"
                                           "options:\n"
                                           "  -h, --help                 show this help\n");
}

static void test_cli_opt_help_prints_the_table(void **state)
{
    (void)state;
    struct bound b = {0};
    const struct cli_option table[] = BOUND_TABLE(b);
    const struct cli_parser p = {"try", "recite try BANK [FACT]...\nrecite try --help",
                                 "Tries things.", NULL, NULL};
    struct capture out, err;
    capture_begin(&out, stdout);
    /* Help wins over what follows it, even a missing operand or a bad option. */
    const char *words[] = {"try", "--help", "--bogus"};
    int status = parse_words(&err, &p, table, 3, words);
    const char *text = capture_end(&out);
    assert_int_equal(status, CLI_EXIT_OK);
    assert_string_equal(err.text, "");
    assert_string_equal(text, "usage: recite try BANK [FACT]...\n"
                              "   or: recite try --help\n"
                              "\n"
                              "Tries things.\n"
                              "\n"
                              "options:\n"
                              "      --json                 print JSON\n"
                              "  -o, --output FILE          write FILE\n"
                              "  -c, --count N              how many\n"
                              "      --hour H               an hour\n"
                              "      --session ID           a session\n"
                              "  -a, --answer TEXT          repeatable\n"
                              "  -h, --help                 show this help\n");
    assert_false(b.json);
}

/* ---- actions ---- */

struct ran {
    const char *action;
    int argc;
    char **argv;
    bool flag;
    bool had_store;
};

/* Notes what it was run with; returns 3 for one, 4 for two. */
static int run_noted(const struct cli_call *call)
{
    struct ran *r = call->ctx;
    r->action = call->argc == 1 ? "one" : "two";
    r->argc = call->argc;
    r->argv = call->argv;
    r->had_store = call->st != NULL;
    return call->argc == 1 ? 3 : 4;
}

static int own_seen_argc;
static char own_seen_first[32];

static int run_own(int argc, char **argv)
{
    own_seen_argc = argc;
    snprintf(own_seen_first, sizeof(own_seen_first), "%s", argv[0]);
    return 5;
}

static const struct cli_action actions[] = {
    {"one", run_noted, 1, 1, "one needs exactly one NAME", false, NULL},
    {"two", run_noted, 0, 2, NULL, false, NULL},
    {"own", NULL, 0, 0, NULL, false, run_own},
    {"db", run_noted, 0, 0, NULL, true, NULL},
    {NULL, NULL, 0, 0, NULL, false, NULL},
};

static int run_words(struct capture *err, const char *default_action, struct ran *r, int argc,
                     const char *const *words)
{
    static char storage[16][64];
    static char *argv[17]; /* operand lists point into it: it outlives the call */
    for (int i = 0; i < argc; i++) {
        snprintf(storage[i], sizeof(storage[i]), "%s", words[i]);
        argv[i] = storage[i];
    }
    argv[argc] = NULL;
    const struct cli_option table[] = {
        CLI_OPT_SWITCH_ROW("flag", 'f', &r->flag, "a flag"),
        CLI_OPT_END_ROW,
    };
    const struct cli_parser p = {"act", "recite act one|two|own|db", NULL, actions, default_action};
    capture_begin(err, stderr);
    int status = cli_run(&p, table, r, argc, argv);
    capture_end(err);
    return status;
}

static void test_cli_opt_runs_the_action_named(void **state)
{
    (void)state;
    struct ran r = {0};
    struct capture err;
    const char *one[] = {"act", "-f", "one", "name"};
    assert_int_equal(run_words(&err, NULL, &r, 4, one), 3);
    assert_string_equal(r.action, "one");
    assert_true(r.flag);
    assert_int_equal(r.argc, 1);
    assert_string_equal(r.argv[0], "name");
    /* Options may follow the action and its operands. */
    memset(&r, 0, sizeof(r));
    const char *two[] = {"act", "two", "a", "b", "--flag"};
    assert_int_equal(run_words(&err, NULL, &r, 5, two), 4);
    assert_string_equal(r.action, "two");
    assert_true(r.flag);
    assert_int_equal(r.argc, 2);
    assert_string_equal(r.argv[1], "b");
    /* An action with options of its own is handed argv from its name on, unparsed. */
    const char *own[] = {"act", "own", "--its-own", "x"};
    assert_int_equal(run_words(&err, NULL, &r, 4, own), 5);
    assert_int_equal(own_seen_argc, 3);
    assert_string_equal(own_seen_first, "own");
    /* The default action runs when no operand names one. */
    memset(&r, 0, sizeof(r));
    const char *none[] = {"act"};
    assert_int_equal(run_words(&err, "two", &r, 1, none), 4);
    assert_string_equal(r.action, "two");
    assert_int_equal(r.argc, 0);
    assert_false(r.had_store);
}

static void test_cli_opt_opens_the_database_for_an_action(void **state)
{
    (void)state;
    char dir[] = "/tmp/recite-cli-opt-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof(path), "%s/test.db", dir);
    cli_globals.db_path = path;
    struct ran r = {0};
    struct capture err;
    const char *db[] = {"act", "db"};
    assert_int_equal(run_words(&err, NULL, &r, 2, db), 4);
    assert_true(r.had_store);
    assert_true(recite_file_exists(path));
    /* A usage error comes before the database is opened, so none is made. */
    unlink(path);
    const char *extra[] = {"act", "db", "extra"};
    assert_int_equal(run_words(&err, NULL, &r, 3, extra), CLI_EXIT_USAGE);
    assert_false(recite_file_exists(path));
    cli_globals.db_path = NULL;
    char command[128];
    snprintf(command, sizeof(command), "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

static void test_cli_opt_action_usage_errors(void **state)
{
    (void)state;
    struct ran r = {0};
    struct capture err;
    const char *none[] = {"act", "--flag"};
    assert_int_equal(run_words(&err, NULL, &r, 2, none), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: missing action (one, two, own or db)\n"
                                  "see 'recite act --help'\n");
    const char *unknown[] = {"act", "three"};
    assert_int_equal(run_words(&err, NULL, &r, 2, unknown), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: unknown action 'three' (one, two, own or db)\n"
                                  "see 'recite act --help'\n");
    const char *few[] = {"act", "one"};
    assert_int_equal(run_words(&err, NULL, &r, 2, few), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: one needs exactly one NAME\n"
                                  "see 'recite act --help'\n");
    const char *many[] = {"act", "one", "a", "b"};
    assert_int_equal(run_words(&err, NULL, &r, 4, many), CLI_EXIT_USAGE);
    assert_non_null(strstr(err.text, "one needs exactly one NAME"));
    const char *three[] = {"act", "two", "a", "b", "c"};
    assert_int_equal(run_words(&err, NULL, &r, 5, three), CLI_EXIT_USAGE);
    assert_string_equal(err.text, "recite: too many arguments\nsee 'recite act --help'\n");
    /* The own-options action is found only right after the command. */
    const char *late[] = {"act", "-f", "own"};
    assert_int_equal(run_words(&err, NULL, &r, 3, late), CLI_EXIT_USAGE);
    assert_non_null(strstr(err.text, "'own' takes its options after its name"));
    assert_null(r.action);
    const char *bad[] = {"act", "one", "x", "--nope"};
    assert_int_equal(run_words(&err, NULL, &r, 4, bad), CLI_EXIT_USAGE);
    assert_null(r.action);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_opt_binds_every_kind_in_any_order),
        cmocka_unit_test(test_cli_opt_refuses_numbers_out_of_range),
        cmocka_unit_test(test_cli_opt_parse_callbacks_see_the_argument),
        cmocka_unit_test(test_cli_opt_usage_errors),
        cmocka_unit_test(test_cli_opt_operands_optional_and_too_many),
        cmocka_unit_test(test_cli_opt_help_prints_the_table),
        cmocka_unit_test(test_cli_opt_runs_the_action_named),
        cmocka_unit_test(test_cli_opt_opens_the_database_for_an_action),
        cmocka_unit_test(test_cli_opt_action_usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
