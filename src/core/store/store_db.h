/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the files of the storage layer share (src/core/store/ only): the
 * handle, its statement cache and the statement helpers defined in store.c.
 * Nothing outside this folder includes it; unit tests use store_internal.h.
 */
#ifndef RECITE_STORE_DB_H
#define RECITE_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "recite/common.h"
#include "recite/store.h"

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

/* Statement helpers (store.c); see their definitions. */
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

#endif
