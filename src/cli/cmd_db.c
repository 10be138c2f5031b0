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

static int db_path(void *ctx, int argc, char **argv)
{
    (void)ctx, (void)argc, (void)argv;
    struct recite_error err = {0};
    char *path = NULL;
    if (recite_store_default_path(&path, cli_globals.db_path, &err) < 0)
        return cli_report(&err);
    puts(path);
    free(path);
    return CLI_EXIT_OK;
}

static int info(struct recite_store *st)
{
    printf("path: ");
    cli_put_safe(stdout, recite_store_path(st));
    printf("\nschema: %d\n", recite_store_schema_version(st));
    return CLI_EXIT_OK;
}

/* Runs fn on the database, opened for it. */
static int with_store(int (*fn)(struct recite_store *st))
{
    struct recite_store *st = NULL;
    int status = cli_open_store(&st);
    if (status == 0)
        status = fn(st);
    recite_store_close(st);
    return status;
}

static int db_info(void *ctx, int argc, char **argv)
{
    (void)ctx, (void)argc, (void)argv;
    return with_store(info);
}

static int db_check(void *ctx, int argc, char **argv)
{
    (void)ctx, (void)argc, (void)argv;
    return with_store(check);
}

static const struct cli_action actions[] = {
    {"path", db_path, 0, 0, NULL, NULL},
    {"info", db_info, 0, 0, NULL, NULL},
    {"check", db_check, 0, 0, NULL, NULL},
    {NULL, NULL, 0, 0, NULL, NULL},
};

static const struct cli_option options[] = {
    CLI_OPT_HELP_ROW,
    CLI_OPT_END_ROW,
};

static const struct cli_parser parser = {
    "db", "recite db [path|info|check]",
    "path prints the database file; info adds its schema version (the\n"
    "default); check runs SQLite's integrity check.",
    options, actions, "info",
};

/* recite db [path|info|check] */
int cmd_db(int argc, char **argv)
{
    return cli_run(&parser, NULL, argc, argv);
}
