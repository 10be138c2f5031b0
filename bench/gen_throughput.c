/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gen_throughput: MB/s of `recite generate` on a document (or a synthetic
 * one built by repeating it with the paragraphs varied so dedup does not
 * skip them), beside the raw limit of reading the same bytes and checking
 * them as UTF-8 line by line, as a ratio.
 *
 *   gen_throughput DOC [MB]      MB: size of the synthetic document (default 20)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "recite.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    return buf;
}

/* Repeats doc up to size bytes; each copy's lines get a distinct counter word so no sentence repeats. */
static char *synthesise(const char *doc, size_t len, size_t size, size_t *out_len)
{
    char *out = malloc(size + len + 64);
    size_t k = 0;
    for (unsigned copy = 0; k < size; copy++) {
        for (size_t i = 0; i < len && k < size + len; i++) {
            out[k++] = doc[i];
            if (doc[i] == '.' && i + 1 < len && doc[i + 1] == ' ')
                k += (size_t)snprintf(out + k, 24, " Copy %u", copy);
        }
        out[k++] = '\n';
    }
    *out_len = k;
    return out;
}

/* The raw limit: UTF-8 validation plus a line scan, the least any extractor must do. */
static size_t raw_scan(const char *s, size_t n)
{
    size_t lines = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        lines += c == '\n';
        if (c >= 0x80)
            lines += (c & 0xC0) == 0x80;
    }
    return lines;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gen_throughput DOC [MB]\n");
        return 64;
    }
    size_t len, size = (size_t)(argc > 2 ? strtod(argv[2], NULL) : 20) << 20, n;
    char *doc = slurp(argv[1], &len);
    if (!doc) {
        perror(argv[1]);
        return 66;
    }
    char *text = synthesise(doc, len, size, &n);
    double t0 = now();
    volatile size_t sink = raw_scan(text, n);
    double raw = now() - t0;
    struct recite_gen *gen;
    struct recite_error err = {0};
    t0 = now();
    if (recite_gen_new(&gen, NULL, &err) < 0 || recite_gen_add_buffer(gen, "bench", text, n, &err) < 0) {
        fprintf(stderr, "gen_throughput: %s\n", err.msg);
        return 1;
    }
    char *draft;
    size_t draft_len;
    recite_gen_draft(&draft, &draft_len, gen, &err);
    double t = now() - t0;
    size_t facts;
    recite_gen_facts(gen, &facts);
    double mb = (double)n / (1 << 20);
    printf("document: %.1f MB (%s repeated, each copy varied), %zu facts, draft %.1f MB\n", mb,
           argv[1], facts, (double)draft_len / (1 << 20));
    printf("%-28s %10s %10s\n", "", "MB/s", "ratio");
    printf("%-28s %10.1f %10.2f\n", "raw limit (UTF-8 + lines)", mb / raw, 1.0);
    printf("%-28s %10.1f %10.3f\n", "recite generate", mb / t, raw / t);
    printf("target: 20 MB/s of prose\n");
    (void)sink;
    free(draft);
    recite_gen_free(gen);
    free(text);
    free(doc);
    return 0;
}
