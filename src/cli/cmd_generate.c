/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite generate DOC... [-o DRAFT.bank [--force]] [--id ID] [--title T]
 * [--min-confidence X]: a
 * draft bank of acronyms, dated events and member lists found in documents,
 * each with its citation. Nothing is written unless every document could be
 * read, and the draft never replaces one of the documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "cmds.h"

struct progress {
    const char *name;
    int last; /* last percentage drawn, -1 before the first */
};

static void draw_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct progress *p = ctx;
    if (total == 0)
        return;
    int pct = (int)(done * 100 / total);
    if (pct == p->last)
        return;
    p->last = pct;
    int width = cli_term_width(stderr) - 12;
    if (width > 50)
        width = 50;
    if (width < 10)
        width = 10;
    int filled = pct * width / 100;
    fprintf(stderr, "\r[");
    for (int i = 0; i < width; i++)
        fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %3d%%", pct);
    fflush(stderr);
}

/* Whether output is one of the documents (the same file, whatever its name). */
static bool is_input(const char *output, char **docs, int count)
{
    struct stat out_sb, doc_sb;
    if (!output || strcmp(output, "-") == 0 || stat(output, &out_sb) != 0)
        return false;
    for (int i = 0; i < count; i++)
        if (stat(docs[i], &doc_sb) == 0 && doc_sb.st_dev == out_sb.st_dev &&
            doc_sb.st_ino == out_sb.st_ino)
            return true;
    return false;
}

/* The least confidence of a fact kept: a number from 0 to 1 into the double out. */
static bool parse_confidence(void *out, const char *text)
{
    char *end;
    double confidence = strtod(text, &end);
    if (end == text || *end || !(confidence >= 0.0 && confidence <= 1.0))
        return false;
    *(double *)out = confidence;
    return true;
}

/*
 * The draft written to path a piece at a time as it comes, never joined in
 * memory first, then put in place as every output file is (atomically).
 */
static int draft_to_file(struct recite_gen *gen, const char *path, bool force)
{
    struct recite_error err = {0};
    struct recite_file_writer w;
    struct recite_save_options opts = {0, force};
    if (recite_file_writer_open(&w, path, &err) < 0)
        return cli_report(&err);
    int rc = recite_gen_draft_each(gen, recite_file_writer_put, &w, &err);
    if (rc == RECITE_ENOMEM) {
        recite_file_writer_discard(&w);
        return cli_report(&err);
    }
    /* a failed write is reported by the close, with its cause */
    return recite_file_writer_close(&w, &opts, &err) < 0 ? cli_report(&err) : CLI_EXIT_OK;
}

static int put_stdout(void *ctx, const char *data, size_t len)
{
    return fwrite(data, 1, len, ctx) == len ? 0 : RECITE_EIO;
}

static int draft_to_stdout(struct recite_gen *gen)
{
    struct recite_error err = {0};
    /* piped or redirected: in pieces as to a file; a terminal gets it made safe, whole */
    if (!isatty(STDOUT_FILENO)) {
        int rc = recite_gen_draft_each(gen, put_stdout, stdout, &err);
        if (rc == RECITE_ENOMEM)
            return cli_report(&err);
        if (rc < 0 || fflush(stdout) != 0) {
            cli_error("cannot write to standard output");
            return CLI_EXIT_IOERR;
        }
        return CLI_EXIT_OK;
    }
    char *draft = NULL;
    size_t len = 0;
    int status = recite_gen_draft(&draft, &len, gen, &err) < 0
                     ? cli_report(&err)
                     : cli_write_output(NULL, draft, len, false);
    free(draft);
    return status;
}

static int generate(char **docs, int count, const char *output, bool force,
                    struct recite_gen_options *opts)
{
    struct recite_error err = {0};
    struct recite_gen *gen = NULL;
    struct progress progress = {NULL, -1};
    if (isatty(STDERR_FILENO)) {
        opts->progress = draw_progress;
        opts->progress_ctx = &progress;
    }
    if (recite_gen_new(&gen, opts, &err) < 0)
        return cli_report(&err);
    int status = CLI_EXIT_OK;
    for (int i = 0; i < count && status == CLI_EXIT_OK; i++) {
        progress.name = docs[i];
        progress.last = -1;
        int rc = recite_gen_add_file(gen, docs[i], NULL, &err);
        if (progress.last >= 0)
            fputs("\r\033[K", stderr);
        if (rc < 0)
            status = cli_report(&err);
    }
    if (status == CLI_EXIT_OK && output && strcmp(output, "-") != 0)
        status = draft_to_file(gen, output, force);
    else if (status == CLI_EXIT_OK)
        status = draft_to_stdout(gen);
    recite_gen_free(gen);
    return status;
}

static const struct cli_parser parser = {
    .command = "generate",
    .synopsis = "recite generate DOC... [-o DRAFT.bank [--force]] [--id ID] [--title T]\n"
                "                [--min-confidence X] [--threads N]",
    .summary = "Reads plain text or Markdown documents (UTF-8) and writes a draft bank\n"
               "of the acronym definitions, dated events and member lists they state,\n"
               "each citing its document, line and sentence, the least confident first.\n"
               "Review it, then import it.",
};

/* recite generate DOC... [-o DRAFT.bank [--force]] [--id ID] [--title T] [--min-confidence X]
 * [--threads N] */
int cmd_generate(int argc, char **argv)
{
    struct recite_gen_options opts = RECITE_GEN_OPTIONS_INIT;
    const char *output = NULL;
    bool force = false;
    int threads = 0;
    struct cli_strings docs = {0};
    const struct cli_option options[] = {
        CLI_OPT_OPERANDS_ROW("DOC", &docs, "no document given"),
        CLI_OPT_STRING_ROW("output", 'o', &output, "FILE",
                           "write the draft to FILE (default: stdout)"),
        CLI_OPT_SWITCH_ROW("force", 0, &force, "replace FILE if it exists (never a document read)"),
        CLI_OPT_STRING_ROW("id", 0, &opts.bank_id, "ID", "the draft's bank id (default: draft)"),
        CLI_OPT_STRING_ROW("title", 0, &opts.title, "T",
                           "the draft's title (default: first document)"),
        CLI_OPT_PARSE_ROW("min-confidence", 0, &opts.min_confidence, parse_confidence, "X",
                          "leave out facts whose confidence is below X (0 to 1; default 0)",
                          "--min-confidence takes a number from 0 to 1, not '%s'"),
        CLI_OPT_NUMBER_ROW("threads", 'j', &threads, 1, 2, "N",
                           "read on 1 or 2 threads (default: 2 when two CPUs are online); the "
                           "draft is the same",
                           "--threads takes 1 or 2, not '%s'"),
        CLI_OPT_END_ROW,
    };
    int status = cli_parse(&parser, options, argc, argv);
    if (status != CLI_CONTINUE)
        return status;
    opts.threads = (unsigned)threads;
    if (opts.bank_id && !(opts.bank_id[0] && strspn(opts.bank_id,
                                                     "abcdefghijklmnopqrstuvwxyz"
                                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
                                                  strlen(opts.bank_id)))
        return cli_usage_error("generate", "bank id '%s' may hold only letters, digits, . _ -",
                               opts.bank_id);
    if (is_input(output, docs.items, (int)docs.count)) {
        cli_error("'%s' is one of the documents read; the draft must go elsewhere", output);
        return CLI_EXIT_CANTCREAT;
    }
    /* Said before the work; the write itself refuses too, whatever appears meanwhile. */
    if (output && strcmp(output, "-") != 0 && !force && recite_file_exists(output)) {
        cli_error("'%s' exists (use --force to replace it)", output);
        return CLI_EXIT_CANTCREAT;
    }
    return generate(docs.items, (int)docs.count, output, force, &opts);
}
