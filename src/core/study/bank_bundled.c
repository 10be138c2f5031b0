/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * First run: the banks shipped with recite are imported into an empty
 * database, so a student's first `recite` has something to review. The
 * directory is $RECITE_BANKS_DIR, else the installed data directory, else
 * banks/ of the source tree (for a build that was never installed).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "recite/bank.h"
#include "recite/common.h"
#include "recite/store.h"

#ifndef RECITE_DATA_BANKS_DIR
#define RECITE_DATA_BANKS_DIR "/usr/local/share/recite/banks"
#endif
#ifndef RECITE_SOURCE_BANKS_DIR
#define RECITE_SOURCE_BANKS_DIR "banks"
#endif

static bool is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static const char *bundled_dir(void)
{
    const char *env = getenv("RECITE_BANKS_DIR");
    if (env && *env)
        return env;
    if (is_dir(RECITE_DATA_BANKS_DIR))
        return RECITE_DATA_BANKS_DIR;
    return RECITE_SOURCE_BANKS_DIR;
}

static bool has_bank_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".bank") == 0 && name[0] != '.';
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void paths_free(char **paths, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
}

/* The *.bank files of dir, sorted by name. A missing directory gives none. */
static int list_banks(char ***out, size_t *out_count, const char *dir, struct recite_error *err)
{
    *out = NULL;
    *out_count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **paths = NULL;
    size_t n = 0;
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        if (!has_bank_suffix(e->d_name))
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char **grown = realloc(paths, (n + 1) * sizeof(*grown));
        char *path = malloc(len);
        if (!grown || !path) {
            free(path);
            paths = grown ? grown : paths;
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
            break;
        }
        paths = grown;
        snprintf(path, len, "%s/%s", dir, e->d_name);
        paths[n++] = path;
    }
    closedir(d);
    if (rc < 0) {
        paths_free(paths, n);
        return rc;
    }
    qsort(paths, n, sizeof(*paths), name_cmp);
    *out = paths;
    *out_count = n;
    return 0;
}

int recite_bank_first_run(struct recite_store *st, int64_t now_ms, size_t *out_imported,
                          struct recite_error *err)
{
    size_t stored = 0;
    if (out_imported)
        *out_imported = 0;
    int rc = recite_store_bank_count(st, &stored, err);
    if (rc < 0 || stored > 0)
        return rc;
    char **paths = NULL;
    size_t count = 0;
    if ((rc = list_banks(&paths, &count, bundled_dir(), err)) < 0 || count == 0)
        return rc;
    rc = recite_bank_import_files(st, (const char *const *)paths, count, now_ms, NULL, NULL,
                                  NULL, err);
    paths_free(paths, count);
    if (rc == 0 && out_imported)
        *out_imported = count;
    return rc;
}
