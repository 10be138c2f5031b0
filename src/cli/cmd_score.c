/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite score export|verify|grades: signed score files. export signs a
 * finished session with the student's key; verify checks a class's files in
 * one process against a roster or one key, and reports each file's reason;
 * grades turns them into a gradebook (score_grades.c).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmds.h"
#include "keys.h"
#include "score_files.h"

/* ---- verify ---- */

/* One CSV field, sanitised and quoted when needed (RFC 4180). */
static void put_csv(const char *text, bool last)
{
    char *safe = cli_sanitize(text ? text : "", strlen(text ? text : ""), false);
    const char *s = safe ? safe : "";
    if (strpbrk(s, ",\"\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    putchar(last ? '\n' : ',');
    free(safe);
}

struct row {
    const char *file, *status, *student, *keyid, *bank, *version, *points, *credit, *items,
        *answered, *finished, *attempt, *number, *counts, *detail;
};

/* Text for every column of a result; the buffers hold the numbers. */
struct row_text {
    char points[64], credit[32], items[24], answered[24], finished[32], number[24];
};

static void fill_row(struct row *r, struct row_text *t, const struct recite_score_result *res,
                     const char *file, enum recite_attempt_rule rule)
{
    const struct recite_score *s = res->score;
    memset(t, 0, sizeof(*t));
    if (s) {
        recite_score_format_points(t->points, sizeof(t->points), s);
        recite_score_format_number(t->credit, sizeof(t->credit), s->credit);
        snprintf(t->items, sizeof(t->items), "%zu", s->item_count);
        snprintf(t->answered, sizeof(t->answered), "%zu", s->answered);
        recite_time_format(t->finished, sizeof(t->finished), s->finished_ms);
        if (s->attempt_number > 0)
            snprintf(t->number, sizeof(t->number), "%lld", (long long)s->attempt_number);
    }
    *r = (struct row){file,
                      recite_fault_name(res->fault),
                      res->roster_name && *res->roster_name ? res->roster_name
                      : s                                   ? s->student
                                                            : "",
                      res->keyid,
                      s ? s->bank_id : "",
                      s ? s->bank_version : "",
                      t->points,
                      t->credit,
                      t->items,
                      t->answered,
                      t->finished,
                      s ? s->attempt : "",
                      t->number,
                      rule == RECITE_ATTEMPTS_NONE ? ""
                      : res->counts                ? "yes"
                                                   : "no",
                      res->fault ? res->detail : ""};
}

static void print_csv(const struct recite_score_result *results, char **names, size_t n,
                      enum recite_attempt_rule rule)
{
    puts("file,status,student,key_id,bank,version,score,credit,items,answered,finished,attempt,"
         "attempt_number,counts,detail");
    for (size_t i = 0; i < n; i++) {
        struct row_text t;
        struct row r;
        fill_row(&r, &t, &results[i], names[i], rule);
        const char *fields[] = {r.file,     r.status,  r.student, r.keyid,  r.bank,
                                r.version,  r.points,  r.credit,  r.items,  r.answered,
                                r.finished, r.attempt, r.number,  r.counts, r.detail};
        size_t count = sizeof(fields) / sizeof(fields[0]);
        for (size_t f = 0; f < count; f++)
            put_csv(fields[f], f + 1 == count);
    }
}

static void put_cell(const char *text, int width)
{
    char *safe = cli_sanitize(text, strlen(text), false);
    printf("%-*s  ", width, safe ? safe : "");
    free(safe);
}

static void print_table(const struct recite_score_result *results, char **names, size_t n,
                        enum recite_attempt_rule rule)
{
    int wf = 4, ws = 7;
    for (size_t i = 0; i < n; i++) {
        struct row_text t;
        struct row r;
        fill_row(&r, &t, &results[i], names[i], rule);
        wf = (int)strlen(r.file) > wf ? (int)strlen(r.file) : wf;
        ws = (int)strlen(r.student) > ws ? (int)strlen(r.student) : ws;
    }
    wf = wf > 48 ? 48 : wf;
    ws = ws > 32 ? 32 : ws;
    printf("%-*s  %-*s  %-16s  %-24s  %-7s  %-9s  %-8s  %s%s\n", wf, "FILE", ws, "STUDENT",
           "KEY ID", "BANK", "ATTEMPT", "SCORE", "ANSWERED", rule ? "COUNTS  " : "", "STATUS");
    for (size_t i = 0; i < n; i++) {
        char bank[160];
        struct row_text t;
        struct row r;
        fill_row(&r, &t, &results[i], names[i], rule);
        snprintf(bank, sizeof(bank), "%s%s%s", r.bank, *r.bank ? "@" : "", r.version);
        put_cell(r.file, wf);
        put_cell(r.student, ws);
        put_cell(r.keyid, 16);
        put_cell(bank, 24);
        put_cell(*r.number ? r.number : results[i].score ? "-" : "", 7);
        put_cell(r.points, 9);
        put_cell(r.answered, 8);
        if (rule)
            put_cell(r.counts, 6);
        cli_put_safe(stdout, r.status);
        if (*r.detail) {
            fputs(": ", stdout);
            cli_put_safe(stdout, r.detail);
        }
        putchar('\n');
    }
}

static int print_results(const struct recite_score_result *results, char **names, size_t n,
                         const struct cli_score_args *args)
{
    const char *format = args->format ? args->format : "table";
    if (strcmp(format, "csv") == 0) {
        print_csv(results, names, n, args->attempts);
    } else if (strcmp(format, "json") == 0) {
        struct recite_error err = {0};
        char *json = NULL;
        if (recite_score_results_json(&json, results, (const char *const *)names, n, args->attempts,
                                      &err) < 0)
            return cli_report(&err);
        fputs(json, stdout);
        free(json);
    } else {
        print_table(results, names, n, args->attempts);
    }
    return 0;
}

/* Verifies every file; the exit status is 1 when any is not valid. */
static int verify_all(struct cli_file_list *files, const struct recite_keyset *keys,
                      const char *bank_hash, const struct cli_score_args *args)
{
    const char *format = args->format ? args->format : "table";
    struct recite_score_result *results = NULL;
    int status = cli_score_verify_files(&results, files, keys, bank_hash);
    if (status != 0)
        return status;
    recite_score_pick_attempts(results, (const char *const *)files->shown, files->count,
                               args->attempts);
    status = print_results(results, files->shown, files->count, args);
    size_t valid = 0;
    for (size_t i = 0; i < files->count; i++) {
        valid += results[i].fault == RECITE_FAULT_NONE;
        recite_score_result_release(&results[i]);
    }
    free(results);
    if (status == 0 && valid != files->count) {
        if (strcmp(format, "table") == 0)
            printf("%zu of %zu files valid\n", valid, files->count);
        status = CLI_EXIT_FAIL;
    }
    return status;
}

static int action_verify(const struct cli_call *call)
{
    const struct cli_score_args *args = call->ctx;
    const char *format = args->format ? args->format : "table";
    if (strcmp(format, "table") && strcmp(format, "csv") && strcmp(format, "json"))
        return cli_usage_error("score", "--format is table, csv or json");
    if (call->argc == 0)
        return cli_usage_error("score", "name the score files to verify");
    if (!args->roster && !args->pubkey)
        return cli_usage_error("score", "give --roster FILE or --pubkey KEY");
    /* A key beside a roster would vouch for whatever name its files claim. */
    if (args->roster && args->pubkey)
        return cli_usage_error("score", "give --roster FILE or --pubkey KEY, not both: the roster "
                                        "says whose each key is");
    char bank_hash[96];
    struct recite_keyset keys = RECITE_KEYSET_INIT;
    struct cli_file_list files = {0};
    int status = cli_score_prepare(&keys, &files, bank_hash, sizeof(bank_hash), args, call->argc,
                                   call->argv);
    if (status == 0)
        status = verify_all(&files, &keys, args->bank ? bank_hash : NULL, args);
    cli_file_list_release(&files);
    recite_keyset_release(&keys);
    return status;
}

static int action_export(const struct cli_call *call)
{
    const struct cli_score_args *args = call->ctx;
    struct cli_export_options opts = {args->output, args->student, args->passphrase_file,
                                      args->force};
    return cli_score_export(call->st, args->session, &opts);
}

static int action_grades(const struct cli_call *call)
{
    return cli_score_grades(call->ctx, call->argc, call->argv);
}

/* --attempts RULE into an enum recite_attempt_rule. */
static bool parse_attempts(void *out, const char *text)
{
    return recite_attempt_rule_parse(out, text);
}

/* --last: the newest session, as when no --session is given. */
static bool parse_last(void *out, const char *text)
{
    (void)text;
    *(int64_t *)out = 0;
    return true;
}

static const char summary[] =
    "export writes a recite-score/2 file and its minisign signature; verify\n"
    "checks each file (a directory stands for its files), recomputing its\n"
    "totals, lists every attempt, and exits 0 only when every file is valid,\n"
    "1 otherwise; grades writes one grade per roster student from the valid\n"
    "files, for a gradebook (Moodle, Canvas) or into a gradebook export.";

static const struct cli_action actions[] = {
    {"export", action_export, 0, 0, "export takes no file arguments; use -o FILE", true, NULL},
    {"verify", action_verify, 0, -1, NULL, false, NULL},
    {"grades", action_grades, 0, -1, NULL, false, NULL},
    {0},
};

static const struct cli_parser parser = {
    .command = "score",
    .synopsis = "recite score export [--session ID | --last] [-o FILE [--force]] [--student NAME]\n"
                "recite score verify FILE|DIR... (--roster FILE | --pubkey KEY) [--bank FILE] "
                "[--format table|csv|json] [--attempts best|latest|first]\n"
                "recite score grades FILE|DIR... --roster FILE [--format csv|json|moodle|canvas] "
                "[--scale points|percent] [--attempts best|latest|first] [--bank FILE] "
                "[--into EXPORT.csv --column NAME] [-o FILE]",
    .summary = summary,
    .actions = actions,
};

/*
 * recite score export [--session ID | --last] [-o FILE] | verify FILE... [--roster FILE]
 *            | grades FILE... --roster FILE [--format F] [--into EXPORT --column NAME]
 */
int cmd_score(int argc, char **argv)
{
    struct cli_score_args args = {0};
    const struct cli_option options[] = {
        CLI_OPT_NUMBER_ROW("session", 0, &args.session, 1, LLONG_MAX, "ID",
                           "export: the session to export", "--session takes a session id"),
        CLI_OPT_PARSE_ROW("last", 0, &args.session, parse_last, NULL,
                          "export: the newest session (the default)", NULL),
        CLI_OPT_STRING_ROW("output", 'o', &args.output, "FILE",
                           "export: write FILE and FILE.minisig; grades: write FILE (default: "
                           "standard output)"),
        CLI_OPT_STRING_ROW("student", 0, &args.student, "NAME",
                           "export: your identifier (default: config student.name, $USER, the "
                           "account name)"),
        CLI_OPT_STRING_ROW("passphrase-file", 0, &args.passphrase_file, "F",
                           "export: read the key's passphrase from F"),
        CLI_OPT_SWITCH_ROW("force", 0, &args.force,
                           "export: replace FILE and FILE.minisig if they exist"),
        CLI_OPT_STRING_ROW("roster", 0, &args.roster, "FILE",
                           "verify, grades: students and their keys"),
        CLI_OPT_STRING_ROW("pubkey", 0, &args.pubkey, "KEY",
                           "verify: one public key (or .pub file), instead of a roster"),
        CLI_OPT_STRING_ROW("bank", 0, &args.bank, "FILE",
                           "verify, grades: the bank the scores must name"),
        CLI_OPT_STRING_ROW("format", 0, &args.format, "FMT",
                           "verify: table (default), csv or json; grades: csv (default), json, "
                           "moodle or canvas"),
        CLI_OPT_PARSE_ROW("attempts", 0, &args.attempts, parse_attempts, "RULE",
                          "verify, grades: the attempt that counts per student: best (grades' "
                          "default), latest or first",
                          "--attempts is best, latest or first"),
        CLI_OPT_STRING_ROW("scale", 0, &args.scale, "S", "grades: points (default) or percent"),
        CLI_OPT_STRING_ROW("into", 0, &args.into, "FILE",
                           "grades: fill one column of this gradebook exported from the LMS"),
        CLI_OPT_STRING_ROW("column", 0, &args.column, "NAME",
                           "grades: the grade column (default 'recite'; with --into, required)"),
        CLI_OPT_END_ROW,
    };
    return cli_run(&parser, options, &args, argc, argv);
}
