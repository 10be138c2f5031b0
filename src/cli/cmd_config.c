/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite config [KEY [VALUE]]: settings kept in the database. Review limits
 * and the day start can be set for every bank (KEY) or one bank (KEY.BANK).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmds.h"

static const struct cli_option options[] = {
    {"help", 'h', no_argument, NULL, "show this help"},
    {NULL, 0, 0, NULL, NULL},
};

/* The settings recite reads, for the help text and to catch typos. */
static const char *const known[] = {"new_limit", "review_limit", "day_start_hour", "student.name",
                                    NULL};

static void print_help(FILE *out)
{
    cli_print_usage(out, "recite config KEY\nrecite config KEY VALUE",
                    "Reads or sets a setting. Keys: new_limit and review_limit (cards a\n"
                    "day, default 20 and 200), day_start_hour (local hour a new day\n"
                    "begins, default 4), each for every bank or, as KEY.BANK, for one\n"
                    "bank; student.name (the name in signed score files). Scheduler\n"
                    "parameters are sched (all banks) and sched.BANK, as JSON.",
                    options);
}

static bool known_key(const char *key)
{
    if (strncmp(key, "sched", 5) == 0 && (key[5] == '\0' || key[5] == '.'))
        return true;
    for (size_t i = 0; known[i]; i++) {
        size_t n = strlen(known[i]);
        if (strncmp(key, known[i], n) == 0 && (key[n] == '\0' || key[n] == '.'))
            return true;
    }
    return false;
}

/* recite config KEY [VALUE] */
int cmd_config(int argc, char **argv)
{
    struct cli_getopt g;
    cli_getopt_init(&g, options);
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, g.shorts, g.longs, NULL)) != -1;) {
        if (c == 'h') {
            print_help(stdout);
            return CLI_EXIT_OK;
        }
        return cli_usage_error("config", "unknown or incomplete option '%s'", argv[optind - 1]);
    }
    int operands = argc - optind;
    if (operands < 1 || operands > 2)
        return cli_usage_error("config", operands < 1 ? "which setting?" : "too many arguments");
    const char *key = argv[optind];
    if (!known_key(key))
        return cli_usage_error("config", "unknown setting '%s'", key);
    struct recite_store *st = NULL;
    int status = cli_open_store(&st);
    if (status != 0)
        return status;
    struct recite_error err = {0};
    if (operands == 2) {
        struct recite_sched_params params;
        bool sched = strncmp(key, "sched", 5) == 0;
        /* A value that would fail at review time is refused now. */
        if (sched && recite_sched_params_from_json(&params, argv[optind + 1], &err) < 0)
            status = cli_report(&err);
        else if (recite_store_config_set(st, key, argv[optind + 1], &err) < 0)
            status = cli_report(&err);
    } else {
        char *value = NULL;
        if (recite_store_config_get(st, key, &value, &err) < 0) {
            status = cli_report(&err);
        } else if (!value) {
            status = CLI_EXIT_FAIL; /* unset, as `git config` answers */
        } else {
            cli_put_safe(stdout, value);
            fputc('\n', stdout);
        }
        free(value);
    }
    recite_store_close(st);
    return status;
}
