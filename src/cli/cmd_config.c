/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite config [KEY [VALUE]]: settings kept in the database. Review limits
 * and the day start can be set for every bank (KEY) or one bank (KEY.BANK).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmds.h"

/* The settings recite reads, for the help text and to catch typos. */
static const char *const known[] = {"new_limit", "review_limit", "day_start_hour", "student.name",
                                    NULL};

static const char summary[] = "Reads or sets a setting. Keys: new_limit and review_limit (cards a\n"
                              "day, default 20 and 200), day_start_hour (local hour a new day\n"
                              "begins, default 4), each for every bank or, as KEY.BANK, for one\n"
                              "bank; student.name (the name in signed score files). Scheduler\n"
                              "parameters are sched (all banks) and sched.BANK, as JSON.";

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

static const struct cli_parser parser = {
    .command = "config",
    .synopsis = "recite config KEY\nrecite config KEY VALUE",
    .summary = summary,
};

/* recite config KEY [VALUE] */
int cmd_config(int argc, char **argv)
{
    const char *key = NULL, *value = NULL;
    const struct cli_option options[] = {
        CLI_OPT_OPERAND_ROW("KEY", &key, "which setting?"),
        CLI_OPT_OPERAND_ROW("VALUE", &value, NULL),
        CLI_OPT_END_ROW,
    };
    int status = cli_parse(&parser, options, argc, argv);
    if (status != CLI_CONTINUE)
        return status;
    if (!known_key(key))
        return cli_usage_error("config", "unknown setting '%s'", key);
    struct recite_store *st = NULL;
    if ((status = cli_open_store(&st)) != 0)
        return status;
    struct recite_error err = {0};
    if (value) {
        struct recite_sched_params params;
        bool sched = strncmp(key, "sched", 5) == 0;
        /* A value that would fail at review time is refused now. */
        if (sched && recite_sched_params_from_json(&params, value, &err) < 0)
            status = cli_report(&err);
        else if (recite_store_config_set(st, key, value, &err) < 0)
            status = cli_report(&err);
    } else {
        char *stored = NULL;
        if (recite_store_config_get(st, key, &stored, &err) < 0) {
            status = cli_report(&err);
        } else if (!stored) {
            status = CLI_EXIT_FAIL; /* unset, as `git config` answers */
        } else {
            cli_put_safe(stdout, stored);
            fputc('\n', stdout);
        }
        free(stored);
    }
    recite_store_close(st);
    return status;
}
