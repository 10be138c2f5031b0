/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * review-bench RECITE DB N: the cost of one answer in a scripted `recite
 * review` on DB (N answers, piped), against the raw cost of what any review
 * tool must do per answer -- select the next due card, update it, commit --
 * on a copy of the same database with the same durability settings. Prints
 * both per-answer costs, their ratio, and the session's peak memory.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    if (!in || !out)
        return -1;
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    return fclose(out);
}

/* The raw limit: next due card, update, commit, N times. */
static double raw_run(const char *path, long answers, long long now_ms)
{
    sqlite3 *db;
    sqlite3_stmt *next, *update;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return -1;
    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", NULL, NULL, NULL);
    sqlite3_prepare_v2(db,
                       "SELECT id, stability FROM card WHERE suspended = 0 AND state = 2 "
                       "AND due <= ? ORDER BY due LIMIT 1",
                       -1, &next, NULL);
    sqlite3_prepare_v2(db,
                       "UPDATE card SET due = ?, stability = ?, reps = reps + 1, "
                       "last_review = ? WHERE id = ?",
                       -1, &update, NULL);
    double start = now_s();
    for (long i = 0; i < answers; i++) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        sqlite3_bind_int64(next, 1, now_ms);
        if (sqlite3_step(next) != SQLITE_ROW)
            break;
        long long id = sqlite3_column_int64(next, 0);
        double stability = sqlite3_column_double(next, 1);
        sqlite3_reset(next);
        sqlite3_bind_int64(update, 1, now_ms + 86400000LL * 3);
        sqlite3_bind_double(update, 2, stability * 1.5);
        sqlite3_bind_int64(update, 3, now_ms);
        sqlite3_bind_int64(update, 4, id);
        sqlite3_step(update);
        sqlite3_reset(update);
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    }
    double elapsed = now_s() - start;
    sqlite3_finalize(next);
    sqlite3_finalize(update);
    sqlite3_close(db);
    return elapsed;
}

/* Runs recite review with N scripted answers; returns seconds, sets peak RSS (KiB). */
static double recite_run(const char *recite, const char *db, long answers, long *max_rss_kib)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    char limit[32];
    snprintf(limit, sizeof(limit), "%ld", answers);
    double start = now_s();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[0], STDIN_FILENO);
        close(fds[0]);
        close(fds[1]);
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        setenv("RECITE_DB", db, 1);
        execl(recite, recite, "review", "--new", "0", "--limit", limit, "--mode", "typed",
              "--seed", "1", (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    FILE *in = fdopen(fds[1], "w");
    for (long i = 0; i < answers && in; i++)
        fputs("wrong answer\n\n", in);
    if (in)
        fclose(in);
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0)
        return -1;
    *max_rss_kib = usage.ru_maxrss;
    return now_s() - start;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: review-bench RECITE DB ANSWERS\n");
        return 64;
    }
    long answers = strtol(argv[3], NULL, 10);
    const char *now_text = getenv("RECITE_NOW");
    long long now_ms = 1795399200000LL; /* 2026-11-23T10:00:00Z, as review-bench.sh sets */
    if (!now_text)
        setenv("RECITE_NOW", "2026-11-23T10:00:00Z", 1);
    char raw[4096], session[4096];
    snprintf(raw, sizeof(raw), "%s.raw", argv[2]);
    snprintf(session, sizeof(session), "%s.session", argv[2]);
    if (copy_file(argv[2], raw) != 0 || copy_file(argv[2], session) != 0) {
        fprintf(stderr, "review-bench: cannot copy '%s': %s\n", argv[2], strerror(errno));
        return 74;
    }
    double raw_s = raw_run(raw, answers, now_ms);
    long rss = 0;
    double recite_s = recite_run(argv[1], session, answers, &rss);
    if (raw_s <= 0 || recite_s <= 0) {
        fprintf(stderr, "review-bench: a run failed\n");
        return 70;
    }
    double raw_us = raw_s * 1e6 / (double)answers, recite_us = recite_s * 1e6 / (double)answers;
    printf("raw select+update+commit: %8.1f us per answer (%ld answers, %.2f s)\n", raw_us,
           answers, raw_s);
    printf("recite review (scripted): %8.1f us per answer (%ld answers, %.2f s)\n", recite_us,
           answers, recite_s);
    printf("ratio recite / raw:       %8.2fx   (goal <= 1.5x)\n", recite_us / raw_us);
    printf("peak memory of recite:    %8.1f MiB (goal <= 10 MiB)\n", (double)rss / 1024.0);
    remove(raw);
    remove(session);
    return 0;
}
