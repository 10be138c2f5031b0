/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Showing a card and judging the reply. Every string that comes from a bank
 * goes through cli_put_safe(); the library decides what is right, this file
 * only says so.
 */
#include <ctype.h>
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

const char *cli_c(FILE *stream, const char *code)
{
    return cli_color(stream) ? code : "";
}

enum recite_answer_kind cli_effective_kind(const struct recite_card *card, enum cli_mode mode)
{
    if (mode == CLI_MODE_FLASH)
        return RECITE_ANSWER_FLASH;
    if (mode == CLI_MODE_TYPED && card->answer_kind == RECITE_ANSWER_CHOICE &&
        card->accepted_count > 0)
        return RECITE_ANSWER_TYPED;
    return card->answer_kind;
}

static void print_options(FILE *out, const struct recite_card *card)
{
    for (size_t i = 0; i < card->option_count && i < 26; i++) {
        fprintf(out, "  %c) ", (char)('a' + i));
        cli_put_safe(out, card->options[i]);
        fputc('\n', out);
    }
}

void cli_card_print(FILE *out, const struct recite_card *card, enum cli_mode mode)
{
    cli_put_safe(out, card->prompt);
    fputc('\n', out);
    switch (cli_effective_kind(card, mode)) {
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
    cli_put_safe(out, expected ? expected : "");
    fputc('\n', out);
    free(expected);
    if (card->explain) {
        fputs("  ", out);
        cli_put_safe(out, card->explain);
        fputc('\n', out);
    }
}

static void say(FILE *out, int verdict)
{
    switch (verdict) {
    case RECITE_ANSWER_RIGHT:
        fprintf(out, "%sright%s", cli_c(out, "\033[32m"), cli_c(out, "\033[0m"));
        break;
    case RECITE_ANSWER_ALMOST:
        fprintf(out, "%salmost%s", cli_c(out, "\033[33m"), cli_c(out, "\033[0m"));
        break;
    case RECITE_ANSWER_PARTIAL:
        fprintf(out, "%spartly right%s", cli_c(out, "\033[33m"), cli_c(out, "\033[0m"));
        break;
    default:
        fprintf(out, "%swrong%s", cli_c(out, "\033[31m"), cli_c(out, "\033[0m"));
        break;
    }
}

static void say_expected(FILE *out, const struct recite_card *card, int verdict)
{
    say(out, verdict);
    if (verdict != RECITE_ANSWER_RIGHT) {
        char *expected = cli_card_expected(card);
        fputs(": ", out);
        cli_put_safe(out, expected ? expected : "");
        free(expected);
    }
    fputc('\n', out);
}

static int judge_text(FILE *out, const struct recite_card *card, const char *reply,
                      struct cli_judgement *j, struct recite_error *err)
{
    /* A typed event date is judged as a date: exact, but told how far off. */
    struct recite_answer_date known;
    if (card->fact_kind == RECITE_FACT_EVENT && card->accepted_count > 0 &&
        recite_answer_date_parse(&known, card->accepted[0]) == 0) {
        struct recite_answer_date_result r;
        int rc = recite_answer_check_date(&r, reply, &known, recite_answer_date_precision(&known),
                                          err);
        if (rc < 0)
            return rc;
        *j = (struct cli_judgement){(int)r.verdict, r.verdict == RECITE_ANSWER_RIGHT ? 1.0
                                                    : r.verdict == RECITE_ANSWER_PARTIAL ? 0.5
                                                                                         : 0.0,
                                    r.rating};
        say_expected(out, card, (int)r.verdict);
        char offset[96];
        if (r.off_unit != RECITE_DATE_NONE &&
            recite_answer_describe_offset(offset, sizeof(offset), &r))
            fprintf(out, "  (%s)\n", offset);
        return 0;
    }
    struct recite_answer_key key = {(const char *const *)card->accepted, card->accepted_count,
                                    NULL, 0, NULL, false};
    struct recite_answer_result r;
    int rc = recite_answer_check_text(&r, reply, &key, err);
    if (rc < 0)
        return rc;
    *j = (struct cli_judgement){(int)r.verdict, r.verdict >= RECITE_ANSWER_ALMOST ? 1.0 : 0.0,
                                r.rating};
    say_expected(out, card, (int)r.verdict);
    return 0;
}

static int judge_choice(FILE *out, const struct recite_card *card, const char *reply,
                        struct cli_judgement *j, struct recite_error *err)
{
    struct recite_answer_choice choice = {(const char *const *)card->options,
                                          card->option_count, card->correct, NULL};
    struct recite_answer_result r;
    int rc = recite_answer_check_choice(&r, reply, &choice, err);
    if (rc < 0)
        return rc;
    bool right = r.verdict >= RECITE_ANSWER_ALMOST;
    *j = (struct cli_judgement){right ? RECITE_ANSWER_RIGHT : RECITE_ANSWER_WRONG,
                                right ? 1.0 : 0.0, right ? RECITE_RATING_GOOD : RECITE_RATING_AGAIN};
    if (!right && (r.flags & RECITE_ANSWER_UNRECOGNISED))
        fputs("(that is none of the options) ", out);
    say(out, j->verdict);
    if (!right) {
        fprintf(out, ": %c) ", (char)('a' + card->correct));
        cli_put_safe(out, card->options[card->correct]);
    }
    fputc('\n', out);
    return 0;
}

static int judge_bool(FILE *out, const struct recite_card *card, const char *reply,
                      struct cli_judgement *j)
{
    struct recite_answer_result r;
    int rc = recite_answer_check_bool(&r, reply, card->truth);
    if (rc < 0)
        return rc;
    bool right = r.verdict >= RECITE_ANSWER_ALMOST;
    *j = (struct cli_judgement){right ? RECITE_ANSWER_RIGHT : RECITE_ANSWER_WRONG,
                                right ? 1.0 : 0.0, right ? RECITE_RATING_GOOD : RECITE_RATING_AGAIN};
    if (!right && (r.flags & RECITE_ANSWER_UNRECOGNISED))
        fputs("(answer yes or no) ", out);
    say_expected(out, card, j->verdict);
    return 0;
}

static int judge_list(FILE *out, const struct recite_card *card, const char *reply,
                      struct cli_judgement *j, struct recite_error *err)
{
    struct recite_answer_member *members = calloc(card->member_count + 1, sizeof(*members));
    if (!members)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < card->member_count; i++)
        members[i] = (struct recite_answer_member){
            (const char *const *)card->members[i].alts, card->members[i].alt_count};
    struct recite_answer_set set = {members, card->member_count, NULL, 0, NULL, false};
    struct recite_answer_list_result *r = NULL;
    int rc = recite_answer_check_list(&r, reply, &set, err);
    free(members);
    if (rc < 0)
        return rc;
    *j = (struct cli_judgement){(int)r->verdict, r->credit, r->rating};
    say(out, (int)r->verdict);
    fprintf(out, ": %zu of %zu (credit %.0f%%)\n", r->found_count, card->member_count,
            r->credit * 100);
    if (r->found_count > 0) {
        fputs("  found:", out);
        for (size_t i = 0; i < r->found_count; i++) {
            fputs(i ? ", " : " ", out);
            cli_put_safe(out, card->members[r->found[i].member].alts[0]);
        }
        fputc('\n', out);
    }
    if (r->missed_count > 0) {
        fputs("  missed:", out);
        for (size_t i = 0; i < r->missed_count; i++) {
            fputs(i ? ", " : " ", out);
            cli_put_safe(out, card->members[r->missed[i]].alts[0]);
        }
        fputc('\n', out);
    }
    if (r->wrong_count > 0) {
        fputs("  not members:", out);
        for (size_t i = 0; i < r->wrong_count; i++) {
            fputs(i ? ", " : " ", out);
            cli_put_safe(out, r->wrong[i]);
        }
        fputc('\n', out);
    }
    recite_answer_list_result_free(r);
    return 0;
}

/* Reads option letters ("b a d c", "badc", "b, a, d, c") into picks. */
static size_t read_letters(const char *reply, size_t *picks, size_t max)
{
    size_t n = 0;
    for (const char *p = reply; *p; p++) {
        int c = tolower((unsigned char)*p);
        if (c >= 'a' && c <= 'z') {
            if (n == max)
                return max + 1;
            picks[n++] = (size_t)(c - 'a');
        } else if (!isspace((unsigned char)c) && c != ',' && c != ';' && c != '-' && c != '>') {
            return max + 1;
        }
    }
    return n;
}

static int judge_order(FILE *out, const struct recite_card *card, const char *reply,
                       struct cli_judgement *j)
{
    size_t picks[26];
    size_t n = read_letters(reply, picks, card->option_count < 26 ? card->option_count : 26);
    size_t right = 0;
    if (n == card->option_count)
        for (size_t i = 0; i < n; i++)
            right += picks[i] == card->order[i];
    double credit = card->option_count ? (double)right / (double)card->option_count : 0;
    int verdict = right == card->option_count ? RECITE_ANSWER_RIGHT
                  : right * 2 >= card->option_count ? RECITE_ANSWER_PARTIAL
                                                     : RECITE_ANSWER_WRONG;
    int rating = verdict == RECITE_ANSWER_RIGHT     ? RECITE_RATING_GOOD
                 : verdict == RECITE_ANSWER_PARTIAL ? RECITE_RATING_HARD
                                                    : RECITE_RATING_AGAIN;
    *j = (struct cli_judgement){verdict, credit, rating};
    say(out, verdict);
    fputs(": ", out);
    for (size_t i = 0; i < card->option_count; i++)
        fprintf(out, "%s%c", i ? " " : "", (char)('a' + card->order[i]));
    fputc('\n', out);
    return 0;
}

int cli_card_judge(FILE *out, const struct recite_card *card, enum cli_mode mode,
                   const char *reply, struct cli_judgement *out_judgement)
{
    struct recite_error err = {0};
    int rc;
    switch (cli_effective_kind(card, mode)) {
    case RECITE_ANSWER_CHOICE:
        rc = judge_choice(out, card, reply, out_judgement, &err);
        break;
    case RECITE_ANSWER_TRUEFALSE:
        rc = judge_bool(out, card, reply, out_judgement);
        break;
    case RECITE_ANSWER_LIST:
        rc = judge_list(out, card, reply, out_judgement, &err);
        break;
    case RECITE_ANSWER_ORDER:
        rc = judge_order(out, card, reply, out_judgement);
        break;
    default:
        rc = judge_text(out, card, reply, out_judgement, &err);
        break;
    }
    if (rc == 0 && card->explain && out_judgement->verdict != RECITE_ANSWER_RIGHT) {
        fputs("  ", out);
        cli_put_safe(out, card->explain);
        fputc('\n', out);
    }
    return rc;
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
