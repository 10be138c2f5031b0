/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Verifying a class's score files: recite in one process, against stock
 * `minisign -V` run once per file, and against the raw libsodium cost of the
 * same checks (BLAKE2b-512 prehash and two Ed25519 verifications), in one
 * run. Prints figures side by side and as ratios; asserts nothing.
 *
 * usage: score_verify [--files N] [--students S] [--minisign-sample K]
 *                     [--cache DIR] [--recite PATH-TO-recite]
 * The files are generated once and cached (default bench/out/score-verify,
 * git-ignored); minisign runs on a sample of K files (default 300) to keep
 * the run short, and its per-file time is what is compared.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "recite.h"
#include "score_gen.h"

struct options {
    size_t files, students, sample;
    const char *cache, *recite;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* recite in one process: every file read, parsed, verified, checked. */
static double bench_recite(const struct options *o, const struct recite_keyset *roster)
{
    char path[512];
    struct recite_error err = {0};
    size_t valid = 0;
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
    double t = now_s() - t0;
    for (size_t i = 0; i < o->files; i++) {
        valid += results[i].fault == RECITE_FAULT_NONE;
        recite_score_result_release(&results[i]);
        free(names[i]);
    }
    free(results);
    free(names);
    if (valid != o->files)
        score_gen_die("some generated files did not verify", NULL);
    return t;
}

struct loaded {
    char *json, *sig;
    size_t json_len, sig_len;
};

/* The raw cost: the same cryptography on files already in memory. */
static double bench_raw(const struct options *o, const struct recite_keyset *roster)
{
    struct loaded *files = calloc(o->files, sizeof(*files));
    char path[512];
    struct recite_error err = {0};
    struct recite_sig *sigs = calloc(o->files, sizeof(*sigs));
    const struct recite_pubkey **keys = calloc(o->files, sizeof(*keys));
    for (size_t i = 0; i < o->files; i++) {
        score_gen_path(path, sizeof(path), o->cache, i);
        recite_file_read(&files[i].json, &files[i].json_len, path, 1 << 20, &err);
        char sig_path[600];
        snprintf(sig_path, sizeof(sig_path), "%s.minisig", path);
        recite_file_read(&files[i].sig, &files[i].sig_len, sig_path, 1 << 20, &err);
        enum recite_fault fault;
        if (recite_sig_parse(&sigs[i], files[i].sig, files[i].sig_len, &fault, &err) < 0)
            score_gen_die("parse", &err);
        for (size_t k = 0; k < roster->count; k++)
            if (memcmp(roster->keys[k].keyid, sigs[i].keyid, 8) == 0)
                keys[i] = &roster->keys[k];
    }
    size_t good = 0;
    double t0 = now_s();
    for (size_t i = 0; i < o->files; i++) {
        uint8_t digest[64], global[64 + RECITE_SIG_COMMENT_MAX];
        crypto_generichash(digest, 64, (const uint8_t *)files[i].json, files[i].json_len, NULL, 0);
        memcpy(global, sigs[i].sig, 64);
        memcpy(global + 64, sigs[i].comment, sigs[i].comment_len);
        good += crypto_sign_verify_detached(sigs[i].sig, digest, 64, keys[i]->pk) == 0 &&
                crypto_sign_verify_detached(sigs[i].global_sig, global, 64 + sigs[i].comment_len,
                                            keys[i]->pk) == 0;
    }
    double t = now_s() - t0;
    if (good != o->files)
        score_gen_die("raw verification failed", NULL);
    for (size_t i = 0; i < o->files; i++) {
        free(files[i].json);
        free(files[i].sig);
    }
    free(files);
    free(sigs);
    free(keys);
    return t;
}

/* minisign -V once per file, on the first `sample` files; returns seconds per file. */
static double bench_minisign(const struct options *o, const struct recite_keyset *roster)
{
    char path[512], b64[RECITE_PUBKEY_TEXT_LEN + 1];
    size_t n = o->sample < o->files ? o->sample : o->files;
    double t0 = now_s();
    for (size_t i = 0; i < n; i++) {
        score_gen_path(path, sizeof(path), o->cache, i);
        recite_pubkey_format(b64, &roster->keys[i % o->students]);
        pid_t pid = fork();
        if (pid == 0) {
            freopen("/dev/null", "w", stdout);
            execlp("minisign", "minisign", "-q", "-Vm", path, "-P", b64, (char *)NULL);
            _exit(127);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            score_gen_die("minisign -V failed (is minisign installed?)", NULL);
    }
    return (now_s() - t0) / (double)n;
}

/* The CLI over the cache directory, output discarded; seconds, or -1 when not asked for. */
static double bench_cli(const struct options *o)
{
    if (!o->recite)
        return -1;
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "'%s' score verify '%s/files' --roster '%s/roster.tsv' --format csv "
             ">/dev/null",
             o->recite, o->cache, o->cache);
    double t0 = now_s();
    int rc = system(cmd);
    double t = now_s() - t0;
    return WIFEXITED(rc) && WEXITSTATUS(rc) == 0 ? t : -1;
}

static void parse_options(struct options *o, int argc, char **argv)
{
    *o = (struct options){10000, 100, 300, "bench/out/score-verify", NULL};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--files") == 0)
            o->files = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--students") == 0)
            o->students = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--minisign-sample") == 0)
            o->sample = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--cache") == 0)
            o->cache = argv[i + 1];
        else if (strcmp(argv[i], "--recite") == 0)
            o->recite = argv[i + 1];
    }
    if (o->files == 0 || o->students == 0 || o->students > o->files || o->sample == 0)
        score_gen_die("usage: score_verify [--files N] [--students S] [--minisign-sample K] "
                      "[--cache DIR] [--recite PATH]",
                      NULL);
}

int main(int argc, char **argv)
{
    struct options o;
    parse_options(&o, argc, argv);
    if (recite_sign_init(NULL) < 0)
        score_gen_die("libsodium", NULL);
    score_gen_files(o.cache, o.files, o.students);
    struct recite_keyset roster;
    struct recite_error err = {0};
    char path[512];
    snprintf(path, sizeof(path), "%s/roster.tsv", o.cache);
    if (recite_roster_load(&roster, path, &err) < 0)
        score_gen_die("roster", &err);
    double raw = bench_raw(&o, &roster);
    double recite = bench_recite(&o, &roster);
    double minisign = bench_minisign(&o, &roster);
    double cli = bench_cli(&o);
    double n = (double)o.files;
    printf("score files: %zu (%zu students), minisign sample: %zu files\n", o.files, o.students,
           o.sample < o.files ? o.sample : o.files);
    printf("%-38s %10.1f us/file\n", "raw libsodium (prehash + 2 verifies)", raw / n * 1e6);
    printf("%-38s %10.1f us/file  (total %.2f s)\n", "recite, one process (library)",
           recite / n * 1e6, recite);
    if (cli >= 0)
        printf("%-38s %10.1f us/file  (total %.2f s)\n", "recite score verify (CLI, csv)",
               cli / n * 1e6, cli);
    printf("%-38s %10.1f us/file\n", "minisign -V, one process per file", minisign * 1e6);
    printf("ratio recite / raw:       %.2fx   (goal: within 2x)\n", recite / raw);
    printf("ratio minisign / recite:  %.1fx   (goal: at least 10x)\n", minisign * n / recite);
    if (cli >= 0)
        printf("ratio minisign / CLI:     %.1fx\n", minisign * n / cli);
    recite_keyset_release(&roster);
    return 0;
}
