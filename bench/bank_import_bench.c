/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bank-import-bench [--facts N] [--repeat R] [FILE]: times `recite bank
 * import` of a large bank (parse, canonical text, hash, facts as JSON, card
 * ids, one transaction) against a raw SQLite insert of the very same rows
 * (prepared statements, one transaction, same pragmas) in the same run, and
 * prints the ratio. Without FILE a bank of N facts (default 100000) is
 * generated first. The best of R runs (default 3) is reported for each side.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bank_gen.h"
#include "recite.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bank-import-bench: %s: %s\n", what, detail);
    exit(70);
}

/* A fresh database with recite's schema, created outside any timing. */
static void fresh_db(const char *path)
{
    char wal[4096 + 8]; /* paths here are built in buffers of 4096 */
    unlink(path);
    if (snprintf(wal, sizeof(wal), "%s-wal", path) < (int)sizeof(wal))
        unlink(wal);
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    if (recite_store_open(&st, path, &err) < 0)
        die("cannot create database", err.msg);
    recite_store_close(st);
}

struct timing {
    double parse_ms, store_ms;
    size_t facts, cards;
};

static struct timing time_recite(const char *bank_path, const char *db_path)
{
    struct timing t = {0};
    struct recite_error err = {0};
    struct recite_store *st = NULL;
    struct recite_bank *bank = NULL;
    struct recite_import_stats stats;
    fresh_db(db_path);
    if (recite_store_open(&st, db_path, &err) < 0)
        die("cannot open database", err.msg);
    double t0 = now_ms();
    if (recite_bank_load(&bank, bank_path, NULL, &err) < 0)
        die("cannot load bank", err.msg);
    double t1 = now_ms();
    if (recite_bank_import(st, bank, 1000, &stats, &err) < 0)
        die("cannot import", err.msg);
    double t2 = now_ms();
    t.parse_ms = t1 - t0;
    t.store_ms = t2 - t1;
    t.facts = stats.added;
    t.cards = stats.cards_added;
    recite_bank_free(bank);
    recite_store_close(st);
    return t;
}

static void check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        die(what, sqlite3_errmsg(db));
}

/* Copies every row of table (via select) from src into dst (via insert), timing only the inserts. */
static double copy_rows(sqlite3 *src, sqlite3 *dst, const char *select_sql, const char *insert_sql,
                        int columns, double *spent)
{
    sqlite3_stmt *sel, *ins;
    check(src, sqlite3_prepare_v2(src, select_sql, -1, &sel, NULL), "prepare select");
    check(dst, sqlite3_prepare_v2(dst, insert_sql, -1, &ins, NULL), "prepare insert");
    /* Materialise the rows first so the timed part is inserts alone. */
    size_t n = 0, cap = 1024;
    sqlite3_value **vals = malloc(cap * (size_t)columns * sizeof(*vals));
    while (sqlite3_step(sel) == SQLITE_ROW) {
        if (n == cap) {
            cap *= 2;
            vals = realloc(vals, cap * (size_t)columns * sizeof(*vals));
        }
        if (!vals)
            die("out of memory", "row buffer");
        for (int c = 0; c < columns; c++)
            vals[n * (size_t)columns + (size_t)c] = sqlite3_value_dup(sqlite3_column_value(sel, c));
        n++;
    }
    double t0 = now_ms();
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < columns; c++)
            sqlite3_bind_value(ins, c + 1, vals[i * (size_t)columns + (size_t)c]);
        check(dst, sqlite3_step(ins), "insert");
        sqlite3_reset(ins);
    }
    *spent += now_ms() - t0;
    for (size_t i = 0; i < n * (size_t)columns; i++)
        sqlite3_value_free(vals[i]);
    free(vals);
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    return (double)n;
}

/* Inserts the rows recite stored in src_path into a fresh database, in one transaction. */
static double time_raw(const char *src_path, const char *db_path)
{
    sqlite3 *src = NULL, *dst = NULL;
    fresh_db(db_path);
    if (sqlite3_open(src_path, &src) != SQLITE_OK || sqlite3_open(db_path, &dst) != SQLITE_OK)
        die("cannot open", db_path);
    check(dst, sqlite3_exec(dst, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
                                 "PRAGMA synchronous = FULL", NULL, NULL, NULL), "pragmas");
    double spent = 0;
    double t0 = now_ms();
    check(dst, sqlite3_exec(dst, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
    spent += now_ms() - t0;
    copy_rows(src, dst,
              "SELECT id, slug, title, version, language, hash, canonical, imported_at FROM bank",
              "INSERT INTO bank (id, slug, title, version, language, hash, canonical, imported_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 8, &spent);
    copy_rows(src, dst, "SELECT bank_id, sid, title FROM source",
              "INSERT INTO source (bank_id, sid, title) VALUES (?, ?, ?)", 3, &spent);
    copy_rows(src, dst, "SELECT bank_id, key, kind, body, tags, cite, position FROM fact ORDER BY id",
              "INSERT INTO fact (bank_id, key, kind, body, tags, cite, position)"
              " VALUES (?, ?, ?, ?, ?, ?, ?)", 7, &spent);
    copy_rows(src, dst, "SELECT uid, fact_id, template, created_at FROM card ORDER BY id",
              "INSERT INTO card (uid, fact_id, template, created_at) VALUES (?, ?, ?, ?)", 4,
              &spent);
    t0 = now_ms();
    check(dst, sqlite3_exec(dst, "COMMIT", NULL, NULL, NULL), "commit");
    spent += now_ms() - t0;
    sqlite3_close(src);
    sqlite3_close(dst);
    return spent;
}

static void usage(void)
{
    fprintf(stderr, "usage: bank-import-bench [--facts N] [--repeat R] [FILE]\n");
    exit(64);
}

int main(int argc, char **argv)
{
    size_t facts = 100000;
    int repeat = 3;
    const char *bank_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--facts") == 0 && i + 1 < argc)
            facts = (size_t)strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = (int)strtol(argv[++i], NULL, 10);
        else if (argv[i][0] == '-' || bank_path)
            usage();
        else
            bank_path = argv[i];
    }
    if (facts == 0 || repeat < 1)
        usage();
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char dir[4096], gen_path[4200], recite_db[4200], raw_db[4200];
    snprintf(dir, sizeof(dir), "%s/recite-bench-XXXXXX", tmp);
    if (!mkdtemp(dir))
        die("cannot create a temporary directory", strerror(errno));
    snprintf(gen_path, sizeof(gen_path), "%s/generated.bank", dir);
    snprintf(recite_db, sizeof(recite_db), "%s/recite.db", dir);
    snprintf(raw_db, sizeof(raw_db), "%s/raw.db", dir);
    if (!bank_path) {
        FILE *f = fopen(gen_path, "w");
        if (!f)
            die("cannot write", gen_path);
        bank_gen_write(f, "generated", facts, 1);
        fclose(f);
        bank_path = gen_path;
    }

    struct timing best = {0};
    double best_raw = 0;
    for (int r = 0; r < repeat; r++) {
        struct timing t = time_recite(bank_path, recite_db);
        double raw = time_raw(recite_db, raw_db);
        if (r == 0 || t.parse_ms + t.store_ms < best.parse_ms + best.store_ms)
            best = t;
        if (r == 0 || raw < best_raw)
            best_raw = raw;
    }
    double total = best.parse_ms + best.store_ms;
    printf("bank import: %zu facts, %zu cards (best of %d)\n", best.facts, best.cards, repeat);
    printf("  recite bank import     %9.1f ms  (parse %.1f ms, store %.1f ms)\n", total,
           best.parse_ms, best.store_ms);
    printf("  raw SQLite insert      %9.1f ms  (same rows, prepared, one transaction)\n",
           best_raw);
    printf("  ratio import/raw       %9.2fx  (goal <= 2x)\n", total / best_raw);

    unlink(gen_path);
    const char *dbs[] = {recite_db, raw_db};
    for (size_t i = 0; i < 2; i++) {
        char side[4300];
        unlink(dbs[i]);
        snprintf(side, sizeof(side), "%s-wal", dbs[i]);
        unlink(side);
        snprintf(side, sizeof(side), "%s-shm", dbs[i]);
        unlink(side);
    }
    rmdir(dir);
    return 0;
}
