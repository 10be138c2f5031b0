/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Score files (recite-score/1): built from a stored session, written as JSON
 * with jansson, signed with sign.c, and verified in bulk. The signed body is
 * authoritative; the trusted comment repeats its summary and must agree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "recite.h"

#define NAME_MAX_BYTES 128
#define HASH_PREFIX "blake2b-256:"

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

/* One printable line: no control characters, at most NAME_MAX_BYTES. */
static bool printable_line(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > NAME_MAX_BYTES)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return false;
    }
    return true;
}

static void totals_from_items(struct recite_score *score)
{
    score->credit = 0;
    score->correct = 0;
    for (size_t i = 0; i < score->item_count; i++) {
        score->credit += score->items[i].credit;
        if (score->items[i].credit >= 1.0)
            score->correct++;
    }
}

/* ---- building from a session ---- */

/* Copies the stored quiz parameters (count, tags) into score. */
static int params_from_json(struct recite_score *score, const char *params,
                            struct recite_error *err)
{
    score->count = (int64_t)score->item_count;
    if (!params)
        return 0;
    json_t *root = json_loads(params, 0, NULL);
    if (!json_is_object(root)) {
        json_decref(root);
        return 0; /* parameters are informative; a session without them still exports */
    }
    json_t *count = json_object_get(root, "count");
    if (json_is_integer(count))
        score->count = json_integer_value(count);
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

static int fill_bank(struct recite_score *score, struct recite_store *st, const char *slug,
                     struct recite_error *err)
{
    char *version = NULL, *hash = NULL;
    int rc = recite_store_bank_ident(st, slug, &version, &hash, err);
    if (rc < 0)
        return rc;
    size_t n = strlen(HASH_PREFIX) + strlen(hash) + 1;
    score->bank_hash = malloc(n);
    score->bank_id = recite_strdup(slug);
    score->bank_version = version;
    if (!score->bank_hash || !score->bank_id) {
        free(hash);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    /* The bank table stores bare hex; score files name the algorithm. */
    snprintf(score->bank_hash, n, "%s%s",
             strncmp(hash, HASH_PREFIX, strlen(HASH_PREFIX)) == 0 ? "" : HASH_PREFIX, hash);
    free(hash);
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
    int rc = fill_bank(score, st, info->bank_slug, err);
    if (rc < 0)
        return rc;
    struct recite_session_item *items = NULL;
    size_t n = 0;
    if ((rc = recite_store_session_items(st, info->id, &items, &n, err)) < 0)
        return rc;
    /* The two item structs have the same fields; take the strings over. */
    if (n > 0 && !(score->items = calloc(n, sizeof(*score->items)))) {
        recite_session_items_free(items, n);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        score->items[i] = (struct recite_score_item){
            items[i].card_uid, items[i].prompt, items[i].expected,   items[i].given,
            items[i].credit,   items[i].rating, items[i].duration_ms};
        if (!score->items[i].given)
            score->items[i].given = recite_strdup("");
    }
    free(items);
    score->item_count = n;
    snprintf(score->kind, sizeof(score->kind), "%s", info->kind);
    score->started_ms = info->started;
    score->finished_ms = info->ended;
    char seed[24];
    snprintf(seed, sizeof(seed), "%llu", (unsigned long long)info->seed);
    if (!(score->seed = recite_strdup(seed)))
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    totals_from_items(score);
    return params_from_json(score, info->params_json, err);
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
    score->student = recite_strdup(student);
    score->tool = recite_strdup(tool);
    recite_keyid_hex(score->key_id, key->keyid);
    uint8_t attempt[16];
    randombytes_buf(attempt, sizeof(attempt));
    sodium_bin2hex(score->attempt, sizeof(score->attempt), attempt, sizeof(attempt));
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

static json_t *item_to_json(const struct recite_score_item *it)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:f, s:i, s:I}", "card", it->card, "prompt", it->prompt,
                     "expected", it->expected, "given", it->given, "credit", it->credit, "rating",
                     it->rating, "ms", (json_int_t)it->ms);
}

static json_t *score_to_json(const struct recite_score *s)
{
    char started[32], finished[32];
    recite_time_format(started, sizeof(started), s->started_ms);
    recite_time_format(finished, sizeof(finished), s->finished_ms);
    json_t *tags = json_array(), *items = json_array();
    for (size_t i = 0; tags && i < s->tag_count; i++)
        json_array_append_new(tags, json_string(s->tags[i]));
    for (size_t i = 0; items && i < s->item_count; i++) {
        json_t *item = item_to_json(&s->items[i]);
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
    return json_pack(
        "{s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s, s:s}, s:s, s:{s:s, s:I, s:o},"
        " s:s, s:s, s:s, s:o, s:{s:I, s:f, s:I}}",
        "format", RECITE_SCORE_FORMAT, "tool", s->tool, "student", "name", s->student, "key_id",
        s->key_id, "bank", "id", s->bank_id, "version", s->bank_version, "hash", s->bank_hash,
        "kind", s->kind, "quiz", "seed", s->seed, "count", (json_int_t)s->count, "tags", tags,
        "started", started, "finished", finished, "attempt", s->attempt, "items", items, "totals",
        "items", (json_int_t)s->item_count, "credit", s->credit, "correct", (json_int_t)s->correct);
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

/* Reads item i into it, copying its strings only when keep. */
static int parse_item(struct recite_score_item *it, json_t *obj, size_t i, bool keep,
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
    return 0;
}

/*
 * Reads the items and sums their credit. Without keep, the items are only
 * checked: verifying a class needs the totals, not thousands of copies.
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
    for (size_t i = 0; i < n; i++) {
        struct recite_score_item scratch = {0}, *it = keep ? &s->items[i] : &scratch;
        s->item_count += keep;
        int rc = parse_item(it, json_array_get(items, i), i, keep, err);
        if (rc < 0)
            return rc;
        s->credit += it->credit;
        s->correct += it->credit >= 1.0;
    }
    s->item_count = n;
    return 0;
}

/* The totals are redundant with the items; a body where they disagree is not ours. */
static int check_totals(struct recite_score *s, json_t *root, struct recite_error *err)
{
    json_t *totals = json_object_get(root, "totals");
    int64_t items = 0, correct = 0;
    json_t *credit = json_object_get(totals, "credit");
    int rc;
    if (!json_is_object(totals) || !json_is_number(credit))
        return recite_error_set(err, RECITE_EDATA, "totals: missing or incomplete");
    if ((rc = get_int(&items, totals, "items", "totals.", err)) < 0 ||
        (rc = get_int(&correct, totals, "correct", "totals.", err)) < 0)
        return rc;
    if (items != (int64_t)s->item_count || correct != s->correct ||
        fabs(json_number_value(credit) - s->credit) > 1e-6)
        return recite_error_set(err, RECITE_EDATA, "totals do not match the items");
    return 0;
}

static int parse_root(struct recite_score *s, json_t *root, bool keep_items,
                      struct recite_error *err)
{
    if (!json_is_object(root))
        return recite_error_set(err, RECITE_EDATA, "not a JSON object");
    const char *format = json_string_value(json_object_get(root, "format"));
    if (!format || strcmp(format, RECITE_SCORE_FORMAT) != 0)
        return recite_error_set(err, RECITE_EDATA, "format: not \"" RECITE_SCORE_FORMAT "\"");
    char *attempt = NULL;
    int rc;
    if ((rc = get_string(&s->tool, root, "tool", "", err)) < 0 ||
        (rc = parse_student_bank(s, root, err)) < 0 || (rc = parse_quiz(s, root, err)) < 0 ||
        (rc = get_time(&s->started_ms, root, "started", err)) < 0 ||
        (rc = get_time(&s->finished_ms, root, "finished", err)) < 0 ||
        (rc = get_string(&attempt, root, "attempt", "", err)) < 0)
        goto out;
    if (!is_lower_hex(attempt, 32)) {
        rc = recite_error_set(err, RECITE_EDATA, "attempt: not 32 lowercase hex digits");
        goto out;
    }
    memcpy(s->attempt, attempt, 33);
    if ((rc = parse_items(s, root, keep_items, err)) < 0)
        goto out;
    rc = check_totals(s, root, err);
out:
    free(attempt);
    return rc;
}

static int parse_text(struct recite_score **out, const char *text, size_t len, bool keep_items,
                      struct recite_error *err)
{
    *out = NULL;
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return recite_error_set(err, RECITE_EDATA, "invalid JSON at line %d column %d: %s",
                                jerr.line, jerr.column, jerr.text);
    struct recite_score *score = calloc(1, sizeof(*score));
    int rc = score ? parse_root(score, root, keep_items, err)
                   : recite_error_set(err, RECITE_ENOMEM, "out of memory");
    json_decref(root);
    if (rc < 0) {
        recite_score_free(score);
        return rc;
    }
    *out = score;
    return 0;
}

int recite_score_parse(struct recite_score **out, const char *text, size_t len,
                       struct recite_error *err)
{
    return parse_text(out, text, len, true, err);
}

/* ---- summary and signing ---- */

void recite_score_format_points(char *buf, size_t size, const struct recite_score *score)
{
    char credit[64];
    snprintf(credit, sizeof(credit), "%.2f", score->credit);
    /* 17.00 -> 17, 17.50 -> 17.5 */
    char *dot = strchr(credit, '.');
    if (dot) {
        char *end = credit + strlen(credit);
        while (end > dot && (end[-1] == '0' || end[-1] == '.'))
            *--end = '\0';
    }
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
    char points[96], finished[32];
    recite_score_format_points(points, sizeof(points), score);
    recite_time_format(finished, sizeof(finished), score->finished_ms);
    const char *parts[] = {"recite-score\tbank=", score->bank_id, "@",        score->bank_version,
                           "\tstudent=",          score->student, "\tscore=", points,
                           "\tfinished=",         finished};
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
                              const struct recite_seckey *key, struct recite_error *err)
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
    size_t n = strlen(path) + sizeof(".minisig");
    if (rc == 0 && !(sig_path = malloc(n)))
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if (rc == 0) {
        snprintf(sig_path, n, "%s.minisig", path);
        rc = recite_file_write(path, json, strlen(json), err);
    }
    if (rc == 0)
        rc = recite_file_write(sig_path, sig, strlen(sig), err);
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

/* ---- verification ---- */

void recite_score_result_release(struct recite_score_result *result)
{
    if (!result)
        return;
    recite_score_free(result->score);
    result->score = NULL;
}

/* Records a rejection; returns the fault so callers can `return result_fault(...)`. */
static enum recite_fault result_fault(struct recite_score_result *out, enum recite_fault fault,
                                      const char *detail)
{
    out->fault = fault;
    snprintf(out->detail, sizeof(out->detail), "%s", detail);
    return fault;
}

/* Checks the body against the verified signature, roster entry and bank. */
static enum recite_fault check_body(struct recite_score_result *out, const struct recite_sig *sig,
                                    const char *roster_name, const char *bank_hash)
{
    struct recite_score *s = out->score;
    char summary[RECITE_COMMENT_MAX + 1];
    if (recite_score_summary(summary, sizeof(summary), s) < 0 || strcmp(summary, sig->comment) != 0)
        return result_fault(out, RECITE_FAULT_SUMMARY_MISMATCH,
                            "the trusted comment does not match the score body");
    if (strcmp(s->key_id, out->keyid) != 0)
        return result_fault(out, RECITE_FAULT_WRONG_STUDENT,
                            "the body names another key than the one that signed it");
    if (roster_name && *roster_name && strcmp(roster_name, s->student) != 0) {
        char detail[256];
        snprintf(detail, sizeof(detail), "signed by roster entry '%.80s' but names '%.80s'",
                 roster_name, s->student);
        return result_fault(out, RECITE_FAULT_WRONG_STUDENT, detail);
    }
    if (bank_hash && strcmp(bank_hash, s->bank_hash) != 0)
        return result_fault(out, RECITE_FAULT_BANK_HASH,
                            "the score's bank hash is not the given bank's");
    return RECITE_FAULT_NONE;
}

/* Reads path.minisig; false with out->fault set on failure. */
static bool read_signature(struct recite_score_result *out, char **text, size_t *len,
                           const char *path)
{
    size_t n = strlen(path) + sizeof(".minisig");
    char sig_path[4096];
    struct recite_error err = {0};
    if (n > sizeof(sig_path)) {
        result_fault(out, RECITE_FAULT_IO, "path too long");
        return false;
    }
    snprintf(sig_path, sizeof(sig_path), "%s.minisig", path);
    int rc = recite_file_read(text, len, sig_path, 1u << 16, &err);
    if (rc < 0)
        result_fault(out, rc == RECITE_ENOTFOUND ? RECITE_FAULT_SIG_MISSING : RECITE_FAULT_IO,
                     err.msg);
    return rc == 0;
}

int recite_score_verify_buffers(struct recite_score_result *out, const char *json, size_t len,
                                const char *sig_text, size_t sig_len,
                                const struct recite_keyset *keys, const char *bank_hash,
                                struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    struct recite_sig sig_buf, *sig = &sig_buf; /* on the stack: no allocation per file */
    size_t index = 0;
    struct recite_error sub = {0};
    enum recite_fault fault = RECITE_FAULT_NONE;
    int rc = 0;
    if (recite_sig_parse(sig, sig_text, sig_len, &fault, &sub) < 0) {
        result_fault(out, fault, sub.msg);
        goto out;
    }
    recite_keyid_hex(out->keyid, sig->keyid);
    if (recite_keyset_verify(keys, sig, json, len, true, &index, &fault, &sub) < 0) {
        result_fault(out, fault, sub.msg);
        goto out;
    }
    out->roster_name = keys->names[index];
    /* Only signed bytes reach the JSON parser. */
    if ((rc = parse_text(&out->score, json, len, false, &sub)) < 0) {
        result_fault(out, RECITE_FAULT_JSON_MALFORMED, sub.msg);
        rc = rc == RECITE_ENOMEM ? recite_error_set(err, rc, "out of memory") : 0;
        goto out;
    }
    /*
     * Two roster entries may share a key (a student enrolled twice): prefer
     * the one that names the student in the body; the key is the same.
     */
    for (size_t i = index + 1; i < keys->count; i++) {
        if (strcmp(out->roster_name, out->score->student) == 0)
            break;
        if (memcmp(&keys->keys[i], &keys->keys[index], sizeof(keys->keys[i])) == 0 &&
            strcmp(keys->names[i], out->score->student) == 0)
            out->roster_name = keys->names[i];
    }
    check_body(out, sig, out->roster_name, bank_hash);
out:
    return rc;
}

int recite_score_verify_file(struct recite_score_result *out, const char *path,
                             const struct recite_keyset *keys, const char *bank_hash,
                             struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    char *sig_text = NULL, *text = NULL;
    size_t sig_len = 0, len = 0;
    struct recite_error sub = {0};
    /* The score file first: a mistyped name is "unreadable", not "unsigned". */
    int rc = recite_file_read(&text, &len, path, RECITE_SCORE_MAX_BYTES, &sub);
    if (rc < 0) {
        result_fault(out, RECITE_FAULT_IO, sub.msg);
        rc = rc == RECITE_ENOMEM ? recite_error_set(err, rc, "out of memory") : 0;
    } else if (read_signature(out, &sig_text, &sig_len, path)) {
        rc = recite_score_verify_buffers(out, text, len, sig_text, sig_len, keys, bank_hash, err);
    }
    free(text);
    free(sig_text);
    return rc;
}

struct dup_entry {
    const char *attempt;
    size_t index;
};

static int compare_dup(const void *a, const void *b)
{
    const struct dup_entry *x = a, *y = b;
    int c = strcmp(x->attempt, y->attempt);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

int recite_score_mark_duplicates(struct recite_score_result *results, const char *const *names,
                                 size_t count)
{
    struct dup_entry *entries = malloc((count ? count : 1) * sizeof(*entries));
    if (!entries)
        return RECITE_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        if (results[i].fault == RECITE_FAULT_NONE && results[i].score)
            entries[n++] = (struct dup_entry){results[i].score->attempt, i};
    }
    qsort(entries, n, sizeof(*entries), compare_dup);
    int marked = 0;
    for (size_t i = 0; i < n; i++) {
        bool prev = i > 0 && strcmp(entries[i - 1].attempt, entries[i].attempt) == 0;
        bool next = i + 1 < n && strcmp(entries[i + 1].attempt, entries[i].attempt) == 0;
        if (!prev && !next)
            continue;
        size_t other = prev ? entries[i - 1].index : entries[i + 1].index;
        char detail[256];
        snprintf(detail, sizeof(detail), "attempt id %s also in '%.180s'", entries[i].attempt,
                 names[other]);
        result_fault(&results[entries[i].index], RECITE_FAULT_DUPLICATE, detail);
        marked++;
    }
    free(entries);
    return marked;
}

static json_t *result_to_json(const struct recite_score_result *r, const char *name)
{
    const struct recite_score *s = r->score;
    char points[96] = "", finished[32] = "";
    if (s) {
        recite_score_format_points(points, sizeof(points), s);
        recite_time_format(finished, sizeof(finished), s->finished_ms);
    }
    const char *student = r->roster_name && *r->roster_name ? r->roster_name : s ? s->student : "";
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:s, s:s?}", "file", name,
                     "status", recite_fault_name(r->fault), "detail", r->fault ? r->detail : "",
                     "key_id", r->keyid, "student", student, "bank", s ? s->bank_id : NULL,
                     "version", s ? s->bank_version : NULL, "score", points, "finished", finished,
                     "attempt", s ? s->attempt : NULL);
}

int recite_score_results_json(char **out, const struct recite_score_result *results,
                              const char *const *names, size_t count, struct recite_error *err)
{
    *out = NULL;
    json_t *array = json_array();
    for (size_t i = 0; array && i < count; i++) {
        json_t *item = result_to_json(&results[i], names[i]);
        if (!item || json_array_append_new(array, item) != 0) {
            json_decref(array);
            array = NULL;
        }
    }
    char *text = array ? json_dumps(array, JSON_INDENT(2)) : NULL;
    json_decref(array);
    size_t n = text ? strlen(text) : 0;
    char *grown = text ? realloc(text, n + 2) : NULL;
    if (!grown) {
        free(text);
        return recite_error_set(err, RECITE_ENOMEM, "cannot build the results document");
    }
    grown[n] = '\n';
    grown[n + 1] = '\0';
    *out = grown;
    return 0;
}
