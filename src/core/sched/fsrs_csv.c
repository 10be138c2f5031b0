/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fsrs-rs's CSV review log: a header naming card_id, review_time,
 * review_rating, review_state and review_duration (any order, other columns
 * ignored), then one review per line. All or nothing: the first bad line
 * is reported as PATH:LINE and no row is kept.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recite/common.h"
#include "recite/fit.h"

enum { COL_CARD, COL_TIME, COL_RATING, COL_STATE, COL_DURATION, COL_COUNT };
static const char *const column_names[COL_COUNT] = {"card_id", "review_time", "review_rating",
                                                    "review_state", "review_duration"};

#define MAX_FIELDS 64

/* Splits line in place at commas, trimming blanks and one pair of quotes. */
static size_t split(char *line, char **fields)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *end = strchr(p, ',');
        if (end)
            *end = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
            p[--len] = '\0';
        if (len >= 2 && p[0] == '"' && p[len - 1] == '"') {
            p[len - 1] = '\0';
            p++;
        }
        if (n < MAX_FIELDS)
            fields[n++] = p;
        if (!end)
            return n;
        p = end + 1;
    }
}

static bool parse_int(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno)
        return false;
    *out = v;
    return true;
}

static int header(int col[COL_COUNT], char *line, const char *path, struct recite_error *err)
{
    char *fields[MAX_FIELDS];
    size_t n = split(line, fields);
    for (int c = 0; c < COL_COUNT; c++) {
        col[c] = -1;
        for (size_t i = 0; i < n; i++)
            if (strcmp(fields[i], column_names[c]) == 0)
                col[c] = (int)i;
        if (col[c] < 0)
            return recite_error_set(err, RECITE_EDATA, "%s:1: missing column '%s'", path,
                                    column_names[c]);
    }
    return 0;
}

static int row(struct recite_revlog_entry *out, char *line, const int col[COL_COUNT],
               const char *path, size_t lineno, struct recite_error *err)
{
    char *fields[MAX_FIELDS];
    size_t n = split(line, fields);
    int64_t v[COL_COUNT];
    for (int c = 0; c < COL_COUNT; c++) {
        if ((size_t)col[c] >= n)
            return recite_error_set(err, RECITE_EDATA, "%s:%zu: missing %s", path, lineno,
                                    column_names[c]);
        if (!parse_int(fields[col[c]], &v[c]))
            return recite_error_set(err, RECITE_EDATA, "%s:%zu: %s '%s' is not a whole number",
                                    path, lineno, column_names[c], fields[col[c]]);
    }
    if (v[COL_RATING] < 1 || v[COL_RATING] > 4)
        return recite_error_set(err, RECITE_EDATA, "%s:%zu: unknown rating '%s' (1 to 4)", path,
                                lineno, fields[col[COL_RATING]]);
    if (v[COL_STATE] < 0 || v[COL_STATE] > 3)
        return recite_error_set(err, RECITE_EDATA, "%s:%zu: unknown state '%s' (0 to 3)", path,
                                lineno, fields[col[COL_STATE]]);
    out->card_id = v[COL_CARD];
    out->time_ms = v[COL_TIME];
    out->rating = (int)v[COL_RATING];
    out->state = (int)v[COL_STATE];
    return 0;
}

static bool blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

static int read_lines(struct recite_revlog *log, FILE *f, const char *path,
                      struct recite_error *err)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    int col[COL_COUNT], rc = 0;
    bool have_header = false;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (len && line[len - 1] == '\n')
            line[len - 1] = '\0';
        if (blank(line))
            continue;
        if (!have_header) {
            if ((rc = header(col, line, path, err)) < 0)
                break;
            have_header = true;
            continue;
        }
        struct recite_revlog_entry e;
        if ((rc = row(&e, line, col, path, lineno, err)) < 0 ||
            (rc = recite_revlog_push(log, &e, err)) < 0)
            break;
    }
    if (rc == 0 && ferror(f))
        rc = recite_error_set(err, RECITE_EIO, "cannot read '%s': %s", path, strerror(errno));
    if (rc == 0 && !have_header)
        rc = recite_error_set(err, RECITE_EDATA, "%s:1: missing header line", path);
    free(line);
    return rc;
}

int recite_revlog_read_csv(struct recite_revlog *log, const char *path, struct recite_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return recite_error_set(err, errno == ENOENT ? RECITE_ENOTFOUND : RECITE_EIO,
                                "cannot open '%s': %s", path, strerror(errno));
    size_t before = log->count;
    int rc = read_lines(log, f, path, err);
    fclose(f);
    if (rc < 0)
        log->count = before;
    return rc;
}
