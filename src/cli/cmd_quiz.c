/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite quiz: a fixed test of N questions drawn from a bank, each asked
 * once and scored with partial credit. It never touches the schedule. Every
 * question drawn is stored with the session before the first is asked, as
 * not answered, and again as soon as it is answered or skipped: a quiz ended
 * early still counts every question, and a score file can be made later.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "cmd.h"
#include "cmds.h"
#include "keys.h"
#include "repl.h"
#include "session.h"

/* Parses "90s", "15m", "1h30m" into int64_t milliseconds; a bare number is minutes. */
static bool parse_duration(void *out, const char *text)
{
    int64_t total = 0;
    const char *p = text;
    if (!*p)
        return false;
    while (*p) {
        if (!isdigit((unsigned char)*p))
            return false;
        int64_t v = 0;
        while (isdigit((unsigned char)*p) && v < INT64_C(1000000000))
            v = v * 10 + (*p++ - '0');
        char unit = *p ? *p++ : 'm';
        int64_t scale = unit == 's' ? 1000 : unit == 'm' ? 60000 : unit == 'h' ? 3600000 : 0;
        if (!scale)
            return false;
        total += v * scale;
    }
    *(int64_t *)out = total;
    return total > 0;
}

/* Keeps the name of a mode a quiz can ask in (not flash) in the const char * out. */
static bool parse_mode(void *out, const char *text)
{
    enum cli_mode mode;
    if (!cli_mode_parse(&mode, text) || mode == CLI_MODE_FLASH)
        return false;
    *(const char **)out = text;
    return true;
}

struct sign_options {
    bool sign;                        /* --sign */
    struct cli_export_options export; /* -o FILE, --student, --passphrase-file, --force */
};

struct quiz {
    struct recite_store *st;
    struct cli_repl *repl;
    const struct recite_bank *bank;
    struct recite_judge *judge; /* borrowed from the session */
    struct recite_card *cards;
    size_t count;
    enum cli_mode mode;
    int64_t session_id;
    int64_t deadline;                /* monotonic ms, 0: none */
    char **given;                    /* what was answered, per card */
    double *credit;                  /* per card */
    enum recite_item_status *status; /* per card; all RECITE_ITEM_UNANSWERED at first */
    size_t asked;
    bool ended;
};

/* What the student did with question i, stored at once. */
struct outcome {
    const char *given; /* "" unless answered */
    double credit;
    int rating;
    int64_t duration_ms;
    enum recite_item_status status;
};

/* The question as the student read it: a choice card asked typed reads as a typed question. */
static const char *asked_prompt(const struct quiz *q, size_t i)
{
    return recite_card_prompt_as(&q->cards[i], cli_effective_kind(&q->cards[i], q->mode));
}

static int record(struct quiz *q, size_t i, const struct outcome *o)
{
    char *expected = cli_card_expected(&q->cards[i]);
    char *given = recite_strdup(o->given);
    char *prompt = recite_strdup(asked_prompt(q, i));
    if (!expected || !given || !prompt) {
        free(expected);
        free(given);
        free(prompt);
        return cli_report(&(struct recite_error){RECITE_ENOMEM, "out of memory"});
    }
    struct recite_session_item item = {q->cards[i].uid, prompt,      expected,
                                       given,           o->credit,   o->rating,
                                       o->duration_ms,  o->status};
    struct recite_error err = {0};
    int rc = recite_store_session_item_add(q->st, q->session_id, (int)i, &item, &err);
    free(expected);
    free(prompt);
    if (rc < 0) {
        free(given);
        return cli_report(&err);
    }
    free(q->given[i]);
    q->given[i] = given;
    q->credit[i] = o->credit;
    q->status[i] = o->status;
    return 0;
}

/* Every question drawn, as not answered yet: quitting early cannot shrink the quiz. */
static int record_drawn(struct quiz *q)
{
    struct recite_error err = {0};
    if (recite_store_begin(q->st, &err) < 0)
        return cli_report(&err);
    int status = 0;
    for (size_t i = 0; i < q->count && status == 0; i++)
        status = record(q, i, &(struct outcome){"", 0.0, 0, 0, RECITE_ITEM_UNANSWERED});
    if (status != 0) {
        recite_store_rollback(q->st);
        return status;
    }
    return recite_store_commit(q->st, &err) < 0 ? cli_report(&err) : 0;
}

/* Asks question i; returns an exit status when the store failed, else 0. */
static int ask(struct quiz *q, size_t i)
{
    const struct recite_card *card = &q->cards[i];
    int col = printf("\n[%zu/%zu] ", i + 1, q->count) - 1;
    cli_card_print(stdout, card, q->mode, col);
    int64_t asked = cli_monotonic_ms();
    for (;;) {
        char *line = NULL;
        enum cli_read got = cli_repl_read(q->repl, "> ", &line);
        if (got == CLI_READ_CLEARED)
            continue;
        if (got != CLI_READ_LINE) {
            q->ended = true;
            return 0;
        }
        if (q->deadline && cli_monotonic_ms() > q->deadline) {
            free(line);
            puts("time is up: that answer came too late");
            q->ended = true;
            return 0;
        }
        const char *cmd = line + strspn(line, " \t");
        int status = 0;
        if (strncmp(cmd, ":skip", 5) == 0) {
            status = record(q, i,
                            &(struct outcome){"", 0.0, RECITE_AGAIN, cli_monotonic_ms() - asked,
                                              RECITE_ITEM_SKIPPED});
            puts("skipped");
        } else if (strncmp(cmd, ":quit", 5) == 0 || strcmp(cmd, ":q") == 0) {
            q->ended = true;
        } else if (strncmp(cmd, ":source", 7) == 0) {
            /* A scored quiz shows no source: the sentence holds the answer. */
            puts("no sources during a quiz: they hold the answers");
            free(line);
            continue;
        } else if (cmd[0] == ':') {
            puts(":skip leaves this question, :quit ends");
            free(line);
            continue;
        } else {
            struct cli_judgement j;
            if (cli_card_judge(stdout, q->judge, card, q->mode, line, &j) < 0)
                j = (struct cli_judgement){RECITE_ANSWER_WRONG, 0.0, RECITE_AGAIN, false};
            if (j.unclear) {
                free(line);
                continue;
            }
            status = record(q, i,
                            &(struct outcome){line, j.credit, j.rating, cli_monotonic_ms() - asked,
                                              RECITE_ITEM_ANSWERED});
        }
        free(line);
        return status;
    }
}

/* The answer column: the reply, or what became of the question. */
static const char *shown_answer(const struct quiz *q, size_t i)
{
    if (q->status[i] == RECITE_ITEM_SKIPPED)
        return "(skipped)";
    return q->status[i] == RECITE_ITEM_ANSWERED ? q->given[i] : "(not answered)";
}

static void print_results(const struct quiz *q)
{
    int width = cli_term_width(stdout);
    int text = (width - 16) / 3 > 12 ? (width - 16) / 3 : 12;
    double total = 0;
    size_t answered = 0, skipped = 0;
    printf("\n%-4s %-6s ", "#", "credit");
    cli_put_safe_width(stdout, "question", text);
    fputc(' ', stdout);
    cli_put_safe_width(stdout, "your answer", text);
    fputs(" expected\n", stdout);
    for (size_t i = 0; i < q->count; i++) {
        char *expected = cli_card_expected(&q->cards[i]);
        bool reply = q->status[i] == RECITE_ITEM_ANSWERED;
        total += reply ? q->credit[i] : 0;
        answered += reply;
        skipped += q->status[i] == RECITE_ITEM_SKIPPED;
        printf("%-4zu ", i + 1);
        if (q->status[i] != RECITE_ITEM_UNANSWERED)
            printf("%5.0f%% ", q->credit[i] * 100);
        else
            printf("%-6s ", "-");
        cli_put_safe_width(stdout, asked_prompt(q, i), text);
        fputc(' ', stdout);
        cli_put_safe_width(stdout, shown_answer(q, i), text);
        fputc(' ', stdout);
        cli_put_safe_width(stdout, expected ? expected : "", text);
        fputc('\n', stdout);
        free(expected);
    }
    /* Over every question drawn: one left unanswered counts 0. */
    printf("\nscore: %.2f of %zu (%.0f%%), answered %zu of %zu", total, q->count,
           q->count ? 100.0 * total / (double)q->count : 0.0, answered, q->count);
    if (skipped)
        printf(", %zu skipped", skipped);
    putchar('\n');
}

/* Splits "a,b c" into tags; the strings point into text (modified). */
static size_t split_tags(char *text, const char **tags, size_t cap)
{
    size_t n = 0;
    for (char *p = text; *p && n < cap;) {
        p += strspn(p, ", ");
        if (!*p)
            break;
        tags[n++] = p;
        p += strcspn(p, ", ");
        if (*p)
            *p++ = '\0';
    }
    return n;
}

static int run(struct quiz *q, const char *slug, const struct recite_quiz_options *opts,
               const struct sign_options *sign)
{
    struct recite_error err = {0};
    int64_t now;
    char *params = recite_quiz_params_json(opts);
    int rc = recite_now_ms(&now, &err);
    if (rc == 0)
        rc = recite_store_session_begin(q->st, "quiz", slug, now, opts->seed, params,
                                        &q->session_id, &err);
    free(params);
    if (rc < 0)
        return cli_report(&err);
    if ((rc = record_drawn(q)) != 0)
        return rc;
    printf("quiz · ");
    cli_put_safe(stdout, q->bank->title && *q->bank->title ? q->bank->title : slug);
    printf(" · %zu questions · seed %llu\n", q->count, (unsigned long long)opts->seed);
    q->repl = cli_repl_open(NULL);
    if (opts->time_limit_ms)
        q->deadline = cli_monotonic_ms() + opts->time_limit_ms;
    int status = 0;
    for (size_t i = 0; i < q->count && !q->ended && status == 0 && !cli_repl_terminated(); i++) {
        if (q->deadline && cli_monotonic_ms() > q->deadline) {
            puts("\ntime is up");
            break;
        }
        status = ask(q, i);
    }
    print_results(q);
    if (recite_now_ms(&now, &err) == 0)
        recite_store_session_end(q->st, q->session_id, now, &err);
    printf("saved as quiz session %lld\n", (long long)q->session_id);
    fflush(stdout);
    if (status == 0 && sign->sign)
        status = cli_score_export(q->st, q->session_id, &sign->export);
    return status;
}

/* Whether the score file can be written: asked before the quiz, not after it. */
static bool output_free(const struct cli_export_options *export)
{
    const char *path = export->output;
    if (!path || export->force)
        return true;
    char *sig = recite_minisig_path(path);
    const char *taken = recite_file_exists(path)         ? path
                        : sig && recite_file_exists(sig) ? sig
                                                         : NULL;
    if (taken)
        cli_error("'%s' exists (use --force to replace it)", taken);
    free(sig);
    return !taken;
}

static const struct cli_parser parser = {
    .command = "quiz",
    .synopsis = "recite quiz BANK [--count N] [--seed S] [--tags T] [--time-limit D] "
                "[--mode MODE] [--sign [-o FILE [--force]]]",
    .summary = "A fixed test: each question asked once, scored with partial credit,\n"
               "results in a table at the end. The schedule is not changed. At the\n"
               "prompt, :skip leaves a question unanswered and :quit ends the quiz.",
};

/* recite quiz BANK [--count N] [--seed S] [--tags T] [--time-limit D] [--mode MODE] */
int cmd_quiz(int argc, char **argv)
{
    struct recite_quiz_options opts = {.count = 20, .mode = "auto"};
    const char *seed_text = NULL;
    char *tag_text = NULL;
    const char *tags[64];
    enum cli_mode mode = CLI_MODE_AUTO;
    struct sign_options sign = {0};
    const char *bank = NULL;
    const struct cli_option options[] = {
        CLI_OPT_OPERAND_ROW("BANK", &bank, "which bank? name one"),
        CLI_OPT_NUMBER_ROW("count", 'c', &opts.count, 1, LLONG_MAX, "N",
                           "number of questions (default 20)", "--count wants a positive number"),
        CLI_OPT_STRING_ROW("seed", 's', &seed_text, "S", "seed: the same seed gives the same quiz"),
        CLI_OPT_STRING_ROW("tags", 't', &tag_text, "T",
                           "only facts with one of these tags (comma separated)"),
        CLI_OPT_PARSE_ROW("time-limit", 0, &opts.time_limit_ms, parse_duration, "D",
                          "stop after D (e.g. 90s, 15m, 1h)",
                          "--time-limit wants a duration like 90s or 15m"),
        CLI_OPT_PARSE_ROW("mode", 'm', &opts.mode, parse_mode, "MODE",
                          "auto, typed or choice (default auto)",
                          "mode must be auto, typed or choice"),
        CLI_OPT_SWITCH_ROW("sign", 0, &sign.sign, "write a signed score file of the result"),
        CLI_OPT_STRING_ROW("output", 'o', &sign.export.output, "FILE",
                           "with --sign: the score file (FILE.minisig too)"),
        CLI_OPT_STRING_ROW("student", 0, &sign.export.student, "NAME",
                           "with --sign: the student's name"),
        CLI_OPT_STRING_ROW("passphrase-file", 0, &sign.export.passphrase_file, "F",
                           "with --sign: read the key's passphrase from F"),
        CLI_OPT_SWITCH_ROW("force", 0, &sign.export.force,
                           "with --sign: replace FILE and FILE.minisig"),
        CLI_OPT_END_ROW,
    };
    int status = cli_parse(&parser, options, argc, argv);
    if (status != CLI_CONTINUE)
        return status;
    cli_mode_parse(&mode, opts.mode);
    if (!cli_seed_parse(&opts.seed, seed_text))
        return cli_usage_error("quiz", "--seed wants a non-negative integer");
    if (sign.sign && !output_free(&sign.export))
        return CLI_EXIT_CANTCREAT;
    if (tag_text) {
        opts.tags = tags;
        opts.tag_count = split_tags(tag_text, tags, sizeof(tags) / sizeof(tags[0]));
    }
    struct quiz q = {.mode = mode};
    struct cli_session session = {0};
    status = cli_session_open_store(&q.st);
    if (status != 0)
        return status;
    session.st = q.st;
    session.seed = opts.seed;
    struct recite_error err = {0};
    q.bank = cli_session_bank(&session, bank);
    if (!q.bank) {
        status = CLI_EXIT_NOINPUT;
    } else if (!(q.judge = cli_session_judge(&session, q.bank->id))) {
        status = CLI_EXIT_SOFTWARE;
    } else if (recite_quiz_draw(&q.cards, &q.count, q.bank, &opts, &err) < 0) {
        status = cli_report(&err);
    } else if (!(q.given = calloc(q.count + 1, sizeof(char *))) ||
               !(q.credit = calloc(q.count + 1, sizeof(double))) ||
               !(q.status = calloc(q.count + 1, sizeof(*q.status)))) {
        cli_error("out of memory");
        status = CLI_EXIT_SOFTWARE;
    } else {
        status = run(&q, bank, &opts, &sign);
    }
    for (size_t i = 0; q.given && i < q.count; i++)
        free(q.given[i]);
    free(q.given);
    free(q.credit);
    free(q.status);
    recite_cards_free(q.cards, q.count);
    cli_repl_close(q.repl);
    cli_session_release(&session);
    recite_store_close(q.st);
    return status;
}
