/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Verifying score files in bulk: the signature against a roster, then the
 * body (its totals recomputed from the items), its summary, the student and
 * the bank; then, across a class, copies of one attempt and which attempt
 * counts for each student. Only signed bytes ever reach the JSON parser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_text.h"
#include "recite/common.h"
#include "recite/files.h"
#include "recite/score.h"
#include "recite/sign.h"
#include "score_internal.h"

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

/* The fault of a failed recite_file_read_regular(); missing is for a file that is not there. */
static enum recite_fault read_fault(int rc, enum recite_fault missing)
{
    return rc == RECITE_ENOTFOUND ? missing
           : rc == RECITE_EDATA   ? RECITE_FAULT_NOT_REGULAR
                                  : RECITE_FAULT_IO;
}

/* Reads path.minisig; false with out->fault set on failure. */
static bool read_signature(struct recite_score_result *out, char **text, size_t *len,
                           const char *path)
{
    struct recite_error err = {0};
    char *sig_path = recite_minisig_path(path);
    if (!sig_path) {
        result_fault(out, RECITE_FAULT_IO, "out of memory");
        return false;
    }
    int rc = recite_file_read_regular(text, len, sig_path, 1u << 16, &err);
    free(sig_path);
    if (rc < 0)
        result_fault(out, read_fault(rc, RECITE_FAULT_SIG_MISSING), err.msg);
    return rc == 0;
}

/* Parses the signed body; false with out->fault set when it is not a valid document. */
static bool parse_body(struct recite_score_result *out, const char *json, size_t len, int *rc,
                       struct recite_error *err)
{
    struct recite_error sub = {0};
    struct score_stated stated;
    *rc = score_parse_text(&out->score, &stated, json, len, false, &sub);
    if (*rc < 0) {
        result_fault(out, RECITE_FAULT_JSON_MALFORMED, sub.msg);
        *rc = *rc == RECITE_ENOMEM ? recite_error_set(err, *rc, "out of memory") : 0;
        return false;
    }
    /* Correctly signed is not enough: the totals are recomputed from the items. */
    char detail[200];
    if (!score_totals_agree(out->score, &stated, detail, sizeof(detail))) {
        result_fault(out, RECITE_FAULT_TOTALS, detail);
        return false;
    }
    return true;
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
        return 0;
    }
    recite_keyid_hex(out->keyid, sig->keyid);
    if (recite_keyset_verify(keys, sig, json, len, true, &index, &fault, &sub) < 0) {
        result_fault(out, fault, sub.msg);
        return 0;
    }
    out->roster_name = keys->names[index];
    out->roster_index = index;
    memcpy(out->signer, keys->keys[index].pk, sizeof(out->signer));
    /*
     * Ed25519 is deterministic: one key signing the same bytes gives the same
     * signature, so a verified signature names its body without hashing it again.
     */
    memcpy(out->digest, sig->sig, sizeof(out->digest));
    if (!parse_body(out, json, len, &rc, err))
        return rc;
    /*
     * Two roster entries may share a key (a student enrolled twice): prefer
     * the one that names the student in the body; the key is the same.
     */
    for (size_t i = index + 1; i < keys->count; i++) {
        if (strcmp(out->roster_name, out->score->student) == 0)
            break;
        if (memcmp(&keys->keys[i], &keys->keys[index], sizeof(keys->keys[i])) == 0 &&
            strcmp(keys->names[i], out->score->student) == 0) {
            out->roster_name = keys->names[i];
            out->roster_index = i;
        }
    }
    check_body(out, sig, out->roster_name, bank_hash);
    return 0;
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
    int rc = recite_file_read_regular(&text, &len, path, RECITE_SCORE_MAX_BYTES, &sub);
    if (rc < 0) {
        result_fault(out, read_fault(rc, RECITE_FAULT_IO), sub.msg);
        rc = rc == RECITE_ENOMEM ? recite_error_set(err, rc, "out of memory") : 0;
    } else if (read_signature(out, &sig_text, &sig_len, path)) {
        rc = recite_score_verify_buffers(out, text, len, sig_text, sig_len, keys, bank_hash, err);
    }
    free(text);
    free(sig_text);
    return rc;
}

/* ---- copies and attempts across a class ---- */

/*
 * An attempt is its id under the key that signed it: a file signed with
 * one student's key cannot claim, or cast doubt on, another student's
 * attempt by copying its id.
 */
struct dup_entry {
    const uint8_t *signer;
    const char *attempt;
    size_t index;
};

static int compare_attempt(const struct dup_entry *x, const struct dup_entry *y)
{
    int c = memcmp(x->signer, y->signer, 32);
    return c ? c : strcmp(x->attempt, y->attempt);
}

static int compare_dup(const void *a, const void *b)
{
    const struct dup_entry *x = a, *y = b;
    int c = compare_attempt(x, y);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The results with a parsed body and fault (NONE or DUPLICATE), sorted by signer and attempt id. */
static struct dup_entry *by_attempt(const struct recite_score_result *results, size_t count,
                                    enum recite_fault fault, size_t *n)
{
    struct dup_entry *entries = malloc((count ? count : 1) * sizeof(*entries));
    *n = 0;
    if (!entries)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        if (results[i].score &&
            (results[i].fault == RECITE_FAULT_NONE || results[i].fault == fault))
            entries[(*n)++] = (struct dup_entry){results[i].signer, results[i].score->attempt, i};
    }
    qsort(entries, *n, sizeof(*entries), compare_dup);
    return entries;
}

int recite_score_mark_duplicates(struct recite_score_result *results, const char *const *names,
                                 size_t count)
{
    size_t n = 0;
    struct dup_entry *entries = by_attempt(results, count, RECITE_FAULT_NONE, &n);
    if (!entries)
        return RECITE_ENOMEM;
    int marked = 0;
    for (size_t i = 0; i < n; i++) {
        bool prev = i > 0 && compare_attempt(&entries[i - 1], &entries[i]) == 0;
        bool next = i + 1 < n && compare_attempt(&entries[i + 1], &entries[i]) == 0;
        if (!prev && !next)
            continue;
        size_t other = prev ? entries[i - 1].index : entries[i + 1].index;
        bool same = memcmp(results[other].digest, results[entries[i].index].digest,
                           sizeof(results[other].digest)) == 0;
        char detail[256];
        snprintf(detail, sizeof(detail), "attempt id %s also in '%.160s'%s", entries[i].attempt,
                 names[other], same ? " (the same file)" : "");
        result_fault(&results[entries[i].index], RECITE_FAULT_DUPLICATE, detail);
        marked++;
    }
    free(entries);
    return marked;
}

bool recite_attempt_rule_parse(enum recite_attempt_rule *out, const char *name)
{
    static const char *const rules[] = {"best", "latest", "first"};
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(name, rules[i]) == 0) {
            *out = (enum recite_attempt_rule)(i + 1);
            return true;
        }
    }
    return false;
}

const char *recite_attempt_rule_name(enum recite_attempt_rule rule)
{
    static const char *const names[] = {"", "best", "latest", "first"};
    return (unsigned)rule < 4 ? names[rule] : "";
}

/* The student a result counts for: its roster entry, else the name in the body. */
static const char *student_of(const struct recite_score_result *r)
{
    return r->roster_name && *r->roster_name ? r->roster_name : r->score->student;
}

static double percent_of(const struct recite_score *s)
{
    return s->item_count ? s->credit / (double)s->item_count : 0.0;
}

/* An attempt as the rules see it. */
struct taken {
    const char *student;
    int64_t started_ms, number;
    double percent;
    size_t index; /* into results, which are in file name order */
};

/* By student, then in the order the attempts were taken. */
static int compare_taken(const void *a, const void *b)
{
    const struct taken *x = a, *y = b;
    int c = strcmp(x->student, y->student);
    if (c)
        return c;
    if (x->started_ms != y->started_ms)
        return x->started_ms < y->started_ms ? -1 : 1;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/*
 * Fills eligible[] with the results that may count: valid ones, and the
 * first of a set of duplicates that are all the same bytes.
 */
static size_t eligible_results(size_t *eligible, const struct recite_score_result *results,
                               size_t count)
{
    size_t n = 0, used = 0;
    struct dup_entry *entries = by_attempt(results, count, RECITE_FAULT_DUPLICATE, &n);
    for (size_t i = 0; entries && i < n;) {
        size_t end = i + 1;
        bool same = true;
        for (; end < n && compare_attempt(&entries[end], &entries[i]) == 0; end++)
            same = same && memcmp(results[entries[end].index].digest,
                                  results[entries[i].index].digest, 16) == 0;
        if (same)
            eligible[used++] = entries[i].index;
        i = end;
    }
    free(entries);
    return used;
}

void recite_score_pick_attempts(struct recite_score_result *results, const char *const *names,
                                size_t count, enum recite_attempt_rule rule)
{
    (void)names; /* results are in the order of names: index order is name order */
    for (size_t i = 0; i < count; i++)
        results[i].counts = false;
    size_t *eligible = malloc((count ? count : 1) * sizeof(*eligible));
    struct taken *order = malloc((count ? count : 1) * sizeof(*order));
    size_t n = eligible && order && rule ? eligible_results(eligible, results, count) : 0;
    for (size_t i = 0; i < n; i++) {
        const struct recite_score_result *r = &results[eligible[i]];
        order[i] = (struct taken){student_of(r), r->score->started_ms, r->score->attempt_number,
                                  percent_of(r->score), eligible[i]};
    }
    if (n > 0)
        qsort(order, n, sizeof(*order), compare_taken);
    for (size_t i = 0; i < n;) {
        size_t end = i + 1, pick = i;
        while (end < n && strcmp(order[end].student, order[i].student) == 0)
            end++;
        for (size_t k = i; rule == RECITE_ATTEMPTS_BEST && k < end; k++) {
            if (order[k].percent > order[pick].percent + 1e-9)
                pick = k;
        }
        if (rule == RECITE_ATTEMPTS_LATEST)
            pick = end - 1;
        results[order[pick].index].counts = true;
        i = end;
    }
    free(order);
    free(eligible);
}

static json_t *result_to_json(const struct recite_score_result *r, const char *name,
                              enum recite_attempt_rule rule)
{
    const struct recite_score *s = r->score;
    char points[96] = "", finished[32] = "";
    if (s) {
        recite_score_format_points(points, sizeof(points), s);
        recite_time_format(finished, sizeof(finished), s->finished_ms);
    }
    const char *student = r->roster_name && *r->roster_name ? r->roster_name : s ? s->student : "";
    /* File names and the messages quoting them are bytes, not necessarily text. */
    char *file = recite_text_escape(name, strlen(name));
    char *detail = recite_text_escape(r->fault ? r->detail : "", r->fault ? strlen(r->detail) : 0);
    json_t *obj = !file || !detail
                      ? NULL
                      : json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s}", "file", file,
                                  "status", recite_fault_name(r->fault), "detail", detail, "key_id",
                                  r->keyid, "student", student, "bank", s ? s->bank_id : NULL,
                                  "version", s ? s->bank_version : NULL, "score", points);
    json_t *more = json_pack("{s:o, s:o, s:o, s:s, s:s?, s:o, s:o}", "credit",
                             s ? json_real(s->credit) : json_null(), "items",
                             s ? json_integer((json_int_t)s->item_count) : json_null(), "answered",
                             s ? json_integer((json_int_t)s->answered) : json_null(), "finished",
                             finished, "attempt", s ? s->attempt : NULL, "attempt_number",
                             s && s->attempt_number ? json_integer(s->attempt_number) : json_null(),
                             "counts", rule ? json_boolean(r->counts) : json_null());
    if (!obj || !more || json_object_update(obj, more) != 0) {
        json_decref(obj);
        obj = NULL;
    }
    json_decref(more);
    free(file);
    free(detail);
    return obj;
}

int recite_score_results_json(char **out, const struct recite_score_result *results,
                              const char *const *names, size_t count, enum recite_attempt_rule rule,
                              struct recite_error *err)
{
    *out = NULL;
    json_t *array = json_array();
    for (size_t i = 0; array && i < count; i++) {
        json_t *item = result_to_json(&results[i], names[i], rule);
        if (!item || json_array_append_new(array, item) != 0) {
            json_decref(array);
            array = NULL;
        }
    }
    return recite_json_text(out, array, JSON_INDENT(2) | JSON_REAL_PRECISION(12), true,
                            "the results document", err);
}
