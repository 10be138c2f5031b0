/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What review and quiz sessions share: the banks they ask from (opened once
 * each: a quiz loads the whole bank, a review reads it through a view, a
 * fact at a time), the judge of each bank,
 * the :source citation, the monotonic clock and the session's random seed.
 */
#ifndef RECITE_CLI_SESSION_H
#define RECITE_CLI_SESSION_H

#include <stdint.h>
#include <stdio.h>

#include "recite.h"

struct cli_session_bank {
    struct recite_bank *bank;       /* owned: the whole bank, or NULL */
    struct recite_bank_view *view;  /* owned: a view of it, or NULL */
    struct recite_judge *judge;     /* owned: grades its cards, or NULL */
};

struct cli_session {
    struct recite_store *st;        /* borrowed */
    struct cli_session_bank *banks; /* owned: as many as the session asks from */
    size_t bank_count, bank_cap;
    uint64_t seed;                              /* distractors and draws */
};

/* Opens the store and imports the bundled banks on first run. */
int cli_session_open_store(struct recite_store **out);

/* The bank with id slug, loaded on first use. Borrowed; NULL on error (printed). */
const struct recite_bank *cli_session_bank(struct cli_session *s, const char *slug);

/* A view of the bank with id slug, opened on first use. Borrowed; NULL on error (printed). */
struct recite_bank_view *cli_session_view(struct cli_session *s, const char *slug);

/*
 * The judge of the bank with id slug (opened as a whole bank or a view
 * first), made on first use; its lexicon is read when a reply first needs
 * it. Borrowed; NULL on error (printed).
 */
struct recite_judge *cli_session_judge(struct cli_session *s, const char *slug);

/* Prints the fact's citation: source title, place, and the sentence. */
void cli_session_print_source(FILE *out, const struct recite_bank *bank,
                              const struct recite_fact *fact);

/* Frees the banks and judges. */
void cli_session_release(struct cli_session *s);

/* Monotonic milliseconds, for durations. */
int64_t cli_monotonic_ms(void);

/* Parses a seed (decimal) or draws a random one when text is NULL. */
bool cli_seed_parse(uint64_t *out, const char *text);

/* The path of the readline history file (XDG_STATE_HOME). Caller frees. */
char *cli_history_path(void);

#endif
