/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Binding a shared library's functions on first use (see dl.c). A user
 * lists its functions once in an X-macro and keeps them in a struct of
 * typed pointers, for example:
 *
 *     #define ZIP_FUNCTIONS(X) X(zip_open) X(zip_close)
 *     static struct { ZIP_FUNCTIONS(RECITE_DL_MEMBER) } zipfn;
 *     static const char *const names[] = {ZIP_FUNCTIONS(RECITE_DL_NAME)};
 *     void **const slots[] = {ZIP_FUNCTIONS(RECITE_DL_SLOT_OF_zipfn)};
 */
#ifndef RECITE_DL_H
#define RECITE_DL_H

#include <stdbool.h>
#include <stddef.h>

#define RECITE_DL_MEMBER(name) __typeof__(&name) name;
#define RECITE_DL_NAME(name) #name,

/*
 * Opens the library soname and sets *slots[i] to its function names[i], for
 * each of the n; false (why says why, NUL-terminated within why_size) when
 * the library or a function is missing.
 */
bool recite_dl_bind(const char *soname, const char *const names[], void **const slots[], size_t n,
                    char *why, size_t why_size);

#endif
