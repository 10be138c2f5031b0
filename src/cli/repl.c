/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The only file that speaks to GNU readline. It uses the callback interface
 * so signals are handled in the main loop, not inside a signal handler:
 * Ctrl-C clears the line, a second Ctrl-C (or Ctrl-D) ends the session, and
 * SIGTERM / SIGHUP end it cleanly.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cmd.h"
#include "repl.h"

static const char *const session_commands[] = {":help",    ":skip",    ":undo", ":source",
                                               ":suspend", ":quit",    NULL};

struct cli_repl {
    bool interactive;         /* stdin and stdout are terminals */
    char *history_path;       /* readline history file, or NULL */
    struct sigaction old_int, old_term, old_hup, old_winch;
};

static volatile sig_atomic_t got_sigint, got_terminate, got_winch;
static struct cli_repl *active; /* readline's callbacks carry no context */

/* The callback interface hands the line over through these. */
static char *cb_line;
static bool cb_done;

static void on_signal(int sig)
{
    if (sig == SIGINT)
        got_sigint = 1;
    else if (sig == SIGWINCH)
        got_winch = 1;
    else
        got_terminate = 1;
}

bool cli_repl_terminated(void)
{
    return got_terminate != 0;
}

static char *complete_word(const char *text, int state)
{
    static size_t index, length;
    static bool commands;
    if (state == 0) {
        index = 0;
        length = strlen(text);
        commands = text[0] == ':';
    }
    if (commands) {
        while (session_commands[index]) {
            const char *w = session_commands[index++];
            if (strncmp(w, text, length) == 0)
                return strdup(w);
        }
        return NULL;
    }
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1; /* never fall back to file names */
    return rl_completion_matches(text, complete_word);
}

static void install_handlers(struct cli_repl *repl)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &repl->old_int);
    sigaction(SIGTERM, &sa, &repl->old_term);
    sigaction(SIGHUP, &sa, &repl->old_hup);
    sigaction(SIGWINCH, &sa, &repl->old_winch);
}

struct cli_repl *cli_repl_open(const char *history_path)
{
    struct cli_repl *repl = calloc(1, sizeof(*repl));
    if (!repl)
        return NULL;
    repl->interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    install_handlers(repl);
    active = repl;
    if (!repl->interactive)
        return repl;
    rl_readline_name = "recite";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_attempted_completion_function = complete;
    /* Answers are names with spaces: only list separators break words. */
    rl_basic_word_break_characters = ",;";
    rl_completer_word_break_characters = ",;";
    using_history();
    if (history_path) {
        repl->history_path = strdup(history_path);
        read_history(history_path);
    }
    return repl;
}

void cli_repl_close(struct cli_repl *repl)
{
    if (!repl)
        return;
    if (repl->interactive && repl->history_path) {
        stifle_history(1000);
        write_history(repl->history_path);
    }
    sigaction(SIGINT, &repl->old_int, NULL);
    sigaction(SIGTERM, &repl->old_term, NULL);
    sigaction(SIGHUP, &repl->old_hup, NULL);
    sigaction(SIGWINCH, &repl->old_winch, NULL);
    if (active == repl)
        active = NULL;
    free(repl->history_path);
    free(repl);
}

bool cli_repl_interactive(const struct cli_repl *repl)
{
    return repl->interactive;
}

static void on_line(char *line)
{
    cb_line = line;
    cb_done = true;
    rl_callback_handler_remove();
}

/* Reads through readline's callback interface, watching for signals. */
static enum cli_read read_terminal(struct cli_repl *repl, const char *prompt, char **line)
{
    static bool interrupted_once;
    cb_line = NULL;
    cb_done = false;
    rl_callback_handler_install(prompt, on_line);
    while (!cb_done) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        int n = select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL);
        if (got_terminate) {
            rl_callback_sigcleanup();
            rl_callback_handler_remove();
            fputc('\n', stdout);
            return CLI_READ_TERMINATE;
        }
        if (got_winch) {
            got_winch = 0;
            rl_resize_terminal();
        }
        if (got_sigint) {
            got_sigint = 0;
            bool had_text = rl_end > 0;
            /* Leave the abandoned text on screen, marked, and start afresh below it. */
            rl_point = rl_end;
            rl_redisplay();
            fputs("^C\n", stdout);
            fflush(stdout);
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_replace_line("", 0);
            rl_callback_handler_remove();
            if (!had_text && interrupted_once) {
                interrupted_once = false;
                return CLI_READ_END;
            }
            interrupted_once = true;
            if (!had_text)
                fputs("(Ctrl-C again or Ctrl-D to end the session)\n", stdout);
            return CLI_READ_CLEARED;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n > 0)
            rl_callback_read_char();
    }
    interrupted_once = false;
    if (!cb_line)
        return CLI_READ_END;
    if (*cb_line)
        add_history(cb_line);
    *line = cb_line;
    (void)repl;
    return CLI_READ_LINE;
}

/* Reads one line from a pipe or file; the line is echoed for the transcript. */
static enum cli_read read_plain(const char *prompt, char **line)
{
    fputs(prompt, stdout);
    fflush(stdout);
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    do {
        errno = 0;
        n = getline(&buf, &cap, stdin);
    } while (n < 0 && errno == EINTR && !got_terminate);
    if (got_terminate) {
        free(buf);
        fputc('\n', stdout);
        return CLI_READ_TERMINATE;
    }
    if (n < 0) {
        free(buf);
        fputc('\n', stdout);
        return CLI_READ_END;
    }
    if (n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '\r')
        buf[--n] = '\0';
    cli_put_safe(stdout, buf);
    fputc('\n', stdout);
    *line = buf;
    return CLI_READ_LINE;
}

enum cli_read cli_repl_read(struct cli_repl *repl, const char *prompt, char **line)
{
    *line = NULL;
    if (got_terminate)
        return CLI_READ_TERMINATE;
    fflush(stdout);
    return repl->interactive ? read_terminal(repl, prompt, line) : read_plain(prompt, line);
}
