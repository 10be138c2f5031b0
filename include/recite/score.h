/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Score files: the recite-score/1 JSON document built from a stored quiz or
 * review session, its one-line summary (the trusted comment of its
 * signature), and verification of signed score files against a roster.
 * The format is specified in docs/score-format.md. Included through recite.h.
 */
#ifndef RECITE_SCORE_H
#define RECITE_SCORE_H

#include "common.h"
#include "sign.h"
#include "store.h"

#define RECITE_SCORE_FORMAT "recite-score/1"
#define RECITE_SCORE_MAX_BYTES (16u << 20) /* larger score files are refused */

struct recite_score_item {
    char *card;     /* card id */
    char *prompt;   /* the question as shown */
    char *expected; /* the canonical answer */
    char *given;    /* the student's answer, "" when skipped */
    double credit;  /* 0..1 */
    int rating;     /* 0 (not rated) or 1..4 */
    int64_t ms;     /* time to answer */
};

/* A score document. Every string is owned; free with recite_score_free(). */
struct recite_score {
    char *student; /* the student's identifier (the roster name) */
    char key_id[RECITE_KEYID_HEX_LEN + 1];
    char *bank_id; /* bank slug */
    char *bank_version;
    char *bank_hash; /* "blake2b-256:" and 64 lowercase hex digits */
    char kind[8];    /* "quiz" or "review" */
    char *seed;      /* decimal uint64, as text so no JSON reader rounds it */
    int64_t count;   /* questions asked for (quiz parameter) */
    char **tags;     /* quiz tags filter */
    size_t tag_count;
    int64_t started_ms, finished_ms;
    char attempt[33];                /* random 128-bit attempt id, lowercase hex */
    struct recite_score_item *items; /* NULL after recite_score_verify_file() */
    size_t item_count;
    double credit;   /* sum of item credits */
    int64_t correct; /* items with full credit */
    char *tool;      /* "recite X.Y.Z" */
};

void recite_score_free(struct recite_score *score);

/*
 * Builds the document for a stored session (0: the newest session) for the
 * student named student holding key. RECITE_ENOTFOUND without such a session,
 * RECITE_EUSAGE when it is still open, has no bank, or the name is not one
 * printable line of at most 128 bytes.
 */
int recite_score_from_session(struct recite_score **out, struct recite_store *st,
                              int64_t session_id, const char *student,
                              const struct recite_pubkey *key, struct recite_error *err);

/* The JSON text (2-space indent, final newline). Caller frees *out with free(). */
int recite_score_to_json(char **out, const struct recite_score *score, struct recite_error *err);

/*
 * Parses and validates a recite-score/1 document (types, required fields,
 * totals consistent with the items). RECITE_EDATA with the reason in err.
 */
int recite_score_parse(struct recite_score **out, const char *text, size_t len,
                       struct recite_error *err);

/*
 * The trusted comment: "recite-score\tbank=ID@VERSION\tstudent=NAME\t
 * score=CREDIT/ITEMS\tfinished=TIME" (TAB separated, control characters
 * shown as '?'). Returns the length, or a negative code when it does not fit.
 */
int recite_score_summary(char *buf, size_t size, const struct recite_score *score);

/* CREDIT/ITEMS as in the summary, e.g. "17.5/20". */
void recite_score_format_points(char *buf, size_t size, const struct recite_score *score);

/*
 * Writes path and path.minisig: the document signed by key (prehashed) with
 * its summary as the trusted comment. The score's key_id must be key's.
 */
int recite_score_write_signed(const char *path, const struct recite_score *score,
                              const struct recite_seckey *key, struct recite_error *err);

/*
 * The content hash of a bank file as "blake2b-256:<hex>" into out (at least
 * 80 bytes): BLAKE2b-256 of the bank's canonical text, the same hash `bank
 * show` prints for the imported bank. RECITE_EDATA when the file is not a
 * valid bank.
 */
int recite_score_bank_file_hash(char *out, size_t size, const char *path, struct recite_error *err);

/* The outcome of verifying one score file. */
struct recite_score_result {
    enum recite_fault fault;              /* RECITE_FAULT_NONE when valid */
    char detail[256];                     /* the reason in words */
    char keyid[RECITE_KEYID_HEX_LEN + 1]; /* from the signature; "" when unparsed */
    const char *roster_name;              /* borrowed from the key set; NULL when unverified */
    struct recite_score *score;           /* parsed body without items, or NULL; owned */
};

void recite_score_result_release(struct recite_score_result *result);

/*
 * Verifies path and path.minisig against keys (a roster; a set whose names
 * are empty only checks that the body's key id is the signer's), then the
 * body, its summary, the student named in it, and bank_hash when not NULL.
 * Returns 0 when the verification ran (out->fault tells the outcome), or a
 * negative code on an internal failure such as memory.
 */
int recite_score_verify_file(struct recite_score_result *out, const char *path,
                             const struct recite_keyset *keys, const char *bank_hash,
                             struct recite_error *err);

/* The same checks on a score document and its .minisig text already in memory. */
int recite_score_verify_buffers(struct recite_score_result *out, const char *json, size_t len,
                                const char *sig_text, size_t sig_len,
                                const struct recite_keyset *keys, const char *bank_hash,
                                struct recite_error *err);

/*
 * Marks every valid result whose attempt id also appears in another result
 * as RECITE_FAULT_DUPLICATE, naming the other file (names[i] is results[i]'s
 * file). Returns the number of results marked, or RECITE_ENOMEM.
 */
int recite_score_mark_duplicates(struct recite_score_result *results, const char *const *names,
                                 size_t count);

/*
 * The results as a JSON array (one object per file: file, status, detail,
 * key_id, student, bank, version, score, finished, attempt). Caller frees
 * *out with free().
 */
int recite_score_results_json(char **out, const struct recite_score_result *results,
                              const char *const *names, size_t count, struct recite_error *err);

#endif
