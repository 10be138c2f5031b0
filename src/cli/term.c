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

bool cli_color(FILE *stream)
{
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fileno(stream));
}

int cli_term_width(FILE *stream)
{
    struct winsize ws;
    if (isatty(fileno(stream)) && ioctl(fileno(stream), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
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

/* Format characters that reorder or hide text (Trojan Source). */
static bool is_bidi_control(utf8proc_int32_t c)
{
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
           c == 0x200f || c == 0x061c;
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
        if (utf8proc_category(c) == UTF8PROC_CATEGORY_CC || is_bidi_control(c))
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
