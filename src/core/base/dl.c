/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Libraries opened on first use (dlopen) instead of linked: a library that
 * few commands need (libzip, hunspell) would otherwise cost every command
 * the binding of its symbols, and of its own dependencies, at start.
 */
#include <dlfcn.h>
#include <stdio.h>

#include "dl.h"

bool recite_dl_bind(const char *soname, const char *const names[], void **const slots[], size_t n,
                    char *why, size_t why_size)
{
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        snprintf(why, why_size, "%s", e ? e : soname);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        *slots[i] = dlsym(lib, names[i]);
        if (!*slots[i]) {
            snprintf(why, why_size, "%s has no %s", soname, names[i]);
            return false; /* the library stays loaded: it is small next to a failed run */
        }
    }
    return true;
}
