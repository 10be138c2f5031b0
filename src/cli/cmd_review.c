/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite review: today's spaced-repetition session. Each answer is judged,
 * given a proposed rating and committed (review row and card state, one
 * transaction) before anything else is shown; the student may then change
 * the rating with 1-4. Off a terminal it reads one line per prompt.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "cmd.h"
#include "cmds.h"
#include "repl.h"
#include "session.h"

static const char summary[] =
    "Reviews the cards due today, in BANK or in every bank. At the prompt:\n"
    "type the answer; :help lists the commands (:skip :undo :source :suspend\n"
    ":quit). After each answer, Enter keeps the proposed rating and 1-4\n"
    "changes it. Ctrl-C clears the line; Ctrl-C twice or Ctrl-D ends.\n"
    "\n"
    "Grading: case, accents, British or American spelling, digits or number\n"
    "words and any spelling the bank lists are all right; a slip that makes\n"
    "no word is almost right, but another real name or word (Austria for\n"
    "Australia) is wrong. Lists earn the share of members named, in any\n"
    "order; a wrong name costs only when you name more than asked. An empty\n"
    "line, a reply naming no option or several, or neither yes nor no is\n"
    "asked again and nothing is recorded; ? means you do not know.";

/* A card the session suspended as a leech. */
struct leech {
    char *prompt;  /* the card's prompt */
    size_t answer; /* the answer that made it a leech (0: the session's first) */
};

struct review {
    struct recite_store *st;
    struct cli_session session;
    struct recite_queue *queue;
    struct cli_repl *repl;
    enum cli_mode mode;
    int64_t session_id;        /* 0 until the first answer stores the session */
    int64_t begun_at;          /* when the session began (RECITE_NOW clock) */
    const char *bank_slug;     /* the session's bank; NULL for all */
    int64_t started_ms;        /* monotonic */
    struct leech *leeches;     /* cards suspended as leeches */
    size_t leech_count;
    bool ended;                /* :quit, Ctrl-D, signal */
    int status;                /* exit status when something failed */
};

static void print_session_help(void)
{
    fputs(":help     this list\n"
          ":skip     come back to this card later\n"
          ":undo     take back the previous answer (or :suspend) and ask it again\n"
          ":source   where this fact comes from (after you answer)\n"
          ":suspend  never show this card again (until unsuspended)\n"
          ":quit     end the session (Ctrl-D too)\n",
          stdout);
}

static int fail(struct review *r, const struct recite_error *err)
{
    r->status = cli_report(err);
    r->ended = true;
    return -1;
}

static void print_ratings(struct review *r, const struct recite_card_row *row, int proposed,
                          int64_t now)
{
    static const char *const names[] = {"", "Again", "Hard", "Good", "Easy"};
    int64_t due[5];
    struct recite_error err = {0};
    if (recite_queue_preview(r->queue, row, now, due, &err) < 0)
        return;
    fputs("  ", stdout);
    for (int i = 1; i <= 4; i++) {
        char span[16];
        cli_format_span(span, sizeof(span), due[i] - now);
        fprintf(stdout, "%s%d %s %s%s", i == proposed ? "[" : "", i, names[i], span,
                i == proposed ? "]" : "");
        fputs(i < 4 ? " · " : "\n", stdout);
    }
}

/* What the rating prompt asked for. */
enum after { AFTER_NEXT, AFTER_END, AFTER_UNDO };

/* The rating prompt after an answer: Enter keeps it, 1-4 changes it. */
static enum after rating_prompt(struct review *r, const struct recite_card_row *row,
                                const struct recite_queue_answer *answer,
                                const struct recite_bank *bank, const struct recite_fact *fact)
{
    for (;;) {
        char *line = NULL;
        enum cli_read got = cli_repl_read(r->repl, "rating (Enter keeps, 1-4 changes)> ", &line);
        if (got == CLI_READ_CLEARED)
            continue;
        if (got != CLI_READ_LINE) {
            r->ended = true;
            return AFTER_END;
        }
        char *p = line + strspn(line, " \t");
        p[strcspn(p, " \t")] = '\0';
        enum after next = AFTER_NEXT;
        bool again = false;
        if (p[0] >= '1' && p[0] <= '4' && p[1] == '\0') {
            int rating = p[0] - '0';
            if (rating != answer->rating) {
                struct recite_queue_answer changed = *answer;
                changed.rating = rating;
                struct recite_queue_outcome outcome;
                struct recite_error err = {0};
                int64_t now;
                if (recite_now_ms(&now, &err) < 0 ||
                    recite_queue_rerate(r->queue, row, &changed, now, &outcome, &err) < 0) {
                    free(line);
                    fail(r, &err);
                    return AFTER_END;
                }
                char span[16];
                cli_format_span(span, sizeof(span), outcome.due - now);
                printf("rating changed; next in %s\n", span);
            }
        } else if (strcmp(p, ":quit") == 0 || strcmp(p, ":q") == 0) {
            r->ended = true;
            next = AFTER_END;
        } else if (strcmp(p, ":undo") == 0) {
            next = AFTER_UNDO;
        } else if (strcmp(p, ":source") == 0) {
            cli_session_print_source(stdout, bank, fact);
            again = true;
        } else if (p[0] != '\0') {
            puts("press Enter to go on, 1-4 to change the rating, or :undo / :quit");
            again = true;
        }
        free(line);
        if (!again)
            return next;
    }
}

/* Answers still standing: the queue's tally, after any undo. */
static size_t answered(const struct review *r)
{
    struct recite_queue_tally t;
    recite_queue_tally(r->queue, &t);
    return t.answered;
}

/* Takes the leech the last answer made (just undone) out of the summary. */
static void forget_answer(struct review *r)
{
    if (r->leech_count > 0 && r->leeches[r->leech_count - 1].answer == answered(r))
        free(r->leeches[--r->leech_count].prompt);
}

static bool undo_last(struct review *r)
{
    struct recite_error err = {0};
    struct recite_queue_undone undone;
    if (recite_queue_undo(r->queue, &undone, &err) < 0) {
        char *safe = cli_sanitize(err.msg, strlen(err.msg), false);
        printf("%s\n", safe ? safe : err.msg);
        free(safe);
        return false;
    }
    if (undone.answer)
        forget_answer(r);
    puts(undone.answer ? "undone: that card comes again" : "unsuspended: that card comes again");
    return true;
}

/* Reads the reply to card, handling the ':' commands; NULL when the card is done with. */
static char *read_reply(struct review *r, const struct recite_card_row *row, bool *skip)
{
    *skip = false;
    for (;;) {
        char *line = NULL;
        enum cli_read got = cli_repl_read(r->repl, "> ", &line);
        if (got == CLI_READ_CLEARED)
            continue;
        if (got != CLI_READ_LINE) {
            r->ended = true;
            return NULL;
        }
        const char *cmd = line + strspn(line, " \t");
        if (cmd[0] != ':')
            return line;
        struct recite_error err = {0};
        if (strncmp(cmd, ":help", 5) == 0) {
            print_session_help();
        } else if (strncmp(cmd, ":source", 7) == 0) {
            /* The source sentence holds the answer: only once it is given. */
            puts("the source is shown once you have answered (:source at the rating prompt)");
        } else if (strncmp(cmd, ":skip", 5) == 0) {
            recite_queue_skip(r->queue, row);
            *skip = true;
        } else if (strncmp(cmd, ":suspend", 8) == 0) {
            if (recite_queue_suspend(r->queue, row, &err) < 0)
                fail(r, &err);
            else
                puts("suspended");
            *skip = true;
        } else if (strncmp(cmd, ":undo", 5) == 0) {
            /* The card on screen waits until after the one taken back. */
            if ((*skip = undo_last(r)))
                recite_queue_skip(r->queue, row);
        } else if (strncmp(cmd, ":quit", 5) == 0 || strcmp(cmd, ":q") == 0) {
            r->ended = true;
        } else {
            puts("unknown command; :help lists them");
        }
        free(line);
        if (*skip || r->ended)
            return NULL;
    }
}

static int flash_grade(struct review *r, int *rating)
{
    for (;;) {
        char *line = NULL;
        enum cli_read got = cli_repl_read(r->repl, "grade 1 Again, 2 Hard, 3 Good, 4 Easy> ", &line);
        if (got == CLI_READ_CLEARED)
            continue;
        if (got != CLI_READ_LINE) {
            r->ended = true;
            return -1;
        }
        char *p = line + strspn(line, " \t");
        bool ok = (p[0] >= '1' && p[0] <= '4' && (p[1] == '\0' || p[1] == ' ')) || p[0] == '\0';
        *rating = p[0] ? p[0] - '0' : RECITE_GOOD;
        free(line);
        if (ok)
            return 0;
        puts("type 1, 2, 3 or 4 (Enter: 3 Good)");
    }
}

/*
 * Records an answer. The session's own row is written with its first
 * answer, in the same transaction: starting a session writes nothing (no
 * wait for the disk before the first card), and a session left before any
 * answer leaves no row behind.
 */
static int record_answer(struct review *r, const struct recite_card_row *row,
                         struct recite_queue_answer *answer, int64_t now,
                         struct recite_queue_outcome *outcome, struct recite_error *err)
{
    bool first = r->session_id == 0;
    int rc = first ? recite_store_begin(r->st, err) : 0;
    if (rc == 0 && first)
        rc = recite_store_session_begin(r->st, "review", r->bank_slug, r->begun_at,
                                        r->session.seed, NULL, &r->session_id, err);
    answer->session_id = r->session_id;
    if (rc == 0)
        rc = recite_queue_record(r->queue, row, answer, now, outcome, err);
    if (first && rc == 0)
        rc = recite_store_commit(r->st, err);
    if (first && rc < 0) {
        recite_store_rollback(r->st);
        r->session_id = 0;
    }
    return rc;
}

/* Asks one card: shows it, reads and judges the reply, commits, offers a new rating. */
static void ask_card(struct review *r, const struct recite_card_row *row, size_t position)
{
    /* A view reads the few facts a card needs: the session never holds the whole bank. */
    struct recite_bank_view *view = cli_session_view(&r->session, row->bank_slug);
    const struct recite_bank *bank = view ? recite_bank_view_bank(view) : NULL;
    const struct recite_fact *fact = NULL;
    struct recite_card card;
    struct recite_error err = {0};
    bool built = view && recite_bank_view_fact(view, row->fact_key, &fact, &err) == 0 &&
                 recite_bank_view_card(&card, view, fact, row->template_name, r->session.seed,
                                       &err) == 0;
    recite_store_read_end(r->st); /* begun by run() before choosing this card */
    if (!built) {
        cli_warn("cannot build card '%s'%s%s; skipped", row->uid, err.msg[0] ? ": " : "",
                 err.msg);
        /* Left out for the session: asked again, it would fail again. */
        if (recite_queue_drop(r->queue, row) < 0) {
            recite_error_set(&err, RECITE_ENOMEM, "out of memory");
            fail(r, &err);
        }
        return;
    }
    size_t due, fresh;
    recite_queue_counts(r->queue, NULL, &due, &fresh); /* the header shows no learning count */
    printf("\n%s[%zu]%s ", cli_c(stdout, "\033[2m"), position, cli_c(stdout, "\033[0m"));
    cli_put_safe(stdout, row->bank_slug);
    static const char *const states[] = {"new card", "learning", "review", "relearning"};
    printf(" · %s · %zu due · %zu new\n", states[row->state & 3], due, fresh);
    /* Tab completes session commands only: a name completed is an answer given. */
    cli_card_print(stdout, &card, r->mode, 0);

    int64_t asked = cli_monotonic_ms();
    bool skipped = false;
    struct cli_judgement j = {RECITE_ANSWER_RIGHT, 1.0, RECITE_GOOD, false};
    bool flash = cli_effective_kind(&card, r->mode) == RECITE_ANSWER_FLASH;
    struct recite_judge *judge = flash ? NULL : cli_session_judge(&r->session, row->bank_slug);
    char *reply = NULL;
    /* An unclear reply (an empty line, no option, not yes or no) is asked again. */
    for (;;) {
        reply = read_reply(r, row, &skipped);
        if (!reply || flash)
            break;
        if (!judge || cli_card_judge(stdout, judge, &card, r->mode, reply, &j) < 0)
            j = (struct cli_judgement){RECITE_ANSWER_WRONG, 0.0, RECITE_AGAIN, false};
        if (!j.unclear)
            break;
        free(reply);
    }
    if (!reply) {
        recite_card_release(&card);
        return;
    }
    if (flash) {
        cli_card_reveal(stdout, &card);
        struct recite_judgement self;
        if (flash_grade(r, &j.rating) < 0 ||
            recite_judge_self_graded(&self, &card, j.rating) < 0) {
            free(reply);
            recite_card_release(&card);
            return;
        }
        j = (struct cli_judgement){(int)self.verdict, self.credit, self.rating, false};
        recite_judgement_release(&self);
    }
    int64_t now;
    if (recite_now_ms(&now, &err) < 0) {
        free(reply);
        recite_card_release(&card);
        fail(r, &err);
        return;
    }
    struct recite_queue_answer answer = {j.rating, reply, j.credit, cli_monotonic_ms() - asked,
                                         r->session_id, (int)j.verdict};
    struct recite_queue_outcome outcome;
    if (record_answer(r, row, &answer, now, &outcome, &err) < 0) {
        free(reply);
        recite_card_release(&card);
        fail(r, &err);
        return;
    }
    if (outcome.leech) {
        void *grown = realloc(r->leeches, (r->leech_count + 1) * sizeof(*r->leeches));
        if (grown) {
            r->leeches = grown;
            r->leeches[r->leech_count].prompt =
                recite_strdup(recite_card_prompt_as(&card, cli_effective_kind(&card, r->mode)));
            r->leeches[r->leech_count++].answer = answered(r) - 1;
        }
        puts("this card lapsed too often: suspended as a leech");
    }
    if (!flash) {
        print_ratings(r, row, j.rating, now);
        if (rating_prompt(r, row, &answer, bank, fact) == AFTER_UNDO)
            undo_last(r);
    }
    free(reply);
    recite_card_release(&card);
}

static void print_summary(struct review *r, const char *bank_slug, int day_start_hour)
{
    int64_t minutes = (cli_monotonic_ms() - r->started_ms) / 60000;
    struct recite_queue_tally t;
    recite_queue_tally(r->queue, &t);
    printf("\nsession over: %zu reviewed (%zu right, %zu almost, %zu wrong)", t.answered, t.right,
           t.almost, t.wrong);
    if (minutes < 1)
        puts(", under a minute");
    else
        printf(", %lld min\n", (long long)minutes);
    struct recite_error err = {0};
    int64_t now;
    size_t due = 0;
    if (recite_now_ms(&now, &err) == 0) {
        int64_t tomorrow_end = recite_next_day_start(recite_next_day_start(now, day_start_hour), day_start_hour) - 1;
        recite_store_due_by(r->st, bank_slug, tomorrow_end, &due, &err);
        printf("due by the end of tomorrow: %zu\n", due);
    }
    for (size_t i = 0; i < r->leech_count; i++) {
        fputs("leech (suspended): ", stdout);
        cli_put_safe(stdout, r->leeches[i].prompt);
        fputc('\n', stdout);
    }
}

static int run(struct review *r, const struct recite_queue_options *qo, int64_t now)
{
    struct recite_error err = {0};
    if (recite_queue_new(&r->queue, r->st, qo, now, &err) < 0)
        return cli_report(&err);
    r->begun_at = now;
    r->bank_slug = qo->bank_slug;
    size_t learning, due, fresh;
    recite_queue_counts(r->queue, &learning, &due, &fresh);
    fputs("recite · ", stdout);
    cli_put_safe(stdout, qo->bank_slug ? qo->bank_slug : "all banks");
    printf(" · %zu in learning · %zu due · %zu new today\n", learning, due, fresh);
    char *history = cli_history_path();
    r->repl = cli_repl_open(history);
    free(history);
    r->started_ms = cli_monotonic_ms();
    while (!r->ended && !cli_repl_terminated()) {
        struct recite_card_row row;
        if (recite_now_ms(&now, &err) < 0)
            return cli_report(&err);
        /* Choosing the card and building it read in one transaction, ended before it asks. */
        if (recite_store_read_begin(r->st, &err) < 0)
            return cli_report(&err);
        int rc = recite_queue_next(r->queue, now, &row, &err);
        if (rc < 0)
            recite_store_read_end(r->st);
        if (rc == RECITE_ENOTFOUND) {
            puts(answered(r) ? "\nall done for today" : "nothing is due; come back later");
            break;
        }
        if (rc < 0)
            return cli_report(&err);
        /* Numbered by answers standing: a card taken back keeps its number. */
        ask_card(r, &row, answered(r) + 1);
    }
    print_summary(r, qo->bank_slug, qo->day_start_hour);
    if (r->session_id && recite_now_ms(&now, &err) == 0)
        recite_store_session_end(r->st, r->session_id, now, &err);
    return r->status;
}

/* Options win over the bank's settings, which win over the global ones and the defaults. */
static int apply_settings(struct recite_store *st, struct recite_queue_options *qo)
{
    long new_limit = 20, review_limit = 200, day_start = 4;
    const char *bank = qo->bank_slug;
    int status = 0;
    if (qo->new_limit == SIZE_MAX &&
        (status = cli_setting_number(st, "new_limit", bank, 100000, &new_limit)) == 0)
        qo->new_limit = (size_t)new_limit;
    if (status == 0 && qo->review_limit == SIZE_MAX &&
        (status = cli_setting_number(st, "review_limit", bank, 1000000, &review_limit)) == 0)
        qo->review_limit = (size_t)review_limit;
    if (status == 0 && qo->day_start_hour < 0 &&
        (status = cli_setting_number(st, "day_start_hour", bank, 23, &day_start)) == 0)
        qo->day_start_hour = (int)day_start;
    return status;
}

static const struct cli_parser parser = {
    .command = "review",
    .synopsis = "recite review [BANK] [--new N] [--limit N] [--mode MODE] [--seed S]",
    .summary = summary,
};

/* recite review [BANK] [--new N] [--limit N] [--mode MODE] [--seed S] [--day-start H] */
int cmd_review(int argc, char **argv)
{
    struct recite_queue_options qo = RECITE_QUEUE_OPTIONS_INIT;
    /* Unset until an option or a setting gives them (see apply_settings). */
    qo.new_limit = qo.review_limit = SIZE_MAX;
    qo.day_start_hour = -1;
    enum cli_mode mode = CLI_MODE_AUTO;
    const char *seed_text = NULL;
    const struct cli_option options[] = {
        CLI_OPT_OPERAND_ROW("BANK", &qo.bank_slug, NULL),
        CLI_OPT_NUMBER_ROW("new", 'n', &qo.new_limit, 0, LLONG_MAX, "N",
                           "new cards a day (default 20)", "--new wants a count, not '%s'"),
        CLI_OPT_NUMBER_ROW("limit", 'l', &qo.review_limit, 0, LLONG_MAX, "N",
                           "review cards a day (default 200)", "--limit wants a count, not '%s'"),
        CLI_OPT_PARSE_ROW("mode", 'm', &mode, cli_mode_option, "MODE",
                          "auto, typed, choice or flash (default auto)", "unknown mode '%s'"),
        CLI_OPT_STRING_ROW("seed", 's', &seed_text, "S",
                           "seed for choices and distractors (reproducible)"),
        CLI_OPT_DAY_START_ROW(&qo.day_start_hour),
        CLI_OPT_END_ROW,
    };
    int status = cli_parse(&parser, options, argc, argv);
    if (status != CLI_CONTINUE)
        return status;
    struct review r = {.mode = mode};
    if (!cli_seed_parse(&r.session.seed, seed_text))
        return cli_usage_error("review", "--seed wants a non-negative integer");
    if ((status = cli_session_open_store(&r.st)) != 0)
        return status;
    r.session.st = r.st;
    struct recite_error err = {0};
    int64_t now;
    size_t banks = 0;
    if (recite_now_ms(&now, &err) < 0 || recite_store_bank_count(r.st, &banks, &err) < 0) {
        status = cli_report(&err);
    } else if (banks == 0) {
        cli_error("no banks to review; import one with 'recite bank import FILE'");
        status = CLI_EXIT_NOINPUT;
    } else if (qo.bank_slug && !cli_session_view(&r.session, qo.bank_slug)) {
        status = CLI_EXIT_NOINPUT;
    } else if ((status = apply_settings(r.st, &qo)) == 0) {
        status = run(&r, &qo, now);
    }
    cli_repl_close(r.repl);
    recite_queue_free(r.queue);
    for (size_t i = 0; i < r.leech_count; i++)
        free(r.leeches[i].prompt);
    free(r.leeches);
    cli_session_release(&r.session);
    recite_store_close(r.st);
    return status;
}
