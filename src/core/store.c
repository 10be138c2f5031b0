/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The storage module: the only file that speaks SQL. The schema is an ordered
 * list of migrations; PRAGMA user_version counts how many were applied. Every
 * value is bound as a parameter, never printed into SQL text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <sqlite3.h>

#include "recite.h"
#include "store_internal.h"

/*
 * Migration i takes a database from user_version i to i + 1. Append, never
 * edit: a database in the field was built by the old text.
 */
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
    "CREATE INDEX card_next_due ON card(suspended, due);"
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
};

#define STMT_CACHE_SIZE 64

struct recite_store {
    sqlite3 *db;        /* the connection */
    char *path;         /* as given to open */
    int tx_depth;       /* nesting of recite_store_begin() */
    struct {
        const char *sql;     /* static SQL text; its address is the key */
        sqlite3_stmt *stmt;  /* prepared once, reset after each use */
    } cache[STMT_CACHE_SIZE];
};

static int db_error(struct recite_store *st, struct recite_error *err, const char *what)
{
    int ext = sqlite3_extended_errcode(st->db);
    int code = RECITE_EIO;
    if ((ext & 0xff) == SQLITE_BUSY || (ext & 0xff) == SQLITE_LOCKED)
        code = RECITE_EBUSY;
    else if ((ext & 0xff) == SQLITE_NOTADB || (ext & 0xff) == SQLITE_CORRUPT)
        code = RECITE_EDATA;
    else if ((ext & 0xff) == SQLITE_CONSTRAINT || (ext & 0xff) == SQLITE_MISUSE ||
             (ext & 0xff) == SQLITE_ERROR)
        code = RECITE_EINTERNAL;
    return recite_error_set(err, code, "%s: %s", what, sqlite3_errmsg(st->db));
}

/*
 * Returns a prepared statement for static SQL text, preparing it on first
 * use. The caller resets it with stmt_done() on every path.
 */
static int stmt_get(struct recite_store *st, const char *sql, sqlite3_stmt **out,
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

static void stmt_done(sqlite3_stmt *stmt)
{
    if (stmt) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
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

/* Applies migrations [from, to) in one transaction. */
static int migrate(struct recite_store *st, int to, struct recite_error *err)
{
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
    if (read_int_pragma(st, "PRAGMA user_version", version) != SQLITE_OK)
        return recite_error_set(err, RECITE_EDATA, "'%s' is not a recite database: %s",
                                st->path, sqlite3_errmsg(st->db));
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
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        rc = recite_error_set(err, RECITE_ECREATE, "cannot open database '%s': %s", path,
                              st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(st->db, 10000);
    int version = 0;
    if ((rc = check_identity(st, &version, err)) < 0)
        goto fail;
    /* Only now that the file is known to be ours may anything be written to it. */
    if (!memory && (rc = exec_sql(st, "PRAGMA journal_mode = WAL", err)) < 0)
        goto fail;
    if ((rc = exec_sql(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", err)) < 0)
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

int recite_store_begin(struct recite_store *st, struct recite_error *err)
{
    if (st->tx_depth++ > 0)
        return 0;
    int rc = exec_sql(st, "BEGIN IMMEDIATE", err);
    if (rc < 0)
        st->tx_depth = 0;
    return rc;
}

int recite_store_commit(struct recite_store *st, struct recite_error *err)
{
    if (st->tx_depth == 0 || --st->tx_depth > 0)
        return 0;
    int rc = exec_sql(st, "COMMIT", err);
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

static const char sql_session_begin[] =
    "INSERT INTO session (kind, bank_id, started, seed, params) "
    "VALUES (?, (SELECT id FROM bank WHERE slug = ?), ?, ?, ?)";
static const char sql_session_item_add[] =
    "INSERT INTO session_item (session_id, seq, card_uid, prompt, expected, given, credit, "
    "rating, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_session_end[] = "UPDATE session SET ended = ? WHERE id = ?";
static const char sql_session_get[] =
    "SELECT s.id, s.kind, b.slug, s.started, s.ended, s.seed, s.params "
    "FROM session s LEFT JOIN bank b ON b.id = s.bank_id "
    "WHERE (?1 != 0 AND s.id = ?1) OR (?1 = 0 AND (?2 IS NULL OR s.kind = ?2)) "
    "ORDER BY s.id DESC LIMIT 1";
static const char sql_session_items[] =
    "SELECT card_uid, prompt, expected, given, credit, rating, duration_ms "
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

/* A malloc'd copy of a text column; NULL stays NULL. Sets *oom on failure. */
static char *column_strdup(sqlite3_stmt *stmt, int col, bool *oom)
{
    const char *text = (const char *)sqlite3_column_text(stmt, col);
    if (!text)
        return NULL;
    char *copy = recite_strdup(text);
    if (!copy)
        *oom = true;
    return copy;
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
        out->id = sqlite3_column_int64(stmt, 0);
        snprintf(out->kind, sizeof(out->kind), "%s", (const char *)sqlite3_column_text(stmt, 1));
        out->bank_slug = column_strdup(stmt, 2, &oom);
        out->started = sqlite3_column_int64(stmt, 3);
        out->ended = sqlite3_column_int64(stmt, 4);
        out->seed = (uint64_t)sqlite3_column_int64(stmt, 5);
        out->params_json = column_strdup(stmt, 6, &oom);
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
    info->bank_slug = info->params_json = NULL;
}

int recite_store_session_items(struct recite_store *st, int64_t session_id,
                               struct recite_session_item **out, size_t *count,
                               struct recite_error *err)
{
    sqlite3_stmt *stmt;
    int rc = stmt_get(st, sql_session_items, &stmt, err);
    if (rc < 0)
        return rc;
    struct recite_session_item *items = NULL;
    size_t n = 0, cap = 0;
    bool oom = false;
    sqlite3_bind_int64(stmt, 1, session_id);
    int step;
    while (!oom && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == cap) {
            size_t next = cap ? cap * 2 : 16;
            struct recite_session_item *grown = realloc(items, next * sizeof(*items));
            if (!grown) {
                oom = true;
                break;
            }
            items = grown;
            cap = next;
        }
        struct recite_session_item *it = &items[n++];
        it->card_uid = column_strdup(stmt, 0, &oom);
        it->prompt = column_strdup(stmt, 1, &oom);
        it->expected = column_strdup(stmt, 2, &oom);
        it->given = column_strdup(stmt, 3, &oom);
        it->credit = sqlite3_column_double(stmt, 4);
        it->rating = sqlite3_column_int(stmt, 5);
        it->duration_ms = sqlite3_column_int64(stmt, 6);
    }
    if (oom)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    else if (step != SQLITE_DONE)
        rc = db_error(st, err, "cannot read session items");
    stmt_done(stmt);
    if (rc < 0) {
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

/* ---- banks, facts and cards (bank import, export, list) ---- */

/* ---- reviews, sessions and the queue ---- */

/* ---- scheduler parameters ---- */

/* ---- statistics ---- */

/* ---- score files and trusted keys ---- */

static const char sql_bank_ident[] = "SELECT version, hash FROM bank WHERE slug = ?";
static const char sql_trusted_key_add[] =
    "INSERT INTO trusted_key (keyid, pubkey, comment, added_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (keyid) DO UPDATE SET pubkey = excluded.pubkey, comment = excluded.comment, "
    "added_at = excluded.added_at";
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
