/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers shared by the commands: option tables turned into getopt_long's
 * arrays and into help text, opening the database named by --db, and
 * writing output files whole.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

struct cli_globals cli_globals;

void cli_getopt_init(struct cli_getopt *g, const struct cli_option *table)
{
    size_t n = 0, s = 0;
    /* A leading '+' would stop at the first operand; we allow options anywhere. */
    g->shorts[s++] = ':';
    for (const struct cli_option *o = table; o->name && n < CLI_MAX_OPTIONS; o++, n++) {
        g->longs[n] = (struct option){o->name, o->has_arg, NULL, o->key};
        if (o->key > 0 && o->key < 128 && isalnum(o->key)) {
            g->shorts[s++] = (char)o->key;
            if (o->has_arg == required_argument)
                g->shorts[s++] = ':';
        }
    }
    g->longs[n] = (struct option){0};
    g->shorts[s] = '\0';
}

void cli_print_usage(FILE *out, const char *synopsis, const char *summary,
                     const struct cli_option *table)
{
    const char *line = synopsis;
    const char *prefix = "usage: ";
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        fprintf(out, "%s%.*s\n", prefix, (int)n, line);
        prefix = "   or: ";
        line += n + (end != NULL);
    }
    if (summary)
        fprintf(out, "\n%s\n", summary);
    if (table && table->name)
        fputs("\noptions:\n", out);
    for (const struct cli_option *o = table; o && o->name; o++) {
        char left[64];
        int shown = o->key > 0 && o->key < 128
                        ? snprintf(left, sizeof(left), "-%c, --%s", o->key, o->name)
                        : snprintf(left, sizeof(left), "    --%s", o->name);
        if (o->arg && shown > 0 && (size_t)shown < sizeof(left))
            snprintf(left + shown, sizeof(left) - (size_t)shown, " %s", o->arg);
        fprintf(out, "  %-26s %s\n", left, o->help);
    }
}

char *cli_damage_marker(const char *db_path)
{
    size_t n = strlen(db_path) + sizeof(".damaged");
    char *marker = malloc(n);
    if (marker)
        snprintf(marker, n, "%s.damaged", db_path);
    return marker;
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
                 "to it may be lost: back it up, repair it (sqlite3 '%s' '.recover'), then run "
                 "'recite db check' again",
                 db_path, finding && *finding ? finding : "no details", db_path);
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
