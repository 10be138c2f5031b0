/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite [--db PATH] COMMAND [ARGS]: global options, then dispatch through
 * the command table. Each command's return value is the exit status.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmds.h"

const struct cli_command cli_commands[] = {
#define X(name, summary) {#name, cmd_##name, summary},
    RECITE_CLI_COMMANDS(X)
#undef X
    {NULL, NULL, NULL},
};

const struct cli_command *cli_command_find(const char *name)
{
    for (const struct cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

/* Optimal string alignment distance, for "did you mean". */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 32 || lb > 32)
        return 99;
    size_t d[33][33];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

static const char *closest_command(const char *name)
{
    const char *best = NULL;
    size_t best_distance = 3;
    for (const struct cli_command *c = cli_commands; c->name; c++) {
        size_t dist = edit_distance(name, c->name);
        if (strncmp(name, c->name, strlen(name)) == 0 && strlen(name) >= 2)
            dist = 1;
        if (dist < best_distance) {
            best_distance = dist;
            best = c->name;
        }
    }
    return best;
}

void cli_print_main_help(FILE *out)
{
    fputs("usage: recite [--db PATH] [--version] [--help] [COMMAND [ARGS]]\n\n"
          "Spaced-repetition quizzes and flashcards in the terminal. With no command,\n"
          "recite reviews the cards that are due.\n\ncommands:\n",
          out);
    for (const struct cli_command *c = cli_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fputs("\nglobal options:\n"
          "  --db PATH    the database (default $RECITE_DB, else\n"
          "               $XDG_DATA_HOME/recite/recite.db)\n"
          "  --version    print the version and exit\n"
          "  --help       print this help and exit\n"
          "\nSee 'recite help COMMAND' for a command's options.\n",
          out);
}

static int dispatch(int argc, char **argv)
{
    const struct cli_command *cmd = cli_command_find(argv[0]);
    if (!cmd) {
        const char *guess = closest_command(argv[0]);
        cli_error("'%s' is not a recite command", argv[0]);
        if (guess)
            fprintf(stderr, "\nThe most similar command is\n\t%s\n", guess);
        fputs("see 'recite --help'\n", stderr);
        return CLI_EXIT_USAGE;
    }
    return cmd->fn(argc, argv);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
            printf("recite %s\n", recite_version());
            return CLI_EXIT_OK;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            cli_print_main_help(stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(arg, "--db") == 0 && i + 1 < argc) {
            cli_globals.db_path = argv[++i];
        } else if (strncmp(arg, "--db=", 5) == 0) {
            cli_globals.db_path = arg + 5;
        } else if (strcmp(arg, "--") == 0) {
            i++;
            break;
        } else {
            return cli_usage_error(NULL, "unknown option '%s'", arg);
        }
    }
    if (i >= argc) {
        /* No command: review what is due, once that command exists. */
        static char review[] = "review";
        char *args[] = {review, NULL};
        if (cli_command_find(review))
            return dispatch(1, args);
        cli_print_main_help(stdout);
        return CLI_EXIT_OK;
    }
    return dispatch(argc - i, argv + i);
}
