/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A class's signed score files for the score benchmarks: FILES files of 20
 * questions each, signed by STUDENTS seeded keys in turn, and the roster,
 * generated once into a cache directory (bench/out/..., git-ignored).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "recite.h"
#include "score_gen.h"

_Noreturn void score_gen_die(const char *what, const struct recite_error *err)
{
    fprintf(stderr, "score bench: %s%s%s\n", what, err ? ": " : "", err ? err->msg : "");
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
        score_gen_die("key", &err);
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

void score_gen_path(char *out, size_t size, const char *dir, size_t i)
{
    snprintf(out, size, "%s/files/score-%05zu.json", dir, i);
}

void score_gen_files(const char *cache, size_t files, size_t students)
{
    char path[512], marker[512];
    snprintf(marker, sizeof(marker), "%s/complete-%zu-%zu", cache, files, students);
    if (access(marker, F_OK) == 0)
        return;
    fprintf(stderr, "generating %zu score files in %s ...\n", files, cache);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s/files'", cache, cache);
    if (system(cmd) != 0)
        score_gen_die("cannot make the cache directory", NULL);
    snprintf(path, sizeof(path), "%s/roster.tsv", cache);
    FILE *roster = fopen(path, "w");
    struct recite_error err = {0};
    for (size_t k = 0; k < students; k++) {
        struct recite_seckey *key = student_key(k);
        struct recite_pubkey pub;
        char name[32], b64[RECITE_PUBKEY_TEXT_LEN + 1];
        recite_seckey_pubkey(&pub, key);
        recite_pubkey_format(b64, &pub);
        snprintf(name, sizeof(name), "student%03zu", k);
        fprintf(roster, "%s\t%s\n", name, b64);
        for (size_t i = k; i < files; i += students) {
            struct recite_score *s = make_score(name, &pub, i);
            score_gen_path(path, sizeof(path), cache, i);
            if (recite_score_write_signed(path, s, key, true, &err) < 0)
                score_gen_die("write", &err);
            recite_score_free(s);
        }
        recite_seckey_free(key);
    }
    fclose(roster);
    FILE *m = fopen(marker, "w");
    if (m)
        fclose(m);
}
