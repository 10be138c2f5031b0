/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The database: banks, facts, cards, card state, reviews, sessions and
 * configuration in one SQLite file. Only src/core/store/ speaks SQL; every
 * other module uses these domain calls. Included through recite.h.
 */
#ifndef RECITE_STORE_H
#define RECITE_STORE_H

#include "common.h"

struct recite_store; /* opaque handle */

/* The schema version this build writes; older databases are migrated. */
#define RECITE_SCHEMA_VERSION 14

/*
 * Resolves the database path: explicit (if not NULL), else $RECITE_DB, else
 * $XDG_DATA_HOME/recite/recite.db, else $HOME/.local/share/recite/recite.db.
 * Caller frees *out with free().
 */
int recite_store_default_path(char **out, const char *explicit_path, struct recite_error *err);

/*
 * Opens (creating if needed) the database at path, or an in-memory one for
 * ":memory:". Missing parent directories are created with mode 0700. A file
 * that is not a SQLite database, or one written by a newer schema, is refused
 * (RECITE_EDATA / RECITE_EVERSION) and left untouched. Older schemas are
 * migrated in one transaction. Caller closes with recite_store_close().
 */
int recite_store_open(struct recite_store **out, const char *path, struct recite_error *err);

/* Closes the database; NULL does nothing. */
void recite_store_close(struct recite_store *st);

/* The schema version of the open database (PRAGMA user_version). */
int recite_store_schema_version(struct recite_store *st);

/* The path the store was opened with. Borrowed; valid until close. */
const char *recite_store_path(const struct recite_store *st);

/*
 * Transactions. begin takes the write lock at once (BEGIN IMMEDIATE) so a
 * second writer waits on the busy timeout rather than failing mid-way.
 * Nested calls are counted: only the outermost commit or rollback acts.
 */
int recite_store_begin(struct recite_store *st, struct recite_error *err);
int recite_store_commit(struct recite_store *st, struct recite_error *err);
void recite_store_rollback(struct recite_store *st);

/*
 * A read transaction around several reads (BEGIN DEFERRED): they see one
 * snapshot and take the database's read lock once instead of once each.
 * Nested calls are counted. Nothing may be written inside one except
 * through recite_store_begin(), which ends it first; so it is never held
 * while waiting for the student.
 */
int recite_store_read_begin(struct recite_store *st, struct recite_error *err);
void recite_store_read_end(struct recite_store *st);

/*
 * Configuration values (key -> text). get stores a malloc'd copy in *out, or
 * NULL when the key is unset; caller frees with free().
 */
int recite_store_config_get(struct recite_store *st, const char *key, char **out,
                            struct recite_error *err);
int recite_store_config_set(struct recite_store *st, const char *key, const char *value,
                            struct recite_error *err);

/*
 * Sessions: one row per review or quiz sitting, with the items a quiz asked
 * (reviews go to the review log instead). Strings are borrowed when passed
 * in; read back, they are owned by the array (see
 * recite_session_items_free()).
 */
/* What became of a question a quiz drew. */
enum recite_item_status {
    RECITE_ITEM_ANSWERED = 0, /* a reply was judged */
    RECITE_ITEM_SKIPPED,      /* the student passed on it (:skip) */
    RECITE_ITEM_UNANSWERED,   /* never answered: the quiz ended (:quit, time, end of input) */
};

struct recite_session_item {
    char *card_uid;      /* the card asked */
    char *prompt;        /* the question as shown */
    char *expected;      /* the canonical answer */
    char *given;         /* what the student answered ("" when skipped or unanswered) */
    double credit;       /* 0..1, partial credit allowed; 0 unless answered */
    int rating;          /* 1..4, or 0 when not rated */
    int64_t duration_ms; /* time to answer */
    enum recite_item_status status;
};

struct recite_session_info {
    int64_t id;        /* session id */
    char kind[8];      /* "review" or "quiz" */
    char *bank_slug;   /* NULL when the session spans every bank */
    int64_t started;   /* Unix ms */
    int64_t ended;     /* Unix ms, 0 while open */
    uint64_t seed;     /* the random seed the session used */
    char *params_json; /* quiz parameters as JSON text, or NULL */
    char *attempt;      /* the attempt id of its score files (32 hex digits), or NULL */
    char *bank_version; /* the bank's version when the session began, or NULL */
    char *bank_hash;    /* the bank's hex content hash when the session began, or NULL */
};

/* Starts a session; bank_slug may be NULL. *out_id receives its id. */
int recite_store_session_begin(struct recite_store *st, const char *kind, const char *bank_slug,
                               int64_t started_ms, uint64_t seed, const char *params_json,
                               int64_t *out_id, struct recite_error *err);
/* Records item number seq (0, 1, ...) of a session, replacing an earlier record of it. */
int recite_store_session_item_add(struct recite_store *st, int64_t session_id, int seq,
                                  const struct recite_session_item *item,
                                  struct recite_error *err);
/* Records the end of a session. */
int recite_store_session_end(struct recite_store *st, int64_t session_id, int64_t ended_ms,
                             struct recite_error *err);
/*
 * Reads session id, or the newest session of kind (NULL: any) when id is 0.
 * RECITE_ENOTFOUND when there is none. Release with recite_session_info_release().
 */
int recite_store_session_get(struct recite_store *st, int64_t id, const char *kind,
                             struct recite_session_info *out, struct recite_error *err);
void recite_session_info_release(struct recite_session_info *info);
/*
 * The sessions of kind with ids up to up_to_id, oldest first (to number the
 * attempts at one quiz). Caller frees with recite_session_infos_free().
 */
int recite_store_session_list(struct recite_store *st, const char *kind, int64_t up_to_id,
                              struct recite_session_info **out, size_t *count,
                              struct recite_error *err);
void recite_session_infos_free(struct recite_session_info *infos, size_t count);
/* Sets a session's attempt id unless it has one (the first export chooses it). */
int recite_store_session_set_attempt(struct recite_store *st, int64_t session_id,
                                     const char *attempt, struct recite_error *err);
/* Reads a session's items in order. Caller frees with recite_session_items_free(). */
int recite_store_session_items(struct recite_store *st, int64_t session_id,
                               struct recite_session_item **out, size_t *count,
                               struct recite_error *err);
void recite_session_items_free(struct recite_session_item *items, size_t count);

/* Runs PRAGMA integrity_check; 0 when it reports "ok", RECITE_EDATA otherwise. */
int recite_store_check(struct recite_store *st, struct recite_error *err);

/* ---- reviews and the queue ---- */

struct recite_sched_card;

/* Why a card is not shown (card.suspended). */
enum recite_suspension {
    RECITE_ACTIVE = 0,
    RECITE_SUSPENDED_BY_STUDENT = 1,
    RECITE_SUSPENDED_RETIRED = 2, /* its fact left the bank */
    RECITE_SUSPENDED_LEECH = 3,   /* lapsed too often */
};

/* A card as the queue and the session see it. */
struct recite_card_row {
    int64_t id;                /* card.id */
    char uid[48];              /* stable id from (bank, fact key, template) */
    int64_t fact_id;           /* its fact */
    char fact_key[RECITE_BANK_MAX_KEY + 1];  /* its fact's key */
    char bank_slug[RECITE_BANK_MAX_KEY + 1]; /* its bank's id */
    char template_name[32];    /* which way of asking */
    int64_t due;               /* Unix ms */
    double stability;          /* FSRS state, see struct recite_sched_card */
    double difficulty;
    int elapsed_days, scheduled_days, reps, lapses, step, state;
    int64_t last_review;       /* 0: never */
    int suspended;             /* enum recite_suspension */
    int64_t buried_until;      /* a sibling was answered: hidden until then */
};

enum recite_due_kind {
    RECITE_DUE_LEARNING, /* learning and relearning steps due by `until` */
    RECITE_DUE_REVIEW,   /* review cards due by `until`, lowest retrievability first */
    RECITE_DUE_NEW,      /* new cards, one a fact first, kinds and ways of asking mixed */
};

struct recite_due_query {
    enum recite_due_kind kind;
    const char *bank_slug; /* NULL: every bank */
    int64_t now;           /* buried cards (buried_until > now) are left out */
    int64_t until;         /* due at or before this instant (not for NEW) */
    size_t limit;          /* at most this many rows */
};

/* Reads the cards a query selects. Caller frees *out with free(). */
int recite_store_cards_due(struct recite_store *st, const struct recite_due_query *query,
                           struct recite_card_row **out, size_t *count, struct recite_error *err);
/*
 * The same cards in the same order, ids only: what a queue keeps, at 8
 * bytes a card rather than a whole row. Free *out with free().
 */
int recite_store_card_ids_due(struct recite_store *st, const struct recite_due_query *query,
                              int64_t **out, size_t *count, struct recite_error *err);

/* Reads one card by id; RECITE_ENOTFOUND when there is none. */
int recite_store_card_get(struct recite_store *st, int64_t card_id, struct recite_card_row *out,
                          struct recite_error *err);

/* Copies between the row and the scheduler's view of a card. */
void recite_card_row_to_sched(const struct recite_card_row *row, struct recite_sched_card *out);
void recite_card_row_from_sched(struct recite_card_row *row, const struct recite_sched_card *card);

/* One answer, as recite_store_review_commit() records it. */
struct recite_review_record {
    int64_t card_id;
    int64_t session_id;    /* 0: none */
    int64_t at;            /* Unix ms */
    int rating;            /* 1..4 */
    const char *answer;    /* what was typed (borrowed) */
    double credit;         /* 0..1 */
    int64_t duration_ms;
    const struct recite_card_row *before; /* the card as shown; NULL: not known */
    const struct recite_card_row *after; /* the card's new state */
    int64_t bury_until;    /* siblings hidden until then; 0: no burying */
    bool suspend_leech;    /* suspend the card as a leech (the caller's decision) */
};

/*
 * Appends the review and writes the card's new state, buries its siblings and suspends a leech when asked, all in one
 * transaction: when it returns 0 the answer is durable. Only siblings that
 * could be shown before bury_until (new, or due before it) and are not
 * buried that long already are written. With before, a card whose lapses
 * did not change keeps its lapse index entry untouched. *out_review_id
 * receives the review's id; *out_leech is set when the card was just
 * suspended as a leech (either may be NULL).
 */
int recite_store_review_commit(struct recite_store *st, const struct recite_review_record *rec,
                               int64_t *out_review_id, bool *out_leech, struct recite_error *err);

/* One answer of a history replayed from elsewhere (an Anki package's review log). */
struct recite_replayed_answer {
    int64_t card_id;
    int64_t at;        /* Unix ms */
    int rating;        /* 1..4 */
    double credit;     /* 0..1 */
    int64_t duration_ms;
    int suspended; /* the card's suspension, as the states record it */
    const struct recite_sched_card *before, *after; /* the card's state around it (borrowed) */
};

/*
 * Appends count answers to the review log in the order given (time order
 * keeps the log's indexes appending), each with the states around it; the
 * cards themselves are left alone (see recite_store_card_state_set()). No
 * burying, no leech. One transaction (nested in the caller's, if any).
 */
int recite_store_reviews_replay(struct recite_store *st,
                                const struct recite_replayed_answer *answers, size_t count,
                                struct recite_error *err);
/*
 * Around many recite_store_reviews_replay() calls in one open transaction:
 * when count answers are more than the log holds, bulk_begin drops the
 * log's secondary indexes and sets *out; bulk_end with build builds them
 * again from their own SQL in one pass, and frees *out either way (call it
 * without build after a failure: the rollback restores them). *out stays
 * NULL, and bulk_end does nothing, when nothing was dropped.
 */
struct recite_review_bulk;
int recite_store_reviews_bulk_begin(struct recite_store *st, size_t count,
                                    struct recite_review_bulk **out, struct recite_error *err);
int recite_store_reviews_bulk_end(struct recite_store *st, struct recite_review_bulk *bulk,
                                  bool build, struct recite_error *err);
/* Writes the scheduling state of card row->id (due, memory, counters, last review). */
int recite_store_card_state_set(struct recite_store *st, const struct recite_card_row *row,
                                struct recite_error *err);

/*
 * Takes back review review_id: the card returns to the state recorded before
 * it, the review row is deleted, and siblings buried by it are shown again
 * unless another answer since day_start buries them. One transaction.
 */
int recite_store_review_undo(struct recite_store *st, int64_t review_id, int64_t day_start,
                             struct recite_error *err);

/* Suspends (or, with suspension 0, restores) one card. */
int recite_store_card_suspend(struct recite_store *st, int64_t card_id, int suspension,
                              struct recite_error *err);

/*
 * The cards of bank_slug's live facts suspended by the student or as
 * leeches (not those of retired facts), in bank order. Free *out with free().
 */
int recite_store_cards_suspended(struct recite_store *st, const char *bank_slug,
                                 struct recite_card_row **out, size_t *count,
                                 struct recite_error *err);

/* Some cards of a bank: all of them, those of one fact, or one card. */
struct recite_card_selection {
    const char *bank_slug;     /* the bank's id */
    const char *fact_key;      /* NULL: every fact */
    const char *template_name; /* NULL: every card of the fact */
};

/*
 * Lifts the suspensions by the student and as a leech (never a retirement)
 * of the selected cards; *out_count receives how many. RECITE_ENOTFOUND
 * when a fact (or its template) is named that the bank has no live card of.
 */
int recite_store_cards_unsuspend(struct recite_store *st, const struct recite_card_selection *sel,
                                 size_t *out_count, struct recite_error *err);

/* Answers given since `since`, and how many of them introduced a new card. */
int recite_store_review_counts(struct recite_store *st, const char *bank_slug, int64_t since,
                               size_t *out_reviews, size_t *out_new, struct recite_error *err);

/* Cards in (re)learning due by `until` (uses the due index: cheap per card). */
int recite_store_learning_count(struct recite_store *st, const char *bank_slug, int64_t until,
                                size_t *out, struct recite_error *err);

/*
 * Cards in learning, review or relearning due by until (of bank_slug, or of
 * every bank when NULL), buried or not: what is due by then.
 */
int recite_store_due_by(struct recite_store *st, const char *bank_slug, int64_t until,
                        size_t *out, struct recite_error *err);

/* ---- banks, facts and cards (bank import, export, list) ---- */

struct recite_bank;

/* A stored bank, as `bank list` and `bank show` print it. */
struct recite_bank_info {
    char *slug;          /* the bank id */
    char *title;
    char *version;
    char *language;
    char *hash;          /* hex BLAKE2b-256 of the canonical text */
    int64_t imported_at; /* Unix ms of the last import that changed it */
    size_t fact_count;   /* live facts (retired ones not counted) */
    size_t retired_count;
    size_t card_count;   /* cards of live facts */
    size_t suspended_count; /* cards suspended for any reason */
};
void recite_bank_info_release(struct recite_bank_info *info);

/*
 * JSON for `bank list --json` (an array of banks) and `bank show --json` (one
 * bank with its sources and its facts counted by kind and by tag). Caller
 * frees *out with free().
 */
int recite_bank_list_json(char **out, const struct recite_bank_info *infos, size_t count,
                          struct recite_error *err);
int recite_bank_show_json(char **out, const struct recite_bank_info *info,
                          const struct recite_bank *bank, struct recite_error *err);

/* Every stored bank, by slug. Caller frees with recite_bank_infos_free(). */
int recite_store_bank_list(struct recite_store *st, struct recite_bank_info **out,
                           size_t *out_count, struct recite_error *err);
void recite_bank_infos_free(struct recite_bank_info *infos, size_t count);
/* One bank; RECITE_ENOTFOUND when slug is not stored. Release the info. */
int recite_store_bank_get(struct recite_store *st, const char *slug,
                          struct recite_bank_info *out, struct recite_error *err);
/* How many banks are stored. */
int recite_store_bank_count(struct recite_store *st, size_t *out, struct recite_error *err);
/*
 * The stored canonical text of slug (what `bank export` prints). Caller
 * frees *out with free(). RECITE_ENOTFOUND when slug is not stored.
 */
int recite_store_bank_canonical(struct recite_store *st, const char *slug, char **out,
                                struct recite_error *err);
/* Deletes a bank with its facts, cards and reviews. RECITE_ENOTFOUND if absent. */
int recite_store_bank_remove(struct recite_store *st, const char *slug, struct recite_error *err);

/* A stored card's identity, for looking cards up by uid. */
struct recite_card_ref {
    int64_t card_id;     /* card.id */
    int64_t fact_id;     /* fact.id */
    char *bank_slug;
    char *fact_key;
    char *template_name;
    int suspended;       /* 0 no, 1 student, 2 fact retired, 3 leech */
};
void recite_card_ref_release(struct recite_card_ref *ref);
/* Finds the card with uid; RECITE_ENOTFOUND when absent. Release the ref. */
int recite_store_card_find(struct recite_store *st, const char *uid, struct recite_card_ref *out,
                           struct recite_error *err);

/* The row id and content hash of bank slug; RECITE_ENOTFOUND when absent. */
int recite_store_bank_lookup(struct recite_store *st, const char *slug, int64_t *out_id,
                             char out_hash[65], struct recite_error *err);

/* Zero bytes after the len bytes a kept reader gives: a parser may read a few bytes past. */
#define RECITE_STORE_KEPT_PAD 32

/*
 * What is kept with a bank and built from it: the judge's lexicon, the card
 * notes (what choice cards look up across the bank), the fact references
 * (recite_store_fact_refs() of every kind, at once).
 */
enum recite_kept {
    RECITE_KEPT_LEXICON,
    RECITE_KEPT_CARD_NOTES,
    RECITE_KEPT_FACT_REFS,
};

/*
 * What of kind is kept for bank bank_id under format, when it was built from
 * the bank as it now stands; RECITE_ENOTFOUND when there is none (or only an
 * outdated one). (*out)[len] to (*out)[len + RECITE_STORE_KEPT_PAD - 1] are
 * zero. Caller frees *out.
 */
int recite_store_kept_get(struct recite_store *st, enum recite_kept kind, int64_t bank_id,
                          const char *format, unsigned char **out, size_t *len,
                          struct recite_error *err);
/*
 * Keeps data as what of kind bank bank_id has, built from the bank whose hash
 * was hash: nothing is kept when the bank has changed since.
 */
int recite_store_kept_put(struct recite_store *st, enum recite_kept kind, int64_t bank_id,
                          const char *hash, const char *format, const unsigned char *data,
                          size_t len, struct recite_error *err);

/*
 * Low-level import steps used by recite_bank_import() (which wraps them in
 * one transaction). upsert_bank gives the bank row id in *out_id.
 */
struct recite_bank_row {
    const char *slug, *title, *version, *language, *hash, *canonical;
    int64_t imported_at;
};
int recite_store_bank_upsert(struct recite_store *st, const struct recite_bank_row *row,
                             int64_t *out_id, bool *out_created, struct recite_error *err);

/* Where a stored bank came from (see include/recite/import.h). */
struct recite_bank_origin {
    char format[16]; /* the last file's format ("bank", "gift", ...); "" some interchange one */
    char signer[17]; /* key id (16 hex digits) of the trusted key that signed it; "" unsigned */
};
/* Reads a bank's origin; RECITE_ENOTFOUND when no bank has that slug. */
int recite_store_bank_origin(struct recite_store *st, const char *slug,
                             struct recite_bank_origin *out, struct recite_error *err);
int recite_store_bank_origin_set(struct recite_store *st, const char *slug,
                                 const struct recite_bank_origin *origin, struct recite_error *err);
/* Replaces the bank's sources with the given ones. */
int recite_store_bank_sources_clear(struct recite_store *st, int64_t bank_id,
                                    struct recite_error *err);
int recite_store_source_add(struct recite_store *st, int64_t bank_id, const char *sid,
                            const char *title, struct recite_error *err);

/* A fact row as stored: body is the kind's fields as JSON. */
struct recite_fact_row {
    int64_t id;
    char *key;
    char *kind;
    char *body;
    char *tags;
    char *cite;
    int64_t position;
    bool retired;
    int year;           /* an event's first year (0 for other kinds) */
    int64_t span_first; /* the days an event's date covers, since 1970-01-01 */
    int64_t span_last;
};
/* The stored facts of a bank (retired too), by key. Free with recite_fact_rows_free(). */
int recite_store_fact_rows(struct recite_store *st, int64_t bank_id, struct recite_fact_row **out,
                           size_t *out_count, struct recite_error *err);
void recite_fact_rows_free(struct recite_fact_row *rows, size_t count);
void recite_fact_row_release(struct recite_fact_row *row);
/* Inserts a fact (row->id ignored); its id goes to *out_id. */
int recite_store_fact_insert(struct recite_store *st, int64_t bank_id,
                             const struct recite_fact_row *row, int64_t *out_id,
                             struct recite_error *err);
/* Updates fact row->id's kind, body, tags, cite, position, date and clears retired. */
int recite_store_fact_update(struct recite_store *st, const struct recite_fact_row *row,
                             struct recite_error *err);
/* Marks fact_id retired and suspends its cards (suspended = 2). */
int recite_store_fact_retire(struct recite_store *st, int64_t fact_id, struct recite_error *err);

/*
 * Ranks the live facts of bank_id among those of their kind, in bank order
 * (what dealing new cards reads); call after a bank's facts change.
 */
int recite_store_fact_ranks(struct recite_store *st, int64_t bank_id, struct recite_error *err);
/* Inserts the card (uid, template) of fact_id unless uid exists; *out_added says which. */
int recite_store_card_ensure(struct recite_store *st, int64_t fact_id, const char *uid,
                             const char *template_name, int64_t now_ms, bool *out_added,
                             struct recite_error *err);
/*
 * Lifts the retirement suspension (2) of fact_id's cards whose template is
 * still produced; suspends (2) the others (templates the edited fact lost).
 */
int recite_store_fact_cards_sync(struct recite_store *st, int64_t fact_id,
                                 const char *const *templates, size_t template_count,
                                 struct recite_error *err);

/*
 * Reading a stored bank a fact at a time (bank views, bank_view.c): a live
 * fact is one not retired; bank order is fact.position.
 */

/* The header of a stored bank as stored: NULL for a column that holds none. */
struct recite_bank_head {
    int64_t id; /* bank row id */
    char *title, *version, *language;
};
/*
 * The header of stored bank slug into *out (release with
 * recite_bank_head_release()). RECITE_ENOTFOUND when absent.
 */
int recite_store_bank_header(struct recite_store *st, const char *slug,
                             struct recite_bank_head *out, struct recite_error *err);
void recite_bank_head_release(struct recite_bank_head *head);
/*
 * Calls each(ctx, id, title) for every source of the bank with row id
 * bank_id, by id; a negative return from each stops and is returned.
 */
int recite_store_bank_sources(struct recite_store *st, int64_t bank_id,
                              int (*each)(void *ctx, const char *id, const char *title),
                              void *ctx, struct recite_error *err);

/* Where a live fact is: its row id and, for an event, its date as numbers. */
struct recite_fact_ref {
    int64_t id;
    int year;           /* an event's first year (0 for other kinds) */
    int64_t span_first; /* the days an event's date covers, since 1970-01-01 */
    int64_t span_last;
};
/* The live facts of kind (a kind name) of bank_id, in bank order. Caller frees *out with free(). */
int recite_store_fact_refs(struct recite_store *st, int64_t bank_id, const char *kind,
                           struct recite_fact_ref **out, size_t *out_count,
                           struct recite_error *err);
/* The fact with row id fact_id; RECITE_ENOTFOUND when absent. Release the row. */
int recite_store_fact_get(struct recite_store *st, int64_t fact_id, struct recite_fact_row *out,
                          struct recite_error *err);
/* The live fact with key in bank_id. RECITE_ENOTFOUND when none. Release as above. */
int recite_store_fact_find(struct recite_store *st, int64_t bank_id, const char *key,
                           struct recite_fact_row *out, struct recite_error *err);
/*
 * Calls fn with each live fact of kind (a kind name) of bank_id, in bank
 * order; the row is borrowed for the call, and fn must not use the store.
 * Stops at the first non-zero return of fn and returns it.
 */
int recite_store_fact_each(struct recite_store *st, int64_t bank_id, const char *kind,
                           int (*fn)(void *ctx, const struct recite_fact_row *row), void *ctx,
                           struct recite_error *err);

/* One answer in the review log (append-only). Strings borrowed. */
struct recite_review_row {
    const char *card_uid;     /* the card answered */
    int64_t session_id;       /* 0 when outside a session */
    int64_t at_ms;            /* when, Unix ms */
    int rating;               /* 1..4 */
    const char *answer;       /* what was typed, NULL for "" */
    double credit;            /* 0..1 */
    int64_t duration_ms;
    const char *state_before; /* card state as JSON, NULL for "{}" */
    const char *state_after;
};
/* Appends a review of row->card_uid; RECITE_ENOTFOUND when no such card. */
int recite_store_review_append(struct recite_store *st, const struct recite_review_row *row,
                               int64_t *out_id, struct recite_error *err);
/* How many reviews card uid has. */
int recite_store_card_review_count(struct recite_store *st, const char *uid, size_t *out,
                                   struct recite_error *err);
/* ---- score files and trusted keys ---- */

/*
 * The identity of an imported bank for a score file: its version and
 * content hash (hex BLAKE2b-256 of the canonical text). Caller frees both
 * with free(). RECITE_ENOTFOUND when no bank has that slug.
 */
int recite_store_bank_ident(struct recite_store *st, const char *slug, char **out_version,
                            char **out_hash, struct recite_error *err);

/*
 * Trusted instructor keys (signed banks). add records the key with that key
 * id (16 uppercase hex digits), or renames it when it is there already;
 * RECITE_EEXISTS, changing nothing, when another key has that id. list calls
 * fn for each, in key id order, stopping early when fn returns non-zero
 * (that value is returned).
 */
int recite_store_trusted_key_add(struct recite_store *st, const char *keyid_hex,
                                 const char *pubkey, const char *comment, int64_t added_ms,
                                 struct recite_error *err);
int recite_store_trusted_keys(struct recite_store *st,
                              int (*fn)(void *ctx, const char *keyid_hex, const char *pubkey,
                                        const char *comment),
                              void *ctx, struct recite_error *err);

#endif
