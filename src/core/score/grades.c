/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Gradebooks from verified score files: one row per roster student, the
 * attempt that counts, every fault in a feedback text, and the writers
 * (plain CSV, JSON through jansson, Moodle's and Canvas's CSV dialects).
 * A student who handed in nothing, or nothing valid, has no grade, never 0.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <utf8proc.h>

#include "json_text.h"
#include "formats/csv.h"
#include "formats/formats_internal.h"
#include "recite/common.h"
#include "recite/grades.h"
#include "recite/score.h"
#include "recite/sign.h"

bool recite_grade_scale_parse(enum recite_grade_scale *out, const char *name)
{
    if (strcmp(name, "points") == 0)
        *out = RECITE_SCALE_POINTS;
    else if (strcmp(name, "percent") == 0)
        *out = RECITE_SCALE_PERCENT;
    else
        return false;
    return true;
}

bool recite_grades_format_parse(enum recite_grades_format *out, const char *name)
{
    static const char *const names[] = {"csv", "json", "moodle", "canvas"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (enum recite_grades_format)i;
            return true;
        }
    }
    return false;
}

void recite_grades_release(struct recite_grades *grades)
{
    for (size_t i = 0; grades->grades && i < grades->count; i++)
        free(grades->grades[i].feedback);
    free(grades->grades);
    free(grades->unattributed);
    memset(grades, 0, sizeof(*grades));
}

/* ---- students from the roster ---- */

static struct recite_grade *find_student(struct recite_grades *g, const char *name)
{
    for (size_t i = 0; i < g->count; i++) {
        if (strcmp(g->grades[i].student, name) == 0)
            return &g->grades[i];
    }
    return NULL;
}

/* Adds roster entry i's identities to its student; one student, one identity per field. */
static int merge_identities(struct recite_grade *s, const struct recite_grades_options *opts,
                            size_t i, struct recite_error *err)
{
    const struct recite_keyset *roster = opts->roster;
    for (size_t f = 0; f < RECITE_ROSTER_FIELD_COUNT; f++) {
        const char *value = recite_keyset_field(roster, i, (enum recite_roster_field)f);
        if (!value)
            continue;
        if (s->ident[f] && strcmp(s->ident[f], value) != 0)
            return recite_error_set(err, RECITE_EDATA, "%s:%zu: %s of '%s' differs from line %zu",
                                    opts->roster_path, roster->lines[i],
                                    recite_roster_field_name((enum recite_roster_field)f),
                                    s->student, roster->lines[s->entry]);
        s->ident[f] = value;
    }
    return 0;
}

/* Two students with one gradebook identity would take each other's grade. */
static int check_identities_unique(const struct recite_grades *g,
                                   const struct recite_grades_options *opts,
                                   struct recite_error *err)
{
    for (size_t a = 0; a < g->count; a++) {
        for (size_t b = a + 1; b < g->count; b++) {
            for (size_t f = 0; f < RECITE_ROSTER_FIELD_COUNT; f++) {
                const char *x = g->grades[a].ident[f], *y = g->grades[b].ident[f];
                if (f == RECITE_ROSTER_NAME || f == RECITE_ROSTER_SECTION || !x || !y ||
                    strcasecmp(x, y) != 0)
                    continue;
                return recite_error_set(
                    err, RECITE_EDATA, "%s:%zu: %s '%s' is also '%s''s (line %zu)",
                    opts->roster_path, opts->roster->lines[g->grades[b].entry],
                    recite_roster_field_name((enum recite_roster_field)f), y, g->grades[a].student,
                    opts->roster->lines[g->grades[a].entry]);
            }
        }
    }
    return 0;
}

static int students_from_roster(struct recite_grades *g, const struct recite_grades_options *opts,
                                struct recite_error *err)
{
    const struct recite_keyset *roster = opts->roster;
    g->grades = calloc(roster->count ? roster->count : 1, sizeof(*g->grades));
    if (!g->grades)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < roster->count; i++) {
        struct recite_grade *s = find_student(g, roster->names[i]);
        if (!s) {
            s = &g->grades[g->count++];
            s->student = roster->names[i];
            s->entry = i;
        }
        int rc = merge_identities(s, opts, i, err);
        if (rc < 0)
            return rc;
    }
    return check_identities_unique(g, opts, err);
}

/* ---- attributing files ---- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/*
 * The student a result concerns: the roster entry that verified it, else
 * (for feedback only) the one student whose key id the signature names.
 */
static struct recite_grade *owner_of(struct recite_grades *g, const struct recite_score_result *r,
                                     const struct recite_keyset *roster)
{
    if (r->roster_name && *r->roster_name)
        return find_student(g, r->roster_name);
    struct recite_grade *owner = NULL;
    for (size_t i = 0; r->keyid[0] && i < roster->count; i++) {
        char hex[RECITE_KEYID_HEX_LEN + 1];
        recite_keyid_hex(hex, roster->keys[i].keyid);
        if (strcmp(hex, r->keyid) != 0)
            continue;
        struct recite_grade *s = find_student(g, roster->names[i]);
        if (owner && owner != s)
            return NULL; /* a shared key id names nobody for sure */
        owner = s;
    }
    return owner;
}

/* Appends a note to s's feedback, "; " between notes. */
static void note(struct recite_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct recite_buf *b, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (b->len)
        recite_buf_adds(b, "; ");
    recite_buf_adds(b, text);
}

/* Which student each result concerns. */
struct attribution {
    const struct recite_grade **owners; /* per result: its student, or NULL */
    size_t count;                       /* results */
};

/* The notes on one student's files: every fault, and which attempt counts out of how many. */
static void student_notes(struct recite_buf *b, const struct recite_grades *g,
                          const struct recite_grade *s, const struct attribution *who,
                          const struct recite_grades_options *opts)
{
    size_t files = 0;
    for (size_t i = 0; i < who->count; i++) {
        if (who->owners[i] != s)
            continue;
        const struct recite_score_result *r = &g->results[i];
        files++;
        if (r->fault != RECITE_FAULT_NONE)
            note(b, "%s: %s: %s", base_name(g->names[i]), recite_fault_name(r->fault), r->detail);
    }
    if (files == 0)
        note(b, "no score file");
    else if (!s->graded)
        note(b, "no valid attempt");
    if (!s->graded)
        return;
    const struct recite_score *used = g->results[s->used].score;
    if (s->attempts > 1)
        note(b, "%s of %zu attempts: %s", recite_attempt_rule_name(opts->rule), s->attempts,
             base_name(g->names[s->used]));
    if (used->format == 1 && used->count > (int64_t)used->item_count)
        note(b, "%s: recite-score/1 lists %zu of %lld questions; the rest were not recorded",
             base_name(g->names[s->used]), used->item_count, (long long)used->count);
}

/* Replaces what a spreadsheet or a JSON writer must not see: control characters, broken UTF-8. */
static char *clean_text(const char *text, size_t len)
{
    char *out = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; out && i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0 || cp < 0x20 || cp == 0x7f) {
            out[n++] = '?';
            i += k > 0 ? (size_t)k : 1;
            continue;
        }
        memcpy(out + n, text + i, (size_t)k);
        n += (size_t)k;
        i += (size_t)k;
    }
    if (out)
        out[n] = '\0';
    return out;
}

static int feedback_all(struct recite_grades *g, const struct attribution *who,
                        const struct recite_grades_options *opts, struct recite_error *err)
{
    for (size_t k = 0; k < g->count; k++) {
        struct recite_buf b = {0};
        student_notes(&b, g, &g->grades[k], who, opts);
        char *text = NULL;
        size_t len = 0;
        int rc = recite_buf_finish(&b, &text, &len, err);
        if (rc < 0)
            return rc;
        g->grades[k].feedback = clean_text(text, len);
        free(text);
        if (!g->grades[k].feedback)
            return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    return 0;
}

/* The counted attempt of each student, on the scale, and how many could have counted. */
static void score_students(struct recite_grades *g, const struct attribution *who,
                           const struct recite_grades_options *opts)
{
    for (size_t i = 0; i < who->count; i++) {
        const struct recite_score_result *r = &g->results[i];
        if (!who->owners[i])
            continue;
        struct recite_grade *s = &g->grades[who->owners[i] - g->grades];
        bool could =
            r->fault == RECITE_FAULT_NONE || (r->fault == RECITE_FAULT_DUPLICATE && r->counts);
        s->attempts += could;
        if (!r->counts)
            continue;
        double items = (double)r->score->item_count;
        s->graded = true;
        s->used = i;
        s->out_of = opts->scale == RECITE_SCALE_PERCENT ? 100.0 : items;
        s->score = opts->scale == RECITE_SCALE_PERCENT
                       ? (items > 0 ? 100.0 * r->score->credit / items : 0.0)
                       : r->score->credit;
    }
}

int recite_grades_compute(struct recite_grades *out, struct recite_score_result *results,
                          const char *const *names, size_t count,
                          const struct recite_grades_options *opts, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    out->results = results;
    out->names = names;
    int rc = students_from_roster(out, opts, err);
    struct attribution who = {calloc(count ? count : 1, sizeof(*who.owners)), count};
    out->unattributed = calloc(count ? count : 1, sizeof(*out->unattributed));
    if (rc == 0 && (!who.owners || !out->unattributed))
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    if (rc == 0) {
        recite_score_pick_attempts(results, names, count, opts->rule);
        for (size_t i = 0; i < count; i++) {
            who.owners[i] = owner_of(out, &results[i], opts->roster);
            if (!who.owners[i])
                out->unattributed[out->unattributed_count++] = i;
        }
        score_students(out, &who, opts);
        rc = feedback_all(out, &who, opts, err);
    }
    free(who.owners);
    if (rc < 0)
        recite_grades_release(out);
    return rc;
}

/* ---- writers ---- */

static const char *identity(const struct recite_grade *s, enum recite_roster_field f)
{
    /* Without a username the roster identifier is the login: students often use theirs. */
    if (f == RECITE_ROSTER_USERNAME && !s->ident[f])
        return s->student;
    return s->ident[f] ? s->ident[f] : "";
}

static void put_cell(struct recite_buf *b, const char *text, bool first)
{
    if (!first)
        recite_buf_addc(b, ',');
    csv_put_field(b, text, ',', false);
}

/*
 * A text cell a spreadsheet must not run as a formula (file names come from
 * students): a leading = + - @ gets a quote, as OWASP advises for CSV.
 */
static void put_text(struct recite_buf *b, const char *text, bool first)
{
    if (text[0] && strchr("=+-@", text[0])) {
        size_t n = strlen(text) + 2;
        char *quoted = malloc(n);
        if (!quoted) {
            b->oom = true;
            return;
        }
        snprintf(quoted, n, "'%s", text);
        put_cell(b, quoted, first);
        free(quoted);
        return;
    }
    put_cell(b, text, first);
}

static void put_number(struct recite_buf *b, double value, bool graded, const char *none)
{
    char text[32];
    recite_score_format_number(text, sizeof(text), value);
    put_cell(b, graded ? text : none, false);
}

static void write_csv(struct recite_buf *b, const struct recite_grades *g)
{
    recite_buf_adds(b, "student,score,out_of,answered,attempt,attempts,file,feedback\n");
    for (size_t k = 0; k < g->count; k++) {
        const struct recite_grade *s = &g->grades[k];
        const struct recite_score *used = s->graded ? g->results[s->used].score : NULL;
        char answered[24] = "", attempt[24] = "", attempts[24];
        if (used) {
            snprintf(answered, sizeof(answered), "%zu", used->answered);
            if (used->attempt_number > 0)
                snprintf(attempt, sizeof(attempt), "%lld", (long long)used->attempt_number);
        }
        snprintf(attempts, sizeof(attempts), "%zu", s->attempts);
        put_cell(b, s->student, true);
        put_number(b, s->score, s->graded, "");
        put_number(b, s->out_of, s->graded, "");
        put_cell(b, answered, false);
        put_cell(b, attempt, false);
        put_cell(b, attempts, false);
        put_text(b, used ? g->names[s->used] : "", false);
        put_text(b, s->feedback, false);
        recite_buf_addc(b, '\n');
    }
}

/* Moodle's grade import maps a column to username, ID number or email; "-" is no grade. */
static void write_moodle(struct recite_buf *b, const struct recite_grades *g,
                         const struct recite_grades_options *opts)
{
    put_cell(b, "Username", true);
    put_cell(b, "ID number", false);
    put_cell(b, "Email address", false);
    put_cell(b, opts->column, false);
    struct recite_buf header = {0};
    char *feedback = NULL;
    recite_buf_addf(&header, "Feedback: %s", opts->column);
    if (recite_buf_finish(&header, &feedback, NULL, NULL) < 0) {
        b->oom = true;
        return;
    }
    put_cell(b, feedback, false);
    free(feedback);
    recite_buf_addc(b, '\n');
    for (size_t k = 0; k < g->count; k++) {
        const struct recite_grade *s = &g->grades[k];
        put_cell(b, identity(s, RECITE_ROSTER_USERNAME), true);
        put_cell(b, identity(s, RECITE_ROSTER_IDNUMBER), false);
        put_cell(b, identity(s, RECITE_ROSTER_EMAIL), false);
        put_number(b, s->score, s->graded, "-");
        put_text(b, s->feedback, false);
        recite_buf_addc(b, '\n');
    }
}

/* The maximum every grade shares, for Canvas's Points Possible row; 0 when they differ. */
static double points_possible(const struct recite_grades *g, const struct recite_grades_options *o)
{
    if (o->scale == RECITE_SCALE_PERCENT)
        return 100.0;
    double shared = 0;
    for (size_t k = 0; k < g->count; k++) {
        if (!g->grades[k].graded)
            continue;
        if (shared != 0 && shared != g->grades[k].out_of)
            return 0;
        shared = g->grades[k].out_of;
    }
    return shared;
}

/*
 * Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID and
 * Section, then the assignment; it finds a student by ID, then SIS User ID,
 * then SIS Login ID, then name. An empty cell is no grade.
 */
static void write_canvas(struct recite_buf *b, const struct recite_grades *g,
                         const struct recite_grades_options *opts)
{
    static const char *const head[] = {"Student", "ID", "SIS User ID", "SIS Login ID", "Section"};
    for (size_t i = 0; i < 5; i++)
        put_cell(b, head[i], i == 0);
    put_cell(b, opts->column, false);
    recite_buf_addc(b, '\n');
    double possible = points_possible(g, opts);
    if (possible > 0) {
        recite_buf_adds(b, "Points Possible,,,,");
        put_number(b, possible, true, "");
        recite_buf_addc(b, '\n');
    }
    for (size_t k = 0; k < g->count; k++) {
        const struct recite_grade *s = &g->grades[k];
        put_cell(b, s->ident[RECITE_ROSTER_NAME] ? s->ident[RECITE_ROSTER_NAME] : s->student, true);
        put_cell(b, identity(s, RECITE_ROSTER_CANVAS_ID), false);
        put_cell(b, identity(s, RECITE_ROSTER_IDNUMBER), false);
        put_cell(b, identity(s, RECITE_ROSTER_USERNAME), false);
        put_cell(b, identity(s, RECITE_ROSTER_SECTION), false);
        put_number(b, s->score, s->graded, "");
        recite_buf_addc(b, '\n');
    }
}

/* Two decimals, as the CSV dialects show it. */
static json_t *json_number_2(double value)
{
    char text[32];
    recite_score_format_number(text, sizeof(text), value);
    return json_real(strtod(text, NULL));
}

static json_t *student_json(const struct recite_grades *g, const struct recite_grade *s)
{
    const struct recite_score *used = s->graded ? g->results[s->used].score : NULL;
    json_t *ident = json_object();
    for (size_t f = 0; ident && f < RECITE_ROSTER_FIELD_COUNT; f++) {
        if (s->ident[f])
            json_object_set_new(ident, recite_roster_field_name((enum recite_roster_field)f),
                                json_string(s->ident[f]));
    }
    return json_pack(
        "{s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:s?, s:s}", "student", s->student, "identity",
        ident ? ident : json_null(), "score", used ? json_number_2(s->score) : json_null(),
        "out_of", used ? json_number_2(s->out_of) : json_null(), "answered",
        used ? json_integer((json_int_t)used->answered) : json_null(), "attempt",
        used && used->attempt_number ? json_integer(used->attempt_number) : json_null(), "attempts",
        (json_int_t)s->attempts, "file", used ? g->names[s->used] : NULL, "feedback", s->feedback);
}

static json_t *grades_json(const struct recite_grades *g, const struct recite_grades_options *opts)
{
    json_t *students = json_array(), *loose = json_array();
    for (size_t k = 0; students && k < g->count; k++)
        json_array_append_new(students, student_json(g, &g->grades[k]));
    for (size_t k = 0; loose && k < g->unattributed_count; k++) {
        const struct recite_score_result *r = &g->results[g->unattributed[k]];
        char *detail = clean_text(r->detail, strlen(r->detail));
        json_array_append_new(loose,
                              json_pack("{s:s, s:s, s:s?}", "file", g->names[g->unattributed[k]],
                                        "status", recite_fault_name(r->fault), "detail", detail));
        free(detail);
    }
    if (students && json_array_size(students) != g->count) {
        json_decref(students);
        students = NULL;
    }
    return json_pack("{s:s, s:s, s:s, s:s, s:o?, s:o?}", "format", "recite-grades/1", "rule",
                     recite_attempt_rule_name(opts->rule), "scale",
                     opts->scale == RECITE_SCALE_PERCENT ? "percent" : "points", "column",
                     opts->column, "students", students, "unattributed", loose);
}

int recite_grades_write(char **out, size_t *out_len, const struct recite_grades *grades,
                        enum recite_grades_format format, const struct recite_grades_options *opts,
                        struct recite_error *err)
{
    *out = NULL;
    if (format == RECITE_GRADES_JSON) {
        int rc = recite_json_text(out, grades_json(grades, opts),
                                  JSON_INDENT(2) | JSON_REAL_PRECISION(12), true,
                                  "the grades document", err);
        *out_len = rc == 0 ? strlen(*out) : 0;
        return rc;
    }
    struct recite_buf b = {0};
    if (format == RECITE_GRADES_MOODLE)
        write_moodle(&b, grades, opts);
    else if (format == RECITE_GRADES_CANVAS)
        write_canvas(&b, grades, opts);
    else
        write_csv(&b, grades);
    return recite_buf_finish(&b, out, out_len, err);
}
