/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What `recite score verify` and `recite score grades` share: their
 * options, the list of score files (a directory stands for its files), the
 * roster or key, and verifying every file in one pass.
 */
#ifndef RECITE_CLI_SCORE_FILES_H
#define RECITE_CLI_SCORE_FILES_H

#include "cmd.h"

/* The options of `recite score`; each action reads its own. */
struct cli_score_args {
    int64_t session;
    const char *output, *student, *passphrase_file;
    const char *roster, *pubkey, *bank, *format;
    enum recite_attempt_rule attempts; /* --attempts; RECITE_ATTEMPTS_NONE when not given */
    const char *scale, *into, *column; /* grades */
    bool force;                        /* export: --force */
};

/* File names, in the order given (a directory's files sorted by name). Owned. */
struct cli_file_list {
    char **names;
    char **shown; /* each name as reports show it: printable, escaped (recite_text_escape) */
    char **skip;  /* why a file of a directory is not read (a FIFO, a link out of it), or NULL */
    size_t count, cap;
};

void cli_file_list_release(struct cli_file_list *list);

/*
 * Everything before verifying: libsodium, the --bank hash (into bank_hash
 * when --bank was given), the keys of --roster or --pubkey, and the files
 * of argv. Returns 0 or an exit status (errors printed).
 */
int cli_score_prepare(struct recite_keyset *keys, struct cli_file_list *files, char *bank_hash,
                      size_t hash_size, const struct cli_score_args *args, int argc, char **argv);

/*
 * Verifies every file against keys (and bank_hash unless NULL) and marks
 * copies of one attempt. *out has one result per file; release each with
 * recite_score_result_release() and free the array. Returns 0 or an exit
 * status.
 */
int cli_score_verify_files(struct recite_score_result **out, const struct cli_file_list *files,
                           const struct recite_keyset *keys, const char *bank_hash);

/* recite score grades FILE|DIR... --roster FILE [...]: see score_grades.c. */
int cli_score_grades(const struct cli_score_args *args, int argc, char **argv);

#endif
