/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite bank suspended|unsuspend: the cards a student suspended (:suspend)
 * or that were suspended as leeches, and lifting those suspensions. Cards of
 * retired facts stay suspended: their facts left the bank.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmds.h"

#define PROMPT_COLUMN (28 + 1 + 17 + 1) /* after the card's name and why */

static const char synopsis[] = "recite bank suspended BANK\n"
                               "recite bank unsuspend BANK [FACT[/TEMPLATE]]...";

static const char summary[] =
    "suspended lists the cards of BANK suspended by you (:suspend) or as\n"
    "leeches, with the way each asks and its prompt. unsuspend brings them\n"
    "back into the reviews: every one, or the cards of the facts named\n"
    "(FACT for all its cards, FACT/TEMPLATE for one). An unsuspended leech\n"
    "is suspended again after half as many lapses more.";

/* What suspended and unsuspend work on. */
struct target {
    const char *slug;             /* BANK */
    struct cli_strings selectors; /* FACT or FACT/TEMPLATE: unsuspend only */
    struct recite_store *st;
};

/*
 * Parses the operands of command and opens the database. Returns
 * CLI_CONTINUE, or the exit status (0 after --help).
 */
static int open_target(struct target *t, const char *command, int argc, char **argv)
{
    const struct cli_option options[] = {
        CLI_OPT_OPERAND_ROW("BANK", &t->slug, "which bank? name one"),
        CLI_OPT_OPERANDS_ROW("FACT[/TEMPLATE]", &t->selectors, NULL),
        CLI_OPT_END_ROW,
    };
    const struct cli_parser parser = {.command = command, .synopsis = synopsis, .summary = summary};
    int status = cli_parse(&parser, options, argc, argv);
    if (status == CLI_CONTINUE && strcmp(command, "bank suspended") == 0 && t->selectors.count)
        status = cli_usage_error(command, "too many arguments");
    if (status == CLI_CONTINUE && (status = cli_open_store(&t->st)) == 0)
        status = CLI_CONTINUE;
    return status;
}

/* Prints the prompt of row's card as a student would see it (seed 1), from column col on. */
static void print_prompt(const struct recite_bank *bank, const struct recite_card_row *row, int col)
{
    const struct recite_fact *fact = bank ? recite_bank_find_fact(bank, row->fact_key) : NULL;
    struct recite_card card;
    struct recite_error err = {0};
    if (!fact || recite_card_build(&card, bank, fact, row->template_name, 1, &err) < 0) {
        fputs("(cannot be built)", stdout);
        return;
    }
    cli_put_wrapped(stdout, card.prompt, col, col, false);
    recite_card_release(&card);
}

static void print_row(const struct recite_bank *bank, const struct recite_card_row *row)
{
    char name[sizeof(row->fact_key) + sizeof(row->template_name) + 1];
    snprintf(name, sizeof(name), "%s/%s", row->fact_key, row->template_name);
    cli_put_safe_width(stdout, name, 28);
    char why[32];
    if (row->suspended == RECITE_SUSPENDED_LEECH)
        snprintf(why, sizeof(why), "leech, %d lapses", row->lapses);
    else
        snprintf(why, sizeof(why), "by you");
    /* The prompt beside, or below when the terminal leaves it too little room. */
    if (cli_term_width(stdout) - PROMPT_COLUMN >= 24) {
        printf(" %-17s ", why);
        print_prompt(bank, row, PROMPT_COLUMN);
    } else {
        printf(" %s\n  ", why);
        print_prompt(bank, row, 2);
    }
    putchar('\n');
}

/* recite bank suspended BANK */
int cmd_bank_suspended(int argc, char **argv)
{
    struct target t = {0};
    int status = open_target(&t, "bank suspended", argc, argv);
    if (status != CLI_CONTINUE)
        return status;
    struct recite_bank *bank = NULL;
    struct recite_card_row *rows = NULL;
    size_t count = 0;
    struct recite_error err = {0};
    status = CLI_EXIT_OK;
    if (recite_store_bank_load(t.st, t.slug, &bank, &err) < 0 ||
        recite_store_cards_suspended(t.st, t.slug, &rows, &count, &err) < 0) {
        status = cli_report(&err);
        goto out;
    }
    if (count == 0) {
        fputs("no suspended cards in ", stdout);
        cli_put_safe(stdout, t.slug);
        putchar('\n');
        goto out;
    }
    printf("%-28s %-17s %s\n", "CARD", "WHY", "PROMPT");
    for (size_t i = 0; i < count; i++)
        print_row(bank, &rows[i]);
out:
    free(rows);
    recite_bank_free(bank);
    recite_store_close(t.st);
    return status;
}

/* Lifts the suspensions of one selector (FACT or FACT/TEMPLATE, NULL: all); adds to *total. */
static int unsuspend_one(struct recite_store *st, const char *slug, char *selector, size_t *total)
{
    struct recite_card_selection sel = {slug, selector, NULL};
    char *slash = selector ? strchr(selector, '/') : NULL;
    if (slash) {
        *slash = '\0';
        sel.template_name = slash + 1;
    }
    struct recite_error err = {0};
    size_t count = 0;
    int rc = recite_store_cards_unsuspend(st, &sel, &count, &err);
    if (slash)
        *slash = '/';
    if (rc == RECITE_ENOTFOUND) {
        cli_report(&err);
        return CLI_EXIT_DATAERR;
    }
    if (rc < 0)
        return cli_report(&err);
    *total += count;
    return 0;
}

/* recite bank unsuspend BANK [FACT[/TEMPLATE]]... */
int cmd_bank_unsuspend(int argc, char **argv)
{
    struct target t = {0};
    int status = open_target(&t, "bank unsuspend", argc, argv);
    if (status != CLI_CONTINUE)
        return status;
    struct recite_error err = {0};
    struct recite_bank_info info = {0};
    size_t total = 0;
    status = CLI_EXIT_OK;
    /* All or nothing: a misspelt fact must not leave the others half done. */
    if (recite_store_bank_get(t.st, t.slug, &info, &err) < 0 ||
        recite_store_begin(t.st, &err) < 0) {
        status = cli_report(&err);
        goto out;
    }
    if (t.selectors.count == 0)
        status = unsuspend_one(t.st, t.slug, NULL, &total);
    for (size_t i = 0; status == 0 && i < t.selectors.count; i++)
        status = unsuspend_one(t.st, t.slug, t.selectors.items[i], &total);
    if (status == 0 && recite_store_commit(t.st, &err) < 0)
        status = cli_report(&err);
    if (status != 0) {
        recite_store_rollback(t.st);
        goto out;
    }
    printf("%zu card%s unsuspended\n", total, total == 1 ? "" : "s");
out:
    recite_bank_info_release(&info);
    recite_store_close(t.st);
    return status;
}
