/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Gradebooks from a class's score files: `recite score grades` (Moodle CSV,
 * Canvas CSV, and --into a gradebook export) beside `recite score verify`
 * of the same files, each run as its own process, in CPU seconds (user +
 * system of the child) and wall seconds, the median of R runs; and the
 * same work in one process through the library. Goal: grades of 1,000
 * files under 1 s of CPU. Prints figures and whether the goal is met.
 *
 * usage: score_grades --recite PATH [--files N] [--students S] [--runs R] [--cache DIR]
 * The files are score_verify's (score_gen.c), cached in bench/out/score-grades.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "recite.h"
#include "score_gen.h"

struct options {
    size_t files, students, runs;
    const char *cache, *recite;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_of(const struct rusage *r)
{
    return (double)(r->ru_utime.tv_sec + r->ru_stime.tv_sec) +
           (double)(r->ru_utime.tv_usec + r->ru_stime.tv_usec) / 1e6;
}

/* Runs argv with stdout and stderr discarded; its CPU and wall seconds. */
static void run_child(char *const argv[], double *cpu, double *wall)
{
    fflush(stdout); /* or the child's freopen() writes our buffer a second time */
    double t0 = now_s();
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (pid < 0 || wait4(pid, &status, 0, &usage) < 0)
        score_gen_die("cannot run recite", NULL);
    *wall = now_s() - t0;
    *cpu = cpu_of(&usage);
    /* verify exits 0 here (every file is valid); grades always 0 when it wrote */
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        score_gen_die(argv[2], NULL);
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median CPU and wall seconds of runs of argv. */
static void measure(const struct options *o, char *const argv[], double *cpu, double *wall)
{
    double cpus[64], walls[64];
    size_t runs = o->runs < 64 ? o->runs : 64;
    for (size_t r = 0; r < runs; r++)
        run_child(argv, &cpus[r], &walls[r]);
    qsort(cpus, runs, sizeof(double), compare_double);
    qsort(walls, runs, sizeof(double), compare_double);
    *cpu = cpus[runs / 2];
    *wall = walls[runs / 2];
}

/* A Canvas gradebook export of the roster's students, for --into. */
static void write_export(const struct options *o, char *path, size_t size)
{
    snprintf(path, size, "%s/canvas-export.csv", o->cache);
    FILE *f = fopen(path, "w");
    if (!f)
        score_gen_die("cannot write the export", NULL);
    fputs("Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (1001),Current Score\r\n", f);
    fputs("    Points Possible,,,,,20,(read only)\r\n", f);
    for (size_t k = 0; k < o->students; k++)
        fprintf(f, "\"Student, %03zu\",%zu,,student%03zu,A,,\r\n", k, 5000 + k, k);
    fclose(f);
}

/* verify + grades + the Moodle CSV in one process: what the CLI adds is process and I/O. */
static double bench_library(const struct options *o, const struct recite_keyset *roster)
{
    char path[512];
    struct recite_error err = {0};
    struct recite_score_result *results = calloc(o->files, sizeof(*results));
    char **names = calloc(o->files, sizeof(*names));
    double t0 = now_s();
    for (size_t i = 0; i < o->files; i++) {
        score_gen_path(path, sizeof(path), o->cache, i);
        names[i] = recite_strdup(path);
        if (recite_score_verify_file(&results[i], path, roster, NULL, &err) < 0)
            score_gen_die("verify", &err);
    }
    recite_score_mark_duplicates(results, (const char *const *)names, o->files);
    struct recite_grades_options opts = RECITE_GRADES_OPTIONS_INIT;
    opts.roster = roster;
    struct recite_grades grades;
    char *text = NULL;
    size_t len = 0;
    if (recite_grades_compute(&grades, results, (const char *const *)names, o->files, &opts, &err) <
            0 ||
        recite_grades_write(&text, &len, &grades, RECITE_GRADES_MOODLE, &opts, &err) < 0)
        score_gen_die("grades", &err);
    double t = now_s() - t0;
    free(text);
    recite_grades_release(&grades);
    for (size_t i = 0; i < o->files; i++) {
        recite_score_result_release(&results[i]);
        free(names[i]);
    }
    free(results);
    free(names);
    return t;
}

static void parse_options(struct options *o, int argc, char **argv)
{
    *o = (struct options){1000, 100, 5, "bench/out/score-grades", NULL};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--files") == 0)
            o->files = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--students") == 0)
            o->students = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--runs") == 0)
            o->runs = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--cache") == 0)
            o->cache = argv[i + 1];
        else if (strcmp(argv[i], "--recite") == 0)
            o->recite = argv[i + 1];
    }
    if (!o->recite || o->files == 0 || o->students == 0 || o->students > o->files || o->runs == 0)
        score_gen_die("usage: score_grades --recite PATH [--files N] [--students S] [--runs R] "
                      "[--cache DIR]",
                      NULL);
}

int main(int argc, char **argv)
{
    struct options o;
    parse_options(&o, argc, argv);
    if (recite_sign_init(NULL) < 0)
        score_gen_die("libsodium", NULL);
    score_gen_files(o.cache, o.files, o.students);
    char dir[512], roster_path[512], export_path[512];
    snprintf(dir, sizeof(dir), "%s/files", o.cache);
    snprintf(roster_path, sizeof(roster_path), "%s/roster.tsv", o.cache);
    write_export(&o, export_path, sizeof(export_path));
    char *recite = (char *)(uintptr_t)o.recite;
    char score[] = "score", verify[] = "verify", grades[] = "grades", roster[] = "--roster",
         format[] = "--format", csv[] = "csv", moodle[] = "moodle", canvas[] = "canvas",
         into[] = "--into", column[] = "--column", quiz[] = "Quiz 1";
    struct {
        const char *what;
        char *argv[12];
    } runs[] = {
        {"recite score verify (csv)",
         {recite, score, verify, dir, roster, roster_path, format, csv}},
        {"recite score grades --format moodle",
         {recite, score, grades, dir, roster, roster_path, format, moodle, column, quiz}},
        {"recite score grades --format canvas",
         {recite, score, grades, dir, roster, roster_path, format, canvas, column, quiz}},
        {"recite score grades --into export",
         {recite, score, grades, dir, roster, roster_path, into, export_path, column, quiz}},
    };
    struct recite_keyset keys;
    struct recite_error err = {0};
    if (recite_roster_load(&keys, roster_path, &err) < 0)
        score_gen_die("roster", &err);
    printf("score files: %zu (%zu students), median of %zu runs, CPU = user + system\n", o.files,
           o.students, o.runs);
    double verify_cpu = 0, worst = 0;
    for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
        double cpu, wall;
        measure(&o, runs[i].argv, &cpu, &wall);
        verify_cpu = i == 0 ? cpu : verify_cpu;
        worst = i > 0 && cpu > worst ? cpu : worst;
        printf("%-38s cpu %6.3f s  wall %6.3f s  (%5.1f us/file cpu)\n", runs[i].what, cpu, wall,
               cpu / (double)o.files * 1e6);
    }
    /* After the CLI runs, so that both read the files from a warm cache. */
    double library = bench_library(&o, &keys);
    recite_keyset_release(&keys);
    printf("%-38s      %6.3f s\n", "library: verify + grades + moodle CSV (wall)", library);
    printf("ratio grades / verify (cpu, worst):    %.2fx\n", worst / verify_cpu);
    printf("goal: grades of %zu files under 1 s of CPU: %s (%.3f s)\n", o.files,
           worst < 1.0 ? "met" : "NOT met", worst);
    return 0;
}
