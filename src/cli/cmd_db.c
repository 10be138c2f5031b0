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

/*
 * Runs the integrity check and records its finding beside the database,
 * so that every later command warns until a check passes again.
 */
static int db_check(const struct cli_call *call)
{
    struct recite_store *st = call->st;
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

static int db_path(const struct cli_call *call)
{
    (void)call;
    struct recite_error err = {0};
    char *path = NULL;
    if (recite_store_default_path(&path, cli_globals.db_path, &err) < 0)
        return cli_report(&err);
    puts(path);
    free(path);
    return CLI_EXIT_OK;
}

static int db_info(const struct cli_call *call)
{
    printf("path: ");
    cli_put_safe(stdout, recite_store_path(call->st));
    printf("\nschema: %d\n", recite_store_schema_version(call->st));
    return CLI_EXIT_OK;
}

static const struct cli_action actions[] = {
    {"path", db_path, 0, 0, NULL, false, NULL},
    {"info", db_info, 0, 0, NULL, true, NULL},
    {"check", db_check, 0, 0, NULL, true, NULL},
    {0},
};

static const struct cli_option options[] = {
    CLI_OPT_END_ROW,
};

static const struct cli_parser parser = {
    .command = "db",
    .synopsis = "recite db [path|info|check]",
    .summary = "path prints the database file; info adds its schema version (the\n"
               "default); check runs SQLite's integrity check.",
    .actions = actions,
    .default_action = "info",
};

/* recite db [path|info|check] */
int cmd_db(int argc, char **argv)
{
    return cli_run(&parser, options, NULL, argc, argv);
}
