/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Interchange formats: names, detection, dispatch to the readers and
 * writers, and the mapping between interchange questions and `question`
 * facts (docs/formats.md, "Questions in a bank").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "aiken.h"
#include "ankitxt.h"
#include "bank_internal.h"
#include "csv.h"
#include "formats_internal.h"
#include "gift.h"

static const char *const format_names[RECITE_FORMAT_COUNT] = {"bank", "gift", "aiken", "anki",
                                                              "csv",  "apkg"};

const char *recite_format_name(enum recite_format format)
{
    return (unsigned)format < RECITE_FORMAT_COUNT ? format_names[format] : NULL;
}

int recite_format_from_name(const char *name)
{
    for (int i = 0; i < RECITE_FORMAT_COUNT; i++)
        if (strcasecmp(name, format_names[i]) == 0)
            return i;
    return -1;
}

/* ---- detection ---- */

static bool has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0;
}

/* Whether some line of text starts with prefix. */
static bool line_starts(const char *text, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < len;) {
        if (len - i >= n && memcmp(text + i, prefix, n) == 0)
            return true;
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl)
            break;
        i = (size_t)(nl - text) + 1;
    }
    return false;
}

static bool anki_header(const char *text, size_t len)
{
    static const char *const heads[] = {"#separator:", "#html:",     "#tags:", "#columns:",
                                        "#notetype",   "#deck",      "#guid column:",
                                        "tags:"};
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
        size_t n = strlen(heads[i]);
        if (len >= n && strncasecmp(text, heads[i], n) == 0)
            return true;
    }
    return false;
}

/* A `bank ID` line before anything but comments and blank lines. */
static bool bank_header(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (text[i] == '#' || text[i] == '\n' || text[i] == '\r') {
            const char *nl = memchr(text + i, '\n', len - i);
            if (!nl)
                return false;
            i = (size_t)(nl - text) + 1;
            continue;
        }
        return len - i > 5 && memcmp(text + i, "bank ", 5) == 0;
    }
    return false;
}

enum recite_format recite_format_detect(const char *path, const char *text, size_t len)
{
    if (len >= 4 && (memcmp(text, "PK\x03\x04", 4) == 0 || memcmp(text, "PK\x05\x06", 4) == 0))
        return RECITE_FORMAT_APKG;
    if (path) {
        if (has_ext(path, ".apkg") || has_ext(path, ".colpkg"))
            return RECITE_FORMAT_APKG;
        if (has_ext(path, ".bank"))
            return RECITE_FORMAT_BANK;
        if (has_ext(path, ".gift"))
            return RECITE_FORMAT_GIFT;
        if (has_ext(path, ".aiken"))
            return RECITE_FORMAT_AIKEN;
        if (has_ext(path, ".csv"))
            return RECITE_FORMAT_CSV;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    if (bank_header(text, len))
        return RECITE_FORMAT_BANK;
    if (anki_header(text, len))
        return RECITE_FORMAT_ANKI;
    bool braces = memchr(text, '{', len) != NULL;
    if (!braces && line_starts(text, len, "ANSWER:"))
        return RECITE_FORMAT_AIKEN;
    if (braces)
        return RECITE_FORMAT_GIFT;
    if (memchr(text, '\t', len))
        return RECITE_FORMAT_ANKI;
    return RECITE_FORMAT_GIFT;
}

/* ---- reading and writing questions ---- */

/*
 * Text that a bank cannot hold is refused before reading: invalid UTF-8 and
 * control characters other than tab, CR and LF. Reports the first one.
 */
static bool text_acceptable(const char *text, size_t len, struct fmt_sink *sink)
{
    unsigned line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n < 0) {
            fmt_problem(sink, line, col, "invalid UTF-8 at byte offset %zu", i);
            return false;
        }
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            (cp >= 0x7F && cp <= 0x9F)) {
            fmt_problem(sink, line, col, "control character U+%04X", (unsigned)cp);
            return false;
        }
        col += (unsigned)n;
        if (cp == '\n') {
            line++;
            col = 1;
        }
        i += (size_t)n;
    }
    return true;
}

int recite_format_read(struct recite_questions *out, enum recite_format format, const char *text,
                       size_t len, struct recite_diags *diags, struct recite_error *err)
{
    struct fmt_sink sink = {.diags = diags, .err = err};
    int rc;
    if (format > RECITE_FORMAT_BANK && format < RECITE_FORMAT_COUNT &&
        !text_acceptable(text, len, &sink))
        return sink.oom ? recite_error_set(err, RECITE_ENOMEM, "out of memory") : RECITE_EDATA;
    switch (format) {
    case RECITE_FORMAT_GIFT:
        rc = gift_read(out, text, len, &sink);
        break;
    case RECITE_FORMAT_AIKEN:
        rc = aiken_read(out, text, len, &sink);
        break;
    case RECITE_FORMAT_ANKI:
        rc = ankitxt_read(out, text, len, &sink);
        break;
    case RECITE_FORMAT_CSV:
        rc = csv_read(out, text, len, &sink);
        break;
    default:
        return recite_error_set(err, RECITE_EUSAGE, "format '%s' has no question reader",
                                recite_format_name(format) ? recite_format_name(format) : "?");
    }
    if (rc < 0 || sink.oom)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    return sink.count ? RECITE_EDATA : 0;
}

int recite_format_emit(char **out, size_t *out_len, enum recite_format format,
                       const struct recite_questions *qs, struct recite_format_report *report,
                       struct recite_error *err)
{
    struct recite_buf b = {0};
    struct fmt_losses losses = {0};
    size_t skipped = 0;
    switch (format) {
    case RECITE_FORMAT_GIFT:
        gift_write(&b, qs, &losses, &skipped);
        break;
    case RECITE_FORMAT_AIKEN:
        aiken_write(&b, qs, &losses, &skipped);
        break;
    case RECITE_FORMAT_ANKI:
        ankitxt_write(&b, qs, &losses, &skipped);
        break;
    case RECITE_FORMAT_CSV:
        csv_write(&b, qs, &losses, &skipped);
        break;
    default:
        return recite_error_set(err, RECITE_EUSAGE, "format '%s' has no question writer",
                                recite_format_name(format) ? recite_format_name(format) : "?");
    }
    losses.n[FMT_LOSS_KIND] = skipped;
    fmt_report_fill(report, &losses, qs->count - skipped, skipped);
    return recite_buf_finish(&b, out, out_len, err);
}
