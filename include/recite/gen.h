/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fact extraction from documents (recite generate): acronym definitions,
 * dated events and membership lists, each cited back to the byte range of
 * the sentence it came from. Deterministic: the same bytes give the same
 * draft. Included through recite.h. Contract: docs in shared spec
 * generation.md.
 */
#ifndef RECITE_GEN_H
#define RECITE_GEN_H

#include <stdint.h>

#include "common.h"

struct recite_gen; /* opaque: the documents read so far and their facts */

enum recite_gen_kind {
    RECITE_GEN_ACRONYM,
    RECITE_GEN_EVENT,
    RECITE_GEN_SET,
};

/* One extracted fact. All strings are owned by the generator. */
struct recite_gen_fact {
    enum recite_gen_kind kind;
    char *short_form;     /* acronym: as written, e.g. "S&T" */
    char *long_form;      /* acronym: the expansion; alternatives joined by " | " */
    char *when;           /* event: YYYY, YYYY-MM, YYYY-MM-DD, YYYY/YYYY or YYYYs */
    char *what;           /* event: short description without the date */
    char *prompt;         /* set: what the members have in common */
    char **members;       /* set: member names */
    size_t member_count;  /* set: number of members */
    bool concept;         /* set: items are common nouns, not names */
    const char *rule;     /* how it was found: "sh", "multiplier", "synonym", ... */
    const char *low;      /* NULL when confident, else why not (static text) */
    size_t doc;           /* index of the document (source id) */
    uint32_t line;        /* 1-based line of the sentence start */
    uint32_t sentence;    /* 0-based index among non-duplicate sentences */
    uint64_t offset;      /* byte offset of the sentence in the original file */
    uint32_t length;      /* byte length of the sentence in the original file */
    char *quote;          /* the sentence, on one line */
    double confidence;    /* 0..1 from the evidence the rules saw; below 0.5 is marked low */
};

/* Progress callback: bytes of the current document read so far, and its size (0 if unknown). */
typedef void (*recite_gen_progress_fn)(void *ctx, uint64_t done, uint64_t total);

struct recite_gen_options {
    const char *bank_id;               /* `bank ID` of the draft; NULL: "draft" */
    const char *title;                 /* `title:` of the draft; NULL: first document's title */
    recite_gen_progress_fn progress;   /* NULL: no progress reports */
    void *progress_ctx;                /* passed to progress */
    double min_confidence;             /* facts below it are left out of the draft; 0: none */
    /*
     * Threads reading a document: 1 reads it in the caller's thread; 2 reads
     * its text in the caller's and finds dated events, lists and duplicates in
     * another (more is 2); 0 (the default) is 2 when two CPUs are online. The
     * draft is the same whatever the number.
     */
    unsigned threads;
};

#define RECITE_GEN_OPTIONS_INIT {NULL, NULL, NULL, NULL, 0.0, 0}

/* Creates an empty generator. opts may be NULL. Caller frees with recite_gen_free(). */
int recite_gen_new(struct recite_gen **out, const struct recite_gen_options *opts,
                   struct recite_error *err);
void recite_gen_free(struct recite_gen *gen);

/*
 * Reads the document at path (streamed: memory is bounded by the longest
 * paragraph, at most 1 MiB, not by the file) and extracts its facts. name is
 * the `source` title written to the draft (NULL: the file's base name).
 * Returns 0; RECITE_ENOTFOUND / RECITE_EIO when it cannot be read;
 * RECITE_EDATA when it is not UTF-8 text ("DOC: not UTF-8 text (byte N)"),
 * in which case none of its facts are kept.
 */
int recite_gen_add_file(struct recite_gen *gen, const char *path, const char *name,
                        struct recite_error *err);

/* The same for a document held in memory; name is required. */
int recite_gen_add_buffer(struct recite_gen *gen, const char *name, const char *data,
                          size_t len, struct recite_error *err);

/* The facts so far, in document then byte order. Borrowed; valid until the next add or free. */
const struct recite_gen_fact *recite_gen_facts(struct recite_gen *gen, size_t *count);

/*
 * Whether the draft offers f as a fact. A fact it cannot offer as written
 * (a list no noun phrase names, an event with no description) is written
 * commented out with the reason, for the instructor to rescue by hand.
 */
bool recite_gen_fact_kept(const struct recite_gen_fact *f);

/*
 * Writes the draft bank (header, then one block per fact, the least
 * confident first so a review from the top meets the likely errors first;
 * facts below opts.min_confidence left out) into a new buffer.
 * Caller frees *out with free(); *out_len excludes the final NUL.
 */
int recite_gen_draft(char **out, size_t *out_len, struct recite_gen *gen,
                     struct recite_error *err);

/*
 * The same draft, handed to put() a piece at a time in order, never joined
 * in one buffer (a large draft is written on two threads, in two halves):
 * for writing it to a file. Stops at the first put() below 0 and returns
 * that; RECITE_ENOMEM (with err) when memory runs out.
 */
int recite_gen_draft_each(struct recite_gen *gen,
                          int (*put)(void *ctx, const char *data, size_t len), void *ctx,
                          struct recite_error *err);

#endif
