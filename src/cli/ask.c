/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Showing a card and judging the reply. Every string that comes from a bank
 * goes through cli_put_safe(); the library decides what is right, this file
 * only says so.
 */
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "cmd.h"

bool cli_mode_parse(enum cli_mode *out, const char *text)
{
    static const char *const names[] = {"auto", "typed", "choice", "flash"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(text, names[i]) == 0) {
            *out = (enum cli_mode)i;
            return true;
        }
    }
    return false;
}

bool cli_mode_option(void *out, const char *text)
{
    return cli_mode_parse(out, text);
}

const char *cli_c(FILE *stream, const char *code)
{
    return cli_color(stream) ? code : "";
}

enum recite_answer_kind cli_effective_kind(const struct recite_card *card, enum cli_mode mode)
{
    return recite_card_asked_as(card, (enum recite_mode)mode);
}

static void print_options(FILE *out, const struct recite_card *card)
{
    for (size_t i = 0; i < card->option_count && i < 26; i++) {
        fprintf(out, "  %c) ", (char)('a' + i));
        cli_put_wrapped(out, card->options[i], 5, 5, false);
        fputc('\n', out);
    }
}

void cli_card_print(FILE *out, const struct recite_card *card, enum cli_mode mode, int col)
{
    enum recite_answer_kind kind = cli_effective_kind(card, mode);
    cli_put_wrapped(out, recite_card_prompt_as(card, kind), col, 0, false);
    fputc('\n', out);
    switch (kind) {
    case RECITE_ANSWER_CHOICE:
        print_options(out, card);
        fputs("(answer with a letter or the text)\n", out);
        break;
    case RECITE_ANSWER_ORDER:
        print_options(out, card);
        fputs("(answer with the letters in order, e.g. \"b a d c\")\n", out);
        break;
    case RECITE_ANSWER_TRUEFALSE:
        fputs("(yes or no)\n", out);
        break;
    case RECITE_ANSWER_LIST:
        if (card->member_count == 2)
            fputs("(name both, separated by a comma)\n", out);
        else
            fprintf(out, "(name all %zu, separated by commas)\n", card->member_count);
        break;
    case RECITE_ANSWER_FLASH:
        fputs("(press Enter to see the answer)\n", out);
        break;
    case RECITE_ANSWER_TYPED:
        break;
    }
}

/* Appends text to a growing buffer; returns false on allocation failure. */
static bool buf_add(char **buf, size_t *len, size_t *cap, const char *text)
{
    size_t n = strlen(text);
    if (*len + n + 1 > *cap) {
        size_t next = (*len + n + 1) * 2;
        char *grown = realloc(*buf, next);
        if (!grown)
            return false;
        *buf = grown;
        *cap = next;
    }
    memcpy(*buf + *len, text, n + 1);
    *len += n;
    return true;
}

char *cli_card_expected(const struct recite_card *card)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    bool ok = buf_add(&buf, &len, &cap, "");
    switch (card->answer_kind) {
    case RECITE_ANSWER_CHOICE:
        if (card->correct < card->option_count)
            ok = buf_add(&buf, &len, &cap, card->options[card->correct]);
        break;
    case RECITE_ANSWER_TRUEFALSE:
        ok = buf_add(&buf, &len, &cap, card->truth ? "yes" : "no");
        break;
    case RECITE_ANSWER_LIST:
        for (size_t i = 0; ok && i < card->member_count; i++) {
            ok = (i == 0 || buf_add(&buf, &len, &cap, ", ")) &&
                 buf_add(&buf, &len, &cap, card->members[i].alts[0]);
        }
        break;
    case RECITE_ANSWER_ORDER:
        for (size_t i = 0; ok && i < card->option_count; i++) {
            ok = (i == 0 || buf_add(&buf, &len, &cap, "; ")) &&
                 buf_add(&buf, &len, &cap, card->options[card->order[i]]);
        }
        break;
    default:
        if (card->accepted_count > 0)
            ok = buf_add(&buf, &len, &cap, card->accepted[0]);
        break;
    }
    if (!ok) {
        free(buf);
        return NULL;
    }
    return buf;
}

void cli_card_reveal(FILE *out, const struct recite_card *card)
{
    char *expected = cli_card_expected(card);
    fputs("answer: ", out);
    cli_put_wrapped(out, expected ? expected : "", 8, 2, false);
    fputc('\n', out);
    free(expected);
    if (card->explain) {
        fputs("  ", out);
        cli_put_wrapped(out, card->explain, 2, 2, false);
        fputc('\n', out);
    }
}

/* The feedback, its first word coloured by the verdict; bank and reply text sanitised. */
static void print_feedback(FILE *out, const struct recite_judgement *j)
{
    const char *text = j->feedback ? j->feedback : "";
    const char *colour = j->unclear                                ? "\033[36m"
                         : j->verdict == RECITE_ANSWER_RIGHT       ? "\033[32m"
                         : j->verdict == RECITE_ANSWER_WRONG       ? "\033[31m"
                                                                   : "\033[33m";
    size_t word = j->unclear ? 0 : strcspn(text, ":\n");
    int col = 0;
    if (word > 0) {
        char *head = cli_sanitize(text, word, false);
        fputs(cli_c(out, colour), out);
        col = cli_put_wrapped(out, head ? head : "", 0, 2, false);
        fputs(cli_c(out, "\033[0m"), out);
        free(head);
    }
    cli_put_wrapped(out, text + word, col, 2, true);
    fputc('\n', out);
}

int cli_card_judge(FILE *out, struct recite_judge *judge, const struct recite_card *card,
                   enum cli_mode mode, const char *reply, struct cli_judgement *out_judgement)
{
    struct recite_error err = {0};
    struct recite_judgement j;
    int rc = recite_judge_reply(&j, judge, card, cli_effective_kind(card, mode), reply, &err);
    if (rc < 0) {
        recite_judgement_release(&j);
        cli_report(&err);
        return rc;
    }
    print_feedback(out, &j);
    *out_judgement = (struct cli_judgement){(int)j.verdict, j.credit, j.rating, j.unclear};
    recite_judgement_release(&j);
    return 0;
}

void cli_format_span(char *buf, size_t size, int64_t ms)
{
    const double minute = 60000.0, hour = 60 * minute, day = 24 * hour;
    double v = (double)ms;
    if (v < minute)
        snprintf(buf, size, "<1m");
    else if (v < hour)
        snprintf(buf, size, "%.0fm", v / minute);
    else if (v < day)
        snprintf(buf, size, "%.0fh", v / hour);
    else if (v < 30 * day)
        snprintf(buf, size, "%.0fd", v / day);
    else if (v < 365 * day)
        snprintf(buf, size, "%.1fmo", v / (30 * day));
    else
        snprintf(buf, size, "%.1fy", v / (365 * day));
}
