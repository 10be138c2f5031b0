/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import-scaling [--repeat R] [--base N] [--single SHAPE]: shows that every importer is
 * linear in its input. For each input shape (CSV rows, GIFT questions,
 * Aiken questions, Anki notes, and one GIFT question with many wrong
 * answers) it builds inputs of N, 2N and 4N items (default N = 10000),
 * times reading them into a bank (recite_format_parse: read, convert,
 * validate, canonical check) and storing it (recite_bank_import into a
 * fresh database) in CPU time, best of R runs (default 5), and prints the times with
 * the ratios 2N/N and 4N/2N: about 2 means linear, about 4 quadratic.
 * --single SHAPE (csv, gift, aiken, anki, gift-wrong) only reads that input
 * of N items into a bank, once, and prints nothing: for counting the
 * instructions of the importer itself under callgrind, which a busy machine
 * does not disturb.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "recite.h"

/* CPU time of this process: other work on a shared machine hardly moves it. */
static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "import-scaling: %s: %s\n", what, detail);
    exit(70);
}

/* A growable text buffer. */
struct text {
    char *s;
    size_t len, cap;
};

static void put(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct text *t, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(t->s ? t->s + t->len : NULL, t->s ? t->cap - t->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0)
            die("format", fmt);
        if (t->s && t->len + (size_t)n < t->cap) {
            t->len += (size_t)n;
            return;
        }
        t->cap = t->cap ? 2 * t->cap + (size_t)n : 1 << 16;
        if (!(t->s = realloc(t->s, t->cap)))
            die("out of memory", "input");
    }
}

enum shape { CSV_ROWS, GIFT_QUESTIONS, AIKEN_QUESTIONS, ANKI_NOTES, GIFT_WRONG, SHAPE_COUNT };

static const struct {
    const char *label;
    const char *name; /* for --single */
    enum recite_format format;
} shapes[SHAPE_COUNT] = {
    [CSV_ROWS] = {"CSV, rows", "csv", RECITE_FORMAT_CSV},
    [GIFT_QUESTIONS] = {"GIFT, questions", "gift", RECITE_FORMAT_GIFT},
    [AIKEN_QUESTIONS] = {"Aiken, questions", "aiken", RECITE_FORMAT_AIKEN},
    [ANKI_NOTES] = {"Anki text, notes", "anki", RECITE_FORMAT_ANKI},
    [GIFT_WRONG] = {"GIFT, wrong answers of one question", "gift-wrong", RECITE_FORMAT_GIFT},
};

/* The input text of shape with n items; every item differs from the others. */
static struct text make_input(enum shape shape, size_t n)
{
    struct text t = {0};
    if (shape == CSV_ROWS)
        put(&t, "kind,tags,text,answer1,weight1,answer2,weight2,answer3,weight3\r\n");
    if (shape == ANKI_NOTES)
        put(&t, "#separator:tab\n#html:false\n#columns:Front\tBack\tTags\n");
    if (shape == GIFT_WRONG)
        put(&t, "::wide:: Which of these is right? {\n=the right one\n");
    for (size_t i = 0; i < n; i++) {
        switch (shape) {
        case CSV_ROWS:
            put(&t, "multichoice,t%zu,What is item %zu?,right %zu,100,wrong %zu,0,other %zu,0\r\n",
                i % 50, i, i, i, i);
            break;
        case GIFT_QUESTIONS:
            put(&t, "::q%zu:: What is item %zu? {=right %zu ~wrong %zu ~other %zu}\n\n", i, i, i, i,
                i);
            break;
        case AIKEN_QUESTIONS:
            put(&t, "What is item %zu?\nA) right %zu\nB) wrong %zu\nANSWER: A\n\n", i, i, i);
            break;
        case ANKI_NOTES:
            put(&t, "What is item %zu?\tanswer %zu\tt%zu\n", i, i, i % 50);
            break;
        case GIFT_WRONG:
            put(&t, "~wrong answer number %zu\n", i);
            break;
        case SHAPE_COUNT:
            break;
        }
    }
    if (shape == GIFT_WRONG)
        put(&t, "}\n");
    return t;
}

static void remove_db(const char *path)
{
    char side[4200];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

struct timing {
    double parse_ms, store_ms;
};

static struct timing time_once(const struct text *input, enum recite_format format,
                               const char *db_path)
{
    struct recite_error err = {0};
    struct recite_store *st = NULL;
    struct recite_bank *bank = NULL;
    remove_db(db_path);
    if (recite_store_open(&st, db_path, &err) < 0)
        die("cannot open database", err.msg);
    double t0 = now_ms();
    if (recite_format_parse(&bank, format, input->s, input->len, "scaling", NULL, &err) < 0)
        die("cannot read the input", err.msg);
    double t1 = now_ms();
    if (recite_bank_import(st, bank, 1000, NULL, &err) < 0)
        die("cannot import", err.msg);
    double t2 = now_ms();
    recite_bank_free(bank);
    recite_store_close(st);
    return (struct timing){t1 - t0, t2 - t1};
}

/* Builds the input of shape with n items and reads it into a bank, for --single. */
static int read_once(enum shape shape, size_t n)
{
    struct text input = make_input(shape, n);
    struct recite_error err = {0};
    struct recite_bank *bank = NULL;
    if (recite_format_parse(&bank, shapes[shape].format, input.s, input.len, "scaling", NULL,
                            &err) < 0)
        die("cannot read the input", err.msg);
    recite_bank_free(bank);
    free(input.s);
    return 0;
}

static struct timing time_best(enum shape shape, size_t n, int repeat, const char *db_path)
{
    struct text input = make_input(shape, n);
    struct timing best = {0};
    for (int r = 0; r < repeat; r++) {
        struct timing t = time_once(&input, shapes[shape].format, db_path);
        if (r == 0 || t.parse_ms < best.parse_ms)
            best.parse_ms = t.parse_ms;
        if (r == 0 || t.store_ms < best.store_ms)
            best.store_ms = t.store_ms;
    }
    free(input.s);
    return best;
}

/* The shape called name; -2 when none is. */
static int shape_named(const char *name)
{
    for (int s = 0; s < SHAPE_COUNT; s++)
        if (strcmp(shapes[s].name, name) == 0)
            return s;
    return -2;
}

static void usage(void)
{
    fprintf(stderr, "usage: import-scaling [--repeat R] [--base N] [--single SHAPE]\n");
    exit(64);
}

int main(int argc, char **argv)
{
    int repeat = 5, single = -1;
    size_t base = 10000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = (int)strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--base") == 0 && i + 1 < argc)
            base = (size_t)strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--single") == 0 && i + 1 < argc)
            single = shape_named(argv[++i]);
        else
            usage();
    }
    if (repeat < 1 || base == 0 || single == -2)
        usage();
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char dir[4096], db_path[4150];
    snprintf(dir, sizeof(dir), "%s/recite-scaling-XXXXXX", tmp);
    if (!mkdtemp(dir))
        die("cannot create a temporary directory", strerror(errno));
    snprintf(db_path, sizeof(db_path), "%s/scaling.db", dir);
    if (single >= 0) {
        rmdir(dir);
        return read_once((enum shape)single, base);
    }

    printf("import scaling: CPU ms, best of %d; read = parse, convert, validate; store = one "
           "transaction\n",
           repeat);
    printf("%-38s %8s %10s %10s %10s\n", "input", "items", "read", "store", "total");
    for (int s = 0; s < SHAPE_COUNT; s++) {
        double totals[3], reads[3];
        for (int k = 0; k < 3; k++) {
            size_t n = base << k;
            struct timing t = time_best((enum shape)s, n, repeat, db_path);
            reads[k] = t.parse_ms;
            totals[k] = t.parse_ms + t.store_ms;
            printf("%-38s %8zu %10.1f %10.1f %10.1f\n", shapes[s].label, n, t.parse_ms, t.store_ms,
                   totals[k]);
        }
        printf("%s: ratio 2x/1x %.2f, 4x/2x %.2f (read alone %.2f, %.2f; linear is 2)\n",
               shapes[s].label, totals[1] / totals[0], totals[2] / totals[1], reads[1] / reads[0],
               reads[2] / reads[1]);
    }
    remove_db(db_path);
    rmdir(dir);
    return 0;
}
