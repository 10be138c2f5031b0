/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The storage module: the only file that speaks SQL. The schema is an ordered
 * list of migrations; PRAGMA user_version counts how many were applied. Every
 * value is bound as a parameter, never printed into SQL text.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <utf8proc.h>

#include <sqlite3.h>

#include "recite/buf.h"
#include "recite/common.h"
#include "recite/fit.h"
#include "recite/sched.h"
#include "recite/store.h"
#include "recite/store_stats.h"
#include "store_anki.h"
#include "store_internal.h"

#define STMT_CACHE_SIZE 256

struct recite_store {
    sqlite3 *db;        /* the connection */
    char *path;         /* as given to open */
    int tx_depth;       /* nesting of recite_store_begin() */
    int read_depth;     /* nesting of recite_store_read_begin() */
    bool read_open;     /* a read transaction of read_begin is open */
    struct {
        const char *sql;     /* static SQL text; its address is the key */
        sqlite3_stmt *stmt;  /* prepared once, reset after each use */
    } cache[STMT_CACHE_SIZE];
};

/* The joins from a card to its fact and bank (aliases c, f, b). */
#define CARD_JOINS "FROM card c JOIN fact f ON f.id = c.fact_id JOIN bank b ON b.id = f.bank_id "

/* Statement helpers, defined below. */
int db_error(struct recite_store *st, struct recite_error *err, const char *what);
int stmt_get(struct recite_store *st, const char *sql, sqlite3_stmt **out,
             struct recite_error *err);
void stmt_done(sqlite3_stmt *stmt);
int collect_rows(struct recite_store *st, sqlite3_stmt *stmt,
                 void (*take)(sqlite3_stmt *stmt, void *into, bool *oom), size_t elem_size,
                 void **out, size_t *count, const char *what, struct recite_error *err);
char *column_strdup(sqlite3_stmt *stmt, int col, bool *oom);
/*
 * Binds a card's schedule as the card UPDATEs number it: ?1 id, ?2 due,
 * ?3 stability, ?4 difficulty, ?5 elapsed_days, ?6 scheduled_days, ?7 reps,
 * ?8 lapses, ?9 step, ?10 state, ?11 last_review (NULL when 0).
 */
void store_bind_schedule(sqlite3_stmt *stmt, int64_t card_id, const struct recite_card_row *c);

int step_done(struct recite_store *st, sqlite3_stmt *stmt, struct recite_error *err,
              const char *what);

/*
 * Migration i takes a database from user_version i to i + 1. Append, never
 * edit: a database in the field was built by the old text.
 */
/* The statistics kind of an answer from the card state JSON before it. */
#define REVIEW_KIND(json)                                                                          \
    "CASE json_extract(" json ", '$.state') WHEN 0 THEN 0 WHEN 2 THEN "                             \
    "CASE WHEN json_extract(" json ", '$.scheduled_days') >= 21 THEN 3 ELSE 2 END ELSE 1 END"

/*
 * The stability band of a review card: its stability times 10,000 as an
 * integer (at least 1), named by its number of digits d and its first two
 * digits f (one when d = 1): band 100 * d + f. From a stability of 0.001 up
 * that is 90 bands a decade, each at most 10 % wide. No math function: an
 * SQLite built without them could not write a card of a database indexed
 * with log2(), and a libm that rounds a logarithm differently would find
 * another band for the same row than the one in the index (to SQLite, a
 * corrupt index). A correctly rounded product, integer truncation and the
 * digits of an integer give the same band on every machine. Cards whose
 * band would not bound their lateness (a stability that is not a number, a
 * last review neither NULL nor a whole number of ms since 1970) share band
 * 0, which is read whole. In any other band NULL (never reviewed, counted
 * as 0) sorts first, then the last reviews in ascending order. Never edit
 * it: the queries find card_review_band only while their text matches the
 * expression migration 8 -> 9 indexed; other bands need a new migration.
 */
#define REVIEW_BAND                                                                                \
    "(CASE WHEN typeof(stability) = 'real' AND (last_review IS NULL OR "                           \
    "(typeof(last_review) = 'integer' AND last_review >= 0)) "                                     \
    "THEN length(CAST(max(stability * 10000, 1) AS INTEGER)) * 100 + "                             \
    "CAST(substr(CAST(max(stability * 10000, 1) AS INTEGER), 1, 2) AS INTEGER) ELSE 0 END)"

/*
 * A card in a learning step, as card_learning's WHERE says it: a query
 * reads that index only while its WHERE holds this text. Never edit it.
 */
#define LEARNING_CARD "suspended = 0 AND state IN (1, 3)"

static const char *const migrations[RECITE_SCHEMA_VERSION] = {
    /* 0 -> 1: the review core */
    "CREATE TABLE bank ("
    "  id INTEGER PRIMARY KEY,"
    "  slug TEXT NOT NULL UNIQUE,"          /* the bank id of the .bank header */
    "  title TEXT NOT NULL DEFAULT '',"
    "  version TEXT NOT NULL DEFAULT '',"
    "  language TEXT NOT NULL DEFAULT 'en',"
    "  hash TEXT NOT NULL DEFAULT '',"      /* hex BLAKE2b-256 of the canonical text */
    "  canonical TEXT NOT NULL DEFAULT '',"  /* canonical text, for byte-exact export */
    "  imported_at INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE TABLE source ("
    "  bank_id INTEGER NOT NULL REFERENCES bank(id) ON DELETE CASCADE,"
    "  sid TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  PRIMARY KEY (bank_id, sid)"
    ") WITHOUT ROWID;"
    "CREATE TABLE fact ("
    "  id INTEGER PRIMARY KEY,"
    "  bank_id INTEGER NOT NULL REFERENCES bank(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  body TEXT NOT NULL,"                 /* the fact's fields as JSON */
    "  tags TEXT NOT NULL DEFAULT '',"      /* space separated */
    "  cite TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL DEFAULT 0,"
    "  retired INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (bank_id, key)"
    ");"
    "CREATE TABLE card ("
    "  id INTEGER PRIMARY KEY,"
    "  uid TEXT NOT NULL UNIQUE,"           /* from (bank slug, fact key, template) */
    "  fact_id INTEGER NOT NULL REFERENCES fact(id) ON DELETE CASCADE,"
    "  template TEXT NOT NULL,"
    "  state INTEGER NOT NULL DEFAULT 0,"   /* 0 new, 1 learning, 2 review, 3 relearning */
    "  due INTEGER NOT NULL DEFAULT 0,"     /* Unix ms */
    "  stability REAL NOT NULL DEFAULT 0,"
    "  difficulty REAL NOT NULL DEFAULT 0,"
    "  elapsed_days INTEGER NOT NULL DEFAULT 0,"
    "  scheduled_days INTEGER NOT NULL DEFAULT 0,"
    "  reps INTEGER NOT NULL DEFAULT 0,"
    "  lapses INTEGER NOT NULL DEFAULT 0,"
    "  step INTEGER NOT NULL DEFAULT 0,"
    "  last_review INTEGER,"                /* NULL: never reviewed */
    "  suspended INTEGER NOT NULL DEFAULT 0," /* 0 no, 1 student, 2 fact retired, 3 leech */
    "  buried_until INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX card_next_due ON card(suspended, state, due);"
    "CREATE INDEX card_fact ON card(fact_id);"
    "CREATE TABLE session ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('review', 'quiz')),"
    "  bank_id INTEGER REFERENCES bank(id) ON DELETE SET NULL,"
    "  started INTEGER NOT NULL,"
    "  ended INTEGER,"
    "  seed INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE TABLE review ("                 /* append-only answer log */
    "  id INTEGER PRIMARY KEY,"
    "  card_id INTEGER NOT NULL REFERENCES card(id) ON DELETE CASCADE,"
    "  session_id INTEGER REFERENCES session(id) ON DELETE SET NULL,"
    "  at INTEGER NOT NULL,"
    "  rating INTEGER NOT NULL,"
    "  answer TEXT NOT NULL DEFAULT '',"
    "  credit REAL NOT NULL DEFAULT 0,"
    "  duration_ms INTEGER NOT NULL DEFAULT 0,"
    "  state_before TEXT NOT NULL,"         /* card state as JSON */
    "  state_after TEXT NOT NULL"
    ");"
    "CREATE INDEX review_card ON review(card_id, at);"
    "CREATE INDEX review_at ON review(at);"
    "CREATE TABLE config (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",

    /* 1 -> 2: quizzes keep their items; signing keeps trusted keys */
    "ALTER TABLE session ADD COLUMN params TEXT;" /* quiz parameters, JSON */
    "CREATE TABLE session_item ("
    "  session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  card_uid TEXT NOT NULL,"
    "  prompt TEXT NOT NULL,"
    "  expected TEXT NOT NULL,"
    "  given TEXT NOT NULL DEFAULT '',"
    "  credit REAL NOT NULL DEFAULT 0,"
    "  rating INTEGER NOT NULL DEFAULT 0,"
    "  duration_ms INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (session_id, seq)"
    ") WITHOUT ROWID;"
    "CREATE TABLE trusted_key ("
    "  keyid TEXT PRIMARY KEY,"             /* 16 hex digits, as minisign prints it */
    "  pubkey TEXT NOT NULL,"               /* base64 one-line public key */
    "  comment TEXT NOT NULL DEFAULT '',"
    "  added_at INTEGER NOT NULL"
    ") WITHOUT ROWID;",

    /*
     * 2 -> 3: statistics read hourly sums kept by triggers, so a chart over a
     * year reads a few thousand rows whatever the size of the review log.
     * kind: 0 new, 1 (re)learning, 2 young review, 3 mature review
     * (interval >= 21 days before the answer); passed: rating >= 2.
     */
    "CREATE TABLE review_hour ("
    "  bank_id INTEGER NOT NULL REFERENCES bank(id) ON DELETE CASCADE,"
    "  hour INTEGER NOT NULL,"              /* Unix ms / 3600000, UTC */
    "  kind INTEGER NOT NULL,"
    "  reviews INTEGER NOT NULL DEFAULT 0,"
    "  passed INTEGER NOT NULL DEFAULT 0,"
    "  duration_ms INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (hour, bank_id, kind)"
    ") WITHOUT ROWID;"
    "CREATE TRIGGER review_hour_add AFTER INSERT ON review BEGIN "
    "  INSERT INTO review_hour (bank_id, hour, kind, reviews, passed, duration_ms) "
    "  SELECT f.bank_id, NEW.at / 3600000, " REVIEW_KIND("NEW.state_before") ", 1, "
    "         NEW.rating >= 2, NEW.duration_ms "
    "  FROM card c JOIN fact f ON f.id = c.fact_id WHERE c.id = NEW.card_id "
    "  ON CONFLICT (hour, bank_id, kind) DO UPDATE SET reviews = reviews + 1, "
    "    passed = passed + excluded.passed, duration_ms = duration_ms + excluded.duration_ms; "
    "END;"
    "CREATE TRIGGER review_hour_remove AFTER DELETE ON review BEGIN "
    "  UPDATE review_hour SET reviews = reviews - 1, passed = passed - (OLD.rating >= 2), "
    "    duration_ms = duration_ms - OLD.duration_ms "
    "  WHERE hour = OLD.at / 3600000 AND kind = " REVIEW_KIND("OLD.state_before") " "
    "    AND bank_id = (SELECT f.bank_id FROM card c JOIN fact f ON f.id = c.fact_id "
    "                   WHERE c.id = OLD.card_id); "
    "END;"
    "INSERT INTO review_hour (bank_id, hour, kind, reviews, passed, duration_ms) "
    "SELECT f.bank_id, r.at / 3600000, " REVIEW_KIND("r.state_before") ", count(*), "
    "       sum(r.rating >= 2), sum(r.duration_ms) "
    "FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id "
    "GROUP BY 1, 2, 3;"
    /* The hardest cards are read by lapses; the card scan reads this index alone. */
    "CREATE INDEX card_lapses ON card(suspended, lapses, difficulty);"
    "CREATE INDEX card_stats ON card(fact_id, suspended, state, due, stability, buried_until);"
    "CREATE INDEX fact_stats ON fact(id, bank_id, retired, tags);",

    /*
     * 3 -> 4: a review session reads its bank a fact at a time. The facts of
     * a kind in bank order, with an event's date as numbers, come from one
     * index, so nothing has to parse every fact to find distractors.
     */
    "ALTER TABLE fact ADD COLUMN year INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE fact ADD COLUMN span_first INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE fact ADD COLUMN span_last INTEGER NOT NULL DEFAULT 0;"
    "UPDATE fact SET year = recite_when(json_extract(body, '$.when[0][0]'), 0),"
    "  span_first = recite_when(json_extract(body, '$.when[0][0]'), 1),"
    "  span_last = recite_when(json_extract(body, '$.when[0][0]'), 2) "
    "WHERE kind = 'event';"
    "CREATE INDEX fact_kind ON fact(bank_id, kind, retired, position, year, span_first, span_last);",

    /*
     * 4 -> 5: a bank remembers where it came from, so that a later import
     * under its id can be held to it: the format of the file last imported
     * and the key id of the trusted key that signed it ('' when unsigned).
     * Who signed earlier imports was not kept: those banks start unsigned. A
     * bank with interchange questions came from some interchange format
     * ('', any of them); the others from .bank files.
     */
    "ALTER TABLE bank ADD COLUMN format TEXT NOT NULL DEFAULT 'bank';"
    "ALTER TABLE bank ADD COLUMN signer TEXT NOT NULL DEFAULT '';"
    "UPDATE bank SET format = '' WHERE EXISTS (SELECT 1 FROM fact f WHERE f.bank_id = bank.id "
    "  AND f.kind = 'question' AND json_extract(f.body, '$.type') IS NOT NULL);",

    /*
     * 5 -> 6: a quiz records every question it drew, answered or not, and a
     * session keeps the bank it was taken on and the attempt id its score
     * files carry, so exporting it twice gives the same file.
     * status: 0 answered, 1 skipped (:skip), 2 not answered (the quiz ended first).
     */
    "ALTER TABLE session ADD COLUMN attempt TEXT;" /* 32 lowercase hex digits, set at export */
    "ALTER TABLE session ADD COLUMN bank_version TEXT;"
    "ALTER TABLE session ADD COLUMN bank_hash TEXT;" /* hex BLAKE2b-256, as bank.hash */
    "UPDATE session SET bank_version = (SELECT version FROM bank b WHERE b.id = session.bank_id),"
    "  bank_hash = (SELECT hash FROM bank b WHERE b.id = session.bank_id);"
    "ALTER TABLE session_item ADD COLUMN status INTEGER NOT NULL DEFAULT 0"
    "  CHECK (status BETWEEN 0 AND 2);"
    /* Before this version only :skip stored an empty answer. */
    "UPDATE session_item SET status = 1 WHERE given = '';",

    /*
     * 6 -> 7: the cards due are chosen from one index alone. A day's reviews
     * are ordered by retrievability (time since the last review over
     * stability), so the index carries both, and the burying and the fact:
     * a session over tens of thousands of due cards reads no card row until
     * it shows one.
     */
    "DROP INDEX card_next_due;"
    "CREATE INDEX card_next_due ON card(suspended, state, due, buried_until, last_review, "
    "  stability, fact_id);"
    /*
     * New cards are dealt by each fact's rank among the live facts of its
     * kind in its bank (see sql_due_new): kept with the fact at import, so
     * dealing reads the new cards only, not every fact of every bank.
     */
    "ALTER TABLE fact ADD COLUMN kind_rank INTEGER NOT NULL DEFAULT 0;"
    "UPDATE fact SET kind_rank = r.k FROM (SELECT id, row_number() OVER "
    "  (PARTITION BY bank_id, kind ORDER BY position, id) - 1 AS k FROM fact WHERE retired = 0) "
    "  AS r WHERE fact.id = r.id;",

    /*
     * 7 -> 8: an answer writes fewer pages. The lapse index holds only cards
     * that lapsed, without the difficulty that every answer changes, so an
     * answer that is not a lapse leaves it alone.
     */
    "DROP INDEX card_lapses;"
    "CREATE INDEX card_lapses ON card(suspended, lapses) WHERE lapses > 0;",

    /*
     * 8 -> 9: the judge's lexicon of a bank (every name, normalised) is kept
     * with the bank it was built from, so a session reads it back instead
     * of reading and normalising every fact. bank_hash is bank.hash when it
     * was built; a lexicon of another hash or format is not used.
     */
    "CREATE TABLE lexicon ("
    "  bank_id INTEGER PRIMARY KEY REFERENCES bank(id) ON DELETE CASCADE,"
    "  bank_hash TEXT NOT NULL,"
    "  format TEXT NOT NULL,"
    "  data BLOB NOT NULL);",

    /*
     * 9 -> 10: the day's first reviews are found without reading every due
     * card. Review cards are grouped by a band of stability (REVIEW_BAND)
     * and ordered by last review within it, so the least retrievable of a
     * band come first and every band says how late its unread cards can be
     * (see top_reviews). IF NOT EXISTS: should a merge renumber this step, a
     * database that already took it under its old number does not fail.
     */
    "CREATE INDEX IF NOT EXISTS card_review_band ON card(suspended, state, " REVIEW_BAND
    ", last_review, id, due, buried_until, stability, fact_id) "
    "WHERE suspended = 0 AND state = 2;",

    /*
     * 10 -> 11: a bank's card notes (its acronyms by initials, its words by
     * initial) are kept as its lexicon is, so a choice card looks them up
     * instead of reading hundreds of other facts.
     */
    "CREATE TABLE IF NOT EXISTS card_notes ("
    "  bank_id INTEGER PRIMARY KEY REFERENCES bank(id) ON DELETE CASCADE,"
    "  bank_hash TEXT NOT NULL,"
    "  format TEXT NOT NULL,"
    "  data BLOB NOT NULL);",

    /*
     * 11 -> 12: a bank's fact references (the row ids of its live facts of
     * each kind in bank order, and its events' dates) are kept as its notes
     * are, so a session's first card reads one blob instead of every fact
     * row of its kind. Kept for one bank hash: a later migration that
     * rewrites fact rows must empty this table.
     */
    "CREATE TABLE IF NOT EXISTS fact_refs ("
    "  bank_id INTEGER PRIMARY KEY REFERENCES bank(id) ON DELETE CASCADE,"
    "  bank_hash TEXT NOT NULL,"
    "  format TEXT NOT NULL,"
    "  data BLOB NOT NULL);",

    /*
     * 12 -> 13: the cards in a learning step, in the order they come back
     * (due, then id), so the next one is read from the front of this index
     * instead of sorting every learning card of both states on each answer.
     * Only learning cards are in it: a review answered right does not touch it.
     */
    "CREATE INDEX IF NOT EXISTS card_learning ON card(due, id, buried_until, fact_id, suspended, "
    "state) WHERE " LEARNING_CARD ";",

    /*
     * 13 -> 14: a fact's siblings are buried by one row here (the card
     * answered and until when the others wait), not by a write to each
     * sibling: each of those moved the sibling in four indexes, about a
     * third of an answer's cost. card.buried_until is still read (what
     * older versions wrote) but no longer written.
     */
    "CREATE TABLE IF NOT EXISTS buried_fact ("
    "  fact_id INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,"
    "  card_id INTEGER NOT NULL,"
    "  until INTEGER NOT NULL);",
};

/*
 * The RECITE_E* code for the connection's last error. A full disk or a
 * read-only file is an I/O error, whichever SQLite code carried it (a full
 * disk can surface as SQLITE_IOERR while mapping the WAL index).
 */
static int db_code(struct recite_store *st)
{
    int prim = sqlite3_extended_errcode(st->db) & 0xff;
    if (prim == SQLITE_FULL || prim == SQLITE_READONLY || prim == SQLITE_IOERR ||
        prim == SQLITE_CANTOPEN)
        return RECITE_EIO;
    if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
        return RECITE_EBUSY;
    if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT)
        return RECITE_EDATA;
    if (prim == SQLITE_CONSTRAINT || prim == SQLITE_MISUSE || prim == SQLITE_ERROR)
        return RECITE_EINTERNAL;
    return RECITE_EIO;
}

/* The text for the connection's last error, naming a full disk plainly. */
static const char *db_msg(struct recite_store *st)
{
    int prim = sqlite3_extended_errcode(st->db) & 0xff;
    /* The OS error is only meaningful for an I/O failure; it may be stale otherwise. */
    int sys = prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN ? sqlite3_system_errno(st->db) : 0;
    if (prim == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
        return "database or disk is full";
    if (sys == EROFS)
        return "the file system is read-only";
    if (sys == EACCES || sys == EPERM)
        return "permission denied";
    if (prim == SQLITE_READONLY)
        return "attempt to write a readonly database";
    return sqlite3_errmsg(st->db);
}

int db_error(struct recite_store *st, struct recite_error *err, const char *what)
{
    return recite_error_set(err, db_code(st), "%s: %s", what, db_msg(st));
}

/*
 * Returns a prepared statement for static SQL text, preparing it on first
 * use. The caller resets it with stmt_done() on every path.
 */
uint64_t store_sorts(const struct recite_store *st)
{
    uint64_t sorts = 0;
    for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
        sqlite3_stmt *stmt = st->cache[i].stmt;
        if (st->cache[i].sql && stmt)
            sorts += (uint64_t)sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_SORT, 0) +
                     (uint64_t)sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_AUTOINDEX, 0);
    }
    return sorts;
}

int stmt_get(struct recite_store *st, const char *sql, sqlite3_stmt **out,
             struct recite_error *err)
{
    size_t slot = ((uintptr_t)sql >> 4) % STMT_CACHE_SIZE;
    for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
        size_t k = (slot + i) % STMT_CACHE_SIZE;
        if (st->cache[k].sql == sql) {
            *out = st->cache[k].stmt;
            return 0;
        }
        if (st->cache[k].sql == NULL) {
            if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) !=
                SQLITE_OK)
                return db_error(st, err, "cannot prepare a query");
            st->cache[k].sql = sql;
            st->cache[k].stmt = *out;
            return 0;
        }
    }
    /* The cache is full: hand out an uncached statement would leak; grow instead. */
    return recite_error_set(err, RECITE_EINTERNAL, "statement cache is full");
}

void stmt_done(sqlite3_stmt *stmt)
{
    if (stmt) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
}

/*
 * Steps a bound statement to its end, reading each row with take into a
 * growing array of elem_size items (take sets *oom when it cannot copy).
 * *out and *count hold what was read even on failure, for the caller to
 * free its way; the statement is reset. what names the rows in errors.
 */
int collect_rows(struct recite_store *st, sqlite3_stmt *stmt,
                 void (*take)(sqlite3_stmt *stmt, void *into, bool *oom), size_t elem_size,
                 void **out, size_t *count, const char *what, struct recite_error *err)
{
    char *items = NULL;
    size_t n = 0, cap = 0;
    bool oom = false;
    int step = SQLITE_DONE;
    while (!oom && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (recite_grow((void **)&items, &cap, n + 1, elem_size) < 0) {
            oom = true;
            break;
        }
        memset(items + n * elem_size, 0, elem_size);
        take(stmt, items + n++ * elem_size, &oom);
    }
    int rc = 0;
    if (oom)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    else if (step != SQLITE_DONE) {
        char msg[64];
        snprintf(msg, sizeof(msg), "cannot read %s", what);
        rc = db_error(st, err, msg);
    }
    stmt_done(stmt);
    *out = items;
    *count = n;
    return rc;
}

/* A malloc'd copy of a text column; NULL stays NULL. Sets *oom on failure. */
char *column_strdup(sqlite3_stmt *stmt, int col, bool *oom)
{
    const char *text = (const char *)sqlite3_column_text(stmt, col);
    if (!text)
        return NULL;
    char *copy = recite_strdup(text);
    if (!copy)
        *oom = true;
    return copy;
}

/* Runs a statement that returns no rows, with text/int64 bindings already made. */
int step_done(struct recite_store *st, sqlite3_stmt *stmt, struct recite_error *err,
              const char *what)
{
    int rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 : db_error(st, err, what);
    stmt_done(stmt);
    return rc;
}

static int exec_sql(struct recite_store *st, const char *sql, struct recite_error *err)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_error(st, err, "database error");
    return 0;
}

static int read_int_pragma(struct recite_store *st, const char *sql, int *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(stmt, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(stmt);
    return rc;
}

int recite_store_default_path(char **out, const char *explicit_path, struct recite_error *err)
{
    const char *env = getenv("RECITE_DB");
    const char *path = explicit_path && *explicit_path ? explicit_path : env && *env ? env : NULL;
    if (path) {
        *out = recite_strdup(path);
        return *out ? 0 : recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    const char *base, *suffix;
    if (xdg && xdg[0] == '/') {
        base = xdg;
        suffix = "/recite/recite.db";
    } else if (home && *home) {
        base = home;
        suffix = "/.local/share/recite/recite.db";
    } else {
        return recite_error_set(err, RECITE_EUSAGE,
                                "cannot find a home for the database: set RECITE_DB or HOME");
    }
    size_t n = strlen(base) + strlen(suffix) + 1;
    *out = malloc(n);
    if (!*out)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    memcpy(*out, base, strlen(base));
    memcpy(*out + strlen(base), suffix, strlen(suffix) + 1);
    return 0;
}

/* Creates every missing directory above path's last component, mode 0700. */
static int make_parents(const char *path, struct recite_error *err)
{
    char *dir = recite_strdup(path);
    if (!dir)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    int rc = 0;
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            rc = recite_error_set(err, RECITE_ECREATE, "cannot create directory '%s': %s", dir,
                                  strerror(errno));
            break;
        }
        *p = '/';
    }
    free(dir);
    return rc;
}

/*
 * recite_when(WHEN, PART): of an event's `when:` value, its first year
 * (PART 0) or the first (1) or last (2) day it covers, as card building
 * reads it (card/facts_kinds.c when_span(); both use the base's dates).
 */
static void sql_when(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *when = (const char *)sqlite3_value_text(argv[0]);
    int part = sqlite3_value_int(argv[1]);
    struct recite_date date;
    if (!when || recite_date_parse(&date, when, NULL) < 0)
        memset(&date, 0, sizeof(date));
    int64_t first, last;
    recite_date_days(&date, &first, &last);
    sqlite3_result_int64(ctx, part == 0 ? date.year : part == 1 ? first : last);
}

/*
 * A write of thousands of rows (a bank import, a replayed log, a migration)
 * touches index pages all over the file; a 32 MiB cache keeps them from
 * spilling into the log before the commit (6% of a 100,000-fact import).
 * It stays for the rest of the connection: such a command writes once.
 */
static void cache_for_bulk(struct recite_store *st)
{
    sqlite3_exec(st->db, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
}

/* Applies migrations [from, to) in one transaction. */
static int migrate(struct recite_store *st, int to, struct recite_error *err)
{
    cache_for_bulk(st);
    int rc = exec_sql(st, "BEGIN IMMEDIATE", err);
    if (rc < 0)
        return rc;
    int from = 0;
    /* Re-read under the write lock: another process may have migrated meanwhile. */
    if (read_int_pragma(st, "PRAGMA user_version", &from) != SQLITE_OK) {
        rc = db_error(st, err, "cannot read the schema version");
        goto out;
    }
    for (int v = from; v < to; v++) {
        if ((rc = exec_sql(st, migrations[v], err)) < 0)
            goto out;
    }
    if (from < to) {
        char sql[48];
        /* PRAGMA takes no bound parameters; to is an int we control. */
        snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", to);
        if ((rc = exec_sql(st, sql, err)) < 0)
            goto out;
    }
    rc = exec_sql(st, "COMMIT", err);
out:
    if (rc < 0)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Refuses files that are not SQLite, or SQLite files of another program. */
static int check_identity(struct recite_store *st, int *version, struct recite_error *err)
{
    if (read_int_pragma(st, "PRAGMA user_version", version) != SQLITE_OK) {
        int code = db_code(st);
        if (code == RECITE_EDATA)
            return recite_error_set(err, code, "'%s' is not a recite database: %s", st->path,
                                    db_msg(st));
        /* WAL needs a writable file beside the database: say why it cannot be had. */
        if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CANTOPEN &&
            access(st->path, W_OK) != 0)
            return recite_error_set(err, code, "cannot open database '%s': %s", st->path,
                                    strerror(errno));
        return recite_error_set(err, code, "cannot open database '%s': %s", st->path,
                                db_msg(st));
    }
    if (*version > RECITE_SCHEMA_VERSION)
        return recite_error_set(err, RECITE_EVERSION,
                                "'%s' was written by a newer recite (schema %d, this one knows "
                                "up to %d); upgrade recite to use it",
                                st->path, *version, RECITE_SCHEMA_VERSION);
    int tables = 0;
    if (*version == 0 &&
        read_int_pragma(st, "SELECT count(*) FROM sqlite_master", &tables) == SQLITE_OK &&
        tables > 0)
        return recite_error_set(err, RECITE_EDATA,
                                "'%s' is a SQLite database of another program, not recite's",
                                st->path);
    return 0;
}

int recite_store_open_version(struct recite_store **out, const char *path, int target_version,
                              struct recite_error *err)
{
    *out = NULL;
    if (target_version < 1 || target_version > RECITE_SCHEMA_VERSION)
        return recite_error_set(err, RECITE_EUSAGE, "no schema version %d", target_version);
    bool memory = strcmp(path, ":memory:") == 0;
    int rc;
    if (!memory && (rc = make_parents(path, err)) < 0)
        return rc;
    struct recite_store *st = calloc(1, sizeof(*st));
    if (!st || !(st->path = recite_strdup(path))) {
        free(st);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    /* One connection per handle, used by one thread: no need for SQLite's mutexes. */
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) !=
        SQLITE_OK) {
        rc = recite_error_set(err, RECITE_ECREATE, "cannot open database '%s': %s", path,
                              st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(st->db, 10000);
    /* Migration 3 -> 4 reads event dates as card building does. */
    if (sqlite3_create_function_v2(st->db, "recite_when", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                                   sql_when, NULL, NULL, NULL) != SQLITE_OK) {
        rc = db_error(st, err, "cannot open database");
        goto fail;
    }
    int version = 0;
    if ((rc = check_identity(st, &version, err)) < 0)
        goto fail;
    /* Only now that the file is known to be ours may anything be written to it. */
    if (!memory && (rc = exec_sql(st, "PRAGMA journal_mode = WAL", err)) < 0)
        goto fail;
    /*
     * A small page cache (2 MiB) and no memory map: a review touches a few
     * dozen pages per answer, all over the file. Mapped, each first touch
     * was a page fault that kept 16 pages of the file resident (124 MiB
     * after 2,000 answers on the benchmark database, and 10% more CPU than
     * reading through the cache); bulk writes ask for more (cache_for_bulk).
     */
    if ((rc = exec_sql(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; "
                              "PRAGMA cache_size = -2048; PRAGMA mmap_size = 0", err)) < 0)
        goto fail;
    if (version < target_version && (rc = migrate(st, target_version, err)) < 0)
        goto fail;
    *out = st;
    return 0;
fail:
    recite_store_close(st);
    return rc;
}

int recite_store_open(struct recite_store **out, const char *path, struct recite_error *err)
{
    return recite_store_open_version(out, path, RECITE_SCHEMA_VERSION, err);
}

void recite_store_close(struct recite_store *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < STMT_CACHE_SIZE; i++)
        sqlite3_finalize(st->cache[i].stmt);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

int recite_store_schema_version(struct recite_store *st)
{
    int version = -1;
    read_int_pragma(st, "PRAGMA user_version", &version);
    return version;
}

const char *recite_store_path(const struct recite_store *st)
{
    return st->path;
}

static const char sql_begin_immediate[] = "BEGIN IMMEDIATE";
static const char sql_begin_deferred[] = "BEGIN DEFERRED";
static const char sql_commit[] = "COMMIT";

/* Runs one of the transaction statements above, prepared once. */
static int tx_exec(struct recite_store *st, const char *sql, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql, &stmt, err);
    if (rc < 0)
        return rc;
    return step_done(st, stmt, err, "cannot run a transaction statement");
}

/* Ends the read transaction of recite_store_read_begin() if one is open. */
static void read_close(struct recite_store *st)
{
    if (!st->read_open)
        return;
    st->read_open = false;
    if (!sqlite3_get_autocommit(st->db) && tx_exec(st, sql_commit, NULL) < 0)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int recite_store_read_begin(struct recite_store *st, struct recite_error *err)
{
    if (st->read_depth++ > 0 || st->tx_depth > 0)
        return 0;
    int rc = tx_exec(st, sql_begin_deferred, err);
    if (rc < 0)
        st->read_depth = 0;
    else
        st->read_open = true;
    return rc;
}

void recite_store_read_end(struct recite_store *st)
{
    if (st->read_depth > 0 && --st->read_depth == 0)
        read_close(st);
}

int recite_store_begin(struct recite_store *st, struct recite_error *err)
{
    if (st->tx_depth++ > 0)
        return 0;
    read_close(st);
    int rc = tx_exec(st, sql_begin_immediate, err);
    if (rc < 0)
        st->tx_depth = 0;
    return rc;
}

int recite_store_commit(struct recite_store *st, struct recite_error *err)
{
    if (st->tx_depth == 0 || --st->tx_depth > 0)
        return 0;
    int rc = tx_exec(st, sql_commit, err);
    if (rc < 0)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

void recite_store_rollback(struct recite_store *st)
{
    if (st->tx_depth == 0)
        return;
    st->tx_depth = 0;
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int recite_store_check(struct recite_store *st, struct recite_error *err)
{
    sqlite3_stmt *stmt = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
        return db_error(st, err, "cannot check the database");
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        rc = db_error(st, err, "cannot check the database");
    } else {
        const char *result = (const char *)sqlite3_column_text(stmt, 0);
        if (!result || strcmp(result, "ok") != 0)
            rc = recite_error_set(err, RECITE_EDATA, "integrity check failed: %s",
                                  result ? result : "(no answer)");
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* ---- sessions ---- */

/* The bank's version and hash are kept: a later import of the bank must not change them. */
static const char sql_session_begin[] =
    "INSERT INTO session (kind, bank_id, started, seed, params, bank_version, bank_hash) "
    "SELECT ?1, b.id, ?3, ?4, ?5, b.version, b.hash FROM (SELECT 1) "
    "LEFT JOIN bank b ON b.slug = ?2";
/* Asking a question again replaces its row: a quiz first records every question unanswered. */
static const char sql_session_item_add[] =
    "INSERT INTO session_item (session_id, seq, card_uid, prompt, expected, given, credit, "
    "rating, duration_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (session_id, seq) DO UPDATE SET card_uid = excluded.card_uid, "
    "prompt = excluded.prompt, expected = excluded.expected, given = excluded.given, "
    "credit = excluded.credit, rating = excluded.rating, duration_ms = excluded.duration_ms, "
    "status = excluded.status";
static const char sql_session_end[] = "UPDATE session SET ended = ? WHERE id = ?";
#define SESSION_COLUMNS                                                                            \
    "SELECT s.id, s.kind, b.slug, s.started, s.ended, s.seed, s.params, s.attempt, "              \
    "s.bank_version, s.bank_hash FROM session s LEFT JOIN bank b ON b.id = s.bank_id "
static const char sql_session_get[] =
    SESSION_COLUMNS "WHERE (?1 != 0 AND s.id = ?1) OR (?1 = 0 AND (?2 IS NULL OR s.kind = ?2)) "
                    "ORDER BY s.id DESC LIMIT 1";
static const char sql_session_list[] =
    SESSION_COLUMNS "WHERE s.kind = ?2 AND s.id <= ?1 ORDER BY s.id";
static const char sql_session_set_attempt[] =
    "UPDATE session SET attempt = ? WHERE id = ? AND attempt IS NULL";
static const char sql_session_items[] =
    "SELECT card_uid, prompt, expected, given, credit, rating, duration_ms, status "
    "FROM session_item WHERE session_id = ? ORDER BY seq";

int recite_store_session_begin(struct recite_store *st, const char *kind, const char *bank_slug,
                               int64_t started_ms, uint64_t seed, const char *params_json,
                               int64_t *out_id, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_begin, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, bank_slug, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, started_ms);
    sqlite3_bind_int64(stmt, 4, (sqlite3_int64)seed);
    sqlite3_bind_text(stmt, 5, params_json, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot start a session");
    else
        *out_id = sqlite3_last_insert_rowid(st->db);
    stmt_done(stmt);
    return rc;
}

int recite_store_session_item_add(struct recite_store *st, int64_t session_id, int seq,
                                  const struct recite_session_item *item,
                                  struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_item_add, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, session_id);
    sqlite3_bind_int(stmt, 2, seq);
    sqlite3_bind_text(stmt, 3, item->card_uid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, item->prompt, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, item->expected, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, item->given ? item->given : "", -1, SQLITE_STATIC);
    sqlite3_bind_double(stmt, 7, item->credit);
    sqlite3_bind_int(stmt, 8, item->rating);
    sqlite3_bind_int64(stmt, 9, item->duration_ms);
    sqlite3_bind_int(stmt, 10, (int)item->status);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot record a session item");
    stmt_done(stmt);
    return rc;
}

int recite_store_session_end(struct recite_store *st, int64_t session_id, int64_t ended_ms,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_end, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, ended_ms);
    sqlite3_bind_int64(stmt, 2, session_id);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot end a session");
    stmt_done(stmt);
    return rc;
}

/* One row of SESSION_COLUMNS into out (strings owned); sets *oom on failure. */
static void session_info_read(sqlite3_stmt *stmt, void *into, bool *oom)
{
    struct recite_session_info *out = into;
    memset(out, 0, sizeof(*out));
    out->id = sqlite3_column_int64(stmt, 0);
    snprintf(out->kind, sizeof(out->kind), "%s", (const char *)sqlite3_column_text(stmt, 1));
    out->bank_slug = column_strdup(stmt, 2, oom);
    out->started = sqlite3_column_int64(stmt, 3);
    out->ended = sqlite3_column_int64(stmt, 4);
    out->seed = (uint64_t)sqlite3_column_int64(stmt, 5);
    out->params_json = column_strdup(stmt, 6, oom);
    out->attempt = column_strdup(stmt, 7, oom);
    out->bank_version = column_strdup(stmt, 8, oom);
    out->bank_hash = column_strdup(stmt, 9, oom);
}

int recite_store_session_get(struct recite_store *st, int64_t id, const char *kind,
                             struct recite_session_info *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_get, &stmt, err);
    if (rc < 0)
        return rc;
    memset(out, 0, sizeof(*out));
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    bool oom = false;
    if (step == SQLITE_ROW) {
        session_info_read(stmt, out, &oom);
        if (oom) {
            recite_session_info_release(out);
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
    } else if (step == SQLITE_DONE) {
        rc = id ? recite_error_set(err, RECITE_ENOTFOUND, "no session %lld", (long long)id)
                : recite_error_set(err, RECITE_ENOTFOUND, "no %s session yet",
                                   kind ? kind : "recorded");
    } else {
        rc = db_error(st, err, "cannot read a session");
    }
    stmt_done(stmt);
    return rc;
}

void recite_session_info_release(struct recite_session_info *info)
{
    if (!info)
        return;
    free(info->bank_slug);
    free(info->params_json);
    free(info->attempt);
    free(info->bank_version);
    free(info->bank_hash);
    info->bank_slug = info->params_json = info->attempt = NULL;
    info->bank_version = info->bank_hash = NULL;
}

int recite_store_session_list(struct recite_store *st, const char *kind, int64_t up_to_id,
                              struct recite_session_info **out, size_t *count,
                              struct recite_error *err)
{
    sqlite3_stmt *stmt;
    *out = NULL;
    *count = 0;
    int rc = stmt_get(st, sql_session_list, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, up_to_id);
    sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
    void *rows = NULL;
    size_t n = 0;
    if ((rc = collect_rows(st, stmt, session_info_read, sizeof(**out), &rows, &n, "sessions",
                           err)) < 0) {
        recite_session_infos_free(rows, n);
        return rc;
    }
    *out = rows;
    *count = n;
    return 0;
}

void recite_session_infos_free(struct recite_session_info *infos, size_t count)
{
    for (size_t i = 0; infos && i < count; i++)
        recite_session_info_release(&infos[i]);
    free(infos);
}

int recite_store_session_set_attempt(struct recite_store *st, int64_t session_id,
                                     const char *attempt, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_set_attempt, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, attempt, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, session_id);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot record the attempt id of a session");
    stmt_done(stmt);
    return rc;
}

static void session_item_read(sqlite3_stmt *stmt, void *into, bool *oom)
{
    struct recite_session_item *it = into;
    it->card_uid = column_strdup(stmt, 0, oom);
    it->prompt = column_strdup(stmt, 1, oom);
    it->expected = column_strdup(stmt, 2, oom);
    it->given = column_strdup(stmt, 3, oom);
    it->credit = sqlite3_column_double(stmt, 4);
    it->rating = sqlite3_column_int(stmt, 5);
    it->duration_ms = sqlite3_column_int64(stmt, 6);
    int status = sqlite3_column_int(stmt, 7);
    it->status = status == RECITE_ITEM_SKIPPED      ? RECITE_ITEM_SKIPPED
                 : status == RECITE_ITEM_UNANSWERED ? RECITE_ITEM_UNANSWERED
                                                    : RECITE_ITEM_ANSWERED;
}

int recite_store_session_items(struct recite_store *st, int64_t session_id,
                               struct recite_session_item **out, size_t *count,
                               struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_items, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, session_id);
    void *items = NULL;
    size_t n = 0;
    if ((rc = collect_rows(st, stmt, session_item_read, sizeof(**out), &items, &n,
                           "session items", err)) < 0) {
        recite_session_items_free(items, n);
        return rc;
    }
    *out = items;
    *count = n;
    return 0;
}

void recite_session_items_free(struct recite_session_item *items, size_t count)
{
    for (size_t i = 0; items && i < count; i++) {
        free(items[i].card_uid);
        free(items[i].prompt);
        free(items[i].expected);
        free(items[i].given);
    }
    free(items);
}

/* ---- reviews, sessions and the queue ---- */

/*
 * Until when card c (an alias) waits for a sibling answered today: the
 * fact's row in buried_fact (schema 14) unless c is the card answered, or
 * what an older version wrote in c.buried_until.
 */
#define BURYING_ROW(c)                                                                             \
    "FROM buried_fact bf WHERE bf.fact_id = " c ".fact_id AND bf.card_id != " c ".id"
#define BURIED_UNTIL(c)                                                                            \
    "max(" c ".buried_until, coalesce((SELECT bf.until " BURYING_ROW(c) "), 0))"
/* Card c is not buried at the time bound to ?1 (a filter: the row is looked up only if needed). */
#define NOT_BURIED(c)                                                                              \
    c ".buried_until <= ?1 AND NOT EXISTS (SELECT 1 " BURYING_ROW(c) " AND bf.until > ?1)"

#define CARD_COLUMNS                                                                               \
    "c.id, c.uid, c.fact_id, c.template, c.due, c.stability, c.difficulty, c.elapsed_days, "      \
    "c.scheduled_days, c.reps, c.lapses, c.step, c.state, coalesce(c.last_review, 0), "           \
    "c.suspended, " BURIED_UNTIL("c") ", f.key, b.slug "

/*
 * Chosen from the card table alone, then joined: asked before every card,
 * and looking ahead it may match every learning card of the session.
 */
#define BANK_FILTER                                                                                \
    "(?2 IS NULL OR fact_id IN (SELECT f.id FROM fact f JOIN bank b ON b.id = f.bank_id "          \
    "WHERE b.slug = ?2))"
#define PICKED_JOINS                                                                               \
    "JOIN card c ON c.id = pick.id JOIN fact f ON f.id = c.fact_id JOIN bank b ON b.id = f.bank_id "
/*
 * Read from the front of card_learning, in its order: the join visits the
 * card first (CROSS JOIN keeps it outermost), so nothing is sorted.
 */
static const char sql_due_learning[] =
    "SELECT " CARD_COLUMNS "FROM card AS c INDEXED BY card_learning "
    "CROSS JOIN fact f ON f.id = c.fact_id CROSS JOIN bank b ON b.id = f.bank_id "
    "WHERE c.suspended = 0 AND c.state IN (1, 3) AND c.due <= ?3 AND " NOT_BURIED("c")
    " AND (?2 IS NULL OR b.slug = ?2) ORDER BY c.due, c.id LIMIT ?4";
/*
 * Elapsed time over stability orders by retrievability, lowest first. The
 * order depends on the time, so no index yields it. Few due reviews are
 * read from the due-card index in its own order (no temporary sort table)
 * and the least retrievable kept in C (top_reviews_scan); of many, the
 * stability bands of card_review_band say how late the unread ones can be,
 * and only the first are read (top_reviews_bands). Only the chosen few are
 * then read whole.
 */
static const char sql_due_review_scan[] =
    "SELECT id, coalesce(last_review, 0), stability, due FROM card "
    "WHERE suspended = 0 AND state = 2 AND due <= ?3 AND " NOT_BURIED("card") " AND " BANK_FILTER;
/*
 * New cards are dealt so that a session mixes them. A fact's cards take
 * turns (round 0: one card of every fact, then round 1...), and which card
 * opens rotates with the fact's rank k among the bank's facts of its kind:
 * acronym 0 is first asked short-long, acronym 1 long-short, and so on.
 * Within a round the m facts of each kind are spread evenly over the bank
 * (the k-th at (k + 0.5) / m), so kinds alternate in proportion to their
 * numbers. The order follows from the stored banks alone: the same
 * database deals the same cards, and tomorrow goes on where today stopped.
 * A fact's rank k is stored with it (fact.kind_rank, set at import), so
 * only the new cards are read, from the due-card index.
 */
static const char sql_due_new[] =
    "WITH kinds AS ("
    "  SELECT bank_id, kind, count(*) AS m FROM fact WHERE retired = 0 "
    "  AND (?2 IS NULL OR bank_id = (SELECT id FROM bank WHERE slug = ?2)) "
    "  GROUP BY bank_id, kind), "
    "dealt AS ("
    "  SELECT c.id, f.bank_id, f.position, "
    "    CASE f.kind WHEN 'acronym' THEN 0 WHEN 'event' THEN 1 WHEN 'set' THEN 2 "
    "      WHEN 'question' THEN 3 ELSE 4 END AS kind_order, "
    "    f.kind_rank AS k, (f.kind_rank + 0.5) / kinds.m AS place, "
    "    (SELECT count(*) FROM card s WHERE s.fact_id = f.id) AS n, "
    "    (SELECT count(*) FROM card s WHERE s.fact_id = c.fact_id AND s.id < c.id) AS t "
    "  FROM card c JOIN fact f ON f.id = c.fact_id "
    "  JOIN kinds ON kinds.bank_id = f.bank_id AND kinds.kind = f.kind "
    "  WHERE c.suspended = 0 AND c.state = 0 AND " NOT_BURIED("c") " AND f.retired = 0), "
    "pick AS ("
    "  SELECT id, (t + n - k % n) % n AS round, place, kind_order, bank_id, position FROM dealt "
    "  ORDER BY round, place, kind_order, bank_id, position, id LIMIT ?4) "
    "SELECT " CARD_COLUMNS "FROM pick " PICKED_JOINS
    "ORDER BY pick.round, pick.place, pick.kind_order, pick.bank_id, pick.position, pick.id";
static const char sql_card_get[] = "SELECT " CARD_COLUMNS CARD_JOINS "WHERE c.id = ?";

static void read_card_row(sqlite3_stmt *stmt, struct recite_card_row *row)
{
    memset(row, 0, sizeof(*row));
    row->id = sqlite3_column_int64(stmt, 0);
    snprintf(row->uid, sizeof(row->uid), "%s", (const char *)sqlite3_column_text(stmt, 1));
    row->fact_id = sqlite3_column_int64(stmt, 2);
    snprintf(row->template_name, sizeof(row->template_name), "%s",
             (const char *)sqlite3_column_text(stmt, 3));
    row->due = sqlite3_column_int64(stmt, 4);
    row->stability = sqlite3_column_double(stmt, 5);
    row->difficulty = sqlite3_column_double(stmt, 6);
    row->elapsed_days = sqlite3_column_int(stmt, 7);
    row->scheduled_days = sqlite3_column_int(stmt, 8);
    row->reps = sqlite3_column_int(stmt, 9);
    row->lapses = sqlite3_column_int(stmt, 10);
    row->step = sqlite3_column_int(stmt, 11);
    row->state = sqlite3_column_int(stmt, 12);
    row->last_review = sqlite3_column_int64(stmt, 13);
    row->suspended = sqlite3_column_int(stmt, 14);
    row->buried_until = sqlite3_column_int64(stmt, 15);
    snprintf(row->fact_key, sizeof(row->fact_key), "%s", (const char *)sqlite3_column_text(stmt, 16));
    snprintf(row->bank_slug, sizeof(row->bank_slug), "%s",
             (const char *)sqlite3_column_text(stmt, 17));
}

static void read_card_id(sqlite3_stmt *stmt, void *into, bool *oom)
{
    (void)oom;
    *(int64_t *)into = sqlite3_column_int64(stmt, 0);
}

static void read_card_row_into(sqlite3_stmt *stmt, void *into, bool *oom)
{
    (void)oom;
    read_card_row(stmt, into);
}

/*
 * Whether any learning or relearning card of any bank is due by ?1: two
 * seeks in card_next_due. Most answers have none, and the learning query
 * would build its temporary tables to find so.
 */
static const char sql_learning_any[] =
    "SELECT EXISTS (SELECT 1 FROM card INDEXED BY card_learning WHERE " LEARNING_CARD
    " AND due <= ?1)";

static int learning_any(struct recite_store *st, int64_t until, bool *out,
                        struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_learning_any, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, until);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        *out = sqlite3_column_int(stmt, 0) != 0;
    else
        rc = db_error(st, err, "cannot read the learning cards");
    stmt_done(stmt);
    return rc;
}

/* A due review as the order needs it. */
struct due_review {
    double late; /* time since the last review over stability: higher is less retrievable */
    int64_t due, id;
};

/* Whether a comes before b: least retrievable first, then by due time and id. */
static bool review_before(const struct due_review *a, const struct due_review *b)
{
    if (a->late != b->late)
        return a->late > b->late;
    return a->due != b->due ? a->due < b->due : a->id < b->id;
}

static int review_order(const void *a, const void *b)
{
    return review_before(a, b) ? -1 : review_before(b, a) ? 1 : 0;
}

/* Restores the heap below i, whose root is the review that comes last. */
static void sift_down(struct due_review *heap, size_t n, size_t i)
{
    for (;;) {
        size_t last = i, left = 2 * i + 1, right = left + 1;
        if (left < n && review_before(&heap[last], &heap[left]))
            last = left;
        if (right < n && review_before(&heap[last], &heap[right]))
            last = right;
        if (last == i)
            return;
        struct due_review t = heap[i];
        heap[i] = heap[last];
        heap[last] = t;
        i = last;
    }
}

/* Keeps r if it is among the first `limit` reviews of *heap (a heap once it holds limit). */
static int keep_review(struct due_review **heap, size_t *n, size_t *cap, size_t limit,
                       const struct due_review *r)
{
    if (*n < limit) {
        if (recite_grow((void **)heap, cap, *n + 1, sizeof(**heap)) < 0)
            return RECITE_ENOMEM;
        (*heap)[(*n)++] = *r;
        if (*n == limit)
            for (size_t i = limit / 2; i-- > 0;)
                sift_down(*heap, limit, i);
    } else if (review_before(r, &(*heap)[0])) {
        (*heap)[0] = *r;
        sift_down(*heap, limit, 0);
    }
    return 0;
}

/* Hands the kept reviews out in order, ids only; frees heap. */
static int reviews_out(struct due_review *heap, size_t n, int64_t **out, size_t *count,
                       struct recite_error *err)
{
    int64_t *ids = n ? malloc(n * sizeof(*ids)) : NULL;
    if (n && !ids) {
        free(heap);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    if (n > 1) /* qsort's array may not be NULL, even empty */
        qsort(heap, n, sizeof(*heap), review_order);
    for (size_t i = 0; i < n; i++)
        ids[i] = heap[i].id;
    *out = ids;
    *count = n;
    free(heap);
    return 0;
}

/* Time since the last review over stability, as the order reads it. */
static double review_late(int64_t now, int64_t last_review, double stability)
{
    /* as SQLite computed it: the integer difference over the real stability */
    return (double)(now - last_review) / (stability > 0.0001 ? stability : 0.0001);
}

/*
 * The first query->limit due reviews in order, ids only, from every due
 * review: the reference that the banded reading (top_reviews_bands) must
 * match, and the cheaper way when few reviews are due.
 */
static int top_reviews_scan(struct recite_store *st, const struct recite_due_query *query,
                            int64_t **out, size_t *count, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    *out = NULL;
    *count = 0;
    if (query->limit == 0)
        return 0;
    int rc = stmt_get(st, sql_due_review_scan, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, query->now);
    sqlite3_bind_text(stmt, 2, query->bank_slug, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, query->until);
    struct due_review *heap = NULL;
    size_t n = 0, cap = 0;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct due_review r = {
            .late = review_late(query->now, sqlite3_column_int64(stmt, 1),
                                sqlite3_column_double(stmt, 2)),
            .due = sqlite3_column_int64(stmt, 3),
            .id = sqlite3_column_int64(stmt, 0),
        };
        if (keep_review(&heap, &n, &cap, query->limit, &r) < 0)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read due cards");
    stmt_done(stmt);
    if (rc < 0) {
        free(heap);
        return rc;
    }
    return reviews_out(heap, n, out, count, err);
}

/*
 * The banded reading. ?1 now, ?2 the bank's id (NULL: every bank), ?3
 * until, ?4 a band, ?5 and ?6 the last review and id read last in it. A
 * band's cards are read whether due or not, in the index's order, so that
 * the last review of each says how late the unread ones can be; whether a
 * card counts (due, not buried, of the bank) comes with it.
 */
#define BAND_WHERE "suspended = 0 AND state = 2 AND " REVIEW_BAND
#define BAND_COLUMNS                                                                               \
    "last_review, id, stability, due, CASE WHEN due <= ?3 AND " NOT_BURIED("card") " THEN "        \
    "(CASE WHEN ?2 IS NULL THEN 1 ELSE EXISTS (SELECT 1 FROM fact f WHERE f.id = card.fact_id "    \
    "AND f.bank_id = ?2) END) ELSE 0 END "
/* The next band after ?4 and the last review its first card had. */
static const char sql_band_next[] =
    "SELECT " REVIEW_BAND ", last_review FROM card WHERE " BAND_WHERE " > ?4 ORDER BY " REVIEW_BAND
    ", last_review, id LIMIT 1";
static const char sql_band_start[] =
    "SELECT " BAND_COLUMNS "FROM card WHERE " BAND_WHERE " = ?4 ORDER BY last_review, id";
static const char sql_band_resume[] =
    "SELECT " BAND_COLUMNS "FROM card WHERE " BAND_WHERE " = ?4 AND (last_review, id) > (?5, ?6) "
    "ORDER BY last_review, id";
static const char sql_bank_id[] = "SELECT id FROM bank WHERE slug = ?1";
/* How many reviews are due, counted up to ?2: what the full scan would read. */
static const char sql_due_review_probe[] =
    "SELECT count(*) FROM (SELECT 1 FROM card WHERE suspended = 0 AND state = 2 AND due <= ?1 "
    "LIMIT ?2)";

/* A stability band being read (see REVIEW_BAND). */
struct band {
    int64_t key;   /* its REVIEW_BAND value */
    double lo, hi; /* every max(stability, 0.0001) of the band lies in [lo, hi] */
    bool whole;    /* no such bounds (band 0): read whole, never left half-read */
    bool resume;   /* read up to (last, id), a last review that is a number */
    int64_t last, id;
    double bound;    /* no unread card of the band is later than this */
    unsigned visits; /* times read so far */
};

/*
 * The bounds of a band's stabilities, from its name alone. Its cards have
 * an integer n = trunc(max(fl(s * 10000), 1)) in [f * u, (f + 1) * u), u a
 * power of ten, the largest band also every n that saturated. So fl(s *
 * 10000) lies in that range too, and s (or 0.0001, when s is below it and n
 * is 1) lies within a relative 2^-52 of it over 10000: the margin of 1e-9
 * keeps lo below and hi above every stability whatever the rounding.
 */
static void band_limits(struct band *b)
{
    int64_t digits = b->key / 100, lead = b->key % 100;
    b->whole = b->key < 100 || digits > 19 || (digits == 1 ? lead < 1 || lead > 9 : lead < 10);
    if (b->whole)
        return;
    double unit = 1;
    for (int64_t i = digits == 1 ? 1 : 2; i < digits; i++)
        unit *= 10;
    b->lo = (double)lead * unit / 10000 * (1 - 1e-9);
    b->hi = digits == 19 ? INFINITY : (double)(lead + 1) * unit / 10000 * (1 + 1e-9);
}

/*
 * No card of band b whose last review is at or after last (0: never) is
 * later than this. Division rounds monotonically: a larger elapsed time
 * over a smaller stability never gives less, and an elapsed time below zero
 * (a last review after now) is latest over the largest stability.
 */
static double band_bound(const struct band *b, int64_t now, int64_t last)
{
    if (b->whole)
        return INFINITY;
    double elapsed = (double)(now - last);
    return elapsed > 0 ? elapsed / b->lo : elapsed / b->hi;
}

/* The band queue: a heap, the band with the highest bound on top. */
static void band_sift_down(struct band *q, size_t n, size_t i)
{
    for (;;) {
        size_t top = i, left = 2 * i + 1, right = left + 1;
        if (left < n && q[left].bound > q[top].bound)
            top = left;
        if (right < n && q[right].bound > q[top].bound)
            top = right;
        if (top == i)
            return;
        struct band t = q[i];
        q[i] = q[top];
        q[top] = t;
        i = top;
    }
}

static void band_push(struct band *q, size_t *n, const struct band *b)
{
    size_t i = (*n)++;
    q[i] = *b;
    while (i > 0 && q[(i - 1) / 2].bound < q[i].bound) {
        struct band t = q[i];
        q[i] = q[(i - 1) / 2];
        q[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static struct band band_pop(struct band *q, size_t *n)
{
    struct band b = q[0];
    q[0] = q[--*n];
    band_sift_down(q, *n, 0);
    return b;
}

/* Every non-empty band, queued by the bound of its first card. */
static int list_bands(struct recite_store *st, int64_t now, struct band **out, size_t *count,
                      struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_band_next, &stmt, err);
    struct band *q = NULL;
    size_t n = 0, cap = 0;
    int64_t prev = INT64_MIN;
    while (rc == 0) {
        sqlite3_bind_int64(stmt, 4, prev);
        int step = sqlite3_step(stmt);
        if (step == SQLITE_ROW) {
            struct band b = {.key = sqlite3_column_int64(stmt, 0)};
            band_limits(&b);
            b.bound = band_bound(&b, now, sqlite3_column_int64(stmt, 1)); /* NULL reads 0 */
            if (recite_grow((void **)&q, &cap, n + 1, sizeof(*q)) < 0)
                rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
            else
                band_push(q, &n, &b);
            prev = b.key;
        } else if (step != SQLITE_DONE) {
            rc = db_error(st, err, "cannot read due cards");
        }
        stmt_done(stmt);
        if (step != SQLITE_ROW)
            break;
    }
    if (rc < 0) {
        free(q);
        return rc;
    }
    *out = q;
    *count = n;
    return 0;
}

/*
 * Reads band b from where it stopped, keeping its due cards, until it is
 * done (*keep false: read to its end, or its bound fell below the latest
 * kept card's, so nothing unread in it can be kept) or, after enough rows,
 * until another band may hold later cards (next, the highest bound of the
 * others): then *keep and b says where to go on. *rows counts the rows
 * read; past budget (0: none) the reading stops with *over set.
 */
static int read_band(struct recite_store *st, const struct recite_due_query *query,
                     const int64_t *bank_id, struct band *b, double next, struct due_review **heap,
                     size_t *n, size_t *cap, size_t *rows, size_t budget, bool *keep, bool *over,
                     struct recite_error *err)
{
    sqlite3_stmt *stmt;
    *keep = false;
    int rc = stmt_get(st, b->resume ? sql_band_resume : sql_band_start, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, query->now);
    if (bank_id)
        sqlite3_bind_int64(stmt, 2, *bank_id);
    sqlite3_bind_int64(stmt, 3, query->until);
    sqlite3_bind_int64(stmt, 4, b->key);
    if (b->resume) {
        sqlite3_bind_int64(stmt, 5, b->last);
        sqlite3_bind_int64(stmt, 6, b->id);
    }
    /* at least this many rows a visit, more each time, so bands that take turns cost few seeks */
    size_t least = (size_t)16 << (b->visits < 6 ? b->visits : 6), read = 0;
    b->visits++;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (budget && ++*rows > budget) {
            *over = true;
            break;
        }
        read++;
        int64_t last = sqlite3_column_int64(stmt, 0), id = sqlite3_column_int64(stmt, 1);
        if (sqlite3_column_int(stmt, 4)) {
            struct due_review r = {
                .late = review_late(query->now, last, sqlite3_column_double(stmt, 2)),
                .due = sqlite3_column_int64(stmt, 3),
                .id = id,
            };
            if (keep_review(heap, n, cap, query->limit, &r) < 0) {
                rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
                break;
            }
        }
        if (!b->whole && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
            b->resume = true;
            b->last = last;
            b->id = id;
        }
        b->bound = band_bound(b, query->now, last);
        if (*n == query->limit && b->bound < (*heap)[0].late)
            break; /* done: nothing unread here can be kept */
        if (read >= least && b->resume && b->bound < next) {
            *keep = true;
            break;
        }
    }
    if (rc == 0 && step != SQLITE_ROW && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read due cards");
    stmt_done(stmt);
    return rc;
}

/*
 * The first query->limit due reviews in order, ids only, read band by band
 * (the threshold algorithm): the band whose unread cards may be latest is
 * read first, and the reading stops once every band's bound is below the
 * latest kept card's lateness, strictly, since a card as late may still
 * come first by its due time or id. The result is the full scan's. Past
 * budget rows (0: no limit) it gives up and sets *over, with no result.
 */
static int top_reviews_bands(struct recite_store *st, const struct recite_due_query *query,
                             size_t budget, bool *over, int64_t **out, size_t *count,
                             struct recite_error *err)
{
    *out = NULL;
    *count = 0;
    *over = false;
    if (query->limit == 0)
        return 0;
    int64_t bank_id = 0;
    sqlite3_stmt *stmt;
    int rc;
    if (query->bank_slug) {
        if ((rc = stmt_get(st, sql_bank_id, &stmt, err)) < 0)
            return rc;
        sqlite3_bind_text(stmt, 1, query->bank_slug, -1, SQLITE_STATIC);
        int step = sqlite3_step(stmt);
        if (step == SQLITE_ROW)
            bank_id = sqlite3_column_int64(stmt, 0);
        else if (step != SQLITE_DONE)
            rc = db_error(st, err, "cannot read due cards");
        stmt_done(stmt);
        if (rc < 0 || step == SQLITE_DONE)
            return rc; /* no such bank: nothing due in it */
    }
    struct band *q = NULL;
    size_t nq = 0;
    if ((rc = list_bands(st, query->now, &q, &nq, err)) < 0)
        return rc;
    struct due_review *heap = NULL;
    size_t n = 0, cap = 0, rows = 0;
    while (rc == 0 && nq > 0 && !*over) {
        if (n == query->limit && q[0].bound < heap[0].late)
            break;
        struct band b = band_pop(q, &nq);
        bool keep = false;
        rc = read_band(st, query, query->bank_slug ? &bank_id : NULL, &b,
                       nq ? q[0].bound : -INFINITY, &heap, &n, &cap, &rows, budget, &keep, over,
                       err);
        if (rc == 0 && keep)
            band_push(q, &nq, &b);
    }
    free(q);
    if (rc < 0 || *over) {
        free(heap);
        return rc;
    }
    return reviews_out(heap, n, out, count, err);
}

/*
 * The first query->limit due reviews in order, ids only. Few due reviews
 * (under 4 * limit + 1024, counted in the due-card index) are scanned: the
 * bands would read every review card, due or not, before they had limit of
 * them. Of more, the bands are read, and should they take more rows than
 * that count, the scan is run after all: never much more than its cost.
 */
static int top_reviews(struct recite_store *st, const struct recite_due_query *query, int64_t **out,
                       size_t *count, struct recite_error *err)
{
    *out = NULL;
    *count = 0;
    if (query->limit == 0)
        return 0;
    int rc = recite_store_read_begin(st, err);
    if (rc < 0)
        return rc;
    size_t probe = query->limit < (SIZE_MAX - 1024) / 4 ? 4 * query->limit + 1024 : SIZE_MAX;
    if (probe > INT64_MAX)
        probe = INT64_MAX;
    sqlite3_stmt *stmt;
    int64_t due = 0;
    if ((rc = stmt_get(st, sql_due_review_probe, &stmt, err)) == 0) {
        sqlite3_bind_int64(stmt, 1, query->until);
        sqlite3_bind_int64(stmt, 2, (int64_t)probe);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            due = sqlite3_column_int64(stmt, 0);
        else
            rc = db_error(st, err, "cannot read due cards");
        stmt_done(stmt);
    }
    bool over = true;
    if (rc == 0 && (uint64_t)due >= probe)
        rc = top_reviews_bands(st, query, probe, &over, out, count, err);
    if (rc == 0 && over)
        rc = top_reviews_scan(st, query, out, count, err);
    recite_store_read_end(st);
    return rc;
}

int store_top_reviews(struct recite_store *st, const struct recite_due_query *query,
                      enum store_review_way way, int64_t **out, size_t *count,
                      struct recite_error *err)
{
    bool over;
    switch (way) {
    case STORE_REVIEWS_SCAN:
        return top_reviews_scan(st, query, out, count, err);
    case STORE_REVIEWS_BANDS:
        return top_reviews_bands(st, query, 0, &over, out, count, err);
    default:
        return top_reviews(st, query, out, count, err);
    }
}

/* The due query's rows, each read by take into an array of elem_size items. */
static int due_rows(struct recite_store *st, const struct recite_due_query *query,
                    void (*take)(sqlite3_stmt *stmt, void *into, bool *oom), size_t elem_size,
                    void **out, size_t *count, struct recite_error *err)
{
    const char *sql = query->kind == RECITE_DUE_LEARNING ? sql_due_learning : sql_due_new;
    sqlite3_stmt *stmt;
    *out = NULL;
    *count = 0;
    bool any = true;
    int rc = query->kind == RECITE_DUE_LEARNING ? learning_any(st, query->until, &any, err) : 0;
    if (rc < 0 || !any)
        return rc;
    if ((rc = stmt_get(st, sql, &stmt, err)) < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, query->now);
    sqlite3_bind_text(stmt, 2, query->bank_slug, -1, SQLITE_STATIC);
    if (query->kind != RECITE_DUE_NEW)
        sqlite3_bind_int64(stmt, 3, query->until);
    sqlite3_bind_int64(stmt, 4, query->limit > INT64_MAX ? INT64_MAX : (int64_t)query->limit);
    if ((rc = collect_rows(st, stmt, take, elem_size, out, count, "due cards", err)) < 0) {
        free(*out);
        *out = NULL;
        *count = 0;
    }
    return rc;
}

/* The due reviews' rows: the ordered ids, each card then read whole. */
static int review_rows(struct recite_store *st, const struct recite_due_query *query,
                       struct recite_card_row **out, size_t *count, struct recite_error *err)
{
    int64_t *ids = NULL;
    size_t n = 0;
    int rc = top_reviews(st, query, &ids, &n, err);
    struct recite_card_row *rows = rc == 0 && n ? calloc(n, sizeof(*rows)) : NULL;
    if (rc == 0 && n && !rows)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = recite_store_card_get(st, ids[i], &rows[i], err);
    free(ids);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    *out = rows;
    *count = n;
    return 0;
}

int recite_store_cards_due(struct recite_store *st, const struct recite_due_query *query,
                           struct recite_card_row **out, size_t *count, struct recite_error *err)
{
    *out = NULL;
    *count = 0;
    if (query->kind == RECITE_DUE_REVIEW)
        return review_rows(st, query, out, count, err);
    void *rows = NULL;
    int rc = due_rows(st, query, read_card_row_into, sizeof(**out), &rows, count, err);
    *out = rows;
    return rc;
}

int recite_store_card_ids_due(struct recite_store *st, const struct recite_due_query *query,
                              int64_t **out, size_t *count, struct recite_error *err)
{
    if (query->kind == RECITE_DUE_REVIEW)
        return top_reviews(st, query, out, count, err);
    void *ids = NULL;
    int rc = due_rows(st, query, read_card_id, sizeof(**out), &ids, count, err);
    *out = ids;
    return rc;
}

int recite_store_card_get(struct recite_store *st, int64_t card_id, struct recite_card_row *out,
                          struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_get, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, card_id);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW)
        read_card_row(stmt, out);
    else if (step == SQLITE_DONE)
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no card %lld", (long long)card_id);
    else
        rc = db_error(st, err, "cannot read a card");
    stmt_done(stmt);
    return rc;
}

void recite_card_row_to_sched(const struct recite_card_row *row, struct recite_sched_card *out)
{
    *out = (struct recite_sched_card){
        .due = row->due,
        .stability = row->stability,
        .difficulty = row->difficulty,
        .elapsed_days = row->elapsed_days,
        .scheduled_days = row->scheduled_days,
        .reps = row->reps,
        .lapses = row->lapses,
        .step = row->step,
        .state = row->state,
        .last_review = row->last_review,
    };
}

void recite_card_row_from_sched(struct recite_card_row *row, const struct recite_sched_card *card)
{
    row->due = card->due;
    row->stability = card->stability;
    row->difficulty = card->difficulty;
    row->elapsed_days = card->elapsed_days;
    row->scheduled_days = card->scheduled_days;
    row->reps = card->reps;
    row->lapses = card->lapses;
    row->step = card->step;
    row->state = card->state;
    row->last_review = card->last_review;
}

#define CARD_STATE_JSON                                                                            \
    "json_object('state', state, 'due', due, 'stability', stability, 'difficulty', difficulty, "  \
    "'elapsed_days', elapsed_days, 'scheduled_days', scheduled_days, 'reps', reps, "             \
    "'lapses', lapses, 'step', step, 'last_review', last_review, 'suspended', suspended)"

/*
 * The review row is written first, from the card as it still is
 * (state_before); state_after is the new state as bound, with the card's
 * suspension, which only a leech (?21) changes.
 */
static const char sql_review_insert[] =
    "INSERT INTO review (card_id, session_id, at, rating, answer, credit, duration_ms, "
    "state_before, state_after) SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, " CARD_STATE_JSON ", "
    "json_object('state', ?10, 'due', ?11, 'stability', ?12, 'difficulty', ?13, "
    "'elapsed_days', ?14, 'scheduled_days', ?15, 'reps', ?16, 'lapses', ?17, 'step', ?18, "
    "'last_review', ?19, 'suspended', CASE WHEN ?21 THEN 3 ELSE suspended END) "
    "FROM card WHERE id = ?1";
/*
 * The schedule alone: lapses and the suspension stay, so the lapse index
 * (suspended, lapses) is not written.
 */
#define CARD_SCHEDULE_SET                                                                          \
    "UPDATE card SET due = ?2, stability = ?3, difficulty = ?4, elapsed_days = ?5, "              \
    "scheduled_days = ?6, reps = ?7, step = ?9, state = ?10, last_review = ?11"
static const char sql_card_schedule[] = CARD_SCHEDULE_SET " WHERE id = ?1";
/* The schedule with the lapses, and a leech's suspension when ?12 is set. */
static const char sql_card_update[] =
    CARD_SCHEDULE_SET ", lapses = ?8, suspended = CASE WHEN ?12 THEN 3 ELSE suspended END "
    "WHERE id = ?1";
/*
 * Siblings that could be shown before ?2 (new, or due before it) and are
 * not hidden that long already; the others need no write.
 */
/* One row buries the siblings of card ?1 until ?2, when it has any (schema 14). */
static const char sql_bury_siblings[] =
    "INSERT INTO buried_fact (fact_id, card_id, until) "
    "SELECT fact_id, id, ?2 FROM card WHERE id = ?1 AND EXISTS (SELECT 1 FROM card s "
    "WHERE s.fact_id = card.fact_id AND s.id != card.id) "
    "ON CONFLICT (fact_id) DO UPDATE SET card_id = excluded.card_id, "
    "until = max(until, excluded.until)";

static void bind_schedule(sqlite3_stmt *stmt, int at, const struct recite_card_row *c)
{
    sqlite3_bind_int(stmt, at, c->state);
    sqlite3_bind_int64(stmt, at + 1, c->due);
    sqlite3_bind_double(stmt, at + 2, c->stability);
    sqlite3_bind_double(stmt, at + 3, c->difficulty);
    sqlite3_bind_int(stmt, at + 4, c->elapsed_days);
    sqlite3_bind_int(stmt, at + 5, c->scheduled_days);
    sqlite3_bind_int(stmt, at + 6, c->reps);
    sqlite3_bind_int(stmt, at + 7, c->lapses);
    sqlite3_bind_int(stmt, at + 8, c->step);
    if (c->last_review)
        sqlite3_bind_int64(stmt, at + 9, c->last_review);
}

/*
 * The same when the caller knows the card as it was: both states are
 * formatted here (store_state_json(), byte for byte what json_object()
 * writes), sparing two json_object() calls of eleven values an answer.
 */
static const char sql_review_insert_known[] =
    "INSERT INTO review (card_id, session_id, at, rating, answer, credit, duration_ms, "
    "state_before, state_after) SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM card WHERE id = ?1";

static int review_insert(struct recite_store *st, const struct recite_review_record *rec,
                         int64_t *out_id, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, rec->before ? sql_review_insert_known : sql_review_insert, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, rec->card_id);
    if (rec->session_id)
        sqlite3_bind_int64(stmt, 2, rec->session_id);
    sqlite3_bind_int64(stmt, 3, rec->at);
    sqlite3_bind_int(stmt, 4, rec->rating);
    sqlite3_bind_text(stmt, 5, rec->answer ? rec->answer : "", -1, SQLITE_STATIC);
    sqlite3_bind_double(stmt, 6, rec->credit);
    sqlite3_bind_int64(stmt, 7, rec->duration_ms);
    char before[STORE_STATE_JSON_MAX], after[STORE_STATE_JSON_MAX];
    if (rec->before) {
        struct recite_sched_card b, a;
        recite_card_row_to_sched(rec->before, &b);
        recite_card_row_to_sched(rec->after, &a);
        int suspended = rec->before->suspended;
        sqlite3_bind_text(stmt, 8, before, store_state_json(before, &b, suspended),
                          SQLITE_STATIC);
        sqlite3_bind_text(stmt, 9, after,
                          store_state_json(after, &a, rec->suspend_leech ? 3 : suspended),
                          SQLITE_STATIC);
    } else {
        bind_schedule(stmt, 10, rec->after);
        sqlite3_bind_int(stmt, 21, rec->suspend_leech);
    }
    if ((rc = step_done(st, stmt, err, "cannot record the answer")) < 0)
        return rc;
    if (sqlite3_changes(st->db) != 1)
        return recite_error_set(err, RECITE_ENOTFOUND, "no card %lld", (long long)rec->card_id);
    *out_id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

void store_bind_schedule(sqlite3_stmt *stmt, int64_t card_id, const struct recite_card_row *c)
{
    sqlite3_bind_int64(stmt, 1, card_id);
    sqlite3_bind_int64(stmt, 2, c->due);
    sqlite3_bind_double(stmt, 3, c->stability);
    sqlite3_bind_double(stmt, 4, c->difficulty);
    sqlite3_bind_int(stmt, 5, c->elapsed_days);
    sqlite3_bind_int(stmt, 6, c->scheduled_days);
    sqlite3_bind_int(stmt, 7, c->reps);
    sqlite3_bind_int(stmt, 8, c->lapses); /* no effect where the statement has no ?8 */
    sqlite3_bind_int(stmt, 9, c->step);
    sqlite3_bind_int(stmt, 10, c->state);
    if (c->last_review)
        sqlite3_bind_int64(stmt, 11, c->last_review);
    else
        sqlite3_bind_null(stmt, 11);
}

/* Writes the card's new state; a lapse (or no before to tell) rewrites the lapses too. */
static int card_update(struct recite_store *st, const struct recite_review_record *rec,
                       struct recite_error *err)
{
    const struct recite_card_row *c = rec->after;
    bool lapsed = !rec->before || rec->before->lapses != c->lapses || rec->suspend_leech;
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, lapsed ? sql_card_update : sql_card_schedule, &stmt, err);
    if (rc < 0)
        return rc;
    store_bind_schedule(stmt, rec->card_id, c);
    if (lapsed)
        sqlite3_bind_int(stmt, 12, rec->suspend_leech);
    return step_done(st, stmt, err, "cannot update the card");
}

static int bury_siblings(struct recite_store *st, int64_t card_id, int64_t until,
                         struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bury_siblings, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, card_id);
    sqlite3_bind_int64(stmt, 2, until);
    return step_done(st, stmt, err, "cannot bury sibling cards");
}

static int bind_exec2(struct recite_store *st, const char *sql, int64_t a, int64_t b, int64_t c,
                      const char *what, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, a);
    sqlite3_bind_int64(stmt, 2, b);
    sqlite3_bind_int64(stmt, 3, c);
    return step_done(st, stmt, err, what);
}

int recite_store_review_commit(struct recite_store *st, const struct recite_review_record *rec,
                               int64_t *out_review_id, bool *out_leech, struct recite_error *err)
{
    int64_t review_id = 0;
    int rc = recite_store_begin(st, err);
    if (rc < 0)
        return rc;
    /* The review row (and its hourly total, by trigger) reads the card before its update. */
    if ((rc = review_insert(st, rec, &review_id, err)) < 0 || (rc = card_update(st, rec, err)) < 0)
        goto out;
    if (rec->bury_until > 0 && (rc = bury_siblings(st, rec->card_id, rec->bury_until, err)) < 0)
        goto out;
    rc = recite_store_commit(st, err);
out:
    if (rc < 0) {
        recite_store_rollback(st);
        return rc;
    }
    if (out_review_id)
        *out_review_id = review_id;
    if (out_leech)
        *out_leech = rec->suspend_leech;
    return 0;
}

static const char sql_undo_restore[] =
    "UPDATE card SET "
    "state = json_extract(r.state_before, '$.state'), "
    "due = json_extract(r.state_before, '$.due'), "
    "stability = json_extract(r.state_before, '$.stability'), "
    "difficulty = json_extract(r.state_before, '$.difficulty'), "
    "elapsed_days = json_extract(r.state_before, '$.elapsed_days'), "
    "scheduled_days = json_extract(r.state_before, '$.scheduled_days'), "
    "reps = json_extract(r.state_before, '$.reps'), "
    "lapses = json_extract(r.state_before, '$.lapses'), "
    "step = json_extract(r.state_before, '$.step'), "
    "last_review = json_extract(r.state_before, '$.last_review'), "
    "suspended = json_extract(r.state_before, '$.suspended') "
    "FROM (SELECT card_id, state_before FROM review WHERE id = ?1) AS r "
    "WHERE card.id = r.card_id AND ?2 = ?2 AND ?3 = ?3";
/* Siblings stay buried only if another answer on their fact since day start remains. */
static const char sql_undo_unbury[] =
    "UPDATE card SET buried_until = 0 "
    "WHERE fact_id = (SELECT c.fact_id FROM review r JOIN card c ON c.id = r.card_id "
    "                 WHERE r.id = ?1) "
    "AND id != (SELECT card_id FROM review WHERE id = ?1) AND ?3 = ?3 "
    "AND NOT EXISTS (SELECT 1 FROM review r2 JOIN card c2 ON c2.id = r2.card_id "
    "                WHERE c2.fact_id = card.fact_id AND r2.id != ?1 AND r2.at >= ?2 "
    "                AND r2.card_id != card.id)";
/*
 * The same for the fact's row in buried_fact: it stays, for the card of the
 * latest other answer on the fact since day start, while there is one.
 */
static const char sql_undo_rebury[] =
    "UPDATE buried_fact SET card_id = coalesce((SELECT r2.card_id FROM review r2 "
    "  JOIN card c2 ON c2.id = r2.card_id WHERE c2.fact_id = buried_fact.fact_id "
    "  AND r2.id != ?1 AND r2.at >= ?2 ORDER BY r2.id DESC LIMIT 1), 0) "
    "WHERE fact_id = (SELECT c.fact_id FROM review r JOIN card c ON c.id = r.card_id "
    "                 WHERE r.id = ?1) AND ?3 = ?3";
static const char sql_undo_unbury_fact[] =
    "DELETE FROM buried_fact WHERE card_id = 0 AND ?1 = ?1 AND ?2 = ?2 AND ?3 = ?3";
static const char sql_undo_delete[] = "DELETE FROM review WHERE id = ?1 AND ?2 = ?2 AND ?3 = ?3";

int recite_store_review_undo(struct recite_store *st, int64_t review_id, int64_t day_start,
                             struct recite_error *err)
{
    int rc = recite_store_begin(st, err);
    if (rc < 0)
        return rc;
    if ((rc = bind_exec2(st, sql_undo_restore, review_id, 0, 0, "cannot undo", err)) < 0)
        goto out;
    if (sqlite3_changes(st->db) != 1) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no answer %lld to undo",
                              (long long)review_id);
        goto out;
    }
    if ((rc = bind_exec2(st, sql_undo_unbury, review_id, day_start, 0, "cannot undo", err)) < 0 ||
        (rc = bind_exec2(st, sql_undo_rebury, review_id, day_start, 0, "cannot undo", err)) < 0 ||
        (rc = bind_exec2(st, sql_undo_unbury_fact, 0, 0, 0, "cannot undo", err)) < 0)
        goto out;
    if ((rc = bind_exec2(st, sql_undo_delete, review_id, 0, 0, "cannot undo", err)) < 0)
        goto out;
    rc = recite_store_commit(st, err);
out:
    if (rc < 0)
        recite_store_rollback(st);
    return rc;
}

static const char sql_card_set_suspended[] =
    "UPDATE card SET suspended = ?2 WHERE id = ?1 AND ?3 = ?3";

int recite_store_card_suspend(struct recite_store *st, int64_t card_id, int suspension,
                              struct recite_error *err)
{
    int rc = bind_exec2(st, sql_card_set_suspended, card_id, suspension, 0, "cannot suspend the card",
                        err);
    if (rc == 0 && sqlite3_changes(st->db) != 1)
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no card %lld", (long long)card_id);
    return rc;
}

/* Suspensions a student may see and lift: their own and leeches, never a retirement. */
#define LIFTABLE "c.suspended IN (1, 3) AND f.retired = 0 "
static const char sql_cards_suspended[] =
    "SELECT " CARD_COLUMNS CARD_JOINS "WHERE b.slug = ?1 AND " LIFTABLE "ORDER BY f.position, c.id";
static const char sql_cards_matching[] =
    "SELECT count(*) " CARD_JOINS "WHERE b.slug = ?1 AND f.retired = 0 "
    "AND (?2 IS NULL OR f.key = ?2) AND (?3 IS NULL OR c.template = ?3)";
static const char sql_cards_unsuspend[] =
    "UPDATE card SET suspended = 0 WHERE id IN (SELECT c.id " CARD_JOINS
    "WHERE b.slug = ?1 AND " LIFTABLE "AND (?2 IS NULL OR f.key = ?2) "
    "AND (?3 IS NULL OR c.template = ?3))";

int recite_store_cards_suspended(struct recite_store *st, const char *bank_slug,
                                 struct recite_card_row **out, size_t *count,
                                 struct recite_error *err)
{
    sqlite3_stmt *stmt;
    void *rows = NULL;
    *out = NULL;
    *count = 0;
    int rc = stmt_get(st, sql_cards_suspended, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, bank_slug, -1, SQLITE_STATIC);
    rc = collect_rows(st, stmt, read_card_row_into, sizeof(**out), &rows, count, "suspended cards",
                      err);
    if (rc < 0) {
        free(rows);
        *count = 0;
        return rc;
    }
    *out = rows;
    return 0;
}

/* Binds a selection of cards to ?1 bank, ?2 fact key, ?3 template (NULL: any). */
static void bind_selection(sqlite3_stmt *stmt, const struct recite_card_selection *sel)
{
    sqlite3_bind_text(stmt, 1, sel->bank_slug, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, sel->fact_key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, sel->template_name, -1, SQLITE_STATIC);
}

int recite_store_cards_unsuspend(struct recite_store *st, const struct recite_card_selection *sel,
                                 size_t *out_count, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    size_t matching = 0;
    *out_count = 0;
    int rc = stmt_get(st, sql_cards_matching, &stmt, err);
    if (rc < 0)
        return rc;
    bind_selection(stmt, sel);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        matching = (size_t)sqlite3_column_int64(stmt, 0);
    else
        rc = db_error(st, err, "cannot read cards");
    stmt_done(stmt);
    if (rc < 0)
        return rc;
    if (matching == 0 && sel->fact_key)
        return recite_error_set(err, RECITE_ENOTFOUND, "bank '%s' has no card '%s%s%s'",
                                sel->bank_slug, sel->fact_key, sel->template_name ? "/" : "",
                                sel->template_name ? sel->template_name : "");
    if ((rc = stmt_get(st, sql_cards_unsuspend, &stmt, err)) < 0)
        return rc;
    bind_selection(stmt, sel);
    if ((rc = step_done(st, stmt, err, "cannot unsuspend cards")) == 0)
        *out_count = (size_t)sqlite3_changes(st->db);
    return rc;
}

static const char sql_review_counts[] =
    "SELECT count(*), coalesce(sum(json_extract(r.state_before, '$.state') = 0), 0) "
    "FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id "
    "JOIN bank b ON b.id = f.bank_id WHERE r.at >= ?1 AND (?2 IS NULL OR b.slug = ?2)";

/* The n_out counts of sql, given ?1 = a and, where the statement has it, ?2 = slug. */
static int count_query(struct recite_store *st, const char *sql, int64_t a, const char *slug,
                       size_t *out, size_t n_out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, a);
    if (sqlite3_bind_parameter_count(stmt) >= 2)
        sqlite3_bind_text(stmt, 2, slug, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        for (size_t i = 0; i < n_out; i++)
            out[i] = (size_t)sqlite3_column_int64(stmt, (int)i);
    } else {
        rc = db_error(st, err, "cannot count cards");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_review_counts(struct recite_store *st, const char *bank_slug, int64_t since,
                               size_t *out_reviews, size_t *out_new, struct recite_error *err)
{
    size_t v[2] = {0, 0};
    int rc = count_query(st, sql_review_counts, since, bank_slug, v, 2, err);
    *out_reviews = v[0];
    *out_new = v[1];
    return rc;
}

/*
 * Counts of cards due by ?1 (of bank ?2 in the _bank form): ranges of the
 * due-card index. Every bank: the index alone. The learning count is asked
 * before every card while the learning cards pile up, so it must not read a
 * fact and a bank row per learning card.
 */
static const char sql_learning_count_all[] =
    "SELECT count(*) FROM card INDEXED BY card_learning WHERE " LEARNING_CARD " AND due <= ?1";
static const char sql_learning_count_bank[] =
    "SELECT count(*) " CARD_JOINS
    "WHERE c.suspended = 0 AND c.state IN (1, 3) AND c.due <= ?1 AND b.slug = ?2";
/* Cards due by a time whatever their burial: a card buried today is due again tomorrow. */
static const char sql_due_by_all[] =
    "SELECT count(*) FROM card WHERE suspended = 0 AND state IN (1, 2, 3) AND due <= ?1";
static const char sql_due_by_bank[] =
    "SELECT count(*) FROM card WHERE suspended = 0 AND state IN (1, 2, 3) AND due <= ?1 "
    "AND fact_id IN (SELECT f.id FROM fact f JOIN bank b ON b.id = f.bank_id WHERE b.slug = ?2)";

int recite_store_learning_count(struct recite_store *st, const char *bank_slug, int64_t until,
                                size_t *out, struct recite_error *err)
{
    return count_query(st, bank_slug ? sql_learning_count_bank : sql_learning_count_all, until,
                       bank_slug, out, 1, err);
}

int recite_store_due_by(struct recite_store *st, const char *bank_slug, int64_t until,
                        size_t *out, struct recite_error *err)
{
    return count_query(st, bank_slug ? sql_due_by_bank : sql_due_by_all, until, bank_slug, out, 1,
                       err);
}

/* ---- statistics ---- */

#define STATS_BANK_FILTER "(?2 IS NULL OR b.slug = ?2)"

static const char sql_stats_hours[] =
    "SELECT h.hour, h.kind, sum(h.reviews), sum(h.passed), sum(h.duration_ms) "
    "FROM review_hour h JOIN bank b ON b.id = h.bank_id "
    "WHERE h.hour >= ?1 / 3600000 AND " STATS_BANK_FILTER " AND h.reviews > 0 "
    "GROUP BY h.hour, h.kind ORDER BY h.hour, h.kind";
static const char sql_stats_today[] =
    "SELECT count(*), coalesce(sum(r.duration_ms), 0) "
    "FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id "
    "JOIN bank b ON b.id = f.bank_id WHERE r.at >= ?1 AND " STATS_BANK_FILTER;
/*
 * The card scan merges two covering indexes read in fact id order, so
 * neither table is touched: the facts of the bank with their tags, and
 * every card's state.
 */
static const char sql_stats_scan_facts[] =
    "SELECT id, retired, tags FROM fact INDEXED BY fact_stats "
    "WHERE ?1 = ?1 AND (?2 IS NULL OR bank_id = (SELECT id FROM bank WHERE slug = ?2)) "
    "ORDER BY id";
static const char sql_stats_scan_cards[] =
    "SELECT fact_id, state, suspended, due, " BURIED_UNTIL("card") ", stability "
    "FROM card INDEXED BY card_stats WHERE ?1 = ?1 AND ?2 IS ?2 ORDER BY fact_id";
#define STATS_CARD_COLUMNS                                                                         \
    "SELECT c.uid, b.slug, f.key, c.template, c.reps, c.lapses, c.state, c.suspended, "           \
    "c.stability, c.difficulty "
static const char sql_stats_leeches[] =
    STATS_CARD_COLUMNS CARD_JOINS "WHERE c.suspended = 3 AND " STATS_BANK_FILTER
    " ORDER BY c.lapses DESC, c.difficulty DESC, c.uid LIMIT ?1";
static const char sql_stats_hardest[] =
    STATS_CARD_COLUMNS CARD_JOINS "WHERE c.suspended = 0 AND c.state != 0 AND c.lapses > 0 AND "
    STATS_BANK_FILTER " ORDER BY c.lapses DESC, c.difficulty DESC LIMIT ?1";
static const char sql_stats_quiz_items[] =
    "SELECT s.id, i.card_uid, i.prompt, i.credit FROM session s "
    "JOIN session_item i ON i.session_id = s.id LEFT JOIN bank b ON b.id = s.bank_id "
    "WHERE s.kind = 'quiz' AND s.ended IS NOT NULL AND i.status != 2 AND ?1 = ?1 AND "
    STATS_BANK_FILTER
    " ORDER BY s.id, i.seq";

/* Binds ?1 (an integer) and ?2 (a bank slug or NULL) of a statistics query. */
static int stats_prepare(struct recite_store *st, const char *sql, int64_t value,
                         const char *bank_slug, sqlite3_stmt **out, struct recite_error *err)
{
    int rc = stmt_get(st, sql, out, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(*out, 1, value);
    sqlite3_bind_text(*out, 2, bank_slug, -1, SQLITE_STATIC);
    return 0;
}

/* Grows *rows (of size elem) so that one more fits. */
static int grow(void **rows, size_t elem, size_t n, size_t *cap, struct recite_error *err)
{
    if (recite_grow(rows, cap, n + 1, elem) < 0)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    return 0;
}

int recite_store_stats_hours(struct recite_store *st, const char *bank_slug, int64_t since_ms,
                             struct recite_stats_hour **out, size_t *out_count,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stats_prepare(st, sql_stats_hours, since_ms, bank_slug, &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_stats_hour *rows = NULL;
    size_t n = 0, cap = 0;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if ((rc = grow((void **)&rows, sizeof(*rows), n, &cap, err)) < 0)
            break;
        rows[n++] = (struct recite_stats_hour){
            .hour = sqlite3_column_int64(stmt, 0),
            .kind = sqlite3_column_int(stmt, 1),
            .reviews = (size_t)sqlite3_column_int64(stmt, 2),
            .passed = (size_t)sqlite3_column_int64(stmt, 3),
            .duration_ms = sqlite3_column_int64(stmt, 4),
        };
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read the review statistics");
    stmt_done(stmt);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    *out = rows;
    *out_count = n;
    return 0;
}

int recite_store_stats_today(struct recite_store *st, const char *bank_slug, int64_t since_ms,
                             size_t *out_reviews, int64_t *out_duration_ms,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stats_prepare(st, sql_stats_today, since_ms, bank_slug, &stmt, err);
    if (rc < 0)
        return rc;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        *out_reviews = (size_t)sqlite3_column_int64(stmt, 0);
        *out_duration_ms = sqlite3_column_int64(stmt, 1);
    } else {
        rc = db_error(st, err, "cannot count today's answers");
    }
    stmt_done(stmt);
    return rc;
}

/* Steps the fact cursor to the first fact with id >= fact_id; false at its end. */
static bool scan_facts_to(sqlite3_stmt *facts, int *step, int64_t fact_id)
{
    while (*step == SQLITE_ROW && sqlite3_column_int64(facts, 0) < fact_id)
        *step = sqlite3_step(facts);
    return *step == SQLITE_ROW;
}

int recite_store_stats_scan_cards(struct recite_store *st, const char *bank_slug,
                                  int (*each)(void *ctx,
                                              const struct recite_stats_card_state *card),
                                  void *ctx, struct recite_error *err)
{
    sqlite3_stmt *facts = NULL, *cards = NULL;
    int rc = stats_prepare(st, sql_stats_scan_facts, 0, bank_slug, &facts, err);
    if (rc == 0)
        rc = stats_prepare(st, sql_stats_scan_cards, 0, bank_slug, &cards, err);
    int fact_step = rc == 0 ? sqlite3_step(facts) : SQLITE_DONE, card_step = SQLITE_DONE;
    struct recite_stats_card_state card = {.fact_id = -1};
    while (rc == 0 && (card_step = sqlite3_step(cards)) == SQLITE_ROW) {
        int64_t fact_id = sqlite3_column_int64(cards, 0);
        if (fact_id != card.fact_id) {
            if (!scan_facts_to(facts, &fact_step, fact_id))
                break;
            const char *tags = (const char *)sqlite3_column_text(facts, 2);
            card.fact_id = sqlite3_column_int64(facts, 0);
            card.tags = tags ? tags : "";
            card.retired = sqlite3_column_int(facts, 1) != 0;
        }
        if (card.fact_id != fact_id)
            continue; /* a card of another bank */
        card = (struct recite_stats_card_state){
            .fact_id = fact_id,
            .tags = card.tags,
            .retired = card.retired,
            .state = sqlite3_column_int(cards, 1),
            .suspended = sqlite3_column_int(cards, 2),
            .due = sqlite3_column_int64(cards, 3),
            .buried_until = sqlite3_column_int64(cards, 4),
            .stability = sqlite3_column_double(cards, 5),
        };
        if ((rc = each(ctx, &card)) < 0)
            recite_error_set(err, rc, "statistics scan stopped");
    }
    if (rc == 0 && ((fact_step != SQLITE_ROW && fact_step != SQLITE_DONE) ||
                    (card_step != SQLITE_ROW && card_step != SQLITE_DONE)))
        rc = db_error(st, err, "cannot read cards for statistics");
    stmt_done(facts);
    stmt_done(cards);
    return rc;
}

static void read_stats_card(sqlite3_stmt *stmt, struct recite_stats_card *card)
{
    memset(card, 0, sizeof(*card));
    snprintf(card->uid, sizeof(card->uid), "%s", (const char *)sqlite3_column_text(stmt, 0));
    snprintf(card->bank_slug, sizeof(card->bank_slug), "%s",
             (const char *)sqlite3_column_text(stmt, 1));
    snprintf(card->fact_key, sizeof(card->fact_key), "%s",
             (const char *)sqlite3_column_text(stmt, 2));
    snprintf(card->template_name, sizeof(card->template_name), "%s",
             (const char *)sqlite3_column_text(stmt, 3));
    card->reps = sqlite3_column_int(stmt, 4);
    card->lapses = sqlite3_column_int(stmt, 5);
    card->state = sqlite3_column_int(stmt, 6);
    card->suspended = sqlite3_column_int(stmt, 7);
    card->stability = sqlite3_column_double(stmt, 8);
    card->difficulty = sqlite3_column_double(stmt, 9);
}

int recite_store_stats_cards(struct recite_store *st, const char *bank_slug,
                             enum recite_stats_card_list list, size_t limit,
                             struct recite_stats_card **out, size_t *out_count,
                             struct recite_error *err)
{
    const char *sql = list == RECITE_STATS_LEECHES ? sql_stats_leeches : sql_stats_hardest;
    sqlite3_stmt *stmt;
    int rc = stats_prepare(st, sql, limit > INT64_MAX ? INT64_MAX : (int64_t)limit, bank_slug,
                           &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_stats_card *rows = NULL;
    size_t n = 0, cap = 0;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if ((rc = grow((void **)&rows, sizeof(*rows), n, &cap, err)) < 0)
            break;
        read_stats_card(stmt, &rows[n++]);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read cards for statistics");
    stmt_done(stmt);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    *out = rows;
    *out_count = n;
    return 0;
}

int recite_store_stats_quiz_items(struct recite_store *st, const char *bank_slug,
                                  struct recite_stats_item_row **out, size_t *out_count,
                                  struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stats_prepare(st, sql_stats_quiz_items, 0, bank_slug, &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_stats_item_row *rows = NULL;
    size_t n = 0, cap = 0;
    bool oom = false;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if ((rc = grow((void **)&rows, sizeof(*rows), n, &cap, err)) < 0)
            break;
        rows[n++] = (struct recite_stats_item_row){
            sqlite3_column_int64(stmt, 0), column_strdup(stmt, 1, &oom),
            column_strdup(stmt, 2, &oom), sqlite3_column_double(stmt, 3)};
    }
    if (rc == 0 && oom)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read quiz items");
    stmt_done(stmt);
    if (rc < 0) {
        recite_stats_item_rows_free(rows, n);
        return rc;
    }
    *out = rows;
    *out_count = n;
    return 0;
}

void recite_stats_item_rows_free(struct recite_stats_item_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++) {
        free(rows[i].card_uid);
        free(rows[i].prompt);
    }
    free(rows);
}

/* ======== banks ======== */

/*
 * Storage of banks, their sources, facts and cards: what an import writes and
 * what export, listing and bank views read back.
 */

/* ---- banks, facts and cards (bank import, export, list) ---- */

static const char sql_bank_lookup[] = "SELECT id, hash FROM bank WHERE slug = ?";
static const char sql_bank_insert[] =
    "INSERT INTO bank (slug, title, version, language, hash, canonical, imported_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_bank_update[] =
    "UPDATE bank SET title = ?2, version = ?3, language = ?4, hash = ?5, canonical = ?6, "
    "imported_at = ?7 WHERE slug = ?1";
static const char sql_bank_info[] =
    "SELECT b.slug, b.title, b.version, b.language, b.hash, b.imported_at,"
    " (SELECT count(*) FROM fact f WHERE f.bank_id = b.id AND NOT f.retired),"
    " (SELECT count(*) FROM fact f WHERE f.bank_id = b.id AND f.retired),"
    " (SELECT count(*) FROM card c JOIN fact f ON f.id = c.fact_id"
    "   WHERE f.bank_id = b.id AND NOT f.retired),"
    " (SELECT count(*) FROM card c JOIN fact f ON f.id = c.fact_id"
    "   WHERE f.bank_id = b.id AND c.suspended != 0) "
    "FROM bank b WHERE ?1 IS NULL OR b.slug = ?1 ORDER BY b.slug";
static const char sql_bank_count[] = "SELECT count(*) FROM bank";
static const char sql_bank_canonical[] = "SELECT canonical FROM bank WHERE slug = ?";
static const char sql_bank_remove[] = "DELETE FROM bank WHERE slug = ?";
static const char sql_bank_origin[] = "SELECT format, signer FROM bank WHERE slug = ?";
static const char sql_bank_origin_set[] = "UPDATE bank SET format = ?2, signer = ?3 WHERE slug = ?1";
static const char sql_sources_clear[] = "DELETE FROM source WHERE bank_id = ?";
static const char sql_source_add[] = "INSERT INTO source (bank_id, sid, title) VALUES (?, ?, ?)";
#define FACT_COLUMNS                                                                               \
    "id, key, kind, body, tags, cite, position, retired, year, span_first, span_last "
static const char sql_fact_rows[] = "SELECT " FACT_COLUMNS "FROM fact WHERE bank_id = ? ORDER BY key";
static const char sql_fact_get[] = "SELECT " FACT_COLUMNS "FROM fact WHERE id = ?";
static const char sql_fact_find[] =
    "SELECT " FACT_COLUMNS "FROM fact WHERE bank_id = ? AND key = ? AND NOT retired";
static const char sql_fact_each[] = "SELECT " FACT_COLUMNS "FROM fact "
                                    "WHERE bank_id = ? AND kind = ? AND retired = 0 "
                                    "ORDER BY position";
/* Reads fact_kind alone: no fact body is touched. */
static const char sql_fact_refs[] = "SELECT id, year, span_first, span_last FROM fact "
                                    "WHERE bank_id = ? AND kind = ? AND retired = 0 "
                                    "ORDER BY position";
static const char sql_bank_header[] =
    "SELECT id, title, version, language FROM bank WHERE slug = ?";
static const char sql_bank_sources[] = "SELECT sid, title FROM source WHERE bank_id = ? ORDER BY sid";
static const char sql_fact_insert[] =
    "INSERT INTO fact (bank_id, key, kind, body, tags, cite, position, year, span_first, "
    "span_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_fact_update[] =
    "UPDATE fact SET kind = ?2, body = ?3, tags = ?4, cite = ?5, position = ?6, retired = 0, "
    "year = ?7, span_first = ?8, span_last = ?9 WHERE id = ?1";
static const char sql_fact_retire[] = "UPDATE fact SET retired = 1 WHERE id = ?";
/* A card a student suspended (1) or a leech (3) keeps its own reason. */
static const char sql_fact_cards_retire[] =
    "UPDATE card SET suspended = 2 WHERE fact_id = ? AND suspended = 0";
static const char sql_card_ensure[] =
    "INSERT INTO card (uid, fact_id, template, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (uid) DO NOTHING";
static const char sql_fact_cards[] = "SELECT id, template, suspended FROM card WHERE fact_id = ?";
static const char sql_card_suspend[] = "UPDATE card SET suspended = ? WHERE id = ?";
static const char sql_card_find[] =
    "SELECT c.id, c.fact_id, b.slug, f.key, c.template, c.suspended "
    "FROM card c JOIN fact f ON f.id = c.fact_id JOIN bank b ON b.id = f.bank_id "
    "WHERE c.uid = ?";

int recite_store_bank_lookup(struct recite_store *st, const char *slug, int64_t *out_id,
                             char out_hash[65], struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_lookup, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        *out_id = sqlite3_column_int64(stmt, 0);
        snprintf(out_hash, 65, "%s", (const char *)sqlite3_column_text(stmt, 1));
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    } else {
        rc = db_error(st, err, "cannot look up a bank");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_upsert(struct recite_store *st, const struct recite_bank_row *row,
                             int64_t *out_id, bool *out_created, struct recite_error *err)
{
    char hash[65];
    int rc = recite_store_bank_lookup(st, row->slug, out_id, hash, err);
    if (rc < 0 && rc != RECITE_ENOTFOUND)
        return rc;
    bool created = rc == RECITE_ENOTFOUND;
    cache_for_bulk(st); /* the bank's facts and cards follow */
    sqlite3_stmt *stmt;
    if ((rc = stmt_get(st, created ? sql_bank_insert : sql_bank_update, &stmt, err)) < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, row->slug, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, row->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, row->version, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, row->language, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, row->hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, row->canonical, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 7, row->imported_at);
    if ((rc = step_done(st, stmt, err, "cannot store a bank")) < 0)
        return rc;
    if (created)
        *out_id = sqlite3_last_insert_rowid(st->db);
    if (out_created)
        *out_created = created;
    return 0;
}

int recite_store_bank_origin(struct recite_store *st, const char *slug,
                             struct recite_bank_origin *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_origin, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        snprintf(out->format, sizeof(out->format), "%s", (const char *)sqlite3_column_text(stmt, 0));
        snprintf(out->signer, sizeof(out->signer), "%s", (const char *)sqlite3_column_text(stmt, 1));
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    } else {
        rc = db_error(st, err, "cannot read where a bank came from");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_origin_set(struct recite_store *st, const char *slug,
                                 const struct recite_bank_origin *origin, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_origin_set, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, origin->format, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, origin->signer, -1, SQLITE_STATIC);
    return step_done(st, stmt, err, "cannot record where a bank came from");
}

static int bank_info_read(sqlite3_stmt *stmt, struct recite_bank_info *out)
{
    bool oom = false;
    memset(out, 0, sizeof(*out));
    out->slug = column_strdup(stmt, 0, &oom);
    out->title = column_strdup(stmt, 1, &oom);
    out->version = column_strdup(stmt, 2, &oom);
    out->language = column_strdup(stmt, 3, &oom);
    out->hash = column_strdup(stmt, 4, &oom);
    out->imported_at = sqlite3_column_int64(stmt, 5);
    out->fact_count = (size_t)sqlite3_column_int64(stmt, 6);
    out->retired_count = (size_t)sqlite3_column_int64(stmt, 7);
    out->card_count = (size_t)sqlite3_column_int64(stmt, 8);
    out->suspended_count = (size_t)sqlite3_column_int64(stmt, 9);
    if (oom) {
        recite_bank_info_release(out);
        return RECITE_ENOMEM;
    }
    return 0;
}

void recite_bank_info_release(struct recite_bank_info *info)
{
    if (!info)
        return;
    free(info->slug);
    free(info->title);
    free(info->version);
    free(info->language);
    free(info->hash);
    memset(info, 0, sizeof(*info));
}

void recite_bank_infos_free(struct recite_bank_info *infos, size_t count)
{
    for (size_t i = 0; infos && i < count; i++)
        recite_bank_info_release(&infos[i]);
    free(infos);
}

int recite_store_bank_list(struct recite_store *st, struct recite_bank_info **out,
                           size_t *out_count, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_info, &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_bank_info *infos = NULL;
    size_t n = 0;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct recite_bank_info *grown = realloc(infos, (n + 1) * sizeof(*grown));
        if (!grown || bank_info_read(stmt, &grown[n]) < 0) {
            infos = grown ? grown : infos;
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
            break;
        }
        infos = grown;
        n++;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot list banks");
    stmt_done(stmt);
    if (rc < 0) {
        recite_bank_infos_free(infos, n);
        return rc;
    }
    *out = infos;
    *out_count = n;
    return 0;
}

int recite_store_bank_get(struct recite_store *st, const char *slug,
                          struct recite_bank_info *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_info, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW)
        rc = bank_info_read(stmt, out) < 0 ? recite_error_set(err, RECITE_ENOMEM, "out of memory")
                                           : 0;
    else if (step == SQLITE_DONE)
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    else
        rc = db_error(st, err, "cannot read a bank");
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_count(struct recite_store *st, size_t *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_count, &stmt, err);
    if (rc < 0)
        return rc;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        *out = (size_t)sqlite3_column_int64(stmt, 0);
    else
        rc = db_error(st, err, "cannot count banks");
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_canonical(struct recite_store *st, const char *slug, char **out,
                                struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_canonical, &stmt, err);
    if (rc < 0)
        return rc;
    *out = NULL;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    bool oom = false;
    if (step == SQLITE_ROW) {
        *out = column_strdup(stmt, 0, &oom);
        if (oom || !*out)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    } else {
        rc = db_error(st, err, "cannot read a bank");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_bank_remove(struct recite_store *st, const char *slug, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_remove, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    if ((rc = step_done(st, stmt, err, "cannot remove a bank")) < 0)
        return rc;
    if (sqlite3_changes(st->db) == 0)
        return recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    return 0;
}

int recite_store_bank_sources_clear(struct recite_store *st, int64_t bank_id,
                                    struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_sources_clear, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    return step_done(st, stmt, err, "cannot clear sources");
}

int recite_store_source_add(struct recite_store *st, int64_t bank_id, const char *sid,
                            const char *title, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_source_add, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, sid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, title, -1, SQLITE_STATIC);
    return step_done(st, stmt, err, "cannot store a source");
}

void recite_fact_row_release(struct recite_fact_row *row)
{
    free(row->key);
    free(row->kind);
    free(row->body);
    free(row->tags);
    free(row->cite);
    memset(row, 0, sizeof(*row));
}

void recite_fact_rows_free(struct recite_fact_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++)
        recite_fact_row_release(&rows[i]);
    free(rows);
}

/* Reads a row of FACT_COLUMNS; *oom is set when a copy failed. */
static void fact_row_read(sqlite3_stmt *stmt, struct recite_fact_row *row, bool *oom)
{
    row->id = sqlite3_column_int64(stmt, 0);
    row->key = column_strdup(stmt, 1, oom);
    row->kind = column_strdup(stmt, 2, oom);
    row->body = column_strdup(stmt, 3, oom);
    row->tags = column_strdup(stmt, 4, oom);
    row->cite = column_strdup(stmt, 5, oom);
    row->position = sqlite3_column_int64(stmt, 6);
    row->retired = sqlite3_column_int(stmt, 7) != 0;
    row->year = sqlite3_column_int(stmt, 8);
    row->span_first = sqlite3_column_int64(stmt, 9);
    row->span_last = sqlite3_column_int64(stmt, 10);
}

static void fact_row_take(sqlite3_stmt *stmt, void *into, bool *oom)
{
    fact_row_read(stmt, into, oom);
}

int recite_store_fact_rows(struct recite_store *st, int64_t bank_id, struct recite_fact_row **out,
                           size_t *out_count, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_rows, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    void *rows = NULL;
    size_t n = 0;
    if ((rc = collect_rows(st, stmt, fact_row_take, sizeof(**out), &rows, &n, "facts", err)) < 0) {
        recite_fact_rows_free(rows, n);
        return rc;
    }
    *out = rows;
    *out_count = n;
    return 0;
}

int recite_store_fact_insert(struct recite_store *st, int64_t bank_id,
                             const struct recite_fact_row *row, int64_t *out_id,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_insert, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, row->key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, row->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, row->body, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, row->tags, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, row->cite, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 7, row->position);
    sqlite3_bind_int(stmt, 8, row->year);
    sqlite3_bind_int64(stmt, 9, row->span_first);
    sqlite3_bind_int64(stmt, 10, row->span_last);
    if ((rc = step_done(st, stmt, err, "cannot store a fact")) < 0)
        return rc;
    *out_id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int recite_store_fact_update(struct recite_store *st, const struct recite_fact_row *row,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_update, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, row->id);
    sqlite3_bind_text(stmt, 2, row->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, row->body, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, row->tags, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, row->cite, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 6, row->position);
    sqlite3_bind_int(stmt, 7, row->year);
    sqlite3_bind_int64(stmt, 8, row->span_first);
    sqlite3_bind_int64(stmt, 9, row->span_last);
    return step_done(st, stmt, err, "cannot update a fact");
}

/* Steps a query of one fact row into *out; what names the query for errors. */
static int fact_row_one(struct recite_store *st, sqlite3_stmt *stmt, struct recite_fact_row *out,
                        const char *what, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    bool oom = false;
    int rc = 0;
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        fact_row_read(stmt, out, &oom);
        if (oom || !out->key || !out->kind || !out->body || !out->tags || !out->cite)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no such fact");
    } else {
        rc = db_error(st, err, what);
    }
    stmt_done(stmt);
    if (rc < 0)
        recite_fact_row_release(out);
    return rc;
}

int recite_store_fact_get(struct recite_store *st, int64_t fact_id, struct recite_fact_row *out,
                          struct recite_error *err)
{
    sqlite3_stmt *stmt;
    memset(out, 0, sizeof(*out));
    int rc = stmt_get(st, sql_fact_get, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, fact_id);
    return fact_row_one(st, stmt, out, "cannot read a fact", err);
}

int recite_store_fact_find(struct recite_store *st, int64_t bank_id, const char *key,
                           struct recite_fact_row *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    memset(out, 0, sizeof(*out));
    int rc = stmt_get(st, sql_fact_find, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, key, -1, SQLITE_STATIC);
    return fact_row_one(st, stmt, out, "cannot read a fact", err);
}

int recite_store_fact_each(struct recite_store *st, int64_t bank_id, const char *kind,
                           int (*fn)(void *ctx, const struct recite_fact_row *row), void *ctx,
                           struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_each, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct recite_fact_row row = {0};
        bool oom = false;
        fact_row_read(stmt, &row, &oom);
        rc = oom || !row.key || !row.kind || !row.body || !row.tags || !row.cite
                 ? recite_error_set(err, RECITE_ENOMEM, "out of memory")
                 : fn(ctx, &row);
        recite_fact_row_release(&row);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read facts");
    stmt_done(stmt);
    return rc;
}

static void fact_ref_read(sqlite3_stmt *stmt, void *into, bool *oom)
{
    (void)oom;
    *(struct recite_fact_ref *)into = (struct recite_fact_ref){
        sqlite3_column_int64(stmt, 0), sqlite3_column_int(stmt, 1),
        sqlite3_column_int64(stmt, 2), sqlite3_column_int64(stmt, 3)};
}

int recite_store_fact_refs(struct recite_store *st, int64_t bank_id, const char *kind,
                           struct recite_fact_ref **out, size_t *out_count,
                           struct recite_error *err)
{
    sqlite3_stmt *stmt;
    *out = NULL;
    *out_count = 0;
    int rc = stmt_get(st, sql_fact_refs, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
    void *refs = NULL;
    size_t n = 0;
    if ((rc = collect_rows(st, stmt, fact_ref_read, sizeof(**out), &refs, &n, "facts", err)) < 0) {
        free(refs);
        return rc;
    }
    *out = refs;
    *out_count = n;
    return 0;
}

int recite_store_bank_sources(struct recite_store *st, int64_t bank_id,
                              int (*each)(void *ctx, const char *id, const char *title),
                              void *ctx, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_sources, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW)
        rc = each(ctx, (const char *)sqlite3_column_text(stmt, 0),
                  (const char *)sqlite3_column_text(stmt, 1));
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read sources");
    stmt_done(stmt);
    return rc;
}

void recite_bank_head_release(struct recite_bank_head *head)
{
    free(head->title);
    free(head->version);
    free(head->language);
    memset(head, 0, sizeof(*head));
}

int recite_store_bank_header(struct recite_store *st, const char *slug,
                             struct recite_bank_head *out, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    memset(out, 0, sizeof(*out));
    int rc = stmt_get(st, sql_bank_header, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        bool oom = false;
        out->id = sqlite3_column_int64(stmt, 0);
        out->title = column_strdup(stmt, 1, &oom);
        out->version = column_strdup(stmt, 2, &oom);
        out->language = column_strdup(stmt, 3, &oom);
        if (oom) {
            recite_bank_head_release(out);
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    } else {
        rc = db_error(st, err, "cannot read a bank");
    }
    stmt_done(stmt);
    return rc;
}

static const char sql_fact_ranks[] =
    "UPDATE fact SET kind_rank = r.k FROM (SELECT id, row_number() OVER "
    "  (PARTITION BY kind ORDER BY position, id) - 1 AS k FROM fact "
    "  WHERE bank_id = ?1 AND retired = 0) AS r WHERE fact.id = r.id AND fact.kind_rank != r.k";

int recite_store_fact_ranks(struct recite_store *st, int64_t bank_id, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_ranks, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    return step_done(st, stmt, err, "cannot rank a bank's facts");
}

int recite_store_fact_retire(struct recite_store *st, int64_t fact_id, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_retire, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, fact_id);
    if ((rc = step_done(st, stmt, err, "cannot retire a fact")) < 0)
        return rc;
    if ((rc = stmt_get(st, sql_fact_cards_retire, &stmt, err)) < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, fact_id);
    return step_done(st, stmt, err, "cannot suspend a retired fact's cards");
}

int recite_store_card_ensure(struct recite_store *st, int64_t fact_id, const char *uid,
                             const char *template_name, int64_t now_ms, bool *out_added,
                             struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_ensure, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, fact_id);
    sqlite3_bind_text(stmt, 3, template_name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, now_ms);
    if ((rc = step_done(st, stmt, err, "cannot store a card")) < 0)
        return rc;
    if (out_added)
        *out_added = sqlite3_changes(st->db) > 0;
    return 0;
}

static int card_set_suspended(struct recite_store *st, int64_t card_id, int value,
                              struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_suspend, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int(stmt, 1, value);
    sqlite3_bind_int64(stmt, 2, card_id);
    return step_done(st, stmt, err, "cannot suspend a card");
}

struct suspension {
    int64_t card_id;
    int value;
};

int recite_store_fact_cards_sync(struct recite_store *st, int64_t fact_id,
                                 const char *const *templates, size_t template_count,
                                 struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_fact_cards, &stmt, err);
    if (rc < 0)
        return rc;
    /* Collect first: updating while the SELECT is open would re-read rows. */
    struct suspension *changes = NULL;
    size_t n = 0;
    int step;
    sqlite3_bind_int64(stmt, 1, fact_id);
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *template_name = (const char *)sqlite3_column_text(stmt, 1);
        int suspended = sqlite3_column_int(stmt, 2);
        bool live = false;
        for (size_t i = 0; i < template_count && !live; i++)
            live = strcmp(templates[i], template_name) == 0;
        if (live == (suspended != 2))
            continue;
        struct suspension *grown = realloc(changes, (n + 1) * sizeof(*grown));
        if (!grown) {
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
            break;
        }
        changes = grown;
        changes[n++] = (struct suspension){sqlite3_column_int64(stmt, 0), live ? 0 : 2};
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read a fact's cards");
    stmt_done(stmt);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = card_set_suspended(st, changes[i].card_id, changes[i].value, err);
    free(changes);
    return rc;
}

void recite_card_ref_release(struct recite_card_ref *ref)
{
    if (!ref)
        return;
    free(ref->bank_slug);
    free(ref->fact_key);
    free(ref->template_name);
    memset(ref, 0, sizeof(*ref));
}

int recite_store_card_find(struct recite_store *st, const char *uid, struct recite_card_ref *out,
                           struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_find, &stmt, err);
    if (rc < 0)
        return rc;
    memset(out, 0, sizeof(*out));
    sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    bool oom = false;
    if (step == SQLITE_ROW) {
        out->card_id = sqlite3_column_int64(stmt, 0);
        out->fact_id = sqlite3_column_int64(stmt, 1);
        out->bank_slug = column_strdup(stmt, 2, &oom);
        out->fact_key = column_strdup(stmt, 3, &oom);
        out->template_name = column_strdup(stmt, 4, &oom);
        out->suspended = sqlite3_column_int(stmt, 5);
        if (oom) {
            recite_card_ref_release(out);
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no card '%s'", uid);
    } else {
        rc = db_error(st, err, "cannot find a card");
    }
    stmt_done(stmt);
    return rc;
}

/*
 * Reviews as the bank area needs them: appending one row (tests prove that
 * re-importing keeps history) and counting a card's rows.
 */
static const char sql_review_append[] =
    "INSERT INTO review (card_id, session_id, at, rating, answer, credit, duration_ms, "
    "state_before, state_after) "
    "VALUES ((SELECT id FROM card WHERE uid = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_review_count[] =
    "SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id WHERE c.uid = ?";

int recite_store_review_append(struct recite_store *st, const struct recite_review_row *row,
                               int64_t *out_id, struct recite_error *err)
{
    struct recite_card_ref ref;
    int rc = recite_store_card_find(st, row->card_uid, &ref, err);
    if (rc < 0)
        return rc;
    recite_card_ref_release(&ref);
    sqlite3_stmt *stmt;
    if ((rc = stmt_get(st, sql_review_append, &stmt, err)) < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, row->card_uid, -1, SQLITE_STATIC);
    if (row->session_id)
        sqlite3_bind_int64(stmt, 2, row->session_id);
    sqlite3_bind_int64(stmt, 3, row->at_ms);
    sqlite3_bind_int(stmt, 4, row->rating);
    sqlite3_bind_text(stmt, 5, row->answer ? row->answer : "", -1, SQLITE_STATIC);
    sqlite3_bind_double(stmt, 6, row->credit);
    sqlite3_bind_int64(stmt, 7, row->duration_ms);
    sqlite3_bind_text(stmt, 8, row->state_before ? row->state_before : "{}", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 9, row->state_after ? row->state_after : "{}", -1, SQLITE_STATIC);
    if ((rc = step_done(st, stmt, err, "cannot record a review")) < 0)
        return rc;
    if (out_id)
        *out_id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int recite_store_card_review_count(struct recite_store *st, const char *uid, size_t *out,
                                   struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_review_count, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        *out = (size_t)sqlite3_column_int64(stmt, 0);
    else
        rc = db_error(st, err, "cannot count reviews");
    stmt_done(stmt);
    return rc;
}

/*
 * What is kept with a bank and built from it (the judge's lexicon, the card
 * notes): one table each, of the same shape, read only while the bank's
 * hash is the one it was built from.
 */
struct kept {
    const char *table, *get, *put, *missing, *unread, *unkept;
};

/* get: whether the row is there, kept for the bank as it stands; its bytes are read after. */
static const struct kept kept_lexicon = {
    "lexicon",
    "SELECT 1 FROM lexicon l JOIN bank b ON b.id = l.bank_id AND b.hash = l.bank_hash "
    "WHERE l.bank_id = ?1 AND l.format = ?2",
    "INSERT OR REPLACE INTO lexicon (bank_id, bank_hash, format, data) "
    "SELECT id, hash, ?3, ?4 FROM bank WHERE id = ?1 AND hash = ?2",
    "no lexicon kept for this bank", "cannot read a bank's lexicon",
    "cannot keep a bank's lexicon"};
static const struct kept kept_card_notes = {
    "card_notes",
    "SELECT 1 FROM card_notes l JOIN bank b ON b.id = l.bank_id AND b.hash = l.bank_hash "
    "WHERE l.bank_id = ?1 AND l.format = ?2",
    "INSERT OR REPLACE INTO card_notes (bank_id, bank_hash, format, data) "
    "SELECT id, hash, ?3, ?4 FROM bank WHERE id = ?1 AND hash = ?2",
    "no card notes kept for this bank", "cannot read a bank's card notes",
    "cannot keep a bank's card notes"};

static const struct kept kept_fact_refs = {
    "fact_refs",
    "SELECT 1 FROM fact_refs l JOIN bank b ON b.id = l.bank_id AND b.hash = l.bank_hash "
    "WHERE l.bank_id = ?1 AND l.format = ?2",
    "INSERT OR REPLACE INTO fact_refs (bank_id, bank_hash, format, data) "
    "SELECT id, hash, ?3, ?4 FROM bank WHERE id = ?1 AND hash = ?2",
    "no fact references kept for this bank", "cannot read a bank's fact references",
    "cannot keep a bank's fact references"};

static int kept_get(struct recite_store *st, const struct kept *k, int64_t bank_id,
                    const char *format, unsigned char **out, size_t *len,
                    struct recite_error *err)
{
    *out = NULL;
    *len = 0;
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, k->get, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, format, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_DONE)
        rc = recite_error_set(err, RECITE_ENOTFOUND, "%s", k->missing);
    else if (step != SQLITE_ROW)
        rc = db_error(st, err, k->unread);
    stmt_done(stmt);
    if (rc < 0)
        return rc;
    /*
     * Megabytes, read straight into the caller's buffer: through a column
     * they were assembled in SQLite's memory first, one more copy of every
     * page (a third of a session start's page faults).
     */
    sqlite3_blob *blob = NULL;
    if (sqlite3_blob_open(st->db, "main", k->table, "data", bank_id, 0, &blob) != SQLITE_OK) {
        rc = db_error(st, err, k->unread);
        sqlite3_blob_close(blob);
        return rc;
    }
    size_t n = (size_t)sqlite3_blob_bytes(blob);
    *out = malloc(n + RECITE_STORE_KEPT_PAD);
    if (!*out)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    else if (n && sqlite3_blob_read(blob, *out, (int)n, 0) != SQLITE_OK)
        rc = db_error(st, err, k->unread);
    sqlite3_blob_close(blob);
    if (rc < 0) {
        free(*out);
        *out = NULL;
        return rc;
    }
    memset(*out + n, 0, RECITE_STORE_KEPT_PAD);
    *len = n;
    return 0;
}

static int kept_put(struct recite_store *st, const struct kept *k, int64_t bank_id,
                    const char *hash, const char *format, const unsigned char *data, size_t len,
                    struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, k->put, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, bank_id);
    sqlite3_bind_text(stmt, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, format, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(stmt, 4, data, len, SQLITE_STATIC);
    return step_done(st, stmt, err, k->unkept);
}

/* By enum recite_kept. */
static const struct kept *const kept_kinds[] = {&kept_lexicon, &kept_card_notes, &kept_fact_refs};

int recite_store_kept_get(struct recite_store *st, enum recite_kept kind, int64_t bank_id,
                          const char *format, unsigned char **out, size_t *len,
                          struct recite_error *err)
{
    return kept_get(st, kept_kinds[kind], bank_id, format, out, len, err);
}

int recite_store_kept_put(struct recite_store *st, enum recite_kept kind, int64_t bank_id,
                          const char *hash, const char *format, const unsigned char *data,
                          size_t len, struct recite_error *err)
{
    return kept_put(st, kept_kinds[kind], bank_id, hash, format, data, len, err);
}

/* ======== config ======== */

/*
 * Storage of configuration values, of the scheduler parameters kept per
 * bank as configuration, and the review log read for fitting them.
 */

/* ---- configuration ---- */

static const char sql_config_get[] = "SELECT value FROM config WHERE key = ?";
static const char sql_config_set[] =
    "INSERT INTO config (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

int recite_store_config_get(struct recite_store *st, const char *key, char **out,
                            struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_config_get, &stmt, err);
    if (rc < 0)
        return rc;
    *out = NULL;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        *out = recite_strdup((const char *)sqlite3_column_text(stmt, 0));
        if (!*out)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    } else if (step != SQLITE_DONE) {
        rc = db_error(st, err, "cannot read configuration");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_config_set(struct recite_store *st, const char *key, const char *value,
                            struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_config_set, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot write configuration");
    stmt_done(stmt);
    return rc;
}

/* ---- scheduler parameters ---- */

/* The config key of a bank's parameters: "sched.<slug>", or "sched" for the default. */
static char *sched_key(const char *bank_slug)
{
    if (!bank_slug)
        return recite_strdup("sched");
    size_t size = strlen(bank_slug) + sizeof("sched.");
    char *key = malloc(size);
    if (key)
        snprintf(key, size, "sched.%s", bank_slug);
    return key;
}

int recite_store_sched_params_get(struct recite_store *st, const char *bank_slug,
                                  struct recite_sched_params *out, struct recite_error *err)
{
    char *key = sched_key(bank_slug);
    char *json = NULL;
    if (!key)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    int rc = recite_store_config_get(st, key, &json, err);
    if (rc == 0 && !json && bank_slug)
        rc = recite_store_config_get(st, "sched", &json, err);
    if (rc == 0 && json)
        rc = recite_sched_params_from_json(out, json, err);
    else if (rc == 0)
        recite_sched_params_default(out);
    free(json);
    free(key);
    return rc;
}

int recite_store_sched_params_set(struct recite_store *st, const char *bank_slug,
                                  const struct recite_sched_params *params,
                                  struct recite_error *err)
{
    char *key = sched_key(bank_slug);
    char *json = recite_sched_params_to_json(params);
    int rc = 0;
    if (!key || !json)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    else
        rc = recite_store_config_set(st, key, json, err);
    free(json);
    free(key);
    return rc;
}

/*
 * The review log for fitting: card, time, rating and the state before, in
 * time order. A review without a recorded state counts as a Review.
 */
static const char sql_revlog[] =
    "SELECT r.card_id, r.at, r.rating, coalesce(json_extract(r.state_before, '$.state'), 2) "
    "FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id "
    "JOIN bank b ON b.id = f.bank_id "
    "WHERE r.rating BETWEEN 1 AND 4 AND (?1 IS NULL OR b.slug = ?1) ORDER BY r.at, r.id";

int recite_store_revlog_read(struct recite_store *st, const char *bank_slug,
                             struct recite_revlog *log, struct recite_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(st->db, sql_revlog, -1, &stmt, NULL) != SQLITE_OK)
        return db_error(st, err, "cannot read the review log");
    sqlite3_bind_text(stmt, 1, bank_slug, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct recite_revlog_entry e = {sqlite3_column_int64(stmt, 0),
                                        sqlite3_column_int64(stmt, 1),
                                        sqlite3_column_int(stmt, 2), sqlite3_column_int(stmt, 3)};
        rc = recite_revlog_push(log, &e, err);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read the review log");
    sqlite3_finalize(stmt);
    return rc;
}

/* ======== keys ======== */

/*
 * Storage of what score files and trusted keys need: a bank's identity and
 * the trusted instructor keys.
 */

/* ---- score files and trusted keys ---- */

static const char sql_bank_ident[] = "SELECT version, hash FROM bank WHERE slug = ?";
/* A key id names one key: another key under a trusted id changes nothing (and is refused). */
static const char sql_trusted_key_add[] =
    "INSERT INTO trusted_key (keyid, pubkey, comment, added_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (keyid) DO UPDATE SET comment = excluded.comment "
    "WHERE pubkey = excluded.pubkey";
static const char sql_trusted_keys[] =
    "SELECT keyid, pubkey, comment FROM trusted_key ORDER BY keyid";

int recite_store_bank_ident(struct recite_store *st, const char *slug, char **out_version,
                            char **out_hash, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_bank_ident, &stmt, err);
    if (rc < 0)
        return rc;
    *out_version = *out_hash = NULL;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int step = sqlite3_step(stmt);
    bool oom = false;
    if (step == SQLITE_ROW) {
        *out_version = column_strdup(stmt, 0, &oom);
        *out_hash = column_strdup(stmt, 1, &oom);
        if (oom || !*out_version || !*out_hash) {
            free(*out_version);
            free(*out_hash);
            *out_version = *out_hash = NULL;
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
    } else if (step == SQLITE_DONE) {
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no bank '%s'", slug);
    } else {
        rc = db_error(st, err, "cannot read a bank");
    }
    stmt_done(stmt);
    return rc;
}

int recite_store_trusted_key_add(struct recite_store *st, const char *keyid_hex,
                                 const char *pubkey, const char *comment, int64_t added_ms,
                                 struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_trusted_key_add, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, keyid_hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, pubkey, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, comment ? comment : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, added_ms);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        rc = db_error(st, err, "cannot record a trusted key");
    else if (sqlite3_changes(st->db) == 0)
        rc = recite_error_set(err, RECITE_EEXISTS, "another key with key id %s is trusted",
                              keyid_hex);
    stmt_done(stmt);
    return rc;
}

int recite_store_trusted_keys(struct recite_store *st,
                              int (*fn)(void *ctx, const char *keyid_hex, const char *pubkey,
                                        const char *comment),
                              void *ctx, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_trusted_keys, &stmt, err);
    if (rc < 0)
        return rc;
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        rc = fn(ctx, (const char *)sqlite3_column_text(stmt, 0),
                (const char *)sqlite3_column_text(stmt, 1),
                (const char *)sqlite3_column_text(stmt, 2));
        if (rc != 0)
            break;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read trusted keys");
    stmt_done(stmt);
    return rc;
}

/* ======== replay ======== */

/*
 * A history from elsewhere (an Anki package's review log) appended to the
 * review log in bulk: one prepared insert, the card states formatted here,
 * and the hourly totals added once at the end instead of by the per-row
 * trigger. The rows read exactly as recite_store_review_commit() writes them.
 */

/* Writes the decimal digits of v at p; returns the end. */
static char *put_digits(char *p, int64_t v)
{
    char digits[24];
    size_t len = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[len++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *p++ = '-';
    while (len)
        *p++ = digits[--len];
    return p;
}

/* Appends name and the decimal digits of v at p; returns the end. */
static char *put_int(char *p, const char *name, int64_t v)
{
    size_t n = strlen(name);
    memcpy(p, name, n);
    return put_digits(p + n, v);
}

/*
 * Writes v at p as SQLite prints a real ("%!.15g"); returns the end. A value
 * of at most 8 decimals below 1e7 (FSRS rounds stability and difficulty to
 * 8 decimals) is the double nearest a decimal of at most 15 digits, which
 * "%.15g" prints as that decimal, its trailing zeros dropped and ".0" kept
 * when nothing follows the point; anything else goes through SQLite's printf.
 */
static char *put_real_digits(char *p, double v)
{
    double scaled = v * 1e8;
    if (v > 0 ? v >= 1e-4 && v < 1e7 : v == 0 && !signbit(v)) {
        int64_t units = (int64_t)llround(scaled);
        if ((double)units / 1e8 == v) {
            int64_t whole = units / 100000000, frac = units % 100000000;
            p = put_digits(p, whole);
            *p++ = '.';
            int width = 8;
            for (; width > 1 && frac % 10 == 0; width--)
                frac /= 10;
            for (int i = width - 1; i >= 0; i--, frac /= 10)
                p[i] = (char)('0' + frac % 10);
            return p + width;
        }
    }
    sqlite3_snprintf(32, p, "%!.15g", v);
    return p + strlen(p);
}

static char *put_real(char *p, const char *name, double v)
{
    size_t n = strlen(name);
    memcpy(p, name, n);
    return put_real_digits(p + n, v);
}

/*
 * A card state as CARD_STATE_JSON (above) writes it, byte for byte:
 * json_object() prints an integer in decimal and a real as "%!.15g" does
 * in sqlite3_snprintf(). Formatting here spares json_object's eleven
 * function calls and allocations per state. Returns the length.
 */
int store_state_json(char *buf, const struct recite_sched_card *c, int suspended)
{
    char *p = put_int(buf, "{\"state\":", c->state);
    p = put_int(p, ",\"due\":", c->due);
    p = put_real(p, ",\"stability\":", c->stability);
    p = put_real(p, ",\"difficulty\":", c->difficulty);
    p = put_int(p, ",\"elapsed_days\":", c->elapsed_days);
    p = put_int(p, ",\"scheduled_days\":", c->scheduled_days);
    p = put_int(p, ",\"reps\":", c->reps);
    p = put_int(p, ",\"lapses\":", c->lapses);
    p = put_int(p, ",\"step\":", c->step);
    if (c->last_review) {
        p = put_int(p, ",\"last_review\":", c->last_review);
    } else {
        memcpy(p, ",\"last_review\":null", 19);
        p += 19;
    }
    p = put_int(p, ",\"suspended\":", suspended);
    *p++ = '}';
    *p = '\0';
    return (int)(p - buf);
}

/* The statistics kind of an answer from the state before it; REVIEW_KIND (above) in C. */
static int review_kind(const struct recite_sched_card *before)
{
    if (before->state == 0)
        return 0;
    if (before->state == 2)
        return before->scheduled_days >= 21 ? 3 : 2;
    return 1;
}

/* The answers of one bank in one hour of one kind, as a review_hour row counts them. */
struct hour_total {
    int64_t bank_id, hour;
    int kind;
    int64_t reviews, passed, duration_ms;
};

struct card_bank {
    int64_t card_id, bank_id;
};

static int cmp_card_bank(const void *a, const void *b)
{
    int64_t x = ((const struct card_bank *)a)->card_id;
    int64_t y = ((const struct card_bank *)b)->card_id;
    return (x > y) - (x < y);
}

static int cmp_hour_total(const void *a, const void *b)
{
    const struct hour_total *x = a, *y = b;
    if (x->bank_id != y->bank_id)
        return x->bank_id < y->bank_id ? -1 : 1;
    if (x->hour != y->hour)
        return x->hour < y->hour ? -1 : 1;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

static const char sql_card_bank[] =
    "SELECT f.bank_id FROM card c JOIN fact f ON f.id = c.fact_id WHERE c.id = ?1";

/* Fills cards[0..*count) with the distinct cards of the answers, sorted, and their banks. */
static int card_banks(struct recite_store *st, const struct recite_replayed_answer *answers,
                      size_t count, struct card_bank *cards, size_t *out_count,
                      struct recite_error *err)
{
    for (size_t i = 0; i < count; i++)
        cards[i] = (struct card_bank){answers[i].card_id, 0};
    if (count > 1) /* qsort's array may not be NULL, even empty */
        qsort(cards, count, sizeof(*cards), cmp_card_bank);
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (n == 0 || cards[n - 1].card_id != cards[i].card_id)
            cards[n++] = cards[i];
    *out_count = n;
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_bank, &stmt, err);
    for (size_t i = 0; i < n && rc == 0; i++) {
        sqlite3_bind_int64(stmt, 1, cards[i].card_id);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            cards[i].bank_id = sqlite3_column_int64(stmt, 0);
        else
            rc = db_error(st, err, "cannot find the bank of an answered card");
        sqlite3_reset(stmt);
    }
    return rc;
}

static const char sql_review_hour_add[] =
    "INSERT INTO review_hour (bank_id, hour, kind, reviews, passed, duration_ms) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (hour, bank_id, kind) DO UPDATE SET reviews = reviews + excluded.reviews, "
    "  passed = passed + excluded.passed, duration_ms = duration_ms + excluded.duration_ms";

/* Adds the sorted totals, one row per bank, hour and kind. */
static int hour_totals_add(struct recite_store *st, const struct hour_total *totals, size_t count,
                           struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_review_hour_add, &stmt, err);
    for (size_t i = 0; i < count && rc == 0;) {
        struct hour_total sum = totals[i++];
        for (; i < count && cmp_hour_total(&sum, &totals[i]) == 0; i++) {
            sum.reviews += totals[i].reviews;
            sum.passed += totals[i].passed;
            sum.duration_ms += totals[i].duration_ms;
        }
        sqlite3_bind_int64(stmt, 1, sum.bank_id);
        sqlite3_bind_int64(stmt, 2, sum.hour);
        sqlite3_bind_int(stmt, 3, sum.kind);
        sqlite3_bind_int64(stmt, 4, sum.reviews);
        sqlite3_bind_int64(stmt, 5, sum.passed);
        sqlite3_bind_int64(stmt, 6, sum.duration_ms);
        rc = step_done(st, stmt, err, "cannot count the answers by hour");
    }
    return rc;
}

/* The distinct cards of a replay, sorted, with their banks. */
struct replay_cards {
    struct card_bank *items;
    size_t count;
};

static size_t card_index(const struct replay_cards *cards, int64_t card_id)
{
    struct card_bank key = {card_id, 0};
    const struct card_bank *found =
        bsearch(&key, cards->items, cards->count, sizeof(key), cmp_card_bank);
    return found ? (size_t)(found - cards->items) : SIZE_MAX;
}

/* What the review_hour_add trigger would have added for these answers. */
static int review_hours_add(struct recite_store *st, const struct recite_replayed_answer *answers,
                            size_t count, const struct replay_cards *cards,
                            struct recite_error *err)
{
    struct hour_total *totals = malloc((count + 1) * sizeof(*totals));
    if (!totals)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        const struct recite_replayed_answer *a = &answers[i];
        size_t card = card_index(cards, a->card_id);
        /* SQL integer division truncates toward zero, as C's does */
        totals[i] = (struct hour_total){
            .bank_id = card != SIZE_MAX ? cards->items[card].bank_id : 0,
            .hour = a->at / 3600000,
            .kind = review_kind(a->before),
            .reviews = 1,
            .passed = a->rating >= 2,
            .duration_ms = a->duration_ms,
        };
    }
    if (count > 1)
        qsort(totals, count, sizeof(*totals), cmp_hour_total);
    int rc = hour_totals_add(st, totals, count, err);
    free(totals);
    return rc;
}

/* A card's latest state after, as text: usually the state before its next answer. */
struct state_text {
    struct recite_sched_card state;
    int suspended;
    int len; /* 0: none yet */
    char text[STORE_STATE_JSON_MAX];
};

static bool same_state(const struct recite_sched_card *a, const struct recite_sched_card *b)
{
    return a->due == b->due && a->stability == b->stability && a->difficulty == b->difficulty &&
           a->elapsed_days == b->elapsed_days && a->scheduled_days == b->scheduled_days &&
           a->reps == b->reps && a->lapses == b->lapses && a->step == b->step &&
           a->state == b->state && a->last_review == b->last_review;
}

/* Binds answer a's state before as text, from its card's last state after when that is it. */
static void bind_before(sqlite3_stmt *stmt, const struct recite_replayed_answer *a,
                        const struct state_text *last, char *buf)
{
    if (last && last->len && last->suspended == a->suspended && same_state(&last->state, a->before))
        sqlite3_bind_text(stmt, 6, last->text, last->len, SQLITE_TRANSIENT);
    else
        sqlite3_bind_text(stmt, 6, buf, store_state_json(buf, a->before, a->suspended),
                          SQLITE_STATIC);
}

static const char sql_review_replay[] =
    "INSERT OR ROLLBACK INTO review (card_id, at, rating, answer, credit, duration_ms, "
    "state_before, state_after) VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7)";

static int reviews_insert(struct recite_store *st, const struct recite_replayed_answer *answers,
                          size_t count, const struct replay_cards *cards, struct recite_error *err)
{
    struct state_text *last = calloc(cards->count + 1, sizeof(*last));
    struct state_text spare;
    char before[STORE_STATE_JSON_MAX];
    sqlite3_stmt *stmt = NULL;
    int rc = last ? stmt_get(st, sql_review_replay, &stmt, err)
                  : recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < count && rc == 0; i++) {
        const struct recite_replayed_answer *a = &answers[i];
        size_t card = card_index(cards, a->card_id);
        struct state_text *after = card != SIZE_MAX ? &last[card] : &spare;
        sqlite3_bind_int64(stmt, 1, a->card_id);
        sqlite3_bind_int64(stmt, 2, a->at);
        sqlite3_bind_int(stmt, 3, a->rating);
        sqlite3_bind_double(stmt, 4, a->credit);
        sqlite3_bind_int64(stmt, 5, a->duration_ms);
        bind_before(stmt, a, card != SIZE_MAX ? after : NULL, before);
        after->state = *a->after;
        after->suspended = a->suspended;
        after->len = store_state_json(after->text, a->after, a->suspended);
        sqlite3_bind_text(stmt, 7, after->text, after->len, SQLITE_STATIC);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            rc = db_error(st, err, "cannot record the answers");
        sqlite3_reset(stmt);
    }
    if (stmt)
        sqlite3_clear_bindings(stmt);
    free(last);
    return rc;
}

/* The answers' distinct cards and their banks into *cards. */
static int replay_cards_find(struct recite_store *st, const struct recite_replayed_answer *answers,
                             size_t count, struct replay_cards *cards, struct recite_error *err)
{
    if (!(cards->items = malloc((count + 1) * sizeof(*cards->items))))
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    return card_banks(st, answers, count, cards->items, &cards->count, err);
}

int recite_store_reviews_replay(struct recite_store *st,
                                const struct recite_replayed_answer *answers, size_t count,
                                struct recite_error *err)
{
    int rc = recite_store_begin(st, err);
    if (rc < 0)
        return rc;
    struct replay_cards cards = {0};
    rc = replay_cards_find(st, answers, count, &cards, err);
    int off = 0;
    if (rc == 0 && sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &off) != SQLITE_OK)
        rc = db_error(st, err, "cannot replay the answers");
    if (rc == 0)
        rc = reviews_insert(st, answers, count, &cards, err);
    int on = 1;
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &on);
    if (rc == 0 && on != 1)
        rc = db_error(st, err, "cannot replay the answers");
    if (rc == 0)
        rc = review_hours_add(st, answers, count, &cards, err);
    free(cards.items);
    if (rc == 0)
        return recite_store_commit(st, err);
    recite_store_rollback(st);
    return rc;
}

/* The review loop's card update without the leech rule and RETURNING a replay has no use for. */
static const char sql_card_state_set[] =
    "UPDATE card SET due = ?2, stability = ?3, difficulty = ?4, elapsed_days = ?5, "
    "scheduled_days = ?6, reps = ?7, lapses = ?8, step = ?9, state = ?10, last_review = ?11 "
    "WHERE id = ?1";

int recite_store_card_state_set(struct recite_store *st, const struct recite_card_row *row,
                                struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_card_state_set, &stmt, err);
    if (rc < 0)
        return rc;
    store_bind_schedule(stmt, row->id, row);
    return step_done(st, stmt, err, "cannot update the card");
}

/* The review log's secondary indexes dropped for a bulk load, as SQL to build them again. */
struct recite_review_bulk {
    char *create_sql; /* the indexes' CREATE statements, each ending in ';' */
};

static const char sql_review_count_below[] = "SELECT count(*) FROM (SELECT 1 FROM review LIMIT ?1)";
static const char sql_review_indexes[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review' "
    "AND sql IS NOT NULL ORDER BY name";

/* Whether the log holds fewer answers than count: then rebuilding its indexes pays off. */
static int log_smaller(struct recite_store *st, size_t count, bool *smaller,
                       struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_review_count_below, &stmt, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)count);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        *smaller = sqlite3_column_int64(stmt, 0) < (sqlite3_int64)count;
    else
        rc = db_error(st, err, "cannot read the answer log");
    stmt_done(stmt);
    return rc;
}

/* Drops each secondary index of the log, keeping its CREATE statement in *sql. */
static int indexes_drop(struct recite_store *st, struct recite_buf *sql, struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_review_indexes, &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_buf drop = {0};
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        recite_buf_addf(sql, "%s;", (const char *)sqlite3_column_text(stmt, 1));
        /* an index name read from the schema, quoted as an identifier */
        char *one = sqlite3_mprintf("DROP INDEX \"%w\";", name);
        if (one)
            recite_buf_adds(&drop, one);
        else
            drop.oom = true;
        sqlite3_free(one);
    }
    if (step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read the answer log's indexes");
    stmt_done(stmt);
    if (rc == 0 && (drop.oom || sql->oom))
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if (rc == 0 && drop.len && sqlite3_exec(st->db, drop.data, NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(st, err, "cannot prepare the answer log for a bulk load");
    recite_buf_free(&drop);
    return rc;
}

int recite_store_reviews_bulk_begin(struct recite_store *st, size_t count,
                                    struct recite_review_bulk **out, struct recite_error *err)
{
    *out = NULL;
    if (st->tx_depth == 0)
        return recite_error_set(err, RECITE_EINTERNAL, "a bulk load needs an open transaction");
    cache_for_bulk(st);
    bool smaller = false;
    int rc = log_smaller(st, count, &smaller, err);
    if (rc < 0 || !smaller)
        return rc;
    struct recite_buf sql = {0};
    if ((rc = indexes_drop(st, &sql, err)) < 0) {
        recite_buf_free(&sql);
        return rc;
    }
    struct recite_review_bulk *bulk = malloc(sizeof(*bulk));
    if (!bulk) {
        recite_buf_free(&sql);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    bulk->create_sql = sql.data;
    *out = bulk;
    return 0;
}

int recite_store_reviews_bulk_end(struct recite_store *st, struct recite_review_bulk *bulk,
                                  bool build, struct recite_error *err)
{
    if (!bulk)
        return 0;
    int rc = 0;
    if (build && bulk->create_sql &&
        sqlite3_exec(st->db, bulk->create_sql, NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(st, err, "cannot index the answer log");
    free(bulk->create_sql);
    free(bulk);
    return rc;
}

/* ======== anki ======== */

/*
 * Anki collections (store_anki.h): a package's database image opened in
 * memory (sqlite3_deserialize) and read into rows, and rows written into an
 * in-memory database of Anki's schema 18, serialized to the bytes of its
 * file. Every value is bound; nothing is built with printf.
 */

/* Anki's "unicase" collation, which its schema names; ASCII case is enough for the rows written. */
static int unicase_ascii(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    int n = na < nb ? na : nb;
    int c = strncasecmp(a, b, (size_t)n);
    return c ? c : (na > nb) - (na < nb);
}

/* Anki's schema 18 (rslib/src/storage/schema11.sql and its upgrades). */
static const char schema[] =
    "PRAGMA page_size = 4096; PRAGMA legacy_file_format = OFF; PRAGMA journal_mode = DELETE;"
    "CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,"
    " scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,"
    " ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,"
    " dconf text NOT NULL, tags text NOT NULL);"
    "CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,"
    " mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,"
    " sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL,"
    " data text NOT NULL);"
    "CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,"
    " ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,"
    " queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL,"
    " factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL,"
    " left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,"
    " flags integer NOT NULL, data text NOT NULL);"
    "CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,"
    " ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL,"
    " factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);"
    "CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);"
    "CREATE TABLE deck_config (id integer PRIMARY KEY NOT NULL,"
    " name text NOT NULL COLLATE unicase, mtime_secs integer NOT NULL,"
    " usn integer NOT NULL, config blob NOT NULL);"
    "CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL,"
    " mtime_secs integer NOT NULL, val blob NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL,"
    " config blob NOT NULL, PRIMARY KEY (ntid, ord)) WITHOUT ROWID;"
    "CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL,"
    " mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL,"
    " PRIMARY KEY (ntid, ord)) WITHOUT ROWID;"
    "CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL,"
    " mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);"
    "CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL,"
    " mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL,"
    " kind blob NOT NULL);"
    "CREATE TABLE tags (tag text NOT NULL PRIMARY KEY COLLATE unicase, usn integer NOT NULL,"
    " collapsed boolean NOT NULL, config blob NULL) WITHOUT ROWID;"
    "CREATE INDEX ix_notes_usn ON notes (usn);"
    "CREATE INDEX ix_cards_usn ON cards (usn);"
    "CREATE INDEX ix_revlog_usn ON revlog (usn);"
    "CREATE INDEX ix_cards_nid ON cards (nid);"
    "CREATE INDEX ix_cards_sched ON cards (did, queue, due);"
    "CREATE INDEX ix_revlog_cid ON revlog (cid);"
    "CREATE INDEX ix_notes_csum ON notes (csum);"
    "CREATE INDEX idx_fields_name_ntid ON fields (name, ntid);"
    "CREATE INDEX idx_templates_name_ntid ON templates (name, ntid);"
    "CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);"
    "CREATE UNIQUE INDEX idx_decks_name ON decks (name);"
    "INSERT INTO col VALUES (1, 1600000000, 0, 0, 18, 0, 0, 0, '', '', '', '', '');";

static int write_fail(sqlite3 *db, const char *what, struct recite_error *err)
{
    return recite_error_set(err, RECITE_EINTERNAL, "cannot write the collection: %s (%s)", what,
                            sqlite3_errmsg(db));
}

/* Runs sql binding: i int64, t text, b blob (pointer and size_t). */
static int run(sqlite3 *db, struct recite_error *err, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return write_fail(db, "prepare", err);
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 'i') {
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
        } else if (types[i] == 't') {
            sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
        } else {
            const void *p = va_arg(ap, const void *);
            size_t n = va_arg(ap, size_t);
            sqlite3_bind_blob(st, i + 1, n ? p : "", (int)n, SQLITE_TRANSIENT);
        }
    }
    va_end(ap);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : write_fail(db, "insert", err);
    sqlite3_finalize(st);
    return rc;
}

static int write_types(sqlite3 *db, const struct anki_out_collection *c, struct recite_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < c->notetype_count && rc == 0; i++) {
        const struct anki_out_notetype *t = &c->notetypes[i];
        rc = run(db, err, "INSERT INTO notetypes VALUES (?, ?, ?, 0, ?)", "itib", t->id, t->name,
                 c->mtime_secs, t->config, t->config_len);
    }
    for (size_t i = 0; i < c->field_count && rc == 0; i++) {
        const struct anki_out_field *f = &c->fields[i];
        rc = run(db, err, "INSERT INTO fields VALUES (?, ?, ?, x'')", "iit", f->notetype_id, f->ord,
                 f->name);
    }
    for (size_t i = 0; i < c->template_count && rc == 0; i++) {
        const struct anki_out_template *t = &c->templates[i];
        rc = run(db, err, "INSERT INTO templates VALUES (?, ?, ?, ?, 0, ?)", "iitib",
                 t->notetype_id, t->ord, t->name, c->mtime_secs, t->config, t->config_len);
    }
    if (rc == 0)
        rc = run(db, err, "INSERT INTO deck_config VALUES (1, 'Default', ?, 0, x'')", "i",
                 c->mtime_secs);
    for (size_t i = 0; i < c->deck_count && rc == 0; i++) {
        const struct anki_out_deck *d = &c->decks[i];
        rc = run(db, err, "INSERT INTO decks VALUES (?, ?, ?, 0, x'', ?)", "itib", d->id, d->name,
                 c->mtime_secs, d->kind, d->kind_len);
    }
    return rc;
}

static int write_notes(sqlite3 *db, const struct anki_out_collection *c, struct recite_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < c->note_count && rc == 0; i++) {
        const struct anki_out_note *n = &c->notes[i];
        rc = run(db, err, "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')", "itiitti",
                 n->id, n->guid, n->notetype_id, c->mtime_secs, n->tags, n->fields, n->sort_field);
    }
    for (size_t i = 0; i < c->card_count && rc == 0; i++) {
        const struct anki_out_card *k = &c->cards[i];
        rc = run(db, err,
                 "INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)",
                 "iiiiiiiiiiiit", k->id, k->note_id, k->deck_id, k->ord, c->mtime_secs, k->type,
                 k->queue, k->due, k->interval, k->factor, k->reps, k->lapses, k->data);
    }
    for (size_t i = 0; i < c->review_count && rc == 0; i++) {
        const struct anki_out_review *r = &c->reviews[i];
        rc = run(db, err, "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, 2500, 0, ?)", "iiiiii",
                 r->id, r->card_id, r->ease, r->interval, r->last_interval, r->type);
    }
    return rc;
}

int store_anki_write(unsigned char **out, size_t *len, const struct anki_out_collection *c,
                     struct recite_error *err)
{
    *out = NULL;
    *len = 0;
    sqlite3 *db = NULL;
    int rc = 0;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
        SQLITE_OK) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    sqlite3_create_collation(db, "unicase", SQLITE_UTF8, NULL, unicase_ascii);
    if (sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        rc = write_fail(db, "schema", err);
    if (rc == 0)
        rc = write_types(db, c, err);
    if (rc == 0)
        rc = write_notes(db, c, err);
    if (rc == 0 && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = write_fail(db, "commit", err);
    if (rc == 0) {
        sqlite3_int64 n = 0;
        unsigned char *image = sqlite3_serialize(db, "main", &n, 0);
        *out = image ? malloc(n ? (size_t)n : 1) : NULL;
        if (*out) {
            memcpy(*out, image, (size_t)n);
            *len = (size_t)n;
        } else {
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
        sqlite3_free(image);
    }
out:
    sqlite3_close(db);
    return rc;
}

/* ---- reading a collection ---- */

/* Anki's "unicase" collation: case-insensitive by Unicode case folding. */
static int unicase(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    utf8proc_uint8_t *fa = NULL, *fb = NULL;
    utf8proc_ssize_t la =
        utf8proc_map((const utf8proc_uint8_t *)a, na, &fa, UTF8PROC_CASEFOLD | UTF8PROC_STABLE);
    utf8proc_ssize_t lb =
        utf8proc_map((const utf8proc_uint8_t *)b, nb, &fb, UTF8PROC_CASEFOLD | UTF8PROC_STABLE);
    int c;
    if (la < 0 || lb < 0) {
        int n = na < nb ? na : nb;
        c = memcmp(a, b, (size_t)n);
        if (c == 0)
            c = na < nb ? -1 : na > nb;
    } else {
        size_t n = (size_t)(la < lb ? la : lb);
        c = memcmp(fa, fb, n);
        if (c == 0)
            c = la < lb ? -1 : la > lb;
    }
    free(fa);
    free(fb);
    return c;
}

static int read_fail(sqlite3 *db, const char *what, struct recite_error *err)
{
    return recite_error_set(err, RECITE_EDATA, "the collection cannot be read: %s (%s)", what,
                            sqlite3_errmsg(db));
}

static int read_oom(struct recite_error *err)
{
    return recite_error_set(err, RECITE_ENOMEM, "out of memory");
}

/* Column i as a new string, "" for NULL; NULL only when out of memory. */
static char *text_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return recite_strdup(s ? (const char *)s : "");
}

/* Column i as a new blob (NULL when empty); false when out of memory. */
static bool blob_dup(sqlite3_stmt *st, int i, unsigned char **out, size_t *len)
{
    const void *blob = sqlite3_column_blob(st, i);
    *len = (size_t)sqlite3_column_bytes(st, i);
    *out = NULL;
    if (!blob || !*len) {
        *len = 0;
        return true;
    }
    if (!(*out = malloc(*len)))
        return false;
    memcpy(*out, blob, *len);
    return true;
}

/* Room for one more of *items (count used, *cap allocated). */
static int room(void **items, size_t *cap, size_t count, size_t elem_size, struct recite_error *err)
{
    if (count < *cap || recite_grow(items, cap, count + 1, elem_size) == 0)
        return 0;
    return read_oom(err);
}

/* Opens a copy of the database image in memory, read-only in effect; checks its schema version. */
static int open_image(sqlite3 **db, int *version, const void *image, size_t len,
                      struct recite_error *err)
{
    if (sqlite3_open_v2(":memory:", db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
        SQLITE_OK)
        return read_oom(err);
    sqlite3_db_config(*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(*db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_create_collation(*db, "unicase", SQLITE_UTF8, NULL, unicase);
    unsigned char *copy = sqlite3_malloc64(len ? len : 1);
    if (!copy)
        return read_oom(err);
    if (len)
        memcpy(copy, image, len);
    if (len < 100 || memcmp(copy, "SQLite format 3", 16) != 0) {
        sqlite3_free(copy);
        return recite_error_set(err, RECITE_EDATA, "the collection is not an SQLite database");
    }
    /* a collection saved in WAL mode opens in memory only as a rollback-journal database */
    copy[18] = copy[19] = 1;
    if (sqlite3_deserialize(*db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
        SQLITE_OK)
        return read_fail(*db, "not a database", err);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(*db, "SELECT ver FROM col LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return read_fail(*db, "no col table", err);
    *version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (*version < 11 || *version > 18)
        return recite_error_set(err, RECITE_EDATA,
                                "the collection has schema version %d; this reads 11 to 18",
                                *version);
    return 0;
}

/* Schema 11: note types and decks are JSON in the col row. */
static int read_legacy_types(sqlite3 *db, struct anki_rows *out, struct recite_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT models, decks FROM col LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return read_fail(db, "no col table", err);
    int rc = 0;
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = read_fail(db, "no col row", err);
    else if (!(out->models_json = text_dup(st, 0)) || !(out->decks_json = text_dup(st, 1)))
        rc = read_oom(err);
    sqlite3_finalize(st);
    return rc;
}

static int take_notetype(sqlite3_stmt *st, struct anki_rows *out, size_t *cap,
                         struct recite_error *err)
{
    if (room((void **)&out->notetypes, cap, out->notetype_count, sizeof(*out->notetypes), err) < 0)
        return RECITE_ENOMEM;
    struct anki_rows_notetype *t = &out->notetypes[out->notetype_count];
    *t = (struct anki_rows_notetype){.id = sqlite3_column_int64(st, 0)};
    bool ok = (t->name = text_dup(st, 1)) != NULL && blob_dup(st, 2, &t->config, &t->config_len);
    out->notetype_count++;
    return ok ? 0 : read_oom(err);
}

static int take_field(sqlite3_stmt *st, struct anki_rows *out, size_t *cap,
                      struct recite_error *err)
{
    if (room((void **)&out->fields, cap, out->field_count, sizeof(*out->fields), err) < 0)
        return RECITE_ENOMEM;
    struct anki_rows_field *f = &out->fields[out->field_count++];
    *f = (struct anki_rows_field){sqlite3_column_int64(st, 0), text_dup(st, 2)};
    return f->name ? 0 : read_oom(err);
}

static int take_template(sqlite3_stmt *st, struct anki_rows *out, size_t *cap,
                         struct recite_error *err)
{
    if (room((void **)&out->templates, cap, out->template_count, sizeof(*out->templates), err) < 0)
        return RECITE_ENOMEM;
    struct anki_rows_template *t = &out->templates[out->template_count++];
    *t = (struct anki_rows_template){.notetype_id = sqlite3_column_int64(st, 0),
                                     .ord = sqlite3_column_int64(st, 1)};
    return blob_dup(st, 2, &t->config, &t->config_len) ? 0 : read_oom(err);
}

static int take_deck(sqlite3_stmt *st, struct anki_rows *out, size_t *cap, struct recite_error *err)
{
    if (room((void **)&out->decks, cap, out->deck_count, sizeof(*out->decks), err) < 0)
        return RECITE_ENOMEM;
    struct anki_rows_deck *d = &out->decks[out->deck_count++];
    *d = (struct anki_rows_deck){sqlite3_column_int64(st, 0), text_dup(st, 1)};
    return d->name ? 0 : read_oom(err);
}

typedef int (*take_fn)(sqlite3_stmt *st, struct anki_rows *out, size_t *cap,
                       struct recite_error *err);

/* Every row of sql, each given to take; missing names the table when sql does not prepare. */
static int read_table(sqlite3 *db, const char *sql, const char *missing, take_fn take,
                      struct anki_rows *out, struct recite_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return read_fail(db, missing, err);
    size_t cap = 0;
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
        rc = take(st, out, &cap, err);
    sqlite3_finalize(st);
    return rc;
}

/* Schema 18: notetypes, fields, templates and decks tables. */
static int read_modern_types(sqlite3 *db, struct anki_rows *out, struct recite_error *err)
{
    int rc = read_table(db, "SELECT id, name, config FROM notetypes", "no notetypes table",
                        take_notetype, out, err);
    if (rc == 0)
        rc = read_table(db, "SELECT ntid, ord, name FROM fields ORDER BY ntid, ord",
                        "no fields table", take_field, out, err);
    if (rc == 0)
        rc = read_table(db, "SELECT ntid, ord, config FROM templates", "no templates table",
                        take_template, out, err);
    if (rc == 0)
        rc = read_table(db, "SELECT id, name FROM decks", "no decks table", take_deck, out, err);
    return rc;
}

/* The cards of the note last read (cards bound to its id). */
static int read_note_cards(sqlite3_stmt *cards, struct anki_rows *out, size_t *cap,
                           struct recite_error *err)
{
    struct anki_rows_note *n = &out->notes[out->note_count - 1];
    n->first_card = out->card_count;
    sqlite3_reset(cards);
    sqlite3_bind_int64(cards, 1, n->id);
    while (sqlite3_step(cards) == SQLITE_ROW) {
        if (room((void **)&out->cards, cap, out->card_count, sizeof(*out->cards), err) < 0)
            return RECITE_ENOMEM;
        out->cards[out->card_count++] =
            (struct anki_rows_card){sqlite3_column_int64(cards, 0), sqlite3_column_int(cards, 1),
                                    sqlite3_column_int64(cards, 2)};
        n->card_count++;
    }
    return 0;
}

static int read_notes(sqlite3 *db, struct anki_rows *out, struct recite_error *err)
{
    sqlite3_stmt *notes = NULL, *cards = NULL;
    int rc = 0, step = SQLITE_DONE;
    if (sqlite3_prepare_v2(db, "SELECT id, mid, tags, flds, guid FROM notes ORDER BY id", -1,
                           &notes, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT id, ord, did FROM cards WHERE nid = ?1 ORDER BY ord", -1,
                           &cards, NULL) != SQLITE_OK) {
        rc = read_fail(db, "no notes or cards table", err);
        goto out;
    }
    size_t note_cap = 0, card_cap = 0;
    while (rc == 0 && (step = sqlite3_step(notes)) == SQLITE_ROW) {
        if ((rc = room((void **)&out->notes, &note_cap, out->note_count, sizeof(*out->notes),
                       err)) < 0)
            break;
        struct anki_rows_note *n = &out->notes[out->note_count++];
        *n = (struct anki_rows_note){.id = sqlite3_column_int64(notes, 0),
                                     .notetype_id = sqlite3_column_int64(notes, 1)};
        if (!(n->tags = text_dup(notes, 2)) || !(n->fields = text_dup(notes, 3)) ||
            !(n->guid = text_dup(notes, 4)))
            rc = read_oom(err);
        else
            rc = read_note_cards(cards, out, &card_cap, err);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = read_fail(db, "reading the notes failed", err);
out:
    sqlite3_finalize(notes);
    sqlite3_finalize(cards);
    return rc;
}

/*
 * The answers of the review log (type 0 learn, 1 review, 2 relearn, 3
 * filtered; 4 and 5 are manual) in time order. ORDER BY cid would walk the
 * cid index and fetch every row from the table by its id, several times
 * slower on a large log than this scan in id order.
 */
static int read_revlog(sqlite3 *db, struct anki_rows *out, struct recite_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT cid, id, ease, time FROM revlog WHERE ease BETWEEN 1 AND 4 "
                           "AND type BETWEEN 0 AND 3 ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return read_fail(db, "no revlog table", err);
    size_t cap = 0;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = room((void **)&out->reviews, &cap, out->review_count, sizeof(*out->reviews),
                       err)) < 0)
            break;
        out->reviews[out->review_count++] =
            (struct anki_rows_review){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                                      sqlite3_column_int64(st, 3), sqlite3_column_int(st, 2)};
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = read_fail(db, "reading the review log failed", err);
    sqlite3_finalize(st);
    return rc;
}

int store_anki_read(struct anki_rows *out, const void *image, size_t len, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    sqlite3 *db = NULL;
    int rc = open_image(&db, &out->schema, image, len, err);
    if (rc == 0)
        rc = out->schema >= 18 ? read_modern_types(db, out, err) : read_legacy_types(db, out, err);
    if (rc == 0)
        rc = read_notes(db, out, err);
    if (rc == 0)
        rc = read_revlog(db, out, err);
    sqlite3_close(db);
    if (rc < 0)
        store_anki_rows_release(out);
    return rc;
}

void store_anki_rows_release(struct anki_rows *rows)
{
    free(rows->models_json);
    free(rows->decks_json);
    for (size_t i = 0; i < rows->notetype_count; i++) {
        free(rows->notetypes[i].name);
        free(rows->notetypes[i].config);
    }
    free(rows->notetypes);
    for (size_t i = 0; i < rows->field_count; i++)
        free(rows->fields[i].name);
    free(rows->fields);
    for (size_t i = 0; i < rows->template_count; i++)
        free(rows->templates[i].config);
    free(rows->templates);
    for (size_t i = 0; i < rows->deck_count; i++)
        free(rows->decks[i].name);
    free(rows->decks);
    for (size_t i = 0; i < rows->note_count; i++) {
        free(rows->notes[i].tags);
        free(rows->notes[i].fields);
        free(rows->notes[i].guid);
    }
    free(rows->notes);
    free(rows->cards);
    free(rows->reviews);
    memset(rows, 0, sizeof(*rows));
}
