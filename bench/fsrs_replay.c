/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fsrs-replay: reads FSRS review histories as JSONL on standard input (the
 * shape of tests/data/fsrs/vectors-public.jsonl: params, start_ms, reviews
 * with review_ms and rating), replays each through recite's scheduler and
 * writes the same shape on standard output with recite's card after every
 * review. Input card fields are ignored. Exit status 0, 65 on bad input.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "recite.h"

static json_t *card_to_json(const struct recite_sched_card *card)
{
    char due_iso[32];
    recite_time_format(due_iso, sizeof(due_iso), card->due);
    return json_pack("{s:s, s:I, s:f, s:f, s:i, s:i, s:i, s:i, s:i, s:i}", "due_iso", due_iso,
                     "due_ms", (json_int_t)card->due, "stability", card->stability, "difficulty",
                     card->difficulty, "elapsed_days", card->elapsed_days, "scheduled_days",
                     card->scheduled_days, "reps", card->reps, "lapses", card->lapses, "state",
                     card->state, "learning_steps", card->step);
}

static int params_of(struct recite_sched_params *out, json_t *line, struct recite_error *err)
{
    json_t *params = json_object_get(line, "params");
    if (!params) {
        recite_sched_params_default(out);
        return 0;
    }
    char *text = json_dumps(params, JSON_COMPACT | JSON_REAL_PRECISION(17));
    if (!text)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    int rc = recite_sched_params_from_json(out, text, err);
    free(text);
    return rc;
}

static int replay_review(json_t *review, struct recite_sched_card *card,
                         const struct recite_sched_params *params, struct recite_error *err)
{
    json_t *at = json_object_get(review, "review_ms");
    json_t *rating = json_object_get(review, "rating");
    if (!json_is_integer(at) || !json_is_integer(rating))
        return recite_error_set(err, RECITE_EDATA, "review without review_ms or rating");
    int64_t now = json_integer_value(at);
    int rc = recite_sched_review(card, params, card, (int)json_integer_value(rating), now);
    if (rc < 0)
        return recite_error_set(err, rc, "review at %lld refused", (long long)now);
    if (json_object_set_new(review, "card", card_to_json(card)) < 0)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    return 0;
}

/* Replays one history in place: each review's "card" is replaced. */
static int replay_line(json_t *line, struct recite_error *err)
{
    struct recite_sched_params params;
    struct recite_sched_card card;
    int rc = params_of(&params, line, err);
    if (rc < 0)
        return rc;
    json_t *start = json_object_get(line, "start_ms");
    json_t *reviews = json_object_get(line, "reviews");
    if (!json_is_integer(start) || !json_is_array(reviews))
        return recite_error_set(err, RECITE_EDATA, "history without start_ms or reviews");
    recite_sched_card_new(&card, json_integer_value(start));
    json_object_del(line, "ts_fsrs");
    json_object_set_new(line, "recite", json_string(recite_version()));
    size_t i;
    json_t *review;
    json_array_foreach(reviews, i, review)
    {
        if ((rc = replay_review(review, &card, &params, err)) < 0)
            return rc;
    }
    return 0;
}

int main(void)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    int status = 0;
    while ((len = getline(&buf, &cap, stdin)) > 0) {
        struct recite_error err = {0};
        json_error_t jerr;
        lineno++;
        if (strspn(buf, " \t\r\n") == (size_t)len)
            continue;
        json_t *line = json_loads(buf, 0, &jerr);
        int rc =
            line ? replay_line(line, &err) : recite_error_set(&err, RECITE_EDATA, "%s", jerr.text);
        /* 17 significant digits read back as the very same double. */
        if (rc == 0 && json_dumpf(line, stdout,
                                  JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17)) == 0)
            putchar('\n');
        if (rc < 0) {
            fprintf(stderr, "fsrs-replay: line %ld: %s\n", lineno, err.msg);
            status = 65;
        }
        json_decref(line);
    }
    free(buf);
    if (fflush(stdout) != 0)
        status = 74;
    return status;
}
