/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command-line front end: the dispatch table, option tables with help
 * generated from them, and the helpers every cmd_<name>.c shares.
 */
#ifndef RECITE_CLI_CMD_H
#define RECITE_CLI_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "opt.h"
#include "recite.h"

/* sysexits(3) values, named here so no command hard-codes a number. */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAIL = 1,        /* a verification failed */
    CLI_EXIT_USAGE = 64,
    CLI_EXIT_DATAERR = 65,
    CLI_EXIT_NOINPUT = 66,
    CLI_EXIT_SOFTWARE = 70,
    CLI_EXIT_CANTCREAT = 73,
    CLI_EXIT_IOERR = 74,
    CLI_EXIT_TEMPFAIL = 75,
};

struct cli_command {
    const char *name;                 /* as typed after "recite" */
    int (*fn)(int argc, char **argv); /* argv[0] is the command name */
    const char *summary;              /* one line for "recite --help" */
};

/* The dispatch table, terminated by a row whose name is NULL (main.c). */
extern const struct cli_command cli_commands[];
const struct cli_command *cli_command_find(const char *name);

/*
 * --day-start H, as review, stats and fsrs read it: an hour from 0 to 23
 * into the int var_ (which stays as it was, -1 for the setting, when absent).
 */
#define CLI_OPT_DAY_START_ROW(var_)                                                                \
    CLI_OPT_NUMBER_ROW("day-start", 0, (var_), 0, 23, "H",                                         \
                       "hour the day rolls over (default: the day_start_hour setting, else 4)",    \
                       "--day-start wants an hour 0-23")

/* Global options, set by main() before dispatch. */
struct cli_globals {
    const char *db_path; /* --db, or NULL for the default */
};
extern struct cli_globals cli_globals;

/*
 * Opens the database named by --db / RECITE_DB / XDG, printing any error.
 * When `recite db check` last found it damaged, warns that it is used
 * anyway. Returns 0, or the exit status to return.
 */
int cli_open_store(struct recite_store **out);

/*
 * Reads the setting KEY.BANK, else KEY (bank NULL: KEY only), as a whole
 * number from 0 to max into *out, which is left alone when neither is set.
 * Returns 0, or the exit status after printing why the value is refused.
 */
int cli_setting_number(struct recite_store *st, const char *key, const char *bank, long max,
                       long *out);

/*
 * Opens the database for a command on bank (NULL: every bank), as stats and
 * fsrs are: the bank must exist, and *day_start_hour, when -1, becomes the
 * day_start_hour setting (of the bank, else of all) or 4. Returns 0, or the
 * exit status after printing the error (*out is then NULL).
 */
int cli_open_bank_store(struct recite_store **out, const char *bank, int *day_start_hour);

/*
 * The file beside the database that records a failed `recite db check`
 * (DB.damaged; its text is the check's finding). Caller frees with free().
 */
char *cli_damage_marker(const char *db_path);

/*
 * Writes an output file as a whole (recite_file_save): to standard output
 * when path is NULL or "-"; an existing file or symlink at path is replaced
 * only when force. Prints any error; returns 0 or the exit status.
 */
int cli_write_output(const char *path, const void *data, size_t len, bool force);

/* out.c: messages on stderr, prefixed "recite: ". */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints err's message and returns the exit status for its code. */
int cli_report(const struct recite_error *err);
/* The exit status for a RECITE_E* code. */
int cli_exit_status(int code);
/* Prints a usage error naming the command and returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* term.c: the terminal. */
bool cli_is_tty(FILE *stream);        /* a terminal (the standard streams are asked once) */
bool cli_color(FILE *stream);          /* colour on: a tty, NO_COLOR unset, TERM not dumb */
int cli_term_width(FILE *stream);      /* columns, 80 when unknown */
/*
 * Copies untrusted text with control characters and escape sequences
 * removed and invalid UTF-8 replaced by U+FFFD. Newlines are kept when
 * keep_newlines, else they become spaces. Caller frees with free().
 */
char *cli_sanitize(const char *text, size_t len, bool keep_newlines);
/* Writes sanitised text (one line, newlines become spaces) to out. */
void cli_put_safe(FILE *out, const char *text);
/*
 * Writes sanitised text in exactly width terminal columns: cut with "…"
 * when longer, padded with spaces when shorter (wide characters count 2).
 */
void cli_put_safe_width(FILE *out, const char *text, int width);
/*
 * Writes sanitised text wrapped at spaces to the width of out, the cursor
 * standing at column col: a wrapped line starts with indent spaces, a word
 * wider than a line is cut, and newlines are kept when keep_newlines.
 * Columns are counted per code point (wide characters count 2). Returns
 * the column the cursor is left at.
 */
int cli_put_wrapped(FILE *out, const char *text, int col, int indent, bool keep_newlines);

#endif
