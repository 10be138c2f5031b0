/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command list: X(name, summary) for each cmd_<name>.c. Adding a
 * command is one line here plus its file (see src/cli/README.md).
 */
#ifndef RECITE_CLI_CMDS_H
#define RECITE_CLI_CMDS_H

#define RECITE_CLI_COMMANDS(X)                                                                     \
    X(bank, "Import, export, list, show, preview, remove or lint question banks")                           \
    X(config, "Read or set a setting (daily limits, day start, student name)")                     \
    X(db, "Show where the database is, its schema version, or check it")                           \
    X(fsrs, "Fit the scheduler to your own reviews, or measure how well it predicts")            \
    X(generate, "Write a draft bank of facts found in documents")                                  \
    X(help, "Show help for recite or one of its commands")                                         \
    X(key, "Make, show or import your signing key; trust an instructor key")                       \
    X(quiz, "Take a fixed, scored test drawn from a bank")                                         \
    X(review, "Review the cards due today (the default command)")                                  \
    X(score, "Export a signed score file; verify a class's files; grades for the LMS")            \
    X(stats, "Show progress: workload, heatmap, forecast, retention, mastery; quiz items")

#define X(name, summary) int cmd_##name(int argc, char **argv);
RECITE_CLI_COMMANDS(X)
#undef X

/* recite bank preview (cmd_preview.c): its own options, so cmd_bank hands it argv whole. */
int cmd_bank_preview(int argc, char **argv);
/* recite bank suspended|unsuspend (cmd_suspend.c), handed argv whole in the same way. */
int cmd_bank_suspended(int argc, char **argv);
int cmd_bank_unsuspend(int argc, char **argv);

void cli_print_main_help(FILE *out);

#endif
