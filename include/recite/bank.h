/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Question banks: the native .bank text format (parse, lint, canonical
 * writer, content hash), the in-memory model every other module builds on,
 * and import into / export from the store. The canonical text is the bank's
 * identity: writing a parsed canonical text gives back the same bytes.
 * Included through recite.h. The format is specified in docs/bank-format.md.
 */
#ifndef RECITE_BANK_H
#define RECITE_BANK_H

#include "common.h"

struct recite_store;

/* The five kinds of fact. */
enum recite_fact_kind {
    RECITE_FACT_ACRONYM = 0, /* short, long */
    RECITE_FACT_EVENT,       /* when, what */
    RECITE_FACT_SET,         /* prompt, member..., ordered, nonmember... */
    RECITE_FACT_QUESTION,    /* ask, answer, wrong..., explain */
    RECITE_FACT_CLOZE,       /* text with {{...}} deletions */
    RECITE_FACT_KIND_COUNT
};

/* "acronym", "event", ... Static storage; NULL when out of range. */
const char *recite_fact_kind_name(enum recite_fact_kind kind);
/* The kind named name; -1 when name is not a kind. */
int recite_fact_kind_from_name(const char *name);

/*
 * One field line of a fact: `name: spelling | spelling | ...`. A repeated
 * field (member:, wrong:, nonmember:) is several recite_field entries with
 * the same name, in file order.
 */
struct recite_field {
    char *name;      /* "long", "member", ... (common fields live in the fact) */
    char **alts;     /* accepted spellings, unescaped; alts[0] is canonical */
    size_t alt_count; /* >= 1 */
    unsigned line;   /* 1-based line in the source text, 0 when built in memory */
    unsigned col;    /* 1-based column where the value starts, 0 when built in memory */
};

struct recite_fact {
    enum recite_fact_kind kind;
    char *key;                   /* unique in the bank: [A-Za-z0-9][A-Za-z0-9._-]* */
    struct recite_field *fields; /* kind-specific fields, canonical order after parse */
    size_t field_count;
    char **tags;                 /* tags: words, in file order */
    size_t tag_count;
    char *cite_source;           /* a declared source id, NULL when uncited */
    char *cite_place;            /* "¶4", "L45", ... NULL when none given */
    char *quote;                 /* the sentence the fact comes from, or NULL */
    char *note;                  /* free note for authors, or NULL */
    unsigned line;               /* line of the `KIND KEY` opener (0: built in memory) */
};

struct recite_source {
    char *id;      /* "000": [A-Za-z0-9][A-Za-z0-9._-]* */
    char *title;   /* the document's title */
    unsigned line; /* 0 when built in memory */
};

struct recite_bank {
    char *id;       /* the bank id (slug): a key-shaped word, e.g. "nato" */
    char *title;    /* "" when absent */
    char *version;  /* "" when absent */
    char *language; /* BCP 47 tag; "en" when absent */
    struct recite_source *sources;
    size_t source_count;
    struct recite_fact *facts; /* in file order */
    size_t fact_count;
    /* Private: where card building finds distractors, allocated with the bank,
     * filled on first use (again if facts or fact_count change). Owned. */
    struct recite_bank_index *index;
};

/*
 * One problem found while parsing: FILE:LINE:COL: message. line and col are
 * 1-based; col counts bytes (invalid UTF-8 cannot be counted otherwise).
 */
struct recite_diag {
    unsigned line;
    unsigned col;
    char *message; /* lowercase, no final period */
};

/* Every problem of one parse, in line order. Release with recite_diags_release(). */
struct recite_diags {
    struct recite_diag *items;
    size_t count;
};

void recite_diags_release(struct recite_diags *diags);

/*
 * Advice on a valid bank that will still not read well to a student: a
 * set's prompt written with an article or the member count, as a question
 * or a sentence. Appends to *out (line and column of the field; messages
 * without "warning:"). Nothing here stops an import. Returns 0 or
 * RECITE_ENOMEM.
 */
int recite_bank_advise(const struct recite_bank *bank, struct recite_diags *out,
                       struct recite_error *err);

/* Longest accepted line, in bytes, not counting the newline. */
#define RECITE_BANK_MAX_LINE 4096

/*
 * Parses bank text (len bytes, need not be NUL-terminated). Every problem is
 * appended to diags (which may be NULL) and parsing goes on, so one call
 * reports them all. Returns 0 and a bank in *out when the text is clean;
 * RECITE_EDATA (and *out NULL) when any problem was found, with err naming
 * the first; RECITE_ENOMEM. Caller frees *out with recite_bank_free().
 */
int recite_bank_parse(struct recite_bank **out, const char *text, size_t len,
                      struct recite_diags *diags, struct recite_error *err);

/*
 * Reads and parses the file at path, as recite_bank_parse(). RECITE_ENOTFOUND
 * when it does not exist, RECITE_EIO when it cannot be read.
 */
int recite_bank_load(struct recite_bank **out, const char *path, struct recite_diags *diags,
                     struct recite_error *err);

/*
 * Checks a bank built in memory (by an importer or the generator) against
 * every rule the parser enforces (required fields, key syntax, duplicate
 * keys, declared sources, dates, deletions). Problems go to diags with line
 * and col 0 when the bank has no line numbers. Returns 0 or RECITE_EDATA.
 */
int recite_bank_validate(const struct recite_bank *bank, struct recite_diags *diags,
                         struct recite_error *err);

/*
 * The canonical text of bank: header fields in fixed order, one blank line
 * between blocks, fields in the kind's fixed order, spellings joined by
 * " | ", escapes where needed, no comments, a final newline. Parsing the
 * result and writing it again gives the same bytes. Caller frees *out with
 * free(); *out_len (may be NULL) receives its length.
 */
int recite_bank_write(char **out, size_t *out_len, const struct recite_bank *bank,
                      struct recite_error *err);

/* Hex BLAKE2b-256 of text: 64 hex digits and a NUL in out. */
#define RECITE_BANK_HASH_HEX 65
void recite_bank_hash(char out[RECITE_BANK_HASH_HEX], const char *text, size_t len);

/* Frees a bank and everything it owns; NULL does nothing. */
void recite_bank_free(struct recite_bank *bank);

/* Building banks in memory (importers, the generator). */

/* A new empty bank with id (copied). Caller frees with recite_bank_free(). */
int recite_bank_new(struct recite_bank **out, const char *id, struct recite_error *err);
/* Appends a source (strings copied). */
int recite_bank_add_source(struct recite_bank *bank, const char *id, const char *title,
                           struct recite_error *err);
/*
 * Appends an empty fact of kind with key (copied); *out (may be NULL)
 * borrows it until the next recite_bank_add_fact() on this bank.
 */
int recite_bank_add_fact(struct recite_bank *bank, enum recite_fact_kind kind, const char *key,
                         struct recite_fact **out, struct recite_error *err);
/* Appends field name with alt_count spellings (all copied). */
int recite_fact_add_field(struct recite_fact *fact, const char *name, const char *const *alts,
                          size_t alt_count, struct recite_error *err);
/* Sets a common field (tags as one space-separated string, cite as "SRC PLACE"). */
int recite_fact_set_common(struct recite_fact *fact, const char *name, const char *value,
                           struct recite_error *err);

/* Reading facts. */

/* The first field called name, or NULL. Borrowed from fact. */
const struct recite_field *recite_fact_field(const struct recite_fact *fact, const char *name);
/* Canonical spelling of the first field called name, or NULL. Borrowed. */
const char *recite_fact_get(const struct recite_fact *fact, const char *name);
/* How many fields are called name. */
size_t recite_fact_count(const struct recite_fact *fact, const char *name);
/* The fact with key, or NULL. Borrowed from bank. */
const struct recite_fact *recite_bank_find_fact(const struct recite_bank *bank, const char *key);
/* The source with id, or NULL. Borrowed from bank. */
const struct recite_source *recite_bank_find_source(const struct recite_bank *bank,
                                                    const char *id);
/* Whether fact carries tag. */
bool recite_fact_has_tag(const struct recite_fact *fact, const char *tag);

/* Event dates (struct recite_date, recite_date_parse()) are in common.h. */

/* Import into the store. */

/* What an import changed, per bank. */
struct recite_import_stats {
    size_t added;     /* facts new to the store */
    size_t changed;   /* facts whose content differs from the stored one */
    size_t retired;   /* stored facts no longer in the bank: cards suspended */
    size_t unchanged; /* facts identical to the stored ones */
    size_t cards_added; /* card rows created */
    size_t reviews_added; /* answers replayed from an Anki package's review log */
    size_t media_saved;   /* media files of an Anki package written */
    bool bank_added;  /* the bank id was new */
    char signer_before[17]; /* key id that had signed the stored bank, "" (see import.h) */
};

/*
 * Stores bank (validated by the caller): its canonical text and hash, its
 * sources, facts and cards. Cards keep their id and history when their fact
 * key and template survive; facts missing from bank are retired and their
 * cards suspended (card.suspended = 2), never deleted; a fact that comes back
 * is un-retired and its cards un-suspended. Runs in one transaction (nested
 * in the caller's, if any). now_ms stamps new rows. A bank that was imported
 * signed is refused (RECITE_EVERIFY): only recite_import_files() (import.h),
 * which checks signatures, replaces it.
 */
int recite_bank_import(struct recite_store *st, const struct recite_bank *bank, int64_t now_ms,
                       struct recite_import_stats *out, struct recite_error *err);

/*
 * Loads, validates and imports the files at paths, all or nothing in one
 * transaction. Parse problems of every file go to diags_per_file (an array
 * of count entries, may be NULL); the index of the first file that does not
 * parse goes to *out_failed (may be NULL; -1 when every file parsed). stats (count entries, may be
 * NULL) receives each file's changes.
 */
int recite_bank_import_files(struct recite_store *st, const char *const *paths, size_t count,
                             int64_t now_ms, struct recite_import_stats *stats,
                             struct recite_diags *diags_per_file, long *out_failed,
                             struct recite_error *err);

/*
 * The two halves of recite_bank_import_files(), for callers that want to
 * parse before they open the database (so a bad file never creates or
 * touches it). load_files parses every file (diagnostics as above) and
 * fails unless all are clean with distinct bank ids; *out has count banks,
 * freed with recite_banks_free(). import_all imports them in one
 * transaction.
 */
int recite_bank_load_files(struct recite_bank ***out, const char *const *paths, size_t count,
                           struct recite_diags *diags_per_file, long *out_failed,
                           struct recite_error *err);
int recite_bank_import_all(struct recite_store *st, struct recite_bank *const *banks, size_t count,
                           int64_t now_ms, struct recite_import_stats *stats,
                           struct recite_error *err);
void recite_banks_free(struct recite_bank **banks, size_t count);

/*
 * Parses the stored canonical text of slug into a bank (a quiz draws from
 * the whole bank; a review session reads it through a recite_bank_view
 * instead; study/bank_view.c). Caller frees *out with recite_bank_free().
 */
int recite_store_bank_load(struct recite_store *st, const char *slug, struct recite_bank **out,
                           struct recite_error *err);

/*
 * First run: when the store holds no bank, imports every *.bank file of the
 * bundled directory: $RECITE_BANKS_DIR if set, else the installed data
 * directory, else banks/ of the source tree (the first that exists).
 * *out_imported (may be NULL) receives how many banks were imported. Does
 * nothing when a bank is already stored.
 */
int recite_bank_first_run(struct recite_store *st, int64_t now_ms, size_t *out_imported,
                          struct recite_error *err);

/* Most deletions one cloze text may have (the bank rules check it; each is a card). */
#define RECITE_CLOZE_MAX 32

/* How many "{{...}}" deletions a cloze text has. */
size_t recite_cloze_count(const char *text);

#endif
