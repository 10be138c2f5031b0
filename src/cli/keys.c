/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Key files and passphrases for the key and score commands. Passphrases
 * only ever live in sodium_malloc memory and never reach the terminal.
 */
#include <signal.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include "keys.h"

#define PASSPHRASE_MAX 1024

static char *join(const char *dir, const char *name)
{
    return recite_strjoin(dir, "/", name, NULL);
}

int cli_key_paths(struct cli_key_paths *out)
{
    struct recite_error err = {0};
    char *db = NULL;
    memset(out, 0, sizeof(*out));
    int rc = recite_store_default_path(&db, cli_globals.db_path, &err);
    if (rc == 0)
        rc = recite_key_dir(&out->dir, db, &err);
    free(db);
    if (rc < 0)
        return cli_report(&err);
    out->secret = join(out->dir, "recite.key");
    out->public = join(out->dir, "recite.pub");
    if (!out->secret || !out->public) {
        cli_key_paths_release(out);
        cli_error("out of memory");
        return CLI_EXIT_SOFTWARE;
    }
    return 0;
}

void cli_key_paths_release(struct cli_key_paths *paths)
{
    free(paths->dir);
    free(paths->secret);
    free(paths->public);
    memset(paths, 0, sizeof(*paths));
}

/* Reads one line from fd into buf (size bytes, locked); strips "\n" and "\r". */
static bool read_line_fd(int fd, char *buf, size_t size)
{
    size_t n = 0;
    for (;;) {
        char c;
        ssize_t got = read(fd, &c, 1);
        if (got <= 0 || c == '\n')
            break;
        if (n + 1 >= size)
            return false;
        buf[n++] = c;
    }
    while (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return true;
}

/*
 * The terminal settings to put back if a signal ends the process while echo
 * is off; only the handler reads them, and only while they are valid.
 */
static struct termios saved_tty;
static volatile sig_atomic_t tty_saved;

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define FATAL_SIGNAL_COUNT (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

/* Puts echo back, then dies of the same signal as it would have. */
static void restore_tty_and_die(int sig)
{
    if (tty_saved)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
    (void)!write(STDERR_FILENO, "\n", 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Reads from the terminal with echo off; Ctrl-C and other fatal signals put echo back. */
static bool read_tty(char *buf, size_t size, const char *prompt)
{
    struct termios quiet;
    struct sigaction act = {0}, old_acts[FATAL_SIGNAL_COUNT];
    bool echo_off = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
    if (echo_off) {
        act.sa_handler = restore_tty_and_die;
        sigemptyset(&act.sa_mask);
        tty_saved = 1;
        for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++)
            sigaction(fatal_signals[i], &act, &old_acts[i]);
        quiet = saved_tty;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    /* Asked only once echo is off, so nothing typed at once shows. */
    fprintf(stderr, "%s", prompt);
    fflush(stderr);
    bool ok = read_line_fd(STDIN_FILENO, buf, size);
    if (echo_off) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
        tty_saved = 0;
        for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++)
            sigaction(fatal_signals[i], &old_acts[i], NULL);
    }
    fputc('\n', stderr);
    return ok;
}

static bool read_file_line(char *buf, size_t size, const char *file)
{
    FILE *f = fopen(file, "re");
    if (!f)
        return false;
    bool ok = read_line_fd(fileno(f), buf, size);
    fclose(f);
    return ok;
}

int cli_read_passphrase(char **out, const char *file, const char *prompt, bool confirm)
{
    *out = NULL;
    char *pw = recite_secret_alloc(PASSPHRASE_MAX);
    char *again = confirm ? recite_secret_alloc(PASSPHRASE_MAX) : NULL;
    int status = CLI_EXIT_OK;
    if (!pw || (confirm && !again)) {
        cli_error("cannot allocate locked memory for the passphrase");
        status = CLI_EXIT_SOFTWARE;
    } else if (file) {
        if (!read_file_line(pw, PASSPHRASE_MAX, file)) {
            cli_error("cannot read a passphrase from '%s'", file);
            status = CLI_EXIT_NOINPUT;
        }
    } else if (isatty(STDIN_FILENO)) {
        if (!read_tty(pw, PASSPHRASE_MAX, prompt) ||
            (confirm && !read_tty(again, PASSPHRASE_MAX, "passphrase again: "))) {
            cli_error("passphrase too long");
            status = CLI_EXIT_DATAERR;
        } else if (confirm && strcmp(pw, again) != 0) {
            cli_error("the two passphrases differ");
            status = CLI_EXIT_DATAERR;
        }
    } else if (!read_line_fd(STDIN_FILENO, pw, PASSPHRASE_MAX)) {
        cli_error("passphrase too long");
        status = CLI_EXIT_DATAERR;
    }
    recite_secret_free(again);
    if (status != CLI_EXIT_OK)
        recite_secret_free(pw);
    else
        *out = pw;
    return status;
}

void cli_secret_hygiene(void)
{
    /* A crash must not leave the decrypted key in a core file, nor may a debugger attach. */
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void cli_kdf_notice(void)
{
    /* scrypt at the key's limits takes seconds (1 GiB by default): not a hang. */
    fputs("recite: deriving the key from the passphrase...\n", stderr);
    fflush(stderr);
}

int cli_load_secret_key(struct recite_seckey **out, const char *path, const char *passphrase_file)
{
    struct recite_error err = {0}, warning = {0};
    *out = NULL;
    cli_secret_hygiene();
    int rc = recite_sign_init(&err);
    if (rc == 0)
        rc = recite_key_file_check(path, &warning, &err);
    if (warning.code != 0)
        cli_warn("%s", warning.msg);
    if (rc == 0)
        rc = recite_seckey_load(out, path, &err);
    if (rc == RECITE_ENOTFOUND) {
        cli_error("no secret key at '%s'; run 'recite key gen' or 'recite key import'", path);
        return CLI_EXIT_NOINPUT;
    }
    if (rc < 0)
        return cli_report(&err);
    if (!recite_seckey_encrypted(*out))
        return 0;
    char *pw = NULL;
    int status = cli_read_passphrase(&pw, passphrase_file, "passphrase: ", false);
    if (status == 0)
        cli_kdf_notice();
    if (status == 0 && recite_seckey_decrypt(*out, pw, strlen(pw), &err) < 0)
        status = cli_report(&err);
    recite_secret_free(pw);
    if (status != 0) {
        recite_seckey_free(*out);
        *out = NULL;
    }
    return status;
}

/*
 * --student, else config student.name, else $USER, else the account's name
 * in the password database: a container or a fresh account may have no $USER.
 */
static char *student_name(struct recite_store *st, const char *given)
{
    if (given)
        return recite_strdup(given);
    char *name = NULL;
    struct recite_error err = {0};
    if (recite_store_config_get(st, "student.name", &name, &err) == 0 && name)
        return name;
    const char *user = getenv("USER");
    if (user && *user)
        return recite_strdup(user);
    const struct passwd *account = getpwuid(geteuid());
    return account && account->pw_name && *account->pw_name ? recite_strdup(account->pw_name)
                                                            : NULL;
}

/* Builds and writes the signed score; key is already decrypted. */
static int write_score(struct recite_store *st, int64_t session_id, const char *output,
                       const char *name, const struct recite_seckey *key, bool force)
{
    struct recite_error err = {0};
    struct recite_pubkey pub;
    struct recite_score *score = NULL;
    recite_seckey_pubkey(&pub, key);
    if (recite_score_from_session(&score, st, session_id, name, &pub, &err) < 0)
        return cli_report(&err);
    char path[64], summary[RECITE_COMMENT_MAX + 1];
    if (!output) {
        snprintf(path, sizeof(path), "score-%lld.json", (long long)session_id);
        output = path;
    }
    int status = CLI_EXIT_OK;
    if (recite_score_write_signed(output, score, key, force, &err) < 0) {
        status = cli_report(&err);
    } else {
        recite_score_summary(summary, sizeof(summary), score);
        printf("wrote %s and %s.minisig\n", output, output);
        cli_put_safe(stdout, summary);
        putchar('\n');
    }
    recite_score_free(score);
    return status;
}

int cli_score_export(struct recite_store *st, int64_t session_id,
                     const struct cli_export_options *opts)
{
    /* A crash must not leave the decrypted key in a core file. */
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    struct recite_error err = {0};
    if (session_id == 0) {
        struct recite_session_info info;
        if (recite_store_session_get(st, 0, NULL, &info, &err) < 0)
            return cli_report(&err);
        session_id = info.id;
        recite_session_info_release(&info);
    }
    char *name = student_name(st, opts->student);
    if (!name) {
        cli_error("who is the student? give --student NAME or set config student.name "
                  "(no $USER and no account name)");
        return CLI_EXIT_USAGE;
    }
    struct cli_key_paths paths;
    struct recite_seckey *key = NULL;
    int status = cli_key_paths(&paths);
    if (status == 0)
        status = cli_load_secret_key(&key, paths.secret, opts->passphrase_file);
    if (status == 0)
        status = write_score(st, session_id, opts->output, name, key, opts->force);
    recite_seckey_free(key);
    cli_key_paths_release(&paths);
    free(name);
    return status;
}
