/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers shared by the key and score commands: where the student's key
 * files are, reading a passphrase (terminal without echo, a file, or one
 * line of a non-terminal stdin), and loading the secret key to sign with.
 */
#ifndef RECITE_CLI_KEYS_H
#define RECITE_CLI_KEYS_H

#include "cmd.h"

/* Paths of the key directory and the two key files; free each with free(). */
struct cli_key_paths {
    char *dir;
    char *secret; /* dir/recite.key, mode 0600 */
    char *public; /* dir/recite.pub */
};

/* Fills paths from the database location. Returns 0 or an exit status. */
int cli_key_paths(struct cli_key_paths *out);
void cli_key_paths_release(struct cli_key_paths *paths);

/*
 * Reads a passphrase into a sodium_malloc'd buffer (*out, free with
 * recite_secret_free()): from file when not NULL, else from the terminal
 * with echo off (asking twice when confirm), else one line of stdin.
 * Returns 0 or an exit status (errors printed).
 */
int cli_read_passphrase(char **out, const char *file, const char *prompt, bool confirm);

/* Says on stderr that the passphrase key derivation (seconds of scrypt) has begun. */
void cli_kdf_notice(void);

/*
 * Makes the process safe to hold a secret key: no core dumps
 * (RLIMIT_CORE 0) and not dumpable (no ptrace by the same user).
 */
void cli_secret_hygiene(void);

/*
 * Loads and, if needed, decrypts the secret key at path, asking for the
 * passphrase as cli_read_passphrase() does, after cli_secret_hygiene() and
 * a check that the key file and its directory are not open to others, and
 * saying when the key derivation starts. Returns 0 or an exit status.
 */
int cli_load_secret_key(struct recite_seckey **out, const char *path, const char *passphrase_file);

/*
 * Signs session session_id (0: the newest) of st into output and
 * output.minisig (default "score-<id>.json") with the student's key, and
 * prints what it wrote and the summary. student NULL: config student.name,
 * then $USER, then the account's name in the password database. For
 * `recite score export` and `recite quiz --sign`. Returns 0 or an exit
 * status (errors printed).
 */
struct cli_export_options {
    const char *output;          /* -o FILE; NULL: score-<id>.json */
    const char *student;         /* --student; NULL: config, $USER, the account */
    const char *passphrase_file; /* --passphrase-file */
    bool force;                  /* --force: FILE and FILE.minisig may be replaced */
};
int cli_score_export(struct recite_store *st, int64_t session_id,
                     const struct cli_export_options *opts);

#endif
