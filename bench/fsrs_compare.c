/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fsrs-compare EXPECTED ACTUAL: compares two JSONL files of FSRS histories
 * (the reference vectors and fsrs-replay's output), matching histories by
 * "id". A history passes when every review's card agrees: due_ms, state,
 * reps, lapses, elapsed_days, scheduled_days and learning_steps exactly,
 * stability and difficulty within 1e-8. Prints "N passed, M failed" and
 * exits 0 only when nothing failed; the first mismatches go to stderr.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define TOLERANCE 1e-8
#define MAX_REPORTS 10

static const char *const exact_fields[] = {
    "due_ms", "state", "reps", "lapses", "elapsed_days", "scheduled_days", "learning_steps",
};
static const char *const real_fields[] = {"stability", "difficulty"};

/* Reads a JSONL file into an object mapping id -> history. */
static json_t *load_histories(const char *path, json_t *order)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "fsrs-compare: cannot open '%s'\n", path);
        return NULL;
    }
    json_t *map = json_object();
    char *buf = NULL;
    size_t cap = 0;
    while (map && getline(&buf, &cap, f) > 0) {
        if (strspn(buf, " \t\r\n") == strlen(buf))
            continue;
        json_t *line = json_loads(buf, 0, NULL);
        const char *id = json_string_value(json_object_get(line, "id"));
        if (!id) {
            fprintf(stderr, "fsrs-compare: '%s': a line is not a history with an id\n", path);
            json_decref(line);
            json_decref(map);
            map = NULL;
            break;
        }
        if (order)
            json_array_append_new(order, json_string(id));
        json_object_set_new(map, id, line);
    }
    free(buf);
    fclose(f);
    return map;
}

/* Returns the first differing field of two cards, or NULL when they agree. */
static const char *card_mismatch(json_t *want, json_t *got)
{
    for (size_t i = 0; i < sizeof(exact_fields) / sizeof(exact_fields[0]); i++) {
        json_t *a = json_object_get(want, exact_fields[i]);
        json_t *b = json_object_get(got, exact_fields[i]);
        if (!json_is_integer(a) || !json_is_integer(b) ||
            json_integer_value(a) != json_integer_value(b))
            return exact_fields[i];
    }
    for (size_t i = 0; i < sizeof(real_fields) / sizeof(real_fields[0]); i++) {
        json_t *a = json_object_get(want, real_fields[i]);
        json_t *b = json_object_get(got, real_fields[i]);
        if (!json_is_number(a) || !json_is_number(b) ||
            !(fabs(json_number_value(a) - json_number_value(b)) <= TOLERANCE))
            return real_fields[i];
    }
    return NULL;
}

static bool history_matches(const char *id, json_t *want, json_t *got, int *reports)
{
    json_t *want_reviews = json_object_get(want, "reviews");
    json_t *got_reviews = json_object_get(got, "reviews");
    size_t n = json_array_size(want_reviews);
    if (!got || json_array_size(got_reviews) != n) {
        if ((*reports)++ < MAX_REPORTS)
            fprintf(stderr, "%s: missing or with a different number of reviews\n", id);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *a = json_object_get(json_array_get(want_reviews, i), "card");
        json_t *b = json_object_get(json_array_get(got_reviews, i), "card");
        const char *field = card_mismatch(a, b);
        if (!field)
            continue;
        if ((*reports)++ < MAX_REPORTS) {
            char *sa = json_dumps(json_object_get(a, field), JSON_ENCODE_ANY);
            char *sb = json_dumps(json_object_get(b, field), JSON_ENCODE_ANY);
            fprintf(stderr, "%s: review %zu: %s expected %s, got %s\n", id, i, field,
                    sa ? sa : "(none)", sb ? sb : "(none)");
            free(sa);
            free(sb);
        }
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: fsrs-compare EXPECTED.jsonl ACTUAL.jsonl\n");
        return 64;
    }
    json_t *order = json_array();
    json_t *want = load_histories(argv[1], order);
    json_t *got = load_histories(argv[2], NULL);
    if (!want || !got) {
        json_decref(order);
        json_decref(want);
        json_decref(got);
        return 66;
    }
    size_t passed = 0, failed = 0, i;
    int reports = 0;
    json_t *id;
    json_array_foreach(order, i, id)
    {
        const char *key = json_string_value(id);
        if (history_matches(key, json_object_get(want, key), json_object_get(got, key), &reports))
            passed++;
        else
            failed++;
    }
    printf("%zu passed, %zu failed\n", passed, failed);
    json_decref(order);
    json_decref(want);
    json_decref(got);
    return failed == 0 && passed > 0 ? 0 : 1;
}
