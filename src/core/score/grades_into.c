/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Filling one column of a gradebook exported from an LMS (Moodle's or
 * Canvas's CSV): rows are matched to roster students through the identity
 * columns the export has, and only the bytes of the filled cells change.
 * Any doubt about a row (two students, two rows, none) is an error with its
 * line, so no grade lands on the wrong student.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/csv.h"
#include "formats/formats_internal.h"
#include "recite/common.h"
#include "recite/grades.h"
#include "recite/score.h"
#include "recite/sign.h"

#define MAX_FIELDS 4096 /* columns of one row; exports have tens to hundreds */

/* One field of a record: raw bytes [start, end), quotes included. */
struct span {
    size_t start, end;
};

/* One record of the export. */
struct record {
    struct span fields[MAX_FIELDS];
    size_t count;
    size_t end;    /* where its content stops (before the line ending) */
    unsigned line; /* the line it starts on */
};

/* Reads the record at *pos (delim separated, RFC 4180 quotes); 0 at the end, <0 on error. */
static int read_record(struct record *r, const char *text, size_t len, size_t *pos, char delim,
                       unsigned *line, const char **why)
{
    size_t i = *pos;
    if (i >= len)
        return 0;
    r->count = 0;
    r->line = *line;
    for (;;) {
        if (r->count == MAX_FIELDS) {
            *why = "too many columns";
            return RECITE_EDATA;
        }
        struct span *f = &r->fields[r->count++];
        f->start = i;
        if (i < len && text[i] == '"') {
            for (i++;; i++) {
                if (i >= len) {
                    *why = "quoted field is never closed";
                    return RECITE_EDATA;
                }
                if (text[i] == '\n')
                    (*line)++;
                if (text[i] == '"' && (i + 1 >= len || text[i + 1] != '"'))
                    break;
                if (text[i] == '"')
                    i++;
            }
            i++;
        } else {
            while (i < len && text[i] != delim && text[i] != '\n' && text[i] != '"' &&
                   !(text[i] == '\r' && (i + 1 == len || text[i + 1] == '\n')))
                i++;
        }
        f->end = i;
        if (i < len && text[i] == delim) {
            i++;
            continue;
        }
        /* A record ends at LF, CRLF or the end; a lone CR is data, as in unquoted fields. */
        bool line_end = i >= len || text[i] == '\n' ||
                        (text[i] == '\r' && (i + 1 == len || text[i + 1] == '\n'));
        if (!line_end) {
            *why =
                text[i] == '"' ? "a quote inside an unquoted field" : "text after a closing quote";
            return RECITE_EDATA;
        }
        break;
    }
    r->end = i;
    if (i < len && text[i] == '\r')
        i++;
    if (i < len && text[i] == '\n')
        i++;
    (*line)++;
    *pos = i;
    return 1;
}

/* The value of field f: unquoted, surrounding blanks trimmed, into buf. */
static const char *field_value(char *buf, size_t size, const char *text, const struct span *f)
{
    size_t n = 0, i = f->start, end = f->end;
    bool quoted = i < end && text[i] == '"';
    if (quoted) {
        i++;
        end--;
    }
    for (; i < end && n + 1 < size; i++) {
        if (quoted && text[i] == '"')
            i++;
        buf[n++] = text[i];
    }
    buf[n] = '\0';
    while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
        buf[--n] = '\0';
    size_t lead = strspn(buf, " \t");
    /* A byte order mark opens many exports: it is not part of the first header. */
    if (f->start == 0 && strncmp(buf + lead, "\xef\xbb\xbf", 3) == 0)
        lead += 3;
    return buf + lead;
}

/* The identity columns recite knows, and the roster field each holds. */
static const struct {
    const char *header;
    enum recite_roster_field field;
} identity_columns[] = {
    {"ID", RECITE_ROSTER_CANVAS_ID},          /* Canvas */
    {"SIS User ID", RECITE_ROSTER_IDNUMBER},  /* Canvas */
    {"SIS Login ID", RECITE_ROSTER_USERNAME}, /* Canvas */
    {"ID number", RECITE_ROSTER_IDNUMBER},    /* Moodle */
    {"Email address", RECITE_ROSTER_EMAIL},   /* Moodle */
    {"Username", RECITE_ROSTER_USERNAME},     /* Moodle, with the username exported */
    {"idnumber", RECITE_ROSTER_IDNUMBER},     {"email", RECITE_ROSTER_EMAIL},
};
#define IDENTITY_COLUMNS (sizeof(identity_columns) / sizeof(identity_columns[0]))

/* What the header says: the column to fill and where each identity is. */
struct layout {
    char delim;
    size_t column;                   /* the column to fill */
    long identity[IDENTITY_COLUMNS]; /* its column, -1 when absent */
    size_t identities;               /* how many are present */
};

/* Is value the header of the column to fill? Canvas writes "Title (1234)" for "Title". */
static bool is_column(const char *value, const char *column)
{
    size_t n = strlen(column);
    if (strcmp(value, column) == 0)
        return true;
    if (strncmp(value, column, n) != 0 || strncmp(value + n, " (", 2) != 0)
        return false;
    const char *digits = value + n + 2;
    size_t k = strspn(digits, "0123456789");
    return k > 0 && strcmp(digits + k, ")") == 0;
}

/*
 * The column to fill: the header NAME, else the one Canvas-style "NAME (id)".
 * 1 when found, 0 when absent, -1 when two could be meant: never a guess.
 */
static int find_column(size_t *out, const struct record *r, const char *text, const char *column)
{
    char value[512];
    size_t exact = 0, titled = 0, first_exact = 0, first_titled = 0;
    for (size_t i = 0; i < r->count; i++) {
        const char *v = field_value(value, sizeof(value), text, &r->fields[i]);
        if (strcmp(v, column) == 0)
            first_exact = exact++ ? first_exact : i;
        else if (is_column(v, column))
            first_titled = titled++ ? first_titled : i;
    }
    if (exact > 1 || (exact == 0 && titled > 1))
        return -1;
    *out = exact ? first_exact : first_titled;
    return exact + titled > 0;
}

/* Finds the column in the header under one of , ; TAB; fills l. */
static int read_header(struct layout *l, struct record *r, const char *text, size_t len,
                       const char *name, const char *column, struct recite_error *err)
{
    static const char delims[] = {',', ';', '\t'};
    char value[512];
    for (size_t d = 0; d < sizeof(delims); d++) {
        size_t pos = 0;
        unsigned line = 1;
        const char *why = NULL;
        int rc = read_record(r, text, len, &pos, delims[d], &line, &why);
        if (rc == 0)
            return recite_error_set(err, RECITE_EDATA, "%s:1: the gradebook is empty", name);
        if (rc < 0)
            return recite_error_set(err, RECITE_EDATA, "%s:%u: %s", name, r->line, why);
        size_t found = 0;
        int where = find_column(&found, r, text, column);
        if (where == 0)
            continue;
        if (where < 0)
            return recite_error_set(err, RECITE_EDATA, "%s:1: more than one column '%s'", name,
                                    column);
        l->delim = delims[d];
        l->column = found;
        l->identities = 0;
        for (size_t k = 0; k < IDENTITY_COLUMNS; k++) {
            l->identity[k] = -1;
            for (size_t i = 0; i < r->count && l->identity[k] < 0; i++) {
                const char *v = field_value(value, sizeof(value), text, &r->fields[i]);
                if (strcasecmp(v, identity_columns[k].header) == 0)
                    l->identity[k] = (long)i;
            }
            l->identities += l->identity[k] >= 0;
        }
        if (l->identities == 0)
            return recite_error_set(err, RECITE_EDATA,
                                    "%s:1: no column to find students by (ID, SIS User ID, SIS "
                                    "Login ID, ID number, Email address or Username)",
                                    name);
        return 0;
    }
    return recite_error_set(err, RECITE_EDATA, "%s:1: no column '%s' in the header", name, column);
}

/* A student's identity as the roster gives it; a missing username is the identifier. */
static const char *student_identity(const struct recite_grade *s, enum recite_roster_field f)
{
    if (f == RECITE_ROSTER_USERNAME && !s->ident[f])
        return s->student;
    return s->ident[f];
}

/*
 * The roster student row r names, SIZE_MAX for none; RECITE_EDATA when it
 * names two.
 */
static int match_row(size_t *out, const struct recite_grades *g, const struct layout *l,
                     const struct record *r, const char *text, const char *name,
                     struct recite_error *err)
{
    char value[512];
    *out = SIZE_MAX;
    for (size_t k = 0; k < IDENTITY_COLUMNS; k++) {
        if (l->identity[k] < 0 || (size_t)l->identity[k] >= r->count)
            continue;
        const char *v = field_value(value, sizeof(value), text, &r->fields[l->identity[k]]);
        if (!*v)
            continue;
        for (size_t s = 0; s < g->count; s++) {
            const char *mine = student_identity(&g->grades[s], identity_columns[k].field);
            bool email = identity_columns[k].field == RECITE_ROSTER_EMAIL;
            if (!mine || (email ? strcasecmp(mine, v) : strcmp(mine, v)) != 0)
                continue;
            if (*out != SIZE_MAX && *out != s)
                return recite_error_set(
                    err, RECITE_EDATA, "%s:%u: the row names two roster students, '%s' and '%s'",
                    name, r->line, g->grades[*out].student, g->grades[s].student);
            *out = s;
        }
    }
    return 0;
}

/* One change to the export: bytes [start, end) become the cell, after pad delimiters. */
struct edit {
    size_t start, end;
    size_t pad;     /* delimiters to add first (a row shorter than the header) */
    size_t student; /* whose grade */
    unsigned line;  /* the row's line, for messages */
};

/* Matches every row to a student; rows[s] is student s's edit. Returns the edits or <0. */
static int plan_edits(struct edit *edits, size_t *rows, const struct recite_grades *g,
                      const struct layout *l, struct record *r, const char *text, size_t len,
                      const char *name, struct recite_error *err)
{
    size_t pos = 0, edited = 0;
    unsigned line = 1;
    const char *why = NULL;
    int rc = read_record(r, text, len, &pos, l->delim, &line, &why); /* the header */
    while (rc > 0 && (rc = read_record(r, text, len, &pos, l->delim, &line, &why)) > 0) {
        size_t s;
        if (match_row(&s, g, l, r, text, name, err) < 0)
            return RECITE_EDATA;
        if (s == SIZE_MAX)
            continue; /* a student not on the roster, Canvas's Points Possible: theirs */
        if (rows[s] != SIZE_MAX)
            return recite_error_set(err, RECITE_EDATA,
                                    "%s:%u: student '%s' already has the row of line %u", name,
                                    r->line, g->grades[s].student, edits[rows[s]].line);
        bool has = l->column < r->count;
        edits[edited] = (struct edit){has ? r->fields[l->column].start : r->end,
                                      has ? r->fields[l->column].end : r->end,
                                      has ? 0 : l->column + 1 - r->count, s, r->line};
        rows[s] = edited++;
    }
    if (rc < 0)
        return recite_error_set(err, RECITE_EDATA, "%s:%u: %s", name, r->line, why);
    return (int)edited;
}

/* Every roster student must be in the gradebook, or a grade would silently go nowhere. */
static int check_everyone(const struct recite_grades *g, const size_t *rows, const char *name,
                          const struct recite_grades_options *opts, struct recite_error *err)
{
    for (size_t s = 0; s < g->count; s++) {
        if (rows[s] == SIZE_MAX)
            return recite_error_set(err, RECITE_EDATA, "%s:%zu: student '%s' has no row in '%s'",
                                    opts->roster_path, opts->roster->lines[g->grades[s].entry],
                                    g->grades[s].student, name);
    }
    return 0;
}

/* The export with the edits applied, in order. */
static int apply_edits(char **out, size_t *out_len, const struct edit *edits, size_t count,
                       const struct recite_grades *g, const char *text, size_t len, char delim,
                       struct recite_error *err)
{
    struct recite_buf b = {0};
    size_t at = 0;
    for (size_t i = 0; i < count; i++) {
        const struct recite_grade *s = &g->grades[edits[i].student];
        char cell[32] = "";
        if (s->graded)
            recite_score_format_number(cell, sizeof(cell), s->score);
        recite_buf_add(&b, text + at, edits[i].start - at);
        for (size_t k = 0; k < edits[i].pad; k++)
            recite_buf_addc(&b, delim);
        csv_put_field(&b, cell, delim, false);
        at = edits[i].end;
    }
    recite_buf_add(&b, text + at, len - at);
    return recite_buf_finish(&b, out, out_len, err);
}

int recite_grades_fill(char **out, size_t *out_len, size_t *filled,
                       const struct recite_grades *grades, const char *text, size_t len,
                       const char *export_name, const struct recite_grades_options *opts,
                       struct recite_error *err)
{
    *out = NULL;
    *filled = 0;
    if (memchr(text, '\0', len))
        return recite_error_set(err, RECITE_EDATA, "%s: a NUL byte: not a CSV file", export_name);
    struct record *r = malloc(sizeof(*r));
    struct edit *edits = malloc((grades->count + 1) * sizeof(*edits)); /* one per student */
    size_t *rows = malloc((grades->count ? grades->count : 1) * sizeof(*rows));
    struct layout l = {0};
    int rc = r && edits && rows ? 0 : recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t s = 0; rows && s < grades->count; s++)
        rows[s] = SIZE_MAX;
    if (rc == 0)
        rc = read_header(&l, r, text, len, export_name, opts->column, err);
    int count = rc == 0 ? plan_edits(edits, rows, grades, &l, r, text, len, export_name, err) : rc;
    rc = count < 0 ? count : check_everyone(grades, rows, export_name, opts, err);
    if (rc == 0)
        rc = apply_edits(out, out_len, edits, (size_t)count, grades, text, len, l.delim, err);
    if (rc == 0)
        *filled = (size_t)count;
    free(r);
    free(edits);
    free(rows);
    return rc;
}
