/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The terminal: colour policy, width, and the sanitiser that every piece of
 * untrusted text (banks, documents, score files) passes through before it is
 * printed, so no file can move the cursor, retitle the window or hide text.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <utf8proc.h>

#include "cmd.h"

bool cli_is_tty(FILE *stream)
{
    /* Asked before every line of a session: the standard streams are asked once. */
    static signed char known[3] = {-1, -1, -1};
    int fd = fileno(stream);
    if (fd < 0 || fd > 2)
        return isatty(fd);
    if (known[fd] < 0)
        known[fd] = isatty(fd) ? 1 : 0;
    return known[fd] == 1;
}

bool cli_color(FILE *stream)
{
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return cli_is_tty(stream);
}

int cli_term_width(FILE *stream)
{
    struct winsize ws;
    if (cli_is_tty(stream) && ioctl(fileno(stream), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *columns = getenv("COLUMNS");
    if (columns) {
        long n = strtol(columns, NULL, 10);
        if (n >= 20 && n <= 1000)
            return (int)n;
    }
    return 80;
}

/* Length of the escape sequence starting at s[0] == ESC, within n bytes. */
static size_t escape_length(const unsigned char *s, size_t n)
{
    if (n < 2)
        return n;
    size_t i = 2;
    switch (s[1]) {
    case '[': /* CSI: parameters and intermediates, then a final byte */
        while (i < n && !(s[i] >= 0x40 && s[i] <= 0x7e))
            i++;
        return i < n ? i + 1 : n;
    case ']': /* OSC, DCS, SOS, PM, APC: up to BEL or ESC \ */
    case 'P':
    case 'X':
    case '^':
    case '_':
        while (i < n && s[i] != 0x07 && !(s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\'))
            i++;
        if (i < n && s[i] == 0x07)
            return i + 1;
        return i < n ? i + 2 : n;
    default: /* two-byte sequences such as ESC c (reset) */
        return 2;
    }
}

/*
 * Format characters (Cf) are invisible: bidirectional controls reorder what
 * is shown (Trojan Source), zero-width spaces and joiners, byte order marks
 * and Unicode tags hide text or make two strings look the same.
 */
static bool is_hidden(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF;
}

char *cli_sanitize(const char *text, size_t len, bool keep_newlines)
{
    /* Every input byte yields at most 3 output bytes (U+FFFD). */
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, o = 0;
    while (i < len) {
        if (s[i] == 0x1b) {
            i += escape_length(s + i, len - i);
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
        if (n < 1) {
            c = 0xfffd;
            n = 1;
        }
        i += (size_t)n;
        if (c == '\n' || c == '\t' || c == 0x2028 || c == 0x2029) {
            out[o++] = c == '\n' && keep_newlines ? '\n' : ' ';
            continue;
        }
        if (is_hidden(c))
            continue;
        o += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + o);
    }
    out[o] = '\0';
    return out;
}

void cli_put_safe(FILE *out, const char *text)
{
    if (!text)
        return;
    char *safe = cli_sanitize(text, strlen(text), false);
    if (safe) {
        fputs(safe, out);
        free(safe);
    }
}

void cli_put_safe_width(FILE *out, const char *text, int width)
{
    char *safe = cli_sanitize(text ? text : "", text ? strlen(text) : 0, false);
    if (!safe)
        return;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)safe;
    int used = 0;
    size_t i = 0, len = strlen(safe), cut = len;
    int cut_used = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
        if (n < 1)
            break;
        int w = utf8proc_charwidth(c);
        if (used + w > width - 1 && cut == len) {
            cut = i; /* room for the ellipsis if the rest does not fit */
            cut_used = used;
        }
        if (used + w > width) {
            fwrite(safe, 1, cut, out);
            fputs("\xe2\x80\xa6", out); /* U+2026 HORIZONTAL ELLIPSIS */
            used = cut_used + 1;
            goto pad;
        }
        used += w;
        i += (size_t)n;
    }
    fputs(safe, out);
pad:
    for (; used < width; used++)
        fputc(' ', out);
    free(safe);
}

/* Columns of the code point at s (len bytes left); *n receives its length in bytes. */
static int char_columns(const utf8proc_uint8_t *s, size_t len, size_t *n)
{
    if (s[0] >= 0x20 && s[0] < 0x7f) /* printable ASCII: one column */
        return (*n = 1), 1;
    utf8proc_int32_t c;
    utf8proc_ssize_t got = utf8proc_iterate(s, (utf8proc_ssize_t)len, &c);
    *n = got < 1 ? 1 : (size_t)got;
    int w = got < 1 ? 1 : utf8proc_charwidth(c);
    return w < 0 ? 0 : w;
}

/* Where a line being written stands. */
struct wrap_line {
    FILE *out;
    int width;  /* terminal columns */
    int indent; /* columns a wrapped line starts with */
    int col;    /* the cursor's column */
    bool blank; /* nothing written since the line began */
};

static void wrap_break(struct wrap_line *w)
{
    fputc('\n', w->out);
    for (w->col = 0; w->col < w->indent; w->col++)
        fputc(' ', w->out);
    w->blank = true;
}

/* Writes one word of len bytes, cut where it is wider than a whole line. */
static void wrap_word(struct wrap_line *w, const char *word, size_t len, int columns)
{
    if (!w->blank && w->col + columns > w->width)
        wrap_break(w);
    if (w->col + columns <= w->width) { /* the word fits: written at once */
        fwrite(word, 1, len, w->out);
        w->col += columns;
        w->blank = w->blank && len == 0;
        return;
    }
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)word;
    for (size_t i = 0, n; i < len; i += n) {
        int cw = char_columns(s + i, len - i, &n);
        if (w->col + cw > w->width && !w->blank)
            wrap_break(w);
        fwrite(word + i, 1, n, w->out);
        w->col += cw;
        w->blank = false;
    }
}

int cli_put_wrapped(FILE *out, const char *text, int col, int indent, bool keep_newlines)
{
    char *safe = cli_sanitize(text ? text : "", text ? strlen(text) : 0, keep_newlines);
    if (!safe)
        return col;
    int width = cli_term_width(out);
    struct wrap_line w = {out, width, indent > width - 20 ? 0 : indent, col, col == 0};
    size_t spaces = 0;
    for (const char *p = safe; *p;) {
        if (*p == ' ') {
            spaces++;
            p++;
            continue;
        }
        if (*p == '\n') {
            fputc(*p++, out);
            w.col = 0;
            w.blank = true;
            spaces = 0;
            continue;
        }
        size_t len = strcspn(p, " \n"), n;
        int columns = 0;
        for (size_t i = 0; i < len; i += n)
            columns += char_columns((const utf8proc_uint8_t *)p + i, len - i, &n);
        /* Spaces before a word stay as they were, unless the line breaks there. */
        if (spaces > 0 && !w.blank && w.col + (int)spaces + columns > width) {
            wrap_break(&w);
        } else {
            for (; spaces > 0 && w.col < width; spaces--, w.col++)
                fputc(' ', out);
        }
        spaces = 0;
        wrap_word(&w, p, len, columns);
        p += len;
    }
    free(safe);
    return w.col;
}
