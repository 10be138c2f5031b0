/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Asking one card and judging the reply, shared by review and quiz: how a
 * card is shown in each mode, and what the reply earns (verdict, credit,
 * proposed rating), with the feedback printed for the student.
 */
#ifndef RECITE_CLI_ASK_H
#define RECITE_CLI_ASK_H

#include <stdbool.h>
#include <stdio.h>

#include "recite.h"

/* The core's modes, named for the command line. */
enum cli_mode {
    CLI_MODE_AUTO = RECITE_MODE_AUTO,
    CLI_MODE_TYPED = RECITE_MODE_TYPED,
    CLI_MODE_CHOICE = RECITE_MODE_CHOICE,
    CLI_MODE_FLASH = RECITE_MODE_FLASH,
};

/* Parses "auto", "typed", "choice" or "flash"; false when unknown. */
bool cli_mode_parse(enum cli_mode *out, const char *text);
/* cli_mode_parse() for an option table (CLI_OPT_PARSE_ROW): out is an enum cli_mode. */
bool cli_mode_option(void *out, const char *text);

/* How the card is answered in mode (flash, typed, or the card's own kind). */
enum recite_answer_kind cli_effective_kind(const struct recite_card *card, enum cli_mode mode);

struct cli_judgement {
    int verdict;    /* enum recite_answer_verdict */
    double credit;  /* 0..1 */
    int rating;     /* proposed: 1 Again, 2 Hard, 3 Good */
    bool unclear;   /* not an answer: ask again, record nothing */
};

/*
 * Prints the question (prompt and options) of card, wrapped at spaces to the
 * terminal's width; col is the column the cursor stands at.
 */
void cli_card_print(FILE *out, const struct recite_card *card, enum cli_mode mode, int col);

/*
 * The canonical answer of card as one line of text (for feedback and the
 * quiz record). Caller frees with free().
 */
char *cli_card_expected(const struct recite_card *card);

/*
 * Has judge grade reply to card (not for flash mode) and prints what it
 * says. An unclear reply (out_judgement->unclear) must be asked again and
 * not recorded. Returns 0 or a RECITE_E* code (reported).
 */
int cli_card_judge(FILE *out, struct recite_judge *judge, const struct recite_card *card,
                   enum cli_mode mode, const char *reply, struct cli_judgement *out_judgement);

/* Prints what the card's answer is (flash mode's reveal). */
void cli_card_reveal(FILE *out, const struct recite_card *card);

/* Formats a span of milliseconds as "<1m", "10m", "3h", "4d", "2mo", "1.5y". */
void cli_format_span(char *buf, size_t size, int64_t ms);

/* ANSI colour wrappers; empty strings when colour is off. */
const char *cli_c(FILE *stream, const char *code);

#endif
