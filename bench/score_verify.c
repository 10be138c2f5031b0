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

static void die(const char *what, const struct recite_error *err)
{
    fprintf(stderr, "score_verify: %s%s%s\n", what, err ? ": " : "", err ? err->msg : "");
    exit(1);
}

static struct recite_seckey *student_key(size_t i)
{
    uint8_t seed[32] = {0}, keyid[8] = {0};
    memcpy(seed, &i, sizeof(i));
    memcpy(keyid, &i, sizeof(i) < 8 ? sizeof(i) : 8);
    keyid[7] = 0x5c;
    struct recite_seckey *key = NULL;
    struct recite_error err = {0};
    if (recite_seckey_from_seed(&key, seed, keyid, &err) < 0)
        die("key", &err);
    return key;
}

/* A realistic score: 20 items with prompts and answers. Owned by the caller. */
static struct recite_score *make_score(const char *student, const struct recite_pubkey *pub,
                                       size_t n)
{
    struct recite_score *s = calloc(1, sizeof(*s));
    char buf[128];
    s->student = recite_strdup(student);
    recite_keyid_hex(s->key_id, pub->keyid);
    s->bank_id = recite_strdup("nato");
    s->bank_version = recite_strdup("2026.11");
    s->bank_hash = recite_strdup(
        "blake2b-256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    snprintf(s->kind, sizeof(s->kind), "quiz");
    snprintf(buf, sizeof(buf), "%zu", n);
    s->seed = recite_strdup(buf);
    s->count = 20;
    s->started_ms = 1795514400000 + (int64_t)n * 1000;
    s->finished_ms = s->started_ms + 600000;
    uint8_t attempt[16];
    randombytes_buf(attempt, sizeof(attempt));
    sodium_bin2hex(s->attempt, sizeof(s->attempt), attempt, sizeof(attempt));
    s->format = 2;
    s->attempt_number = 1;
    s->tool = recite_strdup("recite 0.1.0");
    s->item_count = 20;
    s->items = calloc(20, sizeof(*s->items));
    for (size_t i = 0; i < 20; i++) {
        struct recite_score_item *it = &s->items[i];
        snprintf(buf, sizeof(buf), "nato/fact-%zu/q", i);
        it->card = recite_strdup(buf);
        snprintf(buf, sizeof(buf), "In which year did member number %zu join the alliance?", i);
        it->prompt = recite_strdup(buf);
        it->expected = recite_strdup("1999");
        it->given = recite_strdup(i % 3 ? "1999" : "2004");
        it->credit = i % 3 ? 1.0 : 0.0;
        it->rating = i % 3 ? 3 : 1;
        it->ms = 2000 + (int64_t)i * 37;
        s->credit += it->credit;
        s->correct += it->credit >= 1.0;
        s->answered++;
    }
    return s;
}

static void path_of(char *out, size_t size, const char *dir, size_t i)
{
    snprintf(out, size, "%s/files/score-%05zu.json", dir, i);
}

/* Generates the files and the roster unless the cache already has them. */
static void generate(const struct options *o)
{
    char path[512], marker[512];
    snprintf(marker, sizeof(marker), "%s/complete-%zu-%zu", o->cache, o->files, o->students);
    if (access(marker, F_OK) == 0)
        return;
    fprintf(stderr, "generating %zu score files in %s ...\n", o->files, o->cache);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s/files'", o->cache, o->cache);
    if (system(cmd) != 0)
        die("cannot make the cache directory", NULL);
    snprintf(path, sizeof(path), "%s/roster.tsv", o->cache);
    FILE *roster = fopen(path, "w");
    struct recite_error err = {0};
    for (size_t k = 0; k < o->students; k++) {
        struct recite_seckey *key = student_key(k);
        struct recite_pubkey pub;
        char name[32], b64[RECITE_PUBKEY_TEXT_LEN + 1];
        recite_seckey_pubkey(&pub, key);
        recite_pubkey_format(b64, &pub);
        snprintf(name, sizeof(name), "student%03zu", k);
        fprintf(roster, "%s\t%s\n", name, b64);
        for (size_t i = k; i < o->files; i += o->students) {
            struct recite_score *s = make_score(name, &pub, i);
            path_of(path, sizeof(path), o->cache, i);
            if (recite_score_write_signed(path, s, key, &err) < 0)
                die("write", &err);
            recite_score_free(s);
        }
        recite_seckey_free(key);
    }
    fclose(roster);
    FILE *m = fopen(marker, "w");
    if (m)
        fclose(m);
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
        path_of(path, sizeof(path), o->cache, i);
        names[i] = recite_strdup(path);
        if (recite_score_verify_file(&results[i], path, roster, NULL, &err) < 0)
            die("verify", &err);
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
        die("some generated files did not verify", NULL);
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
        path_of(path, sizeof(path), o->cache, i);
        recite_file_read(&files[i].json, &files[i].json_len, path, 1 << 20, &err);
        char sig_path[600];
        snprintf(sig_path, sizeof(sig_path), "%s.minisig", path);
        recite_file_read(&files[i].sig, &files[i].sig_len, sig_path, 1 << 20, &err);
        enum recite_fault fault;
        if (recite_sig_parse(&sigs[i], files[i].sig, files[i].sig_len, &fault, &err) < 0)
            die("parse", &err);
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
        die("raw verification failed", NULL);
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
        path_of(path, sizeof(path), o->cache, i);
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
            die("minisign -V failed (is minisign installed?)", NULL);
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
        die("usage: score_verify [--files N] [--students S] [--minisign-sample K] "
            "[--cache DIR] [--recite PATH]",
            NULL);
}

int main(int argc, char **argv)
{
    struct options o;
    parse_options(&o, argc, argv);
    if (recite_sign_init(NULL) < 0)
        die("libsodium", NULL);
    generate(&o);
    struct recite_keyset roster;
    struct recite_error err = {0};
    char path[512];
    snprintf(path, sizeof(path), "%s/roster.tsv", o.cache);
    if (recite_roster_load(&roster, path, &err) < 0)
        die("roster", &err);
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
