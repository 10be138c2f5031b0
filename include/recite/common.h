/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared vocabulary of the core library: error codes, the caller-owned error
 * buffer, the clock and a few string helpers. Included through recite.h.
 */
#ifndef RECITE_COMMON_H
#define RECITE_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Return codes: 0 on success, one of these (negative) otherwise. */
enum {
    RECITE_OK = 0,
    RECITE_ENOMEM = -1,    /* out of memory */
    RECITE_EIO = -2,       /* reading or writing a file failed */
    RECITE_EDATA = -3,     /* input is malformed (bank, document, database) */
    RECITE_ENOTFOUND = -4, /* a named thing (file, bank, card) does not exist */
    RECITE_EUSAGE = -5,    /* an argument is out of range */
    RECITE_EINTERNAL = -6, /* a bug or an unexpected library failure */
    RECITE_EVERIFY = -7,   /* a signature or score file failed verification */
    RECITE_EEXISTS = -8,   /* refusing to overwrite something */
    RECITE_ECREATE = -9,   /* an output cannot be created */
    RECITE_EVERSION = -10, /* data written by a newer recite */
    RECITE_EBUSY = -11,    /* the database stayed locked */
};

/*
 * Longest accepted bank id, fact key, source id or tag, in bytes: lint and
 * import refuse a longer one, so every stored key fits a card row.
 */
#define RECITE_BANK_MAX_KEY 512

/* Caller-owned error details: set by a failing call, left alone on success. */
struct recite_error {
    int code;      /* the RECITE_E* value that was returned */
    char msg[256]; /* human-readable, lowercase, no final period */
};

/*
 * Records code and a printf-style message in err (which may be NULL) and
 * returns code, so a failing path can read `return recite_error_set(...)`.
 */
int recite_error_set(struct recite_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Clears err to "no error". */
void recite_error_clear(struct recite_error *err);

/* The library version, e.g. "0.1.0". Static storage. */
const char *recite_version(void);

/*
 * The current time in Unix milliseconds (UTC). When the environment variable
 * RECITE_NOW holds an ISO 8601 instant, that instant is returned instead, so
 * tests and transcripts are reproducible. Returns 0 or RECITE_EUSAGE when
 * RECITE_NOW is set but unreadable.
 */
int recite_now_ms(int64_t *out, struct recite_error *err);

/* The Gregorian calendar: month names ("January"... and "Jan"..., NULL-ended) and lengths. */
extern const char *const recite_month_names[13];
extern const char *const recite_month_abbrevs[13];
bool recite_is_leap_year(int year);
/* Days in month (1..12) of year; 0 for a month out of range. */
int recite_days_in_month(int year, int month);

/*
 * Parses an ISO 8601 instant: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.fff]] with an
 * optional Z or +HH:MM / -HH:MM offset (no offset means UTC). Returns 0 or
 * RECITE_EDATA.
 */
int recite_time_parse(int64_t *out_ms, const char *text);

/* Formats ms as "YYYY-MM-DDTHH:MM:SS.fffZ" into buf (at least 25 bytes). */
void recite_time_format(char *buf, size_t size, int64_t ms);

/* Days since 1970-01-01 (UTC) <-> civil date; valid for the proleptic Gregorian calendar. */
int64_t recite_days_from_civil(int64_t year, unsigned month, unsigned day);
void recite_civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day);

/*
 * Event dates. `when:` is YYYY, YYYY-MM, YYYY-MM-DD or YYYY..YYYY (a range
 * of whole years, first < last). Banks, documents and answers share them.
 */
struct recite_date {
    int year;      /* first year */
    int month;     /* 1..12, 0 when not given */
    int day;       /* 1..31, 0 when not given */
    int end_year;  /* last year of a range, 0 when not a range */
};
/* Parses text as a `when:` value; RECITE_EDATA with a reason in err. */
int recite_date_parse(struct recite_date *out, const char *text, struct recite_error *err);

/*
 * The days (since 1970-01-01) a date covers: one day, a whole month, a whole
 * year or a range of whole years. An all-zero date gives the days of year 0.
 */
void recite_date_days(const struct recite_date *date, int64_t *out_first, int64_t *out_last);

/* 64 random bits from the system's generator (for seeds and ids, via libsodium). */
uint64_t recite_random_u64(void);

/* strdup that reports NULL on NULL input. Caller frees with free(). */
char *recite_strdup(const char *s);

/*
 * The strings up to the terminating NULL, joined into one new string
 * ("dir", "/", "name", ".minisig", NULL); NULL when memory runs out. Caller
 * frees with free().
 */
char *recite_strjoin(const char *first, ...) __attribute__((sentinel));

/*
 * Untrusted text (text.c). Printable text is valid UTF-8 without control
 * (Cc) or format (Cf) characters: format characters are the invisible ones,
 * zero-width spaces and joiners, byte order marks, Unicode tags and the
 * bidirectional controls that can reorder what a reader sees.
 */
/* The offset of the first byte of len that is not printable text, or len. */
size_t recite_text_check(const char *text, size_t len);
/*
 * A printable copy: every byte of an invalid sequence, a control or a
 * format character becomes "\xNN"; printable text is kept as it is, so
 * escaping twice changes nothing. Caller frees with free(); NULL without
 * memory.
 */
char *recite_text_escape(const char *text, size_t len);
/*
 * JSON text (as jansson writes it, valid UTF-8) with every format character
 * written as a \uXXXX escape, so none reaches a terminal that shows the
 * document. Caller frees with free(); NULL without memory.
 */
char *recite_json_escape_format(const char *json);

#endif
