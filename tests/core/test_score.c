/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Score files: building from a stored session, JSON round trip, the summary,
 * every rejection reason, and the tamper corpus (every single-byte change of
 * each signature line and of every JSON byte, truncations at
 * every line), each rejected for the reason an independent model predicts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>

#include "recite.h"

#define BANK_HASH "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

struct fixture {
    char dir[64];
    char db[128];
    struct recite_store *st;
    struct recite_seckey *key;
    struct recite_pubkey pub;
    struct recite_keyset roster;
    char *json, *sig;
    size_t json_len, sig_len;
};

static struct recite_seckey *seeded_key(uint8_t first)
{
    uint8_t seed[32], keyid[8];
    for (int i = 0; i < 32; i++)
        seed[i] = (uint8_t)(first + i);
    for (int i = 0; i < 8; i++)
        keyid[i] = (uint8_t)(first + i + 1);
    struct recite_seckey *key = NULL;
    assert_int_equal(recite_seckey_from_seed(&key, seed, keyid, NULL), 0);
    return key;
}

static void add_bank(const char *db)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "INSERT INTO bank (slug, title, version, hash) VALUES "
                                  "('nato', 'NATO', '2026.11', '" BANK_HASH "')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
}

/*
 * A finished quiz of four questions on bank nato: credits 1 and 0.5, one
 * skipped, one never answered (the quiz was quit), recorded as the quiz
 * does: every question first as not answered.
 */
static int64_t add_session(struct recite_store *st, bool finish)
{
    struct recite_error err = {0};
    int64_t id = 0, start = 1795514400000; /* 2026-11-24T10:00:00Z */
    assert_int_equal(recite_store_session_begin(st, "quiz", "nato", start, 42,
                                                "{\"count\": 4, \"tags\": [\"members\"]}", &id,
                                                &err),
                     0);
    struct recite_session_item items[] = {
        {"nato/article-5/q", "Which article?", "Article 5", "Article 5", 1.0, 3, 4200,
         RECITE_ITEM_ANSWERED},
        {"nato/founding/all", "Founding members?", "12 countries", "Belgium, \"US\"", 0.5, 2, 9100,
         RECITE_ITEM_ANSWERED},
        {"nato/dcb/long", "DCB stands for?", "Defence and Related Security Capacity Building", "",
         0.0, 1, 15000, RECITE_ITEM_SKIPPED},
        {"nato/pfp/year", "When was the Partnership for Peace launched?", "1994", "", 0.0, 0, 0,
         RECITE_ITEM_UNANSWERED},
    };
    for (int i = 0; i < 4; i++) {
        struct recite_session_item unanswered = items[i];
        unanswered.given = "";
        unanswered.credit = 0;
        unanswered.rating = 0;
        unanswered.duration_ms = 0;
        unanswered.status = RECITE_ITEM_UNANSWERED;
        assert_int_equal(recite_store_session_item_add(st, id, i, &unanswered, &err), 0);
    }
    for (int i = 0; i < 3; i++)
        assert_int_equal(recite_store_session_item_add(st, id, i, &items[i], &err), 0);
    if (finish)
        assert_int_equal(recite_store_session_end(st, id, start + 300000, &err), 0);
    return id;
}

static char *slurp(const char *path, size_t *len)
{
    char *text = NULL;
    assert_int_equal(recite_file_read(&text, len, path, 1 << 20, NULL), 0);
    return text;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    struct recite_error err = {0};
    snprintf(f->dir, sizeof(f->dir), "/tmp/recite-score-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db, sizeof(f->db), "%s/recite.db", f->dir);
    assert_int_equal(recite_store_open(&f->st, f->db, &err), 0);
    add_bank(f->db);
    f->key = seeded_key(0);
    recite_seckey_pubkey(&f->pub, f->key);
    assert_int_equal(recite_keyset_add(&f->roster, &f->pub, "alice", &err), 0);
    int64_t id = add_session(f->st, true);
    struct recite_score *score = NULL;
    assert_int_equal(recite_score_from_session(&score, f->st, id, "alice", &f->pub, &err), 0);
    char path[160];
    snprintf(path, sizeof(path), "%s/alice.json", f->dir);
    assert_int_equal(recite_score_write_signed(path, score, f->key, false, &err), 0);
    recite_score_free(score);
    f->json = slurp(path, &f->json_len);
    snprintf(path, sizeof(path), "%s/alice.json.minisig", f->dir);
    f->sig = slurp(path, &f->sig_len);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];
    recite_store_close(f->st);
    recite_seckey_free(f->key);
    recite_keyset_release(&f->roster);
    free(f->json);
    free(f->sig);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static enum recite_fault check(const struct fixture *f, const char *json, size_t len,
                               const char *sig, size_t sig_len, const char *bank_hash)
{
    struct recite_score_result r;
    struct recite_error err = {0};
    assert_int_equal(
        recite_score_verify_buffers(&r, json, len, sig, sig_len, &f->roster, bank_hash, &err), 0);
    enum recite_fault fault = r.fault;
    assert_true(fault == RECITE_FAULT_NONE || r.detail[0] != '\0');
    recite_score_result_release(&r);
    return fault;
}

static void test_score_document(void **state)
{
    struct fixture *f = *state;
    struct recite_score *s = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_score_parse(&s, f->json, f->json_len, &err), 0);
    assert_string_equal(s->student, "alice");
    assert_string_equal(s->key_id, "0807060504030201");
    assert_string_equal(s->bank_id, "nato");
    assert_string_equal(s->bank_version, "2026.11");
    assert_string_equal(s->bank_hash, "blake2b-256:" BANK_HASH);
    assert_string_equal(s->kind, "quiz");
    assert_string_equal(s->seed, "42");
    assert_int_equal(s->format, 2);
    assert_int_equal(s->count, 4);
    assert_int_equal(s->tag_count, 1);
    assert_string_equal(s->tags[0], "members");
    /* Every question drawn is there, answered or not, and the score is over all of them. */
    assert_int_equal(s->item_count, 4);
    assert_int_equal(s->answered, 2);
    assert_string_equal(s->items[1].given, "Belgium, \"US\"");
    assert_true(s->items[1].credit == 0.5);
    assert_int_equal(s->items[2].ms, 15000);
    assert_int_equal(s->items[2].status, RECITE_ITEM_SKIPPED);
    assert_int_equal(s->items[3].status, RECITE_ITEM_UNANSWERED);
    assert_string_equal(s->items[3].prompt, "When was the Partnership for Peace launched?");
    assert_int_equal(s->correct, 1);
    assert_true(s->credit == 1.5);
    assert_int_equal(strlen(s->attempt), 32);
    assert_int_equal(s->attempt_number, 1);
    assert_non_null(strstr(f->json, "\"status\": \"unanswered\""));
    assert_non_null(strstr(f->json, "\"status\": \"skipped\""));
    char summary[RECITE_COMMENT_MAX + 1];
    assert_true(recite_score_summary(summary, sizeof(summary), s) > 0);
    assert_string_equal(summary, "recite-score\tbank=nato@2026.11\tstudent=alice\tscore=1.5/4"
                                 "\tanswered=2\tfinished=2026-11-24T10:05:00.000Z");
    /* The trusted comment of the signature is that summary. */
    assert_non_null(strstr(f->sig, summary));
    /* Serialising the parsed document gives the same bytes back. */
    char *again = NULL;
    assert_int_equal(recite_score_to_json(&again, s, &err), 0);
    assert_string_equal(again, f->json);
    free(again);
    recite_score_free(s);
    assert_int_equal(check(f, f->json, f->json_len, f->sig, f->sig_len, NULL), RECITE_FAULT_NONE);
    assert_int_equal(check(f, f->json, f->json_len, f->sig, f->sig_len, "blake2b-256:" BANK_HASH),
                     RECITE_FAULT_NONE);
}

static void test_score_export_refusals(void **state)
{
    struct fixture *f = *state;
    struct recite_score *s = NULL;
    struct recite_error err = {0};
    int64_t open_id = add_session(f->st, false);
    assert_int_equal(recite_score_from_session(&s, f->st, open_id, "alice", &f->pub, &err),
                     RECITE_EUSAGE);
    assert_non_null(strstr(err.msg, "has not finished"));
    assert_int_equal(recite_score_from_session(&s, f->st, 1, "al\tice", &f->pub, &err),
                     RECITE_EUSAGE);
    assert_int_equal(recite_score_from_session(&s, f->st, 999, "alice", &f->pub, &err),
                     RECITE_ENOTFOUND);
}

/* Signs body with comment under key: a validly signed but otherwise wrong file. */
static char *sign_with(const struct recite_seckey *key, const char *body, const char *comment)
{
    char *sig = NULL;
    assert_int_equal(recite_sign_buffer(&sig, key, body, strlen(body), comment, NULL), 0);
    return sig;
}

static void test_score_reasons(void **state)
{
    struct fixture *f = *state;
    char *sig;
    /* Malformed JSON, signed by the student. */
    const char broken[] = "{\"format\": \"recite-score/1\",";
    sig = sign_with(f->key, broken, "x");
    assert_int_equal(check(f, broken, strlen(broken), sig, strlen(sig), NULL),
                     RECITE_FAULT_JSON_MALFORMED);
    free(sig);
    /* The body with another summary in the trusted comment. */
    char *body = strndup(f->json, f->json_len);
    sig = sign_with(f->key, body,
                    "recite-score\tbank=nato@2026.11\tstudent=alice\tscore=3/3"
                    "\tfinished=2026-11-24T10:05:00.000Z");
    assert_int_equal(check(f, body, f->json_len, sig, strlen(sig), NULL),
                     RECITE_FAULT_SUMMARY_MISMATCH);
    free(sig);
    /* Another bank was given. */
    assert_int_equal(
        check(f, f->json, f->json_len, f->sig, f->sig_len, "blake2b-256:" BANK_HASH "0"),
        RECITE_FAULT_BANK_HASH);
    /* The roster lists this key under another name. */
    struct recite_keyset other = RECITE_KEYSET_INIT;
    assert_int_equal(recite_keyset_add(&other, &f->pub, "bob", NULL), 0);
    struct recite_score_result r;
    assert_int_equal(recite_score_verify_buffers(&r, f->json, f->json_len, f->sig, f->sig_len,
                                                 &other, NULL, NULL),
                     0);
    assert_int_equal(r.fault, RECITE_FAULT_WRONG_STUDENT);
    assert_non_null(strstr(r.detail, "'bob'"));
    recite_score_result_release(&r);
    recite_keyset_release(&other);
    /* A key that is not on the roster. */
    struct recite_seckey *mallory = seeded_key(100);
    sig = sign_with(mallory, body, "whatever");
    assert_int_equal(check(f, body, f->json_len, sig, strlen(sig), NULL), RECITE_FAULT_UNKNOWN_KEY);
    free(sig);
    recite_seckey_free(mallory);
    free(body);
    /* Two copies of one attempt. */
    struct recite_score_result results[3];
    const char *names[] = {"a.json", "b.json", "c.json"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(recite_score_verify_buffers(&results[i], f->json, f->json_len, f->sig,
                                                     f->sig_len, &f->roster, NULL, NULL),
                         0);
    memset(results[2].score->attempt, 'f', 32);
    assert_int_equal(recite_score_mark_duplicates(results, names, 3), 2);
    assert_int_equal(results[0].fault, RECITE_FAULT_DUPLICATE);
    assert_non_null(strstr(results[0].detail, "b.json"));
    assert_int_equal(results[1].fault, RECITE_FAULT_DUPLICATE);
    assert_int_equal(results[2].fault, RECITE_FAULT_NONE);
    for (int i = 0; i < 3; i++)
        recite_score_result_release(&results[i]);
}

/* text with the first from replaced by to; caller frees. */
static char *replace_once(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    return out;
}

/* The summary a document's own stated fields would give, for a consistent forgery. */
#define FORGED_SUMMARY(score, answered)                                                            \
    "recite-score\tbank=nato@2026.11\tstudent=alice\tscore=" score "\tanswered=" answered          \
    "\tfinished=2026-11-24T10:05:00.000Z"

/* body signed by alice's own key with comment: the check must still find the lie. */
static enum recite_fault signed_check(const struct fixture *f, const char *body,
                                      const char *comment, char *detail, size_t size)
{
    char *sig = sign_with(f->key, body, comment);
    struct recite_score_result r;
    assert_int_equal(recite_score_verify_buffers(&r, body, strlen(body), sig, strlen(sig),
                                                 &f->roster, NULL, NULL),
                     0);
    enum recite_fault fault = r.fault;
    snprintf(detail, size, "%s", r.detail);
    recite_score_result_release(&r);
    free(sig);
    return fault;
}

/*
 * Files the student signed with their own key, whose totals claim more than
 * the items hold: each is refused as totals-mismatch, with the reason.
 */
static void test_score_totals_recomputed(void **state)
{
    struct fixture *f = *state;
    char detail[256];
    /* The stated score raised to full marks, the trusted comment to match. */
    char *body = replace_once(f->json, "\"credit\": 1.5,", "\"credit\": 4.0,");
    assert_int_equal(signed_check(f, body, FORGED_SUMMARY("4/4", "2"), detail, sizeof(detail)),
                     RECITE_FAULT_TOTALS);
    assert_string_equal(detail, "the totals state a score of 4 but the items sum to 1.5");
    free(body);
    /* The unanswered question dropped, so the score looks like 1.5 of 3. */
    const char *last = strstr(f->json, ",\n    {\n      \"card\": \"nato/pfp/year\"");
    const char *end = strstr(last, "\n  ],");
    size_t n = strlen(f->json) - (size_t)(end - last);
    char *shorter = malloc(n + 1);
    snprintf(shorter, n + 1, "%.*s%s", (int)(last - f->json), f->json, end);
    assert_int_equal(signed_check(f, shorter, FORGED_SUMMARY("1.5/3", "2"), detail, sizeof(detail)),
                     RECITE_FAULT_TOTALS);
    assert_string_equal(detail, "the totals state 4 questions but the file lists 3");
    free(shorter);
    /* An answer made up for the question never reached, totals left alone. */
    char *a = replace_once(f->json,
                           "\"status\": \"unanswered\",\n      \"given\": \"\",\n"
                           "      \"credit\": 0.0,",
                           "\"status\": \"answered\",\n      \"given\": \"1994\",\n"
                           "      \"credit\": 1.0,");
    assert_int_equal(signed_check(f, a, FORGED_SUMMARY("2.5/4", "3"), detail, sizeof(detail)),
                     RECITE_FAULT_TOTALS);
    assert_string_equal(detail, "the totals state 2 answered but the items show 3");
    free(a);
    /* Credit on a question never answered is not a score document at all. */
    char *b = replace_once(f->json, "\"given\": \"\",\n      \"credit\": 0.0,\n      \"rating\": 0",
                           "\"given\": \"\",\n      \"credit\": 1.0,\n      \"rating\": 0");
    assert_int_equal(signed_check(f, b, FORGED_SUMMARY("2.5/4", "2"), detail, sizeof(detail)),
                     RECITE_FAULT_JSON_MALFORMED);
    assert_non_null(strstr(detail, "unanswered has an answer or credit"));
    free(b);
    /* The parser alone refuses the same bodies. */
    struct recite_score *s = NULL;
    struct recite_error err = {0};
    body = replace_once(f->json, "\"credit\": 1.5,", "\"credit\": 4.0,");
    assert_int_equal(recite_score_parse(&s, body, strlen(body), &err), RECITE_EDATA);
    assert_null(s);
    free(body);
}

/* A session exported twice is one attempt; another sitting of the same quiz is the next. */
static void test_score_attempts(void **state)
{
    struct fixture *f = *state;
    struct recite_error err = {0};
    struct recite_score *first = NULL, *again = NULL, *second = NULL, *other = NULL;
    assert_int_equal(recite_score_from_session(&first, f->st, 1, "alice", &f->pub, &err), 0);
    assert_int_equal(recite_score_from_session(&again, f->st, 1, "alice", &f->pub, &err), 0);
    char *a = NULL, *b = NULL;
    assert_int_equal(recite_score_to_json(&a, first, &err), 0);
    assert_int_equal(recite_score_to_json(&b, again, &err), 0);
    assert_string_equal(a, b);
    assert_string_equal(a, f->json);
    int64_t id = add_session(f->st, true);
    assert_int_equal(recite_score_from_session(&second, f->st, id, "alice", &f->pub, &err), 0);
    assert_int_equal(second->attempt_number, 2);
    assert_string_not_equal(second->attempt, first->attempt);
    char key1[RECITE_SCORE_DEFINITION_LEN + 1], key2[RECITE_SCORE_DEFINITION_LEN + 1];
    recite_score_definition(key1, first);
    recite_score_definition(key2, second);
    assert_string_equal(key1, key2);
    /* Another seed is another quiz: its first attempt. */
    int64_t other_id = 0;
    assert_int_equal(recite_store_session_begin(f->st, "quiz", "nato", 1795514400000, 43,
                                                "{\"count\": 4, \"tags\": [\"members\"]}",
                                                &other_id, &err),
                     0);
    assert_int_equal(recite_store_session_end(f->st, other_id, 1795514500000, &err), 0);
    assert_int_equal(recite_score_from_session(&other, f->st, other_id, "alice", &f->pub, &err), 0);
    assert_int_equal(other->attempt_number, 1);
    recite_score_definition(key2, other);
    assert_string_not_equal(key1, key2);
    free(a);
    free(b);
    recite_score_free(first);
    recite_score_free(again);
    recite_score_free(second);
    recite_score_free(other);
}

/* A recite-score/1 file made before version 2 still verifies and reads as it was. */
static void test_score_reads_format_1(void **state)
{
    (void)state;
    size_t len = 0, sig_len = 0;
    char *json = slurp(RECITE_TEST_DATA "/score/v1/alice-v1.json", &len);
    char *sig = slurp(RECITE_TEST_DATA "/score/v1/alice-v1.json.minisig", &sig_len);
    struct recite_pubkey kat;
    struct recite_keyset roster = RECITE_KEYSET_INIT;
    assert_int_equal(
        recite_pubkey_load(&kat, "RWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4", NULL),
        0);
    assert_int_equal(recite_keyset_add(&roster, &kat, "alice", NULL), 0);
    struct recite_score_result r;
    assert_int_equal(recite_score_verify_buffers(&r, json, len, sig, sig_len, &roster, NULL, NULL),
                     0);
    assert_int_equal(r.fault, RECITE_FAULT_NONE);
    assert_int_equal(r.score->format, 1);
    assert_int_equal(r.score->item_count, 1);
    assert_int_equal(r.score->answered, 1);
    assert_int_equal(r.score->count, 3);
    assert_int_equal(r.score->attempt_number, 0);
    recite_score_result_release(&r);
    struct recite_score *s = NULL;
    char *again = NULL;
    assert_int_equal(recite_score_parse(&s, json, len, NULL), 0);
    assert_int_equal(recite_score_to_json(&again, s, NULL), 0);
    assert_string_equal(again, json);
    recite_score_free(s);
    recite_keyset_release(&roster);
    free(again);
    free(json);
    free(sig);
}

/* ---- the tamper corpus ---- */

struct sigmodel {
    uint8_t blob[74];
    uint8_t global[64];
    char comment[RECITE_SIG_COMMENT_MAX + 1];
};

static bool b64_exact(uint8_t *out, size_t bin_len, const char *text, size_t len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\0' || !strchr(alphabet, text[i]))
            return false;
    }
    size_t got = 0;
    const char *end = NULL;
    return len == sodium_base64_ENCODED_LEN(bin_len, sodium_base64_VARIANT_ORIGINAL) - 1 &&
           sodium_base642bin(out, bin_len, text, len, NULL, &got, &end,
                             sodium_base64_VARIANT_ORIGINAL) == 0 &&
           got == bin_len && end == text + len;
}

/*
 * The reason a variant of the signature file must be refused for, derived
 * from the spec's verification order and the original's decoded fields.
 */
static enum recite_fault model(const char *text, size_t len, const struct sigmodel *orig)
{
    if (memchr(text, '\0', len))
        return RECITE_FAULT_SIG_MALFORMED;
    const char *lines[8];
    size_t lens[8], n = 0;
    for (const char *p = text; p < text + len;) {
        const char *nl = memchr(p, '\n', (size_t)(text + len - p));
        size_t l = (size_t)((nl ? nl : text + len) - p);
        while (l > 0 && p[l - 1] == '\r')
            l--;
        if (n >= 4 && l > 0)
            return RECITE_FAULT_SIG_MALFORMED;
        if (n < 8) {
            lines[n] = p;
            lens[n] = l;
        }
        n++;
        p = nl ? nl + 1 : text + len;
    }
    if (n < 4 || strncmp(lines[0], "untrusted comment: ", 19) != 0 || lens[0] < 19 ||
        lens[2] < 17 || strncmp(lines[2], "trusted comment: ", 17) != 0)
        return RECITE_FAULT_SIG_MALFORMED;
    uint8_t blob[74], global[64];
    if (!b64_exact(blob, 74, lines[1], lens[1]) || !b64_exact(global, 64, lines[3], lens[3]))
        return RECITE_FAULT_SIG_BASE64;
    if (memcmp(blob, "ED", 2) != 0)
        return RECITE_FAULT_SIG_ALGORITHM;
    if (memcmp(blob + 2, orig->blob + 2, 8) != 0)
        return RECITE_FAULT_UNKNOWN_KEY;
    if (memcmp(blob + 10, orig->blob + 10, 64) != 0)
        return RECITE_FAULT_BAD_SIGNATURE;
    if (lens[2] - 17 != strlen(orig->comment) ||
        memcmp(lines[2] + 17, orig->comment, lens[2] - 17) != 0 ||
        memcmp(global, orig->global, 64) != 0)
        return RECITE_FAULT_BAD_COMMENT;
    return RECITE_FAULT_NONE;
}

static void decode_original(struct sigmodel *m, const char *sig)
{
    const char *l2 = strchr(sig, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
    const char *l4 = strchr(l3, '\n') + 1;
    assert_true(b64_exact(m->blob, 74, l2, (size_t)(l3 - l2 - 1)));
    assert_true(b64_exact(m->global, 64, l4, strlen(l4) - 1));
    snprintf(m->comment, sizeof(m->comment), "%.*s", (int)(l4 - l3 - 18), l3 + 17);
}

/* Line number (1-based) of offset i in text. */
static int line_of(const char *text, size_t i)
{
    int line = 1;
    for (size_t k = 0; k < i; k++)
        line += text[k] == '\n';
    return line;
}

static void test_score_tamper_signature(void **state)
{
    struct fixture *f = *state;
    struct sigmodel orig;
    decode_original(&orig, f->sig);
    char *v = malloc(f->sig_len + 1);
    size_t variants = 0, accepted = 0, per_fault[RECITE_FAULT_COUNT] = {0};
    for (size_t i = 0; i < f->sig_len; i++) {
        for (int b = 0; b < 256; b++) {
            if (b == (unsigned char)f->sig[i])
                continue;
            memcpy(v, f->sig, f->sig_len);
            v[i] = (char)b;
            enum recite_fault want = model(v, f->sig_len, &orig);
            enum recite_fault got = check(f, f->json, f->json_len, v, f->sig_len, NULL);
            if (got != want)
                fail_msg("byte %zu (line %d) set to 0x%02x: got %s, expected %s", i,
                         line_of(f->sig, i), b, recite_fault_name(got), recite_fault_name(want));
            variants++;
            per_fault[got]++;
            if (got == RECITE_FAULT_NONE) {
                /* Only the free text of line 1, or a line-ending '\r', is unauthenticated. */
                bool untrusted_text = line_of(f->sig, i) == 1 && i >= 19;
                bool line_end_cr = b == '\r' && f->sig[i] == '\n';
                if (!untrusted_text && !line_end_cr)
                    fail_msg("accepted: byte %zu (line %d) 0x%02x -> 0x%02x", i, line_of(f->sig, i),
                             (unsigned char)f->sig[i], b);
                accepted++;
            }
        }
    }
    printf("signature variants: %zu; accepted (untrusted comment text only): %zu\n", variants,
           accepted);
    for (int k = 0; k < RECITE_FAULT_COUNT; k++)
        if (per_fault[k])
            printf("  %-28s %zu\n", recite_fault_name((enum recite_fault)k), per_fault[k]);
    assert_true(per_fault[RECITE_FAULT_SIG_MALFORMED] && per_fault[RECITE_FAULT_SIG_BASE64] &&
                per_fault[RECITE_FAULT_SIG_ALGORITHM] && per_fault[RECITE_FAULT_UNKNOWN_KEY] &&
                per_fault[RECITE_FAULT_BAD_SIGNATURE] && per_fault[RECITE_FAULT_BAD_COMMENT]);
    free(v);
}

static void test_score_tamper_json(void **state)
{
    struct fixture *f = *state;
    char *v = malloc(f->json_len + 1);
    size_t variants = 0;
    /* Every byte of the JSON replaced by each of the 255 other values. */
    for (size_t i = 0; i < f->json_len; i++) {
        for (int b = 0; b < 256; b++) {
            if (b == (unsigned char)f->json[i])
                continue;
            memcpy(v, f->json, f->json_len);
            v[i] = (char)b;
            enum recite_fault got = check(f, v, f->json_len, f->sig, f->sig_len, NULL);
            if (got != RECITE_FAULT_BAD_SIGNATURE)
                fail_msg("JSON byte %zu set to 0x%02x: got %s", i, b, recite_fault_name(got));
            variants++;
        }
    }
    printf("JSON variants: %zu, all bad-signature\n", variants);
    free(v);
}

static void test_score_truncations(void **state)
{
    struct fixture *f = *state;
    size_t cuts = 0;
    /* The JSON cut after every line (and before the last newline). */
    for (size_t i = 0; i < f->json_len; i++) {
        if (f->json[i] != '\n')
            continue;
        assert_int_equal(check(f, f->json, i, f->sig, f->sig_len, NULL),
                         RECITE_FAULT_BAD_SIGNATURE);
        if (i + 1 < f->json_len)
            assert_int_equal(check(f, f->json, i + 1, f->sig, f->sig_len, NULL),
                             RECITE_FAULT_BAD_SIGNATURE);
        cuts++;
    }
    /* The signature cut after each of its first three lines, and inside each line. */
    struct sigmodel orig;
    decode_original(&orig, f->sig);
    int line = 1;
    for (size_t i = 0; i + 1 < f->sig_len; i++) {
        enum recite_fault want = model(f->sig, i, &orig);
        if (f->sig[i] == '\n')
            line++;
        assert_int_not_equal(want, RECITE_FAULT_NONE);
        assert_int_equal(check(f, f->json, f->json_len, f->sig, i, NULL), want);
        if (i > 0 && f->sig[i - 1] == '\n')
            assert_int_equal(want, RECITE_FAULT_SIG_MALFORMED);
        cuts++;
    }
    assert_int_equal(line, 4);
    printf("truncations: %zu, all rejected\n", cuts);
}

int main(void)
{
    assert_int_equal(recite_sign_init(NULL), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_score_document, setup, teardown),
        cmocka_unit_test_setup_teardown(test_score_export_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_score_reasons, setup, teardown),
        cmocka_unit_test_setup_teardown(test_score_totals_recomputed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_score_attempts, setup, teardown),
        cmocka_unit_test(test_score_reads_format_1),
        cmocka_unit_test_setup_teardown(test_score_tamper_signature, setup, teardown),
        cmocka_unit_test_setup_teardown(test_score_tamper_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_score_truncations, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
