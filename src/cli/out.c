/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one place that prints errors and turns library codes into exit
 * statuses (sysexits), so every command reports failures the same way.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

__attribute__((format(printf, 2, 0))) static void vmessage(const char *prefix, const char *fmt,
                                                         va_list ap)
{
    fflush(stdout);
    fputs("recite: ", stderr);
    fputs(prefix, stderr);
    /* Messages quote banks, documents and score files: text from outside,
     * so it goes through the sanitiser like everything else shown. */
    char buf[1024];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(buf, sizeof(buf), fmt, copy);
    va_end(copy);
    char *text = buf;
    if (n >= (int)sizeof(buf) && (text = malloc((size_t)n + 1)) != NULL)
        vsnprintf(text, (size_t)n + 1, fmt, ap);
    if (n >= 0 && text) {
        char *safe = cli_sanitize(text, strlen(text), true);
        fputs(safe ? safe : "(out of memory)", stderr);
        free(safe);
    }
    if (text != buf)
        free(text);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

int cli_exit_status(int code)
{
    switch (code) {
    case RECITE_OK:
        return CLI_EXIT_OK;
    case RECITE_EIO:
        return CLI_EXIT_IOERR;
    case RECITE_EDATA:
    case RECITE_EVERSION:
        return CLI_EXIT_DATAERR;
    case RECITE_ENOTFOUND:
        return CLI_EXIT_NOINPUT;
    case RECITE_EUSAGE:
        return CLI_EXIT_USAGE;
    case RECITE_EVERIFY:
        return CLI_EXIT_FAIL;
    case RECITE_EEXISTS:
    case RECITE_ECREATE:
        return CLI_EXIT_CANTCREAT;
    case RECITE_EBUSY:
        return CLI_EXIT_TEMPFAIL;
    default:
        return CLI_EXIT_SOFTWARE;
    }
}

int cli_report(const struct recite_error *err)
{
    char *safe = cli_sanitize(err->msg, strnlen(err->msg, sizeof(err->msg)), false);
    cli_error("%s", safe ? safe : err->msg);
    free(safe);
    return cli_exit_status(err->code);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    fprintf(stderr, "see 'recite %s%s--help'\n", command ? command : "", command ? " " : "");
    return CLI_EXIT_USAGE;
}
