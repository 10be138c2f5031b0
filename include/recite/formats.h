/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Question-bank interchange formats: Moodle GIFT, Aiken, Anki plain text and
 * CSV. Each reader turns a file into the interchange model below (the model
 * of docs/formats.md, one question per entry), which maps onto `question`
 * facts of a struct recite_bank; each writer goes the other way and reports
 * what the target format cannot hold. Specified in docs/formats.md.
 * Included through recite.h.
 */
#ifndef RECITE_FORMATS_H
#define RECITE_FORMATS_H

#include "bank.h"
#include "common.h"

enum recite_format {
    RECITE_FORMAT_BANK = 0, /* the native .bank text */
    RECITE_FORMAT_GIFT,     /* Moodle GIFT (.gift, .txt) */
    RECITE_FORMAT_AIKEN,    /* Moodle Aiken (.aiken) */
    RECITE_FORMAT_ANKI,     /* Anki plain-text notes (.txt with #headers) */
    RECITE_FORMAT_CSV,      /* RFC 4180 with a header row (.csv) */
    RECITE_FORMAT_APKG,     /* Anki package: .apkg / .colpkg (a zip archive) */
    RECITE_FORMAT_COUNT
};

/* "bank", "gift", "aiken", "anki", "csv", "apkg". Static storage; NULL when out of range. */
const char *recite_format_name(enum recite_format format);
/* The format named name (case-insensitive); -1 when none. */
int recite_format_from_name(const char *name);

/*
 * Guesses the format of a file from its name (may be NULL) and its first
 * bytes: .bank, .gift, .aiken, .csv, .tsv by extension; for .txt and
 * anything else by content (a `bank ID` header, Anki `#separator:`-style
 * headers, Aiken `ANSWER:` lines, GIFT braces). Falls back to GIFT. A zip
 * archive, or a .apkg / .colpkg name, is an Anki package (APKG).
 */
enum recite_format recite_format_detect(const char *path, const char *text, size_t len);

/* Question kinds of the interchange model. */
enum recite_qkind {
    RECITE_Q_MULTICHOICE = 0,
    RECITE_Q_TRUEFALSE,
    RECITE_Q_SHORTANSWER,
    RECITE_Q_MATCHING,
    RECITE_Q_NUMERICAL,
    RECITE_Q_ESSAY,       /* no answers: kept, but not askable */
    RECITE_Q_DESCRIPTION, /* no answers: kept, but not askable */
    RECITE_Q_FLASHCARD,
    RECITE_Q_KIND_COUNT
};

/* "multichoice", ... Static storage; NULL when out of range. */
const char *recite_qkind_name(enum recite_qkind kind);
/* The kind named name; -1 when none. */
int recite_qkind_from_name(const char *name);

/* One answer. Strings are owned by the answer; NULL when absent. */
struct recite_qanswer {
    char *text;      /* answer text; matching: left side ("" = distractor);
                        numerical: NULL, or "*" for the catch-all */
    char *match;     /* matching: right side; else NULL */
    bool has_value;  /* numerical (not the catch-all): value and tolerance are set */
    double value;
    double tolerance;
    double weight;   /* fraction in [-1, 1] */
    char *feedback;  /* NULL when none */
};

/* One question of the interchange model. Strings owned; NULL when absent. */
struct recite_question {
    enum recite_qkind kind;
    char *title;
    char *id;
    char **tags;
    size_t tag_count;
    char *category;
    char *text;   /* '_____' where a missing-word blank is */
    char *format; /* "moodle", "html", "markdown" or "plain" */
    bool blank;   /* missing-word question */
    int single;   /* multichoice: 1 one answer, 0 several; -1 otherwise */
    struct recite_qanswer *answers;
    size_t answer_count;
    char *general_feedback;
    unsigned line; /* 1-based line where it starts in the source, 0 in memory */
};

/* A list of questions. Release with recite_questions_release(). */
struct recite_questions {
    struct recite_question *items;
    size_t count;
};

void recite_questions_release(struct recite_questions *qs);

/*
 * Reads text (len bytes, need not be NUL-terminated) in format (not BANK).
 * Every problem goes to diags (may be NULL) with its line and column, and
 * reading goes on with the next question, so *out holds every question that
 * did read. Returns 0 when clean, RECITE_EDATA (err names the first problem)
 * when some question failed, RECITE_ENOMEM. Release *out in every case.
 */
int recite_format_read(struct recite_questions *out, enum recite_format format, const char *text,
                       size_t len, struct recite_diags *diags, struct recite_error *err);

/*
 * Turns questions into a bank with id bank_id of `question` facts, one per
 * question (the question fields are listed in docs/formats.md), and
 * validates it; problems go to diags (may be NULL) at each question's line.
 * Caller frees *out with recite_bank_free().
 */
int recite_format_to_bank(struct recite_bank **out, const struct recite_questions *qs,
                          const char *bank_id, struct recite_diags *diags,
                          struct recite_error *err);

/*
 * The questions of bank: question facts as stored, other kinds of fact as
 * short-answer questions (a cloze asks its first deletion). Release *out.
 */
int recite_format_from_bank(struct recite_questions *out, const struct recite_bank *bank,
                            struct recite_error *err);

/* What a writer could not keep. */
struct recite_format_report {
    size_t written;   /* questions written */
    size_t skipped;   /* questions the format cannot hold at all */
    char dropped[240]; /* one line: "" or "dropped: feedback (3), titles (2), ..." */
};

/*
 * Writes questions in format (not BANK). *out is NUL-terminated, caller frees
 * it with free(); *out_len (may be NULL) receives its length; report (may be
 * NULL) says what was lost.
 */
int recite_format_emit(char **out, size_t *out_len, enum recite_format format,
                       const struct recite_questions *qs, struct recite_format_report *report,
                       struct recite_error *err);

/*
 * All or nothing: reads text in format (BANK too) into a validated bank with
 * id bank_id (ignored for BANK, whose text names its id). Any problem makes
 * it fail with RECITE_EDATA and *out NULL; every problem is in diags. An
 * Anki package (APKG) is refused with RECITE_EUSAGE: its collection is a
 * database, read by recite_import_file_read().
 */
int recite_format_parse(struct recite_bank **out, enum recite_format format, const char *text,
                        size_t len, const char *bank_id, struct recite_diags *diags,
                        struct recite_error *err);

/*
 * The bank id a file of an interchange format gets from its name: the stem
 * of the file name (up to the first '.'), other characters than letters,
 * digits, '-' and '_' as '-' ("moodle/examples.txt" gives "examples").
 * size should be at least 64; the id is cut to fit.
 */
void recite_format_bank_id(char *id, size_t size, const char *path);

/*
 * Reads the file at path: format as given, or detected when format < 0; the
 * bank id is bank_id, or (when NULL) derived from the file name. As
 * recite_format_parse().
 */
int recite_format_load(struct recite_bank **out, const char *path, int format,
                       const char *bank_id, struct recite_diags *diags,
                       struct recite_error *err);

/* Writes bank in format (BANK gives the canonical text). As recite_format_emit(). */
int recite_format_write(char **out, size_t *out_len, enum recite_format format,
                        const struct recite_bank *bank, struct recite_format_report *report,
                        struct recite_error *err);

struct recite_store;
/*
 * bank (stored in st) as a modern Anki package (.apkg): a Cloze note per
 * cloze fact, a Basic note per other fact, each note's card with the state
 * and review log of the fact's first way of asking (docs/formats.md).
 * *out (caller frees) holds the zip archive; report says what was lost.
 */
int recite_anki_export(struct recite_store *st, const struct recite_bank *bank, int64_t now_ms,
                       unsigned char **out, size_t *out_len, struct recite_format_report *report,
                       struct recite_error *err);

/*
 * Text for display of an html-format question (Anki notes, GIFT [html]):
 * tags removed, <br> and </p> </div> </li> as line breaks, the entities
 * &amp; &lt; &gt; &quot; &#39; &nbsp; and numeric ones decoded. Caller
 * frees *out with free().
 */
int recite_format_plain_text(char **out, const char *html, struct recite_error *err);

#endif
