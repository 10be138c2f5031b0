/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * review-bench RECITE DB N: the cost of one answer in a scripted `recite
 * review` on DB (N answers, piped, each chosen for the card on screen so
 * that the judge grades every one), against the raw cost of what any review
 * tool must do per answer -- select the next due card, update it, commit --
 * on a copy of the same database with the same durability settings. Prints
 * both per-answer costs in CPU time (user + system: what the machine's other
 * work does not change) and in wall time, their ratios, the session's start
 * (CPU and wall time until the first card is on screen) and its peak
 * memory. With
 * SCRIPT, the replies given are written there, one per line, to replay the
 * same session elsewhere (under callgrind).
 */
#include <errno.h>
#include <stdbool.h>
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

/* CPU seconds (user + system) in usage. */
static double cpu_s(const struct rusage *usage)
{
    return (double)usage->ru_utime.tv_sec + (double)usage->ru_utime.tv_usec / 1e6 +
           (double)usage->ru_stime.tv_sec + (double)usage->ru_stime.tv_usec / 1e6;
}

/* CPU seconds this process has used so far. */
static double self_cpu_s(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return cpu_s(&usage);
}

/* Copies the database at from to to, leaving no -wal or -shm file of an older copy. */
static int copy_file(const char *from, const char *to)
{
    char side[4200];
    snprintf(side, sizeof(side), "%s-wal", to);
    remove(side);
    snprintf(side, sizeof(side), "%s-shm", to);
    remove(side);
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

/*
 * The raw limit: next due card, update, commit, N times. With log, each
 * answer is also appended to the review log (the database's own triggers
 * keep its hourly totals), as any tool that keeps a history must.
 * Returns wall seconds, sets CPU seconds.
 */
static double raw_run(const char *path, long answers, long long now_ms, bool log, double *cpu)
{
    sqlite3 *db;
    sqlite3_stmt *next, *update, *append = NULL;
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
    if (log)
        sqlite3_prepare_v2(db,
                           "INSERT INTO review (card_id, at, rating, answer, credit, duration_ms, "
                           "state_before, state_after) VALUES (?, ?, 3, 'raw', 1, 3000, "
                           "'{\"state\":2}', '{\"state\":2}')",
                           -1, &append, NULL);
    double start = now_s(), cpu_start = self_cpu_s();
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
        if (append) {
            sqlite3_bind_int64(append, 1, id);
            sqlite3_bind_int64(append, 2, now_ms);
            sqlite3_step(append);
            sqlite3_reset(append);
        }
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    }
    double elapsed = now_s() - start;
    *cpu = self_cpu_s() - cpu_start;
    sqlite3_finalize(next);
    sqlite3_finalize(update);
    sqlite3_finalize(append);
    sqlite3_close(db);
    return elapsed;
}

/* Rows in the review log of the database at path; -1 when it cannot be read. */
static long count_reviews(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) FROM review", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

/*
 * The reply a scripted student gives to what the screen shows since its last
 * reply: Enter at the rating prompt, all letters for an order card, "no" to
 * a yes/no card, "a" to a choice, a wrong typed answer otherwise. Every
 * reply is one the judge grades, so none is asked again.
 */
static void reply_for(char *out, size_t size, const char *screen)
{
    if (strstr(screen, "rating (")) {
        snprintf(out, size, "\n");
    } else if (strstr(screen, "(answer with the letters in order")) {
        size_t len = 0;
        for (char letter = 'a'; letter <= 'z' && len + 3 < size; letter++) {
            char option[8];
            snprintf(option, sizeof(option), "\n  %c) ", letter);
            if (!strstr(screen, option))
                break;
            out[len++] = letter;
            out[len++] = ' ';
        }
        out[len ? len - 1 : 0] = '\n';
        out[len ? len : 1] = '\0';
    } else if (strstr(screen, "(yes or no)")) {
        snprintf(out, size, "no\n");
    } else if (strstr(screen, "(answer with a letter")) {
        snprintf(out, size, "a\n");
    } else {
        snprintf(out, size, "wrong answer\n");
    }
}

/*
 * Answers what recite asks on its stdout (read) through its stdin (write),
 * N answers; with N 0, ends the session at the first card. Sets *first to
 * the time the first card's prompt came.
 */
static void converse(int read_fd, FILE *write, long answers, FILE *script, double *first)
{
    static char screen[1 << 16];
    size_t len = 0;
    long given = 0;
    bool rating_next = false;
    for (;;) {
        ssize_t n = read(read_fd, screen + len, sizeof(screen) - 1 - len);
        if (n <= 0)
            return;
        len += (size_t)n;
        screen[len] = '\0';
        if (len < 2 || strcmp(screen + len - 2, "> ") != 0) {
            if (len == sizeof(screen) - 1)
                len = 0; /* a screen this long asks nothing: drop it */
            continue;
        }
        if (*first == 0)
            *first = now_s();
        char reply[128];
        reply_for(reply, sizeof(reply), screen);
        rating_next = strcmp(reply, "\n") != 0;
        if (answers == 0 || (!rating_next && given >= answers)) {
            fclose(write);
            return;
        }
        given += rating_next;
        fputs(reply, write);
        fflush(write);
        if (script)
            fputs(reply, script);
        len = 0;
    }
}

struct session_cost {
    double wall_s, cpu_s; /* the whole process: user + system CPU of recite */
    double first_s;       /* wall time until the first card asked for a reply */
    long max_rss_kib;
};

/*
 * Runs recite review with N scripted answers (N 0: ends it at the first
 * card); returns 0 or -1.
 */
static int recite_run(const char *recite, const char *db, long answers, FILE *script,
                      struct session_cost *out)
{
    int in[2], out_pipe[2];
    if (pipe(in) != 0 || pipe(out_pipe) != 0)
        return -1;
    char limit[32];
    snprintf(limit, sizeof(limit), "%ld", answers ? answers : 1);
    double start = now_s(), first = 0;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out_pipe[1], STDOUT_FILENO);
        close(in[0]);
        close(in[1]);
        close(out_pipe[0]);
        close(out_pipe[1]);
        setenv("RECITE_DB", db, 1);
        execl(recite, recite, "review", "--new", "0", "--limit", limit, "--mode", "typed",
              "--seed", "1", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out_pipe[1]);
    signal(SIGPIPE, SIG_IGN);
    FILE *write = fdopen(in[1], "w");
    if (write)
        converse(out_pipe[0], write, answers, script, &first);
    close(out_pipe[0]);
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0 || first == 0)
        return -1;
    out->wall_s = now_s() - start;
    out->cpu_s = cpu_s(&usage);
    out->first_s = first - start;
    out->max_rss_kib = usage.ru_maxrss;
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define START_RUNS 5

/*
 * Session start on a fresh copy of DB, START_RUNS times: the median wall
 * time until the first card and the median CPU of a session ended there.
 */
static int start_cost(const char *recite, const char *db, const char *copy, double *wall_s,
                      double *cpu)
{
    double walls[START_RUNS], cpus[START_RUNS];
    for (int i = 0; i < START_RUNS; i++) {
        struct session_cost cost;
        if (copy_file(db, copy) != 0 || recite_run(recite, copy, 0, NULL, &cost) != 0)
            return -1;
        walls[i] = cost.first_s;
        cpus[i] = cost.cpu_s;
    }
    qsort(walls, START_RUNS, sizeof(double), by_value);
    qsort(cpus, START_RUNS, sizeof(double), by_value);
    *wall_s = walls[START_RUNS / 2];
    *cpu = cpus[START_RUNS / 2];
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: review-bench RECITE DB ANSWERS [SCRIPT]\n");
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
    double raw_cpu = 0, raw_s = raw_run(raw, answers, now_ms, false, &raw_cpu);
    double log_cpu = 0;
    if (copy_file(argv[2], raw) != 0 || raw_run(raw, answers, now_ms, true, &log_cpu) <= 0) {
        fprintf(stderr, "review-bench: the raw run with the review log failed\n");
        return 70;
    }
    double start_wall = 0, start_cpu = 0;
    if (start_cost(argv[1], argv[2], session, &start_wall, &start_cpu) != 0) {
        fprintf(stderr, "review-bench: a session start failed\n");
        return 70;
    }
    FILE *script = argc == 5 ? fopen(argv[4], "w") : NULL;
    struct session_cost run;
    int rc = copy_file(argv[2], session) == 0 ? recite_run(argv[1], session, answers, script, &run)
                                               : -1;
    if (script)
        fclose(script);
    if (raw_s <= 0 || rc != 0) {
        fprintf(stderr, "review-bench: a run failed\n");
        return 70;
    }
    long recorded = count_reviews(session) - count_reviews(argv[2]);
    if (recorded != answers) {
        fprintf(stderr, "review-bench: %ld answers recorded, %ld given\n", recorded, answers);
        return 70;
    }
    double n = (double)answers;
    double raw_us = raw_s * 1e6 / n, recite_us = run.wall_s * 1e6 / n;
    double raw_cpu_us = raw_cpu * 1e6 / n;
    /* the session's start and end, measured apart, are not an answer's cost */
    double recite_cpu_us = (run.cpu_s - start_cpu) * 1e6 / n;
    printf("raw select+update+commit: %8.1f us CPU per answer (%ld answers, %.2f s CPU)\n",
           raw_cpu_us, answers, raw_cpu);
    printf("recite review (scripted): %8.1f us CPU per answer (%ld answers, %.2f s CPU, "
           "less a session's start and end)\n",
           recite_cpu_us, answers, run.cpu_s - start_cpu);
    printf("ratio recite / raw, CPU:  %8.2fx   (goal <= 1.5x)\n", recite_cpu_us / raw_cpu_us);
    printf("raw + review log append:  %8.1f us CPU per answer (%.2fx raw; recite / this: %.2fx)\n",
           log_cpu * 1e6 / n, log_cpu / raw_cpu, recite_cpu_us / (log_cpu * 1e6 / n));
    printf("raw, wall:                %8.1f us per answer (%.2f s)\n", raw_us, raw_s);
    printf("recite, wall:             %8.1f us per answer (%.2f s)\n", recite_us, run.wall_s);
    printf("ratio recite / raw, wall: %8.2fx\n", recite_us / raw_us);
    printf("session start:            %8.1f ms wall to the first card, %.1f ms CPU with the end "
           "(medians of %d; goal < 20 ms)\n",
           start_wall * 1e3, start_cpu * 1e3, START_RUNS);
    printf("peak memory of recite:    %8.1f MiB (goal <= 10 MiB)\n",
           (double)run.max_rss_kib / 1024.0);
    remove(raw);
    remove(session);
    return 0;
}
