/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers shared by the commands: opening the database named by --db,
 * reading a numeric setting, and writing output files whole.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

struct cli_globals cli_globals;

char *cli_damage_marker(const char *db_path)
{
    return recite_strjoin(db_path, ".damaged", NULL);
}

/*
 * Every command that opens a database `db check` found damaged says so: it
 * still runs, so that banks and scores can be exported from it, but the
 * user knows that what it writes may be lost.
 */
static void warn_if_damaged(const char *db_path)
{
    char *marker = cli_damage_marker(db_path);
    char *finding = NULL;
    size_t len = 0;
    struct recite_error err = {0};
    if (marker && recite_file_exists(marker)) {
        recite_file_read(&finding, &len, marker, 4096, &err);
        char *nl = finding ? strchr(finding, '\n') : NULL;
        if (nl)
            *nl = '\0';
        cli_warn("'recite db check' found the database '%s' damaged (%s); what recite writes "
                 "to it may be lost: back it up, repair it with the SQLite shell's '.recover' "
                 "command, then run 'recite db check' again",
                 db_path, finding && *finding ? finding : "no details");
    }
    free(finding);
    free(marker);
}

int cli_open_store(struct recite_store **out)
{
    struct recite_error err = {0};
    char *path = NULL;
    int rc = recite_store_default_path(&path, cli_globals.db_path, &err);
    if (rc == 0)
        rc = recite_store_open(out, path, &err);
    if (rc == 0)
        warn_if_damaged(path);
    free(path);
    return rc < 0 ? cli_report(&err) : 0;
}

int cli_setting_number(struct recite_store *st, const char *key, const char *bank, long max,
                       long *out)
{
    char name[256];
    for (int pass = bank ? 0 : 1; pass < 2; pass++) {
        snprintf(name, sizeof(name), pass == 0 ? "%s.%s" : "%s", key, bank);
        char *value = NULL;
        struct recite_error err = {0};
        if (recite_store_config_get(st, name, &value, &err) < 0)
            return cli_report(&err);
        if (!value)
            continue;
        char *end;
        long v = strtol(value, &end, 10);
        bool ok = end != value && *end == '\0' && v >= 0 && v <= max;
        if (!ok)
            cli_error("setting '%s' is '%s', not a number from 0 to %ld", name, value, max);
        free(value);
        if (!ok)
            return CLI_EXIT_DATAERR;
        *out = v;
        return 0;
    }
    return 0;
}

int cli_open_bank_store(struct recite_store **out, const char *bank, int *day_start_hour)
{
    struct recite_error err = {0};
    struct recite_bank_info info = {0};
    long hour = 4;
    int status = cli_open_store(out);
    if (status == 0 && bank && recite_store_bank_get(*out, bank, &info, &err) < 0)
        status = cli_report(&err);
    if (status == 0 && *day_start_hour < 0 &&
        (status = cli_setting_number(*out, "day_start_hour", bank, 23, &hour)) == 0)
        *day_start_hour = (int)hour;
    recite_bank_info_release(&info);
    if (status != 0) {
        recite_store_close(*out);
        *out = NULL;
    }
    return status;
}

int cli_write_output(const char *path, const void *data, size_t len, bool force)
{
    if (!path || strcmp(path, "-") == 0) {
        /* A terminal shows the text: it gets what every other display gets. */
        char *safe = isatty(STDOUT_FILENO) ? cli_sanitize(data, len, true) : NULL;
        if (safe) {
            data = safe;
            len = strlen(safe);
        }
        bool written = fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0;
        free(safe);
        if (!written) {
            cli_error("cannot write to standard output");
            return CLI_EXIT_IOERR;
        }
        return CLI_EXIT_OK;
    }
    struct recite_error err = {0};
    struct recite_save_options opts = {0, force};
    return recite_file_save(path, data, len, &opts, &err) < 0 ? cli_report(&err) : CLI_EXIT_OK;
}
