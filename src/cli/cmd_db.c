/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite db [path|info|check]: where the database lives, what it holds,
 * and whether SQLite finds it intact.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmds.h"

static const struct cli_option options[] = {
    {"help", 'h', no_argument, NULL, "show this help"},
    {NULL, 0, 0, NULL, NULL},
};

static void print_help(FILE *out)
{
    cli_print_usage(out, "recite db [path|info|check]",
                    "path prints the database file; info adds its schema version (the\n"
                    "default); check runs SQLite's integrity check.",
                    options);
}

/* recite db [path|info|check] */
int cmd_db(int argc, char **argv)
{
    struct cli_getopt g;
    cli_getopt_init(&g, options);
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, g.shorts, g.longs, NULL)) != -1;) {
        if (c == 'h') {
            print_help(stdout);
            return CLI_EXIT_OK;
        }
        return cli_usage_error("db", "unknown or incomplete option '%s'", argv[optind - 1]);
    }
    const char *action = optind < argc ? argv[optind] : "info";
    if (optind + 1 < argc)
        return cli_usage_error("db", "too many arguments");
    if (strcmp(action, "path") == 0) {
        struct recite_error err = {0};
        char *path = NULL;
        if (recite_store_default_path(&path, cli_globals.db_path, &err) < 0)
            return cli_report(&err);
        puts(path);
        free(path);
        return CLI_EXIT_OK;
    }
    if (strcmp(action, "info") != 0 && strcmp(action, "check") != 0)
        return cli_usage_error("db", "unknown action '%s' (path, info or check)", action);
    struct recite_store *st = NULL;
    int status = cli_open_store(&st);
    if (status != 0)
        return status;
    if (strcmp(action, "info") == 0) {
        printf("path: ");
        cli_put_safe(stdout, recite_store_path(st));
        printf("\nschema: %d\n", recite_store_schema_version(st));
    } else {
        struct recite_error err = {0};
        if (recite_store_check(st, &err) < 0)
            status = cli_report(&err);
        else
            puts("ok");
    }
    recite_store_close(st);
    return status;
}
