/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Binding a shared library's functions on first use (see dl.c). A user
 * lists its functions once in an X-macro, keeps them in a struct of typed
 * pointers, and describes the library for recite_dl_ready():
 *
 *     #define ZIP_FUNCTIONS(X) X(zip_open) X(zip_close)
 *     static struct { ZIP_FUNCTIONS(RECITE_DL_MEMBER) } zipfn;
 *     #define ZIP_SLOT(name) RECITE_DL_SLOT(zipfn, name)
 *     static struct recite_dl zip_lib = RECITE_DL_INIT("libzip.so.4", ZIP_FUNCTIONS, ZIP_SLOT);
 *     ...
 *     if (!recite_dl_ready(&zip_lib)) -> zip_lib.why says why
 */
#ifndef RECITE_DL_H
#define RECITE_DL_H

#include <stdbool.h>
#include <stddef.h>

#define RECITE_DL_MEMBER(name) __typeof__(&name) name;
#define RECITE_DL_NAME(name) #name,
#define RECITE_DL_SLOT(table, name) (void **)&table.name,

/* A library to open on first use, and the functions to take from it. */
struct recite_dl {
    const char *soname;
    const char *const *names; /* the functions' names ... */
    void **const *slots;      /* ... and where each goes */
    size_t count;
    bool tried, ok;
    char why[200]; /* why it could not be opened, when it could not */
};

#define RECITE_DL_INIT(soname, functions, slot)                                                    \
    {                                                                                              \
        (soname), (const char *const[]){functions(RECITE_DL_NAME)},                                \
            (void **const[]){functions(slot)},                                                     \
            sizeof((const char *const[]){functions(RECITE_DL_NAME)}) / sizeof(const char *), false, \
            false, ""                                                                              \
    }

/*
 * Opens lib's library and binds its functions the first time it is asked
 * (once for all threads); whether they are bound. When not, lib->why says
 * why (the library or a function is missing).
 */
bool recite_dl_ready(struct recite_dl *lib);

#endif
