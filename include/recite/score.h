/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Score files: the recite-score/2 JSON document built from a stored quiz or
 * review session, its one-line summary (the trusted comment of its
 * signature), and verification of signed score files against a roster.
 * recite-score/1 files are still read. Every question a quiz drew is in the
 * document, answered or not, and the score is over all of them.
 * The format is specified in docs/score-format.md. Included through recite.h.
 */
#ifndef RECITE_SCORE_H
#define RECITE_SCORE_H

#include "common.h"
#include "sign.h"
#include "store.h"

#define RECITE_SCORE_FORMAT "recite-score/2"
#define RECITE_SCORE_FORMAT_V1 "recite-score/1" /* read, never written */
#define RECITE_SCORE_MAX_BYTES (16u << 20)      /* larger score files are refused */
#define RECITE_SCORE_DEFINITION_LEN 32          /* hex digits of a quiz definition key */

struct recite_score_item {
    char *card;     /* card id */
    char *prompt;   /* the question as shown */
    char *expected; /* the canonical answer */
    char *given;    /* the student's answer, "" when skipped or unanswered */
    double credit;  /* 0..1; 0 unless answered */
    int rating;     /* 0 (not rated) or 1..4 */
    int64_t ms;     /* time to answer */
    enum recite_item_status status;
};

/* A score document. Every string is owned; free with recite_score_free(). */
struct recite_score {
    int format;    /* 2; 1 for a recite-score/1 file that was read */
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
    int64_t attempt_number;          /* 1, 2, ... per quiz definition; 0: unknown (format 1) */
    struct recite_score_item *items; /* NULL after recite_score_verify_file() */
    size_t item_count;               /* questions drawn: the score is over all of them */
    size_t answered;                 /* items answered (not skipped, not unanswered) */
    double credit;                   /* sum of item credits */
    int64_t correct;                 /* items with full credit */
    char *tool;                      /* "recite X.Y.Z" */
};

void recite_score_free(struct recite_score *score);

/*
 * Builds the document for a stored session (0: the newest session) for the
 * student named student holding key. The first export of a session chooses
 * its attempt id and records it in the store, so a session exported twice
 * gives the same document; the attempt number counts this database's
 * sessions of the same kind and quiz definition up to this one.
 * RECITE_ENOTFOUND without such a session, RECITE_EUSAGE when it is still
 * open, has no bank, or the name is not one printable line of at most 128
 * bytes.
 */
int recite_score_from_session(struct recite_score **out, struct recite_store *st,
                              int64_t session_id, const char *student,
                              const struct recite_pubkey *key, struct recite_error *err);

/* The JSON text (2-space indent, final newline). Caller frees *out with free(). */
int recite_score_to_json(char **out, const struct recite_score *score, struct recite_error *err);

/*
 * Parses and validates a recite-score/2 or /1 document (types, required
 * fields, items consistent with their status, totals consistent with the
 * items). A /1 document is read as every item answered except those with an
 * empty answer (skipped), attempt number 0. RECITE_EDATA with the reason in
 * err.
 */
int recite_score_parse(struct recite_score **out, const char *text, size_t len,
                       struct recite_error *err);

/*
 * The trusted comment: "recite-score\tbank=ID@VERSION\tstudent=NAME\t
 * score=CREDIT/ITEMS\tanswered=ANSWERED\tfinished=TIME" (TAB separated,
 * control characters shown as '?'); a format 1 score has no answered field.
 * Returns the length, or a negative code when it does not fit.
 */
int recite_score_summary(char *buf, size_t size, const struct recite_score *score);

/* CREDIT/ITEMS as in the summary, e.g. "17.5/20". */
void recite_score_format_points(char *buf, size_t size, const struct recite_score *score);

/* A number as score files and gradebooks show it: at most two decimals, no trailing zeros. */
void recite_score_format_number(char *buf, size_t size, double value);

/*
 * The key of a score's quiz definition (bank hash, seed, count and tags, the
 * tags as a set): RECITE_SCORE_DEFINITION_LEN hex digits and a NUL into out.
 * Two attempts at the same quiz have the same key.
 */
void recite_score_definition(char out[RECITE_SCORE_DEFINITION_LEN + 1],
                             const struct recite_score *score);

/*
 * Writes path and path.minisig, both or neither: the document signed by key
 * (prehashed) with its summary as the trusted comment. The score's key_id
 * must be key's. Without replace, anything at either path (a file, a
 * symlink) makes it fail with RECITE_EEXISTS; with it, what is there is
 * replaced, a symlink itself and never its target (files.h).
 */
int recite_score_write_signed(const char *path, const struct recite_score *score,
                              const struct recite_seckey *key, bool replace,
                              struct recite_error *err);

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
    size_t roster_index;                  /* the key set entry that verified it */
    struct recite_score *score;           /* parsed body without items, or NULL; owned */
    uint8_t digest[16];                   /* names body and signer, once the signature held */
    uint8_t signer[32]; /* the public key that verified it: an attempt id is the signer's */
    bool counts; /* the attempt that counts for its student (recite_score_pick_attempts) */
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

/* Which of a student's attempts counts. */
enum recite_attempt_rule {
    RECITE_ATTEMPTS_NONE = 0, /* none picked */
    RECITE_ATTEMPTS_BEST,     /* the highest score in percent; the earliest among equals */
    RECITE_ATTEMPTS_LATEST,   /* the last started */
    RECITE_ATTEMPTS_FIRST,    /* the first started */
};

/* "best", "latest" or "first"; false for anything else. */
bool recite_attempt_rule_parse(enum recite_attempt_rule *out, const char *name);
/* "best", "latest", "first" or "" (none). Static storage. */
const char *recite_attempt_rule_name(enum recite_attempt_rule rule);

/*
 * Sets results[i].counts on the one attempt per student that counts under
 * rule (clearing it everywhere else). Only valid results take part, and
 * duplicates (RECITE_FAULT_DUPLICATE) whose copies are the same bytes: one
 * attempt handed in twice still counts once. Attempts are ordered by start
 * time, then attempt number, then file name (names[i] is results[i]'s file).
 */
void recite_score_pick_attempts(struct recite_score_result *results, const char *const *names,
                                size_t count, enum recite_attempt_rule rule);

/*
 * The results as a JSON array (one object per file: file, status, detail,
 * key_id, student, bank, version, score, credit, items, answered, finished,
 * attempt, attempt_number, counts; counts is null when rule is
 * RECITE_ATTEMPTS_NONE). Caller frees *out with free().
 */
int recite_score_results_json(char **out, const struct recite_score_result *results,
                              const char *const *names, size_t count, enum recite_attempt_rule rule,
                              struct recite_error *err);

#endif
