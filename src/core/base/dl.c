/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Libraries opened on first use (dlopen) instead of linked: a library that
 * few commands need (libzip, hunspell, libxml2) would otherwise cost every
 * command the binding of its symbols, and of its own dependencies, at start.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "dl.h"

static pthread_mutex_t dl_lock = PTHREAD_MUTEX_INITIALIZER;

static bool bind_all(struct recite_dl *lib)
{
    void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *e = dlerror();
        snprintf(lib->why, sizeof(lib->why), "%s", e ? e : lib->soname);
        return false;
    }
    for (size_t i = 0; i < lib->count; i++) {
        *lib->slots[i] = dlsym(handle, lib->names[i]);
        if (!*lib->slots[i]) {
            snprintf(lib->why, sizeof(lib->why), "%s has no %s", lib->soname, lib->names[i]);
            return false; /* the library stays loaded: it is small next to a failed run */
        }
    }
    return true;
}

bool recite_dl_ready(struct recite_dl *lib)
{
    pthread_mutex_lock(&dl_lock);
    if (!lib->tried) {
        lib->ok = bind_all(lib);
        lib->tried = true;
    }
    bool ok = lib->ok;
    pthread_mutex_unlock(&dl_lock);
    return ok;
}
