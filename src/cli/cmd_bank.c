/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite bank import|export|list|show|rm|lint: question banks in and out of
 * the database. Text from a bank reaches the terminal only sanitised, except
 * export, whose output is the canonical text itself (which the parser has
 * already freed of control characters).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "keys.h"
#include "cmds.h"

struct bank_args {
    const char *output; /* -o FILE */
    bool force;         /* --force: -o may replace an existing file */
    bool allow_unsigned; /* --allow-unsigned */
    bool replace;        /* --replace */
    int format;         /* --format: a recite_format, -1 when not given */
    bool yes;           /* --yes */
    bool json;          /* --json */
    const char *passphrase_file; /* --passphrase-file */
};

/* Prints each diagnostic of path as FILE:LINE:COL: message. */
static void print_diags(FILE *out, const char *path, const struct recite_diags *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        cli_put_safe(out, path);
        fprintf(out, ":%u:%u: ", diags->items[i].line, diags->items[i].col);
        cli_put_safe(out, diags->items[i].message);
        fputc('\n', out);
    }
}

/* Prints advice as FILE:LINE:COL: warning: message (it does not change the exit status). */
static void print_advice(FILE *out, const char *path, const struct recite_diags *advice)
{
    for (size_t i = 0; i < advice->count; i++) {
        cli_put_safe(out, path);
        fprintf(out, ":%u:%u: warning: ", advice->items[i].line, advice->items[i].col);
        cli_put_safe(out, advice->items[i].message);
        fputc('\n', out);
    }
}

/* recite bank lint FILE... */
static int bank_lint(const struct cli_call *call)
{
    int status = CLI_EXIT_OK;
    for (int i = 0; i < call->argc; i++) {
        struct recite_diags diags = {0};
        struct recite_error err = {0};
        struct recite_bank *bank = NULL;
        int rc = recite_bank_load(&bank, call->argv[i], &diags, &err);
        print_diags(stdout, call->argv[i], &diags);
        struct recite_diags advice = {0};
        if (rc == 0 && recite_bank_advise(bank, &advice, &err) == 0)
            print_advice(stdout, call->argv[i], &advice);
        recite_diags_release(&advice);
        if (rc < 0 && diags.count == 0) {
            int s = cli_report(&err);
            status = status == CLI_EXIT_OK ? s : status;
        } else if (rc < 0) {
            status = CLI_EXIT_DATAERR;
        }
        recite_bank_free(bank);
        recite_diags_release(&diags);
    }
    return status;
}

static void print_stats(const char *path, const struct recite_import_stats *s)
{
    cli_put_safe(stdout, path);
    if (s->added + s->changed + s->retired == 0 && s->cards_added == 0) {
        printf(": unchanged (%zu facts)", s->unchanged);
    } else {
        printf(": +%zu ~%zu -%zu (%zu unchanged, %zu new cards)%s", s->added, s->changed,
               s->retired, s->unchanged, s->cards_added, s->bank_added ? ", new bank" : "");
    }
    if (s->reviews_added || s->media_saved)
        printf(", %zu answers from its history, %zu media files", s->reviews_added,
               s->media_saved);
    putchar('\n');
}

/* ---- interchange formats: import and export through the formats module ---- */

/* recite bank export ID --format gift|aiken|anki|csv [-o FILE]; what is lost goes to stderr. */
static int formats_export(const struct bank_args *a, struct recite_store *st, const char *id)
{
    int status = CLI_EXIT_OK;
    struct recite_error err = {0};
    struct recite_bank *bank = NULL;
    struct recite_format_report report = {0};
    char *text = NULL, *out_text = NULL;
    size_t len = 0;
    int64_t now = 0;
    if (recite_store_bank_canonical(st, id, &text, &err) < 0 ||
        recite_bank_parse(&bank, text, strlen(text), NULL, &err) < 0 ||
        recite_now_ms(&now, &err) < 0 ||
        (a->format == RECITE_FORMAT_APKG
             ? recite_anki_export(st, bank, now, (unsigned char **)&out_text, &len, &report, &err)
             : recite_format_write(&out_text, &len, (enum recite_format)a->format, bank, &report,
                                   &err)) < 0) {
        status = cli_report(&err);
        goto out;
    }
    if ((status = cli_write_output(a->output, out_text, len, a->force)) != 0)
        goto out;
    fprintf(stderr, "recite: %zu questions written as %s%s%s\n", report.written,
            recite_format_name((enum recite_format)a->format), report.dropped[0] ? "; " : "",
            report.dropped);
out:
    free(text);
    free(out_text);
    recite_bank_free(bank);
    return status;
}

/* recite bank sign FILE... [--passphrase-file F] */
static int bank_sign(const struct cli_call *call)
{
    const struct bank_args *a = call->ctx;
    struct cli_key_paths paths = {0};
    struct recite_seckey *key = NULL;
    int status = cli_key_paths(&paths);
    if (status == 0)
        status = cli_load_secret_key(&key, paths.secret, a->passphrase_file);
    for (int i = 0; status == 0 && i < call->argc; i++) {
        struct recite_error err = {0};
        struct recite_import_file file;
        /*
         * Only a file that reads clean is worth signing, and what is signed
         * is the very bytes that were checked (read once, in any format).
         */
        int rc = recite_import_file_read(&file, call->argv[i], a->format, &err);
        print_diags(stderr, call->argv[i], &file.diags);
        if (rc == 0)
            rc = recite_sign_data(call->argv[i], file.data, file.len, key, NULL, &err);
        if (rc < 0) {
            status = cli_report(&err);
        } else {
            cli_put_safe(stdout, call->argv[i]);
            fputs(".minisig written\n", stdout);
        }
        recite_import_file_release(&file);
    }
    recite_seckey_free(key);
    cli_key_paths_release(&paths);
    return status;
}

/* Who signed an imported file, or that nobody did, on stderr. */
static void print_provenance(const struct recite_import_file *f,
                             const struct recite_import_stats *s)
{
    if (f->signer[0]) {
        cli_put_safe(stderr, f->path);
        fputs(": signature good, signed by ", stderr);
        cli_put_safe(stderr, f->signer_name ? f->signer_name : f->signer);
        if (f->signer_name)
            fprintf(stderr, " (%s)", f->signer);
        fputc('\n', stderr);
    } else if (s->signer_before[0]) {
        fputs("recite: warning: ", stderr);
        cli_put_safe(stderr, f->path);
        fputs(" is not signed, yet replaces bank '", stderr);
        cli_put_safe(stderr, f->bank->id);
        fprintf(stderr, "', which key %s had signed (--allow-unsigned)\n", s->signer_before);
    } else {
        fputs("note: ", stderr);
        cli_put_safe(stderr, f->path);
        fputs(" is not signed\n", stderr);
    }
}

/* Reads and parses every file, printing each problem; 0 or the exit status of the first failure. */
static int read_files(struct recite_import_file *files, char **paths, int count, int format)
{
    int status = CLI_EXIT_OK;
    for (int i = 0; i < count; i++) {
        struct recite_error err = {0};
        int rc = recite_import_file_read(&files[i], paths[i], format, &err);
        print_diags(stderr, paths[i], &files[i].diags);
        if (rc < 0 && files[i].diags.count == 0)
            cli_report(&err);
        if (rc < 0 && status == CLI_EXIT_OK)
            status = cli_exit_status(rc);
    }
    return status;
}

/* recite bank import FILE... [--format NAME] [--allow-unsigned] [--replace] */
static int bank_import(const struct cli_call *call)
{
    const struct bank_args *a = call->ctx;
    size_t n = (size_t)call->argc;
    struct recite_import_file *files = calloc(n, sizeof(*files));
    struct recite_import_stats *stats = calloc(n, sizeof(*stats));
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    int64_t now = 0;
    int status = CLI_EXIT_SOFTWARE;
    if (!files || !stats)
        goto out;
    if (recite_now_ms(&now, &err) < 0) {
        status = cli_report(&err);
        goto out;
    }
    /* Everything is read and parsed first: a bad file must not even create the database. */
    if ((status = read_files(files, call->argv, call->argc, a->format)) != 0) {
        cli_error("nothing was imported");
        goto out;
    }
    if ((status = cli_open_store(&st)) != 0)
        goto out;
    struct recite_import_options opts = {a->allow_unsigned, a->replace};
    if (recite_import_files(st, files, n, &opts, now, stats, &err) < 0) {
        status = cli_report(&err);
        cli_error("nothing was imported");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        print_provenance(&files[i], &stats[i]);
        print_stats(files[i].path, &stats[i]);
    }
    status = CLI_EXIT_OK;
out:
    for (size_t i = 0; files && i < n; i++)
        recite_import_file_release(&files[i]);
    free(files);
    free(stats);
    recite_store_close(st);
    return status;
}

/* recite bank export ID [-o FILE] */
static int bank_export(const struct cli_call *call)
{
    const struct bank_args *a = call->ctx;
    if (a->format == RECITE_FORMAT_APKG && !a->output)
        return cli_usage_error("bank", "export --format apkg needs -o FILE (a zip archive)");
    if (a->format > RECITE_FORMAT_BANK)
        return formats_export(a, call->st, call->argv[0]);
    int status = CLI_EXIT_OK;
    struct recite_error err = {0};
    char *text = NULL;
    if (recite_store_bank_canonical(call->st, call->argv[0], &text, &err) < 0) {
        status = cli_report(&err);
        goto out;
    }
    status = cli_write_output(a->output, text, strlen(text), a->force);
out:
    free(text);
    return status;
}

/*
 * Prints JSON made by the core (rc is its return code). Its strings come from
 * banks but JSON escapes every control character, so it goes out as is.
 */
static int print_json(int rc, const char *json, const struct recite_error *err)
{
    if (rc < 0)
        return cli_report(err);
    puts(json);
    return CLI_EXIT_OK;
}

/* recite bank list [--json] */
static int bank_list(const struct cli_call *call)
{
    const struct bank_args *a = call->ctx;
    struct recite_store *st = call->st;
    int status = CLI_EXIT_OK;
    struct recite_error err = {0};
    struct recite_bank_info *infos = NULL;
    size_t count = 0;
    char *json = NULL;
    if (recite_store_bank_list(st, &infos, &count, &err) < 0) {
        status = cli_report(&err);
    } else if (a->json) {
        int rc = recite_bank_list_json(&json, infos, count, &err);
        status = print_json(rc, json, &err);
    } else if (count == 0) {
        puts("no banks (import one with 'recite bank import FILE')");
    } else {
        printf("%-16s %7s %7s  %-10s %s\n", "ID", "FACTS", "CARDS", "VERSION", "TITLE");
        for (size_t i = 0; i < count; i++) {
            char *id = cli_sanitize(infos[i].slug, strlen(infos[i].slug), false);
            char *version = cli_sanitize(infos[i].version, strlen(infos[i].version), false);
            printf("%-16s %7zu %7zu  %-10s ", id ? id : "?", infos[i].fact_count,
                   infos[i].card_count, version ? version : "?");
            cli_put_safe(stdout, infos[i].title);
            putchar('\n');
            free(id);
            free(version);
        }
    }
    free(json);
    recite_bank_infos_free(infos, count);
    return status;
}

struct tag_count {
    const char *tag;
    size_t count;
};

static int tag_name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Most used first, then by name. */
static int tag_count_cmp(const void *a, const void *b)
{
    const struct tag_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->tag, y->tag);
}

/* Tags with the number of facts carrying each; sorting keeps it fast on large banks. */
static void print_tags(const struct recite_bank *bank)
{
    size_t total = 0, untagged = 0;
    for (size_t i = 0; i < bank->fact_count; i++) {
        total += bank->facts[i].tag_count;
        untagged += bank->facts[i].tag_count == 0;
    }
    const char **tags = calloc(total + 1, sizeof(*tags));
    struct tag_count *counts = calloc(total + 1, sizeof(*counts));
    if (!tags || !counts) {
        cli_error("out of memory counting tags");
        goto out;
    }
    size_t n = 0, distinct = 0;
    for (size_t i = 0; i < bank->fact_count; i++)
        for (size_t t = 0; t < bank->facts[i].tag_count; t++)
            tags[n++] = bank->facts[i].tags[t];
    qsort(tags, n, sizeof(*tags), tag_name_cmp);
    for (size_t i = 0; i < n; i++) {
        if (distinct > 0 && strcmp(counts[distinct - 1].tag, tags[i]) == 0)
            counts[distinct - 1].count++;
        else
            counts[distinct++] = (struct tag_count){tags[i], 1};
    }
    qsort(counts, distinct, sizeof(*counts), tag_count_cmp);
    puts("by tag:");
    for (size_t i = 0; i < distinct; i++)
        printf("  %-20s %6zu\n", counts[i].tag, counts[i].count);
    if (untagged)
        printf("  %-20s %6zu\n", "(untagged)", untagged);
out:
    free(tags);
    free(counts);
}

/* Facts by kind, then by tag, of a stored bank. */
static void print_counts(const struct recite_bank *bank)
{
    size_t kinds[RECITE_FACT_KIND_COUNT] = {0};
    for (size_t i = 0; i < bank->fact_count; i++)
        kinds[bank->facts[i].kind]++;
    puts("by kind:");
    for (int k = 0; k < RECITE_FACT_KIND_COUNT; k++)
        printf("  %-10s %6zu\n", recite_fact_kind_name((enum recite_fact_kind)k), kinds[k]);
    print_tags(bank);
}

static void print_field(const char *name, const char *value)
{
    printf("%s: ", name);
    cli_put_safe(stdout, value);
    putchar('\n');
}

/* Where the bank came from: the format of its last file and who signed it. */
static void print_origin(struct recite_store *st, const char *slug)
{
    struct recite_bank_origin origin;
    struct recite_error err = {0};
    if (recite_store_bank_origin(st, slug, &origin, &err) < 0)
        return;
    printf("from: %s file\n", origin.format[0] ? origin.format : "an interchange");
    printf("signed: %s\n", origin.signer[0] ? origin.signer : "no");
}

/* recite bank show ID [--json] */
static int bank_show(const struct cli_call *call)
{
    const struct bank_args *a = call->ctx;
    struct recite_store *st = call->st;
    int status = CLI_EXIT_OK;
    struct recite_error err = {0};
    struct recite_bank_info info = {0};
    struct recite_bank *bank = NULL;
    if (recite_store_bank_get(st, call->argv[0], &info, &err) < 0 ||
        recite_store_bank_load(st, call->argv[0], &bank, &err) < 0) {
        status = cli_report(&err);
        goto out;
    }
    if (a->json) {
        char *json = NULL;
        int rc = recite_bank_show_json(&json, &info, bank, &err);
        status = print_json(rc, json, &err);
        free(json);
        goto out;
    }
    char when[32];
    recite_time_format(when, sizeof(when), info.imported_at);
    print_field("bank", info.slug);
    print_field("title", info.title);
    print_field("version", info.version);
    print_field("language", info.language);
    printf("hash: blake2b-256:%s\n", info.hash);
    printf("imported: %s\n", when);
    print_origin(st, info.slug);
    printf("sources: %zu\n", bank->source_count);
    for (size_t i = 0; i < bank->source_count; i++) {
        printf("  ");
        cli_put_safe(stdout, bank->sources[i].id);
        printf("  ");
        cli_put_safe(stdout, bank->sources[i].title);
        putchar('\n');
    }
    printf("facts: %zu (%zu retired)\n", info.fact_count, info.retired_count);
    printf("cards: %zu (%zu suspended)\n", info.card_count, info.suspended_count);
    print_counts(bank);
out:
    recite_bank_free(bank);
    recite_bank_info_release(&info);
    return status;
}

/* Asks on stderr; true on "y" or "yes". */
static bool confirm(const char *slug, const struct recite_bank_info *info)
{
    fprintf(stderr, "remove bank '");
    cli_put_safe(stderr, slug);
    fprintf(stderr, "' (%zu facts) with all its cards and review history? [y/N] ",
            info->fact_count + info->retired_count);
    fflush(stderr);
    char line[16];
    if (!fgets(line, sizeof(line), stdin))
        return false;
    line[strcspn(line, "\r\n")] = '\0';
    return strcmp(line, "y") == 0 || strcmp(line, "Y") == 0 || strcmp(line, "yes") == 0;
}

/* recite bank rm ID [--yes] */
static int bank_rm(const struct cli_call *call)
{
    const struct bank_args *a = call->ctx;
    struct recite_store *st = call->st;
    int status = CLI_EXIT_OK;
    struct recite_error err = {0};
    struct recite_bank_info info = {0};
    if (recite_store_bank_get(st, call->argv[0], &info, &err) < 0) {
        status = cli_report(&err);
    } else if (!a->yes && !confirm(call->argv[0], &info)) {
        cli_error("bank kept");
        status = CLI_EXIT_FAIL;
    } else if (recite_store_bank_remove(st, call->argv[0], &err) < 0) {
        status = cli_report(&err);
    } else {
        printf("removed bank ");
        cli_put_safe(stdout, info.slug);
        putchar('\n');
    }
    recite_bank_info_release(&info);
    return status;
}

/* --format NAME into the int out: a recite_format. */
static bool parse_format(void *out, const char *text)
{
    return (*(int *)out = recite_format_from_name(text)) >= 0;
}

static const char synopsis[] =
    "recite bank import FILE... [--format NAME] [--allow-unsigned] [--replace]\n"
    "recite bank export ID [--format NAME] [-o FILE [--force]]\n"
    "recite bank list [--json]\n"
    "recite bank show ID [--json]\n"
    "recite bank rm ID [--yes]\n"
    "recite bank lint FILE...\n"
    "recite bank preview BANK [FACT[/TEMPLATE]]... [--answer TEXT]... [--json]\n"
    "recite bank suspended BANK\n"
    "recite bank unsuspend BANK [FACT[/TEMPLATE]]...\n"
    "recite bank sign FILE... [--format NAME] [--passphrase-file F]";

static const char summary[] =
    "Question banks: import .bank files (all or nothing), export one in its\n"
    "canonical form, list and show stored banks, remove one with its history,\n"
    "or check files and report every problem as FILE:LINE:COL: message;\n"
    "preview shows every card as a student sees it and judges replies to it\n"
    "(recite bank preview --help). suspended lists the cards you or the\n"
    "leech rule suspended; unsuspend brings them back.\n"
    "sign writes FILE.minisig with your key (recite key gen); import checks\n"
    "a file's .minisig against the keys trusted with 'recite key trust' and\n"
    "refuses a bad one. An unsigned file imports with a note, except over a\n"
    "bank that was imported signed; a file of another format never replaces\n"
    "a stored bank unless asked.";

static const struct cli_action actions[] = {
    {"import", bank_import, 1, -1, "import needs at least one FILE", false, NULL},
    {"export", bank_export, 1, 1, "export needs exactly one bank ID", true, NULL},
    {"list", bank_list, 0, 0, "list takes no operands", true, NULL},
    {"show", bank_show, 1, 1, "show needs exactly one bank ID", true, NULL},
    {"rm", bank_rm, 1, 1, "rm needs exactly one bank ID", true, NULL},
    {"lint", bank_lint, 1, -1, "lint needs at least one FILE", false, NULL},
    {"preview", NULL, 0, 0, NULL, false, cmd_bank_preview},
    {"sign", bank_sign, 1, -1, "sign needs at least one FILE", false, NULL},
    {"suspended", NULL, 0, 0, NULL, false, cmd_bank_suspended},
    {"unsuspend", NULL, 0, 0, NULL, false, cmd_bank_unsuspend},
    {0},
};

static const struct cli_parser parser = {
    .command = "bank",
    .synopsis = synopsis,
    .summary = summary,
    .actions = actions,
};

/* recite bank import|export|list|show|rm|lint|preview|sign|suspended|unsuspend ... */
int cmd_bank(int argc, char **argv)
{
    struct bank_args a = {.format = -1};
    const struct cli_option options[] = {
        CLI_OPT_STRING_ROW("output", 'o', &a.output, "FILE",
                           "export: write to FILE instead of stdout"),
        CLI_OPT_SWITCH_ROW("force", 0, &a.force, "export: replace FILE if it exists"),
        CLI_OPT_PARSE_ROW("format", 'f', &a.format, parse_format, "NAME",
                          "import/export/sign: bank, gift, aiken, anki, csv or apkg (guessed when "
                          "absent)",
                          "unknown format '%s' (bank, gift, aiken, anki, csv, apkg)"),
        CLI_OPT_SWITCH_ROW("allow-unsigned", 0, &a.allow_unsigned,
                           "import: let an unsigned file replace a bank that was signed"),
        CLI_OPT_SWITCH_ROW("replace", 0, &a.replace,
                           "import: let a file of another format replace a stored bank"),
        CLI_OPT_SWITCH_ROW("json", 0, &a.json, "list, show: print JSON"),
        CLI_OPT_SWITCH_ROW("yes", 'y', &a.yes, "rm: do not ask for confirmation"),
        CLI_OPT_STRING_ROW("passphrase-file", 0, &a.passphrase_file, "F",
                           "sign: read the key's passphrase from F"),
        CLI_OPT_END_ROW,
    };
    return cli_run(&parser, options, &a, argc, argv);
}
