/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The line reader of a review or quiz session. On a terminal it is GNU
 * readline (history, completion, Ctrl-C handling); otherwise it reads one
 * answer per line from standard input, so every session is scriptable.
 */
#ifndef RECITE_CLI_REPL_H
#define RECITE_CLI_REPL_H

#include <stdbool.h>
#include <stddef.h>

enum cli_read {
    CLI_READ_LINE,      /* *line holds the answer */
    CLI_READ_CLEARED,   /* Ctrl-C cleared the line: ask again */
    CLI_READ_END,       /* Ctrl-D, a second Ctrl-C, or end of input */
    CLI_READ_TERMINATE, /* SIGTERM or SIGHUP: end the session now */
};

struct cli_repl;

/*
 * Opens the reader. history_path (may be NULL) names the readline history
 * file, created on demand. Caller closes with cli_repl_close().
 */
struct cli_repl *cli_repl_open(const char *history_path);
void cli_repl_close(struct cli_repl *repl);

/* True when answers come from a terminal through readline. */
bool cli_repl_interactive(const struct cli_repl *repl);


/*
 * Shows prompt and reads one line. On CLI_READ_LINE *line is a malloc'd
 * string without its newline; the caller frees it. Off a terminal the line
 * read is echoed after the prompt so a transcript reads like the screen.
 */
enum cli_read cli_repl_read(struct cli_repl *repl, const char *prompt, char **line);

/* True once SIGTERM or SIGHUP arrived. */
bool cli_repl_terminated(void);

#endif
