/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite db [path|info|check]: where the database lives, what it holds,
 * and whether SQLite finds it intact.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
 * Runs the integrity check and records its finding beside the database,
 * so that every later command warns until a check passes again.
 */
static int check(struct recite_store *st)
{
    struct recite_error err = {0};
    const char *db_path = recite_store_path(st);
    char *marker = cli_damage_marker(db_path);
    int rc = recite_store_check(st, &err);
    int status = rc < 0 ? cli_report(&err) : CLI_EXIT_OK;
    if (rc == 0) {
        if (marker && recite_file_exists(marker) && unlink(marker) != 0)
            cli_warn("cannot remove '%s': %s", marker, strerror(errno));
        puts("ok");
    } else if (rc == RECITE_EDATA && marker) {
        struct recite_save_options opts = {0, true};
        struct recite_error save = {0};
        size_t n = strnlen(err.msg, sizeof(err.msg));
        char finding[sizeof(err.msg) + 1];
        snprintf(finding, sizeof(finding), "%.*s\n", (int)n, err.msg);
        if (recite_file_save(marker, finding, strlen(finding), &opts, &save) < 0)
            cli_report(&save);
        else
            cli_warn("every command will warn that '%s' is damaged until 'recite db check' "
                     "passes",
                     db_path);
    }
    free(marker);
    return status;
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
        status = check(st);
    }
    recite_store_close(st);
    return status;
}
