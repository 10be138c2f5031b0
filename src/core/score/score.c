/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Score documents (recite-score/2, and /1 read): built from a stored
 * session, written as JSON with jansson, parsed back, summarised and signed
 * with sign.c. Every question a quiz drew is an item; the totals are sums
 * of the items and a document whose totals say otherwise is not valid.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "recite/bank.h"
#include "recite/common.h"
#include "recite/files.h"
#include "recite/score.h"
#include "recite/sign.h"
#include "recite/store.h"
#include "score_internal.h"

#define NAME_MAX_BYTES 128
#define HASH_PREFIX "blake2b-256:"

static const char *const status_names[] = {
    [RECITE_ITEM_ANSWERED] = "answered",
    [RECITE_ITEM_SKIPPED] = "skipped",
    [RECITE_ITEM_UNANSWERED] = "unanswered",
};

static void items_free(struct recite_score_item *items, size_t count)
{
    for (size_t i = 0; items && i < count; i++) {
        free(items[i].card);
        free(items[i].prompt);
        free(items[i].expected);
        free(items[i].given);
    }
    free(items);
}

void recite_score_free(struct recite_score *score)
{
    if (!score)
        return;
    free(score->student);
    free(score->bank_id);
    free(score->bank_version);
    free(score->bank_hash);
    free(score->seed);
    for (size_t i = 0; i < score->tag_count; i++)
        free(score->tags[i]);
    free(score->tags);
    items_free(score->items, score->item_count);
    free(score->tool);
    free(score);
}

/*
 * One printable line of at most NAME_MAX_BYTES: no control characters, and
 * no invisible format characters that would make two names look the same.
 */
static bool printable_line(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= NAME_MAX_BYTES && recite_text_check(s, n) == n;
}

static void totals_from_items(struct recite_score *score)
{
    score->credit = 0;
    score->correct = 0;
    score->answered = 0;
    for (size_t i = 0; i < score->item_count; i++) {
        score->credit += score->items[i].credit;
        score->correct += score->items[i].credit >= 1.0;
        score->answered += score->items[i].status == RECITE_ITEM_ANSWERED;
    }
}

/* ---- quiz definitions ---- */

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * BLAKE2b-128 of the compact JSON [hash, seed, count, [tags]] with the tags
 * sorted and each once: "a,b" and "b,a" are one quiz.
 */
static void definition_key(char out[RECITE_SCORE_DEFINITION_LEN + 1], const char *bank_hash,
                           const char *seed, int64_t count, const char *const *tags,
                           size_t tag_count)
{
    const char **sorted = malloc((tag_count ? tag_count : 1) * sizeof(*sorted));
    json_t *set = json_array();
    for (size_t i = 0; sorted && i < tag_count; i++)
        sorted[i] = tags[i];
    if (sorted)
        qsort(sorted, tag_count, sizeof(*sorted), compare_strings);
    for (size_t i = 0; sorted && set && i < tag_count; i++) {
        if (i == 0 || strcmp(sorted[i - 1], sorted[i]) != 0)
            json_array_append_new(set, json_string(sorted[i]));
    }
    free(sorted);
    json_t *root = json_pack("[s, s, I, o]", bank_hash ? bank_hash : "", seed ? seed : "",
                             (json_int_t)count, set);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    uint8_t digest[RECITE_SCORE_DEFINITION_LEN / 2] = {0};
    /* Out of memory leaves the all-zero key: attempts are then merely not told apart. */
    if (text)
        crypto_generichash(digest, sizeof(digest), (const unsigned char *)text, strlen(text), NULL,
                           0);
    free(text);
    sodium_bin2hex(out, RECITE_SCORE_DEFINITION_LEN + 1, digest, sizeof(digest));
}

void recite_score_definition(char out[RECITE_SCORE_DEFINITION_LEN + 1],
                             const struct recite_score *score)
{
    definition_key(out, score->bank_hash, score->seed, score->count,
                   (const char *const *)score->tags, score->tag_count);
}

/* ---- building from a session ---- */

/* "blake2b-256:" + hex, whether or not text already names the algorithm. */
static char *prefixed_hash(const char *text)
{
    bool named = strncmp(text, HASH_PREFIX, strlen(HASH_PREFIX)) == 0;
    return recite_strjoin(named ? "" : HASH_PREFIX, text, NULL);
}

/* The stored quiz parameters: count (-1 when absent) and tags (a JSON array, or NULL). */
static json_t *params_parse(const char *params, int64_t *count)
{
    *count = -1;
    json_t *root = params ? json_loads(params, 0, NULL) : NULL;
    json_t *value = json_object_get(root, "count");
    if (json_is_integer(value))
        *count = json_integer_value(value);
    return root;
}

/* Copies the stored quiz parameters (count, tags) into score. */
static int params_from_json(struct recite_score *score, const char *params,
                            struct recite_error *err)
{
    int64_t count;
    json_t *root = params_parse(params, &count);
    /* Parameters are informative; a session without them still exports. */
    score->count = count >= 0 ? count : (int64_t)score->item_count;
    json_t *tags = json_object_get(root, "tags");
    size_t n = json_is_array(tags) ? json_array_size(tags) : 0;
    int rc = 0;
    if (n > 0 && !(score->tags = calloc(n, sizeof(char *))))
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *tag = json_string_value(json_array_get(tags, i));
        if (!tag)
            continue;
        if (!(score->tags[score->tag_count++] = recite_strdup(tag)))
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    json_decref(root);
    return rc;
}

/* A stored session's definition key, from its own records (count -1 without parameters). */
static void session_key(char out[RECITE_SCORE_DEFINITION_LEN + 1],
                        const struct recite_session_info *info)
{
    int64_t count;
    json_t *root = params_parse(info->params_json, &count);
    json_t *tags = json_object_get(root, "tags");
    size_t n = json_is_array(tags) ? json_array_size(tags) : 0;
    const char **list = calloc(n ? n : 1, sizeof(*list));
    size_t used = 0;
    for (size_t i = 0; list && i < n; i++) {
        const char *tag = json_string_value(json_array_get(tags, i));
        if (tag)
            list[used++] = tag;
    }
    char seed[24];
    snprintf(seed, sizeof(seed), "%llu", (unsigned long long)info->seed);
    definition_key(out, info->bank_hash ? info->bank_hash : "", seed, count, list, used);
    free(list);
    json_decref(root);
}

/* 1 + the earlier sessions of this database with the same kind and quiz definition. */
static int attempt_number(int64_t *out, struct recite_store *st,
                          const struct recite_session_info *info, struct recite_error *err)
{
    struct recite_session_info *all = NULL;
    size_t n = 0;
    int rc = recite_store_session_list(st, info->kind, info->id, &all, &n, err);
    if (rc < 0)
        return rc;
    char mine[RECITE_SCORE_DEFINITION_LEN + 1], other[RECITE_SCORE_DEFINITION_LEN + 1];
    session_key(mine, info);
    *out = 0;
    for (size_t i = 0; i < n; i++) {
        session_key(other, &all[i]);
        *out += strcmp(mine, other) == 0;
    }
    if (*out == 0)
        *out = 1;
    recite_session_infos_free(all, n);
    return 0;
}

/* The session's attempt id, chosen (and recorded) on its first export. */
static int attempt_id(char out[33], struct recite_store *st, const struct recite_session_info *info,
                      struct recite_error *err)
{
    if (info->attempt && strlen(info->attempt) == 32) {
        memcpy(out, info->attempt, 33);
        return 0;
    }
    uint8_t random[16];
    randombytes_buf(random, sizeof(random));
    sodium_bin2hex(out, 33, random, sizeof(random));
    int rc = recite_store_session_set_attempt(st, info->id, out, err);
    if (rc < 0)
        return rc;
    /* Another export may have chosen first: the stored id wins. */
    struct recite_session_info again;
    if ((rc = recite_store_session_get(st, info->id, NULL, &again, err)) < 0)
        return rc;
    if (again.attempt && strlen(again.attempt) == 32)
        memcpy(out, again.attempt, 33);
    recite_session_info_release(&again);
    return 0;
}

/* The bank as it was when the session began, or as it is now for older sessions. */
static int fill_bank(struct recite_score *score, struct recite_store *st,
                     const struct recite_session_info *info, struct recite_error *err)
{
    char *version = NULL, *hash = NULL;
    int rc = 0;
    if (info->bank_version && info->bank_hash && *info->bank_hash) {
        version = recite_strdup(info->bank_version);
        hash = recite_strdup(info->bank_hash);
    } else {
        rc = recite_store_bank_ident(st, info->bank_slug, &version, &hash, err);
    }
    if (rc < 0)
        return rc;
    score->bank_version = version;
    score->bank_hash = hash ? prefixed_hash(hash) : NULL;
    score->bank_id = recite_strdup(info->bank_slug);
    free(hash);
    if (!score->bank_hash || !score->bank_id || !score->bank_version)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    return 0;
}

static int fill_items(struct recite_score *score, struct recite_store *st, int64_t session_id,
                      struct recite_error *err)
{
    struct recite_session_item *items = NULL;
    size_t n = 0;
    int rc = recite_store_session_items(st, session_id, &items, &n, err);
    if (rc < 0)
        return rc;
    /* The two item structs have the same fields; take the strings over. */
    if (n > 0 && !(score->items = calloc(n, sizeof(*score->items)))) {
        recite_session_items_free(items, n);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        score->items[i] = (struct recite_score_item){
            items[i].card_uid, items[i].prompt, items[i].expected,    items[i].given,
            items[i].credit,   items[i].rating, items[i].duration_ms, items[i].status};
        if (!score->items[i].given)
            score->items[i].given = recite_strdup("");
    }
    free(items);
    score->item_count = n;
    totals_from_items(score);
    return 0;
}

static int fill_session(struct recite_score *score, struct recite_store *st,
                        const struct recite_session_info *info, struct recite_error *err)
{
    if (info->ended == 0)
        return recite_error_set(err, RECITE_EUSAGE, "session %lld has not finished",
                                (long long)info->id);
    if (!info->bank_slug)
        return recite_error_set(err, RECITE_EUSAGE,
                                "session %lld is not tied to one bank; only single-bank "
                                "sessions can be exported",
                                (long long)info->id);
    int rc;
    if ((rc = fill_bank(score, st, info, err)) < 0 ||
        (rc = fill_items(score, st, info->id, err)) < 0)
        return rc;
    snprintf(score->kind, sizeof(score->kind), "%s", info->kind);
    score->started_ms = info->started;
    score->finished_ms = info->ended;
    char seed[24];
    snprintf(seed, sizeof(seed), "%llu", (unsigned long long)info->seed);
    if (!(score->seed = recite_strdup(seed)))
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if ((rc = params_from_json(score, info->params_json, err)) < 0 ||
        (rc = attempt_id(score->attempt, st, info, err)) < 0)
        return rc;
    return attempt_number(&score->attempt_number, st, info, err);
}

int recite_score_from_session(struct recite_score **out, struct recite_store *st,
                              int64_t session_id, const char *student,
                              const struct recite_pubkey *key, struct recite_error *err)
{
    *out = NULL;
    if (!printable_line(student))
        return recite_error_set(err, RECITE_EUSAGE,
                                "a student name must be one printable line of 1 to %d bytes",
                                NAME_MAX_BYTES);
    json_t *probe = json_string(student); /* NULL unless valid UTF-8 */
    if (!probe)
        return recite_error_set(err, RECITE_EUSAGE, "a student name must be valid UTF-8");
    json_decref(probe);
    int rc = recite_sign_init(err);
    if (rc < 0)
        return rc;
    struct recite_session_info info;
    if ((rc = recite_store_session_get(st, session_id, NULL, &info, err)) < 0)
        return rc;
    struct recite_score *score = calloc(1, sizeof(*score));
    if (!score) {
        recite_session_info_release(&info);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    char tool[64];
    snprintf(tool, sizeof(tool), "recite %s", recite_version());
    score->format = 2;
    score->student = recite_strdup(student);
    score->tool = recite_strdup(tool);
    recite_keyid_hex(score->key_id, key->keyid);
    if (!score->student || !score->tool)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    else
        rc = fill_session(score, st, &info, err);
    recite_session_info_release(&info);
    if (rc < 0) {
        recite_score_free(score);
        return rc;
    }
    *out = score;
    return 0;
}

/* ---- JSON ---- */

static json_t *item_to_json(const struct recite_score_item *it, int format)
{
    if (format == 1)
        return json_pack("{s:s, s:s, s:s, s:s, s:f, s:i, s:I}", "card", it->card, "prompt",
                         it->prompt, "expected", it->expected, "given", it->given, "credit",
                         it->credit, "rating", it->rating, "ms", (json_int_t)it->ms);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:i, s:I}", "card", it->card, "prompt",
                     it->prompt, "expected", it->expected, "status", status_names[it->status],
                     "given", it->given, "credit", it->credit, "rating", it->rating, "ms",
                     (json_int_t)it->ms);
}

/* The members after "quiz": attempt, times, items and totals, in the order of the format. */
static json_t *tail_to_json(const struct recite_score *s, json_t *items)
{
    char started[32], finished[32];
    recite_time_format(started, sizeof(started), s->started_ms);
    recite_time_format(finished, sizeof(finished), s->finished_ms);
    if (s->format == 1)
        return json_pack("{s:s, s:s, s:s, s:o, s:{s:I, s:f, s:I}}", "started", started, "finished",
                         finished, "attempt", s->attempt, "items", items, "totals", "items",
                         (json_int_t)s->item_count, "credit", s->credit, "correct",
                         (json_int_t)s->correct);
    return json_pack("{s:s, s:s, s:{s:s, s:I}, s:o, s:{s:I, s:I, s:f, s:I}}", "started", started,
                     "finished", finished, "attempt", "id", s->attempt, "number",
                     (json_int_t)s->attempt_number, "items", items, "totals", "items",
                     (json_int_t)s->item_count, "answered", (json_int_t)s->answered, "credit",
                     s->credit, "correct", (json_int_t)s->correct);
}

static json_t *score_to_json(const struct recite_score *s)
{
    int format = s->format == 1 ? 1 : 2;
    json_t *tags = json_array(), *items = json_array();
    for (size_t i = 0; tags && i < s->tag_count; i++)
        json_array_append_new(tags, json_string(s->tags[i]));
    for (size_t i = 0; items && i < s->item_count; i++) {
        json_t *item = item_to_json(&s->items[i], format);
        if (!item || json_array_append_new(items, item) != 0) {
            json_decref(items);
            items = NULL;
        }
    }
    if (!tags || !items) {
        json_decref(tags);
        json_decref(items);
        return NULL;
    }
    json_t *tail = tail_to_json(s, items); /* takes items */
    if (!tail) {
        json_decref(tags);
        return NULL;
    }
    json_t *root =
        json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s, s:s}, s:s, s:{s:s, s:I, s:o}}", "format",
                  format == 1 ? RECITE_SCORE_FORMAT_V1 : RECITE_SCORE_FORMAT, "tool", s->tool,
                  "student", "name", s->student, "key_id", s->key_id, "bank", "id", s->bank_id,
                  "version", s->bank_version, "hash", s->bank_hash, "kind", s->kind, "quiz", "seed",
                  s->seed, "count", (json_int_t)s->count, "tags", tags);
    /* Appending keeps the members in the documented order. */
    if (root && json_object_update(root, tail) != 0) {
        json_decref(root);
        root = NULL;
    }
    json_decref(tail);
    return root;
}

int recite_score_to_json(char **out, const struct recite_score *score, struct recite_error *err)
{
    *out = NULL;
    json_t *root = score_to_json(score);
    char *text = root ? json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(12)) : NULL;
    json_decref(root);
    if (!text)
        return recite_error_set(err, RECITE_ENOMEM, "cannot build the score document");
    size_t n = strlen(text);
    char *with_newline = realloc(text, n + 2);
    if (!with_newline) {
        free(text);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    with_newline[n] = '\n';
    with_newline[n + 1] = '\0';
    *out = with_newline;
    return 0;
}

/* ---- parsing ---- */

/* A required string member; *out is a malloc'd copy (out NULL: only checked). */
static int get_string(char **out, json_t *obj, const char *key, const char *where,
                      struct recite_error *err)
{
    const char *s = json_string_value(json_object_get(obj, key));
    if (!s)
        return recite_error_set(err, RECITE_EDATA, "%s%s: missing or not a string", where, key);
    if (out && !(*out = recite_strdup(s)))
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    return 0;
}

static int get_int(int64_t *out, json_t *obj, const char *key, const char *where,
                   struct recite_error *err)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v))
        return recite_error_set(err, RECITE_EDATA, "%s%s: missing or not an integer", where, key);
    *out = json_integer_value(v);
    return 0;
}

static int get_time(int64_t *out, json_t *obj, const char *key, struct recite_error *err)
{
    const char *s = json_string_value(json_object_get(obj, key));
    if (!s || recite_time_parse(out, s) < 0)
        return recite_error_set(err, RECITE_EDATA, "%s: missing or not an ISO 8601 time", key);
    return 0;
}

static bool is_lower_hex(const char *s, size_t len)
{
    if (strlen(s) != len)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    }
    return true;
}

static int parse_student_bank(struct recite_score *s, json_t *root, struct recite_error *err)
{
    json_t *student = json_object_get(root, "student"), *bank = json_object_get(root, "bank");
    if (!json_is_object(student) || !json_is_object(bank))
        return recite_error_set(err, RECITE_EDATA, "student or bank: missing or not an object");
    char *key_id = NULL;
    int rc;
    if ((rc = get_string(&s->student, student, "name", "student.", err)) < 0 ||
        (rc = get_string(&key_id, student, "key_id", "student.", err)) < 0)
        goto out;
    uint8_t id[8];
    if (strlen(key_id) != 16 || recite_keyid_parse(id, key_id) < 0) {
        rc = recite_error_set(err, RECITE_EDATA, "student.key_id: not 16 hex digits");
        goto out;
    }
    recite_keyid_hex(s->key_id, id);
    if (!printable_line(s->student)) {
        rc = recite_error_set(err, RECITE_EDATA, "student.name: not one printable line");
        goto out;
    }
    if ((rc = get_string(&s->bank_id, bank, "id", "bank.", err)) < 0 ||
        (rc = get_string(&s->bank_version, bank, "version", "bank.", err)) < 0 ||
        (rc = get_string(&s->bank_hash, bank, "hash", "bank.", err)) < 0)
        goto out;
    if (strncmp(s->bank_hash, HASH_PREFIX, strlen(HASH_PREFIX)) != 0 ||
        !is_lower_hex(s->bank_hash + strlen(HASH_PREFIX), 64))
        rc = recite_error_set(err, RECITE_EDATA, "bank.hash: not blake2b-256:<64 hex digits>");
    else if (!printable_line(s->bank_id) || strlen(s->bank_version) > NAME_MAX_BYTES)
        rc = recite_error_set(err, RECITE_EDATA, "bank.id or bank.version: not printable");
out:
    free(key_id);
    return rc;
}

static int parse_quiz(struct recite_score *s, json_t *root, struct recite_error *err)
{
    const char *kind = json_string_value(json_object_get(root, "kind"));
    if (!kind || (strcmp(kind, "quiz") != 0 && strcmp(kind, "review") != 0))
        return recite_error_set(err, RECITE_EDATA, "kind: not \"quiz\" or \"review\"");
    snprintf(s->kind, sizeof(s->kind), "%s", kind);
    json_t *quiz = json_object_get(root, "quiz");
    if (!json_is_object(quiz))
        return recite_error_set(err, RECITE_EDATA, "quiz: missing or not an object");
    int rc;
    if ((rc = get_string(&s->seed, quiz, "seed", "quiz.", err)) < 0 ||
        (rc = get_int(&s->count, quiz, "count", "quiz.", err)) < 0)
        return rc;
    json_t *tags = json_object_get(quiz, "tags");
    if (!json_is_array(tags))
        return recite_error_set(err, RECITE_EDATA, "quiz.tags: missing or not an array");
    size_t n = json_array_size(tags);
    if (n > 0 && !(s->tags = calloc(n, sizeof(char *))))
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (!json_is_string(json_array_get(tags, i)))
            return recite_error_set(err, RECITE_EDATA, "quiz.tags[%zu]: not a string", i);
        if (!(s->tags[s->tag_count++] = recite_strdup(json_string_value(json_array_get(tags, i)))))
            return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    return 0;
}

/* Format 2: {"id": hex, "number": n >= 1}. Format 1: the id alone, number unknown. */
static int parse_attempt(struct recite_score *s, json_t *root, struct recite_error *err)
{
    json_t *attempt = json_object_get(root, "attempt");
    const char *id = json_string_value(s->format == 1 ? attempt : json_object_get(attempt, "id"));
    if (s->format == 2) {
        if (!json_is_object(attempt))
            return recite_error_set(err, RECITE_EDATA, "attempt: missing or not an object");
        int rc = get_int(&s->attempt_number, attempt, "number", "attempt.", err);
        if (rc < 0)
            return rc;
        if (s->attempt_number < 1)
            return recite_error_set(err, RECITE_EDATA, "attempt.number: not a positive integer");
    }
    if (!id || !is_lower_hex(id, 32))
        return recite_error_set(err, RECITE_EDATA, "attempt%s: not 32 lowercase hex digits",
                                s->format == 1 ? "" : ".id");
    memcpy(s->attempt, id, 33);
    return 0;
}

/* A format 2 item's status, and what it allows: nothing given and no credit unless answered. */
static int parse_status(struct recite_score_item *it, json_t *obj, const char *where, int format,
                        struct recite_error *err)
{
    if (format == 1) {
        /* recite-score/1 stored a skip as an empty answer and left out unanswered questions. */
        it->status = json_string_length(json_object_get(obj, "given")) == 0 ? RECITE_ITEM_SKIPPED
                                                                            : RECITE_ITEM_ANSWERED;
        return 0;
    }
    const char *status = json_string_value(json_object_get(obj, "status"));
    size_t k = 0;
    while (status && k < 3 && strcmp(status, status_names[k]) != 0)
        k++;
    if (!status || k == 3)
        return recite_error_set(err, RECITE_EDATA,
                                "%sstatus: not \"answered\", \"skipped\" or \"unanswered\"", where);
    it->status = (enum recite_item_status)k;
    const char *given = json_string_value(json_object_get(obj, "given"));
    if (it->status != RECITE_ITEM_ANSWERED && ((given && *given) || it->credit != 0.0))
        return recite_error_set(err, RECITE_EDATA, "%s: a question %s has an answer or credit",
                                where,
                                it->status == RECITE_ITEM_SKIPPED ? "skipped" : "unanswered");
    if (it->status == RECITE_ITEM_UNANSWERED && it->rating != 0)
        return recite_error_set(err, RECITE_EDATA, "%s: an unanswered question has a rating",
                                where);
    return 0;
}

/* Reads item i into it, copying its strings only when keep. */
static int parse_item(struct recite_score_item *it, json_t *obj, size_t i, bool keep, int format,
                      struct recite_error *err)
{
    char where[40];
    snprintf(where, sizeof(where), "items[%zu].", i);
    if (!json_is_object(obj))
        return recite_error_set(err, RECITE_EDATA, "items[%zu]: not an object", i);
    int64_t rating = 0;
    int rc;
    if ((rc = get_string(keep ? &it->card : NULL, obj, "card", where, err)) < 0 ||
        (rc = get_string(keep ? &it->prompt : NULL, obj, "prompt", where, err)) < 0 ||
        (rc = get_string(keep ? &it->expected : NULL, obj, "expected", where, err)) < 0 ||
        (rc = get_string(keep ? &it->given : NULL, obj, "given", where, err)) < 0 ||
        (rc = get_int(&rating, obj, "rating", where, err)) < 0 ||
        (rc = get_int(&it->ms, obj, "ms", where, err)) < 0)
        return rc;
    json_t *credit = json_object_get(obj, "credit");
    if (!json_is_number(credit))
        return recite_error_set(err, RECITE_EDATA, "%scredit: missing or not a number", where);
    it->credit = json_number_value(credit);
    it->rating = (int)rating;
    if (!(it->credit >= 0.0 && it->credit <= 1.0) || rating < 0 || rating > 4 || it->ms < 0)
        return recite_error_set(err, RECITE_EDATA, "%s: value out of range", where);
    return parse_status(it, obj, where, format, err);
}

/*
 * Reads the items and sums them. Without keep, the items are only checked:
 * verifying a class needs the totals, not thousands of copies.
 */
static int parse_items(struct recite_score *s, json_t *root, bool keep, struct recite_error *err)
{
    json_t *items = json_object_get(root, "items");
    if (!json_is_array(items))
        return recite_error_set(err, RECITE_EDATA, "items: missing or not an array");
    size_t n = json_array_size(items);
    if (keep && n > 0 && !(s->items = calloc(n, sizeof(*s->items))))
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    s->credit = 0;
    s->correct = 0;
    s->answered = 0;
    for (size_t i = 0; i < n; i++) {
        struct recite_score_item scratch = {0}, *it = keep ? &s->items[i] : &scratch;
        s->item_count += keep;
        int rc = parse_item(it, json_array_get(items, i), i, keep, s->format, err);
        if (rc < 0)
            return rc;
        s->credit += it->credit;
        s->correct += it->credit >= 1.0;
        s->answered += it->status == RECITE_ITEM_ANSWERED;
    }
    s->item_count = n;
    return 0;
}

static int parse_totals(struct score_stated *stated, const struct recite_score *s, json_t *root,
                        struct recite_error *err)
{
    json_t *totals = json_object_get(root, "totals");
    json_t *credit = json_object_get(totals, "credit");
    if (!json_is_object(totals) || !json_is_number(credit))
        return recite_error_set(err, RECITE_EDATA, "totals: missing or incomplete");
    stated->credit = json_number_value(credit);
    stated->answered = (int64_t)s->answered;
    int rc;
    if ((rc = get_int(&stated->items, totals, "items", "totals.", err)) < 0 ||
        (rc = get_int(&stated->correct, totals, "correct", "totals.", err)) < 0)
        return rc;
    if (s->format == 2)
        rc = get_int(&stated->answered, totals, "answered", "totals.", err);
    return rc;
}

static int parse_format(struct recite_score *s, json_t *root, struct recite_error *err)
{
    const char *format = json_string_value(json_object_get(root, "format"));
    if (format && strcmp(format, RECITE_SCORE_FORMAT) == 0)
        s->format = 2;
    else if (format && strcmp(format, RECITE_SCORE_FORMAT_V1) == 0)
        s->format = 1;
    else
        return recite_error_set(err, RECITE_EDATA,
                                "format: not \"" RECITE_SCORE_FORMAT
                                "\" or \"" RECITE_SCORE_FORMAT_V1 "\"");
    return 0;
}

static int parse_root(struct recite_score *s, struct score_stated *stated, json_t *root,
                      bool keep_items, struct recite_error *err)
{
    if (!json_is_object(root))
        return recite_error_set(err, RECITE_EDATA, "not a JSON object");
    int rc;
    if ((rc = parse_format(s, root, err)) < 0 ||
        (rc = get_string(&s->tool, root, "tool", "", err)) < 0 ||
        (rc = parse_student_bank(s, root, err)) < 0 || (rc = parse_quiz(s, root, err)) < 0 ||
        (rc = get_time(&s->started_ms, root, "started", err)) < 0 ||
        (rc = get_time(&s->finished_ms, root, "finished", err)) < 0 ||
        (rc = parse_attempt(s, root, err)) < 0 || (rc = parse_items(s, root, keep_items, err)) < 0)
        return rc;
    return parse_totals(stated, s, root, err);
}

int score_parse_text(struct recite_score **out, struct score_stated *stated, const char *text,
                     size_t len, bool keep_items, struct recite_error *err)
{
    *out = NULL;
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return recite_error_set(err, RECITE_EDATA, "invalid JSON at line %d column %d: %s",
                                jerr.line, jerr.column, jerr.text);
    struct recite_score *score = calloc(1, sizeof(*score));
    int rc = score ? parse_root(score, stated, root, keep_items, err)
                   : recite_error_set(err, RECITE_ENOMEM, "out of memory");
    json_decref(root);
    if (rc < 0) {
        recite_score_free(score);
        return rc;
    }
    *out = score;
    return 0;
}

static void credit_mismatch(char *detail, size_t size, double said, double sum)
{
    char said_text[32], sum_text[32];
    recite_score_format_number(said_text, sizeof(said_text), said);
    recite_score_format_number(sum_text, sizeof(sum_text), sum);
    snprintf(detail, size, "the totals state a score of %s but the items sum to %s", said_text,
             sum_text);
}

bool score_totals_agree(const struct recite_score *s, const struct score_stated *stated,
                        char *detail, size_t size)
{
    if (stated->items != (int64_t)s->item_count)
        snprintf(detail, size, "the totals state %lld questions but the file lists %zu",
                 (long long)stated->items, s->item_count);
    else if (stated->answered != (int64_t)s->answered)
        snprintf(detail, size, "the totals state %lld answered but the items show %zu",
                 (long long)stated->answered, s->answered);
    else if (fabs(stated->credit - s->credit) > 1e-6)
        credit_mismatch(detail, size, stated->credit, s->credit);
    else if (stated->correct != s->correct)
        snprintf(detail, size, "the totals state %lld correct but the items show %lld",
                 (long long)stated->correct, (long long)s->correct);
    else if (s->count < (int64_t)s->item_count)
        snprintf(detail, size, "the quiz asked for %lld questions but the file lists %zu",
                 (long long)s->count, s->item_count);
    else
        return true;
    return false;
}

int recite_score_parse(struct recite_score **out, const char *text, size_t len,
                       struct recite_error *err)
{
    struct score_stated stated;
    int rc = score_parse_text(out, &stated, text, len, true, err);
    char detail[200];
    if (rc == 0 && !score_totals_agree(*out, &stated, detail, sizeof(detail))) {
        recite_score_free(*out);
        *out = NULL;
        rc = recite_error_set(err, RECITE_EDATA, "%s", detail);
    }
    return rc;
}

/* ---- summary and signing ---- */

void recite_score_format_number(char *buf, size_t size, double value)
{
    char text[64];
    snprintf(text, sizeof(text), "%.2f", value);
    /* 17.00 -> 17, 17.50 -> 17.5 */
    char *dot = strchr(text, '.');
    if (dot) {
        char *end = text + strlen(text);
        while (end > dot && (end[-1] == '0' || end[-1] == '.'))
            *--end = '\0';
    }
    snprintf(buf, size, "%s", strcmp(text, "-0") == 0 ? "0" : text);
}

void recite_score_format_points(char *buf, size_t size, const struct recite_score *score)
{
    char credit[64];
    recite_score_format_number(credit, sizeof(credit), score->credit);
    snprintf(buf, size, "%s/%zu", credit, score->item_count);
}

/* Appends s to buf, control characters as '?'. */
static void append_clean(char *buf, size_t size, size_t *pos, const char *s)
{
    for (; *s && *pos + 1 < size; s++)
        buf[(*pos)++] = (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s;
    buf[*pos < size ? *pos : size - 1] = '\0';
}

int recite_score_summary(char *buf, size_t size, const struct recite_score *score)
{
    char points[96], answered[48], finished[32];
    recite_score_format_points(points, sizeof(points), score);
    recite_time_format(finished, sizeof(finished), score->finished_ms);
    /* Format 1 had no answered field; its summaries must still match. */
    snprintf(answered, sizeof(answered), "\tanswered=%zu", score->answered);
    const char *parts[] = {"recite-score\tbank=",
                           score->bank_id,
                           "@",
                           score->bank_version,
                           "\tstudent=",
                           score->student,
                           "\tscore=",
                           points,
                           score->format == 1 ? "" : answered,
                           "",
                           "\tfinished=",
                           finished};
    size_t pos = 0, need = 1;
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
        need += strlen(parts[i]);
    if (size == 0 || need > size)
        return RECITE_EUSAGE;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (i % 2 == 0) {
            memcpy(buf + pos, parts[i], strlen(parts[i]) + 1);
            pos += strlen(parts[i]);
        } else {
            append_clean(buf, size, &pos, parts[i]);
        }
    }
    return (int)pos;
}

int recite_score_write_signed(const char *path, const struct recite_score *score,
                              const struct recite_seckey *key, bool replace,
                              struct recite_error *err)
{
    struct recite_pubkey pub;
    recite_seckey_pubkey(&pub, key);
    char hex[RECITE_KEYID_HEX_LEN + 1], comment[RECITE_COMMENT_MAX + 1];
    recite_keyid_hex(hex, pub.keyid);
    if (strcmp(hex, score->key_id) != 0)
        return recite_error_set(err, RECITE_EUSAGE, "the score names key %s, not the signer's %s",
                                score->key_id, hex);
    if (recite_score_summary(comment, sizeof(comment), score) < 0)
        return recite_error_set(err, RECITE_EUSAGE, "the score summary is too long to sign");
    char *json = NULL, *sig = NULL, *sig_path = NULL;
    int rc = recite_score_to_json(&json, score, err);
    if (rc == 0)
        rc = recite_sign_buffer(&sig, key, json, strlen(json), comment, err);
    if (rc == 0 && !(sig_path = recite_minisig_path(path)))
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    struct recite_staged_file files[2] = {{NULL, NULL}, {NULL, NULL}};
    if (rc == 0)
        rc = recite_file_stage(&files[0], path, json, strlen(json), 0644, err);
    if (rc == 0)
        rc = recite_file_stage(&files[1], sig_path, sig, strlen(sig), 0644, err);
    if (rc == 0)
        rc = recite_files_commit(files, 2, replace, err);
    recite_files_discard(files, 2);
    free(sig_path);
    free(sig);
    free(json);
    return rc;
}

int recite_score_bank_file_hash(char *out, size_t size, const char *path, struct recite_error *err)
{
    /* A bank's identity is the hash of its canonical text, as `bank show` prints it. */
    struct recite_bank *bank = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc = recite_bank_load(&bank, path, NULL, err);
    if (rc == 0)
        rc = recite_bank_write(&text, &len, bank, err);
    recite_bank_free(bank);
    if (rc < 0)
        return rc;
    char hex[RECITE_BANK_HASH_HEX];
    recite_bank_hash(hex, text, len);
    free(text);
    if (size < strlen(HASH_PREFIX) + sizeof(hex))
        return recite_error_set(err, RECITE_EUSAGE, "hash buffer too small");
    snprintf(out, size, HASH_PREFIX "%s", hex);
    return 0;
}
